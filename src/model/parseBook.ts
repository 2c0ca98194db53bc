import * as z from 'zod';
import { booleanOption, oneOfOption, wholeNumberOption } from '../_lib/options.js';
import type { Locale } from '../i18n/codes.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { FunnelIssue } from '../i18n/formatIssue.js';
import { formatMessage } from '../i18n/formatMessage.js';
import { customerSchema, type Customer } from './customer.js';
import { fastParseOpportunity, prepareOpportunityParse } from './_lib/opportunityParsers.js';
import type { Opportunity } from './opportunityShape.js';
import { pipelineSchema, type Pipeline } from './pipeline.js';
import { toFunnelIssues } from './toFunnelIssues.js';

/**
 * A whole export to parse at once: the wire forms of pipelines, customers and
 * opportunities (each list optional, default empty).
 */
export interface BookInput {
  /** Pipelines in wire form (see `parsePipeline`). */
  readonly pipelines?: readonly unknown[];
  /** Customers in wire form (see `parseCustomer`). */
  readonly customers?: readonly unknown[];
  /** Opportunities in wire form (see `parseOpportunity`), each of a listed pipeline and customer. */
  readonly opportunities?: readonly unknown[];
}

/** The valid records of a book, in input order. */
export interface ParsedBook {
  /** The valid pipelines. */
  readonly pipelines: Pipeline[];
  /** The valid customers. */
  readonly customers: Customer[];
  /** The valid opportunities, each checked against its pipeline. */
  readonly opportunities: Opportunity[];
}

/** One record left out of a book, with why. */
export interface RejectedRecord {
  /** Which list it came from; `book` when the input itself is not an object. */
  readonly collection: 'pipelines' | 'customers' | 'opportunities' | 'book';
  /** Its position in that list; −1 when the whole list (or book) is unusable. */
  readonly index: number;
  /** `[collection, index]`; the issues' paths start with it (`opportunities.44.amount`). */
  readonly path: readonly (string | number)[];
  /** Its `id`, when it has a string one. */
  readonly id?: string;
  /** Its issues (at most `maxIssuesPerRecord`), paths from the book's root. */
  readonly issues: readonly FunnelIssue[];
  /** How many issues it has in all. */
  readonly issueCount: number;
}

/** What {@link safeParseBook} returns: the valid records and the rejected ones. */
export interface BookResult extends ParsedBook {
  /** True when no record was rejected. */
  readonly success: boolean;
  /** The rejected records, in input order, listed until `maxIssues` issues are listed. */
  readonly rejected: readonly RejectedRecord[];
  /** How many records were rejected in all (listed or not). */
  readonly rejectedCount: number;
  /** How many issues were found in all. */
  readonly issueCount: number;
  /** True when some issues or rejected records are counted but not listed. */
  readonly truncated: boolean;
}

/** Options for {@link parseBook} and {@link safeParseBook}. */
export interface ParseBookOptions {
  /**
   * Accept deals whose ledger is empty (see `OpportunitySchemaOptions`).
   *
   * @defaultValue false
   */
  readonly allowEmptyHistory?: boolean;
  /**
   * At most this many issues are listed per rejected record (the rest are counted).
   *
   * @defaultValue 20
   */
  readonly maxIssuesPerRecord?: number;
  /**
   * Rejected records are listed until this many issues are listed in all; later ones
   * are only counted, so memory stays bounded whatever the input.
   *
   * @defaultValue 1000
   */
  readonly maxIssues?: number;
  /**
   * Locale of the issues' messages.
   *
   * @defaultValue 'en'
   */
  readonly locale?: Locale;
}

type RawIssue = z.core.$ZodIssue;
type Collection = Exclude<RejectedRecord['collection'], 'book'>;

interface Tally {
  readonly rejected: RejectedRecord[];
  rejectedCount: number;
  issueCount: number;
  listed: number;
  truncated: boolean;
  readonly perRecord: number;
  readonly max: number;
  readonly locale: Locale;
  /** The listed issues as zod issues, for {@link parseBook}'s `ZodError`. */
  readonly raw: RawIssue[];
}

function coded(code: 'duplicate_id' | 'missing_customer' | 'missing_pipeline', params: Record<string, string>, path: (string | number)[]): RawIssue {
  return { code: 'custom', path, message: formatMessage(code, params as never), params: { ...params, code } } as RawIssue;
}

function reject(tally: Tally, collection: Collection, index: number, id: string | undefined, issues: readonly RawIssue[]): void {
  tally.rejectedCount++;
  tally.issueCount += issues.length;
  if (tally.listed >= tally.max) {
    tally.truncated = true;
    return;
  }
  const kept = issues.slice(0, Math.max(1, Math.min(tally.perRecord, tally.max - tally.listed)));
  if (kept.length < issues.length) tally.truncated = true;
  tally.listed += kept.length;
  const path = [collection, index];
  const prefixed = kept.map((i) => ({ ...i, path: [...path, ...i.path] }));
  tally.raw.push(...prefixed);
  tally.rejected.push({
    collection,
    index,
    path,
    ...(id === undefined ? {} : { id }),
    issues: toFunnelIssues({ issues: prefixed } as unknown as z.ZodError, tally.locale),
    issueCount: issues.length,
  });
}

