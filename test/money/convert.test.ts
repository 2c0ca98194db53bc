import { describe, expect, it } from 'vitest';
import { convert, money } from '../../src/index.js';
import { code } from './_fixtures.js';

describe('arithmetic', () => {
  it('converts through the base currency', () => {
    const rates = { base: 'CNY', rates: { USD: '7.10', EUR: '7.80' } };
    expect(convert(money('100', 'USD'), 'CNY', rates).amount.toString()).toBe('710');
    expect(convert(money('710', 'CNY'), 'USD', rates).amount.toString()).toBe('100');
    // 78 EUR = 608.4 CNY = 85.690140845... USD
    expect(convert(money('78', 'EUR'), 'USD', rates).amount.toDecimalPlaces(6).toString()).toBe('85.690141');
    expect(code(() => convert(money('1', 'JPY'), 'CNY', rates))).toBe('missing_rate');
    expect(code(() => convert(money('1', 'USD'), 'CNY', { base: 'CNY', rates: { USD: '0' } }))).toBe('invalid_amount');
  });
});
