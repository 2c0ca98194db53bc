import { FunnelError } from '../i18n/FunnelError.js';

const ZERO = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const THREE = 'BHD IQD JOD KWD LYD OMR TND';
const FOUR = 'CLF UYW';
const TWO =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP ' +
  'BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD ' +
  'FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD ' +
  'KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD ' +
  'NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP ' +
  'SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VES ' +
  'WST XCD XCG YER ZAR ZMW ZWG';

const TABLE: ReadonlyMap<string, number> = new Map([
  ...ZERO.split(' ').map((c) => [c, 0] as const),
  ...TWO.split(' ').map((c) => [c, 2] as const),
  ...THREE.split(' ').map((c) => [c, 3] as const),
  ...FOUR.split(' ').map((c) => [c, 4] as const),
]);

/**
 * An ISO 4217 alphabetic currency code such as `"CNY"`, `"USD"` or `"JPY"`.
 *
 * @example
 * ```ts
 * import type { CurrencyCode } from 'sales-funnel';
 * const c: CurrencyCode = 'CNY';
 * ```
 */
export type CurrencyCode = string;

/**
 * Every currency code the library knows, with its minor-unit digits (CNY 2, JPY 0, KWD 3).
 *
 * @example
 * ```ts
 * import { CURRENCIES } from 'sales-funnel';
 * CURRENCIES.get('JPY'); //=> 0
 * ```
 *
 * @category Money
 */
export const CURRENCIES: ReadonlyMap<CurrencyCode, number> = TABLE;

/**
 * Whether `code` is a known ISO 4217 currency code.
 *
 * @param code - Any string.
 * @returns `true` for known codes.
 *
 * @example
 * ```ts
 * import { isCurrencyCode } from 'sales-funnel';
 * isCurrencyCode('CNY'); //=> true
 * isCurrencyCode('RMB'); //=> false
 * ```
 *
 * @category Money
 */
export function isCurrencyCode(code: unknown): code is CurrencyCode {
  // The keys are strings and Map#has does not convert: anything else is simply not found.
  return (TABLE as ReadonlyMap<unknown, number>).has(code);
}

/**
 * Number of digits after the decimal point in the currency's minor unit.
 *
 * @param currency - An ISO 4217 code.
 * @returns 0, 2, 3 or 4.
 * @throws {@link FunnelError} `unknown_currency` for unknown codes.
 *
 * @example
 * ```ts
 * import { minorUnitDigits } from 'sales-funnel';
 * minorUnitDigits('CNY'); //=> 2
 * minorUnitDigits('JPY'); //=> 0
 * ```
 *
 * @category Money
 */
export function minorUnitDigits(currency: CurrencyCode): number {
  const digits = TABLE.get(currency);
  if (digits === undefined) throw new FunnelError('unknown_currency', { currency });
  return digits;
}
