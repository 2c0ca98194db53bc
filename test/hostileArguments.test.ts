// Hostile arguments: every public function that takes deals (an `Iterable<Opportunity>`
// or a `DealBatch`) and/or a pipeline, and every accumulator's `add`, called with deals
// or a pipeline that are not what the types say. Each call must throw a `FunnelError`
// (never a TypeError from deep inside, never a silent skip) and leave its arguments as
// they were. The tables are explicit so that a reader sees what is covered; the last
// test fails when a new export takes deals or a pipeline and is in no table.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as lib from '../src/index.js';
import {
  activitySummary,
  attainmentFromDeals,
  auditPipeline,
  auditPipelineAccumulator,
  backtestStageProbabilities,
  campaignEffectiveness,
  classifyABCD,
  cohortFunnel,
  cohortFunnelAccumulator,
  competingRisks,
  competingRisksAccumulator,
  completeTask,
  conversionTimes,
  conversionTimesAccumulator,
  dealColumns,
  dealColumnsFromRows,
  dealProbability,
  dealSizeMix,
  dealSizeMixAccumulator,
  estimateTransitionModel,
  evaluateTransition,
  findStalled,
  findStalledAccumulator,
  forecastCategories,
  forecastCategoriesAccumulator,
  forecastMovement,
  forecastMovementAccumulator,
  FunnelError,
  funnelSnapshot,
  funnelSnapshotAccumulator,
  idealFunnel,
  money,
  nextSteps,
  opportunitySchemaFor,
  parseCustomer,
  pipelineHealth,
  planHandover,
  quotaFromPipeline,
  reopenTask,
  safeDealColumnsFromRows,
  salesVelocityInputs,
  stageFlow,
  stageFlowAccumulator,
  stageVisits,
  timePhasedForecastFromDeals,
  transition,
  weightedForecast,
  weightedForecastAccumulator,
  winLoss,
  winLossAccumulator,
  type Opportunity,
} from '../src/index.js';
import { deal, pipeline as goldenPipeline } from './analytics/_fixtures.js';

// The functions of the tables take `never`: they receive hostile values, passed by `run`.
type Call = (deals: never, pipeline: never) => unknown;
const run = (f: (...args: never[]) => unknown, ...args: unknown[]): unknown => (f as (...a: unknown[]) => unknown)(...args);

const FROM = '2026-01-01T00:00:00Z';
const TO = '2026-04-01T00:00:00Z';
const AS_OF = '2026-04-01T00:00:00Z';
const cny = (amount: string) => money(amount, 'CNY');
const bands = [
  { name: 'small', max: cny('100000') },
  { name: 'large', min: cny('100000') },
];
const customers = [parseCustomer({ id: 'c-1', name: '客户一' })];
const handoverOptions = { departingOwnerId: 'rep-zhang', successors: [{ id: 'rep-li' }], startDate: '2026-04-01' };

