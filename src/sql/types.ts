import type { SqlDialect } from './dialect.js';

/**
 * A parameter value: always text (or NULL), cast to its type in the SQL (`CAST($3 AS
 * bigint)`), so every driver binds it the same way.
 */
export type SqlParam = string | null;

/**
 * A parameterised SQL statement: the text, with placeholders (`$1`, `$2` … or `?`),
 * and the values to bind to them, in order. No value given to the generator is ever
 * written into the text.
 */
export interface SqlStatement {
  /** The SQL text. */
  readonly text: string;
  /** The parameter values, in placeholder order. */
  readonly params: readonly SqlParam[];
}

/**
 * A row as a driver returns it: column name → value. Counts may come as numbers,
 * bigints or digit strings, decimals as text (read `NUMERIC` and `DECIMAL` as text:
 * `getRowObjectsJson()` in DuckDB, the default in pg and PGlite).
 */
export type SqlRow = Readonly<Record<string, unknown>>;

/**
 * A generated query: the statement and the decoder that turns its result rows into the
 * result shape of the in-process function it reproduces.
 */
export interface SqlQuery<R> extends SqlStatement {
  /**
   * Turns the rows the statement returned (in any order) into the result.
   *
   * @throws {@link sales-funnel!FunnelError} `unknown_stage` when a deal's ledger or
   *   header names a stage the pipeline does not have, `currency_mismatch` when a
   *   counted amount is in another currency than the result's (the errors the
   *   in-process function throws on the same books); `invalid_argument` when the rows
   *   are not rows of this query.
   */
  readonly decode: (rows: Iterable<SqlRow>) => R;
}

/** The columns of table `opportunities` the queries read (the names of {@link sales-funnel!POSTGRES_DDL | POSTGRES_DDL}). */
export type SqlOpportunityColumn =
  | 'id'
  | 'customer_id'
  | 'pipeline_id'
  | 'amount'
  | 'currency'
  | 'expected_close_date'
  | 'region'
  | 'stage_id'
  | 'status'
  | 'probability_override'
  | 'forecast_category_override'
  | 'owner_id'
  | 'splits'
  | 'closed_at'
  | 'loss_reason'
  | 'competitor'
  | 'attributes';

/** The columns of table `opportunity_events` the queries read. */
export type SqlEventColumn = 'opportunity_id' | 'seq' | 'type' | 'at' | 'payload';

/** The columns of table `customers` the queries read (for the `customer_type`, `customer_priority` and `industry` groupings). */
export type SqlCustomerColumn = 'id' | 'segment' | 'priority' | 'industry';

/**
 * Where one of the documented tables lives in your database: its name and the names of
 * its columns, where they differ from the documented ones.
 */
export interface SqlTableMapping<C extends string> {
  /**
   * The table (or view): one identifier (`'deals'`, taken whole: a dot in it is part of
   * the name), or a schema-qualified path (`['crm', 'deals']`).
   *
   * @defaultValue the documented name (`opportunities`, `opportunity_events`, `customers`)
   */
  readonly table?: string | readonly string[];
  /**
   * Column names by documented name: `{ amount: 'amt', owner_id: 'sales_rep' }`.
   *
   * @defaultValue every column under its documented name
   */
  readonly columns?: { readonly [K in C]?: string };
}

/**
 * The name mapping: the documented tables ({@link sales-funnel!POSTGRES_DDL | POSTGRES_DDL}) under the names
 * of your schema. Every name is quoted as an identifier, so any name works (quotes,
 * semicolons, spaces, unicode) and none can change the query. Names must be non-empty,
 * without NUL characters, within the dialect's identifier length; an unqualified table
 * name must not start with `sf_` (the prefix of the queries' own named subqueries).
 *
 * The columns must hold what the documented ones hold: amounts as exact decimals (or
 * text), instants as `timestamptz`, calendar dates as dates (or `YYYY-MM-DD` text), the
 * ledger payload, splits and attributes as JSON (or JSON text) in the form the row codecs write.
 */
export interface SqlSchema {
  /** The deal headers (`opportunities`). */
  readonly opportunities?: SqlTableMapping<SqlOpportunityColumn>;
  /** The ledger (`opportunity_events`). */
  readonly opportunity_events?: SqlTableMapping<SqlEventColumn>;
  /** The customers (`customers`), read only by the customer groupings. */
  readonly customers?: SqlTableMapping<SqlCustomerColumn>;
}

/** A built-in dialect by name. */
export type SqlDialectName = 'postgres' | 'duckdb';

/**
 * What every generator takes: the dialect and the name mapping.
 */
export interface SqlOptions {
  /** The SQL dialect: `'postgres'`, `'duckdb'` or a {@link SqlDialect} object of your own. */
  readonly dialect: SqlDialectName | SqlDialect;
  /**
   * Table and column names, where yours differ from the documented ones.
   *
   * @defaultValue the documented names of {@link sales-funnel!POSTGRES_DDL | POSTGRES_DDL}
   */
  readonly schema?: SqlSchema;
}
