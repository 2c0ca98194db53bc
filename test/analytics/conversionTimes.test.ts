import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  conversionTimes,
  conversionTimesAccumulator,
  dealColumns,
  FunnelError,
  serializeOpportunity,
  serializePipeline,
  type ConversionTimes,
  type Opportunity,
  type OpportunityJson,
  type StageConversionTime,
} from '../../src/index.js';
import { instantArb, opportunityArb, pipelineArb } from '../../src/testing/index.js';
import { day, noNaN, pipeline, shuffled, surveyDeal } from './_survival.js';
import { groupKeys, groupValue } from './_fixtures.js';
import { fault, thrown } from '../_errors.js';

const deal = (id: string, owner: string, stageId: string, status: OpportunityJson['status'], history: OpportunityJson['history']): Opportunity =>
  surveyDeal(id, { owner }, stageId, status, history);

// Four deals read as of day 40:
// d1 (rep-a): lead 0→4 (advance), qualify 4→10 (advance), quote 10→30 (won).
// d2 (rep-a): lead 0→8 with days 2–5 suspended (5 net days, advance), qualify 8→20 (lost: censored at 12).
// d3 (rep-b): lead 0→6 (jump to quote: completed, qualify skipped), quote 6→9 (regressed: censored at 3),
//             lead again 9→40 (open: censored at 31).
// d4 (rep-b): lead 10→40 (open: censored at 30).
const DEALS: readonly Opportunity[] = [
  deal('d1', 'rep-a', 'won', 'won', [
    { type: 'created', at: day(0), stageId: 'lead' },
    { type: 'stage_changed', at: day(4), from: 'lead', to: 'qualify', kind: 'advance' },
    { type: 'stage_changed', at: day(10), from: 'qualify', to: 'quote', kind: 'advance' },
    { type: 'won', at: day(30), stageId: 'won' },
  ]),
  deal('d2', 'rep-a', 'lost', 'lost', [
    { type: 'created', at: day(0), stageId: 'lead' },
    { type: 'suspended', at: day(2) },
    { type: 'resumed', at: day(5) },
    { type: 'stage_changed', at: day(8), from: 'lead', to: 'qualify', kind: 'advance' },
    { type: 'lost', at: day(20), stageId: 'lost', reason: '价格过高' },
  ]),
  deal('d3', 'rep-b', 'lead', 'open', [
    { type: 'created', at: day(0), stageId: 'lead' },
    { type: 'stage_changed', at: day(6), from: 'lead', to: 'quote', kind: 'skip' },
    { type: 'stage_changed', at: day(9), from: 'quote', to: 'lead', kind: 'regress', reason: 're-scoped' },
  ]),
  deal('d4', 'rep-b', 'lead', 'open', [{ type: 'created', at: day(10), stageId: 'lead' }]),
];
const AS_OF = new Date(day(40));

const stage = (stages: readonly StageConversionTime[], id: string) => stages.find((s) => s.stageId === id)!;

