import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/i18n/FunnelError.js';
import { opportunityEventSchema, type OpportunityEvent } from '../../src/model/events.js';
import { eventFromRow, eventToRow } from '../../src/model/rows/index.js';
import { richBookArb } from './_arbitraries.js';

const event = (json: Record<string, unknown>) => opportunityEventSchema.parse(json) as OpportunityEvent;

describe('eventToRow', () => {
  it('puts type, seq, at (UTC ISO), by and id in columns and the rest in a JSON payload with decimals as strings', () => {
    const e = event({
      type: 'amount_changed',
      seq: 4,
      id: 'cmd-9',
      at: '2026-03-02T09:00:00+08:00',
      by: 'rep-li',
      from: { amount: '1000000', currency: 'CNY' },
      to: { amount: 1200000.5, currency: 'CNY' },
    });
    expect(eventToRow('o-1', e)).toEqual({
      opportunity_id: 'o-1',
      seq: 4,
      type: 'amount_changed',
      at: '2026-03-02T01:00:00.000Z',
      by: 'rep-li',
      id: 'cmd-9',
      payload: '{"from":{"amount":"1000000.00","currency":"CNY"},"to":{"amount":"1200000.50","currency":"CNY"}}',
    });
  });

  it('writes null for an absent by and id, and {} for an event without fields', () => {
    expect(eventToRow('o-1', event({ type: 'resumed', seq: 2, at: '2026-03-02T00:00:00Z' }))).toEqual({
      opportunity_id: 'o-1',
      seq: 2,
      type: 'resumed',
      at: '2026-03-02T00:00:00.000Z',
      by: null,
      id: null,
      payload: '{}',
    });
  });

  it('keeps calendar dates, nulls and splits in the payload as JSON', () => {
    expect(eventToRow('o-1', event({ type: 'close_date_changed', seq: 3, at: '2026-03-02T00:00:00Z', from: null, to: '2026-06-30' })).payload).toBe(
      '{"from":null,"to":"2026-06-30"}',
    );
    expect(
      eventToRow('o-1', event({ type: 'splits_changed', seq: 3, at: '2026-03-02T00:00:00Z', to: [{ ownerId: 'rep-li', basisPoints: 10000 }] })).payload,
    ).toBe('{"to":[{"ownerId":"rep-li","basisPoints":10000}]}');
  });

  it('refuses an empty opportunity id and an event without seq (a draft) with invalid_argument', () => {
    const e = event({ type: 'resumed', seq: 1, at: '2026-03-02T00:00:00Z' });
    expect(() => eventToRow('', e)).toThrow(FunnelError);
    expect(() => eventToRow('', e)).toThrow(expect.objectContaining({ code: 'invalid_argument', params: expect.objectContaining({ name: 'opportunityId' }) }));
    const { seq: _seq, ...draft } = e;
    expect(() => eventToRow('o-1', draft as OpportunityEvent)).toThrow(expect.objectContaining({ code: 'invalid_argument', params: expect.objectContaining({ name: 'event' }) }));
  });

  it('is read back by eventFromRow into an equal event, for every event of generated ledgers', () => {
    fc.assert(
      fc.property(richBookArb({ maxDeals: 6 }, 'any'), (book) => {
        for (const o of book.opportunities) {
          for (const e of o.history) {
            const row = eventToRow(o.id, e);
            expect(eventFromRow(row)).toEqual(e);
            // As a driver returns it: a Date for timestamptz, a parsed jsonb payload.
            expect(eventFromRow({ ...row, at: new Date(row.at), payload: JSON.parse(row.payload) as object })).toEqual(e);
          }
        }
      }),
      { numRuns: 20 },
    );
  });

  it('does not change the event', () => {
    const e = event({ type: 'created', seq: 1, at: '2026-03-02T00:00:00Z', stageId: 'lead' });
    const copy = structuredClone(e);
    eventToRow('o-1', e);
    expect(e).toEqual(copy);
  });
});
