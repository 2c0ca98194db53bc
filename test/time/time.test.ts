import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  calendarDaysBetween,
  daysBetween,
  FunnelError,
  isPlainDate,
  periodBounds,
  periodOf,
  plainDate,
  plainDateOf,
  startOfPlainDate,
  type PeriodUnit,
} from '../../src/index.js';
import { instantArb, plainDateArb } from '../../src/testing/index.js';

// Every assertion below runs once per time zone: results must not depend on the process TZ.
// Kiritimati is UTC+14, St John's has a half-hour offset and DST, Los Angeles has DST.
const ZONES = ['UTC', 'Pacific/Kiritimati', 'America/St_Johns', 'America/Los_Angeles', 'Asia/Shanghai'];
const savedTz = process.env['TZ'];
afterAll(() => {
  if (savedTz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = savedTz;
});

function inEveryZone(name: string, body: () => void): void {
  describe(name, () => {
    for (const tz of ZONES) {
      it(`TZ=${tz}`, () => {
        process.env['TZ'] = tz;
        body();
      });
    }
  });
}

describe('time zones really switch', () => {
  it('the local offset differs between two zones (so the tests below mean something)', () => {
    process.env['TZ'] = 'Pacific/Kiritimati';
    const a = new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset();
    process.env['TZ'] = 'America/Los_Angeles';
    const b = new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset();
    expect(a).toBe(-14 * 60);
    expect(b).toBe(8 * 60);
  });
});

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

inEveryZone('instants', () => {
  const at = new Date('2026-03-31T20:00:00Z');
  expect(plainDateOf(at)).toBe('2026-03-31');
  expect(plainDateOf(at, { offsetMinutes: 480 })).toBe('2026-04-01'); // Beijing
  expect(plainDateOf(at, { offsetMinutes: -600 })).toBe('2026-03-31');
  expect(startOfPlainDate(plainDate('2026-03-08')).toISOString()).toBe('2026-03-08T00:00:00.000Z');
  // 36 hours, measured over the DST change in North America: still exactly 1.5 days
  expect(daysBetween(new Date('2026-03-07T12:00:00Z'), new Date('2026-03-09T00:00:00Z'))).toBe(1.5);
  expect(daysBetween(new Date('2026-01-02T00:00:00Z'), new Date('2026-01-01T00:00:00Z'))).toBe(-1);
  expect(() => daysBetween(new Date('nope'), new Date())).toThrow(FunnelError);
});

inEveryZone('periods', () => {
  const d = plainDate('2026-05-15');
  expect(periodOf(d, { unit: 'month' })).toBe('2026-05');
  expect(periodOf(d, { unit: 'quarter' })).toBe('2026-Q2');
  expect(periodOf(d, { unit: 'year' })).toBe('2026');
  expect(periodOf(d, { unit: 'fiscal_year' })).toBe('FY2026');
  expect(periodOf(d, { unit: 'fiscal_quarter' })).toBe('FY2026-Q2');
  // April fiscal year (e.g. Japan, India): April 2026 – March 2027 is FY2027, April–June is Q1
  expect(periodOf(d, { unit: 'fiscal_quarter', fiscalYearStartMonth: 4 })).toBe('FY2027-Q1');
  expect(periodOf(plainDate('2027-03-31'), { unit: 'fiscal_quarter', fiscalYearStartMonth: 4 })).toBe('FY2027-Q4');
  expect(periodOf(plainDate('2026-03-31'), { unit: 'fiscal_year', fiscalYearStartMonth: 4 })).toBe('FY2026');
  expect(periodOf(d, { unit: 'fiscal_year', fiscalYearStartMonth: 4, fiscalYearLabel: 'start' })).toBe('FY2026');
  // October fiscal year (US federal): October 2025 starts FY2026
  expect(periodOf(plainDate('2025-10-01'), { unit: 'fiscal_quarter', fiscalYearStartMonth: 10 })).toBe('FY2026-Q1');
  // an instant is dated in UTC unless an offset is given
  expect(periodOf(new Date('2026-03-31T20:00:00Z'), { unit: 'quarter' })).toBe('2026-Q1');
  expect(periodOf(new Date('2026-03-31T20:00:00Z'), { unit: 'quarter', offsetMinutes: 480 })).toBe('2026-Q2');
  expect(periodBounds('FY2027-Q1', { unit: 'fiscal_quarter', fiscalYearStartMonth: 4 })).toEqual({ start: '2026-04-01', end: '2026-06-30' });
  expect(periodBounds('2028-02', { unit: 'month' })).toEqual({ start: '2028-02-01', end: '2028-02-29' });
  expect(() => periodOf(d, { unit: 'fiscal_year', fiscalYearStartMonth: 13 })).toThrow(FunnelError);
  expect(() => periodBounds('2026-Q5', { unit: 'quarter' })).toThrow(FunnelError);
});

const UNITS: PeriodUnit[] = ['month', 'quarter', 'year', 'fiscal_quarter', 'fiscal_year'];

describe('time laws (in two zones)', () => {
  for (const tz of ['Pacific/Kiritimati', 'America/St_Johns']) {
    it(`every date lies within the bounds of its own period (TZ=${tz})`, () => {
      process.env['TZ'] = tz;
      fc.assert(
        fc.property(plainDateArb({ min: '1999-01-01', max: '2101-12-31' }), fc.constantFrom(...UNITS), fc.integer({ min: 1, max: 12 }), fc.boolean(), (date, unit, start, label) => {
          const options = { unit, fiscalYearStartMonth: start, fiscalYearLabel: label ? ('start' as const) : ('end' as const) };
          const key = periodOf(date, options);
          const b = periodBounds(key, options);
          expect(b.start <= date && date <= b.end).toBe(true);
          expect(periodOf(b.start, options)).toBe(key);
          expect(periodOf(b.end, options)).toBe(key);
          expect(periodOf(addDays(b.end, 1), options)).not.toBe(key);
        }),
        { numRuns: 300 },
      );
    });
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
    it(`plainDateOf agrees with the UTC calendar (TZ=${tz})`, () => {
      process.env['TZ'] = tz;
      fc.assert(
        fc.property(instantArb(), (at) => {
          expect(plainDateOf(at)).toBe(at.toISOString().slice(0, 10));
          expect(startOfPlainDate(plainDateOf(at)).getTime()).toBeLessThanOrEqual(at.getTime());
        }),
      );
    });
  }
});
