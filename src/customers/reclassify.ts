import { oneOfOption, optionsObject } from '../_lib/options.js';
import { because } from '../i18n/because.js';
import type { Locale } from '../i18n/codes.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { makeIssue } from '../i18n/makeIssue.js';
import type { FunnelIssue } from '../i18n/params.js';
import type { Customer } from '../model/customer.js';
import type { CustomerId } from '../model/ids.js';
import { badArgument, customersArgument, localeOption, PRIORITIES } from './_lib/classArgs.js';
import type { ClassifyABCDResult, CustomerABCD } from './classifyABCD.js';
import type { CustomerScore, ScoreCustomersResult } from './scoreCustomers.js';

/** A customer's priority (客户优先级): `high`, `medium` or `low`. */
export type CustomerPriority = Customer['priority'];

/** Options for {@link reclassify}. */
export interface ReclassifyOptions {
  /**
   * The priority each tier or class stands for. Replaces the default as a whole: with a
   * scorecard whose tiers are not A–D, list every one of its tiers.
   *
   * @defaultValue `{ A: 'high', B: 'medium', C: 'low', D: 'low' }`
   */
  readonly mapping?: Readonly<Record<string, CustomerPriority>>;
  /**
   * Locale of the reasons' messages.
   *
   * @defaultValue `'en'`
   */
  readonly locale?: Locale;
}

/** A proposal to change one customer's priority, for a manager to review. */
export interface PriorityProposal {
  /** The customer. */
  readonly customerId: CustomerId;
  /** The customer's name, for display. */
  readonly customerName: string;
  /** Its stored priority. */
  readonly from: CustomerPriority;
  /** The priority its tier or class maps to. */
  readonly to: CustomerPriority;
  /** `up` when `to` is the higher priority, `down` otherwise. */
  readonly direction: 'up' | 'down';
  /** The tier (scorecard) or class (A/B/C/D) it was assessed in. */
  readonly tier: string;
  /** Why: `priority_by_score` (score, tier) or `priority_by_class` (class, expected value, nearest close date), with its message in `locale`. */
  readonly reason: FunnelIssue<'priority_by_score' | 'priority_by_class'>;
}

/** Result of {@link reclassify}. */
export interface ReclassifyResult {
  /** What the assessment was: a scorecard (`scoreCustomers`) or the A/B/C/D classes (`classifyABCD`). */
  readonly basis: 'scorecard' | 'abcd';
  /** Customers whose assessed priority differs from their stored one, in input order. */
  readonly proposals: readonly PriorityProposal[];
  /** Customers whose stored priority already agrees, in input order. */
  readonly unchanged: readonly CustomerId[];
  /**
   * Customers the assessment gives no tier, in input order: not in it, below every
   * tier of a scorecard without an "else" tier, or unclassified by `classifyABCD` (no
   * open deal, or no close date). Their priority is left as it is.
   */
  readonly notAssessed: readonly CustomerId[];
}

const DEFAULT_MAPPING: Readonly<Record<string, CustomerPriority>> = Object.freeze({ A: 'high', B: 'medium', C: 'low', D: 'low' });

const RANK: Readonly<Record<CustomerPriority, number>> = { high: 0, medium: 1, low: 2 };

function mappingOption(value: unknown): Readonly<Record<string, CustomerPriority>> {
  if (value === undefined) return DEFAULT_MAPPING;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FunnelError('invalid_option', { option: 'mapping', reason: because('must_be_object') });
  const out: Record<string, CustomerPriority> = Object.create(null) as Record<string, CustomerPriority>;
  for (const [tier, priority] of Object.entries(value)) out[tier] = oneOfOption(priority, `mapping.${tier}`, PRIORITIES);
  return out;
}

function priorityOf(mapping: Readonly<Record<string, CustomerPriority>>, tier: string): CustomerPriority {
  if (!Object.hasOwn(mapping, tier)) throw new FunnelError('invalid_option', { option: 'mapping', reason: because('tier_not_mapped', { tier }) });
  return mapping[tier]!;
}

