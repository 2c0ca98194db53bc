import { describe, expect, it } from 'vitest';
import { money, plainDate, timePhasedForecast, type TimePhasedStage } from '../../src/index.js';
import { snapshot } from './_fixtures.js';
import { fault } from '../_errors.js';

// The project-sales example of the course material, amounts in 万 (10 000 CNY).
const project: TimePhasedStage[] = [
  { stage: '潜在客户跟踪', amount: money('500000', 'CNY'), conversion: '0.5', duration: 2 }, // potential → bid: 2 months, 50 %
  { stage: '项目投标', amount: money('250000', 'CNY'), conversion: '0.8', duration: 1 }, // bid → negotiation: 1 month, 80 %
  { stage: '商务洽谈', amount: money('200000', 'CNY'), conversion: '0.9', duration: 1 }, // negotiation → contract: 1 month, 90 %
];

describe('timePhasedForecast', () => {
  it('golden: 18 万 from each stage, in about 4, 2 and 1 months, 54 万 in all', () => {
    const f = timePhasedForecast(project, { startDate: '2026-01-15' });
    expect(f.stages.map((s) => [s.stage, s.winProbability.toString(), s.expectedWon.amount.toString(), s.after, s.arrives])).toEqual([
      ['潜在客户跟踪', '0.36', '180000', 4, '2026-05-15'], // 50 × 0.5 × 0.8 × 0.9 = 18, after 2 + 1 + 1
      ['项目投标', '0.72', '180000', 2, '2026-03-15'], // 25 × 0.8 × 0.9 = 18, after 1 + 1
      ['商务洽谈', '0.9', '180000', 1, '2026-02-15'], // 20 × 0.9 = 18, after 1
    ]);
    expect(f.periods.map((p) => [p.period, p.start, p.end, p.expectedWon.amount.toString(), p.stages])).toEqual([
      ['2026-02', '2026-02-01', '2026-02-28', '180000', ['商务洽谈']],
      ['2026-03', '2026-03-01', '2026-03-31', '180000', ['项目投标']],
      ['2026-05', '2026-05-01', '2026-05-31', '180000', ['潜在客户跟踪']],
    ]);
    expect(f.total.amount.toString()).toBe('540000');
    expect(f.currency).toBe('CNY');
  });

  it('takes the start date as a PlainDate or a YYYY-MM-DD string, with the same result', () => {
    expect(snapshot(timePhasedForecast(project, { startDate: plainDate('2026-01-15') }))).toBe(snapshot(timePhasedForecast(project, { startDate: '2026-01-15' })));
  });

  it('groups arrivals into quarters or fiscal quarters', () => {
    const q = timePhasedForecast(project, { startDate: '2026-01-15', period: { unit: 'quarter' } });
    expect(q.periods.map((p) => [p.period, p.expectedWon.amount.toString(), p.stages.length])).toEqual([
      ['2026-Q1', '360000', 2],
      ['2026-Q2', '180000', 1],
    ]);
    const fq = timePhasedForecast(project, { startDate: '2026-01-15', period: { unit: 'fiscal_quarter', fiscalYearStartMonth: 4 } });
    expect(fq.periods.map((p) => p.period)).toEqual(['FY2026-Q4', 'FY2027-Q1']);
  });

  it('counts durations in days, or fractional months as 30.436875 days', () => {
    const days = timePhasedForecast(
      [
        { stage: 'bid', amount: money('100', 'CNY'), conversion: '0.5', duration: 20 },
        { stage: 'negotiate', amount: money('100', 'CNY'), conversion: '0.5', duration: 10.4 },
      ],
      { startDate: '2026-01-25', timeUnit: 'day' },
    );
    expect(days.stages.map((s) => s.arrives)).toEqual(['2026-02-24', '2026-02-04']); // +30.4 → 30 days, +10.4 → 10 days
    const months = timePhasedForecast([{ stage: 'x', amount: money('100', 'CNY'), conversion: '1', duration: 1.5 }], { startDate: '2026-01-31' });
    // 1 calendar month → 2026-02-28 (clamped), then 0.5 × 30.436875 = 15.2 → 15 days
    expect(months.stages[0]?.arrives).toBe('2026-03-15');
  });

  it('converts currencies, and handles no stages', () => {
    const f = timePhasedForecast(
      [
        { stage: 'a', amount: money('10', 'USD'), conversion: '0.5', duration: 1 },
        { stage: 'b', amount: money('100', 'CNY'), conversion: '0.5', duration: 1 },
      ],
      { startDate: '2026-01-01', currency: 'CNY', rates: { base: 'CNY', rates: { USD: '7' } } },
    );
    expect(f.stages.map((s) => s.expectedWon.amount.toString())).toEqual(['17.5', '50']); // 70 × 0.25, 100 × 0.5
    const none = timePhasedForecast([], { startDate: '2026-01-01', currency: 'CNY' });
    expect([none.stages, none.periods, none.total.amount.toString()]).toEqual([[], [], '0']);
  });

  it('refuses bad input and leaves its input unchanged', () => {
    const startDate = plainDate('2026-01-01');
    const stage = (conversion: string, duration: number) => [{ stage: 'x', amount: money('1', 'CNY'), conversion, duration }];
    const option = (name: string) => expect.objectContaining({ code: 'invalid_option', params: expect.objectContaining({ option: name }) });
    expect(() => timePhasedForecast(stage('1.1', 1), { startDate })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => timePhasedForecast(stage('0.5', -1), { startDate })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => timePhasedForecast(stage('0.5', 1), { startDate, timeUnit: 'week' as never })).toThrow(option('timeUnit'));
    expect(() => timePhasedForecast(stage('0.5', 1), { startDate: '2026-02-30' })).toThrow(option('startDate'));
    expect(() => timePhasedForecast(stage('0.5', 1), { startDate: '2026-01-01T00:00:00Z' })).toThrow(option('startDate'));
    expect(() => timePhasedForecast(stage('0.5', 1), {} as never)).toThrow(option('startDate'));
    expect(() => timePhasedForecast(stage('0.5', 1), { startDate, period: { unit: 'week' as never } })).toThrow(expect.objectContaining({ code: 'invalid_option' }));
    expect(() => timePhasedForecast([], { startDate })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => timePhasedForecast([...stage('0.5', 1), { stage: 'y', amount: money('1', 'USD'), conversion: '1', duration: 1 }], { startDate })).toThrow(
      expect.objectContaining({ code: 'currency_mismatch' }),
    );
    const before = snapshot(project);
    timePhasedForecast(project, { startDate });
    expect(snapshot(project)).toBe(before);
  });

  it('needs its options: without them, startDate is named as missing', () => {
    for (const options of [undefined, null]) {
      expect(fault(() => timePhasedForecast([], options as never))).toEqual(['invalid_option', 'startDate']);
    }
  });

  it('names what it refuses: a stage’s conversion or duration by its index, no stages without a currency', () => {
    const bad = (i: number, field: Partial<TimePhasedStage>) => project.map((s, k) => (k === i ? { ...s, ...field } : s));
    expect(fault(() => timePhasedForecast(bad(1, { conversion: '1.5' }), { startDate: '2026-01-15' }))).toEqual(['invalid_argument', 'stages[1].conversion']);
    expect(fault(() => timePhasedForecast(bad(2, { duration: -1 }), { startDate: '2026-01-15' }))).toEqual(['invalid_argument', 'stages[2].duration']);
    expect(fault(() => timePhasedForecast([], { startDate: '2026-01-15' }))).toEqual(['invalid_argument', 'stages']);
    expect(timePhasedForecast([], { startDate: '2026-01-15', currency: 'CNY' }).total.amount.toString()).toBe('0');
  });
});
