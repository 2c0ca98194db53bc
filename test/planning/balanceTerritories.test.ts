import { describe, expect, it } from 'vitest';
import { balanceTerritories, FunnelError, type TerritoryPlan, type TerritoryUnit } from '../../src/index.js';
import { reasoned, thrown } from '../_errors.js';

const units = (weights: readonly (number | string)[]): TerritoryUnit[] => weights.map((w, i) => ({ id: `u${i + 1}`, weight: w }));
const loadsOf = (plan: TerritoryPlan): string[] => plan.loads.map((l) => l.load.toString());
const repOf = (plan: TerritoryPlan, unitId: string): string[] =>
  (plan.assignments.find((a) => a.unitId === unitId)?.shares ?? []).map((s) => s.repId);

describe('balanceTerritories: golden cases', () => {
  it('{8, 7, 6, 5, 4} over 2 reps is 15 / 15 (greedy alone gives 17 / 13)', () => {
    // Greedy, heaviest first, each to the lighter rep (ties to A):
    //   8→A (8|0), 7→B (8|7), 6→B (8|13), 5→A (13|13), 4→A (17|13): largest 17.
    // Optimum: {8, 7} and {6, 5, 4}, 15 each = total 30 / 2 reps, so the bound proves it.
    const plan = balanceTerritories(units([8, 7, 6, 5, 4]), [{ id: 'A' }, { id: 'B' }]);
    expect(loadsOf(plan)).toEqual(['15', '15']);
    expect(plan.largestRelativeLoad.toString()).toBe('15');
    expect(plan.lowerBound.toString()).toBe('15');
    expect(plan.gap).toBe(0);
    expect(plan.provenOptimal).toBe(true);
    const together = repOf(plan, 'u1')[0] === repOf(plan, 'u2')[0];
    expect(together).toBe(true); // 8 and 7 share a rep
    // The start kept was no worse than greedy's 17.
    expect(plan.search.startLargestRelativeLoad.lte(17)).toBe(true);
  });

  it("Graham's worst case for greedy: [3, 3, 2, 2, 2] over 2 reps, optimum 6", () => {
    // Greedy: 3→A, 3→B, 2→A (5), 2→B (5), 2→A (7): largest 7 = 7/6 of the optimum {3,3} / {2,2,2}.
    const plan = balanceTerritories(units([3, 3, 2, 2, 2]), [{ id: 'A' }, { id: 'B' }]);
    expect(loadsOf(plan)).toEqual(['6', '6']);
    expect(repOf(plan, 'u1')).toEqual(repOf(plan, 'u2'));
    expect(plan.lowerBound.toString()).toBe('6'); // 12 / 2
    expect(plan.provenOptimal).toBe(true);
  });

  it('balances relative load against capacity factors', () => {
    // Total 12 over capacities 2 + 1 = 3: the bound is 4 per unit of capacity.
    // A (capacity 2) takes 6 + 2 = 8 (relative 4); B takes 4 (relative 4).
    const plan = balanceTerritories(units([6, 4, 2]), [{ id: 'A', capacity: 2 }, { id: 'B', capacity: '1' }]);
    expect(loadsOf(plan)).toEqual(['8', '4']);
    expect(plan.loads.map((l) => l.relativeLoad.toString())).toEqual(['4', '4']);
    expect(plan.lowerBound.toString()).toBe('4');
    expect(plan.provenOptimal).toBe(true);
  });

  it('keeps locked units with their owner and counts them in the bound', () => {
    // u1 (9) is locked to B. The rest (3, 3, 3) go to A: A = 9, B = 9.
    const plan = balanceTerritories(
      [{ id: 'u1', weight: 9, owner: 'B', locked: true }, ...units([3, 3, 3]).map((u, i) => ({ ...u, id: `v${i}` }))],
      [{ id: 'A' }, { id: 'B' }],
    );
    expect(repOf(plan, 'u1')).toEqual(['B']);
    expect(plan.assignments.find((a) => a.unitId === 'u1')?.locked).toBe(true);
    expect(loadsOf(plan)).toEqual(['9', '9']);
    expect(plan.moveCount).toBe(0);
  });

  it('a locked load above the average raises the bound to locked load / capacity', () => {
    // Locked 10 on A; total 12 over 2 reps averages 6, but A carries 10 whatever happens.
    const plan = balanceTerritories(
      [{ id: 'big', weight: 10, owner: 'A', locked: true }, { id: 'x', weight: 1 }, { id: 'y', weight: 1 }],
      [{ id: 'A' }, { id: 'B' }],
    );
    expect(plan.lowerBound.toString()).toBe('10');
    expect(loadsOf(plan)).toEqual(['10', '2']);
    expect(plan.provenOptimal).toBe(true);
  });

  it('respects maxMoves from the current plan', () => {
    // Four units of 5, all owned by A. One move: 15 | 5. Two moves: 10 | 10.
    const book = [5, 5, 5, 5].map((w, i) => ({ id: `u${i}`, weight: w, owner: 'A' }));
    const reps = [{ id: 'A' }, { id: 'B' }];
    const none = balanceTerritories(book, reps, { maxMoves: 0 });
    expect(loadsOf(none)).toEqual(['20', '0']);
    expect(none.moves).toEqual([]);
    const one = balanceTerritories(book, reps, { maxMoves: 1 });
    expect(loadsOf(one)).toEqual(['15', '5']);
    expect(one.moveCount).toBe(1);
    expect(one.moves.map((m) => [m.from, m.to, m.weight.toString(), m.forced])).toEqual([['A', 'B', '5', false]]);
    expect(one.provenOptimal).toBe(true); // the exact search exhausted every plan with one move
    expect(one.lowerBound.toString()).toBe('15'); // raised by that proof above the plain 10
    const two = balanceTerritories(book, reps, { maxMoves: 2 });
    expect(loadsOf(two)).toEqual(['10', '10']);
    expect(two.moveCount).toBe(2);
  });

  it('keeps units with their owners when that costs nothing (relabelling equal reps)', () => {
    // Any balanced plan puts 8+7 on one rep; the owners decide which rep that is.
    const book = [
      { id: 'a', weight: 8, owner: 'B' },
      { id: 'b', weight: 7, owner: 'B' },
      { id: 'c', weight: 6, owner: 'A' },
      { id: 'd', weight: 5, owner: 'A' },
      { id: 'e', weight: 4, owner: 'A' },
    ];
    const plan = balanceTerritories(book, [{ id: 'A' }, { id: 'B' }]);
    expect(plan.moveCount).toBe(0);
    expect(loadsOf(plan)).toEqual(['15', '15']);
  });

  it('reports forced moves away from an owner who is not among the reps, without counting them', () => {
    const plan = balanceTerritories(
      [{ id: 'x', weight: 3, owner: 'gone' }, { id: 'y', weight: 3, owner: 'A' }],
      [{ id: 'A' }, { id: 'B' }],
      { maxMoves: 0 },
    );
    expect(plan.moveCount).toBe(0);
    expect(plan.moves).toHaveLength(1);
    expect(plan.moves[0]).toMatchObject({ unitId: 'x', from: 'gone', to: 'B', forced: true });
    expect(loadsOf(plan)).toEqual(['3', '3']);
  });

  it('splits a rich unit into shares of the granularity that add up to the unit', () => {
    // 10 in shares of 3: pieces 3, 3, 3, 1. Over 2 reps some rep gets two of the three 3s,
    // so 6 is a lower bound (the k = 1 pigeonhole bound) and 6 | 4 is optimal.
    const plan = balanceTerritories([{ id: 'shanghai', weight: 10, splittable: { granularity: 3 } }], [{ id: 'A' }, { id: 'B' }]);
    const shares = plan.assignments[0]?.shares ?? [];
    expect(shares.map((s) => s.weight.toString()).sort()).toEqual(['4', '6']);
    expect(plan.lowerBound.toString()).toBe('6');
    expect(plan.provenOptimal).toBe(true);
    expect(plan.loads.flatMap((l) => l.unitIds)).toEqual(['shanghai', 'shanghai']);
  });

  it('counts each extra rep on a split unit as one move', () => {
    const plan = balanceTerritories([{ id: 'r', weight: 12, owner: 'A', splittable: { granularity: 2 } }], [{ id: 'A' }, { id: 'B' }, { id: 'C' }]);
    expect(loadsOf(plan)).toEqual(['4', '4', '4']);
    expect(plan.moveCount).toBe(2);
    expect(plan.moves.map((m) => `${m.from}→${m.to}:${m.weight.toString()}`)).toEqual(['A→B:4', 'A→C:4']);
    const limited = balanceTerritories([{ id: 'r', weight: 12, owner: 'A', splittable: { granularity: 2 } }], [{ id: 'A' }, { id: 'B' }, { id: 'C' }], { maxMoves: 1 });
    expect(loadsOf(limited)).toEqual(['6', '6', '0']);
  });

  it('the spread objective also lifts the least-loaded rep', () => {
    // [6, 3, 3, 1, 1] over 3 reps: the largest load is at least 6 either way, but
    // {6} {3,1} {3,1} has spread 6 − 4 = 2 while {6} {3,3} {1,1} has spread 4.
    const plan = balanceTerritories(units([6, 3, 3, 1, 1]), [{ id: 'A' }, { id: 'B' }, { id: 'C' }], { objective: 'spread' });
    expect(plan.spread.toString()).toBe('2');
    expect(plan.largestRelativeLoad.toString()).toBe('6');
    expect(plan.smallestRelativeLoad.toString()).toBe('4');
    expect(plan.provenOptimal).toBe(true);
    expect(plan.search.exact).toBe('proved');
  });

  it('uses workload as a secondary objective without giving up balance of weight', () => {
    // Four units of weight 10: any two-and-two split is optimal for weight (20 | 20).
    // Workload (accounts) 5, 5, 0, 0: the polish pairs each busy unit with a quiet one.
    const plan = balanceTerritories(
      [
        { id: 'a', weight: 10, workload: 5 },
        { id: 'b', weight: 10, workload: 5 },
        { id: 'c', weight: 10 },
        { id: 'd', weight: 10 },
      ],
      [{ id: 'A' }, { id: 'B' }],
    );
    expect(loadsOf(plan)).toEqual(['20', '20']);
    expect(plan.loads.map((l) => l.workload.toString())).toEqual(['5', '5']);
  });

  it('splits workload in proportion to the weight share, exactly', () => {
    const plan = balanceTerritories([{ id: 'r', weight: 9, workload: 10, splittable: { granularity: 3 } }], [{ id: 'A' }, { id: 'B' }, { id: 'C' }]);
    const shares = plan.assignments[0]?.shares ?? [];
    expect(shares).toHaveLength(3);
    expect(shares.reduce((a, s) => a.plus(s.workload), shares[0]!.workload.minus(shares[0]!.workload)).toString()).toBe('10');
  });

  it('keeps decimal weights exact', () => {
    const plan = balanceTerritories(units(['0.1', '0.2', '0.3']), [{ id: 'A' }, { id: 'B' }]);
    expect(loadsOf(plan).sort()).toEqual(['0.3', '0.3']);
    expect(plan.lowerBound.toString()).toBe('0.3');
  });

  it('handles an empty book and a single rep', () => {
    const empty = balanceTerritories([], [{ id: 'A' }, { id: 'B' }]);
    expect(loadsOf(empty)).toEqual(['0', '0']);
    expect(empty.gap).toBeNull();
    expect(empty.provenOptimal).toBe(true);
    const one = balanceTerritories(units([1, 2]), [{ id: 'solo', capacity: 2 }]);
    expect(one.loads[0]?.relativeLoad.toString()).toBe('1.5');
    expect(one.provenOptimal).toBe(true);
  });

  describe('an instance where the bound must be raised by search', () => {
    // 14 units in cents over 3 reps. Total 1 091.94, so the plain bound is 1 091.94 / 3 = 363.98.
    const ws = ['101.17', '99.53', '97.11', '93.89', '91.07', '88.61', '83.27', '79.43', '71.59', '67.31', '61.13', '57.29', '53.03', '47.51'];
    const reps = [{ id: 'A' }, { id: 'B' }, { id: 'C' }];

    it('without search it reports the start and its gap, unproven', () => {
      const plan = balanceTerritories(units(ws), reps, { maxNodes: 0, maxIterations: 0 });
      expect(plan.search.exact).toBe('off');
      expect(plan.lowerBound.toString()).toBe('363.98');
      expect(plan.provenOptimal).toBe(false);
      expect(plan.gap).toBeGreaterThan(0);
      expect(plan.largestRelativeLoad.eq(plan.search.startLargestRelativeLoad)).toBe(true);
    });

    it('with search it proves 364.09 optimal and raises the bound to it', () => {
      const plan = balanceTerritories(units(ws), reps);
      expect(plan.largestRelativeLoad.toString()).toBe('364.09');
      expect(plan.lowerBound.toString()).toBe('364.09');
      expect(plan.search.exact).toBe('proved');
      expect(plan.provenOptimal).toBe(true);
      // Independent check: every assignment of the 14 units (the first fixed to A by symmetry).
      const cents = ws.map((w) => Math.round(Number(w) * 100));
      let best = Number.POSITIVE_INFINITY;
      const load = [cents[0] as number, 0, 0];
      const go = (i: number): void => {
        if (i === cents.length) {
          best = Math.min(best, Math.max(...load));
          return;
        }
        for (let r = 0; r < 3; r++) {
          load[r] = (load[r] as number) + (cents[i] as number);
          if ((load[r] as number) < best) go(i + 1);
          load[r] = (load[r] as number) - (cents[i] as number);
        }
      };
      go(1);
      expect(best).toBe(36409);
    });

    it('a time limit only cuts the search short: the plan stays valid and says so', () => {
      const plan = balanceTerritories(units(ws), reps, { timeLimitMs: 0 });
      expect(plan.search.timeLimitHit).toBe(true);
      expect(plan.largestRelativeLoad.lte(plan.search.startLargestRelativeLoad)).toBe(true);
      expect(plan.largestRelativeLoad.gte('364.09')).toBe(true);
      expect(plan.lowerBound.lte('364.09')).toBe(true);
      expect(plan.assignments.every((a) => a.shares.length === 1)).toBe(true);
    });
  });

  it('lists loads in the order the reps were given and assignments in the order of the units', () => {
    const plan = balanceTerritories(units([1, 2, 3]), [{ id: 'Z' }, { id: 'A' }]);
    expect(plan.loads.map((l) => l.repId)).toEqual(['Z', 'A']);
    expect(plan.assignments.map((a) => a.unitId)).toEqual(['u1', 'u2', 'u3']);
  });

  it('does not mutate its arguments', () => {
    const book = [{ id: 'a', weight: '3', owner: 'A', splittable: { granularity: '1' } }, { id: 'b', weight: 2, locked: true, owner: 'B' }];
    const reps = [{ id: 'A', capacity: '1.5' }, { id: 'B' }];
    const options = { maxMoves: 2, objective: 'spread' as const };
    const before = JSON.stringify([book, reps, options]);
    balanceTerritories(book, reps, options);
    expect(JSON.stringify([book, reps, options])).toBe(before);
  });

  it('throws FunnelError for programmer errors', () => {
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return e instanceof FunnelError ? e.code : 'not a FunnelError';
      }
      return undefined;
    };
    const reps = [{ id: 'A' }];
    expect(code(() => balanceTerritories(units([1]), []))).toBe('invalid_argument');
    expect(code(() => balanceTerritories([{ id: 'x', weight: 1 }, { id: 'x', weight: 2 }], reps))).toBe('invalid_argument');
    expect(code(() => balanceTerritories(units([1]), [{ id: 'A' }, { id: 'A' }]))).toBe('invalid_argument');
    expect(code(() => balanceTerritories(units([-1]), reps))).toBe('invalid_argument');
    expect(code(() => balanceTerritories(units([1]), [{ id: 'A', capacity: 0 }]))).toBe('invalid_argument');
    expect(code(() => balanceTerritories([{ id: 'x', weight: 1, locked: true }], reps))).toBe('invalid_argument');
    expect(code(() => balanceTerritories([{ id: 'x', weight: 1, owner: 'B', locked: true }], reps))).toBe('invalid_argument');
    expect(code(() => balanceTerritories([{ id: 'x', weight: 1, splittable: { granularity: 0 } }], reps))).toBe('invalid_argument');
    expect(code(() => balanceTerritories(units(['1.2.3']), reps))).toBe('invalid_amount');
    expect(code(() => balanceTerritories(units([1]), reps, { maxMoves: -1 }))).toBe('invalid_option');
    expect(code(() => balanceTerritories(units([1]), reps, { maxNodes: 1.5 }))).toBe('invalid_option');
    expect(code(() => balanceTerritories(units([1]), reps, { objective: 'median' as never }))).toBe('invalid_option');
    expect(code(() => balanceTerritories(units([1]), reps, { timeLimitMs: Number.NaN }))).toBe('invalid_option');
    // 5 000 001 pieces: one more than the limit, refused before any piece is made.
    expect(code(() => balanceTerritories([{ id: 'x', weight: 5_000_001, splittable: { granularity: 1 } }], reps))).toBe('limit_exceeded');
    expect(code(() => balanceTerritories([{ id: 'x', weight: 1e15, splittable: { granularity: '0.001' } }], reps))).toBe('limit_exceeded');
  });

  it('names the bad unit or rep by its place in the input, with the reason', () => {
    // A value that is not a decimal: invalid_amount, the place in the reason's params.
    const notDecimal = (f: () => unknown) => {
      const e = thrown(f);
      const { reason } = e.params as unknown as { reason: { code: string; params: { name: string } } };
      return [e.code, reason.code, reason.params.name];
    };
    const reps = [{ id: 'B' }, { id: 'A' }];
    // Reps are read in id order, but named by their place in the input: the second 'A' is reps[2].
    expect(reasoned(() => balanceTerritories(units([1]), [{ id: 'A' }, { id: 'B' }, { id: 'A' }]))).toEqual(['invalid_argument', 'reps[2].id', 'duplicate_rep_id', { id: 'A' }]);
    expect(reasoned(() => balanceTerritories(units([1]), [{ id: 'B' }, { id: 'A', capacity: 0 }]))).toEqual(['invalid_argument', 'reps[1].capacity', 'more_than', { min: 0 }]);
    expect(notDecimal(() => balanceTerritories(units([1]), [{ id: 'B' }, { id: 'A', capacity: 'x' }]))).toEqual(['invalid_amount', 'not_a_decimal', 'reps[1].capacity']);
    expect(reasoned(() => balanceTerritories(units([1]), [{ id: 'A' }, { id: '' }]))).toEqual(['invalid_argument', 'reps[1].id', 'must_be_non_empty_string', null]);
    expect(reasoned(() => balanceTerritories(units([1]), []))).toEqual(['invalid_argument', 'reps', 'at_least_one_rep', null]);
    expect(reasoned(() => balanceTerritories(5 as never, reps))).toEqual(['invalid_argument', 'units', 'must_be_array', null]);
    expect(reasoned(() => balanceTerritories([{ id: 'x', weight: 1 }, { id: '', weight: 1 }], reps))).toEqual(['invalid_argument', 'units[1].id', 'must_be_non_empty_string', null]);
    expect(reasoned(() => balanceTerritories([{ id: 'x', weight: 1 }, { id: 'y', weight: 1 }, { id: 'x', weight: 2 }], reps))).toEqual([
      'invalid_argument',
      'units[2].id',
      'duplicate_unit_id',
      { id: 'x' },
    ]);
    expect(notDecimal(() => balanceTerritories([{ id: 'x', weight: 1 }, { id: 'y', weight: 'heavy' }], reps))).toEqual(['invalid_amount', 'not_a_decimal', 'units[1].weight']);
    expect(reasoned(() => balanceTerritories([{ id: 'x', weight: 1 }, { id: 'y', weight: -1 }], reps))).toEqual(['invalid_argument', 'units[1].weight', 'at_least', { min: 0 }]);
    expect(notDecimal(() => balanceTerritories([{ id: 'x', weight: 1 }, { id: 'y', weight: 1, workload: 'much' }], reps))).toEqual(['invalid_amount', 'not_a_decimal', 'units[1].workload']);
    expect(reasoned(() => balanceTerritories([{ id: 'x', weight: 1 }, { id: 'y', weight: 1, workload: -2 }], reps))).toEqual(['invalid_argument', 'units[1].workload', 'at_least', { min: 0 }]);
    expect(reasoned(() => balanceTerritories([{ id: 'x', weight: 1 }, { id: 'y', weight: 1, owner: 'C', locked: true }], reps))).toEqual([
      'invalid_argument',
      'units[1].locked',
      'owner_not_a_rep',
      { owner: 'C' },
    ]);
    expect(reasoned(() => balanceTerritories([{ id: 'x', weight: 1, locked: true }], reps))).toEqual(['invalid_argument', 'units[0].locked', 'owner_not_a_rep', { owner: 'undefined' }]);
    expect(notDecimal(() => balanceTerritories([{ id: 'x', weight: 1 }, { id: 'y', weight: 1, splittable: { granularity: 'fine' } }], reps))).toEqual(['invalid_amount', 'not_a_decimal', 'units[1].splittable.granularity']);
    expect(reasoned(() => balanceTerritories([{ id: 'x', weight: 1 }, { id: 'y', weight: 1, splittable: { granularity: -1 } }], reps))).toEqual([
      'invalid_argument',
      'units[1].splittable.granularity',
      'more_than',
      { min: 0 },
    ]);
    // A locked unit is never split: its granularity is not read at all.
    expect(balanceTerritories([{ id: 'x', weight: 1, owner: 'A', locked: true, splittable: { granularity: 'fine' } }], reps).assignments).toHaveLength(1);
  });

  it('reports the limit of 5 000 000 pieces, counting the pieces of every split unit', () => {
    try {
      balanceTerritories(
        [
          { id: 'a', weight: 3_000_000, splittable: { granularity: 1 } },
          { id: 'b', weight: 2_000_001, splittable: { granularity: 1 } },
        ],
        [{ id: 'A' }],
      );
      expect.unreachable();
    } catch (e) {
      expect((e as FunnelError).code).toBe('limit_exceeded');
      expect((e as FunnelError).params).toMatchObject({ limit: 5_000_000 });
    }
  });
});

