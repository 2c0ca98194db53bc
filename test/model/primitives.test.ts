import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { DECIMAL_LIMITS } from '../../src/_lib/decimal.js';
import { attributesSchema, decimalSchema, instantSchema, MAX_JSON_DEPTH, moneySchema, probabilitySchema } from '../../src/model/primitives.js';

const codes = (r: z.ZodSafeParseResult<unknown>) =>
  r.success ? [] : r.error.issues.map((i) => `${String((i as { params?: { code?: string } }).params?.code ?? i.code)} @ ${i.path.join('.')}`);

describe('decimals are bounded', () => {
  it('refuses unbounded exponents, too many digits and long text, with a code', () => {
    expect(codes(decimalSchema.safeParse('1e9000000000000'))).toEqual(['invalid_amount @ ']);
    expect(codes(probabilitySchema.safeParse('1e-9000000000000'))).toEqual(['invalid_amount @ ']);
    expect(codes(moneySchema.safeParse({ amount: '1e9000000000000', currency: 'CNY' }))).toEqual(['invalid_amount @ amount']);
    expect(codes(decimalSchema.safeParse('1.2345678901234567890123456789012345'))).toEqual(['invalid_amount @ ']); // 35 digits
    expect(codes(decimalSchema.safeParse('12345678901234567890123456'))).toEqual(['invalid_amount @ ']); // 26 before the point
    expect(codes(decimalSchema.safeParse('0.000000000000000000001'))).toEqual(['invalid_amount @ ']); // 21 after
    expect(codes(decimalSchema.safeParse(`1${'0'.repeat(100)}`))).toEqual(['invalid_amount @ ']);
    expect(codes(decimalSchema.safeParse(1e300))).toEqual(['invalid_amount @ ']);
  });

  it('accepts the edges of the range', () => {
    expect(decimalSchema.parse('1234567890123456789012345').toFixed()).toBe('1234567890123456789012345');
    expect(decimalSchema.parse('123456789012345678901234.5678901234').toFixed()).toBe('123456789012345678901234.5678901234');
    expect(decimalSchema.parse('0.00000000000000000001').toFixed()).toBe('0.00000000000000000001');
    expect(decimalSchema.parse('0e-999999').toFixed()).toBe('0');
    expect(decimalSchema.parse(' 1.50 ').toFixed()).toBe('1.5');
  });

  it('every accepted value serializes to at most 36 characters (money: plus its minor digits)', () => {
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom('0', '1', '5', '9', '.', 'e', '-', '+'), maxLength: 40 }),
      fc.tuple(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: -60, max: 60 })).map(([m, e]) => `${m}e${e}`),
    );
    fc.assert(
      fc.property(text, (s) => {
        const r = decimalSchema.safeParse(s);
        if (!r.success) return;
        const out = String(z.encode(decimalSchema, r.data));
        expect(out.length).toBeLessThanOrEqual(36);
        expect(decimalSchema.parse(out).eq(r.data)).toBe(true);
        expect(r.data.sd()).toBeLessThanOrEqual(DECIMAL_LIMITS.maxSignificantDigits);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('instants', () => {
  it('refuses text that is not a real instant with an offset, within years 0001–9999 UTC', () => {
    for (const s of ['garbage', '', '2026-02-30T00:00:00Z', '2026-06-30T23:59:60Z', '2026-06-30T24:00:00Z', '2026-06-30T12:00:00', '9999-12-31T23:00:00-02:00', '0001-01-01T00:30:00+01:00']) {
      expect(codes(instantSchema.safeParse(s))).toEqual(['invalid_instant @ ']);
    }
    expect(instantSchema.parse('9999-12-31T23:59:59.999Z').toISOString()).toBe('9999-12-31T23:59:59.999Z');
    expect(instantSchema.parse('0001-01-01T00:00:00Z').toISOString()).toBe('0001-01-01T00:00:00.000Z');
    expect(instantSchema.parse('2026-03-01T09:00:00+08:00').toISOString()).toBe('2026-03-01T01:00:00.000Z');
  });

  it('accepts valid Dates (as database drivers return them) and copies them', () => {
    const d = new Date('2026-03-01T01:00:00Z');
    const parsed = instantSchema.parse(d);
    expect(parsed).toEqual(d);
    expect(parsed).not.toBe(d);
  });

  it('refuses invalid, out-of-range and fake Dates, and other values, with a code', () => {
    const fake = Object.create(Date.prototype) as Date;
    for (const v of [new Date(Number.NaN), new Date(Date.UTC(10000, 0, 1)), new Date(-62_135_596_800_001), fake, 1774999800000, null, undefined, {}]) {
      expect(codes(instantSchema.safeParse(v))).toEqual(['invalid_instant @ ']);
    }
  });

  it('serializing refuses a Date that no ISO string can hold', () => {
    expect(() => z.encode(instantSchema, new Date(Date.UTC(12000, 0, 1)))).toThrow(z.ZodError);
    expect(() => z.encode(instantSchema, new Date(Number.NaN))).toThrow(z.ZodError);
  });
});

describe('attributes', () => {
  it('refuses JSON nested deeper than MAX_JSON_DEPTH with json_too_deep, not a RangeError', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 10_000; i++) deep = { x: deep };
    const r = attributesSchema.safeParse({ deep });
    expect(codes(r)).toHaveLength(1);
    expect(codes(r)[0]).toMatch(/^json_too_deep @ deep(\.x)+$/);
    let ok: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH - 1; i++) ok = [ok];
    expect(attributesSchema.safeParse({ ok }).success).toBe(true);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(codes(attributesSchema.safeParse({ cyclic }))[0]).toMatch(/^json_too_deep @ cyclic(\.self)+$/);
  });

  it('refuses __proto__ (an own key from JSON.parse), constructor and prototype with forbidden_key', () => {
    const parsed = JSON.parse('{"a":1,"__proto__":{"polluted":true},"b":{"constructor":2,"c":[{"prototype":3}]}}');
    expect(codes(attributesSchema.safeParse(parsed))).toEqual(['forbidden_key @ __proto__', 'forbidden_key @ b.constructor', 'forbidden_key @ b.c.0.prototype']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses values that are not JSON, and copies the rest', () => {
    for (const v of [Number.NaN, Number.POSITIVE_INFINITY, undefined, () => 1, new Date(0), new Map(), 1n, Symbol('s')]) {
      expect(attributesSchema.safeParse({ v }).success).toBe(false);
    }
    expect(attributesSchema.safeParse([1]).success).toBe(false);
    expect(attributesSchema.safeParse({ '': 1 }).success).toBe(false);
    const input = { a: [1, 'x', null, true, { b: 2 }] };
    const out = attributesSchema.parse(input);
    expect(out).toEqual(input);
    expect(out['a']).not.toBe(input.a);
    expect(z.encode(attributesSchema, out)).toEqual(input);
  });

  it('caps the issues of one value', () => {
    const wide = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, Number.NaN]));
    expect(codes(attributesSchema.safeParse(wide))).toHaveLength(20);
  });
});
