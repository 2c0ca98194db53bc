import * as z from 'zod';
import { decimalValueProblem, readWireDecimal, toDecimal } from '../_lib/decimal.js';
import { formatMessage } from '../i18n/formatIssue.js';
import type { Reason } from '../i18n/params.js';
import { isCurrencyCode, minorUnitDigits } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { isInstantInRange, parseIsoInstant } from '../time/instant.js';
import { isPlainDate, type PlainDate } from '../time/plainDate.js';

export { DECIMAL_LIMITS } from '../_lib/decimal.js';

type Path = (string | number)[];
/** Where a decoder reports: zod's payload, whose `issues` collects raw issues. */
interface IssueSink {
  readonly issues: z.core.$ZodRawIssue[];
}

function shown(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === null || value === undefined) text = String(value);
  else text = Object.prototype.toString.call(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function pushInvalidAmount(sink: IssueSink, input: unknown, reason: Reason, path: Path): void {
  const params = { value: shown(input), reason };
  sink.issues.push({ code: 'custom', input, path, message: formatMessage('invalid_amount', params), params: { ...params, code: 'invalid_amount' } });
}

const decimalInstance = z.custom<Decimal>((v) => Decimal.isDecimal(v) && decimalValueProblem(v as Decimal) === undefined, {
  message: 'Expected a finite Decimal within the accepted range',
});

/**
 * Codec for an exact decimal: a decimal string or a number with at most 15 significant
 * digits on the wire, a {@link Decimal} in the domain, a plain decimal string again when
 * serialized (`"1000000.5"`, never exponent notation).
 *
 * Accepted values lie within {@link DECIMAL_LIMITS}: at most 34 significant digits,
 * 25 digits before and 20 after the decimal point, 100 characters of text. Anything
 * else (`"1e9000000000000"`, `"1e-9000000000000"`, `"lots"`) is an `invalid_amount`
 * issue, so every accepted value serializes to a few dozen characters.
 *
 * @category Model
 * @example
 * ```ts
 * import { decimalSchema } from 'sales-funnel';
 * decimalSchema.parse('0.25').toString(); //=> '0.25'
 * decimalSchema.safeParse('1e9000000000000').success; //=> false
 * ```
 */
export const decimalSchema = z.codec(z.union([z.string(), z.number()]), decimalInstance, {
  decode: (value, ctx) => {
    const d = readWireDecimal(value);
    if ('code' in d) {
      pushInvalidAmount(ctx, value, d, []);
      return z.NEVER;
    }
    return d;
  },
  encode: (d) => toDecimal(d).toFixed(),
});

/**
 * Codec for a probability (成交概率/赢率) in [0, 1]: `"0.25"` or `0.25` on the wire, a
 * Decimal in the domain. Outside [0, 1]: `probability_out_of_range`.
 *
 * @category Model
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
 * @category Model
 * @example
 * ```ts
 * import { currencySchema } from 'sales-funnel';
 * currencySchema.parse('CNY'); //=> 'CNY'
 * ```
 */
export const currencySchema = z.string().check(
  z.superRefine((value: string, ctx) => {
    if (isCurrencyCode(value)) return;
    // The code's params travel with the issue, so every locale can fill `{currency}`.
    const params = { currency: shown(value) };
    ctx.addIssue({ code: 'custom', message: formatMessage('unknown_currency', params), params: { ...params, code: 'unknown_currency' } });
  }),
);

const moneyWire = z.object({ amount: z.union([z.string(), z.number()]), currency: currencySchema });
const moneyDomain = z.custom<Money>(
  (v) =>
    typeof v === 'object' &&
    v !== null &&
    Decimal.isDecimal((v as Money).amount) &&
    decimalValueProblem((v as Money).amount) === undefined &&
    isCurrencyCode((v as Money).currency),
  { message: 'Expected Money' },
);

/**
 * Codec for {@link Money}: `{ amount: "1000000.00", currency: "CNY" }` on the wire. When
 * serialized, the amount shows at least the currency's minor-unit digits (`"1000000"`
 * becomes `"1000000.00"`) and never loses a digit. The amount obeys the limits of
 * {@link decimalSchema}.
 *
 * @category Model
 * @example
 * ```ts
 * import { moneySchema } from 'sales-funnel';
 * moneySchema.parse({ amount: '1000000', currency: 'CNY' }).amount.toString(); //=> '1000000'
 * ```
 */
export const moneySchema = z.codec(moneyWire, moneyDomain, {
  decode: (wire, ctx) => {
    const amount = readWireDecimal(wire.amount);
    if ('code' in amount) {
      pushInvalidAmount(ctx, wire.amount, amount, ['amount']);
      return z.NEVER;
    }
    return { amount, currency: wire.currency };
  },
  encode: (m) => {
    const amount = toDecimal(m.amount);
    return { amount: amount.toFixed(Math.max(minorUnitDigits(m.currency), amount.decimalPlaces())), currency: m.currency };
  },
});

/**
 * Schema of a {@link PlainDate} (`YYYY-MM-DD`, a real calendar date).
 *
 * @category Model
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
 * Epoch ms of an instant as parsed data gives it (an ISO 8601 string with offset, or
 * a `Date` from a database driver), or NaN when it is none or falls outside the years
 * 0001–9999 UTC. Never throws, whatever the value.
 *
 * @internal
 */
export function instantInputMs(value: unknown): number {
  if (typeof value === 'string') return parseIsoInstant(value);
  if (typeof value !== 'object' || value === null) return Number.NaN;
  let ms: number;
  try {
    // Throws for an object that only pretends to be a Date (`Object.create(Date.prototype)`).
    ms = Date.prototype.getTime.call(value);
  } catch {
    return Number.NaN;
  }
  return isInstantInRange(ms) ? ms : Number.NaN;
}

/** The `invalid_instant` issue for a value {@link instantInputMs} refuses. @internal */
export function invalidInstantIssue(input: unknown, path: Path): z.core.$ZodRawIssue {
  const params = { value: typeof input === 'object' && input !== null ? shown(dateText(input)) : shown(input) };
  return { code: 'custom', input, path, message: formatMessage('invalid_instant', params), params: { ...params, code: 'invalid_instant' } };
}

function dateText(value: object): string {
  try {
    const ms = Date.prototype.getTime.call(value);
    return Number.isNaN(ms) ? 'Invalid Date' : new Date(ms).toISOString();
  } catch {
    return Object.prototype.toString.call(value);
  }
}

const instantWire = z.custom<string | Date>(() => true);
const instantDomain = z.custom<Date>((v) => typeof v === 'object' && !Number.isNaN(instantInputMs(v)), {
  message: 'Expected a Date within the years 0001–9999',
});

/**
 * Codec for an instant: an ISO 8601 date-time with a `Z` or `±hh:mm` offset, or a
 * valid `Date` (as PostgreSQL and DuckDB drivers return), on the wire; a new `Date` in
 * the domain; `toISOString()` (UTC) when serialized. The text is read in one
 * fixed-position pass (`parseIsoInstant`): no 30 February, no leap second `:60`, and
 * only instants within the years 0001–9999 UTC. Anything else, an invalid `Date`
 * included, is an `invalid_instant` issue.
 *
 * @category Model
 * @example
 * ```ts
 * import { instantSchema } from 'sales-funnel';
 * instantSchema.parse('2026-03-01T09:00:00+08:00').toISOString(); //=> '2026-03-01T01:00:00.000Z'
 * instantSchema.safeParse('2026-02-30T00:00:00Z').success; //=> false
 * ```
 */
export const instantSchema = z.codec(instantWire, instantDomain, {
  decode: (value, ctx) => {
    const ms = instantInputMs(value);
    if (Number.isNaN(ms)) {
      ctx.issues.push(invalidInstantIssue(value, []));
      return z.NEVER;
    }
    return new Date(ms);
  },
  encode: (d) => d.toISOString(),
});

/** Keys refused in every free-form record. @internal */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Schema of a key in a free-form record: non-empty and not one of `__proto__`,
 * `constructor` or `prototype`, so parsed data can never reach an object's prototype.
 *
 * @category Model
 * @example
 * ```ts
 * import { safeKeySchema } from 'sales-funnel';
 * safeKeySchema.safeParse('constructor').success; //=> false
 * ```
 */
export const safeKeySchema = z
  .string()
  .min(1)
  .check(
    z.superRefine((key: string, ctx) => {
      if (!FORBIDDEN_KEYS.has(key)) return;
      ctx.addIssue({ code: 'custom', message: formatMessage('forbidden_key', { key }), params: { key, code: 'forbidden_key' } });
    }),
  );

/** A JSON value: what `attributes` may hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** Free-form attributes of a customer or an opportunity: JSON values under safe keys. */
export type Attributes = {
  /** A JSON value under a non-empty key other than `__proto__`, `constructor` and `prototype`. */
  [key: string]: JsonValue;
};

/**
 * How deep JSON in `attributes` may nest (the attributes object itself is level 1):
 * deeper values are refused with `json_too_deep` instead of exhausting the stack.
 *
 * @category Model
 * @example
 * ```ts
 * import { MAX_JSON_DEPTH } from 'sales-funnel';
 * MAX_JSON_DEPTH; //=> 64
 * ```
 */
export const MAX_JSON_DEPTH = 64;
/** At most this many issues are reported from one free-form value. */
const MAX_JSON_ISSUES = 20;

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function customIssue(sink: IssueSink, input: unknown, path: Path, message: string, code?: 'forbidden_key' | 'json_too_deep', params: Record<string, unknown> = {}): void {
  sink.issues.push({ code: 'custom', input, path, message, ...(code === undefined ? {} : { params: { ...params, code } }) });
}

/**
 * Checks that an own key of a free-form record is allowed, reporting `forbidden_key`
 * (an own `__proto__` from `JSON.parse` included). Returns whether it is.
 *
 * @internal
 */
export function checkRecordKey(key: string, sink: IssueSink, path: Path): boolean {
  if (FORBIDDEN_KEYS.has(key)) {
    customIssue(sink, key, [...path, key], formatMessage('forbidden_key', { key }), 'forbidden_key', { key });
    return false;
  }
  return true;
}

/**
 * A copy of a JSON value, or `undefined` with issues in `sink` (at most
 * {@link MAX_JSON_ISSUES}): plain objects and arrays, strings, finite numbers,
 * booleans and null; no forbidden or empty keys; at most {@link MAX_JSON_DEPTH} levels.
 */
function copyJson(value: unknown, depth: number, path: Path, sink: IssueSink, budget: { left: number }): JsonValue | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value)) return value;
      break;
    case 'object': {
      if (value === null) return null;
      if (depth > MAX_JSON_DEPTH) {
        if (budget.left-- > 0) customIssue(sink, undefined, path, formatMessage('json_too_deep', { limit: MAX_JSON_DEPTH }), 'json_too_deep', { limit: MAX_JSON_DEPTH });
        return undefined;
      }
      if (Array.isArray(value)) {
        const out: JsonValue[] = new Array<JsonValue>(value.length);
        let ok = true;
        for (let i = 0; i < value.length; i++) {
          const v = copyJson(value[i], depth + 1, [...path, i], sink, budget);
          if (v === undefined) {
            ok = false;
            if (budget.left <= 0) return undefined;
          } else out[i] = v;
        }
        return ok ? out : undefined;
      }
      if (!isPlainObject(value)) break;
      return copyJsonObject(value as Record<string, unknown>, depth, path, sink, budget);
    }
    default:
      break;
  }
  if (budget.left-- > 0) customIssue(sink, undefined, path, 'Expected a JSON value (a string, finite number, boolean, null, array or plain object)');
  return undefined;
}

