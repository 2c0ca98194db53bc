import { describe, expect, it } from 'vitest';
import { setSplits, type Opportunity } from '../../src/index.js';
import { hours, makeDeal, snapshot } from './_fixtures.js';

const brief = (r: ReturnType<typeof setSplits>) => (r.ok ? [] : r.issues.map((i) => [i.code, (i.path ?? []).join('.')]));

describe('setSplits (联合跟进人/指标分割)', () => {
  it('sets shares that add up to 10 000 basis points and records splits_changed', () => {
    const deal = makeDeal();
    const before = snapshot(deal);
    const splits = [
      { ownerId: 'rep-zhang', basisPoints: 6000 },
      { ownerId: 'rep-li', basisPoints: 4000 },
    ];
    const r = setSplits(deal, splits, { at: hours(1) });
    expect(snapshot(deal)).toBe(before);
    if (!r.ok) throw new Error('refused');
    expect(r.opportunity.splits).toEqual(splits);
    expect(r.opportunity.splits).not.toBe(splits);
    expect(r.events).toEqual([{ type: 'splits_changed', seq: 2, at: hours(1), to: splits }]);
  });

  it('null removes the splits', () => {
    const withSplits = { ...makeDeal(), splits: [{ ownerId: 'rep-zhang', basisPoints: 10_000 }] } as Opportunity;
    const r = setSplits(withSplits, null, { at: hours(1) });
    if (!r.ok) throw new Error('refused');
    expect('splits' in r.opportunity).toBe(false);
    expect(r.events[0]).toMatchObject({ type: 'splits_changed', to: null });
  });

  it('6000 + 3000 = 9000 ≠ 10 000: splits_total, in both locales', () => {
    const splits = [
      { ownerId: 'rep-zhang', basisPoints: 6000 },
      { ownerId: 'rep-li', basisPoints: 3000 },
    ];
    const en = setSplits(makeDeal(), splits, { at: hours(1) });
    expect(brief(en)).toEqual([['splits_total', 'splits']]);
    expect(!en.ok && en.issues[0]?.message).toBe('Splits must add up to 10,000 basis points, not 9,000.');
    const zh = setSplits(makeDeal(), splits, { at: hours(1), locale: 'zh-CN' });
    expect(!zh.ok && zh.issues[0]?.message).toBe('指标分割比例合计须为 100%（10,000 基点），当前为 9,000 基点。');
  });

  it('duplicate owners and malformed shares are listed with their paths', () => {
    const r = setSplits(
      makeDeal(),
      [
        { ownerId: 'rep-zhang', basisPoints: 5000 },
        { ownerId: 'rep-zhang', basisPoints: 5000 },
        { ownerId: '', basisPoints: 0.5 },
      ],
      { at: hours(1) },
    );
    expect(brief(r)).toEqual([
      ['duplicate_split_owner', 'splits.1.ownerId'],
      ['invalid_command', 'splits.2.ownerId'],
      ['invalid_command', 'splits.2.basisPoints'],
    ]);
    expect(!r.ok && r.issues[0]?.message).toBe('Owner "rep-zhang" appears more than once in the splits.');
  });
});
