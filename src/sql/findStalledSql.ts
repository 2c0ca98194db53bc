import { numberOption, oneOfOption } from '../_lib/options.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { GroupOptions } from '../model/groupBy.js';
import type { OpportunityId, UserId } from '../model/ids.js';
import type { Pipeline } from '../model/pipeline.js';
import { MS_PER_DAY } from '../time/daysBetween.js';
import { toInstant, type InstantInput } from '../time/instant.js';
import { dec, Groups, int, keyOf, partsOf, real, text, throwDiagnostics } from './_lib/diagnostics.js';
import { groupingOf, keyColumns } from './_lib/keys.js';
import { amountAtCte, unknownStagePart, walkedLedgerCtes } from './_lib/ledger.js';
import { finish, start } from './_lib/query.js';
import type { SqlStallClock, SqlStalledDeal, SqlStalledDeals, SqlStallRule } from './results.js';
import type { SqlOptions, SqlQuery } from './types.js';

/**
 * Options for {@link findStalledSql}: those of {@link sales-funnel!findStalled | findStalled}
 * (built-in grouping keys) and the SQL settings.
 */
export interface FindStalledSqlOptions extends SqlOptions, GroupOptions {
  /** The instant to judge at (required). */
  readonly asOf: InstantInput;
  /**
   * The clock: `'stage_entry'`, `'last_activity'` (follow-up activities), `'last_event'` (any ledger event) or `'created'`.
   *
   * @defaultValue `'stage_entry'`
   */
  readonly clock?: SqlStallClock;
  /**
   * The threshold: `'stage'`, a number of days, or `{ medianMultiple: k }`.
   *
   * @defaultValue `'stage'`
   */
  readonly threshold?: 'stage' | number | { readonly medianMultiple: number };
}

const CLOCKS: readonly SqlStallClock[] = ['stage_entry', 'last_activity', 'last_event', 'created'];

/**
 * Stalled deals (停滞商机) found in the database: the open, unsuspended deals whose
 * clock at `asOf` exceeds the threshold of their stage — the definition of
 * {@link sales-funnel!findStalled | findStalled}, with its three clocks and three
 * thresholds (the median rule computes each stage's median completed stay in the
 * database, as `findStalled` does).
 *
 * "Stalled" is strictly over the threshold, in exact 24-hour days (milliseconds ÷
 * 86 400 000, compared in binary floating point as JavaScript compares them), net of
 * the time the deal was suspended; a deal suspended at `asOf` is never reported. The
 * decoder lists the deals most overdue first (ties by id), with their amount as of
 * `asOf` in their own currency.
 *
 * @param pipeline - The pipeline.
 * @param options - `dialect` (required), `schema`, `asOf` (required), `clock`, `threshold`, grouping.
 * @returns The query and its decoder.
 * @throws {@link sales-funnel!FunnelError} `invalid_option` as `findStalled` does, and
 *   for a function grouping key or a bad dialect or name mapping. The decoder throws
 *   `unknown_stage` as `findStalled` does.
 *
 * @category SQL
 * @example
 * ```ts
 * import type { Pipeline } from 'sales-funnel';
 * import { findStalledSql } from 'sales-funnel/sql';
 * declare const pipeline: Pipeline;
 * declare function query(text: string, params: readonly (string | null)[]): Promise<Record<string, unknown>[]>;
 * const q = findStalledSql(pipeline, { dialect: 'postgres', asOf: '2026-04-01T00:00:00+08:00', threshold: 30 });
 * for (const d of q.decode(await query(q.text, q.params)).total) console.log(d.opportunityId, d.stageName, Math.floor(d.days));
 * ```
 */
