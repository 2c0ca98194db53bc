import { expect } from 'vitest';
import { FunnelError } from '../../src/index.js';

/** Asserts that `make()` throws `FunnelError('invalid_option', { option })` at once. */
export function expectInvalidOption(make: () => unknown, option: string): void {
  let error: unknown;
  try {
    make();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(FunnelError);
  expect((error as FunnelError).code).toBe('invalid_option');
  expect((error as FunnelError).params).toMatchObject({ option });
}
