import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';

/**
 * Seeded pseudo-random numbers for the library's simulations (never `Math.random()`).
 *
 * The generator is mulberry32 (Tommy Ettinger, 2017): a 32-bit state advanced by the
 * Weyl increment 0x6D2B79F5 and mixed by two multiply–xorshift rounds. Its period is
 * 2³² and every 32-bit output appears exactly once per period; it passes gjrand and
 * PractRand up to a few GB — plenty for forecast simulations of 10⁸ draws, not for
 * cryptography. Same seed, same sequence, on every platform (only 32-bit integer ops).
 *
 * Hot loops call `mulberry32Next` / `mulberry32Output` directly (V8 inlines them);
 * `mulberry32(seed)` wraps the same two steps in a closure.
 */

/** Validates a seed (any safe integer, reduced modulo 2³²) and returns the initial 32-bit state. */
export function seedState(seed: number, name = 'seed'): number {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new FunnelError('invalid_option', { option: name, reason: because('must_be_safe_integer') });
  }
  return Number(BigInt.asUintN(32, BigInt(seed))) | 0;
}

/** Advances a mulberry32 state (a signed 32-bit integer) by the Weyl increment. */
export function mulberry32Next(state: number): number {
  return (state + 0x6d2b79f5) | 0;
}

/** The unsigned 32-bit output (0 … 2³² − 1) of an advanced mulberry32 state. */
export function mulberry32Output(state: number): number {
  let t = Math.imul(state ^ (state >>> 15), state | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

/**
 * A mulberry32 generator: each call returns the next unsigned 32-bit integer
 * (0 … 2³² − 1). Divide by `UINT32_RANGE` for a uniform number in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seedState(seed);
  return () => {
    state = mulberry32Next(state);
    return mulberry32Output(state);
  };
}

/** 2³²: the number of distinct outputs of a 32-bit generator. */
export const UINT32_RANGE = 4294967296;

/**
 * Monte Carlo draws of Σ aᵢ·Bᵢ with Bᵢ ~ Bernoulli(pᵢ) independent, from one mulberry32
 * stream seeded with `seed`: deal after deal in the given order, and for each deal one
 * 32-bit draw per trial, trial after trial (deal-major order: the loop over trials is
 * the inner one, which runs about 20 % faster than the other way round). Deal i wins a
 * trial when its draw u (0 … 2³² − 1) is below ⌊pᵢ·2³²⌋, so pᵢ is resolved to 2⁻³².
 * `amounts` are added as plain numbers (exact while every total stays below 2⁵³). The
 * generator is inlined here for speed; it is the same sequence as `mulberry32(seed)`
 * (a test checks it).
 *
 * `stop`, when given, is asked before each deal; when it answers true the simulation
 * ends there and the totals cover only the deals before (the caller knows, since it
 * answered).
 *
 * @returns The `trials` totals, in trial order (not sorted).
 */
export function sampleBernoulliSums(amounts: ArrayLike<number>, probabilities: ArrayLike<number>, trials: number, seed: number, stop?: () => boolean): Float64Array {
  const n = amounts.length;
  const totals = new Float64Array(trials);
  let s = seedState(seed);
  for (let i = 0; i < n; i++) {
    if (stop?.()) break;
    const amount = amounts[i] as number;
    // Signed threshold: u < ⌊p·2³²⌋  ⟺  (u − 2³¹) < (⌊p·2³²⌋ − 2³¹) as int32.
    const threshold = (Math.floor((probabilities[i] as number) * UINT32_RANGE) - 2147483648) | 0;
    for (let t = 0; t < trials; t++) {
      s = (s + 0x6d2b79f5) | 0;
      let z = Math.imul(s ^ (s >>> 15), s | 1);
      z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
      z = (z ^ (z >>> 14)) ^ -2147483648; // the output u, minus 2³¹, as int32
      if (z < threshold) totals[t] = (totals[t] as number) + amount;
    }
  }
  return totals;
}
