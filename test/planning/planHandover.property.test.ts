import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, planHandover, startOfPlainDate, type HandoverPlan, type Opportunity, type Pipeline, type PlanHandoverOptions, type UserId } from '../../src/index.js';
import { opportunityArb, pipelineArb } from '../../src/testing/index.js';

const DEPARTING = 'zhang';
const OWNERS = [DEPARTING, DEPARTING, 'zhao', 'qian'];
const SUCCESSORS = ['li', 'wang', 'sun'];
const CUSTOMERS = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5', 'c-6', 'c-7'];
const REGIONS = ['华东', '华北', '华南'];
const HOLIDAYS = ['2026-04-06', '2026-05-01', '2026-05-04'];

interface Case {
  readonly pipeline: Pipeline;
  readonly deals: Opportunity[];
  readonly options: PlanHandoverOptions;
}

/** Adds a credit split to some deals: the owner and one other rep (sometimes the departing one). */
const withSplit = (o: Opportunity, pick: number | undefined, bp: number): Opportunity => {
  if (pick === undefined) return o;
  const other = [DEPARTING, 'zhao', ...SUCCESSORS][pick % 5] as string;
  if (other === o.ownerId) return o;
  return { ...o, splits: [{ ownerId: o.ownerId, basisPoints: bp }, { ownerId: other as UserId, basisPoints: 10_000 - bp }] };
};

