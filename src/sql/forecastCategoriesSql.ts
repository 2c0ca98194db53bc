import type { CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import type { OpportunityId } from '../model/ids.js';
import type { Pipeline } from '../model/pipeline.js';
import type { ForecastCategory } from '../model/stage.js';
import { dec, Groups, int, keyOf, partsOf, text, throwDiagnostics } from './_lib/diagnostics.js';
import { forecastParts, forecastScan } from './_lib/forecast.js';
import { finish, start } from './_lib/query.js';
import type { SqlForecastCategories, SqlForecastCategoryFigures, SqlForecastTally } from './results.js';
import type { SqlQuery } from './types.js';
import type { WeightedForecastSqlOptions } from './weightedForecastSql.js';

/** Options for {@link forecastCategoriesSql}: those of {@link weightedForecastSql}. */
export type ForecastCategoriesSqlOptions = WeightedForecastSqlOptions;

const CATEGORIES: readonly ForecastCategory[] = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'];

interface Cell {
  count: number;
  amount: Decimal;
  weighted: Decimal;
}
type Cells = Record<ForecastCategory, Cell>;

function newCells(): Cells {
  const c = {} as Cells;
  for (const k of CATEGORIES) c[k] = { count: 0, amount: new Decimal(0), weighted: new Decimal(0) };
  return c;
}

function figures(cells: Cells, currency: CurrencyCode): SqlForecastCategoryFigures {
  const m = (amount: Decimal): Money => ({ amount, currency });
  const tally = (...ks: ForecastCategory[]): SqlForecastTally => {
    let count = 0;
    let amount = new Decimal(0);
    let weighted = new Decimal(0);
    for (const k of ks) {
      count += cells[k].count;
      amount = amount.plus(cells[k].amount);
      weighted = weighted.plus(cells[k].weighted);
    }
    return { count, amount: m(amount), weighted: m(weighted) };
  };
  const categories = {} as Record<ForecastCategory, SqlForecastTally>;
  for (const k of CATEGORIES) categories[k] = tally(k);
  return {
    categories,
    rollups: {
      closed: tally('closed'),
      commit: tally('closed', 'commit'),
      bestCase: tally('closed', 'commit', 'best_case'),
      openPipeline: tally('pipeline', 'best_case', 'commit'),
    },
  };
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

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
  const { g, currency } = scan;
  const n = g.groupBy.length;
  return finish(c, scan.ctes, forecastParts(c.b, scan, 'category'), (rows) => {
    const parts = partsOf(rows);
    throwDiagnostics(parts, pipeline.id, currency);
    const add = (cells: Cells, r: Readonly<Record<string, unknown>>) => {
      const cell = cells[text(r['what']) as ForecastCategory];
      cell.count += int(r['cnt']);
      cell.amount = cell.amount.plus(dec(r['amount']));
      cell.weighted = cell.weighted.plus(dec(r['weighted']));
    };
    const groups = new Groups(newCells);
    const total = newCells();
    for (const r of parts.get('g') ?? []) add(n === 0 ? total : groups.get(keyOf(r, n)), r);
    const sorted = groups.sorted();
    for (const { acc } of sorted) {
      for (const k of CATEGORIES) {
        total[k].amount = total[k].amount.plus(acc[k].amount);
        total[k].weighted = total[k].weighted.plus(acc[k].weighted);
      }
    }
    for (const k of CATEGORIES) total[k].count = 0;
    for (const r of parts.get('t') ?? []) total[text(r['what']) as ForecastCategory].count += int(r['cnt']);
    const undated = newCells();
    for (const r of parts.get('u') ?? []) add(undated, r);
    const book = newCells();
    for (const k of CATEGORIES) {
      book[k] = { count: total[k].count + undated[k].count, amount: total[k].amount.plus(undated[k].amount), weighted: total[k].weighted.plus(undated[k].weighted) };
    }
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
