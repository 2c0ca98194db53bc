import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceTerritories } from '../../src/index.js';
import { bruteForce, canonical, checkInvariants, greedy, instanceArb, model, toDec } from './_territoryInstances.js';

describe('balanceTerritories: laws on small instances, against brute force', () => {
  it('bound ≤ optimum ≤ result, proven means optimal, never worse than greedy, constraints hold', () => {
    fc.assert(
      fc.property(instanceArb(6, 3, 7, 20), (inst) => {
        const plan = balanceTerritories(inst.units, inst.reps, inst.options);
        checkInvariants(inst, plan);
        const md = model(inst);
        const spread = inst.options.objective === 'spread';
        const maxMoves = inst.options.maxMoves ?? Number.POSITIVE_INFINITY;
        const opt = bruteForce(md, spread, maxMoves);
        const achieved = spread ? plan.spread : plan.largestRelativeLoad;
        expect(achieved.gte(toDec(opt))).toBe(true);
        if (plan.provenOptimal) expect(achieved.eq(toDec(opt))).toBe(true);
        // The lower bound is on the largest relative load of any plan within the moves
        // budget once the search has raised it, so compare with that optimum.
        const optMax = bruteForce(md, false, maxMoves);
        expect(plan.lowerBound.lte(toDec(optMax))).toBe(true);
        // With no budget on moves, the documented greedy is a baseline we never lose to.
        if (inst.options.maxMoves === undefined) expect(achieved.lte(toDec(greedy(md, inst, spread)))).toBe(true);
        // Small instances are always solved exactly with the default budget.
        expect(plan.provenOptimal).toBe(true);
      }),
      { numRuns: 250 },
    );
  });

  it('the plan does not depend on the order of units or reps', () => {
    fc.assert(
      fc.property(
        instanceArb(7, 3, 9, 30).chain((inst) =>
          fc.record({ inst: fc.constant(inst), us: fc.shuffledSubarray(inst.units, { minLength: inst.units.length }), rs: fc.shuffledSubarray(inst.reps, { minLength: inst.reps.length }) }),
        ),
        ({ inst, us, rs }) => {
          const a = balanceTerritories(inst.units, inst.reps, inst.options);
          const b = balanceTerritories(us, rs, inst.options);
          expect(canonical(b)).toEqual(canonical(a));
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('balanceTerritories: laws on larger instances', () => {
  it('constraints hold, largest ≥ bound, never worse than greedy', () => {
    fc.assert(
      fc.property(instanceArb(60, 8, 120, 500), (inst) => {
        const plan = balanceTerritories(inst.units, inst.reps, { ...inst.options, maxNodes: 20_000 });
        checkInvariants(inst, plan);
        if (inst.options.maxMoves === undefined) {
          const md = model(inst);
          const spread = inst.options.objective === 'spread';
          expect((spread ? plan.spread : plan.largestRelativeLoad).lte(toDec(greedy(md, inst, spread)))).toBe(true);
        }
      }),
      { numRuns: 120 },
    );
  });
});
