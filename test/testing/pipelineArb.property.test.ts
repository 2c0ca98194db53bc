import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePipeline, pipelineSchema, safeParsePipeline, serializePipeline } from '../../src/index.js';
import { pipelineArb } from '../../src/testing/index.js';
import { expectInvalidOption } from './_badConstraint.js';

describe('pipelineArb', () => {
  it('pipelines pass the schema, and serialize(parse(json)) equals the normalised json', () => {
    fc.assert(
      fc.property(pipelineArb({ checks: ['manual', 'field'] }), (p) => {
        expect(safeParsePipeline(serializePipeline(p)).success).toBe(true);
        const json = JSON.parse(JSON.stringify(serializePipeline(p)));
        const again = parsePipeline(json);
        expect(serializePipeline(again)).toEqual(json);
        expect(again).toEqual(p);
      }),
      { numRuns: 200 },
    );
  });

  it('open stages s0…sN within the bounds, rising probabilities, then won and lost', () => {
    fc.assert(
      fc.property(pipelineArb({ minOpenStages: 3, maxOpenStages: 5 }), (p) => {
        const open = p.stages.filter((s) => s.kind === 'open');
        expect(open.length).toBeGreaterThanOrEqual(3);
        expect(open.length).toBeLessThanOrEqual(5);
        expect(p.stages.map((s) => s.id)).toEqual([...open.map((_, i) => `s${i}`), 'won', 'lost']);
        open.forEach((s, i) => i > 0 && expect(s.probability.gte(open[i - 1]!.probability)).toBe(true));
      }),
    );
  });

  it('pipelineSchema is exported for codecs in user schemas', () => {
    expect(pipelineSchema.safeParse({}).success).toBe(false);
  });

  it.each<[string, () => unknown]>([
    ['minOpenStages', () => pipelineArb({ minOpenStages: 0 })],
    ['maxOpenStages', () => pipelineArb({ minOpenStages: 4, maxOpenStages: 3 })],
    ['currency', () => pipelineArb({ currency: 'RMB' })],
    ['checks', () => pipelineArb({ checks: [] })],
    ['increasingProbabilities', () => pipelineArb({ increasingProbabilities: 'yes' as never })],
  ])('bad constraints throw invalid_option { option: %s } at once', (option, make) => expectInvalidOption(make, option));
});
