import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  dealColumns,
  dealColumnsFromRows,
  FunnelError,
  safeDealColumnsFromRows,
  stageFlow,
  toFunnelIssues,
  type EventRowInput,
  type Opportunity,
  type OpportunityRowInput,
} from '../../src/index.js';
import { pipeline } from '../analytics/_fixtures.js';
import { columnsBookArb, expectSameColumns, importedDeal, rowsOf } from './_columnsBooks.js';

const byKey = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

describe('dealColumnsFromRows: the same columns as dealColumns of the deals', () => {
  it('for generated books written through opportunityToRows, in the deals’ order', () => {
    fc.assert(
      fc.property(columnsBookArb(20), ({ pipeline: pl, deals }) => {
        const { headers, events } = rowsOf(deals);
        const columns = dealColumnsFromRows(headers, events, pl);
        expectSameColumns(columns, dealColumns(deals, pl));
        expect(stageFlow(columns, pl, { asOf: '2026-12-31T00:00:00Z' })).toEqual(stageFlow(deals, pl, { asOf: '2026-12-31T00:00:00Z' }));
      }),
      { numRuns: 60 },
    );
  });

  it('for rows read ORDER BY id and ORDER BY opportunity_id, seq (the storage order)', () => {
    fc.assert(
      fc.property(columnsBookArb(20), ({ pipeline: pl, deals }) => {
        const sorted = [...deals].sort(byKey((d: Opportunity) => d.id));
        const { headers, events } = rowsOf(deals);
        headers.sort(byKey((h) => h.id));
        events.sort((a, b) => byKey((e: EventRowInput) => String(e.opportunity_id))(a, b) || Number(a.seq) - Number(b.seq));
        expectSameColumns(dealColumnsFromRows(headers, events, pl), dealColumns(sorted, pl));
      }),
      { numRuns: 40 },
    );
  });

  it('for an import without `created`, with irregular stage changes, noted field changes and an inexact amount', () => {
    const deal = importedDeal(pipeline);
    // An irregular stage change (its kind is not the one the stages' order gives) has its values noted.
    const odd = { ...deal, history: deal.history.map((e) => (e.seq === 5 && e.type === 'stage_changed' ? { ...e, kind: 'skip' as const } : e)) };
    for (const d of [deal, odd]) {
      const { headers, events } = rowsOf([d]);
      const columns = dealColumnsFromRows(headers, events, pipeline);
      expectSameColumns(columns, dealColumns([d], pipeline));
      // The first stage change (no `created` before it) is noted: its `from` (stage 0) is where the deal stood.
      expect([columns.events.values.event[0], columns.events.values.from[0]]).toEqual([0, 0]);
      expect(columns.amountExact.get(0)?.toString()).toBe('1234.567');
    }
    // Noted: the first stage change, the probability, category and splits changes; the regular change to `c` is not.
    expect([...dealColumnsFromRows(rowsOf([deal]).headers, rowsOf([deal]).events, pipeline).events.values.event]).toEqual([0, 1, 2, 3]);
    // …unless its kind is not the order's: `skip` (kind code 1) for an advance.
    const values = dealColumnsFromRows(rowsOf([odd]).headers, rowsOf([odd]).events, pipeline).events.values;
    expect([...values.event]).toEqual([0, 1, 2, 3, 4]);
    expect([values.from[4], values.to[4]]).toEqual([1, 1]);
  });

  it('reads rows as drivers return them: timestamptz text, Date objects, bigint seq, parsed jsonb, numbers', () => {
    const deal = importedDeal(pipeline);
    const { headers, events } = rowsOf([deal]);
    const h: OpportunityRowInput = { ...headers[0]!, closed_at: null, version: 6n, splits: JSON.parse(headers[0]!.splits!) as object, probability_override: 0.35 };
    const ev: EventRowInput[] = events.map((e, k) => ({
      ...e,
      seq: k % 2 === 0 ? BigInt(e.seq) : String(e.seq),
      at: k % 2 === 0 ? new Date(e.at) : e.at.replace('T', ' ').replace('.000Z', '+00'),
      payload: JSON.parse(e.payload) as object,
    }));
    expectSameColumns(dealColumnsFromRows([h], ev, pipeline), dealColumns([deal], pipeline));
  });

  it('ignores deals of other pipelines (and their events) with otherPipelines: ignore', () => {
    const a = importedDeal(pipeline, 'o-a');
    const other = { ...importedDeal(pipeline, 'o-b'), pipelineId: 'partner' } as Opportunity;
    const { headers, events } = rowsOf([other, a]);
    expectSameColumns(dealColumnsFromRows(headers, events, pipeline, { otherPipelines: 'ignore' }), dealColumns([a], pipeline));
    const r = safeDealColumnsFromRows(headers, events, pipeline);
    expect(r.rejected.map((x) => [x.path.join('.'), x.issues.map((i) => `${i.code}@${i.path?.join('.')}`)])).toEqual([['deals.0', ['pipeline_mismatch@deals.0.pipeline_id']]]);
    expect([...r.columns.ids]).toEqual(['o-a']);
  });

  it('an empty book gives empty columns', () => {
    const c = dealColumnsFromRows([], [], pipeline);
    expect(c.length).toBe(0);
    expect([...c.events.start]).toEqual([0]);
  });
});

