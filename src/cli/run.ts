import { addDays, checkZone, FunnelError, MS_PER_DAY, plainDateOf, startOfPlainDate, toInstant, toPlainDate, type Locale } from '../index.js';
import { langOf, parseArgs, type CliCommand, type ReportFormat, type TableFiles } from './args.js';
import { latestInstant, readReportInput, serializeReportInput, type InputReading, type ReportInput } from './input.js';
import { Progress } from './progress.js';
import { readTableInput } from './tabular.js';
import { CliFailure, fileReason, firstLine, issueLines, jsonReason, pathText } from './failure.js';
import { cliMessage } from './messages.js';
import { renderHtml } from './renderHtml.js';
import { renderJson } from './renderJson.js';
import { DEFAULT_WIDTH, MAX_WIDTH, MIN_WIDTH, renderText } from './renderText.js';
import { buildReport, type Report } from './report.js';
import { buildSample } from './sample.js';

/**
 * What the CLI may touch, passed in so that tests run it in-process: two output
 * streams, a file reader and writer (both may throw; the message of what they throw
 * is shown to the user), and the environment's time zone.
 */
export interface CliIo {
  /** Writes to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes to standard error. */
  readonly stderr: (text: string) => void;
  /**
   * Reads a whole UTF-8 file (`-` means standard input). What it throws is shown to the
   * user: an error with a Node.js `code` (`ENOENT`, `EACCES`, `EISDIR`, ...) in the
   * report's language, any other by its message.
   */
  readonly readFile: (path: string) => string;
  /** Writes a whole UTF-8 file; what it throws is shown as for {@link CliIo.readFile}. */
  readonly writeFile: (path: string, text: string) => void;
  /**
   * Reads a UTF-8 file in pieces, in order (`-` means standard input): how the table
   * files of `report --deals …` are read, never whole. What it throws is shown as for
   * {@link CliIo.readFile}.
   *
   * @defaultValue the text of {@link CliIo.readFile} in pieces of 64 KiB
   */
  readonly readChunks?: (path: string) => Iterable<string>;
  /**
   * Whether standard error is a terminal (Node.js: `process.stderr.isTTY`): the
   * progress of reading table files is shown there only then.
   *
   * @defaultValue `false`
   */
  readonly stderrIsTTY?: boolean;
  /**
   * The clock of the progress line, in milliseconds.
   *
   * @defaultValue `performance.now`
   */
  readonly now?: () => number;
  /**
   * The terminal's width in columns when standard output is a terminal (Node.js:
   * `process.stdout.columns`), the default of `--width`; `undefined` otherwise (a pipe,
   * a file), when the text report is 80 columns wide.
   *
   * @defaultValue `undefined`
   */
  readonly columns?: number;
  /**
   * The environment's IANA time zone, the default of `--tz`.
   *
   * @defaultValue `Intl.DateTimeFormat().resolvedOptions().timeZone`
   */
  readonly timeZone?: string;
}

/**
 * Exit code: the report is written and every record of the input was valid.
 *
 * @category CLI
 * @example
 * ```ts
 * run(['report'], io) === EXIT_OK; // the embedded sample is valid
 * ```
 */
export const EXIT_OK = 0;
/**
 * Exit code: the report is written, but some records were rejected (listed on standard
 * error and in the report).
 *
 * @category CLI
 * @example
 * ```ts
 * if (run(['report', 'deals.json'], io) === EXIT_REJECTED) console.error('some deals were left out');
 * ```
 */
export const EXIT_REJECTED = 1;
/**
 * Exit code: nothing was reported: bad arguments, an unreadable file, input that cannot
 * be used (not JSON, not the expected shape, no valid pipeline), a file that cannot be
 * written, or data the library refuses.
 *
 * @category CLI
 * @example
 * ```ts
 * run(['report', '--tz', 'Mars/Olympus'], io); //=> EXIT_UNUSABLE
 * ```
 */
export const EXIT_UNUSABLE = 2;
/**
 * Exit code: an unexpected failure (reported in one line, never with a stack trace).
 *
 * @category CLI
 * @example
 * ```ts
 * const code: number = EXIT_INTERNAL; // 3
 * ```
 */
export const EXIT_INTERNAL = 3;

/** The default `--since`: this many days before the report date. */
const SINCE_DAYS = 7;

/** Rejected records listed on standard error; the report lists more, and counts them all. */
const STDERR_RECORDS = 20;

