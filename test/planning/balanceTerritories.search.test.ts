// balanceTerritories: what the search reports and the rules it follows, on books small enough
// to check by hand (issue #18): the starts and their tie-breaks, the exact phase and its
// statuses, the workload polish, the guards that keep a plan from getting worse, splitting,
// the shape of the result and the validation of the arguments.
import { describe, expect, it } from 'vitest';
import { balanceTerritories, type TerritoryPlan, type TerritoryRep, type TerritoryUnit } from '../../src/index.js';
import { thrown } from '../_errors.js';

const units = (weights: readonly (number | string)[]): TerritoryUnit[] => weights.map((w, i) => ({ id: `u${i + 1}`, weight: w }));
const twoReps: TerritoryRep[] = [{ id: 'A' }, { id: 'B' }];
const threeReps: TerritoryRep[] = [{ id: 'A' }, { id: 'B' }, { id: 'C' }];
/** Only the constructive starts (and the relabelling for owners). */
const startsOnly = { maxNodes: 0, maxIterations: 0 } as const;
const loadsOf = (plan: TerritoryPlan): string[] => plan.loads.map((l) => l.load.toString());
const unitsOf = (plan: TerritoryPlan): Record<string, readonly string[]> => Object.fromEntries(plan.loads.map((l) => [l.repId, l.unitIds]));
const sharesOf = (plan: TerritoryPlan, unitId: string): string[] =>
  (plan.assignments.find((a) => a.unitId === unitId)?.shares ?? []).map((s) => `${s.repId}=${s.weight.toString()}`);

/** A hard book: 14 units in cents over 3 reps, whose optimum 364.09 lies above the plain bound 363.98. */
const HARD = ['101.17', '99.53', '97.11', '93.89', '91.07', '88.61', '83.27', '79.43', '71.59', '67.31', '61.13', '57.29', '53.03', '47.51'];
const HARD_CENTS = HARD.map((w) => BigInt(w.replace('.', '')));
const hardUnits = (): TerritoryUnit[] => HARD.map((w, i) => ({ id: `h${String(i).padStart(2, '0')}`, weight: w }));
const zeroUnits = (count: number): TerritoryUnit[] => Array.from({ length: count }, (_, i) => ({ id: `z${String(i).padStart(3, '0')}`, weight: 0 }));
/** The hard book in cents × `factor`, plus one unit of `extra` cents (all as whole numbers). */
const scaledHard = (factor: bigint, extra: bigint): TerritoryUnit[] => [
  ...HARD_CENTS.map((c, i) => ({ id: `h${String(i).padStart(2, '0')}`, weight: (c * factor).toString() })),
  { id: 'x', weight: extra.toString() },
];

