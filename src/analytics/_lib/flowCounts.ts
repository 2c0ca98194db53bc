import type { PipelineIndex } from '../../model/pipelineIndex.js';

/** Field offsets of one stage's counters in a flow-count array (`FIELDS` numbers per stage). */
export const F_ENTERED = 0;
export const F_ADVANCED = 1;
export const F_WON = 2;
export const F_LOST = 3;
export const F_REGRESSED = 4;
export const F_STILL = 5;
export const F_SUSPENDED = 6;
export const F_STALLED = 7;
export const F_SKIPPED = 8;
export const FIELDS = 9;

/** `count / denominator`, or null for a zero denominator (never NaN, never 0/0 = 1). */
export function rate(count: number, denominator: number): number | null {
  return denominator === 0 ? null : count / denominator;
}

/** The rows of a stage-flow table from raw counts. */
export function flowRows(index: PipelineIndex, counts: ArrayLike<number>, thresholds: readonly (number | null)[]) {
  return index.open.map((stage, i) => {
    const c = (f: number) => counts[i * FIELDS + f]!;
    const entered = c(F_ENTERED);
    const threshold = thresholds[i] ?? null;
    return {
      stageId: stage.id,
      stageIndex: i,
      entered,
      advanced: c(F_ADVANCED),
      won: c(F_WON),
      lost: c(F_LOST),
      regressed: c(F_REGRESSED),
      stillThere: c(F_STILL),
      suspended: c(F_SUSPENDED),
      stalled: c(F_STALLED),
      skipped: c(F_SKIPPED),
      stallThresholdDays: threshold,
      advanceRate: rate(c(F_ADVANCED), entered),
      winRate: rate(c(F_WON), entered),
      lossRate: rate(c(F_LOST), entered),
      regressRate: rate(c(F_REGRESSED), entered),
      stayRate: rate(c(F_STILL), entered),
      stalledRate: threshold === null ? null : rate(c(F_STALLED), entered),
    };
  });
}
