import type { Pipeline } from '../../model/pipeline.js';
import { pipelineIndex, type PipelineIndex } from '../../model/pipelineIndex.js';
import { stageForecastCategory } from '../../model/stage.js';
import type { SqlBuilder } from './builder.js';
import { keyExpressions, localDate, type Grouping } from './keys.js';
import type { ResolvedSchema } from './schema.js';
import { zoneFields } from '../../time/zone.js';

/*
 * The ledger walk of `stageVisits` (src/analytics/_lib/walkLedger.ts) as common table
 * expressions, one concern each. All times are epoch milliseconds (bigint); `seq` orders
 * a ledger. Every CTE is named `sf_…` (user table names may not start with `sf_`).
 *
 *   sf_stage   the pipeline's stages (parameters): id, kind, open index, probability, stall threshold (ms), category
 *   sf_team    the teams option (parameters), when grouping by team
 *   sf_deal    the pipeline's deals (header columns, customer columns, team)
 *   sf_event   their ledger events: seq, type, ms, timestamp, payload as JSON
 *   sf_head    per deal, from the whole ledger: the first event, the creation (`createdAt`), the implied first stage of an import
 *   sf_keyed   sf_deal with the grouping key columns k0 … k(n−1)
 *   sf_asof    the instant the books are read at: the `asOf` parameter, or the last event of the pipeline's deals
 *   sf_in      the events up to it
 *   sf_target  the stage-setting events up to it (created, stage_changed, won, lost, reopened) and the implied first stay
 *   sf_move    those that move the deal (a move to the stage it stands in is no move), with the next move
 *   sf_sr      suspensions and resumptions that change the state (a second `suspended` while suspended does nothing)
 *   sf_susp    suspension intervals [s_ms, r_ms), r_ms NULL while still suspended
 *   sf_end     per deal: the end of the walk, the last and first events read, the creation read, the stage at the end, suspended or not, total suspended time
 *   sf_stay    the stays in open stages with their outcome and suspended time
 *   sf_skip    the zero-length stays in the stages a forward jump passed over
 */

/** The outcome names of a stay, as the SQL writes them (those of `StageVisitOutcome`). */
export const OUTCOMES = ['advanced', 'skipped', 'regressed', 'won', 'lost', 'open'] as const;

/** The context every CTE builder needs. */
export interface LedgerContext {
  readonly b: SqlBuilder;
  readonly s: ResolvedSchema;
  readonly pipeline: Pipeline;
  readonly index: PipelineIndex;
}

/** A new context. */
export function ledgerContext(b: SqlBuilder, s: ResolvedSchema, pipeline: Pipeline): LedgerContext {
  return { b, s, pipeline, index: pipelineIndex(pipeline) };
}

type Cte = readonly [string, string];

/**
 * `sf_stage`: one row per stage of the pipeline (every value a parameter).
 *
 * @param stallDays - The stall threshold of each open stage in days, by open index (null: none).
 */
export function stageCte(c: LedgerContext, stallDays: readonly (number | null)[] = []): Cte {
  const { b, index } = c;
  const rows = [...index.byId.values()].map(({ stage, kind, openIndex }) => {
    const days = kind === 0 ? (stallDays[openIndex] ?? null) : null;
    return `(${[
      b.param(stage.id, 'text'),
      b.param(kind === 0 ? 'open' : kind === 1 ? 'won' : 'lost', 'text'),
      b.param(kind === 0 ? String(openIndex) : null, 'bigint'),
      b.param(stage.probability.toFixed(), 'decimal'),
      b.param(days === null ? null : String(days * 86_400_000), 'double'),
      b.param(days === null ? null : String(days), 'double'),
      b.param(stageForecastCategory(stage), 'text'),
    ].join(', ')})`;
  });
  return ['sf_stage', `SELECT * FROM (VALUES\n  ${rows.join(',\n  ')}\n) AS v(stage_id, kind, open_index, probability, stall_ms, stall_days, category)`];
}

/** `sf_team`: the owner → team pairs of the `teams` option. */
export function teamCte(b: SqlBuilder, teams: ReadonlyArray<readonly [string, string]>): Cte {
  if (teams.length === 0) return ['sf_team', `SELECT ${b.nul('text')} AS owner_id, ${b.nul('text')} AS team WHERE 1 = 0`];
  const rows = teams.map(([owner, team]) => `(${b.param(owner, 'text')}, ${b.param(team, 'text')})`);
  return ['sf_team', `SELECT * FROM (VALUES ${rows.join(', ')}) AS v(owner_id, team)`];
}

