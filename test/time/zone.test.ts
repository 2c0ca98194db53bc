import { describe, expect, it } from 'vitest';
import { FunnelError, checkZone, periodOf, plainDate, plainDateOf, startOfPlainDate, zoneOffsetAt } from '../../src/index.js';

describe('time zones', () => {
  const wonBerlin = new Date('2026-06-30T22:30:00Z');

  it('dates an instant on the wall clock of an IANA zone, daylight saving included', () => {
    // 22:30 UTC + 2 h (CEST) = 00:30 on 1 July.
    expect(plainDateOf(wonBerlin, { timeZone: 'Europe/Berlin' })).toBe('2026-07-01');
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

  it('knows Berlin offsets in winter and summer', () => {
    expect(zoneOffsetAt(new Date('2026-01-15T12:00:00Z'), { timeZone: 'Europe/Berlin' })).toBe(60);
    expect(zoneOffsetAt(wonBerlin, { timeZone: 'Europe/Berlin' })).toBe(120);
    expect(zoneOffsetAt(wonBerlin, { timeZone: 'America/St_Johns' })).toBe(-150);
  });

  it('finds local midnight', () => {
    expect(startOfPlainDate(plainDate('2026-07-01'), { timeZone: 'Europe/Berlin' }).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(startOfPlainDate(plainDate('2026-01-01'), { timeZone: 'Europe/Berlin' }).toISOString()).toBe('2025-12-31T23:00:00.000Z');
    expect(startOfPlainDate(plainDate('2026-04-01'), { offsetMinutes: 480 }).toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect(startOfPlainDate(plainDate('2026-04-01')).toISOString()).toBe('2026-04-01T00:00:00.000Z');
  });

  it('starts a day whose midnight does not exist at the jump (Santiago, 2026-09-06 00:00 → 01:00)', () => {
    // Chile springs forward at local midnight: the day begins at 01:00 -03:00 = 04:00 UTC.
    const start = startOfPlainDate(plainDate('2026-09-06'), { timeZone: 'America/Santiago' });
    expect(plainDateOf(start, { timeZone: 'America/Santiago' })).toBe('2026-09-06');
    expect(plainDateOf(new Date(start.getTime() - 1), { timeZone: 'America/Santiago' })).toBe('2026-09-05');
  });

  it('refuses an unknown zone, a bad offset, or both at once', () => {
    for (const zone of [{ timeZone: 'Mars/Olympus' }, { offsetMinutes: 1.5 }, { offsetMinutes: 2000 }, { timeZone: 'UTC', offsetMinutes: 0 }]) {
      expect(() => checkZone(zone)).toThrow(FunnelError);
      try {
        checkZone(zone);
      } catch (e) {
        expect((e as FunnelError).code).toBe('invalid_option');
      }
    }
  });
});