describe('conversionTimes', () => {
  it('computes completed-stay statistics and Kaplan–Meier per stage (worked example)', () => {
    const r = conversionTimes(DEALS, pipeline, { asOf: AS_OF });
    expect(r.total.map((s) => s.stageId)).toEqual(['lead', 'qualify', 'quote']);
    expect(r.groups.length).toBe(0);
    expect(r.resolutionDays).toBeNull();

    // lead: completed 4, 5, 6; censored 30 (d4), 31 (d3 back in lead).
    const lead = stage(r.total, 'lead');
    expect(lead).toMatchObject({ stageIndex: 0, stays: 5, completed: 3, open: 2, lost: 0, regressed: 0, skipped: 0 });
    expect(lead.meanDays).toBeCloseTo(5, 12); // (4 + 5 + 6) / 3
    expect(lead.medianDays).toBe(5);
    expect(lead.p90Days).toBeCloseTo(5.8, 12); // h = 2·0.9 = 1.8 → 5 + 0.8·(6 − 5)
    // KM: S(4) = 4/5 = 0.8, S(5) = 0.8·3/4 = 0.6, S(6) = 0.6·2/3 = 0.4 → median 6.
    expect(lead.kaplanMeier.points.map((p) => [p.days, p.atRisk, p.events, p.censored])).toEqual([
      [4, 5, 1, 0],
      [5, 4, 1, 0],
      [6, 3, 1, 0],
      [30, 2, 0, 1],
      [31, 1, 0, 1],
    ]);
    expect(lead.kaplanMeier.points.map((p) => p.survival)).toEqual([0.8, 0.6, 0.4, 0.4, 0.4].map((x) => expect.closeTo(x, 12)));
    // Greenwood at 4: 0.8·√(1/(5·4)) = 0.8·0.2236… = 0.17889
    expect(lead.kaplanMeier.points[0]!.standardError).toBeCloseTo(0.8 * Math.sqrt(1 / 20), 12);
    expect(lead.kaplanMeier.medianDays).toBe(6);

    // qualify: d1 completed after 6 days; d2 lost after 12 (censored); d3 jumped over it.
    const qualify = stage(r.total, 'qualify');
    expect(qualify).toMatchObject({ stays: 2, completed: 1, open: 0, lost: 1, regressed: 0, skipped: 1, meanDays: 6, medianDays: 6, p90Days: 6 });
    expect(qualify.kaplanMeier.points.map((p) => [p.days, p.atRisk, p.survival])).toEqual([
      [6, 2, 0.5],
      [12, 1, 0.5],
    ]);
    expect(qualify.kaplanMeier.medianDays).toBe(6);

    // quote: d3 regressed after 3 days (censored); d1 won after 20: n = 1, d = 1 → S = 0, no SE.
    const quote = stage(r.total, 'quote');
    expect(quote).toMatchObject({ stays: 2, completed: 1, regressed: 1, meanDays: 20, medianDays: 20, p90Days: 20 });
    expect(quote.kaplanMeier.points).toEqual([
      { days: 3, atRisk: 2, events: 0, censored: 1, survival: 1, standardError: 0 },
      { days: 20, atRisk: 1, events: 1, censored: 0, survival: 0, standardError: null },
    ]);
    expect(quote.kaplanMeier.medianDays).toBe(20);
  });

  it('groups by owner, with groups in key order, and a total equal to their sum', () => {
    const r = conversionTimes([...DEALS].reverse(), pipeline, { asOf: AS_OF, groupBy: ['owner'] });
    expect(groupKeys(r)).toEqual(['rep-a', 'rep-b']);
    const a = stage(groupValue(r, 'rep-a'), 'lead');
    expect(a).toMatchObject({ stays: 2, completed: 2, medianDays: 4.5 }); // 4 and 5
    expect(a.kaplanMeier.medianDays).toBe(4); // S(4) = 1 − 1/2 = 0.5 ≤ 0.5
    const b = stage(groupValue(r, 'rep-b'), 'lead');
    expect(b).toMatchObject({ stays: 3, completed: 1, open: 2, medianDays: 6 });
    expect(b.kaplanMeier.medianDays).toBeNull(); // S(6) = 2/3, then only censorings
    for (const [i, s] of r.total.entries()) {
      const parts = r.groups.map((g) => g.value).map((stages) => stages[i]!);
      expect(parts.reduce((n, p) => n + p.stays, 0)).toBe(s.stays);
      expect(parts.reduce((n, p) => n + p.completed, 0)).toBe(s.completed);
    }
  });

  it('reproduces the published 6-MP Kaplan–Meier estimate from ledgers (stays in days)', () => {
    // Freireich et al. (1963) 6-MP arm (see test/analytics/_lib/survival.test.ts for the source):
    // each remission time becomes a stay in `lead` of that many days; a relapse is an
    // advance, a censored time a deal still in `lead` at asOf.
    const times: Array<[number, boolean]> = [
      [6, true], [6, true], [6, true], [6, false], [7, true], [9, false], [10, true], [10, false], [11, false], [13, true], [16, true],
      [17, false], [19, false], [20, false], [22, true], [23, true], [25, false], [32, false], [32, false], [34, false], [35, false],
    ];
    const asOf = 100;
    const deals = times.map(([t, event], i) =>
      event
        ? deal(`m${i}`, 'rep-a', 'qualify', 'open', [
            { type: 'created', at: day(0), stageId: 'lead' },
            { type: 'stage_changed', at: day(t), from: 'lead', to: 'qualify', kind: 'advance' },
          ])
        : deal(`m${i}`, 'rep-a', 'lead', 'open', [{ type: 'created', at: day(asOf - t), stageId: 'lead' }]),
    );
    const km = stage(conversionTimes(deals, pipeline, { asOf: new Date(day(asOf)) }).total, 'lead').kaplanMeier;
    const at = (t: number) => km.points.find((p) => p.days === t)!;
    expect([6, 7, 10, 13, 16, 22, 23].map((t) => Number(at(t).survival.toFixed(3)))).toEqual([0.857, 0.807, 0.753, 0.69, 0.627, 0.538, 0.448]);
    expect(Number(at(6).standardError!.toFixed(3))).toBe(0.076);
    expect(Number(at(23).standardError!.toFixed(3))).toBe(0.135);
    expect(km.medianDays).toBe(23);
  });

  it('puts the Kaplan–Meier median where Ŝ reaches exactly ½, despite floating-point products (issue 11)', () => {
    // 24 deals advance out of lead after 1, 2, …, 24 days, none censored: Ŝ(12) = 12/24 = ½
    // exactly, but the floating product (23/24)·(22/23)·…·(12/13) comes out as 0.5000000000000001.
    const deals = Array.from({ length: 24 }, (_, i) =>
      deal(`k${i + 1}`, 'rep-a', 'qualify', 'open', [
        { type: 'created', at: day(0), stageId: 'lead' },
        { type: 'stage_changed', at: day(i + 1), from: 'lead', to: 'qualify', kind: 'advance' },
      ]),
    );
    const lead = stage(conversionTimes(deals, pipeline, { asOf: day(30) }).total, 'lead');
    expect(lead.kaplanMeier.points[11]!.survival).toBeCloseTo(0.5, 15);
    expect(lead.kaplanMeier.medianDays).toBe(12); // the smallest t with Ŝ(t) ≤ ½ (was 13)
    expect(lead.medianDays).toBe(12.5); // completed stays, type-7: (12 + 13) / 2
  });

  it('takes asOf as a Date or an ISO string with offset, with the same result', () => {
    expect(conversionTimes(DEALS, pipeline, { asOf: '2026-02-10T08:00:00+08:00', groupBy: ['owner'] })).toEqual(
      conversionTimes(DEALS, pipeline, { asOf: AS_OF, groupBy: ['owner'] }),
    );
  });

  it('subtracts suspended time, also for a stay still suspended at asOf', () => {
    // Created day 0, suspended day 10 and never resumed: as of day 40 the stay is 10 net days.
    const d = deal('s', 'rep-a', 'lead', 'suspended', [
      { type: 'created', at: day(0), stageId: 'lead' },
      { type: 'suspended', at: day(10) },
    ]);
    const lead = stage(conversionTimes([d], pipeline, { asOf: AS_OF }).total, 'lead');
    expect(lead).toMatchObject({ stays: 1, open: 1, completed: 0, meanDays: null, medianDays: null, p90Days: null });
    expect(lead.kaplanMeier).toEqual({ points: [{ days: 10, atRisk: 1, events: 0, censored: 1, survival: 1, standardError: 0 }], medianDays: null });
  });

  it('ignores ledger events after asOf', () => {
    // As of day 3 every deal that exists is still in lead: d1 and d3 for 3 days, d2 for
    // 3 − 1 suspended (since day 2) = 2 days; d4 is not created yet. All censored.
    const r = conversionTimes(DEALS, pipeline, { asOf: new Date(day(3)) });
    const lead = stage(r.total, 'lead');
    expect(lead).toMatchObject({ stays: 3, completed: 0, open: 3 });
    expect(lead.kaplanMeier.points.map((p) => [p.days, p.censored, p.survival])).toEqual([
      [2, 1, 1],
      [3, 2, 1],
    ]);
    expect(stage(r.total, 'qualify').stays).toBe(0);
  });

  it('bins durations up to the resolution when asked', () => {
    // Weekly bins: 4, 5, 6 → 7; 30, 31 → 35. S(7) = 1 − 3/5 = 0.4.
    const lead = stage(conversionTimes(DEALS, pipeline, { asOf: AS_OF, resolutionDays: 7 }).total, 'lead');
    expect(lead).toMatchObject({ completed: 3, meanDays: 7, medianDays: 7, p90Days: 7 });
    expect(lead.kaplanMeier.points.map((p) => [p.days, p.atRisk, p.events, p.censored])).toEqual([
      [7, 5, 3, 0],
      [35, 2, 0, 2],
    ]);
    expect(lead.kaplanMeier.points[0]!.survival).toBeCloseTo(0.4, 15);
    expect(lead.kaplanMeier.medianDays).toBe(7);
  });

  it('gives empty curves and null figures without deals, never NaN', () => {
    const r = conversionTimes([], pipeline, { asOf: AS_OF, groupBy: ['region'] });
    expect(r.groups.length).toBe(0);
    for (const s of r.total) {
      expect(s).toMatchObject({ stays: 0, completed: 0, meanDays: null, medianDays: null, p90Days: null, kaplanMeier: { points: [], medianDays: null } });
    }
  });

  it('refuses bad options and foreign deals with a FunnelError', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof FunnelError ? e.code : String(e);
      }
      return 'no error';
    };
    expect(code(() => conversionTimes(DEALS, pipeline, {} as never))).toBe('invalid_option');
    expect(code(() => conversionTimes(DEALS, pipeline, { asOf: new Date('nope') }))).toBe('invalid_option');
    expect(code(() => conversionTimes(DEALS, pipeline, { asOf: '2026-02-10' }))).toBe('invalid_option');
    expect(code(() => conversionTimes(DEALS, pipeline, { asOf: AS_OF, resolutionDays: 0 }))).toBe('invalid_option');
    expect(code(() => conversionTimes(DEALS, pipeline, { asOf: AS_OF, groupBy: ['customer_type'] }))).toBe('invalid_option');
    const foreign = { ...DEALS[0]!, pipelineId: 'other' } as Opportunity;
    expect(code(() => conversionTimes([foreign], pipeline, { asOf: AS_OF }))).toBe('pipeline_mismatch');
    const r = conversionTimes([foreign, ...DEALS], pipeline, { asOf: AS_OF, otherPipelines: 'ignore' });
    expect(r).toEqual(conversionTimes(DEALS, pipeline, { asOf: AS_OF }));
  });
});

