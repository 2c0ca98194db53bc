import { dealProbability } from '../../../model/dealProbability.js';
import { amountIn } from '../../../money/amountIn.js';
import type { Decimal } from '../../../money/decimal.js';
import type { Opportunity } from '../../../model/opportunity.js';
import type { Pipeline } from '../../../model/pipeline.js';
import { assertSamePipeline, pipelineIndex, stageInfo } from '../../../model/pipelineIndex.js';
import type { HandoverSettings } from './settings.js';
import { checkDeal, checkDealIterable } from '../../../model/dealArguments.js';

/** An open deal the departing rep owns: it becomes a step. */
export interface OpenDeal {
  readonly o: Opportunity;
  readonly probability: Decimal;
  /** amount × probability, in the plan's currency. */
  readonly weighted: Decimal;
  /** Index into the settings' tiers. */
  readonly tier: number;
}

/** A suspended or closed deal the departing rep owns or holds a split of. */
export interface ParkedDeal {
  readonly o: Opportunity;
  readonly role: 'owner' | 'split';
}

/** An open deal of another owner on which the departing rep holds a split. */
export interface SplitDeal {
  readonly o: Opportunity;
  /** The departing rep's share of the weighted value. */
  readonly weighted: Decimal;
  readonly basisPoints: number;
}

/** The departing rep's book, each list by opportunity id. */
export interface HandoverBook {
  readonly open: readonly OpenDeal[];
  readonly parked: readonly ParkedDeal[];
  readonly splitOnly: readonly SplitDeal[];
}

const byId = (a: { readonly o: Opportunity }, b: { readonly o: Opportunity }): number => (a.o.id < b.o.id ? -1 : a.o.id > b.o.id ? 1 : 0);

/**
 * Stage 1 of the handover: the departing rep's deals (as owner or split owner), sorted
 * into open deals to hand over (with probability, weighted value and tier), parked
 * deals (suspended, won, lost) and split-only deals. Other reps' deals are skipped.
 *
 * @throws {@link FunnelError} `invalid_argument` for deals that are not an iterable of
 *   opportunities; `pipeline_mismatch` / `unknown_stage` for a deal of the
 *   rep that does not fit the pipeline; `currency_mismatch` without rates.
 */
export function collectBook(opportunities: Iterable<Opportunity>, pipeline: Pipeline, settings: HandoverSettings): HandoverBook {
  const index = pipelineIndex(pipeline);
  checkDealIterable(opportunities, 'opportunities');
  const open: OpenDeal[] = [];
  const parked: ParkedDeal[] = [];
  const splitOnly: SplitDeal[] = [];
  let i = 0;
  for (const o of opportunities) {
    checkDeal(o, i++, 'opportunities');
    const owner = o.ownerId === settings.departing;
    const split = o.splits?.find((s) => s.ownerId === settings.departing);
    if (!owner && split === undefined) continue;
    assertSamePipeline(o, pipeline);
    stageInfo(index, o.stageId);
    if (o.status === 'won' || o.status === 'lost' || o.status === 'suspended') {
      parked.push({ o, role: owner ? 'owner' : 'split' });
      continue;
    }
    // An open deal always has a probability (only suspended deals have none).
    const probability = dealProbability(o, pipeline)!;
    const weighted = amountIn(o.amount, settings.currency, settings.rates).times(probability);
    if (owner) {
      open.push({ o, probability, weighted, tier: settings.tiers.findIndex((t) => probability.gte(t.min)) });
    } else {
      splitOnly.push({ o, weighted: weighted.times(split!.basisPoints).div(10_000), basisPoints: split!.basisPoints });
    }
  }
  return { open: open.sort(byId), parked: parked.sort(byId), splitOnly: splitOnly.sort(byId) };
}
