import { describe, expect, it } from 'vitest';
import { FunnelError, mergeStageFlow, parsePipeline, serializePipeline, stageFlow, type StageFlow } from '../../src/index.js';
import { reasoned, thrown } from '../_errors.js';
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

  it('refuses flows computed with different parameters, saying which (invalid_argument naming b)', () => {
    const deals = goldenDeals();
    const at40 = { to: day(40), asOf: day(40) };
    const base = stageFlow(deals, pipeline, at40);
    const why = (other: StageFlow) => reasoned(() => mergeStageFlow(base, other));
    const refusal = (code: string, params: object | null = null) => ['invalid_argument', 'b', code, params];
    expect(why(stageFlow(deals, pipeline, { to: day(41), asOf: day(40) }))).toEqual(refusal('windows_differ'));
    expect(why(stageFlow(deals, pipeline, { ...at40, from: day(0) }))).toEqual(refusal('windows_differ'));
    expect(thrown(() => mergeStageFlow(stageFlow(deals, pipeline, { ...at40, from: day(0) }), base)).params).toMatchObject({ name: 'b' }); // either way round
    expect(why(stageFlow(deals, pipeline, { to: day(40), asOf: day(50) }))).toEqual(refusal('asofs_differ'));
    expect(why(stageFlow(deals, pipeline, { ...at40, cohort: 'created' }))).toEqual(refusal('cohorts_differ'));
    expect(why(stageFlow(deals, pipeline, { ...at40, skipped: 'excluded' }))).toEqual(refusal('skip_treatments_differ'));
    // stallAfterDays fills in the stages without a threshold of their own: the first is proposal.
    expect(why(stageFlow(deals, pipeline, { ...at40, stallAfterDays: 5 }))).toEqual(refusal('stall_thresholds_differ', { stageId: 'proposal' }));
    expect(why(stageFlow(deals, pipeline, { ...at40, groupBy: ['owner'] }))).toEqual(refusal('group_keys_differ'));
    // Different keys are told apart now that results carry their labels.
    const byOwner = stageFlow(deals, pipeline, { ...at40, groupBy: ['owner'] });
    expect(() => mergeStageFlow(byOwner, stageFlow(deals, pipeline, { ...at40, groupBy: ['region'] }))).toThrow(FunnelError);
    // Another pipeline: by id, and by its stages under the same id (fewer, or others in their place).
    const json = serializePipeline(pipeline);
    const other = parsePipeline({ ...json, id: 'channel' });
    expect(why(stageFlow([], other, at40))).toEqual(refusal('pipelines_differ', { actual: 'channel', expected: 'direct' }));
    const fewer = parsePipeline({ ...json, stages: json.stages.filter((st) => st.id !== 'proposal') });
    expect(why(stageFlow([], fewer, at40))).toEqual(refusal('stage_lists_differ'));
    const renamed = parsePipeline({ ...json, stages: json.stages.map((st) => (st.id === 'proposal' ? { ...st, id: 'demo' } : st)) });
    expect(why(stageFlow([], renamed, at40))).toEqual(refusal('stage_lists_differ'));
    // One more open stage at the end, on either side.
    const more = parsePipeline({ ...json, stages: json.stages.flatMap((st) => (st.id === 'quote' ? [st, { ...st, id: 'trial', name: '试用' }] : [st])) });
    expect(why(stageFlow([], more, at40))).toEqual(refusal('stage_lists_differ'));
    expect(thrown(() => mergeStageFlow(stageFlow([], more, at40), base)).params).toMatchObject({ name: 'b' });
    // The same stage ids, but a row whose index does not match its place (a flow edited on its way between workers).
    const moved = { ...base, total: { ...base.total, stages: base.total.stages.map((r, i) => (i === 1 ? { ...r, stageIndex: 2 } : r)) } };
    expect(why(moved)).toEqual(refusal('stage_lists_differ'));
  });

  it('merges a flow that counted nothing (no event, so no asOf) with one read at any asOf', () => {
    const deals = goldenDeals();
    const empty = stageFlow([], pipeline, { to: day(40) });
    expect(empty.asOf).toBeNull();
    const full = stageFlow(deals, pipeline, { to: day(40), asOf: day(40) });
    expect(mergeStageFlow(empty, full)).toEqual(full);
    expect(mergeStageFlow(full, empty)).toEqual(full);
  });

  it('merges flows without a window and without asOf', () => {
    const deals = goldenDeals();
    const whole = stageFlow(deals, pipeline);
    expect(mergeStageFlow(stageFlow(deals.slice(0, 5), pipeline, { asOf: whole.asOf! }), stageFlow(deals.slice(5), pipeline, { asOf: whole.asOf! }))).toEqual(whole);
    const empty = stageFlow([], pipeline);
    const both = mergeStageFlow(empty, empty);
    expect([both.asOf, both.total.deals, 'from' in both, 'to' in both]).toEqual([null, 0, false, false]);
  });

  it('refuses shards read without asOf, each as of its own last event', () => {
    const deals = goldenDeals();
    const a = stageFlow(deals.slice(0, 4), pipeline, { to: day(40) }); // last event d30
    const b = stageFlow(deals.slice(4), pipeline, { to: day(40) }); // last event d35
    expect([a.asOf, b.asOf]).toEqual([day(30), day(35)]);
    expect(() => mergeStageFlow(a, b)).toThrow(/asOf/);
  });
});
