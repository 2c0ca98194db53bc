// stageVisitsSql equals stageVisits, deal by deal, on generated books written through
// the row codecs into PostgreSQL (PGlite) and DuckDB.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageVisits } from '../../src/analytics/stageVisits.js';
import { stageVisitsSql } from '../../src/sql/index.js';
import { bookArb } from '../../src/testing/index.js';
import { instantArb } from './_arbitraries.js';
import { byId, ENGINES, load, run, startDatabases, stopDatabases, type Databases } from './_support.js';

let dbs: Databases;
beforeAll(async () => {
  dbs = await startDatabases();
}, 180_000);
afterAll(() => stopDatabases(dbs));

describe('stageVisitsSql', () => {
  it('equals stageVisits for every deal, with and without asOf', async () => {
    await fc.assert(
      fc.asyncProperty(
        bookArb({ maxDeals: 12, maxCustomers: 3, maxSteps: 8, startAnywhere: true }),
        fc.option(instantArb, { nil: undefined }),
        async (book, asOf) => {
          await load(dbs, book);
          const expected = byId(book.opportunities).flatMap((o) => stageVisits(o, book.pipeline, asOf === undefined ? {} : { asOf }));
          for (const engine of ENGINES) {
            const got = await run(dbs, engine, stageVisitsSql(book.pipeline, { dialect: engine, ...(asOf === undefined ? {} : { asOf }) }));
            expect(got, engine).toEqual(expected);
          }
        },
      ),
      { numRuns: 10 },
    );
  }, 120_000);
});
