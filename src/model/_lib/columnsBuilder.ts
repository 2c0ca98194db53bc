import { minorUnits } from '../../_lib/minorUnits.js';
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import type { CurrencyCode } from '../../money/currency.js';
import { minorUnitDigits } from '../../money/currency.js';
import { Decimal } from '../../money/decimal.js';
import type { OpportunityEvent, Split } from '../events.js';
import type { CustomerId, OpportunityId, PipelineId, UserId } from '../ids.js';
import type { Opportunity } from '../opportunityShape.js';
import { IdPacker } from '../packedIds.js';
import type { PipelineIndex } from '../pipelineIndex.js';
import {
  COLUMN_EVENT_TYPES, dayNumber, FORECAST_CATEGORY_CODES, NO_CODE, NO_DAY, NO_STAGE, type CodeColumn, type DealColumns,
  type EventColumns, type EventValues, type StageCodes,
} from '../dealColumnsShape.js';

// The one builder behind dealColumns, dealColumnsFromRows and dealColumnsFromArrow. It
// keeps no object per deal or per event: every value goes into a typed array grown by
// doubling (codes in the narrowest signed array their dictionary allows, widened when a
// code outgrows it) and trimmed to its length at the end; the strings go into
// dictionaries (one entry per distinct value) and the ids into one packed array.

/** A growable dictionary: distinct strings and their codes, in first-seen order. */
export class Dictionary<T extends string = string> {
  readonly values: T[] = [];
  private readonly codes = new Map<string, number>();

  code(value: T): number {
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(value);
      this.codes.set(value, c);
    }
    return c;
  }
}

type Typed = Float64Array | Int32Array | Uint8Array | Uint16Array;

/**
 * A growable typed array (doubling), trimmed by {@link done}. Each element type has its
 * own subclass, so that every `push` writes one kind of array (a monomorphic store).
 */
abstract class Grow<A extends Typed> {
  n = 0;
  constructor(
    public a: A,
    private readonly make: (n: number) => A,
  ) {}

  abstract push(v: number): void;

  grow(min: number): void {
    const b = this.make(Math.max(16, min, this.a.length * 2));
    b.set(this.a);
    this.a = b;
  }

  done(): A {
    return this.a.length === this.n ? this.a : (this.a.slice(0, this.n) as A);
  }
}

const f64 = (n: number) => new Float64Array(n);
const i32 = (n: number) => new Int32Array(n);
const u8 = (n: number) => new Uint8Array(n);
const u16 = (n: number) => new Uint16Array(n);

class F64 extends Grow<Float64Array> {
  constructor(n: number) {
    super(f64(n), f64);
  }

  push(v: number): void {
    if (this.n === this.a.length) this.grow(this.n + 1);
    this.a[this.n++] = v;
  }
}

class I32 extends Grow<Int32Array> {
  constructor(n: number) {
    super(i32(n), i32);
  }

  push(v: number): void {
    if (this.n === this.a.length) this.grow(this.n + 1);
    this.a[this.n++] = v;
  }
}

class U8 extends Grow<Uint8Array> {
  constructor(n: number) {
    super(u8(n), u8);
  }

  push(v: number): void {
    if (this.n === this.a.length) this.grow(this.n + 1);
    this.a[this.n++] = v;
  }
}

/** Stage codes (or characters): bytes, or 16-bit when the values need it. */
class Small extends Grow<Uint8Array | Uint16Array> {
  constructor(n: number, wide: boolean) {
    super(wide ? u16(n) : u8(n), wide ? u16 : u8);
  }

  push(v: number): void {
    if (this.n === this.a.length) this.grow(this.n + 1);
    this.a[this.n++] = v;
  }
}

/** The narrowest code column for codes below `size` (and NO_CODE). */
function codeArray(size: number, n: number): CodeColumn {
  return size <= 0x80 ? new Int8Array(n) : size <= 0x8000 ? new Int16Array(n) : new Int32Array(n);
}

