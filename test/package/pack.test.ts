// The package as users get it: `npm pack` output, unpacked into a consumer project and
// used from ES modules, CommonJS and TypeScript; linted by publint and
// @arethetypeswrong/cli; and the core checked for Node.js built-ins so that it runs in
// browsers, Deno and Bun.
//
// dist/ is rebuilt (`npx tsup`, about 30 s) only when it is missing or older than the
// sources or the build configuration. The consumer project lives in .tmp/ inside the
// repository, so the peer dependencies (zod, decimal.js, fast-check) and date-fns resolve
// from the repository's node_modules, as they would from the consumer's own: no network.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostics, repoRoot } from '../docs/support.js';

const WORK = path.join(repoRoot, '.tmp', 'package-test');
const CONSUMER = path.join(WORK, 'consumer');
const INSTALLED = path.join(CONSUMER, 'node_modules', 'sales-funnel');

interface Exec {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function exec(command: string, args: readonly string[], cwd: string, timeoutMs = 240_000): Promise<Exec> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, NODE_NO_WARNINGS: '1', FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
      shell: process.platform === 'win32',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', (e) => resolve({ code: null, stdout, stderr: `${stderr}${String(e)}` }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function newestMtime(p: string): number {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(p).map((c) => newestMtime(path.join(p, c))));
}

/** Every file the exports map, `main`, `module`, `types` and `bin` point to. */
function entryFiles(pkg: Record<string, unknown>): string[] {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.add(v.replace(/^\.\//, ''));
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(pkg['exports']);
  walk(pkg['bin']);
  for (const k of ['main', 'module', 'types']) walk(pkg[k]);
  return [...out].sort();
}

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
let tarball = '';
let packedFiles: string[] = [];

beforeAll(async () => {
  // 1. Build when dist is missing or stale.
  const outputs = entryFiles(pkg).map((f) => path.join(repoRoot, f));
  const inputs = ['src', 'tsup.config.ts', 'package.json', 'tsconfig.json'].map((p) => newestMtime(path.join(repoRoot, p)));
  const stale = outputs.some((f) => !fs.existsSync(f)) || Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs)) < Math.max(...inputs);
  if (stale) {
    const build = await exec('npx', ['--no-install', 'tsup'], repoRoot);
    if (build.code !== 0) throw new Error(`npx tsup failed:\n${build.stderr}\n${build.stdout}`);
  }

  // 2. Pack.
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(INSTALLED, { recursive: true });
  const pack = await exec('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', WORK], repoRoot);
  if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
  const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  if (info === undefined) throw new Error(`npm pack printed no result:\n${pack.stdout}`);
  tarball = path.join(WORK, info.filename);
  packedFiles = info.files.map((f) => f.path).sort();

  // 3. "Install": unpack into the consumer's node_modules (what npm install does with a
  //    tarball, minus fetching dependencies, which resolve from the repository).
  const untar = await exec('tar', ['-xzf', tarball, '-C', INSTALLED, '--strip-components=1'], WORK);
  if (untar.code !== 0) throw new Error(`tar failed:\n${untar.stderr}`);
  fs.writeFileSync(path.join(CONSUMER, 'package.json'), JSON.stringify({ name: 'consumer', private: true }, null, 2));

  // 4. Consumers. Each prints one JSON line; the same checks run under import and require.
  const checks = (format: string) => `
const total = add(money('0.1', 'CNY'), money('0.2', 'CNY')).amount.toString();
const shares = allocate(money('100', 'CNY'), [1, 1, 1]).map((m) => m.amount.toFixed(2));
const samples = fc.sample(moneyArb({ currencies: ['JPY'] }), { numRuns: 5 });
let sameErrorClass = false;
try { decimalArb({ min: 2, max: 1 }); } catch (e) { sameErrorClass = e instanceof FunnelError && e.code === 'invalid_option'; }
console.log(JSON.stringify({
  format: ${JSON.stringify(format)},
  total,
  shares,
  wholeYen: samples.every((m) => m.amount.isInteger()),
  sameDecimal: samples.every((m) => m.amount.constructor === Decimal),
  sameErrorClass,
}));
`;
  fs.writeFileSync(
    path.join(CONSUMER, 'esm.mjs'),
    `import { Decimal, FunnelError, add, allocate, money } from 'sales-funnel';
import { decimalArb, moneyArb } from 'sales-funnel/testing';
import fc from 'fast-check';
${checks('esm')}`,
  );
  fs.writeFileSync(
    path.join(CONSUMER, 'cjs.cjs'),
    `const { Decimal, FunnelError, add, allocate, money } = require('sales-funnel');
const { decimalArb, moneyArb } = require('sales-funnel/testing');
const fc = require('fast-check');
if (require('sales-funnel/package.json').name !== 'sales-funnel') throw new Error('package.json export');
${checks('cjs')}`,
  );
  const typed = `import { add, money, parsePipeline, type Money, type Pipeline } from 'sales-funnel';
import { moneyArb, pipelineArb } from 'sales-funnel/testing';
import { stageFlowSql, type SqlQuery, type SqlStageFlow } from 'sales-funnel/sql';
import fc from 'fast-check';
const m: Money = add(money('1', 'CNY'), money('2', 'CNY'));
export const flowQuery = (p: Pipeline): SqlQuery<SqlStageFlow> => stageFlowSql(p, { dialect: 'postgres' });
const arb: fc.Arbitrary<Money> = moneyArb();
const pipelines: fc.Arbitrary<Pipeline> = pipelineArb();
export const out: string = m.amount.toFixed(2);
export { arb, parsePipeline, pipelines };
`;
  fs.writeFileSync(path.join(CONSUMER, 'typed.mts'), typed);
  fs.writeFileSync(path.join(CONSUMER, 'typed.cts'), typed);
  }, 300_000);

