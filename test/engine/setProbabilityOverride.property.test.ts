import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeParseOpportunity, serializeOpportunity } from '../../src/index.js';
import { pipelineWithDeals } from '../forecast/_arbitraries.js';
import { applyOp, timedOpArb } from '../forecast/_ledgerArb.js';

describe('the override commands among the others', () => {
  it('every engine command’s output re-parses with the pipeline (overrides set, changed, cleared by stage changes and closes)', () => {
    fc.assert(
      fc.property(
        pipelineWithDeals(false, 4).chain(({ pipeline, deals }) =>
          fc.tuple(fc.constant(pipeline), fc.constant(deals), fc.array(fc.array(timedOpArb, { maxLength: 12 }), { minLength: deals.length, maxLength: deals.length })),
        ),
        ([pipeline, deals, runs]) => {
          deals.forEach((start, i) => {
            let deal = start;
            for (const { gap, op } of runs[i] ?? []) {
              const last = deal.history.at(-1)?.at.getTime() ?? 0;
              const { deal: next, result } = applyOp(deal, pipeline, op, new Date(last + gap * 60_000));
              if (result.ok) {
                const reread = safeParseOpportunity(serializeOpportunity(next), { pipeline });
                expect(reread.success ? [] : reread.error.issues.map((x) => `${op.t}: ${x.path.join('.')}: ${x.message}`)).toEqual([]);
              }
              deal = next;
            }
          });
        },
      ),
      { numRuns: 100 },
    );
  });
});
