import * as z from 'zod';

/**
 * Schema of a contact's buying role (采购角色): the decision maker (决策人), the technical
 * evaluator (技术选型人), the purchaser (购买人), a user (使用人), an influencer, or other.
 * A contact's `role` on a customer, and the role a `contact_met` key task asks for.
 *
 * @category Model
 * @example
 * ```ts
 * import { buyingRoleSchema } from 'sales-funnel';
 * buyingRoleSchema.parse('decision_maker'); //=> 'decision_maker'
 * ```
 */
export const buyingRoleSchema = z.enum(['decision_maker', 'technical_evaluator', 'purchaser', 'user', 'influencer', 'other']);

/** A contact's buying role. See {@link buyingRoleSchema}. */
export type BuyingRole = z.output<typeof buyingRoleSchema>;
