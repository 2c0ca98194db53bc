// cohortFunnelSql equals cohortFunnel on generated books written through the row
// codecs into PostgreSQL (PGlite) and DuckDB: creation windows, asOf, groups.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortFunnel } from '../../src/analytics/cohortFunnel.js';
import { cohortFunnelSql } from '../../src/sql/index.js';
import { groupByArb, instantArb, periodArb, sqlBookArb, TEAMS, zoneArb } from './_arbitraries.js';
import { ENGINES, load, run, startDatabases, stopDatabases, type Databases } from './_support.js';

let dbs: Databases;
beforeAll(async () => {
  dbs = await startDatabases();
}, 180_000);
afterAll(() => stopDatabases(dbs));

const optionsArb = fc.record(
  { from: instantArb, to: instantArb, asOf: instantArb, groupBy: groupByArb, period: periodArb, zone: zoneArb },
  { requiredKeys: ['groupBy', 'zone'] },
);

describe('cohortFunnelSql', () => {
  it('equals cohortFunnel for any creation window, asOf and grouping', async () => {
    await fc.assert(
      fc.asyncProperty(sqlBookArb({ startAnywhere: true }), fc.array(optionsArb, { minLength: 1, maxLength: 3 }), async (book, drawn) => {
        await load(dbs, book);
        for (const { zone, ...o } of drawn) {
          const ordered = o.from !== undefined && o.to !== undefined && o.from > o.to ? { from: o.to, to: o.from } : {};
          const options = { ...o, ...ordered, ...zone, customers: book.customers, teams: TEAMS };
          const expected = cohortFunnel(book.opportunities, book.pipeline, options);
          for (const engine of ENGINES) {
            expect(await run(dbs, engine, cohortFunnelSql(book.pipeline, { ...options, dialect: engine })), engine).toEqual(expected);
          }
        }
      }),
      { numRuns: 12 },
    );
  }, 180_000);
});
