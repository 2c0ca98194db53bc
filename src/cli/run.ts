import type { Locale } from '../i18n/codes.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { instantSchema } from '../model/primitives.js';
import { isPlainDate } from '../time/plainDate.js';
import { startOfPlainDate } from '../time/zone.js';
import { langOf, parseArgs, type CliCommand, type ReportFormat } from './args.js';
import { latestInstant, parseReportInput, serializeReportInput, type ReportInput } from './input.js';
import { cliMessage, type CliMessageKey } from './messages.js';
import { renderHtml } from './renderHtml.js';
import { renderJson } from './renderJson.js';
import { renderText } from './renderText.js';
import { buildReport } from './report.js';
import { buildSample } from './sample.js';

/**
 * What the CLI may touch, passed in so that tests run it in-process: two output
 * streams and a file reader and writer (both may throw; the message of what they throw
 * is shown to the user).
 */
export interface CliIo {
  /** Writes to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes to standard error. */
  readonly stderr: (text: string) => void;
  /** Reads a whole UTF-8 file (`-` means standard input). */
  readonly readFile: (path: string) => string;
  /** Writes a whole UTF-8 file. */
  readonly writeFile: (path: string, text: string) => void;
}

/** Exit code: success. */
export const EXIT_OK = 0;
/** Exit code: an unexpected failure (reported in one line, never with a stack trace). */
export const EXIT_FAILURE = 1;
/** Exit code: bad arguments, an unreadable or invalid input file, or data the library refuses. */
export const EXIT_USAGE = 2;

const MAX_ISSUES = 50;

class CliFailure {
  constructor(
    readonly key: CliMessageKey,
    readonly params: Readonly<Record<string, string | number>>,
    readonly details: readonly string[] = [],
  ) {}
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? '';
}

function parseAsOf(value: string): Date | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return isPlainDate(value) ? startOfPlainDate(value) : undefined;
  const r = instantSchema.safeParse(value);
  return r.success ? r.data : undefined;
}

function loadInput(file: string, io: CliIo, locale: Locale): ReportInput {
  const name = file === '-' ? cliMessage(locale, 'stdin') : file;
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    throw new CliFailure('cannotRead', { file: name, reason: firstLine(e) });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new CliFailure('notJson', { file: name, reason: firstLine(e) });
  }
  const parsed = parseReportInput(json, locale);
  if (!parsed.ok) {
    const lines = parsed.issues.slice(0, MAX_ISSUES).map((i) => `  ${i.path.length === 0 ? cliMessage(locale, 'rootPath') : i.path.join('.')}: ${i.message}`);
    if (parsed.issues.length > MAX_ISSUES) lines.push(`  ${cliMessage(locale, 'andMore', { count: parsed.issues.length - MAX_ISSUES })}`);
    throw new CliFailure(parsed.issues.length === 1 ? 'invalidFileOne' : 'invalidFile', { file: name, count: parsed.issues.length }, lines);
  }
  return parsed.input;
}

function render(format: ReportFormat, input: ReportInput, asOf: Date, source: string, locale: Locale): string {
  const report = buildReport(input, { asOf, source, locale });
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'html':
      return renderHtml(report, locale);
    default:
      return renderText(report, locale);
  }
}

function emit(text: string, out: string | undefined, io: CliIo, locale: Locale): void {
  if (out === undefined) {
    io.stdout(text);
    return;
  }
  try {
    io.writeFile(out, text);
  } catch (e) {
    throw new CliFailure('cannotWrite', { file: out, reason: firstLine(e) });
  }
  io.stderr(`${cliMessage(locale, 'wrote', { file: out })}\n`);
}

function execute(command: CliCommand, io: CliIo): number {
  const locale = command.lang;
  switch (command.command) {
    case 'help':
      io.stdout(cliMessage(locale, 'usage'));
      return EXIT_OK;
    case 'sample':
      emit(`${JSON.stringify(serializeReportInput(buildSample()), null, 2)}\n`, command.out, io, locale);
      return EXIT_OK;
    case 'report': {
      let asOf: Date | undefined;
      if (command.asOf !== undefined) {
        asOf = parseAsOf(command.asOf);
        if (asOf === undefined) throw new CliFailure('badAsOf', { value: command.asOf });
      }
      const input = command.file === undefined ? buildSample() : loadInput(command.file, io, locale);
      const source = command.file === undefined ? cliMessage(locale, 'sampleName') : command.file === '-' ? cliMessage(locale, 'stdin') : command.file;
      asOf ??= input.asOf ?? latestInstant(input.opportunities);
      if (asOf === undefined) throw new CliFailure('noAsOf', { file: source });
      emit(render(command.format, input, asOf, source, locale), command.out, io, locale);
      return EXIT_OK;
    }
  }
}

/**
 * Runs the `sales-funnel` command line: `report [file.json] [--as-of DATE] [--format
 * text|json|html] [--lang en|zh-CN] [--out FILE]`, `sample [--out FILE]`, `--help`.
 * Never throws and never prints a stack trace: bad arguments, unreadable files, invalid
 * JSON and invalid data (every issue with its path, e.g. `opportunities.3.amount`) give
 * a message on standard error and exit code 2; anything unexpected gives a one-line
 * message and exit code 1.
 *
 * @param argv - Arguments after the program name.
 * @param io - Output streams and file access.
 * @returns The exit code: 0 success, 1 unexpected failure, 2 bad arguments or input.
 *
 * @example
 * ```ts
 * const out: string[] = [];
 * const code = run(['report', '--format', 'json'], {
 *   stdout: (t) => out.push(t), stderr: () => {}, readFile: () => '', writeFile: () => {},
 * });
 * code; //=> 0
 * ```
 */
export function run(argv: readonly string[], io: CliIo): number {
  const locale = langOf(argv);
  const fail = (text: string, code: number) => {
    io.stderr(`${cliMessage(locale, 'error')}${text}\n`);
    return code;
  };
  try {
    const parsed = parseArgs(argv);
    if (!parsed.ok) return fail(`${cliMessage(locale, parsed.error.key, parsed.error.params)}\n${cliMessage(locale, 'seeHelp')}`, EXIT_USAGE);
    return execute(parsed.value, io);
  } catch (e) {
    if (e instanceof CliFailure) return fail([cliMessage(locale, e.key, e.params), ...e.details].join('\n'), EXIT_USAGE);
    if (e instanceof FunnelError) return fail(cliMessage(locale, 'refused', { reason: e.localizedMessage(locale) }), EXIT_USAGE);
    return fail(cliMessage(locale, 'internal', { reason: firstLine(e) }), EXIT_FAILURE);
  }
}
