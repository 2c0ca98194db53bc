import type { EngineChangeOptions } from '../engine/types.js';
import type { FunnelIssue } from '../i18n/params.js';
import type { Customer } from '../model/customer.js';
import type { CustomerEvent } from '../model/customerEvents.js';

/**
 * Options shared by every function that changes a customer's ledger
 * ({@link claimCustomer}, {@link releaseCustomer}, {@link assignCustomer}): the
 * engine's `at` (required), `by`, `locale`, and the storage fields — `expectedVersion`
 * (the ledger length the caller read: `customer.history.length`; a different one gives
 * `version_conflict` alone) and `idempotencyKey` (recorded as the `id` of the events;
 * a repeated key replays them with `replayed: true`). See {@link EngineChangeOptions}.
 */
export type CustomerChangeOptions = EngineChangeOptions;

/**
 * The result of every function that changes a customer's ledger, shaped as the
 * engine's {@link EngineResult}: the new customer and the events appended to its ledger
 * (each with its `seq`; store them in table `customer_events`), or every issue that
 * refused the change. The input customer is never modified.
 */
export type CustomerChangeResult =
  | {
      readonly ok: true;
      /** The customer with the events appended and its `ownerId` updated. */
      readonly customer: Customer;
      /** The events appended (or, when `replayed`, appended by the earlier command with the same key). */
      readonly events: readonly CustomerEvent[];
      /** True when the idempotency key was found in the ledger and nothing was appended. */
      readonly replayed: boolean;
    }
  | { readonly ok: false; readonly issues: readonly FunnelIssue[] };
