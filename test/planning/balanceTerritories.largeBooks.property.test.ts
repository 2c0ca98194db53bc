// The laws of balanceTerritories in large-book mode, in a file of their own: each run balances
// a book of more than 20 000 pieces (see balanceTerritories.property.test.ts for the rest).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceTerritories, type TerritoryUnit } from '../../src/index.js';
import { canonical, checkInvariants, greedy, type Instance, instanceArb, model, toDec } from './_territoryInstances.js';

describe('balanceTerritories: laws in large-book mode (more than 20 000 pieces)', () => {
  // Any instance, plus a unit of 2 000.1 split in pieces of 0.1: 20 001 pieces of one tenth,
  // which puts the search in its large-book mode.
  const largeArb = instanceArb(20, 8, 60, 200).chain((inst) =>
    fc.record({
      inst: fc.constant(inst),
      fillerOwner: fc.option(fc.constantFrom(...inst.reps.map((r) => r.id)), { nil: undefined }),
      checkOrder: fc.boolean(),
    }),
  );

  it('constraints hold, largest ≥ bound, never worse than greedy, the same plan in any order', () => {
    fc.assert(
      fc.property(largeArb, ({ inst: small, fillerOwner, checkOrder }) => {
        const filler: TerritoryUnit = { id: 'zz-filler', weight: '2000.1', splittable: { granularity: '0.1' }, ...(fillerOwner !== undefined ? { owner: fillerOwner } : {}) };
        const inst: Instance = { ...small, units: [...small.units, filler] };
        const plan = balanceTerritories(inst.units, inst.reps, inst.options);
        checkInvariants(inst, plan);
        // No differencing start in large-book mode.
        expect(plan.search.start).not.toBe('differencing');
        if (inst.options.maxMoves === undefined) {
          const md = model(inst);
          const spread = inst.options.objective === 'spread';
          expect((spread ? plan.spread : plan.largestRelativeLoad).lte(toDec(greedy(md, inst, spread)))).toBe(true);
        }
        if (checkOrder) {
          const again = balanceTerritories([...inst.units].reverse(), [...inst.reps].reverse(), inst.options);
          expect(canonical(again)).toEqual(canonical(plan));
        }
      }),
      { numRuns: 12 },
    );
  });
});
