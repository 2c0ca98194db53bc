import { FunnelError } from '../../i18n/FunnelError.js';
import type { StallClock, StalledDeal, StallThreshold } from '../findStalled.js';
import type { Opportunity } from '../../model/opportunity.js';
import { MS_PER_DAY } from '../../time/daysBetween.js';
import { NumberBuffer, quantileSorted } from '../../_lib/stats.js';
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
 * Judges deals for stalling, one at a time. With the median rule the thresholds are
 * only known once every completed stay has been seen, so candidates are kept (a few
 * numbers each, never the deal) and judged in `finish()`.
 */
export class StallScanner {
  /** Whether `stay()` must be fed (the median rule needs completed stay durations). */
  readonly needsStays: boolean;
  private readonly durations: NumberBuffer[];
  private readonly flagged: StallVerdict[] = [];
  private readonly deferred: Array<Omit<StallVerdict, 'thresholdDays' | 'overDays' | 'rule'>> = [];
  private readonly stageThresholds: readonly (number | null)[];

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
    const base = {
      opportunityId: o.id,
      stageId: info.stage.id,
      stageIndex: info.openIndex,
      ownerId: o.ownerId,
      amount: amountAt(o, asOf),
      days,
      clock: this.clock,
      ...(segment === undefined ? {} : { segment }),
    };
    if (this.needsStays) {
      this.deferred.push(base);
      return;
    }
    const threshold = this.stageThresholds[info.openIndex] ?? null;
    if (threshold !== null && days > threshold) {
      this.flagged.push({ ...base, thresholdDays: threshold, overDays: days - threshold, rule: this.threshold === 'stage' ? 'stage_threshold' : 'global_threshold' });
    }
  }

  /** The median completed stay (days, net of suspension) of each open stage; null when none completed. */
  medians(): (number | null)[] {
    return this.durations.map((d) => quantileSorted(d.sorted(), 0.5));
  }

  /** Every deal flagged, most overdue first (ties by id). */
  finish(): StallVerdict[] {
    const out = this.flagged.slice();
    if (this.needsStays) {
      const k = (this.threshold as { medianMultiple: number }).medianMultiple;
      const medians = this.medians();
      for (const c of this.deferred) {
        const m = medians[c.stageIndex] ?? null;
        if (m === null) continue;
        const threshold = k * m;
        if (c.days > threshold) out.push({ ...c, thresholdDays: threshold, overDays: c.days - threshold, rule: 'median_multiple' });
      }
    }
    return out.sort((a, b) => b.overDays - a.overDays || (a.opportunityId < b.opportunityId ? -1 : a.opportunityId > b.opportunityId ? 1 : 0));
  }
}
