// The TSDoc examples cannot drift from the code: every ```ts / ```typescript block inside an
// `@example` tag of a TSDoc comment in src/ (src/cli/ excepted: the CLI is not the library's
// API) is extracted and type-checked with the project's compiler options, all of them in one
// TypeScript program. exportsHaveExamples.test.ts checks that the examples exist; this file
// checks that they compile.
//
// - Imports of 'sales-funnel' and 'sales-funnel/testing' are mapped to src/index.ts and
//   src/testing/index.ts (support.ts `mapImports`), as for the guides.
// - Each block is a module of its own, written to .tmp/tsdoc-examples/ with `export {}`
//   appended (line numbers kept), so names never clash between examples.
// - Blocks are type-checked only, never run: many describe values they do not have
//   (`declare const deals: Opportunity[];`). The values shown with `//=>` are checked by
//   reading, and by the unit tests of the functions.
// - The only opt-out is ```ts ignore (a fragment that is not a program); ignored blocks are
//   listed in the name of a test, never dropped silently.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostics, mapImports, projectCompilerOptions, repoRoot } from './support.js';

interface ExampleBlock {
  /** Source file, relative to the repository root, with `/` separators. */
  readonly source: string;
  /** 1-based line of the opening fence in the source file. */
  readonly line: number;
  /** Code, with the comment's ` * ` prefixes removed. */
  readonly code: string;
  /** Info string flags after the language (`ignore`). */
  readonly flags: readonly string[];
}

const OUT_DIR = path.join(repoRoot, '.tmp', 'tsdoc-examples');
const LANGS = new Set(['ts', 'typescript']);
const EXCLUDED_DIRS = new Set(['src/cli']);

/** `.ts` files under src/, excluding EXCLUDED_DIRS and declaration files, sorted. */
function sourceFiles(dir = 'src'): string[] {
  if (EXCLUDED_DIRS.has(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/**
 * The `/** ... *\/` comments of a source text, found with the compiler's own comment scanner
 * (leading and trailing comment ranges around every node), so a `/**` inside a string or a
 * template is never mistaken for a comment. Returns each comment's start offset and text.
 */
function docComments(fileName: string, text: string): { pos: number; text: string }[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const seen = new Map<number, string>();
  const collect = (ranges: ts.CommentRange[] | undefined) => {
    for (const r of ranges ?? []) {
      const comment = text.slice(r.pos, r.end);
      if (r.kind === ts.SyntaxKind.MultiLineCommentTrivia && comment.startsWith('/**') && !comment.startsWith('/**/')) seen.set(r.pos, comment);
    }
  };
  const visit = (node: ts.Node) => {
    collect(ts.getLeadingCommentRanges(text, node.getFullStart()));
    collect(ts.getTrailingCommentRanges(text, node.getEnd()));
    ts.forEachChild(node, visit);
  };
  visit(sf);
  collect(ts.getLeadingCommentRanges(text, sf.endOfFileToken.getFullStart()));
  return [...seen].sort(([a], [b]) => a - b).map(([pos, t]) => ({ pos, text: t }));
}

/**
 * Fenced ```ts blocks inside `@example` tags of one TSDoc comment. `firstLine` is the 1-based
 * line of the comment's `/**` in its file. A tag ends at the next line starting with a block
 * tag (`@param`, `@returns`, ...) outside a fence.
 */
function exampleBlocks(comment: string, firstLine: number): { line: number; info: string; code: string }[] {
  const lines = comment
    .replace(/^\/\*\*/, '')
    .replace(/\*\/$/, '')
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*\*(?: |$)/, ''));
  const blocks: { line: number; info: string; code: string }[] = [];
  let inExample = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    const tag = /^\s*@(\w+)/.exec(l);
    if (tag !== null) {
      inExample = tag[1] === 'example';
      continue;
    }
    const open = /^(\s*)(`{3,}|~{3,})\s*([^`]*)$/.exec(l);
    if (open === null) continue;
    const [, indent = '', fence = '```', info = ''] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = /^\s*(`{3,}|~{3,})\s*$/.exec(lines[j] as string);
      if (close !== null && (close[1] as string)[0] === fence[0] && (close[1] as string).length >= fence.length) break;
      const b = lines[j] as string;
      body.push(b.startsWith(indent) ? b.slice(indent.length) : b.trimStart());
    }
    // `*\/` is how a comment spells `*/`.
    if (inExample) blocks.push({ line: firstLine + i, info: info.trim(), code: body.join('\n').replaceAll('*\\/', '*/') });
    i = j;
  }
  return blocks;
}

function collectBlocks(): ExampleBlock[] {
  const blocks: ExampleBlock[] = [];
  for (const source of sourceFiles()) {
    const text = fs.readFileSync(path.join(repoRoot, source), 'utf8');
    for (const comment of docComments(source, text)) {
      const firstLine = text.slice(0, comment.pos).split('\n').length;
      for (const block of exampleBlocks(comment.text, firstLine)) {
        const [lang = '', ...flags] = block.info.split(/\s+/);
        if (!LANGS.has(lang.toLowerCase())) continue;
        blocks.push({ source, line: block.line, code: block.code, flags });
      }
    }
  }
  return blocks;
}

const blocks = collectBlocks();
const checked = blocks.filter((b) => !b.flags.includes('ignore'));
const ignored = blocks.filter((b) => b.flags.includes('ignore'));
/** Extracted file (absolute) → its block. */
const byFile = new Map<string, ExampleBlock>();
let diagnostics: readonly ts.Diagnostic[] = [];

beforeAll(() => {
  fs.rmSync(OUT_DIR, { recursive: true, force: true });
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const b of checked) {
    const file = path.join(OUT_DIR, `${b.source.replace(/^src\//, '').replace(/\.ts$/, '').replaceAll('/', '__')}-L${b.line}.ts`);
    byFile.set(path.normalize(file), b);
    // Appending keeps line numbers; `export {}` makes every block a module of its own.
    fs.writeFileSync(file, `${mapImports(b.code, file)}\nexport {};\n`);
  }
  if (checked.length === 0) return;
  const program = ts.createProgram([...byFile.keys()], projectCompilerOptions());
  // Only the blocks' own diagnostics: checking all of src is tsc's job.
  const own = [...byFile.keys()].map((f) => program.getSourceFile(f)).filter((sf) => sf !== undefined);
  diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...own.flatMap((sf) => [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]),
  ];
}, 60_000);

