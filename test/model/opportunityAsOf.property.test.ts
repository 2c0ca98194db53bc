import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { opportunityAsOf, safeParseOpportunity, serializeOpportunity } from '../../src/index.js';
import { instantArb, ledgerBookArb } from '../forecast/_ledgerArb.js';

const RUNS = { numRuns: 60 };

describe('opportunityAsOf laws', () => {
  it('with asOf at or after every event, is the deal itself (deep-equal)', () => {
    fc.assert(
      fc.property(ledgerBookArb(6), fc.nat({ max: 1000 * 86_400_000 }), ({ pipeline, deals }, later) => {
        for (const d of deals) {
          const last = d.history.at(-1)?.at.getTime() ?? 0;
          expect(opportunityAsOf(d, new Date(last + later), { pipeline })).toEqual(d);
        }
      }),
      RUNS,
    );
  });

  it('at any instant, is a valid deal of the pipeline whose ledger is the events up to then (or nothing before its first event)', () => {
    fc.assert(
      fc.property(ledgerBookArb(6), instantArb, ({ pipeline, deals }, asOf) => {
        for (const d of deals) {
          const then = opportunityAsOf(d, asOf, { pipeline });
          const happened = d.history.filter((e) => e.at.getTime() <= asOf.getTime());
          if (happened.length === 0) {
            expect(then).toBeUndefined();
            continue;
          }
          expect(then?.history).toEqual(happened);
          const reparsed = safeParseOpportunity(serializeOpportunity(then!), { pipeline });
          expect(reparsed.success ? [] : reparsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
        }
      }),
      RUNS,
    );
  });

  it('read at an earlier instant of the deal as of a later one, is the deal as of the earlier instant', () => {
    fc.assert(
      fc.property(ledgerBookArb(6), instantArb, instantArb, ({ pipeline, deals }, x, y) => {
        const [early, late] = x.getTime() <= y.getTime() ? [x, y] : [y, x];
        for (const d of deals) {
          const lateDeal = opportunityAsOf(d, late, { pipeline });
          const viaLate = lateDeal === undefined ? undefined : opportunityAsOf(lateDeal, early, { pipeline });
          expect(viaLate).toEqual(opportunityAsOf(d, early, { pipeline }));
        }
      }),
      RUNS,
    );
  });
});
