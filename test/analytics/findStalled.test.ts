import { describe, expect, it } from 'vitest';
import { FunnelError, findStalled, type Opportunity, type OpportunityEvent, type StalledDeal } from '../../src/index.js';
import { day, goldenDeals, groupKeys, groupValue, pipeline } from './_fixtures.js';

/** The deals with a follow-up call logged on each of the given days (days from 2026-01-01), in time order. */
function withActivities(deals: readonly Opportunity[], days: Readonly<Record<string, readonly number[]>>): Opportunity[] {
  return deals.map((o) => {
    const add = days[o.id] ?? [];
    if (add.length === 0) return o;
    const extra = add.map((d): OpportunityEvent => ({ type: 'activity_logged', seq: 0, at: day(d), kind: 'call' }));
    // A stable sort: an activity goes after the events of the same instant.
    const history = [...o.history, ...extra].sort((a, b) => a.at.getTime() - b.at.getTime()).map((e, i) => ({ ...e, seq: i + 1 }));
    return { ...o, history };
  });
}

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
