import { describe, expect, it } from 'vitest';
import { fault, whole } from '../_errors.js';
import { attainment, FunnelError, money } from '../../src/index.js';

const cny = (x: string | number) => money(x, 'CNY');

describe('attainment', () => {
  it('reports attainment and over-achievement per rep and in total', () => {
    // li: 900 000 / 800 000 = 1.125 → exceeded by 12.5 %; wang: 300 000 / 200 000 = 1.5 → 50 %.
    // Total: 1 200 000 / 1 000 000 = 1.2. A big quota beaten by 12.5 % and a small one by 50 %:
    // both figures are reported, as the seed judges on size and percentage together.
    const r = attainment(
      [{ id: 'li', quota: cny('800000') }, { id: 'wang', quota: cny('200000') }],
      [{ id: 'li', amount: cny('500000') }, { id: 'wang', amount: cny('300000') }, { id: 'li', amount: cny('400000') }],
    );
    expect(r.rows.map((x) => [x.id, x.attainment, x.overAchievement, x.excess.amount.toString()])).toEqual([
      ['li', 1.125, 0.125, '100000'],
      ['wang', 1.5, 0.5, '100000'],
    ]);
    expect(r.total.attainment).toBe(1.2);
    expect(r.total.quota.amount.toString()).toBe('1000000');
  });

  it('is negative over-achievement when short, and null for a zero quota', () => {
    const r = attainment([{ id: 'a', quota: cny(100) }, { id: 'b', quota: cny(0) }], [{ id: 'a', amount: cny(80) }, { id: 'b', amount: cny(5) }]);
    expect(r.rows[0]?.overAchievement).toBe(-0.2);
    expect(r.rows[0]?.excess.amount.toString()).toBe('-20');
    expect(r.rows[1]?.attainment).toBeNull();
    expect(r.rows[1]?.overAchievement).toBeNull();
    expect(r.total.attainment).toBe(0.85);
  });

  it('lists actuals without a quota separately and converts currencies with rates', () => {
    const rates = { base: 'CNY', rates: { USD: '7' } };
    const r = attainment([{ id: 'a', quota: cny(700) }], [{ id: 'a', amount: money(100, 'USD') }, { id: 'x', amount: cny(1) }, { id: 'x', amount: cny(2) }], { rates });
    expect(r.rows[0]?.attainment).toBe(1);
    expect(r.unmatched.map((u) => [u.id, u.amount.amount.toString()])).toEqual([['x', '3']]);
    expect(r.total.actual.amount.toString()).toBe('700');
  });

  it('throws FunnelError for programmer errors', () => {
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        return e instanceof FunnelError ? e.code : 'other';
      }
      return undefined;
    };
    expect(code(() => attainment([], []))).toBe('invalid_argument');
    expect(code(() => attainment([{ id: 'a', quota: cny(1) }, { id: 'a', quota: cny(2) }], []))).toBe('invalid_argument');
    expect(code(() => attainment([{ id: 'a', quota: cny(1) }], [{ id: 'a', amount: money(1, 'USD') }]))).toBe('currency_mismatch');
  });

  it('refuses bad quota lists with the whole error (name, reason, message in en and zh-CN)', () => {
    expect(whole(() => attainment([], []))).toEqual([
      'invalid_argument',
      { name: 'quotas', reason: { code: 'at_least_one_quota', en: 'at least one quota is needed', 'zh-CN': '至少需要一个指标' } },
      'Invalid argument "quotas": at least one quota is needed.',
      '参数“quotas”无效：至少需要一个指标。',
    ]);
    const idReason = { code: 'must_be_non_empty_string', en: 'must be a non-empty string', 'zh-CN': '必须是非空字符串' };
    expect(whole(() => attainment([{ id: 7 as never, quota: cny(1) }], []))).toEqual([
      'invalid_argument',
      { name: 'quotas[0].id', reason: idReason },
      'Invalid argument "quotas[0].id": must be a non-empty string.',
      '参数“quotas[0].id”无效：必须是非空字符串。',
    ]);
    expect(whole(() => attainment([{ id: 'a', quota: cny(1) }, { id: '', quota: cny(1) }], [])).slice(0, 2)).toEqual(['invalid_argument', { name: 'quotas[1].id', reason: idReason }]);
    expect(whole(() => attainment([{ id: 'a', quota: cny(1) }, { id: 'a', quota: cny(2) }], []))).toEqual([
      'invalid_argument',
      { name: 'quotas[1].id', reason: { code: 'duplicate_id', params: { id: 'a' }, en: 'duplicate id "a"', 'zh-CN': 'ID“a”重复' } },
      'Invalid argument "quotas[1].id": duplicate id "a".',
      '参数“quotas[1].id”无效：ID“a”重复。',
    ]);
  });

  it("names the total row '*', beside the reps' own rows", () => {
    // Quotas 100 + 50 = 150, actuals 60 + 90 = 150: the total is 1.
    const r = attainment([{ id: 'a', quota: cny(100) }, { id: 'b', quota: cny(50) }], [{ id: 'a', amount: cny(60) }, { id: 'b', amount: cny(90) }]);
    expect(r.rows.map((x) => x.id)).toEqual(['a', 'b']);
    expect([r.total.id, r.total.quota.amount.toString(), r.total.actual.amount.toString(), r.total.attainment]).toEqual(['*', '150', '150', 1]);
  });

  it('names the bad argument, never a TypeError', () => {
    const q = [{ id: 'a', quota: cny(100) }];
    expect(fault(() => attainment(5 as never, []))).toEqual(['invalid_argument', 'quotas']);
    expect(fault(() => attainment(q, null as never))).toEqual(['invalid_argument', 'actuals']);
    expect(fault(() => attainment([null as never], []))).toEqual(['invalid_argument', 'quotas[0]']);
    expect(fault(() => attainment([...q, { id: 'b', quota: 100 as never }], []))).toEqual(['invalid_argument', 'quotas[1].quota']);
    expect(fault(() => attainment([{ id: 'a' } as never], []))).toEqual(['invalid_argument', 'quotas[0].quota']);
    expect(fault(() => attainment([{ id: 7 as never, quota: cny(1) }], []))).toEqual(['invalid_argument', 'quotas[0].id']);
    expect(fault(() => attainment(q, [{ id: 'a', amount: cny(1) }, 'a' as never]))).toEqual(['invalid_argument', 'actuals[1]']);
    // A numeric id is not silently counted as "unmatched".
    expect(fault(() => attainment(q, [{ id: 7 as never, amount: cny(1) }]))).toEqual(['invalid_argument', 'actuals[0].id']);
    expect(fault(() => attainment(q, [{ id: '', amount: cny(1) }]))).toEqual(['invalid_argument', 'actuals[0].id']);
    expect(fault(() => attainment(q, [{ id: 'a' } as never]))).toEqual(['invalid_argument', 'actuals[0].amount']);
    expect(fault(() => attainment(q, [], null as never))).toEqual(['invalid_option', 'options']);
    expect(fault(() => attainment(q, [], { rates: 5 as never }))).toEqual(['invalid_option', 'rates']);
    // Any iterable is read once: a generator of actuals counts as the same list would (30 + 20 of 100).
    function* actuals() {
      yield { id: 'a', amount: cny(30) };
      yield { id: 'a', amount: cny(20) };
    }
    expect(attainment(new Set(q), actuals()).rows[0]?.attainment).toBe(0.5);
  });
});

