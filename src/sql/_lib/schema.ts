import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import type { SqlDialect } from '../dialect.js';
import { duckdbDialect } from '../dialects/duckdb.js';
import { postgresDialect } from '../dialects/postgres.js';
import type { SqlCustomerColumn, SqlEventColumn, SqlOpportunityColumn, SqlOptions, SqlSchema } from '../types.js';

const OPPORTUNITY_COLUMNS: readonly SqlOpportunityColumn[] = [
  'id', 'customer_id', 'pipeline_id', 'amount', 'currency', 'expected_close_date', 'region', 'stage_id', 'status',
  'probability_override', 'forecast_category_override', 'owner_id', 'splits', 'closed_at', 'loss_reason', 'competitor', 'attributes',
];
const EVENT_COLUMNS: readonly SqlEventColumn[] = ['opportunity_id', 'seq', 'type', 'at', 'payload'];
const CUSTOMER_COLUMNS: readonly SqlCustomerColumn[] = ['id', 'segment', 'priority', 'industry'];

/** The dialect of the options: a built-in by name, or a dialect object. */
export function dialectOf(options: SqlOptions | undefined): SqlDialect {
  const d = (options as { dialect?: unknown } | undefined)?.dialect;
  if (d === 'postgres') return postgresDialect;
  if (d === 'duckdb') return duckdbDialect;
  if (typeof d === 'object' && d !== null && typeof (d as SqlDialect).placeholder === 'function' && typeof (d as SqlDialect).types === 'object') {
    return d as SqlDialect;
  }
  throw new FunnelError('invalid_option', { option: 'dialect', reason: because('sql_dialect') });
}

/** Quotes an identifier: `"name"`, with `"` doubled; refuses names no engine can hold safely. */
export function quoteIdentifier(name: unknown, option: string, dialect: SqlDialect): string {
  if (typeof name !== 'string' || name.length === 0 || name.includes('\u0000') || new TextEncoder().encode(name).length > dialect.maxIdentifierBytes) {
    throw new FunnelError('invalid_option', { option, reason: because('sql_identifier', { max: dialect.maxIdentifierBytes }) });
  }
  return `"${name.replaceAll('"', '""')}"`;
}

/** A table and its columns, resolved and quoted. */
export interface ResolvedTable<C extends string> {
  /** The quoted, possibly schema-qualified table name. */
  readonly table: string;
  /** The quoted column name of a documented column. */
  readonly col: (column: C) => string;
}

function resolveTable<C extends string>(
  mapping: unknown,
  which: string,
  known: readonly C[],
  dialect: SqlDialect,
): ResolvedTable<C> {
  const option = `schema.${which}`;
  if (mapping !== undefined && (typeof mapping !== 'object' || mapping === null)) {
    throw new FunnelError('invalid_option', { option, reason: because('must_be_object') });
  }
  const m = (mapping ?? {}) as { readonly table?: unknown; readonly columns?: unknown };
  const tableName = m.table ?? which;
  let table: string;
  if (Array.isArray(tableName)) {
    if (tableName.length === 0) throw new FunnelError('invalid_option', { option: `${option}.table`, reason: because('sql_identifier', { max: dialect.maxIdentifierBytes }) });
    table = tableName.map((part, i) => quoteIdentifier(part, `${option}.table[${i}]`, dialect)).join('.');
  } else {
    table = quoteIdentifier(tableName, `${option}.table`, dialect);
    if ((tableName as string).toLowerCase().startsWith('sf_')) throw new FunnelError('invalid_option', { option: `${option}.table`, reason: because('sql_reserved_prefix') });
  }
  const columns = m.columns ?? {};
  if (typeof columns !== 'object' || columns === null || Array.isArray(columns)) {
    throw new FunnelError('invalid_option', { option: `${option}.columns`, reason: because('must_be_object') });
  }
  const quoted = new Map<string, string>();
  for (const [k, v] of Object.entries(columns)) {
    if (!(known as readonly string[]).includes(k)) throw new FunnelError('invalid_option', { option: `${option}.columns`, reason: because('sql_unknown_column', { key: k }) });
    if (v !== undefined) quoted.set(k, quoteIdentifier(v, `${option}.columns.${k}`, dialect));
  }
  for (const k of known) if (!quoted.has(k)) quoted.set(k, quoteIdentifier(k, `${option}.columns.${k}`, dialect));
  return { table, col: (c) => quoted.get(c)! };
}

/** The three tables of the name mapping, resolved. */
export interface ResolvedSchema {
  readonly opportunities: ResolvedTable<SqlOpportunityColumn>;
  readonly events: ResolvedTable<SqlEventColumn>;
  readonly customers: ResolvedTable<SqlCustomerColumn>;
}

/**
 * Resolves and checks the name mapping.
 *
 * @throws FunnelError `invalid_option` for a name that is not a usable identifier, an
 *   unknown column key, or an unqualified table name starting with `sf_`.
 */
export function schemaOf(options: SqlOptions, dialect: SqlDialect): ResolvedSchema {
  const s = options.schema as SqlSchema | undefined;
  if (s !== undefined && (typeof s !== 'object' || s === null)) throw new FunnelError('invalid_option', { option: 'schema', reason: because('must_be_object') });
  return {
    opportunities: resolveTable(s?.opportunities, 'opportunities', OPPORTUNITY_COLUMNS, dialect),
    events: resolveTable(s?.opportunity_events, 'opportunity_events', EVENT_COLUMNS, dialect),
    customers: resolveTable(s?.customers, 'customers', CUSTOMER_COLUMNS, dialect),
  };
}
