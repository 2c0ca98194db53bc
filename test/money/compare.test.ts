import { describe, expect, it } from 'vitest';
import { compare, money } from '../../src/index.js';
import { code, refusal } from './_fixtures.js';

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

describe('compare: what the currency error says', () => {
  it('names both currencies, left then right', () => {
    expect(refusal(() => compare(money('1', 'CNY'), money('1', 'USD')))).toEqual({
      code: 'currency_mismatch',
      left: 'CNY',
      right: 'USD',
      message: 'Cannot combine amounts in CNY and USD without exchange rates.',
    });
  });
});