/** Functions that take deals and a pipeline (the batch functions and the accumulators' `add`). */
const DEALS_AND_PIPELINE: ReadonlyArray<readonly [string, Call]> = [
  ['dealColumns', (d, p) => dealColumns(d, p)],
  ['stageFlow', (d, p) => stageFlow(d, p, { from: FROM, to: TO, asOf: AS_OF })],
  ['stageFlowAccumulator.add', (d, p) => stageFlowAccumulator(p, { from: FROM, to: TO, asOf: AS_OF }).add(d)],
  ['funnelSnapshot', (d, p) => funnelSnapshot(d, p, { asOf: AS_OF })],
  ['funnelSnapshotAccumulator.add', (d, p) => funnelSnapshotAccumulator(p, { asOf: AS_OF }).add(d)],
  ['cohortFunnel', (d, p) => cohortFunnel(d, p, { from: FROM, to: TO })],
  ['cohortFunnelAccumulator.add', (d, p) => cohortFunnelAccumulator(p, { from: FROM, to: TO }).add(d)],
  ['findStalled', (d, p) => findStalled(d, p, { asOf: AS_OF, threshold: 30 })],
  ['findStalledAccumulator.add', (d, p) => findStalledAccumulator(p, { asOf: AS_OF, threshold: 30 }).add(d)],
  ['auditPipeline', (d, p) => auditPipeline(d, p, { asOf: AS_OF })],
  ['auditPipelineAccumulator.add', (d, p) => auditPipelineAccumulator(p, { asOf: AS_OF }).add(d)],
  ['winLoss', (d, p) => winLoss(d, p, { from: FROM, to: TO })],
  ['winLossAccumulator.add', (d, p) => winLossAccumulator(p, { from: FROM, to: TO }).add(d)],
  ['conversionTimes', (d, p) => conversionTimes(d, p, { asOf: AS_OF })],
  ['conversionTimesAccumulator.add', (d, p) => conversionTimesAccumulator(p, { asOf: AS_OF }).add(d)],
  ['competingRisks', (d, p) => competingRisks(d, p, { asOf: AS_OF })],
  ['competingRisksAccumulator.add', (d, p) => competingRisksAccumulator(p, { asOf: AS_OF }).add(d)],
  ['weightedForecast', (d, p) => weightedForecast(d, p)],
  ['weightedForecastAccumulator.add', (d, p) => weightedForecastAccumulator(p).add(d)],
  ['forecastCategories', (d, p) => forecastCategories(d, p)],
  ['forecastCategoriesAccumulator.add', (d, p) => forecastCategoriesAccumulator(p).add(d)],
  ['forecastMovement', (d, p) => forecastMovement(d, p, { from: FROM, to: TO, period: '2026-Q2' })],
  ['forecastMovementAccumulator.add', (d, p) => forecastMovementAccumulator(p, { from: FROM, to: TO, period: '2026-Q2' }).add(d)],
  ['pipelineHealth', (d, p) => pipelineHealth(d, p, { asOf: AS_OF })],
  ['quotaFromPipeline', (d, p) => quotaFromPipeline(d, p)],
  ['estimateTransitionModel', (d, p) => estimateTransitionModel(d, p)],
  ['backtestStageProbabilities', (d, p) => backtestStageProbabilities(d, p)],
  ['timePhasedForecastFromDeals', (d, p) => timePhasedForecastFromDeals(d, p, { asOf: AS_OF, from: FROM, to: TO })],
  ['idealFunnel', (d, p) => idealFunnel(d, p, { from: FROM, to: TO, target: cny('1000000'), mix: bands })],
  ['attainmentFromDeals', (d, p) => attainmentFromDeals(d, p, { period: '2026-Q1', quotas: [{ id: 'rep-zhang', quota: cny('100000') }] })],
  ['planHandover', (d, p) => planHandover(d, p, handoverOptions)],
];

/** Functions that take deals but no pipeline. */
const DEALS_ONLY: ReadonlyArray<readonly [string, (deals: never) => unknown]> = [
  ['dealSizeMix', (d) => dealSizeMix(d, bands)],
  ['dealSizeMixAccumulator.add', (d) => dealSizeMixAccumulator(bands).add(d)],
  ['campaignEffectiveness', (d) => campaignEffectiveness(d, [{ id: 'expo', name: 'Expo', cost: cny('1000') }])],
  ['salesVelocityInputs', (d) => salesVelocityInputs(d)],
  ['activitySummary', (d) => activitySummary(customers, d, { from: FROM, to: TO })],
  ['classifyABCD', (d) => classifyABCD(customers, d, { asOf: AS_OF, valueAtLeast: cny('100000'), closeWithinDays: 90 })],
];

/** Functions that take one opportunity (or none) and a pipeline: hostile pipelines only. */
const PIPELINE_ONLY: ReadonlyArray<readonly [string, (pipeline: never, opportunity: Opportunity) => unknown]> = [
  ['transition', (p, o) => transition(o, p, { type: 'advance' }, { at: AS_OF })],
  ['evaluateTransition', (p, o) => evaluateTransition(o, p, { type: 'advance' })],
  ['nextSteps', (p, o) => nextSteps(o, p)],
  ['completeTask', (p, o) => completeTask(o, p, 'task-x', { at: AS_OF })],
  ['reopenTask', (p, o) => reopenTask(o, p, 'task-x', { at: AS_OF })],
  ['stageVisits', (p, o) => stageVisits(o, p)],
  ['dealProbability', (p, o) => dealProbability(o, p)],
  ['opportunitySchemaFor', (p) => opportunitySchemaFor(p)],
  ['dealColumnsFromRows', (p) => dealColumnsFromRows([], [], p)],
  ['safeDealColumnsFromRows', (p) => safeDealColumnsFromRows([], [], p)],
];

