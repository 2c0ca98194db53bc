// Helpers of the database tests (not a test file): a PostgreSQL (PGlite, in process) and
// a DuckDB database with the library's DDL, books written through the row codecs and
// read back, and the transactional append under optimistic locking the guide
// docs/guides/storing-deals.md describes.
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import {
  customerEventToRow,
  customerFromRow,
  customerToRow,
  DUCKDB_DDL,
  eventToRow,
  opportunityFromRows,
  opportunityToRows,
  pipelineFromRow,
  pipelineToRow,
  POSTGRES_DDL,
  type CustomerEventRowInput,
  type CustomerRowInput,
  type EventRowInput,
  type OpportunityRowInput,
  type PipelineRowInput,
} from '../../src/model/rows/index.js';
import { parseCustomer, type Customer } from '../../src/model/customer.js';
import type { OpportunityEvent } from '../../src/model/events.js';
import { parseOpportunity, type Opportunity } from '../../src/model/opportunity.js';
import { parsePipeline, type Pipeline } from '../../src/model/pipeline.js';
import { repoRoot } from '../docs/support.js';

/** The ids of a book in the order they were written, to read them back in that order. */
export interface BookOrder {
  readonly customers: readonly string[];
  readonly opportunities: readonly string[];
}

/** The ids of a book, in its order. */
export function orderOf(book: StoredBook): BookOrder {
  return { customers: book.customers.map((c) => c.id), opportunities: book.opportunities.map((o) => o.id) };
}

function inOrder<T extends { readonly id: string }>(items: readonly T[], ids: readonly string[]): T[] {
  const byId = new Map(items.map((x) => [x.id as string, x]));
  if (byId.size !== ids.length) throw new Error(`read ${byId.size} records, wrote ${ids.length}`);
  return ids.map((id) => {
    const x = byId.get(id);
    if (x === undefined) throw new Error(`${id} was not read back`);
    return x;
  });
}

/** What a test writes and reads back. */
export interface StoredBook {
  readonly pipeline: Pipeline;
  readonly customers: readonly Customer[];
  readonly opportunities: readonly Opportunity[];
}

type Row = Readonly<Record<string, unknown>>;

/** `INSERT INTO table (a, b) VALUES ($1, $2), ($3, $4)` for rows with the same columns, in order. */
function insertSql(table: string, rows: readonly Row[], quote: (column: string) => string = (c) => c): string {
  const columns = Object.keys(rows[0] ?? {});
  const tuples = rows.map((_, r) => `(${columns.map((_c, i) => `$${r * columns.length + i + 1}`).join(', ')})`);
  return `INSERT INTO ${table} (${columns.map(quote).join(', ')}) VALUES ${tuples.join(', ')}`;
}

// ---- PostgreSQL (PGlite) ---------------------------------------------------------------

const PGLITE_VERSION = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;
const PG_CACHE = path.join(repoRoot, '.tmp', `pglite-${PGLITE_VERSION}-datadir.tar.gz`);

/**
 * A fresh in-memory PostgreSQL with the library's DDL. `initdb` is most of PGlite's
 * start-up, so the first start saves an empty, initialised data directory under .tmp/
 * and later ones load it (a cache only: without it every start runs initdb).
 */
export async function startPostgres(): Promise<PGlite> {
  let db: PGlite | undefined;
  if (fs.existsSync(PG_CACHE)) {
    try {
      db = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(PG_CACHE)]) });
    } catch {
      db = undefined;
    }
  }
  if (db === undefined) {
    db = await PGlite.create();
    try {
      const dump = await db.dumpDataDir('gzip');
      const tmp = `${PG_CACHE}.${process.pid}`;
      fs.mkdirSync(path.dirname(PG_CACHE), { recursive: true });
      fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
      fs.renameSync(tmp, PG_CACHE);
    } catch {
      // no cache: the next start runs initdb again
    }
  }
  await db.exec(POSTGRES_DDL);
  return db;
}

/** Empties the tables (between property runs). */
export async function clearPostgres(db: PGlite): Promise<void> {
  await db.exec('TRUNCATE opportunity_events, opportunities, customer_events, customers, pipelines');
}

type Queryable = Pick<PGlite, 'query'> | Transaction;

/** Inserts rows of one table in one statement (one round trip). */
async function insertPg(db: Queryable, table: string, rows: readonly Row[]): Promise<void> {
  if (rows.length > 0) await db.query(insertSql(table, rows), rows.flatMap((r) => Object.values(r)));
}

