// Helpers of the SQL tests (not a test file): both databases started once per file with
// the library's DDL, books written through the row codecs (test/storage/_support.ts),
// and a generated query run on either.
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { PGlite } from '@electric-sql/pglite';
import type { SqlQuery, SqlRow, SqlStatement } from '../../src/sql/index.js';
import { clearDuckDB, clearPostgres, startDuckDB, startPostgres, writeBookDuckDB, writeBookPostgres, type StoredBook } from '../storage/_support.js';

export type Engine = 'postgres' | 'duckdb';
export const ENGINES: readonly Engine[] = ['postgres', 'duckdb'];

/** Both databases, started once. */
export interface Databases {
  readonly pg: PGlite;
  readonly duck: DuckDBConnection;
  readonly instance: DuckDBInstance;
}

export async function startDatabases(): Promise<Databases> {
  const [pg, { instance, db }] = await Promise.all([startPostgres(), startDuckDB()]);
  return { pg, duck: db, instance };
}

export async function stopDatabases(dbs: Databases | undefined): Promise<void> {
  if (dbs === undefined) return;
  dbs.duck.disconnectSync();
  dbs.instance.closeSync();
  await dbs.pg.close();
}

/** Replaces the contents of both databases with a book (through the row codecs). */
export async function load(dbs: Databases, book: StoredBook): Promise<void> {
  await clearPostgres(dbs.pg);
  await writeBookPostgres(dbs.pg, book);
  await clearDuckDB(dbs.duck);
  await writeBookDuckDB(dbs.duck, book);
}

/** Runs a statement and returns its rows as the decoders read them. */
export async function rows(dbs: Databases, engine: Engine, statement: SqlStatement): Promise<SqlRow[]> {
  if (engine === 'postgres') return (await dbs.pg.query<SqlRow>(statement.text, [...statement.params])).rows;
  return (await dbs.duck.runAndReadAll(statement.text, [...statement.params] as never)).getRowObjectsJson() as unknown as SqlRow[];
}

/** Runs a query and decodes its rows. */
export async function run<R>(dbs: Databases, engine: Engine, query: SqlQuery<R>): Promise<R> {
  return query.decode(await rows(dbs, engine, query));
}
