import type { CliIo } from '../../src/cli/run.js';

/** An in-memory `CliIo`: captured output streams and a small file system. */
export interface MemoryIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
  readonly files: Map<string, string>;
}

/** An in-memory `CliIo` whose environment is in `timeZone` (UTC unless told). */
export function memoryIo(files: Record<string, string> = {}, timeZone = 'UTC'): MemoryIo {
  const out: string[] = [];
  const err: string[] = [];
  const fs = new Map(Object.entries(files));
  return {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readFile: (path) => {
      const text = fs.get(path);
      if (text === undefined) throw new Error('no such file or directory');
      return text;
    },
    writeFile: (path, text) => {
      if (path.startsWith('/readonly/')) throw new Error('permission denied');
      fs.set(path, text);
    },
    timeZone,
    out: () => out.join(''),
    err: () => err.join(''),
    files: fs,
  };
}
