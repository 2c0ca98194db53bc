import type { CurrencyCode } from '../money/currency.js';
import type { Decimal } from '../money/decimal.js';
import { MS_PER_DAY } from '../time/daysBetween.js';
import { plainDateParts } from '../time/plainDate.js';
import type { OpportunityEvent, Split } from './events.js';
import type { CustomerId, OpportunityId, PipelineId, StageId, UserId } from './ids.js';
import type { ForecastCategory } from './stage.js';

// The shape of DealColumns (types and codes), apart from the builders so that the
// private builder can import it without a cycle.

/**
 * Stage codes: positions in {@link DealColumns.stageIds} (the pipeline's stages in
 * order); a code at or beyond `stageIds.length` (0xff or 0xffff) means "no stage".
 */
export type StageCodes = Uint8Array | Uint16Array;

/**
 * The ledger of a {@link DealColumns} chunk as columns, one entry per event. Deal `i`'s
 * events are the entries `start[i]` to `start[i + 1] - 1`, in ledger order.
 */
export interface EventColumns {
  /** Offsets: `length + 1` entries, `start[0] = 0`, non-decreasing. */
  readonly start: Int32Array;
  /** The event type, as an index into {@link COLUMN_EVENT_TYPES}. */
  readonly type: Uint8Array;
  /**
   * The stage the event puts the deal in (`created.stageId`, `stage_changed.to`,
   * `won.stageId`, `lost.stageId`, `reopened.stageId`); "no stage" for other events.
   */
  readonly stage: StageCodes;
  /** The event's time, in ms since the epoch. */
  readonly at: Float64Array;
  /**
   * The events that change a field other than the stage (`amount_changed`,
   * `close_date_changed`, `owner_changed`, `splits_changed`, `probability_changed`,
   * `forecast_category_changed`), by event index: kept as objects, since they are few
   * and needed only to rebuild a deal as of an instant. Also kept: every `lost` event
   * (its reason and competitor), and a `stage_changed` that does not move from the
   * stage the ledger stood in or whose `kind` is not the one the order of the open
   * stages gives (`regress` backwards, `advance` to the next, `skip` otherwise).
   */
  readonly fieldEvents: ReadonlyMap<number, OpportunityEvent>;
  /**
   * For an imported ledger that starts without `created` (its first stage-setting event
   * is a `stage_changed`), the stage the deal stood in from its first event: that
   * change's `from`, by deal index.
   */
  readonly impliedStage: ReadonlyMap<number, number>;
}

/**
 * A book of deals of one pipeline in columnar form (列式): typed arrays instead of one
 * object per deal, so that a million deals with five events each fit in about 100 MB
 * and the aggregates read them in tight loops. Built by {@link dealColumns} (from parsed
 * deals), `dealColumnsFromRows` (from storage rows) or `dealColumnsFromArrow` (from an
 * Apache Arrow table), never by hand; read by the column forms of the analytics and
 * forecasts (`stageFlow`, `funnelSnapshot`, `cohortFunnel`, `weightedForecast`,
 * `forecastCategories`, `winLoss`, `conversionTimes`, `competingRisks`) and by every
 * accumulator's `add`, which give the same results as on the deals themselves.
 *
 * Conventions: deal `i` is entry `i` of every per-deal column; strings are dictionary
 * codes (`owner[i]` indexes `ownerIds`); an optional column is `undefined` when no deal
 * has a value, and {@link NO_CODE} marks a deal without one; amounts are exact integers
 * of minor units (NaN when the amount is not a whole number of minor units below 2⁵³,
 * in which case `amountExact` holds it); dates are day numbers (days since 1970-01-01,
 * {@link NO_DAY} for none) and instants ms since the epoch (NaN for none).
 */
