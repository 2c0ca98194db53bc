/**
 * The SQL types the generator casts to. Every value the generator reads is cast to one
 * of these, so a CRM's columns may be of any type the database can cast from (an amount
 * in `text`, a payload in `json` or `jsonb`).
 */
export interface SqlTypes {
  /** Text (`text`, `VARCHAR`). */
  readonly text: string;
  /** A 64-bit integer: epoch milliseconds, counts, `seq`. */
  readonly bigint: string;
  /** A binary floating-point number (IEEE 754 double), for day counts compared with thresholds as JavaScript compares them. */
  readonly double: string;
  /** An exact decimal for amounts and probabilities (`numeric`, `DECIMAL(38, 20)`). */
  readonly decimal: string;
  /** An exact integer as wide as a decimal amount in minor units (`numeric`, `HUGEINT`), for sharing out credit splits. */
  readonly wideInteger: string;
  /** A calendar date. */
  readonly date: string;
  /** An instant (`timestamptz`, `TIMESTAMPTZ`). */
  readonly timestamp: string;
  /** A JSON document that the JSON functions below read. */
  readonly json: string;
}

/**
 * What differs from one SQL engine to the next, in one object: the generator writes
 * everything else (common table expressions, joins, window functions `LAG`, `LEAD`,
 * `ROW_NUMBER` and `SUM … OVER`, `CASE`, `COALESCE`, `GREATEST`, `LEAST`, `floor`,
 * `lpad`, `UNION ALL`) in the SQL every supported engine shares. A new dialect
 * (BigQuery, Spark SQL, Snowflake) is one object of this type, in a file of its own
 * (see `src/sql/dialects/`); a capability a dialect leaves out (`zonedDate`,
 * `jsonArray`, …) makes the queries that need it refuse with `sql_not_expressible`
 * rather than run something close.
 *
 * Every function receives SQL expressions (already quoted and parenthesised where
 * needed) and returns an SQL expression. JSON keys are the library's own (`stageId`,
 * `from`, `amount`, …), never user input.
 */
export interface SqlDialect {
  /** The dialect's name, for error messages (`'postgres'`, `'duckdb'`). */
  readonly name: string;
  /**
   * The placeholder of the `index`-th parameter (1-based): `$1` in PostgreSQL and
   * DuckDB, `?` in engines with anonymous placeholders.
   */
  readonly placeholder: (index: number) => string;
  /**
   * Whether a numbered placeholder may appear several times for one value (`$1` … `$1`).
   * When false, every use gets a placeholder of its own and the value is repeated in
   * `params`.
   */
  readonly reusesPlaceholders: boolean;
  /** The longest identifier the engine keeps whole, in UTF-8 bytes (PostgreSQL truncates at 63); longer names are refused. */
  readonly maxIdentifierBytes: number;
  /** The type names. */
  readonly types: SqlTypes;
  /**
   * Whether to write `AS MATERIALIZED` on the named subqueries (common table
   * expressions), so an engine that would otherwise inline them computes each once.
   */
  readonly materializeCtes: boolean;
  /** Milliseconds since the epoch (a `bigint`) of an instant, rounded down. */
  readonly epochMs: (timestamp: string) => string;
  /** The calendar date an instant shows on the wall clock of an IANA time zone given as a text expression; absent when the engine has no time-zone database. */
  readonly zonedDate?: ((timestamp: string, timeZone: string) => string) | undefined;
  /** The calendar date an instant shows at a fixed offset from UTC, given as a `bigint` expression in minutes. */
  readonly offsetDate: (timestamp: string, minutes: string) => string;
  /** The year of a date, as a `bigint`. */
  readonly year: (date: string) => string;
  /** The month (1–12) of a date, as a `bigint`. */
  readonly month: (date: string) => string;
  /** Integer division of non-negative integers (truncating), as the type of the operands. */
  readonly intDiv: (a: string, b: string) => string;
  /** The remainder of integer division of non-negative integers. */
  readonly mod: (a: string, b: string) => string;
  /** A value read as JSON (a `json`/`jsonb`/text column). */
  readonly json: (value: string) => string;
  /** The text of the JSON value at `path` (a string's content, a number's digits), NULL when absent or JSON null. */
  readonly jsonText: (json: string, path: readonly string[]) => string;
  /** Whether the JSON value under `key` is a string (a boolean expression). */
  readonly jsonIsString: (json: string, key: string) => string;
  /**
   * A join clause (`CROSS JOIN …`) that turns a JSON array into one row per element, with
   * the element as JSON in column `<alias>.elem` and its 1-based position in
   * `<alias>.ord`; absent when the engine cannot unnest JSON arrays (credit splits
   * are then refused).
   */
  readonly jsonArray?: ((json: string, alias: string) => string) | undefined;
  /**
   * The exact product of an amount and a probability (both of type `decimal`), of type
   * `decimal`. An engine whose decimals cannot hold every exact product must make the
   * query fail on a value it cannot multiply exactly (see the DuckDB dialect), never
   * round it.
   */
  readonly exactProduct: (amount: string, probability: string) => string;
  /** A wide integer (type `wideInteger`) of minor units back to an exact `decimal` amount with `digits` decimals. */
  readonly unitsToDecimal: (units: string, digits: number) => string;
}
