import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fault, thrown, whole } from '../_errors.js';
import { allocateQuota, FunnelError, money } from '../../src/index.js';

const cny = (x: string | number) => money(x, 'CNY');
const amounts = (q: ReturnType<typeof allocateQuota>): string[] => q.shares.map((s) => s.quota.amount.toFixed(2));

describe('allocateQuota', () => {
  it('splits in proportion to weighted pipeline, exact to the fen', () => {
    // 1 000 000 over weights 1 : 1 : 1 = 333 333.333… each; the one extra fen goes to the
    // smallest id among equal remainders.
    const q = allocateQuota(cny('1000000'), [{ id: 'b', weight: 1 }, { id: 'a', weight: 1 }, { id: 'c', weight: 1 }]);
    expect(amounts(q)).toEqual(['333333.33', '333333.34', '333333.33']);
    expect(q.total.amount.toString()).toBe('1000000');
    expect(q.shares[0]?.exact.toFixed(6)).toBe('333333.333333');
  });

  it('applies regional factors (developed regions carry more quota)', () => {
    // Effective weights 600 000, 300 000 × 2 = 600 000, 100 000 × 1: total 1 300 000.
    // 1 300 000 is split 6 : 6 : 1 = 600 000, 600 000, 100 000.
    const q = allocateQuota(cny('1300000'), [
      { id: 'east', weight: '600000' },
      { id: 'shanghai', weight: '300000', factor: 2 },
      { id: 'west', weight: '100000' },
    ]);
    expect(amounts(q)).toEqual(['600000.00', '600000.00', '100000.00']);
    expect(q.shares[1]?.weight.toString()).toBe('600000');
  });

  it('water-fills around floors and caps', () => {
    // Weights 1, 1, 2 of 100: unlimited shares 25, 25, 50. c has a floor of 70, leaving
    // 30 for a and b (15 each); a is capped at 10, so b takes 20.
    const q = allocateQuota(cny('100'), [
      { id: 'a', weight: 1, cap: cny('10') },
      { id: 'b', weight: 1 },
      { id: 'c', weight: 2, floor: cny('70') },
    ]);
    expect(amounts(q)).toEqual(['10.00', '20.00', '70.00']);
    expect(q.shares.map((s) => s.limitedBy)).toEqual(['cap', null, 'floor']);
  });

  it('gives zero-weight recipients their floor and the rest by weight', () => {
    const q = allocateQuota(cny('100'), [{ id: 'new', weight: 0, floor: cny('30') }, { id: 'old', weight: 5 }, { id: 'idle', weight: 0 }]);
    expect(amounts(q)).toEqual(['30.00', '70.00', '0.00']);
    expect(q.shares.map((s) => s.limitedBy)).toEqual(['floor', null, null]);
  });

  it('rounds to a coarser step when asked (quotas in whole 万)', () => {
    // 1 000 000 over 1 : 1 : 1 in steps of 10 000: 340 000, 330 000, 330 000.
    const q = allocateQuota(cny('1000000'), [{ id: 'a', weight: 1 }, { id: 'b', weight: 1 }, { id: 'c', weight: 1 }], { step: '10000' });
    expect(amounts(q)).toEqual(['340000.00', '330000.00', '330000.00']);
  });

  it('works for currencies without minor units', () => {
    const q = allocateQuota(money('1000', 'JPY'), [{ id: 'a', weight: 2 }, { id: 'b', weight: 1 }]);
    expect(q.shares.map((s) => s.quota.amount.toString())).toEqual(['667', '333']);
  });

  it('accepts a target met exactly by the floors or by the caps', () => {
    expect(amounts(allocateQuota(cny('50'), [{ id: 'a', weight: 1, floor: cny('20') }, { id: 'b', weight: 3, floor: cny('30') }]))).toEqual(['20.00', '30.00']);
    expect(amounts(allocateQuota(cny('50'), [{ id: 'a', weight: 1, cap: cny('20') }, { id: 'b', weight: 3, cap: cny('30') }]))).toEqual(['20.00', '30.00']);
  });

  it('does not mutate its arguments', () => {
    const weights = [{ id: 'a', weight: '2', floor: cny('1') }, { id: 'b', weight: 1, cap: cny('80') }];
    const before = JSON.stringify(weights);
    allocateQuota(cny('100'), weights);
    expect(JSON.stringify(weights)).toBe(before);
  });

  it('refuses impossible or malformed input with FunnelError codes', () => {
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return e instanceof FunnelError ? e.code : 'other';
      }
      return undefined;
    };
    expect(code(() => allocateQuota(cny('10'), []))).toBe('invalid_weights');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: -1 }]))).toBe('invalid_weights');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1, factor: -1 }]))).toBe('invalid_weights');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 0 }]))).toBe('invalid_weights');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1 }, { id: 'a', weight: 1 }]))).toBe('invalid_argument');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1, floor: cny('6') }, { id: 'b', weight: 1, floor: cny('6') }]))).toBe('invalid_argument');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1, cap: cny('4') }, { id: 'b', weight: 1, cap: cny('4') }]))).toBe('invalid_argument');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1, floor: cny('5'), cap: cny('4') }]))).toBe('invalid_argument');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 0, floor: cny('4') }]))).toBe('invalid_argument');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1, cap: money('4', 'USD') }]))).toBe('currency_mismatch');
    expect(code(() => allocateQuota(cny('10.001'), [{ id: 'a', weight: 1 }]))).toBe('invalid_amount');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1 }], { step: '3' }))).toBe('invalid_amount');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1 }], { step: '0.001' }))).toBe('invalid_option');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1 }], { step: 0 }))).toBe('invalid_option');
    expect(code(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1 }], { step: 'ten' }))).toBe('invalid_option');
    expect(code(() => allocateQuota(cny('-10'), [{ id: 'a', weight: 1 }]))).toBe('invalid_amount');
  });

  it('refuses a bad step with the whole invalid_option error (option, reason, message in en and zh-CN)', () => {
    const one = [{ id: 'a', weight: 1 }];
    expect(whole(() => allocateQuota(cny('10'), one, { step: 'ten' }))).toEqual([
      'invalid_option',
      { option: 'step', reason: { code: 'must_be_decimal_amount', en: 'must be a decimal amount', 'zh-CN': '必须是十进制金额' } },
      'Invalid option "step": must be a decimal amount.',
      '选项“step”无效：必须是十进制金额。',
    ]);
    for (const step of [0, '-1']) {
      expect(whole(() => allocateQuota(cny('10'), one, { step }))).toEqual([
        'invalid_option',
        { option: 'step', reason: { code: 'more_than', params: { min: 0 }, en: 'must be > 0', 'zh-CN': '必须大于 0' } },
        'Invalid option "step": must be > 0.',
        '选项“step”无效：必须大于 0。',
      ]);
    }
    // 0.001 CNY is a tenth of a fen.
    expect(whole(() => allocateQuota(cny('10'), one, { step: '0.001' }))).toEqual([
      'invalid_option',
      { option: 'step', reason: { code: 'step_in_minor_units', params: { currency: 'CNY' }, en: 'must be a whole number of minor units of CNY', 'zh-CN': '必须是 CNY 最小货币单位的整数倍' } },
      'Invalid option "step": must be a whole number of minor units of CNY.',
      '选项“step”无效：必须是 CNY 最小货币单位的整数倍。',
    ]);
  });

  it('refuses bad amounts naming the target, floor or cap', () => {
    const one = [{ id: 'a', weight: 1 }];
    expect(whole(() => allocateQuota(cny('-10'), one))).toEqual([
      'invalid_amount',
      { value: '-10', reason: { code: 'named_at_least', params: { name: 'target', min: 0 }, en: 'target must be >= 0', 'zh-CN': 'target 必须大于或等于 0' } },
      'Invalid amount -10: target must be >= 0.',
      '金额“-10”无效：target 必须大于或等于 0。',
    ]);
    // 10.001 is not a whole number of fen (the default step 0.01).
    expect(whole(() => allocateQuota(cny('10.001'), one))).toEqual([
      'invalid_amount',
      { value: '10.001', reason: { code: 'named_whole_multiple', params: { name: 'target', step: '0.01' }, en: 'target must be a whole multiple of 0.01', 'zh-CN': 'target 必须是 0.01 的整数倍' } },
      'Invalid amount 10.001: target must be a whole multiple of 0.01.',
      '金额“10.001”无效：target 必须是 0.01 的整数倍。',
    ]);
    // Step 5: 10 is 2 steps, but a floor of 3 and a cap of 7 are not whole steps.
    const steps = (w: Parameters<typeof allocateQuota>[1]) => thrown(() => allocateQuota(cny('10'), w, { step: 5 })).params;
    expect(steps([{ id: 'a', weight: 1, floor: cny('3') }])).toEqual({
      value: '3',
      reason: { code: 'named_whole_multiple', params: { name: 'weights[0].floor', step: '5' }, en: 'weights[0].floor must be a whole multiple of 5', 'zh-CN': 'weights[0].floor 必须是 5 的整数倍' },
    });
    expect(steps([{ id: 'a', weight: 1 }, { id: 'b', weight: 1, cap: cny('7') }])).toEqual({
      value: '7',
      reason: { code: 'named_whole_multiple', params: { name: 'weights[1].cap', step: '5' }, en: 'weights[1].cap must be a whole multiple of 5', 'zh-CN': 'weights[1].cap 必须是 5 的整数倍' },
    });
    expect(whole(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1, cap: money('4', 'USD') }]))).toEqual([
      'currency_mismatch',
      { left: 'CNY', right: 'USD' },
      'Cannot combine amounts in CNY and USD without exchange rates.',
      '币种不一致（CNY 与 USD），且未提供汇率，无法一起计算。',
    ]);
  });

  it('refuses a weights value that is not a list, and an empty list, with their own reasons', () => {
    expect(whole(() => allocateQuota(cny('10'), 5 as never))).toEqual([
      'invalid_argument',
      { name: 'weights', reason: { code: 'must_be_array', en: 'must be an array', 'zh-CN': '必须是数组' } },
      'Invalid argument "weights": must be an array.',
      '参数“weights”无效：必须是数组。',
    ]);
    expect(whole(() => allocateQuota(cny('10'), []))).toEqual([
      'invalid_weights',
      { reason: { code: 'list_empty', en: 'the list is empty', 'zh-CN': '列表为空' } },
      'Invalid weights: the list is empty.',
      '权重无效：列表为空。',
    ]);
  });

  it('refuses ids that are not non-empty strings, and duplicate ids, at their index', () => {
    const reason = { code: 'must_be_non_empty_string', en: 'must be a non-empty string', 'zh-CN': '必须是非空字符串' };
    expect(whole(() => allocateQuota(cny('10'), [{ id: 7 as never, weight: 1 }]))).toEqual([
      'invalid_argument',
      { name: 'weights[0].id', reason },
      'Invalid argument "weights[0].id": must be a non-empty string.',
      '参数“weights[0].id”无效：必须是非空字符串。',
    ]);
    expect(thrown(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1 }, { id: '', weight: 1 }])).params).toEqual({ name: 'weights[1].id', reason });
    expect(thrown(() => allocateQuota(cny('10'), [{ weight: 1 } as never])).params).toEqual({ name: 'weights[0].id', reason });
    expect(whole(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1 }, { id: 'a', weight: 2 }]))).toEqual([
      'invalid_argument',
      { name: 'weights[1].id', reason: { code: 'duplicate_id', params: { id: 'a' }, en: 'duplicate id "a"', 'zh-CN': 'ID“a”重复' } },
      'Invalid argument "weights[1].id": duplicate id "a".',
      '参数“weights[1].id”无效：ID“a”重复。',
    ]);
  });

  it('refuses weights and factors that are not decimals or are negative, naming which', () => {
    expect(whole(() => allocateQuota(cny('10'), [{ id: 'a', weight: 'abc' }]))).toEqual([
      'invalid_amount',
      { value: 'abc', reason: { code: 'not_a_decimal', params: { name: 'weights[0].weight' }, en: 'weights[0].weight is not a decimal number', 'zh-CN': '不是有效的数字' } },
      'Invalid amount abc: weights[0].weight is not a decimal number.',
      '金额“abc”无效：不是有效的数字。',
    ]);
    expect(thrown(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1 }, { id: 'b', weight: 1, factor: 'x' }])).params).toEqual({
      value: 'x',
      reason: { code: 'not_a_decimal', params: { name: 'weights[1].factor' }, en: 'weights[1].factor is not a decimal number', 'zh-CN': '不是有效的数字' },
    });
    expect(whole(() => allocateQuota(cny('10'), [{ id: 'a', weight: -1 }]))).toEqual([
      'invalid_weights',
      { reason: { code: 'named_is_negative', params: { name: 'weights[0].weight' }, en: 'weights[0].weight is negative', 'zh-CN': 'weights[0].weight 为负数' } },
      'Invalid weights: weights[0].weight is negative.',
      '权重无效：weights[0].weight 为负数。',
    ]);
    expect(thrown(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1 }, { id: 'b', weight: 1, factor: '-0.5' }])).params).toEqual({
      reason: { code: 'named_is_negative', params: { name: 'weights[1].factor' }, en: 'weights[1].factor is negative', 'zh-CN': 'weights[1].factor 为负数' },
    });
  });

  it('refuses limits that cannot be met, with the sums in the message', () => {
    // A floor of 5 above a cap of 4: refused for the weight itself, before the sums.
    expect(whole(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1, floor: cny('5'), cap: cny('4') }]))).toEqual([
      'invalid_argument',
      { name: 'weights[0]', reason: { code: 'floor_above_cap', en: 'floor is above cap', 'zh-CN': '下限高于上限' } },
      'Invalid argument "weights[0]": floor is above cap.',
      '参数“weights[0]”无效：下限高于上限。',
    ]);
    expect(whole(() => allocateQuota(cny('10'), [{ id: 'a', weight: 0 }, { id: 'b', weight: '0' }]))).toEqual([
      'invalid_weights',
      { reason: { code: 'all_weights_zero', en: 'all weights are zero', 'zh-CN': '权重全部为 0' } },
      'Invalid weights: all weights are zero.',
      '权重无效：权重全部为 0。',
    ]);
    // Floors 6 + 6 = 12 > 10.
    expect(whole(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1, floor: cny('6') }, { id: 'b', weight: 1, floor: cny('6') }]))).toEqual([
      'invalid_argument',
      {
        name: 'weights',
        reason: { code: 'floors_above_target', params: { floors: '12', target: '10' }, en: 'the floors add up to 12, more than the target 10', 'zh-CN': '各下限之和 12 超过了目标 10' },
      },
      'Invalid argument "weights": the floors add up to 12, more than the target 10.',
      '参数“weights”无效：各下限之和 12 超过了目标 10。',
    ]);
    // Caps 4 + 4 = 8 < 10.
    expect(whole(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1, cap: cny('4') }, { id: 'b', weight: 1, cap: cny('4') }]))).toEqual([
      'invalid_argument',
      {
        name: 'weights',
        reason: { code: 'caps_below_target', params: { caps: '8', target: '10' }, en: 'the caps add up to 8, less than the target 10', 'zh-CN': '各上限之和 8 低于目标 10' },
      },
      'Invalid argument "weights": the caps add up to 8, less than the target 10.',
      '参数“weights”无效：各上限之和 8 低于目标 10。',
    ]);
    // All weights zero, floors 4 short of 10: only the floors can be given, and they fall short.
    expect(whole(() => allocateQuota(cny('10'), [{ id: 'a', weight: 0, floor: cny('4') }, { id: 'b', weight: 0 }]))).toEqual([
      'invalid_argument',
      {
        name: 'weights',
        reason: {
          code: 'zero_weights_floors_short',
          en: 'every weight is zero, so only the floors can be given, and they do not add up to the target',
          'zh-CN': '权重全部为 0，只能分配各下限，而各下限之和不等于目标',
        },
      },
      'Invalid argument "weights": every weight is zero, so only the floors can be given, and they do not add up to the target.',
      '参数“weights”无效：权重全部为 0，只能分配各下限，而各下限之和不等于目标。',
    ]);
  });

  it('law: each share is the clamped λ·e for one λ, the quotas add up to the target, and the order of the weights does not matter', () => {
    // Weights 0–5, floors and caps 0–30 (floor ≤ cap), target 0–60, in whole yuan steps.
    const weight = fc.record({
      w: fc.integer({ min: 0, max: 5 }),
      floor: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
      capAbove: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(weight, { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 60 }), (ws, t) => {
        const weights = ws.map((x, i) => ({
          id: `r${i}`,
          weight: x.w,
          ...(x.floor === undefined ? {} : { floor: cny(x.floor) }),
          ...(x.capAbove === undefined ? {} : { cap: cny((x.floor ?? 0) + x.capAbove) }),
        }));
        let q: ReturnType<typeof allocateQuota>;
        try {
          q = allocateQuota(cny(t), weights, { step: 1 });
        } catch (e) {
          // Only the documented refusals of impossible limits.
          expect(e).toBeInstanceOf(FunnelError);
          return;
        }
        const total = q.shares.reduce((a, s) => a + s.quota.amount.toNumber(), 0);
        expect(total).toBe(t);
        q.shares.forEach((s, i) => {
          const floor = ws[i]!.floor ?? 0;
          const cap = ws[i]!.capAbove === undefined ? Number.POSITIVE_INFINITY : floor + ws[i]!.capAbove!;
          const a = s.quota.amount.toNumber();
          expect(a >= floor && a <= cap).toBe(true);
          // A free share is within one step of its exact share; a limited one is its limit.
          if (s.limitedBy === null && ws[i]!.w > 0) expect(Math.abs(a - s.exact.toNumber())).toBeLessThan(1);
          if (s.limitedBy === 'cap') expect(a).toBe(cap);
          if (s.limitedBy === 'floor') expect(a).toBe(floor);
        });
        // Water-filling: a share limited by its cap has cap/e ≤ every free share's exact/e,
        // a share held at its floor has floor/e ≥ it (exact shares of free recipients are λ·e).
        const free = q.shares.filter((s) => s.limitedBy === null && s.weight.gt(0));
        for (const f of free) {
          const lambda = f.exact.div(f.weight);
          for (const s of q.shares) {
            if (!s.weight.gt(0)) continue;
            if (s.limitedBy === 'cap') expect(s.quota.amount.div(s.weight).lte(lambda)).toBe(true);
            if (s.limitedBy === 'floor') expect(s.quota.amount.div(s.weight).gte(lambda)).toBe(true);
          }
        }
        // Reversed input: the same quota per id.
        const back = allocateQuota(cny(t), [...weights].reverse(), { step: 1 });
        const byId = new Map(back.shares.map((s) => [s.id, s.quota.amount.toString()]));
        expect(q.shares.map((s) => byId.get(s.id))).toEqual(q.shares.map((s) => s.quota.amount.toString()));
      }),
    );
  });

  it('caps the recipient whose cap is the lowest level, and rounds ties by id whatever the order', () => {
    // e = 1, 1, 1; caps 10 on a, none on b, c. λ with a capped: 10 + 2λ = 41 → λ = 15.5;
    // b and c get 15.5 each → 15 and 16 in whole yuan; the tie goes to the smaller id, b.
    const w = [
      { id: 'c', weight: 1 },
      { id: 'a', weight: 1, cap: cny('10') },
      { id: 'b', weight: 1 },
    ];
    const q = allocateQuota(cny('41'), w, { step: 1 });
    expect(q.shares.map((s) => [s.id, s.quota.amount.toString(), s.limitedBy])).toEqual([
      ['c', '15', null],
      ['a', '10', 'cap'],
      ['b', '16', null],
    ]);
    expect(q.shares[0]?.exact.toString()).toBe('15.5');
  });

  it('names the bad argument, never a TypeError: a weights value that is not a list, a weight that is not an object, limits and target that are not Money, options that are not an object', () => {
    const one = [{ id: 'a', weight: 1 }];
    expect(fault(() => allocateQuota(cny('10'), 5 as never))).toEqual(['invalid_argument', 'weights']);
    expect(fault(() => allocateQuota(cny('10'), new Set(one) as never))).toEqual(['invalid_argument', 'weights']);
    expect(fault(() => allocateQuota(cny('10'), [])).at(0)).toBe('invalid_weights');
    expect(fault(() => allocateQuota(cny('10'), [...one, null as never]))).toEqual(['invalid_argument', 'weights[1]']);
    expect(fault(() => allocateQuota(cny('10'), ['a' as never]))).toEqual(['invalid_argument', 'weights[0]']);
    expect(fault(() => allocateQuota(null as never, one))).toEqual(['invalid_argument', 'target']);
    expect(fault(() => allocateQuota(10 as never, one))).toEqual(['invalid_argument', 'target']);
    expect(fault(() => allocateQuota({ amount: '10' } as never, one))).toEqual(['invalid_argument', 'target']);
    expect(fault(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1, floor: 5 as never }]))).toEqual(['invalid_argument', 'weights[0].floor']);
    expect(fault(() => allocateQuota(cny('10'), [{ id: 'a', weight: 1, cap: { currency: 'CNY' } as never }]))).toEqual(['invalid_argument', 'weights[0].cap']);
    expect(fault(() => allocateQuota(cny('10'), one, null as never))).toEqual(['invalid_option', 'options']);
    expect(fault(() => allocateQuota(cny('10'), one, 'step' as never))).toEqual(['invalid_option', 'options']);
    // The checks do not get in the way of the ordinary call: 10 to one recipient.
    expect(amounts(allocateQuota(cny('10'), one))).toEqual(['10.00']);
  });
});

