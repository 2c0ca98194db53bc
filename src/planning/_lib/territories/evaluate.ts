import type { Decimal } from '../../../money/decimal.js';
import type { TerritoryObjective } from '../../territoryTypes.js';
import { cmpFrac, decimalOf, pow10, type Frac } from './fraction.js';
import { bigAt, type ScaledProblem } from './scale.js';

/** Exact evaluation of plans (a plan gives each item its rep index). */
export interface Evaluator {
  /** The exact scaled load of each rep. */
  loads(rep: Int32Array): bigint[];
  /** The objective as an exact fraction: the largest relative load, or the spread. */
  objective(rep: Int32Array): Frac;
  /** The largest relative load and the spread, as Decimals. */
  extremes(rep: Int32Array): { readonly largest: Decimal; readonly spread: Decimal };
}

/** The reps with the largest and the smallest relative load (first by index on ties). */
function extremeReps(load: readonly bigint[], C: readonly bigint[]): { max: number; min: number } {
  let max = 0;
  let min = 0;
  for (let r = 1; r < C.length; r++) {
    const f = { num: load[r]!, den: C[r]! };
    // Stryker disable next-line EqualityOperator: equivalent as `>= 0`; a tied rep has the same relative load, and callers use only the fractions' values
    if (cmpFrac(f, { num: load[max]!, den: C[max]! }) > 0) max = r;
    // Stryker disable next-line EqualityOperator: equivalent as `<= 0`, as above
    if (cmpFrac(f, { num: load[min]!, den: C[min]! }) < 0) min = r;
  }
  return { max, min };
}

/**
 * Exact evaluation of plans, in integers: the heuristics work in doubles, but every
 * plan they return is judged here, exactly.
 */
export function evaluator(scaledProblem: ScaledProblem, objective: TerritoryObjective): Evaluator {
  const { C, fast, fixed, digits, capDigits, problem } = scaledProblem;
  const m = C.length;
  const { n, w } = problem;
  const loads = (rep: Int32Array): bigint[] => {
    // In doubles on the fast path (exact there), else in bigints (always exact: forcing this
    // branch changes nothing but speed, so a mutant doing so is equivalent).
    // Stryker disable next-line BlockStatement: equivalent; an empty fast path falls through to the bigint sums, which are exact
    if (fast) {
      const sums = new Float64Array(m);
      for (let i = 0; i < n; i++) sums[rep[i]!] = sums[rep[i]!]! + w[i]!;
      return fixed.map((f, r) => f + BigInt(sums[r]!));
    }
    const load = [...fixed];
    for (let i = 0; i < n; i++) load[rep[i]!] = load[rep[i]!]! + bigAt(scaledProblem, i);
    return load;
  };
  return {
    loads,
    objective(rep) {
      const load = loads(rep);
      const { max, min } = extremeReps(load, C);
      const cmax = C[max]!;
      if (objective === 'max_relative_load') return { num: load[max]!, den: cmax };
      const cmin = C[min]!;
      return { num: load[max]! * cmin - load[min]! * cmax, den: cmax * cmin };
    },
    extremes(rep) {
      const load = loads(rep);
      const { max, min } = extremeReps(load, C);
      const cM = C[max]!;
      const cm = C[min]!;
      const largest = decimalOf({ num: load[max]! * pow10(capDigits), den: cM * pow10(digits) });
      const spread = decimalOf({ num: (load[max]! * cm - load[min]! * cM) * pow10(capDigits), den: cM * cm * pow10(digits) });
      return { largest, spread };
    },
  };
}
