import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import type { CurrencyCode } from '../../money/currency.js';
import { minorUnitDigits } from '../../money/currency.js';
import { Decimal } from '../../money/decimal.js';
import type { OpportunityEvent, Split } from '../events.js';
import type { CustomerId, OpportunityId, PipelineId, StageId, UserId } from '../ids.js';
import type { PipelineIndex } from '../pipelineIndex.js';
import type { ForecastCategory } from '../stage.js';
import {
  COLUMN_EVENT_TYPES, FORECAST_CATEGORY_CODES, NO_CODE, NO_DAY, NO_STAGE, type DealColumns, type EventColumns,
  type StageCodes,
} from '../dealColumnsShape.js';

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

/** A growable typed array. */
class Grow<A extends Float64Array | Int32Array | Uint8Array> {
  n = 0;
  constructor(
    public a: A,
    private readonly make: (n: number) => A,
  ) {}

  push(v: number): void {
    if (this.n === this.a.length) {
      const b = this.make(Math.max(16, this.a.length * 2));
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }

  done(): A {
    return this.a.length === this.n ? this.a : (this.a.slice(0, this.n) as A);
  }
}

const f64 = (n: number) => new Float64Array(n);
const i32 = (n: number) => new Int32Array(n);
const u8 = (n: number) => new Uint8Array(n);

/** A lazily allocated code column: all `NO_CODE` until the first value. */
class SparseCodes {
  private codes: Int32Array | undefined;
  readonly dict = new Dictionary();

  set(i: number, capacity: number, value: string | undefined): void {
    if (value === undefined) return;
    if (this.codes === undefined) this.codes = new Int32Array(Math.max(capacity, i + 1)).fill(NO_CODE);
    if (i >= this.codes.length) {
      const b = new Int32Array(Math.max(i + 1, this.codes.length * 2)).fill(NO_CODE);
      b.set(this.codes);
      this.codes = b;
    }
    this.codes[i] = this.dict.code(value);
  }

