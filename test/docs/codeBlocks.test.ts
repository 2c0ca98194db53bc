// The docs cannot drift from the code: every ```ts / ```typescript block in README.md and
// docs/guides/*.md is extracted, type-checked with the project's compiler options and run.
//
// Rules for a block (also stated in docs/guides/getting-started.md, "About these examples"):
// - A block is a complete program. `'sales-funnel'` and `'sales-funnel/testing'` are
//   mapped to src/index.ts and src/testing/index.ts (the import specifiers are rewritten
//   to relative paths), so the docs are checked against the code in this checkout.
// - Every block is type-checked, all of them in one TypeScript program (fast).
// - Every block is then executed with tsx and must complete without throwing (or
//   rejecting, or setting a non-zero exit code); its output is captured, never shown.
//   A block may use `node:assert` to state the results it shows. Blocks run one after
//   another in two tsx processes (runBlocks.ts: loading the library once instead of once
//   per block keeps the whole test fast), so a block must not call `process.exit()`;
//   one that does fails, and the blocks after it run in a fresh process.
// - A block containing a top-level `declare` (`declare const deals: Opportunity[];`)
//   describes values it does not have, so it is type-checked but not executed.
// - Opt-outs, to be kept rare: ```ts no-run  (type-checked, not executed) and
//   ```ts ignore  (neither: a fragment that is not a program, such as a signature).
// Each block is a module of its own (`export {}` is appended), so names never clash.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostics, mapImports, projectCompilerOptions, repoRoot, runTsx } from './support.js';

interface CodeBlock {
  /** Markdown file, relative to the repository root. */
  readonly source: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** Code as written in the Markdown. */
  readonly code: string;
  readonly run: boolean;
  /** Why it is not run, when it is not. */
  readonly note?: string;
  /** The extracted file, absolute. */
  readonly file: string;
}

const OUT_DIR = path.join(repoRoot, '.tmp', 'doc-blocks');
const LANGS = new Set(['ts', 'typescript']);
const DECLARE = /^\s*(export\s+)?declare\s+(const|let|var|function|class|type|interface|enum|namespace|module|global)\b/m;

function markdownFiles(): string[] {
  const guides = path.join(repoRoot, 'docs', 'guides');
  const files = fs.existsSync(guides)
    ? fs.readdirSync(guides).filter((f) => f.endsWith('.md')).sort().map((f) => path.join('docs', 'guides', f))
    : [];
  return [...(fs.existsSync(path.join(repoRoot, 'README.md')) ? ['README.md'] : []), ...files];
}

