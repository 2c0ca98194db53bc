// What dealColumnsFromRows and dealColumnsFromArrow share: checking one deal's values
// (header and ledger) into a scratch record with issues that carry their paths, then
// handing the record to the ColumnsBuilder only when it has none; the walk that matches
// each deal with its run of event rows; and the tally of rejected rows with the caps
// of parseBook.
import * as z from 'zod';
import { oneOfOption, wholeNumberOption } from '../../_lib/options.js';
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { readWireDecimal, wireDecimalProblem } from '../../_lib/decimal.js';
import type { IssueCode, Locale } from '../../i18n/codes.js';
import type { FunnelIssue } from '../../i18n/formatIssue.js';
import { formatMessage } from '../../i18n/formatMessage.js';
import type { ParamsOf, Reason } from '../../i18n/params.js';
import { isCurrencyCode } from '../../money/currency.js';
import type { Decimal } from '../../money/decimal.js';
import { isInstantInRange } from '../../time/instant.js';
import { dayNumber, NO_CODE, NO_DAY, NO_STAGE, FORECAST_CATEGORY_CODES, type DealColumns } from '../dealColumnsShape.js';
import { opportunityEventSchema, type OpportunityEvent, type Split } from '../events.js';
import type { UserId } from '../ids.js';
import type { PipelineIndex } from '../pipelineIndex.js';
import { instantInputMs } from '../primitives.js';
import { toFunnelIssues } from '../toFunnelIssues.js';
import { checkNonNegative, type Report } from './checkOpportunity.js';
import { fastEvent } from './fastOpportunity.js';
import type { CurrencyCode } from '../../money/currency.js';
import {
  type ColumnsBuilder,
  EVENT_CODE,
  KEPT_EVENT_CODES,
  keepsStageChange,
  newCodedHeader,
  openIndexOf,
  STAGE_CHANGED,
  STAGE_EVENT_CODES,
  STATUS_CODE,
  type CodedHeader,
} from './columnsBuilder.js';

/** A path into the input (`['deals', 44, 'amount']`). */
export type Path = ReadonlyArray<string | number>;
/** The input a row belongs to. */
export type Coll = 'deals' | 'events';
type RawIssue = z.core.$ZodIssue;

/** One row left out, with why (see `RejectedRow` in dealColumnsFromRows.ts). */
export interface Rejected {
  readonly collection: 'deals' | 'events';
  readonly index: number;
  readonly path: readonly (string | number)[];
  readonly id?: string;
  readonly issues: readonly FunnelIssue[];
  readonly issueCount: number;
}

/** The settings both readers take from their options. */
export interface IngestSettings {
  readonly ignoreOtherPipelines: boolean;
  readonly maxIssuesPerRecord: number;
  readonly maxIssues: number;
  readonly locale: Locale;
}

/** Reads the options both readers take (`otherPipelines`, the caps, `locale`). @throws FunnelError `invalid_option` */
export function ingestSettings(options: unknown): IngestSettings {
  if (typeof options !== 'object' || options === null) throw new FunnelError('invalid_option', { option: 'options', reason: because('must_be_object') });
  const o = options as Readonly<Record<string, unknown>>;
  return {
    ignoreOtherPipelines: oneOfOption(o['otherPipelines'] ?? 'error', 'otherPipelines', ['error', 'ignore']) === 'ignore',
    maxIssuesPerRecord: o['maxIssuesPerRecord'] === undefined ? 20 : wholeNumberOption(o['maxIssuesPerRecord'], 'maxIssuesPerRecord', { min: 1 }),
    maxIssues: o['maxIssues'] === undefined ? 1000 : wholeNumberOption(o['maxIssues'], 'maxIssues', { min: 1 }),
    locale: o['locale'] === undefined ? 'en' : oneOfOption(o['locale'], 'locale', ['en', 'zh-CN'] as const),
  };
}

/** Throws the issues of a failed read as one `ZodError` (what the throwing readers do). */
export function throwIssues(tally: IngestTally): never {
  throw new z.ZodError(tally.raw);
}

