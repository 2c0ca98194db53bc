import { describe, expect, it } from 'vitest';
import { FunnelError, stageFlow, type StageFlowRow } from '../../src/index.js';
import { day, deal, goldenDeals, pipeline, snapshotOf } from './_fixtures.js';

/** The counts of a row as `entered adv(won) lost regressed still(susp, stalled) skipped`. */
const counts = (r: StageFlowRow) => `${r.stageId} ${r.entered} = ${r.advanced}(${r.won}) + ${r.lost} + ${r.regressed} + ${r.stillThere}(${r.suspended}s, ${r.stalled}x) skip ${r.skipped}`;

// The golden ledgers are listed in `_fixtures.ts` (goldenDeals). Window [d0, d40), asOf d40.
describe('stageFlow — golden ledger', () => {
  const flow = stageFlow(goldenDeals(), pipeline, { from: day(0), to: day(40) });

  it('counts every stage entry by its outcome (skips passed, the default)', () => {
    expect(flow.overall.stages.map(counts)).toEqual([
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
    expect(flow.overall.deals).toBe(9);
  });

  it('derives every rate as count / entered', () => {
    const need = flow.overall.stages[1]!;
    expect(need.advanceRate).toBe(4 / 9);
    expect(need.lossRate).toBe(1 / 9);
    expect(need.regressRate).toBe(0);
    expect(need.stayRate).toBe(4 / 9);
    expect(need.stalledRate).toBe(1 / 9);
    expect(need.stallThresholdDays).toBe(20);
    const proposal = flow.overall.stages[2]!;
    // proposal has no stallAfterDays: no threshold, stalledRate null (not 0).
    expect(proposal.stallThresholdDays).toBeNull();
    expect(proposal.stalledRate).toBeNull();
    expect(flow.overall.stages[3]!.winRate).toBe(1);
  });

  it("leaves skipped stages out with skipped: 'excluded'", () => {
    const excluded = stageFlow(goldenDeals(), pipeline, { from: day(0), to: day(40), skipped: 'excluded' });
    // need: the skip of d3 no longer counts: 9 − 1 = 8 entries, 4 − 1 = 3 advanced.
    expect(counts(excluded.overall.stages[1]!)).toBe('need 8 = 3(0) + 1 + 0 + 4(1s, 1x) skip 1');
  });

  it('counts only the entries that began in the window (cohort stage_entry)', () => {
    const late = stageFlow(goldenDeals(), pipeline, { from: day(10), to: day(40) });
    expect(late.overall.stages.map(counts)).toEqual([
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
    expect(created.overall.deals).toBe(5);
    expect(created.overall.stages.map(counts)).toEqual([
      'lead 5 = 5(0) + 0 + 0 + 0(0s, 0x) skip 0',
      // need: d1 adv, d2 lost, d3 skipped (adv), d4 adv, d4' still & stalled, d5 still.
      'need 6 = 3(0) + 1 + 0 + 2(0s, 1x) skip 1',
      // proposal: d1 adv, d3 still, d4 regressed.
      'proposal 3 = 1(0) + 0 + 1 + 1(0s, 0x) skip 0',
      'quote 1 = 1(1) + 0 + 0 + 0(0s, 0x) skip 0',
    ]);
  });

  it('judges outcomes at asOf (default: the end of the window), ignoring later events', () => {
    const early = stageFlow(goldenDeals(), pipeline, { from: day(0), to: day(16) });
    expect(early.asOf).toEqual(day(16));
    expect(early.overall.stages.slice(0, 2).map(counts)).toEqual([
      // lead: d1 d2 d3 d4 d5 d8 d9 entered; at d16 all but d5 had moved on. d5: 12 days in lead − 10 suspended = 2: not stalled.
      'lead 7 = 6(0) + 0 + 0 + 1(0s, 0x) skip 0',
      // need: d1 (adv d12), d2 (lost d15), d3 (skip), d4 (adv d14), d7 (adv), d8 (suspended since d15), d9 (3 days).
      'need 7 = 4(0) + 1 + 0 + 2(1s, 0x) skip 1',
    ]);
  });

  it('uses options.stallAfterDays for stages without their own threshold', () => {
    const f = stageFlow(goldenDeals(), pipeline, { from: day(0), to: day(40), stallAfterDays: 30 });
    // proposal: d3 has been there since d6: 34 days > 30.
    expect(f.overall.stages[2]!.stalled).toBe(1);
    expect(f.overall.stages[2]!.stallThresholdDays).toBe(30);
    // need keeps its own 20 days.
    expect(f.overall.stages[1]!.stallThresholdDays).toBe(20);
  });

  it('gives null rates, never 0/0, for a stage nothing entered', () => {
    const empty = stageFlow([], pipeline, { to: day(40) });
    for (const r of empty.overall.stages) {
      expect([r.entered, r.advanceRate, r.lossRate, r.regressRate, r.stayRate, r.stalledRate, r.winRate]).toEqual([0, null, null, null, null, null, null]);
    }
  });

  it('segments by region with an overall that covers every deal', () => {
    const seg = stageFlow(goldenDeals(), pipeline, { from: day(0), to: day(40), segmentBy: 'region' });
    // Keys in ascending code-unit order: '(none)' < '华东' (U+4E1C) < '华北' (U+5317).
    expect([...seg.segments.keys()]).toEqual(['(none)', '华东', '华北']);
    // (none): d6 → 1 lead entry; 华东: d1 d3 d5 d8 → 4; 华北: d2 d4 d9 → 3 (d7 never stood in lead).
    expect([...seg.segments.values()].map((t) => t.stages[0]!.entered)).toEqual([1, 4, 3]);
    expect(seg.overall).toEqual(flow.overall);
  });

  it('reads a one-shot iterable once and does not modify its input', () => {
    const deals = goldenDeals();
    const before = snapshotOf(deals);
    function* once() {
      yield* deals;
    }
    const streamed = stageFlow(once(), pipeline, { from: day(0), to: day(40) });
    expect(streamed.overall).toEqual(flow.overall);
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
    expect(code(() => stageFlow([], pipeline, {}))).toBe('invalid_option'); // neither asOf nor to
    expect(code(() => stageFlow([], pipeline, { from: day(2), to: day(1) }))).toBe('invalid_option');
    expect(code(() => stageFlow([], pipeline, { to: day(1), cohort: 'x' as 'created' }))).toBe('invalid_option');
    expect(code(() => stageFlow([], pipeline, { to: day(1), skipped: 'x' as 'passed' }))).toBe('invalid_option');
    expect(code(() => stageFlow([], pipeline, { to: day(1), stallAfterDays: -1 }))).toBe('invalid_option');
    const foreign = { ...deal('f', [['created', 0, 'lead']]), pipelineId: 'other' as never };
    expect(code(() => stageFlow([foreign], pipeline, { to: day(1) }))).toBe('pipeline_mismatch');
    expect(stageFlow([foreign], pipeline, { to: day(1), otherPipelines: 'ignore' }).overall.deals).toBe(0);
  });
});
