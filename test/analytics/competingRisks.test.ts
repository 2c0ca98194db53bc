import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  competingRisks,
  competingRisksAccumulator,
  dealColumns,
  FunnelError,
  serializeOpportunity,
  serializePipeline,
  type CompetingRisksCurve,
  type Opportunity,
  type OpportunityJson,
  type StageId,
} from '../../src/index.js';
import { instantArb, opportunityArb, pipelineArb } from '../../src/testing/index.js';
import { day, noNaN, pipeline, shuffled, surveyDeal } from './_survival.js';
import { groupKeys, groupValue } from './_fixtures.js';
import { fault, thrown, whole } from '../_errors.js';

const deal = (id: string, region: string, stageId: string, status: OpportunityJson['status'], history: OpportunityJson['history']): Opportunity =>
  surveyDeal(id, { region }, stageId, status, history);
const won = (id: string, region: string, createdDay: number, wonDay: number) =>
  deal(id, region, 'won', 'won', [
    { type: 'created', at: day(createdDay), stageId: 'lead' },
    { type: 'won', at: day(wonDay), stageId: 'won' },
  ]);
const lost = (id: string, region: string, createdDay: number, lostDay: number) =>
  deal(id, region, 'lost', 'lost', [
    { type: 'created', at: day(createdDay), stageId: 'lead' },
    { type: 'lost', at: day(lostDay), stageId: 'lost', reason: '价格过高' },
  ]);
const open = (id: string, region: string, createdDay: number) => deal(id, region, 'lead', 'open', [{ type: 'created', at: day(createdDay), stageId: 'lead' }]);

// The hand-worked Aalen–Johansen example of test/_lib/survival.test.ts, as ledgers read
// on day 100 (times since creation): won at 2, 5, 8; lost at 3, 5; open for 3, 6, 9 days.
//
//  t  n  won lost open  Ŝ(t−)  CIF_won                 CIF_lost               Ŝ(t)
//  2  8   1    0    0   1      1/8 = 0.125             0                      0.875
//  3  7   0    1    1   0.875  0.125                   0.875/7 = 0.125        0.75
//  5  5   1    1    0   0.75   0.125 + 0.75/5 = 0.275  0.125 + 0.15 = 0.275   0.45
//  6  3   0    0    1   0.45   0.275                   0.275                  0.45
//  8  2   1    0    0   0.45   0.275 + 0.45/2 = 0.5    0.275                  0.225
//  9  1   0    0    1   0.225  0.5                     0.275                  0.225
//
// Naive win rate = 3 won ÷ 5 closed = 0.6, while only 50 % of the deals are estimated won
// within 9 days (27.5 % lost, 22.5 % still undecided).
const AS_OF = new Date(day(100));
const EXAMPLE: readonly Opportunity[] = [
  won('w2', '华东', 0, 2),
  lost('l3', '华东', 0, 3),
  open('o3', '华北', 97),
  won('w5', '华北', 0, 5),
  lost('l5', '华东', 0, 5),
  open('o6', '华东', 94),
  won('w8', '华北', 0, 8),
  open('o9', '华北', 91),
];

