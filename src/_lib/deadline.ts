import { numberOption } from './options.js';

/**
 * An optional wall-clock safety cap for long computations (the territory search of
 * `balanceTerritories`, the distribution of `forecastDistribution`).
 *
 * This is the ONLY place in the library that reads a clock. Computations are limited first
 * by deterministic work budgets (nodes, iterations, work steps), so that the same input
 * always gives the same output; a caller who also passes a time limit accepts that the
 * result may then depend on the speed of the machine. Without a time limit `expired()`
 * never reads the clock and always answers false.
 */
export interface Deadline {
  /** Whether the time limit has passed (always false without a limit). */
  expired(): boolean;
  /** Whether `expired()` has ever answered true. */
  readonly hit: boolean;
}

/** A deadline `timeLimitMs` from now, or one that never expires when the limit is undefined. */
export function deadlineAfter(timeLimitMs: number | undefined, option = 'timeLimitMs'): Deadline {
  if (timeLimitMs === undefined) return { expired: () => false, hit: false };
  const end = performance.now() + numberOption(timeLimitMs, option, { min: 0 });
  const state = {
    hit: false,
    expired(): boolean {
      if (state.hit) return true;
      if (performance.now() >= end) state.hit = true;
      return state.hit;
    },
  };
  return state;
}
