import type fc from 'fast-check';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import type { CalendarDateInput } from '../time/calendarDate.js';
import type { InstantInput } from '../time/instant.js';
import { buildDeal, dealDrawArb } from './_lib/dealLife.js';
import { dealSettings } from './_lib/dealSettings.js';
import { idListOption, pipelineOption, textOption } from './_lib/textOptions.js';

/**
 * Constraints for {@link opportunityArb}; the timeline and knob fields are shared with
 * {@link bookArb}.
 *
 * @category Testing
 */
export interface OpportunityConstraints {
  /** The pipeline the deals belong to (required): it needs an open, a won and a lost stage. */
  readonly pipeline: Pipeline;
  /**
   * Owner ids; a deal starts with one of them and may be handed to another.
   * @defaultValue `['rep-1', 'rep-2', 'rep-3']`
   */
  readonly owners?: readonly string[];
  /**
   * Customer ids the deals belong to.
   * @defaultValue `['c-1', 'c-2', 'c-3', 'c-4', 'c-5']`
   */
  readonly customers?: readonly string[];
  /**
   * Regions (some deals have none; an empty list gives none at all).
   * @defaultValue `['华东', '华北', '华南']`
   */
  readonly regions?: readonly string[];
  /**
   * Earliest creation date (UTC).
   * @defaultValue `'2025-01-01'`
   */
  readonly from?: CalendarDateInput;
  /**
   * Latest creation date (UTC); deals are never created after `asOf` either.
   * @defaultValue the UTC date of `asOf` when it is given, else `'2026-06-30'`
   */
  readonly to?: CalendarDateInput;
  /**
   * The instant the books are read: every ledger event (and so every deal's whole
   * life so far) is at or before it. Deals still open at `asOf` are open or suspended.
   * @defaultValue the end of `to` (midnight UTC after it), `2026-07-01T00:00:00Z` by default
   */
  readonly asOf?: InstantInput;
  /**
   * Most random steps of a deal's life after creation (moves, task completions and
   * reopenings, suspensions, amount, close-date and owner changes, a loss reopened).
   * @defaultValue 12
   */
  readonly maxSteps?: number;
  /**
   * Largest amount, in whole units of the pipeline's currency.
   * @defaultValue 5 000 000
   */
  readonly maxAmount?: number;
  /**
   * Id prefix: ids are `prefix-N` with a random N (use {@link bookArb} for ids unique
   * across a book).
   * @defaultValue `'o'`
   */
  readonly idPrefix?: string;
  /**
   * Whether a deal may be created in any open stage, as imports often are.
   * @defaultValue false
   */
  readonly startAnywhere?: boolean;
  /**
   * Share of the deals that are closed (won or lost) at `asOf`, from 0 to 1.
   * @defaultValue 0.4
   */
  readonly closedShare?: number;
  /**
   * Share of the closed deals that are won, from 0 to 1 (0: every closed deal is lost;
   * 1: every one is won).
   * @defaultValue 0.5
   */
  readonly winRate?: number;
  /**
   * Share of the deals still open at `asOf` that are suspended (中止), from 0 to 1.
   * @defaultValue 0.25
   */
  readonly suspendedShare?: number;
  /**
   * Cycle time: the days a deal spends in each stage it passes through, drawn evenly
   * from `min` to `max` (mean `(min + max) / 2`), so a deal's time from creation to close
   * is the sum over its stays. When `from`…`asOf` is too short for a deal's stays, its
   * life is compressed to fit.
   * @defaultValue `{ min: 0, max: 40 }`
   */
  readonly daysPerStage?: { readonly min: number; readonly max: number };
}

/**
 * Valid opportunities of a pipeline with realistic ledgers: created in the first open
 * stage (or any, with `startAnywhere`), then a walk of task completions and reopenings,
 * advances, skips and regressions (as the pipeline's policies allow), suspensions,
 * amount, close-date and owner changes, and now and then a loss that is reopened;
 * ending won or lost (`closedShare`, `winRate`; a won deal first advances through the
 * open stages it has not reached), or open or suspended (`suspendedShare`) at `asOf`.
 * Each stay in a stage lasts `daysPerStage`. The ledger follows the engine's rules: required manual key tasks are done
 * before a deal leaves a stage forward or is won, a suspended deal is resumed before it
 * moves, only `won`/`lost` events close a deal and only `reopened` brings it back, time
 * never goes backwards and no event is after `asOf`. The deal's stage, status, amount,
 * owner, close date, completed tasks and closing fields are those its ledger leaves.
 *
 * @param constraints - The pipeline, the timeline, counts and knobs.
 * @returns An arbitrary of {@link Opportunity}.
 * @throws {@link sales-funnel!FunnelError} `invalid_option { option }` at once for a bad
 *   constraint (a pipeline without open, won and lost stages, an empty owner list, a
 *   share outside [0, 1], a bad date, `asOf` before `from`, …).
 *
 * @category Testing
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { opportunityArb, pipelineArb } from 'sales-funnel/testing';
 * import { safeParseOpportunity, serializeOpportunity } from 'sales-funnel';
 * fc.assert(
 *   fc.property(
 *     pipelineArb().chain((pipeline) => opportunityArb({ pipeline, winRate: 1 }).map((o) => ({ o, pipeline }))),
 *     ({ o, pipeline }) => o.status !== 'lost' && safeParseOpportunity(serializeOpportunity(o), { pipeline }).success,
 *   ),
 * );
 * ```
 */
export function opportunityArb(constraints: OpportunityConstraints): fc.Arbitrary<Opportunity> {
  const pipeline = pipelineOption(constraints?.pipeline);
  const settings = dealSettings(constraints);
  const customers = idListOption(constraints.customers ?? ['c-1', 'c-2', 'c-3', 'c-4', 'c-5'], 'customers');
  const idPrefix = textOption(constraints.idPrefix ?? 'o', 'idPrefix');
  return dealDrawArb(settings).map((draw) =>
    buildDeal(draw, pipeline, settings, {
      id: `${idPrefix}-${draw.n}`,
      customerId: customers[draw.customer % customers.length] as string,
      useDrawnRegion: true,
    }),
  );
}
