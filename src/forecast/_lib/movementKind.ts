import type { OpportunityEvent } from '../../model/events.js';
import type { PipelineIndex } from '../../model/pipelineIndex.js';

/**
 * The kinds of change `forecastMovement` reports, in the order of its rows. See
 * `ForecastMovementKind` for what each holds.
 */
export const MOVEMENT_KINDS = [
  'new',
  'won',
  'lost',
  'pushed_out',
  'pulled_in',
  'amount_changed',
  'stage_advanced',
  'stage_regressed',
  'probability_changed',
  'category_changed',
  'suspended',
  'resumed',
  'reopened',
  'reassigned',
  'other',
] as const;

/** One kind of change. */
export type MovementKind = (typeof MOVEMENT_KINDS)[number];

/** Row position of each kind. */
export const KIND_INDEX: Readonly<Record<MovementKind, number>> = Object.fromEntries(MOVEMENT_KINDS.map((k, i) => [k, i])) as Record<MovementKind, number>;

/**
 * The kind of change one ledger event makes: `new` for the event that brings the deal
 * into existence (its `created`, or the first event of a ledger imported without one),
 * else by its type.
 */
export function movementKind(e: OpportunityEvent, existed: boolean, index: PipelineIndex): MovementKind {
  if (!existed) return 'new';
  switch (e.type) {
    // Stryker disable all: unreachable for checked ledgers (`created` is only first, where `existed` is false); kept for a ledger built by hand
    case 'created':
      return 'new';
    // Stryker restore all
    case 'won':
      return 'won';
    case 'lost':
      return 'lost';
    case 'reopened':
      return 'reopened';
    case 'suspended':
      return 'suspended';
    case 'resumed':
      return 'resumed';
    case 'amount_changed':
      return 'amount_changed';
    case 'probability_changed':
      return 'probability_changed';
    case 'forecast_category_changed':
      return 'category_changed';
    case 'owner_changed':
    case 'splits_changed':
      return 'reassigned';
    case 'close_date_changed':
      // Later (or no date any more) is pushed out; earlier (or a first date) is pulled in.
      if (e.from === e.to) return 'other';
      if (e.to === null) return 'pushed_out';
      // Equivalent mutants: `false` just below (a date compared with null is never greater: pulled in all the
      // same) and `>=` on the last line (equal dates returned 'other' above).
      if (e.from === null) return 'pulled_in';
      return e.to > e.from ? 'pushed_out' : 'pulled_in';
    case 'stage_changed': {
      const from = index.byId.get(e.from)?.openIndex ?? -1;
      const to = index.byId.get(e.to)?.openIndex ?? -1;
      if (from >= 0 && to >= 0 && from !== to) return to > from ? 'stage_advanced' : 'stage_regressed';
      return e.kind === 'regress' ? 'stage_regressed' : 'stage_advanced';
    }
    default:
      return 'other';
  }
}
