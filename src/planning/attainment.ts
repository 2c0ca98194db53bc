import { listArgument } from '../_lib/listArgument.js';
import { optionsObject } from '../_lib/options.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { amountIn } from '../money/amountIn.js';
import { ratesOption, type ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { moneyArgument, objectArgument } from './_lib/arguments.js';

/**
 * A rep's (or territory's) quota, as {@link allocateQuota} returns it or from anywhere else.
 */
export interface QuotaLine {
  /** The rep or territory. */
  readonly id: string;
  /** Its quota. */
  readonly quota: Money;
}

/**
 * An actual result to count against a quota, such as one won deal; several lines may
 * share an id and are added up.
 */
export interface ActualLine {
  /** The rep or territory. */
  readonly id: string;
  /** The amount achieved. */
  readonly amount: Money;
}

/**
 * Options for {@link attainment}.
 */
export interface AttainmentOptions {
  /** Rates to convert amounts in other currencies into the first quota's currency. */
  readonly rates?: ExchangeRates;
}

/**
 * Quota attainment of one rep, or of everyone together.
 */
export interface AttainmentRow {
  /** The rep or territory (`'*'` for the total). */
  readonly id: string;
  /** The quota: its size matters as much as the percentage. */
  readonly quota: Money;
  /** The amount achieved. */
  readonly actual: Money;
  /** `actual − quota` (negative when short). */
  readonly excess: Money;
  /** `actual / quota`, a rate (1 = 100 %); null when the quota is 0. */
  readonly attainment: number | null;
  /** `(actual − quota) / quota`, the rate by which the quota was exceeded (negative when short); null when the quota is 0. */
  readonly overAchievement: number | null;
}

/**
 * Attainment per rep and in total.
 */
export interface AttainmentReport {
  /** One row per quota line, in input order. */
  readonly rows: readonly AttainmentRow[];
  /** All quotas against all matched actuals. */
  readonly total: AttainmentRow;
  /** Actuals whose id has no quota, added up per id (in order of first appearance); not in the total. */
  readonly unmatched: readonly ActualLine[];
}

/**
 * Quota attainment (定额完成率) per rep: how much was achieved against the quota, and by
 * what percentage the quota was exceeded. The seed judges performance on both the quota's
 * size and the percentage exceeded, so every row carries both.
 *
 * Definitions, with the quota as denominator: `attainment = actual / quota`;
 * `overAchievement = (actual − quota) / quota` (= attainment − 1, negative when short);
 * both are rates (`number`), computed exactly and rounded once to a double, and `null`
 * when the quota is 0. `excess = actual − quota` in money, exact. The total row
 * uses the sums of the quotas and of the matched actuals. Amounts are reported in the
 * first quota's currency; others are converted with `options.rates`.
 *
 * @param quotas - One line per rep (ids unique).
 * @param actuals - Results to count; lines with the same id are added up.
 * @param options - Exchange rates for mixed currencies.
 * @returns Rows in quota order, the total, and actuals without a quota.
 * @throws {@link FunnelError} `invalid_argument` for no quotas, a list that is not
 *   iterable, a line that is not an object, an empty or duplicate quota id, an actual
 *   without a string id, or a quota or amount that is not a Money value (`name` says
 *   which, as `quotas[1].quota`); `invalid_amount` for an amount that is not a decimal;
 *   `currency_mismatch` for mixed currencies without rates; `invalid_option` for options
 *   that are not an object or `rates` that is not an exchange-rate table.
 * @category Planning
 *
 * @example
 * ```ts
 * import { attainment, money } from 'sales-funnel';
 * const r = attainment(
 *   [{ id: 'li', quota: money('800000', 'CNY') }, { id: 'wang', quota: money('200000', 'CNY') }],
 *   [{ id: 'li', amount: money('900000', 'CNY') }, { id: 'wang', amount: money('300000', 'CNY') }],
 * );
 * r.rows.map((x) => x.overAchievement); //=> [0.125, 0.5]
 * r.total.attainment; //=> 1.2
 * ```
 */
export function attainment(quotas: Iterable<QuotaLine>, actuals: Iterable<ActualLine>, options: AttainmentOptions = {}): AttainmentReport {
  const rates = ratesOption(optionsObject(options).rates);
  const lines = listArgument(quotas, 'quotas');
  if (lines.length === 0) throw new FunnelError('invalid_argument', { name: 'quotas', reason: because('at_least_one_quota') });
  const quotaMoney = lines.map((l, i) => moneyArgument(objectArgument(l, `quotas[${i}]`).quota, `quotas[${i}].quota`));
  const currency: CurrencyCode = quotaMoney[0]!.currency;
  const inCurrency = (m: Money): Decimal => amountIn(m, currency, rates);
  const quotaOf = new Map<string, Decimal>();
  lines.forEach((l, i) => {
    if (typeof l.id !== 'string' || l.id.length === 0) throw new FunnelError('invalid_argument', { name: `quotas[${i}].id`, reason: because('must_be_non_empty_string') });
    if (quotaOf.has(l.id)) throw new FunnelError('invalid_argument', { name: `quotas[${i}].id`, reason: because('duplicate_id', { id: l.id }) });
    quotaOf.set(l.id, inCurrency(quotaMoney[i]!));
  });
  const actualOf = new Map<string, Decimal>();
  const unmatched = new Map<string, Decimal>();
  for (const [i, a] of listArgument(actuals, 'actuals').entries()) {
    objectArgument(a, `actuals[${i}]`);
    if (typeof a.id !== 'string' || a.id.length === 0) throw new FunnelError('invalid_argument', { name: `actuals[${i}].id`, reason: because('must_be_non_empty_string') });
    const amount = inCurrency(moneyArgument(a.amount, `actuals[${i}].amount`));
    const bucket = quotaOf.has(a.id) ? actualOf : unmatched;
    bucket.set(a.id, (bucket.get(a.id) ?? new Decimal(0)).plus(amount));
  }
  const row = (id: string, quota: Decimal, actual: Decimal): AttainmentRow => ({
    id,
    quota: { amount: quota, currency },
    actual: { amount: actual, currency },
    excess: { amount: actual.minus(quota), currency },
    attainment: quota.isZero() ? null : actual.div(quota).toNumber(),
    overAchievement: quota.isZero() ? null : actual.minus(quota).div(quota).toNumber(),
  });
  const rows = lines.map((l) => row(l.id, quotaOf.get(l.id)!, actualOf.get(l.id) ?? new Decimal(0)));
  const totalQuota = rows.reduce((a, r) => a.plus(r.quota.amount), new Decimal(0));
  const totalActual = rows.reduce((a, r) => a.plus(r.actual.amount), new Decimal(0));
  return {
    rows,
    total: row('*', totalQuota, totalActual),
    unmatched: [...unmatched.entries()].map(([id, amount]) => ({ id, amount: { amount, currency } })),
  };
}
