import { describe, expect, it } from 'vitest';
import { idealFunnel, money, parsePipeline, type Opportunity } from '../../src/index.js';
import { deal, snapshotOf, type Step } from '../analytics/_fixtures.js';
import { fault } from '../_errors.js';

/** The source's positions: top 25 %, middle 50 %, bottom 75 %. */
const positions = parsePipeline({
  id: 'positions',
  name: '漏斗位置',
  currency: 'CNY',
  stages: [
    { id: 'top', name: '漏斗上部', kind: 'open', probability: '0.25' },
    { id: 'middle', name: '漏斗中部', kind: 'open', probability: '0.5' },
    { id: 'bottom', name: '漏斗下部', kind: 'open', probability: '0.75' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});

let n = 0;
/** A deal created on day `d0` (from 2026-01-01) at the top that got `reach` stages further (3 = won), else was lost. */
function history(reach: 0 | 1 | 2 | 3, amount = '100000', d0 = 1): Opportunity {
  const steps: Step[] = [['created', d0, 'top']];
  if (reach >= 1) steps.push(['move', d0 + 10, 'middle']);
  if (reach >= 2) steps.push(['move', d0 + 20, 'bottom']);
  steps.push(reach === 3 ? ['won', d0 + 30] : ['lost', d0 + 30]);
  return deal(`h${++n}`, steps, { pipeline: positions, amount });
}
const times = (k: number, make: () => Opportunity) => Array.from({ length: k }, make);

/** A cohort converting 25 % / 50 % / 75 %: 32 at the top, 8 reach the middle, 4 the bottom, 3 won (10 万 each). */
function book(): Opportunity[] {
  return [...times(24, () => history(0)), ...times(4, () => history(1)), ...times(1, () => history(2)), ...times(3, () => history(3))];
}

const Q1 = { from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };

describe('idealFunnel', () => {
  it('golden: last quarter converted 25 % / 50 % / 75 % at 10 万 a win; 380 万 needs 38 wins and 408 / 102 / 51 deals', () => {
    const deals = book();
    const before = snapshotOf(deals);
    const r = idealFunnel(deals, positions, { ...Q1, target: money('3800000', 'CNY') });
    expect(snapshotOf(deals)).toBe(before);
    expect(r.stages.map((s) => [s.stageId, s.reached, s.conversion])).toEqual([
      ['top', 32, 0.25],
      ['middle', 8, 0.5],
      ['bottom', 4, 0.75],
    ]);
    expect(r.averageDealSize?.amount.toString()).toBe('100000');
    expect(r.wins?.toString()).toBe('38');
    // bottom 38 / 0.75 = 50.67 → 51; middle 51 / 0.5 = 102; top 102 / 0.25 = 408
    expect(r.stages.map((s) => s.deals?.toString())).toEqual(['408', '102', '51']);
    expect(r.stages[0]?.amount?.amount.toString()).toBe('40800000');
    expect(r.history.won).toBe(3);
    expect(r.wonMix.total.count).toBe(3);
    expect(r.wonMix.bands.map((b) => b.name)).toEqual(['all']); // without a mix, one band of every win
    expect(r.mix).toBeNull();
    expect([r.from.toISOString(), r.to.toISOString(), r.currency, r.pipelineId]).toEqual(['2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z', 'CNY', 'positions']);
    const exact = idealFunnel(deals, positions, { ...Q1, target: money('3800000', 'CNY'), rounding: 'exact' });
    expect(exact.stages[0]?.deals?.toFixed(2)).toBe('405.33');
  });

  it('plans with the history\'s deal-size mix: 61 / 30 / 12 / 5 wins at 5 / 20 / 80 / 300 万', () => {
    // 1152 at the top, 288 reach the middle, 144 the bottom, 108 won: 25 % / 50 % / 75 %.
    const wins = [...times(61, () => history(3, '50000')), ...times(30, () => history(3, '200000')), ...times(12, () => history(3, '800000')), ...times(5, () => history(3, '3000000'))];
    const deals = [...times(864, () => history(0)), ...times(144, () => history(1)), ...times(36, () => history(2)), ...wins];
    const bands = [
      { name: '小单', max: money('100000', 'CNY') },
      { name: '中单', min: money('100000', 'CNY'), max: money('500000', 'CNY') },
      { name: '大单', min: money('500000', 'CNY'), max: money('2000000', 'CNY') },
      { name: '特大单', min: money('2000000', 'CNY') },
    ];
    const r = idealFunnel(deals, positions, { ...Q1, target: money('12000000', 'CNY'), mix: bands });
    expect(r.stages.map((s) => s.conversion)).toEqual([0.25, 0.5, 0.75]);
    expect(r.mix?.map((b) => ((b.share as number) * 100).toFixed(1))).toEqual(['56.5', '27.8', '11.1', '4.6']);
    // average win = 3365 万 / 108 = 31.16 万; 1200 万 / 31.16 万 = 38.51 → 39 wins
    expect(r.averageDealSize?.amount.toFixed(2)).toBe('311574.07');
    expect(r.wins?.toString()).toBe('39');
    // 39 × 61/108 = 22.03, × 30/108 = 10.83, × 12/108 = 4.33, × 5/108 = 1.81 → 22 / 10 / 4 / 1 and the 2 left to .83 and .81
    expect(r.mix?.map((b) => b.wins?.toString())).toEqual(['22', '11', '4', '2']);
    // bottom 39 / 0.75 = 52; middle 104; top 416
    expect(r.stages.map((s) => s.deals?.toString())).toEqual(['416', '104', '52']);
  });

  it('reads the rates from the cohort created in [from, to) and the wins closed in it', () => {
    // Created in Q2 (day 100): not in the Q1 cohort, and won on day 130, outside Q1.
    const deals = [...book(), history(3, '9000000', 100), history(0, '100000', 100)];
    const r = idealFunnel(deals, positions, { ...Q1, target: money('3800000', 'CNY') });
    expect(r.stages.map((s) => s.reached)).toEqual([32, 8, 4]);
    expect(r.averageDealSize?.amount.toString()).toBe('100000');
  });

  it('gives null for a stage no deal reached, every stage above it, and without wins', () => {
    const noBottom = [...times(4, () => history(0)), ...times(2, () => history(1))];
    const r = idealFunnel(noBottom, positions, { ...Q1, target: money('1000000', 'CNY') });
    expect(r.stages.map((s) => s.conversion)).toEqual([2 / 6, 0, null]); // 6 at the top, 2 reach the middle, none the bottom
    expect(r.averageDealSize).toBeNull();
    expect(r.wins).toBeNull();
    expect(r.stages.map((s) => s.deals)).toEqual([null, null, null]);
    const withWinsElsewhere = idealFunnel([...noBottom, history(3, '100000', 100)], positions, { ...Q1, target: money('1000000', 'CNY') });
    expect(withWinsElsewhere.stages.map((s) => s.deals)).toEqual([null, null, null]);
    const empty = idealFunnel([], positions, { ...Q1, target: money('1000000', 'CNY'), mix: [{ max: money('1', 'CNY') }] });
    expect(empty.mix).toBeNull();
    expect(empty.stages.every((s) => s.deals === null && s.conversion === null && s.reached === 0)).toBe(true);
  });

  it('converts the target into the pipeline currency, and skips deals of other pipelines when asked', () => {
    const rates = { base: 'CNY', rates: { USD: '7' } };
    const r = idealFunnel(book(), positions, { ...Q1, target: money('100000', 'USD'), rates });
    expect(r.target.amount.toString()).toBe('700000');
    expect(r.wins?.toString()).toBe('7');
    const stranger = { ...history(3), pipelineId: 'other' } as Opportunity;
    expect(() => idealFunnel([stranger], positions, { ...Q1, target: money('1', 'CNY') })).toThrow(expect.objectContaining({ code: 'pipeline_mismatch' }));
    expect(idealFunnel([...book(), stranger], positions, { ...Q1, target: money('3800000', 'CNY'), otherPipelines: 'ignore' }).wins?.toString()).toBe('38');
  });

  it('refuses missing or bad options', () => {
    const code = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        const p = (e as { params: { name?: string; option?: string; reason?: { code: string } } }).params;
        return `${(e as { code: string }).code} ${p.option ?? p.name} ${p.reason?.code}`;
      }
      return 'no error';
    };
    const target = money('1', 'CNY');
    expect(code(() => idealFunnel([], positions, undefined as never))).toBe('invalid_option from is_required');
    expect(code(() => idealFunnel([], positions, { to: Q1.to, target } as never))).toBe('invalid_option from is_required');
    expect(code(() => idealFunnel([], positions, { ...Q1 } as never))).toBe('invalid_option target is_required');
    expect(code(() => idealFunnel([], positions, { ...Q1, target: 5 as never }))).toBe('invalid_option target must_be_object');
    expect(code(() => idealFunnel([], positions, { from: Q1.to, to: Q1.from, target }))).toBe('invalid_option from from_after_to');
    expect(code(() => idealFunnel([], positions, { ...Q1, target, rounding: 'up' as never }))).toBe('invalid_option rounding one_of');
    expect(code(() => idealFunnel([], positions, { ...Q1, target, otherPipelines: 'skip' as never }))).toBe('invalid_option otherPipelines one_of');
    expect(code(() => idealFunnel([], positions, { ...Q1, target, mix: [] }))).toBe('invalid_argument mix must_not_be_empty');
    expect(code(() => idealFunnel([], positions, { ...Q1, target, mix: [{ max: money('1', 'CNY') }, { max: money('2', 'CNY') }] }))).toBe('invalid_argument mix[1] bands_out_of_order');
  });

  it('refuses more missing or bad options, naming each', () => {
    const target = money('1', 'CNY');
    expect(fault(() => idealFunnel([], positions, { from: Q1.from, target } as never))).toEqual(['invalid_option', 'to']);
    expect(fault(() => idealFunnel([], positions, null as never))).toEqual(['invalid_option', 'from']);
    // A bad instant is named by the option it came in.
    expect(fault(() => idealFunnel([], positions, { ...Q1, from: 'garbage', target }))).toEqual(['invalid_option', 'from']);
    expect(fault(() => idealFunnel([], positions, { ...Q1, to: 'garbage', target }))).toEqual(['invalid_option', 'to']);
    expect(fault(() => idealFunnel([], positions, { ...Q1, asOf: 'garbage', target }))).toEqual(['invalid_option', 'asOf']);
    expect(fault(() => idealFunnel([], positions, { ...Q1, target: null as never }))).toEqual(['invalid_option', 'target']);
    expect(fault(() => idealFunnel(5 as never, positions, { ...Q1, target }))).toEqual(['invalid_argument', 'historyDeals']);
    expect(fault(() => idealFunnel([history(0), history(1), null as never], positions, { ...Q1, target }))).toEqual(['invalid_argument', 'historyDeals[2]']);
    // An empty window is a window (no deals in it), not a reversed one.
    expect(idealFunnel(book(), positions, { from: Q1.from, to: Q1.from, target }).history.stages[0]?.reached).toBe(0);
  });

  it('reads the conversion rates as of asOf when given', () => {
    // The three wins come on day 31 (2026-01-31); as of the 20th they were still open.
    const deals = book();
    expect(idealFunnel(deals, positions, { ...Q1, target: money('3800000', 'CNY') }).history.won).toBe(3);
    const early = idealFunnel(deals, positions, { ...Q1, target: money('3800000', 'CNY'), asOf: '2026-01-20T00:00:00Z' });
    // The conversion rates read the ledgers as of then: no win yet, and no deal at the bottom (no rate there).
    expect([early.history.won, early.stages[2]?.reached, early.stages[2]?.conversion]).toEqual([0, 0, null]);
  });

  it('reads the wins of the deal-size mix as of asOf too: a deal won after it is not a win yet', () => {
    const deals = book();
    const target = money('3800000', 'CNY');
    // As of the 20th the three wins (day 31) had not happened: no average win, every stage null.
    const early = idealFunnel(deals, positions, { ...Q1, target, asOf: '2026-01-20T00:00:00Z' });
    expect([early.wonMix.total.count, early.averageDealSize, early.wins, early.stages.map((s) => s.deals)]).toEqual([0, null, null, [null, null, null]]);
    // With bands: no band has a win.
    const banded = idealFunnel(deals, positions, { ...Q1, target, asOf: '2026-01-20T00:00:00Z', mix: [{ name: 'all' }] });
    expect([banded.wonMix.total.count, banded.mix]).toEqual([0, null]);
    // As of mid-February they had: the same as reading the whole ledgers.
    const later = idealFunnel(deals, positions, { ...Q1, target, asOf: '2026-02-15T00:00:00Z' });
    expect([later.wonMix.total.count, later.averageDealSize?.amount.toString(), later.wins?.toString()]).toEqual([3, '100000', '38']);
    // One more win of 40 万 on 2 March, after an asOf of 1 March: left out of the average as of then.
    const more = [...deals, history(3, '400000', 31)];
    expect(idealFunnel(more, positions, { ...Q1, target }).averageDealSize?.amount.toString()).toBe('175000');
    expect(idealFunnel(more, positions, { ...Q1, target, asOf: '2026-03-01T00:00:00Z' }).averageDealSize?.amount.toString()).toBe('100000');
  });

  it('converts the wins of the history into the pipeline currency with rates, and passes other errors on unchanged', () => {
    const inUsd = book().map((d) => ({ ...d, amount: { amount: d.amount.amount, currency: 'USD' } }) as Opportunity);
    const rates = { base: 'CNY', rates: { USD: '7' } };
    const r = idealFunnel(inUsd, positions, { ...Q1, target: money('3800000', 'CNY'), rates });
    expect(r.averageDealSize?.amount.toString()).toBe('700000');
    expect(idealFunnel(inUsd, positions, { ...Q1, target: money('3800000', 'CNY'), rates, mix: [{ name: 'all' }] }).mix?.[0]?.averageDealSize.amount.toString()).toBe('700000');
    // Without rates the wins cannot be read in CNY: dealSizeMix's currency_mismatch, as it is.
    expect(fault(() => idealFunnel(inUsd, positions, { ...Q1, target: money('3800000', 'CNY') }))[0]).toBe('currency_mismatch');
  });
});