/** The largest code an array holds. */
function maxCode(a: CodeColumn): number {
  return a instanceof Int8Array ? 0x7f : a instanceof Int16Array ? 0x7fff : 0x7fffffff;
}

/**
 * A growable code column, dense (every deal has a code) or sparse (allocated at the
 * first value, `NO_CODE` elsewhere), in the narrowest array its codes fit, widened
 * (Int8 → Int16 → Int32) when a code outgrows it.
 */
class Codes {
  private a: CodeColumn | undefined;
  private max = -1;

  constructor(private readonly capacity: number) {}

  /** Sets entry `i` (entries below it that were never set are NO_CODE). */
  set(i: number, code: number): void {
    let a = this.a;
    if (a === undefined) {
      a = codeArray(code + 1, Math.max(16, this.capacity, i + 1)).fill(NO_CODE);
      this.a = a;
      this.max = maxCode(a);
    } else if (code > this.max || i >= a.length) {
      const length = i >= a.length ? Math.max(i + 1, a.length * 2) : a.length;
      const b = codeArray(Math.max(code, this.max) + 1, length).fill(NO_CODE);
      b.set(a);
      a = b;
      this.a = b;
      this.max = maxCode(b);
    }
    a[i] = code;
  }

  /**
   * The column of `n` entries, or undefined when none was set: in the narrowest array
   * that holds every code of its dictionary of `size` entries (the codes of events
   * that only the dictionary has included), so that a view as of an instant can write
   * any of them.
   */
  done(n: number, size: number): CodeColumn | undefined {
    const a = this.a;
    if (a === undefined) return undefined;
    if (size - 1 <= this.max) {
      if (a.length === n) return a;
      if (a.length > n) return a.slice(0, n);
    }
    const b = codeArray(Math.max(size, this.max + 1), n).fill(NO_CODE);
    b.set(a.length > n ? a.subarray(0, n) : a);
    return b;
  }
}

/** A dictionary with its code column (a deal's optional text field). */
class CodedText {
  readonly dict = new Dictionary();
  readonly codes: Codes;

  constructor(capacity: number) {
    this.codes = new Codes(capacity);
  }

  done(n: number): CodeColumn | undefined {
    return this.codes.done(n, this.dict.values.length);
  }
}

/** The code of each event type (its index in {@link COLUMN_EVENT_TYPES}). */
export const EVENT_CODE: ReadonlyMap<string, number> = new Map<string, number>(COLUMN_EVENT_TYPES.map((t, i) => [t, i]));

const code = (t: (typeof COLUMN_EVENT_TYPES)[number]) => COLUMN_EVENT_TYPES.indexOf(t);
/** The code of `created`. */
export const CREATED: number = code('created');
/** The code of `stage_changed`. */
export const STAGE_CHANGED: number = code('stage_changed');
/** The code of `lost`. */
export const LOST: number = code('lost');
const WON = code('won');
const STATUS_WON = 2;
const STATUS_LOST = 3;

/**
 * The event types whose fields the readers check in full by the event schema (their
 * values are noted): the field changes, and `lost` (its reason and competitor).
 */
