// The row codecs against a real DuckDB (in process): generated books written through the
// codecs and read back with getRowObjectsJson() (timestamps as text in the session's
// time zone, decimals and JSON as text) are deep-equal; DECIMAL(38, 20) keeps what it
// can hold and refuses the rest loudly; and two concurrent appends from two connections
// give one success and one version_conflict.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeTask } from '../../src/engine/completeTask.js';
import { updateAmount } from '../../src/engine/updateAmount.js';
import { money } from '../../src/money/money.js';
import {
  customerToRow,
  DUCKDB_DDL,
  eventFromRow,
  opportunityFromRows,
  opportunityToRows,
  pipelineToRow,
  type EventRowInput,
  type OpportunityRowInput,
} from '../../src/model/rows/index.js';
import { richBookArb } from './_arbitraries.js';
import {
  appendDuckDB,
  barrier,
  clearDuckDB,
  loadDealDuckDB,
  orderOf,
  readBookDuckDB,
  runCommand,
  smallBook,
  startDuckDB,
  writeBookDuckDB,
  type Store,
} from './_support.js';

let instance: DuckDBInstance;
let db: DuckDBConnection;

beforeAll(async () => {
  ({ instance, db } = await startDuckDB());
});

afterAll(() => {
  db?.disconnectSync();
  instance?.closeSync();
});

describe('DuckDB: round trips', () => {
  it('the DDL can run again (CREATE … IF NOT EXISTS)', async () => {
    await expect(db.run(DUCKDB_DDL)).resolves.toBeDefined();
  });

  it('generated books (with free-form attributes) written through the codecs read back deep-equal', async () => {
    await fc.assert(
      fc.asyncProperty(richBookArb({ maxCustomers: 4, maxDeals: 10 }, 'database'), async (book) => {
        await clearDuckDB(db);
        await writeBookDuckDB(db, book);
        expect(await readBookDuckDB(db, orderOf(book))).toEqual(book);
      }),
      { numRuns: 8 },
    );
  });

  it('reads timestamps as getRowObjectsJson() prints them (UTC) and as CAST(… AS VARCHAR) prints them in the session time zone', async () => {
    const book = smallBook();
    await clearDuckDB(db);
    await writeBookDuckDB(db, book);
    const [json] = (await db.runAndReadAll('SELECT "at" FROM opportunity_events')).getRowObjectsJson();
    expect(json).toEqual({ at: '2026-03-02 01:00:00+00' });
    const texts: string[] = [];
    for (const zone of ['Pacific/Chatham', 'America/St_Johns', 'Asia/Kolkata']) {
      await db.run(`SET TimeZone = '${zone}'`);
      const events = (await db.runAndReadAll(`SELECT * REPLACE (CAST("at" AS VARCHAR) AS "at") FROM opportunity_events`)).getRowObjectsJson();
      texts.push(String(events[0]?.['at']));
      expect(eventFromRow(events[0] as unknown as EventRowInput)).toEqual(book.deal.history[0]);
    }
    await db.run(`SET TimeZone = 'UTC'`);
    expect(texts).toEqual(['2026-03-02 14:45:00+13:45', '2026-03-01 21:30:00-03:30', '2026-03-02 06:30:00+05:30']);
  });

  it('DECIMAL(38, 20) keeps amounts below 10^18 with up to 20 decimals exactly and refuses larger ones with an error', async () => {
    const { pipeline, customers, deal } = smallBook();
    const edges = ['999999999999999999.9999999999999999', '99999999999999.99999999999999999999', '0.00000000000000000001', '0'];
    const opportunities = edges.map((amount, i) => ({ ...deal, id: `o-edge-${i}` as typeof deal.id, amount: money(amount, 'CNY') }));
    await clearDuckDB(db);
    await writeBookDuckDB(db, { pipeline, customers, opportunities });
    const back = await readBookDuckDB(db, { customers: ['c-1'], opportunities: opportunities.map((o) => o.id) });
    expect(back.opportunities.map((o) => o.amount.amount.toFixed())).toEqual(edges);
    await clearDuckDB(db);
    const huge = { ...deal, amount: money('1000000000000000000', 'CNY') };
    await expect(writeBookDuckDB(db, { pipeline, customers, opportunities: [huge] })).rejects.toThrow(/Could not convert/);
  });
});

