// Instances of balanceTerritories and an independent model of the problem, shared by its
// property tests (balanceTerritories.property.test.ts, and the large-book laws in
// balanceTerritories.largeBooks.property.test.ts, a file of its own because one run
// takes seconds, and minutes under mutation testing). Not a test file.
import fc from 'fast-check';
import { expect } from 'vitest';
import { Decimal, type BalanceTerritoriesOptions, type TerritoryPlan, type TerritoryRep, type TerritoryUnit } from '../../src/index.js';

// Instances use weights with at most one decimal and capacities in {1, 1.5, 2}, so the
// test's own arithmetic works in integers: weights × 10 and capacities × 10.

export interface Instance {
  readonly units: TerritoryUnit[];
  readonly reps: TerritoryRep[];
  readonly options: BalanceTerritoriesOptions;
}

const repIds = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

export function instanceArb(maxUnits: number, maxReps: number, maxPieces: number, weightMax: number): fc.Arbitrary<Instance> {
  return fc.integer({ min: 1, max: maxReps }).chain((m) => {
    const reps = fc.array(fc.constantFrom('1', '1.5', '2'), { minLength: m, maxLength: m }).map((caps) => caps.map((c, i) => ({ id: repIds[i] as string, capacity: c })));
    const unit = fc.record({
      tenths: fc.integer({ min: 0, max: weightMax * 10 }),
      owner: fc.option(fc.integer({ min: 0, max: m }), { nil: undefined }),
      locked: fc.boolean(),
      split: fc.option(fc.integer({ min: 10, max: 40 }), { nil: undefined, freq: 4 }),
    });
    return fc.record({
      reps,
      raw: fc.array(unit, { maxLength: maxUnits }),
      maxMoves: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
      spread: fc.boolean(),
    }).map(({ reps, raw, maxMoves, spread }) => {
      let pieces = 0;
      const units: TerritoryUnit[] = [];
      raw.forEach((u, i) => {
        // owner index m means "a rep who left" (not among the reps).
        const owner = u.owner === undefined ? undefined : u.owner === m ? 'gone' : (repIds[u.owner] as string);
        const locked = u.locked && owner !== undefined && owner !== 'gone';
        let split = u.split !== undefined && !locked ? u.split : undefined;
        const count = split === undefined || u.tenths === 0 ? 1 : Math.ceil(u.tenths / split);
        if (pieces + count > maxPieces) split = undefined;
        pieces += split === undefined || u.tenths === 0 ? 1 : Math.ceil(u.tenths / split);
        if (pieces > maxPieces) return;
        units.push({
          id: `u${String(i).padStart(2, '0')}`,
          weight: new Decimal(u.tenths).div(10).toString(),
          ...(owner !== undefined ? { owner } : {}),
          ...(locked ? { locked } : {}),
          ...(split !== undefined ? { splittable: { granularity: new Decimal(split).div(10).toString() } } : {}),
        });
      });
      const options: BalanceTerritoriesOptions = { ...(maxMoves !== undefined ? { maxMoves } : {}), ...(spread ? { objective: 'spread' as const } : {}) };
      return { units, reps, options };
    });
  });
}

// ---- an independent model of the problem -------------------------------------------------

interface Piece {
  readonly unit: number;
  readonly w: number; // tenths
}
export interface Model {
  readonly caps: number[]; // tenths
  readonly fixed: number[];
  readonly pieces: Piece[];
  readonly owner: number[]; // per unit: rep index, -1 none/gone
  readonly locked: boolean[];
}

export function model(inst: Instance): Model {
  const caps = inst.reps.map((r) => Math.round(Number(r.capacity) * 10));
  const fixed = inst.reps.map(() => 0);
  const pieces: Piece[] = [];
  const owner: number[] = [];
  const locked: boolean[] = [];
  inst.units.forEach((u, k) => {
    const w = Math.round(Number(u.weight) * 10);
    const o = u.owner === undefined ? -1 : inst.reps.findIndex((r) => r.id === u.owner);
    owner.push(o);
    locked.push(u.locked === true);
    if (u.locked === true) {
      fixed[o] = (fixed[o] as number) + w;
      return;
    }
    if (u.splittable !== undefined && w > 0) {
      const g = Math.round(Number(u.splittable.granularity) * 10);
      for (let x = w; x > 0; x -= g) pieces.push({ unit: k, w: Math.min(g, x) });
    } else {
      pieces.push({ unit: k, w });
    }
  });
  return { caps, fixed, pieces, owner, locked };
}

/** Rational a/b with positive b. */
export type Q = [number, number];
const lessQ = (a: Q, b: Q): boolean => a[0] * b[1] < b[0] * a[1];
export const toDec = (q: Q): Decimal => new Decimal(q[0]).div(q[1]);

function objective(md: Model, loads: number[], spread: boolean): Q {
  let max = 0;
  let min = 0;
  loads.forEach((l, r) => {
    if (lessQ([loads[max] as number, md.caps[max] as number], [l, md.caps[r] as number])) max = r;
    if (lessQ([l, md.caps[r] as number], [loads[min] as number, md.caps[min] as number])) min = r;
  });
  const cM = md.caps[max] as number;
  const cm = md.caps[min] as number;
  if (!spread) return [loads[max] as number, cM];
  return [(loads[max] as number) * cm - (loads[min] as number) * cM, cM * cm];
}

function movesOf(md: Model, assign: number[]): number {
  const reps = new Map<number, Set<number>>();
  md.pieces.forEach((p, i) => {
    const s = reps.get(p.unit) ?? new Set<number>();
    s.add(assign[i] as number);
    reps.set(p.unit, s);
  });
  let moves = 0;
  for (const [unit, set] of reps) {
    const o = md.owner[unit] as number;
    if (o < 0) continue;
    for (const r of set) if (r !== o) moves++;
  }
  return moves;
}

