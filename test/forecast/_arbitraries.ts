import fc from 'fast-check';
import { Decimal, type GroupKey, type Opportunity, type Pipeline, type UserId } from '../../src/index.js';
import { opportunityArb, pipelineArb } from '../../src/testing/index.js';

export const OWNERS = ['rep-1', 'rep-2', 'rep-3', 'rep-4'];

/** Credit splits over 1–3 distinct owners, adding up to exactly 10 000 basis points. */
export const splitsArb = fc
  .uniqueArray(fc.constantFrom(...OWNERS), { minLength: 1, maxLength: 3 })
  .chain((owners) =>
    fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: owners.length - 1, maxLength: owners.length - 1 }).map((cuts) => {
      const points = [0, ...cuts.sort((a, b) => a - b), 10_000];
      return owners.map((ownerId, i) => ({ ownerId: ownerId as UserId, basisPoints: (points[i + 1] as number) - (points[i] as number) }));
    }),
  );

/** A pipeline and 0–25 of its deals with unique ids; some deals carry credit splits when `withSplits`. */
export function pipelineWithDeals(withSplits: boolean, maxLength = 25): fc.Arbitrary<{ pipeline: Pipeline; deals: Opportunity[] }> {
  return pipelineArb({ maxOpenStages: 5 }).chain((pipeline) =>
    fc
      .array(
        fc.tuple(
          opportunityArb({ pipeline, owners: OWNERS, maxSteps: 6, from: '2025-06-01', to: '2026-06-30' }),
          withSplits ? fc.option(splitsArb, { nil: undefined, freq: 3 }) : fc.constant(undefined),
        ),
        { maxLength },
      )
      .map((pairs) => ({
        pipeline,
        deals: pairs.map(([o, splits], i) => ({ ...o, id: `${o.id}-${i}` as Opportunity['id'], ...(splits === undefined ? {} : { splits }) })),
      })),
  );
}

/** A grouping: a subset of the built-in keys, in a random order, with a period unit. */
export const groupingArb = fc.record({
  groupBy: fc.shuffledSubarray<GroupKey>(['period', 'owner', 'stage', 'region']),
  unit: fc.constantFrom('month' as const, 'quarter' as const, 'year' as const, 'fiscal_quarter' as const, 'fiscal_year' as const),
  fiscalYearStartMonth: fc.integer({ min: 1, max: 12 }),
});

export const sumOf = (values: readonly Decimal[]): Decimal => values.reduce((a, b) => a.plus(b), new Decimal(0));
