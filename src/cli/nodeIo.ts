import { closeSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import type { CliIo } from './run.js';

// The `CliIo` of the real process: files through node:fs, the streams, the terminal.

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

/** The error to show: a one-line reason, with the Node.js `code` for `run` to name it in the report's language. */
function fsError(e: unknown): Error {
  return Object.assign(new Error(fsReason(e)), { code: (e as { code?: unknown } | null)?.code });
}

/** Bytes read at a time from a table file. */
const CHUNK_BYTES = 1 << 16;

/**
 * A file in pieces of text, read synchronously 64 KiB at a time and decoded as UTF-8
 * (a character split between two reads is kept whole; a byte order mark is dropped).
 */
function* readChunks(path: string): Generator<string> {
  let fd: number;
  try {
    fd = path === '-' ? 0 : openSync(path, 'r');
  } catch (e) {
    throw fsError(e);
  }
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  const decoder = new TextDecoder('utf-8');
  try {
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      } catch (e) {
        if ((e as { code?: unknown } | null)?.code === 'EOF') break;
        throw fsError(e);
      }
      if (n === 0) break;
      yield decoder.decode(buffer.subarray(0, n), { stream: true });
    }
    const rest = decoder.decode();
    if (rest !== '') yield rest;
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

/**
 * The CLI's access to the real process: standard output and error, files (`-` is
 * standard input), the terminal's width and whether standard error is a terminal, and
 * the machine's time zone.
 *
 * @returns The environment for {@link run}.
 *
 * @category CLI
 * @example
 * ```ts
 * process.exitCode = run(process.argv.slice(2), nodeIo());
 * ```
 */
export function nodeIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: (path) => {
      try {
        return readFileSync(path === '-' ? 0 : path, 'utf8');
      } catch (e) {
        throw fsError(e);
      }
    },
    readChunks,
    writeFile: (path, text) => {
      try {
        writeFileSync(path, text, 'utf8');
      } catch (e) {
        throw fsError(e);
      }
    },
    ...(process.stdout.isTTY && process.stdout.columns > 0 ? { columns: process.stdout.columns } : {}),
    stderrIsTTY: process.stderr.isTTY === true,
    timeZone: new Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}