/**
 * Exports that take deals or a pipeline (by parameter name) but are in no table above,
 * with the reason. A new export with such a parameter must be added to a table or here.
 */
const NOT_IN_TABLES: Readonly<Record<string, string>> = {
  dealColumnsFromArrow: 'takes Arrow tables, not deals; its pipeline check is that of dealColumnsFromRows',
  safeDealColumnsFromArrow: 'takes Arrow tables, not deals; its pipeline check is that of dealColumnsFromRows',
  forecastDistribution: 'takes `{ amount, probability }` records, not opportunities (checked in its own tests)',
  serializePipeline: 'a serializer at the boundary: a bad pipeline throws the schema\'s ZodError with paths (tier 1)',
  pipelineToRow: 'a serializer at the boundary: a bad pipeline throws the schema\'s ZodError with paths (tier 1)',
};

const validDeal = (): Opportunity => deal('v1', [['created', 0, 'lead']]);

/** The hostile deals arguments, each made fresh. */
function hostileDeals(): Array<readonly [string, unknown]> {
  return [
    ['null', null],
    ['undefined', undefined],
    ['5', 5],
    ["'abc'", 'abc'],
    ['[null]', [null]],
    ['[5]', [5]],
    ["['x']", ['x']],
    ['[{}]', [{}]],
    ['[valid, null]', [validDeal(), null]],
  ];
}
const HOSTILE_PIPELINES: ReadonlyArray<readonly [string, unknown]> = [
  ['null', null],
  ['{}', {}],
  ['5', 5],
];

/** A text that changes when any of the values changes (Decimal and Date print as JSON). */
const fingerprint = (...values: unknown[]): string => JSON.stringify(values, (_k, v: unknown) => (v === undefined ? '<undefined>' : v));

/** Runs `f` on the arguments and returns what it threw; fails when it returns or throws anything but a FunnelError. */
function funnelErrorOf(f: () => unknown, ...args: unknown[]): FunnelError {
  const before = fingerprint(...args);
  let thrown: unknown;
  try {
    f();
  } catch (e) {
    thrown = e;
  }
  expect(fingerprint(...args)).toBe(before);
  if (!(thrown instanceof FunnelError)) {
    expect.fail(thrown === undefined ? 'returned instead of throwing' : `threw ${String(thrown)}`);
  }
  return thrown as FunnelError;
}

/** The expected `name` of the error for a hostile deals argument: the argument's own name when it is no iterable (a string counts as none), else the bad item's. */
function expectDealsError(e: FunnelError, label: string): void {
  expect(e.code).toBe('invalid_argument');
  const name = String((e.params as { name?: unknown }).name);
  if (label === '[valid, null]') expect(name).toMatch(/^(opportunities|deals|historyDeals)\[1\]$/);
  else if (label.startsWith('[')) expect(name).toMatch(/^(opportunities|deals|historyDeals)\[0\]$/);
  else expect(name).toMatch(/^(opportunities|deals|historyDeals)$/);
}

describe('deals and pipeline', () => {
  for (const [name, call] of DEALS_AND_PIPELINE) {
    describe(name, () => {
      it('accepts valid arguments (so that the hostile calls below fail for the hostile value only)', () => {
        expect(() => run(call, [validDeal()], goldenPipeline)).not.toThrow();
      });
      it('refuses hostile deals with invalid_argument naming the deals or the bad deal', () => {
        for (const [label, deals] of hostileDeals()) {
          const e = funnelErrorOf(() => run(call, deals, goldenPipeline), deals, goldenPipeline);
          expectDealsError(e, label);
        }
      });
      it('refuses a hostile pipeline with a FunnelError', () => {
        for (const [, p] of HOSTILE_PIPELINES) {
          const deals = [validDeal()];
          funnelErrorOf(() => run(call, deals, p), deals, p);
        }
      });
    });
  }
});

describe('deals only', () => {
  for (const [name, call] of DEALS_ONLY) {
    describe(name, () => {
      it('accepts valid arguments', () => {
        expect(() => run(call, [validDeal()])).not.toThrow();
      });
      it('refuses hostile deals with invalid_argument naming the deals or the bad deal', () => {
        for (const [label, deals] of hostileDeals()) {
          const e = funnelErrorOf(() => run(call, deals), deals);
          expectDealsError(e, label);
        }
      });
    });
  }
});

