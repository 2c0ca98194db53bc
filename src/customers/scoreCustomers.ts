import { functionOption, optionsObject } from '../_lib/options.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { Customer } from '../model/customer.js';
import { fieldRuleHolds, readField } from '../model/fieldRule.js';
import type { CustomerId } from '../model/ids.js';
import { customersArgument } from './_lib/classArgs.js';
import { readScorecard } from './_lib/readScorecard.js';
import type { Scorecard, ScorecardCriterion, ScorecardJson, ScorecardRule } from './scorecard.js';

/** What a scorecard guard is told besides the customer: the criterion that names it. */
export interface ScorecardGuardContext {
  /** The criterion whose check names this guard. */
  readonly criterion: ScorecardCriterion;
}

/**
 * A named test a scorecard criterion refers to with `{ kind: 'guard', name }`: `true`
 * when the criterion holds for the customer. Must be pure; anything but a boolean is an
 * error.
 */
export type ScorecardGuard = (customer: Customer, context: ScorecardGuardContext) => boolean;

/** The guards a caller passes to {@link scoreCustomers}, by name. */
export type ScorecardGuards = Readonly<Record<string, ScorecardGuard>>;

/** Options for {@link scoreCustomers}. */
export interface ScoreCustomersOptions {
  /**
   * The functions the scorecard's guard criteria name. Every name the scorecard uses
   * must be here.
   *
   * @defaultValue `{}`
   */
  readonly guards?: ScorecardGuards;
}

/** A criterion that held for a customer, with the points it gave. */
export interface MatchedCriterion {
  /** The criterion's id. */
  readonly criterionId: string;
  /** The points it gave (negative for a poor factor). */
  readonly points: number;
}

/** One customer's score on a scorecard. */
export interface CustomerScore {
  /** The customer. */
  readonly customerId: CustomerId;
  /** The customer's name, for display. */
  readonly customerName: string;
  /** The sum of the points of `matched`. */
  readonly score: number;
  /** The first tier (in the scorecard's order) whose minimum the score reaches; `null` when it reaches none and the scorecard has no "else" tier. */
  readonly tier: string | null;
  /** The criteria that held, in the scorecard's order. */
  readonly matched: readonly MatchedCriterion[];
}

/** The customers of one tier. */
export interface ScoredTier {
  /** The tier's id. */
  readonly tier: string;
  /** Its minimum score; `null` for the "else" tier. */
  readonly minScore: number | null;
  /** Its customers, in input order. */
  readonly customerIds: readonly CustomerId[];
}

/** Result of {@link scoreCustomers}. */
export interface ScoreCustomersResult {
  /** Says which classification this is (see {@link reclassify}). */
  readonly kind: 'scorecard';
  /** The scorecard as parsed. */
  readonly scorecard: Scorecard;
  /** One score per customer, in input order. */
  readonly scores: readonly CustomerScore[];
  /** Every tier of the scorecard, in its order, with its customers (possibly none). */
  readonly tiers: readonly ScoredTier[];
  /** Customers whose score reaches no tier (only when the scorecard has no "else" tier), in input order. */
  readonly untiered: readonly CustomerId[];
}

/** A criterion ready to test: its field path split once. */
interface Prepared {
  readonly criterion: ScorecardCriterion;
  readonly test: (customer: Customer) => boolean;
}

function ruleHolds(value: unknown, rule: ScorecardRule): boolean {
  if (rule.op === 'includes') return Array.isArray(value) && value.some((v) => fieldRuleHolds(v, { op: 'equals', value: rule.value }));
  return fieldRuleHolds(value, rule);
}

function prepare(criterion: ScorecardCriterion, guards: ScorecardGuards): Prepared {
  const check = criterion.check;
  if (check.kind === 'field') {
    const path = check.field.split('.');
    return { criterion, test: (customer) => ruleHolds(readField(customer, path), check.rule) };
  }
  if (!Object.hasOwn(guards, check.name)) throw new FunnelError('scorecard_guard_missing', { guard: check.name, criterionId: criterion.id });
  const guard = functionOption<ScorecardGuard>(guards[check.name], `guards.${check.name}`);
  return {
    criterion,
    test: (customer) => {
      const verdict: unknown = guard(customer, { criterion });
      if (typeof verdict !== 'boolean') throw new FunnelError('invalid_option', { option: `guards.${check.name}`, reason: because('guard_returns_boolean') });
      return verdict;
    },
  };
}

