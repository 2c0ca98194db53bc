import { isIterableObject } from '../_lib/isIterableObject.js';
import { wholeNumberOption } from '../_lib/options.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { amountIn } from '../money/amountIn.js';
import { ratesOption, type ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { compareGroupKeys, type Group, type Grouped } from '../model/groupBy.js';

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

/** What {@link rollup} adds up for each group: a {@link ForecastTally} or a {@link WeightedForecastFigures} fits. */
export interface RollupInput {
  /** Number of deals. */
  readonly count: number;
  /** Unweighted amount. */
  readonly amount: Money;
  /** Weighted amount. */
  readonly weighted: Money;
}

/**
 * What {@link rollup} accepts: groups (`{ key, value }`, the element of the key at
 * `ownerIndex` being the user), or a grouped result that has them, such as a
 * {@link WeightedForecast} grouped by `'owner'` (its `groupBy` tells where the owner is;
 * its `currency` is the default currency).
 */
export type RollupSource =
  | Iterable<Group<RollupInput>>
  | { readonly groups: Iterable<Group<RollupInput>>; readonly groupBy?: readonly string[]; readonly currency?: CurrencyCode };

/** Options for {@link rollup}. */
export interface RollupOptions {
  /**
   * Index of the owner in each group's key.
   *
   * @defaultValue the position of `'owner'` in the source's `groupBy`, else 0
   */
  readonly ownerIndex?: number;
  /**
   * Currency of the result; required when there are no groups.
   *
   * @defaultValue the source's currency, else the first group's
   */
  readonly currency?: CurrencyCode;
  /** Rates for groups in other currencies. */
  readonly rates?: ExchangeRates;
}

/** A count with its unweighted and weighted amounts, for one user or team. */
export interface RollupTotals {
  /** Number of deals (as counted by the input groups). */
  readonly count: number;
  /** Unweighted amount. */
  readonly amount: Money;
  /** Weighted amount. */
  readonly weighted: Money;
}

/**
 * One user in a {@link Rollup}, for one group of the other key elements. Its `value` is
 * the **team** total: the user's own figures plus those of everyone below them.
 */
export interface RollupGroup extends Group<RollupTotals> {
  /** The input key with the owner replaced by `userId`. */
  readonly key: readonly string[];
  /** The team total: `own` + every descendant's `own`, at any depth. */
  readonly value: RollupTotals;
  /** The user (rep or manager). */
  readonly userId: string;
  /** Their manager, `null` at the top. */
  readonly managerId: string | null;
  /** 0 at the top, 1 for direct reports of a top-level manager, … */
  readonly depth: number;
  /** The user's own groups only. */
  readonly own: RollupTotals;
}

/**
 * Result of {@link rollup}: the {@link Grouped} envelope of {@link RollupTotals}, one
 * group per user and group of the other key elements. `total` is the sum of every
 * input group (= the sum of the top-level users' team totals).
 */
export interface Rollup extends Grouped<RollupTotals> {
  /** Currency of every amount. */
  readonly currency: CurrencyCode;
  /** Every input group, added up (counts as counted by the input groups). */
  readonly total: RollupTotals;
  /**
   * Every user of the hierarchy (and every owner found in the input) for each group of
   * the other key elements: groups of other elements sorted by key, users in tree
   * order within each (a manager before the team, siblings by id).
   */
  readonly groups: readonly RollupGroup[];
  /** Owners that have groups but are not in the hierarchy; they are rolled up as top-level users. */
  readonly unplaced: readonly string[];
}

const ZERO = new Decimal(0);
const SEP = '\u001f';

function managerMap(hierarchy: OrgHierarchy): Map<string, string | null> {
  const map = new Map<string, string | null>();
  const set = (userId: string, managerId: string | null, where: string) => {
    if (typeof userId !== 'string' || userId === '' || (managerId !== null && (typeof managerId !== 'string' || managerId === ''))) {
      throw new FunnelError('invalid_argument', { name: 'hierarchy', reason: because('hierarchy_ids', { where }) });
    }
    const before = map.get(userId);
    if (before !== undefined && before !== managerId) {
      throw new FunnelError('invalid_argument', { name: 'hierarchy', reason: because('two_managers', { userId, first: String(before), second: String(managerId) }) });
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
    // Stryker disable next-line ArrayDeclaration: equivalent; an extra first entry is never the user a cycle returns to, and marking it done changes nothing
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

type SourceObject = Exclude<RollupSource, Iterable<Group<RollupInput>>>;

/** Checks one input group, named `at` (`source[3]`, `source.groups[3]`): a key of strings, a value with a count. */
function checkGroup(group: unknown, at: string): asserts group is Group<RollupInput> {
  const g = group as { readonly key?: unknown; readonly value?: { readonly count?: unknown } } | null;
  if (typeof g !== 'object' || g === null || !Array.isArray(g.key) || !g.key.every((k) => typeof k === 'string') || typeof g.value !== 'object' || g.value === null) {
    throw new FunnelError('invalid_argument', { name: at, reason: because('must_be_rollup_group') });
  }
  const count = g.value.count;
  if (typeof count !== 'number' || !Number.isFinite(count)) throw new FunnelError('invalid_argument', { name: `${at}.value.count`, reason: because('must_be_finite_number') });
  if (count < 0) throw new FunnelError('invalid_argument', { name: `${at}.value.count`, reason: because('at_least', { min: 0 }) });
}

function isSourceObject(source: RollupSource): source is SourceObject {
  return typeof source === 'object' && source !== null && !isIterableObject(source) && 'groups' in source;
}

interface Sum {
  count: number;
  amount: Decimal;
  weighted: Decimal;
}

const newSum = (): Sum => ({ count: 0, amount: ZERO, weighted: ZERO });

function addInto(a: Sum, b: Sum): void {
  a.count += b.count;
  a.amount = a.amount.plus(b.amount);
  a.weighted = a.weighted.plus(b.weighted);
}

/** A user of the org tree, in tree order. */
interface TreeNode {
  readonly userId: string;
  readonly managerId: string | null;
  readonly depth: number;
}

/** Every user (hierarchy and unplaced owners) in tree order: a manager before the team, siblings by id. */
function treeOrder(managers: ReadonlyMap<string, string | null>, unplaced: readonly string[]): { order: TreeNode[]; managerOf: Map<string, string | null> } {
  const managerOf = new Map(managers);
  for (const o of unplaced) managerOf.set(o, null);
  const children = new Map<string | null, string[]>();
  for (const [u, m] of managerOf) {
    const list = children.get(m) ?? [];
    list.push(u);
    children.set(m, list);
  }
  for (const list of children.values()) list.sort();
  const order: TreeNode[] = [];
  const walk = (m: string | null, depth: number) => {
    for (const u of children.get(m) ?? []) {
      order.push({ userId: u, managerId: m, depth });
      walk(u, depth + 1);
    }
  };
  walk(null, 0);
  return { order, managerOf };
}

/** Team sums bottom-up: children come after their manager in `order`, so walk it backwards. */
function teamSums(order: readonly TreeNode[], managerOf: ReadonlyMap<string, string | null>, own: ReadonlyMap<string, Sum>): Map<string, Sum> {
  const team = new Map<string, Sum>();
  for (let i = order.length - 1; i >= 0; i--) {
    const { userId } = order[i]!;
    const t = team.get(userId) ?? newSum();
    const mine = own.get(userId);
    if (mine !== undefined) addInto(t, mine);
    team.set(userId, t);
    const m = managerOf.get(userId) ?? null;
    if (m !== null) {
      const mt = team.get(m) ?? newSum();
      addInto(mt, t);
      team.set(m, mt);
    }
  }
  return team;
}

/**
 * Rolls forecast groups up an org hierarchy (组织层级汇总): every manager's team total
 * includes their own groups and those of everyone below them, at any depth.
 *
 * Groups are matched to users by the key element at `ownerIndex` (found from the
 * source's `groupBy` when it is a result grouped by `'owner'`); the other key elements
 * form groups that are rolled up separately, so a forecast grouped by
 * `['period', 'owner']` gives each manager's team total per period. Every user of the
 * hierarchy appears in every group, with zero totals when the team has nothing; owners
 * missing from the hierarchy are rolled up as top-level users and listed in
 * `unplaced`, never dropped. Each result group's `value` is the team total, `own` the
 * user's own; `total` is the sum of every input group. Sums are exact.
 *
 * @param source - Groups (`{ key, value: { count, amount, weighted } }`) or a result grouped by owner.
 * @param hierarchy - Each user's manager, as a map or a list of edges.
 * @param options - Owner position, currency and rates.
 * @returns One group per user and group of the other key elements, with own and team totals.
 * @throws {@link FunnelError} `hierarchy_cycle` naming the cycle (`a → b → a`);
 *   `invalid_argument` for a user with two managers, an empty id, or no groups and no
 *   currency; `invalid_option` for a bad `ownerIndex`; `currency_mismatch` for groups in
 *   another currency without `rates`.
 *   Also `invalid_option` (`rates`) for rates that are not an object with a `rates` object;
 *   `invalid_argument` for a source that is not a list of groups (`source`, or
 *   `source.groups` of a result), a group that is not `{ key, value }` with a key of
 *   strings (`source[i]`, reason `must_be_rollup_group`), or a count that is not a finite
 *   number of at least 0 (`source[i].value.count`).
 *
 * @category Forecast
 * @example
 * ```ts
 * import { money, rollup } from 'sales-funnel';
 * const rep = (owner: string, weighted: string) =>
 *   ({ key: [owner], value: { count: 1, amount: money(weighted, 'CNY'), weighted: money(weighted, 'CNY') } });
 * const r = rollup([rep('rep-li', '100'), rep('rep-zhao', '50'), rep('mgr-wang', '10')], {
 *   'rep-li': 'mgr-wang', 'rep-zhao': 'mgr-wang', 'mgr-wang': 'vp-chen',
 * });
 * r.groups.map((g) => `${'  '.repeat(g.depth)}${g.userId} ${g.value.weighted.amount.toString()}`);
 * //=> ['vp-chen 160', '  mgr-wang 160', '    rep-li 100', '    rep-zhao 50']
 * r.total.weighted.amount.toString(); //=> '160'
 * ```
 */
export function rollup(source: RollupSource, hierarchy: OrgHierarchy, options: RollupOptions = {}): Rollup {
  const managers = managerMap(hierarchy);
  assertNoCycle(managers);

  const object = isSourceObject(source) ? source : undefined;
  const groupsIn: unknown = object === undefined ? source : object.groups;
  const where = object === undefined ? 'source' : 'source.groups';
  if (!isIterableObject(groupsIn)) throw new FunnelError('invalid_argument', { name: where, reason: because('must_be_array') });
  const labels = object?.groupBy;
  let currency = options.currency ?? object?.currency;
  const ownerIndex =
    options.ownerIndex === undefined
      ? labels?.includes('owner')
        ? labels.indexOf('owner')
        : 0
      : wholeNumberOption(options.ownerIndex, 'ownerIndex');

  ratesOption(options.rates);
  // other key elements → owner → own sum
  const byOthers = new Map<string, { parts: string[]; own: Map<string, Sum> }>();
  const owners = new Set<string>();
  const total = newSum();
  let keyLength: number | undefined;
  const value = (m: Money): Decimal => {
    currency ??= m.currency;
    return amountIn(m, currency, options.rates);
  };
  let at = 0;
  for (const group of groupsIn) {
    checkGroup(group, `${where}[${at++}]`);
    const key = group.key;
    if (ownerIndex >= key.length) {
      throw new FunnelError('invalid_option', { option: 'ownerIndex', reason: because('group_key_too_short', { key: key.join(', '), index: ownerIndex }) });
    }
    keyLength ??= key.length;
    const owner = key[ownerIndex]!;
    const parts = key.filter((_, i) => i !== ownerIndex);
    const id = parts.join(SEP);
    let g = byOthers.get(id);
    if (g === undefined) {
      g = { parts, own: new Map() };
      byOthers.set(id, g);
    }
    const s = g.own.get(owner) ?? newSum();
    const add: Sum = { count: group.value.count, amount: value(group.value.amount), weighted: value(group.value.weighted) };
    addInto(s, add);
    addInto(total, add);
    g.own.set(owner, s);
    owners.add(owner);
  }
  if (currency === undefined) {
    throw new FunnelError('invalid_argument', { name: 'source', reason: because('no_groups_need_currency') });
  }
  const cur = currency;
  if (byOthers.size === 0) byOthers.set('', { parts: [], own: new Map() });

  const unplaced = [...owners].filter((o) => !managers.has(o)).sort();
  const { order, managerOf } = treeOrder(managers, unplaced);

  const money = (amount: Decimal): Money => ({ amount, currency: cur });
  const totals = (s: Sum | undefined): RollupTotals =>
    s === undefined ? { count: 0, amount: money(ZERO), weighted: money(ZERO) } : { count: s.count, amount: money(s.amount), weighted: money(s.weighted) };

  const out: RollupGroup[] = [];
  for (const g of [...byOthers.values()].sort((a, b) => compareGroupKeys(a.parts, b.parts))) {
    const team = teamSums(order, managerOf, g.own);
    for (const n of order) {
      const key = [...g.parts];
      key.splice(Math.min(ownerIndex, key.length), 0, n.userId);
      out.push({ key, value: totals(team.get(n.userId)), userId: n.userId, managerId: n.managerId, depth: n.depth, own: totals(g.own.get(n.userId)) });
    }
  }
  const groupBy =
    labels ?? Array.from({ length: keyLength ?? ownerIndex + 1 }, (_, i) => (i === ownerIndex ? 'owner' : 'custom'));
  return { groupBy, total: totals(total), groups: out, currency: cur, unplaced };
}