/**
 * Proposes priority changes (定期评估客户价值，对优先级进行调整): the customers whose
 * assessed tier maps to another priority than their stored `priority`, each with the
 * reason, so that a manager can review them. Nothing is changed: apply the proposals
 * you accept to your customer records yourself.
 *
 * The assessment is the result of {@link scoreCustomers} (tiers of a scorecard) or of
 * {@link classifyABCD} (classes A–D). `mapping` turns a tier into a priority; by default
 * A → high, B → medium, C and D → low. A tier the mapping lacks is an error, not a
 * silent skip.
 *
 * Customers the assessment gives no tier are listed in `notAssessed` (their priority
 * stays); those whose priority already agrees in `unchanged`. Every customer passed is
 * in exactly one of `proposals`, `unchanged` and `notAssessed`.
 *
 * @param customers - The customers with their stored priority (any iterable; read once, never changed).
 * @param assessment - What {@link scoreCustomers} or {@link classifyABCD} returned for them.
 * @param options - `mapping` from tier to priority, and the locale of the reasons.
 * @returns The proposals, the customers that keep their priority, and those not assessed.
 * @throws {@link FunnelError} `invalid_option` for a bad `mapping` or one that lacks a
 *   tier the assessment uses, or a bad locale; `invalid_argument` when `assessment` is
 *   neither result or `customers` is not a list of customers.
 *
 * @category Customers
 * @example
 * ```ts
 * import { parseCustomer, reclassify, scoreCustomers } from 'sales-funnel';
 * const customers = [
 *   parseCustomer({ id: 'c1', name: '华东机械', priority: 'low', attributes: { budget: 900000 } }),
 *   parseCustomer({ id: 'c2', name: '宏达贸易', priority: 'medium', attributes: { budget: 200000 } }),
 * ];
 * const scored = scoreCustomers(customers, {
 *   criteria: [{ id: 'budget', check: { kind: 'field', field: 'attributes.budget', rule: { op: 'gte', value: 500000 } }, points: 5 }],
 *   tiers: [{ id: 'A', minScore: 5 }, { id: 'B', minScore: 1 }, { id: 'C', minScore: -2 }, { id: 'D' }],
 * });
 * const r = reclassify(customers, scored, { locale: 'zh-CN' });
 * r.proposals.map((p) => [p.customerId, p.from, p.to]); //=> [['c1', 'low', 'high'], ['c2', 'medium', 'low']]
 * r.proposals[0]?.reason.message; //=> '客户“华东机械”评分 5 分，属于 A 级，建议将优先级由“低”调整为“高”。'
 * ```
 */
export function reclassify(customers: Iterable<Customer>, assessment: ScoreCustomersResult | ClassifyABCDResult, options: ReclassifyOptions = {}): ReclassifyResult {
  const opts = optionsObject(options);
  const mapping = mappingOption(opts.mapping);
  const locale = localeOption(opts.locale);
  const kind = typeof assessment === 'object' && assessment !== null ? (assessment as { readonly kind?: unknown }).kind : undefined;
  if (kind !== 'scorecard' && kind !== 'abcd') return badArgument('assessment', 'must_be_classes');
  const list = customersArgument(customers);

  const scores = new Map<string, CustomerScore>();
  const classes = new Map<string, CustomerABCD>();
  if (assessment.kind === 'scorecard') {
    for (const s of assessment.scores) if (s.tier !== null && !scores.has(s.customerId)) scores.set(s.customerId, s);
  } else {
    for (const c of assessment.customers) if (!classes.has(c.customerId)) classes.set(c.customerId, c);
  }

  const proposals: PriorityProposal[] = [];
  const unchanged: CustomerId[] = [];
  const notAssessed: CustomerId[] = [];
  for (const customer of list) {
    const from = customer.priority;
    const who = { customerId: customer.id, customerName: customer.name };
    const s = scores.get(customer.id);
    const c = classes.get(customer.id);
    const tier = s?.tier ?? c?.class;
    if (tier === undefined || tier === null) {
      notAssessed.push(customer.id);
      continue;
    }
    const to = priorityOf(mapping, tier);
    if (to === from) {
      unchanged.push(customer.id);
      continue;
    }
    const reason =
      s !== undefined
        ? makeIssue('priority_by_score', { ...who, score: s.score, tier, from, to }, { locale })
        : makeIssue(
            'priority_by_class',
            { ...who, tier, amount: c!.value.amount.toFixed(), currency: c!.value.currency, closeDate: c!.nearestCloseDate, days: c!.daysToClose, from, to },
            { locale },
          );
    proposals.push({ ...who, from, to, direction: RANK[to] < RANK[from] ? 'up' : 'down', tier, reason });
  }
  return { basis: kind, proposals, unchanged, notAssessed };
}
