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
  /** Units by id (canonical order): `unitOf[i]` indexes it. */
  readonly canonicalUnits: readonly PreparedUnit[];
  /** The canonical index of each item's unit. */
  readonly unitOf: Int32Array;
  /** Each item's scaled weight (exact when `big` is undefined). */
  readonly w: Float64Array;
  /** Each item's exact scaled weight, off the fast path. */
  readonly big: readonly bigint[] | undefined;
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
  const { prepared, canonicalReps, capacities, canonicalUnits, unitOf, w, big, plan, digits } = input;
  const m = canonicalReps.length;
  const step = new Decimal(10).pow(-digits);
  const fromScaled = (x: bigint): Decimal => new Decimal(x.toString()).times(step);
  // Rep of each unsplit unit (by canonical index, -1 for none); scaled weight per rep for
  // split units, summed in doubles when they are exact (big undefined), else in bigints.
  const single = new Int32Array(canonicalUnits.length).fill(-1);
  const perUnit = new Map<number, Map<number, number | bigint>>();
  for (let i = 0; i < plan.length; i++) {
    const r = plan[i]!;
    const rank = unitOf[i]!;
    if (canonicalUnits[rank]!.granularity === undefined) {
      single[rank] = r;
      continue;
    }
    let byRep = perUnit.get(rank);
    if (byRep === undefined) {
      byRep = new Map();
      perUnit.set(rank, byRep);
    }
    if (big === undefined) byRep.set(r, ((byRep.get(r) as number | undefined) ?? 0) + w[i]!);
    else byRep.set(r, ((byRep.get(r) as bigint | undefined) ?? 0n) + big[i]!);
  }
  const rankOf = new Int32Array(prepared.length);
  canonicalUnits.forEach((u, rank) => {
    rankOf[u.index] = rank;
  });
  const anyWork = prepared.some((u) => !u.workload.isZero());
  const works = Array.from({ length: m }, () => ZERO);
  // Workload is summed per rep afterwards, in canonical (id) order: sums of rounded shares
  // (and of long decimals) depend on the order of the additions, and the plan must not
  // depend on the order of the input. By input position: the rep of a whole unit, and the
  // workload shares of a split one.
  const wholeRep = new Int32Array(prepared.length);
  const splitWork = new Map<number, (readonly [number, Decimal])[]>();
  const unitIds: string[][] = Array.from({ length: m }, () => []);
  const moves: TerritoryMove[] = [];
  let moveCount = 0;

  const assignments: TerritoryAssignment[] = prepared.map((u) => {
    const whole = u.locked ? u.owner : single[rankOf[u.index]!]!;
    if (whole >= 0) {
      // The whole unit to one rep (the common case, without the general path's arrays).
      wholeRep[u.index] = whole;
      unitIds[whole]!.push(u.id);
      if (u.ownerId !== undefined && !u.locked && whole !== u.owner) {
        const forced = u.owner < 0;
        if (!forced) moveCount++;
        moves.push({ unitId: u.id, from: u.ownerId, to: canonicalReps[whole]!, weight: u.weight, forced });
      }
      return { unitId: u.id, shares: [{ repId: canonicalReps[whole]!, weight: u.weight, workload: u.workload }], locked: u.locked };
    }
    const byRep = perUnit.get(rankOf[u.index]!)!;
    const parts: [number, Decimal][] = [...byRep.entries()].sort((a, b) => a[0] - b[0]).map(([r, x]) => [r, fromScaled(BigInt(x))]);
    // Workload in proportion to weight; the last share takes the remainder so shares add up.
    let workLeft = u.workload;
    const shares: TerritoryShare[] = parts.map(([r, weight], k) => {
      let workload: Decimal;
      if (k === parts.length - 1) workload = workLeft;
      else {
        workload = u.weight.isZero() ? ZERO : u.workload.times(weight).div(u.weight);
        workLeft = workLeft.minus(workload);
      }
      unitIds[r]!.push(u.id);
      return { repId: canonicalReps[r]!, weight, workload };
    });
    if (anyWork) splitWork.set(u.index, parts.map(([r], k) => [r, shares[k]!.workload] as const));
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

  if (anyWork) {
    for (const u of canonicalUnits) {
      const split = splitWork.get(u.index);
      if (split === undefined) works[wholeRep[u.index]!] = works[wholeRep[u.index]!]!.plus(u.workload);
      else for (const [r, x] of split) works[r] = works[r]!.plus(x);
    }
  }

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
