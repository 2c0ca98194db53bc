import { because } from '../../../i18n/because.js';
import { toDecimal } from '../../../_lib/decimal.js';
import { oneOfOption, wholeNumberOption } from '../../../_lib/options.js';
import { FunnelError } from '../../../i18n/FunnelError.js';
import { Decimal } from '../../../money/decimal.js';
import type { BalanceTerritoriesOptions, TerritoryObjective, TerritoryRep, TerritoryUnit } from '../../territoryTypes.js';
import { deadlineAfter, type Deadline } from '../../../_lib/deadline.js';

/** A unit, checked, with its owner as a rep index. */
export interface PreparedUnit {
  /** Position in the input. */
  readonly index: number;
  readonly id: string;
  readonly weight: Decimal;
  readonly workload: Decimal;
  /** Rep index (canonical order) or -1. */
  readonly owner: number;
  readonly ownerId: string | undefined;
  readonly locked: boolean;
  readonly granularity: Decimal | undefined;
}

/** The arguments of {@link balanceTerritories}, checked, with reps and units in canonical (id) order. */
export interface TerritoryInput {
  readonly objective: TerritoryObjective;
  /** Infinity when unlimited. */
  readonly maxMoves: number;
  readonly maxNodes: number;
  readonly maxIterations: number;
  readonly deadline: Deadline;
  /** Rep ids by canonical index (sorted by id). */
  readonly repIds: readonly string[];
  /** Capacity of each rep, by canonical index. */
  readonly capacities: readonly Decimal[];
  /** The canonical index of each rep, in input order. */
  readonly inputRepOrder: readonly number[];
  /** Units in input order. */
  readonly units: readonly PreparedUnit[];
  /** Units by id. */
  readonly canonicalUnits: readonly PreparedUnit[];
}

const ZERO = new Decimal(0);
const byId = (a: { readonly id: string }, b: { readonly id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function readReps(reps: ReadonlyArray<TerritoryRep>): { repIds: string[]; capacities: Decimal[]; repIndex: Map<string, number> } {
  if (!Array.isArray(reps) || reps.length === 0) throw new FunnelError('invalid_argument', { name: 'reps', reason: because('at_least_one_rep') });
  const order = reps.map((r, i) => {
    if (typeof r?.id !== 'string' || r.id.length === 0) throw new FunnelError('invalid_argument', { name: `reps[${i}].id`, reason: because('must_be_non_empty_string') });
    return { id: r.id, r, i };
  });
  order.sort(byId);
  const repIndex = new Map<string, number>();
  const capacities: Decimal[] = [];
  order.forEach(({ r, i }, k) => {
    if (repIndex.has(r.id)) throw new FunnelError('invalid_argument', { name: `reps[${i}].id`, reason: because('duplicate_rep_id', { id: r.id }) });
    repIndex.set(r.id, k);
    const c = toDecimal(r.capacity ?? 1, `reps[${i}].capacity`);
    if (!c.gt(0)) throw new FunnelError('invalid_argument', { name: `reps[${i}].capacity`, reason: because('more_than', { min: 0 }) });
    capacities.push(c);
  });
  return { repIds: order.map((o) => o.id), capacities, repIndex };
}

/** The units checked, in input order, and their positions by id. */
function readUnits(units: ReadonlyArray<TerritoryUnit>, repIndex: ReadonlyMap<string, number>): { prepared: PreparedUnit[]; indexOf: Map<string, number> } {
  if (!Array.isArray(units)) throw new FunnelError('invalid_argument', { name: 'units', reason: because('must_be_array') });
  const indexOf = new Map<string, number>();
  const prepared = units.map((u, i): PreparedUnit => {
    if (typeof u?.id !== 'string' || u.id.length === 0) throw new FunnelError('invalid_argument', { name: `units[${i}].id`, reason: because('must_be_non_empty_string') });
    if (indexOf.has(u.id)) throw new FunnelError('invalid_argument', { name: `units[${i}].id`, reason: because('duplicate_unit_id', { id: u.id }) });
    indexOf.set(u.id, i);
    const weight = toDecimal(u.weight, `units[${i}].weight`);
    if (weight.isNegative() && !weight.isZero()) throw new FunnelError('invalid_argument', { name: `units[${i}].weight`, reason: because('at_least', { min: 0 }) });
    const workload = u.workload === undefined ? ZERO : toDecimal(u.workload, `units[${i}].workload`);
    if (workload.isNegative() && !workload.isZero()) throw new FunnelError('invalid_argument', { name: `units[${i}].workload`, reason: because('at_least', { min: 0 }) });
    const owner = u.owner === undefined ? -1 : (repIndex.get(u.owner) ?? -1);
    const locked = u.locked === true;
    if (locked && owner < 0) {
      throw new FunnelError('invalid_argument', { name: `units[${i}].locked`, reason: because('owner_not_a_rep', { owner: String(u.owner) }) });
    }
    let granularity: Decimal | undefined;
    if (u.splittable !== undefined && !locked) {
      granularity = toDecimal(u.splittable.granularity, `units[${i}].splittable.granularity`);
      if (!granularity.gt(0)) throw new FunnelError('invalid_argument', { name: `units[${i}].splittable.granularity`, reason: because('more_than', { min: 0 }) });
    }
    // abs() only turns a negative zero into zero.
    return { index: i, id: u.id, weight: weight.isNeg() ? weight.abs() : weight, workload: workload.isNeg() ? workload.abs() : workload, owner, ownerId: u.owner, locked, granularity };
  });
  return { prepared, indexOf };
}

/**
 * Stage 1 of territory balancing: the arguments, checked (`invalid_argument` for the
 * units and reps, `invalid_option` for the options), reps and units in canonical order
 * so that the plan does not depend on the order of the input.
 */
export function readTerritoryInput(units: ReadonlyArray<TerritoryUnit>, reps: ReadonlyArray<TerritoryRep>, options: BalanceTerritoriesOptions): TerritoryInput {
  const { repIds, capacities, repIndex } = readReps(reps);
  const { prepared, indexOf } = readUnits(units, repIndex);
  // By id: the ids sorted by the default order of strings (UTF-16 code units, as `<`
  // compares them; ids are unique), which is faster than a comparator over the units.
  const canonicalUnits = prepared.map((u) => u.id).sort().map((id) => prepared[indexOf.get(id)!]!);
  return {
    objective: oneOfOption(options.objective ?? 'max_relative_load', 'objective', ['max_relative_load', 'spread'] as const),
    maxMoves: options.maxMoves === undefined ? Number.POSITIVE_INFINITY : wholeNumberOption(options.maxMoves, 'maxMoves'),
    maxNodes: options.maxNodes === undefined ? 10_000_000 : wholeNumberOption(options.maxNodes, 'maxNodes'),
    maxIterations: options.maxIterations === undefined ? 100_000 : wholeNumberOption(options.maxIterations, 'maxIterations'),
    deadline: deadlineAfter(options.timeLimitMs),
    repIds,
    capacities,
    inputRepOrder: reps.map((r) => repIndex.get(r.id)!),
    units: prepared,
    canonicalUnits,
  };
}
