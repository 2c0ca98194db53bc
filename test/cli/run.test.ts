import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { readReportInput, serializeReportInput } from '../../src/cli/input.js';
import { run } from '../../src/cli/run.js';
import { buildSample } from '../../src/cli/sample.js';
import { memoryIo } from './_io.js';

/** A small, valid input file (the sample's pipeline, its first 20 and last 20 deals) as a JSON value. */
function smallFile(): { pipeline: unknown; customers: unknown[]; opportunities: Record<string, unknown>[]; asOf?: string } {
  const s = buildSample();
  const json = JSON.parse(JSON.stringify(serializeReportInput({ ...s, opportunities: [...s.opportunities.slice(0, 20), ...s.opportunities.slice(-20)] })));
  return json;
}

/** No stack trace: no "    at fn (file:line)" frames and no "Error:" class prefixes. */
function expectNoStack(text: string): void {
  expect(text).not.toMatch(/^\s+at\s/m);
  expect(text).not.toMatch(/\b(Type|Syntax|Range|Zod)?Error:/);
}

describe('run: arguments', () => {
  it('prints help on --help, -h and without arguments, exit 0', () => {
    for (const argv of [['--help'], ['-h'], [], ['report', '--help']]) {
      const io = memoryIo();
      expect(run(argv, io)).toBe(0);
      expect(io.out()).toContain('sales-funnel report [file.json]');
      expect(io.err()).toBe('');
    }
    const zh = memoryIo();
    expect(run(['--help', '--lang', 'zh-CN'], zh)).toBe(0);
    expect(zh.out()).toContain('用法');
  });

  it.each([
    [['report', '--bogus'], '--bogus'],
    [['report', '--bogus=1'], '--bogus'],
    [['report', '-x'], '-x'],
    [['sample', '--verbose'], '--verbose'],
  ])('rejects the unknown option in %j with exit 2', (argv, option) => {
    const io = memoryIo();
    expect(run(argv, io)).toBe(2);
    expect(io.err()).toContain(`unknown option ${option}`);
    expect(io.err()).toContain('--help');
    expect(io.out()).toBe('');
    expectNoStack(io.err());
  });

  it.each([
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['report', '--format', 'pdf'], 'invalid value "pdf" for --format'],
    [['report', '--lang', 'fr'], 'invalid value "fr" for --lang'],
    [['report', '--format'], 'option --format needs a value'],
    [['report', '--out', '--format', 'json'], 'option --out needs a value'],
    [['report', 'a.json', 'b.json'], 'unexpected argument "b.json"'],
    [['sample', 'x.json'], 'unexpected argument "x.json"'],
    [['sample', '--format', 'json'], 'option --format does not apply to the sample command'],
    [['report', '--as-of', '2026-02-30'], 'invalid --as-of "2026-02-30"'],
    [['report', '--as-of', 'yesterday'], 'invalid --as-of "yesterday"'],
    [['report', '--as-of', '2026-06-30T12:00:00'], 'invalid --as-of "2026-06-30T12:00:00"'],
    [['report', '--tz', 'Mars/Olympus'], 'invalid --tz "Mars/Olympus"'],
    [['report', '--tz', '+08:00'], 'invalid --tz "+08:00"'],
    [['sample', '--tz', 'UTC'], 'option --tz does not apply to the sample command'],
  ])('%j is a usage error (exit 2): %s', (argv, message) => {
    const io = memoryIo();
    expect(run(argv, io)).toBe(2);
    expect(io.err()).toContain(message);
    expectNoStack(io.err());
  });

  it('reports usage errors in Chinese with --lang zh-CN', () => {
    const io = memoryIo();
    expect(run(['report', '--bogus', '--lang', 'zh-CN'], io)).toBe(2);
    expect(io.err()).toContain('错误：未知选项 --bogus');
  });

  it('parses both option forms and keeps defaults', () => {
    expect(parseArgs(['report', 'deals.json', '--format=html', '--lang', 'zh-CN', '--as-of', '2026-06-30', '--tz=Asia/Shanghai', '--out', 'r.html'])).toEqual({
      ok: true,
      value: { command: 'report', lang: 'zh-CN', format: 'html', file: 'deals.json', asOf: '2026-06-30', tz: 'Asia/Shanghai', out: 'r.html' },
    });
    expect(parseArgs(['report'])).toEqual({ ok: true, value: { command: 'report', lang: 'en', format: 'text' } });
    expect(parseArgs(['report', '--', '--odd-name.json'])).toEqual({ ok: true, value: { command: 'report', lang: 'en', format: 'text', file: '--odd-name.json' } });
  });
});