export const KEPT_EVENTS: ReadonlySet<string> = new Set(['amount_changed', 'close_date_changed', 'owner_changed', 'splits_changed', 'probability_changed', 'forecast_category_changed', 'lost']);
/** 1 at the code of each type of {@link KEPT_EVENTS}. */
export const KEPT_EVENT_CODES: Uint8Array = Uint8Array.from(COLUMN_EVENT_TYPES, (t) => (KEPT_EVENTS.has(t) ? 1 : 0));
/** 1 at the code of each event type that puts the deal in a stage (created, stage_changed, won, lost, reopened). */
export const STAGE_EVENT_CODES: Uint8Array = Uint8Array.from(COLUMN_EVENT_TYPES, (t) => (t === 'created' || t === 'stage_changed' || t === 'won' || t === 'lost' || t === 'reopened' ? 1 : 0));
/** The code of each status (its index in `STATUS_CODES`). */
export const STATUS_CODE: ReadonlyMap<string, number> = new Map<string, number>([
  ['open', 0],
  ['suspended', 1],
  ['won', 2],
  ['lost', 3],
]);
const KIND_ADVANCE = 0;
const KIND_SKIP = 1;
const KIND_REGRESS = 2;
const KIND_CODE: Readonly<Record<string, number>> = { advance: KIND_ADVANCE, skip: KIND_SKIP, regress: KIND_REGRESS };
const CATEGORY_CODE = new Map<string, number>(FORECAST_CATEGORY_CODES.map((c, i) => [c, i]));

/**
 * A deal header with its values checked and coded, for {@link ColumnsBuilder.addCoded}
 * (mutable: a reader fills one object for every deal).
 */
export interface CodedHeader {
  id: OpportunityId;
  customerId: CustomerId;
  ownerId: UserId;
  /** Stage code (position in the pipeline's stages). */
  stage: number;
  /** Status code (index in `STATUS_CODES`). */
  status: number;
  currency: CurrencyCode;
  /** Checked, trimmed decimal text (`'1000.50'`), or a Decimal. */
  amount: string | Decimal;
  closeDay: number;
  closedAtMs: number;
  region: string | undefined;
  probabilityOverride: Decimal | undefined;
  /** Index in `FORECAST_CATEGORY_CODES`, or {@link NO_CODE}. */
  forecastCategory: number;
  lossReason: string | undefined;
  competitor: string | undefined;
  projectType: string | undefined;
  splits: readonly Split[] | undefined;
}

/** Each stage code's position among the pipeline's open stages, −1 for a closed stage. */
export function openIndexOf(index: PipelineIndex): Int32Array {
  return Int32Array.from(index.pipeline.stages, (s) => index.byId.get(s.id)?.openIndex ?? -1);
}

/** The kind code the order of the open stages gives a change from stage code `from` to `to`. */
function orderKind(from: number, to: number, openIndex: Int32Array): number {
  const a = openIndex[from]!;
  const b = openIndex[to]!;
  return b < a ? KIND_REGRESS : b === a + 1 ? KIND_ADVANCE : KIND_SKIP;
}

/**
 * Whether a `stage_changed` from stage code `from` ({@link NO_STAGE} for a stage the
 * pipeline does not have) to `to` of `kind` is irregular, given the ledger so far
 * (`staged`: whether an event has set the stage yet; `current`: the stage it stands in):
 * regular when it moves from the stage the ledger stands in (for the first
 * stage-setting event of an import, its own `from`) and its `kind` is the one the open
 * stages' order gives (`regress` backwards, `advance` to the next open stage, `skip`
 * otherwise) — what a reader rebuilds for an event whose values are not noted.
 */
export function keepsStageChange(staged: boolean, current: number, from: number, to: number, kind: string, openIndex: Int32Array): boolean {
  const expected = !staged ? from : current === NO_STAGE ? to : current;
  if (from === NO_STAGE || from !== expected) return true;
  return KIND_CODE[kind] !== orderKind(from, to, openIndex);
}

/** A blank {@link CodedHeader} to fill. */
export function newCodedHeader(): CodedHeader {
  return {
    id: '' as OpportunityId,
    customerId: '' as CustomerId,
    ownerId: '' as UserId,
    stage: 0,
    status: 0,
    currency: 'CNY' as CurrencyCode,
    amount: '0',
    closeDay: NO_DAY,
    closedAtMs: Number.NaN,
    region: undefined,
    probabilityOverride: undefined,
    forecastCategory: NO_CODE,
    lossReason: undefined,
    competitor: undefined,
    projectType: undefined,
    splits: undefined,
  };
}

