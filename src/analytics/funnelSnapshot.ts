import type { ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { amountIn } from '../money/amountIn.js';
import { booleanOption } from '../_lib/options.js';
import { GroupAccumulator, type Grouped } from '../model/groupBy.js';
import type { OpportunityId, PipelineId, StageId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { OPEN, pipelineIndex } from '../model/pipelineIndex.js';
import type { InstantInput } from '../time/instant.js';
import { amountAt } from './_lib/fieldsAt.js';
import { rate } from './_lib/flowCounts.js';
import { groupingOf, pipelineFilter } from './_lib/groups.js';
import { requiredInstantMs } from './_lib/options.js';
import { LedgerWalker, newSummary } from './_lib/walkLedger.js';
import type { AnalyticsOptions } from './analyticsOptions.js';

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
 * Options for {@link funnelSnapshot}.
 */
export interface FunnelSnapshotOptions extends AnalyticsOptions {
  /**
   * The instant to reconstruct, past or present (a `Date` or an ISO 8601 string with
   * offset). Required: the library never reads the clock.
   */
  readonly asOf: InstantInput;
  /** Rates for deals in another currency than the pipeline's; without them such deals throw `currency_mismatch`. */
  readonly rates?: ExchangeRates;
  /**
   * List each row's deal ids (`dealIds`, and `suspendedIds`), in the total and in every
   * group, so that a UI can drill down from a number to the deals behind it. Off by
   * default: a big book then keeps no per-deal lists.
   *
   * @defaultValue `false`
   */
  readonly dealIds?: boolean;
}

/**
 * The snapshot funnel (销售漏斗快照): the open deals standing in each open stage at
 * `asOf` — past or present — with their count, amount and weighted amount, the
 * stage-to-stage count ratios and the overall conversion.
 *
 * Reconstructed from the ledger, not from the current fields: the stage at `asOf` comes
 * from {@link stageVisits} (events after `asOf` ignored), the amount from the
 * `amount_changed` events: the amount at `asOf` is the `from` of the first
 * `amount_changed` after `asOf` — so before a deal's first amount change, that change's
 * `from` — else the current amount. A deal counts when it stands in an open stage at `asOf` and
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
 * A ledger imported without a `created` event stands in its first stage from its first
 * event of any type (see {@link stageVisits}), so it is in the snapshot even when its
 * first stage change comes after `asOf`.
 *
 * With `dealIds: true` every row also lists the ids of its deals (`dealIds`, and the
 * suspended ones in `suspendedIds`), for drilling down from a number to the deals
 * behind it.
 *
 * Reads the input once; memory grows with stages × groups (and with the deals, with
 * `dealIds`).
 *
 * @param opportunities - The deals (any iterable; read once; not modified).
 * @param pipeline - Their pipeline (stage order, probabilities, currency).
 * @param options - `asOf` (required), `rates`, grouping, `dealIds`.
 * @returns The funnel in total and per group, amounts in the pipeline currency.
 * @throws {@link FunnelError} `invalid_option` for a missing `asOf` or one that is not an
 *   instant, a `dealIds` that is not a boolean; `currency_mismatch` for an amount in another currency without `rates`
 *   (`missing_rate` when `rates` lacks it); `pipeline_mismatch` / `unknown_stage` as for
 *   {@link stageFlow}.
 *
 * @category Analytics
 * @example
 * ```ts
 * import { funnelSnapshot, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const deals: Opportunity[];
 * const endOfQ1 = funnelSnapshot(deals, pipeline, { asOf: '2026-04-01T00:00:00+08:00', groupBy: ['region'] });
 * for (const r of endOfQ1.total.stages) console.log(r.stageId, r.count, r.weightedAmount.amount.toFixed(2));
 * for (const g of endOfQ1.groups) console.log(g.key.join(' / '), g.value.weightedAmount.amount.toFixed(2));
 * ```
 */
export function funnelSnapshot(opportunities: Iterable<Opportunity>, pipeline: Pipeline, options: FunnelSnapshotOptions): FunnelSnapshot {
  const asOfMs = requiredInstantMs(options, 'asof_for_snapshot');
  const index = pipelineIndex(pipeline);
  const stages = index.open.length;
  const currency = pipeline.currency;
  const rates = options.rates;
  const { groupBy, keyOf } = groupingOf(options);
  const belongs = pipelineFilter(pipeline, options);
  const probabilities = index.open.map((s) => s.probability);
  const listIds = options.dealIds === undefined ? false : booleanOption(options.dealIds, 'dealIds');

  // Per stage: Σ amount of the deals weighted at the stage probability (multiplied once, at
  // the end: Σ(a × p) = p × Σ a, exactly), and Σ amount / Σ amount × override of the others.
  interface Acc {
    count: Float64Array;
    suspended: Float64Array;
    plain: Decimal[];
    overAmount: Decimal[];
    overWeighted: Decimal[];
    ids: OpportunityId[][] | undefined;
    suspendedIds: OpportunityId[][] | undefined;
  }
  const zeros = () => Array.from({ length: stages }, () => new Decimal(0));
  const idLists = () => (listIds ? Array.from({ length: stages }, (): OpportunityId[] => []) : undefined);
  const newAcc = (): Acc => ({
    count: new Float64Array(stages),
    suspended: new Float64Array(stages),
    plain: zeros(),
    overAmount: zeros(),
    overWeighted: zeros(),
    ids: idLists(),
    suspendedIds: idLists(),
  });
  const add = (acc: Acc, k: number, amount: Decimal, override: Decimal | undefined, id: OpportunityId): void => {
    acc.count[k]!++;
    acc.ids?.[k]?.push(id);
    if (override === undefined) {
      acc.plain[k] = acc.plain[k]!.plus(amount);
    } else {
      acc.overAmount[k] = acc.overAmount[k]!.plus(amount);
      acc.overWeighted[k] = acc.overWeighted[k]!.plus(amount.times(override));
    }
  };
  const total = newAcc();
  const groups = new GroupAccumulator(newAcc);
  const summary = newSummary();
  const walker = new LedgerWalker(index, undefined);

  for (const o of opportunities) {
    if (!belongs(o)) continue;
    walker.walk(o, asOfMs, summary);
    const info = summary.stage;
    if (info === undefined || info.kind !== OPEN) continue;
    const k = info.openIndex;
    const group = keyOf === undefined ? undefined : groups.get(keyOf(o));
    if (summary.suspended) {
      total.suspended[k]!++;
      total.suspendedIds?.[k]?.push(o.id);
      if (group !== undefined) {
        group.suspended[k]!++;
        group.suspendedIds?.[k]?.push(o.id);
      }
      continue;
    }
    const amount = amountIn(amountAt(o, asOfMs), currency, rates);
    // The override has no ledger history: it is taken to belong to the deal's current stage.
    const override = o.probabilityOverride !== undefined && o.stageId === info.stage.id ? o.probabilityOverride : undefined;
    add(total, k, amount, override, o.id);
    if (group !== undefined) add(group, k, amount, override, o.id);
  }

  const table = (acc: Acc): FunnelSnapshotTable => {
    const first = acc.count[0]!;
    const rows: FunnelSnapshotRow[] = index.open.map((stage, k) => ({
      stageId: stage.id,
      stageIndex: k,
      count: acc.count[k]!,
      suspended: acc.suspended[k]!,
      amount: { amount: acc.plain[k]!.plus(acc.overAmount[k]!), currency },
      weightedAmount: { amount: acc.plain[k]!.times(probabilities[k]!).plus(acc.overWeighted[k]!), currency },
      ratioToPrevious: k === 0 ? null : rate(acc.count[k]!, acc.count[k - 1]!),
      ratioToFirst: rate(acc.count[k]!, first),
      ...(acc.ids === undefined ? {} : { dealIds: acc.ids[k]!, suspendedIds: acc.suspendedIds![k]! }),
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
      overallConversion: rate(acc.count[stages - 1]!, first),
    };
  };
  return { pipelineId: pipeline.id, asOf: new Date(asOfMs), currency, ...groups.grouped(groupBy, total, table) };
}
