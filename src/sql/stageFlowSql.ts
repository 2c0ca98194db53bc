import { numberOption, oneOfOption } from '../_lib/options.js';
import type { GroupOptions } from '../model/groupBy.js';
import type { Pipeline } from '../model/pipeline.js';
import { FLOW_COUNTS as COUNTS, flowRows } from '../model/results/flowTable.js';
import { instantMs, type InstantInput } from '../time/instant.js';
import { Groups, int, keyOf, partsOf, throwDiagnostics } from './_lib/diagnostics.js';
import { groupingOf, keyColumns } from './_lib/keys.js';
import { unknownStagePart, walkedLedgerCtes } from './_lib/ledger.js';
import { finish, start, windowOf } from './_lib/query.js';
import type { SqlStageFlow, SqlStageFlowTable } from './results.js';
import type { SqlOptions, SqlQuery } from './types.js';

/**
 * Options for {@link stageFlowSql}: those of {@link sales-funnel!stageFlow | stageFlow}
 * (built-in grouping keys only; deals of other pipelines are not read, as with
 * `otherPipelines: 'ignore'`) and the SQL settings.
 */
export interface StageFlowSqlOptions extends SqlOptions, GroupOptions {
  /**
   * Window start, inclusive.
   *
   * @defaultValue no lower bound
   */
  readonly from?: InstantInput;
  /**
   * Window end, exclusive.
   *
   * @defaultValue no upper bound
   */
  readonly to?: InstantInput;
  /**
   * The instant the books are read and each entry judged at.
   *
   * @defaultValue the last event of the pipeline's deals
   */
  readonly asOf?: InstantInput;
  /**
   * `'stage_entry'` or `'created'`, as in `stageFlow`.
   *
   * @defaultValue `'stage_entry'`
   */
  readonly cohort?: 'stage_entry' | 'created';
  /**
   * `'passed'` or `'excluded'`, as in `stageFlow`.
   *
   * @defaultValue `'passed'`
   */
  readonly skipped?: 'passed' | 'excluded';
  /**
   * Stall threshold in days for stages without their own `stallAfterDays`.
   *
   * @defaultValue none
   */
  readonly stallAfterDays?: number;
}

/**
 * Stage flow (阶段流转) computed in the database: per open stage, the entries and what
 * became of them — advanced, won, lost, regressed, still there, suspended, stalled,
 * skipped — with the rates, exactly as {@link sales-funnel!stageFlow | stageFlow}
 * defines them (the same denominators, 0/0 → null, `advanced + lost + regressed +
 * stillThere = entered`). The database returns integer counts; the decoder computes the
 * rates as `stageFlow` does, so the decoded result equals `stageFlow(deals, pipeline,
 * options)` on the same books.
 *
 * The rules that are easy to get wrong, as the query applies them: a skipped stage's
 * entry is dated at the jump; "stalled" is strictly over the threshold, in exact 24-hour
 * days (milliseconds ÷ 86 400 000, compared as JavaScript compares them), net of the
 * time suspended during the stay, and never a suspended entry; a suspension that is
 * never resumed runs to `asOf`, through a loss and a reopening.
 *
 * @param pipeline - The pipeline.
 * @param options - `dialect` (required), `schema`, and the options of `stageFlow`.
 * @returns The query and its decoder.
 * @throws {@link sales-funnel!FunnelError} `invalid_option` as `stageFlow` does, and for
 *   a function grouping key (`sql_function_key`) or a bad dialect or name mapping;
 *   `sql_not_expressible` when the dialect cannot date instants in a time zone the
 *   grouping needs. The decoder throws `unknown_stage` as `stageFlow` does.
 *
 * @category SQL
 * @example
 * ```ts
 * import { DuckDBInstance } from '@duckdb/node-api';
 * import type { Pipeline } from 'sales-funnel';
 * import { stageFlowSql } from 'sales-funnel/sql';
 * declare const pipeline: Pipeline;
 * const db = await (await DuckDBInstance.create('crm.duckdb')).connect();
 * const query = stageFlowSql(pipeline, { dialect: 'duckdb', from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z', groupBy: ['owner'] });
 * const flow = query.decode((await db.runAndReadAll(query.text, [...query.params])).getRowObjectsJson());
 * console.log(flow.total.stages.map((r) => `${r.stageId} ${r.advanceRate}`));
 * ```
 */
