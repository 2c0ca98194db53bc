// Due dates of the handover plan (src/planning/_lib/handover/schedule.ts), through
// planHandover. One successor, li; the departing rep 张 (zhang). 2026-04-01 is a
// Wednesday, so the working days are 04-01, 04-02, 04-03, 04-06, 04-07 …
import { describe, expect, it } from 'vitest';
import { parseOpportunity, parsePipeline, planHandover, type Opportunity, type PlanHandoverOptions } from '../../../../src/index.js';

const pipeline = parsePipeline({
  id: 'p',
  name: 'Direct',
  currency: 'CNY',
  stages: [
    { id: 'top', name: 'Top', kind: 'open', probability: '0.25' }, // successor_call
    { id: 'mid', name: 'Mid', kind: 'open', probability: '0.5' }, // phone_intro
    { id: 'bottom', name: 'Bottom', kind: 'open', probability: '0.75' }, // visit
    { id: 'won', name: 'Won', kind: 'won', probability: 1 },
    { id: 'lost', name: 'Lost', kind: 'lost', probability: 0 },
  ],
});

/** An open deal of 张's; a larger amount comes first within its tier. */
const deal = (id: string, stageId: string, amount: string): Opportunity =>
  parseOpportunity({
    id,
    customerId: `c-${id}`,
    pipelineId: 'p',
    name: id,
    amount: { amount, currency: 'CNY' },
    stageId,
    ownerId: 'zhang',
    history: [{ type: 'created', at: '2026-03-02T09:00:00+08:00', stageId }],
  });

const due = (deals: Opportunity[], extra: Partial<PlanHandoverOptions> = {}): Record<string, string> =>
  Object.fromEntries(
    planHandover(deals, pipeline, { departingOwnerId: 'zhang', successors: [{ id: 'li' }], startDate: '2026-04-01', ...extra }).steps.map((s) => [
      s.opportunityId,
      `${s.channel} ${s.dueDate}`,
    ]),
  );

describe('handover due dates', () => {
  it('visits are limited by visitsPerDay, not by callsPerDay', () => {
    // One visit a day, six calls: three visits on three working days.
    expect(due([deal('a', 'bottom', '300'), deal('b', 'bottom', '200'), deal('c', 'bottom', '100')], { visitsPerDay: 1, callsPerDay: 6 })).toEqual({
      a: 'visit 2026-04-01',
      b: 'visit 2026-04-02',
      c: 'visit 2026-04-03',
    });
  });

  it('introductions are limited by the departing rep’s calls a day, not by the rep’s visits', () => {
    // 张 makes one call a day (and could make five visits): three introductions on three days.
    expect(
      due([deal('a', 'mid', '300'), deal('b', 'mid', '200'), deal('c', 'mid', '100')], { callsPerDay: 6, departingRep: { visitsPerDay: 5, callsPerDay: 1 } }),
    ).toEqual({ a: 'phone_intro 2026-04-01', b: 'phone_intro 2026-04-02', c: 'phone_intro 2026-04-03' });
  });

  it('a successor’s own calls do not use the departing rep’s calls', () => {
    // 张 makes one call a day, but the successor calls alone: both calls on the first day.
    expect(due([deal('a', 'top', '300'), deal('b', 'top', '200')], { callsPerDay: 6, departingRep: { callsPerDay: 1 } })).toEqual({
      a: 'successor_call 2026-04-01',
      b: 'successor_call 2026-04-01',
    });
  });

  it('with no handovers, a successor’s own calls start on the start date, one a day at callsPerDay 1', () => {
    // Booking them among the handovers first would push them past themselves (to 04-03 and 04-06).
    expect(due([deal('a', 'top', '300'), deal('b', 'top', '200')], { callsPerDay: 1 })).toEqual({
      a: 'successor_call 2026-04-01',
      b: 'successor_call 2026-04-02',
    });
  });

  it('own calls start the working day after the successor’s latest handover, not after the last one booked', () => {
    // Visits a 04-01 and b 04-02 (one a day); the introduction c is booked after them but on
    // 04-01 (calls are free). The latest handover is 04-02, so the own call d is on 04-03.
    expect(due([deal('a', 'bottom', '300'), deal('b', 'bottom', '200'), deal('c', 'mid', '100'), deal('d', 'top', '100')], { visitsPerDay: 1, callsPerDay: 6 })).toEqual({
      a: 'visit 2026-04-01',
      b: 'visit 2026-04-02',
      c: 'phone_intro 2026-04-01',
      d: 'successor_call 2026-04-03',
    });
  });
});
