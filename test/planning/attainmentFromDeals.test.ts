import { describe, expect, it } from 'vitest';
import { attainmentFromDeals, FunnelError, money, type Opportunity } from '../../src/index.js';
import { deal, pipeline } from '../forecast/_fixtures.js';

const CNY = (a: string) => money(a, 'CNY');
const quotas = [
  { id: 'rep-li', quota: CNY('800000') },
  { id: 'rep-wang', quota: CNY('500000') },
];

const won = (amount: string, closedAt: string, ownerId = 'rep-li', splits?: Array<{ ownerId: string; basisPoints: number }>): Opportunity =>
  deal({ stageId: 'won', amount, closedAt, ownerId, ...(splits === undefined ? {} : { splits }) });

/**
 * Q2 2026 on Beijing's calendar:
 * A 100 万 won 04-10 by rep-li, split 60 / 40 with rep-wang → li 60 万, wang 40 万;
 * B 30 万 won 05-01 by rep-wang; C 10 万 won 2026-03-31T20:00Z = 04-01 04:00 in Beijing, rep-li;
 * D 5 万 won 06-01 by rep-zhao (no quota); E lost; F won in Q3; G open.
 */
function book(): Opportunity[] {
  return [
    won('1000000', '2026-04-10T02:00:00Z', 'rep-li', [
      { ownerId: 'rep-li', basisPoints: 6000 },
      { ownerId: 'rep-wang', basisPoints: 4000 },
    ]),
    won('300000', '2026-05-01T02:00:00Z', 'rep-wang'),
    won('100000', '2026-03-31T20:00:00Z', 'rep-li'),
    won('50000', '2026-06-01T02:00:00Z', 'rep-zhao'),
    deal({ stageId: 'lost', amount: '900000', closedAt: '2026-04-20T02:00:00Z' }),
    won('700000', '2026-07-02T02:00:00Z', 'rep-li'),
    deal({ stageId: 'negotiate', amount: '600000' }),
  ];
}

