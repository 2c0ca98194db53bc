import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aalenJohansen, binTime, kaplanMeier, quantileOfCounts, SURVIVAL_TOLERANCE } from '../../../src/analytics/_lib/survival.js';
import { quantileSorted, tallyRows as rowsOf } from './_reference.js';

// Freireich et al. (1963), "The effect of 6-mercaptopurine on the duration of
// steroid-induced remissions in acute leukemia", Blood 21:699–716: remission times in
// weeks of the 21 patients on 6-MP (* = censored, here `null`):
// 6,6,6,6*,7,9*,10,10*,11*,13,16,17*,19*,20*,22,23,25*,32*,32*,34*,35*.
// Its Kaplan–Meier estimate with Greenwood standard errors is the textbook example of
// Klein & Moeschberger, "Survival Analysis" (2nd ed., 2003), §4.2, Table 4.1A, and is
// listed by Stata's `sts list` in G. Rodríguez's notes (data.princeton.edu/pop509/gehan.html).
const SIX_MP: ReadonlyArray<readonly [number, number | null]> = [
  [6, 0], [6, 0], [6, 0], [6, null], [7, 0], [9, null], [10, 0], [10, null], [11, null], [13, 0], [16, 0],
  [17, null], [19, null], [20, null], [22, 0], [23, 0], [25, null], [32, null], [32, null], [34, null], [35, null],
];

