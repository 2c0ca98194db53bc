import { numberOption, oneOfOption } from '../../_lib/options.js';
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import type { Money } from '../../money/money.js';
import type { OpportunityId, StageId, UserId } from '../../model/ids.js';
import type { Opportunity } from '../../model/opportunity.js';
import { OPEN, type PipelineIndex } from '../../model/pipelineIndex.js';
import { MS_PER_DAY } from '../../time/daysBetween.js';
import { amountAt } from './fieldsAt.js';
import { NumberBuffer, quantileInPlace } from './stats.js';
import { SKIPPED, STILL_OPEN, type LedgerSummary } from './walkLedger.js';

/**
 * The clock a stall is measured with:
 *
 * - `'stage_entry'`: days in the current stage;
 * - `'last_activity'`: days since the last follow-up activity (an `activity_logged`
 *   event: a visit, call, email, meeting…), or since creation when none was logged;
 *   nothing else resets it (an amount edit or a task tick is no contact with the
 *   customer);
 * - `'last_event'`: days since the last ledger event of any kind (a task, a stage move,
 *   an amount or date change, an activity…): what `'last_activity'` meant before 0.3;
 * - `'created'`: days since creation.
 *
 * Suspended time never counts.
 */
export type StallClock = 'stage_entry' | 'last_activity' | 'last_event' | 'created';

/**
 * The stall threshold in days: `'stage'` — each stage's `stallAfterDays` (stages
 * without one flag nothing); a number — the same for every stage; `{ medianMultiple: k }`
 * — k × the median completed stay of that stage over the deals read.
 */
export type StallThreshold = 'stage' | number | { readonly medianMultiple: number };

/** Which threshold flagged a stalled deal. */
export type StallRule = 'stage_threshold' | 'global_threshold' | 'median_multiple';

/**
 * A stalled deal (停滞商机) found by `findStalled` (and behind `auditPipeline`'s
 * `stalled` findings).
 */
export interface StalledDeal {
  /** The deal. */
  readonly opportunityId: OpportunityId;
  /** The open stage it stands in at `asOf`. */
  readonly stageId: StageId;
  /** That stage's name, for messages and reports. */
  readonly stageName: string;
  /** Position of that stage among the open stages. */
  readonly stageIndex: number;
  /** Its current owner. */
  readonly ownerId: UserId;
  /** Its amount as of `asOf` (in the deal's currency). */
  readonly amount: Money;
  /** The clock's reading at `asOf`, in exact days (ms ÷ 86 400 000), net of suspended time. */
  readonly days: number;
  /** The threshold it exceeded, in days. */
  readonly thresholdDays: number;
  /** days − thresholdDays (> 0). */
  readonly overDays: number;
  /** The rule that flagged it: the stage's `stallAfterDays`, the global number, or k × median. */
  readonly rule: StallRule;
  /** The clock used. */
  readonly clock: StallClock;
  /** The deal's group key (one element per `groupBy` key), when `groupBy` was given. */
  readonly groupKey?: readonly string[];
}

const CLOCKS: readonly StallClock[] = ['stage_entry', 'last_activity', 'last_event', 'created'];

/**
 * Validated clock and threshold options.
 *
 * @param names - The option names, for the errors (`clock` / `threshold` in
 *   `findStalled`, `stallClock` / `stallThreshold` in `auditPipeline`).
 * @throws FunnelError `invalid_option`.
 */
export function checkStallOptions(
  clock: unknown,
  threshold: unknown,
  names: { readonly clock: string; readonly threshold: string },
): { clock: StallClock; threshold: StallThreshold } {
  const c = oneOfOption(clock ?? 'stage_entry', names.clock, CLOCKS);
  const t = threshold ?? 'stage';
  if (t === 'stage') return { clock: c, threshold: t };
  if (typeof t === 'number') return { clock: c, threshold: numberOption(t, names.threshold, { min: 0, minExclusive: true }) };
  if (typeof t === 'object' && t !== null && 'medianMultiple' in t) {
    const k = numberOption((t as { medianMultiple: unknown }).medianMultiple, `${names.threshold}.medianMultiple`, { min: 0, minExclusive: true });
    return { clock: c, threshold: { medianMultiple: k } };
  }
  throw new FunnelError('invalid_option', { option: names.threshold, reason: because('stall_threshold_shape') });
}

/**
 * The activity clock of a deal at `asOfMs`, in ms: the time since its last
 * `activity_logged` event at or before `asOfMs` (or since `createdMs`, its creation,
 * when it has none), less the time it spent suspended since then.
 */
export function activityClockMs(o: Pick<Opportunity, 'history'>, asOfMs: number, createdMs: number): number {
  const history = o.history;
  let from = createdMs;
  for (let i = 0; i < history.length; i++) {
    const e = history[i]!;
    if (e.type !== 'activity_logged') continue;
    const t = e.at.getTime();
    if (t <= asOfMs && !(t < from)) from = t;
  }
  // Suspended time after `from`: the walker's rule (a second `suspended` while suspended
  // and a `resumed` while not are ignored).
  let suspended = false;
  let since = 0;
  let paused = 0;
  for (let i = 0; i < history.length; i++) {
    const e = history[i]!;
    const t = e.at.getTime();
    if (t > asOfMs) continue;
    if (e.type === 'suspended' && !suspended) {
      suspended = true;
      since = t;
    } else if (e.type === 'resumed' && suspended) {
      suspended = false;
      if (t > from) paused += t - Math.max(since, from);
    }
  }
  if (suspended) paused += asOfMs - Math.max(since, from);
  return asOfMs - from - paused;
}

