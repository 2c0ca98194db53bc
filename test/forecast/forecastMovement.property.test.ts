import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Decimal,
  forecastCategories,
  forecastMovement,
  weightedForecast,
  type ForecastMovementFigures,
  type ForecastMovementMeasure,
  type GroupKey,
  type Opportunity,
  type Pipeline,
} from '../../src/index.js';
import { sumOf } from './_arbitraries.js';
import { bookWindowArb } from './_ledgerArb.js';

const RUNS = { numRuns: 100 };
const measureArb = fc.constantFrom<ForecastMovementMeasure>('weighted', 'amount', 'commit', 'best_case');
const zoneArb = fc.constantFrom<{ timeZone?: string }>({}, { timeZone: 'Asia/Shanghai' });

/** The forecast's measure for every group of `[period, ...groupBy]` in `period`, by the rest of the key. */
function forecastAt(
  deals: readonly Opportunity[],
  pipeline: Pipeline,
  asOf: Date,
  p: { readonly period: string; readonly unit: 'month' | 'quarter' | 'year' },
  measure: ForecastMovementMeasure,
  groupBy: readonly GroupKey[],
  zone: { timeZone?: string },
): Map<string, Decimal> {
  const options = { asOf, groupBy: ['period' as const, ...groupBy], period: { unit: p.unit }, ...zone };
  const out = new Map<string, Decimal>();
  if (measure === 'weighted' || measure === 'amount') {
    for (const g of weightedForecast(deals, pipeline, options).groups) {
      if (g.key[0] === p.period) out.set(g.key.slice(1).join('/'), measure === 'weighted' ? g.value.weighted.amount : g.value.amount.amount);
    }
  } else {
    for (const g of forecastCategories(deals, pipeline, options).groups) {
      if (g.key[0] === p.period) out.set(g.key.slice(1).join('/'), (measure === 'commit' ? g.value.rollups.commit : g.value.rollups.bestCase).amount.amount);
    }
  }
  return out;
}

const rowsSum = (f: ForecastMovementFigures) => sumOf(f.rows.map((r) => r.delta.amount));
const ZERO = new Decimal(0);

describe('forecastMovement laws', () => {
  it('sums to the difference of the two forecasts, exactly, for every book, pair of instants, period and measure', () => {
    fc.assert(
      fc.property(bookWindowArb(), measureArb, zoneArb, ({ pipeline, deals, from, to, ...p }, measure, zone) => {
        const w = { from, to };
        const m = forecastMovement(deals, pipeline, { ...w, period: p.period, measure, ...zone });
        const start = forecastAt(deals, pipeline, w.from, p, measure, [], zone).get('') ?? ZERO;
        const end = forecastAt(deals, pipeline, w.to, p, measure, [], zone).get('') ?? ZERO;
        expect(m.total.start.amount.toString()).toBe(start.toString());
        expect(m.total.end.amount.toString()).toBe(end.toString());
        expect(m.total.start.amount.plus(rowsSum(m.total)).eq(m.total.end.amount)).toBe(true);
        expect(m.total.change.amount.eq(end.minus(start))).toBe(true);
      }),
      RUNS,
    );
  });

  it('holds in every group too, and the groups add up to the total', () => {
    fc.assert(
      fc.property(
        bookWindowArb(),
        measureArb,
        fc.shuffledSubarray<GroupKey>(['owner', 'stage', 'region'], { minLength: 1 }),
        ({ pipeline, deals, from, to, ...p }, measure, groupBy) => {
          const w = { from, to };
          const m = forecastMovement(deals, pipeline, { ...w, period: p.period, measure, groupBy });
          const starts = forecastAt(deals, pipeline, w.from, p, measure, groupBy, {});
          const ends = forecastAt(deals, pipeline, w.to, p, measure, groupBy, {});
          for (const g of m.groups) {
            const key = g.key.join('/');
            expect(g.value.start.amount.toString()).toBe((starts.get(key) ?? ZERO).toString());
            expect(g.value.end.amount.toString()).toBe((ends.get(key) ?? ZERO).toString());
            expect(g.value.start.amount.plus(rowsSum(g.value)).eq(g.value.end.amount)).toBe(true);
          }
          // Every group of either forecast is a group of the movement.
          const keys = new Set(m.groups.map((g) => g.key.join('/')));
          for (const key of [...starts.keys(), ...ends.keys()]) expect(keys.has(key)).toBe(true);
          m.total.rows.forEach((r, k) => expect(r.delta.amount.eq(sumOf(m.groups.map((g) => g.value.rows[k]!.delta.amount)))).toBe(true));
          expect(m.total.start.amount.eq(sumOf(m.groups.map((g) => g.value.start.amount)))).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('lists only deals with events between the two instants, and lists one behind every row that moved', () => {
    fc.assert(
      fc.property(bookWindowArb(), ({ pipeline, deals, from, to, ...p }) => {
        const w = { from, to };
        const m = forecastMovement(deals, pipeline, { ...w, period: p.period });
        const moving = new Set(deals.filter((d) => d.history.some((e) => e.at > w.from && e.at <= w.to)).map((d) => d.id));
        for (const r of m.total.rows) {
          for (const id of r.dealIds) expect(moving.has(id)).toBe(true);
          if (!r.delta.amount.isZero()) expect(r.dealIds.length).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });
});
