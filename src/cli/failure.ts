import type { FunnelIssue, Locale } from '../index.js';
import { cliMessage, type CliMessageKey } from './messages.js';

/** A failure the CLI reports as a message (a key of its catalog) and exit code 2. */
export class CliFailure extends Error {
  /**
   * @param key - The message.
   * @param params - Its parameters.
   * @param details - Lines shown under it (the problems of a file).
   */
  constructor(
    readonly key: CliMessageKey,
    readonly params: Readonly<Record<string, string | number>>,
    readonly details: readonly string[] = [],
  ) {
    super(key);
  }
}

/** The first line of what was thrown. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? '';
}

/** File-system error codes the CLI names in the user's language. */
const FS_CODES: Readonly<Record<string, CliMessageKey>> = {
  ENOENT: 'fsNotFound',
  EACCES: 'fsDenied',
  EPERM: 'fsDenied',
  EISDIR: 'fsIsDirectory',
  ENOTDIR: 'fsNotDirectory',
};

/** Why a file could not be read or written, in `locale` when the error has a known `code`. */
export function fileReason(error: unknown, locale: Locale): string {
  const code = (error as { code?: unknown } | null)?.code;
  const key = typeof code === 'string' && Object.hasOwn(FS_CODES, code) ? FS_CODES[code] : undefined;
  return key === undefined ? firstLine(error) : cliMessage(locale, key);
}

/** Why a text is not JSON: the parser's words in English; in Chinese where it went wrong. */
export function jsonReason(error: unknown, locale: Locale): string {
  if (locale !== 'zh-CN') return firstLine(error);
  const text = firstLine(error);
  const lineColumn = /line (\d+) column (\d+)/.exec(text);
  if (lineColumn !== null) return cliMessage(locale, 'jsonAtLine', { line: lineColumn[1]!, column: lineColumn[2]! });
  const position = /position (\d+)/.exec(text);
  if (position !== null) return cliMessage(locale, 'jsonAtPosition', { position: Number(position[1]) + 1 });
  return /end of (JSON|data) input/i.test(text) ? cliMessage(locale, 'jsonTruncated') : cliMessage(locale, 'jsonSyntax');
}

/** A path as the CLI shows it: `opportunities.3.amount`, `deals.csv:12:amount`; the root by name. */
export function pathText(path: readonly (string | number)[] | undefined, locale: Locale): string {
  return path === undefined || path.length === 0 ? cliMessage(locale, 'rootPath') : path.join('.');
}

/** One line per problem (`path: message`), and a line counting those not listed. */
export function issueLines(issues: readonly FunnelIssue[], more: number, locale: Locale, indent: string): string[] {
  const colon = locale === 'zh-CN' ? '：' : ': ';
  const lines = issues.map((i) => `${indent}${pathText(i.path, locale)}${colon}${i.message}`);
  if (more > 0) lines.push(`${indent}${cliMessage(locale, 'andMore', { count: more })}`);
  return lines;
}
