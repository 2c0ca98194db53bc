import { describe, expect, it } from 'vitest';
import { optionsObject } from '../../src/_lib/options.js';
import { fault, thrown } from '../_errors.js';

describe('optionsObject', () => {
  it('is {} when the options are left out', () => {
    expect(optionsObject(undefined)).toEqual({});
  });

  it('returns an options object as it is', () => {
    const options = { step: '1000' };
    expect(optionsObject(options)).toBe(options);
  });

  it.each([
    ['null', null],
    ['a number', 5],
    ['a string', 'fast'],
    ['true', true],
  ])('refuses %s: invalid_option naming options, must be an object', (_, value) => {
    expect(fault(() => optionsObject(value as never))).toEqual(['invalid_option', 'options']);
    expect(thrown(() => optionsObject(value as never)).message).toContain('must be an object');
  });
});
