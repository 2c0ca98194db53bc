import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/i18n/FunnelError.js';
import { money } from '../../src/money/money.js';
import { roundToMinor, type RoundingMode } from '../../src/money/roundToMinor.js';
import { code, refusal } from './_fixtures.js';

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

describe('arithmetic', () => {
  it('rounds to the minor unit with a named mode', () => {
    expect(roundToMinor(money('2.345', 'CNY')).amount.toFixed(2)).toBe('2.34');
    expect(roundToMinor(money('2.355', 'CNY')).amount.toFixed(2)).toBe('2.36');
    expect(roundToMinor(money('2.345', 'CNY'), 'half_up').amount.toFixed(2)).toBe('2.35');
    expect(roundToMinor(money('2.345', 'CNY'), 'half_down').amount.toFixed(2)).toBe('2.34');
    expect(roundToMinor(money('-2.341', 'CNY'), 'floor').amount.toFixed(2)).toBe('-2.35');
    expect(roundToMinor(money('-2.349', 'CNY'), 'ceil').amount.toFixed(2)).toBe('-2.34');
    expect(roundToMinor(money('2.341', 'CNY'), 'up').amount.toFixed(2)).toBe('2.35');
    expect(roundToMinor(money('2.349', 'CNY'), 'down').amount.toFixed(2)).toBe('2.34');
    expect(roundToMinor(money('1234.5', 'JPY')).amount.toString()).toBe('1234');
    expect(code(() => roundToMinor(money('1', 'CNY'), 'nearest' as never))).toBe('invalid_option');
  });

  it('never changes its arguments', () => {
    const a = money('1.5', 'CNY');
    const b = money('2.5', 'CNY');
    roundToMinor(b);
    expect(a.amount.toString()).toBe('1.5');
    expect(b.amount.toString()).toBe('2.5');
  });
});

describe('roundToMinor: what the errors say', () => {
  it('names the option and the mode', () => {
    expect(refusal(() => roundToMinor(money('1', 'CNY'), 'nearest' as RoundingMode))).toEqual({
      code: 'invalid_option',
      option: 'rounding',
      reason: { code: 'unknown_rounding_mode', params: { mode: 'nearest' } },
      message: 'Invalid option "rounding": unknown mode nearest.',
    });
    expect(refusal(() => roundToMinor(money('1', 'CNY'), 5 as unknown as RoundingMode))).toMatchObject({ reason: { params: { mode: '5' } } });
  });

  it('a mode must be the string itself, not an object that prints as one', () => {
    const sneaky = { toString: () => 'half_up' } as unknown as RoundingMode;
    expect(refusal(() => roundToMinor(money('2.345', 'CNY'), sneaky))).toMatchObject({ code: 'invalid_option', reason: { params: { mode: 'half_up' } } });
  });

  it('keeps the currency, and rounds KWD to fils', () => {
    expect(roundToMinor(money('1.0005', 'KWD'))).toMatchObject({ currency: 'KWD' });
    // 1.0005 → 1.000 half-even (0 is even); 1.0015 → 1.002.
    expect(roundToMinor(money('1.0005', 'KWD')).amount.toFixed(3)).toBe('1.000');
    expect(roundToMinor(money('1.0015', 'KWD')).amount.toFixed(3)).toBe('1.002');
  });
});
