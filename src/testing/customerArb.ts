import fc from 'fast-check';
import { booleanOption } from '../_lib/options.js';
import type { Contact, Customer } from '../model/customer.js';
import type { CustomerEvent } from '../model/customerEvents.js';
import type { CustomerId, OpportunityId, UserId } from '../model/ids.js';
import { idListOption, textOption } from './_lib/textOptions.js';

const CONTACTS: readonly Contact[] = [
  { id: 'ct-1', name: '王总', role: 'decision_maker', title: '总经理' },
  { id: 'ct-2', name: '李工', role: 'technical_evaluator' },
  { id: 'ct-3', name: '赵经理', role: 'purchaser' },
  { id: 'ct-4', name: '陈主管', role: 'user' },
];

/**
 * Constraints for {@link customerArb}.
 *
 * @category Testing
 */
export interface CustomerConstraints {
  /**
   * Regions to draw from (some customers have none; an empty list gives none at all).
   * @defaultValue `['华东', '华北', '华南', '西部']`
   */
  readonly regions?: readonly string[];
  /**
   * Owner ids to draw from (some customers have none; an empty list gives none at all).
   * @defaultValue `['rep-1', 'rep-2', 'rep-3']`
   */
  readonly owners?: readonly string[];
  /**
   * Industries to draw from (some customers have none; an empty list gives none at all).
   * @defaultValue `['制造业', '能源', '零售', '信息技术']`
   */
  readonly industries?: readonly string[];
  /**
   * Id prefix: ids are `prefix-N` with a random N (use {@link bookArb} for unique ids).
   * @defaultValue `'c'`
   */
  readonly idPrefix?: string;
  /**
   * Give some customers a ledger (claims, releases, reclaims, assignments by a manager,
   * follow-up activities) that passes the parse-time checks, with `ownerId` the holder
   * it leaves. Events fall in 2024, a few hours to 20 days apart; owners come from
   * `owners` (none without owners).
   * @defaultValue true
   */
  readonly ledgers?: boolean;
}

const optionalFrom = (values: readonly string[]) =>
  values.length === 0 ? fc.constant(undefined) : fc.option(fc.constantFrom(...values), { nil: undefined });

/** The first instant of generated ledgers: 2024-01-01T00:00Z. */
const LEDGER_START = Date.UTC(2024, 0, 1);

/** One drawn step of a ledger, turned into an event that fits the state before it. */
interface LedgerStep {
  readonly gapMinutes: number;
  readonly pick: number;
  readonly owner: number;
  readonly withId: boolean;
  readonly withBy: boolean;
  readonly kind: 'visit' | 'call' | 'email' | 'meeting' | 'other';
  readonly note: boolean;
}

const stepArb: fc.Arbitrary<LedgerStep> = fc.record({
  gapMinutes: fc.integer({ min: 0, max: 20 * 24 * 60 }),
  pick: fc.nat({ max: 99 }),
  owner: fc.nat({ max: 99 }),
  withId: fc.boolean(),
  withBy: fc.boolean(),
  kind: fc.constantFrom('visit' as const, 'call' as const, 'email' as const, 'meeting' as const, 'other' as const),
  note: fc.boolean(),
});

/**
 * A valid customer ledger from drawn steps: a claim or assignment when in the pool, a
 * release, reclaim or assignment when held, activities at any time (about 40 %). The
 * ledger may start in the pool or, as an imported one, with the customer held.
 */
function buildLedger(steps: readonly LedgerStep[], owners: readonly string[], contacts: readonly Contact[], id: string): { history: CustomerEvent[]; ownerId: string | undefined; known: boolean } {
  const history: CustomerEvent[] = [];
  let t = LEDGER_START;
  let holder: string | undefined;
  let known = false;
  for (const step of steps) {
    t += step.gapMinutes * 60_000;
    const at = new Date(t);
    const base = {
      seq: history.length + 1,
      ...(step.withId ? { id: `${id}-e${history.length + 1}` } : {}),
      at,
    };
    const by = step.withBy && owners.length > 0 ? { by: owners[step.owner % owners.length] as UserId } : {};
    const owner = owners.length === 0 ? undefined : (owners[step.owner % owners.length] as UserId);
    if (step.pick < 40 || owner === undefined) {
      const contact = contacts.length === 0 || step.pick % 2 === 0 ? undefined : contacts[step.pick % contacts.length];
      history.push({
        type: 'activity_logged',
        ...base,
        ...by,
        kind: step.kind,
        ...(contact === undefined ? {} : { contactId: contact.id }),
        ...(step.note ? { note: '客户关注交付周期' } : {}),
        ...(step.pick % 5 === 1 ? { opportunityId: `${id}-o1` as OpportunityId } : {}),
      });
      continue;
    }
    known = true;
    if (holder === undefined) {
      if (step.pick < 80) history.push({ type: 'claimed', ...base, ...by, ownerId: owner });
      else history.push({ type: 'assigned', ...base, by: 'mgr-1' as UserId, ownerId: owner });
      holder = owner;
    } else if (step.pick < 60) {
      history.push({ type: 'released', ...base, ...by, ...(step.note ? { reason: '暂无需求' } : {}) });
      holder = undefined;
    } else if (step.pick < 80) {
      history.push({ type: 'reclaimed', ...base, rule: step.note ? 'followUpDays' : 'maxHoldDays' });
      holder = undefined;
    } else {
      history.push({ type: 'assigned', ...base, by: 'mgr-1' as UserId, ownerId: owner });
      holder = owner;
    }
  }
  return { history, ownerId: holder, known };
}

