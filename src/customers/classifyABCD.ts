import { listArgument } from '../_lib/listArgument.js';
import { oneOfOption, optionsObject, wholeNumberOption } from '../_lib/options.js';
import { because } from '../i18n/because.js';
import type { Locale } from '../i18n/codes.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { makeIssue } from '../i18n/makeIssue.js';
import type { FunnelIssue } from '../i18n/params.js';
import type { Customer } from '../model/customer.js';
import { dealProbability } from '../model/dealProbability.js';
import type { CustomerId, OpportunityId } from '../model/ids.js';
import { checkDeal } from '../model/dealArguments.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { amountIn } from '../money/amountIn.js';
import { ratesOption, type ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { calendarDaysBetween } from '../time/addDays.js';
import type { InstantInput } from '../time/instant.js';
import type { PlainDate } from '../time/plainDate.js';
import { plainDateOf, type ZoneOptions } from '../time/zone.js';
import { customersArgument, localeOption, moneyOption, requiredAsOf } from './_lib/classArgs.js';

/**
 * The A/B/C/D classes of customers by expected value and time to close:
 * `A` high value, closing soon; `B` lower value, closing soon; `C` high value, closing
 * later; `D` lower value, closing later.
 */
export type AbcdClass = 'A' | 'B' | 'C' | 'D';

/** How a customer's expected value is read from its open deals. */
export type AbcdValue = 'amount' | 'weighted';

/** Options for {@link classifyABCD}. `timeZone` / `offsetMinutes` give `asOf`'s calendar date (UTC by default). */
export interface ClassifyABCDOptions extends ZoneOptions {
  /** The instant the books are read at (a `Date` or an ISO 8601 string with offset); the days to close count from its calendar date. Required. */
  readonly asOf: InstantInput;
  /** The value axis: a customer is of high value from this expected value on (50 万: `money('500000', 'CNY')`). Its currency is the result's. */
  readonly valueAtLeast: Money;
  /** The time axis: a customer closes soon when its nearest expected close date is at most this many days after `asOf`'s date (a whole number ≥ 0). */
  readonly closeWithinDays: number;
  /**
   * The expected value of a customer: the sum of its open deals' `amount`s, or of their
   * `weighted` amounts (amount × the deal's probability, see {@link dealProbability};
   * needs `pipelines`).
   *
   * @defaultValue `'amount'`
   */
  readonly value?: AbcdValue;
  /** The pipelines of the deals, for `value: 'weighted'` (their stage probabilities). */
  readonly pipelines?: readonly Pipeline[];
  /** Rates to read deals in other currencies in `valueAtLeast`'s; without them such a deal is a `currency_mismatch` error. */
  readonly rates?: ExchangeRates;
  /**
   * Locale of the messages of the `unclassified` issues.
   *
   * @defaultValue `'en'`
   */
  readonly locale?: Locale;
}

/** One classified customer. */
export interface CustomerABCD {
  /** The customer. */
  readonly customerId: CustomerId;
  /** The customer's name, for display. */
  readonly customerName: string;
  /** Its class. */
  readonly class: AbcdClass;
  /** Its expected value: Σ amount (or weighted amount) of its open deals, in the result's currency, exact. */
  readonly value: Money;
  /** The earliest expected close date among its open deals. */
  readonly nearestCloseDate: PlainDate;
  /** Calendar days from `asOf`'s date to `nearestCloseDate`; negative when that date has passed. */
  readonly daysToClose: number;
  /** `value ≥ valueAtLeast`. */
  readonly highValue: boolean;
  /** `daysToClose ≤ closeWithinDays` (a close date already past counts as soon). */
  readonly closesSoon: boolean;
  /** Its open deals, in input order (those without a close date count in `value` too). */
  readonly openDealIds: readonly OpportunityId[];
}

/** A customer left without a class, and why. */
export interface UnclassifiedCustomer {
  /** The customer. */
  readonly customerId: CustomerId;
  /** The customer's name, for display. */
  readonly customerName: string;
  /** Its expected value (0 without an open deal). */
  readonly value: Money;
  /** Its open deals (none, or none with an expected close date). */
  readonly openDealIds: readonly OpportunityId[];
  /** Why it has no class: `no_open_deal` or `no_expected_close_date`, with its message in `locale`. */
  readonly issue: FunnelIssue<'no_open_deal' | 'no_expected_close_date'>;
}

/** Result of {@link classifyABCD}. */
export interface ClassifyABCDResult {
  /** Says which classification this is (see {@link reclassify}). */
  readonly kind: 'abcd';
  /** Currency of every value (`valueAtLeast`'s). */
  readonly currency: CurrencyCode;
  /** `asOf`'s calendar date, the day the days to close count from. */
  readonly asOfDate: PlainDate;
  /** How the values were read. */
  readonly value: AbcdValue;
  /** The classified customers, in input order. */
  readonly customers: readonly CustomerABCD[];
  /** The ids of each class's customers, in input order. */
  readonly classes: Readonly<Record<AbcdClass, readonly CustomerId[]>>;
  /** Customers without a class (no open deal, or no open deal with a close date), in input order: never dropped. */
  readonly unclassified: readonly UnclassifiedCustomer[];
}

interface Tally {
  value: Decimal;
  nearest: PlainDate | undefined;
  readonly deals: OpportunityId[];
}

/**
 * Classes customers A/B/C/D (客户分类) on two axes: the value they are expected to bring
 * and how soon they are expected to buy, so that the effort goes where the money is
 * near.
 *
 * |                          | value ≥ `valueAtLeast` | value below |
 * | ------------------------ | ---------------------- | ----------- |
 * | closes within the window | **A**                  | **B**       |
 * | closes later             | **C**                  | **D**       |
 *
 * A customer's figures come from its **open** deals (`status: 'open'`; won, lost and
 * suspended deals do not count):
 *
 * - **expected value**: the sum of their amounts (`value: 'amount'`, the default) or of
 *   their weighted amounts (`value: 'weighted'`: amount × probability, with
 *   `pipelines`), exact, in `valueAtLeast`'s currency (other currencies through
 *   `rates`, else `currency_mismatch`);
 * - **time to close**: calendar days from `asOf`'s date (on the wall clock of
 *   `timeZone` / `offsetMinutes`, UTC by default) to the earliest expected close date
 *   among them; a date already past gives negative days and counts as soon.
 *
 * A customer with no open deal, or whose open deals have no expected close date, has no
 * class: it is listed in `unclassified` with the issue `no_open_deal` or
 * `no_expected_close_date`, never dropped. Deals whose customer is not in `customers`
 * are not read (pass a subset of customers to class only those).
 *
 * @param customers - The customers to class (any iterable; read once, never changed).
 * @param deals - Their deals (any iterable; read once, never changed).
 * @param options - `asOf`, the two axes (`valueAtLeast`, `closeWithinDays`), `value`, `pipelines`, `rates`, zone and locale.
 * @returns Per customer its class and figures, the customers of each class, and the unclassified customers.
 * @throws {@link FunnelError} `invalid_option` for a missing `asOf`, a bad threshold or
 *   zone, or `value: 'weighted'` without `pipelines`; `currency_mismatch` /
 *   `missing_rate` for a deal in another currency without a rate; `missing_pipeline` /
 *   `unknown_stage` when weighing a deal whose pipeline or stage is unknown;
 *   `invalid_argument` when `customers` or `deals` is not a list.
 *   Also `invalid_argument` for `deals` that is not an iterable of opportunities, or an
 *   item of it that is not an opportunity (named `deals[i]`); `invalid_option` (`rates`)
 *   for rates that are not an object with a `rates` object.
 *
 * @category Customers
 * @example
 * ```ts
 * import { classifyABCD, money, parseCustomer, parseOpportunity } from 'sales-funnel';
 * const customers = ['c1', 'c2', 'c3'].map((id) => parseCustomer({ id, name: id }));
 * const deal = (id: string, customerId: string, amount: string, expectedCloseDate: string) =>
 *   parseOpportunity({ id, customerId, pipelineId: 'p', name: id, ownerId: 'rep-li', stageId: 'qualify',
 *     amount: { amount, currency: 'CNY' }, expectedCloseDate }, { allowEmptyHistory: true });
 * const r = classifyABCD(customers, [deal('d1', 'c1', '800000', '2026-04-09'), deal('d2', 'c2', '100000', '2026-09-26')], {
 *   asOf: '2026-03-10T12:00:00+08:00', timeZone: 'Asia/Shanghai',
 *   valueAtLeast: money('500000', 'CNY'), closeWithinDays: 90,
 * });
 * r.customers.map((c) => [c.customerId, c.class, c.daysToClose]); //=> [['c1', 'A', 30], ['c2', 'D', 200]]
 * r.unclassified.map((u) => u.issue.code); //=> ['no_open_deal'] (c3)
 * ```
 */
export function classifyABCD(customers: Iterable<Customer>, deals: Iterable<Opportunity>, options: ClassifyABCDOptions): ClassifyABCDResult {
  const opts = optionsObject(options) as Partial<ClassifyABCDOptions>;
  const asOf = requiredAsOf(opts.asOf);
  const asOfDate = plainDateOf(asOf, opts);
  const threshold = moneyOption(opts.valueAtLeast, 'valueAtLeast');
  const currency = threshold.currency;
  const within = wholeNumberOption(opts.closeWithinDays, 'closeWithinDays');
  ratesOption(opts.rates);
  const value = oneOfOption(opts.value ?? 'amount', 'value', ['amount', 'weighted'] as const);
  const locale = localeOption(opts.locale);
  const pipelines = value === 'weighted' ? pipelinesOption(opts.pipelines) : undefined;
  const list = customersArgument(customers);

  const tallies = new Map<string, Tally>();
  for (const c of list) if (!tallies.has(c.id)) tallies.set(c.id, { value: new Decimal(0), nearest: undefined, deals: [] });
  listArgument(deals, 'deals').forEach((d, i) => {
    checkDeal(d, i, 'deals');
    const t = tallies.get(d.customerId);
    if (t === undefined || d.status !== 'open') return;
    let amount = amountIn(d.amount, currency, opts.rates);
    if (pipelines !== undefined) {
      const pipeline = pipelines.get(d.pipelineId);
      if (pipeline === undefined) throw new FunnelError('missing_pipeline', { pipelineId: d.pipelineId });
      // An open deal always has a probability (only a suspended one has none).
      amount = amount.times(dealProbability(d, pipeline) ?? 0);
    }
    t.value = t.value.plus(amount);
    t.deals.push(d.id);
    const date = d.expectedCloseDate;
    if (date !== undefined && (t.nearest === undefined || date < t.nearest)) t.nearest = date;
  });

  const classified: CustomerABCD[] = [];
  const classes: Record<AbcdClass, CustomerId[]> = { A: [], B: [], C: [], D: [] };
  const unclassified: UnclassifiedCustomer[] = [];
  for (const c of list) {
    const t = tallies.get(c.id)!;
    const worth: Money = { amount: t.value, currency };
    if (t.nearest === undefined) {
      const issue =
        t.deals.length === 0
          ? makeIssue('no_open_deal', { customerId: c.id, customerName: c.name }, { locale })
          : makeIssue('no_expected_close_date', { customerId: c.id, customerName: c.name, openDeals: t.deals.length }, { locale });
      unclassified.push({ customerId: c.id, customerName: c.name, value: worth, openDealIds: [...t.deals], issue });
      continue;
    }
    const daysToClose = calendarDaysBetween(asOfDate, t.nearest);
    const highValue = t.value.gte(threshold.amount);
    const closesSoon = daysToClose <= within;
    const cls: AbcdClass = closesSoon ? (highValue ? 'A' : 'B') : highValue ? 'C' : 'D';
    classes[cls].push(c.id);
    classified.push({
      customerId: c.id,
      customerName: c.name,
      class: cls,
      value: worth,
      nearestCloseDate: t.nearest,
      daysToClose,
      highValue,
      closesSoon,
      openDealIds: [...t.deals],
    });
  }
  return { kind: 'abcd', currency, asOfDate, value, customers: classified, classes, unclassified };
}

function pipelinesOption(value: unknown): ReadonlyMap<string, Pipeline> {
  if (value === undefined) throw new FunnelError('invalid_option', { option: 'pipelines', reason: because('weighted_needs_pipelines') });
  if (!Array.isArray(value)) throw new FunnelError('invalid_option', { option: 'pipelines', reason: because('must_be_array') });
  const byId = new Map<string, Pipeline>();
  value.forEach((p: unknown, i) => {
    if (typeof p !== 'object' || p === null || typeof (p as Pipeline).id !== 'string' || !Array.isArray((p as Pipeline).stages)) {
      throw new FunnelError('invalid_option', { option: `pipelines[${i}]`, reason: because('must_be_parsed_pipeline') });
    }
    byId.set((p as Pipeline).id, p as Pipeline);
  });
  return byId;
}
