import { beforeEach, describe, expect, it } from 'vitest';
import { customerPoolState, FunnelError, parseCustomer, type Customer, type CustomerEventJson } from '../../src/index.js';

const at = (day: string, time = '09:00') => `${day}T${time}:00+08:00`;
const iso = (d: Date | undefined) => d?.toISOString();

describe('customerPoolState', () => {
  const history: CustomerEventJson[] = [
    { type: 'activity_logged', at: at('2026-02-20'), kind: 'call' },
    { type: 'claimed', at: at('2026-03-01'), ownerId: 'rep-li' },
    { type: 'activity_logged', at: at('2026-03-03'), kind: 'visit', note: '初次拜访' },
    { type: 'released', at: at('2026-03-05'), reason: '暂无需求' },
    { type: 'assigned', at: at('2026-03-06'), ownerId: 'rep-wang', by: 'mgr-zhao' },
    { type: 'reclaimed', at: at('2026-03-20'), rule: 'followUpDays' },
    { type: 'claimed', at: at('2026-03-22'), ownerId: 'rep-li' },
    { type: 'activity_logged', at: at('2026-03-25'), kind: 'meeting' },
  ];
  // Parsed per test (not in the describe body) so that mutation testing attributes it to the tests.
  let customer: Customer;
  beforeEach(() => {
    customer = parseCustomer({ id: 'c-1', name: '华东机械', ownerId: 'rep-li', history });
  });

  it('derives the holder, the hold, the last activity and who lost the customer, from the whole ledger', () => {
    const s = customerPoolState(customer);
    expect(s).toMatchObject({ ownerId: 'rep-li', inPool: false, fromLedger: true, heldVia: 'claimed', activityCount: 3, eventsRead: 8 });
    expect(iso(s.heldSince)).toBe('2026-03-22T01:00:00.000Z');
    expect(iso(s.lastActivityAt)).toBe('2026-03-25T01:00:00.000Z');
    expect(iso(s.lastActivityInHoldAt)).toBe('2026-03-25T01:00:00.000Z');
    expect(s.lastActivity?.kind).toBe('meeting');
    expect(s.departures.map((d) => [d.ownerId, iso(d.at), d.how])).toEqual([
      ['rep-li', '2026-03-05T01:00:00.000Z', 'released'],
      ['rep-wang', '2026-03-20T01:00:00.000Z', 'reclaimed'],
    ]);
  });

  it('reads the ledger up to asOf', () => {
    const inHold = customerPoolState(customer, { asOf: at('2026-03-04') });
    expect(inHold).toMatchObject({ ownerId: 'rep-li', heldVia: 'claimed', activityCount: 2, eventsRead: 3, departures: [] });
    expect(iso(inHold.lastActivityInHoldAt)).toBe('2026-03-03T01:00:00.000Z');
    const released = customerPoolState(customer, { asOf: at('2026-03-05', '12:00') });
    expect(released).toMatchObject({ ownerId: undefined, inPool: true, heldSince: undefined, heldVia: undefined, lastActivityInHoldAt: undefined });
    expect(iso(released.lastActivityAt)).toBe('2026-03-03T01:00:00.000Z');
    const assigned = customerPoolState(customer, { asOf: new Date('2026-03-10T00:00:00Z') });
    expect(assigned).toMatchObject({ ownerId: 'rep-wang', heldVia: 'assigned', lastActivityInHoldAt: undefined });
    // An event at asOf has happened.
    expect(customerPoolState(customer, { asOf: at('2026-03-01') }).ownerId).toBe('rep-li');
    // Before the first ownership event: in the pool, since that event claims it.
    expect(customerPoolState(customer, { asOf: at('2026-02-21') })).toMatchObject({ ownerId: undefined, inPool: true, fromLedger: true, eventsRead: 1 });
  });

  it('before the first event of an imported ledger that starts by releasing the customer, it was held by a rep the ledger does not name', () => {
    const imported = parseCustomer({ id: 'c-2', name: 'Acme', history: [{ type: 'activity_logged', at: at('2026-02-01'), kind: 'call' }, { type: 'released', at: at('2026-03-01') }] });
    const s = customerPoolState(imported, { asOf: at('2026-02-10') });
    expect(s).toMatchObject({ ownerId: undefined, inPool: false, fromLedger: true, heldSince: undefined });
    expect(iso(s.lastActivityInHoldAt)).toBe('2026-02-01T01:00:00.000Z');
    expect(customerPoolState(imported)).toMatchObject({ ownerId: undefined, inPool: true, departures: [] });
  });

  it('keeps ownerId as given for a ledger without ownership events (imported), the activities being the hold’s', () => {
    const imported = parseCustomer({ id: 'c-2', name: 'Acme', ownerId: 'rep-zhao', history: [{ type: 'activity_logged', at: at('2026-03-01'), kind: 'email' }] });
    const s = customerPoolState(imported);
    expect(s).toMatchObject({ ownerId: 'rep-zhao', inPool: false, fromLedger: false, heldSince: undefined, heldVia: undefined });
    expect(iso(s.lastActivityInHoldAt)).toBe('2026-03-01T01:00:00.000Z');
    expect(customerPoolState(parseCustomer({ id: 'c-3', name: 'Globex' }))).toMatchObject({ ownerId: undefined, inPool: true, lastActivityAt: undefined, activityCount: 0 });
  });

  it('returns fresh dates, not the ledger’s', () => {
    const s = customerPoolState(customer);
    s.heldSince!.setTime(0);
    expect(customer.history[6]!.at.toISOString()).toBe('2026-03-22T01:00:00.000Z');
  });

  it('throws for a value that is not a customer, or a bad asOf', () => {
    expect(() => customerPoolState({ id: 'x' } as never)).toThrow(FunnelError);
    expect(() => customerPoolState(customer, { asOf: 'tomorrow' })).toThrow(FunnelError);
  });
});
