import { describe, expect, it } from 'vitest';
import { ISSUE_CODES, LOCALES, type IssueCode, type Locale } from '../../src/i18n/codes.js';
import { messagesEn } from '../../src/i18n/en.js';
import { formatMessage } from '../../src/i18n/formatMessage.js';
import { messagesZhCN } from '../../src/i18n/zhCN.js';
import { parsePipeline } from '../../src/model/pipeline.js';
import { currencySchema, safeKeySchema } from '../../src/model/primitives.js';
import { toFunnelIssues } from '../../src/model/toFunnelIssues.js';
import { SAMPLE_PARAMS } from './_samples.js';

/** The placeholders of a template with their formats, `name:format`, sorted. */
const placeholders = (s: string) => [...s.matchAll(/\{([\w|]+\??(?::\w+)?)\}/g)].map((m) => m[1]!).sort();

/** ASCII words allowed in Chinese text: codes and formats everybody writes in Latin letters. */
const ALLOWED_ASCII = new Set(['CNY', 'USD', 'RMB', 'ISO', 'YYYY', 'MM', 'DD', 'UTC', 'JSON', 'ID', 'SQL']);

/** Formats that translate an enum value: a param shown through one of them is never excused. */
const VOCABULARY_FORMATS = new Set(['command', 'status', 'stageKind', 'checkKind', 'clock', 'periodUnit']);

/** The names of the params a template shows through a vocabulary (`{command:command}` → `command`). */
const vocabularyParams = (template: string) =>
  new Set([...template.matchAll(/\{([\w|]+)\??:(\w+)\}/g)].filter((m) => VOCABULARY_FORMATS.has(m[2]!)).flatMap((m) => m[1]!.split('|')));

/**
 * The text values of a params object in `locale` that a message may legitimately quote:
 * ids, names, free text. Enum values shown through a vocabulary are left out: they must be
 * translated, so an English word from them still counts.
 */
function paramTexts(params: object, locale: Locale, translated: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (translated.has(k)) continue;
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'object' && v !== null) out.push(String((v as Record<string, string>)[locale] ?? (v as Record<string, string>)['en']));
  }
  return out.sort((a, b) => b.length - a.length);
}

/** ASCII words of 2+ letters in `message` once the param values it quotes are taken out. */
function englishWords(message: string, params: object, template = ''): string[] {
  let rest = message;
  for (const t of paramTexts(params, 'zh-CN', vocabularyParams(template))) if (t !== '') rest = rest.split(t).join(' ');
  return (rest.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !ALLOWED_ASCII.has(w));
}