describe('balanceTerritories: the constructive starts', () => {
  it("differencing beats greedy on [8, 7, 6, 5, 4] over 2 reps: 16 | 14 against greedy's 17 | 13", () => {
    // Greedy: 8→A, 7→B, 6→B, 5→A, 4→A = 17 | 13. Karmarkar–Karp: differences 8−7 = 1, 6−5 = 1,
    // then {4, 1, 1}: 4−1 = 3, {3, 1}: 3−1 = 2: loads (30 ± 2) / 2 = 16 | 14.
    const plan = balanceTerritories(units([8, 7, 6, 5, 4]), twoReps, startsOnly);
    expect(plan.search.start).toBe('differencing');
    expect(plan.search.startLargestRelativeLoad.toString()).toBe('16');
    expect(plan.search.startSpread.toString()).toBe('2');
    expect(loadsOf(plan).sort()).toEqual(['14', '16']);
  });

  it('on a tie with as many moves, the first start (greedy) is kept: [3, 3, 2, 2, 2] over 2 reps', () => {
    // Greedy: 3→A, 3→B, 2→A, 2→B, 2→A = 7 | 5. Differencing: 3−3 = 0, 2−2 = 0, {2, 0, 0} → 2: 7 | 5.
    const plan = balanceTerritories(units([3, 3, 2, 2, 2]), twoReps, startsOnly);
    expect(plan.search.start).toBe('greedy');
    expect(loadsOf(plan)).toEqual(['7', '5']);
    expect(plan.provenOptimal).toBe(false);
  });

  it('on a tie, the start with fewer moves wins: the current plan, with no move at all', () => {
    // The same book, owned A = {u1, u4, u5} (3 + 2 + 2 = 7), B = {u2, u3} (5): every start has 7.
    // Greedy puts {u1, u3, u5} together, which costs 2 moves however its bundles are labelled;
    // the current plan costs none.
    const owners = ['A', 'B', 'B', 'A', 'A'];
    const book = units([3, 3, 2, 2, 2]).map((u, i) => ({ ...u, owner: owners[i] as string }));
    const plan = balanceTerritories(book, twoReps, startsOnly);
    expect(plan.search.start).toBe('current_plan');
    expect(plan.moveCount).toBe(0);
    expect(unitsOf(plan)).toEqual({ A: ['u1', 'u4', 'u5'], B: ['u2', 'u3'] });
  });

  it('the current plan is the start when every other start needs more moves than allowed', () => {
    // Four 5s owned by A, one move allowed: greedy and differencing move two units.
    const book = [5, 5, 5, 5].map((w, i) => ({ id: `u${i}`, weight: w, owner: 'A' }));
    const plan = balanceTerritories(book, twoReps, { maxMoves: 1 });
    expect(plan.search.start).toBe('current_plan');
    expect(plan.search.startLargestRelativeLoad.toString()).toBe('20');
    expect(loadsOf(plan)).toEqual(['15', '5']);
  });

  it('the spread compares relative loads: greedy 1 | 4 beats the current plan 3 | 2 over capacities 1 and 2', () => {
    // Greedy: a (2): A would be at 2, B at 1 → B; c (2): A 2, B 2 → B (the larger capacity);
    // b (1): A 1, B 2.5 → A. Relative loads 1 and 2: spread 1, one move (a). The current plan
    // A = {a, b} = 3, B = {c} = 2 has relative loads 3 and 1: spread 2, worse despite no move.
    const book = [
      { id: 'a', weight: 2, owner: 'A' },
      { id: 'b', weight: 1, owner: 'A' },
      { id: 'c', weight: 2, owner: 'B' },
    ];
    const plan = balanceTerritories(book, [{ id: 'A' }, { id: 'B', capacity: 2 }], { ...startsOnly, objective: 'spread' });
    expect(plan.search.start).toBe('greedy');
    expect(plan.spread.toString()).toBe('1');
    expect(unitsOf(plan)).toEqual({ A: ['b'], B: ['a', 'c'] });
    expect(plan.moveCount).toBe(1);
  });

  it('no differencing start when capacities differ: greedy', () => {
    const plan = balanceTerritories(units([8, 7, 6, 5, 4]), [{ id: 'A' }, { id: 'B', capacity: '1.01' }], startsOnly);
    expect(plan.search.start).toBe('greedy');
  });

  it('greedy breaks ties between equal units by unit id, whatever the input order', () => {
    // a first (3 = 3, ties by id): X would be at 3, Y (capacity 1.5) at 2 → Y. Then b: X 3, Y 4 → X.
    const plan = balanceTerritories([{ id: 'b', weight: 3 }, { id: 'a', weight: 3 }], [{ id: 'Y', capacity: '1.5' }, { id: 'X', capacity: 1 }], startsOnly);
    expect(unitsOf(plan)).toEqual({ Y: ['a'], X: ['b'] });
  });

  it('greedy breaks ties between reps of equal capacity by rep id, whatever the input order', () => {
    // a first: X and Y (capacity 1) would both be at 2, Z (0.5) at 4 → X, the smaller id. b → Y.
    const plan = balanceTerritories([{ id: 'b', weight: 2 }, { id: 'a', weight: 2 }], [{ id: 'Y' }, { id: 'Z', capacity: '0.5' }, { id: 'X' }], startsOnly);
    expect(unitsOf(plan)).toEqual({ Y: ['b'], Z: [], X: ['a'] });
  });

  it('greedy breaks a tie in relative load towards the larger capacity', () => {
    // u1 (2): A (capacity 1) would be at 2, B (capacity 2) at 1 → B. u2 (2): A 2, B 2 → B, the larger.
    const plan = balanceTerritories(units([2, 2]), [{ id: 'A' }, { id: 'B', capacity: 2 }], startsOnly);
    expect(unitsOf(plan)).toEqual({ A: [], B: ['u1', 'u2'] });
  });
});