/** The key of a list of splits in the dictionary of lists. */
function splitsKey(splits: readonly Split[]): string {
  let key = '';
  for (const s of splits) key += `${JSON.stringify(s.ownerId)}:${s.basisPoints},`;
  return key;
}

/**
 * Builds {@link DealColumns} deal by deal (headers, then each deal's events in ledger
 * order), growing typed arrays; the one builder behind `dealColumns`,
 * `dealColumnsFromRows` and `dealColumnsFromArrow`.
 */
export class ColumnsBuilder {
  private readonly stageCode: ReadonlyMap<string, number>;
  private readonly stageCount: number;
  private readonly ids: IdPacker;
  private readonly customers = new Dictionary<CustomerId>();
  private readonly owners = new Dictionary<UserId>();
  private readonly currencies = new Dictionary<CurrencyCode>();
  private readonly currencyDigits: number[] = [];
  private readonly customer: Codes;
  private readonly owner: Codes;
  private readonly stage: Small;
  private readonly status: U8;
  private readonly currency: U8;
  private readonly amount: F64;
  private readonly amountExact = new Map<number, Decimal>();
  private readonly closeDay: I32;
  private readonly closedAt: F64;
  private readonly region: CodedText;
  private readonly lossReason: CodedText;
  private readonly competitor: CodedText;
  private readonly projectType: CodedText;
  private readonly probabilityCodes: Codes;
  private readonly probabilities: Decimal[] = [];
  private readonly probabilityIndex = new Map<string, number>();
  private readonly forecastCategory: Codes;
  private readonly split: Codes;
  private readonly splitLists: (readonly Split[])[] = [];
  private readonly splitIndex = new Map<string, number>();
  private readonly evStart: I32;
  private readonly evType: U8;
  private readonly evStage: Small;
  private readonly evAt: F64;
  private readonly valEvent = new I32(0);
  private readonly valFrom = new I32(0);
  private readonly valTo = new I32(0);
  private readonly valAmount = new F64(0);
  private readonly valCurrency = new U8(0);
  private readonly valExact = new Map<number, Decimal>();
  // The stage code of "no stage" in the stage columns (0xff or 0xffff).
  private readonly noStage: number;
  // Whether the current deal's ledger has set its stage yet (for the implied first stage).
  private staged = false;
  // The stage code the current deal's ledger stands in so far (NO_STAGE before any).
  private current = NO_STAGE;
  // Whether every deal so far has the `closedAt` its ledger says (then the column is left out).
  private closedAtDerived = true;
  // The status code and the time of the last `won` / `lost` event of the current deal (NaN: none).
  private dealStatus = 0;
  private lastClosingMs = Number.NaN;
  // The current deal's loss-reason and competitor codes (a `lost` event with the same is not noted).
  private dealReason = NO_CODE;
  private dealCompetitor = NO_CODE;
  // Each stage code's position among the open stages, −1 for a closed stage.
  private readonly openIndex: Int32Array;

  /**
   * @param index - The pipeline's index.
   * @param capacity - The expected number of deals (the arrays start that long).
   * @param eventCapacity - The expected number of events.
   */
  constructor(
    private readonly index: PipelineIndex,
    capacity = 1024,
    eventCapacity = 4 * capacity,
  ) {
    const stages = index.pipeline.stages;
    this.stageCode = new Map(stages.map((s, i) => [s.id, i]));
    this.stageCount = stages.length;
    this.openIndex = openIndexOf(index);
    const wideStages = stages.length >= 0xff;
    this.noStage = stages.length < 0xff ? 0xff : 0xffff;
    const n = Math.max(16, capacity);
    this.ids = new IdPacker(n);
    this.customer = new Codes(n);
    this.owner = new Codes(n);
    this.stage = new Small(n, wideStages);
    this.status = new U8(n);
    this.currency = new U8(n);
    this.amount = new F64(n);
    this.closeDay = new I32(n);
    this.closedAt = new F64(n);
    this.region = new CodedText(n);
    this.lossReason = new CodedText(n);
    this.competitor = new CodedText(n);
    this.projectType = new CodedText(n);
    this.probabilityCodes = new Codes(n);
    this.forecastCategory = new Codes(n);
    this.split = new Codes(n);
    this.evStart = new I32(n + 1);
    const m = Math.max(16, eventCapacity);
    this.evType = new U8(m);
    this.evStage = new Small(m, wideStages);
    this.evAt = new F64(m);
  }

