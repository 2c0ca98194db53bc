import { describe, expect, it } from 'vitest';
import { parsePipeline, timePhasedForecast, timePhasedForecastFromDeals, type Opportunity } from '../../src/index.js';
import { day, deal, snapshotOf, type Step } from '../analytics/_fixtures.js';
import { fault } from '../_errors.js';

/** The material's project sales: potential → bid → negotiation → contract. */
const project = parsePipeline({
  id: 'project',
  name: '项目型销售',
  currency: 'CNY',
  stages: [
    { id: 'potential', name: '潜在客户跟踪', kind: 'open', probability: '0.25' },
    { id: 'bid', name: '项目投标', kind: 'open', probability: '0.5' },
    { id: 'negotiation', name: '商务洽谈', kind: 'open', probability: '0.75' },
    { id: 'won', name: '签订合同', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});

let n = 0;
/**
 * A deal of last year (created `d0` days from 2026-01-01, so negative) that spent 60 days
 * in potential, 30 in bid and 30 in negotiation as far as it got (`reach`: 3 = won), and
 * was lost 10 days after its last move otherwise.
 */
function lastYear(reach: 0 | 1 | 2 | 3, d0 = -300): Opportunity {
  const steps: Step[] = [['created', d0, 'potential']];
  if (reach >= 1) steps.push(['move', d0 + 60, 'bid']);
  if (reach >= 2) steps.push(['move', d0 + 90, 'negotiation']);
  steps.push(reach === 3 ? ['won', d0 + 120] : ['lost', d0 + 10 + [0, 60, 90][reach]!]);
  return deal(`h${++n}`, steps, { pipeline: project, amount: '100000' });
}
const times = (k: number, make: () => Opportunity) => Array.from({ length: k }, make);

/**
 * Last year: 50 deals, 25 reach bid (50 %), 20 negotiation (80 %), 18 won (90 %).
 * Now (created 2026-01-01): 50 万 in potential, 25 万 in bid, 20 万 in negotiation.
 */
function book(): Opportunity[] {
  return [
    ...times(25, () => lastYear(0)),
    ...times(5, () => lastYear(1)),
    ...times(2, () => lastYear(2)),
    ...times(18, () => lastYear(3)),
    deal('now-potential', [['created', 0, 'potential']], { pipeline: project, amount: '500000' }),
    deal('now-bid', [['created', 0, 'bid']], { pipeline: project, amount: '250000' }),
    deal('now-negotiation', [['created', 0, 'negotiation']], { pipeline: project, amount: '200000' }),
  ];
}

const LAST_YEAR = { from: '2025-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' };

describe('timePhasedForecastFromDeals', () => {
  it('golden: the project-sales example learned from last year\'s deals — 18 万 from each stage, 54 万 in all', () => {
    const deals = book();
    const before = snapshotOf(deals);
    const f = timePhasedForecastFromDeals(deals, project, { asOf: '2026-01-15T00:00:00Z', ...LAST_YEAR });
    expect(snapshotOf(deals)).toBe(before);
    expect(f.inputs.map((s) => [s.stageId, s.amount.amount.toString(), s.conversion, s.durationDays, s.forecast])).toEqual([
      ['potential', '500000', 0.5, 60, true],
      ['bid', '250000', 0.8, 30, true],
      ['negotiation', '200000', 0.9, 30, true],
    ]);
    // 50 × 0.5 × 0.8 × 0.9 = 18 万 after 120 days; 25 × 0.8 × 0.9 = 18 万 after 60; 20 × 0.9 = 18 万 after 30
    expect(f.stages.map((s) => [s.stage, s.expectedWon.amount.toString(), s.after, s.arrives])).toEqual([
      ['potential', '180000', 120, '2026-05-15'],
      ['bid', '180000', 60, '2026-03-16'],
      ['negotiation', '180000', 30, '2026-02-14'],
    ]);
    expect(f.total.amount.toString()).toBe('540000');
    expect(f.periods.map((p) => p.period)).toEqual(['2026-02', '2026-03', '2026-05']);
    expect([f.startDate, f.asOf.toISOString(), f.currency]).toEqual(['2026-01-15', '2026-01-15T00:00:00.000Z', 'CNY']);
    expect(f.unforecastable.stageIds).toEqual([]);
  });

  it('golden: a 2/7 conversion — expected wins rounded to the fen by largest remainder, adding up to the rounded total', () => {
    // Last year: 7 deals reached negotiation (through potential and bid), 2 were won: 1, 1 and 2/7.
    // Now 10 元 stands in each stage, so each stage expects 10 × 2/7 = 2.857142… 元 and the
    // three 8.571428… 元, which rounds (half-even) to 8.57. Rounding each stage alone would
    // give 2.86 × 3 = 8.58; instead each is rounded down to 2.85 (855 fen) and the 2 fen
    // the total still needs go to the largest remainders (all equal: the higher stages).
    const deals = [
      ...times(5, () => lastYear(2)),
      ...times(2, () => lastYear(3)),
      deal('ten-potential', [['created', 0, 'potential']], { pipeline: project, amount: '10' }),
      deal('ten-bid', [['created', 0, 'bid']], { pipeline: project, amount: '10' }),
      deal('ten-negotiation', [['created', 0, 'negotiation']], { pipeline: project, amount: '10' }),
    ];
    const f = timePhasedForecastFromDeals(deals, project, { asOf: '2026-01-15T00:00:00Z', ...LAST_YEAR });
    expect(f.inputs.map((s) => [s.stageId, s.conversion, s.durationDays, s.forecast])).toEqual([
      ['potential', 1, 60, true],
      ['bid', 1, 30, true],
      ['negotiation', 2 / 7, 30, true],
    ]);
    expect(f.stages.map((s) => [s.stage, s.expectedWon.amount.toFixed(2), s.arrives])).toEqual([
      ['potential', '2.86', '2026-05-15'],
      ['bid', '2.86', '2026-03-16'],
      ['negotiation', '2.85', '2026-02-14'],
    ]);
    expect(f.total.amount.toFixed(2)).toBe('8.57');
    expect(f.periods.map((p) => [p.period, p.expectedWon.amount.toFixed(2)])).toEqual([
      ['2026-02', '2.85'],
      ['2026-03', '2.86'],
      ['2026-05', '2.86'],
    ]);
    // By quarter: Q1 = 2.85 + 2.86 = 5.71 and Q2 = 2.86, so the periods add up to 8.57 as well.
    const q = timePhasedForecastFromDeals(deals, project, { asOf: '2026-01-15T00:00:00Z', ...LAST_YEAR, period: { unit: 'quarter' } });
    expect(q.periods.map((p) => [p.period, p.expectedWon.amount.toFixed(2), p.stages])).toEqual([
      ['2026-Q1', '5.71', ['bid', 'negotiation']],
      ['2026-Q2', '2.86', ['potential']],
    ]);
    expect(q.total.amount.toFixed(2)).toBe('8.57');
  });

  it('is timePhasedForecast on the learned inputs', () => {
    const f = timePhasedForecastFromDeals(book(), project, { asOf: '2026-01-15T00:00:00Z', ...LAST_YEAR, period: { unit: 'quarter' } });
    const direct = timePhasedForecast(
      f.inputs.map((s) => ({ stage: s.stageId, amount: s.amount, conversion: s.conversion as number, duration: s.durationDays as number })),
      { startDate: '2026-01-15', timeUnit: 'day', period: { unit: 'quarter' } },
    );
    expect(snapshotOf(f.periods)).toBe(snapshotOf(direct.periods));
    expect(f.periods.map((p) => p.period)).toEqual(['2026-Q1', '2026-Q2']);
  });

  it('without a window learns from every deal, the ones open now included (not yet converted)', () => {
    const f = timePhasedForecastFromDeals(book(), project, { asOf: '2026-01-15T00:00:00Z' });
    // 53 reached potential, 27 bid, 21 negotiation (each open deal counts as having passed the stages above it), 18 won
    expect(f.inputs.map((s) => s.conversion)).toEqual([27 / 53, 21 / 27, 18 / 21]);
  });

  it('takes the median of the completed stays with duration: "median", and dates on the zone\'s calendar', () => {
    const extra = [lastYear(1, -200)]; // 60 days in potential as well; a different bid stay (lost)
    const f = timePhasedForecastFromDeals([...book(), ...extra], project, { asOf: '2026-01-14T20:00:00Z', ...LAST_YEAR, duration: 'median', timeZone: 'Asia/Shanghai' });
    expect(f.startDate).toBe('2026-01-15');
    expect(f.inputs.map((s) => s.durationDays)).toEqual([60, 30, 30]);
  });

  it('leaves out a stage without a conversion or duration, and every stage above it; never counts them as 0', () => {
    // No history deal ever moved on from negotiation: its duration is unknown, so nothing can be forecast.
    const history = [...times(4, () => lastYear(0)), ...times(2, () => lastYear(2))];
    const now = deal('now', [['created', 0, 'bid']], { pipeline: project, amount: '250000' });
    const f = timePhasedForecastFromDeals([...history, now], project, { asOf: '2026-01-15T00:00:00Z', ...LAST_YEAR });
    expect(f.inputs.map((s) => [s.conversion, s.durationDays, s.forecast])).toEqual([
      [2 / 6, 60, false],
      [1, 30, false],
      [0, null, false],
    ]);
    expect(f.stages).toEqual([]);
    expect(f.total.amount.toString()).toBe('0');
    expect(f.unforecastable.stageIds).toEqual(['potential', 'bid', 'negotiation']);
    expect(f.unforecastable.amount.amount.toString()).toBe('250000');
    // With the last stage learned, only the stages below the unknown one are forecast.
    const g = timePhasedForecastFromDeals([...history, ...times(1, () => lastYear(3)), now], project, { asOf: '2026-01-15T00:00:00Z', ...LAST_YEAR });
    expect(g.inputs.map((s) => s.forecast)).toEqual([true, true, true]);
  });

  it('refuses missing or bad options and deals of other pipelines', () => {
    const code = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        const p = (e as { params: { name?: string; option?: string; reason?: { code: string } } }).params;
        return `${(e as { code: string }).code} ${p.option ?? p.name ?? ''} ${p.reason?.code ?? ''}`.trim();
      }
      return 'no error';
    };
    const asOf = '2026-01-15T00:00:00Z';
    expect(code(() => timePhasedForecastFromDeals([], project, undefined as never))).toBe('invalid_option asOf is_required');
    expect(code(() => timePhasedForecastFromDeals([], project, {} as never))).toBe('invalid_option asOf is_required');
    expect(code(() => timePhasedForecastFromDeals([], project, { asOf, from: LAST_YEAR.to, to: LAST_YEAR.from }))).toBe('invalid_option from from_after_to');
    expect(code(() => timePhasedForecastFromDeals([], project, { asOf, duration: 'mode' as never }))).toBe('invalid_option duration one_of');
    expect(code(() => timePhasedForecastFromDeals([], project, { asOf, otherPipelines: 'x' as never }))).toBe('invalid_option otherPipelines one_of');
    expect(code(() => timePhasedForecastFromDeals([], project, { asOf, timeZone: 'Mars/Base' }))).toMatch(/^invalid_option timeZone/);
    const stranger = { ...lastYear(3), pipelineId: 'other' } as Opportunity;
    expect(code(() => timePhasedForecastFromDeals([stranger], project, { asOf }))).toMatch(/^pipeline_mismatch/);
    expect(timePhasedForecastFromDeals([stranger], project, { asOf, otherPipelines: 'ignore' }).total.amount.toString()).toBe('0');
  });

  it('names the option it refuses: asOf missing (also without options), a bad from or to', () => {
    expect(fault(() => timePhasedForecastFromDeals([], project, null as never))).toEqual(['invalid_option', 'asOf']);
    expect(fault(() => timePhasedForecastFromDeals([], project, {} as never))).toEqual(['invalid_option', 'asOf']);
    expect(fault(() => timePhasedForecastFromDeals([], project, { asOf: '2026-01-15T00:00:00Z', from: 'soon' as never }))).toEqual(['invalid_option', 'from']);
    expect(fault(() => timePhasedForecastFromDeals([], project, { asOf: '2026-01-15T00:00:00Z', to: 'later' as never }))).toEqual(['invalid_option', 'to']);
  });

  it('starts on the date of asOf on the wall clock of the zone', () => {
    const late = '2026-01-15T20:00:00Z'; // 04:00 on the 16th in UTC+8
    expect(timePhasedForecastFromDeals([], project, { asOf: late }).startDate).toBe('2026-01-15');
    expect(timePhasedForecastFromDeals([], project, { asOf: late, offsetMinutes: 480 }).startDate).toBe('2026-01-16');
    expect(timePhasedForecastFromDeals([], project, { asOf: late, timeZone: 'Asia/Shanghai' }).startDate).toBe('2026-01-16');
  });

  it('learns from the deals created in [from, to): one created at from counts, one created at to does not', () => {
    const deals = book();
    const whole = timePhasedForecastFromDeals(deals, project, { asOf: '2026-01-15T00:00:00Z', ...LAST_YEAR });
    // Every deal of last year was created on day −300: from that instant on, the same history.
    const fromTheirDay = timePhasedForecastFromDeals(deals, project, { asOf: '2026-01-15T00:00:00Z', from: day(-300).toISOString(), to: LAST_YEAR.to });
    expect(fromTheirDay.inputs).toEqual(whole.inputs);
    // To that instant, none: no rates to learn.
    const toTheirDay = timePhasedForecastFromDeals(deals, project, { asOf: '2026-01-15T00:00:00Z', from: LAST_YEAR.from, to: day(-300).toISOString() });
    expect(toTheirDay.inputs.map((s) => s.conversion)).toEqual([null, null, null]);
    // An empty window is a window.
    expect(timePhasedForecastFromDeals(deals, project, { asOf: '2026-01-15T00:00:00Z', from: LAST_YEAR.to, to: LAST_YEAR.to }).inputs.map((s) => s.conversion)).toEqual([null, null, null]);
  });

  it('converts deals in other currencies with rates; names the deals it refuses; leaves a deal without a ledger out of the history', () => {
    const inUsd = book().map((d) => ({ ...d, amount: { amount: d.amount.amount, currency: 'USD' } }) as Opportunity);
    const rates = { base: 'CNY', rates: { USD: '7' } };
    const f = timePhasedForecastFromDeals(inUsd, project, { asOf: '2026-01-15T00:00:00Z', ...LAST_YEAR, rates });
    expect(f.inputs.map((s) => s.amount.amount.toString())).toEqual(['3500000', '1750000', '1400000']);
    expect(fault(() => timePhasedForecastFromDeals(inUsd, project, { asOf: '2026-01-15T00:00:00Z', ...LAST_YEAR }))[0]).toBe('currency_mismatch');
    expect(fault(() => timePhasedForecastFromDeals(5 as never, project, { asOf: '2026-01-15T00:00:00Z' }))).toEqual(['invalid_argument', 'opportunities']);
    expect(fault(() => timePhasedForecastFromDeals([lastYear(0), null as never], project, { asOf: '2026-01-15T00:00:00Z' }))).toEqual(['invalid_argument', 'opportunities[1]']);
    const bare = { ...lastYear(0), history: [] } as unknown as Opportunity;
    expect(timePhasedForecastFromDeals([bare], project, { asOf: '2026-01-15T00:00:00Z', ...LAST_YEAR }).inputs.map((s) => s.conversion)).toEqual([null, null, null]);
  });
});
