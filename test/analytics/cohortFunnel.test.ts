import { describe, expect, it } from 'vitest';
import { cohortFunnel, FunnelError, parsePipeline, type Opportunity, type Pipeline } from '../../src/index.js';
import { day, deal, goldenDeals, groupKeys, groupValue, pipeline, type Step, uncheckedDeal } from './_fixtures.js';
import { expectDealsArgumentChecked } from './_dealsArgument.js';
import { fault, whole } from '../_errors.js';

describe('cohortFunnel — SEEDS.md', () => {
  // 潜在客户跟踪 → 项目投标 → 商务洽谈 → 报价 → 成交: four open stages and the won stage.
  const p: Pipeline = parsePipeline({
    id: 'seed',
    name: 'project',
    currency: 'CNY',
    stages: [
      { id: 's0', name: '潜在客户跟踪', kind: 'open', probability: '0.1' },
      { id: 's1', name: '项目投标', kind: 'open', probability: '0.25' },
      { id: 's2', name: '商务洽谈', kind: 'open', probability: '0.5' },
      { id: 's3', name: '报价', kind: 'open', probability: '0.75' },
      { id: 'won', name: '签订合同', kind: 'won', probability: 1 },
      { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
    ],
  });
  /** n deals created in s0 at day 0 that advance to open stage `last`, then close. */
  const walk = (prefix: string, n: number, last: number, end: 'won' | 'lost'): Opportunity[] =>
    Array.from({ length: n }, (_, i) => {
      const steps: Step[] = [['created', 0, 's0']];
      for (let k = 1; k <= last; k++) steps.push(['move', k, `s${k}`]);
      steps.push([end, 10]);
      return deal(`${prefix}-${i}`, steps, { pipeline: p });
    });

  it('100 → 70 → 40 → 20 → 10 won gives a win rate of 10 %', () => {
    // 30 lost in s0, 30 lost in s1, 20 lost in s2, 10 lost in s3, 10 won from s3.
    const deals = [...walk('a', 30, 0, 'lost'), ...walk('b', 30, 1, 'lost'), ...walk('c', 20, 2, 'lost'), ...walk('d', 10, 3, 'lost'), ...walk('e', 10, 3, 'won')];
    const f = cohortFunnel(deals, p, { from: day(0), to: day(1) });
    expect(f.total.created).toBe(100);
    expect(f.total.stages.map((r) => r.reached)).toEqual([100, 70, 40, 20]);
    expect(f.total.won).toBe(10);
    expect(f.total.stages.map((r) => r.conversionFromPrevious)).toEqual([null, 0.7, 40 / 70, 0.5]);
    expect(f.total.conversionToWon).toBe(0.5); // 10 / 20
    expect(f.total.winRate).toBe(0.1); // 10 / 100
    expect([f.total.lost, f.total.open]).toEqual([90, 0]);
  });
});

describe('cohortFunnel — golden ledgers', () => {
  it('counts a deal at every stage up to the furthest it reached', () => {
    const f = cohortFunnel(goldenDeals(), pipeline);
    // Furthest: d1 won (all); d2 need; d3 proposal (skipped need: passed); d4 proposal (then back); d5 need;
    // d6 lead; d7 proposal (import, started in need: lead counts as passed); d8 need; d9 need.
    // lead 9; need 8 (not d6); proposal d1 d3 d4 d7 = 4; quote d1 = 1; won 1.
    expect(f.total.stages.map((r) => r.reached)).toEqual([9, 8, 4, 1]);
    expect(f.total.stages.map((r) => r.conversionFromPrevious)).toEqual([null, 8 / 9, 0.5, 0.25]);
    expect([f.total.created, f.total.won, f.total.lost, f.total.open]).toEqual([9, 1, 2, 6]);
    expect(f.total.winRate).toBe(1 / 9);
  });

  it('takes the cohort by creation window and reads the ledgers as of asOf', () => {
    // Created in [d0, d5): d1..d5. As of d10: d1 in need (→ proposal at d12), d3 in proposal, d4 in need, d2 in need, d5 in lead.
    const f = cohortFunnel(goldenDeals(), pipeline, { from: day(0), to: day(5), asOf: day(10) });
    expect(f.total.created).toBe(5);
    expect(f.total.stages.map((r) => r.reached)).toEqual([5, 4, 1, 0]);
    expect(f.total.won).toBe(0);
    expect(f.total.conversionToWon).toBeNull(); // 0 / 0 reached quote
  });

  it('counts a deal won without any open stage as having passed them all', () => {
    const f = cohortFunnel([uncheckedDeal('x', [['created', 0, 'won']])], pipeline);
    expect(f.total.stages.map((r) => r.reached)).toEqual([1, 1, 1, 1]);
    expect(f.total.won).toBe(1);
  });

  it('reads the whole ledgers without asOf, and says up to when', () => {
    const f = cohortFunnel(goldenDeals(), pipeline);
    expect(f.asOf).toEqual(day(35)); // the last event: d6 created, d8 resumed
    expect(f).toEqual(cohortFunnel(goldenDeals(), pipeline, { asOf: day(35) }));
    expect(cohortFunnel([], pipeline).asOf).toBeNull();
  });

  it('takes every time as a Date or an ISO string with offset, with the same result', () => {
    const byDate = cohortFunnel(goldenDeals(), pipeline, { from: day(0), to: day(5), asOf: day(10) });
    expect(cohortFunnel(goldenDeals(), pipeline, { from: '2026-01-01T08:00:00+08:00', to: '2026-01-06T00:00:00Z', asOf: '2026-01-11T00:00:00Z' })).toEqual(byDate);
  });

  it('counts an import without created from its first event, even when its first stage change comes after asOf', () => {
    // Issue 11: close_date_changed 2026-02-01 (d31), need → proposal 2026-04-10 (d99), read as of 2026-03-31 (d89).
    const imported = deal('imp', [['close', 31, '2026-05-15'], ['move', 99, 'proposal', 'need']]);
    const f = cohortFunnel([imported], pipeline, { from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z', asOf: '2026-03-31T00:00:00Z' });
    // Created (first event) 2026-02-01; it stood in need, so it passed lead: reached lead and need, still open.
    expect([f.total.created, f.total.open, f.total.won, f.total.lost]).toEqual([1, 1, 0, 0]);
    expect(f.total.stages.map((r) => r.reached)).toEqual([1, 1, 0, 0]);
  });

  it('groups by creation month', () => {
    const f = cohortFunnel(goldenDeals(), pipeline, { groupBy: ['created_month'] });
    expect(groupKeys(f)).toEqual(['2026-01', '2026-02']);
    expect(groupValue(f, '2026-02').created).toBe(1); // d6, created d35 = 2026-02-05
  });

  it('rejects a window that ends before it starts', () => {
    expect(() => cohortFunnel([], pipeline, { from: day(2), to: day(1) })).toThrow(FunnelError);
  });
});

describe('cohortFunnel — its deals argument', () => {
  it('names the argument and a bad deal by position; refuses or leaves out foreign deals', () => {
    expectDealsArgumentChecked((deals, extra) => cohortFunnel(deals as never, pipeline, { ...extra }), { pipeline: true });
  });
});

describe('cohortFunnel — window, asOf and options', () => {
  it('takes the deals created in [from, to): one created at from is in, one created at to is out', () => {
    // Created d0 … d4 (d1 … d5 of the golden ledgers); d6 at d35, d7 (import) at d7, d8 at d10, d9 at d11.
    const f = cohortFunnel(goldenDeals(), pipeline, { from: day(2), to: day(10), asOf: day(40) });
    // d3 (d2), d4 (d3), d5 (d4), d7 (d7): d1 and d2 before from, d8 exactly at to.
    expect(f.total.created).toBe(4);
    expect(cohortFunnel(goldenDeals(), pipeline, { from: day(2), to: day(10.001), asOf: day(40) }).total.created).toBe(5);
    expect(cohortFunnel(goldenDeals(), pipeline, { from: day(2.001), to: day(10), asOf: day(40) }).total.created).toBe(3);
  });

  it('says the window and the instant it read the ledgers to', () => {
    const f = cohortFunnel(goldenDeals(), pipeline, { from: day(2), to: day(10), asOf: day(100) });
    expect([f.from, f.to, f.asOf]).toEqual([day(2), day(10), day(100)]);
    const open = cohortFunnel(goldenDeals(), pipeline, { asOf: day(100) });
    expect(['from' in open, 'to' in open, open.asOf]).toEqual([false, false, day(100)]);
    const fromOnly = cohortFunnel(goldenDeals(), pipeline, { from: day(2) });
    expect(['from' in fromOnly, 'to' in fromOnly, fromOnly.asOf]).toEqual([true, false, day(35)]);
  });

  it('counts a deal won and reopened since as won, having passed every stage', () => {
    const reopened = deal('r', [['created', 0, 'lead'], ['move', 1, 'need'], ['won', 5], ['reopen', 8, 'need']]);
    const f = cohortFunnel([reopened], pipeline, { asOf: day(10) });
    expect([f.total.created, f.total.won, f.total.lost, f.total.open]).toEqual([1, 1, 0, 0]);
    expect(f.total.stages.map((r) => r.reached)).toEqual([1, 1, 1, 1]);
    // Before the win it was open in need.
    const before = cohortFunnel([reopened], pipeline, { asOf: day(4) });
    expect([before.total.won, before.total.open, before.total.stages.map((r) => r.reached)]).toEqual([0, 1, [1, 1, 0, 0]]);
  });

  it('names each bad option, and says why a window is refused', () => {
    expect(fault(() => cohortFunnel([], pipeline, { from: 'soon' } as never))).toEqual(['invalid_option', 'from']);
    expect(fault(() => cohortFunnel([], pipeline, { to: 5 } as never))).toEqual(['invalid_option', 'to']);
    expect(fault(() => cohortFunnel([], pipeline, { asOf: '2026-13-01T00:00:00Z' }))).toEqual(['invalid_option', 'asOf']);
    const [code, params] = whole(() => cohortFunnel([], pipeline, { from: day(2), to: day(1) }));
    expect([code, params]).toMatchObject(['invalid_option', { option: 'from', reason: { code: 'from_after_to' } }]);
    // An empty window [t, t) is allowed and holds no deal.
    expect(cohortFunnel(goldenDeals(), pipeline, { from: day(2), to: day(2) }).total.created).toBe(0);
  });
});