describe('attainmentFromDeals', () => {
  it('golden: credits split deals by basis points and measures each rep against the quota', () => {
    const r = attainmentFromDeals(book(), pipeline, { period: '2026-Q2', quotas, timeZone: 'Asia/Shanghai' });
    // li: 60 万 (60 % of A) + 10 万 (C) = 70 万 of 80 万; wang: 40 万 (40 % of A) + 30 万 (B) = 70 万 of 50 万
    expect(r.rows.map((x) => [x.id, x.actual.amount.toString(), x.attainment, x.overAchievement])).toEqual([
      ['rep-li', '700000', 0.875, -0.125],
      ['rep-wang', '700000', 1.4, 0.4],
    ]);
    expect(r.total.actual.amount.toString()).toBe('1400000');
    expect(r.unmatched.map((u) => [u.id, u.amount.amount.toString()])).toEqual([['rep-zhao', '50000']]);
    expect([r.period, r.unit, r.start, r.end, r.won]).toEqual(['2026-Q2', 'quarter', '2026-04-01', '2026-06-30', 4]);
    const deals = book();
    const ids = attainmentFromDeals(deals, pipeline, { period: '2026-Q2', quotas, timeZone: 'Asia/Shanghai' });
    expect(ids.credits.map((c) => [c.ownerId, c.opportunityId, c.amount.amount.toString(), c.basisPoints])).toEqual([
      ['rep-li', deals[0]!.id, '600000', 6000],
      ['rep-wang', deals[0]!.id, '400000', 4000],
      ['rep-wang', deals[1]!.id, '300000', null],
      ['rep-li', deals[2]!.id, '100000', null],
      ['rep-zhao', deals[3]!.id, '50000', null],
    ]);
  });

  it('dates the close on the calendar of the zone: in UTC, C (20:00Z on 03-31) is in Q1', () => {
    const r = attainmentFromDeals(book(), pipeline, { period: '2026-Q2', quotas });
    expect(r.rows[0]?.actual.amount.toString()).toBe('600000');
    expect(attainmentFromDeals(book(), pipeline, { period: '2026-03', quotas }).rows[0]?.actual.amount.toString()).toBe('100000');
    expect(attainmentFromDeals(book(), pipeline, { period: '2026-Q2', quotas, offsetMinutes: 480 }).rows[0]?.actual.amount.toString()).toBe('700000');
  });

  it('reads months, years and fiscal periods from the key', () => {
    const year = attainmentFromDeals(book(), pipeline, { period: '2026', quotas, timeZone: 'Asia/Shanghai' });
    expect([year.unit, year.won, year.rows[0]?.actual.amount.toString()]).toEqual(['year', 5, '1400000']);
    // April start: FY2027-Q1 = April–June 2026
    const fq = attainmentFromDeals(book(), pipeline, { period: 'FY2027-Q1', fiscalYearStartMonth: 4, quotas, timeZone: 'Asia/Shanghai' });
    expect([fq.unit, fq.start, fq.end, fq.won]).toEqual(['fiscal_quarter', '2026-04-01', '2026-06-30', 4]);
    expect(attainmentFromDeals(book(), pipeline, { period: 'FY2027', fiscalYearStartMonth: 4, quotas }).unit).toBe('fiscal_year');
    expect(attainmentFromDeals(book(), pipeline, { period: '2026-05', quotas }).rows[1]?.actual.amount.toString()).toBe('300000');
  });

  it('shares a split deal out in whole fen that add up to the deal', () => {
    const d = won('100.005', '2026-04-10T02:00:00Z', 'rep-li', [
      { ownerId: 'rep-li', basisPoints: 3333 },
      { ownerId: 'rep-wang', basisPoints: 3333 },
      { ownerId: 'rep-zhao', basisPoints: 3334 },
    ]);
    const r = attainmentFromDeals([d], pipeline, { period: '2026-Q2', quotas });
    // 100.005 → 100.00 (half-even), then 33.33 / 33.33 / 33.34
    expect(r.credits.map((c) => c.amount.amount.toFixed(2))).toEqual(['33.33', '33.33', '33.34']);
    expect(r.won).toBe(1);
  });

  it('skips zero splits; uses the won event when there is no closedAt, and reports won deals without either', () => {
    const zero = won('1000', '2026-04-10T02:00:00Z', 'rep-li', [
      { ownerId: 'rep-li', basisPoints: 10000 },
      { ownerId: 'rep-wang', basisPoints: 0 },
    ]);
    const { closedAt: _closed, ...bare } = won('2000', '2026-04-10T02:00:00Z');
    const fromEvent = { ...bare, history: [{ type: 'won', seq: 1, at: new Date('2026-04-11T00:00:00Z'), stageId: 'won' }] } as unknown as Opportunity;
    const r = attainmentFromDeals([zero, bare as Opportunity, fromEvent], pipeline, { period: '2026-Q2', quotas });
    expect(r.credits.map((c) => [c.ownerId, c.amount.amount.toString()])).toEqual([
      ['rep-li', '1000'],
      ['rep-li', '2000'],
    ]);
    expect(r.undated).toEqual([bare.id]);
  });

  it('converts with rates into the first quota\'s currency; skips other pipelines when asked', () => {
    const usd = { ...won('1', '2026-04-10T02:00:00Z'), amount: money('1000', 'USD') };
    const rates = { base: 'CNY', rates: { USD: '7' } };
    expect(attainmentFromDeals([usd], pipeline, { period: '2026-Q2', quotas, rates }).rows[0]?.actual.amount.toString()).toBe('7000');
    expect(() => attainmentFromDeals([usd], pipeline, { period: '2026-Q2', quotas })).toThrow(expect.objectContaining({ code: 'currency_mismatch' }));
    const stranger = { ...won('1', '2026-04-10T02:00:00Z'), pipelineId: 'other' } as Opportunity;
    expect(() => attainmentFromDeals([stranger], pipeline, { period: '2026-Q2', quotas })).toThrow(expect.objectContaining({ code: 'pipeline_mismatch' }));
    expect(attainmentFromDeals([stranger], pipeline, { period: '2026-Q2', quotas, otherPipelines: 'ignore' }).won).toBe(0);
  });

  it('refuses missing or bad options', () => {
    const code = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        const p = (e as { params: { name?: string; option?: string; reason?: { code: string } } }).params;
        return `${(e as { code: string }).code} ${p.option ?? p.name} ${p.reason?.code}`;
      }
      return 'no error';
    };
    expect(code(() => attainmentFromDeals([], pipeline, undefined as never))).toBe('invalid_option period is_required');
    expect(code(() => attainmentFromDeals([], pipeline, { quotas } as never))).toBe('invalid_option period is_required');
    expect(code(() => attainmentFromDeals([], pipeline, { period: 'Q2', quotas }))).toBe('invalid_option period period_key_shape');
    expect(code(() => attainmentFromDeals([], pipeline, { period: '2026-13', quotas }))).toBe('invalid_option period period_key_shape');
    expect(code(() => attainmentFromDeals([], pipeline, { period: '2026-Q2' } as never))).toBe('invalid_option quotas is_required');
    expect(code(() => attainmentFromDeals([], pipeline, { period: '2026-Q2', quotas: [] }))).toBe('invalid_argument quotas at_least_one_quota');
    expect(code(() => attainmentFromDeals([], pipeline, { period: '2026-Q2', quotas, timeZone: 'Mars/Base' }))).toMatch(/^invalid_option timeZone/);
    expect(code(() => attainmentFromDeals([], pipeline, { period: 'FY2027', quotas, fiscalYearStartMonth: 13 }))).toMatch(/^invalid_option fiscalYearStartMonth/);
    expect(code(() => attainmentFromDeals([], pipeline, { period: '2026-Q2', quotas: [quotas[0]!, quotas[0]!] }))).toBe('invalid_argument quotas[1].id duplicate_id');
  });

  it('reads the key before the zone and the fiscal settings: a key of no known shape is period_key_shape, whole', () => {
    const params = (f: () => unknown): unknown => {
      try {
        f();
      } catch (e) {
        if (!(e instanceof FunnelError)) throw e;
        return [e.code, e.params];
      }
      return 'no error';
    };
    const shape = (key: string) => [
      'invalid_option',
      {
        option: 'period',
        reason: {
          code: 'period_key_shape',
          params: { key },
          en: `"${key}" is not a period key (2026-04, 2026-Q2, 2026, FY2027-Q1, FY2027)`,
          'zh-CN': `“${key}”不是有效的期间（如 2026-04、2026-Q2、2026）`,
        },
      },
    ];
    // Each is one character off a good key, at its start or its end; with a bad zone and a
    // bad fiscal start, the key is still what is reported.
    for (const key of ['X2026-04', '2026-04x', 'X2026-Q2', '2026-Q2x', '20261', 'X2026', 'XFY2027-Q1', 'FY2027-Q1x', 'XFY2027', 'FY2027x']) {
      expect(params(() => attainmentFromDeals([], pipeline, { period: key, quotas, timeZone: 'Mars/Base' }))).toEqual(shape(key));
      expect(params(() => attainmentFromDeals([], pipeline, { period: key, quotas, fiscalYearStartMonth: 13 }))).toEqual(shape(key));
    }
    // A number is not a key, even one that prints as a year.
    expect(params(() => attainmentFromDeals([], pipeline, { period: 2026 as never, quotas }))).toEqual(shape('2026'));
    // The right shape, but no 13th month: refused by the period's bounds, with the same reason.
    const e = (() => {
      try {
        attainmentFromDeals([], pipeline, { period: '2026-13', quotas });
      } catch (x) {
        return x as FunnelError;
      }
      throw new Error('expected a FunnelError');
    })();
    expect([e.code, e.params, e.message, e.localizedMessage('zh-CN')]).toEqual([
      ...shape('2026-13'),
      'Invalid option "period": "2026-13" is not a period key (2026-04, 2026-Q2, 2026, FY2027-Q1, FY2027).',
      '选项“period”无效：“2026-13”不是有效的期间（如 2026-04、2026-Q2、2026）。',
    ]);
    expect(params(() => attainmentFromDeals([], pipeline, null as never))).toEqual([
      'invalid_option',
      { option: 'period', reason: { code: 'is_required', en: 'is required', 'zh-CN': '必须提供' } },
    ]);
  });

  it("names a fiscal year by its start year with fiscalYearLabel 'start'", () => {
    // April start: FY2026 by its end year is 2025-04-01 – 2026-03-31; by its start year
    // 2026-04-01 – 2027-03-31, which holds the Q2 2026 deals (A, B, D; C is 03-31 in UTC).
    const end = attainmentFromDeals(book(), pipeline, { period: 'FY2026', fiscalYearStartMonth: 4, quotas });
    expect([end.start, end.end, end.won]).toEqual(['2025-04-01', '2026-03-31', 1]);
    const start = attainmentFromDeals(book(), pipeline, { period: 'FY2026', fiscalYearStartMonth: 4, fiscalYearLabel: 'start', quotas });
    // A, B, D in Q2 and F (07-02) in Q3: 4 deals.
    expect([start.start, start.end, start.won]).toEqual(['2026-04-01', '2027-03-31', 4]);
  });

  it('dates a deal without closedAt by its last won event, not by later events', () => {
    const { closedAt: _closed, ...bare } = won('2000', '2026-04-10T02:00:00Z');
    const history = [
      { type: 'won', seq: 1, at: new Date('2026-04-11T00:00:00Z'), stageId: 'won' },
      { type: 'activity_logged', seq: 2, at: new Date('2026-07-02T00:00:00Z') },
    ];
    const d = { ...bare, history } as unknown as Opportunity;
    // Won 04-11 (Q2); the activity on 07-02 (Q3) does not move it.
    const r = attainmentFromDeals([d], pipeline, { period: '2026-Q2', quotas });
    expect([r.won, r.rows[0]?.actual.amount.toString(), r.undated]).toEqual([1, '2000', []]);
    expect(attainmentFromDeals([d], pipeline, { period: '2026-Q3', quotas }).won).toBe(0);
  });

  it("otherPipelines: 'error' as given explicitly, 'ignore' still counts the pipeline's own deals, anything else refused", () => {
    const own = won('1000', '2026-04-10T02:00:00Z');
    const stranger = { ...won('1', '2026-04-10T02:00:00Z'), pipelineId: 'other' } as Opportunity;
    expect(() => attainmentFromDeals([stranger], pipeline, { period: '2026-Q2', quotas, otherPipelines: 'error' })).toThrow(expect.objectContaining({ code: 'pipeline_mismatch' }));
    const r = attainmentFromDeals([stranger, own], pipeline, { period: '2026-Q2', quotas, otherPipelines: 'ignore' });
    expect([r.won, r.rows[0]?.actual.amount.toString()]).toEqual([1, '1000']);
    try {
      attainmentFromDeals([own], pipeline, { period: '2026-Q2', quotas, otherPipelines: 'skip' as never });
      expect.unreachable();
    } catch (e) {
      expect([(e as FunnelError).code, (e as FunnelError).params]).toEqual([
        'invalid_option',
        { option: 'otherPipelines', reason: { code: 'one_of', params: { allowed: { en: "'error', 'ignore'", 'zh-CN': '“error”、“ignore”' } }, en: "must be one of 'error', 'ignore'", 'zh-CN': '必须是以下之一：“error”、“ignore”' } },
      ]);
    }
  });

  it('credits a deal with an empty splits list in full to its owner', () => {
    const d = { ...won('1000', '2026-04-10T02:00:00Z', 'rep-wang'), splits: [] } as unknown as Opportunity;
    const r = attainmentFromDeals([d], pipeline, { period: '2026-Q2', quotas });
    expect(r.credits.map((c) => [c.ownerId, c.amount.amount.toString(), c.basisPoints])).toEqual([['rep-wang', '1000', null]]);
  });

  it('passes the rates on to the quotas: a quota in USD counts in the first quota\'s currency', () => {
    // wang's quota 1 000 USD × 7 = 7 000 CNY; B-like deal of 3 500 CNY → 0.5.
    const rates = { base: 'CNY', rates: { USD: '7' } };
    const mixed = [quotas[0]!, { id: 'rep-wang', quota: money('1000', 'USD') }];
    const r = attainmentFromDeals([won('3500', '2026-05-01T02:00:00Z', 'rep-wang')], pipeline, { period: '2026-Q2', quotas: mixed, rates });
    expect([r.rows[1]?.quota.amount.toString(), r.rows[1]?.attainment]).toEqual(['7000', 0.5]);
  });
});
