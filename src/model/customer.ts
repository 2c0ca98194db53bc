import * as z from 'zod';
import { addCodedIssue } from '../_lib/zodIssue.js';
import { checkCustomer } from './_lib/checkCustomer.js';
import { buyingRoleSchema } from './buyingRole.js';
import { customerIdSchema, userIdSchema } from './ids.js';
import { customerEventSchema, type CustomerEvent } from './customerEvents.js';
import { attributesSchema, instantSchema } from './primitives.js';

// The buying role lives in its own module: stage.ts (the `contact_met` key task) needs it too.
export { buyingRoleSchema, type BuyingRole } from './buyingRole.js';

/**
 * Schema of a customer's contact (联系人): an id unique within the customer, a name,
 * the buying role and an optional job title.
 *
 * @category Model
 * @example
 * ```ts
 * import { contactSchema } from 'sales-funnel';
 * contactSchema.parse({ id: 'ct-wang', name: '王总', role: 'decision_maker', title: '总经理' }).role; //=> 'decision_maker'
 * ```
 */
export const contactSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().min(1),
  role: buyingRoleSchema,
  title: z.string().min(1).optional(),
});

/** Codec of a customer ledger: `seq` optional on the wire, the position in the domain. */
const customerHistorySchema = z.codec(z.array(customerEventSchema), z.custom<CustomerEvent[]>(() => true), {
  decode: (events) => {
    const out = new Array<CustomerEvent>(events.length);
    for (let i = 0; i < events.length; i++) {
      const { type, seq, ...rest } = events[i]!;
      out[i] = { type, seq: seq ?? i + 1, ...rest } as CustomerEvent;
    }
    return out;
  },
  encode: (events) => events,
});

/**
 * Schema of a customer (客户). `segment` says whether it is a `new` or `existing`
 * customer (default `new`); `priority` is the high / medium / low classification by
 * size, need and purchase intent (default `medium`). Customers are never deleted.
 *
 * `contacts` are its people with their buying roles; `createdAt` is when it entered
 * the CRM (follow-up of a customer never contacted counts from it); `poolId` names the
 * customer pool (公海) it belongs to, when pools are per department; `history` is its
 * ledger (claims, releases, reclaims, assignments, follow-up activities, see
 * {@link customerEventSchema}), from which its owner and pool status are derived
 * (see {@link customerPoolState}).
 *
 * The ledger is checked as a deal's is, each issue with its path: `seq` equal to the
 * 1-based position (`ledger_seq_mismatch`), client ids unique
 * (`ledger_duplicate_event_id`), time never going back (`ledger_out_of_order`),
 * `claimed` only when nobody holds the customer (`ledger_claim_while_held`), `released`
 * and `reclaimed` only when someone does (`ledger_release_while_in_pool`); `assigned`
 * (from the pool or from another rep) and `activity_logged` may come at any time. When
 * the ledger holds an ownership event, `ownerId` must be the holder it leaves
 * (`ledger_pool_owner_mismatch`), or absent when it leaves the customer in the pool
 * (`ledger_pool_owner_in_pool`); a ledger without one (imported) keeps `ownerId` as
 * given. Before its first ownership event a ledger may start in any state.
 *
 * @category Model
 * @example
 * ```ts
 * import { customerSchema } from 'sales-funnel';
 * customerSchema.parse({ id: 'c1', name: '华东机械' }).priority; //=> 'medium'
 * ```
 */
export const customerSchema = z.object({
  id: customerIdSchema,
  name: z.string().min(1),
  shortName: z.string().min(1).optional(),
  ownerId: userIdSchema.optional(),
  region: z.string().min(1).optional(),
  industry: z.string().min(1).optional(),
  segment: z.enum(['new', 'existing']).default('new'),
  priority: z.enum(['high', 'medium', 'low']).default('medium'),
  tags: z.array(z.string().min(1)).default([]),
  attributes: attributesSchema.default({}),
  contacts: z.array(contactSchema).default([]),
  createdAt: instantSchema.optional(),
  poolId: z.string().min(1).max(200).optional(),
  history: customerHistorySchema.default([]),
}).superRefine((customer, ctx) => checkCustomer(customer, (code, params, path) => addCodedIssue(ctx, code, params as never, path)));

/** A customer's contact. See {@link contactSchema}. */
export type Contact = z.output<typeof contactSchema>;

/**
 * A customer (客户) in the domain form.
 */
export type Customer = z.output<typeof customerSchema>;
/**
 * A customer in its JSON wire form.
 */
export type CustomerJson = z.input<typeof customerSchema>;

/**
 * Parses a customer from JSON.
 *
 * @param input - Untrusted data.
 * @returns The customer.
 * @throws `ZodError` listing every issue with its path.
 *
 * @category Model
 * @example
 * ```ts
 * import { parseCustomer } from 'sales-funnel';
 * parseCustomer({ id: 'c1', name: 'Acme', priority: 'high' }).priority; //=> 'high'
 * ```
 */
export function parseCustomer(input: unknown): Customer {
  return customerSchema.parse(input);
}

/**
 * Like {@link parseCustomer} but returns a result instead of throwing.
 *
 * @param input - Untrusted data.
 * @returns `{ success: true, data }` or `{ success: false, error }`.
 *
 * @category Model
 * @example
 * ```ts
 * import { safeParseCustomer } from 'sales-funnel';
 * safeParseCustomer({ id: '' }).success; //=> false
 * ```
 */
export function safeParseCustomer(input: unknown): z.ZodSafeParseResult<Customer> {
  return customerSchema.safeParse(input);
}

/**
 * Turns a customer back into normalised JSON.
 *
 * @param customer - A domain customer.
 * @returns Plain JSON data.
 *
 * @category Model
 * @example
 * ```ts
 * import { parseCustomer, serializeCustomer } from 'sales-funnel';
 * serializeCustomer(parseCustomer({ id: 'c1', name: 'Acme' })).segment; //=> 'new'
 * ```
 */
export function serializeCustomer(customer: Customer): CustomerJson {
  return z.encode(customerSchema, customer);
}
