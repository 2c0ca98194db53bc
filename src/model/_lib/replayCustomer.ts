import type { CustomerActivityEvent, CustomerEvent } from '../customerEvents.js';
import type { UserId } from '../ids.js';
import type { Report } from './checkOpportunity.js';

/** How a rep lost a customer to the pool. */
export type LeftHow = 'released' | 'reclaimed';

/** What the replay of a customer's ledger finds. */
export interface CustomerReplay {
  /** Whether the ledger read holds an ownership event (`claimed`, `released`, `reclaimed`, `assigned`). */
  readonly known: boolean;
  /** The holder after the last ownership event (undefined: in the pool, or not known). */
  readonly holder: UserId | undefined;
  /** The index of the last ownership event, or −1. */
  readonly lastOwnershipIndex: number;
  /** When the current hold started: the last claim or assignment, when the customer is held. */
  readonly heldSince: Date | undefined;
  /** How the current hold started. */
  readonly heldVia: 'claimed' | 'assigned' | undefined;
  /** The last activity read. */
  readonly lastActivity: CustomerActivityEvent | undefined;
  /** The last activity after the last ownership event (the whole ledger without one). */
  readonly lastActivitySinceOwnership: Date | undefined;
  /** The activities read. */
  readonly activityCount: number;
  /** Per rep, the last time they lost the customer to the pool. */
  readonly leftBy: ReadonlyMap<UserId, { readonly at: Date; readonly how: LeftHow }>;
  /** The events read (those at or before the cut-off, in ledger order). */
  readonly eventsRead: number;
}

/**
 * Replays a customer's ledger up to `untilMs` (the first event after it ends the
 * replay; the whole ledger with `Infinity`). With `report`, every event that does not
 * fit the state before it is reported: a claim of a held customer
 * (`ledger_claim_while_held`), a release or reclaim of a customer nobody holds
 * (`ledger_release_while_in_pool`). Before the first ownership event the state is not
 * known (an imported ledger may start midway), so any first ownership event fits.
 */
export function replayCustomer(history: readonly CustomerEvent[], untilMs: number, report?: Report): CustomerReplay {
  // state: undefined = not known yet; null = in the pool; else the holder.
  let state: UserId | null | undefined;
  let lastOwnershipIndex = -1;
  let heldSince: Date | undefined;
  let heldVia: 'claimed' | 'assigned' | undefined;
  let lastActivity: CustomerActivityEvent | undefined;
  let lastActivitySinceOwnership: Date | undefined;
  let activityCount = 0;
  const leftBy = new Map<UserId, { readonly at: Date; readonly how: LeftHow }>();
  let i = 0;
  for (; i < history.length; i++) {
    const e = history[i]!;
    if (e.at.getTime() > untilMs) break;
    switch (e.type) {
      case 'claimed':
        if (typeof state === 'string') report?.('ledger_claim_while_held', { index: i, ownerId: state }, ['history', i, 'type']);
        state = e.ownerId;
        heldSince = e.at;
        heldVia = 'claimed';
        lastOwnershipIndex = i;
        lastActivitySinceOwnership = undefined;
        break;
      case 'assigned':
        state = e.ownerId;
        heldSince = e.at;
        heldVia = 'assigned';
        lastOwnershipIndex = i;
        lastActivitySinceOwnership = undefined;
        break;
      case 'released':
      case 'reclaimed':
        if (state === null) report?.('ledger_release_while_in_pool', { index: i, type: e.type }, ['history', i, 'type']);
        if (typeof state === 'string') leftBy.set(state, { at: e.at, how: e.type });
        state = null;
        heldSince = undefined;
        heldVia = undefined;
        lastOwnershipIndex = i;
        lastActivitySinceOwnership = undefined;
        break;
      case 'activity_logged':
        lastActivity = e;
        lastActivitySinceOwnership = e.at;
        activityCount += 1;
        break;
    }
  }
  return {
    known: lastOwnershipIndex >= 0,
    holder: typeof state === 'string' ? state : undefined,
    lastOwnershipIndex,
    heldSince,
    heldVia,
    lastActivity,
    lastActivitySinceOwnership,
    activityCount,
    leftBy,
    eventsRead: i,
  };
}