/** Writes a book through the codecs, in one transaction. */
export async function writeBookPostgres(db: PGlite, book: StoredBook): Promise<void> {
  await db.transaction(async (tx) => {
    const deals = book.opportunities.map((o) => opportunityToRows(o));
    await insertPg(tx, 'pipelines', [pipelineToRow(book.pipeline)]);
    await insertPg(tx, 'customers', book.customers.map((c) => customerToRow(c)));
    await insertPg(tx, 'customer_events', book.customers.flatMap((c) => c.history.map((e) => customerEventToRow(c.id, e))));
    await insertPg(tx, 'opportunities', deals.map((d) => d.opportunity));
    await insertPg(tx, 'opportunity_events', deals.flatMap((d) => d.events));
  });
}

/** The header columns as text where the driver would otherwise convert them (`DATE` into a `Date`). */
const PG_HEADER = `SELECT id, customer_id, pipeline_id, name, amount::text AS amount, currency,
  expected_close_date::text AS expected_close_date, region, stage_id, status,
  probability_override::text AS probability_override, forecast_category_override, owner_id,
  splits, completed_tasks, closed_at, loss_reason, competitor, attributes, version, source
  FROM opportunities`;

function groupEvents<R extends EventRowInput | CustomerEventRowInput>(rows: readonly R[]): Map<string, R[]> {
  const byDeal = new Map<string, R[]>();
  for (const r of rows) {
    const id = ((r as { readonly opportunity_id?: string }).opportunity_id ?? (r as { readonly customer_id?: string }).customer_id) as string;
    const list = byDeal.get(id);
    if (list === undefined) byDeal.set(id, [r]);
    else list.push(r);
  }
  return byDeal;
}

/** Reads a whole book back through the codecs (deals in id order, as written). */
export async function readBookPostgres(db: PGlite, order: BookOrder): Promise<StoredBook> {
  return db.transaction(async (tx) => {
    const pipelines = (await tx.query<PipelineRowInput>('SELECT id, document FROM pipelines')).rows.map((r) => pipelineFromRow(r));
    const pipeline = pipelines[0] as Pipeline;
    const customerEvents = groupEvents((await tx.query<CustomerEventRowInput>('SELECT * FROM customer_events ORDER BY customer_id, seq')).rows);
    const customers = (await tx.query<CustomerRowInput>('SELECT * FROM customers ORDER BY id')).rows.map((r) => customerFromRow(r, customerEvents.get(r.id) ?? []));
    const headers = (await tx.query<OpportunityRowInput>(PG_HEADER)).rows;
    const events = groupEvents((await tx.query<EventRowInput>('SELECT * FROM opportunity_events ORDER BY opportunity_id, seq')).rows);
    const opportunities = headers.map((h) => opportunityFromRows(h, events.get(h.id) ?? [], { pipeline }));
    return { pipeline, customers: inOrder(customers, order.customers), opportunities: inOrder(opportunities, order.opportunities) };
  });
}

/** Reads one deal (header and ledger in one transaction, so they agree). */
export async function loadDealPostgres(db: PGlite, id: string, pipeline: Pipeline): Promise<Opportunity> {
  return db.transaction(async (tx) => {
    const [header] = (await tx.query<OpportunityRowInput>(`${PG_HEADER} WHERE id = $1`, [id])).rows;
    const events = (await tx.query<EventRowInput>('SELECT * FROM opportunity_events WHERE opportunity_id = $1', [id])).rows;
    if (header === undefined) throw new Error(`no deal ${id}`);
    return opportunityFromRows(header, events, { pipeline });
  });
}

/**
 * Appends the events of an engine result under optimistic locking: the header is
 * updated only if its version is still the one the command was decided on, then the
 * events are inserted, all in one transaction. `'conflict'` when another writer got
 * there first (nothing written).
 */
export async function appendPostgres(db: PGlite, next: Opportunity, events: readonly OpportunityEvent[]): Promise<'ok' | 'conflict'> {
  const { opportunity: header } = opportunityToRows(next);
  const { id, version, ...columns } = header;
  const names = Object.keys(columns);
  const set = names.map((c, i) => `${c} = $${i + 3}`).join(', ');
  return db.transaction(async (tx) => {
    const updated = await tx.query(`UPDATE opportunities SET version = $2, ${set} WHERE id = $1 AND version = $${names.length + 3}`, [
      id,
      version,
      ...Object.values(columns),
      version - events.length,
    ]);
    if (updated.affectedRows !== 1) return 'conflict';
    await insertPg(tx, 'opportunity_events', events.map((e) => eventToRow(id, e)));
    return 'ok';
  });
}

