import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../src/i18n/formatMessage.js';

describe('formatMessage', () => {
  it('fills placeholders and leaves missing ones visible', () => {
    expect(formatMessage('unknown_stage', { stageId: 'demo' })).toBe('Unknown stage "demo".');
    expect(formatMessage('unknown_stage', { stageId: 'demo' }, 'zh-CN')).toBe('未知阶段“demo”。');
    expect(formatMessage('unknown_stage', {} as never)).toBe('Unknown stage "{stageId}".');
    expect(formatMessage('no_open_stage', {})).toBe('A pipeline needs at least one open stage.');
  });

  it('formats enum words, money and days for the locale', () => {
    expect(formatMessage('reason_required', { command: 'lose' }, 'zh-CN')).toBe('输单需要填写原因。');
    expect(formatMessage('opportunity_closed', { status: 'won', stageId: 'won' }, 'zh-CN')).toBe('商机已赢单，请先重新打开。');
    expect(formatMessage('won_without_funnel_history', { amount: '1000000', currency: 'USD', days: 2 }, 'zh-CN')).toBe(
      '已赢单（100 万美元），但在漏斗各阶段累计停留时间：2 天，可能未按流程推进。',
    );
  });

  it('shows stage names when the params have them, ids otherwise', () => {
    const ids = { stageId: 'qualify', days: 40, threshold: 30, clock: 'stage_entry', rule: 'stage_threshold' } as const;
    expect(formatMessage('stalled', ids, 'zh-CN')).toBe('在“qualify”阶段已停留 40 天（按进入本阶段计），超过停滞上限 30 天。');
    expect(formatMessage('stalled', { ...ids, stageName: '需求确认' }, 'zh-CN')).toBe('在“需求确认”阶段已停留 40 天（按进入本阶段计），超过停滞上限 30 天。');
    expect(formatMessage('regressed', { from: 'proposal', to: 'lead', fromName: 'Proposal', toName: 'Lead' })).toBe('Moved back from "Proposal" to "Lead".');
  });
});
