// customerEventToRow, customerEventFromRow and safeCustomerEventFromRow.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/i18n/FunnelError.js';
import { customerEventSchema, type CustomerEvent } from '../../src/model/customerEvents.js';
import { customerEventFromRow, customerEventToRow, safeCustomerEventFromRow } from '../../src/model/rows/index.js';
import { toFunnelIssues } from '../../src/model/toFunnelIssues.js';
import { customerArb } from '../../src/testing/index.js';

const event = (json: Record<string, unknown>) => customerEventSchema.parse(json) as CustomerEvent;

describe('customerEventToRow', () => {
  it('puts type, seq, at (UTC ISO), by and id in columns and the rest in a JSON payload', () => {
    const e = event({ type: 'assigned', seq: 3, id: 'cmd-9', at: '2026-03-02T09:00:00+08:00', by: 'mgr-zhao', ownerId: 'rep-li' });
    expect(customerEventToRow('c-1', e)).toEqual({
      customer_id: 'c-1',
      seq: 3,
      type: 'assigned',
      at: '2026-03-02T01:00:00.000Z',
      by: 'mgr-zhao',
      id: 'cmd-9',
      payload: '{"ownerId":"rep-li"}',
    });
  });

  it('writes null for an absent by and id, {} for an event without fields, and money as strings', () => {
    expect(customerEventToRow('c-1', event({ type: 'released', seq: 2, at: '2026-03-02T00:00:00Z' }))).toEqual({
      customer_id: 'c-1',
      seq: 2,
      type: 'released',
      at: '2026-03-02T00:00:00.000Z',
      by: null,
      id: null,
      payload: '{}',
    });
    const visit = event({ type: 'activity_logged', seq: 1, at: '2026-03-02T00:00:00Z', kind: 'visit', cost: { amount: 350, currency: 'CNY' }, opportunityId: 'o-1' });
    expect(customerEventToRow('c-1', visit).payload).toBe('{"kind":"visit","cost":{"amount":"350.00","currency":"CNY"},"opportunityId":"o-1"}');
  });

  it('refuses an empty customer id and an event without seq (a draft) with invalid_argument', () => {
    const e = event({ type: 'released', seq: 1, at: '2026-03-02T00:00:00Z' });
    expect(() => customerEventToRow('', e)).toThrow(expect.objectContaining({ code: 'invalid_argument', params: expect.objectContaining({ name: 'customerId' }) }));
    const { seq: _seq, ...draft } = e;
    expect(() => customerEventToRow('c-1', draft as CustomerEvent)).toThrow(expect.objectContaining({ code: 'invalid_argument', params: expect.objectContaining({ name: 'event' }) }));
  });

  it('is read back by customerEventFromRow into an equal event, for every generated ledger', () => {
    fc.assert(
      fc.property(customerArb(), (c) => {
        for (const e of c.history) {
          const row = customerEventToRow(c.id, e);
          expect(customerEventFromRow(row)).toEqual(e);
          expect(customerEventFromRow({ ...row, payload: JSON.parse(row.payload) as object, at: new Date(row.at), seq: BigInt(row.seq) })).toEqual(e);
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('customerEventFromRow', () => {
  const issuesOf = (row: Parameters<typeof safeCustomerEventFromRow>[0]) => {
    const r = safeCustomerEventFromRow(row);
    return r.success ? [] : toFunnelIssues(r.error).map((i) => [i.code, (i.path ?? []).join('.')]);
  };

  it('reads timestamptz text and refuses bad payloads and fields at their paths', () => {
    const e = customerEventFromRow({ customer_id: 'c-1', seq: '4', type: 'reclaimed', at: '2026-03-20 16:00:00+00', payload: '{"rule":"followUpDays"}' });
    expect(e).toEqual({ type: 'reclaimed', seq: 4, at: new Date('2026-03-20T16:00:00Z'), rule: 'followUpDays' });
    expect(issuesOf({ seq: 1, type: 'claimed', at: '2026-03-20T16:00:00Z', payload: '{}' })).toEqual([['invalid_schema', 'ownerId']]);
    expect(issuesOf({ seq: 1, type: 'claimed', at: '2026-03-20T16:00:00Z', payload: '{"ownerId":"a","seq":3}' })).toEqual([['invalid_schema', 'payload.seq']]);
    expect(issuesOf({ seq: 1, type: 'claimed', at: '2026-03-20T16:00:00Z', payload: '{"__proto__":1}' })).toEqual([['forbidden_key', 'payload.__proto__']]);
    expect(() => customerEventFromRow(null as never)).toThrow(FunnelError);
  });
});
