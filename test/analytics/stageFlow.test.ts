import { describe, expect, it } from 'vitest';
import { dealColumns, FunnelError, stageFlow, stageFlowAccumulator, stageVisits, type Opportunity, type StageFlow, type StageFlowOptions, type StageFlowRow } from '../../src/index.js';
import { day, deal, goldenDeals, groupKeys, groupValue, pipeline, snapshotOf, uncheckedDeal, type Step } from './_fixtures.js';
import { fault, thrown } from '../_errors.js';

/** The counts of a row as `entered adv(won) lost regressed still(susp, stalled) skipped`. */
const counts = (r: StageFlowRow) => `${r.stageId} ${r.entered} = ${r.advanced}(${r.won}) + ${r.lost} + ${r.regressed} + ${r.stillThere}(${r.suspended}s, ${r.stalled}x) skip ${r.skipped}`;

// The golden ledgers are listed in `_fixtures.ts` (goldenDeals). Window [d0, d40), asOf d40.
const Q = { from: day(0), to: day(40), asOf: day(40) };
/** The golden flow, computed inside each test (not in the describe body) so a mutation runner can attribute it. */
const goldenFlow = () => stageFlow(goldenDeals(), pipeline, Q);
describe('stageFlow — golden ledger', () => {
  it('counts every stage entry by its outcome (skips passed, the default)', () => {
    const flow = goldenFlow();
    expect(flow.total.stages.map(counts)).toEqual([
      // lead: entered by d1 d2 d3 d4 d5 d6 d8 d9 = 8 (d7 was imported in `need`).
      // d1 d2 d3 d4 d5 d8 d9 moved on = 7 advanced; d6 (since d35) still there, 5 days < 14: not stalled.
      'lead 8 = 7(0) + 0 + 0 + 1(0s, 0x) skip 0',
      // need: d1 (adv), d2 (lost d15), d3 (skipped over at d6: passed = advanced), d4 (adv d14),
      // d4 again after its regression (d18, still there: 22 days > 20 → stalled), d5 (d20, still: 20 days, not > 20),
      // d7 (import, adv), d8 (d12, still: 28 days − 20 suspended = 8), d9 (d13, still, suspended) = 9 entries.
      // 4 advanced (d1 d3 d4 d7) + 1 lost (d2) + 0 regressed + 4 still (d4', d5, d8, d9) = 9.
      'need 9 = 4(0) + 1 + 0 + 4(1s, 1x) skip 1',
      // proposal: d1 (adv d20), d3 (still, no threshold), d4 (back to need d18), d7 (lost d25) = 4.
      'proposal 4 = 1(0) + 1 + 1 + 1(0s, 0x) skip 0',
      // quote: d1 only, won from it at d30.
      'quote 1 = 1(1) + 0 + 0 + 0(0s, 0x) skip 0',
    ]);
    expect(flow.total.deals).toBe(9);
  });

  it('derives every rate as count / entered', () => {
    const flow = goldenFlow();
    const need = flow.total.stages[1]!;
    expect(need.advanceRate).toBe(4 / 9);
    expect(need.lossRate).toBe(1 / 9);
    expect(need.regressRate).toBe(0);
    expect(need.stayRate).toBe(4 / 9);
    expect(need.stalledRate).toBe(1 / 9);
    expect(need.stallThresholdDays).toBe(20);
    const proposal = flow.total.stages[2]!;
    // proposal has no stallAfterDays: no threshold, stalledRate null (not 0).
    expect(proposal.stallThresholdDays).toBeNull();
    expect(proposal.stalledRate).toBeNull();
    expect(flow.total.stages[3]!.winRate).toBe(1);
  });

  it("leaves skipped stages out with skipped: 'excluded'", () => {
    const excluded = stageFlow(goldenDeals(), pipeline, { ...Q, skipped: 'excluded' });
    // need: the skip of d3 no longer counts: 9 − 1 = 8 entries, 4 − 1 = 3 advanced.
    expect(counts(excluded.total.stages[1]!)).toBe('need 8 = 3(0) + 1 + 0 + 4(1s, 1x) skip 1');
  });

  it('counts only the entries that began in the window (cohort stage_entry)', () => {
    const late = stageFlow(goldenDeals(), pipeline, { from: day(10), to: day(40), asOf: day(40) });
    expect(late.total.stages.map(counts)).toEqual([
      // lead entries in [d10, d40): d8 (d10), d9 (d11) advanced; d6 (d35) still there.
      'lead 3 = 2(0) + 0 + 0 + 1(0s, 0x) skip 0',
      // need entries in [d10, d40): d2 (d10, lost), d8 (d12), d9 (d13, suspended), d4' (d18, stalled), d5 (d20).
      'need 5 = 0(0) + 1 + 0 + 4(1s, 1x) skip 0',
      // proposal: d1 (d12, adv), d4 (d14, regressed).
      'proposal 2 = 1(0) + 0 + 1 + 0(0s, 0x) skip 0',
      'quote 1 = 1(1) + 0 + 0 + 0(0s, 0x) skip 0',
    ]);
  });

  it('counts all entries of the deals created in the window (cohort created)', () => {
    const created = stageFlow(goldenDeals(), pipeline, { from: day(0), to: day(5), asOf: day(40), cohort: 'created' });
    // Created in [d0, d5): d1 d2 d3 d4 d5 (d7's creation is its first event, d7).
    expect(created.total.deals).toBe(5);
    expect(created.total.stages.map(counts)).toEqual([
      'lead 5 = 5(0) + 0 + 0 + 0(0s, 0x) skip 0',
      // need: d1 adv, d2 lost, d3 skipped (adv), d4 adv, d4' still & stalled, d5 still.
      'need 6 = 3(0) + 1 + 0 + 2(0s, 1x) skip 1',
      // proposal: d1 adv, d3 still, d4 regressed.
      'proposal 3 = 1(0) + 0 + 1 + 1(0s, 0x) skip 0',
      'quote 1 = 1(1) + 0 + 0 + 0(0s, 0x) skip 0',
    ]);
  });

  it('judges outcomes at asOf, ignoring later events', () => {
    const early = stageFlow(goldenDeals(), pipeline, { from: day(0), to: day(16), asOf: day(16) });
    expect(early.asOf).toEqual(day(16));
    expect(early.total.stages.slice(0, 2).map(counts)).toEqual([
      // lead: d1 d2 d3 d4 d5 d8 d9 entered; at d16 all but d5 had moved on. d5: 12 days in lead − 10 suspended = 2: not stalled.
      'lead 7 = 6(0) + 0 + 0 + 1(0s, 0x) skip 0',
      // need: d1 (adv d12), d2 (lost d15), d3 (skip), d4 (adv d14), d7 (adv), d8 (suspended since d15), d9 (3 days).
      'need 7 = 4(0) + 1 + 0 + 2(1s, 0x) skip 1',
    ]);
  });

  it('uses options.stallAfterDays for stages without their own threshold', () => {
    const f = stageFlow(goldenDeals(), pipeline, { ...Q, stallAfterDays: 30 });
    // proposal: d3 has been there since d6: 34 days > 30.
    expect(f.total.stages[2]!.stalled).toBe(1);
    expect(f.total.stages[2]!.stallThresholdDays).toBe(30);
    // need keeps its own 20 days.
    expect(f.total.stages[1]!.stallThresholdDays).toBe(20);
  });

  it('gives null rates, never 0/0, for a stage nothing entered', () => {
    const empty = stageFlow([], pipeline, { to: day(40) });
    expect(empty.asOf).toBeNull(); // no asOf given and no event read
    for (const r of empty.total.stages) {
      expect([r.entered, r.advanceRate, r.lossRate, r.regressRate, r.stayRate, r.stalledRate, r.winRate]).toEqual([0, null, null, null, null, null, null]);
    }
  });

  it('groups by region, with a total that covers every deal', () => {
    const flow = goldenFlow();
    const seg = stageFlow(goldenDeals(), pipeline, { ...Q, groupBy: ['region'] });
    expect(seg.groupBy).toEqual(['region']);
    expect(flow.groupBy).toEqual([]);
    expect(flow.groups).toEqual([]);
    // Keys in ascending code-unit order: '(none)' < '华东' (U+4E1C) < '华北' (U+5317).
    expect(groupKeys(seg)).toEqual(['(none)', '华东', '华北']);
    // (none): d6 → 1 lead entry; 华东: d1 d3 d5 d8 → 4; 华北: d2 d4 d9 → 3 (d7 never stood in lead).
    expect(seg.groups.map((g) => g.value).map((t) => t.stages[0]!.entered)).toEqual([1, 4, 3]);
    expect(seg.total).toEqual(flow.total);
  });

  it('reads a one-shot iterable once and does not modify its input', () => {
    const flow = goldenFlow();
    const deals = goldenDeals();
    const before = snapshotOf(deals);
    function* once() {
      yield* deals;
    }
    const streamed = stageFlow(once(), pipeline, Q);
    expect(streamed.total).toEqual(flow.total);
    expect(snapshotOf(deals)).toBe(before);
  });

  it('throws on bad options and foreign deals, or ignores them on request', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof FunnelError ? e.code : 'other';
      }
      return 'none';
    };
    expect(code(() => stageFlow([], pipeline, { asOf: '2026-01-01' }))).toBe('invalid_option'); // a date, not an instant
    expect(code(() => stageFlow([], pipeline, { from: new Date(Number.NaN) }))).toBe('invalid_option');
    expect(code(() => stageFlow([], pipeline, { timeZone: 'Mars/Olympus' }))).toBe('invalid_option');
    expect(code(() => stageFlow([], pipeline, { groupBy: ['customer_type'] }))).toBe('invalid_option'); // needs customers
    expect(code(() => stageFlow([], pipeline, { from: day(2), to: day(1) }))).toBe('invalid_option');
    expect(code(() => stageFlow([], pipeline, { to: day(1), cohort: 'x' as 'created' }))).toBe('invalid_option');
    expect(code(() => stageFlow([], pipeline, { to: day(1), skipped: 'x' as 'passed' }))).toBe('invalid_option');
    expect(code(() => stageFlow([], pipeline, { to: day(1), stallAfterDays: -1 }))).toBe('invalid_option');
    const foreign = { ...deal('f', [['created', 0, 'lead']]), pipelineId: 'other' as never };
    expect(code(() => stageFlow([foreign], pipeline, { to: day(1) }))).toBe('pipeline_mismatch');
    expect(stageFlow([foreign], pipeline, { to: day(1), otherPipelines: 'ignore' }).total.deals).toBe(0);
  });
});

