// Reading Apache Arrow columns in bulk, without depending on apache-arrow: the vectors
// are typed structurally (what apache-arrow's `Vector` has) and read with `toArray()`
// (typed arrays for numbers and timestamps) or, for dictionary-encoded strings, chunk by
// chunk from their `Data` (the keys and the dictionary, each string decoded once). Every
// reader returns one plain value per row, which the column reader then checks.
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { MS_PER_DAY } from '../../time/daysBetween.js';
import type { ArrowTableLike, ArrowVectorLike } from '../arrowTable.js';
import { readInstantColumn } from '../rows/_lib/rowKit.js';
import { instantInputMs } from '../primitives.js';
import { dayOfText } from './columnsIngest.js';

// Type ids of the Arrow columnar format, as apache-arrow's `Type` enum numbers them.
const INT = 2;
const FLOAT = 3;
const UTF8 = 5;
const DECIMAL = 7;
const DATE = 8;
const TIMESTAMP = 10;
const LARGE_UTF8 = 20;
const DICTIONARY = -1;

/** Throws `invalid_argument` naming the table and the column. */
function wrongType(table: string, column: string, expected: string): never {
  throw new FunnelError('invalid_argument', { name: table, reason: because('arrow_column_type', { column, expected }) });
}

/** Checks the argument is a table (`numRows`, `getChild`). */
export function checkTable(value: unknown, name: string): asserts value is ArrowTableLike {
  const t = value as ArrowTableLike | null;
  if (typeof value !== 'object' || value === null || typeof t!.getChild !== 'function' || !Number.isSafeInteger(t!.numRows) || t!.numRows < 0) {
    throw new FunnelError('invalid_argument', { name, reason: because('must_be_arrow_table') });
  }
}

/** A column of a table: `undefined` when absent and optional. @throws FunnelError `invalid_argument` when a required column is missing or is not a vector of the table's length */
export function column(table: ArrowTableLike, tableName: string, name: string, required: boolean): ArrowVectorLike | undefined {
  const v = table.getChild(name);
  if (v === null || v === undefined) {
    if (required) throw new FunnelError('invalid_argument', { name: tableName, reason: because('arrow_column_missing', { column: name }) });
    return undefined;
  }
  if (typeof v !== 'object' || typeof v.get !== 'function' || typeof v.toArray !== 'function' || v.length !== table.numRows || typeof v.type !== 'object' || v.type === null) {
    wrongType(tableName, name, 'an Arrow vector of the table’s length');
  }
  return v;
}

/** 1 for each valid row, 0 for null; `undefined` when the column has no nulls. */
export function validity(v: ArrowVectorLike): Uint8Array | undefined {
  if (v.nullCount === 0) return undefined;
  const out = new Uint8Array(v.length);
  const data = v.data;
  if (Array.isArray(data) && data.every((d) => typeof d.offset === 'number' && typeof d.length === 'number')) {
    let pos = 0;
    for (const d of data) {
      const bits = d.nullBitmap;
      if (d.nullCount === 0 || bits === null || bits === undefined || bits.length === 0) out.fill(1, pos, pos + d.length);
      else for (let r = 0; r < d.length; r++) out[pos + r] = (bits[(d.offset + r) >> 3]! >> ((d.offset + r) & 7)) & 1;
      pos += d.length;
    }
    if (pos === v.length) return out;
  }
  for (let i = 0; i < v.length; i++) out[i] = v.get(i) === null || v.get(i) === undefined ? 0 : 1;
  return out;
}

function isText(typeId: number, v: ArrowVectorLike): boolean {
  if (typeId === UTF8 || typeId === LARGE_UTF8) return true;
  if (typeId !== DICTIONARY) return false;
  const d = v.type.dictionary?.typeId;
  return d === UTF8 || d === LARGE_UTF8;
}

/**
 * A text column (Utf8, LargeUtf8 or a dictionary of them), one string (or null) per row.
 * A dictionary-encoded column is read chunk by chunk: each dictionary entry is decoded
 * once and shared by its rows.
 */
export function strings(v: ArrowVectorLike, table: string, name: string): (string | null)[] {
  const typeId = v.type.typeId;
  if (!isText(typeId, v)) wrongType(table, name, 'Utf8 (or a dictionary of Utf8)');
  if (typeId === DICTIONARY && Array.isArray(v.data)) {
    const out = new Array<string | null>(v.length);
    let pos = 0;
    let ok = true;
    for (const d of v.data) {
      const keys = d.values as ArrayLike<number> | undefined;
      const dict = d.dictionary;
      if (keys === undefined || keys === null || typeof keys.length !== 'number' || keys.length < d.length || dict === null || dict === undefined) {
        ok = false;
        break;
      }
      const words = dict.toArray() as ArrayLike<string | null>;
      const bits = d.nullCount > 0 ? d.nullBitmap : undefined;
      for (let r = 0; r < d.length; r++) {
        const valid = bits === undefined || bits === null || ((bits[(d.offset + r) >> 3]! >> ((d.offset + r) & 7)) & 1) === 1;
        out[pos + r] = valid ? (words[Number(keys[r])] ?? null) : null;
      }
      pos += d.length;
    }
    if (ok && pos === v.length) return out;
  }
  const a = v.toArray() as ArrayLike<unknown>;
  const out = new Array<string | null>(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = a[i];
    out[i] = typeof x === 'string' ? x : null;
  }
  return out;
}

