import type { CustomerEvent } from '../customerEvents.js';
import type { Report } from './checkOpportunity.js';
import { replayCustomer } from './replayCustomer.js';

/**
 * Every rule of a customer's ledger, reported with its path: `seq` equal to the 1-based
 * position (`ledger_seq_mismatch`), client ids unique (`ledger_duplicate_event_id`),
 * time never going back (`ledger_out_of_order`; equal times are fine), `claimed` only
 * when nobody holds the customer (`ledger_claim_while_held`), `released` and
 * `reclaimed` only when someone does (`ledger_release_while_in_pool`); `assigned` and
 * `activity_logged` fit any state. Then, when the ledger holds an ownership event, the
 * customer's `ownerId` against the holder it leaves: the same rep
 * (`ledger_pool_owner_mismatch`), or none when it ends in the pool
 * (`ledger_pool_owner_in_pool`). A ledger without ownership events (imported) keeps
 * `ownerId` as given.
 */
export function checkCustomer(c: { readonly ownerId?: string | undefined; readonly history: readonly CustomerEvent[] }, report: Report): void {
  const history = c.history;
  let last = -Infinity;
  let ids: Map<string, number> | undefined;
  for (let i = 0; i < history.length; i++) {
    const e = history[i]!;
    if (e.seq !== i + 1) report('ledger_seq_mismatch', { index: i, expected: i + 1, actual: e.seq }, ['history', i, 'seq']);
    if (e.id !== undefined) {
      ids ??= new Map();
      const first = ids.get(e.id);
      if (first !== undefined) report('ledger_duplicate_event_id', { index: i, id: e.id, first }, ['history', i, 'id']);
      else ids.set(e.id, i);
    }
    const t = e.at.getTime();
    if (t < last) report('ledger_out_of_order', { index: i }, ['history', i, 'at']);
    else last = t;
  }
  const replay = replayCustomer(history, Infinity, report);
  if (!replay.known) return;
  const index = replay.lastOwnershipIndex;
  if (replay.holder === undefined) {
    if (c.ownerId !== undefined) report('ledger_pool_owner_in_pool', { index, actual: c.ownerId }, ['ownerId']);
  } else if (c.ownerId !== replay.holder) {
    report('ledger_pool_owner_mismatch', { index, expected: replay.holder, ...(c.ownerId === undefined ? {} : { actual: c.ownerId }) }, ['ownerId']);
  }
}
