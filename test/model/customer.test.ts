import { describe, expect, it } from 'vitest';
import { parseCustomer, serializeCustomer } from '../../src/index.js';

describe('customers', () => {
  it('parses customers with defaults and round-trips', () => {
    const c = parseCustomer({ id: 'c1', name: '华东机械', region: '华东', extra: true });
    expect(c).toEqual({ id: 'c1', name: '华东机械', region: '华东', segment: 'new', priority: 'medium', tags: [], attributes: {} });
    expect(parseCustomer(serializeCustomer(c))).toEqual(c);
  });
});