describe('conversionTimes — option limits and edges', () => {
  it('refuses a call without asOf, with or without an options object', () => {
    const option = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        const params = e instanceof FunnelError ? (e.params as { option?: string; reason?: { code?: string } }) : undefined;
        return params === undefined ? String(e) : `${(e as FunnelError).code} ${params.option} ${params.reason?.code}`;
      }
      return 'no error';
    };
    // The reason says why asOf is required here (not merely that undefined is not an instant).
    expect(option(() => conversionTimes(DEALS, pipeline, {} as never))).toBe('invalid_option asOf asof_for_open_stays');
    expect(option(() => conversionTimes(DEALS, pipeline, undefined as never))).toBe('invalid_option asOf asof_for_open_stays');
    expect(option(() => (conversionTimes as (...args: unknown[]) => unknown)(DEALS, pipeline))).toBe('invalid_option asOf asof_for_open_stays');
  });

  it('makes no group for a deal without a stay by asOf', () => {
    // rep-c's only deal is created on day 50, after asOf (day 40).
    const late = deal('d5', 'rep-c', 'lead', 'open', [{ type: 'created', at: day(50), stageId: 'lead' }]);
    for (const input of [[...DEALS, late], dealColumns([...DEALS, late], pipeline)]) {
      const r = conversionTimes(input, pipeline, { asOf: AS_OF, groupBy: ['owner'] });
      expect(groupKeys(r)).toEqual(['rep-a', 'rep-b']);
      expect(r).toEqual(conversionTimes(DEALS, pipeline, { asOf: AS_OF, groupBy: ['owner'] }));
    }
  });

  it('keeps every stay of a deal that moves back and forth 34 times', () => {
    // lead d0, qualify on the odd days d1 … d33, lead on the even days d2 … d34: 18 stays in
    // lead (17 completed after 1 day, the last open since d34: 6 days at d40) and 17 in
    // qualify (each regressed after 1 day).
    const history: OpportunityJson['history'] = [{ type: 'created', at: day(0), stageId: 'lead' }];
    for (let k = 1; k <= 34; k++) {
      history.push(
        k % 2 === 1
          ? { type: 'stage_changed', at: day(k), from: 'lead', to: 'qualify', kind: 'advance' }
          : { type: 'stage_changed', at: day(k), from: 'qualify', to: 'lead', kind: 'regress', reason: 're-scoped' },
      );
    }
    const pp = deal('pp', 'rep-a', 'lead', 'open', history);
    for (const input of [[pp], dealColumns([pp], pipeline)]) {
      const r = conversionTimes(input, pipeline, { asOf: AS_OF });
      expect(stage(r.total, 'lead')).toMatchObject({ stays: 18, completed: 17, open: 1, meanDays: 1, medianDays: 1 });
      expect(stage(r.total, 'lead').kaplanMeier.points.map((p) => [p.days, p.atRisk, p.events, p.censored])).toEqual([
        [1, 18, 17, 0],
        [6, 1, 0, 1],
      ]);
      expect(stage(r.total, 'qualify')).toMatchObject({ stays: 17, completed: 0, regressed: 17 });
    }
  });
});

