// balanceTerritories: laws that tie the exact paths together (issue #18).
//
// (1) Weights of 2^50 smallest units and more are read through BigInt (off the fast path of
//     doubles). Multiplying every weight and granularity by 2^50 changes no comparison the
//     search makes in doubles (a power of two scales every sum and quotient exactly), so the
//     plan must be the same plan, scaled.
// (2) The plan does not depend on the order of the units or the reps, with workloads, owners,
//     locks, splits and small budgets (where the search stops early and ties decide).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  balanceTerritories,
  Decimal,
  type BalanceTerritoriesOptions,
  type TerritoryPlan,
  type TerritoryRep,
  type TerritoryUnit,
} from '../../src/index.js';

interface Book {
  readonly units: TerritoryUnit[];
  readonly reps: TerritoryRep[];
  readonly options: BalanceTerritoriesOptions;
}

const REP_IDS = ['A', 'B', 'C', 'D'];

/** Books of up to 8 units (weights in tenths, at most 24 pieces) over 1–4 reps of capacity 1, 1.5 or 2. */
const bookArb: fc.Arbitrary<Book> = fc.integer({ min: 1, max: 4 }).chain((m) =>
  fc
    .record({
      caps: fc.array(fc.constantFrom('1', '1.5', '2'), { minLength: m, maxLength: m }),
      raw: fc.array(
        fc.record({
          tenths: fc.integer({ min: 0, max: 300 }),
          workload: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
          owner: fc.option(fc.integer({ min: 0, max: m }), { nil: undefined }),
          locked: fc.boolean(),
          split: fc.option(fc.integer({ min: 25, max: 80 }), { nil: undefined, freq: 3 }),
        }),
        { maxLength: 8 },
      ),
      objective: fc.constantFrom('max_relative_load', 'spread') as fc.Arbitrary<'max_relative_load' | 'spread'>,
      maxMoves: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      maxIterations: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    })
    .map(({ caps, raw, objective, maxMoves, maxIterations }) => {
      const reps = caps.map((c, i) => ({ id: REP_IDS[i] as string, capacity: c }));
      const units: TerritoryUnit[] = raw.map((u, i) => {
        // owner index m: a rep who left.
        const owner = u.owner === undefined ? undefined : u.owner === m ? 'gone' : (REP_IDS[u.owner] as string);
        const locked = u.locked && owner !== undefined && owner !== 'gone';
        return {
          id: `u${i}`,
          weight: new Decimal(u.tenths).div(10).toString(),
          ...(u.workload !== undefined ? { workload: u.workload } : {}),
          ...(owner !== undefined ? { owner } : {}),
          ...(locked ? { locked } : {}),
          ...(u.split !== undefined && !locked ? { splittable: { granularity: new Decimal(u.split).div(10).toString() } } : {}),
        };
      });
      const options: BalanceTerritoriesOptions = {
        objective,
        ...(maxMoves !== undefined ? { maxMoves } : {}),
        ...(maxIterations !== undefined ? { maxIterations } : {}),
      };
      return { units, reps, options };
    }),
);

const SCALE = new Decimal(2).pow(50);

/** The same book with every weight and granularity × 2^50. */
function scaledBook(book: Book): Book {
  return {
    ...book,
    units: book.units.map((u) => ({
      ...u,
      weight: new Decimal(u.weight).times(SCALE).toFixed(),
      ...(u.splittable !== undefined ? { splittable: { granularity: new Decimal(u.splittable.granularity).times(SCALE).toFixed() } } : {}),
    })),
  };
}

/** The plan as facts that do not depend on the order of the input or on the unit of weight (`per`). */
function facts(plan: TerritoryPlan, per: Decimal): unknown {
  return {
    shares: plan.assignments
      .map((a) => `${a.unitId}:${a.shares.map((s) => `${s.repId}=${s.weight.div(per).toString()}/${s.workload.toString()}`).join(',')}`)
      .sort(),
    loads: plan.loads.map((l) => `${l.repId}=${l.load.div(per).toString()}/${l.workload.toString()}`).sort(),
    moves: plan.moves.map((mv) => `${mv.unitId}:${mv.from}→${mv.to}=${mv.weight.div(per).toString()}:${mv.forced}`).sort(),
    moveCount: plan.moveCount,
    start: plan.search.start,
    iterations: plan.search.iterations,
  };
}

