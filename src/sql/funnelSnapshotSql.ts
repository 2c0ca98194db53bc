import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { Decimal } from '../money/decimal.js';
import type { ExchangeRates } from '../money/convert.js';
import type { GroupOptions } from '../model/groupBy.js';
import type { Pipeline } from '../model/pipeline.js';
import { snapshotTable } from '../model/results/snapshotTable.js';
import { toInstant, type InstantInput } from '../time/instant.js';
import { dec, Groups, int, keyOf, partsOf, refuseRates, throwDiagnostics } from './_lib/diagnostics.js';
import { groupingOf, keyColumns } from './_lib/keys.js';
import { amountAtCte, unknownStagePart, walkedLedgerCtes } from './_lib/ledger.js';
import { finish, start } from './_lib/query.js';
import type { SqlFunnelSnapshot, SqlFunnelSnapshotTable } from './results.js';
import type { SqlOptions, SqlQuery } from './types.js';

/**
 * Options for {@link funnelSnapshotSql}: those of
 * {@link sales-funnel!funnelSnapshot | funnelSnapshot} (built-in grouping keys; no
 * exchange rates) and the SQL settings.
 */
export interface FunnelSnapshotSqlOptions extends SqlOptions, GroupOptions {
  /** The instant to reconstruct (required, as for `funnelSnapshot`). */
  readonly asOf: InstantInput;
  /** Not supported in the database: giving rates is an `invalid_option` (convert amounts in the database first). */
  readonly rates?: ExchangeRates;
  /** Not computed in the database (no per-row id lists): `true` is an `invalid_option`. */
  readonly dealIds?: boolean;
}

/**
 * The snapshot funnel (销售漏斗快照) computed in the database: the open deals standing
 * in each open stage at `asOf`, with count, suspended count, amount and weighted amount
 * (exact decimals), the ratios and the overall conversion — the definition of
 * {@link sales-funnel!funnelSnapshot | funnelSnapshot}, reconstructed from the ledger.
 *
 * Rules the query applies as the in-process function does: the amount at `asOf` is
 * the `from` of the first `amount_changed` after it (so before a deal's first amount
 * change, that change's `from`), else the current amount; the probability override is
 * applied only when the deal stood at `asOf` in the stage it stands in now (the
 * override has no history), else the stage's probability; suspended deals are counted
 * apart. A counted amount in another currency than the pipeline's makes the decoder
 * throw `currency_mismatch`, as `funnelSnapshot` does without rates.
 *
 * @param pipeline - The pipeline.
 * @param options - `dialect` (required), `schema`, `asOf` (required), grouping.
 * @returns The query and its decoder.
 * @throws {@link sales-funnel!FunnelError} `invalid_option` for a missing or bad
 *   `asOf`, `rates` (`sql_no_rates`), a function grouping key, a bad dialect or name
 *   mapping; `sql_not_expressible` as {@link stageFlowSql}. The decoder throws
 *   `currency_mismatch` and `unknown_stage` as `funnelSnapshot` does.
 *
 * @category SQL
 * @example
 * ```ts
 * import type { Pipeline } from 'sales-funnel';
 * import { funnelSnapshotSql } from 'sales-funnel/sql';
 * declare const pipeline: Pipeline;
 * declare function query(text: string, params: readonly (string | null)[]): Promise<Record<string, unknown>[]>;
 * const q = funnelSnapshotSql(pipeline, { dialect: 'postgres', asOf: '2026-04-01T00:00:00+08:00', groupBy: ['region'] });
 * const snapshot = q.decode(await query(q.text, q.params));
 * console.log(snapshot.total.weightedAmount.amount.toFixed(2));
 * ```
 */
