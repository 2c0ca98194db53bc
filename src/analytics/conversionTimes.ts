import { numberOption } from '../_lib/options.js';
import { GroupAccumulator, type Grouped } from '../model/groupBy.js';
import type { StageId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { pipelineIndex } from '../model/pipelineIndex.js';
import { MS_PER_DAY } from '../time/daysBetween.js';
import type { InstantInput } from '../time/instant.js';
import { groupingOf, pipelineFilter } from './_lib/groups.js';
import { requiredInstantMs } from './_lib/options.js';
import { addToTally, binTime, createTally, kaplanMeier, quantileOfCounts, tallyRows, type Tally } from './_lib/survival.js';
import type { AnalyticsOptions } from './analyticsOptions.js';
import { stageVisits } from './stageVisits.js';

/**
 * Options for {@link conversionTimes}.
 */
export interface ConversionTimesOptions extends AnalyticsOptions {
  /**
   * The instant the ledgers are read to (a `Date` or an ISO 8601 string with offset;
   * events after it are ignored); stays still open then are censored at it. Required.
   */
  readonly asOf: InstantInput;
  /**
   * Bin width in days (> 0). Without it: exact durations, and memory that grows with the
   * number of distinct stay durations (about the number of stays: exact Kaplan–Meier
   * needs every event time). With a width, every duration is first rounded **up** to the
   * next multiple ("converted within day 3"), ties collapse, and memory is bounded by
   * stages × groups × (longest stay ÷ width). All statistics (mean, median, p90 and the
   * curve) then use the binned durations.
   *
   * @defaultValue none (exact durations)
   */
  readonly resolutionDays?: number;
}

/**
 * One step of a Kaplan–Meier curve: the estimate just after `days`.
 */
export interface KaplanMeierPoint {
  /** A distinct observed duration (an event, a censoring, or both). */
  readonly days: number;
  /** nᵢ: stays lasting at least `days` (stays censored at `days` included). */
  readonly atRisk: number;
  /** dᵢ: stays completed at exactly `days`. */
  readonly events: number;
  /** Stays censored at exactly `days`. */
  readonly censored: number;
  /** Ŝ(days): estimated share of stays still not completed after `days`. */
  readonly survival: number;
  /** Greenwood standard error of Ŝ; `null` once Ŝ has reached 0 (it does not exist there). */
  readonly standardError: number | null;
}

/**
 * A Kaplan–Meier curve with its median.
 */
export interface KaplanMeierCurve {
  /** One point per distinct duration, increasing; Ŝ = 1 before the first point. Empty without stays. */
  readonly points: readonly KaplanMeierPoint[];
  /**
   * Smallest duration with Ŝ ≤ 0.5, Ŝ compared with a tolerance of √ε ≈ 1.5e-8 as R's
   * `survival` does (so a floating-point ½ counts as ½); `null` when the curve never gets
   * down to 0.5.
   */
  readonly medianDays: number | null;
}

/**
 * Conversion time (转化时间) of one open stage.
 */
export interface StageConversionTime {
  /** The open stage. */
  readonly stageId: StageId;
  /** Its position among the pipeline's open stages (0-based). */
  readonly stageIndex: number;
  /** Real stays counted: `completed + open + lost + regressed` (skipped stays excluded). */
  readonly stays: number;
  /** Stays that ended by moving forward (`advanced`, jumps included) or by winning (`won`): the events. */
  readonly completed: number;
  /** Stays still open at `asOf` (suspended or not): censored at `asOf`. */
  readonly open: number;
  /** Stays that ended lost: censored at their exit. */
  readonly lost: number;
  /** Stays that ended by moving back: censored at their exit. */
  readonly regressed: number;
  /** Zero-length virtual stays of deals that jumped over the stage: excluded from every figure above. */
  readonly skipped: number;
  /** Mean duration of the completed stays; `null` when none. */
  readonly meanDays: number | null;
  /** Median duration of the completed stays (type-7 quantile, p = 0.5); `null` when none. */
  readonly medianDays: number | null;
  /** 90th percentile of the completed stays' durations (type-7); `null` when none. */
  readonly p90Days: number | null;
  /** Kaplan–Meier estimate over all counted stays, the open, lost and regressed ones censored. */
  readonly kaplanMeier: KaplanMeierCurve;
}

/**
 * Result of {@link conversionTimes}: in `total` and in each group's `value`, one entry
 * per open stage, in funnel order (stages without stays included).
 */
export interface ConversionTimes extends Grouped<readonly StageConversionTime[]> {
  /** The instant the ledgers were read to (a copy of the option). */
  readonly asOf: Date;
  /** The bin width used, or `null` for exact durations. */
  readonly resolutionDays: number | null;
}

interface StageAcc {
  readonly tally: Tally;
  completed: number;
  open: number;
  lost: number;
  regressed: number;
  skipped: number;
}

/**
 * Conversion time (转化时间) per stage: how long deals stay in each open stage before
 * moving on, from the ledgers. For every stage it gives the completed stays' count,
 * mean, median and 90th percentile, and a Kaplan–Meier curve and median that also use
 * the stays still open — which a plain average of completed stays ignores, biasing it
 * toward the quick ones.
 *
 * Definitions (stays are those of {@link stageVisits}, read as of `asOf`):
 *
 * - **Duration** of a stay = time in the stage minus time suspended (中止) during it, in
 *   exact days of 24 h (ms / 86 400 000, as {@link daysBetween}); an open stay runs to
 *   `asOf`.
 * - **Completed stay** (the event): it ended by moving forward — `advanced`, including a
 *   jump past later stages — or `won`. Its duration is a conversion time.
 * - **Censored stays**: still `open` at `asOf` (censored at `asOf`), and — the
 *   cause-specific view — stays that ended `lost` or `regressed`, censored at their exit:
 *   they tell that the deal had not converted by then, nothing more. Their counts are
 *   reported. So 1 − Ŝ(t) is the probability of converting within t days *if nothing
 *   else happened first*; for the probability of actually winning by a time, with loss
 *   competing, use {@link competingRisks}.
 * - Virtual `skipped` stays (stages jumped over) are excluded and only counted.
 * - **Completed-stay statistics**: mean; median and p90 as type-7 quantiles (linear
 *   interpolation between order statistics, as R and NumPy by default); `null` without
 *   completed stays.
 * - **Kaplan–Meier**: Ŝ(t) = Π_{tᵢ ≤ t} (1 − dᵢ/nᵢ) over the distinct durations tᵢ,
 *   with dᵢ the completed stays at tᵢ and nᵢ the stays lasting at least tᵢ. Ties: at
 *   equal durations, completions come before censorings (censored stays are still at
 *   risk). Greenwood standard error Ŝ(t)·√(Σ dᵢ/(nᵢ(nᵢ − dᵢ))). Median = the smallest t
 *   with Ŝ(t) ≤ 0.5, `null` when never reached; Ŝ is compared with a tolerance of
 *   √ε ≈ 1.5e-8, as R's `survival` does, so that a curve that is ½ in exact arithmetic
 *   (24 stays of 1…24 days: Ŝ(12) = ½) gives 12, not the next event time. (Where Ŝ stays
 *   exactly ½ until the next event, R reports the midpoint of the two times, 12.5.)
 *
 * The input is read once, from any iterable; memory grows with stages × groups ×
 * distinct durations (see `resolutionDays` to bound the last). Results do not depend on
 * the input order. No NaN: a stage without stays has an empty curve and `null` figures.
 *
 * @param opportunities - The deals (any iterable, read once; not modified).
 * @param pipeline - Their pipeline: the open stages, in funnel order.
 * @param options - `asOf` (required), grouping and binning.
 * @returns Per open stage, in total and per group.
 * @throws {@link FunnelError} `invalid_option` for a missing `asOf` or one that is not an
 *   instant, a bad `resolutionDays`, `groupBy` or `otherPipelines`; `pipeline_mismatch`
 *   for a deal of another pipeline (unless `otherPipelines: 'ignore'`); `unknown_stage`
 *   for a ledger naming a stage the pipeline does not have (see {@link stageVisits}).
 *
 * @category Analytics
 * @example
 * ```ts
 * import { conversionTimes, parsePipeline, parseOpportunity } from 'sales-funnel';
 * const pipeline = parsePipeline({
 *   id: 'p', name: 'Direct', currency: 'CNY',
 *   stages: [
 *     { id: 'lead', name: '线索', kind: 'open', probability: 0.1 },
 *     { id: 'quote', name: '报价洽谈', kind: 'open', probability: 0.5 },
 *     { id: 'won', name: '赢单', kind: 'won', probability: 1 },
 *     { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
 *   ],
 * });
 * const deal = (id: string, days: number | null) =>
 *   parseOpportunity({
 *     id, customerId: 'c1', pipelineId: 'p', name: id, ownerId: 'rep-li',
 *     amount: { amount: '100000', currency: 'CNY' }, stageId: days === null ? 'lead' : 'quote',
 *     history: [
 *       { type: 'created', at: '2026-01-01T00:00:00Z', stageId: 'lead' },
 *       ...(days === null ? [] : [{ type: 'stage_changed', at: new Date(Date.UTC(2026, 0, 1 + days)).toISOString(), from: 'lead', to: 'quote', kind: 'advance' }]),
 *     ],
 *   });
 * // Two deals moved on after 4 and 10 days; one is still in `lead` after 20 days.
 * const r = conversionTimes([deal('a', 4), deal('b', 10), deal('c', null)], pipeline, { asOf: '2026-01-21T00:00:00Z' });
 * const lead = r.total[0]!;
 * lead.medianDays; //=> 7 (completed stays only: (4 + 10) / 2)
 * lead.kaplanMeier.medianDays; //=> 10 (Ŝ(4) = 2/3, Ŝ(10) = 2/3 × 1/2 = 1/3)
 * ```
 */
export function conversionTimes(
  opportunities: Iterable<Opportunity>,
  pipeline: Pipeline,
  options: ConversionTimesOptions,
): ConversionTimes {
  const asOfMs = requiredInstantMs(options, 'asof_for_open_stays');
  const resolution = options.resolutionDays === undefined ? undefined : numberOption(options.resolutionDays, 'resolutionDays', { min: 0, minExclusive: true });
  const belongs = pipelineFilter(pipeline, options);
  const { groupBy, keyOf } = groupingOf(options);
  const openStages = pipelineIndex(pipeline).open;
  const newAccs = () =>
    Array.from({ length: openStages.length }, (): StageAcc => ({ tally: createTally(1), completed: 0, open: 0, lost: 0, regressed: 0, skipped: 0 }));
  const total = newAccs();
  const groups = new GroupAccumulator(newAccs);
  const asOf = new Date(asOfMs);

  for (const o of opportunities) {
    if (!belongs(o)) continue;
    const visits = stageVisits(o, pipeline, { asOf });
    if (visits.length === 0) continue;
    const targets = keyOf === undefined ? [total] : [total, groups.get(keyOf(o))];
    for (const v of visits) {
      const index = v.stageIndex;
      if (v.outcome === 'skipped') {
        for (const t of targets) t[index]!.skipped++;
        continue;
      }
      const endMs = v.leftAt === undefined ? asOfMs : v.leftAt.getTime();
      // Whole milliseconds, so equal net stays give bit-identical durations (exact ties).
      const netMs = endMs - v.enteredAt.getTime() - Math.round(v.suspendedDays * MS_PER_DAY);
      const days = binTime(Math.max(0, netMs) / MS_PER_DAY, resolution);
      const completed = v.outcome === 'advanced' || v.outcome === 'won';
      for (const t of targets) {
        const acc = t[index]!;
        addToTally(acc.tally, days, completed ? 0 : null);
        if (completed) acc.completed++;
        else if (v.outcome === 'open') acc.open++;
        else if (v.outcome === 'lost') acc.lost++;
        else acc.regressed++;
      }
    }
  }

  const summarize = (accs: readonly StageAcc[]): readonly StageConversionTime[] => openStages.map((stage, i) => summarizeStage(stage.id, i, accs[i]!));
  return {
    asOf,
    resolutionDays: resolution ?? null,
    ...groups.grouped(groupBy, total, summarize),
  };
}

function summarizeStage(stageId: StageId, stageIndex: number, acc: StageAcc): StageConversionTime {
  const rows = tallyRows(acc.tally);
  const completedRows = rows.filter((r) => r.events[0]! > 0).map((r) => ({ value: r.time, count: r.events[0]! }));
  // Summed in increasing duration, so the mean does not depend on the input order.
  let total = 0;
  for (const r of completedRows) total += r.value * r.count;
  const km = kaplanMeier(rows);
  return {
    stageId,
    stageIndex,
    stays: acc.completed + acc.open + acc.lost + acc.regressed,
    completed: acc.completed,
    open: acc.open,
    lost: acc.lost,
    regressed: acc.regressed,
    skipped: acc.skipped,
    meanDays: acc.completed === 0 ? null : total / acc.completed,
    medianDays: quantileOfCounts(completedRows, 0.5),
    p90Days: quantileOfCounts(completedRows, 0.9),
    kaplanMeier: {
      points: km.steps.map((s) => ({
        days: s.time,
        atRisk: s.atRisk,
        events: s.events,
        censored: s.censored,
        survival: s.survival,
        standardError: s.standardError,
      })),
      medianDays: km.median,
    },
  };
}
