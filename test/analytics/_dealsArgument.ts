// The checks every analytic makes of its deals argument, shared by the analytics' tests
// (not a test file: vitest only runs *.test.ts).
import { expect } from 'vitest';
import type { Opportunity } from '../../src/index.js';
import { goldenDeals } from './_fixtures.js';
import { fault } from '../_errors.js';

/** Runs an analytic over `deals`, with `extra` options (`otherPipelines`) added to its own. */
export type RunAnalytic = (deals: unknown, extra: { readonly otherPipelines?: 'ignore' }) => unknown;

/**
 * Expects `run` to name its deals argument `opportunities` when it is no list of deals,
 * and a bad item by its position in the input. With `pipeline: true` (an analytic of one
 * pipeline), also expects another pipeline's deals to be refused by default and left out
 * under `otherPipelines: 'ignore'`, while the same deals in the pipeline would change the result.
 */
export function expectDealsArgumentChecked(run: RunAnalytic, { pipeline }: { readonly pipeline: boolean }): void {
  const golden = goldenDeals();
  for (const notDeals of [42, null, 'd1']) expect(fault(() => run(notDeals, {}))).toEqual(['invalid_argument', 'opportunities']);
  expect(fault(() => run([golden[0], { id: 'x' }], {}))).toEqual(['invalid_argument', 'opportunities[1]']);
  expect(fault(() => run([golden[0], golden[1], null], {}))).toEqual(['invalid_argument', 'opportunities[2]']);
  if (!pipeline) return;
  const copies = golden.map((o) => ({ ...o, id: `copy-${o.id}`, ownerId: 'rep-elsewhere' }) as unknown as Opportunity);
  const foreign = copies.map((o) => ({ ...o, pipelineId: 'other' }) as unknown as Opportunity);
  const alone = run(golden, {});
  expect(run([...foreign, ...golden], { otherPipelines: 'ignore' })).toEqual(alone);
  // The same copies in the pipeline are counted: the comparison above can fail.
  expect(run([...copies, ...golden], {})).not.toEqual(alone);
  expect(fault(() => run(foreign, {}))[0]).toBe('pipeline_mismatch');
}
