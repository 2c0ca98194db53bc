// Reading the ledger of a DealColumns chunk: where an event's noted values are, the
// stage an imported ledger stood in before its first stage change, and an event
// rebuilt as an object (for the code that reads deals event by event).
import type { CurrencyCode } from '../money/currency.js';
import { minorUnitDigits } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { dayToPlainDate } from './columnGroups.js';
import {
  COLUMN_EVENT_TYPES, FORECAST_CATEGORY_CODES, NO_CODE, NO_DAY, STAGE_CHANGE_KINDS, type DealColumns, type EventValues,
} from './dealColumnsShape.js';
import type { OpportunityEvent } from './events.js';
import type { KeyTaskId } from './ids.js';
import type { PipelineIndex } from './pipelineIndex.js';

/** The code of each event type, for the readers' loops. @internal */
export const EV = {
  CREATED: COLUMN_EVENT_TYPES.indexOf('created'),
  STAGE_CHANGED: COLUMN_EVENT_TYPES.indexOf('stage_changed'),
  AMOUNT_CHANGED: COLUMN_EVENT_TYPES.indexOf('amount_changed'),
  CLOSE_DATE_CHANGED: COLUMN_EVENT_TYPES.indexOf('close_date_changed'),
  OWNER_CHANGED: COLUMN_EVENT_TYPES.indexOf('owner_changed'),
  SPLITS_CHANGED: COLUMN_EVENT_TYPES.indexOf('splits_changed'),
  SUSPENDED: COLUMN_EVENT_TYPES.indexOf('suspended'),
  RESUMED: COLUMN_EVENT_TYPES.indexOf('resumed'),
  WON: COLUMN_EVENT_TYPES.indexOf('won'),
  LOST: COLUMN_EVENT_TYPES.indexOf('lost'),
  REOPENED: COLUMN_EVENT_TYPES.indexOf('reopened'),
  PROBABILITY_CHANGED: COLUMN_EVENT_TYPES.indexOf('probability_changed'),
  CATEGORY_CHANGED: COLUMN_EVENT_TYPES.indexOf('forecast_category_changed'),
} as const;

const STATUS_WON = 2;
const STATUS_LOST = 3;

/**
 * The position of the first noted event at or after event index `e` (the number of
 * noted events before it): a binary search over `values.event`. @internal
 */
export function firstNotedFrom(values: EventValues, e: number): number {
  const ev = values.event;
  let lo = 0;
  let hi = ev.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ev[mid]! < e) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The position of event `e` among the noted events, or −1 when it is not noted. @internal */
export function notedAt(values: EventValues, e: number): number {
  const k = firstNotedFrom(values, e);
  return k < values.event.length && values.event[k] === e ? k : -1;
}

/**
 * The stage deal `i` stood in from its first event when its ledger's first
 * stage-setting event is a `stage_changed` (an import without `created`): that change's
 * `from`; −1 otherwise. @internal
 */
export function impliedStageOf(cols: DealColumns, i: number): number {
  const ev = cols.events;
  const end = ev.start[i + 1]!;
  const type = ev.type;
  const noStage = cols.stageIds.length;
  for (let e = ev.start[i]!; e < end; e++) {
    const t = type[e]!;
    if (t === EV.STAGE_CHANGED) {
      const k = notedAt(ev.values, e);
      return k < 0 ? -1 : ev.values.from[k]!;
    }
    if (ev.stage[e]! < noStage) return -1;
  }
  return -1;
}

/**
 * What deal `i`'s ledger says of its `closedAt`, in ms: the time of its last `won` or
 * `lost` event when the deal stands won or lost, NaN otherwise (the `closedAt` column
 * not read). @internal
 */
export function ledgerClosedAt(cols: DealColumns, i: number): number {
  const s = cols.status[i]!;
  if (s !== STATUS_WON && s !== STATUS_LOST) return Number.NaN;
  const { start, type, at } = cols.events;
  const begin = start[i]!;
  for (let e = start[i + 1]! - 1; e >= begin; e--) {
    const t = type[e]!;
    if (t === EV.WON || t === EV.LOST) return at[e]!;
  }
  return Number.NaN;
}

/**
 * Deal `i`'s `closedAt` in ms (NaN for none): the `closedAt` column's, or, when the
 * chunk leaves it out, what the ledger says ({@link ledgerClosedAt}). @internal
 */
export function closedAtOf(cols: DealColumns, i: number): number {
  const col = cols.closedAt;
  return col !== undefined ? col[i]! : ledgerClosedAt(cols, i);
}

/** Every deal's `closedAt` ({@link closedAtOf}) as a column: the chunk's own, or a new one. @internal */
export function closedAtColumn(cols: DealColumns): Float64Array {
  if (cols.closedAt !== undefined) return cols.closedAt;
  const n = cols.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = ledgerClosedAt(cols, i);
  return out;
}

/** An exact integer number of minor units as a decimal amount (`scale` = 10^minor digits). @internal */
export function minorToDecimal(minor: number, scale: number): Decimal {
  const d = new Decimal(minor);
  return scale === 1 ? d : d.div(scale);
}

