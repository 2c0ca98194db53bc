import { customerEventToRow, customerToRow, opportunityToRows } from '../../src/index.js';
import { serializeReportInput, type ReportInput } from '../../src/cli/input.js';

/** A table: its columns in order, and its rows by column (null for SQL NULL). */
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly Readonly<Record<string, unknown>>[];
}

/** The text of a CSV field: quoted when it must be (or always), quotes doubled; null as an empty unquoted field. */
function csvField(value: unknown, quoteAll: boolean): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return quoteAll || text === '' || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A table as RFC 4180 CSV: a header row, CRLF line ends unless told, a byte order mark when asked. */
export function toCsv(table: Table, options: { readonly eol?: string; readonly bom?: boolean; readonly quoteAll?: boolean; readonly header?: readonly string[] } = {}): string {
  const eol = options.eol ?? '\r\n';
  const lines = [(options.header ?? table.columns).map((c) => csvField(c, false)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvField(row[c], options.quoteAll === true)).join(','));
  return `${options.bom === true ? '\uFEFF' : ''}${lines.join(eol)}${eol}`;
}

/** A table as NDJSON: one object per line, null columns left out. */
export function toNdjson(table: Table, rename: Readonly<Record<string, string>> = {}): string {
  return table.rows
    .map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null).map(([k, v]) => [rename[k] ?? k, v]))))
    .join('\n')
    .concat('\n');
}

/**
 * A report input as the tables the row codecs write,
 * and the rest of it (the pipeline and the settings) as the JSON of `--pipeline`.
 */
export function tablesOf(input: ReportInput): { deals: Table; events: Table; customers: Table; customerEvents: Table; settings: Record<string, unknown> } {
  const deals: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  for (const o of input.opportunities) {
    const rows = opportunityToRows(o);
    deals.push({ ...rows.opportunity });
    events.push(...rows.events);
  }
  const customers = input.customers.map((c) => customerToRow(c) as Record<string, unknown>);
  const customerEvents = input.customers.flatMap((c) => c.history.map((e) => customerEventToRow(c.id, e) as Record<string, unknown>));
  const { opportunities: _o, customers: _c, ...settings } = serializeReportInput(input);
  return {
    deals: { columns: Object.keys(deals[0] ?? {}), rows: deals },
    events: { columns: Object.keys(events[0] ?? {}), rows: events },
    customers: { columns: Object.keys(customers[0] ?? {}), rows: customers },
    customerEvents: { columns: Object.keys(customerEvents[0] ?? {}), rows: customerEvents },
    settings,
  };
}
