import { describe, expect, it } from 'vitest';
import { transferOwnership, transition } from '../../src/index.js';
import { hours, makeDeal, makePipeline, snapshot, thrown } from './_fixtures.js';


describe('transferOwnership (交接)', () => {
  it('records owner_changed { from, to } and sets the owner', () => {
    const deal = makeDeal();
    const before = snapshot(deal);
    const r = transferOwnership(deal, 'rep-li', { at: hours(1), by: 'manager-wang' });
    expect(snapshot(deal)).toBe(before);
    if (!r.ok) throw new Error('refused');
    expect(r.events).toEqual([{ type: 'owner_changed', seq: 2, at: hours(1), by: 'manager-wang', from: 'rep-zhang', to: 'rep-li' }]);
    expect(r.opportunity.ownerId).toBe('rep-li');
    expect(r.opportunity.history).toEqual([...deal.history, ...r.events]);
  });

  it('giving a deal to its owner succeeds with no event', () => {
    const r = transferOwnership(makeDeal(), 'rep-zhang', { at: hours(1) });
    expect(r.ok && r.events).toEqual([]);
  });

  it('refuses closed deals, empty owners and backwards time, all at once', () => {
    const lost = transition(makeDeal(), makePipeline(), { type: 'lose', reason: 'x' }, { at: hours(2) });
    if (!lost.ok) throw new Error('refused');
    const r = transferOwnership(lost.opportunity, '', { at: hours(1), locale: 'zh-CN' });
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(['time_went_backwards', 'opportunity_closed', 'invalid_command']);
    expect(!r.ok && r.issues[1]?.message).toBe('商机已输单，请先重新打开。');
  });

  it('needs `at`: without it (options left out or empty) it throws invalid_option, even for the same owner', () => {
    for (const options of [undefined, {}]) {
      const e = thrown(() => transferOwnership(makeDeal(), 'rep-zhang', options as never));
      expect([e.code, e.params, e.message]).toEqual([
        'invalid_option',
        { option: 'at', reason: { code: 'at_required', en: 'is required: pass the time of the change', 'zh-CN': '必须提供：请传入变更发生的时间' } },
        'Invalid option "at": is required: pass the time of the change.',
      ]);
    }
  });

  it('the new owner must be a non-empty string: the issue points at ownerId, in both locales', () => {
    const reason = { code: 'new_owner_id', en: 'the new owner must be a non-empty user id', 'zh-CN': '新负责人必须是非空的用户 ID' };
    for (const ownerId of ['', 42, null, undefined, ['rep-li']]) {
      expect(transferOwnership(makeDeal(), ownerId as never, { at: hours(1) })).toEqual({
        ok: false,
        issues: [{ code: 'invalid_command', params: { reason, field: 'ownerId' }, message: 'Invalid command: the new owner must be a non-empty user id.', path: ['ownerId'] }],
      });
    }
    const zh = transferOwnership(makeDeal(), 7 as never, { at: hours(1), locale: 'zh-CN' });
    expect(!zh.ok && zh.issues.map((i) => i.message)).toEqual(['无效命令：新负责人必须是非空的用户 ID。']);
  });
});
