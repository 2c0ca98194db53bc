import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, Decimal, type FunnelError, money } from '../../src/index.js';
import { moneyArb } from '../../src/testing/index.js';
import { refusal } from './_fixtures.js';

const fixed = (ms: { amount: Decimal }[], d = 2) => ms.map((m) => m.amount.toFixed(d));

describe('allocate (golden)', () => {
  it('splits 100 CNY three ways: the extra fen goes to the first of equal weights', () => {
    expect(fixed(allocate(money('100', 'CNY'), [1, 1, 1]))).toEqual(['33.34', '33.33', '33.33']);
  });
  it('follows the weights: 1 000 000 at 70/20/10', () => {
    expect(fixed(allocate(money('1000000', 'CNY'), [70, 20, 10]))).toEqual(['700000.00', '200000.00', '100000.00']);
  });
  it('gives the remainder to the largest fractional parts: 0.05 CNY by 3:2', () => {
    // quotas 3 fen and 2 fen exactly
    expect(fixed(allocate(money('0.05', 'CNY'), [3, 2]))).toEqual(['0.03', '0.02']);
    // 10 fen by 1:1:1 → quotas 3.33 each → 4, 3, 3
    expect(fixed(allocate(money('0.10', 'CNY'), [1, 1, 1]))).toEqual(['0.04', '0.03', '0.03']);
  });
  it('breaks equal remainders by the larger weight, not by position', () => {
    // 1 fen by [1, 2, 1, 2] → quotas 1/6, 2/6, 1/6, 2/6 → the first weight 2 (index 1) gets it
    expect(fixed(allocate(money('0.01', 'CNY'), [1, 2, 1, 2]))).toEqual(['0.00', '0.01', '0.00', '0.00']);
  });
  it('respects the minor unit of the currency', () => {
    expect(fixed(allocate(money('10', 'JPY'), [1, 1, 1]), 0)).toEqual(['4', '3', '3']);
    expect(fixed(allocate(money('0.010', 'KWD'), [1, 1, 1]), 3)).toEqual(['0.004', '0.003', '0.003']);
  });
  it('zero weights get zero; negative totals are split like their absolute value', () => {
    expect(fixed(allocate(money('10', 'CNY'), [0, 1, 0]))).toEqual(['0.00', '10.00', '0.00']);
    expect(fixed(allocate(money('-100', 'CNY'), [1, 1, 1]))).toEqual(['-33.34', '-33.33', '-33.33']);
  });
  it('rejects bad weights and totals below the minor unit', () => {
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as FunnelError).code;
      }
      return undefined;
    };
    expect(codeOf(() => allocate(money('1', 'CNY'), []))).toBe('invalid_weights');
    expect(codeOf(() => allocate(money('1', 'CNY'), [1, -1]))).toBe('invalid_weights');
    expect(codeOf(() => allocate(money('1', 'CNY'), [0, 0]))).toBe('invalid_weights');
    expect(codeOf(() => allocate(money('1.001', 'CNY'), [1]))).toBe('invalid_amount');
  });
});

const weightsArb = fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 }).filter((ws) => ws.some((w) => w > 0));