/**
 * Valid customers with Chinese and English names, a region, owner and industry (each
 * sometimes absent), a segment (new or existing), a priority, some contacts with their
 * buying roles, sometimes a creation time and a pool id (`east`, `north`) and, unless
 * `ledgers: false`, sometimes a ledger (see {@link CustomerConstraints.ledgers}) whose
 * holder is the customer's `ownerId`.
 *
 * @param constraints - Regions, owners, industries, id prefix, ledgers.
 * @returns An arbitrary of {@link Customer}.
 * @throws {@link sales-funnel!FunnelError} `invalid_option { option }` at once for a list
 *   that holds anything but non-empty strings, or an empty id prefix.
 *
 * @category Testing
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { customerArb } from 'sales-funnel/testing';
 * import { safeParseCustomer, serializeCustomer } from 'sales-funnel';
 * fc.assert(fc.property(customerArb(), (c) => safeParseCustomer(serializeCustomer(c)).success));
 * ```
 */
export function customerArb(constraints: CustomerConstraints = {}): fc.Arbitrary<Customer> {
  const ledgers = booleanOption(constraints.ledgers ?? true, 'ledgers');
  const regions = idListOption(constraints.regions ?? ['华东', '华北', '华南', '西部'], 'regions', true);
  const owners = idListOption(constraints.owners ?? ['rep-1', 'rep-2', 'rep-3'], 'owners', true);
  const industries = idListOption(constraints.industries ?? ['制造业', '能源', '零售', '信息技术'], 'industries', true);
  const idPrefix = textOption(constraints.idPrefix ?? 'c', 'idPrefix');
  return fc
    .record({
      n: fc.nat({ max: 99_999 }),
      name: fc.constantFrom('华东机械', '北方能源', 'Acme Corp', '星河科技', 'Globex', '南方电网'),
      region: optionalFrom(regions),
      ownerId: optionalFrom(owners),
      industry: optionalFrom(industries),
      segment: fc.constantFrom('new' as const, 'existing' as const),
      priority: fc.constantFrom('high' as const, 'medium' as const, 'low' as const),
      tags: fc.uniqueArray(fc.constantFrom('vip', 'manufacturing', 'public', 'retail'), { maxLength: 3 }),
      contacts: fc.subarray([...CONTACTS]),
      createdAt: fc.option(fc.integer({ min: 0, max: 365 * 24 * 60 }).map((m) => new Date(LEDGER_START - m * 60_000)), { nil: undefined }),
      poolId: fc.option(fc.constantFrom('east', 'north'), { nil: undefined }),
      steps: ledgers ? fc.option(fc.array(stepArb, { minLength: 1, maxLength: 8 }), { nil: undefined, freq: 2 }) : fc.constant(undefined),
    })
    .map(({ n, name, region, ownerId: drawnOwner, industry, segment, priority, tags, contacts, createdAt, poolId, steps }): Customer => {
      const id = `${idPrefix}-${n}`;
      const ledger = steps === undefined ? undefined : buildLedger(steps, owners, contacts, id);
      const ownerId = ledger?.known === true ? ledger.ownerId : drawnOwner;
      return {
        id: id as CustomerId,
        name,
        ...(region === undefined ? {} : { region }),
        ...(ownerId === undefined ? {} : { ownerId: ownerId as UserId }),
        ...(industry === undefined ? {} : { industry }),
        segment,
        priority,
        tags,
        attributes: {},
        contacts: contacts.map((c) => ({ ...c })),
        ...(createdAt === undefined ? {} : { createdAt }),
        ...(poolId === undefined ? {} : { poolId }),
        history: ledger?.history ?? [],
      };
    });
}
