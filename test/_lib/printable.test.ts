// printable: a value's string form for a message, which never throws.
import { describe, expect, it } from 'vitest';
import { printable } from '../../src/_lib/printable.js';

describe('printable', () => {
  it("is String(value) for every value that has a string form", () => {
    for (const v of ['o-1', '', 12.5, -0, 10n, true, null, undefined, Symbol('s'), [1, 2], { a: 1 }, new Date(0), { toString: () => 'custom' }]) {
      expect(printable(v)).toBe(String(v));
    }
  });

  it('names the type of a value without one, instead of throwing', () => {
    const throwing = {
      toString() {
        throw new Error('no');
      },
    };
    expect(printable({ toString: 0 })).toBe('a value of type object');
    expect(printable(JSON.parse('{"toString":0}'))).toBe('a value of type object');
    expect(printable(Object.create(null))).toBe('a value of type object');
    expect(printable(throwing)).toBe('a value of type object');
    expect(printable(Object.assign(() => 1, { toString: null }))).toBe('a value of type function');
  });
});
