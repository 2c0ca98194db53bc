import { describe, expect, it } from 'vitest';
import { dealProbability, Decimal, FunnelError, parseOpportunity, parsePipeline } from '../../src/index.js';
import { opportunityJson, pipelineJson } from '../fixtures/pipelineJson.js';

const pipeline = parsePipeline(pipelineJson);
const deal = (patch: Record<string, unknown>) => parseOpportunity({ ...opportunityJson, history: [], ...patch }, { pipeline, allowEmptyHistory: true });

describe('dealProbability', () => {
  it('follows the precedence: won 1, lost 0, suspended null, override, else the stage', () => {
    expect(dealProbability(deal({}), pipeline)?.toString()).toBe('0.25'); // qualify's default
    expect(dealProbability(deal({ probabilityOverride: '0.4' }), pipeline)?.toString()).toBe('0.4');
    expect(dealProbability(deal({ probabilityOverride: 0 }), pipeline)?.toString()).toBe('0');
    expect(dealProbability(deal({ stageId: 'won', status: 'won' }), pipeline)?.eq(new Decimal(1))).toBe(true);
    expect(dealProbability(deal({ stageId: 'lost', status: 'lost' }), pipeline)?.isZero()).toBe(true);
    expect(dealProbability(deal({ status: 'suspended', probabilityOverride: '0.9' }), pipeline)).toBeNull();
  });

  it('refuses a deal of another pipeline', () => {
    const foreign = parseOpportunity({ ...opportunityJson, pipelineId: 'other' });
    expect(() => dealProbability(foreign, pipeline)).toThrow(FunnelError);
    expect(() => dealProbability(foreign, pipeline)).toThrow(/other/);
    expect(() => dealProbability(foreign, pipeline)).toThrow(expect.objectContaining({ code: 'pipeline_mismatch' }));
  });

  it('refuses a stage the pipeline does not have', () => {
    const lost = { ...deal({}), stageId: 'nowhere' } as ReturnType<typeof deal>;
    expect(() => dealProbability(lost, pipeline)).toThrow(expect.objectContaining({ code: 'unknown_stage' }));
  });
});