describe('balanceTerritories: local improvement', () => {
  it('a swap turns Graham’s 7 | 5 into 6 | 6 in one iteration', () => {
    // Greedy 7 = {3, 2, 2} | 5 = {3, 2}: swapping the 3 on A for a 2 on B gives {2, 2, 2} | {3, 3}.
    const plan = balanceTerritories(units([3, 3, 2, 2, 2]), twoReps, { maxNodes: 0 });
    expect(loadsOf(plan)).toEqual(['6', '6']);
    expect(plan.search.iterations).toBe(1);
    expect(plan.search.exact).toBe('not_needed');
    expect(plan.provenOptimal).toBe(true);
  });

  it('keeps a step that unloads one of two most-loaded reps, though the largest load stays', () => {
    // a, b (3 each) owned by A, c, d (3 each) by B, C empty: 6 | 6 | 0. No start beats the
    // current plan's largest, 6 (four 3s over three reps: some rep takes two), and it has no
    // move, so it is the start. The improvement moves a from A to C: 3 | 6 | 3, still 6 at
    // most (B), so not worse than the start: kept (one move, one iteration). Nothing more
    // lowers B: moving c or d would make another rep 6.
    const owned: TerritoryUnit[] = [
      { id: 'a', weight: 3, owner: 'A' },
      { id: 'b', weight: 3, owner: 'A' },
      { id: 'c', weight: 3, owner: 'B' },
      { id: 'd', weight: 3, owner: 'B' },
    ];
    const plan = balanceTerritories(owned, threeReps, { maxMoves: 2, maxNodes: 0 });
    expect(plan.search.start).toBe('current_plan');
    expect(plan.search.startLargestRelativeLoad.toString()).toBe('6');
    expect(plan.search.iterations).toBe(1);
    expect(loadsOf(plan)).toEqual(['3', '6', '3']);
    expect(plan.moves.map((mv) => `${mv.unitId} ${mv.from}→${mv.to}`)).toEqual(['a A→C']);
    expect(plan.moveCount).toBe(1);
    expect(plan.provenOptimal).toBe(true);
  });

  it('keeps the start when the search, working in doubles, made it worse', () => {
    // Weights near 2^60, where doubles are 256 apart: a = 2^60 + 260, b = c = 2^60 + 130 round to
    // 2^60 + 256, d = 2^60 rounds to itself. Differencing pairs {b, c} | {a, d}: exactly 2^61 + 260
    // each, on the bound (2^62 + 520) / 2. In doubles, though, {b, c} = 2^61 + 512 looks heavier
    // than {a, d} = 2^61, and swapping b for d looks like 2^61 | 2^61: the search does it (one
    // iteration), which is exactly 2^61 + 130 | 2^61 + 390, worse. The exact check undoes it.
    const T = 2n ** 60n;
    const book = [T + 260n, T + 130n, T + 130n, T].map((w, i) => ({ id: 'abcd'[i] as string, weight: w.toString() }));
    const plan = balanceTerritories(book, twoReps);
    expect(plan.search.start).toBe('differencing');
    expect(plan.search.iterations).toBe(1);
    expect(plan.largestRelativeLoad.toFixed()).toBe((2n * T + 260n).toString());
    expect(plan.lowerBound.toFixed()).toBe((2n * T + 260n).toString());
    expect(unitsOf(plan)).toEqual({ A: ['b', 'c'], B: ['a', 'd'] });
    expect(plan.search.exact).toBe('not_needed');
    const spread = balanceTerritories(book, twoReps, { objective: 'spread' });
    expect(spread.spread.toString()).toBe('0');
    expect(unitsOf(spread)).toEqual({ A: ['b', 'c'], B: ['a', 'd'] });
  });
});

