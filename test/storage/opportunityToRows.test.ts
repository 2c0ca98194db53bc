import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOpportunity } from '../../src/model/opportunity.js';
import { opportunityFromRows, opportunityToRows } from '../../src/model/rows/index.js';
import { richBookArb } from './_arbitraries.js';
import { smallBook } from './_support.js';

describe('opportunityToRows', () => {
  it('writes the header with the amount as exact text, dates as YYYY-MM-DD, JSON columns as text, nulls for absent fields and the version', () => {
    const { pipeline } = smallBook();
    const deal = parseOpportunity(
      {
        id: 'o-7',
        customerId: 'c-1',
        pipelineId: 'direct',
        name: 'MES 实施',
        ownerId: 'rep-li',
        amount: { amount: '250000.5', currency: 'CNY' },
        expectedCloseDate: '2026-06-30',
        stageId: 'qualify',
        probabilityOverride: '0.35',
        splits: [
          { ownerId: 'rep-li', basisPoints: 6000 },
          { ownerId: 'rep-wang', basisPoints: 4000 },
        ],
        completedTasks: { budget: { at: '2026-03-05T10:00:00+08:00', by: 'rep-li' } },
        attributes: { projectType: 'large', score: 0.75 },
        history: [
          { type: 'created', at: '2026-03-02T09:00:00+08:00', stageId: 'lead' },
          { type: 'stage_changed', at: '2026-03-04T09:00:00+08:00', from: 'lead', to: 'qualify', kind: 'advance' },
          { type: 'splits_changed', at: '2026-03-04T10:00:00+08:00', to: [{ ownerId: 'rep-li', basisPoints: 6000 }, { ownerId: 'rep-wang', basisPoints: 4000 }] },
          { type: 'task_completed', at: '2026-03-05T10:00:00+08:00', by: 'rep-li', taskId: 'budget' },
        ],
      },
      { pipeline },
    );
    const { opportunity, events } = opportunityToRows(deal);
    expect(opportunity).toEqual({
      id: 'o-7',
      customer_id: 'c-1',
      pipeline_id: 'direct',
      name: 'MES 实施',
      amount: '250000.50',
      currency: 'CNY',
      expected_close_date: '2026-06-30',
      region: null,
      stage_id: 'qualify',
      status: 'open',
      probability_override: '0.35',
      forecast_category_override: null,
      owner_id: 'rep-li',
      splits: '[{"ownerId":"rep-li","basisPoints":6000},{"ownerId":"rep-wang","basisPoints":4000}]',
      completed_tasks: '{"budget":{"at":"2026-03-05T02:00:00.000Z","by":"rep-li"}}',
      closed_at: null,
      loss_reason: null,
      competitor: null,
      attributes: '{"projectType":"large","score":0.75}',
      version: 4,
      source: null,
    });
    expect(events.map((e) => [e.opportunity_id, e.seq, e.type])).toEqual([
      ['o-7', 1, 'created'],
      ['o-7', 2, 'stage_changed'],
      ['o-7', 3, 'splits_changed'],
      ['o-7', 4, 'task_completed'],
    ]);
  });

  it('writes the columns in the order of the DDL', () => {
    expect(Object.keys(opportunityToRows(smallBook().deal).opportunity)).toEqual([
      'id', 'customer_id', 'pipeline_id', 'name', 'amount', 'currency', 'expected_close_date', 'region', 'stage_id', 'status',
      'probability_override', 'forecast_category_override', 'owner_id', 'splits', 'completed_tasks', 'closed_at', 'loss_reason',
      'competitor', 'attributes', 'version', 'source',
    ]);
  });

  it('writes the source as JSON text in its own column, null for none, and {} apart from none', () => {
    const { pipeline, deal } = smallBook();
    const sourced = { ...deal, source: { campaignId: 'expo-2026', channel: '展会' } };
    const rows = opportunityToRows(sourced);
    expect(rows.opportunity.source).toBe('{"campaignId":"expo-2026","channel":"展会"}');
    expect(opportunityFromRows(rows.opportunity, rows.events, { pipeline })).toEqual(sourced);
    // Only a channel; an empty source; none.
    expect(opportunityToRows({ ...deal, source: { channel: 'Referral' } }).opportunity.source).toBe('{"channel":"Referral"}');
    const empty = opportunityToRows({ ...deal, source: {} });
    expect(empty.opportunity.source).toBe('{}');
    expect(opportunityFromRows(empty.opportunity, empty.events, { pipeline }).source).toEqual({});
    expect(opportunityToRows(deal).opportunity.source).toBeNull();
    expect(opportunityFromRows(opportunityToRows(deal).opportunity, empty.events, { pipeline })).not.toHaveProperty('source');
  });

  it('is read back by opportunityFromRows into an equal opportunity, for every generated deal (lossless)', () => {
    fc.assert(
      fc.property(richBookArb({ maxDeals: 6 }, 'any'), (book) => {
        for (const o of book.opportunities) {
          const rows = opportunityToRows(o);
          expect(rows.opportunity.version).toBe(o.history.length);
          expect(rows.events.map((e) => e.seq)).toEqual(o.history.map((_, i) => i + 1));
          expect(opportunityFromRows(rows.opportunity, rows.events, { pipeline: book.pipeline })).toEqual(o);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('does not change the opportunity', () => {
    const { deal } = smallBook();
    opportunityToRows(deal);
    expect(deal).toEqual(smallBook().deal);
  });
});
