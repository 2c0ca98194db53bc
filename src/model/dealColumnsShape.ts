import type { CurrencyCode } from '../money/currency.js';
import type { Decimal } from '../money/decimal.js';
import { MS_PER_DAY } from '../time/daysBetween.js';
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
 * A column of dictionary codes, one per deal (or per noted event): the narrowest signed
 * array that holds every code of its dictionary (`Int8Array` up to 128 entries,
 * `Int16Array` up to 32 768, else `Int32Array`), with {@link NO_CODE} (−1) for none.
 */
export type CodeColumn = Int8Array | Int16Array | Int32Array;

/**
 * The ids of the deals of a {@link DealColumns} chunk, packed: the characters of every
 * id in one typed array and an offset per deal, instead of a string per deal (a
 * million ids take about 12 MB instead of about 34 MB). `at(i)` returns a new string.
 */
export interface DealIds extends Iterable<OpportunityId> {
  /** Number of ids (the chunk's number of deals). */
  readonly length: number;
  /**
   * Deal `i`'s id, for `0 ≤ i < length`.
   *
   * @param i - The deal's index.
   * @returns Its id (a new string, sharing nothing with the columns).
   */
  at(i: number): OpportunityId;
}

/**
 * The values of the events of a ledger that carry more than a type, a stage and a time
 * ("noted events"), as columns: one entry per noted event, in ledger order. Event
 * `event[k]` is noted, and its values are `from[k]` and `to[k]`:
 *
 * | event | `from` | `to` |
 * | --- | --- | --- |
 * | `amount_changed` | index into `amountMinor` of its `from` | same, of its `to` |
 * | `close_date_changed` | day number of its `from`, {@link NO_DAY} for null | same, of its `to` |
 * | `owner_changed` | code into {@link DealColumns.ownerIds} | same |
 * | `splits_changed` | {@link NO_CODE} (the event has no `from`) | code into {@link DealColumns.splitLists}, {@link NO_CODE} for null |
 * | `probability_changed` | code into {@link DealColumns.probabilities}, {@link NO_CODE} for null | same |
 * | `forecast_category_changed` | code into {@link FORECAST_CATEGORY_CODES}, {@link NO_CODE} for null | same |
 * | `lost` | code into {@link DealColumns.lossReasons} (its reason) | code into {@link DealColumns.competitors}, {@link NO_CODE} for none |
 * | `stage_changed` | stage code of its `from` (`stageIds.length` for a stage the pipeline does not have) | its `kind`, an index into {@link STAGE_CHANGE_KINDS} |
 *
 * Which events are noted: every field change (`amount_changed`, `close_date_changed`,
 * `owner_changed`, `splits_changed`, `probability_changed`,
 * `forecast_category_changed`); a `lost` whose reason or competitor is not the deal's
 * own (`lossReason`, `competitor`: a deal lost once needs no entry); and a
 * `stage_changed` that is the first event of its ledger to set the stage (an import
 * without `created`: its `from` is where the deal stood before) or that is irregular
 * (it does not move from the stage the ledger stood in, or its `kind` is not the one the
 * order of the open stages gives: `regress` backwards, `advance` to the next, `skip`
 * otherwise). Every other event is rebuilt from its type, stage and time.
 */
export interface EventValues {
  /** The index of each noted event in the event columns, ascending. */
  readonly event: Int32Array;
  /** Each noted event's first value (see the table). */
  readonly from: Int32Array;
  /** Each noted event's second value (see the table). */
  readonly to: Int32Array;
  /**
   * The amounts of the `amount_changed` events (their `from` and `to`), in minor units
   * of their currency: exact integers, NaN when `amountExact` holds the amount.
   */
  readonly amountMinor: Float64Array;
  /** Each amount's currency, a code into {@link DealColumns.currencies}. */
  readonly amountCurrency: Uint8Array;
  /** The amounts (in major units) that are not a safe integer number of minor units, by index into `amountMinor`. */
  readonly amountExact: ReadonlyMap<number, Decimal>;
}

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
  /** The values of the events that carry more (field changes, some `lost` and `stage_changed` events). */
  readonly values: EventValues;
}

