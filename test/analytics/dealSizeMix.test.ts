import { describe, expect, it } from 'vitest';
import { dealColumns, dealSizeMix, dealSizeMixAccumulator, money, type DealSizeBand, type DealSizeMixOptions, type Opportunity } from '../../src/index.js';
import { deal, pipeline, snapshotOf, uncheckedDeal } from './_fixtures.js';
import { fault, whole } from '../_errors.js';
import { expectDealsArgumentChecked } from './_dealsArgument.js';

const CNY = (a: string) => money(a, 'CNY');

/** Four bands: small < 10 万 ≤ medium < 50 万 ≤ large < 200 万 ≤ very large. */
const bands: DealSizeBand[] = [
  { name: '小单', max: CNY('100000') },
  { name: '中单', min: CNY('100000'), max: CNY('500000') },
  { name: '大单', min: CNY('500000'), max: CNY('2000000') },
  { name: '特大单', min: CNY('2000000') },
];

let n = 0;
/** A deal won on `wonDay` (days from 2026-01-01). */
const won = (amount: string, wonDay = 10): Opportunity => deal(`w${++n}`, [['created', 0, 'lead'], ['won', wonDay]], { amount });
const lost = (amount: string, lostDay = 10): Opportunity => deal(`l${++n}`, [['created', 0, 'lead'], ['lost', lostDay]], { amount });
const open = (amount: string): Opportunity => deal(`o${++n}`, [['created', 0, 'lead']], { amount });
const times = (k: number, make: () => Opportunity) => Array.from({ length: k }, make);

