// Small balancing problems for the solver's tests (territorySearch.test.ts and
// exactSearch.test.ts): a problem as scaleProblem builds one, the exact optimum by brute
// force, and random small problems.
import fc from 'fast-check';
import type { Deadline } from '../../../src/_lib/deadline.js';
import { type BalanceProblem, countMoves, loadsOf } from '../../../src/planning/_lib/territorySearch.js';

export interface Spec {
  /** Item weights, non-increasing. */
  readonly w: readonly number[];
  readonly cap?: readonly number[];
  readonly fixed?: readonly number[];
  readonly owner?: readonly number[];
  readonly split?: readonly number[];
  readonly work?: readonly number[];
  readonly maxMoves?: number;
  readonly goal?: 'max' | 'spread';
  readonly large?: boolean;
}

/** A problem as scaleProblem builds one (classes: runs of equal weight, by owner or split unit under a move budget). */
export function problem(spec: Spec): BalanceProblem {
  const n = spec.w.length;
  const cap = spec.cap ?? [1, 1];
  const m = cap.length;
  const fixed = spec.fixed ?? cap.map(() => 0);
  const owner = spec.owner ?? spec.w.map(() => -1);
  const split = spec.split ?? spec.w.map(() => -1);
  const maxMoves = spec.maxMoves ?? Number.POSITIVE_INFINITY;
  const limited = Number.isFinite(maxMoves);
  const cls = new Int32Array(n);
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = `${spec.w[i]}|${limited ? (split[i]! >= 0 ? `s${split[i]}` : `o${owner[i]}`) : ''}`;
    if (!seen.has(key)) seen.set(key, seen.size);
    cls[i] = seen.get(key)!;
  }
  // Units: each item its own unit, except pieces of one split unit.
  const unit = Int32Array.from(spec.w, (_, i) => (split[i]! >= 0 ? 1000 + split[i]! : i));
  return {
    m,
    cap: Float64Array.from(cap),
    fixed: Float64Array.from(fixed),
    fixedWork: new Float64Array(m),
    pinned: Uint8Array.from(fixed, (f) => (f > 0 ? 1 : 0)),
    n,
    w: Float64Array.from(spec.w),
    work: Float64Array.from(spec.work ?? spec.w.map(() => 0)),
    owner: Int32Array.from(owner),
    split: Int32Array.from(split),
    splitCount: split.reduce((a, s) => Math.max(a, s + 1), 0),
    unit,
    cls,
    maxMoves,
    goal: spec.goal ?? 'max',
    large: spec.large ?? false,
  };
}

export const never: Deadline = { expired: () => false, hit: false };
export const always: Deadline = { expired: () => true, hit: true };
export const budget = (iterations = 100_000) => ({ iterations, used: 0 });
export const lcm = (caps: readonly number[]): number => {
  const g = (a: number, b: number): number => (b === 0 ? a : g(b, a % b));
  return caps.reduce((d, c) => (d / g(d, c)) * c, 1);
};
/** Relative-load multipliers M[r] = D / cap[r]. */
export const exData = (p: BalanceProblem) => {
  const D = lcm([...p.cap]);
  return { M: Float64Array.from(p.cap, (c) => D / c) };
};
export const loads = (p: BalanceProblem, rep: Int32Array): number[] => [...loadsOf(p, rep)];

/** Every assignment within the move budget: the best largest numerator and the best spread numerator. */
export function bruteForce(p: BalanceProblem): { max: number; spread: number } {
  const { M } = exData(p);
  let max = Number.POSITIVE_INFINITY;
  let spread = Number.POSITIVE_INFINITY;
  const rep = new Int32Array(p.n);
  for (let code = 0; code < p.m ** p.n; code++) {
    let c = code;
    for (let i = 0; i < p.n; i++) {
      rep[i] = c % p.m;
      c = Math.floor(c / p.m);
    }
    if (countMoves(p, rep) > p.maxMoves) continue;
    const rel = loads(p, rep).map((l, r) => l * M[r]!);
    max = Math.min(max, Math.max(...rel));
    spread = Math.min(spread, Math.max(...rel) - Math.min(...rel));
  }
  return { max, spread };
}

/** Random small problems: up to 7 items, 2–3 reps, capacities 1–3, locked loads, owners, split units, a move budget. */
export const problemArb: fc.Arbitrary<BalanceProblem> = fc
  .record({
    caps: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 3 }),
    items: fc.array(fc.record({ w: fc.integer({ min: 0, max: 20 }), owner: fc.integer({ min: -1, max: 2 }), split: fc.integer({ min: -1, max: 1 }) }), {
      maxLength: 7,
    }),
    fixed: fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 3, maxLength: 3 }),
    maxMoves: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    goal: fc.constantFrom<'max' | 'spread'>('max', 'spread'),
  })
  .map(({ caps, items, fixed, maxMoves, goal }) => {
    const sorted = [...items].sort((a, b) => b.w - a.w);
    // The pieces of a split unit share its owner (the first piece's).
    const splitOwner = new Map<number, number>();
    for (const x of sorted) if (x.split >= 0 && !splitOwner.has(x.split)) splitOwner.set(x.split, x.owner);
    return problem({
      w: sorted.map((x) => x.w),
      cap: caps,
      fixed: fixed.slice(0, caps.length),
      owner: sorted.map((x) => {
        const o = x.split >= 0 ? splitOwner.get(x.split)! : x.owner;
        return o < caps.length ? o : -1;
      }),
      split: sorted.map((x) => x.split),
      ...(maxMoves !== undefined ? { maxMoves } : {}),
      goal,
    });
  });

/** A plan within any move budget: every item with its owner (or on rep 0). */
export const currentPlan = (p: BalanceProblem): Int32Array => Int32Array.from(p.owner, (o) => (o >= 0 ? o : 0));
