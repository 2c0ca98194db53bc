import { describe, expect, it } from 'vitest';
import { listArgument } from '../../src/_lib/listArgument.js';
import { fault, thrown } from '../_errors.js';

describe('listArgument', () => {
  it('returns an array as it is, without a copy', () => {
    const list = [1, 2, 3];
    expect(listArgument(list, 'quotas')).toBe(list);
  });

  it('reads any other iterable once, in order', () => {
    let reads = 0;
    function* items() {
      reads++;
      yield 'a';
      yield 'b';
    }
    expect(listArgument(items(), 'quotas')).toEqual(['a', 'b']);
    expect(reads).toBe(1);
    expect(listArgument(new Set([3, 1]), 'quotas')).toEqual([3, 1]);
    expect(listArgument(new Map([['k', 1]]), 'quotas')).toEqual([['k', 1]]);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 5],
    ['a string (not a list of records)', 'abc'],
    ['a plain object', { length: 1, 0: 'a' }],
  ])('refuses %s: invalid_argument naming the argument, must be an array', (_, value) => {
    expect(fault(() => listArgument(value as never, 'actuals'))).toEqual(['invalid_argument', 'actuals']);
    const e = thrown(() => listArgument(value as never, 'actuals'));
    expect(e.message).toContain('must be an array');
    expect(e.localizedMessage('zh-CN')).toContain('必须是数组');
  });
});
