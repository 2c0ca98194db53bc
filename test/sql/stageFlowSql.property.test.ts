// stageFlowSql equals stageFlow on generated books written through the row codecs into
// PostgreSQL (PGlite) and DuckDB: counts, rates, groups, every option.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageFlow } from '../../src/analytics/stageFlow.js';
import { stageFlowSql } from '../../src/sql/index.js';
import { groupByArb, instantArb, periodArb, sqlBookArb, TEAMS, zoneArb } from './_arbitraries.js';
import { ENGINES, load, run, startDatabases, stopDatabases, type Databases } from './_support.js';

let dbs: Databases;
beforeAll(async () => {
  dbs = await startDatabases();
}, 180_000);
afterAll(() => stopDatabases(dbs));

const optionsArb = fc.record(
  {
    from: instantArb,
    to: instantArb,
    asOf: instantArb,
    cohort: fc.constantFrom('stage_entry' as const, 'created' as const),
    skipped: fc.constantFrom('passed' as const, 'excluded' as const),
    stallAfterDays: fc.integer({ min: 1, max: 60 }),
    groupBy: groupByArb,
    period: periodArb,
    zone: zoneArb,
  },
  { requiredKeys: ['groupBy', 'zone'] },
);

describe('stageFlowSql', () => {
  it('equals stageFlow: every cohort, skip treatment, window, asOf and grouping', async () => {
    await fc.assert(
      fc.asyncProperty(sqlBookArb({ startAnywhere: true }), fc.array(optionsArb, { minLength: 1, maxLength: 3 }), async (book, drawn) => {
        await load(dbs, book);
        for (const { zone, ...o } of drawn) {
          const ordered = o.from !== undefined && o.to !== undefined && o.from > o.to ? { from: o.to, to: o.from } : {};
          const options = { ...o, ...ordered, ...zone, customers: book.customers, teams: TEAMS };
          const expected = stageFlow(book.opportunities, book.pipeline, options);
          for (const engine of ENGINES) {
            expect(await run(dbs, engine, stageFlowSql(book.pipeline, { ...options, dialect: engine })), engine).toEqual(expected);
          }
        }
      }),
      { numRuns: 12 },
    );
  }, 180_000);
});
