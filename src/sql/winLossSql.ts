import type { ExchangeRates } from '../money/convert.js';
import { NO_GROUP, type GroupOptions } from '../model/groupBy.js';
import type { Pipeline } from '../model/pipeline.js';
import { addToWinLossRow, addWinLossAcc, newWinLossAcc, winLossFinisher } from '../model/results/winLossTable.js';
import { instantMs, type InstantInput } from '../time/instant.js';
import { dec, Groups, int, keyOf, partsOf, refuseRates, text, throwDiagnostics } from './_lib/diagnostics.js';
import { groupingOf, keyColumns, localDate } from './_lib/keys.js';
import { keyedCte, ledgerCtes } from './_lib/ledger.js';
import { finish, start, windowOf } from './_lib/query.js';
import type { SqlWinLoss } from './results.js';
import type { SqlOptions, SqlQuery } from './types.js';
import { zoneFields } from '../time/zone.js';

/**
 * Options for {@link winLossSql}: those of {@link sales-funnel!winLoss | winLoss}
 * (built-in grouping keys; no exchange rates) and the SQL settings.
 */
export interface WinLossSqlOptions extends SqlOptions, GroupOptions {
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
   * The instant the books are read at.
   *
   * @defaultValue every event before `to`
   */
  readonly asOf?: InstantInput;
  /** Not computed in the database: giving rates is an `invalid_option`. */
  readonly rates?: ExchangeRates;
}

/**
 * Win / loss analysis (赢单 / 输单分析) computed in the database: the deals closed in
 * `[from, to)`, won and lost counts and amounts (at closing, exact), the win rates among
 * decided deals, and the lost deals by loss reason, by the stage they were lost at and by
 * competitor — the definition of {@link sales-funnel!winLoss | winLoss}: only the last
 * closing event before `to` counts, and only if no `reopened` follows it; a ledger
 * without any `won` / `lost` event counts by the deal's `closedAt`, `lossReason` and
 * `competitor`. The database returns counts and exact sums per reason, stage and
 * competitor; the decoder orders the rows and computes the shares as `winLoss` does.
 *
 * @param pipeline - The pipeline (stage names and order, loss reasons, currency).
 * @param options - `dialect` (required), `schema`, window, `asOf`, grouping (`'period'`: the closing period).
 * @returns The query and its decoder.
 * @throws {@link sales-funnel!FunnelError} `invalid_option` as `winLoss` does, and for
 *   `rates`, a function grouping key, or a bad dialect or name mapping. The decoder
 *   throws `currency_mismatch` as `winLoss` does.
 *
 * @category SQL
 * @example
 * ```ts
 * import type { Pipeline } from 'sales-funnel';
 * import { winLossSql } from 'sales-funnel/sql';
 * declare const pipeline: Pipeline;
 * declare function query(text: string, params: readonly (string | null)[]): Promise<Record<string, unknown>[]>;
 * const q = winLossSql(pipeline, { dialect: 'postgres', from: '2026-01-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' });
 * const q1 = q.decode(await query(q.text, q.params));
 * for (const r of q1.total.byLossReason) console.log(r.key, r.count, r.share);
 * ```
 */
