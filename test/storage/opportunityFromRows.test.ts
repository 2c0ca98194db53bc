import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/i18n/FunnelError.js';
import { opportunityFromRows, opportunityToRows, safeOpportunityFromRows, type EventRowInput, type OpportunityRowInput } from '../../src/model/rows/index.js';
import { toFunnelIssues } from '../../src/model/toFunnelIssues.js';
import { smallBook } from './_support.js';

/** A deal at version 3: created, amount raised, budget task completed. */
function rows() {
  const { pipeline, deal } = smallBook();
  const history = [
    ...deal.history,
    { type: 'amount_changed', seq: 2, at: new Date('2026-03-03T01:00:00Z'), from: deal.amount, to: { ...deal.amount, amount: deal.amount.amount.plus(200000) } },
    { type: 'task_completed', seq: 3, at: new Date('2026-03-04T01:00:00Z'), by: 'rep-li', taskId: 'budget' },
  ] as typeof deal.history;
  const full = {
    ...deal,
    amount: { ...deal.amount, amount: deal.amount.amount.plus(200000) },
    completedTasks: { budget: { at: new Date('2026-03-04T01:00:00Z'), by: 'rep-li' } },
    history,
  } as typeof deal;
  return { pipeline, deal: full, ...opportunityToRows(full) };
}

function issuesOf(header: OpportunityRowInput, events: readonly EventRowInput[]): string[][] {
  const r = safeOpportunityFromRows(header, events, { pipeline: rows().pipeline });
  return r.success ? [] : toFunnelIssues(r.error).map((i) => [i.code, (i.path ?? []).join('.')]);
}