describe('balanceTerritories: the exact phase', () => {
  it("'not_needed' when the start meets the bound; proven without nodes", () => {
    const plan = balanceTerritories(units([5, 5]), twoReps);
    expect(plan.search.exact).toBe('not_needed');
    expect(plan.search.nodes).toBe(0);
    expect(plan.provenOptimal).toBe(true);
  });

  it("'node_limit' when the node budget runs out: not proven, the bound not raised", () => {
    const plan = balanceTerritories(hardUnits(), threeReps, { maxNodes: 1 });
    expect(plan.search.exact).toBe('node_limit');
    expect(plan.provenOptimal).toBe(false);
    expect(plan.lowerBound.toString()).toBe('363.98'); // 1 091.94 / 3
    expect(plan.largestRelativeLoad.gt('364.09')).toBe(true);
    expect(plan.gap).not.toBeNull();
    expect(plan.gap!).toBeGreaterThan(0);
  });

  it("256 items are searched exactly ('proved'); 257 are 'too_large'", () => {
    // The hard book plus 242 (then 243) units of weight 0: each is an item of its own.
    const at = balanceTerritories([...hardUnits(), ...zeroUnits(242)], threeReps);
    expect(at.search.exact).toBe('proved');
    expect(at.largestRelativeLoad.toString()).toBe('364.09');
    expect(at.provenOptimal).toBe(true);
    const over = balanceTerritories([...hardUnits(), ...zeroUnits(243)], threeReps);
    expect(over.search.exact).toBe('too_large');
    expect(over.search.nodes).toBe(0);
    expect(over.provenOptimal).toBe(false);
    expect(over.lowerBound.toString()).toBe('363.98');
  });

  it("'imprecise' beyond 2^53: the exact search runs up to a total of 2^53 − 1 smallest units", () => {
    // The hard book in cents × f with f = ⌊(2^53 − 1) / 109 194⌋ = 82 488 041 968, plus one unit of
    // e = 2^53 − 1 − 109 194·f = 87 199 cents: total exactly 2^53 − 1, which the exact search
    // takes (capacities 1: a relative load is the load). Its optimum is 36 409·f, the hard book's
    // 364.09 scaled, with the small unit where there is room. One cent more and it is 'imprecise'.
    const max = 2n ** 53n - 1n;
    const total = HARD_CENTS.reduce((a, c) => a + c, 0n);
    const f = max / total;
    const e = max - f * total;
    expect([total, f, e]).toEqual([109_194n, 82_488_041_968n, 87_199n]);
    const at = balanceTerritories(scaledHard(f, e), threeReps);
    expect(at.search.exact).toBe('proved');
    expect(at.largestRelativeLoad.toFixed()).toBe((36_409n * f).toString());
    expect(at.provenOptimal).toBe(true);
    const over = balanceTerritories(scaledHard(f, e + 1n), threeReps);
    expect(over.search.exact).toBe('imprecise');
    expect(over.search.nodes).toBe(0);
    expect(over.provenOptimal).toBe(false);
  });

  it('the exact search also runs off the fast path (a total of 2^52 or more, below 2^53)', () => {
    // The hard book × 2^36 (in cents: 109 194 × 2^36 ≈ 7.5 × 10^15, between 2^52 and 2^53).
    const f = 2n ** 36n;
    const plan = balanceTerritories(scaledHard(f, 0n), threeReps);
    expect(plan.search.exact).toBe('proved');
    expect(plan.largestRelativeLoad.toFixed()).toBe((36_409n * f).toString());
    expect(plan.lowerBound.toFixed()).toBe((36_409n * f).toString());
  });

  it("'time_limit' when the wall-clock cap cuts the exact search short (checked every 1 024 nodes)", () => {
    const plan = balanceTerritories(hardUnits(), threeReps, { timeLimitMs: 0 });
    expect(plan.search.exact).toBe('time_limit');
    expect(plan.search.nodes).toBe(1024);
    expect(plan.search.iterations).toBe(0);
    expect(plan.search.timeLimitHit).toBe(true);
    expect(plan.provenOptimal).toBe(false);
  });

  it("the spread objective: 'proved' by an exhausted search", () => {
    // [6, 3, 3, 1, 1] over 3 reps: the spread is at least 2 ({6} {3, 1} {3, 1}); see the golden case.
    const plan = balanceTerritories(units([6, 3, 3, 1, 1]), threeReps, { objective: 'spread' });
    expect(plan.search.exact).toBe('proved');
    expect(plan.spread.toString()).toBe('2');
    // [2, 2, 1] over 2 reps: greedy gives 3 | 2, spread 1. No plan has spread 0, but the exact
    // phase needs no node to prove it: the average 2.5 lies between the loads 2 and 3 can take.
    const odd = balanceTerritories(units([2, 2, 1]), twoReps, { objective: 'spread' });
    expect([odd.spread.toString(), odd.search.exact, odd.search.nodes, odd.provenOptimal]).toEqual(['1', 'proved', 0, true]);
    // The spread objective meets its bound only at 0: [5, 5] over 2 reps.
    const even = balanceTerritories(units([5, 5]), twoReps, { objective: 'spread' });
    expect(even.search.exact).toBe('not_needed');
    expect(even.provenOptimal).toBe(true);
  });
});

