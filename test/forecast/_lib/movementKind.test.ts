import { describe, expect, it } from 'vitest';
import { movementKind } from '../../../src/forecast/_lib/movementKind.js';
import { pipelineIndex } from '../../../src/model/pipelineIndex.js';
import type { OpportunityEvent } from '../../../src/index.js';
import { pipeline } from '../_fixtures.js';

const index = pipelineIndex(pipeline);
const at = new Date('2026-04-01T00:00:00Z');
const kind = (event: Record<string, unknown>, existed = true) => movementKind({ seq: 2, at, ...event } as unknown as OpportunityEvent, existed, index);
const money = (amount: string) => ({ amount, currency: 'CNY' });

describe('movementKind', () => {
  it('is new for the event that brings the deal into existence, whatever its type', () => {
    expect(kind({ type: 'created', stageId: 'lead' }, false)).toBe('new');
    expect(kind({ type: 'close_date_changed', from: null, to: '2026-05-01' }, false)).toBe('new');
    expect(kind({ type: 'stage_changed', from: 'lead', to: 'qualify', kind: 'advance' }, false)).toBe('new');
  });

  it('names each other event by its type', () => {
    expect(kind({ type: 'won', stageId: 'won' })).toBe('won');
    expect(kind({ type: 'lost', stageId: 'lost', reason: '价格过高' })).toBe('lost');
    expect(kind({ type: 'reopened', stageId: 'lead' })).toBe('reopened');
    expect(kind({ type: 'suspended' })).toBe('suspended');
    expect(kind({ type: 'resumed' })).toBe('resumed');
    expect(kind({ type: 'amount_changed', from: money('1'), to: money('2') })).toBe('amount_changed');
    expect(kind({ type: 'probability_changed', from: null, to: '0.5' })).toBe('probability_changed');
    expect(kind({ type: 'forecast_category_changed', from: null, to: 'commit' })).toBe('category_changed');
    expect(kind({ type: 'owner_changed', from: 'rep-li', to: 'rep-wu' })).toBe('reassigned');
    expect(kind({ type: 'splits_changed', to: null })).toBe('reassigned');
    expect(kind({ type: 'task_completed', taskId: 't' })).toBe('other');
    expect(kind({ type: 'activity_logged', kind: 'call' })).toBe('other');
  });

  it('a close date later or gone is pushed out; earlier or first given is pulled in; unchanged is other', () => {
    expect(kind({ type: 'close_date_changed', from: '2026-05-01', to: '2026-06-01' })).toBe('pushed_out');
    expect(kind({ type: 'close_date_changed', from: '2026-05-01', to: null })).toBe('pushed_out');
    expect(kind({ type: 'close_date_changed', from: '2026-06-01', to: '2026-05-01' })).toBe('pulled_in');
    expect(kind({ type: 'close_date_changed', from: null, to: '2026-05-01' })).toBe('pulled_in');
    expect(kind({ type: 'close_date_changed', from: '2026-05-01', to: '2026-05-01' })).toBe('other');
    expect(kind({ type: 'close_date_changed', from: null, to: null })).toBe('other');
  });

  it('a stage change by the order of the open stages, else (a stage the pipeline does not order) by its kind', () => {
    expect(kind({ type: 'stage_changed', from: 'lead', to: 'proposal', kind: 'skip' })).toBe('stage_advanced');
    expect(kind({ type: 'stage_changed', from: 'negotiate', to: 'qualify', kind: 'skip' })).toBe('stage_regressed');
    // Written as a regress, but forward in the pipeline's order: the order counts.
    expect(kind({ type: 'stage_changed', from: 'lead', to: 'qualify', kind: 'regress' })).toBe('stage_advanced');
    // Stages the pipeline no longer has: the event's own kind.
    expect(kind({ type: 'stage_changed', from: 'old', to: 'qualify', kind: 'regress' })).toBe('stage_regressed');
    expect(kind({ type: 'stage_changed', from: 'lead', to: 'gone', kind: 'advance' })).toBe('stage_advanced');
    expect(kind({ type: 'stage_changed', from: 'gone', to: 'old', kind: 'regress' })).toBe('stage_regressed');
    // From a stage to itself: by its kind.
    expect(kind({ type: 'stage_changed', from: 'qualify', to: 'qualify', kind: 'regress' })).toBe('stage_regressed');
  });
});
