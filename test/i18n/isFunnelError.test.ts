import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/i18n/FunnelError.js';
import { isFunnelError } from '../../src/i18n/isFunnelError.js';

describe('isFunnelError', () => {
  const e: unknown = new FunnelError('hierarchy_cycle', { path: 'a → b → a' });

  it('recognises a FunnelError, of any code or of the codes given', () => {
    expect(isFunnelError(e)).toBe(true);
    expect(isFunnelError(e, 'hierarchy_cycle')).toBe(true);
    expect(isFunnelError(e, 'currency_mismatch', 'hierarchy_cycle')).toBe(true);
    expect(isFunnelError(e, 'currency_mismatch')).toBe(false);
    if (isFunnelError(e, 'hierarchy_cycle')) expect(e.params.path).toBe('a → b → a');
  });

  it('is false for anything else', () => {
    expect(isFunnelError(new Error('x'))).toBe(false);
    expect(isFunnelError({ code: 'hierarchy_cycle', params: {} })).toBe(false);
    expect(isFunnelError(undefined)).toBe(false);
  });
});