function copyJsonObject(value: Record<string, unknown>, depth: number, path: Path, sink: IssueSink, budget: { left: number }): Attributes | undefined {
  const out: Attributes = {};
  let ok = true;
  for (const key of Object.keys(value)) {
    if (key.length === 0 || FORBIDDEN_KEYS.has(key)) {
      ok = false;
      if (budget.left-- > 0) {
        if (key.length === 0) customIssue(sink, key, [...path, key], 'Keys must not be empty');
        else checkRecordKey(key, sink, path);
      }
    } else {
      const v = copyJson(value[key], depth + 1, [...path, key], sink, budget);
      if (v === undefined) ok = false;
      else out[key] = v;
    }
    if (!ok && budget.left <= 0) return undefined;
  }
  return ok ? out : undefined;
}

/**
 * Reads free-form attributes: a plain object of JSON values, copied, or `undefined`
 * with issues. Shared by the zod codec and the fast path so both accept exactly the
 * same values.
 *
 * @internal
 */
export function readAttributes(value: unknown, sink: IssueSink): Attributes | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !isPlainObject(value)) {
    customIssue(sink, value, [], 'Expected an object of JSON values');
    return undefined;
  }
  return copyJsonObject(value as Record<string, unknown>, 1, [], sink, { left: MAX_JSON_ISSUES });
}

const attributesAny = z.custom<Attributes>(() => true);

/**
 * Codec of free-form attributes: a plain object of JSON values (strings, finite
 * numbers, booleans, null, arrays, plain objects) under non-empty keys, copied on the
 * way in and out. Refused: the keys `__proto__` (even an own one, as `JSON.parse`
 * makes), `constructor` and `prototype` (`forbidden_key`), nesting deeper than
 * {@link MAX_JSON_DEPTH} levels (`json_too_deep`), and any other value.
 *
 * @category Model
 * @example
 * ```ts
 * import { attributesSchema } from 'sales-funnel';
 * attributesSchema.parse({ industry: 'manufacturing' }); //=> { industry: 'manufacturing' }
 * attributesSchema.safeParse(JSON.parse('{"__proto__": {}}')).success; //=> false
 * ```
 */
export const attributesSchema = z.codec(attributesAny, attributesAny, {
  decode: (value, ctx) => readAttributes(value, ctx) ?? z.NEVER,
  encode: (value, ctx) => readAttributes(value, ctx) ?? z.NEVER,
});