// ---- DuckDB -----------------------------------------------------------------------------

/** DuckDB spells `at` and `by` as quoted identifiers (both are keywords). */
const duckQuote = (c: string) => (c === 'at' || c === 'by' ? `"${c}"` : c);

/** A fresh in-memory DuckDB with the library's DDL; `connect()` opens more connections. */
export async function startDuckDB(): Promise<{ readonly instance: DuckDBInstance; readonly db: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  await db.run(DUCKDB_DDL);
  return { instance, db };
}

async function insertDuck(db: DuckDBConnection, table: string, rows: readonly Row[]): Promise<void> {
  if (rows.length > 0) await db.run(insertSql(table, rows, duckQuote), rows.flatMap((r) => Object.values(r)) as never);
}

/** Empties the tables. */
export async function clearDuckDB(db: DuckDBConnection): Promise<void> {
  for (const t of ['opportunity_events', 'opportunities', 'customer_events', 'customers', 'pipelines']) await db.run(`DELETE FROM ${t}`);
}

/** Writes a book through the codecs, in one transaction. */
export async function writeBookDuckDB(db: DuckDBConnection, book: StoredBook): Promise<void> {
  await db.run('BEGIN TRANSACTION');
  try {
    const deals = book.opportunities.map((o) => opportunityToRows(o));
    await insertDuck(db, 'pipelines', [pipelineToRow(book.pipeline)]);
    await insertDuck(db, 'customers', book.customers.map((c) => customerToRow(c)));
    await insertDuck(db, 'customer_events', book.customers.flatMap((c) => c.history.map((e) => customerEventToRow(c.id, e))));
    await insertDuck(db, 'opportunities', deals.map((d) => d.opportunity));
    await insertDuck(db, 'opportunity_events', deals.flatMap((d) => d.events));
    await db.run('COMMIT');
  } catch (error) {
    await db.run('ROLLBACK');
    throw error;
  }
}

async function rowsOf<T>(db: DuckDBConnection, sql: string, values?: readonly unknown[]): Promise<T[]> {
  return (await db.runAndReadAll(sql, values as never)).getRowObjectsJson() as unknown as T[];
}

/** Reads a whole book back: `getRowObjectsJson()` gives every column in a form the decoders read. */
export async function readBookDuckDB(db: DuckDBConnection, order: BookOrder): Promise<StoredBook> {
  const [pipelineRow] = await rowsOf<PipelineRowInput>(db, 'SELECT * FROM pipelines');
  const pipeline = pipelineFromRow(pipelineRow as PipelineRowInput);
  const customerEvents = groupEvents(await rowsOf<CustomerEventRowInput>(db, 'SELECT * FROM customer_events ORDER BY customer_id, seq'));
  const customers = (await rowsOf<CustomerRowInput>(db, 'SELECT * FROM customers ORDER BY id')).map((r) => customerFromRow(r, customerEvents.get(r.id) ?? []));
  const headers = await rowsOf<OpportunityRowInput>(db, 'SELECT * FROM opportunities');
  const events = groupEvents(await rowsOf<EventRowInput>(db, 'SELECT * FROM opportunity_events ORDER BY opportunity_id, seq'));
  const opportunities = headers.map((h) => opportunityFromRows(h, events.get(h.id) ?? [], { pipeline }));
  return { pipeline, customers: inOrder(customers, order.customers), opportunities: inOrder(opportunities, order.opportunities) };
}

/**
 * Reads one deal, header and ledger in one transaction: two statements outside one can
 * see two different states of the deal (the decoder would say `version_conflict`).
 */
export async function loadDealDuckDB(db: DuckDBConnection, id: string, pipeline: Pipeline): Promise<Opportunity> {
  await db.run('BEGIN TRANSACTION');
  let header: OpportunityRowInput | undefined;
  let events: EventRowInput[];
  try {
    [header] = await rowsOf<OpportunityRowInput>(db, 'SELECT * FROM opportunities WHERE id = $1', [id]);
    events = await rowsOf<EventRowInput>(db, 'SELECT * FROM opportunity_events WHERE opportunity_id = $1', [id]);
  } finally {
    await db.run('COMMIT');
  }
  if (header === undefined) throw new Error(`no deal ${id}`);
  return opportunityFromRows(header, events, { pipeline });
}

/**
 * The same append on DuckDB. Under DuckDB's optimistic concurrency control, a second
 * transaction updating the same row fails at once ("Conflict on update"): that is a
 * conflict too.
 */
