import { describe, expect, it } from 'vitest';
import { money, subtract } from '../../src/index.js';
import { code, refusal } from './_fixtures.js';

describe('arithmetic', () => {
  it('adds, subtracts and multiplies exactly', () => {
    expect(subtract(money('100', 'CNY'), money('25.5', 'CNY')).amount.toString()).toBe('74.5');
  });

  it('never mixes currencies silently', () => {
    expect(code(() => subtract(money('1', 'CNY'), money('1', 'USD')))).toBe('currency_mismatch');
  });
});

describe('subtract: what the currency error says', () => {
  it('names both currencies, left then right', () => {
    expect(refusal(() => subtract(money('1', 'CNY'), money('1', 'USD')))).toEqual({
      code: 'currency_mismatch',
      left: 'CNY',
      right: 'USD',
      message: 'Cannot combine amounts in CNY and USD without exchange rates.',
    });
  });
});
