import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FunnelError, MAX_INSTANT_MS, MIN_INSTANT_MS, parseIsoInstant, toInstant } from '../../src/index.js';

describe('parseIsoInstant', () => {
  it('reads offsets: 07:30 in Shanghai (+08:00) is 23:30 UTC the day before', () => {
    expect(new Date(parseIsoInstant('2026-04-01T07:30:00+08:00')).toISOString()).toBe('2026-03-31T23:30:00.000Z');
    expect(new Date(parseIsoInstant('2026-03-31T20:00:00-03:30')).toISOString()).toBe('2026-03-31T23:30:00.000Z');
  });

  it('accepts minutes-only times and 1 to 9 fraction digits (truncated to ms)', () => {
    expect(parseIsoInstant('2026-01-01T00:00Z')).toBe(Date.UTC(2026, 0, 1));
    expect(parseIsoInstant('2026-01-01T00:00:00.5Z')).toBe(Date.UTC(2026, 0, 1) + 500);
    expect(parseIsoInstant('2026-01-01T00:00:00.123456789Z')).toBe(Date.UTC(2026, 0, 1) + 123);
  });

  it.each([
    'garbage',
    '',
    '2026-02-30T00:00:00Z', // no 30 February
    '2027-02-29T00:00:00Z', // 2027 is not a leap year
    '2026-06-30T23:59:60Z', // leap second
    '2026-06-30T24:00:00Z',
    '2026-06-30T12:00:00', // no offset
    '2026-06-30 12:00:00Z', // no T
    '2026-06-30T12:00:00.Z', // empty fraction
    '2026-06-30T12:00:00.1234567890Z', // 10 fraction digits
    '2026-06-30T12:00:00+8:00',
    '2026-06-30T12:00:00+08:60',
    '0000-12-31T00:00:00Z', // year 0
    '9999-12-31T23:00:00-02:00', // 10000-01-01 in UTC
    '0001-01-01T00:30:00+01:00', // before year 1 in UTC
    '２０２６-01-01T00:00:00Z', // full-width digits
  ])('refuses %j', (s) => {
    expect(Number.isNaN(parseIsoInstant(s))).toBe(true);
  });

  it('accepts the first and last instants of the range', () => {
    expect(parseIsoInstant('0001-01-01T00:00:00Z')).toBe(MIN_INSTANT_MS);
    expect(parseIsoInstant('9999-12-31T23:59:59.999Z')).toBe(MAX_INSTANT_MS);
  });

  it('agrees with Date.parse on every toISOString output in range (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(MIN_INSTANT_MS), max: new Date(MAX_INSTANT_MS), noInvalidDate: true }), (d) => {
        const s = d.toISOString();
        expect(parseIsoInstant(s)).toBe(d.getTime());
      }),
    );
  });

  it('agrees with Date on offsets (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (d, offset) => {
          const local = new Date(d.getTime() + offset * 60_000).toISOString().slice(0, 23);
          const sign = offset < 0 ? '-' : '+';
          const a = Math.abs(offset);
          const text = `${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
          expect(parseIsoInstant(text)).toBe(d.getTime());
        },
      ),
    );
  });
});

describe('toInstant', () => {
  it('gives the same new Date for a Date and for its ISO string', () => {
    const d = new Date('2026-03-31T16:00:00Z');
    const a = toInstant(d, 'asOf');
    expect(a).not.toBe(d);
    expect(a.getTime()).toBe(d.getTime());
    expect(toInstant('2026-04-01T00:00:00+08:00', 'asOf').getTime()).toBe(d.getTime());
  });

  it.each([['garbage'], [new Date(Number.NaN)], [12345], [null], ['2026-04-01']])('refuses %s with invalid_option naming the option', (v) => {
    let caught: unknown;
    try {
      toInstant(v as never, 'asOf');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(FunnelError);
    expect((caught as FunnelError).code).toBe('invalid_option');
    expect((caught as FunnelError).params.option).toBe('asOf');
  });
});