describe('opportunityFromRows', () => {
  it('reads the rows written by opportunityToRows back into the deal', () => {
    const { pipeline, deal, opportunity, events } = rows();
    expect(opportunityFromRows(opportunity, events, { pipeline })).toEqual(deal);
  });

  it('takes the event rows in any order (they are put in seq order)', () => {
    const { pipeline, deal, opportunity, events } = rows();
    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length }), (shuffled) => {
        expect(opportunityFromRows(opportunity, shuffled, { pipeline })).toEqual(deal);
      }),
    );
  });

  it('reads columns in the forms drivers return them', () => {
    const { pipeline, deal, opportunity, events } = rows();
    const header: OpportunityRowInput = {
      ...opportunity,
      amount: '1200000.00000000000000000000', // numeric(45, 20) as text
      version: 3n,
      completed_tasks: JSON.parse(opportunity.completed_tasks) as object, // jsonb
      attributes: {},
    };
    const driverEvents = events.map((e) => ({ ...e, seq: String(e.seq), at: new Date(e.at), payload: JSON.parse(e.payload) as object }));
    expect(opportunityFromRows(header, driverEvents, { pipeline })).toEqual(deal);
    // A number amount is fine while it has at most 15 significant digits.
    expect(opportunityFromRows({ ...opportunity, amount: 1200000 }, events, { pipeline })).toEqual(deal);
  });

  it('refuses a header that contradicts the ledger, with the coded issue and its path', () => {
    const { opportunity, events } = rows();
    expect(issuesOf({ ...opportunity, amount: '1000000.00' }, events)).toEqual([['ledger_amount_mismatch', 'amount']]);
    expect(issuesOf({ ...opportunity, stage_id: 'qualify' }, events)).toEqual([['ledger_current_stage_mismatch', 'stageId']]);
    expect(issuesOf({ ...opportunity, completed_tasks: '{}' }, events)).toEqual([['ledger_task_mismatch', 'completedTasks.budget']]);
    expect(issuesOf({ ...opportunity, status: 'won' }, events).map(([code]) => code)).toContain('ledger_status_mismatch');
  });

  it('refuses event rows that contradict each other: a gap, a repeated seq, time going back', () => {
    const { opportunity, events } = rows();
    expect(issuesOf({ ...opportunity, version: 2 }, [events[0]!, events[2]!])).toEqual([['ledger_seq_mismatch', 'history.1.seq']]);
    expect(issuesOf(opportunity, [events[0]!, events[1]!, { ...events[2]!, seq: 2 }])[0]).toEqual(['ledger_seq_mismatch', 'history.2.seq']);
    // (The task's completion time then differs from the ledger's too.)
    expect(issuesOf(opportunity, [events[0]!, events[1]!, { ...events[2]!, at: '2026-03-01T00:00:00Z' }])).toEqual([
      ['ledger_out_of_order', 'history.2.at'],
      ['ledger_task_mismatch', 'completedTasks.budget'],
    ]);
  });

  it('says version_conflict at version when the header version is not the number of event rows', () => {
    const { opportunity, events } = rows();
    // The header read after a third writer appended, the events before: the reader must read again.
    const r = safeOpportunityFromRows({ ...opportunity, version: 4 }, events);
    expect(r.success).toBe(false);
    expect(toFunnelIssues(r.error!)).toEqual([expect.objectContaining({ code: 'version_conflict', path: ['version'], params: { expected: 4, actual: 3 } })]);
    expect(issuesOf({ ...opportunity, version: 'three' }, events)).toEqual([['invalid_schema', 'version']]);
  });

  it('refuses an event row of another opportunity', () => {
    const { opportunity, events } = rows();
    expect(issuesOf(opportunity, [events[0]!, { ...events[1]!, opportunity_id: 'o-2' }, events[2]!])).toEqual([['invalid_schema', 'history.1.opportunity_id']]);
    // An id with no string form (a toString that is not a function) is reported the same way,
    // named by its type, never a TypeError.
    const hostile = { toString: 0 } as never;
    expect(issuesOf(opportunity, [events[0]!, { ...events[1]!, opportunity_id: hostile }, events[2]!])).toEqual([['invalid_schema', 'history.1.opportunity_id']]);
    const r = safeOpportunityFromRows({ ...opportunity, id: hostile }, [{ ...events[0]!, opportunity_id: 'o-1' }], { pipeline: rows().pipeline });
    expect(r.success).toBe(false);
    expect(toFunnelIssues(r.error!).find((i) => i.path?.join('.') === 'history.0.opportunity_id')?.message).toBe('Expected the event of opportunity "a value of type object", got one of "o-1"');
  });

  it('reports rows that cannot be read alone, at their column, before parsing the deal', () => {
    const { opportunity, events } = rows();
    expect(issuesOf({ ...opportunity, stage_id: 'nowhere' }, [events[0]!, { ...events[1]!, payload: '{"from":' }, events[2]!])).toEqual([['invalid_schema', 'history.1.payload']]);
    expect(issuesOf({ ...opportunity, attributes: '{"a":' }, events)).toEqual([['invalid_schema', 'attributes']]);
    expect(issuesOf({ ...opportunity, attributes: '{"__proto__":{"polluted":true}}' }, events)).toEqual([['forbidden_key', 'attributes.__proto__']]);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('reads the source column as JSON text or a parsed jsonb value; null or absent is no source', () => {
    const { pipeline, deal, opportunity, events } = rows();
    const source = { campaignId: 'expo-2026', channel: '展会' };
    expect(opportunityFromRows({ ...opportunity, source: '{"campaignId":"expo-2026","channel":"展会"}' }, events, { pipeline })).toEqual({ ...deal, source });
    expect(opportunityFromRows({ ...opportunity, source: { channel: 'Referral' } }, events, { pipeline })).toEqual({ ...deal, source: { channel: 'Referral' } });
    expect(opportunityFromRows({ ...opportunity, source: null }, events, { pipeline })).toEqual(deal);
    // A table made before the column existed (a driver returns no key at all).
    const { source: _none, ...withoutColumn } = opportunity;
    expect(opportunityFromRows(withoutColumn, events, { pipeline })).toEqual(deal);
    expect(deal).not.toHaveProperty('source');
  });

  it('refuses a source that is not JSON or not of the source shape, with the coded issue under source', () => {
    const { opportunity, events } = rows();
    expect(issuesOf({ ...opportunity, source: '{"channel": 5}' }, events)).toEqual([['invalid_schema', 'source.channel']]);
    expect(issuesOf({ ...opportunity, source: { channel: 5 } }, events)).toEqual([['invalid_schema', 'source.channel']]);
    expect(issuesOf({ ...opportunity, source: '{"campaignId":""}' }, events)).toEqual([['invalid_schema', 'source.campaignId']]);
    // Not JSON: reported alone, before the deal is parsed (like attributes).
    expect(issuesOf({ ...opportunity, source: '{"channel":' }, events)).toEqual([['invalid_schema', 'source']]);
    expect(issuesOf({ ...opportunity, stage_id: 'nowhere', source: 'exhibition' }, events)).toEqual([['invalid_schema', 'source']]);
    // JSON, but no object: JSON null in the column is not "no source" (that is SQL NULL).
    for (const text of ['null', '5', '[]', '"exhibition"']) expect(issuesOf({ ...opportunity, source: text }, events), text).toEqual([['invalid_schema', 'source']]);
    const r = safeOpportunityFromRows({ ...opportunity, source: '{"channel": 5}' }, events);
    expect(r.success).toBe(false);
    expect(toFunnelIssues(r.error!)[0]).toEqual(expect.objectContaining({ code: 'invalid_schema', path: ['source', 'channel'] }));
  });

  it('reads a DATE column only as YYYY-MM-DD text (a Date is refused: its day depends on the driver)', () => {
    const { opportunity, events } = rows();
    expect(issuesOf({ ...opportunity, expected_close_date: '2026-06-30' }, events)).toEqual([]);
    expect(issuesOf({ ...opportunity, expected_close_date: new Date('2026-06-30T00:00:00Z') as unknown as string }, events)).toEqual([['invalid_plain_date', 'expectedCloseDate']]);
  });

  it('throws invalid_argument for a header that is no object or events that are no array, invalid_option for bad options', () => {
    const { opportunity, events } = rows();
    expect(() => opportunityFromRows(null as unknown as OpportunityRowInput, events)).toThrow(FunnelError);
    expect(() => opportunityFromRows(opportunity, 'rows' as unknown as EventRowInput[])).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => safeOpportunityFromRows(opportunity, events, { allowEmptyHistory: 'yes' as unknown as boolean })).toThrow(expect.objectContaining({ code: 'invalid_option' }));
    expect(() => safeOpportunityFromRows(opportunity, events, { pipeline: {} as never })).toThrow(expect.objectContaining({ code: 'invalid_option' }));
  });

  it('never throws for any row content, and changes no row', () => {
    const { opportunity, events } = rows();
    const column = fc.oneof(fc.anything(), fc.string(), fc.constant(null), fc.date({ noInvalidDate: false }), fc.bigInt());
    const headerArb = fc.record(Object.fromEntries(Object.keys(opportunity).map((k) => [k, fc.oneof(fc.constant((opportunity as unknown as Record<string, unknown>)[k]), column)])));
    const eventArb = fc.oneof(
      fc.constantFrom(...events),
      fc.record(Object.fromEntries(Object.keys(events[0]!).map((k) => [k, fc.oneof(fc.constant((events[0] as unknown as Record<string, unknown>)[k]), column)]))),
      fc.anything(),
    );
    fc.assert(
      fc.property(headerArb, fc.array(eventArb, { maxLength: 5 }), (header, evs) => {
        const before = JSON.stringify([header, evs], (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
        const r = safeOpportunityFromRows(header as unknown as OpportunityRowInput, evs as EventRowInput[]);
        if (!r.success) expect(toFunnelIssues(r.error).length).toBeGreaterThan(0);
        expect(JSON.stringify([header, evs], (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))).toBe(before);
      }),
      { numRuns: 200 },
    );
  });
});
