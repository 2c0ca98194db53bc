import { readFileSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { run } from './run.js';

// The `sales-funnel` executable: wires `run` to the real process. Everything else is in
// `run.ts`, which tests call in-process.

/** A readable one-line reason for a failed file operation (no stack, no errno noise). */
function fsReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a parent of the path is not a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

// A closed pipe (`sales-funnel sample | head`) is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
});

process.exitCode = run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => {
    try {
      return readFileSync(path === '-' ? 0 : path, 'utf8');
    } catch (e) {
      // The code travels with the error, so that `run` names it in the report's language.
      throw Object.assign(new Error(fsReason(e)), { code: (e as { code?: unknown } | null)?.code });
    }
  },
  writeFile: (path, text) => {
    try {
      writeFileSync(path, text, 'utf8');
    } catch (e) {
      throw Object.assign(new Error(fsReason(e)), { code: (e as { code?: unknown } | null)?.code });
    }
  },
  ...(process.stdout.isTTY && process.stdout.columns > 0 ? { columns: process.stdout.columns } : {}),
  timeZone: new Intl.DateTimeFormat().resolvedOptions().timeZone,
});