/**
 * `sf_deal`: the pipeline's deals with the header columns the queries read, the
 * customer's columns when a grouping needs them, and the owner's team.
 */
export function dealCte(c: LedgerContext, g: Grouping | undefined): Cte {
  const { b, s } = c;
  const o = (col: Parameters<typeof s.opportunities.col>[0]) => `o.${s.opportunities.col(col)}`;
  const t = b.t;
  const cols = [
    `CAST(${o('id')} AS ${t.text}) AS deal_id`,
    `CAST(${o('pipeline_id')} AS ${t.text}) AS pipeline_id`,
    `CAST(${o('owner_id')} AS ${t.text}) AS owner_id`,
    `CAST(${o('region')} AS ${t.text}) AS region`,
    `CAST(${o('stage_id')} AS ${t.text}) AS stage_id`,
    `CAST(${o('status')} AS ${t.text}) AS status`,
    `CAST(${o('amount')} AS ${t.decimal}) AS amount`,
    `CAST(${o('currency')} AS ${t.text}) AS currency`,
    `CAST(${o('probability_override')} AS ${t.decimal}) AS probability_override`,
    `CAST(${o('forecast_category_override')} AS ${t.text}) AS category_override`,
    `CAST(${o('expected_close_date')} AS ${t.date}) AS close_date`,
    `CAST(${o('closed_at')} AS ${t.timestamp}) AS closed_at`,
    `${b.dialect.json(o('splits'))} AS splits`,
    `${b.dialect.json(o('attributes'))} AS attributes`,
    `CAST(${o('loss_reason')} AS ${t.text}) AS loss_reason`,
    `CAST(${o('competitor')} AS ${t.text}) AS competitor`,
  ];
  let from = `${s.opportunities.table} o`;
  if (g?.needsCustomers) {
    const cu = (col: Parameters<typeof s.customers.col>[0]) => `cu.${s.customers.col(col)}`;
    cols.push(`CAST(${cu('segment')} AS ${t.text}) AS segment`, `CAST(${cu('priority')} AS ${t.text}) AS priority`, `CAST(${cu('industry')} AS ${t.text}) AS industry`);
    from += `\nLEFT JOIN ${s.customers.table} cu ON CAST(${cu('id')} AS ${t.text}) = CAST(${o('customer_id')} AS ${t.text})`;
  } else {
    cols.push(`${b.nul('text')} AS segment`, `${b.nul('text')} AS priority`, `${b.nul('text')} AS industry`);
  }
  if (g?.teams !== undefined) {
    cols.push('tm.team AS team');
    from += `\nLEFT JOIN sf_team tm ON tm.owner_id = CAST(${o('owner_id')} AS ${t.text})`;
  } else {
    cols.push(`${b.nul('text')} AS team`);
  }
  return ['sf_deal', `SELECT\n  ${cols.join(',\n  ')}\nFROM ${from}\nWHERE CAST(${o('pipeline_id')} AS ${t.text}) = ${b.param(c.pipeline.id, 'text')}`];
}

/** `sf_event`: the ledger events of the pipeline's deals. */
export function eventCte(c: LedgerContext): Cte {
  const { b, s } = c;
  const e = (col: Parameters<typeof s.events.col>[0]) => `e.${s.events.col(col)}`;
  const t = b.t;
  const at = `CAST(${e('at')} AS ${t.timestamp})`;
  return [
    'sf_event',
    `SELECT
  CAST(${e('opportunity_id')} AS ${t.text}) AS deal_id,
  CAST(${e('seq')} AS ${t.bigint}) AS seq,
  CAST(${e('type')} AS ${t.text}) AS type,
  ${b.dialect.epochMs(at)} AS ms,
  ${at} AS at_ts,
  ${b.dialect.json(e('payload'))} AS payload
FROM ${s.events.table} e
WHERE CAST(${e('opportunity_id')} AS ${t.text}) IN (SELECT deal_id FROM sf_deal)`,
  ];
}

const STAGE_SETTING = `('created', 'stage_changed', 'won', 'lost', 'reopened')`;