export interface DealColumns {
  /** Tells a columns chunk from an iterable of deals. */
  readonly kind: 'deal_columns';
  /** The pipeline of every deal. */
  readonly pipelineId: PipelineId;
  /** The pipeline's stage ids, in order: the dictionary of every stage code. */
  readonly stageIds: readonly StageId[];
  /** Number of deals. */
  readonly length: number;
  /** Each deal's id. */
  readonly ids: readonly OpportunityId[];
  /** Each deal's customer, a code into `customerIds`. */
  readonly customer: Int32Array;
  /** The customer dictionary. */
  readonly customerIds: readonly CustomerId[];
  /** Each deal's owner, a code into `ownerIds`. */
  readonly owner: Int32Array;
  /** The owner dictionary. */
  readonly ownerIds: readonly UserId[];
  /** Each deal's current stage. */
  readonly stage: StageCodes;
  /** Each deal's status: see {@link STATUS_CODES} (0 open, 1 suspended, 2 won, 3 lost). */
  readonly status: Uint8Array;
  /** Each deal's currency, a code into `currencies`. */
  readonly currency: Uint8Array;
  /** The currency dictionary. */
  readonly currencies: readonly CurrencyCode[];
  /** Each deal's amount in minor units of its currency, an exact integer; NaN when `amountExact` holds it. */
  readonly amountMinor: Float64Array;
  /** The amounts (in major units) that are not a safe integer number of minor units, by deal index. */
  readonly amountExact: ReadonlyMap<number, Decimal>;
  /** Each deal's expected close date as a day number, or {@link NO_DAY}. */
  readonly closeDay: Int32Array;
  /** Each deal's `closedAt` in ms, or NaN. */
  readonly closedAt: Float64Array;
  /** Each deal's region, a code into `regions` ({@link NO_CODE} for none); undefined when no deal has one. */
  readonly region: Int32Array | undefined;
  /** The region dictionary. */
  readonly regions: readonly string[];
  /** Each deal's probability override, a code into `probabilities` ({@link NO_CODE} for none); undefined when no deal has one. */
  readonly probabilityOverride: Int32Array | undefined;
  /** The distinct probability overrides (exact decimals). */
  readonly probabilities: readonly Decimal[];
  /** Each deal's forecast-category override, an index into {@link FORECAST_CATEGORY_CODES} ({@link NO_CODE} for none); undefined when no deal has one. */
  readonly forecastCategoryOverride: Int32Array | undefined;
  /** Each lost deal's reason, a code into `lossReasons`; undefined when no deal has one. */
  readonly lossReason: Int32Array | undefined;
  /** The loss-reason dictionary. */
  readonly lossReasons: readonly string[];
  /** Each lost deal's competitor, a code into `competitors`; undefined when no deal has one. */
  readonly competitor: Int32Array | undefined;
  /** The competitor dictionary. */
  readonly competitors: readonly string[];
  /** Each deal's `attributes.projectType` (a non-empty string), a code into `projectTypes`; undefined when no deal has one. */
  readonly projectType: Int32Array | undefined;
  /** The project-type dictionary. */
  readonly projectTypes: readonly string[];
  /** The credit splits of the deals that have them, by deal index. */
  readonly splits: ReadonlyMap<number, readonly Split[]>;
  /** The ledger. */
  readonly events: EventColumns;
}

/**
 * The code of "no value" in an optional code column of {@link DealColumns}.
 *
 * @category Columns
 * @example
 * ```ts
 * import { NO_CODE } from 'sales-funnel';
 * NO_CODE; //=> -1
 * ```
 */
export const NO_CODE = -1;

/**
 * The day number of "no date" in {@link DealColumns.closeDay}.
 *
 * @category Columns
 * @example
 * ```ts
 * import { NO_DAY } from 'sales-funnel';
 * NO_DAY; //=> -2147483648
 * ```
 */
export const NO_DAY = -2147483648;

/** Stage code of "no stage" while building (narrowed to 0xff / 0xffff in the columns). @internal */
export const NO_STAGE = -1;

/**
 * The statuses, indexed by their code in {@link DealColumns.status}.
 *
 * @category Columns
 * @example
 * ```ts
 * import { STATUS_CODES } from 'sales-funnel';
 * STATUS_CODES.indexOf('won'); //=> 2
 * ```
 */
export const STATUS_CODES = ['open', 'suspended', 'won', 'lost'] as const;

/**
 * The forecast categories, indexed by their code in
 * {@link DealColumns.forecastCategoryOverride}.
 *
 * @category Columns
 * @example
 * ```ts
 * import { FORECAST_CATEGORY_CODES } from 'sales-funnel';
 * FORECAST_CATEGORY_CODES[2]; //=> 'commit'
 * ```
 */
export const FORECAST_CATEGORY_CODES: readonly ForecastCategory[] = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'];

/**
 * The event types, indexed by their code in {@link EventColumns.type}.
 *
 * @category Columns
 * @example
 * ```ts
 * import { COLUMN_EVENT_TYPES } from 'sales-funnel';
 * COLUMN_EVENT_TYPES.indexOf('stage_changed'); //=> 1
 * ```
 */
export const COLUMN_EVENT_TYPES = [
  'created',
  'stage_changed',
  'task_completed',
  'task_reopened',
  'amount_changed',
  'close_date_changed',
  'owner_changed',
  'splits_changed',
  'suspended',
  'resumed',
  'won',
  'lost',
  'reopened',
  'activity_logged',
  'probability_changed',
  'forecast_category_changed',
] as const satisfies readonly OpportunityEvent['type'][];

/** The day number (days since 1970-01-01) of a `YYYY-MM-DD` date. @internal */
export function dayNumber(date: string): number {
  const p = plainDateParts(date);
  if (p === undefined) return NO_DAY;
  return Date.UTC(p.year, p.month - 1, p.day) / MS_PER_DAY;
}


/**
 * Whether a value is a {@link DealColumns} chunk (rather than an iterable of deals).
 *
 * @param value - Anything.
 * @returns `true` for a columns chunk.
 *
 * @category Columns
 * @example
 * ```ts
 * import { dealColumns, isDealColumns, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * isDealColumns(dealColumns([], pipeline)); //=> true
 * isDealColumns([]); //=> false
 * ```
 */
export function isDealColumns(value: unknown): value is DealColumns {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'deal_columns';
}
