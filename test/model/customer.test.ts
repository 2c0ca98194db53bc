import { describe, expect, it } from 'vitest';
import { parseCustomer, serializeCustomer } from '../../src/index.js';

describe('customers', () => {
  it('parses customers with defaults and round-trips', () => {
    const c = parseCustomer({ id: 'c1', name: '华东机械', region: '华东', extra: true });
    expect(c).toEqual({ id: 'c1', name: '华东机械', region: '华东', segment: 'new', priority: 'medium', tags: [], attributes: {}, contacts: [], history: [] });
    expect(parseCustomer(serializeCustomer(c))).toEqual(c);
  });

  it('parses contacts, createdAt, poolId and a ledger, numbering its events, and round-trips', () => {
    const c = parseCustomer({
      id: 'c1',
      name: '华东机械',
      ownerId: 'rep-li',
      contacts: [{ id: 'ct-wang', name: '王总', role: 'decision_maker', title: '总经理' }],
      createdAt: '2026-01-05T09:00:00+08:00',
      poolId: 'east',
      history: [
        { type: 'claimed', at: '2026-03-02T09:00:00+08:00', ownerId: 'rep-li' },
        { type: 'activity_logged', at: '2026-03-05T15:00:00+08:00', kind: 'visit', contactId: 'ct-wang', outcome: '确认预算' },
      ],
    });
    expect(c.createdAt?.toISOString()).toBe('2026-01-05T01:00:00.000Z');
    expect(c.history.map((e) => [e.seq, e.type])).toEqual([
      [1, 'claimed'],
      [2, 'activity_logged'],
    ]);
    const wire = serializeCustomer(c);
    expect(wire.history?.[0]).toEqual({ type: 'claimed', seq: 1, at: '2026-03-02T01:00:00.000Z', ownerId: 'rep-li' });
    expect(parseCustomer(JSON.parse(JSON.stringify(wire)))).toEqual(c);
  });
});