describe('balanceTerritories: workload, a secondary objective', () => {
  // Four units of weight 10 over 2 reps: any two-and-two split is optimal (20 | 20). a and c
  // carry workload 5. Greedy (ties by id) gives A = {a, c}, B = {b, d}: workloads 10 | 0. The
  // polish swaps c for b or d: 5 | 5, still 20 | 20.
  const book: TerritoryUnit[] = [
    { id: 'a', weight: 10, workload: 5 },
    { id: 'b', weight: 10 },
    { id: 'c', weight: 10, workload: 5 },
    { id: 'd', weight: 10 },
  ];

  it('the polish evens out workload and keeps the primary optimum', () => {
    const plan = balanceTerritories(book, twoReps);
    expect(loadsOf(plan)).toEqual(['20', '20']);
    expect(plan.loads.map((l) => l.workload.toString())).toEqual(['5', '5']);
    expect(plan.loads.map((l) => l.relativeWorkload.toString())).toEqual(['5', '5']);
    expect(plan.search.iterations).toBe(1);
    expect(plan.provenOptimal).toBe(true);
  });

  it('the polish also runs when every unit carries a workload', () => {
    // The same four units of weight 10, now all with a workload: a 5, b 1, c 5, d 1. Greedy
    // (ties by id) gives A = {a, c}, B = {b, d}: workloads 10 | 2. Swapping c for b (or d)
    // keeps 20 | 20 and gives 6 | 6.
    const all: TerritoryUnit[] = book.map((u) => ({ ...u, workload: u.id === 'a' || u.id === 'c' ? 5 : 1 }));
    const plan = balanceTerritories(all, twoReps);
    expect(loadsOf(plan)).toEqual(['20', '20']);
    expect(plan.loads.map((l) => l.workload.toString())).toEqual(['6', '6']);
    expect(plan.search.iterations).toBe(1);
  });

  it('without an iteration budget there is no polish: the greedy plan, 10 | 0', () => {
    const plan = balanceTerritories(book, twoReps, { maxIterations: 0 });
    expect(loadsOf(plan)).toEqual(['20', '20']);
    expect(unitsOf(plan)).toEqual({ A: ['a', 'c'], B: ['b', 'd'] });
    expect(plan.loads.map((l) => l.workload.toString())).toEqual(['10', '0']);
  });

  it('the workload of locked units counts in the polish', () => {
    // L (weight 0, workload 10) is locked to A. a (10, workload 5) and b (10) split 10 | 10 either
    // way. Greedy puts a on A (a tie, the lower rep): workloads 15 | 0. With a on B: 10 | 5.
    const plan = balanceTerritories(
      [{ id: 'L', weight: 0, workload: 10, owner: 'A', locked: true }, { id: 'a', weight: 10, workload: 5 }, { id: 'b', weight: 10 }],
      twoReps,
    );
    expect(unitsOf(plan)).toEqual({ A: ['L', 'b'], B: ['a'] });
    expect(plan.loads.map((l) => l.workload.toString())).toEqual(['10', '5']);
  });

  it('relative workload is workload over capacity', () => {
    const plan = balanceTerritories([{ id: 'a', weight: 3, workload: 3 }], [{ id: 'A', capacity: '1.5' }]);
    expect(plan.loads[0]?.relativeWorkload.toString()).toBe('2');
  });

  it('the polish is undone when, checked exactly, it made the primary objective worse', () => {
    // Weights near 2^60 (doubles 256 apart there): p = 2^60 + 100 and q = 2^60 both read as 2^60,
    // z = 50. The optimum is {p} | {q, z}: 2^60 + 100 (on the bound: p alone), and differencing finds
    // it. q and z carry workload 10 each. In doubles, swapping q for p looks free and evens the
    // workload (20 | 0 → 10 | 10), but exactly it gives {p, z} = 2^60 + 150: the swap is dropped.
    const T = 2n ** 60n;
    const plan = balanceTerritories(
      [
        { id: 'p', weight: (T + 100n).toString() },
        { id: 'q', weight: T.toString(), workload: 10 },
        { id: 'z', weight: '50', workload: 10 },
      ],
      twoReps,
    );
    expect(plan.largestRelativeLoad.toFixed()).toBe((T + 100n).toString());
    expect(unitsOf(plan)).toEqual({ A: ['q', 'z'], B: ['p'] });
    expect(plan.loads.map((l) => l.workload.toString())).toEqual(['20', '0']);
    expect(plan.search.iterations).toBe(1); // the swap was tried
  });

  it('the polish respects the move budget', () => {
    // All four owned as greedy would place them; no move allowed: nothing changes.
    const owned = book.map((u) => ({ ...u, owner: u.id === 'a' || u.id === 'c' ? 'A' : 'B' }));
    const plan = balanceTerritories(owned, twoReps, { maxMoves: 0 });
    expect(plan.moveCount).toBe(0);
    expect(plan.loads.map((l) => l.workload.toString())).toEqual(['10', '0']);
    // With one move allowed… a swap is two moves: still nothing. Two moves: 5 | 5.
    expect(balanceTerritories(owned, twoReps, { maxMoves: 1 }).loads.map((l) => l.workload.toString())).toEqual(['10', '0']);
    const two = balanceTerritories(owned, twoReps, { maxMoves: 2 });
    expect(two.loads.map((l) => l.workload.toString())).toEqual(['5', '5']);
    expect(two.moveCount).toBe(2);
  });
});

