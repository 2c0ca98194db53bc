// weightedForecastSql equals weightedForecast on generated books written through the row
// codecs into PostgreSQL (PGlite) and DuckDB: amounts to the fen, credit splits, undated
// and suspended deals, every grouping; a deal in another currency is refused by both.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { weightedForecast } from '../../src/forecast/weightedForecast.js';
import { weightedForecastSql } from '../../src/sql/index.js';
import { splitsArb } from '../forecast/_arbitraries.js';
import { forecastBookArb, foreignDealBookArb, groupingOptionsArb } from './_arbitraries.js';
import { byId, expectSqlEqualsInProcess, expectSqlRefusesAsInProcess, startDatabases, stopDatabases, type Databases } from './_support.js';

let dbs: Databases;
beforeAll(async () => {
  dbs = await startDatabases();
}, 180_000);
afterAll(() => stopDatabases(dbs));

describe('weightedForecastSql', () => {
  it('equals weightedForecast for every grouping, with credit splits', async () => {
    await fc.assert(
      fc.asyncProperty(forecastBookArb(splitsArb), fc.array(groupingOptionsArb, { minLength: 1, maxLength: 3 }), (book, drawn) =>
        expectSqlEqualsInProcess(dbs, book, drawn, weightedForecast, weightedForecastSql, byId(book.opportunities)),
      ),
      { numRuns: 12 },
    );
  }, 180_000);

  it('refuses a deal in another currency, as weightedForecast does', async () => {
    await fc.assert(
      fc.asyncProperty(foreignDealBookArb, (book) =>
        expectSqlRefusesAsInProcess(dbs, book, weightedForecast, weightedForecastSql, { code: 'currency_mismatch', params: { right: 'USD' } }),
      ),
      { numRuns: 3 },
    );
  }, 120_000);
});
