import type { SqlDialect } from '../dialect.js';

/** `0.01` for 2 digits: the size of one minor unit, as an SQL literal. */
const minorUnit = (digits: number) => (digits === 0 ? '1' : `0.${'0'.repeat(digits - 1)}1`);
/** A JSON key as an SQL string literal (the library's own keys: letters only). */
const key = (k: string) => `'${k.replaceAll("'", "''")}'`;

/**
 * The DuckDB dialect (DuckDB 1.3 and later, `@duckdb/node-api`): `$1` placeholders,
 * `DECIMAL(38, 20)` amounts, `JSON` columns, `timezone()` with DuckDB's ICU time zones.
 *
 * DuckDB's widest decimal has 38 digits, so the exact product of an amount and a
 * probability (up to 40 decimals) does not always fit: the weighted amount is computed
 * from the amount at 6 decimals and the probability at 14 (a `DECIMAL(38, 20)`, exact
 * for amounts below 10¹⁸), and a query meeting an amount with more than 6 decimals or a
 * probability with more than 14 fails with the error `sales-funnel: inexact product`
 * instead of rounding. Sums that overflow fail with DuckDB's own error.
 *
 * @category SQL
 * @example
 * ```ts
 * import { duckdbDialect, weightedForecastSql } from 'sales-funnel/sql';
 * import type { Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * const query = weightedForecastSql(pipeline, { dialect: duckdbDialect, groupBy: ['period'] });
 * ```
 */
export const duckdbDialect: SqlDialect = {
  name: 'duckdb',
  placeholder: (i) => `$${i}`,
  reusesPlaceholders: true,
  maxIdentifierBytes: 1024,
  materializeCtes: true,
  types: {
    text: 'VARCHAR',
    bigint: 'BIGINT',
    double: 'DOUBLE',
    decimal: 'DECIMAL(38, 20)',
    wideInteger: 'HUGEINT',
    date: 'DATE',
    timestamp: 'TIMESTAMPTZ',
    json: 'JSON',
  },
  epochMs: (t) => `epoch_ms(${t})`,
  zonedDate: (t, zone) => `CAST(timezone(${zone}, ${t}) AS DATE)`,
  offsetDate: (t, minutes) => `CAST(timezone('UTC', ${t}) + to_minutes(${minutes}) AS DATE)`,
  year: (d) => `CAST(year(${d}) AS BIGINT)`,
  month: (d) => `CAST(month(${d}) AS BIGINT)`,
  intDiv: (a, b) => `((${a}) // (${b}))`,
  mod: (a, b) => `((${a}) % (${b}))`,
  json: (v) => `CAST(${v} AS JSON)`,
  jsonText: (j, path) => `((${j})${path.map((k, i) => `${i === path.length - 1 ? '->>' : '->'}${key(k)}`).join('')})`,
  jsonIsString: (j, k) => `(json_type((${j})->${key(k)}) = 'VARCHAR')`,
  jsonArray: (j, alias) => `CROSS JOIN unnest(CAST(json_extract(${j}, '$[*]') AS JSON[])) WITH ORDINALITY AS ${alias}(elem, ord)`,
  exactProduct: (a, p) =>
    `(CASE WHEN (${a}) IS NULL OR (${p}) IS NULL THEN NULL WHEN (${a}) = CAST(${a} AS DECIMAL(38, 6)) AND (${p}) = CAST(${p} AS DECIMAL(38, 14)) ` +
    `THEN CAST(CAST(${a} AS DECIMAL(38, 6)) * CAST(${p} AS DECIMAL(38, 14)) AS DECIMAL(38, 20)) ` +
    `ELSE error('sales-funnel: inexact product (an amount with more than 6 decimals or a probability with more than 14)') END)`,
  unitsToDecimal: (u, digits) =>
    digits === 0 ? `CAST(${u} AS DECIMAL(38, 20))` : `CAST(CAST(${u} AS DECIMAL(38, 0)) * ${minorUnit(digits)} AS DECIMAL(38, 20))`,
};
