import { describe, expect, it } from 'vitest';
import { decimalOption, probabilityOption, requiredInstantMs } from '../../../src/analytics/_lib/options.js';
import { toDecimal } from '../../../src/_lib/decimal.js';
import { toRatio } from '../../../src/_lib/toRatio.js';
import { thrown } from '../../_errors.js';

/** A value that throws on every look, even at its prototype. */
const hostile = new Proxy(
  {},
  {
    get() {
      throw new Error('trap');
    },
    getPrototypeOf() {
      throw new Error('trap');
    },
  },
);

describe('requiredInstantMs', () => {
  it('reads asOf as epoch ms', () => {
    expect(requiredInstantMs({ asOf: '2026-03-31T00:00:00Z' }, 'asof_for_snapshot')).toBe(Date.UTC(2026, 2, 31));
  });

  it('refuses a missing asOf (or missing options) with the reason the caller gives', () => {
    for (const options of [{}, undefined]) {
      const e = thrown(() => requiredInstantMs(options, 'asof_for_open_stays'));
      expect([e.code, (e.params as { option: string }).option]).toEqual(['invalid_option', 'asOf']);
      expect((e.params as unknown as { reason: { code: string } }).reason.code).toBe('asof_for_open_stays');
    }
  });
});

describe('decimalOption and probabilityOption', () => {
  it('accept what toDecimal and toRatio accept', () => {
    expect(decimalOption('12.50', 'minAmount').toFixed()).toBe('12.5');
    expect(probabilityOption('0.25', 'minProbability').toFixed()).toBe('0.25');
  });

  it('pass on the reason toDecimal or toRatio gave, under invalid_option naming the option', () => {
    for (const value of ['abc', '1e999999', '1'.repeat(60)]) {
      const e = thrown(() => decimalOption(value, 'minAmount'));
      expect(e.code).toBe('invalid_option');
      expect(e.params).toEqual({ option: 'minAmount', reason: (thrown(() => toDecimal(value, 'minAmount')).params as { reason: unknown }).reason });
    }
    for (const value of ['1.5', '-0.1', 'abc']) {
      const e = thrown(() => probabilityOption(value, 'minProbability'));
      expect(e.code).toBe('invalid_option');
      expect(e.params).toEqual({ option: 'minProbability', reason: (thrown(() => toRatio(value, 'minProbability', 'unit')).params as { reason: unknown }).reason });
    }
  });

  it('give invalid_option for a value that throws on its own when looked at ("not a decimal" where toDecimal let its error through)', () => {
    const e = thrown(() => decimalOption(hostile as never, 'minAmount'));
    expect(e.code).toBe('invalid_option');
    expect((e.params as unknown as { reason: { code: string } }).reason.code).toBe('not_a_decimal');
    expect(thrown(() => probabilityOption(hostile as never, 'minProbability')).code).toBe('invalid_option');
  });
});
