import { expect } from 'vitest';
import { daysBetween, FunnelError } from '../../src/index.js';
import { describeTimeZonesReallySwitch, inEveryZone, restoreTimeZoneAfterAll } from './_fixtures.js';

restoreTimeZoneAfterAll();
describeTimeZonesReallySwitch();

inEveryZone('instants', () => {
  // 36 hours, measured over the DST change in North America: still exactly 1.5 days
  expect(daysBetween(new Date('2026-03-07T12:00:00Z'), new Date('2026-03-09T00:00:00Z'))).toBe(1.5);
  expect(daysBetween(new Date('2026-01-02T00:00:00Z'), new Date('2026-01-01T00:00:00Z'))).toBe(-1);
  expect(() => daysBetween(new Date('nope'), new Date())).toThrow(FunnelError);
});
