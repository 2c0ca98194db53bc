import { Decimal } from '../money/decimal.js';
import type { CurrencyCode } from '../money/currency.js';
import type { Money } from '../money/money.js';
import type { ExchangeRates } from '../money/convert.js';
import type { GroupOptions } from '../model/groupBy.js';
import type { InstantInput } from '../time/instant.js';
import type { OpportunityId } from '../model/ids.js';
import type { Pipeline } from '../model/pipeline.js';
import { dec, Groups, int, keyOf, partsOf, text, throwDiagnostics } from './_lib/diagnostics.js';
import { forecastParts, forecastScan } from './_lib/forecast.js';
import { finish, start } from './_lib/query.js';
import type { SqlWeightedForecast, SqlWeightedForecastFigures } from './results.js';
import type { SqlOptions, SqlQuery, SqlRow } from './types.js';

/**
 * Options for {@link weightedForecastSql}: those of
 * {@link sales-funnel!weightedForecast | weightedForecast} (built-in grouping keys; the
 * deals as they stand: `asOf`, `dealIds` and `rates` are not computed in the database)
 * and the SQL settings.
 */
export interface WeightedForecastSqlOptions extends SqlOptions, GroupOptions {
  /**
   * Currency of the result.
   *
   * @defaultValue the pipeline's currency
   */
  readonly currency?: CurrencyCode;
  /** Not computed in the database: giving rates is an `invalid_option` (convert the amounts in the database first). */
  readonly rates?: ExchangeRates;
  /** Not computed in the database (the deals are read as they stand): giving it is an `invalid_option`. */
  readonly asOf?: InstantInput;
  /** Not computed in the database: `true` is an `invalid_option`. */
  readonly dealIds?: boolean;
}

type Status = 'open' | 'won' | 'lost';
const STATUSES: readonly Status[] = ['open', 'won', 'lost'];

interface Acc {
  count: Record<Status, number>;
  amount: Record<Status, Decimal>;
  weighted: Decimal;
}

function newAcc(): Acc {
  const z = new Decimal(0);
  return { count: { open: 0, won: 0, lost: 0 }, amount: { open: z, won: z, lost: z }, weighted: z };
}

function addRow(acc: Acc, r: SqlRow): void {
  const status = text(r['what']) as Status;
  acc.count[status] += int(r['cnt']);
  acc.amount[status] = acc.amount[status].plus(dec(r['amount']));
  if (status === 'open') acc.weighted = acc.weighted.plus(dec(r['weighted']));
}

