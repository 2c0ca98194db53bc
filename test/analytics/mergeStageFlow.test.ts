import { describe, expect, it } from 'vitest';
import { FunnelError, mergeStageFlow, stageFlow } from '../../src/index.js';
import { day, goldenDeals, groupKeys, pipeline, snapshotOf } from './_fixtures.js';

describe('mergeStageFlow', () => {
  const options = { from: day(0), to: day(40), asOf: day(40), groupBy: ['region'] as const };

  it('adds the counts of two shards and recomputes the rates', () => {
    const deals = goldenDeals();
    const a = stageFlow(deals.slice(0, 4), pipeline, options); // d1..d4
    const b = stageFlow(deals.slice(4), pipeline, options); // d5..d9
    const before = [snapshotOf(a), snapshotOf(b)];
    const merged = mergeStageFlow(a, b);
    expect(merged).toEqual(stageFlow(deals, pipeline, options));
    // need: shard A has d1 (adv), d2 (lost), d3 (skip → adv), d4 (adv), d4' (still) = 5; shard B: d5, d7, d8, d9 = 4.
    expect([a.total.stages[1]!.entered, b.total.stages[1]!.entered, merged.total.stages[1]!.entered]).toEqual([5, 4, 9]);
    // The rate is 4/9, not the mean of 3/5 and 1/4.
    expect(merged.total.stages[1]!.advanceRate).toBe(4 / 9);
    // (none) exists only in shard B (d6): merged keeps it, keys stay sorted.
    expect(groupKeys(merged)).toEqual(['(none)', '华东', '华北']);
    expect([snapshotOf(a), snapshotOf(b)]).toEqual(before);
  });

  it('refuses flows computed with different parameters', () => {
    const deals = goldenDeals();
    const at40 = { to: day(40), asOf: day(40) };
    const base = stageFlow(deals, pipeline, at40);
    for (const other of [
      stageFlow(deals, pipeline, { to: day(41), asOf: day(40) }),
      stageFlow(deals, pipeline, { to: day(40), asOf: day(50) }),
      stageFlow(deals, pipeline, { ...at40, cohort: 'created' }),
      stageFlow(deals, pipeline, { ...at40, skipped: 'excluded' }),
      stageFlow(deals, pipeline, { ...at40, stallAfterDays: 5 }),
      stageFlow(deals, pipeline, { ...at40, from: day(0) }),
      stageFlow(deals, pipeline, { ...at40, groupBy: ['owner'] }),
    ]) {
      expect(() => mergeStageFlow(base, other)).toThrow(FunnelError);
    }
    // Different keys are told apart now that results carry their labels.
    expect(() => mergeStageFlow(stageFlow(deals, pipeline, { ...at40, groupBy: ['owner'] }), stageFlow(deals, pipeline, { ...at40, groupBy: ['region'] }))).toThrow(FunnelError);
  });

  it('refuses shards read without asOf, each as of its own last event', () => {
    const deals = goldenDeals();
    const a = stageFlow(deals.slice(0, 4), pipeline, { to: day(40) }); // last event d30
    const b = stageFlow(deals.slice(4), pipeline, { to: day(40) }); // last event d35
    expect([a.asOf, b.asOf]).toEqual([day(30), day(35)]);
    expect(() => mergeStageFlow(a, b)).toThrow(/asOf/);
  });
});
