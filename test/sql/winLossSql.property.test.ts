// winLossSql equals winLoss on generated books written through the row codecs into
// PostgreSQL (PGlite) and DuckDB: windows, asOf, reopened deals, loss reasons, competitors.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winLoss } from '../../src/analytics/winLoss.js';
import { winLossSql } from '../../src/sql/index.js';
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

/** Books whose pipeline lists loss reasons now and then (one the generator uses, one it does not). */
const bookArb = sqlBookArb({ closedShare: 0.7 }).chain((book) =>
  fc.boolean().map((listed) => (listed ? { ...book, pipeline: { ...book.pipeline, lossReasons: ['预算取消', '价格过高'] } } : book)),
);

describe('winLossSql', () => {
  it('equals winLoss for any window, asOf and grouping', async () => {
    await fc.assert(
      fc.asyncProperty(bookArb, fc.array(optionsArb, { minLength: 1, maxLength: 3 }), async (book, drawn) => {
        await load(dbs, book);
        for (const { zone, ...o } of drawn) {
          const ordered = o.from !== undefined && o.to !== undefined && o.from > o.to ? { from: o.to, to: o.from } : {};
          const options = { ...o, ...ordered, ...zone, customers: book.customers, teams: TEAMS };
          const expected = winLoss(book.opportunities, book.pipeline, options);
          for (const engine of ENGINES) {
            expect(await run(dbs, engine, winLossSql(book.pipeline, { ...options, dialect: engine })), engine).toEqual(expected);
          }
        }
      }),
      { numRuns: 12 },
    );
  }, 180_000);
});
