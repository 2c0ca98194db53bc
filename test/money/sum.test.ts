import { describe, expect, it } from 'vitest';
import { Decimal, money, sum } from '../../src/index.js';
import { fault } from '../_errors.js';
import { code, refusal } from './_fixtures.js';

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

describe('sum: currency and what the errors say', () => {
  const rates = { base: 'CNY', rates: { USD: '7.10' } };

  it('takes the first amount’s currency, or the one given', () => {
    // 10 USD + 71 CNY at 7.10 = 10 + 10 = 20 USD.
    expect(sum([money('10', 'USD'), money('71', 'CNY')], { rates })).toMatchObject({ currency: 'USD' });
    expect(sum([money('10', 'USD'), money('71', 'CNY')], { rates }).amount.toString()).toBe('20');
    // In CNY: 10 × 7.10 + 71 = 142.
    expect(sum([money('10', 'USD'), money('71', 'CNY')], { currency: 'CNY', rates }).amount.toString()).toBe('142');
    expect(sum([money('1.5', 'CNY'), money('2.25', 'CNY')]).amount.toString()).toBe('3.75');
    // Any iterable, read once.
    expect(sum(new Set([money('1', 'CNY'), money('2', 'CNY')])).amount.toString()).toBe('3');
  });

  it('names the currencies it cannot combine: the sum’s, then the amount’s', () => {
    expect(refusal(() => sum([money('1', 'CNY'), money('1', 'USD')]))).toEqual({
      code: 'currency_mismatch',
      left: 'CNY',
      right: 'USD',
      message: 'Cannot combine amounts in CNY and USD without exchange rates.',
    });
    expect(refusal(() => sum([money('1', 'USD')], { currency: 'CNY' }))).toMatchObject({ left: 'CNY', right: 'USD' });
  });

  it('an empty list needs a currency', () => {
    expect(refusal(() => sum([]))).toEqual({
      code: 'invalid_argument',
      name: 'amounts',
      reason: { code: 'empty_list_needs_currency' },
      message: 'Invalid argument "amounts": an empty list needs options.currency.',
    });
    expect(sum([], { currency: 'JPY' })).toMatchObject({ currency: 'JPY' });
  });

  it('refuses a non-finite amount', () => {
    expect(refusal(() => sum([money('1', 'CNY'), { amount: new Decimal(Number.NaN), currency: 'CNY' }]))).toMatchObject({ code: 'invalid_amount', reason: { code: 'not_finite' } });
  });

  it('names a bad argument, never a TypeError', () => {
    expect(fault(() => sum(null as never))).toEqual(['invalid_argument', 'amounts']);
    expect(fault(() => sum(5 as never))).toEqual(['invalid_argument', 'amounts']);
    expect(fault(() => sum([money('1', 'CNY'), null as never]))).toEqual(['invalid_argument', 'amounts[1]']);
    // A number in a list of CNY used to be reported as a currency mismatch with "{right}" for the other currency.
    expect(fault(() => sum([money('1', 'CNY'), 5 as never]))).toEqual(['invalid_argument', 'amounts[1]']);
    expect(fault(() => sum([{ amount: '1' } as never]))).toEqual(['invalid_argument', 'amounts[0]']);
    expect(fault(() => sum([money('1', 'CNY')], null as never))).toEqual(['invalid_option', 'options']);
    // Bad rates are refused as the option they are, even when no amount needs converting.
    expect(fault(() => sum([money('1', 'CNY')], { rates: 5 as never }))).toEqual(['invalid_option', 'rates']);
    expect(fault(() => sum([money('1', 'CNY')], { rates: { base: 'CNY' } as never }))).toEqual(['invalid_option', 'rates']);
    // Any iterable of Money: 1 + 2.5 = 3.5.
    expect(sum(new Set([money('1', 'CNY'), money('2.5', 'CNY')])).amount.toString()).toBe('3.5');
  });
});

