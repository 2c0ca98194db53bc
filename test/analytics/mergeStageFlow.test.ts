import { describe, expect, it } from 'vitest';
import { FunnelError, mergeStageFlow, stageFlow } from '../../src/index.js';
import { day, goldenDeals, pipeline, snapshotOf } from './_fixtures.js';

describe('mergeStageFlow', () => {
  const options = { from: day(0), to: day(40), segmentBy: 'region' as const };

  it('adds the counts of two shards and recomputes the rates', () => {
    const deals = goldenDeals();
    const a = stageFlow(deals.slice(0, 4), pipeline, options); // d1..d4
    const b = stageFlow(deals.slice(4), pipeline, options); // d5..d9
    const before = [snapshotOf(a), snapshotOf(b)];
    const merged = mergeStageFlow(a, b);
    expect(merged).toEqual(stageFlow(deals, pipeline, options));
    // need: shard A has d1 (adv), d2 (lost), d3 (skip → adv), d4 (adv), d4' (still) = 5; shard B: d5, d7, d8, d9 = 4.
    expect([a.overall.stages[1]!.entered, b.overall.stages[1]!.entered, merged.overall.stages[1]!.entered]).toEqual([5, 4, 9]);
    // The rate is 4/9, not the mean of 3/5 and 1/4.
    expect(merged.overall.stages[1]!.advanceRate).toBe(4 / 9);
    // (none) exists only in shard B (d6): merged keeps it, keys stay sorted.
    expect([...merged.segments.keys()]).toEqual(['(none)', '华东', '华北']);
    expect([snapshotOf(a), snapshotOf(b)]).toEqual(before);
  });

  it('refuses flows computed with different parameters', () => {
    const deals = goldenDeals();
    const base = stageFlow(deals, pipeline, { to: day(40) });
    for (const other of [
      stageFlow(deals, pipeline, { to: day(41) }),
      stageFlow(deals, pipeline, { to: day(40), asOf: day(50) }),
      stageFlow(deals, pipeline, { to: day(40), cohort: 'created' }),
      stageFlow(deals, pipeline, { to: day(40), skipped: 'excluded' }),
      stageFlow(deals, pipeline, { to: day(40), stallAfterDays: 5 }),
      stageFlow(deals, pipeline, { from: day(0), to: day(40) }),
      stageFlow(deals, pipeline, { to: day(40), segmentBy: 'owner' }),
    ]) {
      expect(() => mergeStageFlow(base, other)).toThrow(FunnelError);
    }
  });
});
