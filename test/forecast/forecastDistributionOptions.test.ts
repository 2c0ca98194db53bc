import { describe, expect, it } from 'vitest';
import { FunnelError, forecastDistribution, money, type ForecastDeal } from '../../src/index.js';

const wan = (n: number) => money(String(n * 10_000), 'CNY');
const five = (): ForecastDeal[] => ['0.5', '0.3', '0.7', '0.3', '0.9'].map((p) => ({ amount: wan(100), probability: p }));

/** The FunnelError `fn` throws (the test fails when it throws nothing or something else). */
function thrown(fn: () => unknown): FunnelError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FunnelError);
    return e as FunnelError;
  }
  throw new Error('expected a FunnelError');
}

describe('forecastDistribution options: the edges of each range', () => {
  it('quantile levels: 0 and 1 are accepted, −0.1, 1.1, NaN, "0.5" and a non-array refused', () => {
    // 0 gives the least possible revenue (0 wins), 1 the most (5 wins).
    const d = forecastDistribution(five(), { quantiles: [0, 1] });
    expect(d.quantiles.map((q) => [q.level, q.amount.toNumber()])).toEqual([
      [0, 0],
      [1, 5_000_000],
    ]);
    for (const quantiles of [[-0.1], [0.5, 1.1], [Number.NaN], ['0.5'], [null]]) {
      const e = thrown(() => forecastDistribution(five(), { quantiles } as never));
      expect(e.code).toBe('invalid_option');
      expect(e.params).toMatchObject({ option: 'quantiles' });
    }
    for (const quantiles of [0.5, '0.5', { 0: 0.5, length: 1 }]) {
      const e = thrown(() => forecastDistribution(five(), { quantiles } as never));
      expect(e.code).toBe('invalid_option');
      expect(e.params).toMatchObject({ option: 'quantiles', reason: { code: 'quantile_levels' } });
    }
  });

  it('quantile(q): q in [0, 1] as a number; −0.1, 1.1, NaN and "0.5" refused', () => {
    const d = forecastDistribution(five());
    expect(d.quantile(0).toNumber()).toBe(0);
    expect(d.quantile(1).toNumber()).toBe(5_000_000);
    for (const q of [-0.1, 1.1, Number.NaN, '0.5', null]) {
      const e = thrown(() => d.quantile(q as never));
      expect(e.code).toBe('invalid_argument');
      expect(e.params).toMatchObject({ name: 'q' });
    }
  });

  it('maxStates: 16 and 2²⁷ accepted, 15 and 2²⁷ + 1 refused', () => {
    // The golden book needs 6 cells of 100 万, so both ends give the exact answer (and the
    // exact method allocates no more cells than the book can use).
    for (const maxStates of [16, 2 ** 27]) {
      const d = forecastDistribution(five(), { maxStates });
      expect(d.exact).toBe(true);
      expect(d.p50.toNumber()).toBe(3_000_000);
    }
    for (const maxStates of [15, 2 ** 27 + 1, 16.5, '64']) {
      const e = thrown(() => forecastDistribution(five(), { maxStates } as never));
      expect(e.code).toBe('invalid_option');
      expect(e.params).toMatchObject({ option: 'maxStates' });
    }
  });

  it('trials: 2 and 10⁷ accepted, 1 and 10⁷ + 1 refused', () => {
    const two = forecastDistribution(five(), { method: 'monteCarlo', trials: 2 });
    expect(two.trials).toBe(2);
    // 10⁷ is checked whatever the method; the normal method draws nothing.
    expect(forecastDistribution(five(), { method: 'normal', trials: 10_000_000 }).method).toBe('normal');
    for (const trials of [1, 10_000_001, 2.5, '100']) {
      const e = thrown(() => forecastDistribution(five(), { method: 'monteCarlo', trials } as never));
      expect(e.code).toBe('invalid_option');
      expect(e.params).toMatchObject({ option: 'trials' });
    }
  });

  it("onLimit: 'grid' and 'throw' accepted, anything else refused", () => {
    expect(forecastDistribution(five(), { onLimit: 'grid' }).exact).toBe(true);
    expect(forecastDistribution(five(), { onLimit: 'throw' }).exact).toBe(true);
    for (const onLimit of ['', 'Grid', 'round', 1]) {
      const e = thrown(() => forecastDistribution(five(), { onLimit } as never));
      expect(e.code).toBe('invalid_option');
      expect(e.params).toMatchObject({ option: 'onLimit' });
    }
  });
});