describe('stageFlow — asOf, time inputs, imports and time zones', () => {
  it('reads the books just after the last event when asOf is not given', () => {
    // The last event of the golden ledgers is at d35 (d6 created, d8 resumed).
    const byDefault = stageFlow(goldenDeals(), pipeline, { from: day(0), to: day(40) });
    expect(byDefault.asOf).toEqual(day(35));
    expect(byDefault).toEqual(stageFlow(goldenDeals(), pipeline, { from: day(0), to: day(40), asOf: day(35) }));
    // At d35, d4 has been back in need for 17 days (not > 20): nothing stalled in need, unlike at d40.
    expect(byDefault.total.stages[1]!.stalled).toBe(0);
    // Grouped, the stalled entries kept until the last event is known are judged per group.
    const grouped = stageFlow(goldenDeals(), pipeline, { stallAfterDays: 5, groupBy: ['owner'] });
    expect(grouped).toEqual(stageFlow(goldenDeals(), pipeline, { stallAfterDays: 5, groupBy: ['owner'], asOf: day(35) }));
    expect(grouped.total.stages.map((r) => r.stalled)).toEqual(grouped.groups.reduce((sum, g) => sum.map((n, i) => n + g.value.stages[i]!.stalled), [0, 0, 0, 0]));
  });

  it('takes every time as a Date or an ISO string with offset, with the same result', () => {
    const byDate = stageFlow(goldenDeals(), pipeline, { from: day(10), to: day(40), asOf: day(50) });
    const byString = stageFlow(goldenDeals(), pipeline, { from: '2026-01-11T00:00:00Z', to: '2026-02-10T08:00:00+08:00', asOf: '2026-02-20T00:00:00.000Z' });
    expect(byString).toEqual(byDate);
  });

  it('counts an import without created from its first event, even when its first stage change comes after asOf', () => {
    // Issue 11: close_date_changed 2026-02-01 (d31), need → proposal 2026-04-10 (d99), read as of 2026-03-31 (d89).
    const imported = deal('imp', [['close', 31, '2026-05-15'], ['move', 99, 'proposal', 'need']]);
    const options = { from: day(0), to: day(89), asOf: day(89) };
    const without = stageFlow(goldenDeals(), pipeline, options);
    const withIt = stageFlow([...goldenDeals(), imported], pipeline, options);
    const need = (f: typeof without) => f.total.stages[1]!;
    expect([need(withIt).entered, need(withIt).stillThere, withIt.total.deals]).toEqual([need(without).entered + 1, need(without).stillThere + 1, without.total.deals + 1]);
    // need's threshold is 20 days: in need since d31, 58 days at d89.
    expect(need(withIt).stalled).toBe(need(without).stalled + 1);
    // Cohort 'created': it was created at its first event, d31.
    const created = stageFlow([imported], pipeline, { from: day(31), to: day(32), asOf: day(89), cohort: 'created' });
    expect([created.total.deals, created.total.stages[1]!.entered, created.total.stages[1]!.stillThere]).toEqual([1, 1, 1]);
  });

  it('counts an import whose ledger never sets the stage in its current stage, from its first event', () => {
    // Only close-date changes (d31, d40), the deal standing in need: entered need at d31, still there at d89, past its 20 days.
    const imported = { ...deal('imp', [['close', 31, '2026-05-15'], ['close', 40, '2026-06-15']]), stageId: 'need' } as Opportunity;
    for (const input of [[imported], dealColumns([imported], pipeline)]) {
      const f = stageFlow(input, pipeline, { from: day(0), to: day(89), asOf: day(89) });
      expect([f.total.deals, f.total.stages[1]!.entered, f.total.stages[1]!.stillThere, f.total.stages[1]!.stalled]).toEqual([1, 1, 1, 1]);
      expect(f.total.stages.map((s) => s.entered)).toEqual([0, 1, 0, 0]);
    }
  });

  it("groups 'period' by the creation date on the wall clock of timeZone", () => {
    // Created at 2026-03-31T16:30Z: still Q1 in UTC, already 1 April (Q2) in Shanghai.
    const late = deal('late', [['created', 89.6875, 'lead']]);
    const options = { asOf: day(95), groupBy: ['period'] as const, period: { unit: 'quarter' as const } };
    expect(groupKeys(stageFlow([late], pipeline, options))).toEqual(['2026-Q1']);
    expect(groupKeys(stageFlow([late], pipeline, { ...options, timeZone: 'Asia/Shanghai' }))).toEqual(['2026-Q2']);
    expect(groupKeys(stageFlow([late], pipeline, { ...options, offsetMinutes: 480 }))).toEqual(['2026-Q2']);
    expect(groupValue(stageFlow([late], pipeline, { ...options, timeZone: 'Asia/Shanghai' }), '2026-Q2').deals).toBe(1);
  });
});

