/**
 * The observations of a time-to-event statistic (转化时间, competing risks), for the
 * accumulators of `conversionTimes` and `competingRisks`: each observation's time and a
 * small flag saying what happened (an event of some cause, or a censoring of some kind).
 *
 * Kaplan–Meier, Aalen–Johansen and quantiles need every time, so the state of a shard is
 * its observations and merging shards appends them: exact. Two layouts:
 *
 * - exact times: two compact typed arrays, 8 + 1 bytes per observation;
 * - binned times (a `resolutionDays`): a count per (bin, flag), so memory is bounded by
 *   the number of bins, whatever the number of observations.
 *
 * The estimators run once, in `result()`, on rows built canonically ({@link samplesRows}:
 * times sorted numerically, counts added as integers), so a result never depends on the
 * order in which the observations came (chunks, shards, merge order).
 */

import type { TallyRow } from './survival.js';

/** The plain-data form of {@link SurvivalSamples} (JSON- and structured-clone-safe). */
export interface SamplesJson {
  /** Each entry's time (finite, ≥ 0). */
  readonly times: readonly number[];
  /** Each entry's flag (a small whole number, its meaning the caller's). */
  readonly flags: readonly number[];
  /** Binned layout: how many observations each entry stands for (absent: one each). */
  readonly counts?: readonly number[];
}

/** A growable multiset of (time, flag) observations. */
export class SurvivalSamples {
  private times: Float64Array;
  private flags: Uint8Array;
  private n = 0;
  /** Binned layout: time → count per flag; `undefined` for exact times. */
  private readonly bins: Map<number, number[]> | undefined;

  /**
   * @param binned - Whether times are on a grid (few distinct values): counts per (time, flag) instead of one entry per observation.
   */
  constructor(binned: boolean) {
    this.bins = binned ? new Map() : undefined;
    const cap = binned ? 0 : 4;
    this.times = new Float64Array(cap);
    this.flags = new Uint8Array(cap);
  }

  /** Adds `count` observations (default 1) of `flag` at `time` (`-0` is stored as `0`, so that equal times compare equal). */
  push(time: number, flag: number, count = 1): void {
    const t = time === 0 ? 0 : time;
    const bins = this.bins;
    if (bins !== undefined) {
      let row = bins.get(t);
      if (row === undefined) {
        row = [];
        bins.set(t, row);
      }
      row[flag] = (row[flag] ?? 0) + count;
      return;
    }
    this.reserve(this.n + count);
    for (let c = 0; c < count; c++) {
      this.times[this.n] = t;
      this.flags[this.n++] = flag;
    }
  }

  /** Appends the observations of another multiset (not changed). */
  append(other: SurvivalSamples): void {
    // Stryker disable next-line ConditionalExpression: adding entry by entry is right in every layout; the typed-array copy below is only faster
    if (other.bins !== undefined || this.bins !== undefined) {
      other.forEachEntry((t, flag, c) => this.push(t, flag, c));
      return;
    }
    this.reserve(this.n + other.n);
    this.times.set(other.times.subarray(0, other.n), this.n);
    this.flags.set(other.flags.subarray(0, other.n), this.n);
    this.n += other.n;
  }

  /** Appends observations in plain-data form. */
  appendJson(json: SamplesJson): void {
    const { times, flags, counts } = json;
    // Stryker disable next-line MethodExpression: a partial state made by toJson has as many flags as times
    const m = Math.min(times.length, flags.length);
    for (let i = 0; i < m; i++) this.push(times[i]!, flags[i]!, counts?.[i] ?? 1);
  }

  /** The observations as plain data (new arrays). */
  toJson(): SamplesJson {
    const bins = this.bins;
    if (bins === undefined) return { times: Array.from(this.times.subarray(0, this.n)), flags: Array.from(this.flags.subarray(0, this.n)) };
    const times: number[] = [];
    const flags: number[] = [];
    const counts: number[] = [];
    for (const [t, row] of bins) {
      row.forEach((c, flag) => {
        times.push(t);
        flags.push(flag);
        counts.push(c);
      });
    }
    return { times, flags, counts };
  }

  /** Adds the number of observations of each flag to `into[flag]`. */
  countFlags(into: number[]): void {
    if (this.bins !== undefined) {
      for (const row of this.bins.values()) row.forEach((c, flag) => (into[flag] = (into[flag] ?? 0) + c));
      return;
    }
    const f = this.flags;
    for (let i = 0; i < this.n; i++) into[f[i]!] = (into[f[i]!] ?? 0) + 1;
  }

