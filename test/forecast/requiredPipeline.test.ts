import { describe, expect, it } from 'vitest';
import { Decimal, money, requiredPipeline } from '../../src/index.js';
import { thrown } from '../_errors.js';

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

  it('keeps the single-average form: averageDealSize is reported, mix is null', () => {
    const r = requiredPipeline({ target: money('1000000', 'CNY'), averageDealSize: money('100000', 'CNY'), stageConversions: conversions });
    expect(r.averageDealSize?.amount.toString()).toBe('100000');
    expect(r.mix).toBeNull();
  });
});

// The three stages of the source's positions, top (25 %), middle (50 %), bottom (75 %).
const positions = [
  { stage: 'top', conversion: '0.25' },
  { stage: 'middle', conversion: '0.5' },
  { stage: 'bottom', conversion: '0.75' },
];
const band = (name: string, avg: string, wins: number | string) => ({ name, averageDealSize: money(avg, 'CNY'), wins });

describe('requiredPipeline with a deal-size mix', () => {
  it('golden: a plan of 28 / 7 / 2 / 1 wins is 38 wins; 75 % / 50 % / 25 % bottom up need 51 / 102 / 408 deals', () => {
    const mix = [band('小单', '50000', 28), band('中单', '200000', 7), band('大单', '800000', 2), band('特大单', '2000000', 1)];
    const r = requiredPipeline({ mix, stageConversions: positions });
    expect(r.wins?.toString()).toBe('38');
    // bottom: 38 / 0.75 = 50.67 → 51; middle: 51 / 0.5 = 102; top: 102 / 0.25 = 408
    expect(deals(r)).toEqual(['408', '102', '51']);
    expect(r.currency).toBe('CNY');
    // 28 × 5 万 + 7 × 20 万 + 2 × 80 万 + 1 × 200 万 = 640 万 over 38 wins
    expect(r.mix?.map((b) => [b.name, b.wins?.toString(), b.amount?.amount.toString()])).toEqual([
      ['小单', '28', '1400000'],
      ['中单', '7', '1400000'],
      ['大单', '2', '1600000'],
      ['特大单', '1', '2000000'],
    ]);
    expect(r.averageDealSize?.amount.times(38).toFixed(20)).toBe('6400000.00000000000000000000');
    expect(r.mix?.map((b) => b.share)).toEqual([28 / 38, 7 / 38, 2 / 38, 1 / 38]);
    // stage amounts = deals × the mix's average win (640 万 / 38)
    expect(r.stages[2]?.amount?.amount.toString()).toBe(new Decimal(6400000).times(51).div(38).toString());

    const exact = requiredPipeline({ mix, stageConversions: positions, rounding: 'exact' });
    expect(exact.stages[0]?.deals?.toFixed(2)).toBe('405.33'); // 38 / 0.75 / 0.5 / 0.25
  });

  it('rounds each band\'s wins up with ceil_each_stage, keeps them with exact', () => {
    const mix = [band('a', '100', '2.5'), band('b', '300', '1')];
    expect(requiredPipeline({ mix, stageConversions: [] }).wins?.toString()).toBe('4');
    expect(requiredPipeline({ mix, stageConversions: [], rounding: 'exact' }).wins?.toString()).toBe('3.5');
  });

  it('a mix of shares splits the target: average win = Σ share × average, wins shared out in whole deals', () => {
    // The history's mix 61 / 30 / 12 / 5 (shares relative to their sum), averages 5 / 20 / 80 / 200 万.
    const mix = [
      { name: '小单', averageDealSize: money('50000', 'CNY'), share: 61 },
      { name: '中单', averageDealSize: money('200000', 'CNY'), share: 30 },
      { name: '大单', averageDealSize: money('800000', 'CNY'), share: 12 },
      { name: '特大单', averageDealSize: money('2000000', 'CNY'), share: 5 },
    ];
    // average = (61 × 5 + 30 × 20 + 12 × 80 + 5 × 200) / 108 万 = 2865 / 108 万 ≈ 26.53 万
    const r = requiredPipeline({ target: money('10000000', 'CNY'), mix, stageConversions: positions });
    expect(r.averageDealSize?.amount.toFixed(2)).toBe(new Decimal(28650000).div(108).toFixed(2));
    // 1000 万 / 26.53 万 = 37.70 → 38 wins
    expect(r.wins?.toString()).toBe('38');
    // 38 × 61 / 108 = 21.46, × 30 / 108 = 10.56, × 12 / 108 = 4.22, × 5 / 108 = 1.76 → floors 21 / 10 / 4 / 1, the two left to .76 and .56
    expect(r.mix?.map((b) => b.wins?.toString())).toEqual(['21', '11', '4', '2']);
    expect(r.mix?.map((b) => b.share?.toFixed(3))).toEqual(['0.565', '0.278', '0.111', '0.046']);
    expect(deals(r)).toEqual(['408', '102', '51']);
    const exact = requiredPipeline({ target: money('10000000', 'CNY'), mix, stageConversions: positions, rounding: 'exact' });
    expect(exact.mix?.reduce((a, b) => a.plus(b.wins as Decimal), new Decimal(0)).toFixed(30)).toBe(exact.wins?.toFixed(30));
  });

  it('a mix of one band is the single-average form', () => {
    const single = requiredPipeline({ target: money('1000000', 'CNY'), averageDealSize: money('100000', 'CNY'), stageConversions: conversions });
    const shares = requiredPipeline({ target: money('1000000', 'CNY'), mix: [{ averageDealSize: money('100000', 'CNY'), share: 1 }], stageConversions: conversions });
    const wins = requiredPipeline({ mix: [band('all', '100000', 10)], stageConversions: conversions });
    for (const r of [shares, wins]) {
      expect(deals(r)).toEqual(deals(single));
      expect(r.stages.map((s) => s.amount?.amount.toString())).toEqual(single.stages.map((s) => s.amount?.amount.toString()));
    }
    expect(shares.mix?.[0]?.name).toBe('1');
  });

  it('takes the currency from the target, the option or the first band, converting with rates', () => {
    const rates = { base: 'CNY', rates: { USD: '7' } };
    const r = requiredPipeline({ mix: [{ averageDealSize: money('1000', 'USD'), wins: 2 }], currency: 'CNY', rates, stageConversions: [] });
    expect(r.currency).toBe('CNY');
    expect(r.averageDealSize?.amount.toString()).toBe('7000');
    expect(requiredPipeline({ mix: [{ averageDealSize: money('1000', 'USD'), wins: 2 }], stageConversions: [] }).currency).toBe('USD');
  });

  it('a mix without wins has no average and needs no deals', () => {
    const r = requiredPipeline({ mix: [band('a', '100', 0)], stageConversions: positions });
    expect(r.wins?.toString()).toBe('0');
    expect(r.averageDealSize).toBeNull();
    expect(deals(r)).toEqual(['0', '0', '0']);
    expect(r.mix?.[0]?.share).toBeNull();
  });

  it('refuses a bad mix, each with its reason', () => {
    const reason = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        const { code, params } = e as { code: string; params: { name: string; reason: { code: string } } };
        return `${code} ${params.name} ${params.reason.code}`;
      }
      return 'no error';
    };
    const avg = money('100', 'CNY');
    expect(reason(() => requiredPipeline({ mix: [], stageConversions: [] }))).toBe('invalid_argument mix must_not_be_empty');
    expect(reason(() => requiredPipeline({ mix: [{ averageDealSize: avg, wins: 1 }, { averageDealSize: avg, share: 1 }], stageConversions: [] }))).toBe('invalid_argument mix[1] mix_wins_and_shares');
    expect(reason(() => requiredPipeline({ mix: [{ averageDealSize: avg, wins: 1, share: 1 } as never], stageConversions: [] }))).toBe('invalid_argument mix[0] mix_wins_and_shares');
    expect(reason(() => requiredPipeline({ mix: [{ averageDealSize: avg, wins: -1 }], stageConversions: [] }))).toBe('invalid_argument mix[0].wins ratio_negative');
    expect(reason(() => requiredPipeline({ mix: [{ averageDealSize: avg, share: 0 }], target: avg, stageConversions: [] }))).toBe('invalid_argument mix mix_shares_all_zero');
    expect(reason(() => requiredPipeline({ mix: [{ averageDealSize: avg, share: 1 }], stageConversions: [] }))).toBe('invalid_argument target target_for_shares');
    expect(reason(() => requiredPipeline({ mix: [{ averageDealSize: avg, wins: 1 }], target: avg, stageConversions: [] }))).toBe('invalid_argument target mix_target_with_wins');
    expect(reason(() => requiredPipeline({ mix: [{ averageDealSize: avg, wins: 1 }], averageDealSize: avg, stageConversions: [] } as never))).toBe('invalid_argument averageDealSize mix_or_average');
    expect(reason(() => requiredPipeline({ target: avg, stageConversions: [] } as never))).toBe('invalid_argument averageDealSize mix_or_average_missing');
    expect(reason(() => requiredPipeline({ mix: [{ averageDealSize: money('-1', 'CNY'), wins: 1 }], stageConversions: [] }))).toBe('invalid_argument mix[0].averageDealSize must_not_be_negative');
    expect(reason(() => requiredPipeline({ mix: [null as never], stageConversions: [] }))).toBe('invalid_argument mix[0] must_be_object');
    expect(() => requiredPipeline({ mix: [{ averageDealSize: money('1', 'USD'), wins: 1 }], currency: 'CNY', stageConversions: [] })).toThrow(expect.objectContaining({ code: 'currency_mismatch' }));    expect(reason(() => requiredPipeline({ mix: 'all' as never, stageConversions: [] }))).toBe('invalid_argument mix must_be_array');
    expect(reason(() => requiredPipeline({ mix: [{ wins: 1 } as never], stageConversions: [] }))).toBe('invalid_argument mix[0].averageDealSize must_be_object');
    expect(reason(() => requiredPipeline({ mix: [{ averageDealSize: avg, wins: 1 }, { averageDealSize: null as never, wins: 1 }], stageConversions: [] }))).toBe('invalid_argument mix[1].averageDealSize must_be_object');
    expect(reason(() => requiredPipeline({ mix: [{ averageDealSize: avg, wins: 1, name: '' }], stageConversions: [] }))).toBe('invalid_argument mix[0].name must_be_non_empty_string');
    expect(reason(() => requiredPipeline({ mix: [{ averageDealSize: avg, wins: 1, name: 5 as never }], stageConversions: [] }))).toBe('invalid_argument mix[0].name must_be_non_empty_string');
    expect(reason(() => requiredPipeline({ averageDealSize: avg, stageConversions: [] } as never))).toBe('invalid_argument target is_required');
    expect(reason(() => requiredPipeline({ mix: [{ averageDealSize: avg, wins: 1 }, null as never], stageConversions: [] }))).toBe('invalid_argument mix[1] must_be_object');
    expect(reason(() => requiredPipeline({ mix: [{ averageDealSize: avg, share: -1 }], target: avg, stageConversions: [] }))).toBe('invalid_argument mix[0].share ratio_negative');
    expect(reason(() => requiredPipeline({ mix: [{ averageDealSize: avg, share: 1 }], target: money('-5', 'CNY'), stageConversions: [] }))).toBe('invalid_argument target must_not_be_negative');
    expect(reason(() => requiredPipeline({ target: money('-5', 'CNY'), averageDealSize: avg, stageConversions: [] }))).toBe('invalid_argument target must_not_be_negative');
    expect(reason(() => requiredPipeline({ target: avg, averageDealSize: money('-5', 'CNY'), stageConversions: [] }))).toBe('invalid_argument averageDealSize must_not_be_negative');
    expect(reason(() => requiredPipeline({ target: avg, averageDealSize: avg, stageConversions: [{ stage: 'a', conversion: '0.5' }, { stage: 'b', conversion: '1.5' }] }))).toBe(
      'invalid_argument stageConversions[1].conversion ratio_outside_unit',
    );
    // The index of the band that mixes wins and shares is in the reason.
    const mixed = thrown(() => requiredPipeline({ mix: [{ averageDealSize: avg, wins: 1 }, { averageDealSize: avg, wins: 2 }, { averageDealSize: avg, share: 1 }], stageConversions: [] }));
    expect((mixed.params as unknown as { reason: { params: unknown } }).reason.params).toEqual({ index: 2 });
  });

  it('reads a field given as undefined as absent: wins: undefined beside a share is a share band, and the reverse', () => {
    const avg = money('100', 'CNY');
    const r = requiredPipeline({ mix: [{ averageDealSize: avg, wins: undefined, share: 1 } as never], target: money('1000', 'CNY'), stageConversions: [] });
    expect(r.wins?.toString()).toBe('10');
    const byWins = requiredPipeline({ mix: [{ averageDealSize: avg, wins: 3, share: undefined } as never], stageConversions: [] });
    expect(byWins.wins?.toString()).toBe('3');
  });

  it('a mix of shares whose averages are all 0 needs no wins (null, not a division by 0)', () => {
    const zero = money('0', 'CNY');
    const r = requiredPipeline({ mix: [{ averageDealSize: zero, share: 1 }, { averageDealSize: zero, share: 2 }], target: money('1000', 'CNY'), stageConversions: [{ stage: 'a', conversion: '0.5' }] });
    expect([r.wins, r.averageDealSize?.amount.toString(), r.mix?.map((b) => [b.wins, b.amount]), r.stages[0]?.deals]).toEqual([null, '0', [[null, null], [null, null]], null]);
  });
});