/**
 * Scores customers on a scorecard (客户评分卡) and puts each in a tier: the periodic
 * assessment of customer value the source asks for (定期评估客户价值).
 *
 * A customer's **score** is the sum of the points of the criteria that hold for it
 * (and nothing else: a criterion that does not hold gives 0, whatever its points). A
 * field criterion reads the value at its dotted path in the customer (`industry`,
 * `segment`, `priority`, `tags`, `attributes.<key>`, ...) with the field rules of key
 * tasks (`present`, `equals`, `one_of`, exact `gte`/`gt`/`lte`/`lt` on numbers, decimal
 * strings, Decimals and Money) or `includes` for a list; a missing field fails every
 * rule. A guard criterion calls the function of that name in `options.guards`.
 *
 * The **tier** is the first tier, in the scorecard's order (highest minimum first),
 * whose `minScore` the score reaches, else the "else" tier (the one without
 * `minScore`), else none (`tier: null`, listed in `untiered`).
 *
 * @param customers - The customers (any iterable; read once, never changed).
 * @param scorecard - A scorecard, parsed or as JSON (parsed here: see {@link scorecardSchema}).
 * @param options - The guards the scorecard names.
 * @returns Per customer its score, tier and the criteria that counted; per tier its customers.
 * @throws `ZodError` for a bad scorecard (use {@link safeParseScorecard} to get the
 *   issues first); {@link FunnelError} `scorecard_guard_missing` when a guard the
 *   scorecard names is not in `options.guards` (before any customer is scored),
 *   `invalid_option` when a guard is not a function or returns something other than a
 *   boolean, `invalid_argument` when `customers` is not a list of customers.
 *
 * @category Customers
 * @example
 * ```ts
 * import { parseCustomer, scoreCustomers, type ScorecardJson } from 'sales-funnel';
 * const card: ScorecardJson = {
 *   criteria: [
 *     { id: 'big', check: { kind: 'field', field: 'attributes.employees', rule: { op: 'gte', value: 1000 } }, points: 2 },
 *     { id: 'soe', check: { kind: 'field', field: 'tags', rule: { op: 'includes', value: '国企' } }, points: 1 },
 *     { id: 'bad_debt', check: { kind: 'guard', name: 'badDebt' }, points: -3 },
 *   ],
 *   tiers: [{ id: 'A', minScore: 3 }, { id: 'B', minScore: 1 }, { id: 'C' }],
 * };
 * const customers = [
 *   parseCustomer({ id: 'c1', name: '华东机械', tags: ['国企'], attributes: { employees: 5000 } }),
 *   parseCustomer({ id: 'c2', name: '宏达贸易', attributes: { employees: 80 } }),
 * ];
 * const r = scoreCustomers(customers, card, { guards: { badDebt: (c) => c.id === 'c2' } });
 * r.scores.map((s) => [s.customerId, s.score, s.tier]); //=> [['c1', 3, 'A'], ['c2', -3, 'C']]
 * r.scores[0]?.matched.map((m) => m.criterionId); //=> ['big', 'soe']
 * ```
 */
export function scoreCustomers(customers: Iterable<Customer>, scorecard: Scorecard | ScorecardJson, options: ScoreCustomersOptions = {}): ScoreCustomersResult {
  const card = readScorecard(scorecard);
  const opts = optionsObject(options);
  const guards: unknown = opts.guards ?? {};
  if (typeof guards !== 'object' || guards === null) throw new FunnelError('invalid_option', { option: 'guards', reason: because('guards_shape') });
  const prepared = card.criteria.map((c) => prepare(c, guards as ScorecardGuards));
  const list = customersArgument(customers);

  const byTier = new Map<string, CustomerId[]>(card.tiers.map((t) => [t.id, []]));
  const untiered: CustomerId[] = [];
  const scores = list.map((customer): CustomerScore => {
    const matched: MatchedCriterion[] = [];
    let score = 0;
    for (const p of prepared) {
      if (!p.test(customer)) continue;
      matched.push({ criterionId: p.criterion.id, points: p.criterion.points });
      score += p.criterion.points;
    }
    const tier = card.tiers.find((t) => t.minScore === undefined || score >= t.minScore)?.id ?? null;
    if (tier === null) untiered.push(customer.id);
    else byTier.get(tier)!.push(customer.id);
    return { customerId: customer.id, customerName: customer.name, score, tier, matched };
  });
  return {
    kind: 'scorecard',
    scorecard: card,
    scores,
    tiers: card.tiers.map((t) => ({ tier: t.id, minScore: t.minScore ?? null, customerIds: byTier.get(t.id)! })),
    untiered,
  };
}