  /** Number of deals added. */
  get length(): number {
    return this.ids.length;
  }

  /** The stage code of a stage id (its position in the pipeline's stages). @throws FunnelError `unknown_stage` */
  stageOf(stageId: string): number {
    const c = this.stageCode.get(stageId);
    if (c === undefined) throw new FunnelError('unknown_stage', { stageId, pipelineId: this.index.pipeline.id });
    return c;
  }

  // The scratch header of addOpportunity (one object for every deal).
  private readonly coded: CodedHeader = newCodedHeader();

  /**
   * Adds a parsed deal and its ledger (the object path: `dealColumns`): its fields read
   * straight into the columns, its amounts in minor units from the decimals' digits,
   * nothing allocated but what the columns keep.
   *
   * @throws FunnelError `unknown_stage` for a stage the pipeline does not have,
   *   `invalid_argument` for a status or an event type the columns do not know.
   */
  addOpportunity(o: Opportunity): void {
    const c = this.coded;
    c.id = o.id;
    c.customerId = o.customerId;
    c.ownerId = o.ownerId;
    c.stage = this.stageOf(o.stageId);
    const status = STATUS_CODE.get(o.status);
    if (status === undefined) throw new FunnelError('invalid_argument', { name: 'status', reason: because('one_of', { allowed: [...STATUS_CODE.keys()].join(', ') }) });
    c.status = status;
    c.currency = o.amount.currency;
    c.amount = o.amount.amount;
    c.closeDay = o.expectedCloseDate === undefined ? NO_DAY : dayNumber(o.expectedCloseDate);
    c.closedAtMs = o.closedAt === undefined ? Number.NaN : o.closedAt.getTime();
    c.region = o.region;
    c.probabilityOverride = o.probabilityOverride;
    c.forecastCategory = o.forecastCategoryOverride === undefined ? NO_CODE : (CATEGORY_CODE.get(o.forecastCategoryOverride) ?? NO_CODE);
    c.lossReason = o.lossReason;
    c.competitor = o.competitor;
    const projectType = o.attributes.projectType;
    c.projectType = typeof projectType === 'string' && projectType !== '' ? projectType : undefined;
    c.splits = o.splits;
    this.addCoded(c);
    const history = o.history;
    for (let k = 0; k < history.length; k++) this.addEvent(history[k]!);
  }

  // The last currency coded and its code (a book is mostly of one currency).
  private lastCurrency: string | undefined;
  private lastCurrencyCode = -1;

  /** The code of a currency, its minor digits noted the first time. */
  private currencyCode(currency: CurrencyCode): number {
    if (currency === this.lastCurrency) return this.lastCurrencyCode;
    const c = this.currencies.code(currency);
    if (c === this.currencyDigits.length) this.currencyDigits.push(minorUnitDigits(currency));
    this.lastCurrency = currency;
    this.lastCurrencyCode = c;
    return c;
  }

  /** The code of a probability in the dictionary of probabilities. */
  private probabilityCode(p: Decimal): number {
    const key = p.toString();
    let c = this.probabilityIndex.get(key);
    if (c === undefined) {
      c = this.probabilities.length;
      this.probabilities.push(p);
      this.probabilityIndex.set(key, c);
    }
    return c;
  }

