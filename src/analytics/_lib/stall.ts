import { numberOption, oneOfOption } from '../../_lib/options.js';
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { Decimal } from '../../money/decimal.js';
import type { Money } from '../../money/money.js';
import { COLUMN_EVENT_TYPES, type DealColumns } from '../../model/dealColumns.js';
import type { Opportunity } from '../../model/opportunity.js';
import { OPEN, type PipelineIndex, type StageInfo } from '../../model/pipelineIndex.js';
import type { StallClock, StalledDeal, StallRule } from '../../model/results/stalledDeals.js';
import { MS_PER_DAY } from '../../time/daysBetween.js';
import { minorUnitDigits, type CurrencyCode } from '../../money/currency.js';
import { amountChangedAfter, currentAmount, minorToDecimal } from '../../model/columnsAsOf.js';
import { amountAt } from './fieldsAt.js';
import { NumberBuffer, quantileInPlace } from './stats.js';
import { SKIPPED, STILL_OPEN, type LedgerSummary } from './walkLedger.js';

export type { StallClock, StalledDeal, StallRule } from '../../model/results/stalledDeals.js';

/**
 * The stall threshold in days: `'stage'` — each stage's `stallAfterDays` (stages
 * without one flag nothing); a number — the same for every stage; `{ medianMultiple: k }`
 * — k × the median completed stay of that stage over the deals read.
 */
export type StallThreshold = 'stage' | number | { readonly medianMultiple: number };


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
    // Equivalent mutants: `!(t < from)` made true or `t <= from` (no call is dated before the creation in a time-ordered ledger, and at t === from, from stays t).
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
    // Equivalent mutant: `t >= asOfMs` (a suspend or resume exactly at asOf adds no time either way).
    if (t > asOfMs) continue;
    if (e.type === 'suspended' && !suspended) {
      suspended = true;
      since = t;
    } else if (e.type === 'resumed' && suspended) {
      suspended = false;
      // Equivalent mutant: `t >= from` (at t === from the time added is 0).
      if (t > from) paused += t - Math.max(since, from);
    }
  }
  if (suspended) paused += asOfMs - Math.max(since, from);
  return asOfMs - from - paused;
}

// Event type codes of the ledger columns read by the activity clock.
const EV_ACTIVITY = COLUMN_EVENT_TYPES.indexOf('activity_logged');
const EV_SUSPENDED = COLUMN_EVENT_TYPES.indexOf('suspended');
const EV_RESUMED = COLUMN_EVENT_TYPES.indexOf('resumed');

/**
 * {@link activityClockMs} of deal `i` of a columns chunk: the same rule read from the
 * event columns. Allocates nothing.
 */
export function activityClockMsOfColumns(cols: DealColumns, i: number, asOfMs: number, createdMs: number): number {
  const ev = cols.events;
  const begin = ev.start[i]!;
  const end = ev.start[i + 1]!;
  const types = ev.type;
  const at = ev.at;
  let from = createdMs;
  for (let e = begin; e < end; e++) {
    if (types[e] !== EV_ACTIVITY) continue;
    const t = at[e]!;
    // Equivalent mutants: `!(t < from)` made true or `t <= from` (no call is dated before the creation in a time-ordered ledger, and at t === from, from stays t).
    if (t <= asOfMs && !(t < from)) from = t;
  }
  let suspended = false;
  let since = 0;
  let paused = 0;
  for (let e = begin; e < end; e++) {
    const t = at[e]!;
    // Equivalent mutant: `t >= asOfMs` (a suspend or resume exactly at asOf adds no time either way).
    if (t > asOfMs) continue;
    const type = types[e];
    if (type === EV_SUSPENDED && !suspended) {
      suspended = true;
      since = t;
    } else if (type === EV_RESUMED && suspended) {
      suspended = false;
      // Equivalent mutant: `t >= from` (at t === from the time added is 0).
      if (t > from) paused += t - Math.max(since, from);
    }
  }
  if (suspended) paused += asOfMs - Math.max(since, from);
  return asOfMs - from - paused;
}

