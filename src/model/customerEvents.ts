import * as z from 'zod';
import { activityFieldsShape, eventIdSchema } from './events.js';
import { opportunityIdSchema, userIdSchema } from './ids.js';
import { instantSchema } from './primitives.js';

const base = {
  seq: z.number().int().min(1).optional(),
  id: eventIdSchema.optional(),
  at: instantSchema,
  by: userIdSchema.optional(),
};

/**
 * Schema of one event of a customer's ledger, discriminated by `type`. Like the
 * opportunity ledger, every event has `seq` (its 1-based position; optional on input),
 * an optional client `id`, `at` and an optional `by`. The types:
 *
 * - `claimed { ownerId }`: a rep took the customer from the pool (领取)
 * - `released { reason? }`: the owner gave it back to the pool (退回公海)
 * - `reclaimed { rule }`: a pool rule took it back (自动回收), `rule` naming the rule
 *   that fell due (`followUpDays`, `closeWithinDays`, `maxHoldDays`, …)
 * - `assigned { ownerId, by }`: a manager gave it to a rep (分配), from the pool or from
 *   another rep
 * - `activity_logged { kind, contactId?, outcome?, cost?, note?, opportunityId? }`: a
 *   follow-up activity (跟进记录) with the customer, optionally about one of its deals
 *
 * The owner and the pool status are derived from the ledger.
 *
 * @category Model
 * @example
 * ```ts
 * import { customerEventSchema } from 'sales-funnel';
 * const e = customerEventSchema.parse({ type: 'claimed', at: '2019-03-25T09:00:00+08:00', ownerId: 'rep-li' });
 * e.type; //=> 'claimed'
 * ```
 */
export const customerEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('claimed'), ...base, ownerId: userIdSchema }),
  z.object({ type: z.literal('released'), ...base, reason: z.string().min(1).optional() }),
  z.object({ type: z.literal('reclaimed'), ...base, rule: z.string().min(1).max(100) }),
  z.object({ type: z.literal('assigned'), ...base, ownerId: userIdSchema, by: userIdSchema }),
  z.object({ type: z.literal('activity_logged'), ...base, ...activityFieldsShape, opportunityId: opportunityIdSchema.optional() }),
]);

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type ParsedCustomerEvent = z.output<typeof customerEventSchema>;
type StampedCustomerEvent<E> = E extends unknown ? Simplify<Omit<E, 'seq'> & { seq: number }> : never;
type UnstampedCustomerEvent<E> = E extends unknown ? Simplify<Omit<E, 'seq'>> : never;

/** One event of a customer's ledger as it stands in `history` (`seq` = position). See {@link customerEventSchema}. */
export type CustomerEvent = StampedCustomerEvent<ParsedCustomerEvent>;
/** A customer ledger event before it is appended: everything but `seq`. */
export type CustomerEventDraft = UnstampedCustomerEvent<ParsedCustomerEvent>;
/** A customer ledger event in its JSON wire form. */
export type CustomerEventJson = z.input<typeof customerEventSchema>;
/** The `type` of a customer ledger event. */
export type CustomerEventType = CustomerEvent['type'];
/** A follow-up activity of a customer's ledger (`activity_logged`). */
export type CustomerActivityEvent = Extract<CustomerEvent, { readonly type: 'activity_logged' }>;

/**
 * Appends events to a customer's ledger: a new array with the drafts stamped with their
 * `seq` (`history.length + 1`, `+ 2`, …), as {@link appendEvents} does for a deal's
 * ledger. Neither argument is changed; the drafts are copied.
 *
 * @param history - The ledger so far (its events keep their `seq`).
 * @param drafts - The new events, oldest first, without `seq` (any `seq` they carry is replaced).
 * @returns The whole new ledger.
 *
 * @category Model
 * @example
 * ```ts
 * import { appendCustomerEvents, type CustomerEvent, type UserId } from 'sales-funnel';
 * declare const history: readonly CustomerEvent[];
 * const next = appendCustomerEvents(history, [{ type: 'claimed', at: new Date('2026-05-01T01:00:00Z'), ownerId: 'rep-li' as UserId }]);
 * next.length === history.length + 1; //=> true
 * ```
 */
export function appendCustomerEvents(history: readonly CustomerEvent[], drafts: readonly CustomerEventDraft[]): CustomerEvent[] {
  const out = history.slice();
  for (const draft of drafts) {
    const { type, ...rest } = draft as CustomerEventDraft & { seq?: number };
    delete (rest as { seq?: number }).seq;
    out.push({ type, seq: out.length + 1, ...rest } as CustomerEvent);
  }
  return out;
}
