import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, dealSizeMix, money, type DealSizeBand, type DealSizeMixStatus } from '../../src/index.js';
import { dealsArb, snapshotOf } from './_fixtures.js';

const RUNS = { numRuns: 120 };
const instant = fc.date({ min: new Date('2025-05-01T00:00:00Z'), max: new Date('2026-06-30T00:00:00Z'), noInvalidDate: true });
const statusArb = fc.constantFrom<DealSizeMixStatus>('won', 'lost', 'closed', 'open');

/** A generated book with bands cut at random thresholds (some gaps), in the pipeline's currency. */
const caseArb = dealsArb().chain(({ pipeline, deals }) =>
  fc
    .record({
      cuts: fc.uniqueArray(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 5 }).map((xs) => [...xs].sort((a, b) => a - b)),
      gaps: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      openEnds: fc.tuple(fc.boolean(), fc.boolean()),
    })
    .map(({ cuts, gaps, openEnds }) => {
      // bands [cut_i, cut_{i+1}); a gap leaves one out; optionally open below the first and above the last
      const bands: DealSizeBand[] = [];
      const m = (x: number) => money(x, pipeline.currency);
      if (openEnds[0]) bands.push({ max: m(cuts[0]!) });
      for (let i = 0; i + 1 < cuts.length; i++) if (!gaps[i]) bands.push({ min: m(cuts[i]!), max: m(cuts[i + 1]!) });
      if (openEnds[1] || bands.length === 0) bands.push({ min: m(cuts[cuts.length - 1]!) });
      return { pipeline, deals, bands };
    }),
);

describe('dealSizeMix laws over generated books', () => {
  it('every deal of the status is in one band, outside or undated; shares add up to 1; amounts add up exactly', () => {
    fc.assert(
      fc.property(caseArb, statusArb, fc.option(fc.tuple(instant, instant)), ({ deals, bands }, status, window) => {
        const [a, b] = window === null ? [undefined, undefined] : window[0] <= window[1] ? window : [window[1], window[0]];
        const options = status === 'open' || a === undefined ? { status } : { status, from: a, to: b };
        const before = snapshotOf([deals, bands]);
        const r = dealSizeMix(deals, bands, { ...options, dealIds: true });
        expect(snapshotOf([deals, bands])).toBe(before);

        const wanted = deals.filter((o) => (status === 'closed' ? o.status === 'won' || o.status === 'lost' : o.status === status));
        const inBands = r.bands.flatMap((x) => x.dealIds ?? []);
        const seen = [...inBands, ...r.outside.dealIds, ...r.undated.dealIds];
        expect(new Set(seen).size).toBe(seen.length);
        if (!('from' in options)) expect(seen.length).toBe(wanted.length);
        else expect(seen.length).toBeLessThanOrEqual(wanted.length);

        expect(r.bands.reduce((n, x) => n + x.count, 0)).toBe(r.total.count);
        expect(r.bands.reduce((d, x) => d.plus(x.amount.amount), new Decimal(0)).eq(r.total.amount.amount)).toBe(true);
        if (r.total.count > 0) {
          expect(Math.abs(r.bands.reduce((s, x) => s + (x.share as number), 0) - 1)).toBeLessThan(1e-12);
        } else {
          expect(r.bands.every((x) => x.share === null && x.average === null)).toBe(true);
        }
        for (const x of r.bands) {
          for (const id of x.dealIds ?? []) {
            const amount = deals.find((o) => o.id === id)!.amount.amount;
            expect(x.min === null || amount.gte(x.min.amount)).toBe(true);
            expect(x.max === null || amount.lt(x.max.amount)).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('does not depend on input order', () => {
    fc.assert(
      fc.property(
        caseArb.chain((x) => fc.shuffledSubarray(x.deals, { minLength: x.deals.length, maxLength: x.deals.length }).map((shuffled) => ({ ...x, shuffled }))),
        statusArb,
        ({ deals, shuffled, bands }, status) => {
          const strip = (r: ReturnType<typeof dealSizeMix>) => ({ ...r, outside: { ...r.outside, dealIds: [...r.outside.dealIds].sort() } });
          expect(snapshotOf(strip(dealSizeMix(shuffled, bands, { status })))).toBe(snapshotOf(strip(dealSizeMix(deals, bands, { status }))));
        },
      ),
      RUNS,
    );
  });
});
