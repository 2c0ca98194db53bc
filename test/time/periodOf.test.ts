import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, FunnelError, periodBounds, periodOf, plainDate, type PeriodUnit } from '../../src/index.js';
import { plainDateArb } from '../../src/testing/index.js';
import { describeTimeZonesReallySwitch, inEveryZone, restoreTimeZoneAfterAll, wonBerlin } from './_fixtures.js';

restoreTimeZoneAfterAll();
describeTimeZonesReallySwitch();

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
  }
});

describe('time zones', () => {
  it('dates an instant on the wall clock of an IANA zone, daylight saving included', () => {
    // 22:30 UTC + 2 h (CEST) = 00:30 on 1 July.
    expect(periodOf(wonBerlin, { unit: 'quarter', timeZone: 'Europe/Berlin' })).toBe('2026-Q3');
    // A fixed +01:00 (Berlin's winter offset) and UTC keep it in June, Q2.
    expect(periodOf(wonBerlin, { unit: 'quarter', offsetMinutes: 60 })).toBe('2026-Q2');
    expect(periodOf(wonBerlin, { unit: 'quarter' })).toBe('2026-Q2');
  });

  it('puts 2026-04-01T07:30+08:00 in Q2 for Shanghai and Q1 in UTC', () => {
    const t = new Date('2026-04-01T07:30:00+08:00');
    expect(periodOf(t, { unit: 'quarter', timeZone: 'Asia/Shanghai' })).toBe('2026-Q2');
    expect(periodOf(t, { unit: 'quarter' })).toBe('2026-Q1');
  });
});
