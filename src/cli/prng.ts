/**
 * Seeded random draws for the CLI's sample data. Same seed, same sequence, on every
 * machine. Never for anything secret.
 *
 * The generator is mulberry32 (Tommy Ettinger, 2017), the same one the library uses for
 * its simulations; the CLI keeps its own copy because it uses the library only through
 * its public entry point, and the sample must not change when the library's private
 * helpers move.
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

/** 2³²: the number of distinct outputs of a 32-bit generator. */
const UINT32_RANGE = 4_294_967_296;

/** A mulberry32 generator: each call returns the next unsigned 32-bit integer. */
function mulberry32(seed: number): () => number {
  let state = Number(BigInt.asUintN(32, BigInt(seed))) | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * Creates a seeded generator.
 *
 * @param seed - Any safe integer.
 * @returns The generator.
 * @throws `RangeError` when the seed is not a safe integer (a programming error in the CLI).
 *
 * @category CLI
 * @example
 * ```ts
 * const rng = createPrng(42);
 * rng.int(1, 6); // the same on every run
 * ```
 */
export function createPrng(seed: number): Prng {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${String(seed)}`);
  const draw = mulberry32(seed);
  const next = (): number => draw() / UINT32_RANGE;
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)]!;
    },
    weighted<T>(items: readonly (readonly [T, number])[]): T {
      const total = items.reduce((a, [, w]) => a + w, 0);
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      return items[items.length - 1]![0];
    },
    normal() {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}
