import { describe, expect, it } from 'vitest';
import { forecastCategories, forecastCategoriesAccumulator, parseOpportunity, type ForecastTally } from '../../src/index.js';
import { deal, pipeline, snapshot } from './_fixtures.js';

const fig = (t: ForecastTally) => [t.count, t.amount.amount.toString(), t.weighted.amount.toString()];

describe('forecastCategories', () => {
  // One deal per category, amounts in powers of ten so every sum can be read off digit by digit.
  const deals = () => [
    deal({ stageId: 'qualify', amount: '1', expectedCloseDate: '2026-01-10' }), // pipeline (stage default for open), 25 %
    deal({ stageId: 'proposal', amount: '10', expectedCloseDate: '2026-01-10' }), // best_case (stage category), 50 %
    deal({ stageId: 'negotiate', amount: '100', expectedCloseDate: '2026-01-10' }), // commit (stage category), 75 %
    deal({ stageId: 'won', amount: '1000', closedAt: '2026-01-05T00:00:00Z' }), // closed
    deal({ stageId: 'negotiate', amount: '10000', expectedCloseDate: '2026-01-10', forecastCategoryOverride: 'omitted' }), // omitted by override
    deal({ stageId: 'lost', amount: '100000', closedAt: '2026-01-06T00:00:00Z' }), // lost → omitted
    deal({ stageId: 'negotiate', status: 'suspended', amount: '1000000', expectedCloseDate: '2026-01-10' }), // left out
  ];

  it('reports each category on its own', () => {
    const c = forecastCategories(deals(), pipeline).total.categories;
    expect(fig(c.pipeline)).toEqual([1, '1', '0.25']);
    expect(fig(c.best_case)).toEqual([1, '10', '5']);
    expect(fig(c.commit)).toEqual([1, '100', '75']);
    expect(fig(c.closed)).toEqual([1, '1000', '1000']);
    // 10 000 × 75 % (weighted kept for information) + the lost deal at 0
    expect(fig(c.omitted)).toEqual([2, '110000', '7500']);
  });

  it('rolls up cumulatively: commit = closed + commit, best case = closed + commit + best case, open pipeline = pipeline + best case + commit; omitted never', () => {
    const f = forecastCategories(deals(), pipeline);
    const r = f.total.rollups;
    expect(fig(r.closed)).toEqual([1, '1000', '1000']);
    expect(fig(r.commit)).toEqual([2, '1100', '1075']);
    expect(fig(r.bestCase)).toEqual([3, '1110', '1080']);
    expect(fig(r.openPipeline)).toEqual([3, '111', '80.25']);
    expect(f.suspended.count).toBe(1);
    expect(f.suspended.amount.amount.toString()).toBe('1000000');
    // A suspended deal is weighted at nothing: it is out of the forecast until resumed.
    expect([f.suspended.weighted.amount.toString(), f.suspended.weighted.currency]).toEqual(['0', 'CNY']);
  });

  it('its accumulator names its kind, on itself and on its partial state', () => {
    const a = forecastCategoriesAccumulator(pipeline).add(deals());
    expect([a.kind, a.partial().kind]).toEqual(['forecast_categories', 'forecast_categories']);
  });

  it('keeps a deal’s category override whatever stage it is in, and after stage changes', () => {
    const history = [
      { type: 'created', at: '2026-01-01T00:00:00Z', stageId: 'lead' },
      { type: 'stage_changed', at: '2026-01-05T00:00:00Z', from: 'lead', to: 'qualify', kind: 'advance' },
      { type: 'stage_changed', at: '2026-01-09T00:00:00Z', from: 'qualify', to: 'negotiate', kind: 'skip' },
    ] as const;
    const moved = deal({ stageId: 'negotiate', amount: '100', expectedCloseDate: '2026-02-01', forecastCategoryOverride: 'best_case', history: [...history] });
    const early = deal({ stageId: 'lead', amount: '10', expectedCloseDate: '2026-02-01', forecastCategoryOverride: 'commit' });
    const c = forecastCategories([moved, early], pipeline).total.categories;
    expect(fig(c.best_case)).toEqual([1, '100', '75']); // negotiate would be commit; the override wins
    expect(fig(c.commit)).toEqual([1, '10', '1']); // lead would be pipeline
    expect(c.pipeline.count).toBe(0);
  });

  it('puts won deals in closed and lost deals in omitted, whatever their override', () => {
    const won = deal({ stageId: 'won', amount: '5', closedAt: '2026-01-05T00:00:00Z', forecastCategoryOverride: 'pipeline' });
    const lost = deal({ stageId: 'lost', amount: '7', closedAt: '2026-01-05T00:00:00Z', forecastCategoryOverride: 'commit' });
    const c = forecastCategories([won, lost], pipeline).total.categories;
    expect(fig(c.closed)).toEqual([1, '5', '5']);
    expect(fig(c.omitted)).toEqual([1, '7', '0']);
    expect(c.pipeline.count + c.commit.count).toBe(0);
  });

  it('groups like weightedForecast, and reports undated deals as unforecastable', () => {
    const f = forecastCategories(
      [
        deal({ stageId: 'negotiate', amount: '100', expectedCloseDate: '2026-01-10', ownerId: 'rep-li' }),
        deal({ stageId: 'negotiate', amount: '200', expectedCloseDate: '2026-04-10', ownerId: 'rep-li' }),
        deal({ stageId: 'won', amount: '50', closedAt: '2026-02-01T00:00:00Z', ownerId: 'rep-zhao' }),
        deal({ stageId: 'proposal', amount: '999' }),
      ],
      pipeline,
      { groupBy: ['period', 'owner'] },
    );
    expect(f.groupBy).toEqual(['period', 'owner']);
    expect(f.groups.map((g) => [g.key.join('|'), g.value.rollups.commit.amount.amount.toString()])).toEqual([
      ['2026-Q1|rep-li', '100'],
      ['2026-Q1|rep-zhao', '50'],
      ['2026-Q2|rep-li', '200'],
    ]);
    // The undated best-case deal is in unforecastable, not in the total; the book has both.
    expect(fig(f.unforecastable.categories.best_case)).toEqual([1, '999', '499.5']);
    expect(f.unforecastable.opportunityIds).toHaveLength(1);
    expect(f.total.rollups.commit.amount.amount.toString()).toBe('350');
    expect(f.total.rollups.bestCase.amount.amount.toString()).toBe('350');
    expect(fig(f.book.rollups.bestCase)).toEqual([4, '1349', '774.5']); // 100 + 200 + 50 + 999; 75 + 150 + 50 + 499.5
    expect(f.book.rollups.openPipeline.amount.amount.toString()).toBe('1299');
  });

  it('without groupBy, only the total', () => {
    const f = forecastCategories(deals(), pipeline);
    expect(f.groupBy).toEqual([]);
    expect(f.groups).toEqual([]);
    expect(f.total.categories.closed.count).toBe(1);
  });

  it('counts a split deal once in the total, in each owner’s row', () => {
    const split = deal({
      stageId: 'negotiate',
      amount: '100',
      expectedCloseDate: '2026-01-10',
      splits: [
        { ownerId: 'a', basisPoints: 6000 },
        { ownerId: 'b', basisPoints: 4000 },
      ],
    });
    const f = forecastCategories([split], pipeline, { groupBy: ['owner'] });
    expect(f.groups.map((g) => [g.key[0], ...fig(g.value.categories.commit)])).toEqual([
      ['a', 1, '60', '45'],
      ['b', 1, '40', '30'],
    ]);
    expect(fig(f.total.categories.commit)).toEqual([1, '100', '75']);
  });

  it('leaves its inputs unchanged', () => {
    const ds = deals();
    const before = snapshot(ds);
    forecastCategories(ds, pipeline, { groupBy: ['owner', 'stage'] });
    expect(snapshot(ds)).toBe(before);
  });
});