/** Exact numbers of an Int64 or Timestamp column's `BigInt64Array` (safe while below 2⁵³), or NaN beyond. */
function int64Numbers(a: BigInt64Array, scaleDown: number): Float64Array {
  const n = a.length;
  const out = new Float64Array(n);
  const w = new Int32Array(a.buffer, a.byteOffset, n * 2);
  for (let i = 0; i < n; i++) {
    const hi = w[2 * i + 1]!;
    const v = hi * 4294967296 + (w[2 * i]! >>> 0);
    if (v >= -9007199254740991 && v <= 9007199254740991) out[i] = scaleDown === 1 ? v : Math.floor(v / scaleDown);
    else {
      // Beyond 2⁵³ (nanoseconds): exact division in BigInt, rounded down like the ISO reader.
      const b = a[i]!;
      const d = BigInt(scaleDown);
      let q = b / d;
      if (b % d < 0n) q -= 1n;
      out[i] = Number(q);
    }
  }
  return out;
}

/**
 * Instants as ms since the epoch (NaN for null), from a Timestamp column of any unit
 * (time zone or not: the values are UTC), a Date column, whole ms numbers (Int or
 * Float), or text (ISO 8601 or `timestamptz` text, as the row codecs read it). Sub-ms
 * parts are dropped (rounded down), as the ISO reader drops them. Values that are no
 * instant (text that does not parse) are NaN and listed in `bad` with their text.
 */
export function instants(v: ArrowVectorLike, table: string, name: string): { readonly ms: Float64Array; readonly bad: Map<number, string> } {
  const typeId = v.type.typeId;
  const bad = new Map<number, string>();
  let ms: Float64Array;
  if (typeId === TIMESTAMP || typeId === INT || typeId === FLOAT || typeId === DATE) {
    const unit = typeId === TIMESTAMP ? (v.type.unit ?? 1) : 1;
    const a = v.toArray() as ArrayLike<unknown>;
    if (a instanceof BigInt64Array) {
      ms = int64Numbers(a, unit === 0 ? 1 : unit === 1 ? 1 : unit === 2 ? 1000 : 1_000_000);
      if (unit === 0) for (let i = 0; i < ms.length; i++) ms[i] = ms[i]! * 1000;
    } else if (typeId === TIMESTAMP && unit !== 1) {
      // A Timestamp not backed by 64-bit integers: its values through get(), in ms.
      ms = new Float64Array(v.length);
      for (let i = 0; i < v.length; i++) {
        const x = v.get(i);
        ms[i] = typeof x === 'number' ? Math.floor(x) : Number.NaN;
      }
    } else {
      ms = new Float64Array(v.length);
      for (let i = 0; i < v.length; i++) {
        const x = a[i];
        ms[i] = typeof x === 'number' ? Math.floor(x) : typeof x === 'bigint' ? Number(x) : Number.NaN;
      }
    }
  } else if (isText(typeId, v)) {
    const s = strings(v, table, name);
    ms = new Float64Array(v.length);
    for (let i = 0; i < s.length; i++) {
      const x = s[i];
      if (x === null || x === undefined) ms[i] = Number.NaN;
      else {
        const t = instantInputMs(readInstantColumn(x));
        ms[i] = t;
        if (Number.isNaN(t)) bad.set(i, x);
      }
    }
    return { ms, bad };
  } else {
    return wrongType(table, name, 'Timestamp, Date, whole ms or text');
  }
  const valid = validity(v);
  if (valid !== undefined) for (let i = 0; i < ms.length; i++) if (valid[i] === 0) ms[i] = Number.NaN;
  return { ms, bad };
}

/**
 * Calendar dates as day numbers (NaN for null), from a Date column (DuckDB's `DATE`) or
 * `YYYY-MM-DD` text; `bad` lists text that is not a calendar date and Date64 values
 * that are not at midnight UTC.
 */
