import { describe, expect, it } from 'vitest';
import { groupingOf, pipelineFilter } from '../../../src/analytics/_lib/groups.js';
import { deal, pipeline } from '../_fixtures.js';
import { thrown, whole } from '../../_errors.js';

describe('groupingOf', () => {
  it('is ungrouped without groupBy or with an empty one', () => {
    for (const options of [{}, { groupBy: [] }]) {
      const g = groupingOf(options);
      expect(g.groupBy).toEqual([]);
      expect(g.keyOf).toBeUndefined();
    }
  });

  it("gives each deal's key tuple when grouped", () => {
    const g = groupingOf({ groupBy: ['owner'] });
    expect(g.keyOf!(deal('d1', [['created', 0, 'lead']], { owner: 'rep-wang' }))).toEqual(['rep-wang']);
  });

  it('refuses a groupBy that is not a list, naming the option', () => {
    for (const groupBy of ['owner', '', 5, { 0: 'owner' }, { length: 0 }]) {
      const e = thrown(() => groupingOf({ groupBy } as never));
      expect([e.code, e.params]).toMatchObject(['invalid_option', { option: 'groupBy' }]);
      expect(e.message).toContain('must be a list of grouping keys');
    }
  });
});

describe('pipelineFilter', () => {
  const foreign = { ...deal('f1', [['created', 0, 'lead']]), pipelineId: 'other' } as never;

  it("keeps the pipeline's own deals", () => {
    expect(pipelineFilter(pipeline, {})(deal('d1', [['created', 0, 'lead']]))).toBe(true);
  });

  it('refuses a foreign deal, naming both pipelines, unless told to ignore it', () => {
    expect(whole(() => pipelineFilter(pipeline, {})(foreign))[1]).toEqual({ expected: pipeline.id, actual: 'other' });
    expect(thrown(() => pipelineFilter(pipeline, { otherPipelines: 'error' })(foreign)).code).toBe('pipeline_mismatch');
    expect(pipelineFilter(pipeline, { otherPipelines: 'ignore' })(foreign)).toBe(false);
  });

  it('refuses an otherPipelines that is neither error nor ignore, naming the option', () => {
    const e = thrown(() => pipelineFilter(pipeline, { otherPipelines: 'skip' } as never));
    expect([e.code, e.params]).toMatchObject(['invalid_option', { option: 'otherPipelines' }]);
  });
});