describe('dealSizeMix', () => {
  it('golden: 61 / 30 / 12 / 5 wins in four bands (108 deals) are 56.5 % / 27.8 % / 11.1 % / 4.6 %', () => {
    const deals = [
      ...times(61, () => won('50000')),
      ...times(30, () => won('200000')),
      ...times(12, () => won('800000')),
      ...times(5, () => won('3000000')),
    ];
    const r = dealSizeMix(deals, bands, { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' });
    expect(r.bands.map((b) => b.count)).toEqual([61, 30, 12, 5]);
    expect(r.total.count).toBe(108);
    expect(r.bands.map((b) => ((b.share as number) * 100).toFixed(1))).toEqual(['56.5', '27.8', '11.1', '4.6']);
    expect(r.bands.map((b) => b.share)).toEqual([61 / 108, 30 / 108, 12 / 108, 5 / 108]);
    // 61 × 5 万 = 305 万, 30 × 20 万 = 600 万, 12 × 80 万 = 960 万, 5 × 300 万 = 1500 万: 3365 万
    expect(r.bands.map((b) => b.amount.amount.toString())).toEqual(['3050000', '6000000', '9600000', '15000000']);
    expect(r.bands.map((b) => b.average?.amount.toString())).toEqual(['50000', '200000', '800000', '3000000']);
    expect(r.total.amount.amount.toString()).toBe('33650000');
    expect(r.bands[3]?.amountShare).toBe(15000000 / 33650000);
    expect(r.currency).toBe('CNY');
    expect(r.status).toBe('won');
    expect(r.outside.count).toBe(0);
    expect(r.bands.map((b) => [b.min?.amount.toString() ?? null, b.max?.amount.toString() ?? null])).toEqual([
      [null, '100000'],
      ['100000', '500000'],
      ['500000', '2000000'],
      ['2000000', null],
    ]);
  });

  it('bands are half-open: an amount equal to a bound belongs to the band starting there', () => {
    const r = dealSizeMix([won('99999.99'), won('100000'), won('500000'), won('2000000')], bands);
    expect(r.bands.map((b) => b.count)).toEqual([1, 1, 1, 1]);
  });

  it('reads won deals closed in [from, to) by default: lost, open and out-of-window deals are not read', () => {
    // day 10 = 2026-01-11, day 40 = 2026-02-10
    const inside = won('50000', 10);
    const deals = [inside, won('50000', 40), lost('50000', 10), open('50000')];
    const r = dealSizeMix(deals, bands, { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', dealIds: true });
    expect(r.total.count).toBe(1);
    expect(r.bands[0]?.dealIds).toEqual([inside.id]);
    expect(r.from?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    // `to` is exclusive: a deal won exactly at `to` is not in
    const atTo = won('50000', 31); // 2026-02-01T00:00:00Z
    expect(dealSizeMix([atTo], bands, { to: '2026-02-01T00:00:00Z' }).total.count).toBe(0);
    expect(dealSizeMix([atTo], bands, { from: '2026-02-01T00:00:00Z' }).total.count).toBe(1);
  });

  it('uses closedAt when the deal has one, else its won / lost event', () => {
    const d = won('50000', 10);
    const withClosedAt = { ...d, closedAt: new Date('2026-03-01T00:00:00Z') };
    expect(dealSizeMix([withClosedAt], bands, { from: '2026-03-01T00:00:00Z' }).total.count).toBe(1);
    expect(dealSizeMix([d], bands, { from: '2026-03-01T00:00:00Z' }).total.count).toBe(0);
  });

  it('status reads lost, closed (won or lost) or open deals', () => {
    const deals = [won('50000'), lost('200000'), lost('200000'), open('800000'), open('3000000')];
    expect(dealSizeMix(deals, bands, { status: 'lost' }).bands.map((b) => b.count)).toEqual([0, 2, 0, 0]);
    expect(dealSizeMix(deals, bands, { status: 'closed' }).bands.map((b) => b.count)).toEqual([1, 2, 0, 0]);
    expect(dealSizeMix(deals, bands, { status: 'open' }).bands.map((b) => b.count)).toEqual([0, 0, 1, 1]);
  });

  it('reports deals outside every band, never drops them; they are not in the shares', () => {
    const gapped: DealSizeBand[] = [
      { name: 'small', min: CNY('10000'), max: CNY('100000') },
      { name: 'large', min: CNY('500000'), max: CNY('1000000') },
    ];
    const below = won('5000');
    const gap = won('200000');
    const above = won('1000000');
    const r = dealSizeMix([won('50000'), below, gap, above, won('600000')], gapped);
    expect(r.outside.count).toBe(3);
    expect(r.outside.dealIds).toEqual([below.id, gap.id, above.id]);
    expect(r.outside.amount.amount.toString()).toBe('1205000');
    expect(r.bands.map((b) => b.share)).toEqual([0.5, 0.5]);
    expect(r.total.count).toBe(2);
  });

  it('reports closed deals without a close time as undated when there is a window', () => {
    const d = won('50000');
    const bare = { ...d, history: d.history.filter((e) => e.type === 'created') } as Opportunity;
    const r = dealSizeMix([bare], bands, { from: '2026-01-01T00:00:00Z' });
    expect(r.undated).toEqual({ count: 1, amount: CNY('50000'), dealIds: [bare.id] });
    expect(r.total.count).toBe(0);
    // without a window, it is simply counted
    expect(dealSizeMix([bare], bands).total.count).toBe(1);
  });

  it('empty bands and no deals give null shares and averages, never NaN', () => {
    const r = dealSizeMix([], bands);
    expect(r.bands.every((b) => b.share === null && b.average === null && b.amountShare === null && b.count === 0)).toBe(true);
    expect(r.total).toEqual({ count: 0, amount: CNY('0'), average: null });
  });

  it('names bands after their bounds by default; currency from the option when no band has a bound', () => {
    const r = dealSizeMix([won('50000')], [{ max: CNY('100000') }, { min: CNY('100000'), max: CNY('500000') }, { min: CNY('500000') }]);
    expect(r.bands.map((b) => b.name)).toEqual(['< 100000', '100000–500000', '≥ 500000']);
    const all = dealSizeMix([won('50000'), won('70000')], [{}], { currency: 'CNY' });
    expect(all.bands[0]?.name).toBe('all');
    expect(all.total.average?.amount.toString()).toBe('60000');
  });

  it('converts deals and bounds with rates', () => {
    const rates = { base: 'CNY', rates: { USD: '7' } };
    const usd = { ...won('10000'), amount: money('20000', 'USD') };
    const r = dealSizeMix([usd], bands, { rates });
    expect(r.bands[1]?.amount.amount.toString()).toBe('140000');
    expect(() => dealSizeMix([usd], bands)).toThrow(expect.objectContaining({ code: 'currency_mismatch' }));
    const usdBands = dealSizeMix([won('140000')], [{ max: money('20000', 'USD') }, { min: money('20000', 'USD') }], { currency: 'CNY', rates });
    expect(usdBands.bands.map((b) => b.count)).toEqual([0, 1]);
    expect(usdBands.bands[1]?.min?.amount.toString()).toBe('140000');
  });

  it('does not modify its input', () => {
    const deals = [won('50000'), lost('200000')];
    const before = snapshotOf([deals, bands]);
    dealSizeMix(deals, bands, { status: 'closed', dealIds: true });
    expect(snapshotOf([deals, bands])).toBe(before);
  });

  it('refuses bad bands and options, each with its reason', () => {
    const reason = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        const p = (e as { params: { name?: string; option?: string; reason: { code: string } } }).params;
        return `${(e as { code: string }).code} ${p.name ?? p.option} ${p.reason.code}`;
      }
      return 'no error';
    };
    expect(reason(() => dealSizeMix([], []))).toBe('invalid_argument bands must_not_be_empty');
    expect(reason(() => dealSizeMix([], 'x' as never))).toBe('invalid_argument bands must_be_array');
    expect(reason(() => dealSizeMix([], [{ min: CNY('10'), max: CNY('10') }]))).toBe('invalid_argument bands[0] band_min_not_below_max');
    expect(reason(() => dealSizeMix([], [{ max: CNY('100') }, { min: CNY('50') }]))).toBe('invalid_argument bands[1] bands_out_of_order');
    expect(reason(() => dealSizeMix([], [{ max: CNY('100') }, { max: CNY('200') }]))).toBe('invalid_argument bands[1] bands_out_of_order');
    expect(reason(() => dealSizeMix([], [{ min: CNY('100') }, { min: CNY('200') }]))).toBe('invalid_argument bands[1] bands_out_of_order');
    expect(reason(() => dealSizeMix([], [{ name: 'a', max: CNY('100') }, { name: 'a', min: CNY('100') }]))).toBe('invalid_argument bands[1].name listed_twice');
    expect(reason(() => dealSizeMix([], [{ name: '', max: CNY('100') }]))).toBe('invalid_argument bands[0].name must_be_non_empty_string');
    expect(reason(() => dealSizeMix([], [{ min: '100' as never }]))).toBe('invalid_argument bands[0].min must_be_object');
    expect(reason(() => dealSizeMix([], [{}]))).toBe('invalid_option currency bands_need_currency');
    expect(reason(() => dealSizeMix([], bands, { status: 'all' as never }))).toBe('invalid_option status one_of');
    expect(reason(() => dealSizeMix([], bands, { status: 'open', from: '2026-01-01T00:00:00Z' }))).toBe('invalid_option from window_with_open_status');
    expect(reason(() => dealSizeMix([], bands, { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }))).toBe('invalid_option from from_after_to');
    expect(reason(() => dealSizeMix([], bands, { dealIds: 'yes' as never }))).toBe('invalid_option dealIds must_be_boolean');
  });

  it('refuses a band or a bound that is not an object, and a name that is not a string, naming it', () => {
    for (const bad of [null, 5, 'small']) expect(fault(() => dealSizeMix([], [bands[0]!, bad] as never))).toEqual(['invalid_argument', 'bands[1]']);
    expect(fault(() => dealSizeMix([], [{ min: null }] as never))).toEqual(['invalid_argument', 'bands[0].min']);
    expect(fault(() => dealSizeMix([], [{ max: { amount: '5' } }] as never))).toEqual(['invalid_argument', 'bands[0].max']);
    expect(fault(() => dealSizeMix([], [{ name: 5, max: CNY('1') }] as never))).toEqual(['invalid_argument', 'bands[0].name']);
  });

  it('says which band is wrong and how, in English and Chinese', () => {
    expect(whole(() => dealSizeMix([], [{ min: CNY('10'), max: CNY('10') }])).slice(2)).toEqual([
      'Invalid argument "bands[0]": band 1 has min 10, not below its max 10.',
      '参数“bands[0]”无效：第 1 个金额区间的下限 10 不小于上限 10。',
    ]);
    expect(whole(() => dealSizeMix([], [{ max: CNY('100') }, { min: CNY('50') }])).slice(2)).toEqual([
      'Invalid argument "bands[1]": band 2 starts before the band above it ends: list bands from small to large, without overlap.',
      '参数“bands[1]”无效：第 2 个金额区间与上一个区间重叠或顺序颠倒：请按金额从小到大排列，且互不重叠。',
    ]);
    expect(whole(() => dealSizeMix([], [{ name: '小单', max: CNY('100') }, { name: '小单', min: CNY('100') }])).slice(2)).toEqual([
      'Invalid argument "bands[1].name": "小单" is listed twice.',
      '参数“bands[1].name”无效：“小单”重复出现。',
    ]);
  });
});

describe('dealSizeMix — its deals argument', () => {
  it('names the argument and a bad deal by position', () => {
    expectDealsArgumentChecked((deals) => dealSizeMix(deals as never, bands, { status: 'closed' }), { pipeline: false });
  });
});

describe('dealSizeMix — close times, windows and options', () => {
  it('dates a deal without closedAt by its last won or lost event, from deal objects and columns alike', () => {
    const late = { ...won('50000', 10), closedAt: new Date('2026-03-01T00:00:00Z') }; // closedAt d59
    const wonD10 = won('200000', 10);
    const lostD12 = lost('800000', 12);
    // An import whose ledger opens with its win (d5): its first event dates it.
    const { closedAt: _, ...imported } = uncheckedDeal('imp', [['won', 5]], { amount: '3000000' }) as Opportunity & { closedAt?: Date };
    const deals = [late, wonD10, lostD12, imported as Opportunity];
    expect(deals.map((o) => o.closedAt === undefined)).toEqual([false, true, true, true]);
    const counts = (input: Opportunity[] | ReturnType<typeof dealColumns>, from: string, to: string) =>
      dealSizeMix(input, bands, { status: 'closed', from, to }).bands.map((b) => b.count);
    for (const input of [deals, dealColumns(deals, pipeline)]) {
      // [d11, d60): the lost deal (d12) and the deal closed at d59.
      expect(counts(input, '2026-01-12T00:00:00Z', '2026-03-02T00:00:00Z')).toEqual([1, 0, 1, 0]);
      // [d0, d6): the import won at d5.
      expect(counts(input, '2026-01-01T00:00:00Z', '2026-01-07T00:00:00Z')).toEqual([0, 0, 0, 1]);
    }
  });

  it('reports an undated closed deal from columns too', () => {
    const d = won('50000');
    const bare = { ...d, history: d.history.filter((e) => e.type === 'created') } as Opportunity;
    const r = dealSizeMix(dealColumns([bare, won('200000')], pipeline), bands, { from: '2026-01-01T00:00:00Z' });
    expect([r.undated.count, r.undated.dealIds, r.total.count]).toEqual([1, [bare.id], 1]);
  });

  it('names the bound of a window refused with status open, and each bad bound', () => {
    expect(fault(() => dealSizeMix([], bands, { status: 'open', to: '2026-01-01T00:00:00Z' }))).toEqual(['invalid_option', 'to']);
    expect(fault(() => dealSizeMix([], bands, { status: 'open', from: '2026-01-01T00:00:00Z' }))).toEqual(['invalid_option', 'from']);
    expect(fault(() => dealSizeMix([], bands, { from: 'soon' } as never))).toEqual(['invalid_option', 'from']);
    expect(fault(() => dealSizeMix([], bands, { to: 3 } as never))).toEqual(['invalid_option', 'to']);
    // An empty window [t, t) is allowed, and holds nothing.
    const at = '2026-01-11T00:00:00Z';
    expect(dealSizeMix([won('50000', 10)], bands, { from: at, to: at }).total.count).toBe(0);
  });
});

describe('dealSizeMix — window edges on columns, the window in the result, shards', () => {
  it('counts a deal closed at from and leaves out one closed at to, from columns as from objects', () => {
    const atFrom = won('50000', 31); // 2026-02-01T00:00:00Z
    const atTo = won('200000', 59); // 2026-03-01T00:00:00Z
    const deals = [atFrom, atTo];
    const options: DealSizeMixOptions = { from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z', dealIds: true };
    for (const input of [deals, dealColumns(deals, pipeline)]) {
      const r = dealSizeMix(input, bands, options);
      expect([r.total.count, r.bands[0]!.dealIds]).toEqual([1, [atFrom.id]]);
    }
  });

  it('says its window only when one is given', () => {
    const r = dealSizeMix([], bands, { from: '2026-02-01T00:00:00Z' });
    expect(['from' in r, 'to' in r, r.from]).toEqual([true, false, new Date('2026-02-01T00:00:00Z')]);
    const t = dealSizeMix([], bands, { to: '2026-02-01T00:00:00Z' });
    expect(['from' in t, 'to' in t, t.to]).toEqual([false, true, new Date('2026-02-01T00:00:00Z')]);
  });

  it('refuses to merge a shard with another window, other bands or other rates', () => {
    const rates = { base: 'CNY', rates: { USD: '7' } };
    const base: DealSizeMixOptions = { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z', rates };
    const a = () => dealSizeMixAccumulator(bands, base);
    const others: Array<[readonly DealSizeBand[], DealSizeMixOptions]> = [
      [bands, { ...base, from: '2026-01-02T00:00:00Z' }],
      [bands, { ...base, to: '2026-02-02T00:00:00Z' }],
      [bands, { to: base.to!, rates }],
      [bands, { from: base.from!, rates }],
      [bands, { from: base.from!, to: base.to! }],
      [bands, { ...base, rates: { base: 'CNY', rates: { USD: '7.2' } } }],
      [[{ name: '小单', max: CNY('90000') }, ...bands.slice(1)], base],
      [[...bands.slice(0, 3), { name: '特大单', min: CNY('2000001') }], base],
      [[{ name: 'small', max: CNY('100000') }, ...bands.slice(1)], base],
    ];
    for (const [b, o] of others) {
      const other = dealSizeMixAccumulator(b, o); // valid on its own
      expect(fault(() => a().merge(other))[0], JSON.stringify([b, o])).toBe('invalid_argument');
    }
    expect(() => a().merge(dealSizeMixAccumulator(bands, base))).not.toThrow();
  });
});
