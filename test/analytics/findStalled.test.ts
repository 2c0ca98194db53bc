import { describe, expect, it } from 'vitest';
import { auditPipeline, dealColumns, FunnelError, findStalled, type FindStalledOptions, type Opportunity, type StalledDeal, type StalledDeals } from '../../src/index.js';
import { day, deal, goldenDeals, groupKeys, groupValue, pipeline, uncheckedDeal, withActivities } from './_fixtures.js';
import { fault, thrown } from '../_errors.js';

const brief = (d: StalledDeal) => `${d.opportunityId} ${d.stageId} ${d.days} > ${d.thresholdDays} ${d.rule}`;

// Open, not suspended deals at d40 (see goldenDeals): d3 proposal since d6, d4 need since d18,
// d5 need since d20, d6 lead since d35, d8 need since d12 with 20 days suspended. d9 is suspended: never reported.
describe('findStalled', () => {
  it("flags deals past their stage's stallAfterDays (default), net of suspension", () => {
    const r = findStalled(goldenDeals(), pipeline, { asOf: day(40) });
    // d4: 22 days > 20. d5: 20 days, not > 20. d8: 28 − 20 suspended = 8. d3: proposal has no threshold. d6: 5 < 14.
    expect(r.total.map(brief)).toEqual(['d4 need 22 > 20 stage_threshold']);
    expect(r.total[0]!.overDays).toBe(2);
    expect(r.total[0]!.amount.amount.toString()).toBe('450000');
    expect(r.total[0]!.stageName).toBe('需求确认');
    expect(r.medianDays).toBeUndefined();
    expect([r.groupBy, r.groups]).toEqual([[], []]);
  });

  it('takes asOf as a Date or an ISO string with offset, with the same result; days are exact, not calendar days', () => {
    const byDate = findStalled(goldenDeals(), pipeline, { asOf: day(40), threshold: 15 });
    expect(findStalled(goldenDeals(), pipeline, { asOf: '2026-02-10T08:00:00+08:00', threshold: 15 })).toEqual(byDate);
    // Half a day later, d4 has been in need 22.5 days: exact ms ÷ 86 400 000.
    expect(findStalled(goldenDeals(), pipeline, { asOf: '2026-02-10T12:00:00Z' }).total[0]!.days).toBe(22.5);
  });

  it('applies a global threshold, most overdue first', () => {
    const r = findStalled(goldenDeals(), pipeline, { asOf: day(40), threshold: 15 });
    // d3 34 (19 over), d4 22 (7 over), d5 20 (5 over).
    expect(r.total.map(brief)).toEqual(['d3 proposal 34 > 15 global_threshold', 'd4 need 22 > 15 global_threshold', 'd5 need 20 > 15 global_threshold']);
  });

  it('measures the last-event clock from the last ledger event of any kind', () => {
    const r = findStalled(goldenDeals(), pipeline, { asOf: day(40), clock: 'last_event', threshold: 15 });
    // Last events: d3 d6 (34 days), d4 d30 amount change (10), d5 d20 (20), d6 d35 (5), d8 d35 resume (5).
    expect(r.total.map(brief)).toEqual(['d3 proposal 34 > 15 global_threshold', 'd5 need 20 > 15 global_threshold']);
    expect(r.total.every((d) => d.clock === 'last_event')).toBe(true);
  });

  it('measures the last-activity clock from follow-up activities only, from creation when there is none', () => {
    // No activity logged: from creation, net of suspension. d3 38, d4 37 (its amount change
    // on d30 does not reset the clock), d5 36 − 10 = 26, d6 5, d8 30 − 20 = 10.
    const none = findStalled(goldenDeals(), pipeline, { asOf: day(40), clock: 'last_activity', threshold: 15 });
    expect(none.total.map(brief)).toEqual(['d3 proposal 38 > 15 global_threshold', 'd4 need 37 > 15 global_threshold', 'd5 need 26 > 15 global_threshold']);
    expect(none.total.every((d) => d.clock === 'last_activity')).toBe(true);
    // Activities: d3 a call on d20 (20 days); d4 a visit on d30 (10: not stalled); d5 a call
    // on d10 while suspended (suspended until d16: 30 − 6 = 24); d8 a visit on d12 (28 − 20 = 8).
    const logged = withActivities(goldenDeals(), { d3: [20], d4: [30], d5: [10], d8: [12] });
    const r = findStalled(logged, pipeline, { asOf: day(40), clock: 'last_activity', threshold: 15 });
    expect(r.total.map(brief)).toEqual(['d5 need 24 > 15 global_threshold', 'd3 proposal 20 > 15 global_threshold']);
    // An activity after asOf is not read.
    const later = withActivities(goldenDeals(), { d3: [20, 45] });
    expect(findStalled(later, pipeline, { asOf: day(40), clock: 'last_activity', threshold: 15 }).total.find((d) => d.opportunityId === 'd3')?.days).toBe(20);
  });

  it('the last-event clock is reset by an activity too; the stage-entry clock is not', () => {
    const logged = withActivities(goldenDeals(), { d3: [39] });
    const byEvent = findStalled(logged, pipeline, { asOf: day(40), clock: 'last_event', threshold: 15 });
    expect(byEvent.total.map((d) => d.opportunityId)).toEqual(['d5']);
    const byEntry = findStalled(logged, pipeline, { asOf: day(40), threshold: 15 });
    expect(byEntry.total.map((d) => d.opportunityId)).toEqual(['d3', 'd4', 'd5']);
  });

  it('measures the created clock minus all suspended time', () => {
    const r = findStalled(goldenDeals(), pipeline, { asOf: day(40), clock: 'created', threshold: 30 });
    // d3 38, d4 37, d5 36 − 10 = 26, d8 30 − 20 = 10, d6 5.
    expect(r.total.map(brief)).toEqual(['d3 proposal 38 > 30 global_threshold', 'd4 need 37 > 30 global_threshold']);
  });

  it('uses k × the median completed stay of the stage', () => {
    const r = findStalled(goldenDeals(), pipeline, { asOf: day(40), threshold: { medianMultiple: 2 } });
    // Completed stays (days, net of suspension): lead d1 5, d2 9, d3 4, d4 5, d5 16 − 10 = 6, d8 2, d9 2 → median 5;
    // need d1 7, d2 5, d4 6, d7 0 (skips excluded) → 5.5; proposal d1 8, d4 4, d7 18 → 8; quote d1 10 → 10.
    expect(r.medianDays).toEqual([5, 5.5, 8, 10]);
    // Thresholds 10 / 11 / 16 / 20: d3 34 > 16, d4 22 > 11, d5 20 > 11.
    expect(r.total.map(brief)).toEqual(['d3 proposal 34 > 16 median_multiple', 'd4 need 22 > 11 median_multiple', 'd5 need 20 > 11 median_multiple']);
  });

  it('lists every group met, even those with nothing stalled', () => {
    const r = findStalled(goldenDeals(), pipeline, { asOf: day(40), threshold: 15, groupBy: ['owner'] });
    expect(groupKeys(r)).toEqual(['rep-li', 'rep-zhang']);
    expect(groupValue(r, 'rep-li')).toEqual([]);
    expect(groupValue(r, 'rep-zhang').map((d) => d.opportunityId)).toEqual(['d3', 'd4', 'd5']);
    expect(r.total.every((d) => d.groupKey?.join() === 'rep-zhang')).toBe(true);
    expect(r.groupBy).toEqual(['owner']);
  });

  it('rejects bad options', () => {
    for (const bad of [{}, { asOf: 'now' }, { asOf: day(1), clock: 'x' }, { asOf: day(1), clock: 'last_change' }, { asOf: day(1), threshold: 0 }, { asOf: day(1), threshold: { medianMultiple: -1 } }, { asOf: day(1), threshold: 'x' }, { asOf: day(1), otherPipelines: 'skip' }]) {
      expect(() => findStalled([], pipeline, bad as never)).toThrow(FunnelError);
    }
  });
});