describe('balanceTerritories: large books (more than 20 000 pieces)', () => {
  it('25 units of 1 000 split in pieces of 1 over 4 reps: 6 250 each, on the bound, from the greedy start', () => {
    const book = Array.from({ length: 25 }, (_, i) => ({ id: `region${String(i).padStart(2, '0')}`, weight: 1000, splittable: { granularity: 1 } }));
    const plan = balanceTerritories(book, [{ id: 'A' }, { id: 'B' }, { id: 'C' }, { id: 'D' }]);
    expect(loadsOf(plan)).toEqual(['6250', '6250', '6250', '6250']);
    expect(plan.lowerBound.toString()).toBe('6250');
    expect(plan.provenOptimal).toBe(true);
    // Large-book mode: no differencing start (it would need memory in pieces × reps).
    expect(plan.search.start).toBe('greedy');
    // Shares add up to each unit.
    for (const a of plan.assignments) expect(a.shares.reduce((t, x) => t + x.weight.toNumber(), 0)).toBe(1000);
  });

  it('one split unit of 30 000 owned by A, one move allowed: A and one other rep share it 15 000 / 15 000', () => {
    // Only one rep besides the owner may receive shares, so A + B carry 30 000: 15 000 is the
    // best there is. The bound (30 000 / 3 = 10 000) ignores the move budget: not proven.
    const reps = [{ id: 'A' }, { id: 'B' }, { id: 'C' }];
    const plan = balanceTerritories([{ id: 'big', weight: 30_000, owner: 'A', splittable: { granularity: 1 } }], reps, { maxMoves: 1 });
    const [a, b, c] = loadsOf(plan);
    expect(a).toBe('15000');
    expect([b, c].sort()).toEqual(['0', '15000']);
    const to = b === '15000' ? 'B' : 'C';
    expect(plan.moveCount).toBe(1);
    expect(plan.moves).toEqual([expect.objectContaining({ unitId: 'big', from: 'A', to, forced: false })]);
    expect(plan.lowerBound.toString()).toBe('10000');
    expect(plan.gap).toBe(0.5);
    expect(plan.provenOptimal).toBe(false);
    expect(plan.search.start).toBe('current_plan');
    expect(plan.search.exact).toBe('too_large');
    // Each improvement moved one piece of 1 from A to B.
    expect(plan.search.iterations).toBe(15_000);
  });

  it('gives the same plan whatever the order of units and reps', () => {
    const book = Array.from({ length: 24 }, (_, i) => ({ id: `u${i}`, weight: 900 + 7 * i, splittable: { granularity: 1 }, ...(i % 4 === 0 ? { owner: 'B' } : {}) }));
    const reps = [{ id: 'A' }, { id: 'B', capacity: '1.5' }, { id: 'C' }];
    const a = balanceTerritories(book, reps);
    const b = balanceTerritories([...book].reverse(), [...reps].reverse());
    const byUnit = (plan: TerritoryPlan) =>
      Object.fromEntries(plan.assignments.map((x) => [x.unitId, x.shares.map((s) => `${s.repId}:${s.weight.toString()}`).join(' ')]));
    expect(byUnit(b)).toEqual(byUnit(a));
    expect(a.largestRelativeLoad.toString()).toBe(b.largestRelativeLoad.toString());
    // 23 532 pieces of 1 (24 × 900 + 7 × 276) over capacity 3.5: 6 723.43 a unit of capacity,
    // rounded up to a relative load B (1.5) can take: 10 086 / 1.5 = 6 724. A and C carry 6 723.
    expect(loadsOf(a)).toEqual(['6723', '10086', '6723']);
    expect(a.lowerBound.toString()).toBe('6724');
    expect(a.provenOptimal).toBe(true);
  });
});
