import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stageArb } from '../../src/testing/index.js';
import { expectInvalidOption } from './_badConstraint.js';

describe('stageArb', () => {
  it('won stages weigh 1 and lost 0, without required tasks; open stages 0.01–0.99 with tasks prefixed by the stage id', () => {
    fc.assert(
      fc.property(stageArb({ kind: 'won' }), stageArb({ kind: 'lost' }), stageArb({ id: 'quote', maxTasks: 4 }), (won, lost, open) => {
        expect(won.probability.eq(1) && lost.probability.eq(0)).toBe(true);
        expect([...won.keyTasks, ...lost.keyTasks].some((t) => t.required)).toBe(false);
        expect(open.probability.gte(0.01) && open.probability.lte(0.99)).toBe(true);
        expect(open.keyTasks.length).toBeLessThanOrEqual(4);
        expect(open.keyTasks.every((t, i) => t.id === `quote-t${i}` && t.check.kind === 'manual')).toBe(true);
      }),
    );
  });

  it.each<[string, () => unknown]>([
    ['kind', () => stageArb({ kind: 'closed' as never })],
    ['maxTasks', () => stageArb({ maxTasks: -1 })],
    ['checks', () => stageArb({ checks: ['guard' as never] })],
    ['id', () => stageArb({ id: '' })],
  ])('bad constraints throw invalid_option { option: %s } at once', (option, make) => expectInvalidOption(make, option));
});
