import { describe, expect, it } from 'vitest';
import { FunnelError, toPlainDate } from '../../src/index.js';

describe('toPlainDate', () => {
  it('accepts real calendar dates, leap days included', () => {
    expect(toPlainDate('2028-02-29', 'startDate')).toBe('2028-02-29');
    expect(toPlainDate('0001-01-01', 'startDate')).toBe('0001-01-01');
  });

  it.each([['2027-02-29'], ['2026-13-01'], ['2026-1-5'], ['2026-01-05T00:00:00Z'], [''], [20260105], [null], [new Date('2026-01-05')]])(
    'refuses %s with invalid_option naming the option',
    (value) => {
      let caught: unknown;
      try {
        toPlainDate(value as never, 'startDate');
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(FunnelError);
      expect((caught as FunnelError).code).toBe('invalid_option');
      expect((caught as FunnelError).params.option).toBe('startDate');
    },
  );
});
