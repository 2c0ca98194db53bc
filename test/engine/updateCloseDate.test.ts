import { describe, expect, it } from 'vitest';
import { updateCloseDate } from '../../src/index.js';
import { hours, makeDeal, snapshot } from './_fixtures.js';

describe('updateCloseDate', () => {
  it('sets, pushes and clears the expected close date, recording close_date_changed', () => {
    const deal = makeDeal();
    const before = snapshot(deal);
    const set = updateCloseDate(deal, '2026-06-30', { at: hours(1) });
    expect(snapshot(deal)).toBe(before);
    if (!set.ok) throw new Error('refused');
    expect(set.events).toEqual([{ type: 'close_date_changed', seq: 2, at: hours(1), from: null, to: '2026-06-30' }]);
    const pushed = updateCloseDate(set.opportunity, '2026-09-30', { at: hours(2) });
    if (!pushed.ok) throw new Error('refused');
    expect(pushed.events[0]).toMatchObject({ from: '2026-06-30', to: '2026-09-30' });
    const cleared = updateCloseDate(pushed.opportunity, null, { at: hours(3) });
    if (!cleared.ok) throw new Error('refused');
    expect('expectedCloseDate' in cleared.opportunity).toBe(false);
    expect(cleared.events[0]).toMatchObject({ from: '2026-09-30', to: null });
    expect(cleared.opportunity.history.map((e) => e.type)).toEqual(['created', 'close_date_changed', 'close_date_changed', 'close_date_changed']);
  });

  it('the same date succeeds with no event', () => {
    const r = updateCloseDate(makeDeal({ expectedCloseDate: '2026-06-30' }), '2026-06-30', { at: hours(1) });
    expect(r.ok && r.events).toEqual([]);
  });

  it('refuses dates that are not on the calendar, in both locales', () => {
    const en = updateCloseDate(makeDeal(), '2027-02-29', { at: hours(1) });
    expect(!en.ok && en.issues.map((i) => [i.code, i.message])).toEqual([['invalid_plain_date', 'Invalid calendar date "2027-02-29"; expected YYYY-MM-DD.']]);
    const zh = updateCloseDate(makeDeal(), '2026/06/30', { at: hours(1), locale: 'zh-CN' });
    expect(!zh.ok && zh.issues[0]?.message).toBe('日期“2026/06/30”无效，应为 YYYY-MM-DD 格式，如 2026-03-31。');
  });
});