/** The codes and paths of the issues of one rejected row. */
function issuesOf(headers: readonly OpportunityRowInput[], events: readonly EventRowInput[]): string[] {
  const r = safeDealColumnsFromRows(headers, events, pipeline);
  return r.rejected.flatMap((row) => row.issues.map((i) => `${i.code}@${i.path?.join('.')}`));
}

describe('dealColumnsFromRows: every bad value gets its coded issue with its path', () => {
  // Built per test (not in the describe body) so that mutation testing attributes it to the tests.
  let headers: OpportunityRowInput[];
  let events: EventRowInput[];
  beforeEach(() => {
    ({ headers, events } = rowsOf([importedDeal(pipeline, 'o-1'), importedDeal(pipeline, 'o-2')]));
  });
  const withHeader = (patch: Record<string, unknown>) => [{ ...headers[0]!, ...patch } as OpportunityRowInput, headers[1]!];
  const withEvent = (j: number, patch: Record<string, unknown>) => events.map((e, k) => (k === j ? ({ ...e, ...patch } as EventRowInput) : e));

  it.each([
    [{ amount: '12,5' }, 'invalid_amount@deals.0.amount'],
    [{ amount: '1e9000000000000' }, 'invalid_amount@deals.0.amount'],
    [{ amount: 0.1 + 0.2 }, 'invalid_amount@deals.0.amount'],
    [{ amount: '-0.01' }, 'invalid_amount@deals.0.amount'],
    [{ amount: ' -3 ' }, 'invalid_amount@deals.0.amount'],
    [{ amount: -5 }, 'invalid_amount@deals.0.amount'],
    [{ currency: 'RMB' }, 'unknown_currency@deals.0.currency'],
    [{ stage_id: 'nowhere' }, 'stage_not_in_pipeline@deals.0.stage_id'],
    [{ status: 'closed' }, 'invalid_schema@deals.0.status'],
    [{ customer_id: null }, 'invalid_schema@deals.0.customer_id'],
    [{ owner_id: 7 }, 'invalid_schema@deals.0.owner_id'],
    [{ pipeline_id: 'partner' }, 'pipeline_mismatch@deals.0.pipeline_id'],
    [{ expected_close_date: '2026-02-30' }, 'invalid_plain_date@deals.0.expected_close_date'],
    [{ closed_at: '2026-13-01T00:00:00Z' }, 'invalid_instant@deals.0.closed_at'],
    [{ probability_override: '1.5' }, 'probability_out_of_range@deals.0.probability_override'],
    [{ probability_override: 'lots' }, 'invalid_amount@deals.0.probability_override'],
    [{ forecast_category_override: 'maybe' }, 'invalid_schema@deals.0.forecast_category_override'],
    [{ region: '' }, 'invalid_schema@deals.0.region'],
    [{ splits: '[{"ownerId":"rep-1","basisPoints":6000}]' }, 'splits_total@deals.0.splits'],
    [{ splits: '[{"ownerId":"rep-1","basisPoints":5000},{"ownerId":"rep-1","basisPoints":5000}]' }, 'duplicate_split_owner@deals.0.splits.1.ownerId'],
    [{ splits: '[{"ownerId":"rep-1","basisPoints":1.5}]' }, 'invalid_schema@deals.0.splits.0'],
    [{ attributes: '{"projectType":' }, 'invalid_schema@deals.0.attributes'],
    [{ version: 5 }, 'version_conflict@deals.0.version'],
    [{ version: -1 }, 'invalid_schema@deals.0.version'],
  ])('header %j → %s', (patch, expected) => {
    expect(issuesOf(withHeader(patch), events)).toEqual([expected]);
    // The throwing form lists the same issue in a ZodError.
    let error: unknown;
    try {
      dealColumnsFromRows(withHeader(patch), events, pipeline);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(z.ZodError);
    expect(toFunnelIssues(error as z.ZodError).map((i) => `${i.code}@${i.path?.join('.')}`)).toEqual([expected]);
  });

  it.each([
    [0, { at: '2026-02-30T00:00:00Z' }, 'invalid_instant@events.0.at'],
    [0, { at: 'soon' }, 'invalid_instant@events.0.at'],
    [5, { at: '2026-01-01T00:00:00Z' }, 'ledger_out_of_order@events.5.at'],
    [1, { at: '2026-02-30 00:00:00+00' }, 'invalid_instant@events.1.at'],
    [0, { type: 'teleported' }, 'invalid_schema@events.0.type'],
    [2, { seq: 7 }, 'ledger_seq_mismatch@events.2.seq'],
    [0, { seq: 0 }, 'invalid_schema@events.0.seq'],
    [0, { payload: '{"from":"lead","to":"nowhere","kind":"advance"}' }, 'stage_not_in_pipeline@events.0.to'],
    [0, { payload: '{"from":"nowhere","to":"need","kind":"advance"}' }, 'stage_not_in_pipeline@events.0.from'],
    [0, { payload: 'not json' }, 'invalid_schema@events.0.payload'],
    [1, { payload: '{"from":null,"to":"1.5"}' }, 'probability_out_of_range@events.1.to'],
    [3, { payload: '{"to":[{"ownerId":"","basisPoints":10000}]}' }, 'invalid_schema@events.3.to.0.ownerId'],
    [5, { type: 'amount_changed', payload: '{"from":{"amount":"1","currency":"CNY"},"to":{"amount":"-2","currency":"CNY"}}' }, 'invalid_amount@events.5.to.amount'],
    [5, { type: 'amount_changed', payload: '{"from":{"amount":"-1","currency":"CNY"},"to":{"amount":"1","currency":"CNY"}}' }, 'invalid_amount@events.5.from.amount'],
  ])('event row %i %j → %s', (j, patch, expected) => {
    expect(issuesOf(headers, withEvent(j, patch))).toEqual([expected]);
  });

  it('zero and a negative zero are amounts, in a header and in an amount change', () => {
    for (const amount of ['0', '-0', '-0.00', 0, -0]) expect(issuesOf(withHeader({ amount }), events)).toEqual([]);
    const change = { type: 'amount_changed', payload: '{"from":{"amount":"-0","currency":"CNY"},"to":{"amount":"-0.0","currency":"CNY"}}' };
    expect(issuesOf(headers, withEvent(5, change))).toEqual([]);
  });

  it('a deal with a bad row is left out; the others are kept (safe form)', () => {
    const r = safeDealColumnsFromRows(withHeader({ amount: 'lots' }), events, pipeline);
    expect(r.success).toBe(false);
    expect([...r.columns.ids]).toEqual(['o-2']);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ collection: 'deals', index: 0, path: ['deals', 0], id: 'o-1', issueCount: 1 });
    expect(r.rejectedCount).toBe(1);
    expect(r.issueCount).toBe(1);
  });

  it('caps the listed issues (maxIssues), counting the rest, with messages in the locale asked', () => {
    const bad = Array.from({ length: 5 }, (_, i) => ({ ...headers[0]!, id: `o-x${i}`, amount: 'lots', currency: 'RMB', version: 0 }) as OpportunityRowInput);
    const r = safeDealColumnsFromRows(bad, [], pipeline, { maxIssues: 3, maxIssuesPerRecord: 1, locale: 'zh-CN' });
    expect(r.rejectedCount).toBe(5);
    expect(r.issueCount).toBe(10);
    expect(r.rejected.map((x) => x.issues.length)).toEqual([1, 1, 1]);
    expect(r.truncated).toBe(true);
    expect(r.rejected[0]?.issues[0]?.message).toMatch(/[\u4e00-\u9fff]/u);
  });
});

