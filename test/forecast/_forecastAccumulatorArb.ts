// Books and options for the accumulator properties of weightedForecast and
// forecastCategories (not a test file): generated books with credit splits or rich
// ledgers, some deals moved into other currencies, given amounts that are not a whole
// number of fen (the columns' exact path) or so large that the integer sums spill into
// BigInts; and options covering groupings (period and multi-key), zones, currencies with
// rates, dealIds and asOf.
import fc from 'fast-check';
import {
  Decimal,
  type Customer,
  type CustomerId,
  type GroupKey,
  type Opportunity,
  type Pipeline,
  type WeightedForecastOptions,
} from '../../src/index.js';
import { OWNERS, pipelineWithDeals } from './_arbitraries.js';
import { instantArb, ledgerBookArb } from './_ledgerArb.js';

/** Customers c-1 … c-5 (the ids generated deals use), with segments and priorities. */
export const CUSTOMERS: readonly Customer[] = [1, 2, 3, 4, 5].map(
  (n) =>
    ({
      id: `c-${n}` as CustomerId,
      name: `客户${n}`,
      ...(n === 5 ? {} : { segment: n % 2 === 0 ? 'KA' : 'SMB' }),
      ...(n === 3 ? {} : { priority: n <= 2 ? 'A' : 'B' }),
    }) as unknown as Customer,
);

/** Owner → team (rep-4 is in none). */
const TEAMS = { [OWNERS[0]!]: 'east', [OWNERS[1]!]: 'east', [OWNERS[2]!]: 'west' };

/**
 * Instants near the turn of a month and quarter, where the wall clock of the zones the
 * options use shows another month than UTC (a deal closed then is in another period).
 */
const TURNS = ['2026-03-31T20:00:00Z', '2026-04-01T03:00:00Z', '2025-12-31T18:00:00Z', '2026-07-01T01:30:00Z'].map((s) => new Date(s));

/** How one deal is changed: its currency, its amount made fractional or huge, a closed deal's `closedAt` moved to the turn of a month. */
const tweakArb = fc.record({
  currency: fc.constantFrom('own', 'own', 'own', 'USD', 'EUR', 'JPY'),
  amount: fc.constantFrom('as is', 'as is', 'as is', 'thousandths', 'huge'),
  turn: fc.option(fc.constantFrom(...TURNS), { nil: undefined, freq: 2 }),
});

function tweak(o: Opportunity, t: { readonly currency: string; readonly amount: string; readonly turn: Date | undefined }): Opportunity {
  let amount = o.amount.amount;
  if (t.amount === 'thousandths') amount = amount.plus('0.007');
  // 9 × 10^13 in major units = 9 × 10^15 fen, just below 2^53: two of them pass it.
  else if (t.amount === 'huge') amount = amount.plus('90000000000000');
  const currency = t.currency === 'own' ? o.amount.currency : (t.currency as Opportunity['amount']['currency']);
  const turned = t.turn !== undefined && o.closedAt !== undefined ? { closedAt: t.turn } : {};
  return { ...o, amount: { amount, currency }, ...turned };
}

/**
 * A book: a pipeline and its deals, with splits or rich ledgers, some closed deals
 * closed at the turn of a month, and when `mixed` some deals in other currencies, with
 * fractional or huge amounts.
 */
export const forecastBookArb: fc.Arbitrary<{ pipeline: Pipeline; deals: Opportunity[]; mixed: boolean }> = fc
  .tuple(fc.oneof(pipelineWithDeals(true, 30), ledgerBookArb(12)), fc.boolean(), fc.array(tweakArb, { minLength: 30, maxLength: 30 }))
  .map(([{ pipeline, deals }, mixed, tweaks]) => ({
    pipeline,
    mixed,
    deals: deals.map((d, i) => {
      const t = tweaks[i]!;
      return tweak(d, mixed ? t : { currency: 'own', amount: 'as is', turn: t.turn });
    }),
  }));

/** Groupings, the multi-key ones (whose column fast path combines keys) more often. */
const GROUPINGS: readonly (readonly GroupKey[])[] = [
  [],
  ['period'],
  ['owner'],
  ['period', 'owner'],
  ['period', 'owner'],
  ['owner', 'stage', 'period'],
  ['region', 'period'],
  ['region', 'period'],
  ['stage', 'region'],
  ['team', 'customer_type'],
  ['created_month', 'owner'],
  ['customer_priority', 'project_type', 'region'],
  ['pipeline', 'period'],
  ['created_quarter', 'industry'],
  ['created_year', 'stage', 'owner'],
];

const DAY = 86_400_000;

/** An instant near the book's events (within two days of one, mostly), or anywhere. */
function asOfArb(deals: readonly Opportunity[]): fc.Arbitrary<Date> {
  const times = deals.flatMap((d) => d.history.map((e) => e.at.getTime()));
  if (times.length === 0) return instantArb;
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...times), fc.integer({ min: -2 * DAY, max: 2 * DAY })).map(([t, dt]) => new Date(t + dt)) },
    { weight: 1, arbitrary: instantArb },
  );
}

/** Options for the forecasts of a book: groupings, periods, zones, currencies and rates (when `mixed`), dealIds, asOf. */
export function forecastOptionsArb(book: { readonly deals: readonly Opportunity[]; readonly mixed: boolean }): fc.Arbitrary<WeightedForecastOptions> {
  const mixed = book.mixed;
  return fc
    .record({
      groupBy: fc.constantFrom(...GROUPINGS),
      unit: fc.constantFrom('month' as const, 'quarter' as const, 'fiscal_quarter' as const, 'fiscal_year' as const),
      fiscalYearStartMonth: fc.integer({ min: 1, max: 12 }),
      zone: fc.constantFrom<WeightedForecastOptions>({}, { offsetMinutes: 480 }, { offsetMinutes: -300 }, { timeZone: 'Asia/Shanghai' }, { timeZone: 'America/New_York' }),
      periodZone: fc.boolean(),
      // Listing ids takes another column path than the sums alone: both, the sums more often.
      dealIds: fc.constantFrom(false, false, true),
      asOf: fc.option(asOfArb(book.deals), { nil: undefined, freq: 2 }),
      inUsd: fc.boolean(),
    })
    .map(({ groupBy, unit, fiscalYearStartMonth, zone, periodZone, dealIds, asOf, inUsd }) => {
      // The period may carry its own zone (it then dates the closed deals), instead of the options'.
      const period = periodZone && zone.timeZone !== undefined ? { unit, fiscalYearStartMonth, timeZone: zone.timeZone } : { unit, fiscalYearStartMonth };
      return {
        groupBy,
        period,
        ...(periodZone && zone.timeZone !== undefined ? {} : zone),
        customers: CUSTOMERS,
        teams: TEAMS,
        dealIds,
        ...(asOf === undefined ? {} : { asOf }),
        ...(mixed ? { rates: { base: 'CNY', rates: { USD: '7.10', EUR: new Decimal('7.8'), JPY: '0.047' } } } : {}),
        ...(mixed && inUsd ? { currency: 'USD' } : {}),
      } as WeightedForecastOptions;
    });
}

/** A copy of a result with every list of ids sorted (their order may differ between shardings). */
export function sortIds(x: unknown, key = ''): unknown {
  if (Array.isArray(x)) {
    const items = x.map((v) => sortIds(v));
    return key === 'dealIds' || key === 'opportunityIds' ? [...(items as string[])].sort() : items;
  }
  if (typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype) {
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, sortIds(v, k)]));
  }
  return x;
}
