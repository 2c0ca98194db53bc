import { describe, expect, it } from 'vitest';
import { activityClockMs, activityClockMsOfColumns } from '../../../src/analytics/_lib/stall.js';
import { dealColumns, type Opportunity } from '../../../src/index.js';
import { day, deal, pipeline, type Step, withActivities } from '../_fixtures.js';

/** A deal created on day 0 from `steps`, with a call logged on each of `calls` (days). */
function withCalls(id: string, steps: readonly Step[], calls: readonly number[]): Opportunity {
  return withActivities([deal(id, [['created', 0, 'lead'], ...steps])], { [id]: calls })[0]!;
}

/** The activity clock in days at `asOf` (days), read from the deal object and from its columns (both must agree). */
function clockDays(o: Opportunity, asOf: number): number {
  const fromObject = activityClockMs(o, day(asOf).getTime(), day(0).getTime()) / 86_400_000;
  const fromColumns = activityClockMsOfColumns(dealColumns([o], pipeline), 0, day(asOf).getTime(), day(0).getTime()) / 86_400_000;
  expect(fromColumns).toBe(fromObject);
  return fromObject;
}

describe('activityClockMs and activityClockMsOfColumns', () => {
  it('counts from the last call at or before asOf, from creation when there is none', () => {
    expect(clockDays(withCalls('a', [], []), 20)).toBe(20);
    expect(clockDays(withCalls('a', [], [3, 5]), 20)).toBe(15);
    // A call after asOf is not seen yet.
    expect(clockDays(withCalls('a', [], [5, 25]), 20)).toBe(15);
    // A call at asOf itself restarts the clock at zero.
    expect(clockDays(withCalls('a', [], [5, 20]), 20)).toBe(0);
  });

  it('takes out the suspended time after the last call, up to the resume', () => {
    // Suspended d8–d11 after the call on d5: 15 − 3.
    expect(clockDays(withCalls('a', [['suspend', 8], ['resume', 11]], [5]), 20)).toBe(12);
    // Suspended d2–d7 across the call on d5: only d5–d7 counts, 15 − 2.
    expect(clockDays(withCalls('a', [['suspend', 2], ['resume', 7]], [5]), 20)).toBe(13);
    // Suspended d1–d3, before the call: nothing to take out.
    expect(clockDays(withCalls('a', [['suspend', 1], ['resume', 3]], [5]), 20)).toBe(15);
  });

  it('takes out the suspension still running at asOf, from its start or from the last call, whichever is later', () => {
    // Suspended since d10, after the call on d5: 15 − 10.
    expect(clockDays(withCalls('a', [['suspend', 10]], [5]), 20)).toBe(5);
    // Suspended since d2, before the call on d5: the whole d5–d20 is suspended.
    expect(clockDays(withCalls('a', [['suspend', 2]], [5]), 20)).toBe(0);
    // A resume after asOf is not seen yet: still suspended at d20, since d12.
    expect(clockDays(withCalls('a', [['suspend', 12], ['resume', 30]], []), 20)).toBe(12);
  });
});