describe('pipeline only', () => {
  for (const [name, call] of PIPELINE_ONLY) {
    describe(name, () => {
      it('accepts valid arguments', () => {
        expect(() => run(call, goldenPipeline, validDeal())).not.toThrow();
      });
      it('refuses a hostile pipeline with a FunnelError', () => {
        for (const [, p] of HOSTILE_PIPELINES) {
          const o = validDeal();
          funnelErrorOf(() => run(call, p, o), p, o);
        }
      });
    });
  }
});

/**
 * A hostile item: anything that is not an object with a string `pipelineId` and a `history`
 * array (the O(1) shape every deals loop checks; a deal malformed in depth is the parsers'
 * business).
 */
const hostileItem: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, {}, []),
  fc.integer(),
  fc.string(),
  fc.record({ pipelineId: fc.oneof(fc.integer(), fc.constant(null)), history: fc.constant([]) }),
  fc.record({ pipelineId: fc.string(), history: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.object()) }),
);

/**
 * Deals lists with hostile items among valid deals: `hostile[i]` true puts a hostile item
 * at position i. Delivered as an array or as a `Set` (iterated in insertion order).
 */
const dealsWithHostileItems = fc
  .tuple(fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), fc.nat(7), fc.array(hostileItem, { minLength: 8, maxLength: 8 }), fc.boolean())
  .filter(([hostile, at]) => at < hostile.length)
  .map(([hostile, at, items, asSet]) => {
    const marks = hostile.map((h, i) => h || i === at); // at least one hostile item
    const list = marks.map((h, i) => (h ? items[i] : deal(`v${i}`, [['created', i, 'lead']])));
    return { list, asSet, first: marks.indexOf(true) };
  });

describe('hostile items among valid deals (property)', () => {
  const law = (call: (deals: unknown) => unknown) =>
    fc.assert(
      fc.property(dealsWithHostileItems, ({ list, asSet, first }) => {
        const deals = asSet ? new Set(list) : list;
        const items = [...deals];
        // The items before the first hostile one are distinct deals, so a Set keeps its position.
        const e = funnelErrorOf(() => call(deals), items);
        expect(e.code).toBe('invalid_argument');
        expect(String((e.params as { name?: unknown }).name)).toMatch(new RegExp(`^(opportunities|deals|historyDeals)\\[${first}\\]$`));
        expect([...deals]).toEqual(items);
      }),
      { numRuns: 40 },
    );
  for (const [name, call] of DEALS_AND_PIPELINE) {
    it(`${name}: names the first hostile item, by its position in the input`, () => law((d) => run(call, d, goldenPipeline)));
  }
  for (const [name, call] of DEALS_ONLY) {
    it(`${name}: names the first hostile item, by its position in the input`, () => law((d) => run(call, d)));
  }
});

/** The parameter names of a function, read from its source text (no minifier runs on the tests). */
function parameterNames(f: (...args: never[]) => unknown): string[] {
  const text = Function.prototype.toString.call(f);
  const open = text.indexOf('(');
  const list = text.slice(open + 1, text.indexOf(')', open));
  return [...list.matchAll(/(?:^|,)\s*(?:\.\.\.)?([A-Za-z_$][\w$]*)/g)].map((m) => m[1]!);
}

it('every export that takes deals or a pipeline is in a table (or listed with a reason)', () => {
  const covered = new Set([...DEALS_AND_PIPELINE, ...DEALS_ONLY, ...PIPELINE_ONLY].map(([name]) => name.replace(/\.add$/, '')));
  const missing: string[] = [];
  for (const [name, value] of Object.entries(lib)) {
    if (typeof value !== 'function' || /^[A-Z]/.test(name)) continue; // classes (Decimal, FunnelError)
    const params = parameterNames(value as (...args: never[]) => unknown);
    const takes = name.endsWith('Accumulator') || params.some((p) => /^(opportunities|deals|historyDeals|pipeline)$/.test(p));
    if (takes && !covered.has(name) && !(name in NOT_IN_TABLES)) missing.push(`${name}(${params.join(', ')})`);
  }
  expect(missing).toEqual([]);
});
