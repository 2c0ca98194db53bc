// Helpers shared by the row codecs: reading the columns drivers return (JSON text or
// parsed JSON, instants as `Date`s or SQL text, whole numbers as numbers, bigints or
// text) into the wire form the library's parsers read, and the issues of rows that
// cannot be read at all.
import * as z from 'zod';
import { because } from '../../../i18n/because.js';
import { FunnelError } from '../../../i18n/FunnelError.js';
import type { IssueCode } from '../../../i18n/codes.js';
import { formatMessage } from '../../../i18n/formatMessage.js';
import type { ParamsOf } from '../../../i18n/params.js';
import { parseIsoInstant } from '../../../time/instant.js';
import { FORBIDDEN_KEYS } from '../../primitives.js';
import type { EventRow } from '../types.js';

/** A path into the value being read. */
export type Path = ReadonlyArray<string | number>;

/** Where readers collect the issues of rows they cannot read. */
export type Issues = z.core.$ZodIssue[];

/**
 * A structural issue (no library code: `toFunnelIssues` makes it `invalid_schema`).
 * Like zod's own issues, it does not carry the input (a payload may be large).
 */
export function structuralIssue(issues: Issues, path: Path, message: string): void {
  issues.push({ code: 'custom', path: [...path], message });
}

/** An issue with one of the library's codes, as the parsers report them. */
export function codedIssue<C extends IssueCode>(issues: Issues, code: C, params: ParamsOf<C>, path: Path): void {
  issues.push({ code: 'custom', path: [...path], message: formatMessage(code, params, 'en'), params: { ...params, code } });
}

/** A failed result carrying `issues`, as the `safeParse*` functions return. */
export function failure<T>(issues: Issues): z.ZodSafeParseResult<T> {
  return { success: false, error: new z.ZodRealError(issues) as z.ZodError<T> };
}

/** The data of a result, or its error thrown. */
export function unwrap<T>(result: z.ZodSafeParseResult<T>): T {
  if (result.success) return result.data;
  throw result.error;
}

/** Whether `value` is a non-null object that is not an array. */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Throws `invalid_argument` unless a positional argument is a row (an object). */
export function checkRowArgument(value: unknown, name: string): asserts value is Readonly<Record<string, unknown>> {
  if (!isRecord(value) || value instanceof Date) {
    throw new FunnelError('invalid_argument', { name, reason: because('must_be_row') });
  }
}

function shown(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * A JSON column: JSON text (a `text`/`JSON` column) is parsed; a value a driver has
 * already parsed (PostgreSQL `jsonb` through pg or PGlite) is taken as it is (the
 * parsers copy what they keep, so it is never changed). Returns `undefined` with an
 * issue for text that is not JSON or a value that is neither.
 */
export function readJsonColumn(value: unknown, path: Path, issues: Issues): { readonly value: unknown } | undefined {
  if (typeof value === 'string') {
    try {
      return { value: JSON.parse(value) as unknown };
    } catch {
      structuralIssue(issues, path, `Expected JSON text, got "${shown(value)}"`);
      return undefined;
    }
  }
  if (value === null || typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'object' && !(value instanceof Date))) {
    return { value };
  }
  structuralIssue(issues, path, 'Expected JSON text or a parsed JSON value');
  return undefined;
}

/**
 * `YYYY-MM-DD HH:MM[:SS[.f]]` then `Z` or `±HH[:MM[:SS]]`: the text PostgreSQL and
 * DuckDB print for a `timestamptz` (in the session's time zone, whose offsets before
 * standard time have seconds).
 */
const SQL_INSTANT = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(?:Z|([+-])(\d{2})(?::?(\d{2})(?::?(\d{2}))?)?)$/;

/**
 * An instant column as a wire instant: a `Date` (pg, PGlite, DuckDB's `getRowObjectsJS`)
 * and ISO 8601 text are taken as they are; text in the form PostgreSQL and DuckDB print
 * a `timestamptz` (`2026-01-05 01:00:00.123+00`, `… +05:30`, `… +08:05:43`) becomes the
 * `Date` it names; anything else is left for the parser to judge (`invalid_instant`).
 */