/** The stage of a walked deal when it is open and not suspended at the end of the walk (the deals judged). */
function judged(summary: LedgerSummary): StageInfo | undefined {
  const info = summary.stage;
  return info === undefined || info.kind !== OPEN || summary.suspended ? undefined : info;
}

/**
 * The plain-data state of a stall scan, inside the partial states of
 * `findStalledAccumulator` and `auditPipelineAccumulator`: the deals kept (in parallel
 * arrays, one entry per deal) and, for the median rule, the completed stays.
 */
export interface StallPartialState {
  /**
   * For the median rule (`{ medianMultiple }`): per open stage, in funnel order, the
   * duration in days (net of suspension) of every completed stay read; null otherwise.
   */
  readonly durations: ReadonlyArray<readonly number[]> | null;
  /**
   * The deals kept: those past their threshold (stage or global rule), or, for the median
   * rule, every deal open and not suspended at `asOf` (judged once the medians are known).
   * Their ids.
   */
  readonly ids: readonly string[];
  /** Their owners. */
  readonly owners: readonly string[];
  /** Their amounts as of `asOf` (exact decimal text). */
  readonly amounts: readonly string[];
  /** The currencies of those amounts. */
  readonly currencies: readonly string[];
  /** The open stage each stands in (its position among the open stages). */
  readonly stages: readonly number[];
  /** The clock's reading of each, in days. */
  readonly days: readonly number[];
  /** The group key of each, or null when not grouped. */
  readonly groupKeys: ReadonlyArray<readonly string[] | null>;
}

/**
 * Judges deals for stalling, one at a time, from deal objects or columns. The deals to
 * report are kept in parallel arrays (a few numbers and references each, never the deal
 * itself) and turned into result objects, sorted, in `finish()` (which may be called
 * any number of times: it changes nothing). With the median rule the thresholds are only
 * known once every completed stay has been seen, so every open candidate is kept until
 * then. `state()` / `mergeState()` move the kept deals and stays as plain data.
 */
