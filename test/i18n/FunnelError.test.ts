import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/i18n/FunnelError.js';
import { ISSUE_CODES } from '../../src/i18n/codes.js';

describe('FunnelError', () => {
  it('carries code, params and a localized message', () => {
    const e = new FunnelError('currency_mismatch', { left: 'CNY', right: 'USD' });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('FunnelError');
    expect(e.code).toBe('currency_mismatch');
    expect(e.params).toEqual({ left: 'CNY', right: 'USD' });
    expect(e.message).toBe('Cannot combine amounts in CNY and USD without exchange rates.');
    expect(e.localizedMessage('zh-CN')).toBe('币种不一致（CNY 与 USD），且未提供汇率，无法一起计算。');
  });

  it('never crashes on missing params: the missing ones stay visible in the message', () => {
    const noParams = new (FunnelError as new (code: string, params?: unknown) => FunnelError)('unknown_currency');
    expect(noParams.message).toBe('Unknown currency code "{currency}"; use an ISO 4217 code such as CNY or USD.');
    expect(noParams.localizedMessage('zh-CN')).toBe('未知币种“{currency}”，请使用 ISO 4217 币种代码，如人民币为 CNY（不是 RMB）、美元为 USD。');
    expect(noParams.params).toEqual({});

    const partial = new FunnelError('currency_mismatch', { left: 'CNY' } as never);
    expect(partial.message).toBe('Cannot combine amounts in CNY and {right} without exchange rates.');

    const nullParams = new FunnelError('won_without_funnel_history', null as never);
    expect(nullParams.message).toBe('Won for {amount} after only {days} in the open stages of the funnel.');
    expect(nullParams.params).toEqual({});
  });

  it('builds for every code with no params, with wrong types and with hostile values, in both locales', () => {
    const odd = [undefined, null, 42, 'text', [], { amount: {}, days: 'many', index: 'x', status: 7, detail: [1, 2] }];
    for (const code of ISSUE_CODES) {
      for (const params of odd) {
        const e = new FunnelError(code, params as never);
        expect(typeof e.message).toBe('string');
        expect(typeof e.localizedMessage('zh-CN')).toBe('string');
      }
    }
  });

  it('renders an unknown code (from JavaScript) as the code and its params', () => {
    const e = new FunnelError('no_such_code' as never, { a: 1 } as never);
    expect(e.message).toBe('no_such_code (a: 1)');
    expect(e.code).toBe('no_such_code');
  });

  it('falls back to English for an unknown locale', () => {
    expect(new FunnelError('unknown_stage', { stageId: 'x' }).localizedMessage('fr' as never)).toBe('Unknown stage "x".');
  });
});
