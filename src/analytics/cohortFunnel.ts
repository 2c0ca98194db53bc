import { FunnelError } from '../i18n/FunnelError.js';
import type { PipelineId, StageId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { rate } from './_lib/flowCounts.js';
import { instantMs } from './_lib/options.js';
import { LOST, OPEN, WON, pipelineIndex } from './_lib/pipelineIndex.js';
import { pipelineFilter, segmenter, sortedMap } from './_lib/segments.js';
import { newSummary, LedgerWalker, WON_FROM } from './_lib/walkLedger.js';
import type { AnalyticsOptions, Segmented } from './segmented.js';

/**
 * One open stage of a {@link CohortFunnel}.
 *
 * @example
 * ```ts
 * import type { CohortFunnelRow } from 'sales-funnel';
 * const show = (r: CohortFunnelRow) => `${r.stageId} ${r.reached} (${r.conversionFromPrevious ?? '—'})`;
 * ```
 */
export interface CohortFunnelRow {
  /** The open stage. */
  readonly stageId: StageId;
  /** Its position among the pipeline's open stages (0-based). */
  readonly stageIndex: number;
  /** Deals of the cohort that reached this stage or a later one (or won). Non-increasing down the funnel. */
  readonly reached: number;
  /** 阶段转化率 = reached / reached of the previous stage; null for the first stage or a zero denominator. In [0, 1]. */
  readonly conversionFromPrevious: number | null;
  /** reached / reached of the first stage; null when that is 0. In [0, 1]. */
  readonly conversionFromFirst: number | null;
}

/**
 * A cohort funnel: rows per open stage, the won count and the cohort's status at `asOf`.
 *
 * @example
 * ```ts
 * import type { CohortFunnelTable } from 'sales-funnel';
 * const winPct = (t: CohortFunnelTable) => (t.winRate === null ? '—' : `${(t.winRate * 100).toFixed(1)} %`);
 * ```
 */
export interface CohortFunnelTable {
  /** Deals created in the window (the cohort). */
  readonly created: number;
  /** One row per open stage, in funnel order. */
  readonly stages: readonly CohortFunnelRow[];
  /** Deals of the cohort won by `asOf` (赢单), even if reopened since; they count as having reached every open stage. */
  readonly won: number;
  /** Deals of the cohort never won and standing in a lost stage at `asOf` (输单). */
  readonly lost: number;
  /** Deals of the cohort never won and standing in an open stage at `asOf` (suspended included): not yet decided, censored. */
  readonly open: number;
  /** won / reached of the last open stage; null when that is 0. */
  readonly conversionToWon: number | null;
  /** Overall win rate of the cohort (总转化率) = won / reached of the first open stage; null when that is 0. */
  readonly winRate: number | null;
}

/**
 * The result of {@link cohortFunnel}.
 *
 * @example
 * ```ts
 * import type { CohortFunnel } from 'sales-funnel';
 * const top = (f: CohortFunnel) => f.overall.stages[0]?.reached ?? 0;
 * ```
 */
export interface CohortFunnel extends Segmented<CohortFunnelTable> {
  /** The pipeline. */
  readonly pipelineId: PipelineId;
  /** Creation window start (inclusive), if any. */
  readonly from?: Date;
  /** Creation window end (exclusive), if any. */
  readonly to?: Date;
  /** The instant the ledgers were read to, if any (else: whole ledgers). */
  readonly asOf?: Date;
}

/**
 * Options for {@link cohortFunnel}.
 *
 * @example
 * ```ts
 * import type { CohortFunnelOptions } from 'sales-funnel';
 * const o: CohortFunnelOptions = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };
 * ```
 */
export interface CohortFunnelOptions extends AnalyticsOptions {
  /** Creation window start, inclusive. Default: no bound. */
  readonly from?: Date;
  /** Creation window end, exclusive. Default: no bound. */
  readonly to?: Date;
  /** Read the ledgers as of this instant (later events ignored; deals created after it are not in the cohort). Default: the whole ledgers. */
  readonly asOf?: Date;
}

/**
 * The cohort funnel (同期群漏斗): of the deals created in `[from, to)`, how many reached
 * each open stage by `asOf`, with the stage-to-stage conversion (转化率 = 后一阶段数量 /
 * 前一阶段数量) and the win rate.
 *
 * **Reached-any-stage semantics**: a deal reached stage k when it stood in stage k or in
 * any later open stage, or was won — so jumping over a stage counts as passing it, a deal
 * imported straight into a middle stage counts as having passed the earlier ones, and a
 * won deal has passed them all. The counts are therefore non-increasing down the funnel
 * by construction, and every conversion lies in [0, 1]. A deal lost, regressed or still
 * open counts up to the furthest stage it reached. Deals that never stood in an open
 * stage nor won count in `created` only.
 *
 * Reads the input once; memory grows with stages × segments.
 *
 * @param opportunities - The deals (any iterable; read once; not modified).
 * @param pipeline - Their pipeline.
 * @param options - Creation window, `asOf`, segmentation.
 * @returns The funnel overall and per segment.
 * @throws {@link FunnelError} `invalid_option` for invalid dates or `from` after `to`;
 *   `pipeline_mismatch` / `unknown_stage` as for {@link stageFlow}.
 *
 * @example
 * ```ts
 * import { cohortFunnel, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const deals: Opportunity[];
 * const q1 = cohortFunnel(deals, pipeline, { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') });
 * console.log(q1.overall.stages.map((r) => r.reached).join(' → '), q1.overall.winRate);
 * ```
 */
export function cohortFunnel(opportunities: Iterable<Opportunity>, pipeline: Pipeline, options: CohortFunnelOptions = {}): CohortFunnel {
  const fromMs = instantMs(options.from, 'from', -Infinity);
  const toMs = instantMs(options.to, 'to', Infinity);
  if (fromMs > toMs) throw new FunnelError('invalid_option', { option: 'from', reason: 'is after to' });
  const asOfMs = instantMs(options.asOf, 'asOf', Infinity);
  const index = pipelineIndex(pipeline);
  const stages = index.openStages.length;
  const keyOf = segmenter(options);
  const belongs = pipelineFilter(pipeline, options);

  // furthest[k]: deals whose furthest stage is k (k = stages means won); reached(k) = Σ_{j ≥ k} furthest[j].
  interface Acc { created: number; furthest: Float64Array; won: number; lost: number; open: number }
  const newAcc = (): Acc => ({ created: 0, furthest: new Float64Array(stages + 1), won: 0, lost: 0, open: 0 });
  const overall = newAcc();
  const segments = new Map<string, Acc>();
  const summary = newSummary();
  let furthest = -1;
  const sink = (stageIndex: number, _e: number, _l: number, outcome: number): void => {
    const reach = outcome === WON_FROM ? stages : stageIndex;
    if (reach > furthest) furthest = reach;
  };
  const walker = new LedgerWalker(index, sink);
  const tally = (acc: Acc, reach: number, kind: number | undefined): void => {
    acc.created++;
    if (reach >= 0) acc.furthest[reach]!++;
    if (reach === stages) acc.won++;
    else if (kind === LOST) acc.lost++;
    else if (kind === OPEN) acc.open++;
  };

  for (const o of opportunities) {
    if (!belongs(o)) continue;
    furthest = -1;
    walker.walk(o, asOfMs, summary);
    if (!(summary.createdMs >= fromMs && summary.createdMs < toMs)) continue;
    const kind = summary.stage?.kind;
    if (kind === WON) furthest = stages;
    tally(overall, furthest, kind);
    if (keyOf !== undefined) {
      const key = keyOf(o);
      let seg = segments.get(key);
      if (seg === undefined) segments.set(key, (seg = newAcc()));
      tally(seg, furthest, kind);
    }
  }

  const table = (acc: Acc): CohortFunnelTable => {
    const reached = new Array<number>(stages + 1).fill(0);
    let running = 0;
    for (let k = stages; k >= 0; k--) {
      running += acc.furthest[k] as number;
      reached[k] = running;
    }
    const first = reached[0] as number;
    return {
      created: acc.created,
      stages: index.openStages.map((stage, k) => ({
        stageId: stage.id,
        stageIndex: k,
        reached: reached[k] as number,
        conversionFromPrevious: k === 0 ? null : rate(reached[k] as number, reached[k - 1] as number),
        conversionFromFirst: rate(reached[k] as number, first),
      })),
      won: acc.won,
      lost: acc.lost,
      open: acc.open,
      conversionToWon: rate(reached[stages] as number, reached[stages - 1] as number),
      winRate: rate(reached[stages] as number, first),
    };
  };
  return {
    pipelineId: pipeline.id,
    ...(options.from === undefined ? {} : { from: new Date(fromMs) }),
    ...(options.to === undefined ? {} : { to: new Date(toMs) }),
    ...(options.asOf === undefined ? {} : { asOf: new Date(asOfMs) }),
    overall: table(overall),
    segments: sortedMap(segments, table),
  };
}
