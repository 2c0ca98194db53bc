import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { periodOf, type PeriodOptions } from '../time/periodOf.js';
import type { PlainDate } from '../time/plainDate.js';
import { checkZone, zoneFields, type ZoneOptions } from '../time/zone.js';
import { createdAt } from './createdAt.js';
import type { Customer } from './customer.js';
import type { Opportunity } from './opportunity.js';
import { printable } from '../_lib/printable.js';

/**
 * A built-in grouping key:
 * - `'owner'`, `'region'` (the territory the deal counts toward), `'pipeline'`, `'stage'`;
 * - `'customer_type'` (new / existing, the customer's `segment`), `'customer_priority'`
 *   and `'industry'`, which read the deal's customer and so need `customers`;
 * - `'project_type'`: the deal's `attributes.projectType` (a string such as
 *   `'large'` / `'small'`);
 * - `'team'`: the team of the deal's owner, from `teams`;
 * - `'period'`: the period (`period` option) of the date the function is about: the
 *   forecast date in forecasts and quotas, the creation date in the analytics;
 * - `'created_month'`, `'created_quarter'`, `'created_year'`: when the deal was created.
 */
export type BuiltInGroupKey =
  | 'owner'
  | 'region'
  | 'pipeline'
  | 'stage'
  | 'customer_type'
  | 'customer_priority'
  | 'industry'
  | 'project_type'
  | 'team'
  | 'period'
  | 'created_month'
  | 'created_quarter'
  | 'created_year';

/**
 * One grouping key: a {@link BuiltInGroupKey} or a function of the deal (a return of
 * `undefined` puts the deal under {@link NO_GROUP}).
 */
export type GroupKey = BuiltInGroupKey | ((opportunity: Opportunity) => string | undefined);

/**
 * Every built-in grouping key, in the order documented in {@link BuiltInGroupKey}.
 *
 * @category Grouping
 * @example
 * ```ts
 * import { GROUP_KEYS } from 'sales-funnel';
 * GROUP_KEYS.includes('team'); //=> true
 * ```
 */
export const GROUP_KEYS: readonly BuiltInGroupKey[] = [
  'owner',
  'region',
  'pipeline',
  'stage',
  'customer_type',
  'customer_priority',
  'industry',
  'project_type',
  'team',
  'period',
  'created_month',
  'created_quarter',
  'created_year',
];

/**
 * The group of deals that have no value for a key (no region, an unknown customer, an
 * owner in no team).
 *
 * @category Grouping
 * @example
 * ```ts
 * import { NO_GROUP } from 'sales-funnel';
 * NO_GROUP; //=> '(none)'
 * ```
 */
export const NO_GROUP = '(none)';

/** What the built-in keys read besides the deal itself. */
export interface GroupContext extends ZoneOptions {
  /** Customers, for `'customer_type'`, `'customer_priority'` and `'industry'`. */
  readonly customers?: Iterable<Customer> | ReadonlyMap<string, Customer>;
  /** The team of each owner (`ownerId → team`), for `'team'`. */
  readonly teams?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /**
   * Periods for `'period'` (unit, fiscal year). Instants are dated on the wall clock of
   * `timeZone` / `offsetMinutes` (given here or, for the whole call, on the options).
   *
   * @defaultValue `{ unit: 'quarter' }`
   */
  readonly period?: PeriodOptions;
}

/** The grouping options shared by every grouped result (analytics, forecasts, quota, roll-ups). */
export interface GroupOptions extends GroupContext {
  /**
   * Grouping keys; each group is keyed by a tuple in this order.
   *
   * @defaultValue `[]` (no groups; only the total)
   */
  readonly groupBy?: readonly GroupKey[];
}

/**
 * One group of a {@link Grouped} result.
 */
export interface Group<T> {
  /** The group's key, one element per entry of `groupBy`, in the same order. */
  readonly key: readonly string[];
  /** The figure for the group. */
  readonly value: T;
}

