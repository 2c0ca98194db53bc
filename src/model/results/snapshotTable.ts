// The snapshot-funnel result: its public types and the one implementation of its
// finishing step (rows, sums, ratios), shared by `funnelSnapshot` (src/analytics) and the
// decoder of `funnelSnapshotSql` (src/sql), which may not import the analytics. The types
// are public through src/analytics/funnelSnapshot.ts.
import type { CurrencyCode } from '../../money/currency.js';
import { Decimal } from '../../money/decimal.js';
import type { Money } from '../../money/money.js';
import type { Grouped } from '../groupBy.js';
import type { OpportunityId, PipelineId, StageId } from '../ids.js';
import type { PipelineIndex } from '../pipelineIndex.js';
import { rate } from './rate.js';

/**
 * One open stage of a {@link FunnelSnapshot}.
 */
export interface FunnelSnapshotRow {
  /** The open stage. */
  readonly stageId: StageId;
  /** Its position among the pipeline's open stages (0-based). */
  readonly stageIndex: number;
  /** Open, not suspended deals standing in the stage at `asOf` (商机数). */
  readonly count: number;
  /** Suspended (中止) deals standing in the stage at `asOf`: not in `count`, `amount` or `weightedAmount`. */
  readonly suspended: number;
  /** Σ amount of the counted deals, as of `asOf`, in the pipeline currency (exact). */
  readonly amount: Money;
  /** Σ amount × probability (加权金额); probability = the deal's override, else the stage's. Exact. */
  readonly weightedAmount: Money;
  /** count / count of the previous open stage; null for the first stage or a zero denominator. May exceed 1: a snapshot holds different deals in each stage. */
  readonly ratioToPrevious: number | null;
  /** count / count of the first open stage; null when that is 0. May exceed 1. */
  readonly ratioToFirst: number | null;
  /** The counted deals' ids, in input order: only with the option `dealIds: true` (for drilling down from a number to its deals). */
  readonly dealIds?: readonly OpportunityId[];
  /** The suspended deals' ids, in input order: only with `dealIds: true`. */
  readonly suspendedIds?: readonly OpportunityId[];
}

/**
 * A snapshot funnel: rows per open stage and the sums over them.
 */
export interface FunnelSnapshotTable {
  /** One row per open stage, in funnel order. */
  readonly stages: readonly FunnelSnapshotRow[];
  /** Σ count over the stages. */
  readonly count: number;
  /** Σ suspended over the stages. */
  readonly suspended: number;
  /** Σ amount over the stages. */
  readonly amount: Money;
  /** Σ weighted amount over the stages (the weighted pipeline, 加权预测). */
  readonly weightedAmount: Money;
  /**
   * Overall conversion of the snapshot funnel (总转化率) = count of the last open stage /
   * count of the first; null when the first is empty. 100 → 70 → 40 → 20 → 10 gives 0.1.
   */
  readonly overallConversion: number | null;
}

/**
 * The result of {@link funnelSnapshot}: the funnel over every deal read (`total`) and
 * per group.
 */
export interface FunnelSnapshot extends Grouped<FunnelSnapshotTable> {
  /** The pipeline. */
  readonly pipelineId: PipelineId;
  /** The instant the funnel was reconstructed at. */
  readonly asOf: Date;
  /** Currency of every amount (the pipeline's). */
  readonly currency: CurrencyCode;
}

/**
 * The sums of one snapshot table, per open stage `k` (funnel order).
 *
 * @internal
 */
export interface SnapshotSums {
  /** Open, not suspended deals per stage. */
  readonly count: ArrayLike<number>;
  /** Suspended deals per stage. */
  readonly suspended: ArrayLike<number>;
  /** Σ amount of the counted deals of stage `k`. */
  amount(k: number): Decimal;
  /** Σ weighted amount of the counted deals of stage `k`. */
  weighted(k: number): Decimal;
  /** The deals of stage `k`, with the option `dealIds`; undefined without. */
  readonly ids: ((k: number) => { readonly dealIds: readonly OpportunityId[]; readonly suspendedIds: readonly OpportunityId[] }) | undefined;
}

/**
 * The finishing step of a snapshot funnel: one row per open stage with its ratios to the
 * previous and the first stage (0/0 → null), and the sums over the stages.
 *
 * @internal
 */
export function snapshotTable(index: PipelineIndex, currency: CurrencyCode, sums: SnapshotSums): FunnelSnapshotTable {
  const { count: counts, ids } = sums;
  const first = counts[0]!;
  const rows: FunnelSnapshotRow[] = index.open.map((stage, k) => ({
    stageId: stage.id,
    stageIndex: k,
    count: counts[k]!,
    suspended: sums.suspended[k]!,
    amount: { amount: sums.amount(k), currency },
    weightedAmount: { amount: sums.weighted(k), currency },
    ratioToPrevious: k === 0 ? null : rate(counts[k]!, counts[k - 1]!),
    ratioToFirst: rate(counts[k]!, first),
    ...(ids === undefined ? {} : ids(k)),
  }));
  let count = 0;
  let suspended = 0;
  let amount = new Decimal(0);
  let weighted = new Decimal(0);
  for (const r of rows) {
    count += r.count;
    suspended += r.suspended;
    amount = amount.plus(r.amount.amount);
    weighted = weighted.plus(r.weightedAmount.amount);
  }
  return {
    stages: rows,
    count,
    suspended,
    amount: { amount, currency },
    weightedAmount: { amount: weighted, currency },
    overallConversion: rate(counts[index.open.length - 1]!, first),
  };
}
