import { FunnelError } from '../i18n/FunnelError.js';
import { convert, type ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { toDecimal } from '../_lib/decimal.js';
import { compareKeys } from '../_lib/forecastScan.js';

/**
 * An org hierarchy (组织层级): either a map from each user to their manager (`null` for
 * the top), or a list of such edges. A manager that appears only as a manager is a
 * top-level node.
 *
 * @example
 * ```ts
 * import type { OrgHierarchy } from 'sales-funnel';
 * const h: OrgHierarchy = { 'rep-li': 'mgr-wang', 'rep-zhao': 'mgr-wang', 'mgr-wang': 'vp-chen', 'vp-chen': null };
 * const same: OrgHierarchy = [
 *   { userId: 'rep-li', managerId: 'mgr-wang' },
 *   { userId: 'rep-zhao', managerId: 'mgr-wang' },
 *   { userId: 'mgr-wang', managerId: 'vp-chen' },
 * ];
 * ```
 */
export type OrgHierarchy =
  | Readonly<Record<string, string | null>>
  | ReadonlyArray<{ readonly userId: string; readonly managerId: string | null }>;

/**
 * A row that can be rolled up: a {@link WeightedForecastRow} fits.
 *
 * @example
 * ```ts
 * import { money, type RollupInputRow } from 'sales-funnel';
 * const row: RollupInputRow = { key: ['rep-li'], count: 2, amount: money('300', 'CNY'), weighted: money('120', 'CNY') };
 * ```
 */
export interface RollupInputRow {
  /** Group key; the element at `ownerIndex` is the user the row belongs to. */
  readonly key: readonly string[];
  /** Number of deals. */
  readonly count: number;
  /** Unweighted amount. */
  readonly amount: Money;
  /** Weighted amount. */
  readonly weighted: Money;
}

/**
 * What {@link rollup} accepts: rows, or a forecast (anything with `rows`, `currency`
 * and, to find the owner key, `groupBy`), such as a {@link WeightedForecast}.
 *
 * @example
 * ```ts
 * import { weightedForecast, type RollupSource, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const deals: Opportunity[];
 * declare const pipeline: Pipeline;
 * const source: RollupSource = weightedForecast(deals, pipeline, { groupBy: ['period', 'owner'] });
 * ```
 */
export type RollupSource =
  | Iterable<RollupInputRow>
  | { readonly rows: Iterable<RollupInputRow>; readonly currency: CurrencyCode; readonly groupBy?: readonly string[] };

/**
 * Options for {@link rollup}.
 *
 * @example
 * ```ts
 * import type { RollupOptions } from 'sales-funnel';
 * const o: RollupOptions = { ownerIndex: 1, currency: 'CNY' };
 * ```
 */
export interface RollupOptions {
  /**
   * Index of the owner in each row's key. Default: the position of `'owner'` in the
   * source's `groupBy`, else 0.
   */
  readonly ownerIndex?: number;
  /** Currency of the result. Default the source's, else the first row's; required for no rows. */
  readonly currency?: CurrencyCode;
  /** Rates for rows in other currencies. */
  readonly rates?: ExchangeRates;
}

/**
 * A count with its unweighted and weighted amounts, for one user or team.
 *
 * @example
 * ```ts
 * import { money, type RollupTotals } from 'sales-funnel';
 * const t: RollupTotals = { count: 0, amount: money('0', 'CNY'), weighted: money('0', 'CNY') };
 * ```
 */
export interface RollupTotals {
  /** Number of deals (as counted by the input rows). */
  readonly count: number;
  /** Unweighted amount. */
  readonly amount: Money;
  /** Weighted amount. */
  readonly weighted: Money;
}

/**
 * One user in a {@link Rollup}, for one group of the other keys.
 *
 * @example
 * ```ts
 * import { rollup, type RollupRow, type WeightedForecast } from 'sales-funnel';
 * declare const forecast: WeightedForecast;
 * const rows: readonly RollupRow[] = rollup(forecast, { 'rep-li': 'mgr-wang' }).rows;
 * ```
 */
export interface RollupRow {
  /** The input key with the owner replaced by `userId`. */
  readonly key: readonly string[];
  /** The user (rep or manager). */
  readonly userId: string;
  /** Their manager, `null` at the top. */
  readonly managerId: string | null;
  /** 0 at the top, 1 for direct reports of a top-level manager, … */
  readonly depth: number;
  /** The user's own rows. */
  readonly own: RollupTotals;
  /** Own + every descendant's (the whole team). */
  readonly team: RollupTotals;
}

/**
 * Result of {@link rollup}.
 *
 * @example
 * ```ts
 * import { rollup, type Rollup, type WeightedForecast } from 'sales-funnel';
 * declare const forecast: WeightedForecast;
 * const r: Rollup = rollup(forecast, { 'rep-li': 'mgr-wang' });
 * r.unplaced; // owners with rows who are not in the hierarchy
 * ```
 */
export interface Rollup {
  /** Currency of every amount. */
  readonly currency: CurrencyCode;
  /**
   * Every user of the hierarchy (and every owner found in the rows) for each group of
   * the other key elements, groups sorted by key, users in tree order (a manager
   * before the team, siblings by id).
   */
  readonly rows: readonly RollupRow[];
  /** Owners that have rows but are not in the hierarchy; they are rolled up as top-level users. */
  readonly unplaced: readonly string[];
}

const ZERO = new Decimal(0);
const SEP = '\u001f';

function managerMap(hierarchy: OrgHierarchy): Map<string, string | null> {
  const map = new Map<string, string | null>();
  const set = (userId: string, managerId: string | null, where: string) => {
    if (typeof userId !== 'string' || userId === '' || (managerId !== null && (typeof managerId !== 'string' || managerId === ''))) {
      throw new FunnelError('invalid_argument', { name: 'hierarchy', reason: `${where} must name non-empty user ids (or null for no manager)` });
    }
    const before = map.get(userId);
    if (before !== undefined && before !== managerId) {
      throw new FunnelError('invalid_argument', { name: 'hierarchy', reason: `"${userId}" has two managers, "${before}" and "${String(managerId)}"` });
    }
    map.set(userId, managerId);
  };
  if (Array.isArray(hierarchy)) {
    (hierarchy as ReadonlyArray<{ readonly userId: string; readonly managerId: string | null }>).forEach((e, i) =>
      set(e.userId, e.managerId ?? null, `hierarchy[${i}]`),
    );
  } else {
    for (const [userId, managerId] of Object.entries(hierarchy as Readonly<Record<string, string | null>>)) set(userId, managerId ?? null, `"${userId}"`);
  }
  for (const m of [...map.values()]) if (m !== null && !map.has(m)) map.set(m, null);
  return map;
}

/** Throws `hierarchy_cycle` naming the first cycle found (users visited in id order). */
function assertNoCycle(managers: ReadonlyMap<string, string | null>): void {
  const state = new Map<string, 'walking' | 'done'>();
  for (const start of [...managers.keys()].sort()) {
    const path: string[] = [];
    let u: string | null = start;
    while (u !== null && state.get(u) !== 'done') {
      if (state.get(u) === 'walking') {
        const cycle = path.slice(path.indexOf(u));
        throw new FunnelError('hierarchy_cycle', { path: [...cycle, u].join(' → ') });
      }
      state.set(u, 'walking');
      path.push(u);
      u = managers.get(u) ?? null;
    }
    for (const p of path) state.set(p, 'done');
  }
}

function isSourceObject(source: RollupSource): source is Exclude<RollupSource, Iterable<RollupInputRow>> {
  return typeof (source as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function' && 'rows' in source;
}

interface Sum {
  count: number;
  amount: Decimal;
  weighted: Decimal;
}

/**
 * Rolls forecast rows up an org hierarchy (组织层级汇总): every manager's team total
 * includes their own rows and those of everyone below them, at any depth.
 *
 * Rows are matched to users by the key element at `ownerIndex` (found from the source's
 * `groupBy` when it is a forecast grouped by `'owner'`); the other key elements form
 * groups that are rolled up separately, so rows keyed `[quarter, owner]` give each
 * manager's team total per quarter. Every user of the hierarchy appears in every
 * group, with zero totals when the team has no rows; owners missing from the hierarchy
 * are rolled up as top-level users and listed in `unplaced`, never dropped. Sums are
 * exact.
 *
 * @param source - Rows (e.g. a forecast's `rows`) or a forecast grouped by owner.
 * @param hierarchy - Each user's manager, as a map or a list of edges.
 * @param options - Owner position, currency and rates.
 * @returns One row per user and group, with own and team totals.
 * @throws {@link FunnelError} `hierarchy_cycle` naming the cycle (`a → b → a`);
 *   `invalid_argument` for a user with two managers, an empty id, or no rows and no
 *   currency; `invalid_option` for a bad `ownerIndex`; `currency_mismatch` for rows in
 *   another currency without `rates`.
 *
 * @example
 * ```ts
 * import { money, rollup } from 'sales-funnel';
 * const row = (owner: string, weighted: string) =>
 *   ({ key: [owner], count: 1, amount: money(weighted, 'CNY'), weighted: money(weighted, 'CNY') });
 * const r = rollup([row('rep-li', '100'), row('rep-zhao', '50'), row('mgr-wang', '10')], {
 *   'rep-li': 'mgr-wang', 'rep-zhao': 'mgr-wang', 'mgr-wang': 'vp-chen',
 * });
 * r.rows.map((x) => `${'  '.repeat(x.depth)}${x.userId} ${x.team.weighted.amount.toString()}`);
 * //=> ['vp-chen 160', '  mgr-wang 160', '    rep-li 100', '    rep-zhao 50']
 * ```
 */
export function rollup(source: RollupSource, hierarchy: OrgHierarchy, options: RollupOptions = {}): Rollup {
  const managers = managerMap(hierarchy);
  assertNoCycle(managers);

  const rowsIn = isSourceObject(source) ? source.rows : source;
  const groupBy = isSourceObject(source) ? source.groupBy : undefined;
  let currency = options.currency ?? (isSourceObject(source) ? source.currency : undefined);
  const ownerIndex = options.ownerIndex ?? (groupBy !== undefined && groupBy.includes('owner') ? groupBy.indexOf('owner') : 0);
  if (!Number.isSafeInteger(ownerIndex) || ownerIndex < 0) {
    throw new FunnelError('invalid_option', { option: 'ownerIndex', reason: 'must be a whole number >= 0' });
  }

  // group key (other elements) → owner → own sum
  const groups = new Map<string, { parts: string[]; own: Map<string, Sum> }>();
  const owners = new Set<string>();
  const value = (m: Money): Decimal => {
    currency ??= m.currency;
    if (m.currency === currency) return toDecimal(m.amount, 'amount');
    if (options.rates === undefined) throw new FunnelError('currency_mismatch', { left: currency, right: m.currency });
    return convert(m, currency, options.rates).amount;
  };
  for (const row of rowsIn) {
    if (ownerIndex >= row.key.length) {
      throw new FunnelError('invalid_option', { option: 'ownerIndex', reason: `row key [${row.key.join(', ')}] has no element ${ownerIndex}` });
    }
    const owner = row.key[ownerIndex] as string;
    const parts = row.key.filter((_, i) => i !== ownerIndex);
    const gk = parts.join(SEP);
    let g = groups.get(gk);
    if (g === undefined) {
      g = { parts, own: new Map() };
      groups.set(gk, g);
    }
    const s = g.own.get(owner) ?? { count: 0, amount: ZERO, weighted: ZERO };
    s.count += row.count;
    s.amount = s.amount.plus(value(row.amount));
    s.weighted = s.weighted.plus(value(row.weighted));
    g.own.set(owner, s);
    owners.add(owner);
  }
  if (currency === undefined) {
    throw new FunnelError('invalid_argument', { name: 'rows', reason: 'no rows: pass options.currency' });
  }
  const cur = currency;
  if (groups.size === 0) groups.set('', { parts: [], own: new Map() });

  const unplaced = [...owners].filter((o) => !managers.has(o)).sort();
  const all = new Map(managers);
  for (const o of unplaced) all.set(o, null);
  const children = new Map<string | null, string[]>();
  for (const [u, m] of all) {
    const list = children.get(m) ?? [];
    list.push(u);
    children.set(m, list);
  }
  for (const list of children.values()) list.sort();
  // Tree order: a manager before the team, siblings by id.
  const order: { userId: string; managerId: string | null; depth: number }[] = [];
  const walk = (m: string | null, depth: number) => {
    for (const u of children.get(m) ?? []) {
      order.push({ userId: u, managerId: m, depth });
      walk(u, depth + 1);
    }
  };
  walk(null, 0);

  const money = (amount: Decimal): Money => ({ amount, currency: cur });
  const totals = (s: Sum | undefined): RollupTotals =>
    s === undefined ? { count: 0, amount: money(ZERO), weighted: money(ZERO) } : { count: s.count, amount: money(s.amount), weighted: money(s.weighted) };

  const out: RollupRow[] = [];
  const sortedGroups = [...groups.values()].sort((a, b) => compareKeys(a.parts, b.parts));
  for (const g of sortedGroups) {
    // Team sums bottom-up: children come after their manager in `order`, so walk it backwards.
    const team = new Map<string, Sum>();
    for (let i = order.length - 1; i >= 0; i--) {
      const { userId } = order[i] as { userId: string };
      const own = g.own.get(userId);
      const t: Sum = team.get(userId) ?? { count: 0, amount: ZERO, weighted: ZERO };
      if (own !== undefined) {
        t.count += own.count;
        t.amount = t.amount.plus(own.amount);
        t.weighted = t.weighted.plus(own.weighted);
      }
      team.set(userId, t);
      const m = all.get(userId) ?? null;
      if (m !== null) {
        const mt = team.get(m) ?? { count: 0, amount: ZERO, weighted: ZERO };
        mt.count += t.count;
        mt.amount = mt.amount.plus(t.amount);
        mt.weighted = mt.weighted.plus(t.weighted);
        team.set(m, mt);
      }
    }
    for (const n of order) {
      const key = [...g.parts];
      key.splice(ownerIndex > key.length ? key.length : ownerIndex, 0, n.userId);
      out.push({ key, userId: n.userId, managerId: n.managerId, depth: n.depth, own: totals(g.own.get(n.userId)), team: totals(team.get(n.userId)) });
    }
  }
  return { currency: cur, rows: out, unplaced };
}