export function findStalledSql(pipeline: Pipeline, options: FindStalledSqlOptions): SqlQuery<SqlStalledDeals> {
  const { c } = start(pipeline, options);
  const { b, index } = c;
  if (options.asOf === undefined) throw new FunnelError('invalid_option', { option: 'asOf', reason: because('asof_for_judging') });
  const asOfMs = toInstant(options.asOf, 'asOf').getTime();
  const clock = oneOfOption(options.clock ?? 'stage_entry', 'clock', CLOCKS);
  const t = options.threshold ?? 'stage';
  let threshold: 'stage' | number | { readonly medianMultiple: number };
  if (t === 'stage') threshold = t;
  else if (typeof t === 'number') threshold = numberOption(t, 'threshold', { min: 0, minExclusive: true });
  else if (typeof t === 'object' && t !== null && 'medianMultiple' in t) {
    threshold = { medianMultiple: numberOption((t as { medianMultiple: unknown }).medianMultiple, 'threshold.medianMultiple', { min: 0, minExclusive: true }) };
  } else throw new FunnelError('invalid_option', { option: 'threshold', reason: because('stall_threshold_shape') });
  const g = groupingOf(options, false);
  const n = g.groupBy.length;
  const keys = keyColumns(n);
  const median = typeof threshold === 'object';
  const stageDays = index.open.map((s) => (threshold === 'stage' ? (s.stallAfterDays ?? null) : typeof threshold === 'number' ? threshold : null));
  const dbl = b.t.double;
  const day = `CAST(86400000 AS ${dbl})`;
  const half = (x: string) => b.dialect.intDiv(x, '2');
  // The activity clock: from the last `activity_logged` at or before asOf (not before the
  // creation), else the creation, less the suspended time after that.
  const since = `GREATEST(en.created_ms, COALESCE((SELECT MAX(ev.ms) FROM sf_in ev WHERE ev.deal_id = en.deal_id AND ev.type = 'activity_logged'), en.created_ms))`;
  const numerator =
    clock === 'stage_entry'
      ? `a.asof_ms - en.final_entered_ms - st.susp_ms`
      : clock === 'last_event'
        ? `a.asof_ms - en.last_ms`
        : clock === 'last_activity'
          ? `a.asof_ms - ${since} - COALESCE((SELECT SUM(GREATEST(0, COALESCE(i.r_ms, a.asof_ms) - GREATEST(i.s_ms, ${since}))) FROM sf_susp i WHERE i.deal_id = en.deal_id), 0)`
          : `a.asof_ms - en.created_ms - en.total_susp_ms`;
  const limit = median
    ? `CAST(${b.param(String((threshold as { medianMultiple: number }).medianMultiple), 'double')} AS ${dbl}) * md.median`
    : 'sg.stall_days';
  const ctes = [
    ...walkedLedgerCtes(c, g, asOfMs, stageDays),
    amountAtCte(c),
    [
      'sf_median',
      median
        ? `SELECT stage_index, CASE WHEN ${b.dialect.mod('cnt', '2')} = 1 THEN MAX(CASE WHEN rn = ${half('cnt + 1')} THEN days END)
    ELSE MAX(CASE WHEN rn = ${half('cnt')} THEN days END)
      + CAST(0.5 AS ${dbl}) * (MAX(CASE WHEN rn = ${half('cnt')} + 1 THEN days END) - MAX(CASE WHEN rn = ${half('cnt')} THEN days END)) END AS median
FROM (
  SELECT stage_index, days, ROW_NUMBER() OVER (PARTITION BY stage_index ORDER BY days) AS rn, COUNT(*) OVER (PARTITION BY stage_index) AS cnt
  FROM (SELECT stage_index, CAST(left_ms - entered_ms - susp_ms AS ${dbl}) / ${day} AS days FROM sf_stay WHERE outcome <> 'open') x
) y
GROUP BY stage_index, cnt`
        : `SELECT ${b.nul('bigint')} AS stage_index, ${b.nul('double')} AS median WHERE 1 = 0`,
    ],
    [
      'sf_clock',
      `SELECT ${keys.map((k) => `k.${k}, `).join('')}en.deal_id, en.final_index AS stage_index, k.owner_id, am.amount_at, am.currency_at,
  ${numerator} AS clock_ms, ${limit} AS limit_days
FROM sf_endsusp en
CROSS JOIN sf_asof a
JOIN sf_keyed k ON k.deal_id = en.deal_id
JOIN sf_amount am ON am.deal_id = en.deal_id
JOIN sf_stage sg ON sg.stage_id = en.final_stage
LEFT JOIN sf_stay st ON st.deal_id = en.deal_id AND st.outcome = 'open'
LEFT JOIN sf_median md ON md.stage_index = en.final_index
WHERE en.final_kind = 'open' AND en.suspended = 0`,
    ],
  ] as const;
  const cols = [...keys, 'deal_id', 'stage_index', 'owner_id', 'amount', 'currency', 'clock_ms', 'limit_days'];
  const types = ['text', 'bigint', 'text', 'decimal', 'text', 'bigint', 'double'] as const;
  const typedNulls = types.map((type, i) => `, ${b.nul(type)} AS ${cols[n + i]}`).join('');
  const select = `SELECT 'stalled' AS part, NULL AS diag, ${keys.map((k) => `${k}, `).join('')}deal_id, stage_index, owner_id, amount_at AS amount, currency_at AS currency, clock_ms, limit_days
FROM sf_clock
WHERE limit_days IS NOT NULL AND CAST(clock_ms AS ${dbl}) / ${day} > limit_days
UNION ALL
SELECT 'group' AS part, ${b.nul('text')} AS diag${keys.map((k) => `, ${k}`).join('')}${typedNulls}
FROM sf_keyed${n > 0 ? ` GROUP BY ${keys.join(', ')}` : ' HAVING COUNT(*) > 0'}
UNION ALL
SELECT 'median' AS part, NULL AS diag${keys.map((k) => `, NULL AS ${k}`).join('')}, NULL AS deal_id, stage_index, NULL AS owner_id, NULL AS amount, NULL AS currency, NULL AS clock_ms, median AS limit_days
FROM sf_median
UNION ALL
${unknownStagePart(cols)}`;

  return finish(c, ctes, select, (rows) => {
    const parts = partsOf(rows);
    throwDiagnostics(parts, pipeline.id, pipeline.currency);
    const k = median ? (threshold as { medianMultiple: number }).medianMultiple : 0;
    const medians: (number | null)[] = index.open.map(() => null);
    for (const r of parts.get('median') ?? []) medians[int(r['stage_index'])] = real(r['limit_days']);
    const thresholds = median ? medians.map((m) => (m === null ? null : k * m)) : stageDays;
    const rule: SqlStallRule = median ? 'median_multiple' : threshold === 'stage' ? 'stage_threshold' : 'global_threshold';
    const deals = (parts.get('stalled') ?? []).map((r): SqlStalledDeal => {
      const stageIndex = int(r['stage_index']);
      const stage = index.open[stageIndex]!;
      const days = int(r['clock_ms']) / MS_PER_DAY;
      const thresholdDays = thresholds[stageIndex]!;
      return {
        opportunityId: text(r['deal_id']) as OpportunityId,
        stageId: stage.id,
        stageName: stage.name,
        stageIndex,
        ownerId: text(r['owner_id']) as UserId,
        amount: { amount: dec(r['amount']), currency: text(r['currency']) },
        days,
        thresholdDays,
        overDays: days - thresholdDays,
        rule,
        clock,
        ...(n === 0 ? {} : { groupKey: keyOf(r, n) }),
      };
    });
    deals.sort((a, b2) => b2.overDays - a.overDays || (a.opportunityId < b2.opportunityId ? -1 : a.opportunityId > b2.opportunityId ? 1 : 0));
    const groups = new Groups<SqlStalledDeal[]>(() => []);
    if (n > 0) {
      for (const r of parts.get('group') ?? []) groups.get(keyOf(r, n));
      for (const d of deals) groups.get(d.groupKey!).push(d);
    }
    return {
      pipelineId: pipeline.id,
      asOf: new Date(asOfMs),
      ...(median ? { medianDays: medians } : {}),
      groupBy: g.labels,
      total: deals,
      groups: n === 0 ? [] : groups.sorted().map(({ key, acc }) => ({ key, value: acc })),
    };
  });
}