  done(n: number): Int32Array | undefined {
    if (this.codes === undefined) return undefined;
    if (this.codes.length === n) return this.codes;
    const b = new Int32Array(n).fill(NO_CODE);
    b.set(this.codes.subarray(0, Math.min(n, this.codes.length)));
    return b;
  }
}

/** The code of each event type (its index in {@link COLUMN_EVENT_TYPES}). */
export const EVENT_CODE: ReadonlyMap<string, number> = new Map<string, number>(COLUMN_EVENT_TYPES.map((t, i) => [t, i]));
/**
 * The event types kept as objects in `fieldEvents`: those that change a field other
 * than the stage, and `lost` (its reason and competitor). (Irregular stage changes are
 * kept too: see {@link ColumnsBuilder.keepsStageChange}.)
 */
export const KEPT_EVENTS: ReadonlySet<string> = new Set(['amount_changed', 'close_date_changed', 'owner_changed', 'splits_changed', 'probability_changed', 'forecast_category_changed', 'lost']);
/** 1 at the code of each type of {@link KEPT_EVENTS}. */
export const KEPT_EVENT_CODES: Uint8Array = Uint8Array.from(COLUMN_EVENT_TYPES, (t) => (KEPT_EVENTS.has(t) ? 1 : 0));
/** 1 at the code of each event type that puts the deal in a stage (created, stage_changed, won, lost, reopened). */
export const STAGE_EVENT_CODES: Uint8Array = Uint8Array.from(COLUMN_EVENT_TYPES, (t) => (t === 'created' || t === 'stage_changed' || t === 'won' || t === 'lost' || t === 'reopened' ? 1 : 0));
/** The code of `stage_changed`. */
export const STAGE_CHANGED: number = COLUMN_EVENT_TYPES.indexOf('stage_changed');
/** The code of each status (its index in `STATUS_CODES`). */
export const STATUS_CODE: ReadonlyMap<string, number> = new Map<string, number>([
  ['open', 0],
  ['suspended', 1],
  ['won', 2],
  ['lost', 3],
]);

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

/**
 * Whether a `stage_changed` from stage code `from` ({@link NO_STAGE} for a stage the
 * pipeline does not have) to `to` of `kind` is kept as an object in `fieldEvents`,
 * given the ledger so far (`staged`: whether an event has set the stage yet; `current`:
 * the stage it stands in): kept unless it moves from the stage the ledger stands in
 * (for the first stage-setting event of an import, its own `from`) and its `kind` is
 * the one the open stages' order gives (`regress` backwards, `advance` to the next open
 * stage, `skip` otherwise) — what a reader rebuilds for an event that is not kept.
 */
export function keepsStageChange(staged: boolean, current: number, from: number, to: number, kind: string, openIndex: Int32Array): boolean {
  const expected = !staged ? from : current === NO_STAGE ? to : current;
  if (from === NO_STAGE || from !== expected) return true;
  const a = openIndex[from]!;
  const b = openIndex[to]!;
  return kind !== (b < a ? 'regress' : b === a + 1 ? 'advance' : 'skip');
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

/** The fields of one deal header, as the builders read them. */
export interface HeaderFields {
  readonly id: OpportunityId;
  readonly customerId: CustomerId;
  readonly stageId: StageId;
  readonly status: string;
  readonly amount: Decimal;
  readonly currency: CurrencyCode;
  /** Day number (days since 1970-01-01) of the expected close date, or {@link NO_DAY}. */
  readonly closeDay: number;
  /** `closedAt` in ms, or NaN. */
  readonly closedAtMs: number;
  readonly ownerId: UserId;
  readonly region: string | undefined;
  readonly probabilityOverride: Decimal | undefined;
  readonly forecastCategoryOverride: ForecastCategory | undefined;
  readonly lossReason: string | undefined;
  readonly competitor: string | undefined;
  readonly projectType: string | undefined;
  readonly splits: readonly Split[] | undefined;
}

/**
 * Builds {@link DealColumns} deal by deal (headers, then each deal's events in ledger
 * order), growing typed arrays; the one builder behind `dealColumns`,
 * `dealColumnsFromRows` and `dealColumnsFromArrow`.
 */
export class ColumnsBuilder {
  private readonly stageCode: ReadonlyMap<string, number>;
  private readonly ids: OpportunityId[] = [];
  private readonly customers = new Dictionary<CustomerId>();
  private readonly owners = new Dictionary<UserId>();
  private readonly currencies = new Dictionary<CurrencyCode>();
  private readonly currencyScale: number[] = [];
  private readonly currencyDigits: number[] = [];
  private readonly customer = new Grow(i32(0), i32);
  private readonly owner = new Grow(i32(0), i32);
  private readonly stageWide = new Grow(i32(0), i32);
  private readonly status = new Grow(u8(0), u8);
  private readonly currency = new Grow(i32(0), i32);
  private readonly amount = new Grow(f64(0), f64);
  private readonly amountExact = new Map<number, Decimal>();
  private readonly closeDay = new Grow(i32(0), i32);
  private readonly closedAt = new Grow(f64(0), f64);
  private readonly region = new SparseCodes();
  private readonly lossReason = new SparseCodes();
  private readonly competitor = new SparseCodes();
  private readonly projectType = new SparseCodes();
  private probabilityCodes: Int32Array | undefined;
  private readonly probabilities: Decimal[] = [];
  private readonly probabilityIndex = new Map<string, number>();
  private forecastCategory: Int32Array | undefined;
  private readonly splits = new Map<number, readonly Split[]>();
  private readonly evStart = new Grow(i32(0), i32);
  private readonly evType = new Grow(u8(0), u8);
  private readonly evStage = new Grow(i32(0), i32);
  private readonly evAt = new Grow(f64(0), f64);
  private readonly fieldEvents = new Map<number, OpportunityEvent>();
  private readonly impliedStage = new Map<number, number>();
  // Whether the current deal's ledger has set its stage yet (for the implied first stage).
  private staged = false;
  // The stage code the current deal's ledger stands in so far (NO_STAGE before any).
  private current = NO_STAGE;
  // Each stage code's position among the open stages, −1 for a closed stage.
  private readonly openIndex: Int32Array;

  constructor(
    private readonly index: PipelineIndex,
    private readonly capacity = 1024,
  ) {
    this.stageCode = new Map(index.pipeline.stages.map((s, i) => [s.id, i]));
    this.openIndex = openIndexOf(index);
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

  /** Adds a deal header; its events follow with {@link addEvent}. */
  addDeal(h: HeaderFields): void {
    const status = STATUS_CODE.get(h.status);
    if (status === undefined) throw new FunnelError('invalid_argument', { name: 'status', reason: because('one_of', { allowed: [...STATUS_CODE.keys()].join(', ') }) });
    const c = this.coded;
    c.id = h.id;
    c.customerId = h.customerId;
    c.ownerId = h.ownerId;
    c.stage = this.stageOf(h.stageId);
    c.status = status;
    c.currency = h.currency;
    c.amount = h.amount;
    c.closeDay = h.closeDay;
    c.closedAtMs = h.closedAtMs;
    c.region = h.region;
    c.probabilityOverride = h.probabilityOverride;
    c.forecastCategory = h.forecastCategoryOverride === undefined ? NO_CODE : FORECAST_CATEGORY_CODES.indexOf(h.forecastCategoryOverride);
    c.lossReason = h.lossReason;
    c.competitor = h.competitor;
    c.projectType = h.projectType;
    c.splits = h.splits;
    this.addCoded(c);
  }

  // The scratch header of addDeal (one object for every deal).
  private readonly coded: CodedHeader = newCodedHeader();

  /**
   * Adds a deal header whose values are already checked and coded (the row and Arrow
   * readers): stage and status codes, the amount as checked decimal text (converted to
   * minor units without a Decimal when it is a whole number of minor units) or a
   * Decimal. The object is read, not kept: readers reuse one for every deal.
   */
  addCoded(h: CodedHeader): void {
    const i = this.ids.length;
    this.ids.push(h.id);
    this.evStart.push(this.evType.n);
    this.staged = false;
    this.current = NO_STAGE;
    this.customer.push(this.customers.code(h.customerId));
    this.owner.push(this.owners.code(h.ownerId));
    this.stageWide.push(h.stage);
    this.status.push(h.status);
    const c = this.currencies.code(h.currency);
    if (c === this.currencyScale.length) {
      const digits = minorUnitDigits(h.currency);
      this.currencyDigits.push(digits);
      this.currencyScale.push(10 ** digits);
    }
    this.currency.push(c);
    const amount = h.amount;
    let minor = Number.NaN;
    if (typeof amount === 'string') {
      minor = minorUnitsOfText(amount, this.currencyDigits[c]!);
      if (Number.isNaN(minor)) minor = minorUnits(new Decimal(amount), this.currencyScale[c]!, i, this.amountExact);
    } else {
      minor = minorUnits(amount, this.currencyScale[c]!, i, this.amountExact);
    }
    this.amount.push(minor);
    this.closeDay.push(h.closeDay);
    this.closedAt.push(h.closedAtMs);
    this.region.set(i, this.capacity, h.region);
    this.lossReason.set(i, this.capacity, h.lossReason);
    this.competitor.set(i, this.capacity, h.competitor);
    this.projectType.set(i, this.capacity, h.projectType);
    if (h.probabilityOverride !== undefined) {
      const key = h.probabilityOverride.toString();
      let code = this.probabilityIndex.get(key);
      if (code === undefined) {
        code = this.probabilities.length;
        this.probabilities.push(h.probabilityOverride);
        this.probabilityIndex.set(key, code);
      }
      this.probabilityCodes = setCode(this.probabilityCodes, i, this.capacity, code);
    }
    if (h.forecastCategory !== NO_CODE) {
      this.forecastCategory = setCode(this.forecastCategory, i, this.capacity, h.forecastCategory);
    }
    if (h.splits !== undefined) this.splits.set(i, h.splits);
  }

  /**
   * Adds an event of the last deal added, with its values coded: the type's index in
   * {@link COLUMN_EVENT_TYPES}, the stage code it moves the deal to ({@link NO_STAGE}
   * for none), its time, the event object of a field-changing event (else
   * `undefined`), and a `stage_changed` event's `from` stage code ({@link NO_STAGE}
   * otherwise).
   */
  addEventCoded(type: number, stage: number, atMs: number, event: OpportunityEvent | undefined, from: number): void {
    const e = this.evType.n;
    this.evType.push(type);
    this.evStage.push(stage);
    this.evAt.push(atMs);
    if (stage !== NO_STAGE) {
      if (!this.staged) {
        // An import without `created` stood in the first stage change's `from` since its first event.
        if (type === STAGE_CHANGED && from !== NO_STAGE) this.impliedStage.set(this.ids.length - 1, from);
        this.staged = true;
      }
      this.current = stage;
    }
    if (event !== undefined && (KEPT_EVENT_CODES[type] === 1 || type === STAGE_CHANGED)) this.fieldEvents.set(e, event);
  }

  /**
   * Whether the next event of the current deal, a `stage_changed` from stage code `from`
   * ({@link NO_STAGE} for a stage the pipeline does not have) to `to` of `kind`, must
   * be kept as an object: unless it moves from the stage the ledger stands in (for the
   * first stage-setting event of an import, its own `from`) and its `kind` is the one
   * the open stages' order gives (`regress` backwards, `advance` to the next open
   * stage, `skip` otherwise), which is how a reader rebuilds an event not kept.
   */
  keepsStageChange(from: number, to: number, kind: string): boolean {
    return keepsStageChange(this.staged, this.current, from, to, kind, this.openIndex);
  }

  /**
   * Adds an event of the last deal added: its type, the stage it moves the deal to (a
   * stage id, for `created`, `stage_changed`, `won`, `lost`, `reopened`), its time, and
   * the event itself (kept when it is of a kept type or an irregular stage change);
   * `fromStageId` is a `stage_changed` event's `from`.
   */
  addEvent(type: string, stageId: string | undefined, atMs: number, event: OpportunityEvent | undefined, fromStageId?: string): void {
    const code = EVENT_CODE.get(type);
    if (code === undefined) throw new FunnelError('invalid_argument', { name: 'type', reason: because('one_of', { allowed: COLUMN_EVENT_TYPES.join(', ') }) });
    const stage = stageId === undefined ? NO_STAGE : this.stageOf(stageId);
    if (code !== STAGE_CHANGED || fromStageId === undefined) {
      this.addEventCoded(code, stage, atMs, event, NO_STAGE);
      return;
    }
    // The implied first stage must be a stage of the pipeline (as the replay of a deal requires).
    const from = !this.staged ? this.stageOf(fromStageId) : (this.stageCode.get(fromStageId) ?? NO_STAGE);
    const kind = event !== undefined && event.type === 'stage_changed' ? event.kind : '';
    this.addEventCoded(code, stage, atMs, this.keepsStageChange(from, stage, kind) ? event : undefined, from);
  }

  /** The columns of every deal added. */
  finish(): DealColumns {
    const n = this.ids.length;
    this.evStart.push(this.evType.n);
    const pipeline = this.index.pipeline;
    const events: EventColumns = {
      start: this.evStart.done(),
      type: this.evType.done(),
      stage: narrowStages(this.evStage.done(), pipeline.stages.length),
      at: this.evAt.done(),
      fieldEvents: this.fieldEvents,
      impliedStage: this.impliedStage,
    };
    return {
      kind: 'deal_columns',
      pipelineId: pipeline.id as PipelineId,
      stageIds: pipeline.stages.map((s) => s.id),
      length: n,
      ids: this.ids,
      customer: this.customer.done(),
      customerIds: this.customers.values,
      owner: this.owner.done(),
      ownerIds: this.owners.values,
      stage: narrowStages(this.stageWide.done(), pipeline.stages.length),
      status: this.status.done(),
      currency: Uint8Array.from(this.currency.done()),
      currencies: this.currencies.values,
      amountMinor: this.amount.done(),
      amountExact: this.amountExact,
      closeDay: this.closeDay.done(),
      closedAt: this.closedAt.done(),
      region: this.region.done(n),
      regions: this.region.dict.values,
      probabilityOverride: trim(this.probabilityCodes, n),
      probabilities: this.probabilities,
      forecastCategoryOverride: trim(this.forecastCategory, n),
      lossReason: this.lossReason.done(n),
      lossReasons: this.lossReason.dict.values,
      competitor: this.competitor.done(n),
      competitors: this.competitor.dict.values,
      projectType: this.projectType.done(n),
      projectTypes: this.projectType.dict.values,
      splits: this.splits,
      events,
    };
  }
}

function setCode(codes: Int32Array | undefined, i: number, capacity: number, code: number): Int32Array {
  let c = codes ?? new Int32Array(Math.max(capacity, i + 1)).fill(NO_CODE);
  if (i >= c.length) {
    const b = new Int32Array(Math.max(i + 1, c.length * 2)).fill(NO_CODE);
    b.set(c);
    c = b;
  }
  c[i] = code;
  return c;
}

function trim(codes: Int32Array | undefined, n: number): Int32Array | undefined {
  if (codes === undefined || codes.length === n) return codes;
  const b = new Int32Array(n).fill(NO_CODE);
  b.set(codes.subarray(0, Math.min(n, codes.length)));
  return b;
}

function narrowStages(codes: Int32Array, stageCount: number): StageCodes {
  // Codes up to stageCount - 1, and NO_STAGE (the type's largest value) for none.
  if (stageCount < 0xff) {
    const out = new Uint8Array(codes.length);
    for (let i = 0; i < codes.length; i++) out[i] = codes[i] === NO_STAGE ? 0xff : codes[i]!;
    return out;
  }
  const out = new Uint16Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i] === NO_STAGE ? 0xffff : codes[i]!;
  return out;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * An amount in minor units as an exact integer double, or NaN with the Decimal kept in
 * `exact` when it is not an integer number of minor units or not a safe integer.
 */
function minorUnits(amount: Decimal, scale: number, i: number, exact: Map<number, Decimal>): number {
  if (amount.isInteger()) {
    const v = amount.toNumber() * scale;
    if (Math.abs(v) <= MAX_SAFE && Number.isSafeInteger(amount.toNumber())) return v;
  } else {
    const m = amount.times(scale);
    if (m.isInteger() && m.abs().lte(MAX_SAFE)) return m.toNumber();
  }
  exact.set(i, amount);
  return Number.NaN;
}

/**
 * The amount of checked decimal text (as `decimalTextProblem` accepts it, trimmed) in
 * minor units of a currency with `digits` minor digits, when it is a whole number of
 * minor units of at most 2⁵³ − 1 written without an exponent; NaN otherwise (the
 * caller then goes through a Decimal). Equal to what {@link minorUnits} gives for the
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
