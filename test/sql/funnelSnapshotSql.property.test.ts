// funnelSnapshotSql equals funnelSnapshot on generated books written through the row
// codecs into PostgreSQL (PGlite) and DuckDB: counts, amounts to the fen, ratios, groups.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { funnelSnapshot } from '../../src/analytics/funnelSnapshot.js';
import { funnelSnapshotSql } from '../../src/sql/index.js';
import { groupByArb, instantArb, periodArb, sqlBookArb, zoneArb } from './_arbitraries.js';
import { expectSqlEqualsInProcess, startDatabases, stopDatabases, type Databases } from './_support.js';

let dbs: Databases;
beforeAll(async () => {
  dbs = await startDatabases();
}, 180_000);
afterAll(() => stopDatabases(dbs));

const optionsArb = fc.record({ asOf: instantArb, groupBy: groupByArb, period: periodArb, zone: zoneArb });

describe('funnelSnapshotSql', () => {
  it('equals funnelSnapshot at any asOf, for any grouping', async () => {
    await fc.assert(
      fc.asyncProperty(sqlBookArb({ startAnywhere: true }), fc.array(optionsArb, { minLength: 1, maxLength: 3 }), (book, drawn) =>
        expectSqlEqualsInProcess(dbs, book, drawn, funnelSnapshot, funnelSnapshotSql),
      ),
      { numRuns: 12 },
    );
  }, 180_000);
});