/** findStalled over deal objects and over their columns, checked equal; the objects' result. */
function bothPaths(deals: readonly Opportunity[], options: FindStalledOptions): StalledDeals {
  const fromObjects = findStalled(deals, pipeline, options);
  expect(findStalled(dealColumns(deals, pipeline), pipeline, options)).toEqual(fromObjects);
  return fromObjects;
}
const daysOf = (r: StalledDeals) => r.total.map((d) => `${d.opportunityId} ${d.days}`);

describe('findStalled — suspension bookkeeping (objects and columns)', () => {
  // Days from 2026-01-01. The unchecked ledgers break the parser's rules as imported data may.

  it('measures completed stays net of the suspended time up to their exit, also when they end while suspended', () => {
    // lead d0, suspended d5, need d8, lost d12, never resumed: lead 8 − 3 = 5 days, need 4 − 4 = 0.
    // Normal ledger: lead d0, suspended d1, resumed d2, need d4 (lead 4 − 1 = 3), need → proposal d10 (6), still there.
    const deals = [
      uncheckedDeal('a', [['created', 0, 'lead'], ['suspend', 5], ['move', 8, 'need'], ['lost', 12]]),
      deal('n', [['created', 0, 'lead'], ['suspend', 1], ['resume', 2], ['move', 4, 'need'], ['move', 10, 'proposal']]),
    ];
    // Medians: lead (5, 3) → 4; need (0, 6) → 3; proposal and quote: no completed stay.
    expect(bothPaths(deals, { asOf: day(30), threshold: { medianMultiple: 1 } }).medianDays).toEqual([4, 3, null, null]);
  });

  it('measures the created clock net of every suspension: first suspended event to resumed; a stray resumed changes nothing', () => {
    const deals = [
      // Suspended d4, resumed d10: 30 − 6 = 24 days at d30.
      deal('paused', [['created', 0, 'lead'], ['suspend', 4], ['resume', 10], ['move', 15, 'need']]),
      // Suspended d4 and again d6, resumed d10: still 6 days suspended, 24.
      uncheckedDeal('twice', [['created', 0, 'lead'], ['suspend', 4], ['suspend', 6], ['resume', 10], ['move', 15, 'need']]),
      // Resumed at d5 without a suspension: 30 days.
      uncheckedDeal('stray', [['created', 0, 'lead'], ['resume', 5], ['move', 10, 'need']]),
      // Still suspended at d30 (since d20): not judged at all, whatever the clock.
      deal('held', [['created', 0, 'lead'], ['move', 2, 'need'], ['suspend', 20]]),
    ];
    expect(daysOf(bothPaths(deals, { asOf: day(30), clock: 'created', threshold: 1 }))).toEqual(['stray 30', 'paused 24', 'twice 24']);
    // The stage clock of the same deals: need since d15 (paused, twice) and d10 (stray).
    expect(daysOf(bothPaths(deals, { asOf: day(30), threshold: 1 }))).toEqual(['stray 20', 'paused 15', 'twice 15']);
  });

  it('starts the suspended time of a stay begun while suspended at its start, in an import suspended before its first stay', () => {
    // Import without created: suspended d2, reopened in need d5, resumed d9. At d20: 15 − 4 = 11 days in need.
    const o = uncheckedDeal('e', [['suspend', 2], ['reopen', 5, 'need'], ['resume', 9]]);
    expect(daysOf(bothPaths([o], { asOf: day(20), threshold: 1 }))).toEqual(['e 11']);
  });

  it('does not restart the stage clock on a stage_changed to the same stage', () => {
    // lead d0, "lead → lead" at d20: at d30 the deal has been in lead 30 days (> 14), not 10.
    const o = uncheckedDeal('same', [['created', 0, 'lead'], ['move', 20, 'lead']]);
    expect(daysOf(bothPaths([o], { asOf: day(30) }))).toEqual(['same 30']);
  });

  it('dates an import without created at its first event read, for the created clock', () => {
    // Close date changed at d31 and d40, need → proposal at d99: at d89, created d31 → 58 days, not 49.
    const imported = deal('imp', [['close', 31, '2026-05-15'], ['close', 40, '2026-06-15'], ['move', 99, 'proposal', 'need']]);
    expect(daysOf(bothPaths([imported], { asOf: day(89), clock: 'created', threshold: 1 }))).toEqual(['imp 58']);
  });
});

