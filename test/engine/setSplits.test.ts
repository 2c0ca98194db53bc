import { describe, expect, it } from 'vitest';
import { setSplits, type Opportunity } from '../../src/index.js';
import { hours, makeDeal, snapshot, thrown } from './_fixtures.js';


const at = hours(1);

/** The `invalid_command` issue of split `index`'s owner id (`zh`: rendered in zh-CN). */
const badOwner = (index: number, zh = false) => ({
  code: 'invalid_command',
  params: {
    reason: { code: 'split_owner', params: { index }, en: `split ${index} needs a non-empty owner id`, 'zh-CN': `第 ${index + 1} 项指标分割需要非空的负责人 ID` },
    field: 'ownerId',
  },
  message: zh ? `无效命令：第 ${index + 1} 项指标分割需要非空的负责人 ID。` : `Invalid command: split ${index} needs a non-empty owner id.`,
  path: ['splits', index, 'ownerId'],
});

/** The `invalid_command` issue of split `index`'s share. */
const badShare = (index: number) => ({
  code: 'invalid_command',
  params: {
    reason: {
      code: 'split_basis_points',
      params: { index },
      en: `split ${index} needs basisPoints as a whole number from 0 to 10000`,
      'zh-CN': `第 ${index + 1} 项指标分割的 basisPoints 必须是 0 到 10000 之间的整数`,
    },
    field: 'basisPoints',
  },
  message: `Invalid command: split ${index} needs basisPoints as a whole number from 0 to 10000.`,
  path: ['splits', index, 'basisPoints'],
});

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

  it('needs `at`: without it (options left out or empty) it throws invalid_option', () => {
    for (const options of [undefined, {}]) {
      const e = thrown(() => setSplits(makeDeal(), null, options as never));
      expect([e.code, e.params, e.message]).toEqual([
        'invalid_option',
        { option: 'at', reason: { code: 'at_required', en: 'is required: pass the time of the change', 'zh-CN': '必须提供：请传入变更发生的时间' } },
        'Invalid option "at": is required: pass the time of the change.',
      ]);
    }
  });

  it('splits that are neither an array nor null are refused at path splits', () => {
    for (const splits of [undefined, {}, 'rep-li', 10_000, { 0: { ownerId: 'rep-li', basisPoints: 10_000 }, length: 1 }]) {
      expect(setSplits(makeDeal(), splits as never, { at })).toEqual({
        ok: false,
        issues: [
          {
            code: 'invalid_command',
            params: { reason: { code: 'splits_shape', en: 'splits must be an array or null', 'zh-CN': '指标分割（splits）必须是数组或 null' }, field: 'splits' },
            message: 'Invalid command: splits must be an array or null.',
            path: ['splits'],
          },
        ],
      });
    }
  });

  it('an entry that is not an object has neither an owner nor a share', () => {
    const r = setSplits(makeDeal(), [null, undefined, { ownerId: 'rep-li', basisPoints: 10_000 }] as never, { at, locale: 'zh-CN' });
    expect(r).toEqual({ ok: false, issues: [badOwner(0, true), { ...badShare(0), message: '无效命令：第 1 项指标分割的 basisPoints 必须是 0 到 10000 之间的整数。' }, badOwner(1, true), { ...badShare(1), message: '无效命令：第 2 项指标分割的 basisPoints 必须是 0 到 10000 之间的整数。' }] });
  });

  it('owner ids must be non-empty strings', () => {
    const r = setSplits(
      makeDeal(),
      [
        { ownerId: 42, basisPoints: 5000 },
        { basisPoints: 5000 },
      ] as never,
      { at },
    );
    expect(r).toEqual({ ok: false, issues: [badOwner(0), badOwner(1)] });
  });

  it('shares are whole numbers from 0 to 10 000: 10 001 and −1 are refused even though they add up to 10 000', () => {
    const r = setSplits(
      makeDeal(),
      [
        { ownerId: 'rep-zhang', basisPoints: 10_001 },
        { ownerId: 'rep-li', basisPoints: -1 },
      ],
      { at },
    );
    // No splits_total next to a malformed share: the total of malformed shares means nothing.
    expect(r).toEqual({ ok: false, issues: [badShare(0), badShare(1)] });
    const odd = setSplits(
      makeDeal(),
      [
        { ownerId: 'rep-zhang', basisPoints: '6000' },
        { ownerId: 'rep-li', basisPoints: Number.NaN },
        { ownerId: 'rep-wang', basisPoints: 2 ** 53 },
      ] as never,
      { at },
    );
    expect(odd).toEqual({ ok: false, issues: [badShare(0), badShare(1), badShare(2)] });
  });

  it('a share of 0 and a single share of 10 000 are accepted', () => {
    const splits = [
      { ownerId: 'rep-zhang', basisPoints: 10_000 },
      { ownerId: 'rep-li', basisPoints: 0 },
    ];
    const r = setSplits(makeDeal(), splits, { at, by: 'manager-wang' });
    expect(r.ok && [r.opportunity.splits, r.events]).toEqual([splits, [{ type: 'splits_changed', seq: 2, at, by: 'manager-wang', to: splits }]]);
  });

  it('a wrong total is reported next to other issues, as long as every share is well-formed', () => {
    // 5000 + 4000 = 9000, and the same owner twice.
    const r = setSplits(
      makeDeal(),
      [
        { ownerId: 'rep-zhang', basisPoints: 5000 },
        { ownerId: 'rep-zhang', basisPoints: 4000 },
      ],
      { at },
    );
    expect(r).toEqual({
      ok: false,
      issues: [
        { code: 'duplicate_split_owner', params: { ownerId: 'rep-zhang' }, message: 'Owner "rep-zhang" appears more than once in the splits.', path: ['splits', 1, 'ownerId'] },
        { code: 'splits_total', params: { total: 9000 }, message: 'Splits must add up to 10,000 basis points, not 9,000.', path: ['splits'] },
      ],
    });
    const early = setSplits(makeDeal(), [{ ownerId: 'rep-zhang', basisPoints: 9999 }], { at: hours(-1) });
    expect(!early.ok && early.issues.map((i) => [i.code, i.path])).toEqual([
      ['time_went_backwards', ['at']],
      ['splits_total', ['splits']],
    ]);
  });
});