  /** The code of a list of splits in the dictionary of lists. */
  private splitsCode(splits: readonly Split[]): number {
    const key = splitsKey(splits);
    let c = this.splitIndex.get(key);
    if (c === undefined) {
      c = this.splitLists.length;
      this.splitLists.push(splits);
      this.splitIndex.set(key, c);
    }
    return c;
  }

  /**
   * Adds a deal header whose values are already checked and coded (the row and Arrow
   * readers): stage and status codes, the amount as checked decimal text (converted to
   * minor units without a Decimal when it is a whole number of minor units) or a
   * Decimal. The object is read, not kept: readers reuse one for every deal.
   */
  addCoded(h: CodedHeader): void {
    const i = this.ids.length;
    if (i > 0) this.checkClosedAt(i - 1);
    this.dealStatus = h.status;
    this.lastClosingMs = Number.NaN;
    this.ids.push(h.id);
    this.evStart.push(this.evType.n);
    this.staged = false;
    this.current = NO_STAGE;
    this.customer.set(i, this.customers.code(h.customerId));
    this.owner.set(i, this.owners.code(h.ownerId));
    this.stage.push(h.stage);
    this.status.push(h.status);
    const c = this.currencyCode(h.currency);
    this.currency.push(c);
    const digits = this.currencyDigits[c]!;
    const amount = h.amount;
    let minor: number;
    if (typeof amount === 'string') {
      minor = minorUnitsOfText(amount, digits);
      if (Number.isNaN(minor)) {
        const d = new Decimal(amount);
        minor = minorUnits(d, digits);
        if (Number.isNaN(minor)) this.amountExact.set(i, d);
      }
    } else {
      minor = minorUnits(amount, digits);
      if (Number.isNaN(minor)) this.amountExact.set(i, amount);
    }
    this.amount.push(minor);
    this.closeDay.push(h.closeDay);
    this.closedAt.push(h.closedAtMs);
    if (h.region !== undefined) this.region.codes.set(i, this.region.dict.code(h.region));
    this.dealReason = NO_CODE;
    this.dealCompetitor = NO_CODE;
    if (h.lossReason !== undefined) {
      this.dealReason = this.lossReason.dict.code(h.lossReason);
      this.lossReason.codes.set(i, this.dealReason);
    }
    if (h.competitor !== undefined) {
      this.dealCompetitor = this.competitor.dict.code(h.competitor);
      this.competitor.codes.set(i, this.dealCompetitor);
    }
    if (h.projectType !== undefined) this.projectType.codes.set(i, this.projectType.dict.code(h.projectType));
    if (h.probabilityOverride !== undefined) this.probabilityCodes.set(i, this.probabilityCode(h.probabilityOverride));
    if (h.forecastCategory !== NO_CODE) this.forecastCategory.set(i, h.forecastCategory);
    if (h.splits !== undefined) this.split.set(i, this.splitsCode(h.splits));
  }

  /** Notes the values of event `e`. */
  private note(e: number, from: number, to: number): void {
    this.valEvent.push(e);
    this.valFrom.push(from);
    this.valTo.push(to);
  }

  /** An amount of an `amount_changed` noted: its index among the noted amounts. */
  private noteAmount(amount: Decimal, currency: CurrencyCode): number {
    const k = this.valAmount.n;
    const c = this.currencyCode(currency);
    const minor = minorUnits(amount, this.currencyDigits[c]!);
    this.valAmount.push(minor);
    this.valCurrency.push(c);
    if (Number.isNaN(minor)) this.valExact.set(k, amount);
    return k;
  }

