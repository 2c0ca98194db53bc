import { describe, expect, it } from 'vitest';
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
});
