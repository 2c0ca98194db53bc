import { describe, expect, it } from 'vitest';
import { compare, money } from '../../src/index.js';
import { code } from './_fixtures.js';

describe('arithmetic', () => {
  it('never mixes currencies silently', () => {
    expect(code(() => compare(money('1', 'CNY'), money('1', 'USD')))).toBe('currency_mismatch');
  });

  it('compares by value', () => {
    expect(compare(money('1.0', 'CNY'), money('1', 'CNY'))).toBe(0);
    expect(compare(money('0.99', 'CNY'), money('1', 'CNY'))).toBe(-1);
    expect(compare(money('2', 'CNY'), money('1', 'CNY'))).toBe(1);
  });
});
