// customerToRow, customerFromRow and safeCustomerFromRow.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/i18n/FunnelError.js';
import { parseCustomer } from '../../src/model/customer.js';
import { customerFromRow, customerToRow, safeCustomerFromRow, type CustomerRowInput } from '../../src/model/rows/index.js';
import { toFunnelIssues } from '../../src/model/toFunnelIssues.js';
import { richBookArb } from './_arbitraries.js';

describe('customerToRow', () => {
  it('writes null for absent fields and tags and attributes as JSON text, in the order of the DDL', () => {
    const row = customerToRow(parseCustomer({ id: 'c-1', name: '华东机械', region: '华东', segment: 'existing', tags: ['vip'], attributes: { employees: 1200 } }));
    expect(row).toEqual({
      id: 'c-1',
      name: '华东机械',
      short_name: null,
      owner_id: null,
      region: '华东',
      industry: null,
      segment: 'existing',
      priority: 'medium',
      tags: '["vip"]',
      attributes: '{"employees":1200}',
    });
    expect(Object.keys(row)).toEqual(['id', 'name', 'short_name', 'owner_id', 'region', 'industry', 'segment', 'priority', 'tags', 'attributes']);
  });

  it('is read back by customerFromRow into an equal customer, for every generated customer', () => {
    fc.assert(
      fc.property(richBookArb({ maxDeals: 0, maxCustomers: 6 }, 'any'), (book) => {
        for (const c of book.customers) {
          const row = customerToRow(c);
          expect(customerFromRow(row)).toEqual(c);
          expect(customerFromRow({ ...row, tags: JSON.parse(row.tags) as object, attributes: JSON.parse(row.attributes) as object })).toEqual(c);
        }
      }),
      { numRuns: 20 },
    );
  });
});

describe('customerFromRow', () => {
  const row: CustomerRowInput = { id: 'c-1', name: 'Acme', short_name: null, owner_id: null, region: null, industry: null, segment: 'new', priority: 'high', tags: '[]', attributes: '{}' };
  const issuesOf = (input: CustomerRowInput) => {
    const r = safeCustomerFromRow(input);
    return r.success ? [] : toFunnelIssues(r.error).map((i) => [i.code, (i.path ?? []).join('.')]);
  };

  it('treats null columns as absent fields (defaults apply)', () => {
    expect(customerFromRow({ id: 'c-1', name: 'Acme', segment: null, priority: null, tags: null, attributes: null })).toEqual(parseCustomer({ id: 'c-1', name: 'Acme' }));
  });

  it('refuses bad JSON, forbidden keys and bad values at their paths', () => {
    expect(issuesOf({ ...row, tags: '["vip"' })).toEqual([['invalid_schema', 'tags']]);
    expect(issuesOf({ ...row, attributes: '{"constructor":1}' })).toEqual([['forbidden_key', 'attributes.constructor']]);
    expect(issuesOf({ ...row, priority: 'urgent' })).toEqual([['invalid_schema', 'priority']]);
  });

  it('throws the ZodError, and invalid_argument for a row that is no object', () => {
    expect(() => customerFromRow({ ...row, name: '' })).toThrow();
    expect(() => customerFromRow(undefined as unknown as CustomerRowInput)).toThrow(FunnelError);
  });
});
