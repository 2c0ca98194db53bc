import { describe, expect, it } from 'vitest';
import { FunnelError, MAN_CLASSES, qualifyMAN, type ManClassCode } from '../../src/index.js';

// The source's table, verbatim: M / A / N upper case when present, lower case when not.
const TABLE: ReadonlyArray<readonly [string, boolean, boolean, boolean, ManClassCode]> = [
  ['M+A+N', true, true, true, 'prospect'], // 有望客户
  ['M+A+n', true, true, false, 'approach'], // can succeed with skill
  ['M+a+N', true, false, true, 'find_authority'], // find the person with authority
  ['m+A+N', false, true, true, 'check_business'], // 调查业务状况/信用
  ['m+a+N', false, false, true, 'nurture'], // 长期观察培养
  ['m+A+n', false, true, false, 'nurture'],
  ['M+a+n', true, false, false, 'nurture'],
  ['m+a+n', false, false, false, 'not_a_customer'], // 停止接触
];

describe('qualifyMAN', () => {
  it.each(TABLE)('%s → %s', (notation, money, authority, need, code) => {
    const q = qualifyMAN({ money, authority, need });
    expect(q.code).toBe(code);
    expect(q.notation).toBe(notation);
    expect(q.missing).toEqual([...(money ? [] : ['money']), ...(authority ? [] : ['authority']), ...(need ? [] : ['need'])]);
    expect(q.label).toEqual(MAN_CLASSES[code].label);
    expect(q.action).toEqual(MAN_CLASSES[code].action);
  });

  it('covers all eight combinations, each once', () => {
    expect(new Set(TABLE.map((r) => r[0])).size).toBe(8);
  });

  it('says what to do in the source’s words, in Chinese and English', () => {
    const q = (money: boolean, authority: boolean, need: boolean) => qualifyMAN({ money, authority, need });
    expect(q(true, true, true).label['zh-CN']).toBe('有望客户');
    expect(q(true, true, true).action['zh-CN']).toBe('理想的销售对象，重点跟进，争取尽快成交。');
    expect(q(true, true, false).action['zh-CN']).toBe('可以接触，配合熟练的销售技巧，有望成功。');
    expect(q(true, false, true).action['zh-CN']).toBe('可以接触，并设法找到有决定权的人。');
    expect(q(false, true, true).action['zh-CN']).toContain('调查其业务状况和信用');
    expect(q(false, false, true).action['zh-CN']).toContain('长期观察、培养');
    expect(q(false, false, false).action['zh-CN']).toBe('非目标客户，停止接触。');
    expect(q(true, true, false).action.en).toBe('Approach it: with skilful selling it can succeed.');
    expect(q(true, false, true).action.en).toBe('Approach it and find the person with the authority to buy.');
    expect(q(false, false, false).action.en).toBe('Not a customer: stop contacting it.');
  });

  it('lists the classes best first, each with texts in both locales', () => {
    expect(Object.keys(MAN_CLASSES)).toEqual(['prospect', 'approach', 'find_authority', 'check_business', 'nurture', 'not_a_customer']);
    for (const [code, c] of Object.entries(MAN_CLASSES)) {
      expect(c.code).toBe(code);
      for (const text of [c.label, c.action]) {
        expect(text.en.trim()).not.toBe('');
        expect(text['zh-CN']).toMatch(/[\u4e00-\u9fff]/u);
      }
    }
  });

  it('hands out results that cannot change the catalogue', () => {
    const q = qualifyMAN({ money: true, authority: true, need: true });
    expect(() => {
      (q.label as { en: string }).en = 'changed';
    }).toThrow(TypeError);
    expect(MAN_CLASSES.prospect.label.en).toBe('Prospect');
  });

  it('refuses anything but three booleans, naming the argument', () => {
    const fail = (answers: unknown) => {
      try {
        qualifyMAN(answers as never);
      } catch (e) {
        expect(e).toBeInstanceOf(FunnelError);
        return (e as FunnelError<'invalid_argument'>).params;
      }
      throw new Error('expected a FunnelError');
    };
    expect(fail(null)).toMatchObject({ name: 'answers', reason: { code: 'must_be_object' } });
    expect(fail({ money: true, authority: 'yes', need: true })).toMatchObject({ name: 'answers.authority', reason: { code: 'must_be_boolean' } });
    expect(fail({ money: true, authority: true })).toMatchObject({ name: 'answers.need' });
  });
});
