import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { money } from '../../src/index.js';
import { code } from './_fixtures.js';

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
