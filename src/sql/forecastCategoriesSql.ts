import { Decimal } from '../money/decimal.js';
import type { Pipeline } from '../model/pipeline.js';
import { categoryFigures, FORECAST_CATEGORIES } from '../model/results/categoryFigures.js';
import { decodeForecast, forecastParts, forecastScan } from './_lib/forecast.js';
import { finish, start } from './_lib/query.js';
import type { SqlForecastCategories } from './results.js';
import type { SqlQuery } from './types.js';
import type { WeightedForecastSqlOptions } from './weightedForecastSql.js';

/** Options for {@link forecastCategoriesSql}: those of {@link weightedForecastSql}. */
export type ForecastCategoriesSqlOptions = WeightedForecastSqlOptions;

/**
 * Forecast categories (预测类别) with their roll-ups, computed in the database: the
 * definition of {@link sales-funnel!forecastCategories | forecastCategories} over the
 * deal headers as they stand. A deal's category is its `forecastCategoryOverride`, else
 * its stage's category (open → `pipeline` by default); won deals are `closed`, lost
 * deals `omitted`, suspended deals left out. Grouping, forecast dates, credit splits,
 * currency and the totals work as in {@link weightedForecastSql}; ids are sorted.
 *
 * @param pipeline - The pipeline (stage categories and probabilities).
 * @param options - As {@link weightedForecastSql}.
 * @returns The query and its decoder.
 * @throws {@link sales-funnel!FunnelError} as {@link weightedForecastSql}.
 *
 * @category SQL
 * @example
 * ```ts
 * import type { Pipeline } from 'sales-funnel';
 * import { forecastCategoriesSql } from 'sales-funnel/sql';
 * declare const pipeline: Pipeline;
 * declare function query(text: string, params: readonly (string | null)[]): Promise<Record<string, unknown>[]>;
 * const q = forecastCategoriesSql(pipeline, { dialect: 'duckdb', groupBy: ['owner'] });
 * const categories = q.decode(await query(q.text, q.params));
 * console.log(categories.total.rollups.commit.amount.amount.toFixed(2));
 * ```
 */
export function forecastCategoriesSql(pipeline: Pipeline, options: ForecastCategoriesSqlOptions): SqlQuery<SqlForecastCategories> {
  const { c } = start(pipeline, options);
  const scan = forecastScan(c, options);
  return finish(c, scan.ctes, forecastParts(c.b, scan, 'category'), (rows) =>
    decodeForecast(rows, pipeline.id, scan, FORECAST_CATEGORIES, (cells) =>
      categoryFigures((...ks) => {
        const sum = (f: 'amount' | 'weighted') => ks.reduce((t, k) => t.plus(cells[k][f]), new Decimal(0));
        return { count: ks.reduce((t, k) => t + cells[k].count, 0), amount: { amount: sum('amount'), currency: scan.currency }, weighted: { amount: sum('weighted'), currency: scan.currency } };
      }),
    ),
  );
}