/** `src/x/y.ts:LINE` for a line (0-based) of an extracted file: block line n is fence + 1 + n. */
function sourceLocation(file: string, line: number): string {
  const b = byFile.get(path.normalize(file));
  return b === undefined ? `${file}:${line + 1}` : `${b.source}:${b.line + 1 + line}`;
}

describe('TSDoc @example blocks in src/', () => {
  it(`finds the examples (${checked.length} type-checked, ${ignored.length} marked ignore${ignored.length > 0 ? `: ${ignored.map((b) => `${b.source}:${b.line}`).join(', ')}` : ''})`, () => {
    // Examples that exist since the foundation; if they vanish, extraction is broken.
    const sources = new Set(blocks.map((b) => b.source));
    expect([...sources]).toEqual(expect.arrayContaining(['src/money/add.ts', 'src/testing/pipelineArb.ts']));
    expect(checked.length).toBeGreaterThan(100);
    expect(sources.has('src/cli/main.ts')).toBe(false);
  });

  it('every example type-checks', () => {
    const files = new Set(diagnostics.map((d) => d.file?.fileName).filter((f) => f !== undefined).map((f) => byFile.get(path.normalize(f))));
    expect(
      diagnostics.length,
      `Type errors in ${files.size} TSDoc example block(s) (file:line of the code in src/):\n${formatDiagnostics(diagnostics, sourceLocation)}`,
    ).toBe(0);
  });
});

describe('exampleBlocks', () => {
  it('finds ```ts blocks of @example tags only, with the line of their fence', () => {
    const comment = [
      '/**', //                  line 10
      ' * Summary.', //          11
      ' *', //                   12
      ' * ```ts', //             13 not in an @example
      ' * const no = 0;',
      ' * ```',
      ' * @param x - X.', //     16
      ' * @example', //          17
      ' * ```ts', //             18
      ' * const a = 1;',
      ' *   const b = 2; // @param in code is not a tag',
      ' * ```',
      ' * @example Title', //    22
      ' * ```typescript ignore', // 23
      ' * const c = 3;',
      ' * ```',
      ' * @returns R.',
      ' */',
    ].join('\n');
    expect(exampleBlocks(comment, 10)).toEqual([
      { line: 18, info: 'ts', code: 'const a = 1;\n  const b = 2; // @param in code is not a tag' },
      { line: 23, info: 'typescript ignore', code: 'const c = 3;' },
    ]);
  });

  it('ignores /** inside strings and finds comments after the last statement', () => {
    const text = "const s = '/** @example\\n```ts\\nnope\\n```*/';\n/** Doc. */\nexport const x = 1;\n/** @example\n * ```ts\n * x;\n * ```\n */\n";
    expect(docComments('t.ts', text).map((c) => c.text)).toEqual(['/** Doc. */', '/** @example\n * ```ts\n * x;\n * ```\n */']);
  });
});
