import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  FunnelError,
  opportunityEventSchema,
  parseOpportunity,
  parsePipeline,
  safeParseOpportunity,
  serializeOpportunity,
  toFunnelIssues,
} from '../../src/index.js';
import { opportunityJson, pipelineJson } from '../fixtures/pipelineJson.js';
import { importedWithStageChangesOnly } from './_fixtures.js';

const pipeline = parsePipeline(pipelineJson);

function issues(input: unknown, withPipeline = true, allowEmptyHistory = false) {
  const r = safeParseOpportunity(input, withPipeline ? { pipeline, allowEmptyHistory } : { allowEmptyHistory });
  if (r.success) return [];
  return toFunnelIssues(r.error).map((i) => ({ code: i.code, path: i.path?.join('.') }));
}

describe('parseOpportunity', () => {
  it('decodes wire values into domain values', () => {
    const o = parseOpportunity(opportunityJson, { pipeline });
    expect(o.amount.amount.toFixed(2)).toBe('1000000.00');
    expect(o.status).toBe('open');
    expect(o.history[0]?.at.toISOString()).toBe('2026-01-05T01:00:00.000Z');
    expect(o.completedTasks['visit' as never]?.by).toBe('rep-zhang');
  });

  it('serializes to normalised JSON: money with minor digits, instants in UTC', () => {
    const json = serializeOpportunity(parseOpportunity(opportunityJson));
    expect(json.amount).toEqual({ amount: '1000000.00', currency: 'CNY' });
    expect(json.history?.[0]?.at).toBe('2026-01-05T01:00:00.000Z');
    expect(serializeOpportunity(parseOpportunity(JSON.parse(JSON.stringify(json))))).toEqual(json);
  });

  it('checks splits: exactly 10 000 basis points, no owner twice', () => {
    const bad = { ...opportunityJson, splits: [{ ownerId: 'a', basisPoints: 6000 }, { ownerId: 'a', basisPoints: 3000 }] };
    expect(issues(bad)).toEqual([
      { code: 'splits_total', path: 'splits' },
      { code: 'duplicate_split_owner', path: 'splits.1.ownerId' },
    ]);
    expect(issues({ ...opportunityJson, splits: [{ ownerId: 'a', basisPoints: 4000 }, { ownerId: 'b', basisPoints: 6000 }] })).toEqual([]);
  });

  it('checks the ledger: time order, stage continuity, and the current stage', () => {
    const h = opportunityJson.history;
    const outOfOrder = { ...opportunityJson, history: [h[0], h[2], h[1]] };
    expect(issues(outOfOrder, false)).toEqual([{ code: 'ledger_out_of_order', path: 'history.2.at' }]);
    const jump = { ...opportunityJson, history: [h[0], { ...h[2], from: 'proposal' }] };
    expect(issues(jump, false)).toEqual([{ code: 'ledger_stage_mismatch', path: 'history.1.from' }]);
    const wrongCurrent = { ...opportunityJson, stageId: 'proposal' };
    expect(issues(wrongCurrent, false)).toEqual([{ code: 'ledger_current_stage_mismatch', path: 'stageId' }]);
  });

  it('accepts an import that only knows stage changes', () => {
    const imported = importedWithStageChangesOnly;
    expect(issues(imported)).toEqual([]);
  });

  it('checks against the pipeline: id, stages, status and tasks', () => {
    const bad = {
      ...opportunityJson,
      pipelineId: 'other',
      status: 'won',
      completedTasks: { nope: { at: '2026-01-10T10:00:00Z' } },
      history: [...opportunityJson.history, { type: 'task_completed', at: '2026-01-13T00:00:00Z', taskId: 'ghost' }],
    };
    expect(issues(bad)).toEqual([
      { code: 'pipeline_mismatch', path: 'pipelineId' },
      { code: 'status_stage_mismatch', path: 'status' },
      { code: 'unknown_task', path: 'completedTasks.nope' },
      { code: 'unknown_task', path: 'history.3.taskId' },
      // and what the ledger says: the deal is open, `visit` and `ghost` were completed
      { code: 'ledger_status_mismatch', path: 'status' },
      { code: 'ledger_task_mismatch', path: 'completedTasks.visit' },
      { code: 'ledger_task_mismatch', path: 'completedTasks.ghost' },
    ]);
    const foreignStage = { ...opportunityJson, stageId: 'negotiation', history: [] };
    expect(issues(foreignStage, true, true)).toEqual([{ code: 'stage_not_in_pipeline', path: 'stageId' }]);
    expect(issues(foreignStage, false, true)).toEqual([]);
  });

  it('reports structural problems with paths', () => {
    const bad = { ...opportunityJson, amount: { amount: 'lots', currency: 'CNY' }, expectedCloseDate: '2026-02-30', customerId: '' };
    const found = issues(bad, false);
    expect(found).toContainEqual({ code: 'invalid_amount', path: 'amount.amount' });
    expect(found).toContainEqual({ code: 'invalid_plain_date', path: 'expectedCloseDate' });
    expect(found).toContainEqual({ code: 'invalid_schema', path: 'customerId' });
  });

  it('refuses prototype keys in free-form records (never drops them) and never pollutes', () => {
    const text = JSON.stringify({ ...opportunityJson, attributes: { a: 1 } }).replace('"a":1', '"a":1,"__proto__":{"polluted":true}');
    expect(issues(JSON.parse(text))).toEqual([{ code: 'forbidden_key', path: 'attributes.__proto__' }]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(issues({ ...opportunityJson, attributes: { constructor: 1 } }, false)).toEqual([{ code: 'forbidden_key', path: 'attributes.constructor' }]);
    const tasks = JSON.stringify(opportunityJson).replace('"visit":', '"__proto__":{"at":"2026-01-10T10:00:00+08:00"},"visit":');
    expect(issues(JSON.parse(tasks))).toEqual([{ code: 'forbidden_key', path: 'completedTasks.__proto__' }]);
    expect(issues({ ...opportunityJson, completedTasks: { ...opportunityJson.completedTasks, prototype: { at: '2026-01-10T10:00:00Z' } } })).toEqual([
      { code: 'forbidden_key', path: 'completedTasks.prototype' },
    ]);
  });

  it('never changes its input', () => {
    const input = structuredClone(opportunityJson);
    parseOpportunity(input, { pipeline });
    expect(input).toEqual(opportunityJson);
  });
});

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
