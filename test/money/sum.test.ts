import { describe, expect, it } from 'vitest';
import { money, sum } from '../../src/index.js';
import { code } from './_fixtures.js';

describe('arithmetic', () => {
  it('never mixes currencies silently', () => {
    expect(code(() => sum([money('1', 'CNY'), money('1', 'USD')]))).toBe('currency_mismatch');
  });

  it('sums, converting with rates when given', () => {
    const rates = { base: 'CNY', rates: { USD: '7.10', EUR: '7.80' } };
    // 100 + 10 × 7.10 + 10 × 7.80 = 249
    expect(sum([money('100', 'CNY'), money('10', 'USD'), money('10', 'EUR')], { rates }).amount.toString()).toBe('249');
    expect(sum([], { currency: 'CNY' }).amount.toString()).toBe('0');
    expect(code(() => sum([]))).toBe('invalid_argument');
  });
});
