import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, Decimal, FunnelError } from '../../src/index.js';
import { allocateMinor, fromMinor, minorUnits } from '../../src/_lib/minorUnits.js';

// The shortcuts of src/_lib/minorUnits.ts against the exact arithmetic they stand in for.
// The decimals are built from a mantissa and an exponent (not src/testing's decimalArb,
// which stays within safe integers): up to 34 digits (five base-10⁷ words), exponents far
// beyond 2⁵³ either way, trailing zeros, negatives and zero.

const MAX = Number.MAX_SAFE_INTEGER;

/** A mantissa of 1 to 34 digits, sometimes ending in zeros (a shorter last word). */
const mantissaArb = fc.oneof(
  fc.bigInt({ min: 1n, max: 10n ** 34n - 1n }),
  fc.bigInt({ min: 1n, max: 10n ** 16n }),
  fc.tuple(fc.bigInt({ min: 1n, max: 9_999_999n }), fc.integer({ min: 0, max: 20 })).map(([m, zeros]) => m * 10n ** BigInt(zeros)),
);

/** Decimals of any magnitude and length, negatives and zero included. */
const decimalArb: fc.Arbitrary<Decimal> = fc.oneof(
  fc.tuple(fc.boolean(), mantissaArb, fc.integer({ min: -40, max: 30 })).map(([negative, m, exponent]) => new Decimal(`${negative ? '-' : ''}${m}e${exponent}`)),
  // Whole numbers of minor units, small, up to 2⁵³ and around it, shifted by 0 to 4 places.
  fc
    .tuple(
      fc.oneof(
        fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }),
        fc.bigInt({ min: -(2n ** 53n), max: 2n ** 53n }),
        fc.bigInt({ min: 2n ** 53n - 1000n, max: 2n ** 53n + 1000n }),
      ),
      fc.integer({ min: 0, max: 4 }),
    )
    .map(([units, places]) => new Decimal(`${units}e-${places}`)),
  fc.constantFrom(new Decimal(0), new Decimal('-0'), new Decimal(MAX), new Decimal(MAX + 1), new Decimal('-9007199254740.991')),
);

/** d × 10^digits as a number when it is a whole number within ±(2⁵³ − 1), NaN otherwise. */
function exactMinor(d: Decimal, digits: number): number {
  const scaled = d.times(new Decimal(10).pow(digits)); // ≤ 38 digits: exact at 40
  return scaled.isInteger() && scaled.abs().lte(MAX) ? scaled.toNumber() : Number.NaN;
}

/** How many base-10⁷ words decimal.js holds the digits of `d` in. */
const words = (d: Decimal): number => d.d?.length ?? 0;

/** Equal as numbers (−0 = 0), NaN equal to NaN. */
function same(actual: number, expected: number): boolean {
  return Number.isNaN(expected) ? Number.isNaN(actual) : actual === expected;
}

