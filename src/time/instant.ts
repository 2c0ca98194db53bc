import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';

/**
 * An instant as the library accepts it (the way date-fns accepts one `DateArg`): a
 * `Date`, or an ISO 8601 date-time string with `Z` or a `±hh:mm` offset
 * (`'2026-03-31T16:00:00Z'`, `'2026-04-01T00:00:00+08:00'`). Every `asOf`, `at`, `from`
 * and `to` option, and every ledger event time, takes this type and goes through
 * {@link toInstant}, so a bad value always gives `invalid_option { option }`.
 *
 * Instants must fall within the years 0001–9999 (UTC), the range that ISO 8601 strings
 * can represent and that every ledger can store.
 */
export type InstantInput = Date | string;

/**
 * The earliest instant the library accepts, 0001-01-01T00:00:00.000Z, in epoch milliseconds.
 *
 * @category Time
 * @example
 * ```ts
 * import { MIN_INSTANT_MS } from 'sales-funnel';
 * new Date(MIN_INSTANT_MS).toISOString(); //=> '0001-01-01T00:00:00.000Z'
 * ```
 */
export const MIN_INSTANT_MS = -62_135_596_800_000;

/**
 * The latest instant the library accepts, 9999-12-31T23:59:59.999Z, in epoch milliseconds.
 *
 * @category Time
 * @example
 * ```ts
 * import { MAX_INSTANT_MS } from 'sales-funnel';
 * new Date(MAX_INSTANT_MS).toISOString(); //=> '9999-12-31T23:59:59.999Z'
 * ```
 */
export const MAX_INSTANT_MS = 253_402_300_799_999;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days from 1970-01-01 to y-m-d (proleptic Gregorian), for any year 1–9999. */
function daysFromCivil(y: number, m: number, d: number): number {
  // Howard Hinnant's days_from_civil.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1000; // poison: any sum with it stays negative
}

function two(s: string, i: number): number {
  return digit(s, i) * 10 + digit(s, i + 1);
}

/**
 * Reads an ISO 8601 date-time with offset in one fixed-position pass:
 * `YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|±HH:MM)`. Checks that the date exists (no
 * 30 February), that the time is a real wall-clock time (no leap second `:60`, no
 * `24:00`) and that the instant falls within years 0001–9999 UTC.
 *
 * @param s - The text.
 * @returns Epoch milliseconds (fractions below a millisecond truncated), or `NaN` when
 *   the text is not such a date-time.
 *
 * @category Time
 * @example
 * ```ts
 * import { parseIsoInstant } from 'sales-funnel';
 * parseIsoInstant('2026-04-01T07:30:00+08:00'); //=> 1774999800000
 * Number.isNaN(parseIsoInstant('2026-02-30T00:00:00Z')); //=> true
 * ```
 */
export function parseIsoInstant(s: string): number {
  if (typeof s !== 'string') return Number.NaN;
  const n = s.length;
  if (n < 17 || n > 40) return Number.NaN;
  const year = digit(s, 0) * 1000 + digit(s, 1) * 100 + two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  const hour = two(s, 11);
  const minute = two(s, 14);
  if (
    s.charCodeAt(4) !== 45 || // -
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 || // T
    s.charCodeAt(13) !== 58 // :
  ) {
    return Number.NaN;
  }
  if (year < 1 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) return Number.NaN;
  const monthDays = month === 2 ? (isLeap(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (day > monthDays) return Number.NaN;
  let i = 16;
  let second = 0;
  let ms = 0;
  if (s.charCodeAt(i) === 58) {
    second = two(s, i + 1);
    if (second < 0 || second > 59) return Number.NaN;
    i += 3;
    if (s.charCodeAt(i) === 46) {
      // fraction: 1 to 9 digits
      i++;
      const start = i;
      let scale = 100;
      while (i < n) {
        const d = digit(s, i);
        if (d < 0) break;
        ms += d * scale;
        scale /= 10;
        i++;
      }
      const len = i - start;
      if (len < 1 || len > 9) return Number.NaN;
      ms = Math.floor(ms + 1e-9);
    }
  }
  let offsetMinutes: number;
  const c = s.charCodeAt(i);
  if (c === 90 && i + 1 === n) {
    // Z
    offsetMinutes = 0;
  } else if ((c === 43 || c === 45) && i + 6 === n && s.charCodeAt(i + 3) === 58) {
    const oh = two(s, i + 1);
    const om = two(s, i + 4);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return Number.NaN;
    offsetMinutes = (c === 45 ? -1 : 1) * (oh * 60 + om);
  } else {
    return Number.NaN;
  }
  const t = (daysFromCivil(year, month, day) * 1440 + hour * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + ms;
  return t < MIN_INSTANT_MS || t > MAX_INSTANT_MS ? Number.NaN : t;
}

/** Whether a `Date` is valid and within the accepted years. @internal */
export function isInstantInRange(ms: number): boolean {
  return ms >= MIN_INSTANT_MS && ms <= MAX_INSTANT_MS;
}

/**
 * Normalises an {@link InstantInput} to a new `Date`, or throws.
 *
 * @param value - A `Date` or an ISO 8601 date-time string with offset.
 * @param option - The option's name, for the error (`'asOf'`, `'at'`, …).
 * @returns A new `Date` (never the caller's object).
 * @throws {@link FunnelError} `invalid_option` with `{ option, reason }` for anything
 *   else: an invalid `Date`, a string without offset, a date that does not exist, a
 *   year outside 0001–9999.
 *
 * @category Time
 * @example
 * ```ts
 * import { toInstant } from 'sales-funnel';
 * toInstant('2026-04-01T07:30:00+08:00', 'asOf').toISOString(); //=> '2026-03-31T23:30:00.000Z'
 * toInstant(new Date('2026-03-31T23:30:00Z'), 'asOf').getTime(); //=> 1774999800000
 * ```
 */
export function toInstant(value: InstantInput, option: string): Date {
  let ms: number;
  if (value instanceof Date) {
    ms = value.getTime();
    if (!Number.isFinite(ms)) throw new FunnelError('invalid_option', { option, reason: because('invalid_date_object') });
    if (!isInstantInRange(ms)) throw new FunnelError('invalid_option', { option, reason: because('years_out_of_range') });
    return new Date(ms);
  }
  if (typeof value === 'string') {
    ms = parseIsoInstant(value);
    if (!Number.isNaN(ms)) return new Date(ms);
    throw new FunnelError('invalid_option', {
      option,
      reason: because('not_an_instant', { value: value.length > 40 ? `${value.slice(0, 40)}…` : value }),
    });
  }
  throw new FunnelError('invalid_option', { option, reason: because('must_be_instant') });
}

/**
 * Like {@link toInstant}, for an optional option: `undefined` stays `undefined`.
 *
 * @internal
 */
export function toInstantOrUndefined(value: InstantInput | undefined, option: string): Date | undefined {
  return value === undefined ? undefined : toInstant(value, option);
}

/**
 * Epoch ms of an optional instant option, `fallback` when absent.
 *
 * @internal
 */
export function instantMs(value: InstantInput | undefined, option: string, fallback: number): number {
  return value === undefined ? fallback : toInstant(value, option).getTime();
}