describe('balanceTerritories: splittable units', () => {
  it('10 in pieces of 3 is 3 + 3 + 3 + 1: over 4 reps each takes one piece', () => {
    const plan = balanceTerritories([{ id: 's', weight: 10, splittable: { granularity: 3 } }], [{ id: 'D' }, { id: 'C' }, { id: 'B' }, { id: 'A' }]);
    // Shares by rep id, whatever the order of the reps.
    expect(sharesOf(plan, 's')).toEqual(['A=3', 'B=3', 'C=3', 'D=1']);
    expect(plan.lowerBound.toString()).toBe('3');
  });

  it('9 in pieces of 3 is three pieces, with no empty fourth: one rep of four gets nothing', () => {
    const plan = balanceTerritories([{ id: 's', weight: 9, splittable: { granularity: 3 } }], [{ id: 'A' }, { id: 'B' }, { id: 'C' }, { id: 'D' }]);
    expect(sharesOf(plan, 's')).toEqual(['A=3', 'B=3', 'C=3']);
    expect(unitsOf(plan)).toEqual({ A: ['s'], B: ['s'], C: ['s'], D: [] });
  });

  it('a granularity finer than the weight: 1 in pieces of 0.3 is 0.3 + 0.3 + 0.3 + 0.1', () => {
    const plan = balanceTerritories([{ id: 's', weight: 1, splittable: { granularity: '0.3' } }], [{ id: 'A' }, { id: 'B' }, { id: 'C' }, { id: 'D' }]);
    expect(sharesOf(plan, 's')).toEqual(['A=0.3', 'B=0.3', 'C=0.3', 'D=0.1']);
  });

  it('a granularity above the weight is one piece; a unit of weight 0 is one piece of 0', () => {
    const plan = balanceTerritories(
      [{ id: 's', weight: 2, splittable: { granularity: 5 } }, { id: 'z', weight: 0, splittable: { granularity: 1 } }, { id: 't', weight: 2 }],
      twoReps,
    );
    expect(sharesOf(plan, 's')).toHaveLength(1);
    expect(sharesOf(plan, 'z')).toHaveLength(1);
    expect(sharesOf(plan, 'z')[0]).toMatch(/=0$/);
    expect(loadsOf(plan)).toEqual(['2', '2']);
  });

  it('the workload of a split unit follows the weight shares; the last share takes the remainder', () => {
    // 9 in pieces of 3 over 3 reps, workload 10: 10 × 3/9 = 3.33… (40 digits) for the first two,
    // 10 − 2 × 3.333…3 = 3.333…4 for the last (by rep id).
    const plan = balanceTerritories([{ id: 's', weight: 9, workload: 10, splittable: { granularity: 3 } }], [{ id: 'C' }, { id: 'B' }, { id: 'A' }]);
    const shares = plan.assignments[0]?.shares ?? [];
    const third = '3.333333333333333333333333333333333333333';
    expect(shares.map((s) => [s.repId, s.workload.toString()])).toEqual([
      ['A', third],
      ['B', third],
      ['C', '3.333333333333333333333333333333333333334'],
    ]);
  });

  it('a locked unit is never split, and its granularity is not read', () => {
    const plan = balanceTerritories([{ id: 'l', weight: 3, owner: 'A', locked: true, splittable: { granularity: 0 } }, { id: 'm', weight: 1 }], twoReps);
    expect(sharesOf(plan, 'l')).toEqual(['A=3']);
    expect(sharesOf(plan, 'm')).toEqual(['B=1']);
  });
});

