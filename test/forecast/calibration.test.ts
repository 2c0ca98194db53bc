import { describe, expect, it } from 'vitest';
import { Decimal, FunnelError, calibration } from '../../src/index.js';

function expectError(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FunnelError);
    expect((e as FunnelError).code).toBe(code);
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

  it('no forecasts: every figure null, empty buckets', () => {
    const c = calibration([], []);
    expect(c).toMatchObject({ count: 0, brier: null, reliability: null, resolution: null, uncertainty: null, skillScore: null, baseRate: null });
    expect(c.bins).toHaveLength(10);
  });

  it('refuses mismatched lengths, bad probabilities, outcomes and buckets', () => {
    expectError(() => calibration([0.5, 0.5], [1]), 'invalid_argument');
    expectError(() => calibration([1.5], [1]), 'invalid_argument');
    expectError(() => calibration([0.5], [2 as 1]), 'invalid_argument');
    expectError(() => calibration([0.5], [1], { bins: 0 }), 'invalid_option');
    expectError(() => calibration([0.5], [1], { bins: 2.5 }), 'invalid_option');
  });
});
