import { numberOption } from '../_lib/options.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { createdAt } from '../model/createdAt.js';
import { GroupAccumulator, type Grouped } from '../model/groupBy.js';
import type { StageId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { OPEN, pipelineIndex, stageInfo } from '../model/pipelineIndex.js';
import { MS_PER_DAY } from '../time/daysBetween.js';
import type { InstantInput } from '../time/instant.js';
import { groupingOf, pipelineFilter } from './_lib/groups.js';
import { requiredInstantMs } from './_lib/options.js';
import { aalenJohansen, addToTally, binTime, createTally, tallyRows, type Tally } from './_lib/survival.js';
import type { AnalyticsOptions } from './analyticsOptions.js';
import { stageVisits } from './stageVisits.js';

/**
 * Where the clock of {@link competingRisks} starts: at the deal's creation, or when it
 * first entered a given open stage.
 */
export type CompetingRisksOrigin = 'created' | { readonly stageId: StageId };

/**
 * Options for {@link competingRisks}.
 */
export interface CompetingRisksOptions extends AnalyticsOptions {
  /**
   * The instant the ledgers are read to (a `Date` or an ISO 8601 string with offset;
   * events after it are ignored); deals still open then are censored at it. Required.
   */
  readonly asOf: InstantInput;
  /**
   * Where the clock starts.
   *
   * @defaultValue `'created'`
   */
  readonly origin?: CompetingRisksOrigin;
  /**
   * Follow-up limit in days (> 0): a deal still undecided after it is censored there, so
   * the curve stops at the horizon and `cifWon`/`cifLost` are the values at it.
   *
   * @defaultValue none
   */
  readonly horizonDays?: number;
  /**
   * Bin width in days (> 0). Without it: exact times, memory growing with the number of
   * distinct times (about the number of deals). With a width, every time is rounded
   * **up** to the next multiple, ties collapse, and memory is bounded by groups ×
   * (longest time ÷ width).
   *
   * @defaultValue none (exact times)
   */
  readonly resolutionDays?: number;
}

/**
 * One step of the competing-risks curves: the estimates just after `days`
 * (`survival` = 1 − `cifWon` − `cifLost`).
 */
export interface CompetingRisksPoint {
  /** A distinct observed time since the origin. */
  readonly days: number;
  /** nᵢ: deals still undecided and observed at least this long. */
  readonly atRisk: number;
  /** Deals won at exactly `days`. */
  readonly won: number;
  /** Deals lost at exactly `days`. */
  readonly lost: number;
  /** Deals censored at exactly `days` (open at `asOf`, or past the horizon). */
  readonly censored: number;
  /** Ŝ(days): all-cause Kaplan–Meier probability of being still undecided. */
  readonly survival: number;
  /** CIF_won(days): probability of having been won by then. */
  readonly cifWon: number;
  /** CIF_lost(days): probability of having been lost by then. */
  readonly cifLost: number;
}

/**
 * Competing-risks estimates for one group of deals.
 */
export interface CompetingRisksCurve {
  /** Deals analysed: `won + lost + open`. */
  readonly deals: number;
  /** Deals won as of `asOf`. */
  readonly won: number;
  /** Deals lost as of `asOf`. */
  readonly lost: number;
  /** Deals still undecided at `asOf` (open or suspended): censored. */
  readonly open: number;
  /** Deals left out: no stay in the funnel as of `asOf`, or (stage origin) never entered that stage. */
  readonly excluded: number;
  /** Naive win rate won ÷ (won + lost), ignoring open deals and time; `null` when nothing closed. */
  readonly naiveWinRate: number | null;
  /** CIF_won at the last point (at the horizon, if given); `null` without deals. */
  readonly cifWon: number | null;
  /** CIF_lost at the last point (at the horizon, if given); `null` without deals. */
  readonly cifLost: number | null;
  /** Ŝ at the last point: share still undecided; `null` without deals. */
  readonly survival: number | null;
  /** One point per distinct time, increasing (CIFs 0 and Ŝ = 1 before the first). Empty without deals. */
  readonly points: readonly CompetingRisksPoint[];
}

/**
 * Result of {@link competingRisks}: the curve over every deal read (`total`) and per group.
 */
export interface CompetingRisks extends Grouped<CompetingRisksCurve> {
  /** The instant the ledgers were read to (a copy of the option). */
  readonly asOf: Date;
  /** Where the clock started. */
  readonly origin: CompetingRisksOrigin;
  /** The horizon, or `null`. */
  readonly horizonDays: number | null;
  /** The bin width used, or `null` for exact times. */
  readonly resolutionDays: number | null;
}

interface Acc {
  readonly tally: Tally;
  won: number;
  lost: number;
  open: number;
  excluded: number;
}

const WON = 0;
const LOST = 1;
const newAcc = (): Acc => ({ tally: createTally(2), won: 0, lost: 0, open: 0, excluded: 0 });

/**
 * When deals are won (赢单) or lost (输单), as competing risks: the Aalen–Johansen
 * cumulative incidence of winning and of losing over time since creation (or since
 * first entering a stage), with deals still open at `asOf` censored — and, for
 * comparison, the naive win rate won ÷ (won + lost).
 *
 * Definitions:
 *
 * - **Time** of a deal = calendar days (exact, ms / 86 400 000) from its origin — its
 *   creation ({@link createdAt}), or its first real entry into `origin.stageId` (a jump
 *   over the stage is not an entry) — to the close that leaves it won or lost as of
 *   `asOf`; a deal still open or suspended (中止) at `asOf` is censored at `asOf`.
 *   Suspended time is not subtracted: this is elapsed time. A deal reopened after a
 *   close counts by its state at `asOf`.
 * - Left out (`excluded`): deals with no stay in an open stage as of `asOf` (created
 *   later, or recorded as closed without ever being in the funnel), and, with a stage
 *   origin, deals that never entered that stage.
 * - **Aalen–Johansen**: CIF_k(t) = Σ_{tᵢ ≤ t} Ŝ(tᵢ−) · d_{k,i}/nᵢ for k = won, lost,
 *   where nᵢ counts deals observed at least tᵢ, d_{k,i} those closed as k at tᵢ, and Ŝ is
 *   the all-cause Kaplan–Meier curve (Ŝ(tᵢ−) its value just before tᵢ). At every t,
 *   CIF_won(t) + CIF_lost(t) + Ŝ(t) = 1 (up to rounding). Ties: closes before censorings.
 * - **Naive win rate** = won ÷ (won + lost) among the deals closed by `asOf`, `null`
 *   when none closed. It is biased: it ignores the open deals, which are not a random
 *   sample — the quickly decided deals are over-represented (in many funnels losses
 *   come faster than wins, so a young cohort's naive rate is too low), and it says
 *   nothing about *when*. CIF_won(t) is the share of deals won within t days, counting
 *   every deal, open ones as far as they were observed.
 *
 * The input is read once, from any iterable; memory grows with groups × distinct
 * times (see `resolutionDays` to bound it). Results do not depend on the input order.
 * No NaN: without deals the curve is empty and the summaries are `null`.
 *
 * @param opportunities - The deals (any iterable, read once; not modified).
 * @param pipeline - Their pipeline.
 * @param options - `asOf` (required), origin, horizon, grouping and binning.
 * @returns The curves and summaries, in total and per group.
 * @throws {@link FunnelError} `invalid_option` for a missing `asOf` or one that is not an
 *   instant, a bad `origin`, `horizonDays`, `resolutionDays`, `groupBy` or
 *   `otherPipelines`; `unknown_stage` for an origin stage the pipeline does not have,
 *   `stage_not_open` for a won or lost one; `pipeline_mismatch` for a deal of another
 *   pipeline (unless `otherPipelines: 'ignore'`); `unknown_stage` for a ledger naming a
 *   stage the pipeline does not have.
 *
 * @category Analytics
 * @example
 * ```ts
 * import { competingRisks, parsePipeline, parseOpportunity } from 'sales-funnel';
 * const pipeline = parsePipeline({
 *   id: 'p', name: 'Direct', currency: 'CNY',
 *   stages: [
 *     { id: 'lead', name: '线索', kind: 'open', probability: 0.2 },
 *     { id: 'won', name: '赢单', kind: 'won', probability: 1 },
 *     { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
 *   ],
 * });
 * const deal = (id: string, close?: { type: 'won' | 'lost'; at: string }) =>
 *   parseOpportunity({
 *     id, customerId: 'c1', pipelineId: 'p', name: id, ownerId: 'rep-li',
 *     amount: { amount: '100000', currency: 'CNY' },
 *     stageId: close?.type ?? 'lead', status: close?.type ?? 'open',
 *     history: [
 *       { type: 'created', at: '2026-01-01T00:00:00Z', stageId: 'lead' },
 *       ...(close === undefined ? [] : [close.type === 'won'
 *         ? { type: 'won', at: close.at, stageId: 'won' }
 *         : { type: 'lost', at: close.at, stageId: 'lost', reason: 'price' }]),
 *     ],
 *   });
 * const r = competingRisks(
 *   [deal('a', { type: 'lost', at: '2026-01-11T00:00:00Z' }), deal('b', { type: 'won', at: '2026-01-31T00:00:00Z' }), deal('c'), deal('d')],
 *   pipeline,
 *   { asOf: '2026-02-10T00:00:00Z' },
 * );
 * r.total.naiveWinRate; //=> 0.5 (1 won ÷ 2 closed)
 * r.total.cifWon; //=> 0.25 (day 30: Ŝ(30−) = 3/4, × 1 won / 3 at risk)
 * r.total.cifLost; //=> 0.25 (day 10: 1 lost / 4 at risk)
 * ```
 */
export function competingRisks(
  opportunities: Iterable<Opportunity>,
  pipeline: Pipeline,
  options: CompetingRisksOptions,
): CompetingRisks {
  const asOfMs = requiredInstantMs(options, 'asof_for_open_deals');
  const horizon = options.horizonDays === undefined ? undefined : numberOption(options.horizonDays, 'horizonDays', { min: 0, minExclusive: true });
  const resolution = options.resolutionDays === undefined ? undefined : numberOption(options.resolutionDays, 'resolutionDays', { min: 0, minExclusive: true });
  const originStage = originStageOf(options.origin ?? 'created', pipeline);
  const belongs = pipelineFilter(pipeline, options);
  const { groupBy, keyOf } = groupingOf(options);
  const total = newAcc();
  const groups = new GroupAccumulator(newAcc);
  const asOf = new Date(asOfMs);

  for (const o of opportunities) {
    if (!belongs(o)) continue;
    const visits = stageVisits(o, pipeline, { asOf });
    const targets = keyOf === undefined ? [total] : [total, groups.get(keyOf(o))];
    let startMs = Number.NaN;
    if (visits.length > 0) {
      if (originStage === undefined) {
        startMs = createdAt(o)?.getTime() ?? Number.NaN;
      } else {
        const first = visits.find((v) => v.stageId === originStage && v.outcome !== 'skipped');
        startMs = first === undefined ? Number.NaN : first.enteredAt.getTime();
      }
    }
    if (!(startMs <= asOfMs)) {
      for (const t of targets) t.excluded++;
      continue;
    }
    const last = visits[visits.length - 1]!;
    const cause = last.outcome === 'won' ? WON : last.outcome === 'lost' ? LOST : null;
    const endMs = cause === null || last.leftAt === undefined ? asOfMs : last.leftAt.getTime();
    let days = binTime(Math.max(0, endMs - startMs) / MS_PER_DAY, resolution);
    let observed = cause;
    if (horizon !== undefined && days > horizon) {
      days = horizon; // still undecided at the horizon: censored there
      observed = null;
    }
    for (const t of targets) {
      addToTally(t.tally, days, observed);
      if (cause === WON) t.won++;
      else if (cause === LOST) t.lost++;
      else t.open++;
    }
  }

  return {
    asOf,
    origin: originStage === undefined ? 'created' : { stageId: originStage },
    horizonDays: horizon ?? null,
    resolutionDays: resolution ?? null,
    ...groups.grouped(groupBy, total, summarize),
  };
}

function originStageOf(origin: CompetingRisksOrigin, pipeline: Pipeline): StageId | undefined {
  if (origin === 'created') return undefined;
  if (typeof origin !== 'object' || origin === null || typeof origin.stageId !== 'string') {
    throw new FunnelError('invalid_option', { option: 'origin', reason: because('origin_shape') });
  }
  const info = stageInfo(pipelineIndex(pipeline), origin.stageId);
  if (info.kind !== OPEN) throw new FunnelError('stage_not_open', { stageId: info.stage.id, stageName: info.stage.name, kind: info.stage.kind });
  return info.stage.id;
}

function summarize(acc: Acc): CompetingRisksCurve {
  const steps = aalenJohansen(tallyRows(acc.tally), 2);
  const points: CompetingRisksPoint[] = steps.map((s) => ({
    days: s.time,
    atRisk: s.atRisk,
    won: s.events[WON]!,
    lost: s.events[LOST]!,
    censored: s.censored,
    survival: s.survival,
    cifWon: s.incidence[WON]!,
    cifLost: s.incidence[LOST]!,
  }));
  const end = points[points.length - 1];
  const closed = acc.won + acc.lost;
  return {
    deals: acc.won + acc.lost + acc.open,
    won: acc.won,
    lost: acc.lost,
    open: acc.open,
    excluded: acc.excluded,
    naiveWinRate: closed === 0 ? null : acc.won / closed,
    cifWon: end === undefined ? null : end.cifWon,
    cifLost: end === undefined ? null : end.cifLost,
    survival: end === undefined ? null : end.survival,
    points,
  };
}