/** The flow of `deals` from deal objects and from their columns, checked equal; the objects' result. */
function bothPaths(deals: readonly Opportunity[], options: StageFlowOptions): StageFlow {
  const fromObjects = stageFlow(deals, pipeline, options);
  expect(stageFlow(dealColumns(deals, pipeline), pipeline, options)).toEqual(fromObjects);
  return fromObjects;
}

describe('stageFlow — long ledgers, window edges, option limits (objects and columns)', () => {
  // lead d0, then need on every odd day and lead on every even day up to d34: 34 moves,
  // 35 stays (18 in lead, 17 in need), more than the 32 stays the counter first holds.
  const pingPong = () => {
    const steps: Step[] = [['created', 0, 'lead']];
    for (let k = 1; k <= 34; k++) steps.push(['move', k, k % 2 === 1 ? 'need' : 'lead']);
    return deal('pp', steps);
  };

  it('counts every stay of a deal that moves back and forth 34 times (35 stays)', () => {
    const o = pingPong();
    const f = bothPaths([o], { asOf: day(60) });
    expect(f.total.stages.map(counts)).toEqual([
      // lead: entered at d0 and on the 17 even days d2 … d34 = 18; left for need 17 times
      // (advanced); the last stay (since d34) is still there at d60: 26 days > 14, stalled.
      'lead 18 = 17(0) + 0 + 0 + 1(0s, 1x) skip 0',
      // need: entered on the 17 odd days d1 … d33, each time back to lead the next day (regressed).
      'need 17 = 0(0) + 0 + 17 + 0(0s, 0x) skip 0',
      'proposal 0 = 0(0) + 0 + 0 + 0(0s, 0x) skip 0',
      'quote 0 = 0(0) + 0 + 0 + 0(0s, 0x) skip 0',
    ]);
    expect(f.total.deals).toBe(1);
    // The same counts from the deal's stays, one by one.
    const visits = stageVisits(o, pipeline, { asOf: day(60) });
    expect(visits.length).toBe(35);
    for (const r of f.total.stages) {
      const mine = visits.filter((v) => v.stageId === r.stageId);
      expect([mine.length, mine.filter((v) => v.outcome === 'advanced').length, mine.filter((v) => v.outcome === 'regressed').length]).toEqual([r.entered, r.advanced, r.regressed]);
    }
  });

  // Window [d10, d20), asOf d30:
  // A: created in lead at d10 (= from), still there (20 days > 14: stalled).
  // B: created in lead at d20 (= to).
  // C: created in lead at d9 (before from), need at d15, still there (15 days ≤ 20).
  // D: created in lead at d5, need at d8, lost at d9: every stay before from.
  const windowDeals = () => [
    deal('A', [['created', 10, 'lead']]),
    deal('B', [['created', 20, 'lead']]),
    deal('C', [['created', 9, 'lead'], ['move', 15, 'need']]),
    deal('D', [['created', 5, 'lead'], ['move', 8, 'need'], ['lost', 9]]),
  ];
  const W = { from: day(10), to: day(20), asOf: day(30) };

  it('stage-entry cohort: an entry at exactly from counts, one at exactly to or before from does not', () => {
    const f = bothPaths(windowDeals(), W);
    expect(f.total.stages.slice(0, 2).map(counts)).toEqual([
      // lead: A only (B entered at to, C at d9 and D at d5, before from).
      'lead 1 = 0(0) + 0 + 0 + 1(0s, 1x) skip 0',
      // need: C (d15) only; D entered at d8.
      'need 1 = 0(0) + 0 + 0 + 1(0s, 0x) skip 0',
    ]);
    // Deals with an entry in the window: A and C. B and D have none and are not counted.
    expect(f.total.deals).toBe(2);
  });

  it('created cohort: a creation at exactly from counts, one at exactly to or before from does not', () => {
    const f = bothPaths(windowDeals(), { ...W, cohort: 'created' });
    // Created in [d10, d20): A only (B at d20, C at d9, D at d5). All of A's stays count: lead, stalled.
    expect(f.total.deals).toBe(1);
    expect(f.total.stages.slice(0, 2).map(counts)).toEqual(['lead 1 = 0(0) + 0 + 0 + 1(0s, 1x) skip 0', 'need 0 = 0(0) + 0 + 0 + 0(0s, 0x) skip 0']);
  });

  it('dates an import without created at its first event read, not at a later one', () => {
    // Close date changed at d31 and d40, need → proposal at d99; read as of d89: created at d31.
    const imported = deal('imp', [['close', 31, '2026-05-15'], ['close', 40, '2026-06-15'], ['move', 99, 'proposal', 'need']]);
    const options = { from: day(31), to: day(32), asOf: day(89), cohort: 'created' } as const;
    const f = bothPaths([imported], options);
    expect([f.total.deals, f.total.stages[1]!.entered]).toEqual([1, 1]);
    // need since d31: 58 days at d89 > 20.
    expect(f.total.stages[1]!.stalled).toBe(1);
    expect(bothPaths([imported], { ...options, from: day(40), to: day(41) }).total.deals).toBe(0);
  });

  it('reports from and to only when they were given', () => {
    const open = bothPaths(windowDeals(), { asOf: day(30) });
    expect(['from' in open, 'to' in open]).toEqual([false, false]);
    const bounded = bothPaths(windowDeals(), W);
    expect([bounded.from, bounded.to]).toEqual([day(10), day(20)]);
    const fromOnly = stageFlow([], pipeline, { from: day(10) });
    expect([fromOnly.from, 'to' in fromOnly]).toEqual([day(10), false]);
  });

  it('refuses a stallAfterDays of 0 (it must be > 0)', () => {
    expect(() => stageFlow([], pipeline, { to: day(1), stallAfterDays: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid_option', params: expect.objectContaining({ option: 'stallAfterDays' }) }),
    );
    // The smallest positive threshold is accepted.
    expect(stageFlow([], pipeline, { to: day(1), stallAfterDays: Number.MIN_VALUE }).total.stages[2]!.stallThresholdDays).toBe(Number.MIN_VALUE);
  });

  it('keeps one stay through a stage_changed to the stage the deal is already in', () => {
    // An unchecked import: lead d0, "lead → lead" at d3, need at d5: one stay in lead (d0–d5).
    const same = uncheckedDeal('same', [['created', 0, 'lead'], ['move', 3, 'lead'], ['move', 5, 'need']]);
    const f = bothPaths([same], { asOf: day(10) });
    expect(f.total.stages.slice(0, 2).map(counts)).toEqual(['lead 1 = 1(0) + 0 + 0 + 0(0s, 0x) skip 0', 'need 1 = 0(0) + 0 + 0 + 1(0s, 0x) skip 0']);
  });
});

describe('stageFlow: deals that are not deals', () => {
  const thrownBy = (f: () => unknown): FunnelError => {
    try {
      f();
    } catch (e) {
      if (e instanceof FunnelError) return e;
      throw e;
    }
    return expect.fail('no error');
  };

  it('refuses a deals argument that is no iterable or columns, and a bad item by its place in the input', () => {
    const ok = deal('a', [['created', 0, 'lead']]);
    expect(thrownBy(() => stageFlow(null as never, pipeline, Q)).params).toMatchObject({ name: 'opportunities', reason: { code: 'must_be_deal_batch' } });
    expect(thrownBy(() => stageFlow([ok, null] as never, pipeline, Q)).params).toMatchObject({ name: 'opportunities[1]', reason: { code: 'must_be_opportunity' } });
    expect(thrownBy(() => stageFlow([{}] as never, pipeline, Q)).code).toBe('invalid_argument');
  });

  it('keeps refusing a deal of another pipeline with pipeline_mismatch, or skipping it with otherPipelines: ignore', () => {
    const foreign = { ...deal('b', [['created', 0, 'lead']]), pipelineId: 'other' } as Opportunity;
    expect(thrownBy(() => stageFlow([foreign], pipeline, Q)).code).toBe('pipeline_mismatch');
    expect(stageFlow([foreign], pipeline, { ...Q, otherPipelines: 'ignore' }).total.deals).toBe(0);
  });
});

describe('stageFlowAccumulator — partial states', () => {
  it('merges shards read with asOf (no pending durations), also through JSON, into the whole flow', () => {
    const deals = goldenDeals();
    const whole = stageFlow(deals, pipeline, Q);
    const a = stageFlowAccumulator(pipeline, Q).add(deals.slice(0, 4));
    const b = stageFlowAccumulator(pipeline, Q).add(deals.slice(4));
    expect(stageFlowAccumulator(pipeline, Q).merge(a.partial()).merge(JSON.parse(JSON.stringify(b.partial()))).result()).toEqual(whole);
    expect(a.partial().tables.every((t) => t.pending === null)).toBe(true);
  });

  it('merges shards read without asOf (pending durations kept), into the whole flow', () => {
    const deals = goldenDeals();
    const options = { from: day(0), to: day(40) };
    const a = stageFlowAccumulator(pipeline, options).add(deals.slice(0, 4));
    const b = stageFlowAccumulator(pipeline, options).add(deals.slice(4));
    expect(stageFlowAccumulator(pipeline, options).merge(b.partial()).merge(a.partial()).result()).toEqual(stageFlow(deals, pipeline, options));
  });

  it('judges a pending stay of one shard against the last event of another (no asOf)', () => {
    // Shard A: x in lead since d0, its only event. Shard B: y's last event is d30. Read as of
    // d30, x has stood 30 days in lead, past its 14-day stall threshold.
    const options = { from: day(0), to: day(40) };
    const x = deal('x', [['created', 0, 'lead']]);
    const y = deal('y', [['created', 0, 'lead'], ['move', 30, 'need']]);
    const merged = stageFlowAccumulator(pipeline, options)
      .merge(stageFlowAccumulator(pipeline, options).add([x]).partial())
      .merge(stageFlowAccumulator(pipeline, options).add([y]).partial())
      .result();
    expect(merged.total.stages[0]).toMatchObject({ stageId: 'lead', entered: 2, stillThere: 1, stalled: 1 });
    expect(merged).toEqual(stageFlow([x, y], pipeline, options));
  });

  it('has no last event before any deal (null, which JSON keeps), then the latest event seen', () => {
    const empty = stageFlowAccumulator(pipeline, Q);
    expect(empty.partial().lastEventMs).toBeNull();
    const deals = [deal('x', [['created', 0, 'lead'], ['move', 7, 'need']]), deal('y', [['created', 3, 'lead']])];
    expect(stageFlowAccumulator(pipeline, Q).add(deals).partial().lastEventMs).toBe(day(7).getTime());
  });
});

describe('stageFlow — bad options, each named', () => {
  it.each([
    ['from', { from: 'soon' }],
    ['to', { to: 'later' }],
    ['asOf', { asOf: 'now' }],
    ['stallAfterDays', { stallAfterDays: 0 }],
    ['cohort', { cohort: 'month' }],
    ['skipped', { skipped: 'ignored' }],
  ])('names %s', (option, options) => {
    expect(fault(() => stageFlow([], pipeline, options as never))).toEqual(['invalid_option', option]);
  });

  it('refuses from after to, naming from, with its reason', () => {
    const e = thrown(() => stageFlow([], pipeline, { from: day(2), to: day(1) }));
    expect([e.code, e.params]).toEqual(['invalid_option', { option: 'from', reason: thrown(() => stageFlow([], pipeline, { from: day(5), to: day(4) })).params.reason }]);
    expect(e.message).toContain('from');
    expect((e.params as unknown as { reason: { code: string } }).reason.code).toBe('from_after_to');
  });
});