/** The figures that are rounded quotients (40 significant digits). */
const quotients = (plan: TerritoryPlan): Decimal[] => [
  plan.largestRelativeLoad,
  plan.smallestRelativeLoad,
  plan.spread,
  plan.search.startLargestRelativeLoad,
  plan.search.startSpread,
];

const checkScaled = (book: Book): void => {
  // No exact phase: on the scaled book it would be 'imprecise' (beyond 2^53).
  const options = { ...book.options, maxNodes: 0 };
  const small = balanceTerritories(book.units, book.reps, options);
  const big = balanceTerritories(scaledBook(book).units, book.reps, options);
  expect(facts(big, SCALE)).toEqual(facts(small, new Decimal(1)));
  // Quotients are rounded to 40 digits in each unit: equal to within a part in 10^38.
  const q = quotients(small);
  quotients(big).forEach((x, k) => {
    const expected = q[k]!.times(SCALE);
    expect(x.minus(expected).abs().lte(expected.abs().times('1e-38'))).toBe(true);
  });
  // The bound is rounded up to a value a relative load can take: a whole number of weight
  // steps (the finest decimal step of the book's weights) over a rep's capacity. The scaled
  // book's step (at most 1: its weights have no more decimals than the small book's) is not
  // 2^50 times the small book's (0.1 · 2^50 is not a whole number of steps of 1), so the
  // scaled bound may round up past the small one's, scaled, but by less than one of its steps
  // over the largest capacity (e.g. 5.5 over capacities 1 and 1.5: 2.2 is a load the small
  // book can reach, 2.2 · 2^50 is not a whole number). It never falls below the average load
  // per unit of capacity.
  const total = book.units.reduce((a, u) => a.plus(u.weight), new Decimal(0));
  const capacities = book.reps.map((r) => new Decimal(r.capacity ?? 1));
  const capacity = capacities.reduce((a, c) => a.plus(c), new Decimal(0));
  const largest = Decimal.max(...capacities);
  expect(big.lowerBound.lte(small.lowerBound.times(SCALE).plus(new Decimal(1).div(largest)))).toBe(true);
  expect(big.lowerBound.gte(total.times(SCALE).div(capacity).toDecimalPlaces(0, Decimal.ROUND_FLOOR))).toBe(true);
  expect(big.largestRelativeLoad.gte(big.lowerBound)).toBe(true);
};

const checkOrder = (book: Book, units: TerritoryUnit[], reps: TerritoryRep[]): void => {
  const options = { ...book.options, maxNodes: 2_000 };
  const a = balanceTerritories(book.units, book.reps, options);
  const b = balanceTerritories(units, reps, options);
  const one = new Decimal(1);
  expect(facts(b, one)).toEqual(facts(a, one));
  expect(quotients(b).map(String)).toEqual(quotients(a).map(String));
  expect([b.lowerBound.toString(), b.provenOptimal, b.search.exact, b.search.nodes]).toEqual([
    a.lowerBound.toString(),
    a.provenOptimal,
    a.search.exact,
    a.search.nodes,
  ]);
};

describe('balanceTerritories: the BigInt path gives the plan of the fast path', () => {
  it('a book × 2^50 (every weight and granularity) gets the same plan, scaled', () => {
    fc.assert(fc.property(bookArb, checkScaled), { numRuns: 100 });
  });
});

describe('balanceTerritories: the order of the input does not matter', () => {
  it('shuffled units and reps give the same plan, workloads, moves and search report', () => {
    fc.assert(
      fc.property(
        bookArb.chain((book) =>
          fc.record({
            book: fc.constant(book),
            units: fc.shuffledSubarray(book.units, { minLength: book.units.length }),
            reps: fc.shuffledSubarray(book.reps, { minLength: book.reps.length }),
          }),
        ),
        ({ book, units, reps }) => checkOrder(book, units, reps),
      ),
      { numRuns: 100 },
    );
  });
});
