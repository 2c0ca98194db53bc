import * as z from 'zod';
import { isDecimalLike, toDecimal } from '../_lib/decimal.js';
import { formatMessage } from '../i18n/formatIssue.js';
import { isCurrencyCode, minorUnitDigits } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { isPlainDate, type PlainDate } from '../time/plainDate.js';

const decimalInstance = z.custom<Decimal>((v) => Decimal.isDecimal(v) && (v as Decimal).isFinite(), {
  message: 'Expected a finite Decimal',
});

/**
 * Codec for an exact decimal: a decimal string or a number with at most 15 significant
 * digits on the wire, a {@link Decimal} in the domain, a plain decimal string again when
 * serialized (`"1000000.5"`, never exponent notation).
 *
 * @example
 * ```ts
 * import { decimalSchema } from 'sales-funnel';
 * decimalSchema.parse('0.25').toString(); //=> '0.25'
 * ```
 */
export const decimalSchema = z.codec(z.union([z.string(), z.number()]), decimalInstance, {
  decode: (value, ctx) => {
    if (!isDecimalLike(value)) {
      ctx.issues.push({ code: 'custom', input: value, message: formatMessage('invalid_amount', { value: String(value), reason: 'not an exact decimal' }), params: { code: 'invalid_amount' } });
      return z.NEVER;
    }
    return toDecimal(value);
  },
  encode: (d) => toDecimal(d).toFixed(),
});

/**
 * Codec for a probability (成交概率/赢率) in [0, 1]: `"0.25"` or `0.25` on the wire, a Decimal in the domain.
 *
 * @example
 * ```ts
 * import { probabilitySchema } from 'sales-funnel';
 * probabilitySchema.parse(0.25).toString(); //=> '0.25'
 * ```
 */
export const probabilitySchema = decimalSchema.check(
  z.superRefine((d: Decimal, ctx) => {
    if (d.gte(0) && d.lte(1)) return;
    const value = d.toString();
    ctx.addIssue({
      code: 'custom',
      message: formatMessage('probability_out_of_range', { value }),
      params: { code: 'probability_out_of_range', value },
    });
  }),
);

/**
 * Schema of an ISO 4217 currency code known to the library.
 *
 * @example
 * ```ts
 * import { currencySchema } from 'sales-funnel';
 * currencySchema.parse('CNY'); //=> 'CNY'
 * ```
 */
export const currencySchema = z.string().refine(isCurrencyCode, {
  message: 'Unknown ISO 4217 currency code',
  params: { code: 'unknown_currency' },
});

const moneyWire = z.object({ amount: z.union([z.string(), z.number()]), currency: currencySchema });
const moneyDomain = z.custom<Money>(
  (v) =>
    typeof v === 'object' && v !== null && Decimal.isDecimal((v as Money).amount) && isCurrencyCode((v as Money).currency),
  { message: 'Expected Money' },
);

/**
 * Codec for {@link Money}: `{ amount: "1000000.00", currency: "CNY" }` on the wire. When
 * serialized, the amount shows at least the currency's minor-unit digits (`"1000000"`
 * becomes `"1000000.00"`) and never loses a digit.
 *
 * @example
 * ```ts
 * import { moneySchema } from 'sales-funnel';
 * moneySchema.parse({ amount: '1000000', currency: 'CNY' }).amount.toString(); //=> '1000000'
 * ```
 */
export const moneySchema = z.codec(moneyWire, moneyDomain, {
  decode: (wire, ctx) => {
    if (!isDecimalLike(wire.amount)) {
      ctx.issues.push({
        code: 'custom',
        input: wire.amount,
        path: ['amount'],
        message: formatMessage('invalid_amount', { value: String(wire.amount), reason: 'not an exact decimal' }),
        params: { code: 'invalid_amount' },
      });
      return z.NEVER;
    }
    return { amount: toDecimal(wire.amount), currency: wire.currency };
  },
  encode: (m) => {
    const amount = toDecimal(m.amount);
    return { amount: amount.toFixed(Math.max(minorUnitDigits(m.currency), amount.decimalPlaces())), currency: m.currency };
  },
});

/**
 * Schema of a {@link PlainDate} (`YYYY-MM-DD`, a real calendar date).
 *
 * @example
 * ```ts
 * import { plainDateSchema } from 'sales-funnel';
 * plainDateSchema.parse('2028-02-29'); //=> '2028-02-29'
 * ```
 */
export const plainDateSchema = z.custom<PlainDate>(isPlainDate, {
  message: 'Expected a calendar date YYYY-MM-DD',
  params: { code: 'invalid_plain_date' },
});

/**
 * Codec for an instant: an ISO 8601 date-time with a `Z` or `±hh:mm` offset on the
 * wire, a `Date` in the domain, `toISOString()` (UTC) when serialized.
 *
 * @example
 * ```ts
 * import { instantSchema } from 'sales-funnel';
 * instantSchema.parse('2026-03-01T09:00:00+08:00').toISOString(); //=> '2026-03-01T01:00:00.000Z'
 * ```
 */
export const instantSchema = z.codec(z.iso.datetime({ offset: true }), z.date(), {
  decode: (s) => new Date(s),
  encode: (d) => d.toISOString(),
});

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Schema of a key in a free-form record: non-empty and not one of `__proto__`,
 * `constructor` or `prototype`, so parsed data can never reach an object's prototype.
 *
 * @example
 * ```ts
 * import { safeKeySchema } from 'sales-funnel';
 * safeKeySchema.safeParse('constructor').success; //=> false
 * ```
 */
export const safeKeySchema = z.string().min(1).refine((k) => !FORBIDDEN_KEYS.has(k), {
  message: 'This key is not allowed',
  params: { code: 'forbidden_key' },
});

/**
 * Schema of free-form attributes: JSON values under safe keys.
 *
 * @example
 * ```ts
 * import { attributesSchema } from 'sales-funnel';
 * attributesSchema.parse({ industry: 'manufacturing' });
 * ```
 */
export const attributesSchema = z.record(safeKeySchema, z.json());
