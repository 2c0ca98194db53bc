import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/i18n/FunnelError.js';
import { eventFromRow, safeEventFromRow, type EventRowInput } from '../../src/model/rows/index.js';
import { toFunnelIssues } from '../../src/model/toFunnelIssues.js';

const row = (over: Partial<Record<keyof EventRowInput, unknown>> = {}): EventRowInput =>
  ({ opportunity_id: 'o-1', seq: 2, type: 'stage_changed', at: '2026-01-12T02:00:00.000Z', by: 'rep-li', id: 'cmd-7', payload: '{"from":"lead","to":"qualify","kind":"advance"}', ...over }) as EventRowInput;

/** `[code, path]` of each issue of a failed read. */
function issuesOf(input: EventRowInput): string[][] {
  const r = safeEventFromRow(input);
  if (r.success) return [];
  return toFunnelIssues(r.error).map((i) => [i.code, (i.path ?? []).join('.')]);
}

describe('eventFromRow', () => {
  it('reads a row into the domain event', () => {
    expect(eventFromRow(row())).toEqual({
      type: 'stage_changed',
      seq: 2,
      id: 'cmd-7',
      at: new Date('2026-01-12T02:00:00.000Z'),
      by: 'rep-li',
      from: 'lead',
      to: 'qualify',
      kind: 'advance',
    });
  });

  it('treats null and absent by and id as none', () => {
    const e = eventFromRow(row({ by: null, id: null }));
    expect('by' in e || 'id' in e).toBe(false);
    const { by: _by, id: _id, ...bare } = row();
    expect(eventFromRow(bare as EventRowInput)).toEqual(e);
  });

  it('reads seq as a number, a bigint or decimal digits', () => {
    for (const seq of [2, 2n, '2']) expect(eventFromRow(row({ seq })).seq).toBe(2);
  });

  it('refuses a seq that is no whole number of at least 1, at its column', () => {
    for (const seq of [0, 1.5, -1, '2a', '', null, 2 ** 53]) expect(issuesOf(row({ seq }))).toEqual([['invalid_schema', 'seq']]);
  });

  it('reads at as a Date, as ISO 8601 text, or as the text PostgreSQL and DuckDB print for a timestamptz', () => {
    const at = new Date('2026-01-12T02:00:00.000Z');
    for (const text of [
      at,
      '2026-01-12T10:00:00+08:00',
      '2026-01-12 02:00:00+00',
      '2026-01-12 02:00:00.000000+00',
      '2026-01-12 10:00:00+08',
      '2026-01-11 22:30:00-03:30',
      '2026-01-12 07:30:00+05:30',
      '2026-01-12 02:00:00Z',
    ]) {
      expect(eventFromRow(row({ at: text })).at, String(text)).toEqual(at);
    }
    // PostgreSQL prints offsets with seconds for local mean time (St John's in 1900: −03:30:52).
    expect(eventFromRow(row({ at: '1899-12-31 20:29:08-03:30:52' })).at.toISOString()).toBe('1900-01-01T00:00:00.000Z');
  });

  it('refuses an at that is no instant with invalid_instant at its column', () => {
    for (const at of ['garbage', '', '2026-02-30 00:00:00+00', '2026-01-12 23:59:60+00', '2026-01-12 02:00:00+24', '2026-01-12 02:00:00+05:75', new Date(Number.NaN), 1_767_225_600_000, null]) {
      expect(issuesOf(row({ at })), String(at)).toEqual([['invalid_instant', 'at']]);
    }
  });

  it('accepts the payload as JSON text or as the value a driver parsed from jsonb', () => {
    expect(eventFromRow(row({ payload: { from: 'lead', to: 'qualify', kind: 'advance' } }))).toEqual(eventFromRow(row()));
  });

  it('refuses a payload that is not JSON text of an object, at its column', () => {
    expect(issuesOf(row({ payload: '{"from":' }))).toEqual([['invalid_schema', 'payload']]);
    expect(issuesOf(row({ payload: '[1]' }))).toEqual([['invalid_schema', 'payload']]);
    expect(issuesOf(row({ payload: 'null' }))).toEqual([['invalid_schema', 'payload']]);
    expect(issuesOf(row({ payload: 42 }))).toEqual([['invalid_schema', 'payload']]);
    expect(issuesOf(row({ payload: undefined }))).toEqual([['invalid_schema', 'payload']]);
  });

  it('refuses a payload holding a column of its own or a forbidden key, at that key', () => {
    expect(issuesOf(row({ payload: '{"from":"lead","to":"qualify","kind":"advance","seq":9}' }))).toEqual([['invalid_schema', 'payload.seq']]);
    expect(issuesOf(row({ payload: '{"from":"lead","to":"qualify","kind":"advance","__proto__":{"x":1}}' }))).toEqual([['forbidden_key', 'payload.__proto__']]);
    expect(Object.prototype).not.toHaveProperty('x');
  });

  it('reports what the event schema refuses, at the event field', () => {
    expect(issuesOf(row({ payload: '{"from":"lead","to":"qualify","kind":"jump"}' }))).toEqual([['invalid_schema', 'kind']]);
    expect(issuesOf(row({ type: 'teleported' }))).toEqual([['invalid_schema', 'type']]);
    expect(issuesOf(row({ type: 'amount_changed', payload: '{"from":{"amount":"1e9000000000000","currency":"CNY"},"to":{"amount":"1","currency":"CNY"}}' }))).toEqual([
      ['invalid_amount', 'from.amount'],
    ]);
  });

  it('throws the ZodError safeEventFromRow returns, and invalid_argument for a row that is no object', () => {
    expect(() => eventFromRow(row({ payload: '{' }))).toThrow(/Expected JSON text/);
    expect(() => eventFromRow(null as unknown as EventRowInput)).toThrow(FunnelError);
    expect(() => safeEventFromRow('row' as unknown as EventRowInput)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
  });

  it('does not change the row', () => {
    const payload = { from: 'lead', to: 'qualify', kind: 'advance' };
    const input = row({ payload, at: new Date('2026-01-12T02:00:00.000Z') });
    const copy = structuredClone(input);
    eventFromRow(input);
    expect(input).toEqual(copy);
  });
});