// ---- properties over generated ledgers ----

const scenarioArb = pipelineArb({ maxOpenStages: 5 }).chain((p) =>
  fc.record({
    pipeline: fc.constant(p),
    deals: fc.array(opportunityArb({ pipeline: p, startAnywhere: true, maxSteps: 14 }), { maxLength: 25 }),
    asOf: instantArb({ min: '2025-02-01', max: '2027-01-31' }),
    permutation: fc.array(fc.nat(), { minLength: 25, maxLength: 25 }),
  }),
);

function checkStage(s: StageConversionTime): void {
  expect(s.stays).toBe(s.completed + s.open + s.lost + s.regressed);
  const pts = s.kaplanMeier.points;
  if (s.stays > 0) expect(pts[0]!.atRisk).toBe(s.stays);
  else expect(pts).toEqual([]);
  expect(pts.reduce((n, p) => n + p.events, 0)).toBe(s.completed);
  expect(pts.reduce((n, p) => n + p.censored, 0)).toBe(s.open + s.lost + s.regressed);
  let prev = 1;
  let prevDays = -Infinity;
  for (const p of pts) {
    expect(p.survival).toBeGreaterThanOrEqual(0);
    expect(p.survival).toBeLessThanOrEqual(prev); // 0 ≤ S(t) ≤ 1, non-increasing
    expect(p.days).toBeGreaterThan(prevDays);
    expect(p.days).toBeGreaterThanOrEqual(0);
    prev = p.survival;
    prevDays = p.days;
  }
  const median = s.kaplanMeier.medianDays;
  if (median !== null) expect(pts.find((p) => p.days === median)!.survival).toBeLessThanOrEqual(0.5);
  else expect(pts.every((p) => p.survival > 0.5)).toBe(true);
  if (s.completed === 0) expect([s.meanDays, s.medianDays, s.p90Days]).toEqual([null, null, null]);
  else expect(s.medianDays!).toBeLessThanOrEqual(s.p90Days! + 1e-9);
}

