import { oneOfOption, wholeNumberOption } from '../_lib/options.js';
import { stageVisits } from '../analytics/stageVisits.js';
import type { StageId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import { opportunityAsOf } from '../model/opportunityAsOf.js';
import type { Pipeline } from '../model/pipeline.js';
import { assertSamePipeline, pipelineIndex } from '../model/pipelineIndex.js';
import { toInstant, type InstantInput } from '../time/instant.js';
import { calibration, type Calibration } from './calibration.js';
import { checkDeal, checkDealIterable } from '../model/dealArguments.js';

/**
 * Options for {@link backtestStageProbabilities}.
 */
export interface BacktestStageProbabilitiesOptions {
  /**
   * Read the ledgers as of this instant (a `Date` or an ISO 8601 string with offset):
   * a deal counts as closed only if it was closed then, and later events are ignored
   * (a deal lost before it and reopened after it counts as lost; deals created after it
   * are left out).
   *
   * @defaultValue just after the last event read: the whole ledgers
   */
  readonly asOf?: InstantInput;
  /**
   * Only deals closed at or after this instant (a `Date` or an ISO 8601 string with offset).
   *
   * @defaultValue no lower bound
   */
  readonly closedFrom?: InstantInput;
  /**
   * Only deals closed before this instant (a `Date` or an ISO 8601 string with offset).
   *
   * @defaultValue no upper bound
   */
  readonly closedTo?: InstantInput;
  /**
   * Whether open stages a deal jumped over count as passed: `'exclude'` uses only the
   * stages it stood in; `'passed'` adds the stages it skipped.
   *
   * @defaultValue `'exclude'`
   */
  readonly skippedStages?: 'exclude' | 'passed';
  /**
   * Buckets of the reliability tables, from 1 to 10 000.
   *
   * @defaultValue 10
   */
  readonly bins?: number;
}

/**
 * The backtest of one open stage.
 */
export interface StageBacktest {
  /** The open stage. */
  readonly stageId: StageId;
  /** The stage's probability in the pipeline: the forecast tested. */
  readonly probability: number;
  /** Closed deals that passed through the stage. */
  readonly deals: number;
  /** Of those, the deals won. */
  readonly won: number;
  /** The observed win rate from the stage, won / deals (the probability the history suggests); `null` when no deal passed. */
  readonly suggestedProbability: number | null;
  /** Calibration of the stage's probability against those deals' outcomes. */
  readonly calibration: Calibration;
}

/**
 * Result of {@link backtestStageProbabilities}.
 */
export interface StageProbabilityBacktest {
  /** Closed deals used. */
  readonly deals: number;
  /** Calibration over every (deal, stage passed) pair. */
  readonly overall: Calibration;
  /** One entry per open stage, in funnel order. */
  readonly stages: readonly StageBacktest[];
}

/** The close instant: `closedAt`, else the last `won` or `lost` event's (a forward scan: ledgers are short, and it has no index a slip could send past the end). */
function closedAtOf(o: Opportunity): Date | undefined {
  if (o.closedAt !== undefined) return o.closedAt;
  let last: Date | undefined;
  for (const e of o.history) if (e.type === 'won' || e.type === 'lost') last = e.at;
  return last;
}

function instant(value: InstantInput | undefined, option: string): number | undefined {
  return value === undefined ? undefined : toInstant(value, option).getTime();
}

/**
 * Backtests a pipeline's stage probabilities (赢率回测) against the deals that closed.
 *
 * For every closed deal (status `won` or `lost` as it stood at `asOf` — a deal
 * reopened after `asOf` counts as it closed — and closed within [`closedFrom`,
 * `closedTo`) when given; the close instant is `closedAt`, else the last `won`/`lost`
 * event) and every open stage it passed through — each stage once per deal, however
 * often it was visited — the stage's pipeline probability is one forecast and "the
 * deal was won" its outcome. The result gives, per stage, the observed win rate from
 * that stage (won / deals passing through it: the suggested probability) and the
 * calibration of the stage probability (with a single forecast value the reliability
 * is (probability − win rate)² and the resolution 0), and the calibration over all
 * pairs, whose reliability table shows whether higher stages really win more often.
 *
 * Deals still open or suspended are left out: their outcome is not known yet.
 *
 * @param opportunities - The deals (any iterable; read once, not modified), all of `pipeline`.
 * @param pipeline - The pipeline whose stage probabilities are tested.
 * @param options - `asOf`, close window, skipped-stage rule and buckets.
 * @returns Per-stage and overall calibration.
 * @throws {@link FunnelError} `pipeline_mismatch` for a deal of another pipeline;
 *   `unknown_stage` for a ledger naming an unknown stage; `invalid_option` for bad
 *   options (a bad instant included).
 *   Also `invalid_argument` for `opportunities` that is not an iterable of opportunities,
 *   or an item of it that is not an opportunity (named `opportunities[i]`);
 *   `invalid_argument` (`pipeline`) for a value that is not a pipeline.
 *
 * @category Forecast
 * @example
 * ```ts
 * import { backtestStageProbabilities, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const lastYearsDeals: Opportunity[];
 * const b = backtestStageProbabilities(lastYearsDeals, pipeline);
 * for (const s of b.stages) console.log(s.stageId, s.probability, '→', s.suggestedProbability, `(${s.won}/${s.deals})`);
 * ```
 */
export function backtestStageProbabilities(
  opportunities: Iterable<Opportunity>,
  pipeline: Pipeline,
  options: BacktestStageProbabilitiesOptions = {},
): StageProbabilityBacktest {
  const asOf = instant(options.asOf, 'asOf');
  const from = instant(options.closedFrom, 'closedFrom');
  const to = instant(options.closedTo, 'closedTo');
  const skipped = oneOfOption(options.skippedStages ?? 'exclude', 'skippedStages', ['exclude', 'passed'] as const);
  const bins = { bins: wholeNumberOption(options.bins ?? 10, 'bins', { min: 1, max: 10_000 }) };
  const openStages = pipelineIndex(pipeline).open;
  const asOfDate = asOf === undefined ? undefined : new Date(asOf);
  const position = new Map(openStages.map((s, i) => [s.id as string, i]));
  const probability = openStages.map((s) => s.probability.toNumber());
  const perStage = openStages.map(() => ({ predictions: [] as number[], outcomes: [] as (0 | 1)[] }));
  const allPredictions: number[] = [];
  const allOutcomes: (0 | 1)[] = [];
  let deals = 0;
  checkDealIterable(opportunities, 'opportunities');
  let i = 0;
  for (const given of opportunities) {
    checkDeal(given, i++, 'opportunities');
    assertSamePipeline(given, pipeline);
    // The deal as it stood at asOf: closed then (a later reopening ignored), or not.
    const o = asOfDate === undefined ? given : opportunityAsOf(given, asOfDate, { pipeline });
    if (o === undefined || (o.status !== 'won' && o.status !== 'lost')) continue;
    const closedAt = closedAtOf(o)?.getTime();
    if (from !== undefined && (closedAt === undefined || closedAt < from)) continue;
    if (to !== undefined && (closedAt === undefined || closedAt >= to)) continue;
    const visits = stageVisits(o, pipeline);
    deals++;
    const outcome: 0 | 1 = o.status === 'won' ? 1 : 0;
    const passed = new Set<number>();
    for (const v of visits) {
      if (v.outcome === 'skipped' && skipped === 'exclude') continue;
      // Stays are in open stages only (stageVisits), and every open stage has a position.
      passed.add(position.get(v.stageId)!);
    }
    for (const k of [...passed].sort((a, b) => a - b)) {
      const entry = perStage[k]!;
      entry.predictions.push(probability[k]!);
      entry.outcomes.push(outcome);
      allPredictions.push(probability[k]!);
      allOutcomes.push(outcome);
    }
  }
  return {
    deals,
    overall: calibration(allPredictions, allOutcomes, bins),
    stages: openStages.map((s, k) => {
      const { predictions, outcomes } = perStage[k]!;
      const won = outcomes.reduce<number>((a, b) => a + b, 0);
      return {
        stageId: s.id,
        probability: probability[k]!,
        deals: predictions.length,
        won,
        suggestedProbability: predictions.length === 0 ? null : won / predictions.length,
        calibration: calibration(predictions, outcomes, bins),
      };
    }),
  };
}
