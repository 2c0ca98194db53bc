// A DealColumns chunk as of an instant: the column form of `opportunityAfter`
// (src/model/opportunityAsOf.ts), one replay for every column path that reads a book as
// it stood (the forecasts with `asOf`, the snapshot, win / loss, the audit, the stall
// finder). Same rules, same order of precedence; tested against the object path by the
// accumulator properties (test/**/*Accumulator.property.test.ts).
import type { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { closedAtColumn, closedAtOf, currentAmount, EV, firstNotedFrom, impliedStageOf, notedAmount } from './columnEvents.js';
import { FORECAST_CATEGORY_CODES, NO_CODE, type CodeColumn, type DealColumns } from './dealColumnsShape.js';
import type { PipelineIndex } from './pipelineIndex.js';

export { currentAmount, minorToDecimal } from './columnEvents.js';

/** Status code of a deal that did not exist yet at `asOf` (no status of STATUS_CODES). @internal */
export const ABSENT = 0xff;

const S_OPEN = 0;
const S_SUSPENDED = 1;
const S_WON = 2;
const S_LOST = 3;

/**
 * How many of deal `i`'s events had happened at `asOfMs`, as an event index: the
 * ledger up to (not including) the first of the events that all lie after it (the
 * column form of `eventsAt`). @internal
 */
export function eventsUntil(cols: DealColumns, i: number, asOfMs: number): number {
  const ev = cols.events;
  const begin = ev.start[i]!;
  const at = ev.at;
  let n = ev.start[i + 1]!;
  while (n > begin && at[n - 1]! > asOfMs) n--;
  return n;
}

/**
 * Deal `i`'s amount as of `asOfMs` when its ledger changes the amount after then: the
 * `from` of the earliest `amount_changed` after `asOfMs`, exactly as `amountAt` reads a
 * deal object; `undefined` when the current amount applies. Allocates only for a
 * change. @internal
 */
export function amountChangedAfter(cols: DealColumns, i: number, asOfMs: number): Money | undefined {
  const ev = cols.events;
  const end = ev.start[i + 1]!;
  const n = eventsUntil(cols, i, asOfMs);
  if (n === end) return undefined;
  const types = ev.type;
  for (let e = n; e < end; e++) {
    if (types[e] !== EV.AMOUNT_CHANGED) continue;
    const v = ev.values;
    const k = firstNotedFrom(v, e);
    return notedAmount(cols, v.from[k]!);
  }
  return undefined;
}

/** Deal `i`'s amount as of `asOfMs` (the rule of `amountAt`), as money. @internal */
export function amountAsOf(cols: DealColumns, i: number, asOfMs: number): Money {
  return amountChangedAfter(cols, i, asOfMs) ?? currentAmount(cols, i);
}

/**
 * The column form of `closeDateAt`'s first rule: the `from` of the earliest
 * `close_date_changed` of deal `i` after `asOfMs` as a day number ({@link NO_DAY} for
 * null); NaN when there is none (the `closeDay` column then holds the date). @internal
 */
export function closeDayChangedAfter(cols: DealColumns, i: number, asOfMs: number): number {
  const ev = cols.events;
  const end = ev.start[i + 1]!;
  for (let e = eventsUntil(cols, i, asOfMs); e < end; e++) {
    if (ev.type[e] !== EV.CLOSE_DATE_CHANGED) continue;
    const v = ev.values;
    return v.from[firstNotedFrom(v, e)]!;
  }
  return Number.NaN;
}

/** Settings of a replay: the pipeline's index (its first open stage) and whether stage changes and reopenings clear the probability override. @internal */
export interface ColumnsReplay {
  readonly index: PipelineIndex;
  readonly reset: boolean;
}

/**
 * The columns as they stood at `asOfMs`: a copy of `cols` whose stage, status,
 * `closedAt`, loss reason and competitor, amount (and currency), close day, owner,
 * splits and override columns hold each deal as rebuilt from its ledger by the rules of
 * `opportunityAsOf`, and whose status is {@link ABSENT} for the deals that did not exist
 * yet. Columns no deal changes are shared, not copied (a column is copied the first
 * time a deal changes it); the ids, events, dictionaries and every other column are
 * `cols`'s own: every value a deal had is in the chunk's dictionaries, so the copy only
 * writes codes. @internal
 */
export function columnsAsOf(cols: DealColumns, replay: ColumnsReplay, asOfMs: number): DealColumns {
  const ev = cols.events;
  const { start, type, stage: evStage, at, values } = ev;
  const vFrom = values.from;
  const vTo = values.to;
  const noStage = cols.stageIds.length;
  const firstOpen = cols.stageIds.indexOf(replay.index.openIds[0]!);
  const reset = replay.reset;
  const view = new ViewBuilder(cols);
  for (let i = 0; i < cols.length; i++) {
    const begin = start[i]!;
    const end = start[i + 1]!;
    // A deal with an empty ledger has no past; one whose last event is by asOf is as it stands.
    if (begin === end || at[end - 1]! <= asOfMs) continue;
    let n = end;
    while (n > begin && at[n - 1]! > asOfMs) n--;
    if (n === begin) {
      view.codes('status')[i] = ABSENT;
      continue;
    }
    // The noted events of the deal are values k0… in ledger order.
    let k = firstNotedFrom(values, begin);
    const noted = values.event;

    // Forward over the events that happened: what they set.
    let stage = -1;
    let status = S_OPEN;
    let closing = -1;
    let closingNote = -1;
    let probability = NO_CODE;
    let probabilityKnown = false;
    let category = NO_CODE;
    let categoryKnown = false;
    let split = NO_CODE;
    for (let e = begin; e < n; e++) {
      const t = type[e]!;
      const note = noted[k] === e ? k++ : -1;
      const s = evStage[e]!;
      if (t === EV.CREATED) stage = s;
      else if (t === EV.STAGE_CHANGED) {
        stage = s;
        if (reset) {
          probability = NO_CODE;
          probabilityKnown = true;
        }
      } else if (t === EV.WON || t === EV.LOST) {
        stage = s;
        status = t === EV.WON ? S_WON : S_LOST;
        closing = e;
        closingNote = note;
        probability = NO_CODE;
        probabilityKnown = true;
        category = NO_CODE;
        categoryKnown = true;
      } else if (t === EV.REOPENED) {
        stage = s;
        status = S_OPEN;
        closing = -1;
        if (reset) {
          probability = NO_CODE;
          probabilityKnown = true;
        }
      } else if (t === EV.SUSPENDED) {
        if (status === S_OPEN) status = S_SUSPENDED;
      } else if (t === EV.RESUMED) {
        if (status === S_SUSPENDED) status = S_OPEN;
      } else if (t === EV.PROBABILITY_CHANGED) {
        probability = vTo[note]!;
        probabilityKnown = true;
      } else if (t === EV.CATEGORY_CHANGED) {
        category = vTo[note]!;
        categoryKnown = true;
      } else if (t === EV.SPLITS_CHANGED) {
        split = vTo[note]!;
      }
    }

    // Backward: the events that had not happened yet, and what each field was before them.
    let stageEvent = -1;
    let statusLater = false;
    let closingLater = false;
    let probabilityEvent = -1;
    let probabilityNote = -1;
    let categoryEvent = -1;
    let categoryNote = -1;
    let amountNote = -1;
    let closeDateNote = -1;
    let ownerNote = -1;
    let splitsLater = false;
    for (let e = n; e < end; e++) {
      const t = type[e]!;
      const note = noted[k] === e ? k++ : -1;
      if (t === EV.CREATED) {
        if (stageEvent < 0) stageEvent = e;
      } else if (t === EV.STAGE_CHANGED) {
        if (stageEvent < 0) stageEvent = e;
        if (reset && probabilityEvent < 0) probabilityEvent = e;
      } else if (t === EV.WON || t === EV.LOST) {
        if (stageEvent < 0) stageEvent = e;
        statusLater = true;
        closingLater = true;
        if (probabilityEvent < 0) probabilityEvent = e;
        if (categoryEvent < 0) categoryEvent = e;
      } else if (t === EV.REOPENED) {
        if (stageEvent < 0) stageEvent = e;
        statusLater = true;
        closingLater = true;
        if (reset && probabilityEvent < 0) probabilityEvent = e;
      } else if (t === EV.SUSPENDED || t === EV.RESUMED) {
        statusLater = true;
      } else if (t === EV.AMOUNT_CHANGED) {
        if (amountNote < 0) amountNote = note;
      } else if (t === EV.CLOSE_DATE_CHANGED) {
        if (closeDateNote < 0) closeDateNote = note;
      } else if (t === EV.OWNER_CHANGED) {
        if (ownerNote < 0) ownerNote = note;
      } else if (t === EV.SPLITS_CHANGED) {
        splitsLater = true;
      } else if (t === EV.PROBABILITY_CHANGED) {
        if (probabilityEvent < 0) {
          probabilityEvent = e;
          probabilityNote = note;
        }
      } else if (t === EV.CATEGORY_CHANGED) {
        if (categoryEvent < 0) {
          categoryEvent = e;
          categoryNote = note;
        }
      }
    }

    if (stageEvent >= 0) {
      let s = stage;
      if (s < 0) {
        // A ledger that starts midway: the stage before its first stage event.
        const t = type[stageEvent]!;
        s = t === EV.STAGE_CHANGED ? impliedStageOrNone(cols, i, noStage) : t === EV.WON || t === EV.LOST ? firstOpen : evStage[stageEvent]!;
      }
      if (s !== cols.stage[i]) view.codes('stage')[i] = s;
    }
    if (statusLater && status !== cols.status[i]) view.codes('status')[i] = status;
    if (closingLater) {
      const ms = closing < 0 ? Number.NaN : at[closing]!;
      if (!Object.is(ms, closedAtOf(cols, i))) view.closedAt()[i] = ms;
      // A lost deal's reason and competitor are its `lost` event's: noted when they are not the deal's own.
      const lost = closing >= 0 && type[closing] === EV.LOST;
      if (!lost || closingNote >= 0) {
        view.setCode('lossReason', i, !lost ? NO_CODE : vFrom[closingNote]!);
        view.setCode('competitor', i, !lost ? NO_CODE : vTo[closingNote]!);
      }
    }
    if (amountNote >= 0) view.setAmount(i, vFrom[amountNote]!);
    if (closeDateNote >= 0) {
      const day = vFrom[closeDateNote]!;
      if (day !== cols.closeDay[i]) view.closeDay()[i] = day;
    }
    if (ownerNote >= 0) {
      const owner = vFrom[ownerNote]!;
      if (owner !== cols.owner[i]) view.codes('owner')[i] = owner;
    }
    if (splitsLater) view.setCode('split', i, split);
    if (probabilityEvent >= 0) {
      view.setCode('probabilityOverride', i, probabilityNote >= 0 ? vFrom[probabilityNote]! : probabilityKnown ? probability : NO_CODE);
    }
    if (categoryEvent >= 0) {
      view.setCode('forecastCategoryOverride', i, categoryNote >= 0 ? vFrom[categoryNote]! : categoryKnown ? category : NO_CODE);
    }
  }
  return view.finish();
}

/** The implied first stage of deal `i`, or "no stage" (`noStage`). */
function impliedStageOrNone(cols: DealColumns, i: number, noStage: number): number {
  const s = impliedStageOf(cols, i);
  return s < 0 ? noStage : s;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Dense = 'stage' | 'status' | 'owner' | 'currency';
type Optional = 'region' | 'probabilityOverride' | 'forecastCategoryOverride' | 'lossReason' | 'competitor' | 'split';

/** Copy-on-write columns: a column is copied the first time a deal changes it. */
class ViewBuilder {
  private readonly out: Mutable<DealColumns>;
  private readonly copied = new Set<string>();
  private exact: Map<number, Decimal> | undefined;

  constructor(private readonly cols: DealColumns) {
    this.out = { ...cols };
  }

  /** The view's own copy of a dense code column. */
  codes<K extends Dense>(key: K): DealColumns[K] {
    if (!this.copied.has(key)) {
      this.copied.add(key);
      this.out[key] = this.cols[key].slice() as never;
    }
    return this.out[key];
  }

  closedAt(): Float64Array {
    if (!this.copied.has('closedAt')) {
      this.copied.add('closedAt');
      // The chunk's column copied, or the ledger's values (when the chunk leaves it out) made a column.
      const own = this.cols.closedAt === undefined ? closedAtColumn(this.cols) : this.cols.closedAt.slice();
      this.out.closedAt = own;
      return own;
    }
    return this.out.closedAt!;
  }

  closeDay(): Int32Array {
    if (!this.copied.has('closeDay')) {
      this.copied.add('closeDay');
      this.out.closeDay = this.cols.closeDay.slice();
    }
    return this.out.closeDay;
  }

  /**
   * Sets deal `i`'s code in an optional code column (allocated, all NO_CODE, when the
   * chunk has none). Every code column holds every code of its dictionary, so the code
   * fits.
   */
  setCode(key: Optional, i: number, code: number): void {
    const col = this.out[key];
    if ((col === undefined ? NO_CODE : col[i]!) === code) return;
    let own = col;
    if (!this.copied.has(key)) {
      this.copied.add(key);
      own = col === undefined ? codeColumn(dictionarySize(this.cols, key), this.cols.length) : col.slice();
      this.out[key] = own;
    }
    own![i] = code;
  }

  /** Sets deal `i`'s amount to noted amount `k`. */
  setAmount(i: number, k: number): void {
    const v = this.cols.events.values;
    const c = v.amountCurrency[k]!;
    if (c !== this.cols.currency[i]) this.codes('currency')[i] = c;
    const minor = v.amountMinor[k]!;
    if (!this.copied.has('amountMinor')) {
      this.copied.add('amountMinor');
      this.out.amountMinor = this.cols.amountMinor.slice();
    }
    this.out.amountMinor[i] = minor;
    const had = this.cols.amountExact.has(i);
    if (Number.isNaN(minor) || had) {
      this.exact ??= new Map(this.cols.amountExact);
      this.out.amountExact = this.exact;
      if (Number.isNaN(minor)) this.exact.set(i, v.amountExact.get(k)!);
      else this.exact.delete(i);
    }
  }

  finish(): DealColumns {
    return this.out;
  }
}

/** The number of entries of the dictionary of an optional code column. */
function dictionarySize(cols: DealColumns, key: Optional): number {
  switch (key) {
    case 'region':
      return cols.regions.length;
    case 'probabilityOverride':
      return cols.probabilities.length;
    case 'forecastCategoryOverride':
      return FORECAST_CATEGORY_CODES.length;
    case 'lossReason':
      return cols.lossReasons.length;
    case 'competitor':
      return cols.competitors.length;
    default:
      return cols.splitLists.length;
  }
}

/** A new code column of `n` entries, all NO_CODE, for a dictionary of `size` entries. */
function codeColumn(size: number, n: number): CodeColumn {
  return (size <= 0x80 ? new Int8Array(n) : size <= 0x8000 ? new Int16Array(n) : new Int32Array(n)).fill(NO_CODE);
}
