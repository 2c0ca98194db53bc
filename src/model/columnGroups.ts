import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { MS_PER_DAY } from '../time/daysBetween.js';
import { periodOf, type PeriodOptions } from '../time/periodOf.js';
import { formatPlainDate, type PlainDate } from '../time/plainDate.js';
import { checkZone, zoneFields } from '../time/zone.js';
import { ZoneDays } from '../time/zoneDays.js';
import type { Customer } from './customer.js';
import { NO_CODE, NO_DAY, type CodeColumn, type DealColumns } from './dealColumnsShape.js';
import { customerMap, NO_GROUP, teamLookup, type GroupContext, type GroupKey } from './groupBy.js';
import { printable } from '../_lib/printable.js';

/** The plain date of a day number. @internal */
export function dayToPlainDate(day: number): PlainDate {
  const d = new Date(day * MS_PER_DAY);
  return formatPlainDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * When deal `i` of a columns chunk was created (the `created` event, else its first
 * event), in ms; NaN for an empty ledger. The column form of `createdAt`. @internal
 */
export function createdMsAt(cols: DealColumns, i: number): number {
  const ev = cols.events;
  const end = ev.start[i + 1]!;
  for (let e = ev.start[i]!; e < end; e++) if (ev.type[e] === 0) return ev.at[e]!;
  const first = ev.start[i]!;
  return first < end ? ev.at[first]! : Number.NaN;
}

/** A per-key reader of one chunk: a label id per deal. */
type KeyReader = (cols: DealColumns, i: number) => number;

/**
 * Groups the deals of column chunks by built-in keys, the column form of `groupKeyFn`
 * with the same labels: each deal gets a slot number, stable across chunks, whose key
 * tuple is `keyOf(slot)`. Labels are worked out once per dictionary entry (owner, team,
 * customer …) or per day (periods), not per deal.
 *
 * @internal
 */
export class ColumnGrouper {
  private readonly readers: KeyReader[];
  private readonly labels: string[][] = [];
  private readonly labelIds: Map<string, number>[] = [];
  private readonly keys: (readonly string[])[] = [];
  private readonly single: number[] = [];
  private readonly trie = new Map<number, unknown>();
  // Per-chunk caches: dictionary code → label id (−2: not computed yet).
  private bound: DealColumns | undefined;
  private codeCache: Int32Array[] = [];

  /**
   * @param groupBy - The keys (built-in only).
   * @param context - Customers, teams, periods and zone, as for `groupKeyFn`.
   * @param periodDay - The day number (in the zone) of the date `'period'` is about, for deal `i`; NO_DAY for none.
   * @throws FunnelError `invalid_option` for a function key, an unknown key or a key without what it needs.
   */
  constructor(
    groupBy: readonly GroupKey[],
    context: GroupContext,
    periodDay: (cols: DealColumns, i: number) => number,
  ) {
    const zone = zoneFields(context);
    checkZone(zone);
    let customers: ReadonlyMap<string, Customer> | undefined;
    const needCustomers = (key: string) => {
      if (context.customers === undefined) throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('key_needs_option', { key, option: 'customers' }) });
      customers ??= customerMap(context.customers);
      return customers;
    };
    const zoneDays = new ZoneDays(zone);
    this.readers = groupBy.map((key, k): KeyReader => {
      this.labels.push([]);
      this.labelIds.push(new Map());
      this.codeCache.push(new Int32Array(0));
      const label = (s: string) => this.labelId(k, s);
      // A dictionary-coded key: the label of a code is computed once per chunk.
      const coded = (codes: (c: DealColumns) => CodeColumn | undefined, text: (c: DealColumns, code: number) => string | undefined): KeyReader => {
        return (cols, i) => {
          const col = codes(cols);
          const code = col === undefined ? NO_CODE : col[i]!;
          if (code === NO_CODE) return label(NO_GROUP);
          const cache = this.codeCache[k]!;
          let id = code < cache.length ? cache[code]! : -2;
          if (id === -2) {
            id = label(text(cols, code) ?? NO_GROUP);
            this.cacheCode(k, code, id);
          }
          return id;
        };
      };
      const byPeriod = (options: PeriodOptions, day: (cols: DealColumns, i: number) => number): KeyReader => {
        const settings: PeriodOptions = { ...zone, ...options };
        checkZone(settings);
        periodOf('2000-01-01' as PlainDate, settings);
        const byDay = new Map<number, number>();
        return (cols, i) => {
          const d = day(cols, i);
          if (d === NO_DAY) return label(NO_GROUP);
          let id = byDay.get(d);
          if (id === undefined) {
            id = label(periodOf(dayToPlainDate(d), settings));
            byDay.set(d, id);
          }
          return id;
        };
      };
      const createdDay = (cols: DealColumns, i: number) => {
        const ms = createdMsAt(cols, i);
        return Number.isNaN(ms) ? NO_DAY : zoneDays.day(ms);
      };
      if (typeof key === 'function') throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('function_key_on_columns') });
      switch (key) {
        case 'owner':
          return coded((c) => c.owner, (c, code) => c.ownerIds[code]);
        case 'region':
          return coded((c) => c.region, (c, code) => c.regions[code]);
        case 'pipeline':
          return (cols) => label(cols.pipelineId);
        case 'stage':
          return (cols, i) => label(cols.stageIds[cols.stage[i]!] ?? NO_GROUP);
        case 'customer_type': {
          const map = needCustomers(key);
          return coded((c) => c.customer, (c, code) => map.get(c.customerIds[code]!)?.segment);
        }
        case 'customer_priority': {
          const map = needCustomers(key);
          return coded((c) => c.customer, (c, code) => map.get(c.customerIds[code]!)?.priority);
        }
        case 'industry': {
          const map = needCustomers(key);
          return coded((c) => c.customer, (c, code) => map.get(c.customerIds[code]!)?.industry);
        }
        case 'project_type':
          return coded((c) => c.projectType, (c, code) => c.projectTypes[code]);
        case 'team': {
          if (context.teams === undefined) throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('key_needs_option', { key: 'team', option: 'teams' }) });
          const team = teamLookup(context.teams);
          return coded((c) => c.owner, (c, code) => team(c.ownerIds[code]!));
        }
        case 'period':
          return byPeriod(context.period ?? { unit: 'quarter' }, periodDay);
        case 'created_month':
          return byPeriod({ unit: 'month' }, createdDay);
        case 'created_quarter':
          return byPeriod({ unit: 'quarter' }, createdDay);
        case 'created_year':
          return byPeriod({ unit: 'year' }, createdDay);
        default:
          throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('unknown_grouping_key', { key: printable(key) }) });
      }
    });
  }

  private labelId(k: number, s: string): number {
    const ids = this.labelIds[k]!;
    let id = ids.get(s);
    if (id === undefined) {
      id = this.labels[k]!.length;
      this.labels[k]!.push(s);
      ids.set(s, id);
    }
    return id;
  }

  private cacheCode(k: number, code: number, id: number): void {
    let cache = this.codeCache[k]!;
    if (code >= cache.length) {
      const b = new Int32Array(Math.max(code + 1, cache.length * 2, 16)).fill(-2);
      b.set(cache);
      cache = b;
      this.codeCache[k] = b;
    }
    cache[code] = id;
  }

  private bind(cols: DealColumns): void {
    if (this.bound === cols) return;
    this.bound = cols;
    for (let k = 0; k < this.codeCache.length; k++) this.codeCache[k] = new Int32Array(0);
  }

  /** The slot of deal `i` of `cols` (stable for this grouper across chunks). */
  slotOf(cols: DealColumns, i: number): number {
    this.bind(cols);
    const readers = this.readers;
    if (readers.length === 1) {
      const l = readers[0]!(cols, i);
      let slot = this.single[l];
      if (slot === undefined) {
        slot = this.newSlot([this.labels[0]![l]!]);
        this.single[l] = slot;
      }
      return slot;
    }
    let node = this.trie;
    const last = readers.length - 1;
    for (let k = 0; k < last; k++) {
      const l = readers[k]!(cols, i);
      let next = node.get(l) as Map<number, unknown> | undefined;
      if (next === undefined) {
        next = new Map();
        node.set(l, next);
      }
      node = next;
    }
    const l = readers[last]!(cols, i);
    let slot = node.get(l) as number | undefined;
    if (slot === undefined) {
      // Rebuild the tuple from the path: the labels of each key for this deal.
      const key = readers.map((r, k) => this.labels[k]![r(cols, i)]!);
      slot = this.newSlot(key);
      node.set(l, slot);
    }
    return slot;
  }

  private newSlot(key: readonly string[]): number {
    this.keys.push(key);
    return this.keys.length - 1;
  }

  /** The key tuple of a slot. */
  keyOf(slot: number): readonly string[] {
    return this.keys[slot]!;
  }

  /** Number of slots so far. */
  get size(): number {
    return this.keys.length;
  }
}
