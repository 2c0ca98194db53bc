import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { FunnelError } from '../../src/i18n/FunnelError.js';
import { appendEvents, opportunityEventSchema, type OpportunityEvent } from '../../src/model/events.js';
import type { StageId } from '../../src/model/ids.js';
import { parseOpportunity, serializeOpportunity } from '../../src/model/opportunity.js';
import { opportunityVersion } from '../../src/model/opportunityVersion.js';
import { parsePipeline } from '../../src/model/pipeline.js';
import { opportunityJson, pipelineJson } from '../fixtures/pipelineJson.js';

const pipeline = parsePipeline(pipelineJson);

describe('seq, client ids and the version', () => {
  it('numbers a ledger read without seq, and always writes seq back', () => {
    const o = parseOpportunity(opportunityJson, { pipeline });
    expect(o.history.map((e) => [e.type, e.seq])).toEqual([
      ['created', 1],
      ['task_completed', 2],
      ['stage_changed', 3],
    ]);
    const json = serializeOpportunity(o);
    expect(json.history?.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(Object.keys(json.history?.[0] ?? {})).toEqual(['type', 'seq', 'at', 'by', 'stageId']);
    expect(parseOpportunity(JSON.parse(JSON.stringify(json)), { pipeline })).toEqual(o);
  });

  it('keeps client ids, in the event’s key order', () => {
    const o = parseOpportunity({ ...opportunityJson, history: opportunityJson.history.map((e, i) => ({ ...e, id: `cmd-${i + 1}` })) });
    expect(Object.keys(o.history[1] ?? {})).toEqual(['type', 'seq', 'id', 'at', 'by', 'taskId']);
    expect(serializeOpportunity(o).history?.map((e) => e.id)).toEqual(['cmd-1', 'cmd-2', 'cmd-3']);
    expect(opportunityEventSchema.safeParse({ type: 'resumed', at: '2026-01-01T00:00:00Z', id: 'x'.repeat(201) }).success).toBe(false);
  });

  it('the version is the ledger’s length and the last seq', () => {
    const o = parseOpportunity(opportunityJson);
    expect(opportunityVersion(o)).toBe(3);
    expect(o.history.at(-1)?.seq).toBe(opportunityVersion(o));
    expect(opportunityVersion(parseOpportunity({ ...opportunityJson, completedTasks: {}, history: [] }, { allowEmptyHistory: true }))).toBe(0);
  });

  it('serializing refuses a ledger whose seq is not its position', () => {
    const o = parseOpportunity(opportunityJson);
    const broken = { ...o, history: o.history.map((e, i) => (i === 1 ? { ...e, seq: 5 } : e)) };
    expect(() => serializeOpportunity(broken)).toThrow(z.ZodError);
  });

  it('reads event times from Dates as from ISO strings', () => {
    const withDates = {
      ...opportunityJson,
      completedTasks: { visit: { at: new Date('2026-01-10T02:00:00Z'), by: 'rep-zhang' } },
      history: opportunityJson.history.map((e) => ({ ...e, at: new Date(e.at) })),
    };
    expect(parseOpportunity(withDates, { pipeline })).toEqual(parseOpportunity(opportunityJson, { pipeline }));
  });

  it('refuses bad options with invalid_option', () => {
    expect(() => parseOpportunity(opportunityJson, { allowEmptyHistory: 1 as never })).toThrow(FunnelError);
    expect(() => parseOpportunity(opportunityJson, { pipeline: { id: 'p' } as never })).toThrow(FunnelError);
  });
});

describe('appendEvents', () => {
  it('stamps drafts with the next seq and changes neither argument', () => {
    const o = parseOpportunity(opportunityJson);
    const drafts = [
      { type: 'stage_changed' as const, at: new Date('2026-01-20T00:00:00Z'), from: 'qualify' as StageId, to: 'proposal' as StageId, kind: 'advance' as const },
      { type: 'won' as const, id: 'cmd-9', at: new Date('2026-01-21T00:00:00Z'), stageId: 'won' as StageId },
    ];
    const before = structuredClone(drafts);
    const next: OpportunityEvent[] = appendEvents(o.history, drafts);
    expect(next.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(Object.keys(next[4] ?? {})).toEqual(['type', 'seq', 'id', 'at', 'stageId']);
    expect(o.history).toHaveLength(3);
    expect(drafts).toEqual(before);
    expect(next[3]).not.toBe(drafts[0]);
    expect(appendEvents(o.history, [])).toEqual(o.history);
  });
});
