import { afterAll, describe, expect, it } from 'vitest';

// Every assertion of inEveryZone runs once per time zone: results must not depend on the process TZ.
// Kiritimati is UTC+14, St John's has a half-hour offset and DST, Los Angeles has DST.
export const ZONES = ['UTC', 'Pacific/Kiritimati', 'America/St_Johns', 'America/Los_Angeles', 'Asia/Shanghai'];

/** Puts the process TZ back after the file's tests (call once at the top level of a test file that sets TZ). */
export function restoreTimeZoneAfterAll(): void {
  const savedTz = process.env['TZ'];
  afterAll(() => {
    if (savedTz === undefined) delete process.env['TZ'];
    else process.env['TZ'] = savedTz;
  });
}

export function inEveryZone(name: string, body: () => void): void {
  describe(name, () => {
    for (const tz of ZONES) {
      it(`TZ=${tz}`, () => {
        process.env['TZ'] = tz;
        body();
      });
    }
  });
}

/** Registers the check that switching TZ really changes the local offset (so the per-zone tests mean something). */
export function describeTimeZonesReallySwitch(): void {
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
}

/** A deal won at 00:30 on 1 July in Berlin (CEST), still 30 June in UTC. */
export const wonBerlin = new Date('2026-06-30T22:30:00Z');
