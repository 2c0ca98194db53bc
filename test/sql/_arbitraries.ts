// Arbitraries of the SQL tests (not a test file): generated books (sales-funnel/testing)
// with project types, plus the options the generators and the in-process functions share.
import fc from 'fast-check';
import { money } from '../../src/money/money.js';
import type { OpportunityEvent } from '../../src/model/events.js';
import type { GroupKey } from '../../src/model/groupBy.js';
import type { Opportunity } from '../../src/model/opportunity.js';
import type { PeriodOptions } from '../../src/time/periodOf.js';
import { bookArb, type Book, type BookConstraints } from '../../src/testing/index.js';
import { sourceArb } from '../storage/_arbitraries.js';

/** Follow-up activities logged into a ledger: each after a drawn event, at its time (ledgers stay in time order). */
function withActivities(o: Opportunity, after: readonly number[]): Opportunity {
  if (after.length === 0 || o.history.length === 0) return o;
  const history: OpportunityEvent[] = [];
  o.history.forEach((e, i) => {
    history.push(e);
    after.forEach((k, j) => {
      if (k % o.history.length === i) history.push({ type: 'activity_logged', seq: 0, at: e.at, kind: 'visit', id: `${o.id}-a${j}` } as OpportunityEvent);
    });
  });
  return { ...o, history: history.map((e, i) => ({ ...e, seq: i + 1 }) as OpportunityEvent) };
}

/**
 * Books with some deals carrying a `projectType` attribute (and some a non-string one),
 * some a `source` (a column the queries do not read: it must not disturb them) and some
 * follow-up activities in the ledgers.
 */
export function sqlBookArb(constraints: BookConstraints = {}): fc.Arbitrary<Book> {
  return bookArb({ maxDeals: 12, maxCustomers: 3, maxSteps: 8, ...constraints }).chain((book) => {
    const n = book.opportunities.length;
    return fc
      .record({
        types: fc.array(fc.constantFrom<unknown>(undefined, 'large', 'small', '', 7), { minLength: n, maxLength: n }),
        activities: fc.array(fc.array(fc.nat({ max: 50 }), { maxLength: 2 }), { minLength: n, maxLength: n }),
        sources: fc.array(fc.option(sourceArb('database'), { nil: undefined }), { minLength: n, maxLength: n }),
      })
      .map(({ types, activities, sources }) => ({
        ...book,
        opportunities: book.opportunities.map((o, i) => {
          const typed = types[i] === undefined ? o : { ...o, attributes: { projectType: types[i] as string } };
          const sourced = sources[i] === undefined ? typed : { ...typed, source: sources[i] };
          return withActivities(sourced, activities[i] ?? []);
        }),
      }));
  });
}

/** An instant between 2025 and mid-2026 (or none). */
export const instantArb = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2026-07-01T00:00:00Z'), noInvalidDate: true });

/** A zone: none, an IANA zone or a fixed offset. */
export const zoneArb = fc.constantFrom<{ timeZone?: string; offsetMinutes?: number }>(
  {},
  { timeZone: 'Asia/Shanghai' },
  { timeZone: 'America/New_York' },
  { offsetMinutes: 480 },
  { offsetMinutes: -330 },
);

/** Period settings for `'period'`. */
export const periodArb: fc.Arbitrary<PeriodOptions> = fc.record({
  unit: fc.constantFrom('month' as const, 'quarter' as const, 'year' as const, 'fiscal_quarter' as const, 'fiscal_year' as const),
  fiscalYearStartMonth: fc.integer({ min: 1, max: 12 }),
  fiscalYearLabel: fc.constantFrom('end' as const, 'start' as const),
});

/** Grouping keys the generators support (teams: rep-1 and rep-2 in one team, rep-3 in none). */
export const groupByArb = fc.shuffledSubarray<GroupKey>(
  ['owner', 'region', 'stage', 'period', 'created_month', 'created_quarter', 'created_year', 'customer_type', 'customer_priority', 'industry', 'project_type', 'team', 'pipeline'],
  { maxLength: 3 },
);

/** The teams option the tests pass with `team`. */
export const TEAMS = { 'rep-1': '华东一组', 'rep-2': '华东一组' } as const;

/** A zone as drawn: spread into the options by the tests. */
export type ZoneDraw = typeof zoneArb extends fc.Arbitrary<infer Z> ? Z : never;

/** A grouping, period settings and a zone. */
export const groupingOptionsArb = fc.record({ groupBy: groupByArb, period: periodArb, zone: zoneArb });

/**
 * A reading window — `from` and `to` (in order) and `asOf`, each drawn or not — with a
 * grouping, a zone, period settings (or none) and the `extra` options.
 */
export function windowOptionsArb<E extends object = object>(extra: fc.Arbitrary<E> = fc.constant({} as E)) {
  const window = fc.record(
    { from: instantArb, to: instantArb, asOf: instantArb, groupBy: groupByArb, period: periodArb, zone: zoneArb },
    { requiredKeys: ['groupBy', 'zone'] },
  );
  return fc.tuple(window, extra).map(([o, e]) => ({ ...o, ...(o.from !== undefined && o.to !== undefined && o.from > o.to ? { from: o.to, to: o.from } : {}), ...e }));
}

const CATEGORY = fc.constantFrom('pipeline' as const, 'best_case' as const, 'commit' as const, 'omitted' as const);

/**
 * Books for the forecasts: credit splits now and then (owners rep-1 … rep-4), forecast
 * categories on some open stages and category overrides on some open deals.
 */
export function forecastBookArb(splitsArb: fc.Arbitrary<Opportunity['splits']>): fc.Arbitrary<Book> {
  return sqlBookArb({ owners: ['rep-1', 'rep-2', 'rep-3', 'rep-4'] }).chain((book) => {
    const n = book.opportunities.length;
    return fc
      .record({
        splits: fc.array(fc.option(splitsArb, { nil: undefined, freq: 3 }), { minLength: n, maxLength: n }),
        overrides: fc.array(fc.option(CATEGORY, { nil: undefined, freq: 3 }), { minLength: n, maxLength: n }),
        stageCategories: fc.array(fc.option(CATEGORY, { nil: undefined }), { minLength: book.pipeline.stages.length, maxLength: book.pipeline.stages.length }),
      })
      .map(({ splits, overrides, stageCategories }) => ({
        ...book,
        pipeline: {
          ...book.pipeline,
          stages: book.pipeline.stages.map((s, i) => (s.kind === 'open' && stageCategories[i] !== undefined ? { ...s, forecastCategory: stageCategories[i] } : s)),
        },
        opportunities: book.opportunities.map((o, i) => {
          const open = o.status === 'open' || o.status === 'suspended';
          return {
            ...o,
            ...(splits[i] === undefined ? {} : { splits: splits[i] }),
            ...(open && overrides[i] !== undefined ? { forecastCategoryOverride: overrides[i] } : {}),
          };
        }),
      }));
  });
}

/**
 * Books (at least one deal) in which one deal — its amount and its amount changes — is in
 * another currency than the pipeline's (USD).
 */
export const foreignDealBookArb: fc.Arbitrary<Book> = fc.tuple(sqlBookArb({ minDeals: 1 }), fc.nat()).map(([book, k]) => {
  const i = k % book.opportunities.length;
  return {
    ...book,
    opportunities: book.opportunities.map((o, j) =>
      j !== i ? o : {
        ...o,
        amount: money(o.amount.amount, 'USD'),
        history: o.history.map((e) => (e.type === 'amount_changed' ? { ...e, from: money(e.from.amount, 'USD'), to: money(e.to.amount, 'USD') } : e)),
      },
    ),
  };
});