export function winLossSql(pipeline: Pipeline, options: WinLossSqlOptions): SqlQuery<SqlWinLoss> {
  const { c } = start(pipeline, options);
  const { b, index } = c;
  const w = windowOf(c, options);
  const { fromMs, toMs } = w;
  const asOfMs = instantMs(options.asOf, 'asOf', Number.POSITIVE_INFINITY);
  refuseRates(options.rates);
  const endMs = Math.min(toMs, asOfMs === Number.POSITIVE_INFINITY ? asOfMs : asOfMs + 1);
  const g = groupingOf(options, false);
  const n = g.groupBy.length;
  const keys = keyColumns(n);
  const currency = pipeline.currency;
  const j = b.dialect.jsonText;
  const before = (col: string) => (Number.isFinite(endMs) ? `${col} < ${b.param(String(endMs), 'bigint')}` : '1 = 1');
  const zone = zoneFields(g.period);
  const ctes = [
    ...ledgerCtes(c, g),
    [
      'sf_read',
      `SELECT * FROM sf_event WHERE ${before('ms')}`,
    ],
    [
      'sf_last',
      `SELECT deal_id, MAX(CASE WHEN type IN ('won', 'lost') THEN seq END) AS close_seq, MAX(CASE WHEN type = 'reopened' THEN seq END) AS reopen_seq
FROM sf_read GROUP BY deal_id`,
    ],
    [
      'sf_closing',
      `SELECT d.deal_id,
  CASE WHEN ev.type = 'won' THEN 1 WHEN ev.type = 'lost' THEN 0 WHEN d.status = 'won' THEN 1 ELSE 0 END AS won,
  COALESCE(ev.ms, ${b.dialect.epochMs('d.closed_at')}) AS close_ms,
  COALESCE(ev.at_ts, d.closed_at) AS close_at,
  CASE WHEN ev.type = 'lost' THEN ${j('ev.payload', ['reason'])} WHEN ev.type IS NULL THEN d.loss_reason END AS reason,
  CASE WHEN ev.type = 'lost' THEN ${j('ev.payload', ['competitor'])} WHEN ev.type IS NULL THEN d.competitor END AS competitor,
  CASE WHEN ev.type = 'lost' THEN (
    SELECT CASE WHEN o.type = 'stage_changed' THEN ${j('o.payload', ['to'])} ELSE ${j('o.payload', ['stageId'])} END
    FROM sf_read o
    WHERE o.deal_id = d.deal_id AND o.seq < ev.seq AND (o.type IN ('created', 'reopened')
      OR (o.type = 'stage_changed' AND ${j('o.payload', ['to'])} IN (SELECT stage_id FROM sf_stage WHERE kind = 'open')))
    ORDER BY o.seq DESC LIMIT 1
  ) END AS lost_at
FROM sf_deal d
LEFT JOIN sf_last l ON l.deal_id = d.deal_id
LEFT JOIN sf_read ev ON ev.deal_id = d.deal_id AND ev.seq = l.close_seq AND (l.reopen_seq IS NULL OR l.reopen_seq < l.close_seq)
WHERE ev.seq IS NOT NULL OR (
  NOT EXISTS (SELECT 1 FROM sf_event x WHERE x.deal_id = d.deal_id AND x.type IN ('won', 'lost'))
  AND d.status IN ('won', 'lost') AND d.closed_at IS NOT NULL AND ${before(b.dialect.epochMs('d.closed_at'))}
)`,
    ],
    keyedCte(c, g, localDate(b, 'cl.close_at', zone), true),
    [
      'sf_counted',
      `SELECT k.*, cl.won, cl.reason AS lost_reason, cl.competitor AS lost_competitor, cl.lost_at,
  COALESCE(CAST(${j('ch.payload', ['from', 'amount'])} AS ${b.t.decimal}), k.amount) AS amount_at,
  COALESCE(${j('ch.payload', ['from', 'currency'])}, k.currency) AS currency_at
FROM sf_closing cl
JOIN sf_keyed k ON k.deal_id = cl.deal_id
LEFT JOIN (
  SELECT c2.deal_id, MIN(e.seq) AS seq
  FROM sf_closing c2
  JOIN sf_event e ON e.deal_id = c2.deal_id AND e.type = 'amount_changed'
  WHERE e.seq > COALESCE((SELECT MAX(x.seq) FROM sf_event x WHERE x.deal_id = c2.deal_id AND x.ms <= c2.close_ms), 0)
  GROUP BY c2.deal_id
) nx ON nx.deal_id = cl.deal_id
LEFT JOIN sf_event ch ON ch.deal_id = nx.deal_id AND ch.seq = nx.seq
WHERE ${Number.isFinite(fromMs) ? `cl.close_ms >= ${b.param(String(fromMs), 'bigint')}` : '1 = 1'}`,
    ],
  ] as const;
  const ks = keys.map((k) => `${k}, `).join('');
  const part = (name: string, label: string, where: string) => `SELECT '${name}' AS part, ${b.nul('text')} AS diag, ${ks}${label} AS label, COUNT(*) AS cnt, SUM(amount_at) AS amount
FROM sf_counted WHERE ${where} GROUP BY ${ks}${label}`;
  const select = `${part('won', `CAST(won AS ${b.t.text})`, '1 = 1')}
UNION ALL
${part('reason', 'lost_reason', 'won = 0')}
UNION ALL
${part('stage', 'lost_at', 'won = 0')}
UNION ALL
${part('competitor', 'lost_competitor', 'won = 0')}
UNION ALL
SELECT 'currency' AS part, MIN(currency_at) AS diag${keys.map((k) => `, NULL AS ${k}`).join('')}, NULL AS label, NULL AS cnt, NULL AS amount
FROM sf_counted WHERE currency_at <> ${b.param(currency, 'text')} HAVING COUNT(*) > 0`;

  // The keyed CTE reads the closing instant: it must come after sf_closing, and read its row.
  const ordered = ctes.map(([name, body]) =>
    name === 'sf_keyed' ? ([name, body.replace('FROM sf_deal d', 'FROM sf_deal d\nJOIN sf_closing cl ON cl.deal_id = d.deal_id')] as const) : ([name, body] as const),
  );
  return finish(c, ordered, select, (rows) => {
    const parts = partsOf(rows);
    throwDiagnostics(parts, pipeline.id, currency);
    const groups = new Groups(newWinLossAcc);
    const label = (r: Readonly<Record<string, unknown>>) => (r['label'] === null || r['label'] === undefined ? NO_GROUP : text(r['label']));
    for (const r of parts.get('won') ?? []) {
      const acc = groups.get(keyOf(r, n));
      const tally = int(r['label']) === 1 ? acc.won : acc.lost;
      tally.count += int(r['cnt']);
      tally.amount = tally.amount.plus(dec(r['amount']));
    }
    for (const [name, field] of [['reason', 'reasons'], ['stage', 'stages'], ['competitor', 'competitors']] as const) {
      for (const r of parts.get(name) ?? []) addToWinLossRow(groups.get(keyOf(r, n))[field], label(r), int(r['cnt']), dec(r['amount']));
    }
    const sorted = groups.sorted();
    const total = newWinLossAcc();
    for (const { acc } of sorted) addWinLossAcc(total, acc);
    const figures = winLossFinisher(pipeline, index);
    return {
      pipelineId: pipeline.id,
      currency,
      ...(options.from === undefined ? {} : { from: new Date(fromMs) }),
      ...(options.to === undefined ? {} : { to: new Date(toMs) }),
      groupBy: g.labels,
      total: figures(total),
      groups: n === 0 ? [] : sorted.map(({ key, acc }) => ({ key, value: figures(acc) })),
    };
  });
}
