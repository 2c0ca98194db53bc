import { describe, expect, it } from 'vitest';
import { because } from '../../src/i18n/because.js';
import { FunnelError } from '../../src/i18n/FunnelError.js';
import { REASONS, type ReasonCode } from '../../src/i18n/reasons.js';

/**
 * The Latin words a Chinese reason may keep: identifiers a developer types (option and
 * field names, literals, API names) and formats. Everything else must be Chinese.
 */
const API_WORDS = new Set(
  (
    'true false null undefined Date Map Money Decimal ISO IANA ID YYYY MM DD Asia Shanghai timeZone offsetMinutes options currency ' +
    'parsePipeline appendEvents seq type code params advance move win lose suspend resume reopen splits basisPoints stage created ' +
    'stageId medianMultiple asOf to from min max amount probability predictions outcomes states probabilities meanStayDays manual field ' +
    'customerIdPrefix ownerId postgres duckdb SQL sf part'
  ).split(' '),
);

/** Sample values for a template's placeholders: a number for counted or positioned ones, text otherwise. */
function sampleParams(template: string): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const m of template.matchAll(/\{(\w+)(?::(\w+))?\}/g)) params[m[1]!] = m[2] === 'position' ? 2 : m[2] === 'periodUnit' ? 'quarter' : `x${m[1]}`;
  return params;
}

const codes = Object.keys(REASONS) as ReasonCode[];

describe('because', () => {
  it('makes a reason: its code, its params and its text in every locale', () => {
    expect(because('listed_twice', { key: 'owner' })).toEqual({
      code: 'listed_twice',
      params: { key: 'owner' },
      en: '"owner" is listed twice',
      'zh-CN': '“owner”重复出现',
    });
    expect(because('must_be_object')).toEqual({ code: 'must_be_object', en: 'must be an object', 'zh-CN': '必须是对象' });
    expect(because('split_owner', { index: 0 })['zh-CN']).toBe('第 1 项指标分割需要非空的负责人 ID');
    expect(because('split_owner', { index: 0 }).en).toBe('split 0 needs a non-empty owner id');
  });

  it('renders in the message of an error, in its locale', () => {
    const e = new FunnelError('invalid_option', { option: 'groupBy', reason: because('listed_twice', { key: 'owner' }) });
    expect(e.message).toBe('Invalid option "groupBy": "owner" is listed twice.');
    expect(e.localizedMessage('zh-CN')).toBe('选项“groupBy”无效：“owner”重复出现。');
    expect(JSON.parse(JSON.stringify(e.params)).reason.code).toBe('listed_twice');
  });

  it('has codes that are unique snake_case, with an English and a Chinese text each', () => {
    expect(codes.filter((c) => !/^[a-z]+(_[a-z0-9]+)*$/.test(c))).toEqual([]);
    for (const c of codes) {
      expect(REASONS[c].en.trim(), c).not.toBe('');
      expect(REASONS[c]['zh-CN'].trim(), c).not.toBe('');
    }
  });

  it('law: every reason fills its placeholders in both locales, and its Chinese has no English word', () => {
    const offenders: string[] = [];
    for (const c of codes) {
      const params = sampleParams(`${REASONS[c].en} ${REASONS[c]['zh-CN']}`);
      const r = because(c, params);
      // a placeholder left (`{name}`), not an object literal shown in the text (`{ min, max }`)
      for (const text of [r.en, r['zh-CN']]) if (/\{[A-Za-z_][\w|?:]*\}/.test(text)) offenders.push(`${c}: unfilled in ${text}`);
      const words = (r['zh-CN'].match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !API_WORDS.has(w) && !/^x[A-Za-z]+$/.test(w));
      if (words.length > 0) offenders.push(`${c}: ${words.join(', ')} in ${r['zh-CN']}`);
      if (!/[\u4e00-\u9fff]/u.test(r['zh-CN'])) offenders.push(`${c}: no Chinese in ${r['zh-CN']}`);
    }
    expect(offenders).toEqual([]);
  });
});
