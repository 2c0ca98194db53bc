// The hand-written fast path of opportunity parsing against the zod schema it stands in
// for: whenever the fast path accepts an input, zod accepts it too and returns an equal
// value (same keys in the same order, equal Decimals, Dates and strings); every valid
// deal takes the fast path. Anything else goes to zod, so parse* behave as zod does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/money/decimal.js';
import { fastOpportunity } from '../../src/model/_lib/fastOpportunity.js';
import { fastParseOpportunity, prepareOpportunityParse } from '../../src/model/_lib/opportunityParsers.js';
import { opportunityObject } from '../../src/model/opportunityShape.js';
import { pipelineIndex } from '../../src/model/pipelineIndex.js';
import { badValueArb, nearArb, pathsOf, wireDealArb, wirePipeline, withAt } from './_wireDeal.js';

/** A comparable picture of a parsed value that keeps key order. */
function shape(v: unknown): unknown {
  if (Decimal.isDecimal(v)) return ['Decimal', (v as Decimal).toString()];
  if (v instanceof Date) return ['Date', v.getTime()];
  if (Array.isArray(v)) return v.map(shape);
  if (typeof v === 'object' && v !== null) return Object.entries(v).map(([k, x]) => [k, shape(x)]);
  return v;
}

const index = pipelineIndex(wirePipeline);
const withPipeline = prepareOpportunityParse({ pipeline: wirePipeline });
const alone = prepareOpportunityParse({});
const lenient = prepareOpportunityParse({ pipeline: wirePipeline, allowEmptyHistory: true });

/** The fast path's contract on one input, structurally and fully checked. */
function agrees(input: unknown): void {
  const fast = fastOpportunity(input, index);
  if (fast !== undefined) {
    const zod = opportunityObject.safeParse(input);
    expect(zod.success).toBe(true);
    expect(shape(fast)).toEqual(shape(zod.data));
  }
  for (const prepared of [withPipeline, alone, lenient]) {
    const full = fastParseOpportunity(input, prepared);
    if (full !== undefined) {
      const zod = prepared.schema.safeParse(input);
      expect(zod.success).toBe(true);
      expect(shape(full)).toEqual(shape(zod.data));
    }
  }
}

/** A valid deal with one value replaced by a near or a bad one, or removed. */
const mutatedArb = wireDealArb.chain((deal) =>
  fc.constantFrom(...pathsOf(deal)).chain((path) => {
    let original: unknown = deal;
    for (const k of path) original = (original as Record<string | number, unknown>)[k];
    return fc.oneof(nearArb(original), nearArb(original), badValueArb).map((bad) => withAt(deal, path, bad));
  }),
);

describe('the fast path accepts exactly what zod accepts, with equal output', () => {
  it('valid deals: accepted by both, equal values, and the fast path is taken', () => {
    fc.assert(
      fc.property(wireDealArb, (deal) => {
        const fast = fastParseOpportunity(deal, lenient);
        const zod = lenient.schema.safeParse(deal);
        expect(zod.success, JSON.stringify(zod.error?.issues)).toBe(true);
        expect(fast).toBeDefined();
        expect(shape(fast)).toEqual(shape(zod.data));
        agrees(deal);
      }),
      { numRuns: 300 },
    );
  });

  it('deals with one field broken, removed or replaced: the fast path never accepts what zod refuses', () => {
    fc.assert(fc.property(mutatedArb, agrees), { numRuns: 2000 });
  });

  it('anything at all', () => {
    fc.assert(fc.property(fc.anything(), agrees), { numRuns: 300 });
  });
});
