import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FunnelError, checkZone, plainDate, plainDateOf, startOfPlainDate, zoneOffsetAt } from '../../src/index.js';
import { instantArb } from '../../src/testing/index.js';
import { describeTimeZonesReallySwitch, inEveryZone, restoreTimeZoneAfterAll, wonBerlin } from './_fixtures.js';
import { zoneFields } from '../../src/time/zone.js';

restoreTimeZoneAfterAll();
describeTimeZonesReallySwitch();

inEveryZone('instants', () => {
  const at = new Date('2026-03-31T20:00:00Z');
  expect(plainDateOf(at)).toBe('2026-03-31');
  expect(plainDateOf(at, { offsetMinutes: 480 })).toBe('2026-04-01'); // Beijing
  expect(plainDateOf(at, { offsetMinutes: -600 })).toBe('2026-03-31');
  expect(startOfPlainDate(plainDate('2026-03-08')).toISOString()).toBe('2026-03-08T00:00:00.000Z');
});

describe('time laws (in two zones)', () => {
  for (const tz of ['Pacific/Kiritimati', 'America/St_Johns']) {
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

describe('time zones', () => {
  it('dates an instant on the wall clock of an IANA zone, daylight saving included', () => {
    // 22:30 UTC + 2 h (CEST) = 00:30 on 1 July.
    expect(plainDateOf(wonBerlin, { timeZone: 'Europe/Berlin' })).toBe('2026-07-01');
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

describe('zoneFields', () => {
  it('keeps the zone fields that are given, and nothing else', () => {
    const options = { groupBy: ['owner'], timeZone: 'Asia/Shanghai', offsetMinutes: undefined };
    expect(zoneFields(options as never)).toStrictEqual({ timeZone: 'Asia/Shanghai' });
    expect(Object.keys(zoneFields({ offsetMinutes: 480 }))).toEqual(['offsetMinutes']);
    expect(zoneFields({ timeZone: 'Europe/Berlin', offsetMinutes: 60 })).toStrictEqual({ timeZone: 'Europe/Berlin', offsetMinutes: 60 });
    expect(zoneFields({})).toStrictEqual({});
    expect(zoneFields({ timeZone: undefined, offsetMinutes: undefined } as never)).toStrictEqual({});
    expect(options.groupBy).toEqual(['owner']);
  });
});