describe('competingRisks', () => {
  it('matches the hand-worked Aalen–Johansen example, and reports the naive rate', () => {
    const r = competingRisks(EXAMPLE, pipeline, { asOf: AS_OF });
    const c = r.total;
    expect(c).toMatchObject({ deals: 8, won: 3, lost: 2, open: 3, excluded: 0, naiveWinRate: 0.6 });
    expect(c.points.map((p) => [p.days, p.atRisk, p.won, p.lost, p.censored])).toEqual([
      [2, 8, 1, 0, 0],
      [3, 7, 0, 1, 1],
      [5, 5, 1, 1, 0],
      [6, 3, 0, 0, 1],
      [8, 2, 1, 0, 0],
      [9, 1, 0, 0, 1],
    ]);
    const expected = [
      [0.125, 0, 0.875],
      [0.125, 0.125, 0.75],
      [0.275, 0.275, 0.45],
      [0.275, 0.275, 0.45],
      [0.5, 0.275, 0.225],
      [0.5, 0.275, 0.225],
    ];
    expect(c.points.map((p) => [p.cifWon, p.cifLost, p.survival])).toEqual(expected.map((row) => row.map((x) => expect.closeTo(x, 14))));
    expect(c.cifWon).toBeCloseTo(0.5, 14);
    expect(c.cifLost).toBeCloseTo(0.275, 14);
    expect(c.survival).toBeCloseTo(0.225, 14);
    expect(r).toMatchObject({ origin: 'created', horizonDays: null, resolutionDays: null });
    expect(r.groups.length).toBe(0);
  });

  it('groups (here by region) with the total curve over every deal', () => {
    const r = competingRisks(EXAMPLE, pipeline, { asOf: AS_OF, groupBy: ['region'] });
    expect(groupKeys(r)).toEqual(['华东', '华北'].sort());
    // 华东: won 2, lost 3, lost 5, open 6 → t2: 1/4; t3: Ŝ = 3/4·2/3 = 1/2, CIF_lost = 3/4·1/3 = 1/4;
    // t5: CIF_lost = 1/4 + 1/2·1/2 = 1/2, Ŝ = 1/4; censored at 6.
    const east = groupValue(r, '华东');
    expect(east).toMatchObject({ deals: 4, won: 1, lost: 2, open: 1, naiveWinRate: 1 / 3 });
    expect(east.cifWon).toBeCloseTo(0.25, 14);
    expect(east.cifLost).toBeCloseTo(0.5, 14);
    expect(east.survival).toBeCloseTo(0.25, 14);
    expect(r.total.cifWon).toBeCloseTo(0.5, 14);
  });

  it('censors at the horizon: the curve stops there and the summaries are read at it', () => {
    const r = competingRisks(EXAMPLE, pipeline, { asOf: AS_OF, horizonDays: 5 });
    const c = r.total;
    // Won at 8 and open for 6 and 9 days → censored at 5, after the closes at 5.
    expect(c.points.map((p) => [p.days, p.won, p.lost, p.censored])).toEqual([
      [2, 1, 0, 0],
      [3, 0, 1, 1],
      [5, 1, 1, 3],
    ]);
    expect(c.cifWon).toBeCloseTo(0.275, 14);
    expect(c.cifLost).toBeCloseTo(0.275, 14);
    expect(c.survival).toBeCloseTo(0.45, 14);
    // The counts and the naive rate describe the deals as of asOf, whatever the horizon.
    expect(c).toMatchObject({ won: 3, lost: 2, open: 3, naiveWinRate: 0.6 });
    expect(r.horizonDays).toBe(5);
  });

  it('starts the clock at the first real entry into a stage, leaving out deals that never entered it', () => {
    const deals = [
      // A: qualify on day 10, won on day 25 → won after 15 days.
      deal('A', '华东', 'won', 'won', [
        { type: 'created', at: day(0), stageId: 'lead' },
        { type: 'stage_changed', at: day(10), from: 'lead', to: 'qualify', kind: 'advance' },
        { type: 'won', at: day(25), stageId: 'won' },
      ]),
      // B: jumped over qualify → not an entry: left out.
      deal('B', '华东', 'quote', 'open', [
        { type: 'created', at: day(0), stageId: 'lead' },
        { type: 'stage_changed', at: day(5), from: 'lead', to: 'quote', kind: 'skip' },
      ]),
      // C: qualify on day 20, lost on day 30 → lost after 10 days.
      deal('C', '华东', 'lost', 'lost', [
        { type: 'created', at: day(0), stageId: 'lead' },
        { type: 'stage_changed', at: day(20), from: 'lead', to: 'qualify', kind: 'advance' },
        { type: 'lost', at: day(30), stageId: 'lost', reason: '预算取消' },
      ]),
      // D: never reached qualify: left out.
      open('D', '华东', 50),
      // E: qualify on day 40, still there on day 100 → censored at 60.
      deal('E', '华东', 'qualify', 'open', [
        { type: 'created', at: day(0), stageId: 'lead' },
        { type: 'stage_changed', at: day(40), from: 'lead', to: 'qualify', kind: 'advance' },
      ]),
    ];
    // t10: n = 3, lost 1 → CIF_lost = 1/3, Ŝ = 2/3; t15: n = 2, won 1 → CIF_won = 2/3·1/2 = 1/3, Ŝ = 1/3.
    const r = competingRisks(deals, pipeline, { asOf: AS_OF, origin: { stageId: 'qualify' as StageId } });
    expect(r.origin).toEqual({ stageId: 'qualify' });
    expect(r.total).toMatchObject({ deals: 3, won: 1, lost: 1, open: 1, excluded: 2, naiveWinRate: 0.5 });
    expect(r.total.points.map((p) => [p.days, p.atRisk, p.won, p.lost, p.censored])).toEqual([
      [10, 3, 0, 1, 0],
      [15, 2, 1, 0, 0],
      [60, 1, 0, 0, 1],
    ]);
    expect(r.total.cifWon).toBeCloseTo(1 / 3, 14);
    expect(r.total.cifLost).toBeCloseTo(1 / 3, 14);
    // From creation every deal counts: A won at 25, C lost at 30, B, D, E open for 100, 50, 100 days.
    const fromCreation = competingRisks(deals, pipeline, { asOf: AS_OF });
    expect(fromCreation.total).toMatchObject({ deals: 5, won: 1, lost: 1, open: 3, excluded: 0 });
    expect(fromCreation.total.points.map((p) => p.days)).toEqual([25, 30, 50, 100]);
  });

  it('counts a reopened deal by its state at asOf, and leaves out deals never in the funnel', () => {
    const reopenedAndWon = deal('R', '华东', 'won', 'won', [
      { type: 'created', at: day(0), stageId: 'lead' },
      { type: 'lost', at: day(10), stageId: 'lost', reason: '暂缓' },
      { type: 'reopened', at: day(20), stageId: 'lead' },
      { type: 'won', at: day(40), stageId: 'won' },
    ]);
    // Recorded as created straight in the won stage (the parser refuses such a ledger; data
    // imported around it may still hold one).
    const neverOpen = {
      ...open('N', '华东', 0),
      stageId: 'won',
      status: 'won',
      history: [{ type: 'created', seq: 1, at: new Date(day(0)), stageId: 'won' }],
    } as unknown as Opportunity;
    const r = competingRisks([reopenedAndWon, neverOpen], pipeline, { asOf: AS_OF });
    expect(r.total).toMatchObject({ deals: 1, won: 1, lost: 0, excluded: 1 });
    expect(r.total.points.map((p) => [p.days, p.won])).toEqual([[40, 1]]);
    // As of day 15 the same deal is lost (at day 10).
    const early = competingRisks([reopenedAndWon], pipeline, { asOf: new Date(day(15)) });
    expect(early.total.points.map((p) => [p.days, p.lost])).toEqual([[10, 1]]);
    // As of day 30 it is open again: censored at 30 days since creation.
    const reopened = competingRisks([reopenedAndWon], pipeline, { asOf: new Date(day(30)) });
    expect(reopened.total.points.map((p) => [p.days, p.censored])).toEqual([[30, 1]]);
    expect(reopened.total.naiveWinRate).toBeNull();
  });

  it('takes asOf as a Date or an ISO string with offset, with the same result', () => {
    expect(competingRisks(EXAMPLE, pipeline, { asOf: '2026-04-11T08:00:00+08:00', groupBy: ['region'] })).toEqual(
      competingRisks(EXAMPLE, pipeline, { asOf: AS_OF, groupBy: ['region'] }),
    );
  });

  it('bins times up to the resolution when asked', () => {
    // Weekly bins: closes at 2, 3, 5, 5, 8 → 7, 7, 7, 7, 14; open for 3, 6, 9 → 7, 7, 14.
    // t7: n = 8, won 2, lost 2 → CIF_won = CIF_lost = 2/8 = 0.25, Ŝ = 0.5; t14: n = 2, won 1 → CIF_won = 0.25 + 0.5/2 = 0.5.
    const c = competingRisks(EXAMPLE, pipeline, { asOf: AS_OF, resolutionDays: 7 }).total;
    expect(c.points.map((p) => [p.days, p.atRisk, p.won, p.lost, p.censored])).toEqual([
      [7, 8, 2, 2, 2],
      [14, 2, 1, 0, 1],
    ]);
    expect(c.cifWon).toBeCloseTo(0.5, 14);
    expect(c.cifLost).toBeCloseTo(0.25, 14);
  });

  it('gives an empty curve and null summaries without deals, never NaN', () => {
    const r = competingRisks([], pipeline, { asOf: AS_OF });
    expect(r.total).toEqual({ deals: 0, won: 0, lost: 0, open: 0, excluded: 0, naiveWinRate: null, cifWon: null, cifLost: null, survival: null, points: [] });
  });

  it('refuses bad options with a FunnelError', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof FunnelError ? e.code : String(e);
      }
      return 'no error';
    };
    expect(code(() => competingRisks(EXAMPLE, pipeline, undefined as never))).toBe('invalid_option');
    expect(code(() => competingRisks(EXAMPLE, pipeline, { asOf: AS_OF, origin: { stageId: 'nope' as StageId } }))).toBe('unknown_stage');
    expect(code(() => competingRisks(EXAMPLE, pipeline, { asOf: AS_OF, origin: { stageId: 'won' as StageId } }))).toBe('stage_not_open');
    expect(code(() => competingRisks(EXAMPLE, pipeline, { asOf: AS_OF, origin: 'closed' as never }))).toBe('invalid_option');
    expect(code(() => competingRisks(EXAMPLE, pipeline, { asOf: AS_OF, horizonDays: -1 }))).toBe('invalid_option');
    expect(code(() => competingRisks(EXAMPLE, pipeline, { asOf: AS_OF, resolutionDays: Number.NaN }))).toBe('invalid_option');
    const foreign = { ...EXAMPLE[0]!, pipelineId: 'other' } as Opportunity;
    expect(code(() => competingRisks([foreign], pipeline, { asOf: AS_OF }))).toBe('pipeline_mismatch');
    expect(competingRisks([foreign], pipeline, { asOf: AS_OF, otherPipelines: 'ignore' }).total.deals).toBe(0);
  });
});

