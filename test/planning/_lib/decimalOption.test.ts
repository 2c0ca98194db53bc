// decimalOption (src/planning/_lib/decimalOption.ts): a ratio, probability or capacity
// option in any decimal form, checked against its range. A refused value is a whole
// `invalid_option` error: the option's name, the reason, the message in en and zh-CN.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { thrown, whole } from '../../_errors.js';
import { Decimal } from '../../../src/money/decimal.js';
import { decimalOption } from '../../../src/planning/_lib/decimalOption.js';

describe('decimalOption', () => {
  it('returns the value as a Decimal in every accepted form and range', () => {
    expect(decimalOption('0.25', 'ratio', 'unit').toString()).toBe('0.25');
    expect(decimalOption(1, 'ratio', 'unit').toString()).toBe('1');
    expect(decimalOption(0, 'ratio', 'unit').toString()).toBe('0');
    expect(decimalOption(new Decimal('2.5'), 'capacity', 'non_negative').toString()).toBe('2.5');
    expect(decimalOption(0, 'capacity', 'non_negative').toString()).toBe('0');
    expect(decimalOption('0.001', 'capacity', 'positive').toString()).toBe('0.001');
    expect(decimalOption(3, 'capacity', 'positive').toString()).toBe('3');
  });

  it("refuses a negative value for 'positive' as for 'non_negative': the value is named", () => {
    // 'positive' is checked as 'non_negative' first (then zero is refused apart).
    for (const range of ['positive', 'non_negative'] as const) {
      expect(whole(() => decimalOption(-1, 'capacity', range))).toEqual([
        'invalid_option',
        { option: 'capacity', reason: { code: 'ratio_negative', params: { value: '-1' }, en: '-1 is negative', 'zh-CN': '-1 为负数' } },
        'Invalid option "capacity": -1 is negative.',
        '选项“capacity”无效：-1 为负数。',
      ]);
    }
    expect(whole(() => decimalOption('-0.5', 'capacity', 'positive'))[1]).toEqual({
      option: 'capacity',
      reason: { code: 'ratio_negative', params: { value: '-0.5' }, en: '-0.5 is negative', 'zh-CN': '-0.5 为负数' },
    });
  });

  it("refuses zero for 'positive' only: must be > 0", () => {
    expect(whole(() => decimalOption('0', 'capacity', 'positive'))).toEqual([
      'invalid_option',
      { option: 'capacity', reason: { code: 'more_than', params: { min: 0 }, en: 'must be > 0', 'zh-CN': '必须大于 0' } },
      'Invalid option "capacity": must be > 0.',
      '选项“capacity”无效：必须大于 0。',
    ]);
  });

  it('keeps the reason of the decimal check, as a bad option rather than a bad argument', () => {
    expect(whole(() => decimalOption('half', 'ratio', 'unit'))).toEqual([
      'invalid_option',
      { option: 'ratio', reason: { code: 'value_not_a_decimal', params: { value: 'half' }, en: 'half is not a decimal number', 'zh-CN': '“half”不是有效的数字' } },
      'Invalid option "ratio": half is not a decimal number.',
      '选项“ratio”无效：“half”不是有效的数字。',
    ]);
    expect(whole(() => decimalOption(1.5, 'ratio', 'unit'))).toEqual([
      'invalid_option',
      { option: 'ratio', reason: { code: 'ratio_outside_unit', params: { value: '1.5' }, en: '1.5 is outside 0 to 1', 'zh-CN': '1.5 不在 0 到 1 之间' } },
      'Invalid option "ratio": 1.5 is outside 0 to 1.',
      '选项“ratio”无效：1.5 不在 0 到 1 之间。',
    ]);
    expect(whole(() => decimalOption(Number.NaN, 'ratio', 'non_negative')).slice(0, 2)).toEqual([
      'invalid_option',
      { option: 'ratio', reason: { code: 'must_be_finite_number', en: 'must be a finite number', 'zh-CN': '必须是有限数值' } },
    ]);
  });

  it("law: a finite number is accepted for 'positive' exactly when it is > 0, for 'non_negative' when ≥ 0, as the same decimal", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        for (const [range, ok] of [
          ['positive', x > 0],
          ['non_negative', x >= 0],
          ['unit', x >= 0 && x <= 1],
        ] as const) {
          if (ok) {
            expect(decimalOption(x, 'o', range).eq(new Decimal(x))).toBe(true);
          } else {
            const e = thrown(() => decimalOption(x, 'o', range));
            expect([e.code, (e.params as { option: string }).option]).toEqual(['invalid_option', 'o']);
          }
        }
      }),
    );
  });
});
