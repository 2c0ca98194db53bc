import type { Locale } from '../index.js';
import type { CliMessageKey } from './messages.js';
import { MAX_WIDTH, MIN_WIDTH } from './renderText.js';

/** Output formats of the `report` command. */
export type ReportFormat = 'text' | 'json' | 'html';

/** Formats of the table files (`--input-format`). */
export type InputFormat = 'csv' | 'ndjson';

/** The table files of `report --deals …`: CSV or NDJSON exports, and a JSON file with the pipeline. */
export interface TableFiles {
  /** `--deals`: one row per deal (table `opportunities`). */
  readonly deals: string;
  /** `--events`: one row per ledger event (table `opportunity_events`). */
  readonly events: string;
  /** `--pipeline`: JSON, the pipeline and the report's other inputs (or the pipeline alone). */
  readonly pipeline: string;
  /** `--customers`: one row per customer (table `customers`). */
  readonly customers?: string;
  /** `--customer-events`: one row per customer ledger event (table `customer_events`). */
  readonly customerEvents?: string;
  /** `--input-format`: the format of every table file; default by extension. */
  readonly inputFormat?: InputFormat;
  /** `--map`: JSON renaming the files' columns to the tables' columns. */
  readonly map?: string;
}

/** What the command line asks for. */
export type CliCommand =
  | { readonly command: 'help'; readonly lang: Locale }
  | { readonly command: 'sample'; readonly lang: Locale; readonly out?: string }
  | {
      readonly command: 'report';
      readonly lang: Locale;
      readonly format: ReportFormat;
      readonly file?: string;
      /** The table files, with `--deals` (instead of `file`). */
      readonly tables?: TableFiles;
      /** `--as-of` as given: a calendar date (midnight in `tz`) or an ISO 8601 instant. */
      readonly asOf?: string;
      /** `--tz` as given: an IANA time zone; default the environment's. */
      readonly tz?: string;
      /** `--since` as given: a calendar date (midnight in `tz`) or an ISO 8601 instant; default 7 days before `asOf`. */
      readonly since?: string;
      /** `--width`: the widest line of the text report, in display columns; default the terminal's, else 80. */
      readonly width?: number;
      readonly out?: string;
    };

/** A usage error: a message key and its parameters. */
export interface UsageError {
  readonly key: CliMessageKey;
  readonly params: Readonly<Record<string, string>>;
}

const FORMATS: readonly ReportFormat[] = ['text', 'json', 'html'];
const LANGS: readonly Locale[] = ['en', 'zh-CN'];
const INPUT_FORMATS: readonly InputFormat[] = ['csv', 'ndjson'];
/** Options naming the table files, with `--deals`. */
const TABLE_OPTIONS = ['--deals', '--events', '--pipeline', '--customers', '--customer-events', '--input-format', '--map'] as const;
const VALUE_OPTIONS = new Set(['--as-of', '--format', '--lang', '--out', '--since', '--tz', '--width', ...TABLE_OPTIONS]);
const REPORT_ONLY = new Set(['--as-of', '--format', '--since', '--tz', '--width', ...TABLE_OPTIONS]);

/**
 * Finds `--lang` in raw arguments before anything else is checked, so that even a
 * usage error is reported in the requested language. Unknown values give `'en'`.
 *
 * @param argv - Arguments after the program name.
 * @returns The locale.
 *
 * @category CLI
 * @example
 * ```ts
 * langOf(['report', '--lang=zh-CN']); //=> 'zh-CN'
 * ```
 */
export function langOf(argv: readonly string[]): Locale {
  let lang: string | undefined;
  argv.forEach((a, i) => {
    if (a === '--lang') lang = argv[i + 1];
    else if (a.startsWith('--lang=')) lang = a.slice('--lang='.length);
  });
  return LANGS.includes(lang as Locale) ? (lang as Locale) : 'en';
}

/**
 * Parses the command line (hand-written, no dependencies): a command (`report`,
 * `sample`), at most one file for `report` (or the table files: `--deals`, `--events`,
 * `--pipeline`, `--customers`, `--customer-events`, `--input-format`, `--map`), and
 * options as `--name value` or `--name=value`. `-h`/`--help` anywhere, or no arguments at all, asks for help.
 * Values are checked here only for their form (`--format`, `--lang`, `--width`: a whole
 * number from 40 to 1000); `--as-of`, `--since` and `--tz` are checked by `run`, which
 * knows the time zone.
 *
 * @param argv - Arguments after the program name.
 * @returns The command, or the first usage error.
 *
 * @category CLI
 * @example
 * ```ts
 * parseArgs(['report', 'deals.json', '--format', 'html']);
 * //=> { ok: true, value: { command: 'report', file: 'deals.json', format: 'html', lang: 'en' } }
 * ```
 */
