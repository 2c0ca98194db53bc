// customerToRow, customerFromRow and safeCustomerFromRow.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/i18n/FunnelError.js';
import { parseCustomer } from '../../src/model/customer.js';
import { customerEventToRow, customerFromRow, customerToRow, safeCustomerFromRow, type CustomerEventRowInput, type CustomerRowInput } from '../../src/model/rows/index.js';
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
      contacts: '[]',
      created_at: null,
      pool_id: null,
      version: 0,
    });
    expect(Object.keys(row)).toEqual(['id', 'name', 'short_name', 'owner_id', 'region', 'industry', 'segment', 'priority', 'tags', 'attributes', 'contacts', 'created_at', 'pool_id', 'version']);
  });

  it('writes contacts as JSON text, created_at in UTC, the pool and the ledger length', () => {
    const c = parseCustomer({
      id: 'c-1',
      name: '华东机械',
      ownerId: 'rep-li',
      contacts: [{ id: 'ct-wang', name: '王总', role: 'decision_maker' }],
      createdAt: '2026-01-05T09:00:00+08:00',
      poolId: 'east',
      history: [{ type: 'claimed', at: '2026-03-02T09:00:00+08:00', ownerId: 'rep-li' }],
    });
    expect(customerToRow(c)).toMatchObject({
      owner_id: 'rep-li',
      contacts: '[{"id":"ct-wang","name":"王总","role":"decision_maker"}]',
      created_at: '2026-01-05T01:00:00.000Z',
      pool_id: 'east',
      version: 1,
    });
  });

  it('is read back by customerFromRow into an equal customer, for every generated customer', () => {
    fc.assert(
      fc.property(richBookArb({ maxDeals: 0, maxCustomers: 6 }, 'any'), (book) => {
        for (const c of book.customers) {
          const row = customerToRow(c);
          const events = c.history.map((e) => customerEventToRow(c.id, e));
          expect(customerFromRow(row, events)).toEqual(c);
          const parsed = { tags: JSON.parse(row.tags) as object, attributes: JSON.parse(row.attributes) as object, contacts: JSON.parse(row.contacts) as object };
          const jsonb = events.map((e) => ({ ...e, payload: JSON.parse(e.payload) as object, at: new Date(e.at) }));
          expect(customerFromRow({ ...row, ...parsed }, [...jsonb].reverse())).toEqual(c);
          if (c.history.length === 0) expect(customerFromRow(row)).toEqual(c);
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
    expect(() => customerFromRow(row, {} as never)).toThrow(FunnelError);
  });

  describe('with the ledger rows', () => {
    const held: CustomerRowInput = { ...row, owner_id: 'rep-li', version: 2 };
    const events: CustomerEventRowInput[] = [
      { customer_id: 'c-1', seq: 2, type: 'activity_logged', at: '2026-03-05 07:00:00+00', by: 'rep-li', id: null, payload: '{"kind":"visit","contactId":"ct-wang"}' },
      { customer_id: 'c-1', seq: '1', type: 'claimed', at: new Date('2026-03-02T01:00:00Z'), by: null, id: 'cmd-1', payload: { ownerId: 'rep-li' } },
    ];
    const issuesWith = (header: CustomerRowInput, rows: readonly CustomerEventRowInput[]) => {
      const r = safeCustomerFromRow(header, rows);
      return r.success ? [] : toFunnelIssues(r.error).map((i) => [i.code, (i.path ?? []).join('.')]);
    };

    it('reads the ledger in seq order, from the forms drivers return', () => {
      const c = customerFromRow(held, events);
      expect(c.history.map((e) => [e.seq, e.type, e.at.toISOString()])).toEqual([
        [1, 'claimed', '2026-03-02T01:00:00.000Z'],
        [2, 'activity_logged', '2026-03-05T07:00:00.000Z'],
      ]);
      expect(c.history[0]!.id).toBe('cmd-1');
    });

    it('refuses a version that is not the number of event rows, events of another customer, and a ledger that contradicts the header', () => {
      expect(issuesWith({ ...held, version: 3 }, events)).toEqual([['version_conflict', 'version']]);
      expect(issuesWith(held, [{ ...events[0]!, customer_id: 'c-2' }, events[1]!])).toEqual([['invalid_schema', 'history.0.customer_id']]);
      expect(issuesWith(held, [{ ...events[0]!, customer_id: { toString: 0 } as never }, events[1]!])).toEqual([['invalid_schema', 'history.0.customer_id']]);
      expect(issuesWith({ ...held, id: Object.create(null) as never }, events).map(([, path]) => path)).toContain('history.0.customer_id');
      expect(issuesWith({ ...held, owner_id: 'rep-wang' }, events)).toEqual([['ledger_pool_owner_mismatch', 'ownerId']]);
      expect(issuesWith(held, [events[0]!, { ...events[1]!, payload: '{"ownerId":' }])).toEqual([['invalid_schema', 'history.1.payload']]);
    });

    it('takes a header without version as agreeing with its rows', () => {
      const { version: _version, ...header } = held;
      expect(customerFromRow(header, events).history).toHaveLength(2);
    });
  });
});