describe('balanceTerritories: the result', () => {
  it('spread and relative loads with unequal capacities: 3 | 3 over capacities 2 and 3', () => {
    // u1 first (ties by id): A would be at 1.5, B at 1 → B. u2: A 1.5, B 2 → A. 1.5 − 1 = 0.5.
    const plan = balanceTerritories(units([3, 3]), [{ id: 'A', capacity: 2 }, { id: 'B', capacity: 3 }], startsOnly);
    expect(plan.loads.map((l) => l.relativeLoad.toString())).toEqual(['1.5', '1']);
    expect(plan.largestRelativeLoad.toString()).toBe('1.5');
    expect(plan.smallestRelativeLoad.toString()).toBe('1');
    expect(plan.spread.toString()).toBe('0.5');
    expect(plan.search.startSpread.toString()).toBe('0.5');
    expect(plan.search.startLargestRelativeLoad.toString()).toBe('1.5');
  });

  it('the spread is one exact fraction: 2 | 2 over capacities 2 and 3 is 1 − 2/3', () => {
    const plan = balanceTerritories(units([2, 2]), [{ id: 'A', capacity: 2 }, { id: 'B', capacity: 3 }], startsOnly);
    expect(plan.spread.toString()).toBe('0.3333333333333333333333333333333333333333');
    expect(plan.search.startSpread.toString()).toBe('0.3333333333333333333333333333333333333333');
  });

  it('moves only for units that have an owner among or beyond the reps', () => {
    // p (no owner) and the split s (no owner) move nowhere; q stays with A; r leaves A for C.
    const plan = balanceTerritories(
      [
        { id: 'p', weight: 4 },
        { id: 'q', weight: 4, owner: 'A' },
        { id: 'r', weight: 4, owner: 'A' },
        { id: 's', weight: 6, splittable: { granularity: 2 } },
      ],
      threeReps,
    );
    expect(loadsOf(plan)).toEqual(['6', '6', '6']);
    expect(plan.moves.map((m) => `${m.unitId} ${m.from}→${m.to} ${m.weight.toString()} ${m.forced}`)).toEqual(['r A→C 4 false']);
    expect(plan.moveCount).toBe(1);
    expect(sharesOf(plan, 's')).toEqual(['A=2', 'B=2', 'C=2']);
  });

  it('the shares of a split unit whose owner left are forced moves, not counted', () => {
    const plan = balanceTerritories([{ id: 's', weight: 4, owner: 'gone', splittable: { granularity: 2 } }], twoReps, { maxMoves: 0 });
    expect(plan.moves.map((m) => `${m.from}→${m.to} ${m.weight.toString()} ${m.forced}`)).toEqual(['gone→A 2 true', 'gone→B 2 true']);
    expect(plan.moveCount).toBe(0);
  });

  it('workload totals do not depend on the order of the units (sums of rounded shares)', () => {
    // Split shares of workload are rounded 40-digit quotients (1 × 1/3, 1 × 1/7, …): added in
    // input order, A's total came out …429 for (a, b, c) and …428 for (c, b, a). They are added
    // by unit id.
    const book: TerritoryUnit[] = [
      { id: 'a', weight: 3, workload: 1, splittable: { granularity: 1 } },
      { id: 'b', weight: 3, workload: 2, splittable: { granularity: 1 } },
      { id: 'c', weight: 7, workload: 1, splittable: { granularity: 1 } },
    ];
    const workloads = (plan: TerritoryPlan): string[] => plan.loads.map((l) => l.workload.toString());
    const forward = balanceTerritories(book, threeReps);
    const backward = balanceTerritories([...book].reverse(), threeReps);
    expect(workloads(backward)).toEqual(workloads(forward));
    expect(workloads(forward)[0]).toBe('1.428571428571428571428571428571428571429');
  });

  it('a negative zero weight or workload is read as zero', () => {
    const plan = balanceTerritories([{ id: 'u', weight: '-0', workload: '-0' }], [{ id: 'A' }]);
    const share = plan.assignments[0]?.shares[0];
    expect(share?.weight.isNeg()).toBe(false);
    expect(share?.workload.isNeg()).toBe(false);
    expect(plan.lowerBound.toString()).toBe('0');
  });
});

describe('balanceTerritories: exact sums with large weights', () => {
  it('a weight of 2^50 smallest units or more is read exactly (not through a double)', () => {
    // 4 423 588 401 512.238 has 4 423 588 401 512 238 thousandths, between 2^50 and 2^52: as a
    // double times 1 000 it would round to …239.
    const plan = balanceTerritories([{ id: 'u', weight: '4423588401512.238' }], [{ id: 'A' }]);
    expect(plan.loads[0]?.load.toString()).toBe('4423588401512.238');
    expect(plan.lowerBound.toString()).toBe('4423588401512.238');
  });

  it('loads and the bound stay exact when the total passes 2^53', () => {
    // 40 units of w = 2^49 + 1 on one rep: each below 2^50, but past 2^53 doubles only hold even
    // numbers and every further odd w would be rounded (to a multiple of 4: one unit lost each
    // time). The load is 40w exactly.
    const w = 2n ** 49n + 1n;
    const book = Array.from({ length: 40 }, (_, i) => ({ id: `u${String(i).padStart(2, '0')}`, weight: w.toString() }));
    const plan = balanceTerritories(book, [{ id: 'A' }]);
    expect(plan.loads[0]?.load.toFixed()).toBe((40n * w).toString());
    expect(plan.lowerBound.toFixed()).toBe((40n * w).toString());
  });

  it('the shares of a split unit stay exact when they pass 2^53', () => {
    // 20w in pieces of w = 2^49 + 1, on one rep: one share of 20w.
    const w = 2n ** 49n + 1n;
    const plan = balanceTerritories([{ id: 'split', weight: (20n * w).toString(), splittable: { granularity: w.toString() } }], [{ id: 'A' }]);
    expect(sharesOf(plan, 'split')).toEqual([`A=${(20n * w).toString()}`]);
    expect(plan.loads[0]?.load.toFixed()).toBe((20n * w).toString());
  });
});

