import { booleanOption, oneOfOption } from '../_lib/options.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { amountIn } from '../money/amountIn.js';
import type { ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import type { OpportunityId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import { instantMs, type InstantInput } from '../time/instant.js';
import { bandOf, parseBands, type DealSizeBand } from './_lib/dealSizeBands.js';

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
 * @param opportunities - The deals (any iterable; read once; not modified).
 * @param bands - The bands, from small to large: `{ name?, min?, max? }` in money.
 * @param options - Window, status, currency and rates, `dealIds`.
 * @returns Per band, the total, and the deals left out.
 * @throws {@link FunnelError} `invalid_argument` for an empty band list, a band with
 *   `min ≥ max`, overlapping or unsorted bands, a duplicate name; `invalid_option` for a
 *   bad window (`from` after `to`), `status` or `dealIds`, a window with `status:
 *   'open'`, or no currency (no bound and no `currency`); `currency_mismatch` for an
 *   amount in another currency without `rates`.
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
export function dealSizeMix(opportunities: Iterable<Opportunity>, bands: readonly DealSizeBand[], options: DealSizeMixOptions = {}): DealSizeMix {
  const status = oneOfOption(options.status ?? 'won', 'status', ['won', 'lost', 'closed', 'open'] as const);
  const fromMs = instantMs(options.from, 'from', Number.NEGATIVE_INFINITY);
  const toMs = instantMs(options.to, 'to', Number.POSITIVE_INFINITY);
  if (fromMs > toMs) throw new FunnelError('invalid_option', { option: 'from', reason: because('from_after_to') });
  const windowed = options.from !== undefined || options.to !== undefined;
  if (status === 'open' && windowed) {
    throw new FunnelError('invalid_option', { option: options.from === undefined ? 'to' : 'from', reason: because('window_with_open_status') });
  }
  const listIds = options.dealIds === undefined ? false : booleanOption(options.dealIds, 'dealIds');
  const { currency, bands: parsed } = parseBands(bands, options.currency, options.rates);
  const wanted = WANTED[status];

  const counts = new Array<number>(parsed.length).fill(0);
  const amounts = parsed.map(() => new Decimal(0));
  const ids: OpportunityId[][] | undefined = listIds ? parsed.map(() => []) : undefined;
  const outside = { count: 0, amount: new Decimal(0), dealIds: [] as OpportunityId[] };
  const undated = { count: 0, amount: new Decimal(0), dealIds: [] as OpportunityId[] };

  for (const o of opportunities) {
    if (!wanted.includes(o.status)) continue;
    const amount = amountIn(o.amount, currency, options.rates);
    if (status !== 'open' && windowed) {
      const at = closedMs(o);
      if (at === undefined) {
        undated.count++;
        undated.amount = undated.amount.plus(amount);
        undated.dealIds.push(o.id);
        continue;
      }
      if (!(at >= fromMs && at < toMs)) continue;
    }
    const k = bandOf(parsed, amount);
    if (k < 0) {
      outside.count++;
      outside.amount = outside.amount.plus(amount);
      outside.dealIds.push(o.id);
      continue;
    }
    counts[k]!++;
    amounts[k] = amounts[k]!.plus(amount);
    ids?.[k]?.push(o.id);
  }

  let totalCount = 0;
  let totalAmount = new Decimal(0);
  for (let k = 0; k < parsed.length; k++) {
    totalCount += counts[k]!;
    totalAmount = totalAmount.plus(amounts[k]!);
  }
  const money = (amount: Decimal): Money => ({ amount, currency });
  const rows = parsed.map((b, k): DealSizeMixBand => {
    const count = counts[k]!;
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
      ...(ids === undefined ? {} : { dealIds: ids[k]! }),
    };
  });
  return {
    currency,
    status,
    ...(options.from === undefined ? {} : { from: new Date(fromMs) }),
    ...(options.to === undefined ? {} : { to: new Date(toMs) }),
    bands: rows,
    total: { count: totalCount, amount: money(totalAmount), average: totalCount === 0 ? null : money(totalAmount.div(totalCount)) },
    outside: { count: outside.count, amount: money(outside.amount), dealIds: outside.dealIds },
    undated: { count: undated.count, amount: money(undated.amount), dealIds: undated.dealIds },
  };
}
