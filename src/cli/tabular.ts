import {
  makeIssue,
  safeCustomerFromRow,
  safeOpportunityFromRows,
  toFunnelIssues,
  type Customer,
  type CustomerEventRowInput,
  type CustomerRowInput,
  type EventRowInput,
  type FunnelIssue,
  type IssueCode,
  type Locale,
  type Opportunity,
  type OpportunityRowInput,
  type ParamsOf,
  type RejectedRecord,
} from '../index.js';
import type { InputFormat, TableFiles } from './args.js';
import { CUSTOMER_FIELD_COLUMNS, DEAL_FIELD_COLUMNS, EVENT_FIELD_COLUMNS, MAP_KEYS, OWNER_COLUMN, TABLE_COLUMNS, type TableKind } from './columns.js';
import { CsvReader, CsvUnclosedQuote, type CsvRecord } from './csv.js';
import { CliFailure, fileReason, issueLines, jsonReason } from './failure.js';
import { readReportInput, type InputLimits, type InputReading } from './input.js';
import { cliMessage } from './messages.js';
import { NdjsonReader, type NdjsonLine } from './ndjson.js';
import type { Progress } from './progress.js';

/** What {@link readTableInput} needs of the environment. */
export interface TableIo {
  /** Reads a whole small file (the pipeline file, the mapping); `-` is standard input. */
  readonly readFile: (path: string) => string;
  /** Reads a file in pieces, in order (a table file); `-` is standard input. */
  readonly readChunks: (path: string) => Iterable<string>;
}

/** A row of a table file: its line, its position among the file's rows, its values by column. */
interface Row {
  readonly line: number;
  readonly index: number;
  readonly values: Record<string, unknown>;
}

/** How the rows and columns of one file are named in messages. */
interface FileNames {
  /** The name the user sees (`-` as "standard input"). */
  readonly name: string;
  /** The file's header or key for a table column (after `--map`), for messages. */
  readonly columnName: (column: string) => string;
  /** The file's own name of each renamed column: from `--map`, then from the CSV header. */
  readonly renamed: Map<string, string>;
}

/** `header → column` renamings, per table. */
type ColumnMaps = Readonly<Record<TableKind, ReadonlyMap<string, string>>>;

const TABLE_NAMES: Readonly<Record<TableKind, string>> = { deals: 'deals', events: 'events', customers: 'customers', customerEvents: 'customerEvents' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function present(value: unknown): boolean {
  return value !== null && value !== undefined;
}

function idOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function displayName(path: string, locale: Locale): string {
  return path === '-' ? cliMessage(locale, 'stdin') : path;
}

/** Reads a small whole file as JSON (a byte order mark is ignored). */
function readJsonFile(path: string, io: TableIo, locale: Locale): unknown {
  const name = displayName(path, locale);
  let text: string;
  try {
    text = io.readFile(path);
  } catch (e) {
    throw new CliFailure('cannotRead', { file: name, reason: fileReason(e, locale) });
  }
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new CliFailure('notJson', { file: name, reason: jsonReason(e, locale) });
  }
}

/**
 * The `--map` file: `{ "their column": "column" }` for every table (an entry applies to
 * the tables that have that column), or such an object per table
 * (`{ "deals": {…}, "events": {…} }`).
 */