/** Fenced code blocks (``` or ~~~, possibly indented) of one Markdown text. */
function extractBlocks(markdown: string): { line: number; info: string; code: string }[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: { line: number; info: string; code: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3}|\t*)(`{3,}|~{3,})\s*([^`]*)$/.exec(lines[i] as string);
    if (open === null) continue;
    const [, indent = '', fence = '```', info = ''] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = /^\s*(`{3,}|~{3,})\s*$/.exec(lines[j] as string);
      if (close !== null && (close[1] as string)[0] === fence[0] && (close[1] as string).length >= fence.length) break;
      const l = lines[j] as string;
      body.push(l.startsWith(indent) ? l.slice(indent.length) : l.trimStart());
    }
    blocks.push({ line: i + 1, info: info.trim(), code: body.join('\n') });
    i = j;
  }
  return blocks;
}

function collectBlocks(): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  for (const source of markdownFiles()) {
    const text = fs.readFileSync(path.join(repoRoot, source), 'utf8');
    const base = path.basename(source, '.md');
    let n = 0;
    for (const block of extractBlocks(text)) {
      const [lang = '', ...flags] = block.info.split(/\s+/);
      if (!LANGS.has(lang.toLowerCase()) || flags.includes('ignore')) continue;
      n += 1;
      const file = path.join(OUT_DIR, `${base}-${String(n).padStart(2, '0')}.ts`);
      const declares = DECLARE.test(block.code);
      const noRun = flags.includes('no-run');
      blocks.push({
        source,
        line: block.line,
        code: block.code,
        file,
        run: !declares && !noRun,
        ...(noRun ? { note: 'no-run' } : declares ? { note: 'uses declare' } : {}),
      });
    }
  }
  return blocks;
}

const blocks = collectBlocks();
let diagnostics: readonly ts.Diagnostic[] = [];
const runs = new Map<string, BlockRun>();

/** What test/docs/runBlocks.ts reports for one block. */
interface BlockRun {
  readonly file: string;
  readonly ok: boolean;
  readonly output: string;
  readonly error?: string;
}

/**
 * Runs blocks in one tsx process (see runBlocks.ts: the library loads once, not once per
 * block). A block that kills the process is reported as failed with the process output,
 * and the blocks after it are run in a fresh process.
 */
async function runBatch(files: readonly string[], index: number): Promise<BlockRun[]> {
  const results: BlockRun[] = [];
  let remaining = [...files];
  for (let attempt = 0; remaining.length > 0; attempt++) {
    const resultsFile = path.join(OUT_DIR, `results-${index}-${attempt}.jsonl`);
    const proc = await runTsx(path.join(repoRoot, 'test', 'docs', 'runBlocks.ts'), [resultsFile, ...remaining], 120_000);
    const lines = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8').split('\n').filter((l) => l !== '') : [];
    let started: string | undefined;
    for (const line of lines) {
      const entry = JSON.parse(line) as BlockRun | { start: string };
      if ('start' in entry) started = entry.start;
      else {
        results.push(entry);
        started = undefined;
      }
    }
    const done = new Set(results.map((r) => r.file));
    if (started === undefined && proc.code === 0 && remaining.every((f) => done.has(f))) break;
    const failure = `the block runner exited with ${proc.code ?? proc.signal}\n${proc.stderr}${proc.stdout}`;
    // Blame the block that was running; without one (the runner itself failed) blame all.
    for (const file of started === undefined ? remaining.filter((f) => !done.has(f)) : [started]) {
      results.push({ file, ok: false, output: '', error: failure });
    }
    if (started === undefined) break;
    remaining = remaining.filter((f) => !done.has(f) && f !== started);
  }
  return results;
}

beforeAll(async () => {
  fs.rmSync(OUT_DIR, { recursive: true, force: true });
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const b of blocks) {
    // Appending keeps line numbers; `export {}` makes every block a module of its own.
    fs.writeFileSync(b.file, `${mapImports(b.code, b.file)}\nexport {};\n`);
  }
  if (blocks.length === 0) return;
  // Start the runs (two processes, for two cores), then type-check while they work.
  const toRun = blocks.filter((b) => b.run).map((b) => b.file);
  const batches = [0, 1].map((k) => toRun.filter((_, i) => i % 2 === k)).filter((batch) => batch.length > 0);
  const running = Promise.all(batches.map((batch, i) => runBatch(batch, i)));
  const program = ts.createProgram(
    blocks.map((b) => b.file),
    projectCompilerOptions(),
  );
  // Only the blocks' own diagnostics: checking all of src is tsc's job (and twice as slow).
  const own = blocks.map((b) => program.getSourceFile(b.file)).filter((sf) => sf !== undefined);
  diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...own.flatMap((sf) => [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]),
  ];
  for (const r of (await running).flat()) runs.set(r.file, r);
}, 180_000);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `docs/guides/x.md:LINE` for a line (0-based) of an extracted file. */
function markdownLocation(file: string, line: number): string {
  const b = blocks.find((x) => path.normalize(x.file) === path.normalize(file));
  return b === undefined ? `${file}:${line + 1}` : `${b.source}:${b.line + 1 + line}`;
}

describe('code blocks in README.md and docs/guides', () => {
  it('finds the guides and their blocks', () => {
    // The guides written with this test; if their blocks vanish, extraction is broken.
    const sources = new Set(blocks.map((b) => b.source));
    expect([...sources]).toEqual(expect.arrayContaining(['docs/guides/getting-started.md', 'docs/guides/money-and-dates.md']));
  });

  it('every block type-checks', () => {
    expect(diagnostics.length, `Type errors in documentation code blocks:\n${formatDiagnostics(diagnostics, markdownLocation)}`).toBe(0);
  });

  it.each(blocks.map((b) => [`${b.source}:${b.line}${b.run ? '' : ` (type-checked only: ${b.note})`}`, b] as const))(
    '%s runs',
    (_name, b) => {
      if (!b.run) return;
      const r = runs.get(b.file);
      expect(r, 'block was not run').toBeDefined();
      // Point stack traces at the Markdown: block line n is line (fence + n) of the guide.
      const where = (text = '') =>
        text.replaceAll(b.file, b.source).replace(new RegExp(`${escapeRegExp(b.source)}:(\\d+)`, 'g'), (_m, n: string) => `${b.source}:${b.line + Number(n)}`);
      expect(r?.ok, `${b.source}:${b.line} failed:\n${where(r?.error)}\n--- output ---\n${r?.output}`).toBe(true);
    },
  );
});

describe('extractBlocks', () => {
  it('finds fenced blocks with their info string and first line, indented or not', () => {
    const md = ['# T', '', '```ts no-run', 'const a = 1;', '```', '', '- item', '', '  ```typescript', '  const b = 2;', '  ```', '~~~sh', 'ls', '~~~'].join('\n');
    expect(extractBlocks(md)).toEqual([
      { line: 3, info: 'ts no-run', code: 'const a = 1;' },
      { line: 9, info: 'typescript', code: 'const b = 2;' },
      { line: 12, info: 'sh', code: 'ls' },
    ]);
  });

  it('maps package imports to the sources and leaves other imports alone', () => {
    const file = path.join(OUT_DIR, 'x.ts');
    const code = "import { money } from 'sales-funnel';\nimport { moneyArb } from \"sales-funnel/testing\";\nimport fc from 'fast-check';\nconst m = await import('sales-funnel');";
    expect(mapImports(code, file)).toBe(
      "import { money } from '../../src/index.js';\nimport { moneyArb } from \"../../src/testing/index.js\";\nimport fc from 'fast-check';\nconst m = await import('../../src/index.js');",
    );
  });
});
