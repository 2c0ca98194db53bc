import type { CliIo } from '../../src/cli/run.js';

/** An in-memory `CliIo`: captured output streams and a small file system. */
export interface MemoryIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
  readonly files: Map<string, string>;
}

/** An error as Node.js `fs` throws it: a message and a `code`. */
function fsError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/**
 * An in-memory `CliIo` whose environment is in `timeZone` (UTC unless told). Files are
 * read in pieces of `chunk` characters (an odd size, so that pieces end anywhere).
 */
export function memoryIo(files: Record<string, string> = {}, timeZone = 'UTC', chunk = 4093): MemoryIo {
  const out: string[] = [];
  const err: string[] = [];
  const fs = new Map(Object.entries(files));
  return {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readFile: (path) => {
      const text = fs.get(path);
      if (text === undefined) throw fsError('no such file or directory', 'ENOENT');
      return text;
    },
    readChunks: function* (path) {
      const text = fs.get(path);
      if (text === undefined) throw fsError('no such file or directory', 'ENOENT');
      for (let i = 0; i < text.length; i += chunk) yield text.slice(i, i + chunk);
    },
    writeFile: (path, text) => {
      if (path.startsWith('/readonly/')) throw fsError('permission denied', 'EACCES');
      fs.set(path, text);
    },
    timeZone,
    out: () => out.join(''),
    err: () => err.join(''),
    files: fs,
  };
}