export function stageFlowSql(pipeline: Pipeline, options: StageFlowSqlOptions): SqlQuery<SqlStageFlow> {
  const { c } = start(pipeline, options);
  const { b, index } = c;
  const w = windowOf(c, options);
  const { fromMs, toMs } = w;
  const asOfMs = options.asOf === undefined ? undefined : instantMs(options.asOf, 'asOf', Number.NaN);
  const cohort = oneOfOption(options.cohort ?? 'stage_entry', 'cohort', ['stage_entry', 'created']);
  const skipped = oneOfOption(options.skipped ?? 'passed', 'skipped', ['passed', 'excluded']);
  const fallback = options.stallAfterDays === undefined ? null : numberOption(options.stallAfterDays, 'stallAfterDays', { min: 0, minExclusive: true });
  const thresholds = index.open.map((s) => s.stallAfterDays ?? fallback);
  const g = groupingOf(options, false);
  const n = g.groupBy.length;
  const keys = keyColumns(n);
  const keyCols = keys.map((k) => `${k}, `).join('');

  const window = w.where;
  const passed = skipped === 'passed';
  const ctes = [
    ...walkedLedgerCtes(c, g, asOfMs, thresholds),
    [
      'sf_counted',
      `SELECT ${keys.map((k) => `k.${k}, `).join('')}a.deal_id, a.stage_index, a.outcome, a.entered_ms, a.susp_ms, en.suspended, sg.stall_ms
FROM (
  SELECT deal_id, stage_index, outcome, entered_ms, susp_ms FROM sf_stay
  UNION ALL
  SELECT deal_id, stage_index, outcome, entered_ms, susp_ms FROM sf_skip
) a
JOIN sf_keyed k ON k.deal_id = a.deal_id
JOIN sf_endsusp en ON en.deal_id = a.deal_id
JOIN sf_stage sg ON sg.kind = 'open' AND sg.open_index = a.stage_index
WHERE ${cohort === 'stage_entry' ? window('a.entered_ms') : window('en.created_ms')}`,
    ],
  ] as const;
  const one = (cond: string) => `SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
  const counts = [
    passed ? 'COUNT(*)' : one(`outcome <> 'skipped'`),
    one(passed ? `outcome IN ('advanced', 'won', 'skipped')` : `outcome IN ('advanced', 'won')`),
    one(`outcome = 'won'`),
    one(`outcome = 'lost'`),
    one(`outcome = 'regressed'`),
    one(`outcome = 'open'`),
    one(`outcome = 'open' AND suspended = 1`),
    one(`outcome = 'open' AND suspended = 0 AND stall_ms IS NOT NULL AND CAST(a.asof_ms - (entered_ms + susp_ms) AS ${b.t.double}) > stall_ms`),
    one(`outcome = 'skipped'`),
  ];
  const nullKeys = keys.map((k) => `NULL AS ${k}, `).join('');
  const dealsPart =
    cohort === 'stage_entry'
      ? `SELECT 'deals' AS part, NULL AS diag, ${keys.map((k) => `k.${k}, `).join('')}NULL AS stage_index, COUNT(DISTINCT cd.deal_id) AS ${COUNTS[0]}${COUNTS.slice(1).map((x) => `, NULL AS ${x}`).join('')}
FROM sf_keyed k LEFT JOIN (SELECT DISTINCT deal_id FROM sf_counted) cd ON cd.deal_id = k.deal_id${n > 0 ? ` GROUP BY ${keys.map((k) => `k.${k}`).join(', ')}` : ''}`
      : `SELECT 'deals' AS part, NULL AS diag, ${keys.map((k) => `k.${k}, `).join('')}NULL AS stage_index, COUNT(*) AS ${COUNTS[0]}${COUNTS.slice(1).map((x) => `, NULL AS ${x}`).join('')}
FROM sf_endsusp en JOIN sf_keyed k ON k.deal_id = en.deal_id
WHERE ${window('en.created_ms')}${n > 0 ? ` GROUP BY ${keys.map((k) => `k.${k}`).join(', ')}` : ''}`;
  const select = `SELECT 'flow' AS part, NULL AS diag, ${keyCols}stage_index, ${counts.map((x, i) => `${x} AS ${COUNTS[i]}`).join(', ')}
FROM sf_counted CROSS JOIN sf_asof a
GROUP BY ${keyCols}stage_index
UNION ALL
${dealsPart}
UNION ALL
SELECT 'meta' AS part, NULL AS diag, ${nullKeys}NULL AS stage_index, asof_ms AS ${COUNTS[0]}${COUNTS.slice(1).map((x) => `, NULL AS ${x}`).join('')} FROM sf_asof WHERE asof_ms IS NOT NULL
UNION ALL
${unknownStagePart([...keys, 'stage_index', ...COUNTS])}`;

  return finish(c, ctes, select, (rows) => {
    const parts = partsOf(rows);
    throwDiagnostics(parts, pipeline.id, pipeline.currency);
    const width = index.open.length;
    interface Acc { deals: number; counts: number[] }
    const newAcc = (): Acc => ({ deals: 0, counts: new Array<number>(width * COUNTS.length).fill(0) });
    const groups = new Groups(newAcc);
    for (const r of parts.get('flow') ?? []) {
      const acc = groups.get(keyOf(r, n));
      const k = int(r['stage_index']);
      COUNTS.forEach((name, f) => {
        acc.counts[k * COUNTS.length + f]! += int(r[name]);
      });
    }
    for (const r of parts.get('deals') ?? []) groups.get(keyOf(r, n)).deals += int(r['entered']);
    const sorted = groups.sorted();
    const total = newAcc();
    for (const { acc } of sorted) {
      total.deals += acc.deals;
      acc.counts.forEach((x, i) => {
        total.counts[i]! += x;
      });
    }
    const table = (acc: Acc): SqlStageFlowTable => ({ deals: acc.deals, stages: flowRows(index, acc.counts, thresholds) });
    const meta = parts.get('meta')?.[0];
    return {
      pipelineId: pipeline.id,
      cohort,
      skipped,
      ...(options.from === undefined ? {} : { from: new Date(fromMs) }),
      ...(options.to === undefined ? {} : { to: new Date(toMs) }),
      asOf: meta === undefined ? null : new Date(int(meta['entered'])),
      groupBy: g.labels,
      total: table(total),
      groups: n === 0 ? [] : sorted.map(({ key, acc }) => ({ key, value: table(acc) })),
    };
  });
}