  /**
   * Adds an event of the last deal added, with its values coded: the type's index in
   * {@link COLUMN_EVENT_TYPES}, the stage code it moves the deal to ({@link NO_STAGE}
   * for none), its time, the event object of a field change or a `lost` (its values are
   * noted; it is read, not kept) or of an irregular `stage_changed` (else
   * `undefined`), and a `stage_changed` event's `from` stage code ({@link NO_STAGE}
   * otherwise, or for a stage the pipeline does not have).
   */
  addEventCoded(type: number, stage: number, atMs: number, event: OpportunityEvent | undefined, from: number): void {
    const e = this.evType.n;
    this.evType.push(type);
    this.evStage.push(stage === NO_STAGE ? this.noStage : stage);
    this.evAt.push(atMs);
    if (type === WON || type === LOST) this.lastClosingMs = atMs;
    const first = !this.staged;
    if (stage !== NO_STAGE) {
      this.staged = true;
      const before = this.current;
      this.current = stage;
      if (type === STAGE_CHANGED) {
        const kind = event?.type === 'stage_changed' ? (KIND_CODE[event.kind] ?? KIND_SKIP) : from === NO_STAGE ? KIND_SKIP : orderKind(from, stage, this.openIndex);
        const expected = first ? from : before;
        if (first || from === NO_STAGE || from !== expected || kind !== orderKind(from, stage, this.openIndex)) {
          this.note(e, from === NO_STAGE ? this.stageCount : from, kind);
        }
        return;
      }
    }
    if (event === undefined || KEPT_EVENT_CODES[type] !== 1) return;
    switch (event.type) {
      case 'amount_changed':
        this.note(e, this.noteAmount(event.from.amount, event.from.currency), this.noteAmount(event.to.amount, event.to.currency));
        break;
      case 'close_date_changed':
        this.note(e, event.from === null ? NO_DAY : dayNumber(event.from), event.to === null ? NO_DAY : dayNumber(event.to));
        break;
      case 'owner_changed':
        this.note(e, this.owners.code(event.from), this.owners.code(event.to));
        break;
      case 'splits_changed':
        this.note(e, NO_CODE, event.to === null ? NO_CODE : this.splitsCode(event.to));
        break;
      case 'probability_changed':
        this.note(e, event.from === null ? NO_CODE : this.probabilityCode(event.from), event.to === null ? NO_CODE : this.probabilityCode(event.to));
        break;
      case 'forecast_category_changed':
        this.note(e, event.from === null ? NO_CODE : CATEGORY_CODE.get(event.from)!, event.to === null ? NO_CODE : CATEGORY_CODE.get(event.to)!);
        break;
      case 'lost': {
        const reason = this.lossReason.dict.code(event.reason);
        const competitor = event.competitor === undefined ? NO_CODE : this.competitor.dict.code(event.competitor);
        if (reason !== this.dealReason || competitor !== this.dealCompetitor) this.note(e, reason, competitor);
        break;
      }
      default:
        break;
    }
  }

  /**
   * Adds an event of the last deal added, read from the event itself (the object
   * path): its type, the stage it moves the deal to, its time and values.
   *
   * @throws FunnelError `unknown_stage` for a stage the pipeline does not have (a
   *   `stage_changed`'s `from` excepted, but for the first stage-setting event).
   */
  addEvent(event: OpportunityEvent): void {
    const type = EVENT_CODE.get(event.type);
    if (type === undefined) throw new FunnelError('invalid_argument', { name: 'type', reason: because('one_of', { allowed: COLUMN_EVENT_TYPES.join(', ') }) });
    const at = event.at.getTime();
    switch (event.type) {
      case 'created':
      case 'won':
      case 'lost':
      case 'reopened':
        this.addEventCoded(type, this.stageOf(event.stageId), at, event, NO_STAGE);
        return;
      case 'stage_changed': {
        const to = this.stageOf(event.to);
        // The implied first stage must be a stage of the pipeline (as the replay of a deal requires).
        const from = !this.staged ? this.stageOf(event.from) : (this.stageCode.get(event.from) ?? NO_STAGE);
        this.addEventCoded(type, to, at, event, from);
        return;
      }
      default:
        this.addEventCoded(type, NO_STAGE, at, event, NO_STAGE);
    }
  }

