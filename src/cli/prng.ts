import { mulberry32, UINT32_RANGE } from '../_lib/random.js';

/**
 * Seeded random draws for the CLI's sample data, on top of the library's mulberry32
 * generator. Same seed, same sequence, on every machine. Never for anything secret.
 */
export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** A whole number in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** One element of a non-empty list, chosen with the given non-negative weights. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** A standard normal variate (Box–Muller). */
  normal(): number;
}

/**
 * Creates a seeded generator.
 *
 * @param seed - Any safe integer.
 * @returns The generator.
 * @throws `FunnelError` `invalid_option` when the seed is not a safe integer.
 *
 * @example
 * ```ts
 * const rng = createPrng(42);
 * rng.int(1, 6); // the same on every run
 * ```
 */
export function createPrng(seed: number): Prng {
  const draw = mulberry32(seed);
  const next = (): number => draw() / UINT32_RANGE;
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted<T>(items: readonly (readonly [T, number])[]): T {
      const total = items.reduce((a, [, w]) => a + w, 0);
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      return (items[items.length - 1] as readonly [T, number])[0];
    },
    normal() {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}
