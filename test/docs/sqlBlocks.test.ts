// The SQL of the docs cannot drift either: every ```sql block of README.md and
// docs/guides/*.md whose info string names a dialect is executed.
//
// Rules for a block (stated in docs/guides/sql.md):
// - ```sql postgres runs in PostgreSQL (PGlite, in process), ```sql duckdb in DuckDB,
//   ```sql postgres duckdb in both.
// - The blocks of one guide run in order in one fresh database per dialect, so a later
//   block sees the tables an earlier one created.
// - A line `-- expect: <JSON array of rows>` states the rows of the block's last
//   statement, values compared as text.
// - A ```sql block without a dialect (an excerpt, a schema migration that needs an older
//   schema first) is listed here as not run, never dropped silently.
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support.js';

type Dialect = 'postgres' | 'duckdb';
const DIALECTS: readonly Dialect[] = ['postgres', 'duckdb'];

interface SqlBlock {
  readonly source: string;
  readonly line: number;
  readonly code: string;
  readonly dialects: readonly Dialect[];
}

function markdownFiles(): string[] {
  const guides = path.join(repoRoot, 'docs', 'guides');
  const files = fs.readdirSync(guides).filter((f) => f.endsWith('.md')).sort().map((f) => path.join('docs', 'guides', f));
  return [...(fs.existsSync(path.join(repoRoot, 'README.md')) ? ['README.md'] : []), ...files];
}

/** The fenced ```sql blocks of a Markdown text, with their info string and first line. */
function sqlBlocks(markdown: string, source: string): SqlBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: SqlBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,}|~{3,})\s*([^`]*)$/.exec(lines[i] as string);
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
    const [lang = '', ...flags] = info.trim().split(/\s+/);
    if (lang.toLowerCase() === 'sql') {
      blocks.push({ source, line: i + 1, code: body.join('\n'), dialects: DIALECTS.filter((d) => flags.includes(d)) });
    }
    i = j;
  }
  return blocks;
}

/** The rows a block says its last statement returns, or undefined. */
function expected(code: string): unknown[] | undefined {
  const m = /^\s*--\s*expect:\s*(.+)$/m.exec(code);
  return m === null ? undefined : (JSON.parse(m[1] as string) as unknown[]);
}

const asText = (rows: readonly Record<string, unknown>[]) =>
  rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? null : typeof v === 'object' ? JSON.stringify(v) : String(v)])));

/** Runs a guide's blocks of one dialect, in order, in a fresh database; the last statement's rows of each. */
async function runGuide(dialect: Dialect, blocks: readonly SqlBlock[]): Promise<Array<Record<string, unknown>[]>> {
  const results: Array<Record<string, unknown>[]> = [];
  if (dialect === 'postgres') {
    // The initialised data directory test/storage caches under .tmp/ (initdb is most of PGlite's start), if there.
    const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;
    const cache = path.join(repoRoot, '.tmp', `pglite-${version}-datadir.tar.gz`);
    let db: PGlite;
    try {
      db = fs.existsSync(cache) ? await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(cache)]) }) : await PGlite.create();
    } catch {
      db = await PGlite.create();
    }
    try {
      for (const b of blocks) {
        const out = await db.exec(b.code);
        results.push((out.at(-1)?.rows ?? []) as Record<string, unknown>[]);
      }
    } finally {
      await db.close();
    }
  } else {
    const instance = await DuckDBInstance.create(':memory:');
    const db: DuckDBConnection = await instance.connect();
    try {
      for (const b of blocks) results.push((await db.runAndReadAll(b.code)).getRowObjectsJson() as Record<string, unknown>[]);
    } finally {
      db.disconnectSync();
      instance.closeSync();
    }
  }
  return results;
}

const all = markdownFiles().flatMap((source) => sqlBlocks(fs.readFileSync(path.join(repoRoot, source), 'utf8'), source));
const runnable = all.filter((b) => b.dialects.length > 0);

describe('```sql blocks in README.md and docs/guides', () => {
  it('finds the SQL guide and its blocks', () => {
    expect(runnable.some((b) => b.source === 'docs/guides/sql.md')).toBe(true);
  });

  it.each(all.filter((b) => b.dialects.length === 0).map((b) => [`${b.source}:${b.line}`] as const))('%s is not run (no dialect in its info string)', () => {
    // Listed so that a block without a dialect is never dropped silently.
  });

  const sources = [...new Set(runnable.map((b) => b.source))];
  for (const source of sources) {
    for (const dialect of DIALECTS) {
      const blocks = runnable.filter((b) => b.source === source && b.dialects.includes(dialect));
      if (blocks.length === 0) continue;
      it(`${source}: the ${dialect} blocks (lines ${blocks.map((b) => b.line).join(', ')}) run and give the rows they state`, async () => {
        const results = await runGuide(dialect, blocks);
        blocks.forEach((b, i) => {
          const want = expected(b.code);
          if (want !== undefined) expect(asText(results[i]!), `${source}:${b.line}`).toEqual(want);
        });
      }, 120_000);
    }
  }

  it('reads info strings and expectations', () => {
    const md = ['```sql postgres duckdb', 'SELECT 1 AS n;', '-- expect: [{"n":"1"}]', '```', '```sql', 'SELECT 2;', '```'].join('\n');
    expect(sqlBlocks(md, 'x.md')).toEqual([
      { source: 'x.md', line: 1, code: 'SELECT 1 AS n;\n-- expect: [{"n":"1"}]', dialects: ['postgres', 'duckdb'] },
      { source: 'x.md', line: 5, code: 'SELECT 2;', dialects: [] },
    ]);
    expect(expected('SELECT 1 AS n;\n-- expect: [{"n":"1"}]')).toEqual([{ n: '1' }]);
  });
});
