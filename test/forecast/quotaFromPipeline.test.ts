import { describe, expect, it } from 'vitest';
import { parsePipeline, quotaFromPipeline, type Opportunity } from '../../src/index.js';
import { customers, deal, pipeline, snapshot } from './_fixtures.js';

// The Miller–Heiman positions from the course material: top 25 %, middle 50 %, bottom 75 %.
const mh = parsePipeline({
  id: 'direct',
  name: 'Miller–Heiman',
  currency: 'CNY',
  stages: [
    { id: 'top', name: '漏斗上部', kind: 'open', probability: '0.25' },
    { id: 'middle', name: '漏斗中部', kind: 'open', probability: '0.5' },
    { id: 'bottom', name: '漏斗下部', kind: 'open', probability: '0.75' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});
const rows = (q: ReturnType<typeof quotaFromPipeline>) =>
  q.groups.map((g) => [g.key.join('|'), g.value.count, g.value.pipeline.amount.toString(), g.value.quota.amount.toString()]);

describe('quotaFromPipeline', () => {
  it('a 100 万 prospect at the top of the funnel (25 %) adds 25 万 to its rep’s quota', () => {
    const q = quotaFromPipeline([deal({ stageId: 'top', amount: '1000000', ownerId: 'rep-li' })], mh);
    expect(rows(q)).toEqual([['rep-li', 1, '1000000', '250000']]);
  });

  it('sums every prospect per rep, or per territory, or per any key; close dates do not matter', () => {
    const deals = [
      deal({ stageId: 'top', amount: '1000000', ownerId: 'rep-li', region: '华东', customerId: 'c-new' }), // 25 万
      deal({ stageId: 'middle', amount: '600000', ownerId: 'rep-li', region: '华北', customerId: 'c-old' }), // 30 万
      deal({ stageId: 'bottom', amount: '200000', ownerId: 'rep-zhao', region: '华东', expectedCloseDate: '2027-12-31', customerId: 'c-new' }), // 15 万
      deal({ stageId: 'top', amount: '400000', ownerId: 'rep-zhao', probabilityOverride: '0.1', customerId: 'c-old' }), // 4 万 (override)
    ];
    expect(rows(quotaFromPipeline(deals, mh))).toEqual([
      ['rep-li', 2, '1600000', '550000'],
      ['rep-zhao', 2, '600000', '190000'],
    ]);
    expect(rows(quotaFromPipeline(deals, mh, { groupBy: ['region'] }))).toEqual([
      ['(none)', 1, '400000', '40000'],
      ['华东', 2, '1200000', '400000'],
      ['华北', 1, '600000', '300000'],
    ]);
    expect(rows(quotaFromPipeline(deals, mh, { groupBy: ['customer_type'], customers }))).toEqual([
      ['existing', 2, '1000000', '340000'],
      ['new', 2, '1200000', '400000'],
    ]);
    const big = (o: Opportunity) => (o.amount.amount.gte(500000) ? 'big' : undefined);
    const q = quotaFromPipeline(deals, mh, { groupBy: [big] });
    expect(q.groupBy).toEqual(['big']);
    expect(rows(q)).toEqual([
      ['(none)', 2, '600000', '190000'],
      ['big', 2, '1600000', '550000'],
    ]);
    expect(q.total.quota.amount.toString()).toBe('740000');
    expect(q.total.count).toBe(4);
    // Several keys, and the period of the expected close date ('(none)' without one).
    expect(rows(quotaFromPipeline(deals, mh, { groupBy: ['owner', 'period'], period: { unit: 'year' } }))).toEqual([
      ['rep-li|(none)', 2, '1600000', '550000'],
      ['rep-zhao|(none)', 1, '400000', '40000'],
      ['rep-zhao|2027', 1, '200000', '150000'],
    ]);
    // No keys: the total alone.
    const flat = quotaFromPipeline(deals, mh, { groupBy: [] });
    expect(flat.groups).toEqual([]);
    expect(flat.total.quota.amount.toString()).toBe('740000');
  });

  it('counts open deals only; won, lost and suspended deals are reported as excluded', () => {
    const q = quotaFromPipeline(
      [
        deal({ stageId: 'qualify', amount: '100' }), // 25
        deal({ stageId: 'won', amount: '1000', closedAt: '2026-01-01T00:00:00Z' }),
        deal({ stageId: 'lost', amount: '1000', closedAt: '2026-01-01T00:00:00Z' }),
        deal({ stageId: 'lost', amount: '1000', closedAt: '2026-01-01T00:00:00Z' }),
        deal({ stageId: 'negotiate', status: 'suspended', amount: '1000' }),
      ],
      pipeline,
    );
    expect(rows(q)).toEqual([['rep-li', 1, '100', '25']]);
    expect(q.excluded).toEqual({ won: 1, lost: 2, suspended: 1 });
  });

  it('honours credit splits by owner, exactly to the fen', () => {
    const q = quotaFromPipeline(
      [
        deal({
          stageId: 'top',
          amount: '1000000',
          ownerId: 'rep-li',
          splits: [
            { ownerId: 'rep-li', basisPoints: 7000 },
            { ownerId: 'rep-wu', basisPoints: 3000 },
          ],
        }),
      ],
      mh,
    );
    expect(rows(q)).toEqual([
      ['rep-li', 1, '700000', '175000'],
      ['rep-wu', 1, '300000', '75000'],
    ]);
    expect(q.total.count).toBe(1);
    expect(q.total.quota.amount.toString()).toBe('250000');
  });

  it('converts currencies with rates and leaves its inputs unchanged', () => {
    const deals = [deal({ stageId: 'top', amount: { amount: '100', currency: 'USD' } })];
    const before = snapshot(deals);
    const q = quotaFromPipeline(deals, mh, { rates: { base: 'CNY', rates: { USD: '7.2' } } });
    expect(q.total.quota.amount.toString()).toBe('180'); // 720 × 25 %
    expect(() => quotaFromPipeline(deals, mh)).toThrow(expect.objectContaining({ code: 'currency_mismatch' }));
    expect(snapshot(deals)).toBe(before);
  });
});
