import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../src/i18n/renderTemplate.js';

describe('renderTemplate', () => {
  it('fills plain placeholders; numbers are grouped, booleans are words, null is empty', () => {
    expect(renderTemplate('{a} and {b}', { a: 'x', b: 1234567 })).toBe('x and 1,234,567');
    expect(renderTemplate('{n}', { n: 0.125 }, 'zh-CN')).toBe('0.125');
    expect(renderTemplate('{ok}/{ok}', { ok: true }, 'zh-CN')).toBe('是/是');
    expect(renderTemplate('{ok}', { ok: false })).toBe('no');
    expect(renderTemplate('[{x}]', { x: null })).toBe('[]');
  });

  it('leaves a missing placeholder visible, renders an optional one empty', () => {
    expect(renderTemplate('Unknown stage "{stageId}".', {})).toBe('Unknown stage "{stageId}".');
    expect(renderTemplate('{days:days} left', {})).toBe('{days} left');
    expect(renderTemplate('did not pass{detail?:detail}.', {})).toBe('did not pass.');
    expect(renderTemplate('{a|b}', {})).toBe('{a|b}');
  });

  it('takes the first present of alternatives', () => {
    expect(renderTemplate('"{stageName|stageId}"', { stageId: 'qualify' })).toBe('"qualify"');
    expect(renderTemplate('"{stageName|stageId}"', { stageId: 'qualify', stageName: '需求确认' })).toBe('"需求确认"');
  });

  it('keeps text that is not a placeholder', () => {
    expect(renderTemplate('{ pipeline, customers? } {1} {a-b} {}', { pipeline: 'x' })).toBe('{ pipeline, customers? } {1} {a-b} {}');
  });

  it('renders localized text in the locale, else its en', () => {
    const reason = { en: 'over the limit', 'zh-CN': '超出上限' };
    expect(renderTemplate('{reason}', { reason }, 'zh-CN')).toBe('超出上限');
    expect(renderTemplate('{reason}', { reason })).toBe('over the limit');
    expect(renderTemplate('{reason}', { reason: { en: 'only English' } }, 'zh-CN')).toBe('only English');
  });

  describe('money', () => {
    it('shows the exact amount with the minor-unit digits and the unit', () => {
      expect(renderTemplate('{amount:money}', { amount: '2364000', currency: 'CNY' })).toBe('2,364,000.00 CNY');
      expect(renderTemplate('{amount:money}', { amount: '2364000', currency: 'CNY' }, 'zh-CN')).toBe('2,364,000.00 元');
      expect(renderTemplate('{amount:money}', { amount: '2500.5', currency: 'USD' }, 'zh-CN')).toBe('2,500.50 美元');
      expect(renderTemplate('{amount:money}', { amount: '1000', currency: 'JPY' })).toBe('1,000 JPY');
      expect(renderTemplate('{amount:money}', { amount: '-0.125', currency: 'CNY' })).toBe('-0.125 CNY');
      expect(renderTemplate('{amount:money}', { amount: '0.10', currency: 'CNY' })).toBe('0.10 CNY');
      expect(renderTemplate('{amount:money}', { amount: 1234.5, currency: 'EUR' })).toBe('1,234.50 EUR');
    });

    it('falls back to the raw value for what is not an amount, and to the bare number without a currency', () => {
      expect(renderTemplate('{amount:money}', { amount: 'lots', currency: 'CNY' })).toBe('lots CNY');
      expect(renderTemplate('{amount:money}', { amount: '1000000' })).toBe('1,000,000');
    });

    it('never loses a digit: the digits of the output are the digits of the input', () => {
      for (const amount of ['0', '7', '123456789012345678901234567890.123456', '-42.5', '1000000.01']) {
        const shown = renderTemplate('{amount:money}', { amount, currency: 'CNY' });
        const digits = (s: string) => s.replace(/[^0-9]/g, '').replace(/^0+/, '').replace(/0+$/, '');
        expect(digits(shown), shown).toBe(digits(amount));
      }
    });
  });

  describe('days', () => {
    it('rounds for reading and agrees in number', () => {
      const en = (days: number) => renderTemplate('{days:days}', { days });
      expect([0, 0.01, 0.05, 1, 1.04, 2.5, 9.94, 9.96, 12.4, 1234.6].map(en)).toEqual([
        '0 days',
        '<0.1 days',
        '0.1 days',
        '1 day',
        '1 day',
        '2.5 days',
        '9.9 days',
        '10 days',
        '12 days',
        '1,235 days',
      ]);
      expect(renderTemplate('{days:days}', { days: 3 }, 'zh-CN')).toBe('3 天');
      expect(renderTemplate('{days:days}', { days: 0.01 }, 'zh-CN')).toBe('不到 0.1 天');
    });
  });

  describe('enum words', () => {
    it('translate machine words through the locale vocabulary', () => {
      expect(renderTemplate('{command:command}需要填写原因。', { command: 'lose' }, 'zh-CN')).toBe('输单需要填写原因。');
      expect(renderTemplate('{command:command}', { command: 'move back' }, 'zh-CN')).toBe('退回');
      expect(renderTemplate('{s:status}|{k:stageKind}|{c:checkKind}|{clock:clock}|{p:periodUnit}', { s: 'suspended', k: 'lost', c: 'field', clock: 'created', p: 'fiscal_year' }, 'zh-CN')).toBe(
        '中止|输单|字段规则|按创建时间计|财年',
      );
      expect(renderTemplate('{s:status}', { s: 'won' })).toBe('won');
      expect(renderTemplate('{clock:clock}', { clock: 'stage_entry' })).toBe('stage entry');
    });

    it('render an unknown value as it is', () => {
      expect(renderTemplate('{s:status}', { s: 'archived' }, 'zh-CN')).toBe('archived');
      expect(renderTemplate('{s:status}', { s: 'toString' }, 'zh-CN')).toBe('toString');
    });
  });

  describe('other formats', () => {
    it('counts with units, percent, instants, positions and details', () => {
      expect(renderTemplate('{n:stages}/{m:stages}', { n: 1, m: 3 })).toBe('1 stage/3 stages');
      expect(renderTemplate('{n:stages}，{m:times}', { n: 2, m: 3 }, 'zh-CN')).toBe('2 个阶段，3 次');
      expect(renderTemplate('{n:periods}', { n: 2, period: 'month' })).toBe('2 months');
      expect(renderTemplate('{n:periods}', { n: 2, period: 'month' }, 'zh-CN')).toBe('2 个月');
      expect(renderTemplate('{n:periods}', { n: 1 })).toBe('1 period');
      expect(renderTemplate('{p:percent}', { p: '0.125' })).toBe('12.5%');
      expect(renderTemplate('{at:instant}', { at: '2026-03-01T09:30:00+08:00' })).toBe('2026-03-01 01:30:00 UTC');
      expect(renderTemplate('{at:instant}', { at: '2026-03-01T01:30:00.250Z' })).toBe('2026-03-01 01:30:00.250 UTC');
      expect(renderTemplate('{at:instant}', { at: 'soon' })).toBe('soon');
      expect(renderTemplate('#{i:position}', { i: 0 })).toBe('#1');
      expect(renderTemplate('{n:number}', { n: '12345.5' })).toBe('12,345.5');
    });

    it('appends a detail after a colon of the locale, and keeps a 0.1-style detail as given', () => {
      const detail = { en: 'over the limit', 'zh-CN': '超出上限' };
      expect(renderTemplate('failed{d?:detail}.', { d: detail })).toBe('failed: over the limit.');
      expect(renderTemplate('未通过{d?:detail}。', { d: detail }, 'zh-CN')).toBe('未通过：超出上限。');
      expect(renderTemplate('failed{d?:detail}.', { d: ': no credit limit on file' })).toBe('failed: no credit limit on file.');
      expect(renderTemplate('failed{d?:detail}.', { d: '' })).toBe('failed.');
    });

    it('renders an unknown format as plain text', () => {
      expect(renderTemplate('{n:shout}', { n: 1500 })).toBe('1,500');
    });
  });

  describe('never throws', () => {
    it('whatever JavaScript passes', () => {
      const hostile = {
        get boom(): string {
          throw new Error('getter');
        },
      };
      expect(renderTemplate('{boom}', hostile as never)).toBe('{boom}');
      expect(renderTemplate('{a}', null as never)).toBe('{a}');
      expect(renderTemplate('{a}', 'text' as never)).toBe('{a}');
      expect(renderTemplate(undefined as never, {})).toBe('');
      expect(renderTemplate('{a}', { a: 1 }, 'fr' as never)).toBe('1');
      expect(renderTemplate('{a}', { a: { nested: true } } as never)).toBe('[object Object]');
      expect(renderTemplate('{a}', { a: [1, 'x'] } as never)).toBe('1, x');
      expect(renderTemplate('{a:money}', { a: Symbol('s') } as never)).toMatch(/Symbol|object/);
      expect(renderTemplate('{a}', { a: Object.create(null) } as never)).toBe('[object Object]');
    });
  });
});