/**
 * The one shape of every grouped result in the library: the figure over every deal
 * read (`total`) and the same figure per group.
 */
export interface Grouped<T> {
  /** The grouping keys, as labels (a function's name, or `'custom'`). */
  readonly groupBy: readonly string[];
  /** The figure over every deal the function counted, grouped or not. */
  readonly total: T;
  /** One entry per group, sorted by key (period keys sort in time); empty without `groupBy`. */
  readonly groups: ReadonlyArray<Group<T>>;
}

/**
 * The label of a grouping key, as reported in `Grouped.groupBy`.
 *
 * @param key - A grouping key.
 * @returns The built-in name, the function's name, or `'custom'`.
 *
 * @category Grouping
 * @example
 * ```ts
 * import { groupLabel } from 'sales-funnel';
 * groupLabel('owner'); //=> 'owner'
 * groupLabel(function bySize() { return 'large'; }); //=> 'bySize'
 * ```
 */
export function groupLabel(key: GroupKey): string {
  return typeof key === 'function' ? key.name || 'custom' : key;
}

/** @internal */
export function customerMap(customers: GroupContext['customers']): ReadonlyMap<string, Customer> {
  if (customers instanceof Map) return customers as ReadonlyMap<string, Customer>;
  const map = new Map<string, Customer>();
  for (const c of customers as Iterable<Customer>) map.set(c.id, c);
  return map;
}

/** @internal */
export function teamLookup(teams: GroupContext['teams']): (ownerId: string) => string | undefined {
  if (teams instanceof Map) return (id) => (teams as ReadonlyMap<string, string>).get(id);
  if (typeof teams !== 'object' || teams === null) {
    throw new FunnelError('invalid_option', { option: 'teams', reason: because('teams_shape') });
  }
  const record = teams as Readonly<Record<string, string>>;
  return (id) => (Object.hasOwn(record, id) ? record[id] : undefined);
}

/**
 * Turns a list of grouping keys into a function from deal to group key tuple.
 *
 * @param groupBy - The keys, in order.
 * @param context - Customers, teams, periods and time zone for the built-in keys.
 * @param periodDate - For `'period'`: the date the calling function is about (the
 *   forecast date, the creation date …); `undefined` puts the deal under {@link NO_GROUP}.
 *   Defaults to the creation instant.
 * @returns A function giving each deal's key tuple (never `undefined` inside: missing
 *   values map to {@link NO_GROUP}).
 * @throws {@link FunnelError} `invalid_option` for an unknown key, `customer_type` /
 *   `customer_priority` / `industry` without `customers`, `team` without `teams`, or a
 *   bad period or zone.
 *
 * @category Grouping
 * @example
 * ```ts
 * import { groupKeyFn, type Opportunity } from 'sales-funnel';
 * declare const deals: Opportunity[];
 * const key = groupKeyFn(['owner', 'region'], {});
 * const groups = new Set(deals.map((d) => key(d).join(' / ')));
 * ```
 */