/** What the safe readers return. */
export interface IngestResult {
  readonly success: boolean;
  readonly columns: DealColumns;
  readonly rejected: readonly Rejected[];
  readonly rejectedCount: number;
  readonly issueCount: number;
  readonly truncated: boolean;
}

/** Text of a refused value in a message: at most 40 characters. */
export function shown(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === null || value === undefined) text = String(value);
  else text = Object.prototype.toString.call(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Whether a value is null or undefined (an absent nullable column). */
export function absent(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The rejected rows, with the caps of `parseBook` (`maxIssuesPerRecord`, `maxIssues`). */
export class IngestTally {
  readonly rejected: Rejected[] = [];
  rejectedCount = 0;
  issueCount = 0;
  truncated = false;
  /** The listed issues as zod issues, for the throwing readers' `ZodError`. */
  readonly raw: RawIssue[] = [];
  private listed = 0;

  constructor(private readonly settings: IngestSettings) {}

  reject(collection: 'deals' | 'events', index: number, id: string | undefined, issues: readonly RawIssue[]): void {
    this.rejectedCount++;
    this.issueCount += issues.length;
    const { maxIssues, maxIssuesPerRecord, locale } = this.settings;
    if (this.listed >= maxIssues) {
      this.truncated = true;
      return;
    }
    const kept = issues.slice(0, Math.max(1, Math.min(maxIssuesPerRecord, maxIssues - this.listed)));
    if (kept.length < issues.length) this.truncated = true;
    this.listed += kept.length;
    this.raw.push(...kept);
    this.rejected.push({
      collection,
      index,
      path: [collection, index],
      ...(id === undefined ? {} : { id }),
      issues: toFunnelIssues({ issues: kept } as unknown as z.ZodError, locale),
      issueCount: issues.length,
    });
  }

  result(columns: DealColumns): IngestResult {
    return {
      success: this.rejectedCount === 0,
      columns,
      rejected: this.rejected,
      rejectedCount: this.rejectedCount,
      issueCount: this.issueCount,
      truncated: this.truncated,
    };
  }
}

/** Where a deal's events are: the rows `start` to `end - 1`; `misplaced` ≥ 0 names a run of its events found before the current position. */
export interface Run {
  start: number;
  end: number;
  misplaced: number;
}

/**
 * Matches each deal with its run of event rows: the events must come grouped by deal,
 * in the order of the deals (runs of deals without events are simply absent). The
 * common case costs one comparison per event. When a deal's events are not at the
 * current position, the first position of every opportunity's events is indexed once,
 * and the walk resynchronises: events skipped over are reported unless a later deal
 * claims them, and a deal whose run was already passed is reported as misplaced.
 */
export class LedgerRuns {
  private j = 0;
  private firstIndex: Map<string, number> | undefined;
  private readonly skipped: { readonly start: number; readonly end: number }[] = [];
  private readonly claimed = new Set<number>();
  readonly run: Run = { start: 0, end: 0, misplaced: -1 };

  constructor(
    private readonly count: number,
    private readonly idAt: (j: number) => string | undefined,
  ) {}

  /**
   * The end of the run of `id` that starts at `from`. Rows without a usable id inside
   * a run (followed by more of its rows) belong to it, so that the deal reports them.
   */
  private runEnd(from: number, id: string): number {
    let end = from + 1;
    while (end < this.count) {
      const next = this.idAt(end);
      if (next === id) end++;
      else if (next !== undefined) break;
      else {
        const k = this.pastUnusable(end);
        if (k < this.count && this.idAt(k) === id) end = k + 1;
        else break;
      }
    }
    return end;
  }

  /** The first row at or after `from` with a usable id (or `count`). */
  private pastUnusable(from: number): number {
    let k = from;
    while (k < this.count && this.idAt(k) === undefined) k++;
    return k;
  }

  /**
   * The run of deal `id` (`undefined` for a deal without a usable id). `expectEvents`:
   * whether the deal should have events (its version is not 0), so that a missing run
   * is worth looking for elsewhere.
   */
  next(id: string | undefined, expectEvents: boolean): Run {
    const run = this.run;
    const j = this.j;
    run.start = j;
    run.end = j;
    run.misplaced = -1;
    if (id === undefined) return run;
    if (j < this.count) {
      // Rows without a usable id just before the deal's run belong to it (it reports them).
      const k = this.idAt(j) === undefined ? this.pastUnusable(j) : j;
      if (k < this.count && this.idAt(k) === id) {
        run.end = this.runEnd(k, id);
        this.j = run.end;
        return run;
      }
    }
    if (!expectEvents) return run;
    if (this.firstIndex === undefined) {
      this.firstIndex = new Map();
      for (let k = 0; k < this.count; k++) {
        const key = this.idAt(k);
        if (key !== undefined && !this.firstIndex.has(key)) this.firstIndex.set(key, k);
      }
    }
    const k = this.firstIndex.get(id);
    if (k === undefined) return run;
    if (k < j) {
      run.misplaced = k;
      this.claimed.add(k);
      return run;
    }
    // Events between here and the deal's run are out of place (unless a later deal claims them).
    this.skipped.push({ start: j, end: k });
    run.start = k;
    run.end = this.runEnd(k, id);
    this.j = run.end;
    return run;
  }

  /** The runs no deal took, with their first row: each is reported once. */
  leftovers(): { readonly start: number; readonly id: string | undefined }[] {
    const out: { start: number; id: string | undefined }[] = [];
    const add = (from: number, to: number) => {
      let k = from;
      while (k < to) {
        const id = this.idAt(k);
        let end = k + 1;
        while (end < to && id !== undefined && this.idAt(end) === id) end++;
        if (!this.claimed.has(k)) out.push({ start: k, id });
        k = end;
      }
    };
    for (const s of this.skipped) add(s.start, s.end);
    add(this.j, this.count);
    return out;
  }
}

/** A coded issue, as the parsers report them. */
export function codedIssue<C extends IssueCode>(code: C, params: ParamsOf<C>, path: Path): RawIssue {
  return { code: 'custom', path: [...path], message: formatMessage(code, params, 'en'), params: { ...params, code } } as RawIssue;
}

/** A structural issue (no library code: `invalid_schema` for `toFunnelIssues`). */
export function structuralIssue(message: string, path: Path): RawIssue {
  return { code: 'custom', path: [...path], message } as RawIssue;
}

const STATUSES = [...STATUS_CODE.keys()].join(', ');
const EVENT_TYPES = [...EVENT_CODE.keys()].join(', ');
const FORECAST_CATEGORY_INDEX = new Map<string, number>(FORECAST_CATEGORY_CODES.map((c, i) => [c, i]));
const LOST = EVENT_CODE.get('lost')!;

/**
 * The day number of a `YYYY-MM-DD` calendar date (as `isPlainDate` accepts it), or NaN
 * (`dayNumber`, with NaN for an invalid date).
 */
export function dayOfText(v: string): number {
  const day = dayNumber(v);
  return day === NO_DAY ? Number.NaN : day;
}

/**
 * One deal being read: its header and its events are checked value by value into a
 * scratch record (issues collected with their paths); {@link commit} hands it to the
 * builder when it has no issue, else to the tally. One instance reads every deal.
 */
export class DealIngest {
  readonly header: CodedHeader = newCodedHeader();
  issues: RawIssue[] = [];
  private readonly stageCode: ReadonlyMap<string, number>;
  private readonly openIndex: Int32Array;
  private readonly pipelineId: string;
  private readonly probabilityCache = new Map<string, Decimal>();
  private readonly payloadCache = new Map<string, Readonly<Record<string, unknown>> | null>();
  // The events of the deal being read.
  private n = 0;
  private evType: number[] = [];
  private evStage: number[] = [];
  private evAt: number[] = [];
  private evFrom: number[] = [];
  private evObject: (OpportunityEvent | undefined)[] = [];
  // The ledger so far, for the stage changes to keep (as the builder decides them).
  private staged = false;
  private current = NO_STAGE;
  private lastAt = Number.NEGATIVE_INFINITY;
  private seqReported = false;

  constructor(
    index: PipelineIndex,
    readonly builder: ColumnsBuilder,
    readonly tally: IngestTally,
  ) {
    this.stageCode = new Map(index.pipeline.stages.map((s, i) => [s.id, i]));
    this.openIndex = openIndexOf(index);
    this.pipelineId = index.pipeline.id;
  }

  /** Starts the next deal. */
  begin(): void {
    if (this.issues.length > 0) this.issues = [];
    this.n = 0;
    this.staged = false;
    this.current = NO_STAGE;
    this.lastAt = Number.NEGATIVE_INFINITY;
    this.seqReported = false;
    const h = this.header;
    h.region = undefined;
    h.probabilityOverride = undefined;
    h.forecastCategory = NO_CODE;
    h.lossReason = undefined;
    h.competitor = undefined;
    h.projectType = undefined;
    h.splits = undefined;
    h.closeDay = NO_DAY;
    h.closedAtMs = Number.NaN;
  }

  /** Adds the deal (and its events) to the builder, or rejects it with its issues. */
  commit(collection: 'deals', index: number, id: string | undefined): void {
    if (this.issues.length > 0) {
      this.tally.reject(collection, index, id, this.issues);
      return;
    }
    const b = this.builder;
    b.addCoded(this.header);
    const objects = this.evObject;
    for (let k = 0; k < this.n; k++) {
      b.addEventCoded(this.evType[k]!, this.evStage[k]!, this.evAt[k]!, objects[k], this.evFrom[k]!);
      // The event objects are read, not kept (nor held here once added).
      objects[k] = undefined;
    }
  }

  coded<C extends IssueCode>(code: C, params: ParamsOf<C>, path: Path): void {
    this.issues.push(codedIssue(code, params, path));
  }

  structural(message: string, path: Path): void {
    this.issues.push(structuralIssue(message, path));
  }

  // ---- header values ------------------------------------------------------------------

  /** A required non-empty string (ids). */
  text(value: unknown, w: Coll, i: number, col: string): string {
    if (typeof value === 'string' && value.length > 0) return value;
    this.structural('Expected a non-empty string', [w, i, col]);
    return '';
  }

  /** An optional non-empty string: null and undefined are none. */
  optionalText(value: unknown, w: Coll, i: number, col: string): string | undefined {
    if (absent(value)) return undefined;
    if (typeof value === 'string' && value.length > 0) return value;
    this.structural('Expected a non-empty string or null', [w, i, col]);
    return undefined;
  }

  /** Whether the deal's `pipeline_id` is the pipeline's: `pipeline_mismatch` unless `ignore`; `false` skips the deal. */
  pipeline(value: unknown, ignore: boolean, w: Coll, i: number, col: string): boolean {
    if (value === this.pipelineId) return true;
    if (typeof value === 'string' && value.length > 0) {
      if (ignore) return false;
      this.coded('pipeline_mismatch', { expected: this.pipelineId, actual: value }, [w, i, col]);
      return true;
    }
    this.structural('Expected a non-empty string', [w, i, col]);
    return true;
  }

  /** A stage id of the pipeline, as its code (NO_STAGE with an issue otherwise). */
  stage(value: unknown, w: Coll, i: number, col: string): number {
    if (typeof value === 'string') {
      const c = this.stageCode.get(value);
      if (c !== undefined) return c;
      if (value.length > 0) {
        this.coded('stage_not_in_pipeline', { stageId: shown(value), pipelineId: this.pipelineId }, [w, i, col]);
        return NO_STAGE;
      }
    }
    this.structural('Expected a non-empty string', [w, i, col]);
    return NO_STAGE;
  }

  /** A status (null or undefined: `open`). */
  status(value: unknown, w: Coll, i: number, col: string): number {
    if (absent(value)) return 0;
    const c = typeof value === 'string' ? STATUS_CODE.get(value) : undefined;
    if (c !== undefined) return c;
    this.structural(`Expected one of ${STATUSES}`, [w, i, col]);
    return 0;
  }

  currency(value: unknown, w: Coll, i: number, col: string): CurrencyCode {
    if (isCurrencyCode(value)) return value;
    this.coded('unknown_currency', { currency: shown(value) }, [w, i, col]);
    return 'CNY' as CurrencyCode;
  }

  /**
   * An amount: decimal text (trimmed, within `DECIMAL_LIMITS`) or a number with at most
   * 15 significant digits, as the row codecs accept it; returned as checked text (or a
   * Decimal for a number), which the builder turns into minor units.
   */
  amount(value: unknown, w: Coll, i: number, col: string): string | Decimal {
    const problem = wireDecimalProblem(value);
    if (problem !== undefined) {
      this.invalidAmount(value, problem, w, i, col);
      return '0';
    }
    const text = typeof value === 'string' ? value.trim() : undefined;
    // A negative amount (a negative zero is zero): refused, as parseOpportunity refuses it.
    if (text === undefined ? (value as number) < 0 : text.charCodeAt(0) === 45 && !(readWireDecimal(text) as Decimal).isZero()) {
      this.invalidAmount(value, because('amount_negative'), w, i, col);
      return '0';
    }
    return text ?? (readWireDecimal(value) as Decimal);
  }

  invalidAmount(value: unknown, reason: Reason, w: Coll, i: number, col: string): void {
    this.coded('invalid_amount', { value: shown(value), reason }, [w, i, col]);
  }

  /** A probability override in [0, 1] (null or undefined: none). */
  probability(value: unknown, w: Coll, i: number, col: string): Decimal | undefined {
    if (absent(value)) return undefined;
    const key = typeof value === 'string' ? value : undefined;
    if (key !== undefined) {
      const cached = this.probabilityCache.get(key);
      if (cached !== undefined) return cached;
    }
    const d = readWireDecimal(value);
    if ('code' in d) {
      this.invalidAmount(value, d, w, i, col);
      return undefined;
    }
    if (!(d.gte(0) && d.lte(1))) {
      this.coded('probability_out_of_range', { value: d.toString() }, [w, i, col]);
      return undefined;
    }
    if (key !== undefined && this.probabilityCache.size < 10_000) this.probabilityCache.set(key, d);
    return d;
  }

  forecastCategory(value: unknown, w: Coll, i: number, col: string): number {
    if (absent(value)) return NO_CODE;
    const c = typeof value === 'string' ? FORECAST_CATEGORY_INDEX.get(value) : undefined;
    if (c !== undefined) return c;
    this.structural(`Expected one of ${FORECAST_CATEGORY_CODES.join(', ')} or null`, [w, i, col]);
    return NO_CODE;
  }

  /** An expected close date: `YYYY-MM-DD` text (null or undefined: none). */
  closeDay(value: unknown, w: Coll, i: number, col: string): number {
    if (absent(value)) return NO_DAY;
    const day = typeof value === 'string' ? dayOfText(value) : Number.NaN;
    if (!Number.isNaN(day)) return day;
    this.coded('invalid_plain_date', { value: shown(value) }, [w, i, col]);
    return NO_DAY;
  }

  /** An instant already read (rows: `readInstantColumn`) as ms, or NaN with `invalid_instant`. */
  instant(value: unknown, w: Coll, i: number, col: string): number {
    const ms = instantInputMs(value);
    if (Number.isNaN(ms)) this.coded('invalid_instant', { value: shown(value) }, [w, i, col]);
    return ms;
  }

  /** An instant given as ms (Arrow), or NaN with `invalid_instant`. */
  instantMs(ms: number, w: Coll, i: number, col: string): number {
    if (isInstantInRange(ms)) return ms;
    this.coded('invalid_instant', { value: Number.isFinite(ms) ? String(ms) : 'null' }, [w, i, col]);
    return Number.NaN;
  }

  /** Credit splits: a JSON array (text or parsed) of `{ ownerId, basisPoints }` adding up to 10 000. */
  splits(value: unknown, w: Coll, i: number, col: string): Split[] | undefined {
    if (absent(value)) return undefined;
    let v: unknown = value;
    if (typeof v === 'string') {
      try {
        v = JSON.parse(v) as unknown;
      } catch {
        this.structural(`Expected JSON text, got "${shown(value)}"`, [w, i, col]);
        return undefined;
      }
    }
    if (v === null) return undefined;
    if (!Array.isArray(v)) {
      this.structural('Expected an array of splits', [w, i, col]);
      return undefined;
    }
    const out: Split[] = [];
    const seen = new Set<string>();
    let total = 0;
    const before = this.issues.length;
    for (let k = 0; k < v.length; k++) {
      const s: unknown = v[k];
      const ownerId = isRecord(s) ? s['ownerId'] : undefined;
      const bp = isRecord(s) ? s['basisPoints'] : undefined;
      if (typeof ownerId !== 'string' || ownerId.length === 0 || typeof bp !== 'number' || !Number.isSafeInteger(bp) || bp < 0 || bp > 10_000) {
        this.structural('Expected a split { ownerId, basisPoints } with a whole number of basis points from 0 to 10000', [w, i, col, k]);
        continue;
      }
      if (seen.has(ownerId)) this.coded('duplicate_split_owner', { ownerId }, [w, i, col, k, 'ownerId']);
      seen.add(ownerId);
      total += bp;
      out.push({ ownerId: ownerId as UserId, basisPoints: bp });
    }
    if (this.issues.length > before) return undefined;
    if (total !== 10_000) {
      this.coded('splits_total', { total }, [w, i, col]);
      return undefined;
    }
    return out;
  }

  /**
   * `attributes.projectType` (a non-empty string) of free-form attributes (JSON text or
   * a parsed value); the rest of the attributes is not read. Text that does not
   * mention `"projectType"` is not parsed at all.
   */
  projectType(value: unknown, w: Coll, i: number, col: string): string | undefined {
    if (absent(value)) return undefined;
    let v: unknown = value;
    if (typeof v === 'string') {
      if (!v.includes('"projectType"')) return undefined;
      try {
        v = JSON.parse(v) as unknown;
      } catch {
        this.structural(`Expected JSON text, got "${shown(value)}"`, [w, i, col]);
        return undefined;
      }
    }
    if (!isRecord(v)) return undefined;
    const p = v['projectType'];
    return typeof p === 'string' && p !== '' ? p : undefined;
  }

  /** A whole number ≥ `min` (a number, a bigint or digits), or undefined with an issue. */
  whole(value: unknown, min: number, w: Coll, i: number, col: string): number | undefined {
    let n = Number.NaN;
    if (typeof value === 'number') n = value;
    else if (typeof value === 'bigint') n = Number(value);
    else if (typeof value === 'string' && /^\d{1,15}$/.test(value)) n = Number(value);
    if (Number.isSafeInteger(n) && n >= min) return n;
    this.structural(`Expected a whole number of at least ${min}`, [w, i, col]);
    return undefined;
  }

  // ---- events -------------------------------------------------------------------------

  /** An event type's code, or −1 with an issue. */
  eventType(value: unknown, w: Coll, i: number, col: string): number {
    const c = typeof value === 'string' ? EVENT_CODE.get(value) : undefined;
    if (c !== undefined) return c;
    this.structural(`Expected one of ${EVENT_TYPES}`, [w, i, col]);
    return -1;
  }

  /** The `seq` of the deal's event `k` (0-based): a whole number equal to `k + 1`. */
  seq(value: unknown, k: number, w: Coll, i: number, col: string): void {
    const seq = this.whole(value, 1, w, i, col);
    if (seq !== undefined) this.seqAt(seq, k, [w, i, col]);
  }

  /** Checks a `seq` against its position `k`: only the deal's first mismatch is reported (the others follow from it). */
  seqAt(seq: number, k: number, path: Path): void {
    if (seq === k + 1 || this.seqReported) return;
    this.seqReported = true;
    this.coded('ledger_seq_mismatch', { index: k, expected: k + 1, actual: seq }, path);
  }

  /** Checks that event `k` is not earlier than the one before it. */
  order(atMs: number, k: number, w: Coll, i: number, col: string): void {
    if (Number.isNaN(atMs)) return;
    if (atMs < this.lastAt) this.coded('ledger_out_of_order', { index: k }, [w, i, col]);
    this.lastAt = atMs;
  }

  /** Whether events of this type are read in full (field changes and `lost`: their values are noted). */
  static keeps(type: number): boolean {
    return KEPT_EVENT_CODES[type] === 1;
  }

  /** Whether events of this type set the stage. */
  static setsStage(type: number): boolean {
    return STAGE_EVENT_CODES[type] === 1;
  }

  /** Whether a stage change from `from` to `to` of `kind` is irregular (read in full, its values noted), given the ledger so far. */
  keepsStageChange(from: number, to: number, kind: unknown): boolean {
    return keepsStageChange(this.staged, this.current, from, to, typeof kind === 'string' ? kind : '', this.openIndex);
  }

  /**
   * A payload (JSON text or a parsed object) as an object, or undefined with an issue.
   * Texts are cached (a ledger repeats the same few payloads: `{"stageId":"lead"}`).
   */
  payload(value: unknown, w: Coll, i: number, col: string): Readonly<Record<string, unknown>> | undefined {
    if (typeof value === 'string') {
      let o = this.payloadCache.get(value);
      if (o === undefined) {
        try {
          const parsed = JSON.parse(value) as unknown;
          o = isRecord(parsed) ? parsed : null;
        } catch {
          o = null;
        }
        if (this.payloadCache.size >= 10_000) this.payloadCache.clear();
        this.payloadCache.set(value, o);
      }
      if (o !== null) return o;
    } else if (isRecord(value)) return value;
    this.structural('Expected the payload to be a JSON object', [w, i, col]);
    return undefined;
  }

  /**
   * An event whose values the columns note (or an irregular stage change) read in full by the event schema, as
   * `eventFromRow` reads it: `wire` is `{ type, seq, id?, at, by?, ...payload }`; issues
   * get the event's paths under `path` (`events.7.to`).
   */
  fullEvent(wire: Readonly<Record<string, unknown>>, path: Path): OpportunityEvent | undefined {
    let e = fastEvent(wire, undefined);
    if (e === undefined) {
      const r = opportunityEventSchema.safeParse(wire);
      if (!r.success) {
        for (const issue of r.error.issues) this.issues.push({ ...issue, path: [...path, ...issue.path] } as RawIssue);
        return undefined;
      }
      e = r.data as OpportunityEvent;
    }
    if (e.type === 'amount_changed') {
      // Negative amounts are refused, by the rule parseOpportunity applies.
      const before = this.issues.length;
      const report: Report = (code, params, at) => this.coded(code, params, at);
      checkNonNegative(e.from, [...path, 'from', 'amount'], report);
      checkNonNegative(e.to, [...path, 'to', 'amount'], report);
      if (this.issues.length > before) return undefined;
    }
    return e;
  }

  /**
   * Adds event `k` of the deal: its type code, the stage it moves to (NO_STAGE for
   * none), its time, the event read in full (or undefined; the builder notes its values) and a stage change's `from` code.
   */
  event(type: number, stage: number, atMs: number, object: OpportunityEvent | undefined, from: number): void {
    const k = this.n++;
    this.evType[k] = type;
    this.evStage[k] = stage;
    this.evAt[k] = atMs;
    this.evObject[k] = object;
    this.evFrom[k] = from;
    if (stage !== NO_STAGE) {
      this.staged = true;
      this.current = stage;
    }
  }

  /** Whether the deal's ledger has set its stage yet. */
  get isStaged(): boolean {
    return this.staged;
  }
}

export { LOST, STAGE_CHANGED };
