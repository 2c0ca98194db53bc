// The cohort-funnel result: its public types and the one implementation of its finishing
// step (reached counts from the furthest stages, conversions, win rate), shared by
// `cohortFunnel` (src/analytics) and the decoder of `cohortFunnelSql` (src/sql), which may
// not import the analytics. The types are public through src/analytics/cohortFunnel.ts.
import type { Grouped } from '../groupBy.js';
import type { PipelineId, StageId } from '../ids.js';
import type { PipelineIndex } from '../pipelineIndex.js';
import { rate } from './rate.js';

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
 * The counts of one cohort table: `furthest[k]` deals whose furthest open stage is k
 * (k = the number of open stages: won), and the cohort's size and status at `asOf`.
 *
 * @internal
 */
export interface CohortCounts {
  readonly created: number;
  readonly furthest: ArrayLike<number>;
  readonly won: number;
  readonly lost: number;
  readonly open: number;
}

/**
 * The finishing step of a cohort funnel: reached(k) = Σ furthest[j] for j ≥ k, the
 * conversions between stages and to won (0/0 → null) and the win rate.
 *
 * @internal
 */
export function cohortTable(index: PipelineIndex, acc: CohortCounts): CohortFunnelTable {
  const stages = index.open.length;
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
}