/**
 * `sf_head`: the first event, the creation (`createdAt`) and the implied first stage of
 * each deal, from its whole ledger: the `from` of its first stage-setting event when that
 * is a `stage_changed`, the deal's own stage when no event sets the stage.
 */
export function headCte(c: LedgerContext): Cte {
  const j = c.b.dialect.jsonText;
  return [
    'sf_head',
    `SELECT h.deal_id, f.ms AS first_ms, f.at_ts AS first_at,
  CASE WHEN st.type = 'stage_changed' THEN ${j('st.payload', ['from'])} WHEN h.stage_seq IS NULL THEN d.stage_id END AS implied_stage,
  COALESCE(cr.at_ts, f.at_ts) AS born_at
FROM (
  SELECT deal_id, MIN(seq) AS first_seq,
    MIN(CASE WHEN type IN ${STAGE_SETTING} THEN seq END) AS stage_seq,
    MIN(CASE WHEN type = 'created' THEN seq END) AS created_seq
  FROM sf_event GROUP BY deal_id
) h
JOIN sf_event f ON f.deal_id = h.deal_id AND f.seq = h.first_seq
JOIN sf_deal d ON d.deal_id = h.deal_id
LEFT JOIN sf_event st ON st.deal_id = h.deal_id AND st.seq = h.stage_seq
LEFT JOIN sf_event cr ON cr.deal_id = h.deal_id AND cr.seq = h.created_seq`,
  ];
}

/**
 * `sf_keyed`: the deals with their grouping keys `k0 …`.
 *
 * @param periodDate - The date `'period'` is about, over columns of `d` (the deal) and `hd` (its `sf_head` row).
 */
export function keyedCte(c: LedgerContext, g: Grouping, periodDate: string, withHead: boolean): Cte {
  const keys = keyExpressions(c.b, g, {
    owner: 'd.owner_id',
    region: 'd.region',
    pipeline: 'd.pipeline_id',
    stage: 'd.stage_id',
    attributes: 'd.attributes',
    segment: 'd.segment',
    priority: 'd.priority',
    industry: 'd.industry',
    team: 'd.team',
    born: 'hd.born_at',
    periodDate,
  });
  const cols = ['d.*', ...keys.map((k, i) => `${k} AS k${i}`)];
  return ['sf_keyed', `SELECT ${cols.join(',\n  ')}\nFROM sf_deal d${withHead ? '\nLEFT JOIN sf_head hd ON hd.deal_id = d.deal_id' : ''}`];
}

/** The date of a deal's creation (`createdAt`) on the wall clock of the period settings, for `'period'` in the analytics. */
export function bornDate(c: LedgerContext, g: Grouping): string {
  return localDate(c.b, 'hd.born_at', zoneFields(g.period));
}

/**
 * `sf_asof`: the instant the books are read at.
 *
 * @param asOfMs - The `asOf` option in epoch ms, or undefined: then the last event of the pipeline's deals.
 */
export function asOfCte(c: LedgerContext, asOfMs: number | undefined): Cte {
  if (asOfMs !== undefined) return ['sf_asof', `SELECT ${c.b.param(String(asOfMs), 'bigint')} AS asof_ms, ${c.b.param('1', 'bigint')} AS given`];
  return ['sf_asof', `SELECT MAX(ms) AS asof_ms, ${c.b.param('0', 'bigint')} AS given FROM sf_event`];
}

/**
 * The CTEs a grouped query over the ledgers starts with: `sf_stage` (with the stall
 * thresholds, if any), `sf_team` when grouping by team, `sf_deal`, `sf_event`, `sf_head`.
 */
export function ledgerCtes(c: LedgerContext, g: Grouping, stallDays: readonly (number | null)[] = []): Cte[] {
  return [stageCte(c, stallDays), ...(g.teams === undefined ? [] : [teamCte(c.b, g.teams)]), dealCte(c, g), eventCte(c), headCte(c)];
}

/**
 * {@link ledgerCtes}, then `sf_keyed` (the deals keyed by their creation period),
 * `sf_asof` and the walk (`sf_in` … `sf_skip`): the start of every query that walks the
 * ledgers to `asOf`.
 */
