// stageFlowSql equals stageFlow on generated books written through the row codecs into
// PostgreSQL (PGlite) and DuckDB: counts, rates, groups, every option.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { stageFlow } from '../../src/analytics/stageFlow.js';
import { stageFlowSql } from '../../src/sql/index.js';
import { sqlBookArb, windowOptionsArb } from './_arbitraries.js';
import { expectSqlEqualsInProcess, startDatabases, stopDatabases, type Databases } from './_support.js';

let dbs: Databases;
beforeAll(async () => {
  dbs = await startDatabases();
}, 180_000);
afterAll(() => stopDatabases(dbs));

const optionsArb = windowOptionsArb(
  fc.record(
    {
      cohort: fc.constantFrom('stage_entry' as const, 'created' as const),
      skipped: fc.constantFrom('passed' as const, 'excluded' as const),
      stallAfterDays: fc.integer({ min: 1, max: 60 }),
    },
    { requiredKeys: [] },
  ),
);

describe('stageFlowSql', () => {
  it('equals stageFlow: every cohort, skip treatment, window, asOf and grouping', async () => {
    await fc.assert(
      fc.asyncProperty(sqlBookArb({ startAnywhere: true }), fc.array(optionsArb, { minLength: 1, maxLength: 3 }), (book, drawn) =>
        expectSqlEqualsInProcess(dbs, book, drawn, stageFlow, stageFlowSql),
      ),
      { numRuns: 12 },
    );
  }, 180_000);
});
