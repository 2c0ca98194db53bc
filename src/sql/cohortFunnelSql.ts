import type { GroupOptions } from '../model/groupBy.js';
import type { Pipeline } from '../model/pipeline.js';
import { cohortTable } from '../model/results/cohortTable.js';
import { instantMs, type InstantInput } from '../time/instant.js';
import { Groups, int, keyOf, partsOf, throwDiagnostics } from './_lib/diagnostics.js';
import { groupingOf, keyColumns } from './_lib/keys.js';
import { unknownStagePart, walkedLedgerCtes } from './_lib/ledger.js';
import { finish, start, windowOf } from './_lib/query.js';
import type { SqlCohortFunnel, SqlCohortFunnelTable } from './results.js';
import type { SqlOptions, SqlQuery } from './types.js';

/**
 * Options for {@link cohortFunnelSql}: those of
 * {@link sales-funnel!cohortFunnel | cohortFunnel} (built-in grouping keys) and the SQL settings.
 */
export interface CohortFunnelSqlOptions extends SqlOptions, GroupOptions {
  /**
   * Creation window start, inclusive.
   *
   * @defaultValue no lower bound
   */
  readonly from?: InstantInput;
  /**
   * Creation window end, exclusive.
   *
   * @defaultValue no upper bound
   */
  readonly to?: InstantInput;
  /**
   * Read the ledgers as of this instant.
   *
   * @defaultValue the last event of the pipeline's deals (the whole ledgers)
   */
  readonly asOf?: InstantInput;
}

/**
 * The cohort funnel (同期群漏斗) computed in the database: of the deals created in
 * `[from, to)`, how many reached each open stage by `asOf` (reached-any-stage: standing
 * in the stage or a later one, or won), the conversions and the win rate — the
 * definition of {@link sales-funnel!cohortFunnel | cohortFunnel}.
 *
 * A deal of the cohort whose ledger never sets the stage (its only events are, say,
 * close-date changes) stands in its own stage from its first event, as in every
 * analytic; a won deal reopened since still counts as won.
 *
 * @param pipeline - The pipeline.
 * @param options - `dialect` (required), `schema`, creation window, `asOf`, grouping (`'period'`: the creation period).
 * @returns The query and its decoder.
 * @throws {@link sales-funnel!FunnelError} `invalid_option` as `cohortFunnel` does, and
 *   for a function grouping key or a bad dialect or name mapping; `sql_not_expressible`
 *   as {@link stageFlowSql}. The decoder throws `unknown_stage` as `cohortFunnel` does.
 *
 * @category SQL
 * @example
 * ```ts
 * import type { Pipeline } from 'sales-funnel';
 * import { cohortFunnelSql } from 'sales-funnel/sql';
 * declare const pipeline: Pipeline;
 * declare function query(text: string, params: readonly (string | null)[]): Promise<Record<string, unknown>[]>;
 * const q = cohortFunnelSql(pipeline, { dialect: 'duckdb', from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z', groupBy: ['created_month'] });
 * const cohort = q.decode(await query(q.text, q.params));
 * console.log(cohort.total.stages.map((r) => r.reached).join(' → '), cohort.total.winRate);
 * ```
 */
export function cohortFunnelSql(pipeline: Pipeline, options: CohortFunnelSqlOptions): SqlQuery<SqlCohortFunnel> {
  const { c } = start(pipeline, options);
  const { b, index } = c;
  const w = windowOf(c, options);
  const { fromMs, toMs } = w;
  const asOfMs = options.asOf === undefined ? undefined : instantMs(options.asOf, 'asOf', Number.NaN);
  const g = groupingOf(options, false);
  const n = g.groupBy.length;
  const stages = index.open.length;
  const keys = keyColumns(n);
  const top = b.param(String(stages), 'bigint');
  const ctes = [
    ...walkedLedgerCtes(c, g, asOfMs),
    [
      'sf_reach',
      `SELECT ${keys.map((k) => `k.${k}, `).join('')}en.deal_id, en.final_kind,
  CASE WHEN en.final_kind = 'won' THEN ${top}
    ELSE COALESCE((SELECT MAX(CASE WHEN st.outcome = 'won' THEN ${top} ELSE st.stage_index END) FROM sf_stay st WHERE st.deal_id = en.deal_id), -1) END AS reach
FROM sf_end en
JOIN sf_keyed k ON k.deal_id = en.deal_id
WHERE ${w.where('en.created_ms')}`,
    ],
  ] as const;
  const cols = [...keys, 'reach', 'created', 'won', 'lost', 'open'];
  const select = `SELECT 'reach' AS part, NULL AS diag, ${keys.map((k) => `${k}, `).join('')}reach, COUNT(*) AS created,
  SUM(CASE WHEN reach = ${top} THEN 1 ELSE 0 END) AS won,
  SUM(CASE WHEN reach <> ${top} AND final_kind = 'lost' THEN 1 ELSE 0 END) AS lost,
  SUM(CASE WHEN reach <> ${top} AND final_kind = 'open' THEN 1 ELSE 0 END) AS open
FROM sf_reach
GROUP BY ${keys.map((k) => `${k}, `).join('')}reach
UNION ALL
SELECT 'meta' AS part, NULL AS diag${keys.map((k) => `, NULL AS ${k}`).join('')}, asof_ms AS reach, NULL AS created, NULL AS won, NULL AS lost, NULL AS open
FROM sf_asof WHERE asof_ms IS NOT NULL
UNION ALL
${unknownStagePart(cols)}`;

  return finish(c, ctes, select, (rows) => {
    const parts = partsOf(rows);
    throwDiagnostics(parts, pipeline.id, pipeline.currency);
    interface Acc { created: number; furthest: number[]; won: number; lost: number; open: number }
    const newAcc = (): Acc => ({ created: 0, furthest: new Array<number>(stages + 1).fill(0), won: 0, lost: 0, open: 0 });
    const groups = new Groups(newAcc);
    const total = newAcc();
    for (const r of parts.get('reach') ?? []) {
      const reach = int(r['reach']);
      for (const acc of n === 0 ? [total] : [groups.get(keyOf(r, n)), total]) {
        acc.created += int(r['created']);
        if (reach >= 0) acc.furthest[reach]! += int(r['created']);
        acc.won += int(r['won']);
        acc.lost += int(r['lost']);
        acc.open += int(r['open']);
      }
    }
    const table = (acc: Acc): SqlCohortFunnelTable => cohortTable(index, acc);
    const meta = parts.get('meta')?.[0];
    return {
      pipelineId: pipeline.id,
      ...(options.from === undefined ? {} : { from: new Date(fromMs) }),
      ...(options.to === undefined ? {} : { to: new Date(toMs) }),
      asOf: asOfMs !== undefined ? new Date(asOfMs) : meta === undefined ? null : new Date(int(meta['reach'])),
      groupBy: g.labels,
      total: table(total),
      groups: n === 0 ? [] : groups.sorted().map(({ key, acc }) => ({ key, value: table(acc) })),
    };
  });
}