  /** Whether deal `i` (the last one added, its ledger complete) has the `closedAt` its ledger says. */
  private checkClosedAt(i: number): void {
    if (!this.closedAtDerived) return;
    const closed = this.dealStatus === STATUS_WON || this.dealStatus === STATUS_LOST;
    if (!Object.is(this.closedAt.a[i], closed ? this.lastClosingMs : Number.NaN)) this.closedAtDerived = false;
  }

  /** The columns of every deal added. */
  finish(): DealColumns {
    const n = this.ids.length;
    if (n > 0) this.checkClosedAt(n - 1);
    this.evStart.push(this.evType.n);
    const pipeline = this.index.pipeline;
    const values: EventValues = {
      event: this.valEvent.done(),
      from: this.valFrom.done(),
      to: this.valTo.done(),
      amountMinor: this.valAmount.done(),
      amountCurrency: this.valCurrency.done(),
      amountExact: this.valExact,
    };
    const events: EventColumns = {
      start: this.evStart.done(),
      type: this.evType.done(),
      stage: this.evStage.done() as StageCodes,
      at: this.evAt.done(),
      values,
    };
    return {
      kind: 'deal_columns',
      pipelineId: pipeline.id as PipelineId,
      stageIds: pipeline.stages.map((s) => s.id),
      length: n,
      ids: this.ids.done(),
      customer: this.customer.done(n, this.customers.values.length) ?? codeArray(0, 0),
      customerIds: this.customers.values,
      owner: this.owner.done(n, this.owners.values.length) ?? codeArray(0, 0),
      ownerIds: this.owners.values,
      stage: this.stage.done() as StageCodes,
      status: this.status.done(),
      currency: this.currency.done(),
      currencies: this.currencies.values,
      amountMinor: this.amount.done(),
      amountExact: this.amountExact,
      closeDay: this.closeDay.done(),
      closedAt: this.closedAtDerived ? undefined : this.closedAt.done(),
      region: this.region.done(n),
      regions: this.region.dict.values,
      probabilityOverride: this.probabilityCodes.done(n, this.probabilities.length),
      probabilities: this.probabilities,
      forecastCategoryOverride: this.forecastCategory.done(n, FORECAST_CATEGORY_CODES.length),
      lossReason: this.lossReason.done(n),
      lossReasons: this.lossReason.dict.values,
      competitor: this.competitor.done(n),
      competitors: this.competitor.dict.values,
      projectType: this.projectType.done(n),
      projectTypes: this.projectType.dict.values,
      split: this.split.done(n, this.splitLists.length),
      splitLists: this.splitLists,
      events,
    };
  }
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * The amount of checked decimal text (as `decimalTextProblem` accepts it, trimmed) in
 * minor units of a currency with `digits` minor digits, when it is a whole number of
 * minor units of at most 2⁵³ − 1 written without an exponent; NaN otherwise (the
 * caller then goes through a Decimal). Equal to what `minorUnits` gives for the
 * same value (−0 for a negative zero included): digits are accumulated exactly while
 * the value stays a safe integer, and once it is past that it stays past it.
 */
export function minorUnitsOfText(s: string, digits: number): number {
  const n = s.length;
  let i = 0;
  let negative = false;
  const first = s.charCodeAt(0);
  if (first === 45) {
    negative = true;
    i = 1;
  } else if (first === 43) i = 1;
  let v = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) break;
    if (c < 48 || c > 57) return Number.NaN;
    v = v * 10 + (c - 48);
  }
  let f = 0;
  if (i < n) {
    for (i++; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 48 || c > 57) return Number.NaN;
      if (f < digits) {
        v = v * 10 + (c - 48);
        f++;
      } else if (c !== 48) return Number.NaN;
    }
  }
  for (; f < digits; f++) v *= 10;
  if (v > MAX_SAFE) return Number.NaN;
  return negative ? -v : v;
}
