import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dealOfColumns } from '../../../src/forecast/_lib/columnDeal.js';
import { dealColumns, parseOpportunity, type Opportunity, type OpportunityEvent } from '../../../src/index.js';
import { pipelineIndex } from '../../../src/model/pipelineIndex.js';
import { ledgerBookArb } from '../_ledgerArb.js';
import { pipeline } from '../_fixtures.js';

/**
 * What `dealOfColumns` promises to give back of a deal: every field the columns hold,
 * and its ledger with a task event's task, an activity's details, the reason of
 * every event but `lost`, and every event's `id` and `by` left out.
 */
function kept(deal: Opportunity): unknown {
  const { name: _name, completedTasks: _tasks, attributes, history, ...rest } = deal;
  const projectType = attributes['projectType'];
  return {
    ...rest,
    name: '',
    completedTasks: {},
    attributes: projectType === undefined ? {} : { projectType },
    history: history.map((e): OpportunityEvent => {
      switch (e.type) {
        case 'task_completed':
        case 'task_reopened':
          return { type: e.type, seq: e.seq, at: e.at, taskId: '' as never };
        case 'activity_logged':
          return { type: e.type, seq: e.seq, at: e.at, kind: 'other' };
        default: {
          const { id: _id, by: _by, reason, ...event } = e as OpportunityEvent & { id?: string; by?: string; reason?: string };
          return (e.type === 'lost' ? { ...event, reason } : event) as OpportunityEvent;
        }
      }
    }),
  };
}

describe('dealOfColumns', () => {
  it('gives back every deal of a book with the fields and ledger the columns keep (stage changes with their from, to and kind)', () => {
    fc.assert(
      fc.property(ledgerBookArb(6), ({ pipeline: p, deals }) => {
        const cols = dealColumns(deals, p);
        const index = pipelineIndex(p);
        deals.forEach((d, i) => {
          // Strictly: a field the deal lacks must be missing, not present as undefined.
          expect(dealOfColumns(cols, i, index)).toStrictEqual(kept(d));
        });
      }),
      { numRuns: 60 },
    );
  });

  it('rebuilds an imported ledger (no `created`) from the stage its first stage change leaves, and numbers its events from 1', () => {
    const imported = parseOpportunity({
      id: 'o-imported',
      customerId: 'c-1',
      pipelineId: 'direct',
      name: 'Imported',
      ownerId: 'rep-li',
      amount: { amount: '100', currency: 'CNY' },
      stageId: 'negotiate',
      status: 'open',
      expectedCloseDate: '2026-06-30',
      attributes: { projectType: '扩容', source: 'import' },
      history: [
        { type: 'close_date_changed', seq: 1, at: '2026-02-01T00:00:00Z', from: null, to: '2026-06-30' },
        { type: 'stage_changed', seq: 2, at: '2026-03-01T00:00:00Z', from: 'qualify', to: 'proposal', kind: 'advance' },
        { type: 'stage_changed', seq: 3, at: '2026-04-01T00:00:00Z', from: 'proposal', to: 'lead', kind: 'regress' },
        { type: 'stage_changed', seq: 4, at: '2026-04-10T00:00:00Z', from: 'lead', to: 'negotiate', kind: 'skip' },
      ],
    });
    const other = parseOpportunity({ ...JSON.parse(JSON.stringify(imported)), id: 'o-other' });
    // Two deals, so that the second one's events do not start at position 0 of the columns.
    const cols = dealColumns([other, imported], pipeline);
    const rebuilt = dealOfColumns(cols, 1, pipelineIndex(pipeline));
    expect(rebuilt.history.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(rebuilt.history.slice(1)).toEqual([
      { type: 'stage_changed', seq: 2, at: new Date('2026-03-01T00:00:00Z'), from: 'qualify', to: 'proposal', kind: 'advance' },
      { type: 'stage_changed', seq: 3, at: new Date('2026-04-01T00:00:00Z'), from: 'proposal', to: 'lead', kind: 'regress' },
      { type: 'stage_changed', seq: 4, at: new Date('2026-04-10T00:00:00Z'), from: 'lead', to: 'negotiate', kind: 'skip' },
    ]);
    expect(rebuilt.stageId).toBe('negotiate');
    expect(rebuilt.attributes).toStrictEqual({ projectType: '扩容' });
  });
});