export class StallScanner {
  /** Whether `stay()` must be fed (the median rule needs completed stay durations). */
  readonly needsStays: boolean;
  private readonly durations: NumberBuffer[];
  private readonly stageThresholds: readonly (number | null)[];
  // Kept deals, in parallel arrays.
  private readonly ids: Opportunity['id'][] = [];
  private readonly owners: Opportunity['ownerId'][] = [];
  // A deal's amount: the Money, or (from columns, made only when needed) its exact minor units and currency.
  private readonly amounts: (Money | undefined)[] = [];
  private readonly minors = new NumberBuffer();
  private readonly currencies: CurrencyCode[] = [];
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
    const info = judged(summary);
    if (info === undefined) return;
    const asOf = this.asOfMs;
    const days = this.clockDays(summary, this.clock === 'last_activity' ? activityClockMs(o, asOf, summary.createdMs) : 0);
    if (!this.kept(info.openIndex, days)) return;
    const amount = amountAt(o, asOf);
    this.keep(o.id, o.ownerId, amount, Number.NaN, amount.currency, groupKey, info.openIndex, days);
  }

  /** Judges deal `i` of a columns chunk after its column walk, exactly as {@link deal} judges a deal object. */
  dealOfColumns(cols: DealColumns, i: number, summary: LedgerSummary, groupKey: readonly string[] | undefined): void {
    const info = judged(summary);
    if (info === undefined) return;
    const asOf = this.asOfMs;
    const days = this.clockDays(summary, this.clock === 'last_activity' ? activityClockMsOfColumns(cols, i, asOf, summary.createdMs) : 0);
    if (!this.kept(info.openIndex, days)) return;
    // The amount as Money only when the ledger changes it after asOf or it is not a safe
    // number of minor units; otherwise those minor units, made into Money when reported.
    const changed = amountChangedAfter(cols, i, asOf);
    const minor = cols.amountMinor[i]!;
    const amount = changed !== undefined ? changed : Number.isNaN(minor) ? currentAmount(cols, i) : undefined;
    this.keep(cols.ids.at(i), cols.ownerIds[cols.owner[i]!]!, amount, minor, cols.currencies[cols.currency[i]!]!, groupKey, info.openIndex, days);
  }

  /** The clock's reading in days (`activityMs`: the activity clock, read only for that clock). */
  private clockDays(summary: LedgerSummary, activityMs: number): number {
    const asOf = this.asOfMs;
    return this.clock === 'stage_entry'
      ? (asOf - summary.enteredMs - summary.staySuspendedMs) / MS_PER_DAY
      : this.clock === 'last_activity'
        ? activityMs / MS_PER_DAY
        : this.clock === 'last_event'
          ? (asOf - summary.lastMs) / MS_PER_DAY
          : (asOf - summary.createdMs - summary.totalSuspendedMs) / MS_PER_DAY;
  }

  /** Whether to keep a deal: past its stage's threshold, or, for the median rule, always (judged in `finish`). */
  // A saving only: `finish` judges every kept deal against its threshold again, so the
  // mutants that keep more deals (`if (true)`, the test below made true, `>=`) and the
  // callers' `!kept` made false are equivalent.
  private kept(stageIndex: number, days: number): boolean {
    if (this.needsStays) return true;
    const threshold = this.stageThresholds[stageIndex] ?? null;
    return threshold !== null && days > threshold;
  }

  private keep(
    id: Opportunity['id'],
    owner: Opportunity['ownerId'],
    amount: Money | undefined,
    minor: number,
    currency: CurrencyCode,
    groupKey: readonly string[] | undefined,
    stageIndex: number,
    days: number,
  ): void {
    this.ids.push(id);
    this.owners.push(owner);
    this.amounts.push(amount);
    this.minors.push(minor);
    this.currencies.push(currency);
    this.groupKeys.push(groupKey);
    this.stageIndexes.push(stageIndex);
    this.days.push(days);
  }

  /** Kept deal `k`'s amount (made from its minor units on first use). */
  private amountOf(k: number): Money {
    let m = this.amounts[k];
    if (m === undefined) {
      const currency = this.currencies[k]!;
      m = { amount: minorToDecimal(this.minors.values()[k]!, 10 ** minorUnitDigits(currency)), currency };
      this.amounts[k] = m;
    }
    return m;
  }

  /** The kept deals and stays as plain data (copies). */
  state(): StallPartialState {
    return {
      durations: this.needsStays ? this.durations.map((d) => Array.from(d.values())) : null,
      ids: [...this.ids],
      owners: [...this.owners],
      amounts: this.ids.map((_, k) => this.amountOf(k).amount.toFixed()),
      currencies: this.ids.map((_, k) => this.amountOf(k).currency),
      stages: Array.from(this.stageIndexes.values()),
      days: Array.from(this.days.values()),
      groupKeys: this.groupKeys.map((k) => (k === undefined ? null : [...k])),
    };
  }

  /** Folds in the state of another scan with the same settings (checked by the caller). */
  mergeState(s: StallPartialState): void {
    if (this.needsStays && s.durations !== null) {
      s.durations.forEach((values, stage) => {
        const buffer = this.durations[stage];
        if (buffer !== undefined) for (const v of values) buffer.push(v);
      });
    }
    for (let k = 0; k < s.ids.length; k++) {
      const key = s.groupKeys[k] ?? null;
      this.keep(
        s.ids[k]! as Opportunity['id'],
        s.owners[k]! as Opportunity['ownerId'],
        { amount: new Decimal(s.amounts[k]!), currency: s.currencies[k]! as CurrencyCode },
        Number.NaN,
        s.currencies[k]! as CurrencyCode,
        key === null ? undefined : [...key],
        s.stages[k]!,
        s.days[k]!,
      );
    }
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
    // Equivalent mutant: `i <= n` (past the end the stage is undefined: no threshold).
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
        amount: this.amountOf(i),
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
