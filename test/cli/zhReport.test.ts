// The zh-CN report as a Chinese sales manager reads it (issue 17): amounts in 万, the
// seeds' words, people and stages by name, times on Beijing's clock, nothing English.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { amountUnit, formatAmount, formatPeriod, formatWan, formatWholeDays } from '../../src/cli/format.js';
import { serializeReportInput } from '../../src/cli/input.js';
import { run } from '../../src/cli/run.js';
import { buildSample } from '../../src/cli/sample.js';
import { formatInstant, zoneName } from '../../src/cli/view.js';
import { Decimal } from '../../src/index.js';
import { memoryIo } from './_io.js';

function report(args: string[], files: Record<string, string> = {}): string {
  const io = memoryIo(files, 'Asia/Shanghai');
  const code = run(['report', ...args], io);
  expect(io.err()).toBe('');
  expect(code).toBe(0);
  return io.out();
}

// The words of the report, unwrapped: a width no line reaches (the width laws are in width.test.ts).
const text = report(['--lang', 'zh-CN', '--width', '1000']);
const text80 = report(['--lang', 'zh-CN']);
const html = report(['--lang', 'zh-CN', '--format', 'html']);
const textEn = report([]);
const htmlEn = report(['--format', 'html']);

/** The text a reader sees in an HTML page: no style sheet, no tags, entities decoded. */
function visibleText(page: string): string {
  return page
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * The Latin words a Chinese reader may meet in the report: the currency code, the
 * forecast's P10 / P50 / P90 beside 保守 / 中性 / 乐观, the sample's product names
 * (ERP, MES, CRM, WMS, IoT: what Chinese B2B sales call them), the Kaplan–Meier method
 * named in brackets, the tool's own name in the page footer, and a foreign competitor's
 * name (GlobalSoft) in the win / loss section.
 */
const ALLOWED = new Set(['CNY', 'P10', 'P50', 'P90', 'ERP', 'MES', 'CRM', 'WMS', 'IoT', 'Kaplan', 'Meier', 'sales-funnel', 'GlobalSoft']);

/** Latin words of two letters or more (with digits and hyphens: `P10`, `rep-wang`) outside the allow-list. */
const english = (t: string) => (t.match(/[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]/g) ?? []).filter((w) => !ALLOWED.has(w));

describe('the zh-CN report of the sample: nothing English', () => {
  it('has no English word outside the allow-list, in text and in HTML', () => {
    expect([...new Set(english(text))]).toEqual([]);
    expect([...new Set(english(text80))]).toEqual([]);
    expect([...new Set(english(visibleText(html)))]).toEqual([]);
  });

  it('has no ASCII colon, no space before a full-width bracket, no id where a name exists', () => {
    expect(text).not.toMatch(/[^\s]: /);
    expect(text).not.toMatch(/ [（：，。]/u);
    for (const id of ['rep-', 'direct-sales', 'qualify', 'negotiate', 'lead']) expect(text).not.toContain(id);
  });

  it('the English report has no Chinese character (its sample speaks English)', () => {
    expect(textEn).not.toMatch(/[\u3000-\u9fff\uff00-\uffef]/u);
    expect(visibleText(htmlEn)).not.toMatch(/[\u3000-\u9fff\uff00-\uffef]/u);
  });
});

describe('the zh-CN report: amounts in 万, the currency note follows the data', () => {
  it('shows the funnel in 万 (hand-checked: 83,080,000 = 8,308 万; 18,616,000 = 1,861.6 万)', () => {
    const lines = text.split('\n');
    expect(lines).toContain('金额单位：万元（CNY），保留一位小数；比率保留一位小数；分母为零时显示“—”。');
    expect(text).toMatch(/^潜在客户\s+10\.0%\s+11\s+1,861\.6 万\s+186\.2 万\s+—\s+100\.0%$/m);
    expect(text).toMatch(/^合计\s+55\s+8,308 万\s+2,765\.7 万$/m);
    expect(text).not.toContain('83,080,000');
  });

  it('says 万美元 for a file in US dollars', () => {
    const sample = buildSample({ deals: 40 });
    const file = JSON.stringify(serializeReportInput(sample)).replaceAll('"CNY"', '"USD"');
    const usd = report(['deals.json', '--lang', 'zh-CN'], { 'deals.json': file });
    expect(usd).toContain('金额单位：万美元（USD），保留一位小数；');
  });

  it('formats amounts, days and periods as a Chinese sales manager reads them', () => {
    expect(formatWan(new Decimal('83080000'))).toBe('8,308 万');
    expect(formatWan(new Decimal('2057000'))).toBe('205.7 万');
    expect(formatWan(new Decimal('5328000'))).toBe('532.8 万');
    expect(formatWan(new Decimal('0'))).toBe('0');
    expect(formatWan(new Decimal('400'))).toBe('<0.1 万');
    expect(formatAmount(new Decimal('83080000'), 'en')).toBe('83,080,000');
    expect(amountUnit('CNY', 'zh-CN')).toBe('万元');
    expect(amountUnit('USD', 'zh-CN')).toBe('万美元');
    expect(formatWholeDays(359.8)).toBe('360');
    expect(formatWholeDays(50)).toBe('50');
    expect(formatPeriod('2026-Q3', 'zh-CN')).toBe('2026年第3季度');
    expect(formatPeriod('2026-Q3', 'en')).toBe('2026-Q3');
  });

  it('reads 万 back to the exact amounts within half a tenth of 万 (law over every amount cell of the funnel)', () => {
    const json = JSON.parse(report(['--format', 'json']));
    for (const r of json.funnel.rows) {
      const shown = formatWan(new Decimal(r.amount as string));
      const back = new Decimal(shown.replace(/[, 万]/g, '')).times(10_000);
      expect(back.minus(new Decimal(r.amount as string)).abs().lte(500)).toBe(true);
    }
  });
});

describe('the zh-CN report: the words of the seeds and Chinese CRMs', () => {
  it('uses 商机金额 / 进行中商机, 占上一阶段, 未结束, 保守 / 中性 / 乐观, 漏斗体检, 区域分配 with 业务量 and 理论下限', () => {
    for (const word of [
      '占上一阶段',
      '占首阶段',
      '总转化率（快照）',
      '进入次数',
      '其中停滞',
      '已推进',
      '未结束',
      '估算中位数',
      '90 分位',
      '商机金额',
      '进行中商机数',
      '已赢单金额',
      '保守（P10）',
      '中性（P50）',
      '乐观（P90）',
      '漏斗体检',
      '问题类型',
      '待跟进问题',
      '区域分配平衡',
      '当前业务量',
      '调整后业务量',
      '理论下限',
      '停滞上限（天）',
    ]) {
      expect(text, word).toContain(word);
    }
    for (const word of ['管道', '在途', '删失', '审计', '台账', '负载', '下界', '地盘', '每人容量', '较上一阶段', '较第一阶段', 'KM', '已证明', '（已逾期）']) {
      expect(text, word).not.toContain(word);
    }
  });

  it('keeps 停滞 (past the limit) apart from 滞留 (still in the stage)', () => {
    expect(text).toContain('“停滞”指滞留时间已超过该阶段停滞上限的商机，是滞留的一部分。');
  });

  it('names people and stages, counts whole days, separates lists with 、', () => {
    expect(text).toMatch(/^天津海川 ERP 实施\s+需求确认\s+王强\s+华北\s+205\.7 万\s+360\s+50\s+2027-01-05$/m);
    expect(text).toContain('华南 400 万、西部 53.3 万');
    expect(text).toMatch(/^华东\s+张伟\s+李娜\s+300 万$/m);
    expect(text).toContain('无锡金桥 ERP 实施：已赢单（236.4 万元），但在漏斗各阶段累计停留时间：不到 0.1 天，可能未按流程推进。');
    expect(text).toContain('天津宏达 WMS 仓储管理系统：从“潜在客户”直接推进到“需求确认”，跳过了 1 个阶段。');
    expect(text).toContain('商机变更记录中值得销售经理关注的异常情况。共检查 300 个商机；停滞商机见上一节。');
    expect(text).toMatch(/^2026年第3季度（已过期）\s+4\s/m);
  });

  it('reads times on the report clock: 北京时间 for China, the zone named otherwise', () => {
    expect(text).toContain('截至      2026-11-23 08:00（北京时间）');
    expect(text).toContain('按预测日期所在的季度（北京时间）汇总商机');
    expect(formatInstant(new Date('2026-11-23T00:00:00Z'), 'UTC', 'zh-CN')).toBe('2026-11-23 00:00（UTC）');
    expect(formatInstant(new Date('2026-11-23T00:00:00Z'), 'Asia/Shanghai', 'en')).toBe('2026-11-23 08:00 Asia/Shanghai (UTC+08:00)');
    expect(zoneName('Europe/Berlin', new Date('2026-07-01T00:00:00Z'), 'zh-CN')).toMatch(/^[^A-Za-z]+，UTC\+02:00$/u);
  });

  it('draws the HTML funnel with Chinese captions and amounts in 万', () => {
    expect(html).toContain('<title>潜在客户：11 个 · 1,861.6 万 · 加权 186.2 万</title>');
    expect(htmlEn).toContain('<title>Lead: 11 · 18,616,000 · Weighted 1,861,600</title>');
  });
});

describe('the command-line guide', () => {
  it('shows the beginning of the zh-CN report on the sample as the command writes it', () => {
    const guide = fs.readFileSync(path.join(import.meta.dirname, '../../docs/guides/command-line.md'), 'utf8');
    const m = /begins:\n\n```text\n([\s\S]*?)```/.exec(guide);
    expect(m).not.toBeNull();
    expect(text80.startsWith(m![1]!)).toBe(true);
    const later = /read, for example:\n\n```text\n([\s\S]*?)```/.exec(guide);
    for (const line of later![1]!.split('\n').filter((l) => l.trim() !== '' && !/^[-\s]+$/.test(l))) expect(text80, line).toContain(line);
  });
});
