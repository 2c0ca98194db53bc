import { MS_PER_DAY } from './daysBetween.js';
import { checkZone, zoneOffsetAt, type ZoneOptions } from './zone.js';

const MS_PER_MINUTE = 60_000;
const BUCKET_MS = 15 * MS_PER_MINUTE;

/**
 * Day numbers (days since 1970-01-01) of instants on the wall clock of a zone, for hot
 * loops over many instants: UTC and fixed offsets by arithmetic; an IANA zone through
 * its offset, looked up once per 15-minute bucket (every zone's offsets and transitions
 * since 1900 fall on quarter hours).
 *
 * @internal
 */
export class ZoneDays {
  private readonly fixed: number | undefined;
  private readonly cache = new Map<number, number>();

  constructor(private readonly zone: ZoneOptions) {
    checkZone(zone);
    this.fixed = zone.timeZone === undefined ? (zone.offsetMinutes ?? 0) * MS_PER_MINUTE : undefined;
  }

  /** The day number of the instant `ms` on the zone's wall clock. */
  day(ms: number): number {
    const fixed = this.fixed;
    if (fixed !== undefined) return Math.floor((ms + fixed) / MS_PER_DAY);
    const bucket = Math.floor(ms / BUCKET_MS);
    let offset = this.cache.get(bucket);
    if (offset === undefined) {
      offset = zoneOffsetAt(new Date(ms), this.zone) * MS_PER_MINUTE;
      this.cache.set(bucket, offset);
    }
    return Math.floor((ms + offset) / MS_PER_DAY);
  }
}
