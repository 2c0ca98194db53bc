import { stageVisits } from '../analytics/stageVisits.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { StageId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { calibration, type Calibration } from './calibration.js';

/**
 * Options for {@link backtestStageProbabilities}.
 *
 * @example
 * ```ts
 * import type { BacktestStageProbabilitiesOptions } from 'sales-funnel';
 * const o: BacktestStageProbabilitiesOptions = {
 *   closedFrom: new Date('2025-01-01T00:00:00+08:00'),
 *   closedTo: new Date('2026-01-01T00:00:00+08:00'),
 *   skippedStages: 'passed',
 * };
 * ```
 */
export interface BacktestStageProbabilitiesOptions {
  /** Only deals closed at or after this instant. Default: no lower bound. */
  readonly closedFrom?: Date;
  /** Only deals closed before this instant. Default: no upper bound. */
  readonly closedTo?: Date;
  /**
   * Whether open stages a deal jumped over count as passed: `'exclude'` (default) uses
   * only the stages it stood in; `'passed'` adds the stages it skipped.
   */
  readonly skippedStages?: 'exclude' | 'passed';
  /** Buckets of the overall reliability table. Default 10. */
  readonly bins?: number;
}

/**
 * The backtest of one open stage.
 *
 * @example
 * ```ts
 * import type { StageBacktest } from 'sales-funnel';
 * const drift = (s: StageBacktest) => (s.suggestedProbability === null ? null : s.suggestedProbability - s.probability);
 * ```
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
 *
 * @example
 * ```ts
 * import type { StageProbabilityBacktest } from 'sales-funnel';
 * const worst = (b: StageProbabilityBacktest) => [...b.stages].sort((x, y) => (y.calibration.brier ?? 0) - (x.calibration.brier ?? 0))[0];
 * ```
 */
export interface StageProbabilityBacktest {
  /** Closed deals used. */
  readonly deals: number;
  /** Calibration over every (deal, stage passed) pair. */
  readonly overall: Calibration;
  /** One entry per open stage, in funnel order. */
  readonly stages: readonly StageBacktest[];
}

function closedAtOf(o: Opportunity): Date | undefined {
  if (o.closedAt !== undefined) return o.closedAt;
  for (let i = o.history.length - 1; i >= 0; i--) {
    const e = o.history[i];
    if (e !== undefined && (e.type === 'won' || e.type === 'lost')) return e.at;
  }
  return undefined;
}

function instant(value: Date | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new FunnelError('invalid_option', { option, reason: 'must be a valid Date' });
  return value.getTime();
}

/**
 * Backtests a pipeline's stage probabilities (赢率回测) against the deals that closed.
 *
 * For every closed deal (status `won` or `lost`, closed within [`closedFrom`,
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
 * @param options - Close window, skipped-stage rule and buckets.
 * @returns Per-stage and overall calibration.
 * @throws {@link FunnelError} `pipeline_mismatch` for a deal of another pipeline;
 *   `unknown_stage` for a ledger naming an unknown stage; `invalid_option` for bad options.
 *
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
  const from = instant(options.closedFrom, 'closedFrom');
  const to = instant(options.closedTo, 'closedTo');
  const skipped = options.skippedStages ?? 'exclude';
  if (skipped !== 'exclude' && skipped !== 'passed') throw new FunnelError('invalid_option', { option: 'skippedStages', reason: "must be 'exclude' or 'passed'" });
  const openStages = pipeline.stages.filter((s) => s.kind === 'open');
  const position = new Map(openStages.map((s, i) => [s.id as string, i]));
  const probability = openStages.map((s) => s.probability.toNumber());
  const perStage = openStages.map(() => ({ predictions: [] as number[], outcomes: [] as (0 | 1)[] }));
  const allPredictions: number[] = [];
  const allOutcomes: (0 | 1)[] = [];
  let deals = 0;
  for (const o of opportunities) {
    const visits = stageVisits(o, pipeline);
    if (o.status !== 'won' && o.status !== 'lost') continue;
    const closedAt = closedAtOf(o)?.getTime();
    if (from !== undefined && (closedAt === undefined || closedAt < from)) continue;
    if (to !== undefined && (closedAt === undefined || closedAt >= to)) continue;
    deals++;
    const outcome: 0 | 1 = o.status === 'won' ? 1 : 0;
    const passed = new Set<number>();
    for (const v of visits) {
      if (v.outcome === 'skipped' && skipped === 'exclude') continue;
      const k = position.get(v.stageId);
      if (k !== undefined) passed.add(k);
    }
    for (const k of [...passed].sort((a, b) => a - b)) {
      const entry = perStage[k] as { predictions: number[]; outcomes: (0 | 1)[] };
      entry.predictions.push(probability[k] as number);
      entry.outcomes.push(outcome);
      allPredictions.push(probability[k] as number);
      allOutcomes.push(outcome);
    }
  }
  const bins = options.bins === undefined ? {} : { bins: options.bins };
  return {
    deals,
    overall: calibration(allPredictions, allOutcomes, bins),
    stages: openStages.map((s, k) => {
      const { predictions, outcomes } = perStage[k] as { predictions: number[]; outcomes: (0 | 1)[] };
      const won = outcomes.reduce<number>((a, b) => a + b, 0);
      return {
        stageId: s.id,
        probability: probability[k] as number,
        deals: predictions.length,
        won,
        suggestedProbability: predictions.length === 0 ? null : won / predictions.length,
        calibration: calibration(predictions, outcomes, bins),
      };
    }),
  };
}
