// weightedForecastSql equals weightedForecast on generated books written through the row
// codecs into PostgreSQL (PGlite) and DuckDB: amounts to the fen, credit splits, undated
// and suspended deals, every grouping; a deal in another currency is refused by both.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weightedForecast } from '../../src/forecast/weightedForecast.js';
import { FunnelError } from '../../src/i18n/FunnelError.js';
import { money } from '../../src/money/money.js';
import { weightedForecastSql } from '../../src/sql/index.js';
import { splitsArb } from '../forecast/_arbitraries.js';
import { forecastBookArb, groupByArb, periodArb, sqlBookArb, TEAMS, zoneArb } from './_arbitraries.js';
import { ENGINES, load, run, startDatabases, stopDatabases, type Databases } from './_support.js';

let dbs: Databases;
beforeAll(async () => {
  dbs = await startDatabases();
}, 180_000);
afterAll(() => stopDatabases(dbs));

const optionsArb = fc.record({ groupBy: groupByArb, period: periodArb, zone: zoneArb });

const bookArb = forecastBookArb(splitsArb);

const byId = <T extends { readonly id: string }>(xs: readonly T[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

describe('weightedForecastSql', () => {
  it('equals weightedForecast for every grouping, with credit splits', async () => {
    await fc.assert(
      fc.asyncProperty(bookArb, fc.array(optionsArb, { minLength: 1, maxLength: 3 }), async (book, drawn) => {
        await load(dbs, book);
        const deals = byId(book.opportunities);
        for (const { zone, ...o } of drawn) {
          const options = { ...o, ...zone, customers: book.customers, teams: TEAMS };
          const expected = weightedForecast(deals, book.pipeline, options);
          for (const engine of ENGINES) {
            expect(await run(dbs, engine, weightedForecastSql(book.pipeline, { ...options, dialect: engine })), engine).toEqual(expected);
          }
        }
      }),
      { numRuns: 12 },
    );
  }, 180_000);

  it('refuses a deal in another currency, as weightedForecast does', async () => {
    await fc.assert(
      fc.asyncProperty(sqlBookArb({ minDeals: 1 }), fc.nat(), async (book, k) => {
        const i = k % book.opportunities.length;
        const foreign = { ...book, opportunities: book.opportunities.map((o, j) => (j === i ? { ...o, amount: money(o.amount.amount, 'USD'), history: o.history.map((e) => (e.type === 'amount_changed' ? { ...e, from: money(e.from.amount, 'USD'), to: money(e.to.amount, 'USD') } : e)) } : o)) };
        await load(dbs, foreign);
        const code = (f: () => unknown) => {
          try {
            f();
            return 'ok';
          } catch (e) {
            return e instanceof FunnelError ? e.code : String(e);
          }
        };
        expect(code(() => weightedForecast(foreign.opportunities, foreign.pipeline))).toBe('currency_mismatch');
        for (const engine of ENGINES) {
          const query = weightedForecastSql(foreign.pipeline, { dialect: engine });
          await expect(run(dbs, engine, query), engine).rejects.toMatchObject({ code: 'currency_mismatch', params: { right: 'USD' } });
        }
      }),
      { numRuns: 3 },
    );
  }, 120_000);
});
