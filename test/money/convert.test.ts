import { describe, expect, it } from 'vitest';
import { convert, money } from '../../src/index.js';
import { code, refusal } from './_fixtures.js';

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

describe('convert: edges and what the errors say', () => {
  const rates = { base: 'CNY', rates: { USD: '7.10' } };

  it('to the same currency: the amount as it is, no rate needed', () => {
    expect(convert(money('12.34', 'JPY'), 'JPY', rates).amount.toString()).toBe('12.34');
    expect(convert(money('5', 'CNY'), 'CNY', rates)).toMatchObject({ currency: 'CNY' });
  });

  it('the base needs no rate of its own, either way', () => {
    expect(convert(money('1', 'CNY'), 'USD', { base: 'CNY', rates: { USD: '2' } }).amount.toString()).toBe('0.5');
    expect(convert(money('1', 'USD'), 'CNY', { base: 'CNY', rates: { USD: '2' } }).amount.toString()).toBe('2');
  });

  it('refuses an unknown target currency before looking for a rate', () => {
    expect(refusal(() => convert(money('1', 'CNY'), 'RMB', rates))).toMatchObject({ code: 'unknown_currency', currency: 'RMB' });
    expect(refusal(() => convert(money('1', 'CNY'), 'RMB', { base: 'RMB', rates: { CNY: '1' } }))).toMatchObject({ code: 'unknown_currency', currency: 'RMB' });
  });

  it('a missing rate names both currencies; an inherited property is not a rate', () => {
    expect(refusal(() => convert(money('1', 'JPY'), 'CNY', rates))).toEqual({ code: 'missing_rate', from: 'JPY', to: 'CNY', message: 'No exchange rate from JPY to CNY.' });
    // The target's rate is missing: from CNY's point of view, USD → CNY → EUR has no EUR rate.
    expect(refusal(() => convert(money('1', 'USD'), 'EUR', rates))).toMatchObject({ code: 'missing_rate', from: 'EUR', to: 'USD' });
    const inherited = { base: 'CNY', rates: Object.create({ USD: '7.10' }) as Record<string, string> };
    expect(refusal(() => convert(money('1', 'USD'), 'CNY', inherited))).toMatchObject({ code: 'missing_rate', from: 'USD', to: 'CNY' });
  });

  it('a rate must be a positive decimal', () => {
    expect(refusal(() => convert(money('1', 'USD'), 'CNY', { base: 'CNY', rates: { USD: '0' } }))).toEqual({
      code: 'invalid_amount',
      value: '0',
      reason: { code: 'rate_not_positive', params: { currency: 'USD' } },
      message: 'Invalid amount 0: rate USD must be positive.',
    });
    expect(refusal(() => convert(money('1', 'USD'), 'CNY', { base: 'CNY', rates: { USD: '-7.1' } }))).toMatchObject({ value: '-7.1', reason: { code: 'rate_not_positive' } });
    // The smallest positive rate the limits allow is fine: 1 USD = 10⁻²⁰ CNY.
    expect(convert(money('1', 'USD'), 'CNY', { base: 'CNY', rates: { USD: '1e-20' } }).amount.eq('1e-20')).toBe(true);
    expect(refusal(() => convert(money('1', 'USD'), 'CNY', { base: 'CNY', rates: { USD: 'seven' } }))).toMatchObject({
      code: 'invalid_amount',
      reason: { code: 'not_a_decimal', params: { name: 'rate USD' } },
    });
  });
});
