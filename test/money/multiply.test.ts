import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { Decimal, money, multiply } from '../../src/index.js';

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