describe('kaplanMeier', () => {
  it('reproduces the published 6-MP estimate, Greenwood SEs and median (23 weeks)', () => {
    const km = kaplanMeier(rowsOf(SIX_MP));
    const at = (t: number) => km.steps.find((s) => s.time === t)!;
    // t, n, d, S (3 d.p.), SE (3 d.p.) as published:
    // S(6) = 1 − 3/21 = 0.857; SE = 0.857·√(3/(21·18)) = 0.076
    // S(7) = 0.857·(1 − 1/17) = 0.807; SE = 0.807·√(3/378 + 1/(17·16)) = 0.087
    // S(10) = 0.807·14/15 = 0.753 (0.096); S(13) = 0.753·11/12 = 0.690 (0.107)
    // S(16) = 0.690·10/11 = 0.627 (0.114); S(22) = 0.627·6/7 = 0.538 (0.128)
    // S(23) = 0.538·5/6 = 0.448 (0.135) — the first value ≤ 0.5, so the median is 23.
    const published: Array<[number, number, number, number, number]> = [
      [6, 21, 3, 0.857, 0.076],
      [7, 17, 1, 0.807, 0.087],
      [10, 15, 1, 0.753, 0.096],
      [13, 12, 1, 0.69, 0.107],
      [16, 11, 1, 0.627, 0.114],
      [22, 7, 1, 0.538, 0.128],
      [23, 6, 1, 0.448, 0.135],
    ];
    for (const [t, n, d, s, se] of published) {
      const step = at(t);
      expect(step.atRisk).toBe(n);
      expect(step.events).toBe(d);
      expect(step.survival).toBeCloseTo(s, 3);
      expect(step.standardError!).toBeCloseTo(se, 3);
    }
    // Exact values: S(6) = 18/21, S(7) = 18/21 · 16/17.
    expect(at(6).survival).toBeCloseTo(18 / 21, 14);
    expect(at(7).survival).toBeCloseTo((18 / 21) * (16 / 17), 14);
    expect(km.median).toBe(23);
    // Censoring-only times keep S and count as at risk: at 9, n = 16 (21 − 4 − 1).
    expect(at(9)).toMatchObject({ atRisk: 16, events: 0, censored: 1 });
    expect(at(9).survival).toBe(at(7).survival);
    // One step per distinct time: 6 7 9 10 11 13 16 17 19 20 22 23 25 32 34 35.
    expect(km.steps.map((s) => s.time)).toEqual([6, 7, 9, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 34, 35]);
    expect(km.steps[km.steps.length - 1]!.survival).toBeCloseTo(0.448, 3);
  });

  it('finds the median where Ŝ is exactly ½ although the floating product is a hair above (24 uncensored stays)', () => {
    // Ŝ(12) = (23/24)(22/23)…(12/13) = 12/24 = ½ exactly; in floating point 0.5000000000000001.
    const km = kaplanMeier(rowsOf(Array.from({ length: 24 }, (_, i) => [i + 1, 0] as const)));
    expect(km.steps[11]!.survival).toBeGreaterThan(0.5); // the rounding the tolerance absorbs
    expect(km.steps[11]!.survival - 0.5).toBeLessThan(SURVIVAL_TOLERANCE);
    expect(km.median).toBe(12); // R's survival prints 12.5 (the midpoint of the flat at ½); without the tolerance: 13
    // Even n from 2 to 200, none censored: the median is always n / 2.
    for (let n = 2; n <= 200; n += 2) {
      expect(kaplanMeier(rowsOf(Array.from({ length: n }, (_, i) => [i + 1, 0] as const))).median).toBe(n / 2);
    }
    // A curve that stays clearly above ½ has no median: 3 stays, one event (Ŝ = 2/3).
    expect(kaplanMeier(rowsOf([[1, 0], [2, null], [3, null]])).median).toBeNull();
  });

  it('counts a censoring tied with an event as still at risk (events first)', () => {
    // Times 1, 2, 2*, 3: at t = 2, n = 3 (the censored stay included), so S(2) = 3/4 · 2/3 = 1/2.
    const km = kaplanMeier(rowsOf([[1, 0], [2, 0], [2, null], [3, 0]]));
    expect(km.steps.map((s) => [s.time, s.atRisk, s.events, s.censored])).toEqual([
      [1, 4, 1, 0],
      [2, 3, 1, 1],
      [3, 1, 1, 0],
    ]);
    expect(km.steps[1]!.survival).toBeCloseTo(0.5, 15);
    expect(km.median).toBe(2); // S(2) = 0.5 ≤ 0.5: the smallest such time
    // The last stay has its event with n = d = 1: S = 0, the SE does not exist.
    expect(km.steps[2]).toMatchObject({ survival: 0, standardError: null });
  });

  it('gives an empty curve and a null median without data, and S = 1 with censorings only', () => {
    expect(kaplanMeier([])).toEqual({ steps: [], median: null });
    const km = kaplanMeier(rowsOf([[3, null], [5, null]]));
    expect(km.median).toBeNull();
    expect(km.steps.map((s) => [s.survival, s.standardError])).toEqual([
      [1, 0],
      [1, 0],
    ]);
  });

  it('is a step function in [0, 1], non-increasing, with finite or null SEs, for any data', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.boolean()), { maxLength: 60 }), (obs) => {
        const km = kaplanMeier(rowsOf(obs.map(([t, e]) => [t, e ? 0 : null] as const)));
        let prev = 1;
        let atRisk = obs.length;
        for (const s of km.steps) {
          expect(s.survival).toBeGreaterThanOrEqual(0);
          expect(s.survival).toBeLessThanOrEqual(prev);
          expect(s.atRisk).toBe(atRisk);
          atRisk -= s.events + s.censored;
          if (s.standardError === null) expect(s.survival).toBe(0);
          else expect(Number.isFinite(s.standardError) && s.standardError >= 0).toBe(true);
          prev = s.survival;
        }
        expect(atRisk).toBe(0);
        // Without censoring, KM is the empirical survival function: S(t) = #(T > t) / N.
        if (obs.every(([, e]) => e)) {
          for (const s of km.steps) expect(s.survival).toBeCloseTo(obs.filter(([t]) => t > s.time).length / obs.length, 12);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('aalenJohansen', () => {
  it('matches a hand-worked example with two competing causes and censoring', () => {
    // Eight deals, cause 0 = won, 1 = lost, null = still open (censored):
    // 2 won · 3 lost · 3* · 5 won · 5 lost · 6* · 8 won · 9*
    //
    //  t  n  won lost cens  Ŝ(t−)  CIF_won                 CIF_lost               Ŝ(t)
    //  2  8   1    0    0   1      1·1/8 = 0.125           0                      7/8 = 0.875
    //  3  7   0    1    1   0.875  0.125                   0.875·1/7 = 0.125      0.875·6/7 = 0.75
    //  5  5   1    1    0   0.75   0.125 + 0.75/5 = 0.275  0.125 + 0.75/5 = 0.275 0.75·3/5 = 0.45
    //  6  3   0    0    1   0.45   0.275                   0.275                  0.45
    //  8  2   1    0    0   0.45   0.275 + 0.45/2 = 0.5    0.275                  0.45·1/2 = 0.225
    //  9  1   0    0    1   0.225  0.5                     0.275                  0.225
    //
    // Check at t = 9: 0.5 + 0.275 + 0.225 = 1. (The naive won ÷ closed is 3/5 = 0.6; and
    // 1 − KM with losses censored would give 1 − 7/8·4/5·1/2 = 0.65 won by day 8 — both
    // above the 0.5 that accounts for deals lost before they could be won.)
    const steps = aalenJohansen(
      rowsOf([[2, 0], [3, 1], [3, null], [5, 0], [5, 1], [6, null], [8, 0], [9, null]], 2),
      2,
    );
    const table = steps.map((s) => [s.time, s.atRisk, s.events[0], s.events[1], s.censored]);
    expect(table).toEqual([
      [2, 8, 1, 0, 0],
      [3, 7, 0, 1, 1],
      [5, 5, 1, 1, 0],
      [6, 3, 0, 0, 1],
      [8, 2, 1, 0, 0],
      [9, 1, 0, 0, 1],
    ]);
    const expected = [
      [0.125, 0, 0.875],
      [0.125, 0.125, 0.75],
      [0.275, 0.275, 0.45],
      [0.275, 0.275, 0.45],
      [0.5, 0.275, 0.225],
      [0.5, 0.275, 0.225],
    ];
    steps.forEach((s, i) => {
      const [w, l, surv] = expected[i]!;
      expect(s.incidence[0]).toBeCloseTo(w!, 14);
      expect(s.incidence[1]).toBeCloseTo(l!, 14);
      expect(s.survival).toBeCloseTo(surv!, 14);
    });
  });

  it('keeps CIF_1 + … + CIF_k + S = 1, CIFs non-decreasing, S equal to the all-cause KM', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.option(fc.integer({ min: 0, max: 2 }), { nil: null })), { maxLength: 60 }),
        (obs) => {
          const rows = rowsOf(obs, 3);
          const steps = aalenJohansen(rows, 3);
          const km = kaplanMeier(rows);
          let prev = [0, 0, 0];
          steps.forEach((s, i) => {
            const total = s.incidence.reduce((a, b) => a + b, 0) + s.survival;
            expect(Math.abs(total - 1)).toBeLessThan(1e-12);
            s.incidence.forEach((c, k) => expect(c).toBeGreaterThanOrEqual(prev[k]! - 1e-15));
            expect(s.survival).toBeCloseTo(km.steps[i]!.survival, 14);
            prev = [...s.incidence];
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reduces to 1 − KM with a single cause, and to an empty curve without data', () => {
    const rows = rowsOf(SIX_MP);
    const km = kaplanMeier(rows);
    aalenJohansen(rows, 1).forEach((s, i) => expect(s.incidence[0]).toBeCloseTo(1 - km.steps[i]!.survival, 14));
    expect(aalenJohansen([], 2)).toEqual([]);
  });
});

describe('quantileOfCounts', () => {
  it('is the type-7 quantile of the expanded multiset (golden and against quantileSorted)', () => {
    // Values 1, 2, 2, 10: h = 3·0.5 = 1.5 → 2 + 0.5·(2 − 2) = 2; p90: h = 2.7 → 2 + 0.7·8 = 7.6.
    const rows = [
      { value: 1, count: 1 },
      { value: 2, count: 2 },
      { value: 10, count: 1 },
    ];
    expect(quantileOfCounts(rows, 0.5)).toBe(2);
    expect(quantileOfCounts(rows, 0.9)).toBeCloseTo(7.6, 14);
    // The ends: the smallest and the largest value (at p = 1 there is no next rank).
    expect(quantileOfCounts(rows, 0)).toBe(1);
    expect(quantileOfCounts(rows, 1)).toBe(10);
    expect(quantileOfCounts([{ value: 4, count: 3 }], 1)).toBe(4);
    expect(quantileOfCounts([], 0.5)).toBeNull();
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { maxLength: 20 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 20, maxLength: 20 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, counts, p) => {
          const sorted = [...values].sort((a, b) => a - b);
          const table = sorted.map((value, i) => ({ value, count: counts[i]! }));
          const expanded = table.flatMap((r) => Array.from({ length: r.count }, () => r.value));
          const q = quantileOfCounts(table, p);
          const ref = quantileSorted(expanded, p);
          if (ref === null) expect(q).toBeNull();
          else expect(q!).toBeCloseTo(ref, 9);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('binTime', () => {
  it('rounds up to the next multiple of the resolution and keeps grid points', () => {
    expect(binTime(2.3, 1)).toBe(3);
    expect(binTime(3, 1)).toBe(3);
    expect(binTime(0, 1)).toBe(0);
    expect(binTime(0.0001, 1)).toBe(1);
    expect(binTime(0.3, 0.1)).toBeCloseTo(0.3, 12); // 0.3/0.1 = 2.9999999999999996 → bin 3
    expect(binTime(10, 7)).toBe(14);
    expect(binTime(2.3, undefined)).toBe(2.3);
  });
});