/** A record's own `id`, read without trusting the record. */
function rawField(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  try {
    const v = (value as Record<string, unknown>)[key];
    return typeof v === 'string' && v.length > 0 ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Issues of a zod validation, finalized (messages made) without building a `ZodError`;
 * when they will not be listed (`count`), only counted, which is several times faster.
 */
function validate<T>(schema: z.ZodType<T>, value: unknown, count = false): { readonly value: T } | { readonly issues: readonly RawIssue[] } {
  if (count) {
    const payload = schema._zod.run({ value, issues: [] }, { async: false }) as z.core.ParsePayload<T>;
    return payload.issues.length === 0 ? { value: payload.value } : { issues: payload.issues as unknown as RawIssue[] };
  }
  const r = schema['~standard'].validate(value) as { value: T; issues?: undefined } | { issues: readonly RawIssue[] };
  return r.issues === undefined ? { value: r.value } : { issues: r.issues };
}

function list(input: unknown, key: Collection, tally: Tally): readonly unknown[] {
  let value: unknown;
  try {
    value = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[key] : undefined;
  } catch {
    value = null;
  }
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  const r = validate(z.array(z.unknown()), value);
  const issues = 'issues' in r ? r.issues.map((i) => ({ ...i, path: [key, ...i.path] })) : [];
  tally.rejectedCount++;
  tally.issueCount += issues.length;
  tally.listed += issues.length;
  tally.raw.push(...issues);
  tally.rejected.push({ collection: key, index: -1, path: [key], issues: toFunnelIssues({ issues } as unknown as z.ZodError, tally.locale), issueCount: issues.length });
  return [];
}

/**
 * Parses a whole export — pipelines, customers and opportunities — at once, keeping
 * the valid records and listing the rejected ones with their issues, never throwing
 * for any `input`.
 *
 * Each record is parsed as `parsePipeline`, `parseCustomer` and `parseOpportunity`
 * parse it; a deal is checked against its own pipeline (found by `pipelineId`), so a
 * deal naming another pipeline's stages gets `stage_not_in_pipeline`. Across records:
 * a second record with an id already used in its list is rejected (`duplicate_id`;
 * the first one is kept, so a duplicated deal counts once); a deal whose pipeline is
 * not among the valid pipelines (`missing_pipeline`) or whose customer is not among
 * the valid customers (`missing_customer`: a deal must belong to a customer) is
 * rejected. Every issue's path starts at the book's root (`opportunities.44.amount`).
 *
 * Memory stays bounded: at most `maxIssuesPerRecord` issues are kept per record and
 * rejected records are listed until `maxIssues` issues are listed; the rest are
 * counted (`rejectedCount`, `issueCount`, `truncated`).
 *
 * @param input - `{ pipelines, customers, opportunities }`, e.g. from `JSON.parse`.
 * @param options - `allowEmptyHistory`, the caps and the messages' locale.
 * @returns The valid records, the rejected ones and the counts.
 * @throws {@link FunnelError} `invalid_option` for bad options (never for bad input).
 *
 * @category Model
 * @example
 * ```ts
 * import { safeParseBook } from 'sales-funnel';
 * declare const pipelineJson: unknown;
 * const r = safeParseBook({
 *   pipelines: [pipelineJson],
 *   customers: [{ id: 'c1', name: '华东机械' }],
 *   opportunities: [{ id: 'o1', customerId: 'c9' }],
 * });
 * r.rejected[0]?.path; //=> ['opportunities', 0]
 * ```
 */
export function safeParseBook(input: BookInput, options: ParseBookOptions = {}): BookResult {
  return parseInto(input, options).result;
}

/**
 * Parses a whole export — pipelines, customers and opportunities — as
 * {@link safeParseBook} does, and returns the records when every one is valid.
 *
 * @param input - `{ pipelines, customers, opportunities }`, e.g. from `JSON.parse`.
 * @param options - `allowEmptyHistory`, the caps and the messages' locale.
 * @returns The pipelines, customers and opportunities, parsed.
 * @throws `ZodError` listing the issues (as capped by `maxIssuesPerRecord` and
 *   `maxIssues`), their paths from the book's root, when any record is rejected;
 *   {@link FunnelError} `invalid_option` for bad options.
 *
 * @category Model
 * @example
 * ```ts
 * import { parseBook } from 'sales-funnel';
 * declare const exported: { pipelines: unknown[]; customers: unknown[]; opportunities: unknown[] };
 * const { pipelines, customers, opportunities } = parseBook(exported);
 * ```
 */
export function parseBook(input: BookInput, options: ParseBookOptions = {}): ParsedBook {
  const { result, raw } = parseInto(input, options);
  if (!result.success) throw new z.ZodError(raw);
  return { pipelines: result.pipelines, customers: result.customers, opportunities: result.opportunities };
}

function parseInto(input: BookInput, options: ParseBookOptions): { readonly result: BookResult; readonly raw: RawIssue[] } {
  if (typeof options !== 'object' || options === null) throw new FunnelError('invalid_option', { option: 'options', reason: because('must_be_object') });
  const allowEmptyHistory = options.allowEmptyHistory === undefined ? false : booleanOption(options.allowEmptyHistory, 'allowEmptyHistory');
  const tally: Tally = {
    rejected: [],
    rejectedCount: 0,
    issueCount: 0,
    listed: 0,
    truncated: false,
    perRecord: options.maxIssuesPerRecord === undefined ? 20 : wholeNumberOption(options.maxIssuesPerRecord, 'maxIssuesPerRecord', { min: 1 }),
    max: options.maxIssues === undefined ? 1000 : wholeNumberOption(options.maxIssues, 'maxIssues', { min: 1 }),
    locale: options.locale === undefined ? 'en' : oneOfOption(options.locale, 'locale', ['en', 'zh-CN'] as const),
    raw: [],
  };

  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const r = validate(z.object({}), input);
    const issues = 'issues' in r ? [...r.issues] : [];
    tally.rejectedCount++;
    tally.issueCount += issues.length;
    tally.raw.push(...issues);
    tally.rejected.push({ collection: 'book', index: -1, path: [], issues: toFunnelIssues({ issues } as unknown as z.ZodError, tally.locale), issueCount: issues.length });
  }

  const pipelines: Pipeline[] = [];
  const pipelineById = new Map<string, Pipeline>();
  const seenPipelines = new Map<string, number>();
  list(input, 'pipelines', tally).forEach((raw, i) => {
    const id = rawField(raw, 'id');
    const r = validate(pipelineSchema, raw, tally.listed >= tally.max);
    const issues = 'issues' in r ? [...r.issues] : [];
    const first = id === undefined ? undefined : seenPipelines.get(id);
    if (first !== undefined) issues.push(coded('duplicate_id', { id: id!, first: `pipelines.${first}` }, ['id']));
    else if (id !== undefined) seenPipelines.set(id, i);
    if (issues.length > 0) reject(tally, 'pipelines', i, id, issues);
    else if ('value' in r) {
      pipelines.push(r.value);
      pipelineById.set(r.value.id, r.value);
    }
  });

  const customers: Customer[] = [];
  const customerIds = new Set<string>();
  const seenCustomers = new Map<string, number>();
  list(input, 'customers', tally).forEach((raw, i) => {
    const id = rawField(raw, 'id');
    const r = validate(customerSchema, raw, tally.listed >= tally.max);
    const issues = 'issues' in r ? [...r.issues] : [];
    const first = id === undefined ? undefined : seenCustomers.get(id);
    if (first !== undefined) issues.push(coded('duplicate_id', { id: id!, first: `customers.${first}` }, ['id']));
    else if (id !== undefined) seenCustomers.set(id, i);
    if (issues.length > 0) reject(tally, 'customers', i, id, issues);
    else if ('value' in r) {
      customers.push(r.value);
      customerIds.add(r.value.id);
    }
  });

  const opportunities: Opportunity[] = [];
  const seenDeals = new Map<string, number>();
  const plain = prepareOpportunityParse({ allowEmptyHistory });
  const preparedFor = new Map([...pipelineById].map(([id, pipeline]) => [id, prepareOpportunityParse({ pipeline, allowEmptyHistory })]));
  list(input, 'opportunities', tally).forEach((raw, i) => {
    const id = rawField(raw, 'id');
    const pipelineId = rawField(raw, 'pipelineId');
    const found = pipelineId === undefined ? undefined : preparedFor.get(pipelineId);
    const prepared = found ?? plain;
    let deal = fastParseOpportunity(raw, prepared);
    let issues: RawIssue[] = [];
    if (deal === undefined) {
      const r = validate(prepared.schema, raw, tally.listed >= tally.max);
      if ('issues' in r) issues = [...r.issues];
      else deal = r.value;
    }
    const first = id === undefined ? undefined : seenDeals.get(id);
    if (first !== undefined) issues.push(coded('duplicate_id', { id: id!, first: `opportunities.${first}` }, ['id']));
    else if (id !== undefined) seenDeals.set(id, i);
    if (pipelineId !== undefined && found === undefined) issues.push(coded('missing_pipeline', { pipelineId }, ['pipelineId']));
    const customerId = rawField(raw, 'customerId');
    if (customerId !== undefined && !customerIds.has(customerId)) issues.push(coded('missing_customer', { customerId }, ['customerId']));
    if (issues.length > 0) reject(tally, 'opportunities', i, id, issues);
    else if (deal !== undefined) opportunities.push(deal);
  });

  const result: BookResult = {
    success: tally.rejectedCount === 0,
    pipelines,
    customers,
    opportunities,
    rejected: tally.rejected,
    rejectedCount: tally.rejectedCount,
    issueCount: tally.issueCount,
    truncated: tally.truncated,
  };
  return { result, raw: tally.raw };
}