const caseArb: fc.Arbitrary<Case> = pipelineArb({ maxTasksPerStage: 1 }).chain((pipeline) =>
  fc.record({
    pipeline: fc.constant(pipeline),
    deals: fc
      .uniqueArray(
        fc.record({
          o: opportunityArb({ pipeline, owners: OWNERS, customers: CUSTOMERS, regions: REGIONS, startAnywhere: true, maxSteps: 6 }),
          split: fc.option(fc.nat({ max: 100 }), { nil: undefined, freq: 3 }),
          bp: fc.integer({ min: 1, max: 9_999 }),
        }),
        { maxLength: 30, selector: (x) => x.o.id },
      )
      .map((xs) => xs.map((x) => withSplit(x.o, x.split, x.bp))),
    successors: fc.uniqueArray(
      fc.record({
        id: fc.constantFrom(...SUCCESSORS),
        capacity: fc.constantFrom('1', '1.5', '0.5'),
        regions: fc.subarray(REGIONS),
        customers: fc.subarray(CUSTOMERS, { maxLength: 2 }),
        visitsPerDay: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 3, selector: (s) => s.id },
    ),
    startDate: fc.constantFrom('2026-04-01', '2026-04-04', '2026-04-30'),
    callsPerDay: fc.integer({ min: 1, max: 4 }),
    depVisits: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
    callsAfter: fc.constantFrom('own_handovers' as const, 'all_handovers' as const),
  }).map(({ pipeline, deals, successors, startDate, callsPerDay, depVisits, callsAfter }) => ({
    pipeline,
    deals,
    options: {
      departingOwnerId: DEPARTING,
      successors: successors.map(({ visitsPerDay, ...s }) => (visitsPerDay === undefined ? s : { ...s, visitsPerDay })),
      startDate,
      callsPerDay,
      holidays: HOLIDAYS,
      successorCallsAfter: callsAfter,
      ...(depVisits !== undefined ? { departingRep: { visitsPerDay: depVisits } } : {}),
    },
  })),
);

const isWorkingDay = (d: string): boolean => {
  const wd = startOfPlainDate(d as never).getUTCDay();
  return wd !== 0 && wd !== 6 && !HOLIDAYS.includes(d);
};

function checkPlan({ pipeline, deals, options }: Case, plan: HandoverPlan): void {
  const mine = deals.filter((o) => o.ownerId === DEPARTING);
  const splitOnly = deals.filter((o) => o.ownerId !== DEPARTING && o.splits?.some((s) => s.ownerId === DEPARTING));
  // Every open deal of the departing owner appears exactly once; nothing else does.
  const openIds = mine.filter((o) => o.status === 'open').map((o) => o.id).sort();
  expect(plan.steps.map((s) => s.opportunityId).sort()).toEqual(openIds);
  expect(plan.suspended.map((d) => d.opportunityId).sort()).toEqual([...mine, ...splitOnly].filter((o) => o.status === 'suspended').map((o) => o.id).sort());
  expect(plan.closed.map((d) => d.opportunityId).sort()).toEqual([...mine, ...splitOnly].filter((o) => o.status === 'won' || o.status === 'lost').map((o) => o.id).sort());
  expect(plan.splitTransfers.map((d) => d.opportunityId).sort()).toEqual(splitOnly.filter((o) => o.status === 'open').map((o) => o.id).sort());
  expect(plan.steps.map((s) => s.rank)).toEqual(plan.steps.map((_, i) => i + 1));

  // Tiers follow the probability; the order is tier, weighted value ↓, close date ↑ (none last), id.
  const stageProb = new Map(pipeline.stages.map((s) => [s.id as string, s.probability]));
  const byId = new Map(deals.map((o) => [o.id as string, o]));
  for (const s of plan.steps) {
    const o = byId.get(s.opportunityId) as Opportunity;
    const p = o.probabilityOverride ?? (stageProb.get(o.stageId) as Decimal);
    expect(s.probability.eq(p)).toBe(true);
    expect(s.tier).toBe(p.gte('0.75') ? 1 : p.gte('0.5') ? 2 : 3);
    expect(s.channel).toBe(['visit', 'phone_intro', 'successor_call'][s.tier - 1]);
    expect(s.weightedValue.amount.eq(o.amount.amount.times(p))).toBe(true);
  }
  for (let i = 1; i < plan.steps.length; i++) {
    const a = plan.steps[i - 1]!;
    const b = plan.steps[i]!;
    const keys: [string, number][] = [
      ['tier', Math.sign(a.tier - b.tier)],
      ['weighted_value', b.weightedValue.amount.comparedTo(a.weightedValue.amount)],
      ['close_date', a.expectedCloseDate === b.expectedCloseDate ? 0 : a.expectedCloseDate === null ? 1 : b.expectedCloseDate === null ? -1 : a.expectedCloseDate < b.expectedCloseDate ? -1 : 1],
      ['id', a.opportunityId < b.opportunityId ? -1 : 1],
    ];
    const first = keys.find(([, c]) => c !== 0) as [string, number];
    expect(first[1]).toBe(-1);
    expect(b.orderedBy).toBe(first[0]);
  }

  // Due dates: working days from startDate, within daily capacity, own calls after the handovers.
  const caps = new Map(options.successors.map((s) => [s.id, { visits: s.visitsPerDay ?? 2, calls: options.callsPerDay ?? 6 }]));
  const perDay = new Map<string, number>();
  const lastHandover = new Map<string, string>();
  for (const s of plan.steps) {
    expect(isWorkingDay(s.dueDate)).toBe(true);
    expect(s.dueDate >= options.startDate).toBe(true);
    const kind = s.channel === 'visit' ? 'visits' : 'calls';
    const key = `${s.successorId}|${kind}|${s.dueDate}`;
    perDay.set(key, (perDay.get(key) ?? 0) + 1);
    expect(perDay.get(key)).toBeLessThanOrEqual(caps.get(s.successorId)![kind]);
    if (s.channel === 'visit' && options.departingRep?.visitsPerDay !== undefined) {
      const dep = `dep|${s.dueDate}`;
      perDay.set(dep, (perDay.get(dep) ?? 0) + 1);
      expect(perDay.get(dep)).toBeLessThanOrEqual(options.departingRep.visitsPerDay);
    }
    if (s.channel !== 'successor_call') {
      for (const k of [s.successorId, '*']) if ((lastHandover.get(k) ?? '') < s.dueDate) lastHandover.set(k, s.dueDate);
    }
  }
  for (const s of plan.steps.filter((x) => x.channel === 'successor_call')) {
    const gate = lastHandover.get(options.successorCallsAfter === 'all_handovers' ? '*' : s.successorId);
    if (gate !== undefined) expect(s.dueDate > gate).toBe(true);
  }

  // A customer's deals stay with one successor.
  const succOfCustomer = new Map<string, string>();
  const all: { customerId: string; successorId: string | null }[] = [...plan.steps, ...plan.suspended, ...plan.splitTransfers];
  for (const x of all) {
    if (x.successorId === null) continue;
    const prev = succOfCustomer.get(x.customerId);
    if (prev !== undefined) expect(x.successorId).toBe(prev);
    succOfCustomer.set(x.customerId, x.successorId);
  }
  // A successor who covers the customer gets it.
  for (const [customer, successor] of succOfCustomer) {
    const covering = options.successors.filter((s) => s.customers?.includes(customer)).map((s) => s.id);
    if (covering.length > 0) expect(covering).toContain(successor);
  }

  // Splits: the departing rep's share passes on; the others keep theirs; still 10 000 in all.
  for (const s of [...plan.steps, ...plan.splitTransfers]) {
    const o = byId.get(s.opportunityId) as Opportunity;
    if (o.splits === undefined) {
      expect(s.splits).toBeUndefined();
      continue;
    }
    const after: readonly { ownerId: string; basisPoints: number }[] = s.splits ?? [];
    expect(after.reduce((a, x) => a + x.basisPoints, 0)).toBe(10_000);
    expect(after.some((x) => x.ownerId === DEPARTING)).toBe(false);
    for (const before of o.splits) {
      if (before.ownerId === DEPARTING || before.ownerId === s.successorId) continue;
      expect(after.find((x) => x.ownerId === before.ownerId)?.basisPoints).toBe(before.basisPoints);
    }
  }
  expect(plan.successors.reduce((a, s) => a + s.steps, 0)).toBe(plan.steps.length);
}

describe('planHandover laws', () => {
  it('every open deal once, tiers and order respected, capacity and the calls-after rule held, customers kept together', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        checkPlan(c, planHandover(c.deals, c.pipeline, c.options));
      }),
      { numRuns: 200 },
    );
  });

  it('the plan does not depend on the order of deals or successors, and no argument is mutated', () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) =>
          fc.record({ c: fc.constant(c), deals: fc.shuffledSubarray(c.deals, { minLength: c.deals.length }), succ: fc.shuffledSubarray([...c.options.successors], { minLength: c.options.successors.length }) }),
        ),
        ({ c, deals, succ }) => {
          const before = JSON.stringify([c.deals, c.options]);
          const a = planHandover(c.deals, c.pipeline, c.options);
          expect(JSON.stringify([c.deals, c.options])).toBe(before);
          expect(planHandover(deals, c.pipeline, { ...c.options, successors: succ })).toEqual(a);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('without coverage and with equal capacities, loads differ by at most one customer’s value', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const successors = c.options.successors.map((s) => ({ id: s.id }));
        const plan = planHandover(c.deals, c.pipeline, { ...c.options, successors });
        const perCustomer = new Map<string, Decimal>();
        for (const s of plan.steps) perCustomer.set(s.customerId, (perCustomer.get(s.customerId) ?? new Decimal(0)).plus(s.weightedValue.amount));
        for (const t of plan.splitTransfers) {
          const o = c.deals.find((x) => x.id === t.opportunityId) as Opportunity;
          const p = o.probabilityOverride ?? (c.pipeline.stages.find((s) => s.id === o.stageId)?.probability as Decimal);
          perCustomer.set(t.customerId, (perCustomer.get(t.customerId) ?? new Decimal(0)).plus(o.amount.amount.times(p).times(t.basisPoints).div(10_000)));
        }
        const biggest = [...perCustomer.values()].reduce((a, b) => Decimal.max(a, b), new Decimal(0));
        const loads = plan.successors.map((s) => s.load.amount);
        expect(Decimal.max(...loads).minus(Decimal.min(...loads)).lte(biggest)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