function readMap(path: string | undefined, io: TableIo, locale: Locale): ColumnMaps {
  const maps: Record<TableKind, Map<string, string>> = { deals: new Map(), events: new Map(), customers: new Map(), customerEvents: new Map() };
  if (path === undefined) return maps;
  const name = displayName(path, locale);
  const json = readJsonFile(path, io, locale);
  const bad = (reason: string) => new CliFailure('badMap', { file: name, reason });
  if (!isRecord(json)) throw bad(cliMessage(locale, 'mapShape'));
  const entries = Object.entries(json);
  const flat = entries.every(([, v]) => typeof v === 'string');
  const perTable = !flat && entries.every(([k, v]) => Object.hasOwn(MAP_KEYS, k) && isRecord(v) && Object.values(v).every((c) => typeof c === 'string'));
  if (!flat && !perTable) throw bad(cliMessage(locale, 'mapShape'));
  const add = (table: TableKind, from: string, to: string) => {
    const target = maps[table];
    for (const [f, t] of target) if (t === to && f !== from) throw bad(cliMessage(locale, 'mapTwice', { column: to, table: TABLE_NAMES[table] }));
    target.set(from.trim(), to);
  };
  if (flat) {
    for (const [from, to] of entries as [string, string][]) {
      const tables = (Object.keys(TABLE_COLUMNS) as TableKind[]).filter((t) => TABLE_COLUMNS[t].some((c) => c.name === to));
      if (tables.length === 0) {
        const all = [...new Set(Object.values(TABLE_COLUMNS).flatMap((cs) => cs.map((c) => c.name)))];
        throw bad(cliMessage(locale, 'mapUnknownColumn', { column: to, table: Object.keys(TABLE_COLUMNS).join(' / '), columns: all.join(', ') }));
      }
      for (const t of tables) add(t, from, to);
    }
    return maps;
  }
  for (const [key, value] of entries) {
    const table = MAP_KEYS[key]!;
    for (const [from, to] of Object.entries(value as Record<string, string>)) {
      if (!TABLE_COLUMNS[table].some((c) => c.name === to)) {
        throw bad(cliMessage(locale, 'mapUnknownColumn', { column: to, table: TABLE_NAMES[table], columns: TABLE_COLUMNS[table].map((c) => c.name).join(', ') }));
      }
      add(table, from, to);
    }
  }
  return maps;
}

/** The format of a table file: `--input-format`, else its extension. */
function formatOf(path: string, given: InputFormat | undefined, locale: Locale): InputFormat {
  if (given !== undefined) return given;
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  throw new CliFailure('unknownInputFormat', { file: displayName(path, locale) });
}

/** A problem of a row that cannot be read as a record of its table. */
interface BadRow {
  readonly line: number;
  readonly index: number;
  /** The message, in the report's language. */
  readonly message: string;
}

/**
 * Reads one table file row by row, never holding it whole: CSV (the first record is the
 * header) or NDJSON (one object per line). Columns are renamed by the map; columns the
 * table does not have are dropped. Each row is handed to `onRow`, or to `onBad` when it
 * cannot be read (a CSV row with another number of fields than the header, a line that
 * is not a JSON object).
 */
