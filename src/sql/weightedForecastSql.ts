import type { CurrencyCode } from '../money/currency.js';
import type { ExchangeRates } from '../money/convert.js';
import type { GroupOptions } from '../model/groupBy.js';
import type { Pipeline } from '../model/pipeline.js';
import { weightedFigures } from '../model/results/weightedFigures.js';
import type { InstantInput } from '../time/instant.js';
import { decodeForecast, forecastParts, forecastScan } from './_lib/forecast.js';
import { finish, start } from './_lib/query.js';
import type { SqlWeightedForecast } from './results.js';
import type { SqlOptions, SqlQuery } from './types.js';

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

const STATUSES = ['open', 'won', 'lost'] as const;

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
  return finish(c, scan.ctes, forecastParts(c.b, scan, 'status'), (rows) =>
    decodeForecast(rows, pipeline.id, scan, STATUSES, ({ open, won, lost }) =>
      weightedFigures(
        { openCount: open.count, openAmount: open.amount, openWeighted: open.weighted, wonCount: won.count, wonAmount: won.amount, lostCount: lost.count, lostAmount: lost.amount },
        scan.currency,
        undefined,
      ),
    ),
  );
}
