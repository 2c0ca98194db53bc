import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { GroupAccumulator, type Grouped } from '../model/groupBy.js';
import type { PipelineId, StageId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { LOST, OPEN, WON, pipelineIndex } from '../model/pipelineIndex.js';
import { instantMs, type InstantInput } from '../time/instant.js';
import { rate } from './_lib/flowCounts.js';
import { groupingOf, pipelineFilter } from './_lib/groups.js';
import { LedgerWalker, newSummary, WON_FROM } from './_lib/walkLedger.js';
import type { AnalyticsOptions } from './analyticsOptions.js';

/**
 * One open stage of a {@link CohortFunnel}.
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
 * The result of {@link cohortFunnel}: the funnel of the whole cohort (`total`) and per group.
 */
export interface CohortFunnel extends Grouped<CohortFunnelTable> {
  /** The pipeline. */
  readonly pipelineId: PipelineId;
  /** Creation window start (inclusive), if any. */
  readonly from?: Date;
  /** Creation window end (exclusive), if any. */
  readonly to?: Date;
  /** The instant the ledgers were read to: `asOf` as given, else the last event read (`null` when no deal read had any event). */
  readonly asOf: Date | null;
}

/**
 * Options for {@link cohortFunnel}.
 */
export interface CohortFunnelOptions extends AnalyticsOptions {
  /**
   * Creation window start, inclusive (a `Date` or an ISO 8601 string with offset).
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
   * Read the ledgers as of this instant: later events are ignored, and deals created
   * after it are not in the cohort.
   *
   * @defaultValue just after the last event read (the whole ledgers)
   */
  readonly asOf?: InstantInput;
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
 * stage nor won count in `created` only, so **won + lost + open can be less than
 * created** (an import whose ledger, by `asOf`, has only moved the close date, say).
 *
 * A deal's creation is its `created` event, else its first event of any type; a ledger
 * imported without `created` stands in its first stage from that first event (see
 * {@link stageVisits}), even when its first stage change comes after `asOf`.
 *
 * Reads the input once; memory grows with stages × groups.
 *
 * @param opportunities - The deals (any iterable; read once; not modified).
 * @param pipeline - Their pipeline.
 * @param options - Creation window, `asOf`, grouping (`'period'`: the creation period).
 * @returns The funnel in total and per group.
 * @throws {@link FunnelError} `invalid_option` for a time that is not an instant or
 *   `from` after `to`; `pipeline_mismatch` / `unknown_stage` as for {@link stageFlow}.
 *
 * @category Analytics
 * @example
 * ```ts
 * import { cohortFunnel, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const deals: Opportunity[];
 * const q1 = cohortFunnel(deals, pipeline, { from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z', groupBy: ['created_month'] });
 * console.log(q1.total.stages.map((r) => r.reached).join(' → '), q1.total.winRate);
 * ```
 */
export function cohortFunnel(opportunities: Iterable<Opportunity>, pipeline: Pipeline, options: CohortFunnelOptions = {}): CohortFunnel {
  const fromMs = instantMs(options.from, 'from', Number.NEGATIVE_INFINITY);
  const toMs = instantMs(options.to, 'to', Number.POSITIVE_INFINITY);
  if (fromMs > toMs) throw new FunnelError('invalid_option', { option: 'from', reason: because('from_after_to') });
  const asOfMs = instantMs(options.asOf, 'asOf', Number.POSITIVE_INFINITY);
  const index = pipelineIndex(pipeline);
  const stages = index.open.length;
  const { groupBy, keyOf } = groupingOf(options);
  const belongs = pipelineFilter(pipeline, options);

  // furthest[k]: deals whose furthest stage is k (k = stages means won); reached(k) = Σ_{j ≥ k} furthest[j].
  interface Acc { created: number; furthest: Float64Array; won: number; lost: number; open: number }
  const newAcc = (): Acc => ({ created: 0, furthest: new Float64Array(stages + 1), won: 0, lost: 0, open: 0 });
  const total = newAcc();
  const groups = new GroupAccumulator(newAcc);
  const summary = newSummary();
  let furthest = -1;
  const walker = new LedgerWalker(index, (stageIndex, _entered, _left, outcome) => {
    const reach = outcome === WON_FROM ? stages : stageIndex;
    if (reach > furthest) furthest = reach;
  });
  const tally = (acc: Acc, reach: number, kind: number | undefined): void => {
    acc.created++;
    if (reach >= 0) acc.furthest[reach]!++;
    if (reach === stages) acc.won++;
    else if (kind === LOST) acc.lost++;
    else if (kind === OPEN) acc.open++;
  };
  let lastEventMs = Number.NEGATIVE_INFINITY;

  for (const o of opportunities) {
    if (!belongs(o)) continue;
    furthest = -1;
    walker.walk(o, asOfMs, summary);
    if (summary.lastMs > lastEventMs) lastEventMs = summary.lastMs;
    if (!(summary.createdMs >= fromMs && summary.createdMs < toMs)) continue;
    const kind = summary.stage?.kind;
    if (kind === WON) furthest = stages;
    tally(total, furthest, kind);
    if (keyOf !== undefined) tally(groups.get(keyOf(o)), furthest, kind);
  }

  const table = (acc: Acc): CohortFunnelTable => {
    const reached = new Array<number>(stages + 1).fill(0);
    let running = 0;
    for (let k = stages; k >= 0; k--) {
      running += acc.furthest[k]!;
      reached[k] = running;
    }
    const first = reached[0]!;
    return {
      created: acc.created,
      stages: index.open.map((stage, k) => ({
        stageId: stage.id,
        stageIndex: k,
        reached: reached[k]!,
        conversionFromPrevious: k === 0 ? null : rate(reached[k]!, reached[k - 1]!),
        conversionFromFirst: rate(reached[k]!, first),
      })),
      won: acc.won,
      lost: acc.lost,
      open: acc.open,
      conversionToWon: rate(reached[stages]!, reached[stages - 1]!),
      winRate: rate(reached[stages]!, first),
    };
  };
  const readTo = options.asOf !== undefined ? asOfMs : lastEventMs === Number.NEGATIVE_INFINITY ? undefined : lastEventMs;
  return {
    pipelineId: pipeline.id,
    ...(options.from === undefined ? {} : { from: new Date(fromMs) }),
    ...(options.to === undefined ? {} : { to: new Date(toMs) }),
    asOf: readTo === undefined ? null : new Date(readTo),
    ...groups.grouped(groupBy, total, table),
  };
}