function readTable(
  table: TableKind,
  path: string,
  format: InputFormat,
  map: ReadonlyMap<string, string>,
  names: FileNames,
  io: TableIo,
  locale: Locale,
  progress: Progress,
  handlers: { readonly onRow: (row: Row) => void; readonly onBad: (bad: BadRow) => void; readonly rejected: () => number },
): void {
  const name = names.name;
  const known = new Set(TABLE_COLUMNS[table].map((c) => c.name));
  progress.reading(name);
  let index = 0;

  let push: (chunk: string) => void;
  let end: () => void;
  if (format === 'csv') {
    let header: { readonly columns: readonly (string | undefined)[]; readonly width: number } | undefined;
    const reader = new CsvReader((record: CsvRecord) => {
      if (header === undefined) {
        header = csvHeader(table, record, map, known, name);
        names.renamed.clear();
        header.columns.forEach((c, k) => {
          const own = (record.fields[k] ?? '').trim();
          if (c !== undefined && own !== c) names.renamed.set(c, own);
        });
        return;
      }
      const i = index++;
      if (record.malformed !== undefined || record.fields.length !== header.width) {
        const message =
          record.malformed !== undefined
            ? cliMessage(locale, 'rowTextAfterQuote')
            : cliMessage(locale, 'rowFieldCount', { actual: record.fields.length, expected: header.width });
        handlers.onBad({ line: record.line, index: i, message });
      } else {
        const values: Record<string, unknown> = {};
        header.columns.forEach((c, k) => {
          if (c !== undefined) values[c] = record.fields[k];
        });
        handlers.onRow({ line: record.line, index: i, values });
      }
      progress.row(handlers.rejected());
    });
    push = (chunk) => reader.push(chunk);
    end = () => {
      try {
        reader.end();
      } catch (e) {
        if (e instanceof CsvUnclosedQuote) throw new CliFailure('unclosedQuote', { file: name, line: e.line });
        throw e;
      }
      if (header === undefined) throw new CliFailure('noHeader', { file: name });
    };
  } else {
    const reader = new NdjsonReader((line: NdjsonLine) => {
      const i = index++;
      if ('error' in line) handlers.onBad({ line: line.line, index: i, message: cliMessage(locale, 'rowNotJson', { reason: jsonReason(new Error(line.error), locale) }) });
      else if (!isRecord(line.value)) handlers.onBad({ line: line.line, index: i, message: cliMessage(locale, 'rowNotObject') });
      else {
        const values: Record<string, unknown> = {};
        for (const key of Object.keys(line.value)) {
          const column = map.get(key) ?? key;
          if (known.has(column) && !Object.hasOwn(values, column)) values[column] = line.value[key];
        }
        handlers.onRow({ line: line.line, index: i, values });
      }
      progress.row(handlers.rejected());
    });
    push = (chunk) => reader.push(chunk);
    end = () => reader.end();
  }

  const chunks = (() => {
    try {
      return io.readChunks(path)[Symbol.iterator]();
    } catch (e) {
      throw new CliFailure('cannotRead', { file: name, reason: fileReason(e, locale) });
    }
  })();
  try {
    for (;;) {
      let next: IteratorResult<string>;
      try {
        next = chunks.next();
      } catch (e) {
        throw new CliFailure('cannotRead', { file: name, reason: fileReason(e, locale) });
      }
      if (next.done === true) break;
      push(next.value);
    }
    end();
  } finally {
    chunks.return?.();
  }
}

/** How a file's rows and columns are named in messages: the file as given, columns by the file's own names. */
function fileNames(path: string, map: ReadonlyMap<string, string>, locale: Locale): FileNames {
  const renamed = new Map<string, string>();
  for (const [from, to] of map) renamed.set(to, from);
  return { name: displayName(path, locale), columnName: (c) => renamed.get(c) ?? c, renamed };
}

/** The columns of a CSV header (after `--map`): each field's table column, or `undefined` for a column the table does not have. */
function csvHeader(
  table: TableKind,
  record: CsvRecord,
  map: ReadonlyMap<string, string>,
  known: ReadonlySet<string>,
  file: string,
): { readonly columns: readonly (string | undefined)[]; readonly width: number } {
  const seen = new Set<string>();
  const columns = record.fields.map((f) => {
    const own = (f ?? '').trim();
    const column = map.get(own) ?? own;
    if (!known.has(column)) return undefined;
    if (seen.has(column)) throw new CliFailure('duplicateColumn', { file, column: own });
    seen.add(column);
    return column;
  });
  const missing = TABLE_COLUMNS[table].filter((c) => c.required && !seen.has(c.name)).map((c) => c.name);
  if (missing.length > 0) throw new CliFailure('missingColumns', { file, columns: missing.join(', ') });
  return { columns, width: record.fields.length };
}

/**
 * Rejected records, kept up to the limits and counted beyond (as `safeParseBook` keeps
 * them): at most `perRecord` problems per record, records listed until `max` problems
 * are listed.
 */
class Rejections {
  count: number;
  duplicates: number;
  /** Records of the event files rejected on their own. */
  strays = 0;
  private listed: number;
  readonly records: RejectedRecord[];

  constructor(
    private readonly perRecord: number,
    private readonly max: number,
    before: InputReading['rejected'],
  ) {
    this.count = before.count;
    this.duplicates = before.duplicates;
    this.records = [...before.records];
    this.listed = before.records.reduce((n, r) => n + r.issues.length, 0);
  }

  add(collection: 'customers' | 'opportunities', index: number, location: string, id: string | undefined, issues: readonly FunnelIssue[]): void {
    this.count++;
    if (this.listed >= this.max) return;
    const kept = issues.slice(0, Math.max(1, Math.min(this.perRecord, this.max - this.listed)));
    this.listed += kept.length;
    this.records.push({ collection, index, path: [location], ...(id === undefined ? {} : { id }), issues: kept, issueCount: issues.length });
  }
}

