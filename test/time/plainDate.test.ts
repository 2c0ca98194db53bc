import { expect } from 'vitest';
import { FunnelError, isPlainDate, plainDate } from '../../src/index.js';
import { describeTimeZonesReallySwitch, inEveryZone, restoreTimeZoneAfterAll } from './_fixtures.js';

restoreTimeZoneAfterAll();
describeTimeZonesReallySwitch();

inEveryZone('PlainDate validation', () => {
  expect(isPlainDate('2028-02-29')).toBe(true);
  expect(isPlainDate('2027-02-29')).toBe(false);
  expect(isPlainDate('2000-02-29')).toBe(true); // divisible by 400
  expect(isPlainDate('2100-02-29')).toBe(false); // divisible by 100, not 400
  expect(isPlainDate('2026-04-31')).toBe(false);
  expect(isPlainDate('2026-13-01')).toBe(false);
  expect(isPlainDate('2026-1-01')).toBe(false);
  expect(isPlainDate('2026-01-01T00:00:00Z')).toBe(false);
  expect(isPlainDate(20260101)).toBe(false);
  expect(() => plainDate('2026-02-30')).toThrow(FunnelError);
});
