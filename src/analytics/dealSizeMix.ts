import { booleanOption, oneOfOption } from '../_lib/options.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { amountIn } from '../money/amountIn.js';
import { ratesOption, type ExchangeRates } from '../money/convert.js';
import { minorUnitDigits, type CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { AccumulatorBase, type Accumulator, type AccumulatorPartial, type DealBatch } from '../model/accumulator.js';
import { closedAtOf } from '../model/columnEvents.js';
import { currentAmount } from '../model/columnsAsOf.js';
import { COLUMN_EVENT_TYPES, isDealColumns, type DealColumns } from '../model/dealColumns.js';
import type { OpportunityId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import { instantMs, type InstantInput } from '../time/instant.js';
import { bandOf, parseBands, type DealSizeBand, type ParsedBand } from './_lib/dealSizeBands.js';
import { addExact, exactValue, newExactSum, type ExactSum } from './_lib/exactSum.js';
import { checkDeal, checkDealBatch } from '../model/dealArguments.js';

export type { DealSizeBand } from './_lib/dealSizeBands.js';

/**
 * Which deals {@link dealSizeMix} reads: `'won'` (default), `'lost'`, `'closed'` (won or
 * lost) — each closed in the window — or `'open'`: the open deals as they stand (not
 * suspended; no window).
 */
export type DealSizeMixStatus = 'won' | 'lost' | 'closed' | 'open';

/**
 * Options for {@link dealSizeMix}.
 */
export interface DealSizeMixOptions {
  /**
   * Window start, inclusive: a closed deal counts when it closed at or after it (a
   * `Date` or an ISO 8601 string with offset).
   *
   * @defaultValue no lower bound
   */
  readonly from?: InstantInput;
  /**
   * Window end, exclusive.
   *
   * @defaultValue no upper bound
   */
  readonly to?: InstantInput;
  /**
   * The deals to read.
   *
   * @defaultValue `'won'`
   */
  readonly status?: DealSizeMixStatus;
  /**
   * Currency of the result (and of the band bounds, converted with `rates`).
   *
   * @defaultValue the currency of the first band bound; required when no band has one
   */
  readonly currency?: CurrencyCode;
  /** Rates for deals and bounds in other currencies; without them such amounts throw `currency_mismatch`. */
  readonly rates?: ExchangeRates;
  /**
   * List each band's deal ids (`dealIds`), for drilling down from a band to its deals.
   * Off by default so that a big book stays cheap.
   *
   * @defaultValue `false`
   */
  readonly dealIds?: boolean;
}

/**
 * One band of a {@link DealSizeMix}.
 */
export interface DealSizeMixBand {
  /** The band's name (given, or made from its bounds). */
  readonly name: string;
  /** Smallest amount in the band (inclusive), in the result currency; `null` for no lower bound. */
  readonly min: Money | null;
  /** Amount where the band ends (exclusive); `null` for no upper bound. */
  readonly max: Money | null;
  /** Deals in the band (单数). */
  readonly count: number;
  /** count ÷ the deals in every band (占比); `null` when no deal is in a band. The shares add up to 1. */
  readonly share: number | null;
  /** Σ amount of the band's deals, exact. */
  readonly amount: Money;
  /** amount ÷ Σ amount in every band; `null` when that is 0. */
  readonly amountShare: number | null;
  /** amount ÷ count (平均成交金额 for won deals), exact to 40 digits; `null` for an empty band. */
  readonly average: Money | null;
  /** The band's deals, in input order; only with `dealIds: true`. */
  readonly dealIds?: readonly OpportunityId[];
}

/**
 * Deals that {@link dealSizeMix} read but could not put in a band: reported, never
 * silently dropped.
 */
export interface DealSizeMixLeftOut {
  /** How many. */
  readonly count: number;
  /** Σ their amounts. */
  readonly amount: Money;
  /** Their ids, in input order (always listed: there are usually few). */
  readonly dealIds: readonly OpportunityId[];
}

/**
 * The result of {@link dealSizeMix}.
 */
export interface DealSizeMix {
  /** Currency of every amount. */
  readonly currency: CurrencyCode;
  /** The deals read. */
  readonly status: DealSizeMixStatus;
  /** Window start, if any. */
  readonly from?: Date;
  /** Window end, if any. */
  readonly to?: Date;
  /** One row per band, in the order given (from small to large). */
  readonly bands: readonly DealSizeMixBand[];
  /** The deals in every band together: count, amount and average (`null` without deals). */
  readonly total: { readonly count: number; readonly amount: Money; readonly average: Money | null };
  /** Deals of the status (and window) whose amount falls in no band (below the first, above the last, or in a gap). Not in `total`. */
  readonly outside: DealSizeMixLeftOut;
  /** Closed deals of the status without a close time (`closedAt`, else their `won` / `lost` event), when there is a window: they cannot be placed in it. Not in `total`. */
  readonly undated: DealSizeMixLeftOut;
}

/** When a closed deal closed: `closedAt`, else the time of its last `won` / `lost` event. */
function closedMs(o: Opportunity): number | undefined {
  if (o.closedAt !== undefined) return o.closedAt.getTime();
  for (let i = o.history.length - 1; i >= 0; i--) {
    const e = o.history[i]!;
    if (e.type === 'won' || e.type === 'lost') return e.at.getTime();
  }
  return undefined;
}

const WANTED: Readonly<Record<DealSizeMixStatus, readonly string[]>> = {
  won: ['won'],
  lost: ['lost'],
  closed: ['won', 'lost'],
  open: ['open'],
};

/**
 * The deal-size mix (订单金额结构): how many deals fall in each deal-size band, their
 * share, amount and average — "61 small, 30 medium, 12 large and 5 very large wins last
 * year", the mix that a reverse funnel ({@link requiredPipeline} with `mix`) plans with.
 *
 * By default it reads the **won** deals that closed in `[from, to)`: a deal counts by its
 * current `status`, dated by `closedAt` (else its last `won` / `lost` event). `status`
 * reads lost or all closed deals instead, or `'open'`: the open, not suspended deals as
 * they stand (no window then). Amounts are the deals' current `amount`, in the result
 * currency.
 *
 * Bands are half-open, `[min, max)`: a deal of exactly 100 000 is in the band starting
 * at 100 000, not in the one ending there. They are listed from small to large and may
 * not overlap; gaps are allowed. A deal whose amount falls in no band is counted under
 * `outside`, and a closed deal without a close time (when there is a window) under
 * `undated` — reported, never silently dropped, and not in the shares.
 *
 * Shares are of the deals in a band: `share = count ÷ Σ count` (so the shares add up to
 * 1), `amountShare = amount ÷ Σ amount`; numbers, `null` for a zero denominator.
 * Amounts and averages are exact.
 *
 * Reads the input once; it takes {@link DealColumns} chunks too (of any pipeline), with
 * the same result; shards combine with {@link dealSizeMixAccumulator}.
 *
 * @param opportunities - The deals (any iterable; read once; not modified), or a
 *   {@link DealColumns} chunk of them (the same result, faster).
 * @param bands - The bands, from small to large: `{ name?, min?, max? }` in money.
 * @param options - Window, status, currency and rates, `dealIds`.
 * @returns Per band, the total, and the deals left out.
 * @throws {@link FunnelError} `invalid_argument` for an empty band list, a band with
 *   `min ≥ max`, overlapping or unsorted bands, a duplicate name; `invalid_option` for a
 *   bad window (`from` after `to`), `status` or `dealIds`, a window with `status:
 *   'open'`, or no currency (no bound and no `currency`); `currency_mismatch` for an
 *   amount in another currency without `rates`.
 *   Also `invalid_argument` for `opportunities` that is not an iterable of opportunities or
 *   a `DealColumns` chunk, or an item of it that is not an opportunity (named
 *   `opportunities[i]`); `invalid_option` (`rates`) for rates that are not an object with a
 *   `rates` object.
 *
 * @category Analytics
 * @example
 * ```ts
 * import { dealSizeMix, money, type Opportunity } from 'sales-funnel';
 * declare const deals: Opportunity[];
 * const mix = dealSizeMix(
 *   deals,
 *   [
 *     { name: '小单', max: money('100000', 'CNY') },
 *     { name: '中单', min: money('100000', 'CNY'), max: money('500000', 'CNY') },
 *     { name: '大单', min: money('500000', 'CNY') },
 *   ],
 *   { from: '2025-01-01T00:00:00+08:00', to: '2026-01-01T00:00:00+08:00' },
 * );
 * for (const b of mix.bands) console.log(b.name, b.count, b.share, b.average?.amount.toFixed(0));
 * ```
 */
export function dealSizeMix(opportunities: DealBatch, bands: readonly DealSizeBand[], options: DealSizeMixOptions = {}): DealSizeMix {
  return dealSizeMixAccumulator(bands, options).add(opportunities).result();
}

/**
 * The plain-data state of a {@link DealSizeMixAccumulator} (see
 * {@link AccumulatorPartial}): per band the count, the exact amount and (with `dealIds`)
 * the ids, and the deals left out, to merge in another thread or process.
 */
export interface DealSizeMixPartial extends AccumulatorPartial {
  /** Always `'deal_size_mix'`. */
  readonly kind: 'deal_size_mix';
  /** One entry per band, in band order. */
  readonly bands: ReadonlyArray<{
    /** Deals in the band. */
    readonly count: number;
    /** Σ their amounts (an exact decimal string, in the result currency). */
    readonly amount: string;
    /** Their ids, with `dealIds: true`; else null. */
    readonly dealIds: readonly string[] | null;
  }>;
  /** Deals whose amount falls in no band: how many, Σ their amounts (an exact decimal string), their ids. */
  readonly outside: { readonly count: number; readonly amount: string; readonly dealIds: readonly string[] };
  /** Closed deals without a close time (with a window), likewise. */
  readonly undated: { readonly count: number; readonly amount: string; readonly dealIds: readonly string[] };
}

/**
 * The incremental form of {@link dealSizeMix}: `add` deals or column chunks, `merge`
 * shards, read `result()`. `dealSizeMix(deals, bands, options)` is
 * `dealSizeMixAccumulator(bands, options).add(deals).result()`.
 */
export type DealSizeMixAccumulator = Accumulator<DealSizeMix, DealSizeMixPartial>;

/**
 * Creates the incremental form of {@link dealSizeMix} (累加器): feed it deals or
 * {@link DealColumns} chunks (of any pipelines: the mix does not read the pipeline) as
 * they arrive, merge the accumulators or partial states of other shards, and read the
 * result at any time; the result equals `dealSizeMix` over every deal added, in any
 * chunks, shards and order (the id lists in the order the shards were merged).
 *
 * Memory grows with the bands, plus the ids it lists: those of the deals left out
 * (`outside`, `undated`; always listed) and, with `dealIds: true`, those of every deal in
 * a band — which grows with the deals read; leave `dealIds` off for a big book.
 *
 * @param bands - The bands of {@link dealSizeMix}.
 * @param options - The options of {@link dealSizeMix}; the same for every shard.
 * @returns An empty accumulator.
 * @throws {@link FunnelError} what {@link dealSizeMix} throws for its bands and options
 *   (at once, not on the first deal); `add` throws `currency_mismatch` / `missing_rate`
 *   for an amount it cannot convert; `merge` throws `invalid_argument` for a shard with
 *   other bands or options.
 *
 * @category Analytics
 * @example
 * ```ts
 * import { dealSizeMixAccumulator, money, type Opportunity } from 'sales-funnel';
 * declare const thisMonth: Opportunity[];
 * declare const lastMonth: Opportunity[];
 * const bands = [{ name: '小单', max: money('100000', 'CNY') }, { name: '大单', min: money('100000', 'CNY') }];
 * const mix = dealSizeMixAccumulator(bands, { status: 'won' }).add(lastMonth);
 * mix.add(thisMonth); // one more chunk
 * for (const b of mix.result().bands) console.log(b.name, b.count, b.share);
 * ```
 */
export function dealSizeMixAccumulator(bands: readonly DealSizeBand[], options: DealSizeMixOptions = {}): DealSizeMixAccumulator {
  return new MixCounter(bands, options);
}

/** Deals left out while accumulating. */
interface LeftOut extends ExactSum {
  count: number;
  readonly dealIds: OpportunityId[];
}

const STATUS_CODE: Readonly<Record<string, number>> = { open: 0, suspended: 1, won: 2, lost: 3 };
const EV_WON = COLUMN_EVENT_TYPES.indexOf('won');
const EV_LOST = COLUMN_EVENT_TYPES.indexOf('lost');

/** {@link closedMs} for deal `i` of a columns chunk; NaN for none. */
function closedMsOfColumns(cols: DealColumns, i: number): number {
  const closedAt = closedAtOf(cols, i);
  if (!Number.isNaN(closedAt)) return closedAt;
  const ev = cols.events;
  for (let e = ev.start[i + 1]! - 1; e >= ev.start[i]!; e--) {
    const type = ev.type[e];
    if (type === EV_WON || type === EV_LOST) return ev.at[e]!;
  }
  return Number.NaN;
}

/**
 * A bound in whole minor units, for comparing an integer number of minor units `m`:
 * `m ≥ bound ⟺ m ≥ ⌈bound × scale⌉` and `m < bound ⟺ m < ⌈bound × scale⌉`; past the
 * safe integers (which no minor amount reaches), ±∞.
 */
function minorBound(bound: Decimal | undefined, scale: number, missing: number): number {
  if (bound === undefined) return missing;
  const c = bound.times(scale).ceil();
  // Equivalent mutants: either test made false (a bound past the safe integers rounds to a
  // number at least 2^53 in size, beyond every safe minor amount it is compared with).
  if (c.gt(Number.MAX_SAFE_INTEGER)) return Number.POSITIVE_INFINITY;
  if (c.lt(-Number.MAX_SAFE_INTEGER)) return Number.NEGATIVE_INFINITY;
  return c.toNumber();
}

/** {@link bandOf} for an exact integer number of minor units, against the bounds in minor units. */
function bandOfMinor(mins: Float64Array, maxs: Float64Array, m: number): number {
  let lo = 0;
  // Equivalent mutant: `mins.length + 1` (past the end `undefined <= m` is false: the search moves down).
  let hi = mins.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (mins[mid]! <= m) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  // Equivalent mutant: `true` for `found >= 0` (`m < undefined` is false).
  return found >= 0 && m < maxs[found]! ? found : -1;
}

class MixCounter extends AccumulatorBase<DealSizeMix, DealSizeMixPartial> implements DealSizeMixAccumulator {
  readonly kind = 'deal_size_mix';
  private readonly status: DealSizeMixStatus;
  private readonly fromMs: number;
  private readonly toMs: number;
  private readonly windowed: boolean;
  private readonly listIds: boolean;
  private readonly currency: CurrencyCode;
  private readonly scale: number;
  private readonly parsed: readonly ParsedBand[];
  private readonly wanted: readonly string[];
  /** Whether each status code is read. */
  private readonly wantedCodes: Uint8Array;
  /** The bounds in minor units of the result currency (−∞ / +∞ for none). */
  private readonly minMinor: Float64Array;
  private readonly maxMinor: Float64Array;
  protected readonly settingsText: string;
  private readonly counts: number[];
  private readonly sums: ExactSum[];
  private readonly ids: OpportunityId[][] | undefined;
  private readonly outside: LeftOut = { count: 0, ...newExactSum(), dealIds: [] };
  private readonly undated: LeftOut = { count: 0, ...newExactSum(), dealIds: [] };

  constructor(
    bands: readonly DealSizeBand[],
    private readonly options: DealSizeMixOptions,
  ) {
    super();
    const status = oneOfOption(options.status ?? 'won', 'status', ['won', 'lost', 'closed', 'open'] as const);
    this.status = status;
    this.fromMs = instantMs(options.from, 'from', Number.NEGATIVE_INFINITY);
    this.toMs = instantMs(options.to, 'to', Number.POSITIVE_INFINITY);
    if (this.fromMs > this.toMs) throw new FunnelError('invalid_option', { option: 'from', reason: because('from_after_to') });
    this.windowed = options.from !== undefined || options.to !== undefined;
    if (status === 'open' && this.windowed) {
      throw new FunnelError('invalid_option', { option: options.from === undefined ? 'to' : 'from', reason: because('window_with_open_status') });
    }
    this.listIds = options.dealIds === undefined ? false : booleanOption(options.dealIds, 'dealIds');
    const { currency, bands: parsed } = parseBands(bands, options.currency, ratesOption(options.rates));
    this.currency = currency;
    this.scale = 10 ** minorUnitDigits(currency);
    this.parsed = parsed;
    this.wanted = WANTED[status];
    this.wantedCodes = Uint8Array.from([0, 1, 2, 3], (code) => (this.wanted.some((s) => STATUS_CODE[s] === code) ? 1 : 0));
    this.minMinor = Float64Array.from(parsed, (b) => minorBound(b.min, this.scale, Number.NEGATIVE_INFINITY));
    this.maxMinor = Float64Array.from(parsed, (b) => minorBound(b.max, this.scale, Number.POSITIVE_INFINITY));
    this.counts = parsed.map(() => 0);
    this.sums = parsed.map(() => newExactSum());
    this.ids = this.listIds ? parsed.map(() => []) : undefined;
    this.settingsText = JSON.stringify([
      // Stryker disable next-line StringLiteral: a label only (merge checks the kind on its own)
      'deal_size_mix',
      currency,
      status,
      // Equivalent mutants: either test made false (JSON writes an infinite bound as null).
      options.from === undefined ? null : this.fromMs,
      options.to === undefined ? null : this.toMs,
      this.listIds,
      parsed.map((b) => [b.name, b.min?.toString() ?? null, b.max?.toString() ?? null]),
      options.rates ?? null,
    ]);
  }

  add(batch: DealBatch): this {
    checkDealBatch(batch, 'opportunities');
    if (isDealColumns(batch)) {
      this.addColumns(batch);
      return this;
    }
    const { wanted, currency, windowed, fromMs, toMs } = this;
    const rates = this.options.rates;
    // Equivalent mutants: `true` or `''` for the status test (status open refuses a window, so windowed is false then).
    const dated = this.status !== 'open' && windowed;
    let i = 0;
    for (const o of batch) {
      checkDeal(o, i++, 'opportunities');
      if (!wanted.includes(o.status)) continue;
      const amount = amountIn(o.amount, currency, rates);
      if (dated) {
        const at = closedMs(o);
        if (at === undefined) {
          this.leaveOut(this.undated, o.id, amount, 0);
          continue;
        }
        if (!(at >= fromMs && at < toMs)) continue;
      }
      this.place(bandOf(this.parsed, amount), o.id, amount, 0);
    }
    return this;
  }

  private addColumns(cols: DealColumns): void {
    const { wantedCodes, currency, windowed, fromMs, toMs, minMinor, maxMinor } = this;
    const rates = this.options.rates;
    // Equivalent mutants: `true` or `''` for the status test (status open refuses a window, so windowed is false then).
    const dated = this.status !== 'open' && windowed;
    // The fast path (exact integer minor units) and the decimal path give the same sums:
    // mutants that only send deals down the decimal path are equivalent (`ownCurrency` all
    // false), as are `i <= cols.length` (past the last deal the status is undefined: not
    // wanted) and decoding every id (`band < 0 || …` made true).
    const ownCurrency = cols.currencies.map((x) => x === currency);
    const statusCol = cols.status;
    const currencyCol = cols.currency;
    const amountMinor = cols.amountMinor;
    for (let i = 0; i < cols.length; i++) {
      if (wantedCodes[statusCol[i]!] !== 1) continue;
      const minor = ownCurrency[currencyCol[i]!] ? amountMinor[i]! : Number.NaN;
      const amount = Number.isNaN(minor) ? amountIn(currentAmount(cols, i), currency, rates) : undefined;
      if (dated) {
        const at = closedMsOfColumns(cols, i);
        if (Number.isNaN(at)) {
          this.leaveOut(this.undated, cols.ids.at(i), amount, minor);
          continue;
        }
        if (!(at >= fromMs && at < toMs)) continue;
      }
      const band = amount === undefined ? bandOfMinor(minMinor, maxMinor, minor) : bandOf(this.parsed, amount);
      // The id is decoded only when it is listed (every deal left out, each deal placed when listing).
      this.place(band, band < 0 || this.ids !== undefined ? cols.ids.at(i) : ('' as OpportunityId), amount, minor);
    }
  }

  /** Counts a deal into band `k` (outside when −1): `amount`, else `minor` minor units. */
  private place(k: number, id: OpportunityId, amount: Decimal | undefined, minor: number): void {
    if (k < 0) {
      this.leaveOut(this.outside, id, amount, minor);
      return;
    }
    this.counts[k]!++;
    addExact(this.sums[k]!, amount, minor, this.scale);
    // Equivalent mutant: `this.ids?.[k].push` (a band's list exists whenever ids are kept).
    this.ids?.[k]?.push(id);
  }

  private leaveOut(to: LeftOut, id: OpportunityId, amount: Decimal | undefined, minor: number): void {
    to.count++;
    addExact(to, amount, minor, this.scale);
    to.dealIds.push(id);
  }

  protected mergePartial(p: DealSizeMixPartial): void {
    p.bands.forEach((b, k) => {
      this.counts[k]! += b.count;
      addExact(this.sums[k]!, new Decimal(b.amount), 0, this.scale);
      // Equivalent mutants: `if (true)` and the optional chains (shards of the same settings keep ids alike, a list per band).
      if (b.dealIds !== null) this.ids?.[k]?.push(...(b.dealIds as OpportunityId[]));
    });
    for (const [into, from] of [
      [this.outside, p.outside],
      [this.undated, p.undated],
    ] as const) {
      into.count += from.count;
      addExact(into, new Decimal(from.amount), 0, this.scale);
      into.dealIds.push(...(from.dealIds as OpportunityId[]));
    }
  }

  partial(): DealSizeMixPartial {
    const scale = this.scale;
    const leftOut = (l: LeftOut): DealSizeMixPartial['outside'] => ({ count: l.count, amount: exactValue(l, scale).toString(), dealIds: [...l.dealIds] });
    return {
      kind: 'deal_size_mix',
      settings: this.settingsText,
      bands: this.parsed.map((_, k) => ({
        count: this.counts[k]!,
        amount: exactValue(this.sums[k]!, scale).toString(),
        dealIds: this.ids === undefined ? null : [...this.ids[k]!],
      })),
      outside: leftOut(this.outside),
      undated: leftOut(this.undated),
    };
  }

  result(): DealSizeMix {
    const { parsed, currency, scale, options } = this;
    const amounts = this.sums.map((s) => exactValue(s, scale));
    let totalCount = 0;
    let totalAmount = new Decimal(0);
    for (let k = 0; k < parsed.length; k++) {
      totalCount += this.counts[k]!;
      totalAmount = totalAmount.plus(amounts[k]!);
    }
    const money = (amount: Decimal): Money => ({ amount, currency });
    const rows = parsed.map((b, k): DealSizeMixBand => {
      const count = this.counts[k]!;
      const amount = amounts[k]!;
      return {
        name: b.name,
        min: b.minMoney,
        max: b.maxMoney,
        count,
        share: totalCount === 0 ? null : count / totalCount,
        amount: money(amount),
        amountShare: totalAmount.isZero() ? null : amount.div(totalAmount).toNumber(),
        average: count === 0 ? null : money(amount.div(count)),
        ...(this.ids === undefined ? {} : { dealIds: [...this.ids[k]!] }),
      };
    });
    const leftOut = (l: LeftOut): DealSizeMixLeftOut => ({ count: l.count, amount: money(exactValue(l, scale)), dealIds: [...l.dealIds] });
    return {
      currency,
      status: this.status,
      ...(options.from === undefined ? {} : { from: new Date(this.fromMs) }),
      ...(options.to === undefined ? {} : { to: new Date(this.toMs) }),
      bands: rows,
      total: { count: totalCount, amount: money(totalAmount), average: totalCount === 0 ? null : money(totalAmount.div(totalCount)) },
      outside: leftOut(this.outside),
      undated: leftOut(this.undated),
    };
  }
}
