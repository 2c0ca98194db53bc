import { describe, expect, it } from 'vitest';
import { formatIssue, formatMessage, FunnelError, ISSUE_CODES, LOCALES, makeIssue, messagesEn, messagesZhCN } from '../../src/index.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogs', () => {
  it('have a non-empty message for every code in every locale', () => {
    const catalogs = { en: messagesEn, 'zh-CN': messagesZhCN } as const;
    for (const locale of LOCALES) {
      const missing = ISSUE_CODES.filter((c) => typeof catalogs[locale][c] !== 'string' || catalogs[locale][c].trim() === '');
      expect(missing, `${locale} lacks messages`).toEqual([]);
    }
    expect(Object.keys(messagesEn).sort()).toEqual([...ISSUE_CODES].sort());
    expect(Object.keys(messagesZhCN).sort()).toEqual([...ISSUE_CODES].sort());
  });

  it('use the same placeholders in both locales', () => {
    const differ = ISSUE_CODES.filter((c) => placeholders(messagesEn[c]).join() !== placeholders(messagesZhCN[c]).join());
    expect(differ).toEqual([]);
  });

  it('codes are unique snake_case', () => {
    expect(new Set(ISSUE_CODES).size).toBe(ISSUE_CODES.length);
    expect(ISSUE_CODES.filter((c) => !/^[a-z]+(_[a-z]+)*$/.test(c))).toEqual([]);
  });
});

describe('formatting', () => {
  it('fills placeholders and leaves missing ones visible', () => {
    expect(formatMessage('unknown_stage', { stageId: 'demo' })).toBe('Unknown stage "demo".');
    expect(formatMessage('unknown_stage', { stageId: 'demo' }, 'zh-CN')).toBe('未知阶段“demo”。');
    expect(formatMessage('unknown_stage', {})).toBe('Unknown stage "{stageId}".');
  });

  it('re-renders an issue in another locale from its code and params', () => {
    const issue = makeIssue('reason_required', { command: 'lose' }, { locale: 'en' });
    expect(issue.message).toBe('A reason is required to lose.');
    expect(formatIssue(issue, 'zh-CN')).toBe('此操作（lose）需要填写原因。');
  });

  it('FunnelError carries code, params and a localized message', () => {
    const e = new FunnelError('currency_mismatch', { left: 'CNY', right: 'USD' });
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('currency_mismatch');
    expect(e.message).toBe('Cannot combine amounts in CNY and USD without exchange rates.');
    expect(e.localizedMessage('zh-CN')).toBe('没有汇率，无法合并 CNY 与 USD 金额。');
  });
});
