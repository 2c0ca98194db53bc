import type { OpportunityId, StageId } from '../model/ids.js';
import type { Pipeline } from '../model/pipeline.js';
import { MS_PER_DAY } from '../time/daysBetween.js';
import { instantMs, type InstantInput } from '../time/instant.js';
import { int, partsOf, text, throwDiagnostics } from './_lib/diagnostics.js';
import { asOfCte, dealCte, eventCte, headCte, stageCte, unknownStagePart, walkCtes } from './_lib/ledger.js';
import { finish, start } from './_lib/query.js';
import type { SqlStageVisit, SqlStageVisitOutcome } from './results.js';
import type { SqlOptions, SqlQuery } from './types.js';

/** Options for {@link stageVisitsSql}: those of {@link sales-funnel!stageVisits | stageVisits} and the SQL settings. */
export interface StageVisitsSqlOptions extends SqlOptions {
  /**
   * Read the ledgers as of this instant (a `Date` or an ISO 8601 string with offset).
   *
   * @defaultValue each deal's ledger read whole, its open stay judged at its last event (as `stageVisits` does)
   */
  readonly asOf?: InstantInput;
}

/**
 * The stays of every deal of the pipeline in its open stages, computed in the
 * database: the definition of {@link sales-funnel!stageVisits | stageVisits}, which
 * every funnel metric is built on, as one parameterised query over the tables of
 * {@link sales-funnel!POSTGRES_DDL | POSTGRES_DDL} (or your names for them, see `schema`).
 *
 * The decoder returns the stays of every deal that has any, deals in id order (by UTF-16
 * code units, as JavaScript compares strings) and each deal's stays in the order
 * `stageVisits(deal, pipeline, { asOf })` lists them, so for every deal `d` of the
 * pipeline the stays of `d` equal `stageVisits(d, pipeline, { asOf })`. The rules are
 * those of `stageVisits`; in particular a skipped stage's stay is dated at the jump
 * (entered and left at the time of the `stage_changed` that passed it), and a ledger
 * imported without `created` stands in its first `stage_changed.from` from its first
 * event. Deals of other pipelines in the same tables are not read.
 *
 * @param pipeline - The pipeline (stage order and kinds).
 * @param options - `dialect` (required), `schema`, `asOf`.
 * @returns The query (`text`, `params`) and its decoder.
 * @throws {@link sales-funnel!FunnelError} `invalid_option` for a bad dialect, name
 *   mapping or `asOf`; `invalid_argument` for a pipeline that is not one. The decoder
 *   throws `unknown_stage` for a ledger naming a stage the pipeline does not have.
 *
 * @category SQL
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import { POSTGRES_DDL, type Pipeline } from 'sales-funnel';
 * import { stageVisitsSql } from 'sales-funnel/sql';
 * declare const pipeline: Pipeline;
 * const db = await PGlite.create();
 * await db.exec(POSTGRES_DDL);
 * const query = stageVisitsSql(pipeline, { dialect: 'postgres', asOf: '2026-04-01T00:00:00+08:00' });
 * const visits = query.decode((await db.query<Record<string, unknown>>(query.text, [...query.params])).rows);
 * ```
 */
export function stageVisitsSql(pipeline: Pipeline, options: StageVisitsSqlOptions): SqlQuery<SqlStageVisit[]> {
  const { c } = start(pipeline, options);
  const asOfMs = options.asOf === undefined ? undefined : instantMs(options.asOf, 'asOf', Number.NaN);
  const ctes = [stageCte(c), dealCte(c, undefined), eventCte(c), headCte(c), asOfCte(c, asOfMs), ...walkCtes(c)];
  const cols = ['deal_id', 'stage_index', 'stage_id', 'entered_ms', 'left_ms', 'outcome', 'to_stage', 'to_index', 'susp_ms', 'start_seq', 'sub'];
  const select = `SELECT 'visit' AS part, NULL AS diag, ${cols.join(', ')} FROM (
  SELECT deal_id, stage_index, stage_id, entered_ms, left_ms, outcome, to_stage, to_index, susp_ms, start_seq, sub FROM sf_stay
  UNION ALL
  SELECT deal_id, stage_index, stage_id, entered_ms, left_ms, outcome, to_stage, to_index, susp_ms, start_seq, sub FROM sf_skip
) v
UNION ALL
${unknownStagePart(cols)}`;
  const openIds = c.index.openIds;
  return finish(c, ctes, select, (rows) => {
    const parts = partsOf(rows);
    throwDiagnostics(parts, pipeline.id, pipeline.currency);
    const visits = (parts.get('visit') ?? []).map((r) => ({
      deal: text(r['deal_id']),
      seq: int(r['start_seq']),
      sub: int(r['sub']),
      visit: visitOf(r, openIds),
    }));
    visits.sort((a, b) => (a.deal < b.deal ? -1 : a.deal > b.deal ? 1 : a.seq - b.seq || a.sub - b.sub));
    return visits.map((v) => v.visit);
  });
}

function visitOf(r: Readonly<Record<string, unknown>>, openIds: readonly StageId[]): SqlStageVisit {
  const stageIndex = int(r['stage_index']);
  const outcome = text(r['outcome']) as SqlStageVisitOutcome;
  const toIndex = r['to_index'] === null || r['to_index'] === undefined ? -1 : int(r['to_index']);
  return {
    opportunityId: text(r['deal_id']) as OpportunityId,
    stageId: openIds[stageIndex]!,
    stageIndex,
    enteredAt: new Date(int(r['entered_ms'])),
    ...(outcome === 'open' ? {} : { leftAt: new Date(int(r['left_ms'])) }),
    outcome,
    ...(outcome === 'open' ? {} : { toStageId: text(r['to_stage']) as StageId }),
    skippedStageIds: outcome === 'advanced' && toIndex > stageIndex + 1 ? openIds.slice(stageIndex + 1, toIndex) : [],
    suspendedDays: int(r['susp_ms']) / MS_PER_DAY,
  };
}
