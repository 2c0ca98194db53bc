import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { formatPlainDate, plainDateParts, type PlainDate } from './plainDate.js';

/**
 * Which wall clock turns an instant into a calendar date (periods and quarters, days in
 * a stage, due dates, "today" in reports): an IANA time zone (`'Asia/Shanghai'`,
 * `'Europe/Berlin'`, daylight saving included, through `Intl`) or a fixed offset from
 * UTC in minutes (Beijing: 480). Give at most one; with neither, the date is UTC's.
 */
export interface ZoneOptions {
  /**
   * IANA time zone name, e.g. `'Europe/Berlin'`. Daylight saving is applied.
   *
   * @defaultValue UTC (unless `offsetMinutes` is given)
   */
  readonly timeZone?: string;
  /**
   * A fixed offset from UTC in minutes, from −1440 to 1440 (Beijing: 480).
   *
   * @defaultValue 0
   */
  readonly offsetMinutes?: number;
}

const MS_PER_MINUTE = 60_000;

interface ZoneClock {
  /** Offset from UTC in minutes at the instant `ms`. */
  offsetAt(ms: number): number;
}

const FIXED_UTC: ZoneClock = { offsetAt: () => 0 };
const clocks = new Map<string, ZoneClock>();

function intlClock(timeZone: string): ZoneClock {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  } catch {
    throw new FunnelError('invalid_option', { option: 'timeZone', reason: because('unknown_time_zone', { value: timeZone }) });
  }
  // Offsets change only at transitions, which fall on whole quarter hours of UTC in
  // every zone's modern rules: cache the offset per quarter hour.
  const cache = new Map<number, number>();
  return {
    offsetAt(ms: number): number {
      const bucket = Math.floor(ms / 900_000);
      const hit = cache.get(bucket);
      if (hit !== undefined) return hit;
      let year = 0;
      let month = 1;
      let day = 1;
      let hour = 0;
      let minute = 0;
      let second = 0;
      let bc = false;
      for (const part of format.formatToParts(new Date(ms))) {
        switch (part.type) {
          case 'year':
            year = Number(part.value);
            break;
          case 'month':
            month = Number(part.value);
            break;
          case 'day':
            day = Number(part.value);
            break;
          case 'hour':
            hour = Number(part.value);
            break;
          case 'minute':
            minute = Number(part.value);
            break;
          case 'second':
            second = Number(part.value);
            break;
          case 'era':
            bc = part.value === 'BC' || part.value === 'B';
            break;
          default:
            break;
        }
      }
      const d = new Date(0);
      d.setUTCFullYear(bc ? 1 - year : year, month - 1, day);
      d.setUTCHours(hour, minute, second, ms - Math.floor(ms / 1000) * 1000);
      const offset = Math.round((d.getTime() - ms) / MS_PER_MINUTE);
      if (cache.size > 50_000) cache.clear();
      cache.set(bucket, offset);
      return offset;
    },
  };
}

function clockOf(zone: ZoneOptions | undefined): ZoneClock {
  if (zone === undefined) return FIXED_UTC;
  const { timeZone, offsetMinutes } = zone;
  if (timeZone !== undefined && offsetMinutes !== undefined) {
    throw new FunnelError('invalid_option', { option: 'timeZone', reason: because('zone_and_offset') });
  }
  if (offsetMinutes !== undefined) {
    if (typeof offsetMinutes !== 'number' || !Number.isInteger(offsetMinutes) || Math.abs(offsetMinutes) > 1440) {
      throw new FunnelError('invalid_option', { option: 'offsetMinutes', reason: because('minutes_from_to', { min: '-1440', max: '1440' }) });
    }
    return offsetMinutes === 0 ? FIXED_UTC : { offsetAt: () => offsetMinutes };
  }
  if (timeZone === undefined) return FIXED_UTC;
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) {
    throw new FunnelError('invalid_option', { option: 'timeZone', reason: because('must_be_time_zone') });
  }
  let clock = clocks.get(timeZone);
  if (clock === undefined) {
    clock = intlClock(timeZone);
    if (clocks.size > 500) clocks.clear();
    clocks.set(timeZone, clock);
  }
  return clock;
}

/**
 * Checks a zone option at once, so a bad one fails before any work.
 *
 * @param zone - The options carrying `timeZone` / `offsetMinutes`.
 * @throws {@link FunnelError} `invalid_option` for an unknown time zone, a bad offset,
 *   or both given.
 *
 * @category Time
 * @example
 * ```ts
 * import { checkZone } from 'sales-funnel';
 * checkZone({ timeZone: 'Asia/Shanghai' }); // fine
 * // checkZone({ timeZone: 'Mars/Olympus' }); // throws invalid_option
 * ```
 */
export function checkZone(zone: ZoneOptions | undefined): void {
  clockOf(zone);
}