/**
 * A book of deals of one pipeline in columnar form (列式): typed arrays instead of one
 * object per deal, so that a million deals with five events each fit in under 100 MB
 * and the aggregates read them in tight loops. Built by {@link dealColumns} (from parsed
 * deals), `dealColumnsFromRows` (from storage rows) or `dealColumnsFromArrow` (from an
 * Apache Arrow table), never by hand; read by the column forms of the analytics and
 * forecasts (`stageFlow`, `funnelSnapshot`, `cohortFunnel`, `weightedForecast`,
 * `forecastCategories`, `winLoss`, `conversionTimes`, `competingRisks`) and by every
 * accumulator's `add`, which give the same results as on the deals themselves.
 *
 * Conventions: deal `i` is entry `i` of every per-deal column; strings are dictionary
 * codes (`owner[i]` indexes `ownerIds`) in a {@link CodeColumn}; an optional column is
 * `undefined` when no deal has a value, and {@link NO_CODE} marks a deal without one;
 * amounts are exact integers of minor units (NaN when the amount is not a whole number
 * of minor units below 2⁵³, in which case `amountExact` holds it); dates are day
 * numbers (days since 1970-01-01, {@link NO_DAY} for none) and instants ms since the
 * epoch (NaN for none). The dictionaries hold the values of the deals and of their
 * ledgers' events (an owner that appears only in an `owner_changed` is in `ownerIds`).
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
  /** Each deal's id, packed: `ids.at(i)`. */
  readonly ids: DealIds;
  /** Each deal's customer, a code into `customerIds`. */
  readonly customer: CodeColumn;
  /** The customer dictionary. */
  readonly customerIds: readonly CustomerId[];
  /** Each deal's owner, a code into `ownerIds`. */
  readonly owner: CodeColumn;
  /** The owner dictionary (the deals' owners, and the owners of their `owner_changed` events). */
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
  /**
   * Each deal's `closedAt` in ms, or NaN; `undefined` when every deal's `closedAt` is
   * what its ledger says (as for every valid deal): the time of its ledger's last `won`
   * or `lost` event when it stands won or lost, none otherwise.
   */
  readonly closedAt: Float64Array | undefined;
  /** Each deal's region, a code into `regions` ({@link NO_CODE} for none); undefined when no deal has one. */
  readonly region: CodeColumn | undefined;
  /** The region dictionary. */
  readonly regions: readonly string[];
  /** Each deal's probability override, a code into `probabilities` ({@link NO_CODE} for none); undefined when no deal has one. */
  readonly probabilityOverride: CodeColumn | undefined;
  /** The distinct probabilities (exact decimals) of the overrides and of the `probability_changed` events. */
  readonly probabilities: readonly Decimal[];
  /** Each deal's forecast-category override, an index into {@link FORECAST_CATEGORY_CODES} ({@link NO_CODE} for none); undefined when no deal has one. */
  readonly forecastCategoryOverride: CodeColumn | undefined;
  /** Each lost deal's reason, a code into `lossReasons`; undefined when no deal has one. */
  readonly lossReason: CodeColumn | undefined;
  /** The loss-reason dictionary (the deals' and their `lost` events'). */
  readonly lossReasons: readonly string[];
  /** Each lost deal's competitor, a code into `competitors`; undefined when no deal has one. */
  readonly competitor: CodeColumn | undefined;
  /** The competitor dictionary (the deals' and their `lost` events'). */
  readonly competitors: readonly string[];
  /** Each deal's `attributes.projectType` (a non-empty string), a code into `projectTypes`; undefined when no deal has one. */
  readonly projectType: CodeColumn | undefined;
  /** The project-type dictionary. */
  readonly projectTypes: readonly string[];
  /** Each deal's credit splits, a code into `splitLists` ({@link NO_CODE} for none); undefined when no deal has any. */
  readonly split: CodeColumn | undefined;
  /** The distinct lists of credit splits, of the deals and of their `splits_changed` events. */
  readonly splitLists: readonly (readonly Split[])[];
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

/**
 * The kinds of a stage change, indexed by their code in {@link EventValues.to} of a
 * noted `stage_changed`.
 *
 * @category Columns
 * @example
 * ```ts
 * import { STAGE_CHANGE_KINDS } from 'sales-funnel';
 * STAGE_CHANGE_KINDS[2]; //=> 'regress'
 * ```
 */
export const STAGE_CHANGE_KINDS = ['advance', 'skip', 'regress'] as const;

/**
 * The day number (days since 1970-01-01) of a `YYYY-MM-DD` date, {@link NO_DAY} for a
 * string that is not a valid date (as `isPlainDate` judges it): fixed positions, no
 * regular expression, no `Date` object. @internal
 */
export function dayNumber(date: string): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return NO_DAY;
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 2);
  const day = digits(date, 8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1) return NO_DAY;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (day > days) return NO_DAY;
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** The number written by the `n` digits of `s` from `from`, or −1 when one is not a digit. */
function digits(s: string, from: number, n: number): number {
  let x = 0;
  for (let i = from; i < from + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    x = x * 10 + c;
  }
  return x;
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
