import { describe, expect, it } from 'vitest';
import { allocateQuota, FunnelError, money } from '../../src/index.js';

const cny = (x: string | number) => money(x, 'CNY');
const amounts = (q: ReturnType<typeof allocateQuota>): string[] => q.shares.map((s) => s.quota.amount.toFixed(2));

describe('allocateQuota', () => {
  it('splits in proportion to weighted pipeline, exact to the fen', () => {
    // 1 000 000 over weights 1 : 1 : 1 = 333 333.333… each; the one extra fen goes to the
    // smallest id among equal remainders.
    const q = allocateQuota(cny('1000000'), [{ id: 'b', weight: 1 }, { id: 'a', weight: 1 }, { id: 'c', weight: 1 }]);
    expect(amounts(q)).toEqual(['333333.33', '333333.34', '333333.33']);
    expect(q.total.amount.toString()).toBe('1000000');
    expect(q.shares[0]?.exact.toFixed(6)).toBe('333333.333333');
  });

  it('applies regional factors (developed regions carry more quota)', () => {
    // Effective weights 600 000, 300 000 × 2 = 600 000, 100 000 × 1: total 1 300 000.
    // 1 300 000 is split 6 : 6 : 1 = 600 000, 600 000, 100 000.
    const q = allocateQuota(cny('1300000'), [
      { id: 'east', weight: '600000' },
      { id: 'shanghai', weight: '300000', factor: 2 },
      { id: 'west', weight: '100000' },
    ]);
    expect(amounts(q)).toEqual(['600000.00', '600000.00', '100000.00']);
    expect(q.shares[1]?.weight.toString()).toBe('600000');
  });

  it('water-fills around floors and caps', () => {
    // Weights 1, 1, 2 of 100: unlimited shares 25, 25, 50. c has a floor of 70, leaving
    // 30 for a and b (15 each); a is capped at 10, so b takes 20.
    const q = allocateQuota(cny('100'), [
      { id: 'a', weight: 1, cap: cny('10') },
      { id: 'b', weight: 1 },
      { id: 'c', weight: 2, floor: cny('70') },
    ]);
    expect(amounts(q)).toEqual(['10.00', '20.00', '70.00']);
    expect(q.shares.map((s) => s.limitedBy)).toEqual(['cap', null, 'floor']);
  });

  it('gives zero-weight recipients their floor and the rest by weight', () => {
    const q = allocateQuota(cny('100'), [{ id: 'new', weight: 0, floor: cny('30') }, { id: 'old', weight: 5 }, { id: 'idle', weight: 0 }]);
    expect(amounts(q)).toEqual(['30.00', '70.00', '0.00']);
    expect(q.shares.map((s) => s.limitedBy)).toEqual(['floor', null, null]);
  });

  it('rounds to a coarser step when asked (quotas in whole 万)', () => {
    // 1 000 000 over 1 : 1 : 1 in steps of 10 000: 340 000, 330 000, 330 000.
    const q = allocateQuota(cny('1000000'), [{ id: 'a', weight: 1 }, { id: 'b', weight: 1 }, { id: 'c', weight: 1 }], { step: '10000' });
    expect(amounts(q)).toEqual(['340000.00', '330000.00', '330000.00']);
  });

  it('works for currencies without minor units', () => {
    const q = allocateQuota(money('1000', 'JPY'), [{ id: 'a', weight: 2 }, { id: 'b', weight: 1 }]);
    expect(q.shares.map((s) => s.quota.amount.toString())).toEqual(['667', '333']);
  });

  it('accepts a target met exactly by the floors or by the caps', () => {
    expect(amounts(allocateQuota(cny('50'), [{ id: 'a', weight: 1, floor: cny('20') }, { id: 'b', weight: 3, floor: cny('30') }]))).toEqual(['20.00', '30.00']);
    expect(amounts(allocateQuota(cny('50'), [{ id: 'a', weight: 1, cap: cny('20') }, { id: 'b', weight: 3, cap: cny('30') }]))).toEqual(['20.00', '30.00']);
  });

  it('does not mutate its arguments', () => {
    const weights = [{ id: 'a', weight: '2', floor: cny('1') }, { id: 'b', weight: 1, cap: cny('80') }];
    const before = JSON.stringify(weights);
    allocateQuota(cny('100'), weights);
    expect(JSON.stringify(weights)).toBe(before);
  });

  it('refuses impossible or malformed input with FunnelError codes', () => {
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return e instanceof FunnelError ? e.code : 'other';
      }
      return undefined;
    };
    expect(code(() => allocateQuota(cny('10'), []))).toBe('invalid_weights');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: -1 }]))).toBe('invalid_weights');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1, factor: -1 }]))).toBe('invalid_weights');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 0 }]))).toBe('invalid_weights');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1 }, { id: 'a', weight: 1 }]))).toBe('invalid_argument');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1, floor: cny('6') }, { id: 'b', weight: 1, floor: cny('6') }]))).toBe('invalid_argument');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1, cap: cny('4') }, { id: 'b', weight: 1, cap: cny('4') }]))).toBe('invalid_argument');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1, floor: cny('5'), cap: cny('4') }]))).toBe('invalid_argument');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 0, floor: cny('4') }]))).toBe('invalid_argument');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1, cap: money('4', 'USD') }]))).toBe('currency_mismatch');
    expect(code(() => allocateQuota(cny('10.001'), [{ id: 'a', weight: 1 }]))).toBe('invalid_amount');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1 }], { step: '3' }))).toBe('invalid_amount');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1 }], { step: '0.001' }))).toBe('invalid_option');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1 }], { step: 0 }))).toBe('invalid_option');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1 }], { step: 'ten' }))).toBe('invalid_option');
    expect(code(() => allocateQuota(cny('-10'), [{ id: 'a', weight: 1 }]))).toBe('invalid_amount');
  });

  it('names the bad argument, never a TypeError: a weights value that is not a list, a weight that is not an object, limits and target that are not Money, options that are not an object', () => {
    const fault = (f: () => unknown): [string, string | undefined] => {
      try {
        f();
      } catch (e) {
        if (!(e instanceof FunnelError)) throw e;
        return [e.code, (e.params as { name?: string; option?: string }).name ?? (e.params as { option?: string }).option];
      }
      throw new Error('expected a FunnelError');
    };
    const one = [{ id: 'a', weight: 1 }];
    expect(fault(() => allocateQuota(cny('10'), 5 as never))).toEqual(['invalid_argument', 'weights']);
    expect(fault(() => allocateQuota(cny('10'), new Set(one) as never))).toEqual(['invalid_argument', 'weights']);
    expect(fault(() => allocateQuota(cny('10'), [])).at(0)).toBe('invalid_weights');
    expect(fault(() => allocateQuota(cny('10'), [...one, null as never]))).toEqual(['invalid_argument', 'weights[1]']);
    expect(fault(() => allocateQuota(cny('10'), ['a' as never]))).toEqual(['invalid_argument', 'weights[0]']);
    expect(fault(() => allocateQuota(null as never, one))).toEqual(['invalid_argument', 'target']);
    expect(fault(() => allocateQuota(10 as never, one))).toEqual(['invalid_argument', 'target']);
    expect(fault(() => allocateQuota({ amount: '10' } as never, one))).toEqual(['invalid_argument', 'target']);
    expect(fault(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1, floor: 5 as never }]))).toEqual(['invalid_argument', 'weights[0].floor']);
    expect(fault(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1, cap: { currency: 'CNY' } as never }]))).toEqual(['invalid_argument', 'weights[0].cap']);
    expect(fault(() => allocateQuota(cny('10'), one, null as never))).toEqual(['invalid_option', 'options']);
    expect(fault(() => allocateQuota(cny('10'), one, 'step' as never))).toEqual(['invalid_option', 'options']);
    // The checks do not get in the way of the ordinary call: 10 to one recipient.
    expect(amounts(allocateQuota(cny('10'), one))).toEqual(['10.00']);
  });
});