/** `file:line`, and `:column` when there is one. */
function locationOf(file: FileNames, line: number, column?: string): string {
  return column === undefined ? `${file.name}:${line}` : `${file.name}:${line}:${file.columnName(column)}`;
}

/** One of the library's coded issues at a location. */
function codedAt<C extends IssueCode>(code: C, params: ParamsOf<C>, locale: Locale, path: readonly (string | number)[]): FunnelIssue {
  return makeIssue(code, params, { locale, path }) as FunnelIssue;
}

/** A problem of the file's form (no library code: `invalid_schema`) at a location. */
function formAt(message: string, location: string): FunnelIssue {
  return makeIssue('invalid_schema', { zodCode: 'custom', message, path: location }, { path: [location] }) as FunnelIssue;
}

/** Where a wire path of a record's issue points in the files: a row, maybe a column, and a path inside it. */
interface Place {
  readonly file: FileNames;
  readonly line: number;
  readonly column?: string;
  readonly rest: readonly (string | number)[];
}

/**
 * The place of an issue of a record read from a header row and its event rows (in
 * `seq` order, as the row codecs number them: `history.<i>` is `events[i]`).
 */
function placeOf(
  path: readonly (string | number)[],
  fields: Readonly<Record<string, string>>,
  header: { readonly file: FileNames; readonly line: number },
  events: { readonly file: FileNames | undefined; readonly rows: readonly Row[] },
): Place {
  const [head, ...rest] = path;
  if (head === 'history' && typeof rest[0] === 'number' && events.file !== undefined) {
    const row = events.rows[rest[0]];
    if (row !== undefined) {
      const [field, ...inner] = rest.slice(1);
      if (field === undefined) return { file: events.file, line: row.line, rest: [] };
      if (typeof field === 'string' && EVENT_FIELD_COLUMNS.has(field)) return { file: events.file, line: row.line, column: field, rest: inner };
      return { file: events.file, line: row.line, column: 'payload', rest: [field, ...inner] };
    }
  }
  if (head === 'amount' && fields === DEAL_FIELD_COLUMNS) {
    if (rest[0] === 'currency') return { file: header.file, line: header.line, column: 'currency', rest: rest.slice(1) };
    return { file: header.file, line: header.line, column: 'amount', rest: rest[0] === 'amount' ? rest.slice(1) : rest };
  }
  if (typeof head === 'string' && Object.hasOwn(fields, head)) return { file: header.file, line: header.line, column: fields[head]!, rest };
  return { file: header.file, line: header.line, rest: path };
}

/** An issue moved from its wire path to its place in the files (`deals.csv:12:amount`, `events.csv:40:payload.stageId`). */
function relocate(issue: FunnelIssue, place: Place): FunnelIssue {
  const path = [locationOf(place.file, place.line, place.column), ...place.rest];
  const text = path.join('.');
  if (issue.code !== 'invalid_schema') return { ...issue, path };
  // zod's issues carry their path in their Chinese message and in `params.path`.
  const old = (issue.path ?? []).join('.') || '根';
  const swap = (m: string) => (m.endsWith(`（${old}）`) ? `${m.slice(0, -old.length - 2)}（${text}）` : m);
  const params = issue.params as { zodCode: string; message: string | { en: string; 'zh-CN'?: string }; path: string };
  const message = typeof params.message === 'string' ? params.message : { ...params.message, ...(params.message['zh-CN'] === undefined ? {} : { 'zh-CN': swap(params.message['zh-CN']) }) };
  return { ...issue, path, message: swap(issue.message), params: { ...params, message, path: text } } as FunnelIssue;
}

/** The rows of one ledger file, grouped by the record they belong to. */
interface Ledgers {
  readonly file: FileNames;
  readonly groups: Map<string, Row[]>;
}

/**
 * Reads a ledger file (events or customer events) whole into groups by owner id: the
 * rows may come in any order; each group is released when its record is read. A row
 * that cannot be read, or names no owner, is rejected on its own.
 */
