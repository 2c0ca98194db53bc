import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/index.js';
import { UINT32_RANGE, mulberry32, sampleBernoulliSums, seedState } from '../../src/_lib/random.js';

describe('seeded random numbers', () => {
  it('same seed, same sequence; another seed, another sequence', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = Array.from({ length: 100 }, () => a());
    expect(Array.from({ length: 100 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c())).not.toEqual(xs);
    for (const x of xs) expect(Number.isInteger(x) && x >= 0 && x < UINT32_RANGE).toBe(true);
  });

  it('seeds are safe integers, reduced modulo 2³²', () => {
    expect(seedState(2 ** 32 + 5)).toBe(seedState(5));
    expect(seedState(-1)).toBe(seedState(2 ** 32 - 1));
    expect(() => seedState(0.5)).toThrow(FunnelError);
    expect(() => seedState(Number.NaN)).toThrow(FunnelError);
  });

  it('uniform enough: 100 000 draws fill 10 buckets within 4 standard deviations', () => {
    // Each bucket count is Binomial(100 000, 0.1): sd = √(100 000·0.1·0.9) ≈ 94.9.
    const next = mulberry32(7);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[Math.floor((next() / UINT32_RANGE) * 10)]! += 1;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(4 * 94.9);
  });

  it('the inlined simulation uses exactly the mulberry32 stream', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ a: fc.integer({ min: 1, max: 1000 }), p: fc.double({ min: 0.001, max: 0.999, noNaN: true }) }), { minLength: 1, maxLength: 8 }),
        fc.integer(),
        (deals, seed) => {
          const totals = sampleBernoulliSums(deals.map((d) => d.a), deals.map((d) => d.p), 20, seed);
          // deal-major: deal 1 draws for trials 1…20, then deal 2, …
          const next = mulberry32(seed);
          const expected = new Array<number>(20).fill(0);
          for (const d of deals) for (let t = 0; t < 20; t++) if (next() < Math.floor(d.p * UINT32_RANGE)) expected[t]! += d.a;
          expect([...totals]).toEqual(expected);
        },
      ),
      { numRuns: 100 },
    );
  });
});