export function parseArgs(argv: readonly string[]): { readonly ok: true; readonly value: CliCommand } | { readonly ok: false; readonly error: UsageError } {
  const fail = (key: CliMessageKey, params: Record<string, string> = {}) => ({ ok: false as const, error: { key, params } });
  const lang = langOf(argv);
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return { ok: true, value: { command: 'help', lang } };

  const positional: string[] = [];
  const options = new Map<string, string>();
  let onlyPositional = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (onlyPositional || arg === '-' || !arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositional = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!VALUE_OPTIONS.has(name)) return fail('unknownOption', { option: name });
    let value: string | undefined;
    if (name !== arg) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) return fail('missingValue', { option: name });
      i++;
    }
    if (value === '') return fail('missingValue', { option: name });
    options.set(name, value);
  }

  const [command, ...rest] = positional;
  if (command !== 'report' && command !== 'sample') return fail('unknownCommand', { command: command ?? '' });
  const format = options.get('--format') ?? 'text';
  if (!FORMATS.includes(format as ReportFormat)) return fail('badValue', { option: '--format', value: format, expected: FORMATS.join(', ') });
  const langValue = options.get('--lang');
  if (langValue !== undefined && !LANGS.includes(langValue as Locale)) return fail('badValue', { option: '--lang', value: langValue, expected: LANGS.join(', ') });
  const out = options.get('--out');

  if (command === 'sample') {
    for (const name of options.keys()) if (REPORT_ONLY.has(name)) return fail('optionNotFor', { option: name, command });
    if (rest.length > 0) return fail('extraArgument', { value: rest[0]! });
    return { ok: true, value: { command, lang, ...(out === undefined ? {} : { out }) } };
  }
  if (rest.length > 1) return fail('extraArgument', { value: rest[1]! });
  const file = rest[0];
  const tables = tableFiles(options, file);
  if (tables !== undefined && 'key' in tables) return { ok: false, error: tables };
  const asOf = options.get('--as-of');
  const tz = options.get('--tz');
  const since = options.get('--since');
  const widthText = options.get('--width');
  const width = widthText === undefined ? undefined : /^\d{1,5}$/.test(widthText) ? Number(widthText) : Number.NaN;
  if (width !== undefined && !(width >= MIN_WIDTH && width <= MAX_WIDTH)) return fail('badWidth', { value: widthText ?? '', min: String(MIN_WIDTH), max: String(MAX_WIDTH) });
  return {
    ok: true,
    value: {
      command,
      lang,
      format: format as ReportFormat,
      ...(file === undefined ? {} : { file }),
      ...(tables === undefined ? {} : { tables }),
      ...(asOf === undefined ? {} : { asOf }),
      ...(tz === undefined ? {} : { tz }),
      ...(since === undefined ? {} : { since }),
      ...(width === undefined ? {} : { width }),
      ...(out === undefined ? {} : { out }),
    },
  };
}

/**
 * The table files of `report --deals …`, checked for what goes together: `--deals` with
 * `--events` and `--pipeline` and without a file argument, the other table options only
 * with `--deals` (`--customer-events` only with `--customers`), standard input (`-`) for
 * one file at most. `undefined` without `--deals` and table options.
 */
function tableFiles(options: ReadonlyMap<string, string>, file: string | undefined): TableFiles | UsageError | undefined {
  const error = (key: CliMessageKey, params: Record<string, string> = {}): UsageError => ({ key, params });
  const deals = options.get('--deals');
  if (deals === undefined) {
    const stray = TABLE_OPTIONS.find((o) => options.has(o));
    return stray === undefined ? undefined : error('needsOption', { option: stray, needs: '--deals' });
  }
  if (file !== undefined) return error('fileAndDeals', { file });
  const events = options.get('--events');
  if (events === undefined) return error('needsOption', { option: '--deals', needs: '--events' });
  const pipeline = options.get('--pipeline');
  if (pipeline === undefined) return error('needsOption', { option: '--deals', needs: '--pipeline' });
  const customers = options.get('--customers');
  const customerEvents = options.get('--customer-events');
  if (customerEvents !== undefined && customers === undefined) return error('needsOption', { option: '--customer-events', needs: '--customers' });
  const inputFormat = options.get('--input-format');
  if (inputFormat !== undefined && !INPUT_FORMATS.includes(inputFormat as InputFormat)) {
    return error('badValue', { option: '--input-format', value: inputFormat, expected: INPUT_FORMATS.join(', ') });
  }
  const map = options.get('--map');
  if ([deals, events, pipeline, customers, customerEvents, map].filter((f) => f === '-').length > 1) return error('stdinOnce');
  return {
    deals,
    events,
    pipeline,
    ...(customers === undefined ? {} : { customers }),
    ...(customerEvents === undefined ? {} : { customerEvents }),
    ...(inputFormat === undefined ? {} : { inputFormat: inputFormat as InputFormat }),
    ...(map === undefined ? {} : { map }),
  };
}
