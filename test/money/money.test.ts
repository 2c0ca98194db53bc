import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { money } from '../../src/index.js';
import { code, refusal } from './_fixtures.js';

describe('money()', () => {
  it('accepts decimal strings, exact numbers and Decimals', () => {
    expect(money('1000000.00', 'CNY').amount.toFixed(2)).toBe('1000000.00');
    expect(money(0.25, 'CNY').amount.toString()).toBe('0.25');
    expect(money(new DecimalJs('12.5'), 'USD').amount.toString()).toBe('12.5');
    expect(money('-3', 'JPY').amount.toString()).toBe('-3');
  });

  it('rejects non-finite numbers, inexact binary numbers and malformed strings', () => {
    expect(code(() => money(Number.NaN, 'CNY'))).toBe('invalid_amount');
    expect(code(() => money(Number.POSITIVE_INFINITY, 'CNY'))).toBe('invalid_amount');
    // 0.1 + 0.2 is 0.30000000000000004: 17 significant digits, not what anyone meant
    expect(code(() => money(0.1 + 0.2, 'CNY'))).toBe('invalid_amount');
    // 2^53 + 2 has 16 significant digits: beyond what a double carries exactly in every case
    expect(code(() => money(9007199254740994, 'CNY'))).toBe('invalid_amount');
    expect(code(() => money('12,5', 'CNY'))).toBe('invalid_amount');
    expect(code(() => money('abc', 'CNY'))).toBe('invalid_amount');
    expect(code(() => money(new DecimalJs(Number.NaN), 'CNY'))).toBe('invalid_amount');
  });

  it('rejects unknown currencies', () => {
    expect(code(() => money('1', 'RMB'))).toBe('unknown_currency');
  });
});

describe('money(): what the errors say', () => {
  it('names the currency it does not know', () => {
    expect(refusal(() => money('1', 'RMB'))).toEqual({
      code: 'unknown_currency',
      currency: 'RMB',
      message: 'Unknown currency code "RMB"; use an ISO 4217 code such as CNY or USD.',
    });
  });

  it('names the amount and the reason', () => {
    expect(refusal(() => money(Number.NaN, 'CNY'))).toEqual({ code: 'invalid_amount', value: 'NaN', reason: { code: 'not_finite', params: { name: 'amount' } }, message: 'Invalid amount NaN: amount must be finite.' });
    expect(refusal(() => money(new DecimalJs(Number.POSITIVE_INFINITY), 'CNY'))).toMatchObject({ value: 'Infinity', reason: { code: 'not_finite', params: { name: 'amount' } } });
    expect(refusal(() => money('12,5', 'CNY'))).toMatchObject({ value: '12,5', reason: { code: 'not_a_decimal', params: { name: 'amount' } } });
    // 16 significant digits (2⁵³ + 2) against 15 (999 999 999 999 999): refused, accepted.
    expect(refusal(() => money(9007199254740994, 'CNY'))).toMatchObject({ value: '9007199254740994', reason: { code: 'inexact_binary_number', params: { name: 'amount' } } });
    expect(money(999999999999999, 'JPY').amount.toString()).toBe('999999999999999');
  });

  it('checks the currency before the amount', () => {
    expect(refusal(() => money('abc', 'RMB'))).toMatchObject({ code: 'unknown_currency' });
  });
});
