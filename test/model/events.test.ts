import { describe, expect, it } from 'vitest';
import { appendEvents, type OpportunityEvent } from '../../src/model/events.js';
import type { StageId } from '../../src/model/ids.js';
import { parseOpportunity } from '../../src/model/opportunity.js';
import { opportunityJson } from '../fixtures/pipelineJson.js';

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
