import { describe, expect, it } from 'vitest';
import { money, requiredPipeline } from '../../src/index.js';

const conversions = [
  { stage: 'lead', conversion: '0.5' },
  { stage: 'qualify', conversion: '0.5' },
  { stage: 'proposal', conversion: '0.8' },
];
const deals = (r: ReturnType<typeof requiredPipeline>) => r.stages.map((s) => s.deals?.toString() ?? null);

describe('requiredPipeline (reverse funnel)', () => {
  it('100 万 target at 10 万 a deal: 10 wins, then ÷ each conversion bottom up, rounding up at each stage', () => {
    const r = requiredPipeline({ target: money('1000000', 'CNY'), averageDealSize: money('100000', 'CNY'), stageConversions: conversions });
    expect(r.wins?.toString()).toBe('10');
    // proposal 10 / 0.8 = 12.5 → 13; qualify 13 / 0.5 = 26; lead 26 / 0.5 = 52
    expect(deals(r)).toEqual(['52', '26', '13']);
    expect(r.stages.map((s) => s.amount?.amount.toString())).toEqual(['5200000', '2600000', '1300000']);
    expect(r.rounding).toBe('ceil_each_stage');
    expect(r.stages.map((s) => s.conversion)).toEqual([0.5, 0.5, 0.8]); // rates are numbers
  });

  it('keeps exact decimals with rounding "exact"', () => {
    const r = requiredPipeline({ target: money('1000000', 'CNY'), averageDealSize: money('100000', 'CNY'), stageConversions: conversions, rounding: 'exact' });
    // 10 / 0.8 = 12.5; / 0.5 = 25; / 0.5 = 50
    expect(deals(r)).toEqual(['50', '25', '12.5']);
  });

  it('reproduces the worked funnel 100 → 80 → 40 → 20 → 10 → 5 from 5 wins', () => {
    const r = requiredPipeline({
      target: money('500000', 'CNY'),
      averageDealSize: money('100000', 'CNY'),
      stageConversions: [
        { stage: '潜在客户', conversion: '0.8' },
        { stage: '初步接触', conversion: '0.5' },
        { stage: '需求确认', conversion: '0.5' },
        { stage: '方案提出', conversion: '0.5' },
        { stage: '报价洽谈', conversion: '0.5' },
      ],
    });
    expect(deals(r)).toEqual(['100', '80', '40', '20', '10']);
  });

  it('rounds the wins up too: 105 万 at 10 万 a deal is 11 wins, not 10.5', () => {
    const r = requiredPipeline({ target: money('1050000', 'CNY'), averageDealSize: money('100000', 'CNY'), stageConversions: [{ stage: 'quote', conversion: '0.5' }] });
    expect(r.wins?.toString()).toBe('11');
    expect(deals(r)).toEqual(['22']);
  });

  it('gives null for a zero conversion (and every stage above) and for a zero deal size', () => {
    const r = requiredPipeline({
      target: money('100', 'CNY'),
      averageDealSize: money('10', 'CNY'),
      stageConversions: [
        { stage: 'a', conversion: '0.5' },
        { stage: 'b', conversion: '0' },
        { stage: 'c', conversion: '0.5' },
      ],
    });
    expect(deals(r)).toEqual([null, null, '20']);
    const zero = requiredPipeline({ target: money('100', 'CNY'), averageDealSize: money('0', 'CNY'), stageConversions: conversions });
    expect(zero.wins).toBeNull();
    expect(deals(zero)).toEqual([null, null, null]);
  });

  it('refuses bad input', () => {
    const base = { target: money('100', 'CNY'), averageDealSize: money('10', 'CNY'), stageConversions: conversions };
    expect(() => requiredPipeline({ ...base, stageConversions: [{ stage: 'x', conversion: '1.5' }] })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => requiredPipeline({ ...base, target: money('-1', 'CNY') })).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => requiredPipeline({ ...base, rounding: 'round' as never })).toThrow(expect.objectContaining({ code: 'invalid_option' }));
    expect(() => requiredPipeline({ ...base, averageDealSize: money('10', 'USD') })).toThrow(expect.objectContaining({ code: 'currency_mismatch' }));
  });
});