describe('forecastDistribution: deals that are not objects', () => {
  it('a number, a string, a boolean or undefined in place of a deal is refused with its index', () => {
    for (const bad of [5, 'deal', true, undefined, null]) {
      const e = thrown(() => forecastDistribution([{ amount: '1', probability: '0.5' }, bad as never]));
      expect(e.code).toBe('invalid_argument');
      expect(e.params).toMatchObject({ name: 'deals[1]', reason: { code: 'deal_shape' } });
    }
  });
});

describe('forecastDistribution: the currency field', () => {
  it('is absent, not undefined, when no currency is known, for every method', () => {
    for (const method of ['exact', 'normal', 'monteCarlo'] as const) {
      const plain = forecastDistribution([{ amount: '100', probability: '0.5' }], { method });
      expect('currency' in plain).toBe(false);
      expect(Object.keys(plain)).not.toContain('currency');
      const cny = forecastDistribution([{ amount: '100', probability: '0.5' }], { method, currency: 'CNY' });
      expect(cny.currency).toBe('CNY');
    }
  });

  it('without a currency, money of any currency may be asked about; with one, only money in it', () => {
    // One deal of 100 at ½: P(revenue ≥ 50) = ½.
    const plain = forecastDistribution([{ amount: '100', probability: '0.5' }]);
    expect(plain.probabilityAtLeast(money('50', 'USD'))).toBe(0.5);
    const cny = forecastDistribution([{ amount: '100', probability: '0.5' }], { currency: 'CNY' });
    expect(cny.probabilityAtLeast(money('50', 'CNY'))).toBe(0.5);
    const e = thrown(() => cny.probabilityAtLeast(money('50', 'USD')));
    expect(e.code).toBe('currency_mismatch');
    expect(e.params).toMatchObject({ left: 'CNY', right: 'USD' });
  });
});

describe('forecastDistribution: what a refused deal names', () => {
  const ok = { amount: '1', probability: '0.5' };
  const refusal = (bad: unknown, options = {}) => {
    const e = thrown(() => forecastDistribution([ok, bad as ForecastDeal], options));
    return [e.code, e.params];
  };

  it('the field of the deal at its index: a money amount, a plain amount, a negative one, a probability', () => {
    const notDecimal = (name: string) => ['invalid_amount', expect.objectContaining({ value: 'x', reason: expect.objectContaining({ code: 'not_a_decimal', params: { name } }) })];
    expect(refusal({ amount: { amount: 'x', currency: 'CNY' }, probability: '0.5' })).toEqual(notDecimal('deals[1].amount'));
    expect(refusal({ amount: 'x', probability: '0.5' })).toEqual(notDecimal('deals[1].amount'));
    expect(refusal({ amount: '-1', probability: '0.5' })).toEqual(['invalid_argument', expect.objectContaining({ name: 'deals[1].amount', reason: expect.objectContaining({ code: 'must_not_be_negative' }) })]);
    expect(refusal({ amount: '1', probability: '2' })).toEqual(['invalid_argument', expect.objectContaining({ name: 'deals[1].probability', reason: expect.objectContaining({ code: 'ratio_outside_unit' }) })]);
  });

  it('both currencies when money of another currency comes without rates', () => {
    expect(refusal({ amount: money('1', 'USD'), probability: '0.5' }, { currency: 'CNY' })).toEqual(['currency_mismatch', { left: 'CNY', right: 'USD' }]);
  });

  it('the unit of the total that reached 2⁵³ (an amount to the thousandth: units of 0.001)', () => {
    const e = thrown(() => forecastDistribution([{ amount: '9007199254740.992', probability: '0.5' }]));
    expect([e.code, e.params]).toEqual(['limit_exceeded', { what: expect.objectContaining({ code: 'total_in_units', params: { unit: '0.001' } }), limit: Number.MAX_SAFE_INTEGER }]);
  });
});

describe('forecastDistribution: a deal with probability 0', () => {
  it('is not in the range (its amount is never won) and costs the exact method no step', () => {
    const d = forecastDistribution([{ amount: '100', probability: '0' }, { amount: '50', probability: '0.5' }]);
    expect([String(d.minimum), String(d.maximum)]).toEqual(['0', '50']);
    // One uncertain deal of one cell: the live sums 0 and 50, two steps.
    expect(d.budget.work).toBe(2);
  });
});
