import { describe, expect, it } from 'vitest';
import { amountIn, Decimal, FunnelError, money } from '../../src/index.js';
import { refusal } from './_fixtures.js';

const rates = { base: 'CNY', rates: { USD: '7.10', EUR: '7.80' } } as const;

function code(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof FunnelError ? e.code : 'not a FunnelError';
  }
  return undefined;
}

describe('amountIn', () => {
  it('returns the amount as it is in its own currency, rates or not', () => {
    expect(amountIn(money('100.25', 'CNY'), 'CNY').toFixed(2)).toBe('100.25');
    expect(amountIn(money('100.25', 'CNY'), 'CNY', rates).toFixed(2)).toBe('100.25');
  });

  it('converts through the base: 100 USD = 710 CNY; 100 USD = 710 / 7.80 EUR', () => {
    expect(amountIn(money('100', 'USD'), 'CNY', rates).toFixed(2)).toBe('710.00');
    // 710 / 7.8 = 91.0256410256…, exact to the Decimal's 40 digits, not rounded to cents.
    expect(amountIn(money('100', 'USD'), 'EUR', rates).toSignificantDigits(12).toString()).toBe('91.0256410256');
  });

  it('refuses another currency without rates, and a currency the table lacks', () => {
    expect(code(() => amountIn(money('1', 'USD'), 'CNY'))).toBe('currency_mismatch');
    expect(code(() => amountIn(money('1', 'JPY'), 'CNY', rates))).toBe('missing_rate');
  });
});

describe('amountIn: what the errors say', () => {
  it('without rates: the currency asked for, then the amount’s', () => {
    expect(refusal(() => amountIn(money('1', 'USD'), 'CNY'))).toEqual({
      code: 'currency_mismatch',
      left: 'CNY',
      right: 'USD',
      message: 'Cannot combine amounts in CNY and USD without exchange rates.',
    });
  });

  it('a value that is no Money is refused as such, not reported as a currency mismatch with an unfilled {right}', () => {
    expect(refusal(() => amountIn(5 as never, 'CNY'))).toEqual({
      code: 'invalid_amount',
      value: '5',
      reason: { code: 'expected_money' },
      message: 'Invalid amount 5: expected a Money value.',
    });
    expect(refusal(() => amountIn({ amount: '1' } as never, 'CNY'))).toMatchObject({ code: 'invalid_amount', value: 'an object', reason: { code: 'expected_money' } });
    expect(refusal(() => amountIn(null as never, 'CNY', { base: 'CNY', rates: {} }))).toMatchObject({ code: 'invalid_amount', value: 'null' });
  });

  it('rates that are not shaped as exchange rates are refused by name when a conversion needs them', () => {
    expect(refusal(() => amountIn(money('1', 'USD'), 'CNY', 5 as never))).toMatchObject({ code: 'invalid_argument', name: 'rates', reason: { code: 'must_be_object' } });
    expect(refusal(() => amountIn(money('1', 'USD'), 'CNY', { base: 'CNY' } as never))).toMatchObject({ code: 'invalid_argument', name: 'rates' });
  });

  it('in its own currency the amount is re-created as the library’s Decimal, and refused when not finite', () => {
    expect(refusal(() => amountIn({ amount: new Decimal(Number.NaN), currency: 'CNY' }, 'CNY'))).toMatchObject({ code: 'invalid_amount', reason: { code: 'not_finite' } });
  });
});