function readLedgers(
  table: 'events' | 'customerEvents',
  path: string,
  format: InputFormat,
  maps: ColumnMaps,
  io: TableIo,
  locale: Locale,
  progress: Progress,
  rejections: Rejections,
): Ledgers {
  const owner = OWNER_COLUMN[table];
  const collection = table === 'events' ? 'opportunities' : 'customers';
  const groups = new Map<string, Row[]>();
  const file = fileNames(path, maps[table], locale);
  const stray = (line: number, index: number, issue: FunnelIssue) => {
    rejections.strays++;
    rejections.add(collection, index, locationOf(file, line), undefined, [issue]);
  };
  readTable(table, path, format, maps[table], file, io, locale, progress, {
    rejected: () => rejections.count,
    onBad: (bad) => stray(bad.line, bad.index, formAt(bad.message, locationOf(file, bad.line))),
    onRow: (row) => {
      const id = idOf(row.values[owner]);
      if (id === undefined) {
        const at = locationOf(file, row.line, owner);
        stray(row.line, row.index, formAt(cliMessage(locale, 'rowNoOwner'), at));
        return;
      }
      let group = groups.get(id);
      if (group === undefined) {
        group = [];
        groups.set(id, group);
      } else row.values[owner] = group[0]!.values[owner]; // one string per owner, not one per row
      // Without a `seq`, the rows of a record are in ledger order.
      if (!present(row.values['seq'])) row.values['seq'] = group.length + 1;
      group.push(row);
    },
  });
  return { file, groups };
}

/** A record's ledger rows in `seq` order (rows whose `seq` is not a number last), as the row codecs number them. */
function takeLedger(ledgers: Ledgers | undefined, id: string | undefined): Row[] {
  if (ledgers === undefined || id === undefined) return [];
  const rows = ledgers.groups.get(id) ?? [];
  ledgers.groups.delete(id);
  const seq = (r: Row) => {
    const n = Number(r.values['seq']);
    return Number.isFinite(n) ? n : Number.POSITIVE_INFINITY;
  };
  return rows.sort((a, b) => seq(a) - seq(b));
}

/** Ledger rows left over when every record is read: one rejected record per owner id. */
function rejectOrphans(ledgers: Ledgers | undefined, locale: Locale, rejections: Rejections, table: 'events' | 'customerEvents'): void {
  if (ledgers === undefined) return;
  for (const [id, rows] of ledgers.groups) {
    const first = rows[0]!;
    const at = locationOf(ledgers.file, first.line, OWNER_COLUMN[table]);
    const issue = table === 'events' ? codedAt('missing_opportunity', { opportunityId: id }, locale, [at]) : codedAt('missing_customer', { customerId: id }, locale, [at]);
    rejections.strays++;
    rejections.add(table === 'events' ? 'opportunities' : 'customers', first.index, locationOf(ledgers.file, first.line), id, [issue]);
  }
  ledgers.groups.clear();
}

/**
 * Reads a report's input from table files — deals and their events in CSV or NDJSON,
 * optionally customers and their events, the pipeline and the other inputs in a JSON
 * file — streaming each table file row by row. Records are read with the library's row
 * codecs (`safeOpportunityFromRows`, `safeCustomerFromRow`) and checked as
 * `readReportInput` checks a JSON file's: a record is rejected, with its problems at
 * their places (`deals.csv:12:amount`, `events.csv:40:payload.stageId`), when the
 * codecs refuse it, when its id repeats an earlier row's (`duplicate_id`, the first one
 * counts), when a deal names another pipeline or a customer the customers do not list,
 * or is in another currency than the pipeline's. Event rows that cannot be read, or
 * whose deal (customer) is not in the deals (customers) file, are rejected on their own.
 *
 * Event files may be in any order: their rows are held, grouped by deal, until the
 * deals file is read, each group released when its deal is built.
 *
 * @param files - The files, as the command line names them.
 * @param io - File access.
 * @param locale - Language of the messages.
 * @param progress - Counts the rows read.
 * @param limits - How many problems to keep.
 * @returns The reading.
 * @throws {@link CliFailure} when a file cannot be read or used (not JSON, no header,
 *   a required column missing, a bad mapping, an invalid pipeline file).
 *
 * @category CLI
 * @example
 * ```ts
 * const reading = readTableInput({ deals: 'deals.csv', events: 'events.csv', pipeline: 'pipeline.json' }, io, 'en', progress);
 * ```
 */
