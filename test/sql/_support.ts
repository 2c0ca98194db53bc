// Helpers of the SQL tests (not a test file): both databases started once per file with
// the library's DDL, books written through the row codecs (test/storage/_support.ts),
// a generated query run on either, and the laws every generator is held to.
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { PGlite } from '@electric-sql/pglite';
import { expect } from 'vitest';
import { FunnelError } from '../../src/i18n/FunnelError.js';
import type { Opportunity } from '../../src/model/opportunity.js';
import type { Pipeline } from '../../src/model/pipeline.js';
import type { SqlQuery, SqlRow, SqlStatement } from '../../src/sql/index.js';
import type { Book } from '../../src/testing/index.js';
import { clearDuckDB, clearPostgres, startDuckDB, startPostgres, writeBookDuckDB, writeBookPostgres, type StoredBook } from '../storage/_support.js';
import { TEAMS, type ZoneDraw } from './_arbitraries.js';

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

/**
 * The items sorted by id: the order of the queries' id lists and rows (a database has no
 * input order).
 */
export function byId<T extends { readonly id: string }>(xs: readonly T[]): T[] {
  return [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Drawn options as the functions take them: the zone spread, the book's customers and {@link TEAMS}. */
export type TestOptions<O> = Omit<O, 'zone'> & ZoneDraw & { readonly customers: Book['customers']; readonly teams: typeof TEAMS };

/**
 * The law of a generator: with the book loaded into both databases, the query of each
 * drawn option set decodes, on either engine, to what the in-process function gives over
 * `deals` (the book's, unless given).
 */
export async function expectSqlEqualsInProcess<O extends { readonly zone: ZoneDraw }>(
  dbs: Databases,
  book: Book,
  drawn: readonly O[],
  inProcess: (deals: readonly Opportunity[], pipeline: Pipeline, options: TestOptions<O>) => unknown,
  sql: (pipeline: Pipeline, options: TestOptions<O> & { readonly dialect: Engine }) => SqlQuery<unknown>,
  deals: readonly Opportunity[] = book.opportunities,
): Promise<void> {
  await load(dbs, book);
  for (const { zone, ...o } of drawn) {
    const options = { ...o, ...zone, customers: book.customers, teams: TEAMS } as TestOptions<O>;
    const expected = inProcess(deals, book.pipeline, options);
    for (const engine of ENGINES) {
      expect(await run(dbs, engine, sql(book.pipeline, { ...options, dialect: engine })), engine).toEqual(expected);
    }
  }
}

/**
 * The refusal law: over a book the in-process function refuses with `error.code`, the
 * query (default options) fails on either engine with `error` (its code and params).
 */
export async function expectSqlRefusesAsInProcess(
  dbs: Databases,
  book: Book,
  inProcess: (deals: readonly Opportunity[], pipeline: Pipeline) => unknown,
  sql: (pipeline: Pipeline, options: { readonly dialect: Engine }) => SqlQuery<unknown>,
  error: { readonly code: string; readonly params?: Readonly<Record<string, unknown>> },
): Promise<void> {
  await load(dbs, book);
  let thrown: unknown;
  try {
    inProcess(book.opportunities, book.pipeline);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(FunnelError);
  expect((thrown as FunnelError).code).toBe(error.code);
  for (const engine of ENGINES) {
    await expect(run(dbs, engine, sql(book.pipeline, { dialect: engine })), engine).rejects.toMatchObject(error);
  }
}