const render = <C extends IssueCode>(code: C, locale: Locale) => formatMessage(code, SAMPLE_PARAMS[code], locale);

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

  it('use the same placeholders, with the same formats, in both locales', () => {
    const differ = ISSUE_CODES.filter((c) => placeholders(messagesEn[c]).join() !== placeholders(messagesZhCN[c]).join());
    expect(differ).toEqual([]);
  });

  it('use only placeholders the code has params for', () => {
    const unknown: string[] = [];
    for (const c of ISSUE_CODES) {
      const names = Object.keys(SAMPLE_PARAMS[c]);
      for (const p of placeholders(messagesEn[c])) {
        const [group = ''] = p.split(/[?:]/);
        // `{a|b}`: at least one of the alternatives is a param of the code.
        if (!group.split('|').some((n) => names.includes(n))) unknown.push(`${c}: ${p}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('show enum-valued params through a vocabulary, never raw', () => {
    const ENUM_PARAMS = new Set(['command', 'status', 'kind', 'stageKind', 'clock', 'check', 'period']);
    const raw = ISSUE_CODES.flatMap((c) =>
      [...messagesZhCN[c].matchAll(/\{([\w|]+)\??(?::(\w+))?\}/g)]
        .filter((m) => m[1]!.split('|').some((n) => ENUM_PARAMS.has(n)) && !VOCABULARY_FORMATS.has(m[2] ?? ''))
        .map((m) => `${c}: ${m[0]}`),
    );
    expect(raw).toEqual([]);
  });

  it('codes are unique snake_case', () => {
    expect(new Set(ISSUE_CODES).size).toBe(ISSUE_CODES.length);
    expect(ISSUE_CODES.filter((c) => !/^[a-z]+(_[a-z]+)*$/.test(c))).toEqual([]);
  });
});

describe('every code renders in both locales', () => {
  it('with no placeholder left unfilled', () => {
    const leftovers = LOCALES.flatMap((locale) =>
      ISSUE_CODES.map((c) => `${locale} ${c}: ${render(c, locale)}`).filter((line) => /\{[^}]*\}/.test(line)),
    );
    expect(leftovers).toEqual([]);
  });

  it('with no English word in a Chinese message besides quoted params and codes such as CNY or ISO', () => {
    const offenders = ISSUE_CODES.map((c) => ({ c, message: render(c, 'zh-CN') }))
      .map(({ c, message }) => ({ c, message, words: englishWords(message, SAMPLE_PARAMS[c], messagesZhCN[c]) }))
      .filter((x) => x.words.length > 0)
      .map((x) => `${x.c}: ${x.words.join(', ')} in ${x.message}`);
    expect(offenders).toEqual([]);
  });

  it('the checker itself catches an English word and a leftover placeholder', () => {
    expect(englishWords('阶段“qualify”尚未完成。', { stageId: 'qualify' })).toEqual([]);
    expect(englishWords('此操作（lose）需要填写原因。', {})).toEqual(['lose']);
    // An enum value shown through a vocabulary is not excused: 0.1 pasted it in raw.
    expect(englishWords('此操作（lose）需要填写原因。', { command: 'lose' }, '此操作（{command:command}）需要填写原因。')).toEqual(['lose']);
    expect(englishWords('此操作（lose）需要填写原因。', { command: 'lose' }, '此操作（{command}）需要填写原因。')).toEqual([]);
    expect(englishWords('未知币种“RMB”，请使用 ISO 4217 代码。', {})).toEqual([]);
    expect(englishWords('第 2 条记录（ok）', {})).toEqual(['ok']);
    expect(/\{[^}]*\}/.test('未知币种“{currency}”')).toBe(true);
  });

  it('say the things a Chinese reader expects (hand-checked)', () => {
    expect(render('reason_required', 'zh-CN')).toBe('输单需要填写原因。');
    expect(formatMessage('reason_required', { command: 'move back' }, 'zh-CN')).toBe('退回需要填写原因。');
    expect(render('opportunity_closed', 'zh-CN')).toBe('商机已赢单，请先重新打开。');
    expect(formatMessage('opportunity_closed', { status: 'lost', stageId: 'lost' }, 'zh-CN')).toBe('商机已输单，请先重新打开。');
    expect(render('closed_stage_probability', 'zh-CN')).toBe('阶段“won”是赢单阶段，赢率必须为 1。');
    expect(formatMessage('closed_stage_probability', { stageId: 'won', stageName: '赢单', kind: 'won', expected: 1 }, 'zh-CN')).toBe('阶段“赢单”是赢单阶段，赢率必须为 1。');
    expect(render('status_stage_mismatch', 'zh-CN')).toBe('商机状态“进行中”与所在阶段“won”（赢单阶段）不符。');
    expect(render('task_not_manual', 'zh-CN')).toBe('关键任务“通过信用审核”由系统按自定义规则自动判定，不能手动标记完成。');
    expect(render('guard_failed', 'zh-CN')).toBe('关键任务“通过信用审核”未通过检查（creditApproved）：超出信用额度。');
    expect(render('won_without_funnel_history', 'zh-CN')).toBe('已赢单（236.4 万元），但在漏斗各阶段累计停留时间：不到 0.1 天，可能未按流程推进。');
    expect(formatMessage('won_without_funnel_history', { amount: '5000', currency: 'USD', days: 3 }, 'zh-CN')).toBe(
      '已赢单（5,000.00 美元），但在漏斗各阶段累计停留时间：3 天，可能未按流程推进。',
    );
    expect(render('stage_skipped', 'zh-CN')).toBe('从“潜在客户”直接推进到“方案提出”，跳过了 2 个阶段。');
    expect(render('regressed', 'zh-CN')).toBe('从“方案提出”退回到“需求确认”。');
    expect(render('close_date_pushed', 'zh-CN')).toBe('预计成交日期已推迟 3 次，累计推后 2 个季度。');
    expect(render('close_date_overdue', 'zh-CN')).toBe('预计成交日期（2026-06-30）已过 12 天，商机仍未关闭。');
    expect(render('stalled', 'zh-CN')).toBe('在“需求确认”阶段已停留 48 天（按最近一次变更计），超过停滞上限 30 天。');
    expect(formatMessage('stalled', { ...SAMPLE_PARAMS.stalled, clock: 'last_activity' }, 'zh-CN')).toBe('在“需求确认”阶段已停留 48 天（按最近一次跟进计），超过停滞上限 30 天。');
    expect(render('near_zero_probability', 'zh-CN')).toBe('赢率仅为 1%，接近于零。');
    expect(render('ledger_out_of_order', 'zh-CN')).toBe('第 2 条变更记录的时间早于上一条。');
    expect(render('ledger_field_mismatch', 'zh-CN')).toBe('输单原因与第 7 条变更记录不一致。');
    expect(render('duplicate_id', 'zh-CN')).toBe('ID“o-17”已被第 4 个商机使用。');
    expect(render('splits_total', 'zh-CN')).toBe('指标分割比例合计须为 100%（10,000 基点），当前为 9,000 基点。');
    expect(render('limit_exceeded', 'zh-CN')).toBe('拆分后的份数超过上限 100,000。');
    expect(render('invalid_option', 'zh-CN')).toBe('选项“groupBy”无效：“owner”重复出现。');
    expect(render('invalid_amount', 'zh-CN')).toBe('金额“-5”无效：金额不能为负数。');
    expect(render('time_went_backwards', 'zh-CN')).toBe('操作时间 2026-03-01 01:30:00 UTC 早于该商机最近一条变更记录的时间（2026-03-01 02:00:00 UTC）。');
    expect(render('unknown_currency', 'zh-CN')).toBe('未知币种“RMB”，请使用 ISO 4217 币种代码，如人民币为 CNY（不是 RMB）、美元为 USD。');
  });

  it('say the same in English (hand-checked)', () => {
    expect(render('reason_required', 'en')).toBe('A reason is required to lose.');
    expect(render('opportunity_closed', 'en')).toBe('The opportunity is already won; reopen it first.');
    expect(render('guard_failed', 'en')).toBe('Check "creditApproved" for key task "通过信用审核" did not pass: over the credit limit.');
    expect(render('won_without_funnel_history', 'en')).toBe('Won for 2,364,000.00 CNY after only <0.1 days in the open stages of the funnel.');
    expect(formatMessage('won_without_funnel_history', { amount: '2364000', currency: 'CNY', days: 1 }, 'en')).toBe(
      'Won for 2,364,000.00 CNY after only 1 day in the open stages of the funnel.',
    );
    expect(formatMessage('stage_skipped', { from: 'lead', to: 'proposal', count: 1 }, 'en')).toBe('Skipped 1 stage moving from "lead" to "proposal".');
    expect(render('close_date_pushed', 'en')).toBe('Expected close date pushed 3 times, by 2 quarters in all.');
    expect(formatMessage('close_date_pushed', { pushes: 1, periods: 1 }, 'en')).toBe('Expected close date pushed 1 time, by 1 period in all.');
    expect(render('stalled', 'en')).toBe('Stalled in stage "需求确认" for 48 days (counted from the last change), past the limit of 30 days.');
    expect(formatMessage('stalled', { ...SAMPLE_PARAMS.stalled, clock: 'last_activity' }, 'en')).toBe('Stalled in stage "需求确认" for 48 days (counted from the last activity), past the limit of 30 days.');
    expect(formatMessage('stalled', { stageId: 'qualify', days: 3.25, threshold: 1, clock: 'stage_entry', rule: 'global_threshold' }, 'en')).toBe(
      'Stalled in stage "qualify" for 3.3 days (counted from stage entry), past the limit of 1 day.',
    );
    expect(render('near_zero_probability', 'en')).toBe('Open deal with probability 1%.');
  });
});

describe('the unknown-currency placeholder (0.1 rendered 未知币种“{currency}”)', () => {
  it('is filled when a bad currency comes from parsing', () => {
    const r = currencySchema.safeParse('RMB');
    expect(r.success).toBe(false);
    if (r.success) return;
    const [zh] = toFunnelIssues(r.error, 'zh-CN');
    expect(zh?.code).toBe('unknown_currency');
    expect(zh?.params).toEqual({ currency: 'RMB' });
    expect(zh?.message).toBe('未知币种“RMB”，请使用 ISO 4217 币种代码，如人民币为 CNY（不是 RMB）、美元为 USD。');
    expect(toFunnelIssues(r.error, 'en')[0]?.message).toBe('Unknown currency code "RMB"; use an ISO 4217 code such as CNY or USD.');
  });

  it('is filled for a bad pipeline currency too, at its path', () => {
    let issues: ReturnType<typeof toFunnelIssues> = [];
    try {
      parsePipeline({
        id: 'p',
        name: 'P',
        currency: 'RMB',
        stages: [
          { id: 'a', name: 'A', kind: 'open', probability: '0.5' },
          { id: 'w', name: 'W', kind: 'won', probability: 1 },
          { id: 'l', name: 'L', kind: 'lost', probability: 0 },
        ],
      });
    } catch (e) {
      issues = toFunnelIssues(e as Parameters<typeof toFunnelIssues>[0], 'zh-CN');
    }
    const bad = issues.find((i) => i.code === 'unknown_currency');
    expect(bad?.path).toEqual(['currency']);
    expect(bad?.message).toBe('未知币种“RMB”，请使用 ISO 4217 币种代码，如人民币为 CNY（不是 RMB）、美元为 USD。');
  });

  it('and the forbidden-key placeholder is filled the same way', () => {
    const r = safeKeySchema.safeParse('constructor');
    expect(r.success).toBe(false);
    if (!r.success) expect(toFunnelIssues(r.error, 'zh-CN')[0]?.message).toBe('不允许使用字段名“constructor”。');
  });
});