export function readTableInput(files: TableFiles, io: TableIo, locale: Locale, progress: Progress, limits: InputLimits = {}): InputReading {
  const perRecord = limits.issuesPerRecord ?? 5;
  const max = limits.issues ?? 500;
  const maps = readMap(files.map, io, locale);
  const formats = {
    deals: formatOf(files.deals, files.inputFormat, locale),
    events: formatOf(files.events, files.inputFormat, locale),
    customers: files.customers === undefined ? undefined : formatOf(files.customers, files.inputFormat, locale),
    customerEvents: files.customerEvents === undefined ? undefined : formatOf(files.customerEvents, files.inputFormat, locale),
  };

  // The pipeline file: the JSON input without opportunities, or a pipeline alone.
  const pipelineName = displayName(files.pipeline, locale);
  const json = readJsonFile(files.pipeline, io, locale);
  const settings: Record<string, unknown> = isRecord(json) && json['pipeline'] === undefined && Array.isArray(json['stages']) ? { pipeline: json } : isRecord(json) ? json : {};
  if (isRecord(json) && json['opportunities'] !== undefined) throw new CliFailure('settingsHasDeals', { file: pipelineName });
  if (files.customers !== undefined && settings['customers'] !== undefined) throw new CliFailure('customersTwice', { file: pipelineName });
  const base = readReportInput(isRecord(json) ? { ...settings, opportunities: [] } : json, locale, limits);
  if (!base.ok) {
    const count = base.unusable.issues.length + base.unusable.moreIssues;
    throw new CliFailure(count === 1 ? 'invalidFileOne' : 'invalidFile', { file: pipelineName, count }, issueLines(base.unusable.issues, base.unusable.moreIssues, locale, '  '));
  }
  const { pipeline } = base.reading.input;
  const rejections = new Rejections(perRecord, max, base.reading.rejected);

  // Customers: from the pipeline file, or from their own table (and ledger).
  const customersListed = files.customers !== undefined || Array.isArray(settings['customers']);
  const customers: Customer[] = [...base.reading.input.customers];
  const customerIds = new Set<string>(customers.map((c) => c.id));
  let customersRead = base.reading.read.customers;
  if (files.customers !== undefined) {
    const ledgers =
      files.customerEvents === undefined ? undefined : readLedgers('customerEvents', files.customerEvents, formats.customerEvents!, maps, io, locale, progress, rejections);
    const firstLine = new Map<string, number>();
    const where = fileNames(files.customers, maps.customers, locale);
    readTable('customers', files.customers, formats.customers!, maps.customers, where, io, locale, progress, {
      rejected: () => rejections.count,
      onBad: (bad) => {
        customersRead++;
        rejections.add('customers', bad.index, locationOf(where, bad.line), undefined, [formAt(bad.message, locationOf(where, bad.line))]);
      },
      onRow: (row) => {
        customersRead++;
        const id = idOf(row.values['id']);
        const first = id === undefined ? undefined : firstLine.get(id);
        if (first !== undefined) {
          rejections.duplicates++;
          const at = locationOf(where, row.line, 'id');
          rejections.add('customers', row.index, locationOf(where, row.line), id, [codedAt('duplicate_id', { id: id!, first: `${where.name}:${first}` }, locale, [at])]);
          return;
        }
        if (id !== undefined) firstLine.set(id, row.line);
        const events = ledgers === undefined ? undefined : takeLedger(ledgers, id);
        const r = safeCustomerFromRow(row.values as unknown as CustomerRowInput, events?.map((e) => e.values as unknown as CustomerEventRowInput));
        if (r.success) {
          customers.push(r.data);
          customerIds.add(r.data.id);
          return;
        }
        const header = { file: where, line: row.line };
        const issues = toFunnelIssues(r.error, locale).map((i) => relocate(i, placeOf(i.path ?? [], CUSTOMER_FIELD_COLUMNS, header, { file: ledgers?.file, rows: events ?? [] })));
        rejections.add('customers', row.index, locationOf(where, row.line), id, issues);
      },
    });
    rejectOrphans(ledgers, locale, rejections, 'customerEvents');
  }

  // Deals: their ledgers first (any order), then the deals, each built with its events.
  const ledgers = readLedgers('events', files.events, formats.events, maps, io, locale, progress, rejections);
  const opportunities: Opportunity[] = [];
  const firstLine = new Map<string, number>();
  let dealsRead = 0;
  const where = fileNames(files.deals, maps.deals, locale);
  readTable('deals', files.deals, formats.deals, maps.deals, where, io, locale, progress, {
    rejected: () => rejections.count,
    onBad: (bad) => {
      dealsRead++;
      rejections.add('opportunities', bad.index, locationOf(where, bad.line), undefined, [formAt(bad.message, locationOf(where, bad.line))]);
    },
    onRow: (row) => {
      dealsRead++;
      const v = row.values;
      const id = idOf(v['id']);
      const first = id === undefined ? undefined : firstLine.get(id);
      if (first !== undefined) {
        rejections.duplicates++;
        const at = locationOf(where, row.line, 'id');
        rejections.add('opportunities', row.index, locationOf(where, row.line), id, [codedAt('duplicate_id', { id: id!, first: `${where.name}:${first}` }, locale, [at])]);
        return;
      }
      if (id !== undefined) firstLine.set(id, row.line);
      const events = takeLedger(ledgers, id);
      // Columns a file may leave out (or leave empty): the pipeline's id and currency, the ledger's length.
      if (!present(v['pipeline_id'])) v['pipeline_id'] = pipeline.id;
      if (!present(v['currency'])) v['currency'] = pipeline.currency;
      if (!present(v['version'])) v['version'] = events.length;
      const onPipeline = v['pipeline_id'] === pipeline.id;
      const options = onPipeline ? { pipeline } : {};
      const r = safeOpportunityFromRows(v as unknown as OpportunityRowInput, events.map((e) => e.values as unknown as EventRowInput), options);
      const header = { file: where, line: row.line };
      const place = (i: FunnelIssue) => relocate(i, placeOf(i.path ?? [], DEAL_FIELD_COLUMNS, header, { file: ledgers.file, rows: events }));
      const issues: FunnelIssue[] = r.success ? [] : toFunnelIssues(r.error, locale).map(place);
      const deal = r.success ? r.data : undefined;
      const pipelineId = idOf(v['pipeline_id']);
      if (pipelineId !== undefined && !onPipeline) issues.push(codedAt('missing_pipeline', { pipelineId }, locale, [locationOf(where, row.line, 'pipeline_id')]));
      const customerId = idOf(v['customer_id']);
      if (customersListed && customerId !== undefined && !customerIds.has(customerId)) {
        issues.push(codedAt('missing_customer', { customerId }, locale, [locationOf(where, row.line, 'customer_id')]));
      }
      if (issues.length === 0 && deal !== undefined && deal.amount.currency !== pipeline.currency) {
        issues.push(codedAt('currency_mismatch', { left: deal.amount.currency, right: pipeline.currency }, locale, [locationOf(where, row.line, 'currency')]));
      }
      if (issues.length > 0 || deal === undefined) rejections.add('opportunities', row.index, locationOf(where, row.line), id, issues);
      else opportunities.push(deal);
    },
  });
  rejectOrphans(ledgers, locale, rejections, 'events');

  return {
    input: { ...base.reading.input, customers: customersListed ? customers : [], opportunities },
    read: { customers: customersRead, opportunities: dealsRead, ...(rejections.strays === 0 ? {} : { strayEvents: rejections.strays }) },
    rejected: { count: rejections.count, duplicates: rejections.duplicates, records: rejections.records },
  };
}