describe('minorUnits', () => {
  it('is the exact number of minor units, or NaN when that is not a safe whole number (currency digits 0, 2, 3, 4)', () => {
    fc.assert(
      fc.property(decimalArb, fc.constantFrom(0, 2, 3, 4), (d, digits) => {
        const want = exactMinor(d, digits);
        const got = minorUnits(d, digits);
        expect(same(got, want), `${d.toString()} at ${digits} digits: ${got}, want ${want}`).toBe(true);
        if (!Number.isNaN(got)) expect(fromMinor(got, digits).eq(d)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('for any digits up to 15: NaN or exact, and exact whenever the digits fit in three words', () => {
    fc.assert(
      fc.property(decimalArb, fc.integer({ min: 0, max: 15 }), (d, digits) => {
        const want = exactMinor(d, digits);
        const got = minorUnits(d, digits);
        if (Number.isNaN(got)) expect(Number.isNaN(want) || words(d) > 3, `${d.toString()} at ${digits}`).toBe(true);
        else expect(got).toBe(want);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads the first word’s digit count right at every power of ten', () => {
    // 10^k and 10^k − 1 for k = 0 … 7 (a first word of 1 to 7 digits), alone and followed by a
    // second word (× 10⁷ + 1): their minor units at 2 digits are the value × 100.
    for (let k = 0; k <= 7; k++) {
      for (const v of [10 ** k, 10 ** k - 1].filter((x) => x > 0)) {
        expect(minorUnits(new Decimal(v), 2), `${v}`).toBe(v * 100);
        expect(minorUnits(new Decimal(v * 1e7 + 1), 0), `${v}e7 + 1`).toBe(v * 1e7 + 1);
        expect(minorUnits(new Decimal(`${v}.0000001`), 7), `${v}.0000001`).toBe(v * 1e7 + 1);
      }
    }
  });

  it('hand-checked cases', () => {
    // 123.45 CNY = 12 345 fen; 1.5 JPY is not a whole yen; −0.001 KWD = −1 fils.
    expect(minorUnits(new Decimal('123.45'), 2)).toBe(12345);
    expect(minorUnits(new Decimal('1.5'), 0)).toBeNaN();
    expect(minorUnits(new Decimal('-0.001'), 3)).toBe(-1);
    // 2⁵³ − 1 is the largest; 2⁵³ is refused, also as 90 071 992 547 409.92 CNY.
    expect(minorUnits(new Decimal('90071992547409.91'), 2)).toBe(MAX);
    expect(minorUnits(new Decimal('90071992547409.92'), 2)).toBeNaN();
    // 1e21 is the single word [1] with e = 21: 10²¹ yen are not a safe integer.
    expect(minorUnits(new Decimal('1e21'), 0)).toBeNaN();
    // 120 000 is the single word [120000] (e = 5, 6 digits): 120000 × 10^(5 − 6 + 1 + 2) fen.
    expect(minorUnits(new Decimal('120000'), 2)).toBe(12_000_000);
    // 12345678.9012345 is three words [1, 2345678, 9012345] (e = 7): at 7 digits,
    // 123 456 789 012 345 units.
    expect(minorUnits(new Decimal('12345678.9012345'), 7)).toBe(123_456_789_012_345);
    // 123456789012345.6 is four words [1, 2345678, 9012345, 6000000] (e = 14): NaN, though
    // 1 234 567 890 123 456 is safe (the callers then take the exact path).
    expect(minorUnits(new Decimal('123456789012345.6'), 1)).toBeNaN();
    // 90071992547409.99 is three words [9007199, 2547409, 9900000]: its digits make
    // 9 007 199 254 740 999 > 2⁵³ − 1, which a double rounds to …741 000. At 1 digit the
    // value is 900 719 925 474 099.9 units, not whole: NaN (the rounded …741 000 / 10 is not it).
    expect(minorUnits(new Decimal('90071992547409.99'), 1)).toBeNaN();
    // 1e14 is the word [1] with e = 14: at 1 digit, 10¹⁵ units, ten to the fifteenth exactly.
    expect(minorUnits(new Decimal('1e14'), 1)).toBe(1e15);
    expect(minorUnits(new Decimal('9e14'), 1)).toBe(9e15);
    expect(minorUnits(new Decimal(Number.NaN), 2)).toBeNaN();
    expect(minorUnits(new Decimal(Number.POSITIVE_INFINITY), 2)).toBeNaN();
    expect(minorUnits(new Decimal(0), 2)).toBe(0);
  });
});

/** Weights with ties, zeros, large values (past the double shortcut) and sometimes a bad one. */
const weightArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(0, 1, 2, 3, 7) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 1_000_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: MAX }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 0.5) },
);

const unitsArb = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1e12, max: 1e12 }), fc.maxSafeInteger(), fc.constant(-MAX));

describe('allocateMinor', () => {
  it("equals allocate's shares whenever it gives a result, and gives one whenever the doubles are exact", () => {
    fc.assert(
      fc.property(unitsArb, fc.array(weightArb, { minLength: 1, maxLength: 8 }), fc.constantFrom(0, 2, 3), (units, weights, digits) => {
        const got = allocateMinor(units, weights);
        const valid = weights.every((w) => Number.isSafeInteger(w) && w >= 0) && weights.some((w) => w > 0);
        const sum = weights.reduce((a, w) => a + Math.max(w, 0), 0);
        const safe = valid && Math.abs(units) * Math.max(...weights) <= MAX && sum <= MAX;
        if (safe) expect(got).toBeDefined();
        if (got === undefined) return;
        expect(valid).toBe(true);
        const currency = digits === 0 ? 'JPY' : digits === 2 ? 'CNY' : 'KWD';
        // The weights as text: a double of 16 digits is an exact whole number here, which
        // allocate would refuse as a number (more than 15 significant digits).
        const shares = allocate({ amount: fromMinor(units, digits), currency }, weights.map(String));
        expect(got).toEqual(shares.map((m) => minorUnits(m.amount, digits)));
        expect(got.every((u) => !Object.is(u, -0))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('hand-checked cases: ties to the larger weight, then the earlier index', () => {
    // 10 by [1, 1, 1]: quotas 3⅓ each, floors 3 + 3 + 3 = 9, the last unit to index 0.
    expect(allocateMinor(10, [1, 1, 1])).toEqual([4, 3, 3]);
    // 1 by [1, 2, 1, 2]: remainders 1, 2, 1, 2 (of 6); the tie of 2s goes to index 1.
    expect(allocateMinor(1, [1, 2, 1, 2])).toEqual([0, 1, 0, 0]);
    // 5 by [2, 3, 0, 5]: quotas 1, 1.5, 0, 2.5; remainders 0, 5, 0, 5 (of 10): the tie goes to
    // the larger weight 5 (index 3), not to the earlier index 1.
    expect(allocateMinor(5, [2, 3, 0, 5])).toEqual([1, 1, 0, 3]);
    // −10 like 10, negated; zero weights get 0, not −0.
    expect(allocateMinor(-10, [1, 0, 1, 1])).toEqual([-4, 0, -3, -3]);
    expect(Object.is(allocateMinor(-10, [1, 0, 1, 1])![1], 0)).toBe(true);
    // Refused (the caller falls back to allocate): a negative or fractional weight, all zeros,
    // and a product beyond 2⁵³.
    expect(allocateMinor(10, [1, -1])).toBeUndefined();
    expect(allocateMinor(10, [0.5, 1])).toBeUndefined();
    expect(allocateMinor(10, [0, 0])).toBeUndefined();
    expect(allocateMinor(2 ** 30, [2 ** 23, 1])).toBeUndefined();
    // At the edge: total × largest weight = 2⁵³ − 1, and a weight sum of 2⁵³ − 1, still exact.
    expect(allocateMinor(MAX, [1])).toEqual([MAX]);
    expect(allocateMinor(-1, [MAX])).toEqual([-1]);
    expect(allocateMinor(1, [MAX - 1, 1])).toEqual([1, 0]);
    expect(allocateMinor(2 ** 30, [2 ** 22, 1])).toEqual(allocate({ amount: fromMinor(2 ** 30, 0), currency: 'JPY' }, [2 ** 22, 1]).map((m) => m.amount.toNumber()));
    expect(() => allocate({ amount: fromMinor(10, 2), currency: 'CNY' }, [1, -1])).toThrow(FunnelError);
  });
});

describe('fromMinor', () => {
  it('is units × 10^−digits, and plain 0 for zero', () => {
    expect(fromMinor(12345, 2).toString()).toBe('123.45');
    expect(fromMinor(-1, 3).toString()).toBe('-0.001');
    expect(fromMinor(7, 0).toString()).toBe('7');
    expect(Object.is(fromMinor(0, 2).toNumber(), 0)).toBe(true);
  });
});
