import { describe, expect, it } from 'vitest';
import { parsePipeline, stageForecastCategory } from '../../src/index.js';
import { pipelineJson } from '../fixtures/pipelineJson.js';

describe('parsePipeline', () => {
  it('parses the wire form, filling defaults', () => {
    const p = parsePipeline(pipelineJson);
    expect(p.stages.map(stageForecastCategory)).toEqual(['pipeline', 'pipeline', 'pipeline', 'closed', 'omitted']);
  });
});
