import { describe, expect, it } from 'vitest';
import { parsePipeline, safeParsePipeline, serializePipeline, toFunnelIssues } from '../../src/index.js';
import { pipelineJson } from '../fixtures/pipelineJson.js';

const clone = <T>(x: T): T => structuredClone(x);

function issues(input: unknown) {
  const r = safeParsePipeline(input);
  if (r.success) return [];
  return toFunnelIssues(r.error).map((i) => ({ code: i.code, path: i.path?.join('.') }));
}

describe('parsePipeline', () => {
  it('parses the wire form, filling defaults', () => {
    const p = parsePipeline(pipelineJson);
    expect(p.policy).toEqual({ skip: 'gates', backward: 'allow', probabilityOnStageChange: 'reset' });
    expect(p.stages[0]?.probability.toString()).toBe('0.1');
    expect(p.stages[0]?.keyTasks[0]).toEqual({ id: 'visit', title: '首次拜访', required: true, check: { kind: 'manual' } });
  });

  it('round-trips to normalised JSON', () => {
    const json = serializePipeline(parsePipeline(pipelineJson));
    expect(json.stages[2]?.probability).toBe('0.5');
    expect(serializePipeline(parsePipeline(JSON.parse(JSON.stringify(json))))).toEqual(json);
  });

  it('reports every cross-field problem at once, each with a code and a path', () => {
    const bad = clone(pipelineJson) as { stages: Record<string, unknown>[] };
    bad.stages[1] = { ...bad.stages[1], id: 'lead', keyTasks: [{ id: 'visit', title: 'dup task' }] };
    bad.stages[3] = { ...bad.stages[3], probability: 0.9 };
    bad.stages[4] = { ...bad.stages[4], probability: 0.1 };
    expect(issues(bad)).toEqual([
      { code: 'duplicate_stage_id', path: 'stages.1.id' },
      { code: 'duplicate_task_id', path: 'stages.1.keyTasks.0.id' },
      { code: 'closed_stage_probability', path: 'stages.3.probability' },
      { code: 'closed_stage_probability', path: 'stages.4.probability' },
    ]);
  });

  it('needs open, won and lost stages', () => {
    const onlyOpen = { ...pipelineJson, stages: pipelineJson.stages.slice(0, 1) };
    expect(issues(onlyOpen).map((i) => i.code)).toEqual(['no_won_stage', 'no_lost_stage']);
    const noOpen = { ...pipelineJson, stages: pipelineJson.stages.slice(3) };
    expect(issues(noOpen).map((i) => i.code)).toEqual(['no_open_stage']);
  });

  it('rejects probabilities outside [0, 1], unknown currencies and inexact numbers, with paths', () => {
    const bad = clone(pipelineJson) as { currency: string; stages: Record<string, unknown>[] };
    bad.currency = 'RMB';
    bad.stages[0] = { ...bad.stages[0], probability: 1.5 };
    bad.stages[1] = { ...bad.stages[1], probability: 0.1 + 0.2 };
    const found = issues(bad);
    expect(found).toContainEqual({ code: 'unknown_currency', path: 'currency' });
    expect(found).toContainEqual({ code: 'probability_out_of_range', path: 'stages.0.probability' });
    expect(found).toContainEqual({ code: 'invalid_amount', path: 'stages.1.probability' });
  });

  it('strips unknown keys and never touches prototypes', () => {
    const input = JSON.parse(
      JSON.stringify({ ...pipelineJson, extra: 1 }).replace('"extra":1', '"extra":1,"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}'),
    );
    const p = parsePipeline(input) as unknown as Record<string, unknown>;
    expect('extra' in p).toBe(false);
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.hasOwn(p, 'constructor')).toBe(false);
  });

  it('messages come in both locales', () => {
    const r = safeParsePipeline({ ...pipelineJson, stages: pipelineJson.stages.slice(0, 1) });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(toFunnelIssues(r.error, 'en')[0]?.message).toBe('A pipeline needs at least one won stage.');
      expect(toFunnelIssues(r.error, 'zh-CN')[0]?.message).toBe('销售漏斗至少需要一个赢单阶段。');
    }
  });
});