/** The time zone of the report: `--tz`, else the environment's, checked. */
function reportZone(tz: string | undefined, io: CliIo): string {
  const timeZone = tz ?? io.timeZone ?? new Intl.DateTimeFormat().resolvedOptions().timeZone;
  try {
    checkZone({ timeZone });
  } catch {
    throw new CliFailure('badTimeZone', { value: timeZone });
  }
  return timeZone;
}

/** `--as-of` and `--since`: a calendar date is midnight of that day in the report's zone; else an ISO 8601 instant. */
function parseInstant(value: string, timeZone: string, key: 'badAsOf' | 'badSince'): Date {
  try {
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? startOfPlainDate(toPlainDate(value, 'date'), { timeZone }) : toInstant(value, 'date');
  } catch {
    throw new CliFailure(key, { value });
  }
}

/**
 * The default `--since`: a week before the report date on the report's clock — midnight
 * seven days earlier when the report is dated at midnight (a calendar date), else the
 * instant seven times 24 hours earlier.
 */
function defaultSince(asOf: Date, timeZone: string): Date {
  const day = plainDateOf(asOf, { timeZone });
  if (startOfPlainDate(day, { timeZone }).getTime() === asOf.getTime()) return startOfPlainDate(addDays(day, -SINCE_DAYS), { timeZone });
  return new Date(asOf.getTime() - SINCE_DAYS * MS_PER_DAY);
}

/** The width of the text report: `--width`, else the terminal's, else {@link DEFAULT_WIDTH}. */
function reportWidth(width: number | undefined, io: CliIo): number {
  if (width !== undefined) return width;
  const columns = io.columns;
  return columns !== undefined && Number.isInteger(columns) && columns > 0 ? Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, columns)) : DEFAULT_WIDTH;
}

function loadInput(file: string, io: CliIo, locale: Locale): InputReading {
  const name = file === '-' ? cliMessage(locale, 'stdin') : file;
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    throw new CliFailure('cannotRead', { file: name, reason: fileReason(e, locale) });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new CliFailure('notJson', { file: name, reason: jsonReason(e, locale) });
  }
  text = ''; // let the text go before the records are read
  const r = readReportInput(json, locale);
  if (r.ok) return r.reading;
  const count = r.unusable.issues.length + r.unusable.moreIssues;
  throw new CliFailure(count === 1 ? 'invalidFileOne' : 'invalidFile', { file: name, count }, issueLines(r.unusable.issues, r.unusable.moreIssues, locale, '  '));
}

/** Pieces of a whole text, for an environment that reads files only whole. */
function* piecesOf(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += 65_536) yield text.slice(i, i + 65_536);
}

/** Reads the table files of `report --deals …`, showing the progress on a terminal. */
function loadTables(tables: TableFiles, io: CliIo, locale: Locale): InputReading {
  const progress = new Progress(io.stderr, locale, { enabled: io.stderrIsTTY === true, ...(io.now === undefined ? {} : { now: io.now }) });
  try {
    return readTableInput(tables, { readFile: io.readFile, readChunks: io.readChunks ?? ((path) => piecesOf(io.readFile(path))) }, locale, progress);
  } finally {
    progress.done();
  }
}

/** The name of the data in the report: the file, or the deals and events files. */
function sourceName(command: Extract<CliCommand, { command: 'report' }>, locale: Locale): string {
  const name = (file: string) => (file === '-' ? cliMessage(locale, 'stdin') : file);
  if (command.tables !== undefined) return `${name(command.tables.deals)}${locale === 'zh-CN' ? '、' : ', '}${name(command.tables.events)}`;
  return command.file === undefined ? cliMessage(locale, 'sampleName') : name(command.file);
}

/** The rejected records, for standard error: a summary line, then one line per problem. */
function rejectedLines(reading: InputReading, source: string, locale: Locale): string[] {
  const { rejected, read } = reading;
  const lines = [cliMessage(locale, 'rejectedRecords', { file: source, rejected: rejected.count, total: read.customers + read.opportunities + (read.strayEvents ?? 0) })];
  const shown = rejected.records.slice(0, STDERR_RECORDS);
  for (const r of shown) {
    lines.push(`  ${pathText(r.path, locale)}${r.id === undefined ? '' : locale === 'zh-CN' ? `（${r.id}）` : ` (${r.id})`}`);
    lines.push(...issueLines(r.issues, r.issueCount - r.issues.length, locale, '    '));
  }
  if (rejected.count > shown.length) lines.push(`  ${cliMessage(locale, 'andMoreRecords', { count: rejected.count - shown.length })}`);
  return lines;
}

