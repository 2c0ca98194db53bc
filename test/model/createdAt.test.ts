import { describe, expect, it } from 'vitest';
import { createdAt, parseOpportunity, parsePipeline } from '../../src/index.js';
import { opportunityJson, pipelineJson } from '../fixtures/pipelineJson.js';
import { importedWithStageChangesOnly } from './_fixtures.js';

const pipeline = parsePipeline(pipelineJson);

describe('parseOpportunity', () => {
  it('decodes wire values into domain values', () => {
    const o = parseOpportunity(opportunityJson, { pipeline });
    expect(createdAt(o)?.toISOString()).toBe('2026-01-05T01:00:00.000Z');
  });

  it('accepts an import that only knows stage changes', () => {
    const imported = importedWithStageChangesOnly;
    expect(createdAt(parseOpportunity(imported))?.toISOString()).toBe('2026-01-12T02:00:00.000Z');
  });
});
