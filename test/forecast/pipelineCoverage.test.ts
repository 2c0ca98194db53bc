import { describe, expect, it } from 'vitest';
import { money, pipelineCoverage } from '../../src/index.js';
import { snapshot } from './_fixtures.js';
import { fault, thrown } from '../_errors.js';

describe('pipelineCoverage', () => {
  it('coverage = open pipeline ÷ remaining quota; required = 1 ÷ win rate', () => {
    const c = pipelineCoverage({
      openPipeline: money('4500000', 'CNY'), // 450 万
      quota: money('2000000', 'CNY'), // 200 万
      closedWon: money('500000', 'CNY'), // 50 万 won → 150 万 left
      winRate: '0.25',
    });
    expect(c.remainingQuota.amount.toString()).toBe('1500000');
    expect(c.coverage).toBe(3); // 450 / 150
    expect(c.requiredCoverage).toBe(4); // 1 / 0.25
    expect(c.requiredPipeline?.amount.toString()).toBe('6000000'); // 150 万 / 0.25
    expect(c.gap?.amount.toString()).toBe('1500000'); // 600 万 − 450 万
    expect(c.sufficient).toBe(false);
    expect(c.quotaMet).toBe(false);
  });

  it('is sufficient when coverage reaches 1 ÷ win rate, with no gap', () => {
    const c = pipelineCoverage({ openPipeline: money('500', 'CNY'), quota: money('200', 'CNY'), winRate: 0.4 });
    expect(c.coverage).toBe(2.5);
    expect(c.requiredCoverage).toBe(2.5);
    expect(c.gap?.amount.toString()).toBe('0');
    expect(c.sufficient).toBe(true);
  });

  it('gives null, never 0 or Infinity, for a zero denominator', () => {
    const met = pipelineCoverage({ openPipeline: money('100', 'CNY'), quota: money('200', 'CNY'), closedWon: money('250', 'CNY'), winRate: '0.5' });
    expect(met.remainingQuota.amount.toString()).toBe('0');
    expect(met.quotaMet).toBe(true);
    expect(met.coverage).toBeNull();
    expect(met.requiredPipeline?.amount.toString()).toBe('0');
    expect(met.sufficient).toBe(true);
    const noRate = pipelineCoverage({ openPipeline: money('100', 'CNY'), quota: money('200', 'CNY') });
    expect(noRate.coverage).toBe(0.5);
    expect([noRate.requiredCoverage, noRate.requiredPipeline, noRate.gap, noRate.sufficient]).toEqual([null, null, null, null]);
    const zeroRate = pipelineCoverage({ openPipeline: money('100', 'CNY'), quota: money('200', 'CNY'), winRate: 0 });
    expect([zeroRate.requiredCoverage, zeroRate.sufficient]).toEqual([null, null]);
  });

  it('converts amounts into the quota’s currency; refuses mixed currencies without rates and bad rates', () => {
    const c = pipelineCoverage(
      { openPipeline: money('100', 'USD'), quota: money('355', 'CNY'), winRate: '0.5' },
      { rates: { base: 'CNY', rates: { USD: '7.10' } } },
    );
    expect(c.coverage).toBe(2); // 710 / 355
    expect(() => pipelineCoverage({ openPipeline: money('100', 'USD'), quota: money('355', 'CNY') })).toThrow(
      expect.objectContaining({ code: 'currency_mismatch' }),
    );
    expect(() => pipelineCoverage({ openPipeline: money('1', 'CNY'), quota: money('1', 'CNY'), winRate: '1.2' })).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
    expect(() => pipelineCoverage({ openPipeline: money('-1', 'CNY'), quota: money('1', 'CNY') })).toThrow(
      expect.objectContaining({ code: 'invalid_argument' }),
    );
  });

  it('leaves its input unchanged', () => {
    const input = { openPipeline: money('300', 'CNY'), quota: money('100', 'CNY'), winRate: '0.3' };
    const before = snapshot(input);
    pipelineCoverage(input);
    expect(snapshot(input)).toBe(before);
  });

  it('names the amount it refuses as negative, and takes a null win rate as unknown', () => {
    const base = { openPipeline: money('100', 'CNY'), quota: money('200', 'CNY'), closedWon: money('50', 'CNY') };
    for (const name of ['quota', 'openPipeline', 'closedWon'] as const) {
      const e = thrown(() => pipelineCoverage({ ...base, [name]: money('-1', 'CNY') }));
      expect([e.code, e.params]).toEqual(['invalid_argument', expect.objectContaining({ name, reason: expect.objectContaining({ code: 'must_not_be_negative' }) })]);
    }
    expect(fault(() => pipelineCoverage({ ...base, winRate: '1.5' }))).toEqual(['invalid_argument', 'winRate']);
    expect(pipelineCoverage({ ...base, winRate: null })).toEqual(pipelineCoverage(base));
    expect(pipelineCoverage({ ...base, winRate: null }).requiredCoverage).toBeNull();
  });
});