export function funnelSnapshotSql(pipeline: Pipeline, options: FunnelSnapshotSqlOptions): SqlQuery<SqlFunnelSnapshot> {
  const { c } = start(pipeline, options);
  const { b, index } = c;
  if (options.asOf === undefined) throw new FunnelError('invalid_option', { option: 'asOf', reason: because('asof_for_snapshot') });
  const asOfMs = toInstant(options.asOf, 'asOf').getTime();
  refuseRates(options.rates);
  if (options.dealIds !== undefined && options.dealIds !== false) throw new FunnelError('invalid_option', { option: 'dealIds', reason: because('sql_not_supported') });
  const currency = pipeline.currency;
  const g = groupingOf(options, false);
  const n = g.groupBy.length;
  const keys = keyColumns(n);
  const kk = keys.map((k) => `k.${k}, `).join('');
  const ctes = [
    ...walkedLedgerCtes(c, g, asOfMs),
    amountAtCte(c),
    [
      'sf_standing',
      `SELECT ${kk}en.deal_id, en.final_index AS stage_index, en.suspended, am.amount_at, am.currency_at,
  ${b.dialect.exactProduct('am.amount_at', 'CASE WHEN k.probability_override IS NOT NULL AND k.stage_id = en.final_stage THEN k.probability_override ELSE sg.probability END')} AS weighted
FROM sf_endsusp en
JOIN sf_keyed k ON k.deal_id = en.deal_id
JOIN sf_amount am ON am.deal_id = en.deal_id
JOIN sf_stage sg ON sg.stage_id = en.final_stage
WHERE en.final_kind = 'open'`,
    ],
  ] as const;
  const cols = [...keys, 'stage_index', 'counted', 'suspended', 'amount', 'weighted'];
  const cur = b.param(currency, 'text');
  const select = `SELECT 'stage' AS part, NULL AS diag, ${keys.map((k) => `${k}, `).join('')}stage_index,
  SUM(1 - suspended) AS counted, SUM(suspended) AS suspended,
  SUM(CASE WHEN suspended = 0 THEN amount_at END) AS amount, SUM(CASE WHEN suspended = 0 THEN weighted END) AS weighted
FROM sf_standing
GROUP BY ${keys.map((k) => `${k}, `).join('')}stage_index
UNION ALL
SELECT 'currency' AS part, MIN(currency_at) AS diag${cols.map((x) => `, NULL AS ${x}`).join('')}
FROM sf_standing WHERE suspended = 0 AND currency_at <> ${cur}
HAVING COUNT(*) > 0
UNION ALL
${unknownStagePart(cols)}`;

  return finish(c, ctes, select, (rows) => {
    const parts = partsOf(rows);
    throwDiagnostics(parts, pipeline.id, currency);
    const width = index.open.length;
    interface Acc { count: number[]; suspended: number[]; amount: Decimal[]; weighted: Decimal[] }
    const zeros = () => Array.from({ length: width }, () => new Decimal(0));
    const newAcc = (): Acc => ({ count: new Array<number>(width).fill(0), suspended: new Array<number>(width).fill(0), amount: zeros(), weighted: zeros() });
    const groups = new Groups(newAcc);
    const total = newAcc();
    for (const r of parts.get('stage') ?? []) {
      const k = int(r['stage_index']);
      for (const acc of n === 0 ? [total] : [groups.get(keyOf(r, n)), total]) {
        acc.count[k]! += int(r['counted']);
        acc.suspended[k]! += int(r['suspended']);
        acc.amount[k] = acc.amount[k]!.plus(dec(r['amount']));
        acc.weighted[k] = acc.weighted[k]!.plus(dec(r['weighted']));
      }
    }
    const table = (acc: Acc): SqlFunnelSnapshotTable =>
      snapshotTable(index, currency, { count: acc.count, suspended: acc.suspended, amount: (k) => acc.amount[k]!, weighted: (k) => acc.weighted[k]!, ids: undefined });
    return {
      pipelineId: pipeline.id,
      asOf: new Date(asOfMs),
      currency,
      groupBy: g.labels,
      total: table(total),
      groups: n === 0 ? [] : groups.sorted().map(({ key, acc }) => ({ key, value: table(acc) })),
    };
  });
}