describe('competingRisks — option limits and edges', () => {
  const refusal = (options: object) => {
    try {
      competingRisks(EXAMPLE, pipeline, { asOf: AS_OF, ...options } as never);
    } catch (e) {
      return e instanceof FunnelError ? `${e.code} ${(e.params as { option?: string }).option}` : String(e);
    }
    return 'no error';
  };

  it('refuses a horizon or a resolution of 0 days (both must be > 0)', () => {
    expect(refusal({ horizonDays: 0 })).toBe('invalid_option horizonDays');
    expect(refusal({ resolutionDays: 0 })).toBe('invalid_option resolutionDays');
    // The smallest positive values are accepted.
    expect(competingRisks(EXAMPLE, pipeline, { asOf: AS_OF, horizonDays: Number.MIN_VALUE, resolutionDays: Number.MIN_VALUE }).horizonDays).toBe(Number.MIN_VALUE);
  });

  it("refuses an origin that is neither 'created' nor { stageId } of a string", () => {
    // A stage id on its own is not an origin: it must be { stageId: 'lead' }.
    expect(refusal({ origin: 'lead' })).toBe('invalid_option origin');
    expect(refusal({ origin: null })).toBe('invalid_option origin');
    expect(refusal({ origin: { stageId: 5 } })).toBe('invalid_option origin');
    expect(refusal({ origin: {} })).toBe('invalid_option origin');
    // Only a plain object is read: a function that happens to carry a valid stageId is refused too.
    expect(refusal({ origin: Object.assign(() => 'qualify', { stageId: 'qualify' }) })).toBe('invalid_option origin');
    // Left out (or undefined, from JavaScript), it is the creation.
    expect(competingRisks(EXAMPLE, pipeline, { asOf: AS_OF, origin: undefined } as never).origin).toBe('created');
  });

  it('counts a deal created exactly at asOf as open for 0 days; one created after asOf is excluded', () => {
    const deals = [open('now', '华东', 100), open('later', '华东', 101)];
    for (const input of [deals, dealColumns(deals, pipeline)]) {
      const c = competingRisks(input, pipeline, { asOf: AS_OF }).total;
      expect(c).toMatchObject({ deals: 1, won: 0, lost: 0, open: 1, excluded: 1 });
      expect(c.points.map((p) => [p.days, p.atRisk, p.censored, p.survival])).toEqual([[0, 1, 1, 1]]);
    }
  });
});