describe('balanceTerritories: validation', () => {
  const reps: TerritoryRep[] = [{ id: 'A' }];
  const argument = (f: () => unknown): unknown => {
    const e = thrown(f);
    return [e.code, (e.params as { name?: string }).name];
  };
  const option = (f: () => unknown): unknown => {
    const e = thrown(f);
    return [e.code, (e.params as { option?: string }).option];
  };

  it('names the bad argument', () => {
    expect(argument(() => balanceTerritories('u1' as never, reps))).toEqual(['invalid_argument', 'units']);
    expect(argument(() => balanceTerritories(units([1]), 'A' as never))).toEqual(['invalid_argument', 'reps']);
    expect(argument(() => balanceTerritories(units([1]), [{ id: 'A' }, { id: '' }]))).toEqual(['invalid_argument', 'reps[1].id']);
    expect(argument(() => balanceTerritories(units([1]), [{ id: 7 as never }]))).toEqual(['invalid_argument', 'reps[0].id']);
    expect(argument(() => balanceTerritories(units([1]), [null as never]))).toEqual(['invalid_argument', 'reps[0].id']);
    expect(argument(() => balanceTerritories(units([1]), [{ id: 'A', capacity: -1 }]))).toEqual(['invalid_argument', 'reps[0].capacity']);
    expect(argument(() => balanceTerritories([{ id: '', weight: 1 }], reps))).toEqual(['invalid_argument', 'units[0].id']);
    expect(argument(() => balanceTerritories([{ id: 'a', weight: 1 }, { id: 3 as never, weight: 1 }], reps))).toEqual(['invalid_argument', 'units[1].id']);
    expect(argument(() => balanceTerritories([undefined as never], reps))).toEqual(['invalid_argument', 'units[0].id']);
    expect(argument(() => balanceTerritories([{ id: 'a', weight: 1, workload: -1 }], reps))).toEqual(['invalid_argument', 'units[0].workload']);
    expect(argument(() => balanceTerritories([{ id: 'a', weight: '-0.01' }], reps))).toEqual(['invalid_argument', 'units[0].weight']);
    expect(argument(() => balanceTerritories([{ id: 'a', weight: 1, owner: 'B', locked: true }], reps))).toEqual(['invalid_argument', 'units[0].locked']);
    expect(argument(() => balanceTerritories([{ id: 'a', weight: 1, splittable: { granularity: -1 } }], reps))).toEqual([
      'invalid_argument',
      'units[0].splittable.granularity',
    ]);
  });

  it('names the bad option', () => {
    expect(option(() => balanceTerritories(units([1]), reps, { maxNodes: -1 }))).toEqual(['invalid_option', 'maxNodes']);
    expect(option(() => balanceTerritories(units([1]), reps, { maxIterations: 0.5 }))).toEqual(['invalid_option', 'maxIterations']);
    expect(option(() => balanceTerritories(units([1]), reps, { maxIterations: -1 }))).toEqual(['invalid_option', 'maxIterations']);
    expect(option(() => balanceTerritories(units([1]), reps, { maxMoves: 1.5 }))).toEqual(['invalid_option', 'maxMoves']);
    expect(option(() => balanceTerritories(units([1]), reps, { objective: 'min' as never }))).toEqual(['invalid_option', 'objective']);
  });

  it('the budgets take zero: no search at all', () => {
    const plan = balanceTerritories(units([3, 3, 2, 2, 2]), twoReps, { maxNodes: 0, maxIterations: 0, maxMoves: 0 });
    expect(plan.search.iterations).toBe(0);
    expect(plan.search.nodes).toBe(0);
    expect(plan.search.exact).toBe('off');
  });

  it('refuses more than 5 000 000 pieces before making them, counting whole and partial pieces', () => {
    // 5 000 001 pieces of 1, from a whole count of 5 000 000 and a remainder of 0.5 (the whole
    // count alone is within the limit). Exactly 5 000 000 pieces are accepted, but solving them
    // takes about 30 s here: that edge is left to the benchmarks.
    const e = thrown(() => balanceTerritories([{ id: 'x', weight: '5000000.5', splittable: { granularity: 1 } }], reps));
    expect(e.code).toBe('limit_exceeded');
    expect(e.params).toMatchObject({ limit: 5_000_000 });
    // A unit that is not split counts as one piece: 4 999 999 pieces + 2 units = 5 000 001.
    const two = thrown(() =>
      balanceTerritories([{ id: 'x', weight: 4_999_999, splittable: { granularity: 1 } }, { id: 'y', weight: 1 }, { id: 'z', weight: 1 }], reps),
    );
    expect(two.code).toBe('limit_exceeded');
  });
});
