import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/i18n/formatIssue.js';
import { makeIssue } from '../../src/i18n/makeIssue.js';

describe('formatIssue', () => {
  it('re-renders an issue in another locale from its code and params', () => {
    const issue = makeIssue('reason_required', { command: 'lose' }, { locale: 'en' });
    expect(issue.message).toBe('A reason is required to lose.');
    expect(formatIssue(issue, 'zh-CN')).toBe('输单需要填写原因。');
    expect(formatIssue(issue)).toBe('A reason is required to lose.');
  });

  it('renders an issue read back from JSON', () => {
    const stored = JSON.parse(JSON.stringify(makeIssue('opportunity_closed', { status: 'lost', stageId: 'lost' })));
    expect(formatIssue(stored, 'zh-CN')).toBe('商机已输单，请先重新打开。');
  });

  describe("a guard's detail", () => {
    const params = { guard: 'creditApproved', title: '通过信用审核' } as const;

    it('given in both locales renders in the reader’s locale', () => {
      const issue = makeIssue('guard_failed', { ...params, detail: { en: 'over the credit limit', 'zh-CN': '超出信用额度' } });
      expect(issue.message).toBe('Check "creditApproved" for key task "通过信用审核" did not pass: over the credit limit.');
      expect(formatIssue(issue, 'zh-CN')).toBe('关键任务“通过信用审核”未通过检查（creditApproved）：超出信用额度。');
    });

    it('given only in English falls back to it', () => {
      const issue = makeIssue('guard_failed', { ...params, detail: { en: 'over the credit limit' } });
      expect(formatIssue(issue, 'zh-CN')).toBe('关键任务“通过信用审核”未通过检查（creditApproved）：over the credit limit。');
    });

    it('as a 0.1-style string is appended as it is; none or empty adds nothing', () => {
      expect(formatIssue(makeIssue('guard_failed', { ...params, detail: ': credit limit 200000 < 250000' }))).toBe(
        'Check "creditApproved" for key task "通过信用审核" did not pass: credit limit 200000 < 250000.',
      );
      expect(formatIssue(makeIssue('guard_failed', { ...params, detail: '' }), 'zh-CN')).toBe('关键任务“通过信用审核”未通过检查（creditApproved）。');
      expect(formatIssue(makeIssue('guard_failed', params), 'zh-CN')).toBe('关键任务“通过信用审核”未通过检查（creditApproved）。');
    });
  });

  it('never throws on a malformed issue', () => {
    expect(formatIssue({ code: 'unknown_stage', params: null } as never)).toBe('Unknown stage "{stageId}".');
    expect(formatIssue(undefined as never)).toBe('');
  });
});