// ---- properties over generated ledgers ----

const scenarioArb = pipelineArb({ maxOpenStages: 5 }).chain((p) =>
  fc.record({
    pipeline: fc.constant(p),
    deals: fc.array(opportunityArb({ pipeline: p, startAnywhere: true, maxSteps: 14 }), { maxLength: 25 }),
    asOf: instantArb({ min: '2025-02-01', max: '2027-01-31' }),
    originIndex: fc.option(fc.nat({ max: 9 }), { nil: undefined }),
    horizonDays: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined, freq: 3 }),
    permutation: fc.array(fc.nat(), { minLength: 25, maxLength: 25 }),
  }),
);

function checkCurve(c: CompetingRisksCurve, horizon: number | undefined): void {
  expect(c.deals).toBe(c.won + c.lost + c.open);
  if (c.deals === 0) {
    expect([c.points.length, c.cifWon, c.cifLost, c.survival, c.naiveWinRate]).toEqual([0, null, null, null, null]);
    return;
  }
  expect(c.points[0]!.atRisk).toBe(c.deals);
  let [w, l, s] = [0, 0, 1];
  for (const p of c.points) {
    // CIF_won + CIF_lost + S = 1 at every time; S non-increasing in [0, 1]; CIFs non-decreasing.
    expect(Math.abs(p.cifWon + p.cifLost + p.survival - 1)).toBeLessThan(1e-12);
    expect(p.survival).toBeGreaterThanOrEqual(0);
    expect(p.survival).toBeLessThanOrEqual(s);
    expect(p.cifWon).toBeGreaterThanOrEqual(w - 1e-15);
    expect(p.cifLost).toBeGreaterThanOrEqual(l - 1e-15);
    if (horizon !== undefined) expect(p.days).toBeLessThanOrEqual(horizon);
    [w, l, s] = [p.cifWon, p.cifLost, p.survival];
  }
  const events = c.points.reduce((n, p) => n + p.won + p.lost + p.censored, 0);
  expect(events).toBe(c.deals);
  if (horizon === undefined) {
    expect(c.points.reduce((n, p) => n + p.won, 0)).toBe(c.won);
    expect(c.points.reduce((n, p) => n + p.lost, 0)).toBe(c.lost);
  }
  expect(c.naiveWinRate === null ? c.won + c.lost === 0 : c.naiveWinRate === c.won / (c.won + c.lost)).toBe(true);
}