describe('conversionTimes properties', () => {
  it('S(t) in [0, 1] and non-increasing; counts add up; total = Σ groups; no NaN', () => {
    fc.assert(
      fc.property(scenarioArb, ({ pipeline: p, deals, asOf }) => {
        const r = conversionTimes(deals, p, { asOf, groupBy: ['owner'] });
        expect(noNaN(r)).toBe(true);
        r.total.forEach(checkStage);
        for (const stages of r.groups.map((g) => g.value)) stages.forEach(checkStage);
        r.total.forEach((s, i) => {
          const parts = r.groups.map((g) => g.value).map((stages) => stages[i]!);
          expect(parts.reduce((n, x) => n + x.stays, 0)).toBe(s.stays);
          expect(parts.reduce((n, x) => n + x.skipped, 0)).toBe(s.skipped);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('does not depend on input order, reads any iterable once, leaves inputs unchanged', () => {
    fc.assert(
      fc.property(scenarioArb, ({ pipeline: p, deals, asOf, permutation }) => {
        const before = { deals: deals.map(serializeOpportunity), pipeline: serializePipeline(p), asOf: asOf.getTime() };
        const options = { asOf, groupBy: ['region'] as const, resolutionDays: 0.5 };
        const a: ConversionTimes = conversionTimes(deals, p, options);
        function* once() {
          yield* shuffled(deals, permutation);
        }
        const b = conversionTimes(once(), p, options);
        expect(b).toEqual(a);
        expect(conversionTimes(deals, p, { asOf })).toEqual(conversionTimes(shuffled(deals, permutation), p, { asOf }));
        expect({ deals: deals.map(serializeOpportunity), pipeline: serializePipeline(p), asOf: asOf.getTime() }).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });
});

describe('conversionTimes: hostile arguments', () => {
  it('refuses a value that is not a pipeline by name, before reading it', () => {
    const e = (() => {
      try {
        conversionTimes(DEALS, null as never, { asOf: AS_OF });
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(FunnelError);
    expect((e as FunnelError).params).toMatchObject({ name: 'pipeline', reason: { code: 'must_be_pipeline_with_stages' } });
  });

  it('refuses [null] as deals, naming the item', () => {
    expect(() => conversionTimes([null] as never, pipeline, { asOf: AS_OF })).toThrowError(expect.objectContaining({ code: 'invalid_argument', params: expect.objectContaining({ name: 'opportunities[0]' }) }));
  });
});

describe('conversionTimes — options, merges and arguments, one rule each', () => {
  it('names resolutionDays when it is not a positive number', () => {
    for (const resolutionDays of [0, -1, Number.NaN, '7']) {
      expect(fault(() => conversionTimes(DEALS, pipeline, { asOf: AS_OF, resolutionDays } as never))).toEqual(['invalid_option', 'resolutionDays']);
    }
  });

  it('refuses to merge accumulators whose resolutions differ', () => {
    const acc = (resolutionDays: number) => conversionTimesAccumulator(pipeline, { asOf: AS_OF, resolutionDays });
    expect(fault(() => acc(1).merge(acc(2)))).toEqual(['invalid_argument', 'other']);
    expect(fault(() => acc(1).merge(acc(2).partial()))).toEqual(['invalid_argument', 'other']);
    expect(acc(1).add(DEALS).merge(acc(1).partial()).result()).toEqual(conversionTimes(DEALS, pipeline, { asOf: AS_OF, resolutionDays: 1 }));
  });

  it('names a bad batch, or the bad deal by its position, in add', () => {
    const acc = () => conversionTimesAccumulator(pipeline, { asOf: AS_OF });
    expect(thrown(() => acc().add(5 as never)).params).toMatchObject({ name: 'opportunities' });
    expect(thrown(() => acc().add([DEALS[0]!, DEALS[1]!, null] as never)).params).toMatchObject({ name: 'opportunities[2]' });
  });
});