  private reserve(capacity: number): void {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: growing when already large enough copies the same values
    if (capacity <= this.times.length) return;
    // Stryker disable next-line ArithmeticOperator: the doubling only saves copies; any capacity ≥ `capacity` holds the values
    const cap = Math.max(capacity, this.times.length * 2);
    const times = new Float64Array(cap);
    times.set(this.times.subarray(0, this.n));
    const flags = new Uint8Array(cap);
    flags.set(this.flags.subarray(0, this.n));
    this.times = times;
    this.flags = flags;
  }

  /** Exact layout: copies the times of flag `flag` into `into` from `offset`; returns the new offset. */
  private copyTimesOf(flag: number, into: Float64Array, offset: number): number {
    const f = this.flags;
    const t = this.times;
    let k = offset;
    for (let i = 0; i < this.n; i++) if (f[i] === flag) into[k++] = t[i]!;
    return k;
  }

  /**
   * Tally rows (distinct times, increasing; events per cause and censorings) of the
   * union of some multisets of one layout, for the estimators of `survival.ts`.
   * `causeOf[flag]` is the cause (0-based) that an observation with that flag is an
   * event of, or `null` for a censoring. Canonical: the rows depend only on the
   * multiset of (time, flag) pairs, not on the lists' order nor on the order within
   * them. Memory: one copy of the times (exact layout) or of the bins.
   */
  static rows(lists: readonly SurvivalSamples[], causeOf: readonly (number | null)[], causes: number): TallyRow[] {
    // One row from the number of observations of each flag at `time`.
    const row = (time: number, perFlag: ArrayLike<number>): TallyRow => {
      const events = new Array<number>(causes).fill(0);
      let censored = 0;
      // Stryker disable next-line EqualityOperator: one turn too many reads no flag (perFlag has causeOf.length entries) and adds 0
      for (let f = 0; f < causeOf.length; f++) {
        const c = causeOf[f]!;
        const k = perFlag[f] ?? 0;
        if (c === null) censored += k;
        else events[c]! += k;
      }
      return { time, events, censored };
    };
    // Stryker disable next-line ConditionalExpression,MethodExpression: both ways give the same rows (the law the tests check); the exact way is only faster on exact times
    if (lists.some((s) => s.bins !== undefined)) {
      // Binned: add the counts per bin (integers: exact in any order), then sort the bins.
      const merged = new Map<number, number[]>();
      for (const s of lists) {
        s.forEachEntry((t, flag, c) => {
          let m = merged.get(t);
          if (m === undefined) {
            // Stryker disable next-line ArrayDeclaration: a missing count reads as 0 (`?? 0`) here and in row()
            m = new Array<number>(causeOf.length).fill(0);
            merged.set(t, m);
          }
          m[flag] = (m[flag] ?? 0) + c;
        });
      }
      return Float64Array.from(merged.keys())
        .sort()
        .reduce<TallyRow[]>((rows, t) => {
          const m = merged.get(t)!;
          rows.push(row(t, m));
          return rows;
        }, []);
    }
    // Exact: the times of each flag in one typed array, sorted numerically; then merged.
    // Stryker disable next-line ArrayDeclaration: countFlags reads a missing count as 0, and a Float64Array of undefined length is empty
    const counts = new Array<number>(causeOf.length).fill(0);
    for (const s of lists) s.countFlags(counts);
    const sorted = causeOf.map((_c, flag) => {
      const a = new Float64Array(counts[flag]!);
      let k = 0;
      for (const s of lists) k = s.copyTimesOf(flag, a, k);
      return a.sort();
    });
    const heads = new Array<number>(sorted.length).fill(0);
    // Stryker disable next-line ArrayDeclaration: every entry is written before it is read
    const atTime = new Array<number>(sorted.length).fill(0);
    const rows: TallyRow[] = [];
    for (;;) {
      let time = Number.POSITIVE_INFINITY;
      let any = false;
      for (let f = 0; f < sorted.length; f++) {
        const a = sorted[f]!;
        const h = heads[f]!;
        // Stryker disable next-line EqualityOperator: on a tie either flag's head gives the same time
        if (h < a.length && (!any || a[h]! < time)) {
          time = a[h]!;
          any = true;
        }
      }
      if (!any) return rows;
      for (let f = 0; f < sorted.length; f++) {
        const a = sorted[f]!;
        const start = heads[f]!;
        let h = start;
        // Stryker disable next-line ConditionalExpression,EqualityOperator: past the end a[h] is undefined, never the time
        while (h < a.length && a[h] === time) h++;
        heads[f] = h;
        atTime[f] = h - start;
      }
      rows.push(row(time, atTime));
    }
  }

  /** Calls `fn` with every entry: (time, flag, count). */
  private forEachEntry(fn: (time: number, flag: number, count: number) => void): void {
    if (this.bins !== undefined) {
      for (const [t, row] of this.bins) row.forEach((c, flag) => fn(t, flag, c));
      return;
    }
    for (let i = 0; i < this.n; i++) fn(this.times[i]!, this.flags[i]!, 1);
  }
}