describe('allocate (laws)', () => {
  it('the shares add up exactly to the total', () => {
    fc.assert(
      fc.property(moneyArb({ currencies: ['CNY', 'JPY', 'KWD'] }), weightsArb, (total, ws) => {
        const shares = allocate(total, ws);
        const s = shares.reduce((a, m) => a.plus(m.amount), new Decimal(0));
        expect(s.eq(total.amount)).toBe(true);
        expect(shares.every((m) => m.currency === total.currency)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('each share is within one minor unit of its exact quota, and zero weights get zero', () => {
    fc.assert(
      fc.property(moneyArb({ currencies: ['CNY', 'JPY'] }), weightsArb, (total, ws) => {
        const unit = new Decimal(10).pow(-(total.currency === 'JPY' ? 0 : 2));
        const wsum = ws.reduce((a, b) => a + b, 0);
        allocate(total, ws).forEach((m, i) => {
          const quota = total.amount.times(ws[i] as number).div(wsum);
          expect(m.amount.minus(quota).abs().lt(unit)).toBe(true);
          if (ws[i] === 0) expect(m.amount.isZero()).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('a weight receives the same share wherever it stands in the list', () => {
    fc.assert(
      fc.property(
        moneyArb(),
        weightsArb.chain((ws) => fc.tuple(fc.constant(ws), fc.shuffledSubarray(ws.map((_, i) => i), { minLength: ws.length, maxLength: ws.length }))),
        (total, [ws, perm]) => {
          const a = allocate(total, ws).map((m) => m.amount.toString());
          const b = allocate(total, perm.map((i) => ws[i] as number)).map((m) => m.amount.toString());
          // the multiset of (weight, share) pairs is the same
          const pairs = (weights: number[], shares: string[]) => weights.map((w, i) => `${w}:${shares[i]}`).sort();
          expect(pairs(perm.map((i) => ws[i] as number), b)).toEqual(pairs(ws, a));
          // and every distinct weight gets the same share in both orders
          perm.forEach((from, to) => {
            const w = ws[from] as number;
            if (ws.filter((x) => x === w).length === 1) expect(b[to]).toBe(a[from]);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('allocate is exact over the whole range', () => {
  const sumUnits = (ms: { amount: Decimal }[], digits: number) => ms.reduce((a, m) => a + BigInt(m.amount.toFixed(digits).replace('.', '')), 0n);

  it('a 40-digit total split three ways adds up to the last fen', () => {
    const total = { amount: new Decimal('1234567890123456789012345678901234567890.01'), currency: 'CNY' as const };
    const shares = allocate(total, [1, 1, 1]);
    expect(sumUnits(shares, 2)).toBe(123456789012345678901234567890123456789001n);
    // 123…9001 fen = 3 × 41152263004115226300411522630041152263000 + 1: the extra fen goes first
    expect(shares.map((m) => m.amount.toFixed(2))).toEqual([
      '411522630041152263004115226300411522630.01',
      '411522630041152263004115226300411522630.00',
      '411522630041152263004115226300411522630.00',
    ]);
  });

  it('the shares add up exactly for totals of up to 27 and weights of up to 34 digits', () => {
    const upTo = (digits: number) => fc.noBias(fc.integer({ min: 1, max: digits })).chain((n) => fc.bigInt({ min: 1n, max: 10n ** BigInt(n) - 1n }));
    // up to 14 digits before and 20 after the point
    const weight = fc.oneof(fc.constant('0'), upTo(34).map((x) => `${x / 10n ** 20n}.${(x % 10n ** 20n).toString().padStart(20, '0')}`));
    fc.assert(
      fc.property(upTo(25), fc.array(weight, { minLength: 1, maxLength: 6 }).filter((ws) => ws.some((w) => w !== '0')), (t, ws) => {
        const shares = allocate(money(`${t}.25`, 'CNY'), ws);
        expect(sumUnits(shares, 2)).toBe(BigInt(`${t}25`));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses totals beyond any sensible range instead of running out of memory', () => {
    expect(() => allocate({ amount: new Decimal('1e9000000000000'), currency: 'CNY' }, [1, 1])).toThrow(/out of range/);
    expect(() => money('1e9000000000000', 'CNY')).toThrow(/more than 25 digits before the decimal point/);
  });
});

describe('allocate refuses bad weights and totals, saying which and why', () => {
  it('an empty list, a negative weight (named by its index), all zeros', () => {
    expect(refusal(() => allocate(money('1', 'CNY'), []))).toEqual({ code: 'invalid_weights', reason: { code: 'list_empty' }, message: 'Invalid weights: the list is empty.' });
    expect(refusal(() => allocate(money('1', 'CNY'), [1, 2, -0.5]))).toEqual({
      code: 'invalid_weights',
      reason: { code: 'named_is_negative', params: { name: 'weights[2]' } },
      message: 'Invalid weights: weights[2] is negative.',
    });
    expect(refusal(() => allocate(money('1', 'CNY'), ['-1', 1]))).toMatchObject({ reason: { params: { name: 'weights[0]' } } });
    expect(refusal(() => allocate(money('1', 'CNY'), [0, 0]))).toEqual({ code: 'invalid_weights', reason: { code: 'all_weights_zero' }, message: 'Invalid weights: all weights are zero.' });
    // −0 is zero, not negative: the list is all zeros.
    expect(refusal(() => allocate(money('1', 'CNY'), ['-0', 0]))).toMatchObject({ reason: { code: 'all_weights_zero' } });
  });

  it('a negative zero weight gets zero like a zero weight', () => {
    // 1 CNY by [−0, 1]: quotas 0 and 100 fen.
    expect(fixed(allocate(money('1', 'CNY'), ['-0', 1]))).toEqual(['0.00', '1.00']);
  });

  it('a total below the minor unit, in the currency of the total', () => {
    expect(refusal(() => allocate(money('1.001', 'CNY'), [1]))).toEqual({
      code: 'invalid_amount',
      value: '1.001',
      reason: { code: 'total_not_in_minor_units', params: { currency: 'CNY' } },
      message: 'Invalid amount 1.001: the total must be in whole minor units of CNY; round it first.',
    });
    expect(refusal(() => allocate(money('10.5', 'JPY'), [1, 1]))).toMatchObject({ value: '10.5', reason: { params: { currency: 'JPY' } } });
    // 0.001 KWD is a whole fils.
    expect(fixed(allocate(money('0.001', 'KWD'), [1, 1]), 3)).toEqual(['0.001', '0.000']);
  });

  it('a weight outside the decimal limits is named by its index', () => {
    expect(refusal(() => allocate(money('1', 'CNY'), [1, '1e30']))).toMatchObject({
      code: 'invalid_amount',
      value: '1e30',
      reason: { code: 'too_many_integer_digits', params: { name: 'weights[1]', max: '25' } },
    });
    expect(refusal(() => allocate(money('1', 'CNY'), [Number.NaN]))).toMatchObject({ reason: { code: 'not_finite', params: { name: 'weights[0]' } } });
  });

  it('Decimals from 10⁻¹⁰⁰⁰ to below 10¹⁰⁰⁰ are split exactly; beyond, refused before any digit is expanded', () => {
    // 1 CNY by [10⁹⁹⁹, 1]: the second quota is 100/(10⁹⁹⁹ + 1) fen, far below one fen.
    expect(fixed(allocate(money('1', 'CNY'), [new Decimal('1e999'), 1]))).toEqual(['1.00', '0.00']);
    // 1 CNY by [10⁻¹⁰⁰⁰, 0]: one positive weight takes it all.
    expect(fixed(allocate(money('1', 'CNY'), [new Decimal('1e-1000'), 0]))).toEqual(['1.00', '0.00']);
    expect(refusal(() => allocate(money('1', 'CNY'), [1, new Decimal('1e1000')]))).toMatchObject({
      code: 'invalid_amount',
      value: '1.000e+1000',
      reason: { code: 'named_out_of_range', params: { name: 'weights[1]' } },
    });
    expect(refusal(() => allocate(money('1', 'CNY'), [new Decimal('1e-1001'), 1]))).toMatchObject({ value: '1.000e-1001', reason: { params: { name: 'weights[0]' } } });
    expect(refusal(() => allocate({ amount: new Decimal('-1e1000'), currency: 'CNY' }, [1]))).toMatchObject({
      value: '-1.000e+1000',
      reason: { code: 'named_out_of_range', params: { name: 'total' } },
    });
  });

  it('a zero written with a huge exponent is still zero, not out of range', () => {
    expect(fixed(allocate(money('0e5000', 'CNY'), [new Decimal('0e-5000'), 1]))).toEqual(['0.00', '0.00']);
  });

  it('a non-finite total is refused', () => {
    expect(refusal(() => allocate({ amount: new Decimal(Number.NaN), currency: 'CNY' }, [1]))).toMatchObject({ code: 'invalid_amount', value: 'NaN', reason: { code: 'not_finite' } });
  });
});

describe('allocate: which share gets the extra minor units (hand-computed)', () => {
  it('equal remainders and equal weights: the earlier index', () => {
    // 2 fen by [3, 1, 3, 1, 3]: Σw = 11, quotas 6/11, 2/11, 6/11, 2/11, 6/11 fen, all floors 0;
    // the two fen go to the largest remainders (6, weights 3) at indexes 0 and 2, not 4.
    expect(fixed(allocate(money('0.02', 'CNY'), [3, 1, 3, 1, 3]))).toEqual(['0.01', '0.00', '0.01', '0.00', '0.00']);
  });

  it('equal remainders: the larger weight before the earlier index', () => {
    // 5 fen by [2, 3, 0, 5]: quotas 1, 1.5, 0, 2.5 fen; floors 1 + 1 + 0 + 2 = 4; the remainders
    // of indexes 1 and 3 are equal (½), the fifth fen goes to the weight 5 (index 3).
    expect(fixed(allocate(money('0.05', 'CNY'), [2, 3, 0, 5]))).toEqual(['0.01', '0.01', '0.00', '0.03']);
  });

  it('the largest remainder first, wherever it stands', () => {
    // 10 fen by [1, 1, 2]: quotas 2.5, 2.5, 5 → floors 2, 2, 5 (9); remainders ½, ½, 0 → index 0.
    expect(fixed(allocate(money('0.10', 'CNY'), [1, 1, 2]))).toEqual(['0.03', '0.02', '0.05']);
    // 3 fen by [1, 5]: quotas 0.5, 2.5 → floors 0, 2; equal remainders ½: weight 5 wins.
    expect(fixed(allocate(money('0.03', 'CNY'), [1, 5]))).toEqual(['0.00', '0.03']);
    // 4 fen by [2, 1]: quotas 2⅔ and 1⅓ → floors 2, 1; remainder ⅔ beats ⅓: index 0.
    expect(fixed(allocate(money('0.04', 'CNY'), [2, 1]))).toEqual(['0.03', '0.01']);
    // 4 fen by [1, 2]: the same, mirrored.
    expect(fixed(allocate(money('0.04', 'CNY'), [1, 2]))).toEqual(['0.01', '0.03']);
  });

  it('fractional weights are scaled by their longest fraction', () => {
    // 3 yen by [0.5, 1] = [5, 10] tenths: quotas 1 and 2 yen.
    expect(fixed(allocate(money('3', 'JPY'), ['0.5', 1]), 0)).toEqual(['1', '2']);
    // 1 fen by [0.25, 0.75]: quotas 0.25 and 0.75 fen → the fen to index 1.
    expect(fixed(allocate(money('0.01', 'CNY'), ['0.25', '0.75']))).toEqual(['0.00', '0.01']);
  });

  it('a zero share is 0, never −0, also when the total is negative', () => {
    const shares = allocate(money('-0.01', 'CNY'), [1, 1]);
    expect(fixed(shares)).toEqual(['-0.01', '0.00']);
    expect(Object.is(shares[1]!.amount.toNumber(), 0)).toBe(true);
    expect(allocate(money('0', 'CNY'), [1, 2]).map((m) => Object.is(m.amount.toNumber(), 0))).toEqual([true, true]);
  });
});
