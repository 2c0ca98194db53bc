import { describe, expect, it } from 'vitest';
import { add, money } from '../../src/index.js';
import { code, refusal } from './_fixtures.js';

describe('arithmetic', () => {
  it('adds, subtracts and multiplies exactly', () => {
    expect(add(money('0.1', 'CNY'), money('0.2', 'CNY')).amount.toString()).toBe('0.3');
  });

  it('never mixes currencies silently', () => {
    expect(code(() => add(money('1', 'CNY'), money('1', 'USD')))).toBe('currency_mismatch');
  });

  it('never changes its arguments', () => {
    const a = money('1.5', 'CNY');
    const b = money('2.5', 'CNY');
    add(a, b);
    expect(a.amount.toString()).toBe('1.5');
    expect(b.amount.toString()).toBe('2.5');
  });
});

describe('add: what the currency error says', () => {
  it('names both currencies, left then right', () => {
    expect(refusal(() => add(money('1', 'CNY'), money('1', 'USD')))).toEqual({
      code: 'currency_mismatch',
      left: 'CNY',
      right: 'USD',
      message: 'Cannot combine amounts in CNY and USD without exchange rates.',
    });
  });
});
