import { describe, expect, it } from 'vitest';
import { money, salesVelocity } from '../../src/index.js';
import { fault } from '../_errors.js';

describe('salesVelocity', () => {
  it('opportunities × win rate × average deal size ÷ cycle length', () => {
    const v = salesVelocity({ opportunities: 40, winRate: '0.25', averageDealSize: money('200000', 'CNY'), cycleDays: 80 });
    // 40 × 0.25 × 20 万 = 200 万 per 80-day cycle = 25 000 a day = 750 000 per 30 days
    expect(v.perDay?.amount.toString()).toBe('25000');
    expect(v.perPeriod?.amount.toString()).toBe('750000');
    expect(v.periodDays).toBe(30);
    const quarterly = salesVelocity({ opportunities: 40, winRate: '0.25', averageDealSize: money('200000', 'CNY'), cycleDays: 90 }, { periodDays: 90 });
    expect(quarterly.perPeriod?.amount.toString()).toBe('2000000'); // exact: multiplied before divided
    expect(quarterly.perDay?.amount.toFixed(2)).toBe('22222.22');
  });

  it('accepts a win rate that a statistic produced as a binary number', () => {
    const v = salesVelocity({ opportunities: 3, winRate: 1 / 3, averageDealSize: money('300', 'CNY'), cycleDays: 10 });
    expect(v.perDay?.amount.toFixed(6)).toBe('30.000000');
  });

  it('is null for a zero-day cycle or an unknown input, never Infinity or NaN', () => {
    const base = { opportunities: 10, winRate: '0.5', averageDealSize: money('100', 'CNY'), cycleDays: 10 };
    for (const input of [{ ...base, cycleDays: 0 }, { ...base, cycleDays: null }, { ...base, winRate: null }, { ...base, averageDealSize: null }]) {
      const v = salesVelocity(input);
      expect([v.perDay, v.perPeriod]).toEqual([null, null]);
    }
    expect(salesVelocity({ ...base, opportunities: 0 }).perDay?.amount.toString()).toBe('0');
  });

  it('refuses bad input', () => {
    const base = { opportunities: 10, winRate: '0.5', averageDealSize: money('100', 'CNY'), cycleDays: 10 };
    expect(() => salesVelocity({ ...base, opportunities: -1 })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => salesVelocity({ ...base, cycleDays: Number.NaN })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => salesVelocity({ ...base, winRate: '2' })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => salesVelocity(base, { periodDays: 0 })).toThrow(expect.objectContaining({ code: 'invalid_option' }));
  });

  it('names the input or option it refuses', () => {
    const base = { opportunities: 10, winRate: '0.5', averageDealSize: money('100', 'CNY'), cycleDays: 10 };
    expect(fault(() => salesVelocity({ ...base, opportunities: -1 }))).toEqual(['invalid_argument', 'opportunities']);
    expect(fault(() => salesVelocity({ ...base, cycleDays: -1 }))).toEqual(['invalid_argument', 'cycleDays']);
    expect(fault(() => salesVelocity({ ...base, winRate: '2' }))).toEqual(['invalid_argument', 'winRate']);
    expect(fault(() => salesVelocity(base, { periodDays: -3 }))).toEqual(['invalid_option', 'periodDays']);
    expect(fault(() => salesVelocity({ ...base, averageDealSize: money('x' as never, 'CNY') }))[0]).toBe('invalid_amount');
  });
});
