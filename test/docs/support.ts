// Helpers shared by the documentation, example and package tests (not a test file).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Absolute path of the repository root. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url)).replace(/[\\/]$/, '');

/** The project's compiler options, read from tsconfig.json (so docs are checked as strictly as src). */
export function projectCompilerOptions(): ts.CompilerOptions {
  const configPath = ts.findConfigFile(repoRoot, ts.sys.fileExists, 'tsconfig.json');
  if (configPath === undefined) throw new Error('tsconfig.json not found');
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error !== undefined) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, repoRoot);
  return { ...parsed.options, noEmit: true };
}

/**
 * Rewrites imports of the package (`'sales-funnel'`, `'sales-funnel/testing'`,
 * `'sales-funnel/sql'`, static or dynamic) to relative paths from `file` into
 * src/index.ts, src/testing/index.ts and src/sql/index.ts.
 */
export function mapImports(code: string, file: string): string {
  const target = (sub: string | undefined) => {
    const abs = path.join(repoRoot, 'src', sub === undefined ? 'index.js' : `${sub.slice(1)}/index.js`);
    const rel = path.relative(path.dirname(file), abs).split(path.sep).join('/');
    return rel.startsWith('.') ? rel : `./${rel}`;
  };
  return code.replace(
    /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])sales-funnel(\/testing|\/sql)?\2/g,
    (_whole, head: string, quote: string, sub: string | undefined) => `${head}${quote}${target(sub)}${quote}`,
  );
}

/** Renders diagnostics as `file:line:col - TSxxxx: message`, one per line. */
export function formatDiagnostics(diagnostics: readonly ts.Diagnostic[], mapLocation?: (file: string, line: number) => string): string {
  return diagnostics
    .map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      if (d.file === undefined || d.start === undefined) return `TS${d.code}: ${message}`;
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      const where = mapLocation ? mapLocation(d.file.fileName, line) : `${d.file.fileName}:${line + 1}`;
      return `${where}:${character + 1} - TS${d.code}: ${message}`;
    })
    .join('\n');
}

/** Outcome of running a program in a child process. */
export interface RunResult {
  readonly file: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a TypeScript file with tsx in a child process (`node --import tsx file`), from the
 * repository root, capturing stdout and stderr so nothing reaches the test console.
 */
export function runTsx(file: string, args: readonly string[] = [], timeoutMs = 60_000): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
      cwd: repoRoot,
      env: { ...process.env, NODE_NO_WARNINGS: '1', FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => resolve({ file, code: null, signal: null, stdout, stderr: `${stderr}${String(error)}` }));
    child.on('close', (code, signal) => resolve({ file, code, signal, stdout, stderr }));
  });
}

/** Maps `items` through an async function with at most `limit` calls in flight; keeps the order. */
export async function mapWithLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
