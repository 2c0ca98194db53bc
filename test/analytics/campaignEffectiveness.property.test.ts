import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { campaignEffectiveness, Decimal, money, type Campaign, type Opportunity } from '../../src/index.js';
import { dealsArb, snapshotOf } from './_fixtures.js';

const RUNS = { numRuns: 120 };

/** A generated book whose deals name one of the campaigns c0…c3 (c3 is not listed) or none. */
const caseArb = dealsArb().chain(({ pipeline, deals }) =>
  fc
    .record({
      pick: fc.array(fc.integer({ min: -1, max: 3 }), { minLength: deals.length, maxLength: deals.length }),
      costs: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 3, maxLength: 3 }),
    })
    .map(({ pick, costs }) => {
      const campaigns: Campaign[] = costs.map((c, i) => ({ id: `c${i}`, name: `Campaign ${i}`, cost: money(c, pipeline.currency) }));
      const sourced: Opportunity[] = deals.map((o, i) => (pick[i]! < 0 ? o : { ...o, source: { campaignId: `c${pick[i]}` } }));
      return { deals: sourced, campaigns };
    }),
);

describe('campaignEffectiveness laws over generated books', () => {
  it('every deal is counted once: in a campaign, under an unknown campaign or under none; figures add up', () => {
    fc.assert(
      fc.property(caseArb, ({ deals, campaigns }) => {
        const before = snapshotOf([deals, campaigns]);
        const r = campaignEffectiveness(deals, campaigns, { dealIds: true });
        expect(snapshotOf([deals, campaigns])).toBe(before);
        const ids = [...r.campaigns.flatMap((c) => c.dealIds ?? []), ...r.unknownCampaigns.flatMap((u) => u.dealIds), ...(r.noCampaign.dealIds ?? [])];
        expect([...ids].sort()).toEqual(deals.map((o) => o.id).sort());
        for (const row of [...r.campaigns, r.total, ...r.unknownCampaigns, r.noCampaign]) {
          expect(row.open + row.won + row.lost).toBe(row.opportunities);
          if (row.winRate !== null && row.decidedWinRate !== null) expect(row.decidedWinRate).toBeGreaterThanOrEqual(row.winRate);
          expect(row.wonAmount.amount.lte(row.amount.amount)).toBe(true);
        }
        expect(r.campaigns.reduce((s, c) => s + c.opportunities, 0)).toBe(r.total.opportunities);
        expect(r.campaigns.reduce((d, c) => d.plus(c.wonAmount.amount), new Decimal(0)).eq(r.total.wonAmount.amount)).toBe(true);
        for (const c of [...r.campaigns, r.total]) {
          // ROI × cost + cost = won amount (to double precision)
          if (c.roi === null) expect(c.cost.amount.isZero()).toBe(true);
          else expect(Math.abs(c.roi * c.cost.amount.toNumber() + c.cost.amount.toNumber() - c.wonAmount.amount.toNumber())).toBeLessThanOrEqual(1e-6 * Math.max(1, c.wonAmount.amount.toNumber()));
        }
      }),
      RUNS,
    );
  });
});