/**
 * The zone fields of a larger options object, alone: `timeZone` and `offsetMinutes`
 * where they are given, nothing else (no key set to `undefined`), so that
 * `{ groupBy: ['owner'], timeZone: 'Asia/Shanghai' }` gives `{ timeZone: 'Asia/Shanghai' }`.
 * Not checked: pass the result to {@link checkZone} where a bad zone must be refused.
 * @internal
 */
export function zoneFields(options: ZoneOptions): ZoneOptions {
  const { timeZone, offsetMinutes } = options;
  if (timeZone === undefined) return offsetMinutes === undefined ? {} : { offsetMinutes };
  return offsetMinutes === undefined ? { timeZone } : { timeZone, offsetMinutes };
}

/**
 * The offset from UTC, in minutes, of the zone's wall clock at an instant.
 *
 * @param instant - The instant.
 * @param zone - Time zone or fixed offset; UTC when omitted.
 * @returns Minutes east of UTC (Berlin in summer: 120).
 * @throws {@link FunnelError} `invalid_option` for a bad zone or an invalid Date.
 *
 * @category Time
 * @example
 * ```ts
 * import { zoneOffsetAt } from 'sales-funnel';
 * zoneOffsetAt(new Date('2026-06-30T22:30:00Z'), { timeZone: 'Europe/Berlin' }); //=> 120
 * ```
 */
export function zoneOffsetAt(instant: Date, zone?: ZoneOptions): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new FunnelError('invalid_option', { option: 'instant', reason: because('invalid_date_object') });
  return clockOf(zone).offsetAt(ms);
}

/**
 * The calendar date that a wall clock shows at an instant.
 *
 * @param instant - The instant.
 * @param zone - Time zone or fixed offset; UTC when omitted.
 * @returns The local date.
 * @throws {@link FunnelError} `invalid_option` for a bad zone or an invalid Date.
 *
 * @category Time
 * @example
 * ```ts
 * import { plainDateOf } from 'sales-funnel';
 * const won = new Date('2026-06-30T22:30:00Z');
 * plainDateOf(won, { timeZone: 'Europe/Berlin' }); //=> '2026-07-01'
 * plainDateOf(won, { offsetMinutes: 60 }); //=> '2026-06-30'
 * plainDateOf(won); //=> '2026-06-30'
 * ```
 */
export function plainDateOf(instant: Date, zone?: ZoneOptions): PlainDate {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new FunnelError('invalid_option', { option: 'instant', reason: because('invalid_date_object') });
  const shifted = new Date(ms + clockOf(zone).offsetAt(ms) * MS_PER_MINUTE);
  return formatPlainDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/**
 * The first instant of a calendar day on a wall clock (local midnight; where a
 * daylight-saving change skips midnight, the first instant that exists that day).
 *
 * @param date - The calendar date.
 * @param zone - Time zone or fixed offset; UTC when omitted.
 * @returns The instant the day begins.
 * @throws {@link FunnelError} `invalid_option` for a bad zone; `invalid_plain_date` for a bad date.
 *
 * @category Time
 * @example
 * ```ts
 * import { startOfPlainDate, plainDate } from 'sales-funnel';
 * startOfPlainDate(plainDate('2026-07-01'), { timeZone: 'Europe/Berlin' }).toISOString(); //=> '2026-06-30T22:00:00.000Z'
 * startOfPlainDate(plainDate('2026-04-01'), { offsetMinutes: 480 }).toISOString(); //=> '2026-03-31T16:00:00.000Z'
 * ```
 */
export function startOfPlainDate(date: PlainDate, zone?: ZoneOptions): Date {
  const p = plainDateParts(date);
  if (p === undefined) throw new FunnelError('invalid_plain_date', { value: String(date) });
  const clock = clockOf(zone);
  const utc = new Date(0);
  utc.setUTCFullYear(p.year, p.month - 1, p.day);
  const local = utc.getTime(); // the wall-clock reading, as if it were UTC
  // Two rounds find the offset in force at local midnight (RFC 9557-style disambiguation: earlier).
  let t = local - clock.offsetAt(local) * MS_PER_MINUTE;
  t = local - clock.offsetAt(t) * MS_PER_MINUTE;
  const earlier = local - clock.offsetAt(t - 86_400_000 / 2) * MS_PER_MINUTE;
  if (earlier < t && plainDateOf(new Date(earlier), zone) === date) t = earlier;
  if (plainDateOf(new Date(t), zone) !== date) {
    // Midnight does not exist (the clock jumped over it): the day starts at the jump.
    let lo = t;
    let hi = t + 86_400_000;
    while (hi - lo > MS_PER_MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MS_PER_MINUTE) * MS_PER_MINUTE;
      if (plainDateOf(new Date(mid), zone) === date) hi = mid;
      else lo = mid;
    }
    t = hi;
  }
  return new Date(t);
}
