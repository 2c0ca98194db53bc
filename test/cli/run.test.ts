import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { parseReportInput, serializeReportInput } from '../../src/cli/input.js';
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
    expect(parseArgs(['report', 'deals.json', '--format=html', '--lang', 'zh-CN', '--as-of', '2026-06-30', '--out', 'r.html'])).toEqual({
      ok: true,
      value: { command: 'report', lang: 'zh-CN', format: 'html', file: 'deals.json', asOf: '2026-06-30', out: 'r.html' },
    });
    expect(parseArgs(['report'])).toEqual({ ok: true, value: { command: 'report', lang: 'en', format: 'text' } });
    expect(parseArgs(['report', '--', '--odd-name.json'])).toEqual({ ok: true, value: { command: 'report', lang: 'en', format: 'text', file: '--odd-name.json' } });
  });
});

describe('run: sample', () => {
  it('prints the embedded sample as JSON that parses back to the same data', () => {
    const io = memoryIo();
    expect(run(['sample'], io)).toBe(0);
    const parsed = parseReportInput(JSON.parse(io.out()), 'en');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.input.opportunities).toHaveLength(300);
    expect(JSON.stringify(serializeReportInput(parsed.input))).toBe(JSON.stringify(serializeReportInput(buildSample())));
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

describe('run: bad input files', () => {
  it('names the offending field path and exits 2', () => {
    const file = smallFile();
    (file.opportunities[3] as Record<string, unknown>)['amount'] = { amount: 'lots', currency: 'CNY' };
    const io = memoryIo({ 'deals.json': JSON.stringify(file) });
    expect(run(['report', 'deals.json'], io)).toBe(2);
    expect(io.err()).toContain('deals.json is not a valid sales-funnel file (1 problem):');
    expect(io.err()).toContain('opportunities.3.amount.amount');
    expect(io.out()).toBe('');
    expectNoStack(io.err());
  });

  it('lists every issue with its full path, in the requested language', () => {
    const file = smallFile();
    file.opportunities[3]!['amount'] = 'a million';
    file.opportunities[7]!['stageId'] = 'nowhere';
    delete file.opportunities[9]!['customerId'];
    (file.pipeline as { stages: { probability: unknown }[] }).stages[1]!.probability = 2;
    for (const lang of ['en', 'zh-CN'] as const) {
      const io = memoryIo({ 'deals.json': JSON.stringify(file) });
      expect(run(['report', 'deals.json', '--lang', lang], io)).toBe(2);
      const err = io.err();
      for (const path of ['pipeline.stages.1.probability', 'opportunities.3.amount', 'opportunities.9.customerId']) expect(err).toContain(`  ${path}: `);
      expectNoStack(err);
      if (lang === 'zh-CN') expect(err).toContain('不是有效的 sales-funnel 数据文件');
    }
    // With a valid pipeline, a deal in an unknown stage is caught too.
    const file2 = smallFile();
    file2.opportunities[7]!['stageId'] = 'nowhere';
    const io2 = memoryIo({ 'deals.json': JSON.stringify(file2) });
    expect(run(['report', 'deals.json'], io2)).toBe(2);
    expect(io2.err()).toContain('opportunities.7.stageId');
  });

  it('refuses a document that is not an object, or lacks its arrays', () => {
    const io = memoryIo({ 'a.json': '[1, 2]', 'b.json': '{"pipeline": {}}' });
    expect(run(['report', 'a.json'], io)).toBe(2);
    expect(io.err()).toContain('(root): Expected a JSON object');
    const io2 = memoryIo({ 'b.json': '{"pipeline": {}}' });
    expect(run(['report', 'b.json'], io2)).toBe(2);
    expect(io2.err()).toContain('  opportunities: ');
    expect(io2.err()).toContain('  pipeline.id: ');
  });

  it('gives one line for an unreadable file or invalid JSON, exit 2', () => {
    const missing = memoryIo();
    expect(run(['report', 'nope.json'], missing)).toBe(2);
    expect(missing.err()).toBe("error: cannot read nope.json: no such file or directory\n");
    const broken = memoryIo({ 'bad.json': '{ "pipeline": ' });
    expect(run(['report', 'bad.json'], broken)).toBe(2);
    expect(broken.err()).toMatch(/^error: bad\.json is not valid JSON: .+\n$/);
  });

  it('turns a refusal of the library (deals in another currency) into exit 2 with its message', () => {
    const file = smallFile();
    const open = file.opportunities.find((o) => o['status'] === 'open') as Record<string, unknown>;
    open['amount'] = { amount: '1000.00', currency: 'USD' };
    // keep the ledger consistent: drop amount changes, which would carry CNY
    open['history'] = (open['history'] as { type: string }[]).filter((e) => e.type !== 'amount_changed');
    const io = memoryIo({ 'deals.json': JSON.stringify(file) });
    expect(run(['report', 'deals.json'], io)).toBe(2);
    expect(io.err()).toMatch(/^error: the report cannot be computed: .*(USD|CNY|currenc)/i);
    expectNoStack(io.err());
  });

  it('reports an unexpected failure in one line with exit 1', () => {
    const io = memoryIo();
    const failing = { ...io, stdout: () => { throw new TypeError('stream exploded\n    at somewhere (x.js:1:1)'); } };
    expect(run(['sample'], failing)).toBe(1);
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
