// Shared laws of every accumulator (the incremental forms of the aggregates), for the
// property tests of each area: the column path equals the object path; adding a book in
// any chunks, or splitting it into shards and merging them (as accumulators, as partial
// states sent through structuredClone or JSON) in any order, equals the whole book.
import fc from 'fast-check';
import { expect } from 'vitest';
import { dealColumns, FunnelError, type Accumulator, type AccumulatorPartial, type Opportunity, type Pipeline } from '../src/index.js';

/** A way to cut a book: sorted cut points in [0, n] and a shard order. */
export interface Cuts {
  readonly cuts: readonly number[];
  readonly order: readonly number[];
}

/** Cut points (0–4 of them) and a permutation of the resulting shards. */
export const cutsArb: fc.Arbitrary<{ readonly fractions: readonly number[]; readonly seeds: readonly number[] }> = fc.record({
  fractions: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
  seeds: fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
});

/** Splits `deals` into shards at the drawn fractions, in a drawn order. */
export function shardsOf<T>(deals: readonly T[], draw: { readonly fractions: readonly number[]; readonly seeds: readonly number[] }): T[][] {
  const cuts = draw.fractions.map((f) => Math.floor(f * deals.length)).sort((a, b) => a - b);
  const shards: T[][] = [];
  let prev = 0;
  for (const c of [...cuts, deals.length]) {
    shards.push(deals.slice(prev, c));
    prev = c;
  }
  // A permutation from the seeds (Fisher–Yates driven by the drawn numbers).
  for (let i = shards.length - 1; i > 0; i--) {
    const j = draw.seeds[i % draw.seeds.length]! % (i + 1);
    [shards[i], shards[j]] = [shards[j]!, shards[i]!];
  }
  return shards;
}

/**
 * Checks the accumulator laws for one book: `batch` is the batch function's result over
 * the whole book; `make` creates an empty accumulator with the same pipeline and options;
 * `norm` maps a result to a comparable value (e.g. sorts id lists, whose order may
 * differ between shardings).
 */
export function expectAccumulatorLaws<R, P extends AccumulatorPartial>(
  deals: readonly Opportunity[],
  pipeline: Pipeline,
  make: () => Accumulator<R, P>,
  batch: R,
  draw: { readonly fractions: readonly number[]; readonly seeds: readonly number[] },
  norm: (r: R) => unknown = (r) => r,
  options: { readonly columns?: boolean } = {},
): void {
  const expected = norm(batch);
  // One add of the whole book.
  expect(norm(make().add(deals).result())).toEqual(expected);
  const shards = shardsOf(deals, draw);
  // Chunks added in input order to one accumulator.
  const ordered = shardsOf(deals, { fractions: draw.fractions, seeds: [0, 0, 0, 0, 0] }).sort((a, b) => deals.indexOf(a[0]!) - deals.indexOf(b[0]!));
  const chunked = make();
  for (const s of ordered) chunked.add(s);
  expect(norm(chunked.result())).toEqual(expected);
  // Shards merged in a drawn order, as accumulators, structured clones and JSON.
  const parts = shards.map((s) => make().add(s));
  const viaAcc = make();
  for (const p of parts) viaAcc.merge(p);
  expect(norm(viaAcc.result())).toEqual(expected);
  const viaClone = make();
  for (const p of parts) viaClone.merge(structuredClone(p.partial()));
  expect(norm(viaClone.result())).toEqual(expected);
  const viaJson = make();
  for (const p of parts) viaJson.merge(JSON.parse(JSON.stringify(p.partial())) as P);
  expect(norm(viaJson.result())).toEqual(expected);
  // A result does not end accumulation: reading one midway changes nothing.
  if (parts.length > 1) {
    const midway = make().merge(parts[0]!);
    midway.result();
    for (const p of parts.slice(1)) midway.merge(p);
    expect(norm(midway.result())).toEqual(expected);
  }
  // Anything that is not a partial state of the same kind and settings is refused with a
  // coded error, and the accumulator is left as it was.
  const refusing = make().add(deals);
  for (const bad of [null, undefined, 42, 'partial', {}, { kind: 'other', settings: '[]' }]) {
    let thrown: unknown;
    try {
      refusing.merge(bad as unknown as P);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FunnelError);
    expect((thrown as FunnelError).code).toBe('invalid_argument');
  }
  expect(norm(refusing.result())).toEqual(expected);
  if (options.columns !== false) {
    // The column path: the whole book as one chunk, and shard by shard.
    expect(norm(make().add(dealColumns(deals, pipeline)).result())).toEqual(expected);
    const cols = make();
    for (const s of shards) cols.add(dealColumns(s, pipeline));
    expect(norm(cols.result())).toEqual(expected);
  }
}