function figures(a: Acc, currency: CurrencyCode): SqlWeightedForecastFigures {
  const m = (amount: Decimal): Money => ({ amount, currency });
  return {
    count: a.count.open + a.count.won,
    amount: m(a.amount.open.plus(a.amount.won)),
    weighted: m(a.weighted.plus(a.amount.won)),
    open: { count: a.count.open, amount: m(a.amount.open), weighted: m(a.weighted) },
    won: { count: a.count.won, amount: m(a.amount.won), weighted: m(a.amount.won) },
    lost: { count: a.count.lost, amount: m(a.amount.lost), weighted: m(new Decimal(0)) },
  };
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The weighted forecast (加权预测) computed in the database, per group and in total, with
 * exact decimals: the definition of {@link sales-funnel!weightedForecast | weightedForecast}
 * over the deal headers as they stand — the probability rule of `dealProbability`
 * (won 1, lost 0, suspended left out, an open deal's override else its stage's
 * probability), the forecast date (an open deal's expected close date; a closed deal's
 * `closedAt` dated on the wall clock of `timeZone` / `offsetMinutes`, UTC by default,
 * falling back to its expected close date), credit splits shared out by basis points in
 * whole minor units when grouping by owner, and the totals `total`, `unforecastable`,
 * `book` and `suspended`.
 *
 * Rules that are easy to get wrong, as the query applies them: a suspended deal with no
 * close date counts under `suspended`, not `unforecastable`; the top-level `amount` of
 * every figure holds the open and won deals only, while `unforecastable.lost` (and
 * `book.lost`) hold the lost deals' amounts. The database has no input order, so the
 * decoder lists `opportunityIds` sorted by id.
 *
 * In DuckDB, amounts with more than 6 decimals or probabilities with more than 14 make
 * the query fail rather than round (see {@link duckdbDialect}).
 *
 * @param pipeline - The pipeline (stage probabilities and categories, currency).
 * @param options - `dialect` (required), `schema`, grouping (`'period'`: the forecast date's period), `currency`.
 * @returns The query and its decoder.
 * @throws {@link sales-funnel!FunnelError} `invalid_option` as `weightedForecast` does
 *   (a key listed twice, a bad period, zone or currency), and for `rates`, `asOf`,
 *   `dealIds`, a function grouping key or a bad dialect or name mapping;
 *   `sql_not_expressible` when the dialect cannot unnest credit splits or date instants
 *   in a time zone. The decoder throws `unknown_stage` and `currency_mismatch` as
 *   `weightedForecast` does.
 *
 * @category SQL
 * @example
 * ```ts
 * import type { Pipeline } from 'sales-funnel';
 * import { weightedForecastSql } from 'sales-funnel/sql';
 * declare const pipeline: Pipeline;
 * declare function query(text: string, params: readonly (string | null)[]): Promise<Record<string, unknown>[]>;
 * const q = weightedForecastSql(pipeline, { dialect: 'postgres', groupBy: ['period', 'owner'], timeZone: 'Asia/Shanghai' });
 * const forecast = q.decode(await query(q.text, q.params));
 * for (const g of forecast.groups) console.log(g.key.join(' / '), g.value.weighted.amount.toFixed(2));
 * ```
 */
export function weightedForecastSql(pipeline: Pipeline, options: WeightedForecastSqlOptions): SqlQuery<SqlWeightedForecast> {
  const { c } = start(pipeline, options);
  const scan = forecastScan(c, options);
  const { g, currency } = scan;
  const n = g.groupBy.length;
  return finish(c, scan.ctes, forecastParts(c.b, scan, 'status'), (rows) => {
    const parts = partsOf(rows);
    throwDiagnostics(parts, pipeline.id, currency);
    const groups = new Groups(newAcc);
    const total = newAcc();
    for (const r of parts.get('g') ?? []) {
      addRow(n === 0 ? total : groups.get(keyOf(r, n)), r);
    }
    const sorted = groups.sorted();
    for (const { acc } of sorted) {
      for (const s of STATUSES) total.amount[s] = total.amount[s].plus(acc.amount[s]);
      total.weighted = total.weighted.plus(acc.weighted);
    }
    total.count = { open: 0, won: 0, lost: 0 };
    for (const r of parts.get('t') ?? []) total.count[text(r['what']) as Status] += int(r['cnt']);
    const undated = newAcc();
    for (const r of parts.get('u') ?? []) addRow(undated, r);
    const book = newAcc();
    for (const s of STATUSES) {
      book.count[s] = total.count[s] + undated.count[s];
      book.amount[s] = total.amount[s].plus(undated.amount[s]);
    }
    book.weighted = total.weighted.plus(undated.weighted);
    const ids = (part: string) => (parts.get(part) ?? []).map((r) => text(r['deal_id']) as OpportunityId).sort(byId);
    const s = parts.get('s')?.[0];
    return {
      groupBy: g.labels,
      total: figures(total, currency),
      groups: n === 0 ? [] : sorted.map(({ key, acc }) => ({ key, value: figures(acc, currency) })),
      currency,
      unforecastable: { ...figures(undated, currency), opportunityIds: ids('uid') },
      book: figures(book, currency),
      suspended: {
        count: s === undefined ? 0 : int(s['cnt']),
        amount: { amount: s === undefined ? new Decimal(0) : dec(s['amount']), currency },
        weighted: { amount: new Decimal(0), currency },
        opportunityIds: ids('sid'),
      },
    };
  });
}
