import { describe, expect, it } from 'vitest';
import { Decimal, money, updateAmount, type Money } from '../../src/index.js';
import { hours, makeDeal, snapshot, thrown, thrownValue, throwingOnRead } from './_fixtures.js';


const at = hours(1);

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

  it('-0 is an amount of 0: accepted, stored and recorded as 0, never as "-0"', () => {
    for (const zero of ['-0', -0, new Decimal('-0.00')]) {
      const r = updateAmount(makeDeal(), { amount: zero, currency: 'CNY' } as Money, { at: hours(1) });
      if (!r.ok) throw new Error('refused');
      const e = r.events[0];
      expect([r.opportunity.amount.amount.isNegative(), e?.type === 'amount_changed' && e.to.amount.isNegative(), e?.type === 'amount_changed' && e.to.amount.toFixed()]).toEqual([false, false, '0']);
    }
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

  it('needs `at`: without it (options left out or empty) it throws invalid_option, even for an unchanged amount', () => {
    for (const options of [undefined, {}]) {
      const e = thrown(() => updateAmount(makeDeal(), money('250000', 'CNY'), options as never));
      expect([e.code, e.params, e.message, e.localizedMessage('zh-CN')]).toEqual([
        'invalid_option',
        { option: 'at', reason: { code: 'at_required', en: 'is required: pass the time of the change', 'zh-CN': '必须提供：请传入变更发生的时间' } },
        'Invalid option "at": is required: pass the time of the change.',
        '选项“at”无效：必须提供：请传入变更发生的时间。',
      ]);
    }
    const e = thrown(() => updateAmount(makeDeal(), money('250000', 'CNY'), null as never));
    expect([e.code, e.params]).toEqual(['invalid_option', { option: 'options', reason: { code: 'must_be_object', en: 'must be an object', 'zh-CN': '必须是对象' } }]);
  });

  it('refuses a value that is not a Money object at path amount, showing the value', () => {
    const reason = { code: 'expected_money', en: 'expected a Money value', 'zh-CN': '应为 Money 值（金额与币种）' };
    for (const [amount, value] of [
      [null, 'null'],
      [undefined, 'undefined'],
      ['1200000', '1200000'],
      [1200000, '1200000'],
    ] as const) {
      expect(updateAmount(makeDeal(), amount as never, { at })).toEqual({
        ok: false,
        issues: [{ code: 'invalid_amount', params: { value, reason }, message: `Invalid amount ${value}: expected a Money value.`, path: ['amount'] }],
      });
    }
    const zh = updateAmount(makeDeal(), null as never, { at, locale: 'zh-CN' });
    expect(!zh.ok && zh.issues.map((i) => i.message)).toEqual(['金额“null”无效：应为 Money 值（金额与币种）。']);
  });

  it('an unknown currency and another currency point at amount.currency', () => {
    expect(updateAmount(makeDeal(), { amount: new Decimal(1), currency: 'RMB' } as never, { at })).toEqual({
      ok: false,
      issues: [{ code: 'unknown_currency', params: { currency: 'RMB' }, message: 'Unknown currency code "RMB"; use an ISO 4217 code such as CNY or USD.', path: ['amount', 'currency'] }],
    });
    const zh = updateAmount(makeDeal(), { amount: new Decimal(1), currency: 42 } as never, { at, locale: 'zh-CN' });
    expect(!zh.ok && zh.issues).toEqual([
      { code: 'unknown_currency', params: { currency: '42' }, message: '未知币种“42”，请使用 ISO 4217 币种代码，如人民币为 CNY（不是 RMB）、美元为 USD。', path: ['amount', 'currency'] },
    ]);
    expect(updateAmount(makeDeal(), money('1', 'USD'), { at })).toEqual({
      ok: false,
      issues: [{ code: 'currency_mismatch', params: { left: 'CNY', right: 'USD' }, message: 'Cannot combine amounts in CNY and USD without exchange rates.', path: ['amount', 'currency'] }],
    });
  });

  it('a negative or non-finite amount points at amount.amount; a refused decimal names the field `amount`', () => {
    expect(updateAmount(makeDeal(), money('-1', 'CNY'), { at })).toEqual({
      ok: false,
      issues: [
        {
          code: 'invalid_amount',
          params: { value: '-1', reason: { code: 'amount_negative', en: 'an amount cannot be negative', 'zh-CN': '金额不能为负数' } },
          message: 'Invalid amount -1: an amount cannot be negative.',
          path: ['amount', 'amount'],
        },
      ],
    });
    expect(updateAmount(makeDeal(), { amount: new Decimal(Infinity), currency: 'CNY' }, { at })).toEqual({
      ok: false,
      issues: [
        {
          code: 'invalid_amount',
          params: { value: 'Infinity', reason: { code: 'not_finite', params: { name: 'amount' }, en: 'amount must be finite', 'zh-CN': '必须是有限数值' } },
          message: 'Invalid amount Infinity: amount must be finite.',
          path: ['amount', 'amount'],
        },
      ],
    });
    // An untyped caller may put a decimal text in the Money: it is read like any decimal.
    const zh = updateAmount(makeDeal(), { amount: 'lots', currency: 'CNY' } as never, { at, locale: 'zh-CN' });
    expect(!zh.ok && zh.issues).toEqual([
      {
        code: 'invalid_amount',
        params: { value: 'lots', reason: { code: 'not_a_decimal', params: { name: 'amount' }, en: 'amount is not a decimal number', 'zh-CN': '不是有效的数字' } },
        message: '金额“lots”无效：不是有效的数字。',
        path: ['amount', 'amount'],
      },
    ]);
    const text = updateAmount(makeDeal(), { amount: '300000', currency: 'CNY' } as never, { at });
    expect(text.ok && text.opportunity.amount.amount.toFixed()).toBe('300000');
  });

  it('a null-prototype object as the amount is refused, not a TypeError', () => {
    expect(updateAmount(makeDeal(), { amount: Object.create(null), currency: 'CNY' } as never, { at })).toEqual({
      ok: false,
      issues: [
        {
          code: 'invalid_amount',
          params: { value: 'a value of type object', reason: { code: 'must_be_decimal_like', params: { name: 'amount' }, en: 'amount must be a string, number or Decimal', 'zh-CN': '必须是字符串、数字或 Decimal' } },
          message: 'Invalid amount a value of type object: amount must be a string, number or Decimal.',
          path: ['amount', 'amount'],
        },
      ],
    });
  });

  it('an error thrown by the caller’s own value propagates as it is (it is not an amount issue)', () => {
    const boom = new Error('from the caller');
    const hostile = throwingOnRead(boom);
    expect(thrownValue(() => updateAmount(makeDeal(), { amount: hostile, currency: 'CNY' } as never, { at }))).toBe(boom);
  });

  it('refusals are listed together, and nothing is committed', () => {
    const lost = makeDeal({ stageId: 'lost', status: 'lost', history: [{ type: 'created', at: '2026-03-01T01:00:00Z', stageId: 'lead' }, { type: 'lost', at: '2026-03-01T03:00:00Z', stageId: 'lost', reason: 'x' }] });
    const r = updateAmount(lost, money('1', 'USD'), { at });
    expect(!r.ok && r.issues.map((i) => [i.code, i.path ?? i.stageId])).toEqual([
      ['time_went_backwards', ['at']],
      ['opportunity_closed', 'lost'],
      ['currency_mismatch', ['amount', 'currency']],
    ]);
  });

  it('an unchanged amount returns the deal as it is, ledger included', () => {
    const deal = makeDeal({ expectedCloseDate: '2026-06-30' });
    const r = updateAmount(deal, money('250000', 'CNY'), { at });
    expect(r).toEqual({ ok: true, opportunity: deal, events: [], replayed: false });
  });
});
