import { describe, expect, it } from 'vitest';
import { serializeReportInput, type ReportInput } from '../../src/cli/input.js';
import { Progress } from '../../src/cli/progress.js';
import { run } from '../../src/cli/run.js';
import { buildSample } from '../../src/cli/sample.js';
import { readTableInput } from '../../src/cli/tabular.js';
import { memoryIo } from './_io.js';
import { tablesOf, toCsv, toNdjson, type Table } from './_tables.js';

/** The sample's pipeline and settings with its first 20 and last 20 deals (and every customer). */
function smallBook(): ReportInput {
  const s = buildSample();
  return { ...s, opportunities: [...s.opportunities.slice(0, 20), ...s.opportunities.slice(-20)] };
}

/** `report … --format json`: the exit code, the report (without `source`, the files' names) and stderr. */
function report(files: Record<string, string>, args: readonly string[], extra: { lang?: 'en' | 'zh-CN'; chunk?: number } = {}) {
  const io = memoryIo(files, 'UTC', extra.chunk);
  const code = run(['report', ...args, '--format', 'json', '--tz', 'UTC', '--lang', extra.lang ?? 'en'], io);
  const json = io.out() === '' ? undefined : JSON.parse(io.out());
  if (json !== undefined) delete json.source;
  return { code, err: io.err(), json };
}

const TABLE_ARGS = ['--deals', 'deals.csv', '--events', 'events.csv', '--pipeline', 'pipeline.json'];

/** The deals table with one row's column changed. */
function withCell(table: Table, row: number, column: string, value: unknown): Table {
  return { ...table, rows: table.rows.map((r, i) => (i === row ? { ...r, [column]: value } : r)) };
}

/** No stack trace: no "    at fn (file:line)" frames and no "Error:" class prefixes. */
function expectNoStack(text: string): void {
  expect(text).not.toMatch(/^\s+at\s/m);
  expect(text).not.toMatch(/\b(Type|Syntax|Range|Zod)?Error:/);
}

describe('report --deals --events: the same book as JSON and as tables gives the same report', () => {
  it('CSV (BOM, CRLF, quoted JSON columns) and NDJSON, customers in the pipeline file or in tables of their own', () => {
    const book = buildSample();
    const json = serializeReportInput(book);
    const t = tablesOf(book);
    const whole = report({ 'book.json': JSON.stringify(json) }, ['book.json']);
    expect(whole.code).toBe(0);

    // CSV, the events in reverse order (any order is fine), customers in the pipeline file.
    const reversed = { ...t.events, rows: [...t.events.rows].reverse() };
    const csv = report(
      {
        'deals.csv': toCsv(t.deals, { bom: true }),
        'events.csv': toCsv(reversed, { quoteAll: true }),
        'pipeline.json': JSON.stringify({ ...t.settings, customers: json.customers }),
      },
      TABLE_ARGS,
      { chunk: 1021 },
    );
    expect(csv.err).toBe('');
    expect(csv.code).toBe(0);
    expect(csv.json).toEqual(whole.json);

    // NDJSON deals and events; the customers and their ledgers as tables (CSV and NDJSON).
    const nd = report(
      {
        'deals.ndjson': toNdjson(t.deals),
        'events.jsonl': toNdjson(t.events),
        'customers.csv': toCsv(t.customers, { eol: '\n' }),
        'customer-events.ndjson': toNdjson(t.customerEvents),
        'pipeline.json': JSON.stringify(t.settings),
      },
      ['--deals', 'deals.ndjson', '--events', 'events.jsonl', '--customers', 'customers.csv', '--customer-events', 'customer-events.ndjson', '--pipeline', 'pipeline.json'],
    );
    expect(nd.err).toBe('');
    expect(nd.code).toBe(0);
    expect(nd.json).toEqual(whole.json);
    expect(nd.json.input).toMatchObject({ records: 411, rejected: 0, customers: { read: 111, accepted: 111 }, opportunities: { read: 300, accepted: 300 } });
  }, 120_000);
});

