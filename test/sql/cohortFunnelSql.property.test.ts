// cohortFunnelSql equals cohortFunnel on generated books written through the row
// codecs into PostgreSQL (PGlite) and DuckDB: creation windows, asOf, groups.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { cohortFunnel } from '../../src/analytics/cohortFunnel.js';
import { cohortFunnelSql } from '../../src/sql/index.js';
import { sqlBookArb, windowOptionsArb } from './_arbitraries.js';
import { expectSqlEqualsInProcess, startDatabases, stopDatabases, type Databases } from './_support.js';

let dbs: Databases;
beforeAll(async () => {
  dbs = await startDatabases();
}, 180_000);
afterAll(() => stopDatabases(dbs));

describe('cohortFunnelSql', () => {
  it('equals cohortFunnel for any creation window, asOf and grouping', async () => {
    await fc.assert(
      fc.asyncProperty(sqlBookArb({ startAnywhere: true }), fc.array(windowOptionsArb(), { minLength: 1, maxLength: 3 }), (book, drawn) =>
        expectSqlEqualsInProcess(dbs, book, drawn, cohortFunnel, cohortFunnelSql),
      ),
      { numRuns: 12 },
    );
  }, 180_000);
});
