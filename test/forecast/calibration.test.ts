import { describe, expect, it } from 'vitest';
import { Decimal, FunnelError, calibration } from '../../src/index.js';

function expectError(fn: () => unknown, code: string, params?: Record<string, unknown>): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FunnelError);
    expect((e as FunnelError).code).toBe(code);
    if (params !== undefined) expect((e as FunnelError).params).toMatchObject(params);
    return;
  }
  throw new Error(`expected FunnelError ${code}`);
}

describe('calibration', () => {
  it('Brier score and Murphy decomposition by hand', () => {
    // forecasts 0.8, 0.8, 0.2, 0.2; outcomes won, lost, lost, lost
    const c = calibration([0.8, 0.8, 0.2, 0.2], [1, 0, 0, 0], { bins: 5 });
    // Brier = (0.2² + 0.8² + 0.2² + 0.2²) / 4 = (0.04 + 0.64 + 0.04 + 0.04) / 4 = 0.19
    expect(c.brier).toBeCloseTo(0.19, 15);
    // buckets [0.2, 0.4): p̄ = 0.2, ō = 0; [0.8, 1]: p̄ = 0.8, ō = 0.5
    // reliability = (2·(0.2 − 0)² + 2·(0.8 − 0.5)²) / 4 = (0.08 + 0.18) / 4 = 0.065
    expect(c.reliability).toBeCloseTo(0.065, 15);
    // base rate ō = 1/4; resolution = (2·(0 − ¼)² + 2·(½ − ¼)²) / 4 = 0.0625
    expect(c.resolution).toBeCloseTo(0.0625, 15);
    // uncertainty = ¼·¾ = 0.1875; 0.065 − 0.0625 + 0.1875 = 0.19
    expect(c.uncertainty).toBeCloseTo(0.1875, 15);
    expect(c.withinBinVariance).toBe(0);
    expect(c.withinBinCovariance).toBe(0);
    expect(c.baseRate).toBe(0.25);
    // skill = 1 − 0.19 / 0.1875 = −1/75
    expect(c.skillScore).toBeCloseTo(1 - 0.19 / 0.1875, 15);
    expect(c.count).toBe(4);
    expect(c.bins.map((b) => b.count)).toEqual([0, 2, 0, 0, 2]);
    expect(c.bins[1]).toEqual({ lower: 0.2, upper: 0.4, count: 2, meanPredicted: 0.2, observedFrequency: 0 });
    expect(c.bins[0]).toEqual({ lower: 0, upper: 0.2, count: 0, meanPredicted: null, observedFrequency: null });
    expect(c.bins[4]?.observedFrequency).toBe(0.5);
  });

  it('within-bucket terms complete the identity when forecasts in a bucket differ', () => {
    // one bucket [0, 1] holding 0.2 (lost) and 0.6 (won): p̄ = 0.4, ō = 0.5
    const c = calibration([0.2, '0.6'], [false, true], { bins: 1 });
    // Brier = (0.04 + 0.16) / 2 = 0.1; reliability = (0.4 − 0.5)² = 0.01; resolution = 0; uncertainty = 0.25
    // within-bucket variance = ((0.2 − 0.4)² + (0.6 − 0.4)²) / 2 = 0.04
    // within-bucket covariance = 2·((0 − 0.5)(0.2 − 0.4) + (1 − 0.5)(0.6 − 0.4)) / 2 = 0.2
    // 0.01 − 0 + 0.25 + 0.04 − 0.2 = 0.1
    expect(c.brier).toBeCloseTo(0.1, 15);
    expect(c.reliability).toBeCloseTo(0.01, 15);
    expect(c.resolution).toBeCloseTo(0, 15);
    expect(c.uncertainty).toBeCloseTo(0.25, 15);
    expect(c.withinBinVariance).toBeCloseTo(0.04, 15);
    expect(c.withinBinCovariance).toBeCloseTo(0.2, 15);
  });

  it('perfect and always-wrong forecasts', () => {
    expect(calibration([1, 0, 1], [1, 0, 1]).brier).toBe(0);
    expect(calibration([0, 1], [true, false]).brier).toBe(1);
    // all outcomes alike: uncertainty 0, no skill score
    const same = calibration([0.3, 0.4], [0, 0]);
    expect(same.uncertainty).toBe(0);
    expect(same.skillScore).toBeNull();
  });

  it('buckets: edges belong to the upper bucket, 1 to the last', () => {
    const c = calibration([0, 0.1, 0.29, 0.3, 0.7, 1], [0, 0, 0, 1, 1, 1], { bins: 10 });
    expect(c.bins.map((b) => b.count)).toEqual([1, 1, 1, 1, 0, 0, 0, 1, 0, 1]);
    const fine = calibration([0.29, new Decimal('0.57')], [0, 1], { bins: 100 });
    expect(fine.bins[29]?.count).toBe(1);
    expect(fine.bins[57]?.count).toBe(1);
  });

  it('a forecast of exactly 1 lands in the last bucket, and the table keeps `bins` rows', () => {
    // 1·4 = 4 = bins: clamped to bucket 3, [0.75, 1] (the last includes 1)
    const c = calibration([1, 1, 0.75, 0.7499], [1, 0, 1, 0], { bins: 4 });
    expect(c.bins).toHaveLength(4);
    expect(c.bins.map((b) => b.count)).toEqual([0, 0, 1, 3]);
    expect(c.bins[3]).toEqual({ lower: 0.75, upper: 1, count: 3, meanPredicted: (1 + 1 + 0.75) / 3, observedFrequency: 2 / 3 });
    expect(calibration([1], [true], { bins: 1 }).bins).toEqual([{ lower: 0, upper: 1, count: 1, meanPredicted: 1, observedFrequency: 1 }]);
  });

  it('a forecast just below an edge stays in the lower bucket even when x·bins rounds up to the edge', () => {
    // 0.8999999999999999 is the double just below 0.9; times 10 it rounds to exactly 9, so
    // ⌊x·10⌋ = 9, but x < 9/10: it belongs to [0.8, 0.9), bucket 8. 0.9 itself is bucket 9.
    expect(0.8999999999999999 * 10).toBe(9);
    const c = calibration([0.8999999999999999, 0.9], [0, 1], { bins: 10 });
    expect(c.bins[8]?.count).toBe(1);
    expect(c.bins[9]?.count).toBe(1);
    // Away from the last bucket too: 0.44999999999999996, the double below 0.45, times 20
    // rounds to 9, but it lies below 9/20: bucket 8 of 20, not 9.
    expect(0.44999999999999996 * 20).toBe(9);
    const twentieths = calibration([0.44999999999999996, 0.45], [0, 1], { bins: 20 });
    expect([twentieths.bins[8]?.count, twentieths.bins[9]?.count]).toEqual([1, 1]);
    // 5/6 = 0.8333333333333334; the double below it, times 6, rounds to 5: bucket 4 of 6.
    const sixth = calibration(['0.8333333333333333', 5 / 6], [0, 0], { bins: 6 });
    expect(sixth.bins.map((b) => b.count)).toEqual([0, 0, 0, 0, 1, 1]);
    // And the other way: 15/22 times 22 rounds down to 14.999999999999998, yet 15/22 is
    // bucket 15's lower edge, so it belongs there.
    expect((15 / 22) * 22).toBeLessThan(15);
    expect(calibration([15 / 22], [1], { bins: 22 }).bins[15]?.count).toBe(1);
  });

  it('bins: 1 and 10 000 accepted, 0 and 10 001 refused', () => {
    expect(calibration([0.5], [1], { bins: 1 }).bins).toHaveLength(1);
    const fine = calibration([0.12345], [1], { bins: 10_000 });
    expect(fine.bins).toHaveLength(10_000);
    expect(fine.bins[1234]?.count).toBe(1); // [0.1234, 0.1235)
    for (const bins of [0, 10_001, 2.5, '10']) {
      expectError(() => calibration([0.5], [1], { bins } as never), 'invalid_option', { option: 'bins' });
    }
  });

  it('refuses predictions or outcomes that are not arrays', () => {
    for (const [predictions, outcomes] of [
      ['0.5', [1]],
      [[0.5], '1'],
      [{ 0: 0.5, length: 1 }, [1]],
      [[0.5], { 0: 1, length: 1 }],
    ]) {
      expectError(() => calibration(predictions as never, outcomes as never), 'invalid_argument', { name: 'predictions', reason: { code: 'predictions_outcomes_arrays' } });
    }
  });

  it('no forecasts: every figure null, empty buckets', () => {
    const c = calibration([], []);
    expect(c).toMatchObject({ count: 0, brier: null, reliability: null, resolution: null, uncertainty: null, skillScore: null, baseRate: null });
    expect(c.bins).toHaveLength(10);
  });

  it('refuses mismatched lengths, bad probabilities, outcomes and buckets', () => {
    expectError(() => calibration([0.5, 0.5], [1]), 'invalid_argument', {
      name: 'outcomes',
      reason: { code: 'outcomes_count', params: { outcomes: '1', predictions: '2' } },
    });
    expectError(() => calibration([0.5, 1.5], [1, 1]), 'invalid_argument', { name: 'predictions[1]' });
    expectError(() => calibration([0.5, 0.5], [1, 2 as 1]), 'invalid_argument', { name: 'outcomes[1]', reason: { code: 'outcome_value' } });
    expectError(() => calibration([0.5], [1], { bins: 0 }), 'invalid_option', { option: 'bins' });
    expectError(() => calibration([0.5], [1], { bins: 2.5 }), 'invalid_option', { option: 'bins' });
  });
});