describe('competingRisks properties', () => {
  it('CIF_won + CIF_lost + S = 1 everywhere; monotone curves; counts add up; total = Σ groups', () => {
    fc.assert(
      fc.property(scenarioArb, ({ pipeline: p, deals, asOf, originIndex, horizonDays }) => {
        const openStages = p.stages.filter((s) => s.kind === 'open');
        const origin = originIndex === undefined ? 'created' : { stageId: openStages[originIndex % openStages.length]!.id };
        const r = competingRisks(deals, p, { asOf, origin, groupBy: ['owner'], ...(horizonDays === undefined ? {} : { horizonDays }) });
        expect(noNaN(r)).toBe(true);
        checkCurve(r.total, horizonDays);
        for (const c of r.groups.map((g) => g.value)) checkCurve(c, horizonDays);
        const parts = r.groups.map((g) => g.value);
        expect(parts.reduce((n, c) => n + c.deals, 0)).toBe(r.total.deals);
        expect(parts.reduce((n, c) => n + c.excluded, 0)).toBe(r.total.excluded);
        expect(r.total.deals + r.total.excluded).toBe(deals.length);
      }),
      { numRuns: 150 },
    );
  });

  it('does not depend on input order, reads any iterable once, leaves inputs unchanged', () => {
    fc.assert(
      fc.property(scenarioArb, ({ pipeline: p, deals, asOf, permutation }) => {
        const before = { deals: deals.map(serializeOpportunity), pipeline: serializePipeline(p), asOf: asOf.getTime() };
        const options = { asOf, groupBy: ['region'] as const };
        const a = competingRisks(deals, p, options);
        function* once() {
          yield* shuffled(deals, permutation);
        }
        expect(competingRisks(once(), p, options)).toEqual(a);
        expect({ deals: deals.map(serializeOpportunity), pipeline: serializePipeline(p), asOf: asOf.getTime() }).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });
});

describe('competingRisks — horizons, origins, merges and arguments, one rule each', () => {
  it('counts a deal lost after the horizon as lost, while the curve censors it at the horizon', () => {
    const r = competingRisks([...EXAMPLE, lost('l8', '华东', 0, 8)], pipeline, { asOf: AS_OF, horizonDays: 5 });
    // The loss at 8 joins the censorings at 5 (won at 8, open for 6 and 9 days).
    expect(r.total.points.map((p) => [p.days, p.won, p.lost, p.censored])).toEqual([
      [2, 1, 0, 0],
      [3, 0, 1, 1],
      [5, 1, 1, 4],
    ]);
    expect(r.total).toMatchObject({ deals: 9, won: 3, lost: 3, open: 3, naiveWinRate: 0.5 });
  });

  it('starts the clock at the entry into the first open stage when that is the origin, not at the creation', () => {
    // Created in qualify on day 0, back to lead on day 10, won on day 30: 20 days from lead.
    const back = deal('back', '华东', 'won', 'won', [
      { type: 'created', at: day(0), stageId: 'qualify' },
      { type: 'stage_changed', at: day(10), from: 'qualify', to: 'lead', kind: 'regress', reason: 're-scoped' },
      { type: 'won', at: day(30), stageId: 'won' },
    ]);
    for (const input of [[back], dealColumns([back], pipeline)]) {
      const r = competingRisks(input, pipeline, { asOf: AS_OF, origin: { stageId: 'lead' as StageId } });
      expect(r.total.points.map((p) => [p.days, p.won])).toEqual([[20, 1]]);
    }
  });

  it('starts the clock of a deal whose imported ledger has no creation at its first event', () => {
    const imported = deal('imp', '华东', 'qualify', 'open', [{ type: 'stage_changed', at: day(10), from: 'lead', to: 'qualify', kind: 'advance' }]);
    for (const input of [[imported], dealColumns([imported], pipeline)]) {
      const c = competingRisks(input, pipeline, { asOf: AS_OF }).total;
      expect(c).toMatchObject({ deals: 1, open: 1, excluded: 0 });
      expect(c.points.map((p) => [p.days, p.censored])).toEqual([[90, 1]]);
    }
  });

  it('refuses a closed stage as the origin, naming it', () => {
    expect(whole(() => competingRisks(EXAMPLE, pipeline, { asOf: AS_OF, origin: { stageId: 'won' as StageId } }))).toEqual(
      whole(() => {
        throw new FunnelError('stage_not_open', { stageId: 'won', stageName: '赢单', kind: 'won' });
      }),
    );
  });

  it('refuses to merge accumulators whose origin, horizon or resolution differ', () => {
    const acc = (options: object) => competingRisksAccumulator(pipeline, { asOf: AS_OF, ...options });
    const pairs: Array<[object, object]> = [
      [{ origin: { stageId: 'lead' } }, { origin: { stageId: 'qualify' } }],
      [{ horizonDays: 30 }, { horizonDays: 60 }],
      [{ resolutionDays: 1 }, { resolutionDays: 2 }],
    ];
    for (const [a, b] of pairs) {
      expect(fault(() => acc(a).merge(acc(b)))).toEqual(['invalid_argument', 'other']);
      expect(fault(() => acc(a).merge(acc(b).partial()))).toEqual(['invalid_argument', 'other']);
      expect(() => acc(a).merge(acc(a))).not.toThrow();
    }
  });

  it('names a bad batch, or the bad deal by its position, in add', () => {
    const acc = () => competingRisksAccumulator(pipeline, { asOf: AS_OF });
    expect(thrown(() => acc().add(5 as never)).params).toMatchObject({ name: 'opportunities' });
    expect(thrown(() => acc().add([EXAMPLE[0]!, EXAMPLE[1]!, null] as never)).params).toMatchObject({ name: 'opportunities[2]' });
  });
});