function render(format: ReportFormat, report: Report, locale: Locale, width: number): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'html':
      return renderHtml(report, locale);
    default:
      return renderText(report, locale, { width });
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
    throw new CliFailure('cannotWrite', { file: out, reason: fileReason(e, locale) });
  }
  io.stderr(`${cliMessage(locale, 'wrote', { file: out })}\n`);
}

function reportCommand(command: Extract<CliCommand, { command: 'report' }>, io: CliIo): number {
  const locale = command.lang;
  const timeZone = reportZone(command.tz, io);
  const explicitAsOf = command.asOf === undefined ? undefined : parseInstant(command.asOf, timeZone, 'badAsOf');
  const explicitSince = command.since === undefined ? undefined : parseInstant(command.since, timeZone, 'badSince');
  const reading = command.tables !== undefined ? loadTables(command.tables, io, locale) : command.file === undefined ? undefined : loadInput(command.file, io, locale);
  const input: ReportInput = reading?.input ?? buildSample({ locale });
  const source = sourceName(command, locale);
  const asOf = explicitAsOf ?? input.asOf ?? latestInstant(input.opportunities);
  if (asOf === undefined) throw new CliFailure('noAsOf', { file: source });
  if (explicitSince !== undefined && explicitSince.getTime() >= asOf.getTime()) throw new CliFailure('badSince', { value: command.since ?? '' });
  const since = explicitSince ?? defaultSince(asOf, timeZone);
  const report = buildReport(input, { asOf, since, timeZone, source, locale, ...(reading === undefined ? {} : { reading }) });
  emit(render(command.format, report, locale, reportWidth(command.width, io)), command.out, io, locale);
  if (reading === undefined || reading.rejected.count === 0) return EXIT_OK;
  io.stderr(`${rejectedLines(reading, source, locale).join('\n')}\n`);
  return EXIT_REJECTED;
}

function execute(command: CliCommand, io: CliIo): number {
  const locale = command.lang;
  switch (command.command) {
    case 'help':
      io.stdout(cliMessage(locale, 'usage'));
      return EXIT_OK;
    case 'sample':
      emit(`${JSON.stringify(serializeReportInput(buildSample({ locale })), null, 2)}\n`, command.out, io, locale);
      return EXIT_OK;
    case 'report':
      return reportCommand(command, io);
  }
}

/**
 * Runs the `sales-funnel` command line: `report [file.json] [--as-of DATE] [--since DATE]
 * [--tz ZONE] [--format text|json|html] [--width N] [--lang en|zh-CN] [--out FILE]`,
 * `report --deals FILE --events FILE --pipeline FILE.json [--customers FILE
 * [--customer-events FILE]] [--input-format csv|ndjson] [--map FILE.json] [options]`
 * (CSV or NDJSON table exports, read row by row, with the progress on standard error
 * when it is a terminal), `sample [--out FILE]`, `--help`. Never throws and never prints
 * a stack trace.
 *
 * A file's valid records are reported; the others (a deal the library's schema refuses,
 * a duplicated id, a deal of another pipeline or currency) are left out and listed with
 * their paths (`opportunities.3`; in table files `deals.csv:12:amount`) and reasons, on
 * standard error and in the report.
 *
 * @param argv - Arguments after the program name.
 * @param io - Output streams, file access and the environment's time zone.
 * @returns The exit code: {@link EXIT_OK} (0) report written, every record valid;
 *   {@link EXIT_REJECTED} (1) report written, some records rejected;
 *   {@link EXIT_UNUSABLE} (2) bad arguments or unusable input, nothing reported;
 *   {@link EXIT_INTERNAL} (3) unexpected failure.
 *
 * @category CLI
 * @example
 * ```ts
 * const out: string[] = [];
 * const code = run(['report', '--format', 'json', '--tz', 'Asia/Shanghai'], {
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
    if (!parsed.ok) return fail(`${cliMessage(locale, parsed.error.key, parsed.error.params)}\n${cliMessage(locale, 'seeHelp')}`, EXIT_UNUSABLE);
    return execute(parsed.value, io);
  } catch (e) {
    if (e instanceof CliFailure) return fail([cliMessage(locale, e.key, e.params), ...e.details].join('\n'), EXIT_UNUSABLE);
    if (e instanceof FunnelError) return fail(cliMessage(locale, 'refused', { reason: e.localizedMessage(locale) }), EXIT_UNUSABLE);
    return fail(cliMessage(locale, 'internal', { reason: firstLine(e) }), EXIT_INTERNAL);
  }
}
