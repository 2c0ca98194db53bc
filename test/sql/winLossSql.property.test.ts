// winLossSql equals winLoss on generated books written through the row codecs into
// PostgreSQL (PGlite) and DuckDB: windows, asOf, reopened deals, loss reasons, competitors.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { winLoss } from '../../src/analytics/winLoss.js';
import { winLossSql } from '../../src/sql/index.js';
import { sqlBookArb, windowOptionsArb } from './_arbitraries.js';
import { expectSqlEqualsInProcess, startDatabases, stopDatabases, type Databases } from './_support.js';

let dbs: Databases;
beforeAll(async () => {
  dbs = await startDatabases();
}, 180_000);
afterAll(() => stopDatabases(dbs));

/** Books whose pipeline lists loss reasons now and then (one the generator uses, one it does not). */
const bookArb = sqlBookArb({ closedShare: 0.7 }).chain((book) =>
  fc.boolean().map((listed) => (listed ? { ...book, pipeline: { ...book.pipeline, lossReasons: ['预算取消', '价格过高'] } } : book)),
);

describe('winLossSql', () => {
  it('equals winLoss for any window, asOf and grouping', async () => {
    await fc.assert(
      fc.asyncProperty(bookArb, fc.array(windowOptionsArb(), { minLength: 1, maxLength: 3 }), (book, drawn) =>
        expectSqlEqualsInProcess(dbs, book, drawn, winLoss, winLossSql),
      ),
      { numRuns: 12 },
    );
  }, 180_000);
});
