import { describe, expect, it } from 'vitest';
import { formatMessage, safeParsePipeline, toFunnelIssues } from '../../src/index.js';
import { pipelineJson } from '../fixtures/pipelineJson.js';

describe('structural issues in Chinese', () => {
  it('use zod’s Chinese wording plus the path, and carry the value for range errors', () => {
    const r = safeParsePipeline({ ...pipelineJson, name: 42, stages: [{ ...pipelineJson.stages[0], probability: 1.5 }, ...pipelineJson.stages.slice(1)] });
    expect(r.success).toBe(false);
    if (r.success) return;
    const zh = toFunnelIssues(r.error, 'zh-CN');
    expect(zh.find((i) => i.path?.join('.') === 'name')?.message).toBe('无效输入：应为字符串（name）');
    expect(zh.find((i) => i.code === 'probability_out_of_range')?.message).toBe(formatMessage('probability_out_of_range', { value: '1.5' }, 'zh-CN'));
    expect(toFunnelIssues(r.error, 'en').find((i) => i.code === 'probability_out_of_range')?.message).toBe('Probability 1.5 is outside 0 to 1.');
  });
});