describe('findStalled and auditPipeline — stall options, each named', () => {
  const reasonCode = (e: FunnelError) => (e.params as unknown as { reason: { code: string } }).reason.code;

  it('names the clock and the threshold, and the median multiple inside it', () => {
    const asOf = day(40);
    expect(fault(() => findStalled([], pipeline, { asOf, clock: 'lunar' } as never))).toEqual(['invalid_option', 'clock']);
    expect(fault(() => findStalled([], pipeline, { asOf, threshold: 0 }))).toEqual(['invalid_option', 'threshold']);
    expect(fault(() => findStalled([], pipeline, { asOf, threshold: { medianMultiple: 0 } }))).toEqual(['invalid_option', 'threshold.medianMultiple']);
    for (const threshold of ['often', {}, { multiple: 2 }]) {
      const e = thrown(() => findStalled([], pipeline, { asOf, threshold } as never));
      expect([e.code, (e.params as { option?: string }).option, reasonCode(e)]).toEqual(['invalid_option', 'threshold', 'stall_threshold_shape']);
    }
    // The defaults: the stage clock and each stage's own threshold.
    expect(() => findStalled([], pipeline, { asOf, threshold: undefined, clock: undefined } as never)).not.toThrow();
    // auditPipeline names its own options.
    expect(fault(() => auditPipeline([], pipeline, { asOf, stallClock: 'lunar' } as never))).toEqual(['invalid_option', 'stallClock']);
    expect(fault(() => auditPipeline([], pipeline, { asOf, stallThreshold: { medianMultiple: -1 } }))).toEqual(['invalid_option', 'stallThreshold.medianMultiple']);
  });
});

