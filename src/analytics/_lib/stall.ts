import { FunnelError } from '../../i18n/FunnelError.js';
import type { StallClock, StalledDeal, StallThreshold } from '../findStalled.js';
import type { Opportunity } from '../../model/opportunity.js';
import { MS_PER_DAY } from '../../time/daysBetween.js';
import { NumberBuffer, quantileInPlace } from '../../_lib/stats.js';
import { amountAt } from './fieldsAt.js';
import { OPEN, type PipelineIndex } from './pipelineIndex.js';
import { SKIPPED, STILL_OPEN, type LedgerSummary } from './walkLedger.js';

type StallRule = StallVerdict['rule'];
type StallVerdict = StalledDeal;

export type { StallClock, StallThreshold, StallRule };

/** Validated clock and threshold options. */
export function checkStallOptions(clock: unknown, threshold: unknown): { clock: StallClock; threshold: StallThreshold } {
  const c = clock ?? 'stage_entry';
  if (c !== 'stage_entry' && c !== 'last_activity' && c !== 'created') {
    throw new FunnelError('invalid_option', { option: 'clock', reason: "must be 'stage_entry', 'last_activity' or 'created'" });
  }
  const t = threshold ?? 'stage';
  if (t === 'stage') return { clock: c, threshold: t };
  if (typeof t === 'number') {
    if (!Number.isFinite(t) || t <= 0) throw new FunnelError('invalid_option', { option: 'threshold', reason: 'a number of days must be finite and > 0' });
    return { clock: c, threshold: t };
  }
  if (typeof t === 'object' && t !== null && 'medianMultiple' in t) {
    const k = (t as { medianMultiple: unknown }).medianMultiple;
    if (typeof k !== 'number' || !Number.isFinite(k) || k <= 0) {
      throw new FunnelError('invalid_option', { option: 'threshold.medianMultiple', reason: 'must be a finite number > 0' });
    }
    return { clock: c, threshold: { medianMultiple: k } };
  }
  throw new FunnelError('invalid_option', { option: 'threshold', reason: "must be 'stage', a number of days or { medianMultiple }" });
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
  private readonly segments: (string | undefined)[] = [];
  private readonly stageIndexes = new NumberBuffer();
  private readonly days = new NumberBuffer();

  constructor(
    private readonly index: PipelineIndex,
    private readonly asOfMs: number,
    readonly clock: StallClock,
    private readonly threshold: StallThreshold,
  ) {
    this.needsStays = typeof threshold === 'object';
    this.durations = this.needsStays ? index.openStages.map(() => new NumberBuffer()) : [];
    this.stageThresholds = index.openStages.map((s) => (threshold === 'stage' ? (s.stallAfterDays ?? null) : typeof threshold === 'number' ? threshold : null));
  }

  /** Records a stay (only completed, real stays count toward the median). */
  stay(stageIndex: number, enteredMs: number, leftMs: number, outcome: number, suspendedMs: number): void {
    if (!this.needsStays || outcome === SKIPPED || outcome === STILL_OPEN) return;
    (this.durations[stageIndex] as NumberBuffer).push((leftMs - enteredMs - suspendedMs) / MS_PER_DAY);
  }

  /** Judges one deal after its ledger walk (summary filled); open, non-suspended deals only. */
  deal(o: Opportunity, summary: LedgerSummary, segment: string | undefined): void {
    const info = summary.stage;
    if (info === undefined || info.kind !== OPEN || summary.suspended) return;
    const asOf = this.asOfMs;
    const days =
      this.clock === 'stage_entry'
        ? (asOf - summary.enteredMs - summary.staySuspendedMs) / MS_PER_DAY
        : this.clock === 'last_activity'
          ? (asOf - summary.lastMs) / MS_PER_DAY
          : (asOf - summary.createdMs - summary.totalSuspendedMs) / MS_PER_DAY;
    if (!this.needsStays) {
      const threshold = this.stageThresholds[info.openIndex] ?? null;
      if (threshold === null || !(days > threshold)) return;
    }
    this.ids.push(o.id);
    this.owners.push(o.ownerId);
    this.amounts.push(amountAt(o, asOf));
    this.segments.push(segment);
    this.stageIndexes.push(info.openIndex);
    this.days.push(days);
  }

  /** The median completed stay (days, net of suspension) of each open stage; null when none completed. */
  medians(): (number | null)[] {
    return this.durations.map((d) => quantileInPlace(d.copy(), 0.5));
  }

  /** Every deal flagged, most overdue first (ties by id). */
  finish(): StallVerdict[] {
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
      const threshold = thresholds[stageIndexes[i] as number] ?? null;
      if (threshold === null || !((days[i] as number) > threshold)) continue;
      over[i] = (days[i] as number) - threshold;
      keep.push(i);
    }
    const ids = this.ids;
    keep.sort((a, b) => (over[b] as number) - (over[a] as number) || (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
    const stageIds = this.index.openIds;
    return keep.map((i) => {
      const stageIndex = stageIndexes[i] as number;
      const d = days[i] as number;
      const segment = this.segments[i];
      const verdict: StallVerdict = {
        ...(segment === undefined ? {} : { segment }),
        opportunityId: ids[i]!,
        stageId: stageIds[stageIndex]!,
        stageIndex,
        ownerId: this.owners[i]!,
        amount: this.amounts[i]!,
        days: d,
        thresholdDays: thresholds[stageIndex] as number,
        overDays: over[i] as number,
        rule,
        clock: this.clock,
      };
      return verdict;
    });
  }
}