describe('dealColumnsFromRows: events must come grouped by deal, in the deals’ order', () => {
  let headers: OpportunityRowInput[];
  let events: EventRowInput[];
  beforeEach(() => {
    ({ headers, events } = rowsOf(['o-1', 'o-2', 'o-3'].map((id) => importedDeal(pipeline, id))));
  });
  const runOf = (id: string) => events.filter((e) => e.opportunity_id === id);

  it('events of two deals in the wrong order: each deal reported, never mixed up', () => {
    const swapped = [...runOf('o-2'), ...runOf('o-1'), ...runOf('o-3')];
    expect(issuesOf(headers, swapped)).toEqual(['events_not_grouped@events.0.opportunity_id']);
    const r = safeDealColumnsFromRows(headers, swapped, pipeline);
    // o-1's events were found past o-2's run, o-2's run had been passed: o-2 is rejected, o-1 and o-3 read.
    expect([...r.columns.ids]).toEqual(['o-1', 'o-3']);
    expect(r.rejected.map((x) => x.path.join('.'))).toEqual(['deals.1']);
  });

  it('a stray run of events of no listed deal is reported where it stands; the deals around it are read', () => {
    const stray = runOf('o-1').map((e) => ({ ...e, opportunity_id: 'o-9' }));
    const mixed = [...runOf('o-1'), ...stray, ...runOf('o-2'), ...runOf('o-3')];
    const r = safeDealColumnsFromRows(headers, mixed, pipeline);
    expect([...r.columns.ids]).toEqual(['o-1', 'o-2', 'o-3']);
    expect(r.rejected.map((x) => [x.collection, x.index, x.id, x.issues.map((i) => `${i.code}@${i.path?.join('.')}`)])).toEqual([
      ['events', 6, 'o-9', ['events_not_grouped@events.6.opportunity_id']],
    ]);
  });

  it('a deal whose events are split in two runs: version_conflict on the deal, the second run reported', () => {
    const r1 = runOf('o-1');
    const split = [...r1.slice(0, 3), ...runOf('o-2'), ...r1.slice(3), ...runOf('o-3')];
    expect(issuesOf(headers, split)).toEqual(['version_conflict@deals.0.version', 'events_not_grouped@events.9.opportunity_id']);
  });

  it('events without their opportunity_id are reported, not guessed', () => {
    const anonymous = events.map((e, k) => (k === 0 ? { ...e, opportunity_id: undefined } : e));
    expect(issuesOf(headers, anonymous)).toEqual(['invalid_schema@events.0.opportunity_id']);
    const inside = events.map((e, k) => (k === 3 ? { ...e, opportunity_id: undefined } : e));
    expect(issuesOf(headers, inside)).toEqual(['invalid_schema@events.3.opportunity_id']);
    expect([...safeDealColumnsFromRows(headers, inside, pipeline).columns.ids]).toEqual(['o-2', 'o-3']);
  });

  it('a missing event: version_conflict, and only the first seq out of place', () => {
    expect(issuesOf(headers, events.filter((_, k) => k !== 17))).toEqual(['version_conflict@deals.2.version']);
    expect(issuesOf(headers, events.filter((_, k) => k !== 13))).toEqual(['version_conflict@deals.2.version', 'ledger_seq_mismatch@events.13.seq']);
  });
});

describe('dealColumnsFromRows: arguments and options', () => {
  it('refuses what is not an array of rows, and bad options', () => {
    expect(() => dealColumnsFromRows({} as never, [], pipeline)).toThrow(FunnelError);
    expect(() => dealColumnsFromRows([], 'rows' as never, pipeline)).toThrow(FunnelError);
    expect(() => dealColumnsFromRows([], [], pipeline, { otherPipelines: 'skip' as never })).toThrow(/otherPipelines/);
    expect(() => dealColumnsFromRows([], [], pipeline, { maxIssues: 0 })).toThrow(/maxIssues/);
  });

  it('a row that is not an object is rejected with its path', () => {
    expect(issuesOf([null as never], [])).toEqual(['invalid_schema@deals.0']);
    const { headers, events } = rowsOf([importedDeal(pipeline)]);
    expect(issuesOf(headers, events.map((e, k) => (k === 2 ? (7 as never) : e)))).toEqual(['invalid_schema@events.2']);
    // A deal without a usable id cannot claim its events: they are reported where they stand.
    expect(issuesOf(headers.map((h) => ({ ...h, id: '' })), events)).toEqual(['invalid_schema@deals.0.id', 'events_not_grouped@events.0.opportunity_id']);
  });
});
