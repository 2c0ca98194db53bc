import * as z from 'zod';
import { customerIdSchema, userIdSchema } from './ids.js';
import { attributesSchema } from './primitives.js';

/**
 * Schema of a customer (客户). `segment` says whether it is a `new` or `existing`
 * customer (default `new`); `priority` is the high / medium / low classification by
 * size, need and purchase intent (default `medium`). Customers are never deleted.
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
});

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