export async function appendDuckDB(db: DuckDBConnection, next: Opportunity, events: readonly OpportunityEvent[]): Promise<'ok' | 'conflict'> {
  const { opportunity: header } = opportunityToRows(next);
  const { id, version, ...columns } = header;
  const names = Object.keys(columns);
  const set = names.map((c, i) => `${c} = $${i + 3}`).join(', ');
  await db.run('BEGIN TRANSACTION');
  try {
    const updated = await db.run(`UPDATE opportunities SET version = $2, ${set} WHERE id = $1 AND version = $${names.length + 3}`, [
      id,
      version,
      ...Object.values(columns),
      version - events.length,
    ] as never);
    if (updated.rowsChanged !== 1) {
      await db.run('ROLLBACK');
      return 'conflict';
    }
    await insertDuck(db, 'opportunity_events', events.map((e) => eventToRow(id, e)));
    await db.run('COMMIT');
    return 'ok';
  } catch (error) {
    await db.run('ROLLBACK');
    if (error instanceof Error && /conflict/i.test(error.message)) return 'conflict';
    throw error;
  }
}

// ---- a small fixed book for the concurrency tests ------------------------------------------

/** A pipeline with a key task, one customer and one deal at version 1 (just created). */
export function smallBook(): StoredBook & { readonly deal: Opportunity } {
  const pipeline = parsePipeline({
    id: 'direct',
    name: '直销',
    currency: 'CNY',
    stages: [
      { id: 'lead', name: '线索', kind: 'open', probability: '0.1' },
      { id: 'qualify', name: '需求确认', kind: 'open', probability: '0.3', keyTasks: [{ id: 'budget', title: '确认预算' }] },
      { id: 'won', name: '赢单', kind: 'won', probability: 1 },
      { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
    ],
  });
  const customer = parseCustomer({ id: 'c-1', name: '华东机械' });
  const deal = parseOpportunity(
    {
      id: 'o-1',
      customerId: 'c-1',
      pipelineId: 'direct',
      name: 'ERP 升级',
      ownerId: 'rep-li',
      amount: { amount: '1000000.00', currency: 'CNY' },
      stageId: 'lead',
      history: [{ type: 'created', id: 'import-o-1', at: '2026-03-02T01:00:00Z', by: 'rep-li', stageId: 'lead' }],
    },
    { pipeline },
  );
  return { pipeline, customers: [customer], opportunities: [deal], deal };
}

// ---- a command as a server runs it ---------------------------------------------------------

/** What a command needs from a store. */
export interface Store {
  /** Reads the deal (header and ledger agreeing). */
  readonly load: (id: string) => Promise<Opportunity>;
  /** Writes an engine result under optimistic locking. */
  readonly append: (next: Opportunity, events: readonly OpportunityEvent[]) => Promise<'ok' | 'conflict'>;
}

/** An engine result (the shape every changing engine function returns). */
export type Decision =
  | { readonly ok: true; readonly opportunity: Opportunity; readonly events: readonly OpportunityEvent[]; readonly replayed: boolean }
  | { readonly ok: false; readonly issues: ReadonlyArray<{ readonly code: string }> };

/**
 * Runs one command: read the deal, decide with the engine, write under optimistic
 * locking; when the write finds that the deal moved on, read it again and decide again
 * (with `expectedVersion` the engine then answers `version_conflict`; without it the
 * command is re-evaluated on the new state). `beforeWrite` runs once, between the first
 * decision and its write (tests use it to make two commands read before either writes).
 */
export async function runCommand(
  store: Store,
  id: string,
  decide: (deal: Opportunity) => Decision,
  beforeWrite: () => Promise<void> = async () => undefined,
): Promise<{ readonly result: Decision; readonly attempts: number }> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const result = decide(await store.load(id));
    if (attempt === 1) await beforeWrite();
    if (!result.ok || result.replayed) return { result, attempts: attempt };
    if ((await store.append(result.opportunity, result.events)) === 'ok') return { result, attempts: attempt };
  }
  throw new Error('the deal kept moving: gave up after 5 attempts');
}

/** A barrier for `n` parties: each call waits until all `n` have called. */
export function barrier(n: number): () => Promise<void> {
  let arrived = 0;
  let release: () => void = () => undefined;
  const all = new Promise<void>((resolve) => {
    release = resolve;
  });
  return async () => {
    arrived += 1;
    if (arrived === n) release();
    await all;
  };
}
