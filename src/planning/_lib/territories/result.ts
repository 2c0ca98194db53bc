import { Decimal } from '../../../money/decimal.js';
import type { TerritoryAssignment, TerritoryMove, TerritoryPlan, TerritorySearchReport, TerritoryShare } from '../../territoryTypes.js';
import type { PreparedUnit } from './input.js';

/** What the plan is built from. */
export interface BuildInput {
  /** Units in input order. */
  readonly prepared: readonly PreparedUnit[];
  readonly canonicalReps: readonly string[];
  readonly inputRepOrder: readonly number[];
  readonly capacities: readonly Decimal[];
  readonly items: ReadonlyArray<{ readonly unit: PreparedUnit; readonly w: number; readonly big: bigint | undefined }>;
  readonly plan: Int32Array;
  /** Exact scaled load of each rep under the plan. */
  readonly repLoads: readonly bigint[];
  readonly digits: number;
  readonly lowerBound: Decimal;
  readonly provenOptimal: boolean;
  readonly search: TerritorySearchReport;
}

const ZERO = new Decimal(0);

/** `la/ca − lz/cz` computed as one fraction and rounded once. */
function spreadOf(la: Decimal, ca: Decimal, lz: Decimal, cz: Decimal): Decimal {
  return la.times(cz).minus(lz.times(ca)).div(ca.times(cz));
}

/**
 * Stage 5 of territory balancing: the plan as returned: an assignment per unit (split
 * units in shares, workload in proportion to weight), loads per rep in input order, the
 * moves from the current plan, the lower bound and the proof status.
 */
export function territoryPlan(input: BuildInput): TerritoryPlan {
  const { prepared, canonicalReps, capacities, items, plan, digits } = input;
  const m = canonicalReps.length;
  const step = new Decimal(10).pow(-digits);
  const fromScaled = (x: bigint): Decimal => new Decimal(x.toString()).times(step);
  // Rep of each unsplit unit; scaled weight per (unit, rep) for split units.
  const single = new Map<string, number>();
  const perUnit = new Map<string, Map<number, bigint>>();
  items.forEach((it, i) => {
    const r = plan[i]!;
    if (it.unit.granularity === undefined) {
      single.set(it.unit.id, r);
      return;
    }
    let byRep = perUnit.get(it.unit.id);
    if (byRep === undefined) {
      byRep = new Map();
      perUnit.set(it.unit.id, byRep);
    }
    byRep.set(r, (byRep.get(r) ?? 0n) + (it.big ?? BigInt(it.w)));
  });
  const anyWork = prepared.some((u) => !u.workload.isZero());
  const works = Array.from({ length: m }, () => ZERO);
  const unitIds: string[][] = Array.from({ length: m }, () => []);
  const moves: TerritoryMove[] = [];
  let moveCount = 0;

  const assignments: TerritoryAssignment[] = prepared.map((u) => {
    let parts: [number, Decimal][];
    if (u.locked) {
      parts = [[u.owner, u.weight]];
    } else if (single.has(u.id)) {
      parts = [[single.get(u.id)!, u.weight]];
    } else {
      const byRep = perUnit.get(u.id)!;
      parts = [...byRep.entries()].sort((a, b) => a[0] - b[0]).map(([r, w]) => [r, fromScaled(w)]);
    }
    // Workload in proportion to weight; the last share takes the remainder so shares add up.
    let workLeft = u.workload;
    const shares: TerritoryShare[] = parts.map(([r, weight], k) => {
      let workload: Decimal;
      if (k === parts.length - 1) workload = workLeft;
      else {
        workload = u.weight.isZero() ? ZERO : u.workload.times(weight).div(u.weight);
        workLeft = workLeft.minus(workload);
      }
      if (anyWork) works[r] = works[r]!.plus(workload);
      unitIds[r]!.push(u.id);
      return { repId: canonicalReps[r]!, weight, workload };
    });
    if (u.ownerId !== undefined && !u.locked) {
      for (const [r, weight] of parts) {
        if (r === u.owner) continue;
        const forced = u.owner < 0;
        if (!forced) moveCount++;
        moves.push({ unitId: u.id, from: u.ownerId, to: canonicalReps[r]!, weight, forced });
      }
    }
    return { unitId: u.id, shares, locked: u.locked };
  });

  const loads = input.repLoads.map(fromScaled);
  const rel = loads.map((l, r) => l.div(capacities[r]!));
  let hi = 0;
  let lo = 0;
  rel.forEach((x, r) => {
    if (x.gt(rel[hi]!)) hi = r;
    if (x.lt(rel[lo]!)) lo = r;
  });
  const largest = rel[hi]!;
  const smallest = rel[lo]!;
  // The spread as one exact fraction, rounded once (not a difference of rounded quotients).
  const spread = spreadOf(loads[hi]!, capacities[hi]!, loads[lo]!, capacities[lo]!);
  const lb = input.lowerBound;
  return {
    assignments,
    loads: input.inputRepOrder.map((r) => ({
      repId: canonicalReps[r]!,
      capacity: capacities[r]!,
      load: loads[r]!,
      relativeLoad: rel[r]!,
      workload: works[r]!,
      relativeWorkload: works[r]!.div(capacities[r]!),
      unitIds: unitIds[r]!,
    })),
    moves,
    moveCount,
    largestRelativeLoad: largest,
    smallestRelativeLoad: smallest,
    spread,
    lowerBound: lb,
    gap: lb.isZero() ? null : largest.minus(lb).div(lb).toNumber(),
    provenOptimal: input.provenOptimal,
    search: input.search,
  };
}
