import { describe, expect, it } from 'vitest';
import {
  dealColumns,
  FunnelError,
  forecastMovement,
  forecastMovementAccumulator,
  parseCustomer,
  parseOpportunity,
  parsePipeline,
  weightedForecast,
  type ForecastMovementFigures,
} from '../../src/index.js';
import { fault, reasoned, thrown } from '../_errors.js';

// The golden: period 2026-Q2, stages at 25 / 50 / 75 %, won counts 1.
const pipeline = parsePipeline({
  id: 'p',
  name: '直销',
  currency: 'CNY',
  stages: [
    { id: 'top', name: '初步接触', kind: 'open', probability: '0.25' },
    { id: 'middle', name: '方案提出', kind: 'open', probability: '0.5', forecastCategory: 'best_case' },
    { id: 'bottom', name: '商务洽谈', kind: 'open', probability: '0.75', forecastCategory: 'commit' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});
const cny = (amount: string) => ({ amount, currency: 'CNY' });
/** 10:00 in Shanghai on a day of 2026. */
const at = (date: string) => `2026-${date}T10:00:00+08:00`;
const deal = (id: string, fields: Record<string, unknown>) =>
  parseOpportunity({ id, customerId: 'c-1', pipelineId: 'p', name: id, ownerId: 'rep-li', amount: cny('100'), stageId: 'top', ...fields }, { pipeline });

const A = deal('A', {
  amount: cny('1000000'),
  stageId: 'won',
  status: 'won',
  expectedCloseDate: '2026-05-15',
  closedAt: at('04-03'),
  history: [
    { type: 'created', at: at('03-01'), stageId: 'bottom' },
    { type: 'won', at: at('04-03'), stageId: 'won' },
  ],
});
const B = deal('B', {
  amount: cny('500000'),
  stageId: 'middle',
  expectedCloseDate: '2026-07-15',
  history: [
    { type: 'created', at: at('03-02'), stageId: 'middle' },
    { type: 'close_date_changed', at: at('04-04'), from: '2026-06-10', to: '2026-07-15' },
  ],
});
const C = deal('C', {
  amount: cny('600000'),
  stageId: 'middle',
  expectedCloseDate: '2026-06-30',
  history: [
    { type: 'created', at: at('03-03'), stageId: 'top' },
    { type: 'amount_changed', at: at('04-05'), from: cny('800000'), to: cny('600000') },
    { type: 'stage_changed', at: at('04-06'), from: 'top', to: 'middle', kind: 'advance' },
  ],
});
const D = deal('D', {
  amount: cny('400000'),
  stageId: 'top',
  expectedCloseDate: '2026-06-20',
  history: [{ type: 'created', at: at('04-07'), stageId: 'top' }],
});
const book = [A, B, C, D];
const week = { from: '2026-04-01T00:00:00+08:00', to: '2026-04-08T00:00:00+08:00', period: '2026-Q2', timeZone: 'Asia/Shanghai' } as const;

/** The rows that moved: kind, delta and deals. */
const moved = (f: ForecastMovementFigures) => f.rows.filter((r) => !r.delta.amount.isZero() || r.dealIds.length > 0).map((r) => [r.kind, r.delta.amount.toString(), r.dealIds]);

describe('forecastMovement', () => {
  it('explains 120 万 → 140 万 in 2026-Q2 (the issue golden)', () => {
    const m = forecastMovement(book, pipeline, week);
    expect(m.total.start.amount.toString()).toBe('1200000'); // A 75 + B 25 + C 20 万
    expect(m.total.end.amount.toString()).toBe('1400000'); //   A 100 + C 30 + D 10 万
    expect(m.total.change.amount.toString()).toBe('200000');
    expect(moved(m.total)).toEqual([
      ['new', '100000', ['D']], //                D: 40 万 × 25 %
      ['won', '250000', ['A']], //                A: 100 万 × (1 − 75 %)
      ['pushed_out', '-250000', ['B']], //        B: 50 万 × 50 % leaves Q2
      ['amount_changed', '-50000', ['C']], //     C: −20 万 at the old 25 %
      ['stage_advanced', '150000', ['C']], //     C: 60 万 × (50 % − 25 %)
    ]);
    expect(m.total.rows.map((r) => r.kind)).toEqual([
      'new', 'won', 'lost', 'pushed_out', 'pulled_in', 'amount_changed', 'stage_advanced', 'stage_regressed',
      'probability_changed', 'category_changed', 'suspended', 'resumed', 'reopened', 'reassigned', 'other',
    ]);
    expect([m.period, m.measure, m.currency, m.from.toISOString(), m.to.toISOString(), m.groups]).toEqual([
      '2026-Q2', 'weighted', 'CNY', '2026-03-31T16:00:00.000Z', '2026-04-07T16:00:00.000Z', [],
    ]);
  });

  it('starts and ends at the weighted forecasts as of from and to', () => {
    const q2 = (asOf: string) =>
      weightedForecast(book, pipeline, { asOf, groupBy: ['period'], timeZone: 'Asia/Shanghai' }).groups.find((g) => g.key[0] === '2026-Q2')?.value.weighted.amount.toString();
    expect(q2(week.from)).toBe('1200000');
    expect(q2(week.to)).toBe('1400000');
  });

  it('values an amount change at the probability of its moment: after a stage change, at the new one', () => {
    const swapped = deal('C2', {
      amount: cny('600000'),
      stageId: 'middle',
      expectedCloseDate: '2026-06-30',
      history: [
        { type: 'created', at: at('03-03'), stageId: 'top' },
        { type: 'stage_changed', at: at('04-05'), from: 'top', to: 'middle', kind: 'advance' },
        { type: 'amount_changed', at: at('04-06'), from: cny('800000'), to: cny('600000') },
      ],
    });
    const m = forecastMovement([swapped], pipeline, week);
    expect(moved(m.total)).toEqual([
      ['amount_changed', '-100000', ['C2']], // −20 万 × 50 %
      ['stage_advanced', '200000', ['C2']], //  80 万 × 25 %
    ]);
  });

  it('measures the unweighted amount, and groups (a stage advance moves value between stages)', () => {
    const m = forecastMovement(book, pipeline, { ...week, measure: 'amount', groupBy: ['stage'] });
    expect([m.total.start.amount.toString(), m.total.end.amount.toString()]).toEqual(['2300000', '2000000']);
    expect(m.groups.map((g) => [g.key[0], g.value.start.amount.toString(), g.value.end.amount.toString(), moved(g.value)])).toEqual([
      ['bottom', '1000000', '0', [['won', '-1000000', ['A']]]],
      ['middle', '500000', '600000', [['pushed_out', '-500000', ['B']], ['stage_advanced', '600000', ['C']]]],
      ['top', '800000', '400000', [['new', '400000', ['D']], ['amount_changed', '-200000', ['C']], ['stage_advanced', '-600000', ['C']]]],
      ['won', '0', '1000000', [['won', '1000000', ['A']]]],
    ]);
    // In total, A's won moved nothing (100 万 before and after): A is not listed.
    expect(moved(m.total)).toEqual([
      ['new', '400000', ['D']],
      ['pushed_out', '-500000', ['B']],
      ['amount_changed', '-200000', ['C']],
    ]);
  });

  it('reports suspensions, resumptions, reopenings, pulled-in dates, probability and category changes', () => {
    const moves = deal('E', {
      amount: cny('1000000'),
      stageId: 'bottom',
      expectedCloseDate: '2026-06-01',
      forecastCategoryOverride: 'omitted',
      history: [
        { type: 'created', at: at('03-01'), stageId: 'bottom' },
        { type: 'close_date_changed', at: at('03-02'), from: null, to: '2026-07-01' },
        { type: 'close_date_changed', at: at('04-02'), from: '2026-07-01', to: '2026-06-01' }, //  pulled in: +75 万
        { type: 'probability_changed', at: at('04-03'), from: null, to: '0.5' }, //                −25 万
        { type: 'suspended', at: at('04-04') }, //                                                 −50 万
        { type: 'resumed', at: at('04-05') }, //                                                   +50 万
        { type: 'lost', at: at('04-05'), stageId: 'lost', reason: '价格过高' }, //                   −50 万
        { type: 'reopened', at: at('04-06'), stageId: 'bottom' }, //                               +75 万 (the override is gone)
        { type: 'forecast_category_changed', at: at('04-07'), from: null, to: 'omitted' },
      ],
    });
    const m = forecastMovement([moves], pipeline, week);
    expect(moved(m.total)).toEqual([
      ['lost', '-500000', ['E']],
      ['pulled_in', '750000', ['E']],
      ['probability_changed', '-250000', ['E']],
      ['suspended', '-500000', ['E']],
      ['resumed', '500000', ['E']],
      ['reopened', '750000', ['E']],
    ]);
    // The category change shows in the commit roll-up: the deal is commit by its stage, then omitted.
    const commit = forecastMovement([moves], pipeline, { ...week, measure: 'commit' });
    expect(moved(commit.total)).toEqual([
      ['lost', '-1000000', ['E']],
      ['pulled_in', '1000000', ['E']],
      ['category_changed', '-1000000', ['E']],
      ['suspended', '-1000000', ['E']],
      ['resumed', '1000000', ['E']],
      ['reopened', '1000000', ['E']],
    ]);
    expect(commit.total.end.amount.toString()).toBe('0');
  });

  it('counts a won deal as closed and a lost one as omitted in a roll-up, whatever category override it was imported with', () => {
    // Closing a deal clears its override in the ledger; a deal imported without a ledger may keep one.
    const imported = (id: string, category: string, fields: Record<string, unknown>) =>
      parseOpportunity(
        { id, customerId: 'c-1', pipelineId: 'p', name: id, ownerId: 'rep-li', amount: cny('300000'), expectedCloseDate: '2026-05-20', closedAt: '2026-04-01T00:00:00+08:00', forecastCategoryOverride: category, ...fields },
        { pipeline, allowEmptyHistory: true },
      );
    const G = imported('G', 'pipeline', { stageId: 'won', status: 'won' });
    const H = imported('H', 'commit', { stageId: 'lost', status: 'lost', lossReason: '价格过高' });
    const commit = forecastMovement([G, H], pipeline, { ...week, measure: 'commit' });
    expect([commit.total.start.amount.toString(), commit.total.end.amount.toString()]).toEqual(['300000', '300000']);
    const bestCase = forecastMovement([H], pipeline, { ...week, measure: 'best_case' });
    expect([bestCase.total.start.amount.toString(), bestCase.total.end.amount.toString()]).toEqual(['0', '0']);
  });

  it('moves value between owners when a deal changes hands', () => {
    const handedOver = deal('F', {
      amount: cny('400000'),
      stageId: 'middle',
      ownerId: 'rep-wu',
      expectedCloseDate: '2026-05-20',
      history: [
        { type: 'created', at: at('03-01'), stageId: 'middle' },
        { type: 'owner_changed', at: at('04-02'), from: 'rep-li', to: 'rep-wu' },
      ],
    });
    const m = forecastMovement([handedOver], pipeline, { ...week, groupBy: ['owner'] });
    expect(m.groups.map((g) => [g.key[0], g.value.start.amount.toString(), g.value.end.amount.toString(), moved(g.value)])).toEqual([
      ['rep-li', '200000', '0', [['reassigned', '-200000', ['F']]]],
      ['rep-wu', '0', '200000', [['reassigned', '200000', ['F']]]],
    ]);
    expect(moved(m.total)).toEqual([]);
  });

  it('follows months and fiscal periods', () => {
    const april = forecastMovement(book, pipeline, { ...week, period: '2026-05' });
    expect([april.total.start.amount.toString(), april.total.end.amount.toString()]).toEqual(['750000', '0']); // A closes in April, not May
    const fy = forecastMovement(book, pipeline, { ...week, period: 'FY2027-Q1', fiscalYearStartMonth: 4 });
    expect(fy.total.end.amount.toString()).toBe('1400000');
  });

  it('refuses bad options', () => {
    const code = (f: () => unknown) => {
      try {
        f();
        return 'no error';
      } catch (e) {
        return e instanceof FunnelError ? `${e.code}:${String((e.params as { option?: string }).option)}` : String(e);
      }
    };
    expect(code(() => forecastMovement(book, pipeline, { ...week, from: undefined as never }))).toBe('invalid_option:from');
    expect(code(() => forecastMovement(book, pipeline, { ...week, to: 'next week' }))).toBe('invalid_option:to');
    expect(code(() => forecastMovement(book, pipeline, { ...week, from: week.to, to: week.from }))).toBe('invalid_option:from');
    expect(code(() => forecastMovement(book, pipeline, { ...week, period: 'Q2 2026' }))).toBe('invalid_option:period');
    expect(code(() => forecastMovement(book, pipeline, { ...week, period: '2026-13' }))).toBe('invalid_option:period');
    expect(code(() => forecastMovement(book, pipeline, { ...week, measure: 'count' as never }))).toBe('invalid_option:measure');
    expect(code(() => forecastMovement(book, pipeline, { ...week, groupBy: ['owner', 'owner'] }))).toBe('invalid_option:groupBy');
    expect(code(() => forecastMovement(book, pipeline, null as never))).toBe('invalid_option:options');
  });

  it('with from = to, nothing moved', () => {
    const m = forecastMovement(book, pipeline, { ...week, to: week.from });
    expect(m.total.start).toEqual(m.total.end);
    expect(moved(m.total)).toEqual([]);
  });
});

describe('forecastMovement: the period key', () => {
  // As of `to`: A won 100 万 on 3 April; B 25 万 (50 万 × 50 %) closing 15 July; C 30 万
  // (60 万 × 50 %) closing 30 June; D 10 万 (40 万 × 25 %) closing 20 June.
  const end = (period: string, extra: object = {}) => forecastMovement(book, pipeline, { ...week, period, ...extra }).total.end.amount.toString();
  const fy = { fiscalYearStartMonth: 4 };

  it('reads months, quarters, years, fiscal quarters and fiscal years', () => {
    expect([end('2026-04'), end('2026-06'), end('2026-07'), end('2026-Q3'), end('2026')]).toEqual(['1000000', '400000', '250000', '250000', '1650000']);
    // FY2027 from April: April 2026 to March 2027; its Q1 is April to June.
    expect([end('FY2027', fy), end('FY2027-Q1', fy), end('FY2027-Q2', fy)]).toEqual(['1650000', '1400000', '250000']);
    // Named by the year it starts in, the same fiscal year is FY2026.
    const byStart = { ...fy, fiscalYearLabel: 'start' };
    expect([end('FY2026', byStart), end('FY2026-Q2', byStart), end('FY2027', byStart)]).toEqual(['1650000', '250000', '0']);
    // Without a start month the fiscal year is the calendar year.
    expect([end('FY2026'), end('FY2026-Q2')]).toEqual(['1650000', '1400000']);
  });

  /** The refusal of a period: code, option, reason code and reason params. */
  const refusal = (period: unknown, extra: object = {}) => {
    const e = thrown(() => forecastMovement(book, pipeline, { ...week, period: period as string, ...extra }));
    const p = e.params as unknown as { option: string; reason: { code: string; params?: unknown } };
    return [e.code, p.option, p.reason.code, p.reason.params];
  };

  it('names a key of no shape, also one that only contains a key or only starts with one', () => {
    for (const key of ['Q2 2026', 'x2026-03', '2026-03x', '2026-Q2x', 'x2026-Q2', 'x2026', '2026x', 'xFY2027-Q1', 'FY2027-Q1x', 'xFY2027', 'FY2027x', 'FY7', 'FYabcd', '']) {
      expect(refusal(key, fy)).toEqual(['invalid_option', 'period', 'period_key_shape', { key }]);
    }
    // A value that is not a string, even one whose text is a key, is named by its text.
    expect(refusal(['2026-03'])).toEqual(['invalid_option', 'period', 'period_key_shape', { key: '2026-03' }]);
    expect(refusal(202603)).toEqual(['invalid_option', 'period', 'period_key_shape', { key: '202603' }]);
  });

  it('refuses a key of the right shape but no period, and a bad fiscal start month under its own name', () => {
    expect(refusal('2026-13')).toEqual(['invalid_option', 'period', 'not_a_period_key', { key: '2026-13', unit: 'month' }]);
    expect(refusal('2026-00')).toEqual(['invalid_option', 'period', 'not_a_period_key', { key: '2026-00', unit: 'month' }]);
    expect(refusal('FY2027', { fiscalYearStartMonth: 13 })).toEqual(['invalid_option', 'fiscalYearStartMonth', 'whole_number_from_to', { min: '1', max: '12' }]);
  });
});

describe('forecastMovement: arguments and grouping', () => {
  it('names what is not a list of deals, and the item that is not a deal', () => {
    expect(fault(() => forecastMovement(5 as never, pipeline, week))).toEqual(['invalid_argument', 'opportunities']);
    expect(fault(() => forecastMovement([A, B, null as never], pipeline, week))).toEqual(['invalid_argument', 'opportunities[2]']);
    expect(fault(() => forecastMovement(book, pipeline, { ...week, groupBy: 'owner' as never }))).toEqual(['invalid_option', 'groupBy']);
    const e = thrown(() => forecastMovement(book, pipeline, { ...week, groupBy: 'owner' as never }));
    expect((e.params as unknown as { reason: { code: string } }).reason.code).toBe('must_be_group_keys');
  });

  it('names a missing instant and options that are not an object, also on the accumulator', () => {
    const reason = (f: () => unknown) => reasoned(f).slice(0, 3);
    expect(reason(() => forecastMovement(book, pipeline, { ...week, from: undefined as never }))).toEqual(['invalid_option', 'from', 'is_required']);
    expect(reason(() => forecastMovement(book, pipeline, { ...week, to: undefined as never }))).toEqual(['invalid_option', 'to', 'is_required']);
    expect(reason(() => forecastMovementAccumulator(pipeline, null as never))).toEqual(['invalid_option', 'options', 'must_be_object']);
    expect(reason(() => forecastMovementAccumulator(pipeline, { ...week, groupBy: [(o) => o.ownerId] }).add(dealColumns(book, pipeline)))).toEqual([
      'invalid_option',
      'groupBy',
      'function_key_on_columns',
    ]);
  });

  it('a listed period is a key at its place; unlisted, the keys are the others', () => {
    const keys = (groupBy: readonly ('period' | 'stage')[]) => forecastMovement(book, pipeline, { ...week, groupBy }).groups.map((g) => g.key.join('/'));
    expect(keys(['stage'])).toEqual(['bottom', 'middle', 'top', 'won']);
    expect(keys(['period', 'stage'])).toEqual(['2026-Q2/bottom', '2026-Q2/middle', '2026-Q2/top', '2026-Q2/won']);
    expect(keys(['stage', 'period'])).toEqual(['bottom/2026-Q2', 'middle/2026-Q2', 'top/2026-Q2', 'won/2026-Q2']);
    expect(keys(['period'])).toEqual(['2026-Q2']);
  });

  it('groups by the customers’ fields when given the customers', () => {
    const customers = [parseCustomer({ id: 'c-1', name: '华东机械', industry: '制造' })];
    const m = forecastMovement(book, pipeline, { ...week, groupBy: ['industry'], customers });
    expect(m.groups.map((g) => [g.key, g.value.end.amount.toString()])).toEqual([[['制造'], '1400000']]);
    expect(fault(() => forecastMovement(book, pipeline, { ...week, groupBy: ['industry'] }))).toEqual(['invalid_option', 'groupBy']);
  });

  it('a deal imported without `created` whose first event falls in the window is new', () => {
    const imported = deal('I', {
      amount: cny('200000'),
      stageId: 'middle',
      expectedCloseDate: '2026-06-15',
      history: [{ type: 'stage_changed', at: at('04-02'), from: 'top', to: 'middle', kind: 'advance' }],
    });
    expect(moved(forecastMovement([imported], pipeline, week).total)).toEqual([['new', '100000', ['I']]]);
  });
});

describe('forecastMovementAccumulator: shards merge only with the same settings', () => {
  const shard = (extra: object = {}) => forecastMovementAccumulator(pipeline, { ...week, ...extra }).add(book);

  it('refuses another period, zone, grouping, measure or rates', () => {
    for (const extra of [
      { period: '2026-Q3' },
      { period: '2026-04' },
      { timeZone: 'UTC' },
      { timeZone: undefined, offsetMinutes: 480 },
      { groupBy: ['owner'] },
      { measure: 'amount' },
      { rates: { base: 'CNY', rates: { USD: '7' } } },
      { from: '2026-04-02T00:00:00+08:00' },
    ]) {
      expect(fault(() => shard().merge(shard(extra)))).toEqual(['invalid_argument', expect.any(String)]);
    }
    const at = (rate: string) => shard({ rates: { base: 'CNY', rates: { USD: rate } } });
    expect(fault(() => at('7').merge(at('8')))).toEqual(['invalid_argument', expect.any(String)]);
    expect(at('7').merge(at('7')).result().total.end.amount.toString()).toBe('2800000');
  });

  it('takes a shard with the same settings: the sums of both', () => {
    const both = shard().merge(shard()).result();
    const one = forecastMovement(book, pipeline, week);
    expect([both.total.start.amount.toString(), both.total.end.amount.toString()]).toEqual(['2400000', '2800000']);
    expect(both.total.change.amount.toString()).toBe(one.total.change.amount.times(2).toString());
  });
});
