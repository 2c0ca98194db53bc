import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, calendarDaysBetween, isPlainDate, plainDate } from '../../src/index.js';
import { plainDateArb } from '../../src/testing/index.js';
import { describeTimeZonesReallySwitch, inEveryZone, restoreTimeZoneAfterAll } from './_fixtures.js';

restoreTimeZoneAfterAll();
describeTimeZonesReallySwitch();

inEveryZone('date arithmetic', () => {
  expect(addDays(plainDate('2028-02-28'), 1)).toBe('2028-02-29');
  expect(addDays(plainDate('2027-02-28'), 1)).toBe('2027-03-01');
  expect(addDays(plainDate('2026-12-31'), 1)).toBe('2027-01-01');
  expect(addDays(plainDate('2026-03-08'), -8)).toBe('2026-02-28');
  // across the US and Canadian DST switch (2026-03-08) nothing shifts
  expect(addDays(plainDate('2026-03-07'), 2)).toBe('2026-03-09');
  expect(addMonths(plainDate('2026-01-31'), 1)).toBe('2026-02-28');
  expect(addMonths(plainDate('2028-01-31'), 1)).toBe('2028-02-29');
  expect(addMonths(plainDate('2026-11-15'), 3)).toBe('2027-02-15');
  expect(calendarDaysBetween(plainDate('2028-02-01'), plainDate('2028-03-01'))).toBe(29);
  expect(calendarDaysBetween(plainDate('2026-01-01'), plainDate('2027-01-01'))).toBe(365);
  expect(calendarDaysBetween(plainDate('2027-01-01'), plainDate('2026-01-01'))).toBe(-365);
});

describe('time laws (in two zones)', () => {
  for (const tz of ['Pacific/Kiritimati', 'America/St_Johns']) {
    it(`addDays and calendarDaysBetween are inverse (TZ=${tz})`, () => {
      process.env['TZ'] = tz;
      fc.assert(
        fc.property(plainDateArb(), fc.integer({ min: -3000, max: 3000 }), (d, n) => {
          const e = addDays(d, n);
          expect(isPlainDate(e)).toBe(true);
          expect(calendarDaysBetween(d, e)).toBe(n);
        }),
        { numRuns: 300 },
      );
    });
  }
});
