import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { Decimal, money, multiply } from '../../src/index.js';
import { refusal } from './_fixtures.js';

describe('arithmetic', () => {
  it('adds, subtracts and multiplies exactly', () => {
    // SEEDS: 100 万 × 25 % = 25 万
    expect(multiply(money('1000000', 'CNY'), '0.25').amount.toString()).toBe('250000');
    // the global decimal.js default is 20 digits: the ratio is kept exactly as given
    expect(multiply(money('1', 'CNY'), new DecimalJs(1).div(3)).amount.toString()).toBe('0.33333333333333333333');
    // our own division carries 40 significant digits
    expect(multiply(money('1', 'CNY'), new Decimal(1).div(3)).amount.toString()).toBe('0.3333333333333333333333333333333333333333');
  });

  it('never changes its arguments', () => {
    const a = money('1.5', 'CNY');
    const b = money('2.5', 'CNY');
    multiply(a, '3');
    expect(a.amount.toString()).toBe('1.5');
    expect(b.amount.toString()).toBe('2.5');
  });
});

describe('multiply: what the errors say', () => {
  it('names the ratio', () => {
    expect(refusal(() => multiply(money('1', 'CNY'), 0.1 + 0.2))).toMatchObject({
      code: 'invalid_amount',
      value: '0.30000000000000004',
      reason: { code: 'inexact_binary_number', params: { name: 'ratio' } },
    });
    expect(refusal(() => multiply(money('1', 'CNY'), Number.NaN))).toMatchObject({ reason: { code: 'not_finite', params: { name: 'ratio' } } });
  });

  it('keeps the currency', () => {
    expect(multiply(money('2', 'JPY'), 3)).toMatchObject({ currency: 'JPY' });
    expect(multiply(money('2', 'JPY'), 3).amount.toString()).toBe('6');
  });
});