export function days(v: ArrowVectorLike, table: string, name: string): { readonly day: Float64Array; readonly bad: Map<number, string> } {
  const typeId = v.type.typeId;
  const bad = new Map<number, string>();
  const day = new Float64Array(v.length);
  if (typeId === DATE) {
    const a = v.toArray() as ArrayLike<unknown>;
    for (let i = 0; i < v.length; i++) {
      const x = a[i];
      const msValue = typeof x === 'number' ? x : typeof x === 'bigint' ? Number(x) : Number.NaN;
      if (Number.isNaN(msValue)) day[i] = Number.NaN;
      else if (msValue % MS_PER_DAY !== 0) {
        day[i] = Number.NaN;
        bad.set(i, String(msValue));
      } else day[i] = msValue / MS_PER_DAY;
    }
    const valid = validity(v);
    if (valid !== undefined) for (let i = 0; i < day.length; i++) if (valid[i] === 0) day[i] = Number.NaN;
    return { day, bad };
  }
  if (!isText(typeId, v)) wrongType(table, name, 'Date or YYYY-MM-DD text');
  const s = strings(v, table, name);
  for (let i = 0; i < s.length; i++) {
    const x = s[i];
    if (x === null || x === undefined) day[i] = Number.NaN;
    else {
      const d = dayOfText(x);
      day[i] = d;
      if (Number.isNaN(d)) bad.set(i, x);
    }
  }
  return { day, bad };
}

/** The exact decimal text of one Decimal value stored as `stride` 32-bit little-endian words (two's complement) with `scale` digits after the point. */
function decimalText(words: ArrayLike<number>, offset: number, stride: number, scale: number): string {
  let b = 0n;
  for (let w = stride - 1; w >= 0; w--) b = (b << 32n) | BigInt(words[offset + w]! >>> 0);
  b = BigInt.asIntN(stride * 32, b);
  const negative = b < 0n;
  let text = (negative ? -b : b).toString();
  if (scale > 0) {
    if (text.length <= scale) text = '0'.repeat(scale - text.length + 1) + text;
    text = `${text.slice(0, text.length - scale)}.${text.slice(text.length - scale)}`;
  } else if (scale < 0) text += '0'.repeat(-scale);
  return negative ? `-${text}` : text;
}

/**
 * Decimals, one per row as decimal text or a number (null for null): text columns as
 * they are, Decimal columns (any bit width, with their scale) as exact text, Int and
 * Float columns as numbers (a Float is then held to the 15-significant-digit rule of
 * the row codecs), Int64 beyond 2⁵³ as exact text.
 */
export function decimals(v: ArrowVectorLike, table: string, name: string): (string | number | null)[] {
  const typeId = v.type.typeId;
  const n = v.length;
  const out = new Array<string | number | null>(n);
  if (isText(typeId, v)) return strings(v, table, name);
  if (typeId === DECIMAL) {
    const a = v.toArray() as ArrayLike<number>;
    const stride = (v.type.bitWidth ?? 128) / 32;
    const scale = v.type.scale ?? 0;
    if (!Number.isInteger(stride) || stride < 1 || a.length < n * stride) wrongType(table, name, 'Decimal');
    for (let i = 0; i < n; i++) out[i] = decimalText(a, i * stride, stride, scale);
  } else if (typeId === INT || typeId === FLOAT) {
    const a = v.toArray() as ArrayLike<unknown>;
    for (let i = 0; i < n; i++) {
      const x = a[i];
      out[i] = typeof x === 'bigint' ? (x >= -9007199254740991n && x <= 9007199254740991n ? Number(x) : x.toString()) : typeof x === 'number' ? x : null;
    }
  } else {
    return wrongType(table, name, 'Decimal, Utf8 decimal text, Int or Float');
  }
  const valid = validity(v);
  if (valid !== undefined) for (let i = 0; i < n; i++) if (valid[i] === 0) out[i] = null;
  return out;
}

/** Whole numbers (NaN for null or a fraction) from Int, Float or digit text. */
export function wholes(v: ArrowVectorLike, table: string, name: string): Float64Array {
  const typeId = v.type.typeId;
  const n = v.length;
  let out: Float64Array;
  if (typeId === INT || typeId === FLOAT) {
    const a = v.toArray() as ArrayLike<unknown>;
    if (a instanceof BigInt64Array) out = int64Numbers(a, 1);
    else {
      out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const x = a[i];
        out[i] = typeof x === 'number' ? x : typeof x === 'bigint' ? Number(x) : Number.NaN;
      }
    }
    const valid = validity(v);
    if (valid !== undefined) for (let i = 0; i < n; i++) if (valid[i] === 0) out[i] = Number.NaN;
    return out;
  }
  if (!isText(typeId, v)) wrongType(table, name, 'Int, Float or digits');
  const s = strings(v, table, name);
  out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = s[i];
    out[i] = typeof x === 'string' && /^\d{1,15}$/.test(x) ? Number(x) : Number.NaN;
  }
  return out;
}
