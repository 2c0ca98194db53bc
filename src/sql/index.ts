/**
 * The funnel definitions of `sales-funnel`, as parameterised SQL that runs inside your
 * database (PostgreSQL, DuckDB, or a dialect of your own), over the tables the row
 * codecs write ({@link sales-funnel!POSTGRES_DDL | POSTGRES_DDL}) or your names for them.
 * Each generator returns `{ text, params, decode }`: run `text` with `params`, hand the
 * rows to `decode`, and get the result shape of the in-process function. See the guide
 * "Running the funnel in your database".
 *
 * @module sales-funnel/sql
 */
export type { SqlDialect, SqlTypes } from './dialect.js';
export { postgresDialect } from './dialects/postgres.js';
export { duckdbDialect } from './dialects/duckdb.js';
export type {
  SqlCustomerColumn,
  SqlDialectName,
  SqlEventColumn,
  SqlOpportunityColumn,
  SqlOptions,
  SqlParam,
  SqlQuery,
  SqlRow,
  SqlSchema,
  SqlStatement,
  SqlTableMapping,
} from './types.js';
export type * from './results.js';
export { stageVisitsSql, type StageVisitsSqlOptions } from './stageVisitsSql.js';
export { stageFlowSql, type StageFlowSqlOptions } from './stageFlowSql.js';
export { funnelSnapshotSql, type FunnelSnapshotSqlOptions } from './funnelSnapshotSql.js';
export { cohortFunnelSql, type CohortFunnelSqlOptions } from './cohortFunnelSql.js';
export { findStalledSql, type FindStalledSqlOptions } from './findStalledSql.js';
export { weightedForecastSql, type WeightedForecastSqlOptions } from './weightedForecastSql.js';
export { forecastCategoriesSql, type ForecastCategoriesSqlOptions } from './forecastCategoriesSql.js';
export { winLossSql, type WinLossSqlOptions } from './winLossSql.js';
