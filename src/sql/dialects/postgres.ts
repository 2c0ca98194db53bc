import type { SqlDialect } from '../dialect.js';

/** `0.01` for 2 digits: the size of one minor unit, as an SQL literal. */
const minorUnit = (digits: number) => (digits === 0 ? '1' : `0.${'0'.repeat(digits - 1)}1`);
/** A JSON key as an SQL string literal (the library's own keys: letters only). */
const key = (k: string) => `'${k.replaceAll("'", "''")}'`;

/**
 * The PostgreSQL dialect (PostgreSQL 14 and later, where `EXTRACT` returns an exact
 * `numeric`; and PGlite): `$1` placeholders,
 * `numeric` for exact amounts (every product exact), `jsonb` for the JSON columns,
 * `AT TIME ZONE` with PostgreSQL's time-zone database.
 *
 * @category SQL
 * @example
 * ```ts
 * import { postgresDialect, stageFlowSql } from 'sales-funnel/sql';
 * import type { Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * const { text, params } = stageFlowSql(pipeline, { dialect: postgresDialect, asOf: '2026-04-01T00:00:00+08:00' });
 * ```
 */
export const postgresDialect: SqlDialect = {
  name: 'postgres',
  placeholder: (i) => `$${i}`,
  reusesPlaceholders: true,
  maxIdentifierBytes: 63,
  materializeCtes: false,
  types: {
    text: 'text',
    bigint: 'bigint',
    double: 'double precision',
    decimal: 'numeric',
    wideInteger: 'numeric',
    date: 'date',
    timestamp: 'timestamptz',
    json: 'jsonb',
  },
  epochMs: (t) => `CAST(floor(EXTRACT(EPOCH FROM ${t}) * 1000) AS bigint)`,
  zonedDate: (t, zone) => `CAST((${t}) AT TIME ZONE ${zone} AS date)`,
  offsetDate: (t, minutes) => `CAST(((${t}) AT TIME ZONE 'UTC') + ${minutes} * INTERVAL '1 minute' AS date)`,
  year: (d) => `CAST(EXTRACT(YEAR FROM ${d}) AS bigint)`,
  month: (d) => `CAST(EXTRACT(MONTH FROM ${d}) AS bigint)`,
  intDiv: (a, b) => `div(${a}, ${b})`,
  mod: (a, b) => `mod(${a}, ${b})`,
  json: (v) => `CAST(${v} AS jsonb)`,
  jsonText: (j, path) => `((${j})${path.map((k, i) => `${i === path.length - 1 ? '->>' : '->'}${key(k)}`).join('')})`,
  jsonIsString: (j, k) => `(jsonb_typeof((${j})->${key(k)}) = 'string')`,
  jsonArray: (j, alias) => `CROSS JOIN LATERAL jsonb_array_elements(${j}) WITH ORDINALITY AS ${alias}(elem, ord)`,
  exactProduct: (a, p) => `((${a}) * (${p}))`,
  unitsToDecimal: (u, digits) => (digits === 0 ? `CAST(${u} AS numeric)` : `(CAST(${u} AS numeric) * ${minorUnit(digits)})`),
};