describe('run: sample', () => {
  it('prints the embedded sample as JSON that parses back to the same data', () => {
    const io = memoryIo();
    expect(run(['sample'], io)).toBe(0);
    const parsed = readReportInput(JSON.parse(io.out()), 'en');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.reading.rejected.count).toBe(0);
    expect(parsed.reading.input.opportunities).toHaveLength(300);
    expect(JSON.stringify(serializeReportInput(parsed.reading.input))).toBe(JSON.stringify(serializeReportInput(buildSample())));
  });

  it('writes to --out and says so on stderr, keeping stdout empty', () => {
    const io = memoryIo();
    expect(run(['sample', '--out', 'deals.json'], io)).toBe(0);
    expect(io.out()).toBe('');
    expect(io.err()).toContain('Wrote deals.json');
    expect(JSON.parse(io.files.get('deals.json') as string).opportunities).toHaveLength(300);
  });

  it('reports a file it cannot write with exit 2', () => {
    const io = memoryIo();
    expect(run(['sample', '--out', '/readonly/deals.json'], io)).toBe(2);
    expect(io.err()).toContain('cannot write /readonly/deals.json: permission denied');
  });
});

/** Runs `report deals.json --format json` on a file; returns the exit code, the parsed report and stderr. */
function reportOn(file: unknown, args: string[] = [], lang: 'en' | 'zh-CN' = 'en') {
  const io = memoryIo({ 'deals.json': JSON.stringify(file) });
  const code = run(['report', 'deals.json', '--format', 'json', '--lang', lang, ...args], io);
  return { code, err: io.err(), json: io.out() === '' ? undefined : JSON.parse(io.out()) };
}