describe('report --deals --events: CSV as CRMs write it', () => {
  it('reads quotes, commas, line breaks inside quotes, a BOM and CRLF into the exact text', () => {
    const book = smallBook();
    const t = tablesOf(book);
    const name = 'Acme, "Ltd"\r\nEast China, phase 2';
    const deals = withCell(t.deals, 0, 'name', name);
    const files = {
      'deals.csv': toCsv(deals, { bom: true, eol: '\r\n' }),
      'events.csv': toCsv(t.events, { bom: true }),
      'pipeline.json': JSON.stringify(t.settings),
    };
    const io = memoryIo(files, 'UTC', 7);
    const progress = new Progress(io.stderr, 'en', { enabled: false });
    const reading = readTableInput({ deals: 'deals.csv', events: 'events.csv', pipeline: 'pipeline.json' }, { readFile: io.readFile, readChunks: io.readChunks! }, 'en', progress);
    expect(reading.rejected.count).toBe(0);
    expect(reading.input.opportunities).toHaveLength(40);
    expect(reading.input.opportunities[0]!.name).toBe(name);
    expect(reading.input.opportunities[0]!.history).toEqual(book.opportunities[0]!.history);
    expect(io.err()).toBe('');
  });

  it('renames a CRM’s own columns with --map, and defaults the columns a CRM export lacks', () => {
    const book = smallBook();
    const noSource: ReportInput = { ...book, opportunities: book.opportunities.map(({ source: _s, ...o }) => o) };
    const t = tablesOf(noSource);
    // A CRM's export: its own headers, no pipeline_id / currency / version / source, events
    // without seq (in ledger order) and with their own deal id column.
    const dealColumns = t.deals.columns.filter((c) => !['pipeline_id', 'currency', 'version', 'source'].includes(c));
    const dealHeaders: Record<string, string> = { id: 'Deal ID', customer_id: 'Account ID', name: 'Deal Name', amount: 'Amount', stage_id: 'Stage', owner_id: 'Owner' };
    const deals = toCsv({ columns: dealColumns, rows: t.deals.rows }, { header: dealColumns.map((c) => dealHeaders[c] ?? c) });
    const events = toNdjson({ columns: [], rows: t.events.rows.map(({ seq: _q, ...r }) => r) }, { opportunity_id: 'deal_id' });
    const map = { deals: Object.fromEntries(Object.entries(dealHeaders).map(([column, header]) => [header, column])), events: { deal_id: 'opportunity_id' } };
    const json = serializeReportInput(noSource);
    const settings = JSON.stringify({ ...t.settings, customers: json.customers });
    const whole = report({ 'book.json': JSON.stringify(json) }, ['book.json']);
    const mapped = report(
      { 'crm-deals.csv': deals, 'crm-events.ndjson': events, 'pipeline.json': settings, 'map.json': JSON.stringify(map) },
      ['--deals', 'crm-deals.csv', '--events', 'crm-events.ndjson', '--pipeline', 'pipeline.json', '--map', 'map.json'],
    );
    expect(mapped.err).toBe('');
    expect(mapped.code).toBe(0);
    expect(mapped.json).toEqual(whole.json);

    // A problem is reported under the file's own column name.
    const bad = report(
      {
        'crm-deals.csv': toCsv({ columns: dealColumns, rows: withCell(t.deals, 1, 'amount', '12,5').rows }, { header: dealColumns.map((c) => dealHeaders[c] ?? c) }),
        'crm-events.ndjson': events,
        'pipeline.json': settings,
        'map.json': JSON.stringify(map),
      },
      ['--deals', 'crm-deals.csv', '--events', 'crm-events.ndjson', '--pipeline', 'pipeline.json', '--map', 'map.json'],
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('    crm-deals.csv:3:Amount: ');
  });

  it('reads a pipeline file that is the pipeline alone, and a flat --map for every table', () => {
    const book = smallBook();
    const t = tablesOf({ ...book, customers: [] });
    const events = toCsv(t.events, { header: t.events.columns.map((c) => (c === 'opportunity_id' ? 'Deal' : c)) });
    const r = report(
      { 'deals.csv': toCsv(t.deals), 'events.csv': events, 'pipeline.json': JSON.stringify(t.settings['pipeline']), 'map.json': '{ "Deal": "opportunity_id" }' },
      [...TABLE_ARGS, '--map', 'map.json'],
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.json.deals.total).toBe(40);
    expect(r.json.users).toBeUndefined();
  });
});

describe('report --deals --events: rejected records are listed with file:line and column (exit 1)', () => {
  const book = smallBook();
  const t = tablesOf(book);
  const settings = JSON.stringify({ ...t.settings, customers: serializeReportInput(book).customers });

  it('lists a bad cell, a bad event, a short row, a duplicated deal and events of no deal', () => {
    let deals = withCell(t.deals, 2, 'amount', 'a million'); // line 4 (header on line 1)
    deals = { ...deals, rows: [...deals.rows, deals.rows[5]!] }; // a copy of line 7, on line 42
    const firstEvent = t.events.rows.findIndex((e) => e['opportunity_id'] === t.deals.rows[1]!['id'] && e['type'] === 'stage_changed');
    const events = withCell(t.events, firstEvent, 'payload', JSON.stringify({ ...JSON.parse(t.events.rows[firstEvent]!['payload'] as string), to: 'nowhere' }));
    const orphan = { ...t.events.rows[0]!, opportunity_id: 'opp-gone' };
    const eventsCsv = toCsv({ ...events, rows: [...events.rows, orphan] });
    const dealsCsv = `${toCsv(deals)}opp-short,c-001,direct-sales\r\n`;
    const r = report({ 'deals.csv': dealsCsv, 'events.csv': eventsCsv, 'pipeline.json': settings }, TABLE_ARGS);
    expect(r.code).toBe(1);
    expectNoStack(r.err);
    // 111 customers + 42 deal rows + 1 stray group of events
    expect(r.err).toContain('deals.csv, events.csv: rejected 5 of 154 records; the report covers the rest:');
    const id2 = String(t.deals.rows[2]!['id']);
    expect(r.err).toContain(`  deals.csv:4 (${id2})\n    deals.csv:4:amount: `);
    const id1 = String(t.deals.rows[1]!['id']);
    expect(r.err).toContain(`  deals.csv:3 (${id1})\n    events.csv:${firstEvent + 2}:payload.to: `);
    const id5 = String(t.deals.rows[5]!['id']);
    expect(r.err).toContain(`  deals.csv:42 (${id5})\n    deals.csv:42:id: The id "${id5}" is already used by deals.csv:7.`);
    expect(r.err).toContain('  deals.csv:43\n    deals.csv:43: The row has 3 fields; the header has 21');
    expect(r.err).toContain(`  events.csv:${events.rows.length + 2} (opp-gone)\n    events.csv:${events.rows.length + 2}:opportunity_id: Opportunity "opp-gone" is not in the book.`);
    // Two of the 40 deals are rejected; the copy, the short row and the stray events are extra rows.
    expect(r.json.deals.total).toBe(38);
    expect(r.json.input).toMatchObject({ records: 154, rejected: 5, duplicates: 1, opportunities: { read: 42, accepted: 38 } });
    const amount = r.json.input.rejectedRecords.find((x: { path: string[] }) => x.path[0] === 'deals.csv:4');
    expect(amount).toMatchObject({ collection: 'opportunities', id: id2 });
    expect(amount.issues[0].path).toEqual(['deals.csv:4:amount']);
  });

  it('rejects a deal of a customer the customers do not list, and in another currency', () => {
    let deals = withCell(t.deals, 0, 'customer_id', 'c-nobody');
    deals = withCell(deals, 1, 'currency', 'USD');
    const r = report({ 'deals.csv': toCsv(deals), 'events.csv': toCsv(t.events), 'pipeline.json': settings }, TABLE_ARGS);
    expect(r.code).toBe(1);
    expect(r.err).toContain('    deals.csv:2:customer_id: Customer "c-nobody" is not in the book.');
    expect(r.err).toContain('    deals.csv:3:currency: ');
    expect(r.json.deals.total).toBe(38);
  });

  it('lists a duplicated customer and the events of a customer the customers file does not list', () => {
    const customers = { ...t.customers, rows: [...t.customers.rows, t.customers.rows[0]!] };
    const customerEvents = { ...t.customerEvents, rows: [...t.customerEvents.rows, { ...t.customerEvents.rows[0]!, customer_id: 'c-gone' }] };
    const r = report(
      { 'deals.csv': toCsv(t.deals), 'events.csv': toCsv(t.events), 'customers.csv': toCsv(customers), 'ce.csv': toCsv(customerEvents), 'pipeline.json': JSON.stringify(t.settings) },
      [...TABLE_ARGS, '--customers', 'customers.csv', '--customer-events', 'ce.csv'],
    );
    expect(r.code).toBe(1);
    const id = String(t.customers.rows[0]!['id']);
    expect(r.err).toContain(`  customers.csv:113 (${id})\n    customers.csv:113:id: The id "${id}" is already used by customers.csv:2.`);
    const line = customerEvents.rows.length + 1;
    expect(r.err).toContain(`  ce.csv:${line} (c-gone)\n    ce.csv:${line}:customer_id: Customer "c-gone" is not in the book.`);
    expect(r.json.input).toMatchObject({ rejected: 2, duplicates: 1, customers: { read: 112, accepted: 111 }, opportunities: { read: 40, accepted: 40 } });
  });

  it('lists an NDJSON line that is not JSON (its events then belong to no deal), in Chinese with --lang zh-CN', () => {
    const lines = toNdjson(t.deals).split('\n');
    const lost = String(t.deals.rows[3]!['id']);
    const firstEvent = t.events.rows.findIndex((e) => e['opportunity_id'] === lost);
    lines[3] = '{"id": "opp-broken",';
    const r = report({ 'deals.ndjson': lines.join('\n'), 'events.csv': toCsv(t.events), 'pipeline.json': settings }, ['--deals', 'deals.ndjson', '--events', 'events.csv', '--pipeline', 'pipeline.json'], {
      lang: 'zh-CN',
    });
    expect(r.code).toBe(1);
    // 111 customers, 40 deal lines, the events of the deal on the broken line
    expect(r.err).toContain('deals.ndjson、events.csv：152 条记录中有 2 条被拒绝，报告涵盖其余记录：');
    expect(r.err).toContain('  deals.ndjson:4\n    deals.ndjson:4：该行不是有效的 JSON：第 21 个字符附近有语法错误');
    expect(r.err).toContain(`  events.csv:${firstEvent + 2}（${lost}）\n    events.csv:${firstEvent + 2}:opportunity_id：数据中没有商机“${lost}”。`);
    expect(r.json.deals.total).toBe(39);
  });
});

describe('report --deals --events: unusable input (exit 2)', () => {
  const t = tablesOf(smallBook());
  const good = { 'deals.csv': toCsv(t.deals), 'events.csv': toCsv(t.events), 'pipeline.json': JSON.stringify(t.settings) };

  it.each([
    ['a required column missing', { 'deals.csv': toCsv({ ...t.deals, columns: t.deals.columns.filter((c) => c !== 'amount') }) }, [], 'error: deals.csv has no column amount; rename yours with --map'],
    ['a quoted field never closed', { 'events.csv': `${toCsv(t.events)}opp-0001,9,created,"2026-01-01T00:00:00Z,,,{}\r\n` }, [], `error: events.csv:${t.events.rows.length + 2}: a quoted field that starts on this line is never closed`],
    ['an empty table file', { 'deals.csv': '' }, [], 'error: deals.csv is empty: expected a header row with the column names'],
    ['a column twice', { 'deals.csv': toCsv({ ...t.deals, columns: [...t.deals.columns, 'amount'] }) }, [], 'error: deals.csv: the column amount appears twice in the header'],
    ['a pipeline file that is not JSON', { 'pipeline.json': '{ "pipeline": ' }, [], 'error: pipeline.json is not valid JSON: '],
    ['an invalid pipeline', { 'pipeline.json': JSON.stringify({ pipeline: { id: 'p' } }) }, [], 'error: pipeline.json is not a valid sales-funnel file'],
    ['a pipeline file with deals', { 'pipeline.json': JSON.stringify({ ...t.settings, opportunities: [] }) }, [], 'error: pipeline.json lists opportunities; with --deals the deals come from the deals file'],
    ['a mapping that is not an object of names', { 'map.json': '{ "deals": { "Amount": 3 } }' }, ['--map', 'map.json'], 'error: map.json is not a valid column mapping: expected an object'],
    ['a mapping to no column', { 'map.json': '{ "deals": { "Amount": "sum" } }' }, ['--map', 'map.json'], 'error: map.json is not a valid column mapping: "sum" is not a column of the deals table'],
    ['a missing file', { 'events.csv': undefined }, [], 'error: cannot read events.csv: no such file or directory'],
  ])('%s', (_what, change, args, message) => {
    const files = Object.fromEntries(Object.entries({ ...good, ...change }).filter(([, v]) => v !== undefined)) as Record<string, string>;
    const r = report(files, [...TABLE_ARGS, ...(args as string[])]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.json).toBeUndefined();
    expectNoStack(r.err);
  });

  it.each([
    [['--deals', 'd.csv', '--pipeline', 'p.json'], 'option --deals needs --events'],
    [['--deals', 'd.csv', '--events', 'e.csv'], 'option --deals needs --pipeline'],
    [['book.json', ...TABLE_ARGS], 'a file argument ("book.json") and --deals cannot be used together'],
    [['book.json', '--map', 'm.json'], 'option --map needs --deals'],
    [[...TABLE_ARGS, '--customer-events', 'ce.csv'], 'option --customer-events needs --customers'],
    [[...TABLE_ARGS, '--input-format', 'xlsx'], 'invalid value "xlsx" for --input-format (expected csv, ndjson)'],
    [['--deals', '-', '--events', '-', '--pipeline', 'p.json'], 'only one file can be read from standard input (-)'],
    [['--deals', 'deals.txt', '--events', 'events.csv', '--pipeline', 'pipeline.json'], 'cannot tell the format of deals.txt from its name; pass --input-format csv or --input-format ndjson'],
  ])('%j is refused (exit 2): %s', (args, message) => {
    const r = report({ ...good, 'deals.txt': good['deals.csv'] }, args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });
});

describe('report --deals --events: progress on standard error', () => {
  const t = tablesOf(smallBook());
  const files = { 'deals.csv': toCsv(t.deals), 'events.csv': toCsv(t.events), 'pipeline.json': JSON.stringify(t.settings) };

  it('draws rows read, rejected and elapsed in place when stderr is a terminal, and clears the line at the end', () => {
    const io = memoryIo(files);
    let clock = 0;
    const code = run(['report', ...TABLE_ARGS, '--format', 'json'], { ...io, stderrIsTTY: true, now: () => (clock += 100) });
    expect(code).toBe(0);
    const err = io.err();
    const frames = err.split('\r\u001b[K').filter((f) => f !== '');
    // Every third row (300 ms of this clock) at most four times a second: never twice within 250 ms.
    expect(frames.length).toBeGreaterThan(10);
    expect(frames[0]).toBe('Reading events.csv: 3 rows, 0 rejected, 0.3 s');
    expect(frames.at(-1)).toMatch(/^Reading deals\.csv: \d[\d,]* rows, 0 rejected, \d+\.\d s$/);
    expect(err.endsWith('\r\u001b[K')).toBe(true); // cleared at the end
    expect(err).not.toContain('\n');
  });

  it('says nothing when stderr is not a terminal', () => {
    const io = memoryIo(files);
    expect(run(['report', ...TABLE_ARGS, '--format', 'json'], { ...io, now: () => Date.now() * 1000 })).toBe(0);
    expect(io.err()).toBe('');
  });

  it('speaks Chinese with --lang zh-CN', () => {
    const io = memoryIo(files);
    let clock = 0;
    expect(run(['report', ...TABLE_ARGS, '--format', 'json', '--lang', 'zh-CN'], { ...io, stderrIsTTY: true, now: () => (clock += 300) })).toBe(0);
    expect(io.err()).toContain('正在读取 events.csv：已读 1 行，拒绝 0 条，用时 0.3 秒');
  });
});