/**
 * Judges deals for stalling, one at a time. The deals to report are kept in parallel
 * arrays (a few numbers and references each, never the deal itself) and turned into
 * result objects, sorted, in `finish()`. With the median rule the thresholds are only
 * known once every completed stay has been seen, so every open candidate is kept until then.
 */
export class StallScanner {
  /** Whether `stay()` must be fed (the median rule needs completed stay durations). */
  readonly needsStays: boolean;
  private readonly durations: NumberBuffer[];
  private readonly stageThresholds: readonly (number | null)[];
  // Kept deals, in parallel arrays.
  private readonly ids: Opportunity['id'][] = [];
  private readonly owners: Opportunity['ownerId'][] = [];
  private readonly amounts: Opportunity['amount'][] = [];
  private readonly groupKeys: (readonly string[] | undefined)[] = [];
  private readonly stageIndexes = new NumberBuffer();
  private readonly days = new NumberBuffer();

  constructor(
    private readonly index: PipelineIndex,
    private readonly asOfMs: number,
    readonly clock: StallClock,
    private readonly threshold: StallThreshold,
  ) {
    this.needsStays = typeof threshold === 'object';
    this.durations = this.needsStays ? index.open.map(() => new NumberBuffer()) : [];
    this.stageThresholds = index.open.map((s) => (threshold === 'stage' ? (s.stallAfterDays ?? null) : typeof threshold === 'number' ? threshold : null));
  }

  /** Records a stay (only completed, real stays count toward the median). */
  stay(stageIndex: number, enteredMs: number, leftMs: number, outcome: number, suspendedMs: number): void {
    if (!this.needsStays || outcome === SKIPPED || outcome === STILL_OPEN) return;
    this.durations[stageIndex]!.push((leftMs - enteredMs - suspendedMs) / MS_PER_DAY);
  }

  /** Judges one deal after its ledger walk (summary filled); open, non-suspended deals only. */
  deal(o: Opportunity, summary: LedgerSummary, groupKey: readonly string[] | undefined): void {
    const info = summary.stage;
    if (info === undefined || info.kind !== OPEN || summary.suspended) return;
    const asOf = this.asOfMs;
    const days =
      this.clock === 'stage_entry'
        ? (asOf - summary.enteredMs - summary.staySuspendedMs) / MS_PER_DAY
        : this.clock === 'last_activity'
          ? activityClockMs(o, asOf, summary.createdMs) / MS_PER_DAY
          : this.clock === 'last_event'
            ? (asOf - summary.lastMs) / MS_PER_DAY
            : (asOf - summary.createdMs - summary.totalSuspendedMs) / MS_PER_DAY;
    if (!this.needsStays) {
      const threshold = this.stageThresholds[info.openIndex] ?? null;
      if (threshold === null || !(days > threshold)) return;
    }
    this.ids.push(o.id);
    this.owners.push(o.ownerId);
    this.amounts.push(amountAt(o, asOf));
    this.groupKeys.push(groupKey);
    this.stageIndexes.push(info.openIndex);
    this.days.push(days);
  }

  /** The median completed stay (days, net of suspension) of each open stage; null when none completed. */
  medians(): (number | null)[] {
    return this.durations.map((d) => quantileInPlace(d.copy(), 0.5));
  }

  /** Every deal flagged, most overdue first (ties by id). */
  finish(): StalledDeal[] {
    const n = this.ids.length;
    const stageIndexes = this.stageIndexes.values();
    const days = this.days.values();
    let thresholds: readonly (number | null)[] = this.stageThresholds;
    let rule: StallRule = this.threshold === 'stage' ? 'stage_threshold' : 'global_threshold';
    if (this.needsStays) {
      const k = (this.threshold as { medianMultiple: number }).medianMultiple;
      thresholds = this.medians().map((m) => (m === null ? null : k * m));
      rule = 'median_multiple';
    }
    const over = new Float64Array(n);
    const keep: number[] = [];
    for (let i = 0; i < n; i++) {
      const threshold = thresholds[stageIndexes[i]!] ?? null;
      if (threshold === null || !(days[i]! > threshold)) continue;
      over[i] = days[i]! - threshold;
      keep.push(i);
    }
    const ids = this.ids;
    keep.sort((a, b) => over[b]! - over[a]! || (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
    const stages = this.index.open;
    return keep.map((i) => {
      const stageIndex = stageIndexes[i]!;
      const d = days[i]!;
      const groupKey = this.groupKeys[i];
      const stage = stages[stageIndex]!;
      const verdict: StalledDeal = {
        opportunityId: ids[i]!,
        stageId: stage.id,
        stageName: stage.name,
        stageIndex,
        ownerId: this.owners[i]!,
        amount: this.amounts[i]!,
        days: d,
        thresholdDays: thresholds[stageIndex]!,
        overDays: over[i]!,
        rule,
        clock: this.clock,
        ...(groupKey === undefined ? {} : { groupKey }),
      };
      return verdict;
    });
  }
}
