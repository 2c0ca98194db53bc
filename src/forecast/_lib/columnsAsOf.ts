import { minorUnitDigits, type CurrencyCode } from '../../money/currency.js';
import type { Decimal } from '../../money/decimal.js';
import { COLUMN_EVENT_TYPES, dayNumber, FORECAST_CATEGORY_CODES, NO_CODE, NO_DAY, type DealColumns } from '../../model/dealColumns.js';
import type { OpportunityEvent, Split } from '../../model/events.js';
import type { UserId } from '../../model/ids.js';
import type { PipelineIndex } from '../../model/pipelineIndex.js';
import type { ForecastCategory } from '../../model/stage.js';

// The column form of `opportunityAfter` (src/model/opportunityAsOf.ts), for the fields
// the forecasts read: stage, status, `closedAt`, amount, expected close date, owner,
// splits and the two overrides. Same rules, same order of precedence; tested against
// the object path by the accumulator properties.

/** Status code of a deal that did not exist yet at `asOf` (no status of STATUS_CODES). */
export const ABSENT = 0xff;

const EV_CREATED = COLUMN_EVENT_TYPES.indexOf('created');
const EV_STAGE_CHANGED = COLUMN_EVENT_TYPES.indexOf('stage_changed');
const EV_AMOUNT = COLUMN_EVENT_TYPES.indexOf('amount_changed');
const EV_CLOSE_DATE = COLUMN_EVENT_TYPES.indexOf('close_date_changed');
const EV_OWNER = COLUMN_EVENT_TYPES.indexOf('owner_changed');
const EV_SPLITS = COLUMN_EVENT_TYPES.indexOf('splits_changed');
const EV_SUSPENDED = COLUMN_EVENT_TYPES.indexOf('suspended');
const EV_RESUMED = COLUMN_EVENT_TYPES.indexOf('resumed');
const EV_WON = COLUMN_EVENT_TYPES.indexOf('won');
const EV_LOST = COLUMN_EVENT_TYPES.indexOf('lost');
const EV_REOPENED = COLUMN_EVENT_TYPES.indexOf('reopened');
const EV_PROBABILITY = COLUMN_EVENT_TYPES.indexOf('probability_changed');
const EV_CATEGORY = COLUMN_EVENT_TYPES.indexOf('forecast_category_changed');

const S_OPEN = 0;
const S_SUSPENDED = 1;
const S_WON = 2;
const S_LOST = 3;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Field<E extends OpportunityEvent['type']> = Extract<OpportunityEvent, { type: E }>;

/**
 * The columns as they stood at `asOfMs`: a copy of `cols` whose stage, status,
 * `closedAt`, amount (and currency), close day, owner, splits and override columns hold
 * each deal as rebuilt from its ledger, and whose status is {@link ABSENT} for the deals
 * that did not exist yet. Columns no deal changes are shared, not copied; the events
 * and every other column are `cols`'s own. Only the forecasts read the result.
 *
 * @param index - The pipeline's index (the first open stage of a ledger that starts midway).
 * @param reset - Whether stage changes and reopenings clear the probability override.
 */
