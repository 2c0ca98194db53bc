import { describe, expect, it } from 'vitest';
import { dealColumns, Decimal, FunnelError, funnelSnapshot, funnelSnapshotAccumulator, parsePipeline, type Opportunity, type Pipeline } from '../../src/index.js';
import { fault } from '../_errors.js';
import { day, deal, goldenDeals, groupKeys, groupValue, pipeline, snapshotOf, type Step, uncheckedDeal } from './_fixtures.js';
import { expectDealsArgumentChecked } from './_dealsArgument.js';

/** A pipeline of the given open stages (probabilities 0.1, 0.2, …), plus won and lost. */
function seedPipeline(names: readonly string[]): Pipeline {
  return parsePipeline({
    id: 'seed',
    name: 'SEEDS',
    currency: 'CNY',
    stages: [
      ...names.map((name, i) => ({ id: `s${i}`, name, kind: 'open', probability: ((i + 1) / 10).toString() })),
      { id: 'won', name: '成交', kind: 'won', probability: 1 },
      { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
    ],
  });
}

/** `counts[k]` deals standing in open stage k (each created there, as an import would be). */
function dealsAt(p: Pipeline, counts: readonly number[]): Opportunity[] {
  return counts.flatMap((n, k) => Array.from({ length: n }, (_, i) => deal(`k${k}-${i}`, [['created', 1, `s${k}`]] as Step[], { pipeline: p, amount: '10000' })));
}

describe('funnelSnapshot — the SEEDS.md funnels', () => {
  it('100 → 70 → 40 → 20 → 10 gives an overall conversion of 10 %', () => {
    const p = seedPipeline(['潜在客户', '初步接触', '需求确认', '方案提出', '报价洽谈']);
    const s = funnelSnapshot(dealsAt(p, [100, 70, 40, 20, 10]), p, { asOf: day(2) });
    expect(s.total.stages.map((r) => r.count)).toEqual([100, 70, 40, 20, 10]);
    // 70/100, 40/70, 20/40, 10/20.
    expect(s.total.stages.map((r) => r.ratioToPrevious)).toEqual([null, 0.7, 40 / 70, 0.5, 0.5]);
    expect(s.total.overallConversion).toBe(0.1); // 10 / 100
  });

  it('100 → 80 → 40 → 20 → 10 → 5 gives 5 %', () => {
    const p = seedPipeline(['潜在客户', '初步接触', '需求确认', '方案提出', '报价洽谈', '合同审批']);
    const s = funnelSnapshot(dealsAt(p, [100, 80, 40, 20, 10, 5]), p, { asOf: day(2) });
    expect(s.total.stages.map((r) => r.ratioToFirst)).toEqual([1, 0.8, 0.4, 0.2, 0.1, 0.05]);
    expect(s.total.overallConversion).toBe(0.05);
    // Amounts: 255 deals × 10 000 = 2 550 000; weighted 10 000 × (100×0.1 + 80×0.2 + 40×0.3 + 20×0.4 + 10×0.5 + 5×0.6) = 10 000 × 54.
    expect(s.total.amount.amount.toString()).toBe('2550000');
    expect(s.total.weightedAmount.amount.toString()).toBe('540000');
  });
});

describe('funnelSnapshot — reconstructed from the golden ledgers', () => {
  it('as of d40: open deals per stage with amounts as of then, suspended deals apart', () => {
    const s = funnelSnapshot(goldenDeals(), pipeline, { asOf: day(40) });
    const rows = s.total.stages;
    // lead: d6. need: d4, d5, d8 (d9 is suspended). proposal: d3. quote: none (d1 won at d30).
    expect(rows.map((r) => [r.count, r.suspended])).toEqual([[1, 0], [3, 1], [1, 0], [0, 0]]);
    // need: 450 000 (d4 after its change at d30) + 500 000 + 800 000.
    expect(rows[1]!.amount.amount.toString()).toBe('1750000');
    // Weighted: 450 000 × 0.3 + 500 000 × 0.5 (d5's override, set in need) + 800 000 × 0.3 = 135 000 + 250 000 + 240 000.
    expect(rows[1]!.weightedAmount.amount.toString()).toBe('625000');
    expect(rows[0]!.weightedAmount.amount.toString()).toBe('6000'); // 60 000 × 0.1
    expect(rows[2]!.weightedAmount.amount.toString()).toBe('150000'); // 300 000 × 0.5
    expect(rows.map((r) => r.ratioToPrevious)).toEqual([null, 3, 1 / 3, 0]);
    expect(s.total.overallConversion).toBe(0); // 0 in quote / 1 in lead
    expect(s.total.count).toBe(5);
    expect(s.total.weightedAmount.amount.toString()).toBe('781000'); // 6 000 + 625 000 + 150 000
    expect(s.currency).toBe('CNY');
  });

  it('as of d16: the past, not the current fields', () => {
    const rows = funnelSnapshot(goldenDeals(), pipeline, { asOf: day(16) }).total.stages;
    // lead: d5 (resumed exactly at d16). need: d9; d8 suspended since d15. proposal: d1, d3, d4, d7. quote: none.
    expect(rows.map((r) => [r.count, r.suspended])).toEqual([[1, 0], [1, 1], [4, 0], [0, 0]]);
    // d5 stood in lead, not in need where its override was set: stage probability 0.1 → 50 000.
    expect(rows[0]!.weightedAmount.amount.toString()).toBe('50000');
    // proposal: 1 000 000 + 300 000 + 400 000 (d4 before its change) + 700 000 = 2 400 000; × 0.5.
    expect(rows[2]!.amount.amount.toString()).toBe('2400000');
    expect(rows[2]!.weightedAmount.amount.toString()).toBe('1200000');
  });

  it('groups by owner; the total is the sum of the groups', () => {
    const s = funnelSnapshot(goldenDeals(), pipeline, { asOf: day(40), groupBy: ['owner'] });
    expect(groupKeys(s)).toEqual(['rep-li', 'rep-zhang']);
    // rep-li: d8 (need; d9 suspended). rep-zhang: d6, d4, d5, d3.
    expect(groupValue(s, 'rep-li').stages.map((r) => r.count)).toEqual([0, 1, 0, 0]);
    expect(groupValue(s, 'rep-zhang').stages.map((r) => r.count)).toEqual([1, 2, 1, 0]);
    expect(s.groups.map((g) => g.key)).toEqual([['rep-li'], ['rep-zhang']]);
    expect(s.total).toEqual(funnelSnapshot(goldenDeals(), pipeline, { asOf: day(40) }).total);
  });

  it('takes asOf as a Date or an ISO string with offset, with the same result', () => {
    const byDate = funnelSnapshot(goldenDeals(), pipeline, { asOf: day(16) });
    expect(funnelSnapshot(goldenDeals(), pipeline, { asOf: '2026-01-17T08:00:00+08:00' })).toEqual(byDate);
    expect(byDate.asOf).toEqual(day(16));
  });

  it('holds an import without created in its first stage from its first event, even when its first stage change comes after asOf', () => {
    // Issue 11: close_date_changed 2026-02-01 (d31), need → proposal 2026-04-10 (d99), read as of 2026-03-31.
    const imported = deal('imp', [['close', 31, '2026-05-15'], ['move', 99, 'proposal', 'need']], { amount: '250000' });
    const s = funnelSnapshot([imported], pipeline, { asOf: '2026-03-31T00:00:00Z' });
    expect(s.total.stages.map((r) => r.count)).toEqual([0, 1, 0, 0]);
    expect(s.total.stages[1]!.weightedAmount.amount.toString()).toBe('75000'); // 250 000 × 0.3
    // Before its first event it did not exist.
    expect(funnelSnapshot([imported], pipeline, { asOf: day(30) }).total.count).toBe(0);
    // From the very instant of its first event it stands there (objects and columns).
    for (const input of [[imported], dealColumns([imported], pipeline)]) {
      expect(funnelSnapshot(input, pipeline, { asOf: day(31) }).total.stages.map((r) => r.count)).toEqual([0, 1, 0, 0]);
    }
  });

  it('holds an import in the first stage of the pipeline when its first stage change leaves it, from objects and columns', () => {
    // A close-date change on d5, then lead → need on d20: in lead from d5.
    const imported = deal('imp', [['close', 5, '2026-03-01'], ['move', 20, 'need', 'lead']]);
    for (const input of [[imported], dealColumns([imported], pipeline)]) {
      expect(funnelSnapshot(input, pipeline, { asOf: day(10) }).total.stages.map((r) => r.count)).toEqual([1, 0, 0, 0]);
    }
  });

  it('reads a ledger that is reopened before any stage event as standing nowhere until then, from objects and columns', () => {
    // Data imported around the parser: a close-date change on d5, then a reopening into need on d10.
    const odd = uncheckedDeal('odd', [['created', 0, 'lead'], ['close', 5, '2026-03-01'], ['reopen', 10, 'need']]);
    const ledger = { ...odd, history: odd.history.slice(1).map((e, i) => ({ ...e, seq: i + 1 })) } as Opportunity;
    for (const input of [[ledger], dealColumns([ledger], pipeline)]) {
      expect(funnelSnapshot(input, pipeline, { asOf: day(7) }).total.count).toBe(0);
      expect(funnelSnapshot(input, pipeline, { asOf: day(10) }).total.stages.map((r) => r.count)).toEqual([0, 1, 0, 0]);
    }
  });

  it('holds an import whose ledger never sets the stage in its current stage, from its first event', () => {
    // Only close-date changes (d5 and d6), the deal standing in need: it has been in need since d5.
    const imported = { ...deal('imp', [['close', 5, '2026-03-01'], ['close', 6, '2026-03-05']], { amount: '200000' }), stageId: 'need' } as Opportunity;
    for (const input of [[imported], dealColumns([imported], pipeline)]) {
      const s = funnelSnapshot(input, pipeline, { asOf: day(10) });
      expect(s.total.stages.map((r) => r.count)).toEqual([0, 1, 0, 0]);
      expect(s.total.stages[1]!.weightedAmount.amount.toString()).toBe('60000'); // 200 000 × 0.3
      expect(funnelSnapshot(input, pipeline, { asOf: day(5) }).total.count).toBe(1);
      expect(funnelSnapshot(input, pipeline, { asOf: day(4) }).total.count).toBe(0);
    }
  });

  it('converts other currencies with rates, and refuses them without', () => {
    const usd = { ...deal('u', [['created', 0, 'lead']]), amount: { amount: deal('u', [['created', 0, 'lead']]).amount.amount, currency: 'USD' } } as Opportunity;
    const before = snapshotOf(usd);
    // 100 000 USD × 7.1 = 710 000 CNY.
    const s = funnelSnapshot([usd], pipeline, { asOf: day(1), rates: { base: 'CNY', rates: { USD: '7.1' } } });
    expect(s.total.amount.amount.toString()).toBe('710000');
    expect(snapshotOf(usd)).toBe(before);
    expect(() => funnelSnapshot([usd], pipeline, { asOf: day(1) })).toThrow(FunnelError);
    try {
      funnelSnapshot([usd], pipeline, { asOf: day(1) });
    } catch (e) {
      expect((e as FunnelError).code).toBe('currency_mismatch');
    }
  });

  it('requires asOf, an instant', () => {
    expect(() => funnelSnapshot([], pipeline, {} as never)).toThrow(FunnelError);
    expect(() => funnelSnapshot([], pipeline, undefined as never)).toThrow(FunnelError);
    expect(() => funnelSnapshot([], pipeline, { asOf: '2026-03-31' })).toThrow(/asOf/);
    expect(funnelSnapshot([], pipeline, { asOf: day(0) }).total.overallConversion).toBeNull();
  });
});

describe('funnelSnapshot — drill-down to deal ids', () => {
  it('lists each row\'s deals with dealIds: true, in total and per group, suspended ones apart', () => {
    // As of day 40: d3 in proposal; d4, d5, d8 in need; d9 suspended in need; d6 in lead.
    const s = funnelSnapshot(goldenDeals(), pipeline, { asOf: day(40), groupBy: ['owner'], dealIds: true });
    expect(s.total.stages.map((r) => [r.stageId, r.dealIds, r.suspendedIds])).toEqual([
      ['lead', ['d6'], []],
      ['need', ['d4', 'd5', 'd8'], ['d9']],
      ['proposal', ['d3'], []],
      ['quote', [], []],
    ]);
    s.total.stages.forEach((r) => {
      expect(r.dealIds?.length).toBe(r.count);
      expect(r.suspendedIds?.length).toBe(r.suspended);
    });
    expect(groupValue(s, 'rep-li').stages[1]?.dealIds).toEqual(['d8']);
    expect(groupValue(s, 'rep-li').stages[1]?.suspendedIds).toEqual(['d9']);
    // Ungrouped, from deal objects and from columns: the same lists, each deal once.
    for (const input of [goldenDeals(), dealColumns(goldenDeals(), pipeline)]) {
      const flat = funnelSnapshot(input, pipeline, { asOf: day(40), dealIds: true });
      expect(flat.total.stages.map((r) => [r.dealIds, r.suspendedIds])).toEqual(s.total.stages.map((r) => [r.dealIds, r.suspendedIds]));
    }
  });

  it('keeps no ids by default, and refuses a dealIds that is not a boolean', () => {
    const s = funnelSnapshot(goldenDeals(), pipeline, { asOf: day(40) });
    expect(s.total.stages.every((r) => !('dealIds' in r) && !('suspendedIds' in r))).toBe(true);
    expect(() => funnelSnapshot([], pipeline, { asOf: day(40), dealIds: 'yes' as never })).toThrow(expect.objectContaining({ code: 'invalid_option' }));
  });
});

describe('funnelSnapshot — its deals argument', () => {
  it('names the argument and a bad deal by position; refuses or leaves out foreign deals', () => {
    expectDealsArgumentChecked((deals, extra) => funnelSnapshot(deals as never, pipeline, { asOf: day(40), ...extra }), { pipeline: true });
  });
});

describe('funnelSnapshot — options and shards', () => {
  it('names a bad dealIds', () => {
    expect(fault(() => funnelSnapshot([], pipeline, { asOf: day(40), dealIds: 'yes' } as never))).toEqual(['invalid_option', 'dealIds']);
  });

  it('refuses to merge a shard read with other rates, or with rates against none', () => {
    const rates = { base: 'CNY', rates: { USD: '7.1' } };
    const a = () => funnelSnapshotAccumulator(pipeline, { asOf: day(40), rates });
    expect(fault(() => a().merge(funnelSnapshotAccumulator(pipeline, { asOf: day(40) })))[0]).toBe('invalid_argument');
    expect(fault(() => a().merge(funnelSnapshotAccumulator(pipeline, { asOf: day(40), rates: { base: 'CNY', rates: { USD: '7.2' } } })))[0]).toBe('invalid_argument');
    expect(() => a().merge(funnelSnapshotAccumulator(pipeline, { asOf: day(40), rates }))).not.toThrow();
  });
});

describe('funnelSnapshot — exact sums past 2^53 minor units on columns', () => {
  it('adds 17 amounts of ±6 000 000 000 000.01 exactly, with and without a probability override', () => {
    for (const sign of ['', '-']) {
      const amount = `${sign}6000000000000.01`; // 600 000 000 000 001 fen: 16 of them pass 2^53, 17 give an odd sum no double holds
      // The parser refuses a negative amount; deals built around it still sum exactly, whatever the sign.
      const plain = Array.from({ length: 17 }, (_, i) => ({ ...deal(`p${i}`, [['created', 0, 'lead']]), amount: { amount: new Decimal(amount), currency: 'CNY' } }) as Opportunity);
      const over = plain.map((o, i) => ({ ...o, id: `o${i}`, probabilityOverride: new Decimal('0.5') }) as Opportunity);
      for (const deals of [plain, over]) {
        const s = funnelSnapshot(dealColumns(deals, pipeline), pipeline, { asOf: day(1) });
        expect(s.total.stages[0]!.amount.amount.toString()).toBe(`${sign}102000000000000.17`);
        expect(s).toEqual(funnelSnapshot(deals, pipeline, { asOf: day(1) }));
      }
    }
  });
});
