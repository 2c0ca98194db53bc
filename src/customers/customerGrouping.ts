import type { Customer } from '../model/customer.js';

/**
 * One grouping key of the follow-up functions ({@link followUpDue},
 * {@link activitySummary}), in the vocabulary of {@link BuiltInGroupKey}:
 *
 * - `'owner'`: the rep: the customer's holder (from its ledger, see
 *   {@link customerPoolState}; {@link NO_GROUP} in the pool) in `followUpDue`; in
 *   `activitySummary` the rep who logged the activity (its `by`), else its deal's owner,
 *   else the customer's holder, and a won deal's owner;
 * - `'customer_priority'` (high / medium / low), `'customer_type'` (new / existing, the
 *   `segment`), `'industry'`, `'region'`: the customer's field;
 * - `'pool'`: the customer's `poolId` (per-department pools);
 * - `'team'`: the team of the `'owner'` above, from the `teams` option;
 * - a function of the customer (a class from {@link scoreCustomers} or
 *   {@link classifyABCD}, say); `undefined` puts the customer under {@link NO_GROUP}.
 *
 * A key that reads the customer puts an activity or deal whose customer is unknown under
 * {@link NO_GROUP}.
 */
export type CustomerGroupKey =
  | 'owner'
  | 'customer_priority'
  | 'customer_type'
  | 'industry'
  | 'region'
  | 'pool'
  | 'team'
  | ((customer: Customer) => string | undefined);

/** The grouping options of the follow-up functions: {@link GroupOptions} for customers. */
export interface CustomerGroupOptions {
  /**
   * Grouping keys; each group is keyed by a tuple in this order.
   *
   * @defaultValue `[]` (no groups; only the total)
   */
  readonly groupBy?: readonly CustomerGroupKey[];
  /** The team of each rep (`ownerId → team`), for `'team'`. */
  readonly teams?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
}