export function columnsAsOf(cols: DealColumns, index: PipelineIndex, reset: boolean, asOfMs: number): DealColumns {
  const ev = cols.events;
  const { start, type, stage: evStage, at } = ev;
  const noStage = cols.stageIds.length;
  const firstOpen = cols.stageIds.indexOf(index.openIds[0]!);
  const view = new ViewBuilder(cols);
  for (let i = 0; i < cols.length; i++) {
    const begin = start[i]!;
    const end = start[i + 1]!;
    // A deal with an empty ledger has no past; one whose last event is by asOf is as it stands.
    if (begin === end || at[end - 1]! <= asOfMs) continue;
    let n = end;
    while (n > begin && at[n - 1]! > asOfMs) n--;
    if (n === begin) {
      view.status()[i] = ABSENT;
      continue;
    }

    // Forward over the events that happened: what they set.
    let stage = -1;
    let status = S_OPEN;
    let closing = -1;
    let probability: Decimal | null = null;
    let probabilityKnown = false;
    let category: ForecastCategory | null = null;
    let categoryKnown = false;
    let splits: readonly Split[] | null = null;
    for (let e = begin; e < n; e++) {
      const t = type[e]!;
      const s = evStage[e]!;
      if (t === EV_CREATED) stage = s;
      else if (t === EV_STAGE_CHANGED) {
        stage = s;
        if (reset) {
          probability = null;
          probabilityKnown = true;
        }
      } else if (t === EV_WON || t === EV_LOST) {
        stage = s;
        status = t === EV_WON ? S_WON : S_LOST;
        closing = e;
        probability = null;
        probabilityKnown = true;
        category = null;
        categoryKnown = true;
      } else if (t === EV_REOPENED) {
        stage = s;
        status = S_OPEN;
        closing = -1;
        if (reset) {
          probability = null;
          probabilityKnown = true;
        }
      } else if (t === EV_SUSPENDED) {
        if (status === S_OPEN) status = S_SUSPENDED;
      } else if (t === EV_RESUMED) {
        if (status === S_SUSPENDED) status = S_OPEN;
      } else if (t === EV_PROBABILITY) {
        probability = (ev.fieldEvents.get(e) as Field<'probability_changed'>).to;
        probabilityKnown = true;
      } else if (t === EV_CATEGORY) {
        category = (ev.fieldEvents.get(e) as Field<'forecast_category_changed'>).to;
        categoryKnown = true;
      } else if (t === EV_SPLITS) {
        splits = (ev.fieldEvents.get(e) as Field<'splits_changed'>).to;
      }
    }

    // Backward: the events that had not happened yet, and what each field was before them.
    let stageEvent = -1;
    let statusLater = false;
    let closingLater = false;
    let probabilityEvent = -1;
    let categoryEvent = -1;
    let amountEvent = -1;
    let closeDateEvent = -1;
    let ownerEvent = -1;
    let splitsLater = false;
    for (let e = n; e < end; e++) {
      const t = type[e]!;
      if (t === EV_CREATED) {
        if (stageEvent < 0) stageEvent = e;
      } else if (t === EV_STAGE_CHANGED) {
        if (stageEvent < 0) stageEvent = e;
        if (reset && probabilityEvent < 0) probabilityEvent = e;
      } else if (t === EV_WON || t === EV_LOST) {
        if (stageEvent < 0) stageEvent = e;
        statusLater = true;
        closingLater = true;
        if (probabilityEvent < 0) probabilityEvent = e;
        if (categoryEvent < 0) categoryEvent = e;
      } else if (t === EV_REOPENED) {
        if (stageEvent < 0) stageEvent = e;
        statusLater = true;
        closingLater = true;
        if (reset && probabilityEvent < 0) probabilityEvent = e;
      } else if (t === EV_SUSPENDED || t === EV_RESUMED) {
        statusLater = true;
      } else if (t === EV_AMOUNT) {
        if (amountEvent < 0) amountEvent = e;
      } else if (t === EV_CLOSE_DATE) {
        if (closeDateEvent < 0) closeDateEvent = e;
      } else if (t === EV_OWNER) {
        if (ownerEvent < 0) ownerEvent = e;
      } else if (t === EV_SPLITS) {
        splitsLater = true;
      } else if (t === EV_PROBABILITY) {
        if (probabilityEvent < 0) probabilityEvent = e;
      } else if (t === EV_CATEGORY) {
        if (categoryEvent < 0) categoryEvent = e;
      }
    }

    if (stageEvent >= 0) {
      let s = stage;
      if (s < 0) {
        // A ledger that starts midway: the stage before its first stage event.
        const t = type[stageEvent]!;
        s = t === EV_STAGE_CHANGED ? (ev.impliedStage.get(i) ?? noStage) : t === EV_WON || t === EV_LOST ? firstOpen : evStage[stageEvent]!;
      }
      if (s !== cols.stage[i]) view.stage()[i] = s;
    }
    if (statusLater && status !== cols.status[i]) view.status()[i] = status;
    if (closingLater) {
      const ms = closing < 0 ? Number.NaN : at[closing]!;
      if (!Object.is(ms, cols.closedAt[i])) view.closedAt()[i] = ms;
    }
    if (amountEvent >= 0) view.setAmount(i, (ev.fieldEvents.get(amountEvent) as Field<'amount_changed'>).from);
    if (closeDateEvent >= 0) {
      const from = (ev.fieldEvents.get(closeDateEvent) as Field<'close_date_changed'>).from;
      const day = from === null ? NO_DAY : dayNumber(from);
      if (day !== cols.closeDay[i]) view.closeDay()[i] = day;
    }
    if (ownerEvent >= 0) view.setOwner(i, (ev.fieldEvents.get(ownerEvent) as Field<'owner_changed'>).from);
    if (splitsLater) view.setSplits(i, splits);
    if (probabilityEvent >= 0) {
      const pe = ev.fieldEvents.get(probabilityEvent);
      view.setProbability(i, pe?.type === 'probability_changed' ? pe.from : probabilityKnown ? probability : null);
    }
    if (categoryEvent >= 0) {
      const ce = ev.fieldEvents.get(categoryEvent);
      view.setCategory(i, ce?.type === 'forecast_category_changed' ? ce.from : categoryKnown ? category : null);
    }
  }
  return view.finish();
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Copy-on-write columns: a column is copied the first time a deal changes it. */
class ViewBuilder {
  private readonly out: Mutable<DealColumns>;
  private readonly copied = new Set<string>();
  private ownerCodes: Map<string, number> | undefined;
  private currencyCodes: Map<string, number> | undefined;
  private probabilityCodes: Map<string, number> | undefined;
  private exact: Map<number, Decimal> | undefined;
  private splitMap: Map<number, readonly Split[]> | undefined;

  constructor(private readonly cols: DealColumns) {
    this.out = { ...cols };
  }

  private copy<K extends 'stage' | 'status' | 'closedAt' | 'closeDay' | 'owner' | 'currency' | 'amountMinor'>(key: K): NonNullable<DealColumns[K]> {
    if (!this.copied.has(key)) {
      this.copied.add(key);
      (this.out as Record<string, unknown>)[key] = (this.cols[key] as Uint8Array).slice();
    }
    return this.out[key] as NonNullable<DealColumns[K]>;
  }

  stage(): Uint8Array | Uint16Array {
    return this.copy('stage');
  }

  status(): Uint8Array {
    return this.copy('status');
  }

  closedAt(): Float64Array {
    return this.copy('closedAt');
  }

  closeDay(): Int32Array {
    return this.copy('closeDay');
  }

  setAmount(i: number, m: { readonly amount: Decimal; readonly currency: CurrencyCode }): void {
    let c = this.cols.currency[i]!;
    if (this.out.currencies[c] !== m.currency) {
      if (this.currencyCodes === undefined) {
        this.out.currencies = [...this.cols.currencies];
        this.currencyCodes = new Map(this.out.currencies.map((x, k) => [x, k]));
      }
      let code = this.currencyCodes.get(m.currency);
      if (code === undefined) {
        code = this.out.currencies.length;
        (this.out.currencies as CurrencyCode[]).push(m.currency);
        this.currencyCodes.set(m.currency, code);
      }
      c = code;
      this.copy('currency')[i] = code;
    }
    const scaled = m.amount.times(10 ** minorUnitDigits(m.currency));
    const minor = scaled.isInteger() && scaled.abs().lte(MAX_SAFE) ? scaled.toNumber() : Number.NaN;
    const amounts = this.copy('amountMinor');
    amounts[i] = minor;
    const had = this.cols.amountExact.has(i);
    if (Number.isNaN(minor) || had) {
      this.exact ??= new Map(this.cols.amountExact);
      this.out.amountExact = this.exact;
      if (Number.isNaN(minor)) this.exact.set(i, m.amount);
      else this.exact.delete(i);
    }
  }

  setOwner(i: number, ownerId: UserId): void {
    if (this.out.ownerIds[this.cols.owner[i]!] === ownerId) return;
    if (this.ownerCodes === undefined) {
      this.out.ownerIds = [...this.cols.ownerIds];
      this.ownerCodes = new Map(this.out.ownerIds.map((x, k) => [x, k]));
    }
    let code = this.ownerCodes.get(ownerId);
    if (code === undefined) {
      code = this.out.ownerIds.length;
      (this.out.ownerIds as UserId[]).push(ownerId);
      this.ownerCodes.set(ownerId, code);
    }
    this.copy('owner')[i] = code;
  }

  setSplits(i: number, splits: readonly Split[] | null): void {
    this.splitMap ??= new Map(this.cols.splits);
    this.out.splits = this.splitMap;
    if (splits === null) this.splitMap.delete(i);
    else this.splitMap.set(i, splits);
  }

  setProbability(i: number, p: Decimal | null): void {
    let codes = this.out.probabilityOverride;
    if (p === null) {
      if (codes !== undefined && codes[i] !== NO_CODE) this.ownProbabilities()[i] = NO_CODE;
      return;
    }
    if (this.probabilityCodes === undefined) {
      this.out.probabilities = [...this.cols.probabilities];
      this.probabilityCodes = new Map(this.out.probabilities.map((x, k) => [x.toString(), k]));
    }
    const key = p.toString();
    let code = this.probabilityCodes.get(key);
    if (code === undefined) {
      code = this.out.probabilities.length;
      (this.out.probabilities as Decimal[]).push(p);
      this.probabilityCodes.set(key, code);
    }
    codes = this.ownProbabilities();
    codes[i] = code;
  }

  setCategory(i: number, category: ForecastCategory | null): void {
    const code = category === null ? NO_CODE : FORECAST_CATEGORY_CODES.indexOf(category);
    const codes = this.out.forecastCategoryOverride;
    if ((codes === undefined ? NO_CODE : codes[i]) === code) return;
    if (!this.copied.has('forecastCategoryOverride')) {
      this.copied.add('forecastCategoryOverride');
      this.out.forecastCategoryOverride = codes === undefined ? new Int32Array(this.cols.length).fill(NO_CODE) : codes.slice();
    }
    this.out.forecastCategoryOverride![i] = code;
  }

  private ownProbabilities(): Int32Array {
    if (!this.copied.has('probabilityOverride')) {
      this.copied.add('probabilityOverride');
      const codes = this.cols.probabilityOverride;
      this.out.probabilityOverride = codes === undefined ? new Int32Array(this.cols.length).fill(NO_CODE) : codes.slice();
    }
    return this.out.probabilityOverride!;
  }

  finish(): DealColumns {
    return this.out;
  }
}
