// scaleProblem (src/planning/_lib/territories/scale.ts): stage 2 of territory balancing,
// the instance in integers. Every value below is worked by hand from the units given.
import { describe, expect, it } from 'vitest';
import { readTerritoryInput } from '../../../../src/planning/_lib/territories/input.js';
import { bigAt, LARGE_BOOK, MAX_ITEMS, scaleProblem } from '../../../../src/planning/_lib/territories/scale.js';
import type { BalanceTerritoriesOptions, TerritoryRep, TerritoryUnit } from '../../../../src/planning/territoryTypes.js';
import { thrown } from '../../../_errors.js';

const reps: TerritoryRep[] = [{ id: 'r0' }, { id: 'r1' }, { id: 'r2' }];
const scale = (units: TerritoryUnit[], options: BalanceTerritoriesOptions = {}, withReps: TerritoryRep[] = reps, maxItems?: number) =>
  scaleProblem(readTerritoryInput(units, withReps, options), maxItems);

describe('scaleProblem', () => {
  it('weights become whole numbers of their finest decimal step, heaviest first, ties by unit id', () => {
    // Units by id: a = 0, b = 1, c = 2, d = 3. Two decimal places (0.25): 1.5 → 150, 2 → 200, 0.25 → 25.
    const sp = scale([
      { id: 'c', weight: '0.25' },
      { id: 'b', weight: 2 },
      { id: 'a', weight: '1.5' },
      { id: 'd', weight: '1.50' },
    ]);
    expect(sp.digits).toBe(2);
    expect(sp.fast).toBe(true);
    expect(sp.big).toBeUndefined();
    expect([...sp.problem.w]).toEqual([200, 150, 150, 25]);
    expect([...sp.problem.unit]).toEqual([1, 0, 3, 2]);
    expect(sp.problem.n).toBe(4);
    // bigAt reads the double on the fast path.
    expect([0, 1, 2, 3].map((i) => bigAt(sp, i))).toEqual([200n, 150n, 150n, 25n]);
  });

  it('capacities get their own decimal places', () => {
    const sp = scale([{ id: 'a', weight: 1 }], {}, [
      { id: 'r0', capacity: '1.25' },
      { id: 'r1', capacity: 3 },
    ]);
    expect(sp.capDigits).toBe(2);
    expect(sp.C).toEqual([125n, 300n]);
    expect([...sp.problem.cap]).toEqual([125, 300]);
  });

  it('workloads are scaled by their own finest step, locked ones into the owner fixed workload', () => {
    // One decimal place among the workloads (0.5, 1.5): × 10.
    const sp = scale([
      { id: 'a', weight: 3, workload: '1.5' },
      { id: 'b', weight: 2, workload: 2 },
      { id: 'c', weight: 4, workload: '0.5', owner: 'r1', locked: true },
      { id: 'd', weight: 1 },
    ]);
    expect([...sp.problem.w]).toEqual([3, 2, 1]);
    expect([...sp.problem.work]).toEqual([15, 20, 0]);
    expect([...sp.problem.fixedWork]).toEqual([0, 5, 0]);
    expect(sp.fixed).toEqual([0n, 4n, 0n]);
    expect([...sp.problem.fixed]).toEqual([0, 4, 0]);
    expect([...sp.problem.pinned]).toEqual([0, 1, 0]);
  });

  it('a splittable unit becomes pieces of its granularity, the last taking the rest, its workload shared by weight', () => {
    // a: 10 in pieces of 3 → 3, 3, 3, 1, workload 5 shared 1.5 each and 0.5.
    // b: granularity 5 above its weight 2 → one piece, not a split unit.
    const sp = scale([
      { id: 'a', weight: 10, workload: 5, splittable: { granularity: 3 } },
      { id: 'b', weight: 2, workload: 1, splittable: { granularity: 5 } },
    ]);
    expect([...sp.problem.w]).toEqual([3, 3, 3, 2, 1]);
    expect([...sp.problem.unit]).toEqual([0, 0, 0, 1, 0]);
    expect([...sp.problem.split]).toEqual([0, 0, 0, -1, 0]);
    expect(sp.problem.splitCount).toBe(1);
    expect([...sp.problem.work]).toEqual([1.5, 1.5, 1.5, 1, 0.5]);
  });

  it('takes the double path while each scaled weight is below 2^50 and their total below 2^52', () => {
    expect(scale([{ id: 'a', weight: String(2 ** 50 - 1) }]).fast).toBe(true);
    expect(scale([{ id: 'a', weight: String(2 ** 50) }]).fast).toBe(false);
    // The limit is on the scaled weight: beside 0.5 (one decimal place), 2^47 becomes 10 × 2^47, above 2^50.
    expect(scale([{ id: 'a', weight: 2 ** 47 }, { id: 'b', weight: 1 }]).fast).toBe(true);
    expect(scale([{ id: 'a', weight: 2 ** 47 }, { id: 'b', weight: '0.5' }]).fast).toBe(false);
    // Four weights of 2^50 - 1 and a fifth of 3 or 4: a total of 2^52 - 1 or exactly 2^52.
    const four = [0, 1, 2, 3].map((k) => ({ id: `u${k}`, weight: String(2 ** 50 - 1) }));
    expect(scale([...four, { id: 'v', weight: 3 }]).fast).toBe(true);
    expect(scale([...four, { id: 'v', weight: 4 }]).fast).toBe(false);
  });

  it('off the double path keeps every weight exact as a bigint, sorted heaviest first, ties by unit id', () => {
    // 2^53 + 1 is not a double: as one it would equal 2^53.
    const sp = scale([
      { id: 'a', weight: '9007199254740992' },
      { id: 'b', weight: '9007199254740993' },
      { id: 'c', weight: '9007199254740992' },
      { id: 'd', weight: 5 },
      { id: 'e', weight: '9007199254740992' },
    ]);
    expect(sp.fast).toBe(false);
    expect(sp.big).toStrictEqual([2n ** 53n + 1n, 2n ** 53n, 2n ** 53n, 2n ** 53n, 5n]);
    expect([...sp.problem.unit]).toEqual([1, 0, 2, 4, 3]);
    expect([0, 1, 4].map((i) => bigAt(sp, i))).toEqual([2n ** 53n + 1n, 2n ** 53n, 5n]);
    // Classes by the exact weights: b alone, then a, c and e together.
    expect([...sp.problem.cls]).toEqual([0, 1, 1, 1, 2]);
  });

  it('without a move budget, items of equal weight form one class, numbered in order', () => {
    const sp = scale([
      { id: 'a', weight: 3, owner: 'r0' },
      { id: 'b', weight: 3, owner: 'r1' },
      { id: 'c', weight: 2 },
      { id: 'd', weight: 2, owner: 'r1' },
      { id: 'e', weight: 1 },
    ]);
    expect([...sp.problem.cls]).toEqual([0, 0, 1, 1, 2]);
    expect(sp.problem.maxMoves).toBe(Number.POSITIVE_INFINITY);
  });

  it('under a move budget, equal items are interchangeable only with the same owner or the same split unit', () => {
    // Weight 2: a (r0), b (r2), c (no owner), d (r0), and s in two pieces of 2 (split unit 0, no owner).
    // Weight 1: e (r2) and f (r2).
    const sp = scale(
      [
        { id: 'a', weight: 2, owner: 'r0' },
        { id: 'b', weight: 2, owner: 'r2' },
        { id: 'c', weight: 2 },
        { id: 'd', weight: 2, owner: 'r0' },
        { id: 'e', weight: 1, owner: 'r2' },
        { id: 'f', weight: 1, owner: 'r2' },
        { id: 's', weight: 4, splittable: { granularity: 2 } },
      ],
      { maxMoves: 1 },
    );
    expect([...sp.problem.unit]).toEqual([0, 1, 2, 3, 6, 6, 4, 5]);
    expect([...sp.problem.split]).toEqual([-1, -1, -1, -1, 0, 0, -1, -1]);
    expect([...sp.problem.owner]).toEqual([0, 2, -1, 0, -1, -1, 2, 2]);
    expect([...sp.problem.cls]).toEqual([0, 1, 2, 0, 3, 3, 4, 4]);
    expect(sp.problem.maxMoves).toBe(1);
  });

  it('names the objective for the search', () => {
    expect(scale([{ id: 'a', weight: 1 }], { objective: 'spread' }).problem.goal).toBe('spread');
    expect(scale([{ id: 'a', weight: 1 }], { objective: 'max_relative_load' }).problem.goal).toBe('max');
    expect(scale([{ id: 'a', weight: 1 }]).problem.goal).toBe('max');
  });

  it('switches to the large-book mode above LARGE_BOOK pieces', () => {
    const pieces = (n: number) => scale([{ id: 'a', weight: n, splittable: { granularity: 1 } }]).problem;
    expect(pieces(LARGE_BOOK).n).toBe(LARGE_BOOK);
    expect(pieces(LARGE_BOOK).large).toBe(false);
    expect(pieces(LARGE_BOOK + 1).large).toBe(true);
  });

  it('accepts exactly as many pieces as the limit and refuses one more, wherever it comes from', () => {
    const withLimit = (units: TerritoryUnit[]) => scale(units, {}, reps, 10);
    const exact = withLimit([{ id: 'a', weight: 10, splittable: { granularity: 1 } }]).problem;
    expect(exact.n).toBe(10);
    expect(thrown(() => withLimit([{ id: 'a', weight: 11, splittable: { granularity: 1 } }])).params).toMatchObject({ limit: 10 });
    // A remainder piece makes the one too many.
    expect(thrown(() => withLimit([{ id: 'a', weight: '10.5', splittable: { granularity: 1 } }])).code).toBe('limit_exceeded');
    // Units before the split unit count: 3 + 8 pieces, or 2 + 8.
    expect(thrown(() => withLimit([{ id: 'a', weight: 1 }, { id: 'b', weight: 1 }, { id: 'c', weight: 1 }, { id: 'd', weight: 8, splittable: { granularity: 1 } }])).code).toBe('limit_exceeded');
    expect(withLimit([{ id: 'a', weight: 1 }, { id: 'b', weight: 1 }, { id: 'd', weight: 8, splittable: { granularity: 1 } }]).problem.n).toBe(10);
    // The default limit, refused before anything is allocated for the pieces.
    expect(thrown(() => scale([{ id: 'a', weight: MAX_ITEMS + 1, splittable: { granularity: 1 } }])).params).toMatchObject({ limit: MAX_ITEMS });
  });
});