/** The best objective over every assignment of pieces to reps (with the move budget). */
export function bruteForce(md: Model, spread: boolean, maxMoves: number): Q {
  const m = md.caps.length;
  const n = md.pieces.length;
  const assign = new Array<number>(n).fill(0);
  let best: Q | undefined;
  const total = m ** n;
  for (let code = 0; code < total; code++) {
    let c = code;
    for (let i = 0; i < n; i++) {
      assign[i] = c % m;
      c = Math.floor(c / m);
    }
    if (maxMoves < Number.POSITIVE_INFINITY && movesOf(md, assign) > maxMoves) continue;
    const loads = [...md.fixed];
    md.pieces.forEach((p, i) => (loads[assign[i] as number] = (loads[assign[i] as number] as number) + p.w));
    const v = objective(md, loads, spread);
    if (best === undefined || lessQ(v, best)) best = v;
  }
  return best as Q;
}

/** Largest-first greedy as documented: heaviest piece first (ties by unit id, piece order), to the rep with the smallest relative load after; ties: larger capacity, then smaller rep id. */
export function greedy(md: Model, inst: Instance, spread: boolean): Q {
  const order = md.pieces.map((p, i) => ({ ...p, i })).sort((a, b) => b.w - a.w || a.i - b.i);
  const repOrder = inst.reps.map((r, i) => ({ id: r.id, i })).sort((a, b) => (a.id < b.id ? -1 : 1));
  const loads = [...md.fixed];
  for (const p of order) {
    let best = -1;
    for (const { i: r } of repOrder) {
      if (best < 0) {
        best = r;
        continue;
      }
      const a: Q = [(loads[r] as number) + p.w, md.caps[r] as number];
      const b: Q = [(loads[best] as number) + p.w, md.caps[best] as number];
      if (lessQ(a, b) || (!lessQ(b, a) && (md.caps[r] as number) > (md.caps[best] as number))) best = r;
    }
    loads[best] = (loads[best] as number) + p.w;
  }
  return objective(md, loads, spread);
}

export function checkInvariants(inst: Instance, plan: TerritoryPlan): void {
  const capOf = new Map(inst.reps.map((r) => [r.id, new Decimal(r.capacity ?? 1)]));
  const loads = new Map(inst.reps.map((r) => [r.id, new Decimal(0)]));
  // Every unit assigned exactly once; shares add up to the unit; one share per rep.
  expect(plan.assignments.map((a) => a.unitId)).toEqual(inst.units.map((u) => u.id));
  inst.units.forEach((u, k) => {
    const a = plan.assignments[k];
    expect(a).toBeDefined();
    const shares = a!.shares;
    expect(shares.length).toBeGreaterThan(0);
    expect(new Set(shares.map((s) => s.repId)).size).toBe(shares.length);
    const total = shares.reduce((acc, s) => acc.plus(s.weight), new Decimal(0));
    expect(total.eq(u.weight)).toBe(true);
    if (u.splittable === undefined || u.locked === true) expect(shares).toHaveLength(1);
    else {
      const g = new Decimal(u.splittable.granularity);
      // each share is a whole number of pieces, except the one holding the remainder
      const rem = new Decimal(u.weight).mod(g);
      for (const s of shares) expect(s.weight.mod(g).eq(0) || s.weight.mod(g).eq(rem)).toBe(true);
    }
    if (u.locked === true) expect(shares.map((s) => s.repId)).toEqual([u.owner]);
    for (const s of shares) loads.set(s.repId, (loads.get(s.repId) as Decimal).plus(s.weight));
  });
  for (const l of plan.loads) {
    expect(l.load.eq(loads.get(l.repId) as Decimal)).toBe(true);
    expect(l.relativeLoad.eq(l.load.div(capOf.get(l.repId) as Decimal))).toBe(true);
  }
  const rel = plan.loads.map((l) => l.relativeLoad);
  expect(plan.largestRelativeLoad.eq(Decimal.max(...rel))).toBe(true);
  expect(plan.smallestRelativeLoad.eq(Decimal.min(...rel))).toBe(true);
  // Moves: counted ones are units (or extra reps of split units) away from an owner among the reps.
  const counted = plan.moves.filter((mv) => !mv.forced);
  expect(plan.moveCount).toBe(counted.length);
  if (inst.options.maxMoves !== undefined) expect(plan.moveCount).toBeLessThanOrEqual(inst.options.maxMoves);
  for (const mv of plan.moves) {
    const u = inst.units.find((x) => x.id === mv.unitId);
    expect(u?.owner).toBe(mv.from);
    expect(mv.forced).toBe(!inst.reps.some((r) => r.id === mv.from));
  }
  // The bound holds and the gap is consistent with it.
  expect(plan.largestRelativeLoad.gte(plan.lowerBound)).toBe(true);
  if (plan.gap !== null) expect(plan.gap).toBe(plan.largestRelativeLoad.minus(plan.lowerBound).div(plan.lowerBound).toNumber());
  // Never worse than the start.
  const spread = inst.options.objective === 'spread';
  if (spread) expect(plan.spread.lte(plan.search.startSpread)).toBe(true);
  else expect(plan.largestRelativeLoad.lte(plan.search.startLargestRelativeLoad)).toBe(true);
}

/** The same plan as a set of facts that do not depend on the order of inputs or outputs. */
export function canonical(plan: TerritoryPlan): unknown {
  return {
    shares: plan.assignments
      .map((a) => `${a.unitId}:${a.shares.map((s) => `${s.repId}=${s.weight.toString()}`).join(',')}`)
      .sort(),
    lowerBound: plan.lowerBound.toString(),
    provenOptimal: plan.provenOptimal,
    moves: plan.moveCount,
  };
}
