import { describe, expect, it } from 'vitest';
import { Decimal, money, updateAmount, type Money } from '../../src/index.js';
import { hours, makeDeal, snapshot } from './_fixtures.js';

describe('updateAmount', () => {
  it('records amount_changed { from, to } with exact decimals', () => {
    const deal = makeDeal();
    const before = snapshot(deal);
    const r = updateAmount(deal, money('1200000.50', 'CNY'), { at: hours(1), by: 'rep-zhang' });
    expect(snapshot(deal)).toBe(before);
    if (!r.ok) throw new Error('refused');
    expect(r.opportunity.amount.amount.toFixed(2)).toBe('1200000.50');
    expect(r.events).toHaveLength(1);
    const e = r.events[0];
    expect(e?.type === 'amount_changed' && [e.from.amount.toFixed(), e.to.amount.toFixed(), e.by]).toEqual(['250000', '1200000.5', 'rep-zhang']);
  });

  it('an equal amount (250000.00 = 250000) succeeds with no event', () => {
    const r = updateAmount(makeDeal(), money('250000.00', 'CNY'), { at: hours(1) });
    expect(r.ok && r.events).toEqual([]);
  });

  it('refuses another currency, negative and non-finite amounts', () => {
    const codes = (m: Money) => {
      const r = updateAmount(makeDeal(), m, { at: hours(1) });
      return r.ok ? [] : r.issues.map((i) => i.code);
    };
    expect(codes(money('1', 'USD'))).toEqual(['currency_mismatch']);
    expect(codes(money('-1', 'CNY'))).toEqual(['invalid_amount']);
    expect(codes({ amount: new Decimal(Infinity), currency: 'CNY' })).toEqual(['invalid_amount']);
    expect(codes({ amount: new Decimal(1), currency: 'XXX' } as never)).toEqual(['unknown_currency']);
    const zh = updateAmount(makeDeal(), money('-1', 'CNY'), { at: hours(1), locale: 'zh-CN' });
    expect(!zh.ok && zh.issues[0]?.message).toBe('金额“-1”无效：金额不能为负数。');
  });
});