export function readInstantColumn(value: unknown): unknown {
  if (typeof value !== 'string' || value.length > 40 || !Number.isNaN(parseIsoInstant(value))) return value;
  const m = SQL_INSTANT.exec(value);
  if (m === null) return value;
  const [, date, time, sign, hours, minutes, seconds] = m;
  if (Number(hours ?? 0) > 23 || Number(minutes ?? 0) > 59 || Number(seconds ?? 0) > 59) return value;
  const local = parseIsoInstant(`${date}T${time}Z`);
  const offset = sign === undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(hours) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0)) * 1000;
  return Number.isNaN(local) ? value : new Date(local - offset);
}

/**
 * A whole-number column (`seq`, `version`): a number, a bigint (DuckDB `BIGINT`) or
 * decimal digits (pg `int8`), as a safe integer ≥ `min`; `undefined` with an issue
 * otherwise.
 */
export function readWholeColumn(value: unknown, min: number, path: Path, issues: Issues): number | undefined {
  let n = Number.NaN;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'bigint') n = Number(value);
  else if (typeof value === 'string' && /^\d{1,15}$/.test(value)) n = Number(value);
  if (Number.isSafeInteger(n) && n >= min) return n;
  structuralIssue(issues, path, `Expected a whole number of at least ${min}`);
  return undefined;
}

/** A nullable text column: null and undefined are "absent". */
export function present(value: unknown): boolean {
  return value !== null && value !== undefined;
}

/** Copies `value` into `target[key]` when the column is not null. */
export function setIfPresent(target: Record<string, unknown>, key: string, value: unknown): void {
  if (present(value)) target[key] = value;
}

/** The columns of an event row that are not in its payload. */
export const EVENT_COLUMNS: ReadonlySet<string> = new Set(['type', 'seq', 'id', 'at', 'by']);

/**
 * The wire event of an event row: `{ type, seq, id?, at, by?, ...payload }`, or
 * `undefined` with issues under `path` for a row that cannot be read (not an object, a
 * `seq` that is no whole number, a payload that is not a JSON object, a payload
 * holding a column's key or a forbidden key).
 */
export function readEventRow(row: unknown, path: Path, issues: Issues): { readonly seq: number; readonly wire: Record<string, unknown> } | undefined {
  if (!isRecord(row) || row instanceof Date) {
    structuralIssue(issues, path, 'Expected an event row (an object)');
    return undefined;
  }
  const before = issues.length;
  const seq = readWholeColumn(row['seq'], 1, [...path, 'seq'], issues);
  const payload = readJsonColumn(row['payload'], [...path, 'payload'], issues);
  if (payload !== undefined && !isRecord(payload.value)) {
    structuralIssue(issues, [...path, 'payload'], 'Expected the payload to be a JSON object');
  }
  if (seq === undefined || payload === undefined || !isRecord(payload.value) || issues.length > before) return undefined;
  const wire: Record<string, unknown> = { type: row['type'], seq };
  setIfPresent(wire, 'id', row['id']);
  wire['at'] = readInstantColumn(row['at']);
  setIfPresent(wire, 'by', row['by']);
  for (const key of Object.keys(payload.value)) {
    if (FORBIDDEN_KEYS.has(key)) codedIssue(issues, 'forbidden_key', { key }, [...path, 'payload', key]);
    else if (EVENT_COLUMNS.has(key)) structuralIssue(issues, [...path, 'payload', key], `The payload must not hold "${key}": it is a column of its own`);
    else wire[key] = payload.value[key];
  }
  return issues.length > before ? undefined : { seq, wire };
}

/** JSON text of a wire value (what the encoders write into JSON columns). */
export function jsonText(value: unknown): string {
  return JSON.stringify(value);
}

/** The row of a wire event (`z.encode` of a domain event, `seq` included). */
export function eventRowOfWire(opportunityId: string, wire: Readonly<Record<string, unknown>>): EventRow {
  const payload: Record<string, unknown> = {};
  for (const key of Object.keys(wire)) if (!EVENT_COLUMNS.has(key)) payload[key] = wire[key];
  return {
    opportunity_id: opportunityId,
    seq: wire['seq'] as number,
    type: wire['type'] as EventRow['type'],
    at: wire['at'] as string,
    by: (wire['by'] as string | undefined) ?? null,
    id: (wire['id'] as string | undefined) ?? null,
    payload: jsonText(payload),
  };
}
