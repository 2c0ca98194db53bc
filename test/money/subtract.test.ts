import { describe, expect, it } from 'vitest';
import { money, subtract } from '../../src/index.js';
import { code } from './_fixtures.js';

describe('arithmetic', () => {
  it('adds, subtracts and multiplies exactly', () => {
    expect(subtract(money('100', 'CNY'), money('25.5', 'CNY')).amount.toString()).toBe('74.5');
  });

  it('never mixes currencies silently', () => {
    expect(code(() => subtract(money('1', 'CNY'), money('1', 'USD')))).toBe('currency_mismatch');
  });
});