export function groupKeyFn(
  groupBy: readonly GroupKey[],
  context: GroupContext = {},
  periodDate: (o: Opportunity) => Date | PlainDate | undefined = createdAt,
): (o: Opportunity) => readonly string[] {
  if (!Array.isArray(groupBy)) throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('must_be_group_keys') });
  const zone = zoneFields(context);
  checkZone(zone);
  let customers: ReadonlyMap<string, Customer> | undefined;
  const needCustomers = (key: string): ReadonlyMap<string, Customer> => {
    if (context.customers === undefined) throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('key_needs_option', { key, option: 'customers' }) });
    customers ??= customerMap(context.customers);
    return customers;
  };
  const byPeriod = (options: PeriodOptions, date: (o: Opportunity) => Date | PlainDate | undefined) => {
    const settings: PeriodOptions = { ...zone, ...options };
    // Fail on a bad unit or zone now, not on the first deal.
    checkZone(settings);
    periodOf('2000-01-01' as PlainDate, settings);
    return (o: Opportunity) => {
      const d = date(o);
      return d === undefined ? NO_GROUP : periodOf(d, settings);
    };
  };
  const fns = groupBy.map((key): ((o: Opportunity) => string) => {
    if (typeof key === 'function') return (o) => key(o) ?? NO_GROUP;
    switch (key) {
      case 'owner':
        return (o) => o.ownerId;
      case 'region':
        return (o) => o.region ?? NO_GROUP;
      case 'pipeline':
        return (o) => o.pipelineId;
      case 'stage':
        return (o) => o.stageId;
      case 'customer_type': {
        const map = needCustomers(key);
        return (o) => map.get(o.customerId)?.segment ?? NO_GROUP;
      }
      case 'customer_priority': {
        const map = needCustomers(key);
        return (o) => map.get(o.customerId)?.priority ?? NO_GROUP;
      }
      case 'industry': {
        const map = needCustomers(key);
        return (o) => map.get(o.customerId)?.industry ?? NO_GROUP;
      }
      case 'project_type':
        return (o) => {
          const v = o.attributes.projectType;
          return typeof v === 'string' && v !== '' ? v : NO_GROUP;
        };
      case 'team': {
        if (context.teams === undefined) throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('key_needs_option', { key: 'team', option: 'teams' }) });
        const team = teamLookup(context.teams);
        return (o) => team(o.ownerId) ?? NO_GROUP;
      }
      case 'period':
        return byPeriod(context.period ?? { unit: 'quarter' }, periodDate);
      case 'created_month':
        return byPeriod({ unit: 'month' }, createdAt);
      case 'created_quarter':
        return byPeriod({ unit: 'quarter' }, createdAt);
      case 'created_year':
        return byPeriod({ unit: 'year' }, createdAt);
      default:
        throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('unknown_grouping_key', { key: printable(key) }) });
    }
  });
  if (fns.length === 1) {
    const f = fns[0]!;
    return (o) => [f(o)];
  }
  return (o) => fns.map((f) => f(o));
}

/**
 * Orders group keys: element by element, as strings (period keys are zero-padded, so
 * they sort in time), a shorter key first.
 *
 * @param a - A key tuple.
 * @param b - Another.
 * @returns Negative, zero or positive, as for `Array.prototype.sort`.
 *
 * @category Grouping
 * @example
 * ```ts
 * import { compareGroupKeys } from 'sales-funnel';
 * [['2026-Q2'], ['2026-Q1']].sort(compareGroupKeys); //=> [['2026-Q1'], ['2026-Q2']]
 * ```
 */
export function compareGroupKeys(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

const SEP = '\u001f';

/**
 * Accumulators per group key, for building a {@link Grouped} result in one pass.
 *
 * @internal
 */
export class GroupAccumulator<A> {
  private readonly entries = new Map<string, { readonly key: readonly string[]; readonly acc: A }>();

  constructor(private readonly create: () => A) {}

  /** The accumulator of a key tuple, created on first use. */
  get(key: readonly string[]): A {
    const id = key.length === 1 ? key[0]! : key.join(SEP);
    let e = this.entries.get(id);
    if (e === undefined) {
      e = { key, acc: this.create() };
      this.entries.set(id, e);
    }
    return e.acc;
  }

  /** Every (key, accumulator) pair, sorted by key. */
  sorted(): Array<{ readonly key: readonly string[]; readonly acc: A }> {
    return [...this.entries.values()].sort((a, b) => compareGroupKeys(a.key, b.key));
  }

  /** The finished envelope: `finish` turns each accumulator (and the total's) into the figure. */
  grouped<T>(groupBy: readonly GroupKey[], total: A, finish: (acc: A, key: readonly string[] | undefined) => T): Grouped<T> {
    return {
      groupBy: groupBy.map(groupLabel),
      total: finish(total, undefined),
      groups: this.sorted().map((e) => ({ key: e.key, value: finish(e.acc, e.key) })),
    };
  }
}
