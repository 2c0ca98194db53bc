import { describe, expect, it } from 'vitest';
import { minorUnitDigits } from '../../src/index.js';

describe('money()', () => {
  it('rejects unknown currencies', () => {
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(minorUnitDigits('KWD')).toBe(3);
    expect(minorUnitDigits('CNY')).toBe(2);
  });
});