describe('DuckDB: the source column', () => {
  it('a table made without it takes it with ALTER TABLE opportunities ADD COLUMN source JSON, last as in the DDL; older rows read back without a source', async () => {
    const { pipeline, customers, deal } = smallBook();
    const oldDdl = DUCKDB_DDL.replace(',\n  source                     JSON\n', '\n');
    expect(oldDdl).not.toContain('source');
    const sourced = { ...deal, id: 'o-2', source: { campaignId: 'expo-2026', channel: '展会' } } as typeof deal;
    const old = await DuckDBInstance.create(':memory:');
    const conn = await old.connect();
    try {
      const quote = (c: string) => (c === 'at' || c === 'by' ? `"${c}"` : c);
      const insert = async (table: string, row: Readonly<Record<string, unknown>>) =>
        conn.run(`INSERT INTO ${table} (${Object.keys(row).map(quote).join(', ')}) VALUES (${Object.keys(row).map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row) as never);
      await conn.run(oldDdl);
      await insert('pipelines', pipelineToRow(pipeline));
      await insert('customers', customerToRow(customers[0]!));
      const { source: _none, ...oldHeader } = opportunityToRows(deal).opportunity;
      await insert('opportunities', oldHeader);
      for (const e of opportunityToRows(deal).events) await insert('opportunity_events', e);

      await conn.run('ALTER TABLE opportunities ADD COLUMN source JSON;');
      const columns = (await conn.runAndReadAll(`SELECT column_name FROM information_schema.columns WHERE table_name = 'opportunities' ORDER BY ordinal_position`)).getRowObjectsJson();
      expect(columns.map((r) => r['column_name'])).toEqual(Object.keys(opportunityToRows(deal).opportunity));

      const rows = opportunityToRows(sourced);
      await insert('opportunities', rows.opportunity);
      for (const e of rows.events) await insert('opportunity_events', e);
      const headers = (await conn.runAndReadAll('SELECT * FROM opportunities ORDER BY id')).getRowObjectsJson() as unknown as OpportunityRowInput[];
      expect(headers.map((h) => h.source)).toEqual([null, '{"campaignId":"expo-2026","channel":"展会"}']); // JSON comes back as text
      const events = (await conn.runAndReadAll('SELECT * FROM opportunity_events')).getRowObjectsJson() as unknown as (EventRowInput & { opportunity_id: string })[];
      const read = headers.map((h) => opportunityFromRows(h, events.filter((e) => e.opportunity_id === h.id), { pipeline }));
      expect(read).toEqual([deal, sourced]);
      expect(read[0]).not.toHaveProperty('source');
    } finally {
      conn.disconnectSync();
      old.closeSync();
    }
  });
});

describe('DuckDB: appends under optimistic locking', () => {
  const at = '2026-03-03T09:00:00+08:00';
  const storeOn = (connection: DuckDBConnection): Store => ({
    load: (id) => loadDealDuckDB(connection, id, smallBook().pipeline),
    append: (next, events) => appendDuckDB(connection, next, events),
  });

  it('two concurrent appends from two connections: one succeeds, the other gets version_conflict', async () => {
    const { pipeline, ...book } = smallBook();
    await clearDuckDB(db);
    await writeBookDuckDB(db, { pipeline, ...book });
    const [a, b] = [await instance.connect(), await instance.connect()];
    try {
      const bothRead = barrier(2);
      const [raise, budget] = await Promise.all([
        runCommand(storeOn(a), 'o-1', (o) => updateAmount(o, money('1200000', 'CNY'), { at, expectedVersion: 1 }), bothRead),
        runCommand(storeOn(b), 'o-1', (o) => completeTask(o, pipeline, 'budget', { at, expectedVersion: 1 }), bothRead),
      ]);
      const outcomes = [raise, budget].map(({ result }) => (result.ok ? 'ok' : result.issues.map((i) => i.code).join()));
      expect(outcomes.sort()).toEqual(['ok', 'version_conflict']);
      // The loser lost at the database first (DuckDB: "Conflict on update" while the
      // winner's transaction is open, or no row matching version 1 once it committed),
      // possibly more than once, until it read version 2 and the engine refused.
      expect([raise, budget].find(({ result }) => !result.ok)?.attempts).toBeGreaterThanOrEqual(2);
      const stored = await storeOn(db).load('o-1');
      expect(stored.history.map((e) => [e.seq, e.type])).toEqual([
        [1, 'created'],
        [2, raise.result.ok ? 'amount_changed' : 'task_completed'],
      ]);
    } finally {
      a.disconnectSync();
      b.disconnectSync();
    }
  });

  it('the primary key (opportunity_id, seq) and unique (opportunity_id, id) refuse a second event at a position or with a client id', async () => {
    const book = smallBook();
    await clearDuckDB(db);
    await writeBookDuckDB(db, book);
    const insert = (seq: number, id: string) => db.run(`INSERT INTO opportunity_events VALUES ('o-1', ${seq}, 'resumed', '2026-03-03T00:00:00Z', NULL, '${id}', '{}')`);
    await expect(insert(1, 'other')).rejects.toThrow(/Duplicate key "opportunity_id: o-1, seq: 1" violates primary key constraint/);
    await expect(insert(2, 'import-o-1')).rejects.toThrow(/Duplicate key "opportunity_id: o-1, id: import-o-1" violates unique constraint/);
  });
});
