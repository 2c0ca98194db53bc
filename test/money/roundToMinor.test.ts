import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/i18n/FunnelError.js';
import { money } from '../../src/money/money.js';
import { roundToMinor, type RoundingMode } from '../../src/money/roundToMinor.js';

describe('roundToMinor', () => {
  it('rounds to the currency’s minor unit, half-even by default', () => {
    expect(roundToMinor(money('2.345', 'CNY')).amount.toFixed(2)).toBe('2.34');
    expect(roundToMinor(money('2.355', 'CNY')).amount.toFixed(2)).toBe('2.36');
    expect(roundToMinor(money('2.345', 'CNY'), 'half_up').amount.toFixed(2)).toBe('2.35');
    expect(roundToMinor(money('1234.5', 'JPY')).amount.toString()).toBe('1234');
  });

  it('refuses a mode named after an Object.prototype member with a FunnelError', () => {
    for (const mode of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'nearest']) {
      try {
        roundToMinor(money('2.345', 'CNY'), mode as RoundingMode);
        expect.unreachable(mode);
      } catch (e) {
        expect(e).toBeInstanceOf(FunnelError);
        expect((e as FunnelError).code).toBe('invalid_option');
      }
    }
  });
});