describe('findStalled — its deals argument', () => {
  it('names the deals argument, and the position of a bad deal in it', () => {
    expect(fault(() => findStalled(42 as never, pipeline, { asOf: day(40) }))).toEqual(['invalid_argument', 'opportunities']);
    const [good] = goldenDeals();
    // The second item is not a deal: its position in the input, 1, is named.
    expect(fault(() => findStalled([good!, { id: 'x' }] as never, pipeline, { asOf: day(40) }))).toEqual(['invalid_argument', 'opportunities[1]']);
    expect(fault(() => findStalled([good!, good!, null] as never, pipeline, { asOf: day(40) }))).toEqual(['invalid_argument', 'opportunities[2]']);
  });

  it("leaves out another pipeline's deals under otherPipelines: 'ignore', and refuses them by default", () => {
    // d4 is stalled at d40 (22 days in need > 20); the same deal in another pipeline is not counted, nor its group.
    const [foreign] = goldenDeals().filter((o) => o.id === 'd4').map((o) => ({ ...o, id: 'f4', ownerId: 'rep-elsewhere', pipelineId: 'other' }) as unknown as Opportunity);
    const options: FindStalledOptions = { asOf: day(40), groupBy: ['owner'] };
    const alone = findStalled(goldenDeals(), pipeline, options);
    expect(findStalled([...goldenDeals(), foreign!], pipeline, { ...options, otherPipelines: 'ignore' })).toEqual(alone);
    expect(alone.total.map(brief)).toEqual(['d4 need 22 > 20 stage_threshold']);
    expect(fault(() => findStalled([foreign!], pipeline, { asOf: day(40) }))[0]).toBe('pipeline_mismatch');
  });
});

describe('findStalled — the median rule at its edges, ties and the result shape', () => {
  // Three deals spent 10 days in lead (d0 → need at d10): lead's median completed stay is 10 days.
  const done = ['m1', 'm2', 'm3'].map((id) => deal(id, [['created', 0, 'lead'], ['move', 10, 'need']]));

  it('is strictly over k × the median, and judges no deal in a stage without a completed stay', () => {
    // In lead since d30: 10 days at d40 (not over 1 × 10), 10.5 days at d40.5.
    const waiting = deal('w', [['created', 30, 'lead']]);
    // need has no completed stay: m1–m3 are still in it, 30 days, yet never judged.
    const at = (d: number) => findStalled([...done, waiting], pipeline, { asOf: day(d), threshold: { medianMultiple: 1 } });
    expect(at(40).medianDays).toEqual([10, null, null, null]);
    expect(at(40).total).toEqual([]);
    expect(at(40.5).total.map(brief)).toEqual(['w lead 10.5 > 10 median_multiple']);
  });

  it('lists deals equally overdue by id, whatever the input order, and gives a groupKey only when grouped', () => {
    const twins = ['t2', 't1', 't3'].map((id) => deal(id, [['created', 0, 'lead']]));
    const r = findStalled(twins, pipeline, { asOf: day(20) });
    // All three 20 days in lead, 6 over its 14.
    expect(r.total.map((d) => [d.opportunityId, d.overDays])).toEqual([['t1', 6], ['t2', 6], ['t3', 6]]);
    expect(r.total.some((d) => 'groupKey' in d)).toBe(false);
    expect(findStalled(twins, pipeline, { asOf: day(20), groupBy: ['owner'] }).total.every((d) => d.groupKey?.join() === 'rep-zhang')).toBe(true);
  });
});