export function walkedLedgerCtes(c: LedgerContext, g: Grouping, asOfMs: number | undefined, stallDays: readonly (number | null)[] = []): Cte[] {
  return [...ledgerCtes(c, g, stallDays), keyedCte(c, g, bornDate(c, g), true), asOfCte(c, asOfMs), ...walkCtes(c)];
}

/** The CTEs of the walk, from `sf_in` to `sf_skip` (needs sf_stage, sf_event, sf_head, sf_asof). */
export function walkCtes(c: LedgerContext): Cte[] {
  const j = c.b.dialect.jsonText;
  return [
    ['sf_in', `SELECT ev.* FROM sf_event ev CROSS JOIN sf_asof a WHERE ev.ms <= a.asof_ms`],
    [
      'sf_target',
      `SELECT deal_id, seq, ms, CASE WHEN type = 'stage_changed' THEN ${j('payload', ['to'])} ELSE ${j('payload', ['stageId'])} END AS stage_id
FROM sf_in WHERE type IN ${STAGE_SETTING}
UNION ALL
SELECT hd.deal_id, 0, hd.first_ms, hd.implied_stage FROM sf_head hd CROSS JOIN sf_asof a
WHERE hd.implied_stage IS NOT NULL AND hd.first_ms <= a.asof_ms`,
    ],
    [
      'sf_move',
      `SELECT m.deal_id, m.seq, m.ms, m.stage_id, st.kind, st.open_index,
  LEAD(m.seq) OVER (PARTITION BY m.deal_id ORDER BY m.seq) AS next_seq,
  LEAD(m.ms) OVER (PARTITION BY m.deal_id ORDER BY m.seq) AS next_ms,
  LEAD(st.kind) OVER (PARTITION BY m.deal_id ORDER BY m.seq) AS next_kind,
  LEAD(st.open_index) OVER (PARTITION BY m.deal_id ORDER BY m.seq) AS next_index,
  LEAD(m.stage_id) OVER (PARTITION BY m.deal_id ORDER BY m.seq) AS next_stage
FROM (
  SELECT t.*, LAG(t.stage_id) OVER (PARTITION BY t.deal_id ORDER BY t.seq) AS prev_stage FROM sf_target t
) m
LEFT JOIN sf_stage st ON st.stage_id = m.stage_id
WHERE m.prev_stage IS NULL OR m.prev_stage <> m.stage_id`,
    ],
    [
      'sf_sr',
      `SELECT deal_id, seq, ms, type, LEAD(ms) OVER (PARTITION BY deal_id ORDER BY seq) AS next_ms,
  LAG(type) OVER (PARTITION BY deal_id ORDER BY seq) AS prev_type
FROM (
  SELECT deal_id, seq, ms, type, LAG(type) OVER (PARTITION BY deal_id ORDER BY seq) AS prev_raw
  FROM sf_in WHERE type IN ('suspended', 'resumed')
) x
WHERE prev_raw IS NULL OR prev_raw <> type`,
    ],
    ['sf_susp', `SELECT deal_id, ms AS s_ms, next_ms AS r_ms FROM sf_sr WHERE type = 'suspended'`],
    [
      'sf_end',
      `SELECT x.deal_id,
  CASE WHEN a.given = 1 THEN a.asof_ms ELSE l.ms END AS end_ms,
  l.ms AS last_ms,
  x.last_seq,
  f.ms AS first_ms,
  COALESCE(cr.ms, f.ms) AS created_ms,
  fin.stage_id AS final_stage, fin.kind AS final_kind, fin.open_index AS final_index, fin.ms AS final_entered_ms
FROM (
  SELECT deal_id, MIN(seq) AS first_seq, MAX(seq) AS last_seq, MIN(CASE WHEN type = 'created' THEN seq END) AS created_seq
  FROM sf_in GROUP BY deal_id
) x
CROSS JOIN sf_asof a
JOIN sf_in f ON f.deal_id = x.deal_id AND f.seq = x.first_seq
JOIN sf_in l ON l.deal_id = x.deal_id AND l.seq = x.last_seq
LEFT JOIN sf_in cr ON cr.deal_id = x.deal_id AND cr.seq = x.created_seq
LEFT JOIN sf_move fin ON fin.deal_id = x.deal_id AND fin.next_seq IS NULL`,
    ],
    [
      'sf_endsusp',
      `SELECT en.*,
  CASE WHEN EXISTS (SELECT 1 FROM sf_susp i WHERE i.deal_id = en.deal_id AND i.r_ms IS NULL) THEN 1 ELSE 0 END AS suspended,
  COALESCE((SELECT SUM(COALESCE(i.r_ms, en.end_ms) - i.s_ms) FROM sf_susp i WHERE i.deal_id = en.deal_id), 0) AS total_susp_ms
FROM sf_end en`,
    ],
    [
      'sf_stay',
      `SELECT m.deal_id, m.seq AS start_seq, 0 AS sub, m.open_index AS stage_index, m.stage_id, m.ms AS entered_ms, m.next_ms AS left_ms,
  CASE WHEN m.next_seq IS NULL THEN 'open' WHEN m.next_kind = 'won' THEN 'won' WHEN m.next_kind = 'lost' THEN 'lost'
    WHEN m.next_index > m.open_index THEN 'advanced' ELSE 'regressed' END AS outcome,
  m.next_stage AS to_stage, m.next_index AS to_index,
  COALESCE((SELECT SUM(GREATEST(0, LEAST(COALESCE(m.next_ms, en.end_ms), COALESCE(i.r_ms, en.end_ms)) - GREATEST(m.ms, i.s_ms)))
    FROM sf_susp i WHERE i.deal_id = m.deal_id), 0) AS susp_ms
FROM sf_move m
JOIN sf_end en ON en.deal_id = m.deal_id
WHERE m.kind = 'open'`,
    ],
    [
      'sf_skip',
      `SELECT st.deal_id, st.start_seq, sg.open_index - st.stage_index AS sub, sg.open_index AS stage_index, sg.stage_id,
  st.left_ms AS entered_ms, st.left_ms AS left_ms, 'skipped' AS outcome, st.to_stage, st.to_index, 0 AS susp_ms
FROM sf_stay st
JOIN sf_stage sg ON sg.kind = 'open' AND sg.open_index > st.stage_index AND sg.open_index < st.to_index
WHERE st.outcome = 'advanced'`,
    ],
  ];
}

