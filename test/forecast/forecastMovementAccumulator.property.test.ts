import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dealColumns,
  forecastMovement,
  forecastMovementAccumulator,
  type ForecastMovement,
  type ForecastMovementFigures,
  type ForecastMovementOptions,
  type GroupKey,
  type Opportunity,
} from '../../src/index.js';
import { cutsArb, expectAccumulatorLaws } from '../_accumulatorLaws.js';
import { bookWindowArb } from './_ledgerArb.js';

/** A book with rich ledgers and a window; some ledgers imported midway (without `created`). */
const caseArb = fc.tuple(bookWindowArb(14), fc.array(fc.boolean(), { minLength: 14, maxLength: 14 })).map(([book, imports]) => ({
  ...book,
  deals: book.deals.map((o, i): Opportunity => {
    const cut = imports[i] === true && o.history.some((e) => e.type === 'stage_changed');
    return cut ? { ...o, history: o.history.filter((e) => e.type !== 'created').map((e, j) => ({ ...e, seq: j + 1 })) } : o;
  }),
}));

const TEAMS = { 'rep-1': '华东', 'rep-2': '华东', 'rep-3': '华北' };

const settingsArb = fc.record({
  measure: fc.constantFrom('weighted' as const, 'amount' as const, 'commit' as const, 'best_case' as const),
  groupBy: fc.constantFrom([], ['owner'], ['stage', 'region'], ['period', 'owner'], ['owner', 'period'], ['created_month'], ['team', 'project_type']),
  zone: fc.constantFrom<{ readonly offsetMinutes?: number; readonly timeZone?: string }>({}, { timeZone: 'Asia/Shanghai' }, { offsetMinutes: -300 }),
});

/** Id lists come in the order the shards were merged: compare them as sets. */
const sortIds = (f: ForecastMovementFigures): ForecastMovementFigures => ({ ...f, rows: f.rows.map((r) => ({ ...r, dealIds: [...r.dealIds].sort() })) });
const norm = (m: ForecastMovement) => ({ ...m, total: sortIds(m.total), groups: m.groups.map((g) => ({ ...g, value: sortIds(g.value) })) });

describe('forecastMovementAccumulator and the column path', () => {
  it('columns, chunks and merged shards (accumulators, structured clones, JSON) all equal forecastMovement over the whole book', () => {
    fc.assert(
      fc.property(caseArb, settingsArb, cutsArb, ({ pipeline, deals, from, to, period }, { measure, groupBy, zone }, cuts) => {
        const options: ForecastMovementOptions = { from, to, period, measure, groupBy: groupBy as readonly GroupKey[], teams: TEAMS, ...zone };
        const whole = forecastMovement(deals, pipeline, options);
        expectAccumulatorLaws(deals, pipeline, () => forecastMovementAccumulator(pipeline, options), whole, cuts, norm);
        // The batch function takes columns too; one chunk keeps the input order.
        expect(forecastMovement(dealColumns(deals, pipeline), pipeline, options)).toEqual(whole);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a shard with other settings and a function key on columns', () => {
    fc.assert(
      fc.property(caseArb, ({ pipeline, deals, from, to, period }) => {
        const acc = forecastMovementAccumulator(pipeline, { from, to, period }).add(deals);
        expect(() => acc.merge(forecastMovementAccumulator(pipeline, { from, to, period, measure: 'amount' }))).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
        const byName = (d: Opportunity) => d.name.slice(0, 1);
        const byFunction = forecastMovementAccumulator(pipeline, { from, to, period, groupBy: [byName] });
        byFunction.add(deals);
        expect(() => byFunction.add(dealColumns(deals, pipeline))).toThrow(
          expect.objectContaining({ code: 'invalid_option', params: expect.objectContaining({ reason: expect.objectContaining({ code: 'function_key_on_columns' }) }) }),
        );
      }),
      { numRuns: 20 },
    );
  });
});
