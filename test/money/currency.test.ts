import { describe, expect, it } from 'vitest';
import { CURRENCIES, isCurrencyCode, minorUnitDigits } from '../../src/index.js';
import { refusal } from './_fixtures.js';

describe('money()', () => {
  it('rejects unknown currencies', () => {
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(minorUnitDigits('KWD')).toBe(3);
    expect(minorUnitDigits('CNY')).toBe(2);
  });
});

describe('the currency table', () => {
  it('one code of each minor-unit group (ISO 4217): 0, 2, 3 and 4 digits', () => {
    expect([minorUnitDigits('KRW'), minorUnitDigits('VND'), minorUnitDigits('XPF')]).toEqual([0, 0, 0]);
    expect([minorUnitDigits('AED'), minorUnitDigits('USD'), minorUnitDigits('ZWG')]).toEqual([2, 2, 2]);
    expect([minorUnitDigits('BHD'), minorUnitDigits('TND')]).toEqual([3, 3]);
    expect([minorUnitDigits('CLF'), minorUnitDigits('UYW')]).toEqual([4, 4]);
    // 17 codes with 0 digits, 140 with 2, 7 with 3 and 2 with 4 (the four lists in src/money/currency.ts, counted by hand).
    expect(CURRENCIES.size).toBe(166);
  });

  it('isCurrencyCode: known codes only, as they are written', () => {
    expect(isCurrencyCode('CNY')).toBe(true);
    expect(isCurrencyCode('CLF')).toBe(true);
    for (const no of ['RMB', 'cny', '', ' CNY', 'CNY CLF', 5, null, undefined, { toString: () => 'CNY' }, ['CNY']]) expect(isCurrencyCode(no), String(no)).toBe(false);
  });

  it('an unknown code is named in the error', () => {
    expect(refusal(() => minorUnitDigits('XXX'))).toMatchObject({ code: 'unknown_currency', currency: 'XXX' });
  });
});
