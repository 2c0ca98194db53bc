import { FunnelError } from '../i18n/FunnelError.js';
import type { ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import type { PipelineId, StageId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { rate } from './_lib/flowCounts.js';
import { amountAt } from './_lib/fieldsAt.js';
import { amountIn } from './_lib/money.js';
import { instantMs } from './_lib/options.js';
import { pipelineIndex, OPEN } from './_lib/pipelineIndex.js';
import { pipelineFilter, segmenter, sortedMap } from './_lib/segments.js';
import { newSummary, LedgerWalker } from './_lib/walkLedger.js';
import type { AnalyticsOptions, Segmented } from './segmented.js';

/**
 * One open stage of a {@link FunnelSnapshot}.
 *
 * @example
 * ```ts
 * import type { FunnelSnapshotRow } from 'sales-funnel';
 * const label = (r: FunnelSnapshotRow) => `${r.stageId}: ${r.count} deals, ${r.amount.amount.toFixed(2)} ${r.amount.currency}`;
 * ```
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
}

/**
 * A snapshot funnel: rows per open stage and the totals.
 *
 * @example
 * ```ts
 * import type { FunnelSnapshotTable } from 'sales-funnel';
 * const pct = (t: FunnelSnapshotTable) => (t.overallConversion === null ? '—' : `${t.overallConversion * 100} %`);
 * ```
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
 * The result of {@link funnelSnapshot}.
 *
 * @example
 * ```ts
 * import type { FunnelSnapshot } from 'sales-funnel';
 * const total = (s: FunnelSnapshot) => s.overall.weightedAmount.amount.toFixed(2);
 * ```
 */
export interface FunnelSnapshot extends Segmented<FunnelSnapshotTable> {
  /** The pipeline. */
  readonly pipelineId: PipelineId;
  /** The instant the funnel was reconstructed at. */
  readonly asOf: Date;
  /** Currency of every amount (the pipeline's). */
  readonly currency: CurrencyCode;
}

/**
 * Options for {@link funnelSnapshot}.
 *
 * @example
 * ```ts
 * import type { FunnelSnapshotOptions } from 'sales-funnel';
 * const o: FunnelSnapshotOptions = { asOf: new Date('2026-03-31T16:00:00Z'), segmentBy: 'owner' };
 * ```
 */
export interface FunnelSnapshotOptions extends AnalyticsOptions {
  /** The instant to reconstruct (past or present; required: the library never reads the clock). */
  readonly asOf: Date;
  /** Rates for deals in another currency than the pipeline's; without them such deals throw `currency_mismatch`. */
  readonly rates?: ExchangeRates;
}

/**
 * The snapshot funnel (销售漏斗快照): the open deals standing in each open stage at
 * `asOf` — past or present — with their count, amount and weighted amount, the
 * stage-to-stage count ratios and the overall conversion.
 *
 * Reconstructed from the ledger, not from the current fields: the stage at `asOf` comes
 * from {@link stageVisits} (events after `asOf` ignored), the amount from the
 * `amount_changed` events. A deal counts when it stands in an open stage at `asOf` and
 * is not suspended (suspended deals are reported apart). Weighted amount = amount ×
 * probability, where the probability is the deal's `probabilityOverride` when at `asOf`
 * it stood in the stage it stands in now (the override has no ledger history, so it is
 * assumed to belong to that stage), else the stage's probability.
 *
 * Ratios: `ratioToPrevious` = count(k) / count(k − 1), `ratioToFirst` = count(k) /
 * count(0), `overallConversion` = count(last) / count(first), each `null` for a zero
 * denominator. They compare the shape of the funnel (the material's 100 → 70 → 40 → 20 →
 * 10 = 10 %), not the fate of the same deals, and can exceed 1; for conversion rates of
 * one cohort use {@link cohortFunnel} or {@link stageFlow}.
 *
 * Reads the input once; memory grows with stages × segments.
 *
 * @param opportunities - The deals (any iterable; read once; not modified).
 * @param pipeline - Their pipeline (stage order, probabilities, currency).
 * @param options - `asOf` (required), `rates`, segmentation.
 * @returns The funnel overall and per segment, amounts in the pipeline currency.
 * @throws {@link FunnelError} `invalid_option` for a missing or invalid `asOf`;
 *   `currency_mismatch` for an amount in another currency without `rates` (`missing_rate`
 *   when `rates` lacks it); `pipeline_mismatch` / `unknown_stage` as for {@link stageFlow}.
 *
 * @example
 * ```ts
 * import { funnelSnapshot, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const deals: Opportunity[];
 * const endOfQ1 = funnelSnapshot(deals, pipeline, { asOf: new Date('2026-03-31T16:00:00Z') });
 * for (const r of endOfQ1.overall.stages) console.log(r.stageId, r.count, r.weightedAmount.amount.toFixed(2));
 * ```
 */
export function funnelSnapshot(opportunities: Iterable<Opportunity>, pipeline: Pipeline, options: FunnelSnapshotOptions): FunnelSnapshot {
  if (options === undefined || options.asOf === undefined) {
    throw new FunnelError('invalid_option', { option: 'asOf', reason: 'is required' });
  }
  const asOfMs = instantMs(options.asOf, 'asOf', NaN);
  const index = pipelineIndex(pipeline);
  const stages = index.openStages.length;
  const currency = pipeline.currency;
  const rates = options.rates;
  const keyOf = segmenter(options);
  const belongs = pipelineFilter(pipeline, options);
  const probabilities = index.openStages.map((s) => s.probability);

  // Per stage: Σ amount of the deals weighted at the stage probability (multiplied once, at
  // the end: Σ(a × p) = p × Σ a, exactly), and Σ amount / Σ amount × override of the others.
  interface Acc { count: Float64Array; suspended: Float64Array; plain: Decimal[]; overAmount: Decimal[]; overWeighted: Decimal[] }
  const zeros = () => Array.from({ length: stages }, () => new Decimal(0));
  const newAcc = (): Acc => ({ count: new Float64Array(stages), suspended: new Float64Array(stages), plain: zeros(), overAmount: zeros(), overWeighted: zeros() });
  const add = (acc: Acc, k: number, amount: Decimal, override: Decimal | undefined): void => {
    acc.count[k]!++;
    if (override === undefined) {
      acc.plain[k] = (acc.plain[k] as Decimal).plus(amount);
    } else {
      acc.overAmount[k] = (acc.overAmount[k] as Decimal).plus(amount);
      acc.overWeighted[k] = (acc.overWeighted[k] as Decimal).plus(amount.times(override));
    }
  };
  const overall = newAcc();
  const segments = new Map<string, Acc>();
  const summary = newSummary();
  const walker = new LedgerWalker(index, undefined);

  for (const o of opportunities) {
    if (!belongs(o)) continue;
    walker.walk(o, asOfMs, summary);
    const info = summary.stage;
    if (info === undefined || info.kind !== OPEN) continue;
    const k = info.openIndex;
    let seg: Acc | undefined;
    if (keyOf !== undefined) {
      const key = keyOf(o);
      seg = segments.get(key);
      if (seg === undefined) segments.set(key, (seg = newAcc()));
    }
    if (summary.suspended) {
      overall.suspended[k]!++;
      if (seg !== undefined) seg.suspended[k]!++;
      continue;
    }
    const amount = amountIn(amountAt(o, asOfMs), currency, rates);
    // The override has no ledger history: it is taken to belong to the deal's current stage.
    const override = o.probabilityOverride !== undefined && o.stageId === info.stage.id ? o.probabilityOverride : undefined;
    add(overall, k, amount, override);
    if (seg !== undefined) add(seg, k, amount, override);
  }

  const table = (acc: Acc): FunnelSnapshotTable => {
    const first = acc.count[0] as number;
    const rows: FunnelSnapshotRow[] = index.openStages.map((stage, k) => ({
      stageId: stage.id,
      stageIndex: k,
      count: acc.count[k] as number,
      suspended: acc.suspended[k] as number,
      amount: { amount: (acc.plain[k] as Decimal).plus(acc.overAmount[k] as Decimal), currency },
      weightedAmount: { amount: (acc.plain[k] as Decimal).times(probabilities[k] as Decimal).plus(acc.overWeighted[k] as Decimal), currency },
      ratioToPrevious: k === 0 ? null : rate(acc.count[k] as number, acc.count[k - 1] as number),
      ratioToFirst: rate(acc.count[k] as number, first),
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
      overallConversion: rate(acc.count[stages - 1] as number, first),
    };
  };
  return { pipelineId: pipeline.id, asOf: new Date(asOfMs), currency, overall: table(overall), segments: sortedMap(segments, table) };
}