describe('the packed package', () => {
  it('contains the built files and nothing else', () => {
    const allowed = /^(dist\/.+|package\.json|README\.md|CHANGELOG\.md|LICENSE)$/;
    expect(packedFiles.filter((f) => !allowed.test(f))).toEqual([]);
    expect(packedFiles).toEqual(expect.arrayContaining(entryFiles(pkg)));
  });

  it('works when imported from an ES module', async () => {
    const r = await exec(process.execPath, ['esm.mjs'], CONSUMER);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      format: 'esm',
      total: '0.3',
      shares: ['33.34', '33.33', '33.33'],
      wholeYen: true,
      sameDecimal: true,
      sameErrorClass: true,
    });
  });

  it('works when required from CommonJS', async () => {
    const r = await exec(process.execPath, ['cjs.cjs'], CONSUMER);
    expect(r.code, r.stderr).toBe(0);
    // sameDecimal / sameErrorClass: the two entries share one module instance, so a
    // FunnelError thrown by sales-funnel/testing is an instance of sales-funnel's.
    expect(JSON.parse(r.stdout)).toEqual({
      format: 'cjs',
      total: '0.3',
      shares: ['33.34', '33.33', '33.33'],
      wholeYen: true,
      sameDecimal: true,
      sameErrorClass: true,
    });
  });

  it('type-checks in TypeScript consumers (node16, from ESM and CJS), declarations included', () => {
    // node16 is the strictest resolution: it reads "exports" and tells ESM from CJS.
    // Bundler resolution is covered by attw below.
    const program = ts.createProgram([path.join(CONSUMER, 'typed.mts'), path.join(CONSUMER, 'typed.cts')], {
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: [],
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
    });
    // Our declarations and the consumers must be clean; third-party .d.ts are their business.
    const ours = program
      .getSourceFiles()
      .filter((sf) => sf.fileName.startsWith(CONSUMER) && (!sf.fileName.includes('node_modules') || sf.fileName.startsWith(INSTALLED)));
    expect(ours.map((sf) => path.relative(CONSUMER, sf.fileName)).sort()).toEqual(
      expect.arrayContaining([
        'node_modules/sales-funnel/dist/index.d.cts',
        'node_modules/sales-funnel/dist/index.d.ts',
        'node_modules/sales-funnel/dist/testing/index.d.cts',
        'node_modules/sales-funnel/dist/testing/index.d.ts',
        'node_modules/sales-funnel/dist/sql/index.d.ts',
      ]),
    );
    const diagnostics = [
      ...program.getOptionsDiagnostics(),
      ...program.getGlobalDiagnostics(),
      ...ours.flatMap((sf) => [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]),
    ];
    expect(diagnostics.length, formatDiagnostics(diagnostics)).toBe(0);
  });

  it('publint reports no problems (suggestions included)', async () => {
    const { messages, pkg: linted } = await publint({ pkgDir: INSTALLED, pack: false, strict: true, level: 'suggestion' });
    const text = messages.map((m) => `${m.type}: ${formatMessage(m, linted, { color: false }) ?? m.code}`);
    expect(text).toEqual([]);
  });

  it('@arethetypeswrong/cli reports no problems under any resolution (node10, node16 from ESM and CJS, bundler)', async () => {
    // node10 ignores "exports"; package.json's "typesVersions" lets it find sales-funnel/testing.
    const r = await exec('npx', ['--no-install', 'attw', tarball, '--format', 'json'], WORK);
    const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as {
      analysis: { problems: { kind: string; entrypoint?: string; resolutionKind?: string }[] };
    };
    expect(report.analysis.problems).toEqual([]);
    expect(r.code, r.stderr).toBe(0);
  });

  it('the core, the testing and the sql entry import no Node.js built-ins and use no Node globals', () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const allowed: Record<string, ReadonlySet<string>> = {
      'dist/index.js': new Set(['zod', 'decimal.js', 'date-fns']),
      'dist/index.cjs': new Set(['zod', 'decimal.js', 'date-fns']),
      'dist/testing/index.js': new Set(['zod', 'decimal.js', 'date-fns', 'fast-check']),
      'dist/testing/index.cjs': new Set(['zod', 'decimal.js', 'date-fns', 'fast-check']),
      'dist/sql/index.js': new Set(['zod', 'decimal.js', 'date-fns']),
      'dist/sql/index.cjs': new Set(['zod', 'decimal.js', 'date-fns']),
    };
    const nodeGlobals = /\b(process\.(env|argv|exit|cwd|stdout|stderr|platform|versions?|hrtime|nextTick|memoryUsage)|Buffer\.|__dirname|__filename|setImmediate\()/;
    const problems: string[] = [];
    for (const [entry, bare] of Object.entries(allowed)) {
      const seen = new Set<string>();
      const queue = [path.join(INSTALLED, entry)];
      while (queue.length > 0) {
        const file = queue.pop() as string;
        if (seen.has(file)) continue;
        seen.add(file);
        const text = fs.readFileSync(file, 'utf8');
        const rel = path.relative(INSTALLED, file);
        // TypeScript's scanner finds import/export/require/import() specifiers, not strings in code.
        for (const { fileName: spec } of ts.preProcessFile(text, true, true).importedFiles) {
          if (spec.startsWith('.')) queue.push(path.resolve(path.dirname(file), spec));
          else if (builtins.has(spec)) problems.push(`${rel} imports the Node.js built-in "${spec}"`);
          else if (!bare.has(spec)) problems.push(`${rel} imports "${spec}", which is not a dependency of ${entry}`);
        }
        const global = nodeGlobals.exec(text);
        if (global !== null) problems.push(`${rel} uses the Node.js global ${global[0]}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
