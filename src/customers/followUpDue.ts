import { functionOption, wholeNumberOption } from '../_lib/options.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { Customer } from '../model/customer.js';
import { customerPoolState } from '../model/customerPoolState.js';
import type { ActivityKind } from '../model/events.js';
import { GroupAccumulator, type Grouped } from '../model/groupBy.js';
import type { CustomerId, OpportunityId, UserId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import { addDays, calendarDaysBetween } from '../time/addDays.js';
import { toInstant, type InstantInput } from '../time/instant.js';
import type { PlainDate } from '../time/plainDate.js';
import { plainDateOf, type ZoneOptions } from '../time/zone.js';
import { customerGrouping, dealActivities, dealList } from './_lib/activity.js';
import { checkOptionsObject, customerList, zoneOf } from './_lib/poolKit.js';
import type { CustomerGroupOptions } from './customerGrouping.js';

/** The longest cadence accepted, in days (100 years). */
const MAX_CADENCE_DAYS = 36_500;

/**
 * How often a customer must be followed up, in calendar days: one number for every
 * customer; a record by class (`{ high: 7, medium: 14, low: 30 }`, the class being the
 * customer's `priority` unless `classOf` says otherwise); or a function of the customer.
 * A class missing from the record, or a function returning `undefined`, means no cadence
 * (the row says so: status `no_cadence`).
 */
export type FollowUpCadence = number | Readonly<Record<string, number>> | ((customer: Customer) => number | undefined);

/**
 * Options for {@link followUpDue}.
 */
export interface FollowUpDueOptions extends CustomerGroupOptions, ZoneOptions {
  /**
   * The instant to judge at (a `Date` or an ISO 8601 string with offset); activities
   * after it have not happened yet. Required: the library never reads the clock.
   */
  readonly asOf: InstantInput;
  /** The cadence: days between follow-ups, for every customer, by class or by a function. See {@link FollowUpCadence}. */
  readonly cadenceDays: FollowUpCadence;
  /**
   * The class a record cadence is looked up by (an A/B/C/D class, a scorecard tier).
   *
   * @defaultValue the customer's `priority` (`high`, `medium`, `low`)
   */
  readonly classOf?: (customer: Customer) => string | undefined;
  /**
   * Deals whose activities count as contact with their customer (matched by
   * `customerId`), besides the customers' own ledgers.
   *
   * @defaultValue none: the customers' ledgers only
   */
  readonly deals?: Iterable<Opportunity>;
}

/** The last follow-up activity with a customer, on its own ledger or on one of its deals. */
export interface LastActivity {
  /** When. */
  readonly at: Date;
  /** Its calendar date on the options' wall clock. */
  readonly date: PlainDate;
  /** Its kind (visit, call, …). */
  readonly kind: ActivityKind;
  /** Who logged it, when recorded. */
  readonly by?: UserId;
  /** The deal it was logged on or was about, if any. */
  readonly opportunityId?: OpportunityId;
}

/**
 * Where a customer stands with its follow-up:
 *
 * - `overdue`: past its due date (`daysOverdue` > 0);
 * - `due_today`: due today (`daysOverdue` = 0);
 * - `upcoming`: due later (`daysOverdue` < 0: `-daysOverdue` days left);
 * - `no_cadence`: its class has no cadence;
 * - `no_start_date`: never contacted and without `createdAt`, so nothing to count from
 *   (follow it up now).
 */
export type FollowUpStatus = 'overdue' | 'due_today' | 'upcoming' | 'no_cadence' | 'no_start_date';

/** One customer's follow-up (跟进) as of `asOf`. */
export interface FollowUpDueRow {
  /** The customer. */
  readonly customerId: CustomerId;
  /** Its name. */
  readonly customerName: string;
  /** Its holder at `asOf` (from its ledger); `null` when it is in the pool (公海). */
  readonly ownerId: UserId | null;
  /** The class its cadence was looked up by (`classOf`, else its priority). */
  readonly customerClass: string | null;
  /** The cadence that applies, in days; `null` when none. */
  readonly cadenceDays: number | null;
  /** The last activity at or before `asOf`; `null` when never contacted. */
  readonly lastActivity: LastActivity | null;
  /** What the cadence counts from: the last activity, the customer's creation (`createdAt`, never contacted) or nothing. */
  readonly countsFrom: 'last_activity' | 'created' | 'none';
  /** The date it counts from; `null` when none. */
  readonly fromDate: PlainDate | null;
  /** `fromDate` + `cadenceDays`; `null` without either. */
  readonly dueDate: PlainDate | null;
  /** Calendar days from `dueDate` to `asOf`'s date: positive when overdue, 0 when due today, negative for days left; `null` without a due date. */
  readonly daysOverdue: number | null;
  /** See {@link FollowUpStatus}. */
  readonly status: FollowUpStatus;
}

/**
 * The result of {@link followUpDue}: a row for every customer read (`total`) and per
 * group, most overdue first.
 */
export interface FollowUpDue extends Grouped<readonly FollowUpDueRow[]> {
  /** The instant judged at. */
  readonly asOf: Date;
  /** Its calendar date on the options' wall clock. */
  readonly asOfDate: PlainDate;
}

/** Status order for sorting: the unknown first, then by days overdue, the cadence-less last. */
function rank(r: FollowUpDueRow): number {
  return r.status === 'no_start_date' ? 0 : r.status === 'no_cadence' ? 2 : 1;
}

function compareRows(a: FollowUpDueRow, b: FollowUpDueRow): number {
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  const byDays = (b.daysOverdue ?? 0) - (a.daysOverdue ?? 0);
  if (byDays !== 0) return byDays;
  return a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0;
}

function cadenceReader(cadence: unknown, classOf: (c: Customer) => string | undefined): (c: Customer) => number | undefined {
  if (typeof cadence === 'number') {
    const days = wholeNumberOption(cadence, 'cadenceDays', { min: 0, max: MAX_CADENCE_DAYS });
    return () => days;
  }
  if (typeof cadence === 'function') {
    const f = cadence as (c: Customer) => unknown;
    return (c) => {
      const v = f(c);
      return v === undefined ? undefined : wholeNumberOption(v, 'cadenceDays', { min: 0, max: MAX_CADENCE_DAYS });
    };
  }
  if (typeof cadence === 'object' && cadence !== null && !Array.isArray(cadence)) {
    const table = new Map<string, number>();
    for (const [k, v] of Object.entries(cadence)) table.set(k, wholeNumberOption(v, `cadenceDays.${k}`, { min: 0, max: MAX_CADENCE_DAYS }));
    return (c) => {
      const k = classOf(c);
      return k === undefined ? undefined : table.get(k);
    };
  }
  throw new FunnelError('invalid_option', { option: 'cadenceDays', reason: because('cadence_shape') });
}

/**
 * Which customers are due for a follow-up (跟进) as of `asOf`, with a cadence per class:
 * say high-priority customers every 7 days, medium every 14, low every 30. For every
 * customer: its last activity (its own ledger's `activity_logged` events, and those of
 * its deals when `deals` are given), the due date (the last activity's date + the
 * cadence), and the days overdue (negative: days left). A customer never contacted
 * counts from its creation (`createdAt`); one without `createdAt` either is listed with
 * status `no_start_date`, never dropped.
 *
 * Days are calendar days on the wall clock of `timeZone` / `offsetMinutes` (UTC by
 * default), so `daysOverdue` = `asOf`'s date − the last activity's date − the cadence.
 * Golden: as of 2026-03-10, a high-priority customer (7 days) last contacted on 03-01
 * was due on 03-08 and is 2 days overdue; a medium one (14 days) is due on 03-15, 5
 * days left.
 *
 * Every customer read is listed, those in the pool (公海) too (`ownerId: null`); with
 * `groupBy: ['owner']` they form the group {@link NO_GROUP}.
 *
 * @param customers - The customers (any iterable; read once; not modified).
 * @param options - `asOf` and `cadenceDays` (required), `classOf`, `deals`, grouping, `timeZone` / `offsetMinutes`.
 * @returns A row per customer, most overdue first (never-contacted customers without a
 *   date first, those without a cadence last; ties by id), in total and per group.
 * @throws {@link FunnelError} `invalid_argument` for customers that are not parsed
 *   customers; `invalid_option` for a missing or bad `asOf`, a bad `cadenceDays` (not a
 *   whole number of days from 0 to 36 500, or a record or function giving one), a bad
 *   `classOf`, `deals`, grouping key or zone.
 *
 * @category Customers
 * @example
 * ```ts
 * import { followUpDue, type Customer } from 'sales-funnel';
 * declare const customers: Customer[];
 * const due = followUpDue(customers, { asOf: '2026-03-10T09:00:00+08:00', timeZone: 'Asia/Shanghai', cadenceDays: { high: 7, medium: 14, low: 30 }, groupBy: ['owner'] });
 * for (const row of due.total) if (row.status === 'overdue') console.log(row.customerName, row.daysOverdue);
 * ```
 */
export function followUpDue(customers: Iterable<Customer>, options: FollowUpDueOptions): FollowUpDue {
  checkOptionsObject(options);
  if (options.asOf === undefined) throw new FunnelError('invalid_option', { option: 'asOf', reason: because('asof_for_follow_up') });
  const asOf = toInstant(options.asOf, 'asOf');
  const asOfMs = asOf.getTime();
  const zone = zoneOf(options);
  const asOfDate = plainDateOf(asOf, zone);
  const classOf = options.classOf === undefined ? (c: Customer) => c.priority : functionOption<(c: Customer) => string | undefined>(options.classOf, 'classOf');
  const cadenceOf = cadenceReader(options.cadenceDays, classOf);
  const grouping = customerGrouping(options);
  const list = customerList(customers);

  // The last activity on each customer's deals.
  const fromDeals = new Map<string, LastActivity>();
  if (options.deals !== undefined) {
    for (const d of dealList(options.deals, 'deals', true)) {
      const acts = dealActivities(d, asOfMs);
      const last = acts.at(-1);
      if (last === undefined) continue;
      const seen = fromDeals.get(d.customerId);
      if (seen === undefined || last.at.getTime() > seen.at.getTime()) {
        fromDeals.set(d.customerId, { at: new Date(last.at.getTime()), date: plainDateOf(last.at, zone), kind: last.kind, ...(last.by === undefined ? {} : { by: last.by }), opportunityId: d.id });
      }
    }
  }

  const rows: FollowUpDueRow[] = [];
  const groups = new GroupAccumulator<FollowUpDueRow[]>(() => []);
  for (const c of list) {
    const state = customerPoolState(c, { asOf });
    const own = state.lastActivity;
    let last: LastActivity | null =
      own === undefined
        ? null
        : {
            at: new Date(own.at.getTime()),
            date: plainDateOf(own.at, zone),
            kind: own.kind,
            ...(own.by === undefined ? {} : { by: own.by }),
            ...(own.opportunityId === undefined ? {} : { opportunityId: own.opportunityId }),
          };
    const onDeal = fromDeals.get(c.id);
    if (onDeal !== undefined && (last === null || onDeal.at.getTime() > last.at.getTime())) last = onDeal;
    const created = c.createdAt;
    const countsFrom = last !== null ? 'last_activity' : created !== undefined ? 'created' : 'none';
    const fromDate = last !== null ? last.date : created !== undefined ? plainDateOf(created, zone) : null;
    const klass = classOf(c);
    const cadence = cadenceOf(c);
    const dueDate = fromDate !== null && cadence !== undefined ? addDays(fromDate, cadence) : null;
    const daysOverdue = dueDate === null ? null : calendarDaysBetween(dueDate, asOfDate);
    const status: FollowUpStatus =
      daysOverdue !== null ? (daysOverdue > 0 ? 'overdue' : daysOverdue === 0 ? 'due_today' : 'upcoming') : fromDate === null ? 'no_start_date' : 'no_cadence';
    const row: FollowUpDueRow = {
      customerId: c.id,
      customerName: c.name,
      ownerId: state.ownerId ?? null,
      customerClass: klass ?? null,
      cadenceDays: cadence ?? null,
      lastActivity: last,
      countsFrom,
      fromDate,
      dueDate,
      daysOverdue,
      status,
    };
    rows.push(row);
    if (grouping.keyOf !== undefined) groups.get(grouping.keyOf({ customer: c, ownerId: state.ownerId })).push(row);
  }
  rows.sort(compareRows);
  return {
    asOf,
    asOfDate,
    groupBy: grouping.labels,
    total: rows,
    groups: groups.sorted().map((g) => ({ key: g.key, value: g.acc.sort(compareRows) })),
  };
}