/**
 * The diagnostic parts: a stage id the pipeline does not have, in a stage-setting event
 * read (or the first `stage_changed.from` of an import, read whatever `asOf`), as
 * `part = 'unknown_stage'` with the id in `diag`.
 *
 * @param columns - The other columns of the result (NULL here), after `part` and `diag`.
 */
export function unknownStagePart(columns: readonly string[]): string {
  return `SELECT 'unknown_stage' AS part, MIN(u.stage_id) AS diag${columns.map((col) => `, NULL AS ${col}`).join('')}
FROM (
  SELECT t.stage_id FROM sf_target t LEFT JOIN sf_stage st ON st.stage_id = t.stage_id WHERE st.stage_id IS NULL
  UNION ALL
  SELECT hd.implied_stage FROM sf_head hd LEFT JOIN sf_stage st ON st.stage_id = hd.implied_stage WHERE hd.implied_stage IS NOT NULL AND st.stage_id IS NULL
) u
HAVING COUNT(*) > 0`;
}

/**
 * `sf_amount`: each deal's amount as of the instant read (`amountAt`): the `from` of
 * the first `amount_changed` after the last event read, else the header's amount.
 * Needs sf_deal, sf_event and sf_end.
 */
export function amountAtCte(c: LedgerContext): Cte {
  const { b } = c;
  const j = b.dialect.jsonText;
  return [
    'sf_amount',
    `SELECT en.deal_id,
  COALESCE(CAST(${j('ch.payload', ['from', 'amount'])} AS ${b.t.decimal}), d.amount) AS amount_at,
  COALESCE(${j('ch.payload', ['from', 'currency'])}, d.currency) AS currency_at
FROM sf_end en
JOIN sf_deal d ON d.deal_id = en.deal_id
LEFT JOIN (
  SELECT e.deal_id, MIN(e.seq) AS seq FROM sf_event e JOIN sf_end x ON x.deal_id = e.deal_id
  WHERE e.type = 'amount_changed' AND e.seq > x.last_seq GROUP BY e.deal_id
) nx ON nx.deal_id = en.deal_id
LEFT JOIN sf_event ch ON ch.deal_id = nx.deal_id AND ch.seq = nx.seq`,
  ];
}