describe('forecastCategories as of an instant, and its drill-down', () => {
  const ledgerDeal = (id: string, history: unknown[], extra: Record<string, unknown> = {}) =>
    parseOpportunity(
      { id, customerId: 'c-1', pipelineId: 'direct', name: id, ownerId: 'rep-li', amount: { amount: '100', currency: 'CNY' }, stageId: 'qualify', expectedCloseDate: '2026-03-31', history, ...extra },
      { pipeline },
    );
  // The rep called x commit on 10 March and took it back on 20 March; y moved into negotiate (commit) on 15 March.
  const x = ledgerDeal('x', [
    { type: 'created', at: '2026-03-01T00:00:00Z', stageId: 'qualify' },
    { type: 'forecast_category_changed', at: '2026-03-10T00:00:00Z', from: null, to: 'commit' },
    { type: 'forecast_category_changed', at: '2026-03-20T00:00:00Z', from: 'commit', to: null },
  ]);
  const y = ledgerDeal('y', [
    { type: 'created', at: '2026-03-01T00:00:00Z', stageId: 'qualify' },
    { type: 'stage_changed', at: '2026-03-15T00:00:00Z', from: 'qualify', to: 'negotiate', kind: 'skip' },
  ], { stageId: 'negotiate' });

  it('reads each deal’s category as it stood at asOf', () => {
    const commit = (asOf?: string) => forecastCategories([x, y], pipeline, { dealIds: true, ...(asOf === undefined ? {} : { asOf }) }).total.rollups.commit.dealIds;
    expect(commit('2026-03-05T00:00:00Z')).toEqual([]);
    expect(commit('2026-03-12T00:00:00Z')).toEqual(['x']);
    expect(commit('2026-03-16T00:00:00Z')).toEqual(['x', 'y']);
    expect(commit()).toEqual(['y']);
  });

  it('lists the deals of every category and roll-up, in input order', () => {
    const ds = [
      deal({ id: 'd-1', stageId: 'negotiate', amount: '1', expectedCloseDate: '2026-01-10' }), //                commit
      deal({ id: 'd-2', stageId: 'qualify', amount: '1', expectedCloseDate: '2026-01-10' }), //                  pipeline
      deal({ id: 'd-3', stageId: 'won', amount: '1', closedAt: '2026-01-10T00:00:00Z' }), //                      closed
      deal({ id: 'd-4', stageId: 'proposal', amount: '1', expectedCloseDate: '2026-01-10' }), //                 best case
      deal({ id: 'd-5', stageId: 'qualify', amount: '1', expectedCloseDate: '2026-01-10', forecastCategoryOverride: 'commit' }),
    ];
    const f = forecastCategories(ds, pipeline, { dealIds: true });
    expect(f.total.categories.commit.dealIds).toEqual(['d-1', 'd-5']);
    expect(f.total.rollups.commit.dealIds).toEqual(['d-1', 'd-3', 'd-5']);
    expect(f.total.rollups.bestCase.dealIds).toEqual(['d-1', 'd-3', 'd-4', 'd-5']);
    expect(f.total.rollups.openPipeline.dealIds).toEqual(['d-1', 'd-2', 'd-4', 'd-5']);
    expect(forecastCategories(ds, pipeline).total.rollups.commit.dealIds).toBeUndefined();
  });
});