/** Noted amount `k` (of an `amount_changed`) as money. @internal */
export function notedAmount(cols: DealColumns, k: number): Money {
  const v = cols.events.values;
  const currency: CurrencyCode = cols.currencies[v.amountCurrency[k]!]!;
  const exact = v.amountExact.get(k);
  return { amount: exact ?? minorToDecimal(v.amountMinor[k]!, 10 ** minorUnitDigits(currency)), currency };
}

/** Deal `i`'s current amount as money (exact; allocates: for the slow paths). @internal */
export function currentAmount(cols: DealColumns, i: number): Money {
  const currency = cols.currencies[cols.currency[i]!]!;
  const exact = cols.amountExact.get(i);
  return { amount: exact ?? minorToDecimal(cols.amountMinor[i]!, 10 ** minorUnitDigits(currency)), currency };
}

/** The text of a code of an optional code column, or undefined. */
function codeText(col: Int8Array | Int16Array | Int32Array | undefined, dictionary: readonly string[], i: number): string | undefined {
  const c = col === undefined ? NO_CODE : col[i]!;
  return c === NO_CODE ? undefined : dictionary[c];
}

const day = (d: number) => (d === NO_DAY ? null : dayToPlainDate(d));

/**
 * Event `e` of deal `i` rebuilt as an object, with its `seq`: its type, time, stage and
 * noted values. A `stage_changed` whose values are not noted moves from `stageBefore`
 * (the stage code the ledger stood in; −1 for none: its own `to`) with the kind the
 * order of the open stages gives; a `lost` whose values are not noted has the deal's own
 * reason and competitor. What the columns do not hold is left out or blank: `by`, an
 * event id, a stage change's or reopening's reason, a task event's task (`''`), an
 * activity's details (kind `'other'`). @internal
 */
export function columnEvent(cols: DealColumns, i: number, e: number, seq: number, stageBefore: number, index: PipelineIndex): OpportunityEvent {
  const ev = cols.events;
  const stageIds = cols.stageIds;
  const type = COLUMN_EVENT_TYPES[ev.type[e]!]!;
  const at = new Date(ev.at[e]!);
  const to = ev.stage[e]!;
  const v = ev.values;
  const k = ev.type[e] === EV.CREATED || ev.type[e] === EV.WON || ev.type[e] === EV.REOPENED ? -1 : notedAt(v, e);
  const from = k < 0 ? NO_CODE : v.from[k]!;
  const next = k < 0 ? NO_CODE : v.to[k]!;
  switch (type) {
    case 'created':
    case 'won':
    case 'reopened':
      return { type, seq, at, stageId: stageIds[to]! };
    case 'lost': {
      const reason = k < 0 ? codeText(cols.lossReason, cols.lossReasons, i) : cols.lossReasons[from];
      const competitor = k < 0 ? codeText(cols.competitor, cols.competitors, i) : next === NO_CODE ? undefined : cols.competitors[next];
      return { type, seq, at, stageId: stageIds[to]!, reason: reason ?? '', ...(competitor === undefined ? {} : { competitor }) };
    }
    case 'stage_changed': {
      if (k >= 0) {
        return { type, seq, at, from: (from < stageIds.length ? stageIds[from]! : '') as never, to: stageIds[to]!, kind: STAGE_CHANGE_KINDS[next]! };
      }
      const fromId = stageIds[stageBefore < 0 ? to : stageBefore]!;
      const a = index.byId.get(fromId)?.openIndex ?? -1;
      const b = index.byId.get(stageIds[to]!)?.openIndex ?? -1;
      return { type, seq, at, from: fromId, to: stageIds[to]!, kind: b < a ? 'regress' : b === a + 1 ? 'advance' : 'skip' };
    }
    case 'amount_changed':
      return { type, seq, at, from: notedAmount(cols, from), to: notedAmount(cols, next) };
    case 'close_date_changed':
      return { type, seq, at, from: day(from), to: day(next) };
    case 'owner_changed':
      return { type, seq, at, from: cols.ownerIds[from]!, to: cols.ownerIds[next]! };
    case 'splits_changed':
      return { type, seq, at, to: next === NO_CODE ? null : cols.splitLists[next]!.map((s) => ({ ...s })) };
    case 'probability_changed':
      return { type, seq, at, from: from === NO_CODE ? null : cols.probabilities[from]!, to: next === NO_CODE ? null : cols.probabilities[next]! };
    case 'forecast_category_changed':
      return { type, seq, at, from: from === NO_CODE ? null : FORECAST_CATEGORY_CODES[from]!, to: next === NO_CODE ? null : FORECAST_CATEGORY_CODES[next]! };
    case 'task_completed':
    case 'task_reopened':
      return { type, seq, at, taskId: '' as KeyTaskId };
    case 'activity_logged':
      return { type, seq, at, kind: 'other' };
    default:
      return { type, seq, at };
  }
}

/**
 * Event `e`, a `close_date_changed` with its `seq`, as an object: for the code that
 * reads close-date changes of deals. @internal
 */
export function closeDateChangeAt(cols: DealColumns, e: number, seq: number): Extract<OpportunityEvent, { type: 'close_date_changed' }> {
  const v = cols.events.values;
  const k = firstNotedFrom(v, e);
  return { type: 'close_date_changed', seq, at: new Date(cols.events.at[e]!), from: day(v.from[k]!), to: day(v.to[k]!) };
}
