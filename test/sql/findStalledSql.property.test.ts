// findStalledSql equals findStalled on generated books written through the row codecs
// into PostgreSQL (PGlite) and DuckDB: every clock, every threshold, groups.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { findStalled } from '../../src/analytics/findStalled.js';
import { findStalledSql } from '../../src/sql/index.js';
import { groupByArb, instantArb, periodArb, sqlBookArb, zoneArb } from './_arbitraries.js';
import { expectSqlEqualsInProcess, startDatabases, stopDatabases, type Databases } from './_support.js';

let dbs: Databases;
beforeAll(async () => {
  dbs = await startDatabases();
}, 180_000);
afterAll(() => stopDatabases(dbs));

const optionsArb = fc.record(
  {
    asOf: instantArb,
    clock: fc.constantFrom('stage_entry' as const, 'last_activity' as const, 'last_event' as const, 'created' as const),
    threshold: fc.oneof(fc.constant('stage' as const), fc.integer({ min: 1, max: 90 }), fc.double({ min: 0.5, max: 60, noNaN: true }), fc.record({ medianMultiple: fc.double({ min: 0.1, max: 3, noNaN: true }) })),
    groupBy: groupByArb,
    period: periodArb,
    zone: zoneArb,
  },
  { requiredKeys: ['asOf', 'groupBy', 'zone'] },
);

describe('findStalledSql', () => {
  it('equals findStalled for every clock and threshold', async () => {
    await fc.assert(
      fc.asyncProperty(sqlBookArb({ startAnywhere: true }), fc.array(optionsArb, { minLength: 1, maxLength: 3 }), (book, drawn) =>
        expectSqlEqualsInProcess(dbs, book, drawn, findStalled, findStalledSql),
      ),
      { numRuns: 12 },
    );
  }, 180_000);
});
