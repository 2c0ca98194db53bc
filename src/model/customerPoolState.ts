import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { instantMs, type InstantInput } from '../time/instant.js';
import { replayCustomer } from './_lib/replayCustomer.js';
import type { Customer } from './customer.js';
import type { CustomerActivityEvent, CustomerEvent } from './customerEvents.js';
import type { UserId } from './ids.js';

/**
 * Options for {@link customerPoolState}.
 */
export interface CustomerPoolStateOptions {
  /**
   * The instant to read the ledger at (a `Date` or an ISO 8601 string with offset):
   * events after it have not happened yet.
   *
   * @defaultValue the whole ledger
   */
  readonly asOf?: InstantInput;
}

/**
 * One rep who lost a customer to the pool (公海): the last time they did, and how.
 */
export interface PoolDeparture {
  /** The rep who held the customer. */
  readonly ownerId: UserId;
  /** When the customer went back to the pool. */
  readonly at: Date;
  /** `released` (the rep gave it back) or `reclaimed` (a pool rule took it back). */
  readonly how: 'released' | 'reclaimed';
}

/**
 * Where a customer stands in the pool (公海), derived from its ledger by
 * {@link customerPoolState}.
 */
export interface CustomerPoolState {
  /** The rep who holds the customer; `undefined` when it is in the pool (or held by a rep the ledger does not name). */
  readonly ownerId: UserId | undefined;
  /**
   * Whether the customer is in the pool (nobody holds it). `ownerId === undefined`
   * except in one case: read before the first ownership event of an imported ledger
   * that starts by releasing or reclaiming the customer, which was then held by a rep
   * the ledger does not name (`inPool: false`, `ownerId: undefined`).
   */
  readonly inPool: boolean;
  /**
   * Whether the owner comes from the ledger: false when the ledger holds no `claimed`,
   * `released`, `reclaimed` or `assigned` event (an imported customer), and `ownerId`
   * is then the customer's `ownerId` as given.
   */
  readonly fromLedger: boolean;
  /** When the current hold started (the claim or assignment); `undefined` in the pool or when the ledger does not say. */
  readonly heldSince: Date | undefined;
  /** How the current hold started; `undefined` in the pool or when the ledger does not say. */
  readonly heldVia: 'claimed' | 'assigned' | undefined;
  /** The last follow-up activity (`activity_logged`) read, whoever held the customer then. */
  readonly lastActivity: CustomerActivityEvent | undefined;
  /** Its time: the customer's "last contacted"; `undefined` when never contacted. */
  readonly lastActivityAt: Date | undefined;
  /**
   * The last activity of the current hold (at or after `heldSince`; any activity when the
   * ledger does not say when the hold started): the pool's follow-up clock. `undefined`
   * in the pool.
   */
  readonly lastActivityInHoldAt: Date | undefined;
  /** The number of activities read. */
  readonly activityCount: number;
  /** Every rep who lost the customer to the pool, with the last time they did, earliest first. */
  readonly departures: readonly PoolDeparture[];
  /** The number of ledger events read (those at or before `asOf`). */
  readonly eventsRead: number;
}

/**
 * Replays a customer's ledger and says where it stands in the pool (公海): who holds
 * it and since when, the last follow-up activity, and who lost it to the pool.
 *
 * The owner follows the ownership events: `claimed { ownerId }` and `assigned { ownerId }`
 * give the customer to a rep (and start a new hold), `released` and `reclaimed` return
 * it to the pool. Events after `asOf` are not read; before the ledger's first ownership
 * event the customer was in the pool (that event claims or assigns it) or held by a
 * rep the ledger does not name (it releases or reclaims it). A ledger without ownership
 * events (imported) keeps the customer's `ownerId` as given (`fromLedger: false`,
 * `heldSince` unknown).
 *
 * @param customer - A parsed customer (its ledger checked by {@link parseCustomer}).
 * @param options - `asOf`.
 * @returns The customer's pool state.
 * @throws {@link FunnelError} `invalid_argument` when `customer` has no ledger array;
 *   `invalid_option` for an `asOf` that is not an instant.
 *
 * @category Model
 * @example
 * ```ts
 * import { customerPoolState, parseCustomer } from 'sales-funnel';
 * const customer = parseCustomer({
 *   id: 'c1', name: '华东机械', ownerId: 'rep-li',
 *   history: [
 *     { type: 'claimed', at: '2026-03-02T09:00:00+08:00', ownerId: 'rep-li' },
 *     { type: 'activity_logged', at: '2026-03-05T15:00:00+08:00', kind: 'visit' },
 *   ],
 * });
 * const state = customerPoolState(customer, { asOf: '2026-03-10T00:00:00+08:00' });
 * state.ownerId; //=> 'rep-li'
 * state.lastActivityAt?.toISOString(); //=> '2026-03-05T07:00:00.000Z'
 * customerPoolState(customer, { asOf: '2026-03-01T00:00:00Z' }).inPool; //=> true (before the claim)
 * ```
 */
export function customerPoolState(customer: Customer, options: CustomerPoolStateOptions = {}): CustomerPoolState {
  if (typeof customer !== 'object' || customer === null || !Array.isArray(customer.history)) {
    throw new FunnelError('invalid_argument', { name: 'customer', reason: because('must_be_customer') });
  }
  if (typeof options !== 'object' || options === null) {
    throw new FunnelError('invalid_option', { option: 'options', reason: because('must_be_object') });
  }
  const untilMs = instantMs(options.asOf, 'asOf', Infinity);
  const r = replayCustomer(customer.history, untilMs);
  // Read before the ledger's first ownership event: the customer was in the pool if that
  // event claims or assigns it, held by a rep the ledger does not name if it releases or
  // reclaims it; a ledger without one keeps the customer's ownerId.
  let first: CustomerEvent['type'] | undefined;
  if (!r.known) {
    for (let i = r.eventsRead; i < customer.history.length && first === undefined; i++) {
      const type = customer.history[i]!.type;
      if (type !== 'activity_logged') first = type;
    }
  }
  const fromLedger = r.known || first !== undefined;
  const unnamed = first === 'released' || first === 'reclaimed';
  const ownerId = r.known ? r.holder : first === undefined ? customer.ownerId : undefined;
  const held = ownerId !== undefined || unnamed;
  const copy = (d: Date | undefined) => (d === undefined ? undefined : new Date(d.getTime()));
  const departures = [...r.leftBy].map(([id, d]): PoolDeparture => ({ ownerId: id, at: new Date(d.at.getTime()), how: d.how }));
  departures.sort((a, b) => a.at.getTime() - b.at.getTime());
  return {
    ownerId,
    inPool: !held,
    fromLedger,
    heldSince: held ? copy(r.heldSince) : undefined,
    heldVia: held ? r.heldVia : undefined,
    lastActivity: r.lastActivity,
    lastActivityAt: copy(r.lastActivity?.at),
    lastActivityInHoldAt: held ? copy(r.lastActivitySinceOwnership) : undefined,
    activityCount: r.activityCount,
    departures,
    eventsRead: r.eventsRead,
  };
}
