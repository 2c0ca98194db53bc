// forecastCategoriesSql equals forecastCategories on generated books written through the row
// codecs into PostgreSQL (PGlite) and DuckDB: amounts to the fen, credit splits, undated
// and suspended deals, every grouping; a deal in another currency is refused by both.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { forecastCategories } from '../../src/forecast/forecastCategories.js';
import { forecastCategoriesSql } from '../../src/sql/index.js';
import { splitsArb } from '../forecast/_arbitraries.js';
import { forecastBookArb, foreignDealBookArb, groupingOptionsArb } from './_arbitraries.js';
import { byId, expectSqlEqualsInProcess, expectSqlRefusesAsInProcess, startDatabases, stopDatabases, type Databases } from './_support.js';

let dbs: Databases;
beforeAll(async () => {
  dbs = await startDatabases();
}, 180_000);
afterAll(() => stopDatabases(dbs));

describe('forecastCategoriesSql', () => {
  it('equals forecastCategories for every grouping, with credit splits', async () => {
    await fc.assert(
      fc.asyncProperty(forecastBookArb(splitsArb), fc.array(groupingOptionsArb, { minLength: 1, maxLength: 3 }), (book, drawn) =>
        expectSqlEqualsInProcess(dbs, book, drawn, forecastCategories, forecastCategoriesSql, byId(book.opportunities)),
      ),
      { numRuns: 12 },
    );
  }, 180_000);

  it('refuses a deal in another currency, as forecastCategories does', async () => {
    await fc.assert(
      fc.asyncProperty(foreignDealBookArb, (book) =>
        expectSqlRefusesAsInProcess(dbs, book, forecastCategories, forecastCategoriesSql, { code: 'currency_mismatch', params: { right: 'USD' } }),
      ),
      { numRuns: 3 },
    );
  }, 120_000);
});