describe('run: records the file gets wrong are rejected, the others reported (exit 1)', () => {
  it('reports the valid records and lists the rejected one with its path and reason', () => {
    const file = smallFile();
    (file.opportunities[3] as Record<string, unknown>)['amount'] = { amount: 'lots', currency: 'CNY' };
    const r = reportOn(file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('deals.json: rejected 1 of ');
    expect(r.err).toContain('  opportunities.3 (');
    expect(r.err).toContain('    opportunities.3.amount.amount: ');
    expectNoStack(r.err);
    expect(r.json.deals.total).toBe(39);
    expect(r.json.input).toMatchObject({ rejected: 1, duplicates: 0, opportunities: { read: 40, accepted: 39 } });
    expect(r.json.input.rejectedRecords[0].path).toEqual(['opportunities', 3]);
    expect(r.json.input.rejectedRecords[0].issues[0].path).toEqual(['opportunities', 3, 'amount', 'amount']);
  });

  it('lists every rejected record with full paths, in the requested language', () => {
    const file = smallFile();
    file.opportunities[3]!['amount'] = 'a million';
    file.opportunities[7]!['stageId'] = 'nowhere';
    delete file.opportunities[9]!['customerId'];
    for (const lang of ['en', 'zh-CN'] as const) {
      const r = reportOn(file, [], lang);
      expect(r.code).toBe(1);
      const colon = lang === 'zh-CN' ? '：' : ': ';
      for (const path of ['opportunities.3.amount', 'opportunities.7.stageId', 'opportunities.9.customerId']) expect(r.err).toContain(`    ${path}${colon}`);
      expectNoStack(r.err);
      expect(r.json.input.rejected).toBe(3);
      expect(r.json.deals.total).toBe(37);
      if (lang === 'zh-CN') {
        expect(r.err).toContain('条记录中有 3 条被拒绝');
        // zod's structural message in Chinese, its type names too; stages by their names
        expect(r.err).toContain('    opportunities.3.amount：无效输入：应为对象（opportunities.3.amount）\n');
        expect(r.err).toContain('    opportunities.9.customerId：无效输入：应为字符串（opportunities.9.customerId）\n');
        expect(r.err).toContain('    opportunities.7.stageId：阶段“nowhere”不属于销售漏斗“direct-sales”。\n');
      }
    }
    const text = memoryIo({ 'deals.json': JSON.stringify(file) });
    expect(run(['report', 'deals.json'], text)).toBe(1);
    expect(text.out()).toContain('Rejected records');
    expect(text.out()).toContain('opportunities.7.stageId');
  });

  it('counts a duplicated deal once and flags the copy', () => {
    const file = smallFile();
    const copy: Record<string, unknown> = { ...file.opportunities[5]!, name: 'the same deal, exported twice' };
    file.opportunities.push(copy);
    const r = reportOn(file);
    expect(r.code).toBe(1);
    expect(r.json.deals.total).toBe(40);
    expect(r.json.input).toMatchObject({ rejected: 1, duplicates: 1 });
    expect(r.err).toContain(`    opportunities.40.id: The id "${String(copy['id'])}" is already used by opportunities.5.`);
    const clean = reportOn(smallFile());
    // the copy changes nothing in the figures
    expect(r.json.funnel).toEqual(clean.json.funnel);
    expect(r.json.forecast).toEqual(clean.json.forecast);
  });

  it('rejects a deal in another currency than the pipeline (the report has no exchange rates)', () => {
    const file = smallFile();
    const k = file.opportunities.findIndex((o) => o['status'] === 'open');
    const open = file.opportunities[k]!;
    open['amount'] = { amount: '1000.00', currency: 'USD' };
    // keep the ledger consistent: drop amount changes, which would carry CNY
    open['history'] = (open['history'] as { type: string }[]).filter((e) => e.type !== 'amount_changed').map((e, i) => ({ ...e, seq: i + 1 }));
    const r = reportOn(file);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`    opportunities.${k}.amount.currency: Cannot combine amounts in USD and CNY`);
    expectNoStack(r.err);
  });

  it('checks deals against the customers the file lists, and against the pipeline', () => {
    const file = smallFile();
    file.opportunities[0]!['customerId'] = 'c-nobody';
    file.customers.push({ id: (file.customers[0] as { id: string }).id, name: 'A second customer with the same id' });
    const r = reportOn(file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('    opportunities.0.customerId: Customer "c-nobody" is not in the book.');
    expect(r.err).toMatch(/ {4}customers\.\d+\.id: The id "c-\d+" is already used by customers\.0\./);
    expect(r.json.input).toMatchObject({ rejected: 2, duplicates: 1 });
    // without a customer list, deals are not checked against one
    const { customers: _, ...noCustomers } = smallFile();
    expect(reportOn(noCustomers).code).toBe(0);
  });
});

describe('run: unusable input (exit 2, nothing reported)', () => {
  it('lists the problems of an invalid pipeline with their full paths', () => {
    const file = smallFile();
    (file.pipeline as { stages: { probability: unknown }[] }).stages[1]!.probability = 2;
    for (const lang of ['en', 'zh-CN'] as const) {
      const r = reportOn(file, [], lang);
      expect(r.code).toBe(2);
      expect(r.json).toBeUndefined();
      expect(r.err).toContain(`  pipeline.stages.1.probability${lang === 'zh-CN' ? '：' : ': '}`);
      expectNoStack(r.err);
      if (lang === 'zh-CN') expect(r.err).toContain('deals.json 不是有效的 sales-funnel 数据文件（共 1 个问题）：\n  pipeline.stages.1.probability：赢率 2 超出范围：应为 0 到 1 之间的小数（如 0.3 表示 30%）。');
      else expect(r.err).toContain('deals.json is not a valid sales-funnel file (1 problem):');
    }
  });

  it('refuses a document that is not an object, or lacks its arrays or its pipeline', () => {
    const io = memoryIo({ 'a.json': '[1, 2]' });
    expect(run(['report', 'a.json'], io)).toBe(2);
    expect(io.err()).toContain('(root): Expected a JSON object');
    const io2 = memoryIo({ 'b.json': '{"pipeline": {}}' });
    expect(run(['report', 'b.json'], io2)).toBe(2);
    expect(io2.err()).toContain('  opportunities: ');
    expect(io2.err()).toContain('  pipeline.id: ');
    const io3 = memoryIo({ 'c.json': '{"opportunities": [], "customers": {}}' });
    expect(run(['report', 'c.json'], io3)).toBe(2);
    expect(io3.err()).toContain('  pipeline: ');
    expect(io3.err()).toContain('  customers: Expected an array');
    expect(io3.out()).toBe('');
  });

  it('refuses a file whose own asOf is not an instant', () => {
    const file = { ...smallFile(), asOf: '2026-02-30T00:00:00Z' };
    const r = reportOn(file);
    expect(r.code).toBe(2);
    expect(r.err).toContain('  asOf: ');
  });

  it('gives one line for an unreadable file or invalid JSON, exit 2', () => {
    const missing = memoryIo();
    expect(run(['report', 'nope.json'], missing)).toBe(2);
    expect(missing.err()).toBe("error: cannot read nope.json: no such file or directory\n");
    const broken = memoryIo({ 'bad.json': '{ "pipeline": ' });
    expect(run(['report', 'bad.json'], broken)).toBe(2);
    expect(broken.err()).toMatch(/^error: bad\.json is not valid JSON: .+\n$/);
  });

  it('says why in Chinese with --lang zh-CN: the file system error by its code, where the JSON breaks', () => {
    const missing = memoryIo();
    expect(run(['report', 'nope.json', '--lang', 'zh-CN'], missing)).toBe(2);
    expect(missing.err()).toBe('错误：无法读取 nope.json：文件不存在\n');
    const denied = memoryIo();
    expect(run(['sample', '--out', '/readonly/deals.json', '--lang', 'zh-CN'], denied)).toBe(2);
    expect(denied.err()).toBe('错误：无法写入 /readonly/deals.json：没有访问权限\n');
    const broken = memoryIo({ 'bad.json': '{ "pipeline": 1, }' });
    expect(run(['report', 'bad.json', '--lang', 'zh-CN'], broken)).toBe(2);
    expect(broken.err()).toMatch(/^错误：bad\.json 不是有效的 JSON：第 \d+ (行第 \d+ 列|个字符)附近有语法错误\n$/);
    const cut = memoryIo({ 'cut.json': '{ "pipeline": ' });
    expect(run(['report', 'cut.json', '--lang', 'zh-CN'], cut)).toBe(2);
    expect(cut.err()).toBe('错误：cut.json 不是有效的 JSON：内容不完整，提前结束\n');
  });

  it('reports an unexpected failure in one line with exit 3', () => {
    const io = memoryIo();
    const failing = { ...io, stdout: () => { throw new TypeError('stream exploded\n    at somewhere (x.js:1:1)'); } };
    expect(run(['sample'], failing)).toBe(3);
    expect(io.err()).toBe('error: unexpected failure: stream exploded\n');
  });

  it('needs --as-of for a file without any dated event', () => {
    const file = smallFile();
    delete file.asOf;
    file.opportunities = [];
    const io = memoryIo({ 'empty.json': JSON.stringify(file) });
    expect(run(['report', 'empty.json'], io)).toBe(2);
    expect(io.err()).toContain('pass --as-of');
    const io2 = memoryIo({ 'empty.json': JSON.stringify(file) });
    expect(run(['report', 'empty.json', '--as-of', '2026-01-01', '--format', 'json'], io2)).toBe(0);
    expect(JSON.parse(io2.out()).deals.total).toBe(0);
  });
});
