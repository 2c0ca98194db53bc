// The row codecs against a real PostgreSQL (PGlite: Postgres compiled to WebAssembly, in
// this process, no server): generated books written through the codecs read back
// deep-equal, amounts at the library's limits survive numeric(45, 20), rows that
// contradict their ledger are refused, and two concurrent appends to one deal give one
// success and one version_conflict.
import type { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeTask } from '../../src/engine/completeTask.js';
import { transition } from '../../src/engine/transition.js';
import { updateAmount } from '../../src/engine/updateAmount.js';
import { money } from '../../src/money/money.js';
import { toFunnelIssues } from '../../src/model/toFunnelIssues.js';
import {
  customerToRow,
  eventToRow,
  opportunityFromRows,
  opportunityToRows,
  pipelineToRow,
  POSTGRES_DDL,
  safeOpportunityFromRows,
  type EventRowInput,
  type OpportunityRowInput,
} from '../../src/model/rows/index.js';
import { richBookArb } from './_arbitraries.js';
import {
  appendPostgres,
  barrier,
  clearPostgres,
  loadDealPostgres,
  orderOf,
  readBookPostgres,
  runCommand,
  smallBook,
  startPostgres,
  writeBookPostgres,
  type Store,
} from './_support.js';

let db: PGlite;

beforeAll(async () => {
  db = await startPostgres();
}, 180_000);

afterAll(async () => {
  await db?.close();
});

describe('PostgreSQL (PGlite): round trips', () => {
  it('the DDL can run again (CREATE … IF NOT EXISTS)', async () => {
    await expect(db.exec(POSTGRES_DDL)).resolves.toBeDefined();
  });

  it('generated books (with free-form attributes) written through the codecs read back deep-equal', async () => {
    await fc.assert(
      fc.asyncProperty(richBookArb({ maxCustomers: 4, maxDeals: 10 }, 'database'), async (book) => {
        await clearPostgres(db);
        await writeBookPostgres(db, book);
        expect(await readBookPostgres(db, orderOf(book))).toEqual(book);
      }),
      { numRuns: 8 },
    );
  });

  it('numeric(45, 20) keeps amounts at the edges of the library range exactly', async () => {
    const { pipeline, customers, deal } = smallBook();
    const edges = ['9999999999999999999999999', '1234567890123456789012345.123456789', '0.00000000000000000001', '0'];
    const opportunities = edges.map((amount, i) => {
      const history = deal.history.map((e) => ({ ...e, id: `import-${i}` }));
      return { ...deal, id: `o-edge-${i}` as typeof deal.id, amount: money(amount, 'CNY'), history };
    });
    await clearPostgres(db);
    await writeBookPostgres(db, { pipeline, customers, opportunities });
    const back = await readBookPostgres(db, { customers: ['c-1'], opportunities: opportunities.map((o) => o.id) });
    expect(back.opportunities.map((o) => o.amount.amount.toFixed())).toEqual(edges);
    expect(back.opportunities).toEqual(opportunities);
  });
});

describe('PostgreSQL (PGlite): the source column', () => {
  it('a table made without it takes it with ALTER TABLE opportunities ADD COLUMN source jsonb, last as in the DDL; older rows read back without a source', async () => {
    const { pipeline, customers, deal } = smallBook();
    const oldDdl = POSTGRES_DDL.replace(',\n  source                     jsonb\n', '\n');
    expect(oldDdl).not.toContain('source');
    const sourced = { ...deal, id: 'o-2', source: { campaignId: 'expo-2026', channel: '展会' } } as typeof deal;
    await db.transaction(async (tx) => {
      const insert = async (table: string, row: Readonly<Record<string, unknown>>) =>
        tx.query(`INSERT INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row));
      // A schema of its own, dropped with the transaction.
      await tx.exec(`CREATE SCHEMA before_source; SET LOCAL search_path TO before_source; ${oldDdl}`);
      await insert('pipelines', pipelineToRow(pipeline));
      await insert('customers', customerToRow(customers[0]!));
      const { source: _none, ...oldHeader } = opportunityToRows(deal).opportunity;
      await insert('opportunities', oldHeader);
      for (const e of opportunityToRows(deal).events) await insert('opportunity_events', e);

      await tx.exec('ALTER TABLE opportunities ADD COLUMN source jsonb;');
      const columns = await tx.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'before_source' AND table_name = 'opportunities' ORDER BY ordinal_position`,
      );
      expect(columns.rows.map((r) => r.column_name)).toEqual(Object.keys(opportunityToRows(deal).opportunity));

      const rows = opportunityToRows(sourced);
      await insert('opportunities', rows.opportunity);
      for (const e of rows.events) await insert('opportunity_events', e);
      const headers = (await tx.query<OpportunityRowInput>(
        'SELECT *, amount::text AS amount, probability_override::text AS probability_override, expected_close_date::text AS expected_close_date FROM opportunities ORDER BY id',
      )).rows;
      expect(headers.map((h) => h.source)).toEqual([null, { campaignId: 'expo-2026', channel: '展会' }]); // jsonb comes back parsed
      const events = (await tx.query<EventRowInput & { opportunity_id: string }>('SELECT * FROM opportunity_events')).rows;
      const read = headers.map((h) => opportunityFromRows(h, events.filter((e) => e.opportunity_id === h.id), { pipeline }));
      expect(read).toEqual([deal, sourced]);
      expect(read[0]).not.toHaveProperty('source');
      await tx.rollback();
    });
    const left = await db.query("SELECT 1 FROM information_schema.schemata WHERE schema_name = 'before_source'");
    expect(left.rows).toEqual([]);
  });
});

describe('PostgreSQL (PGlite): reading refuses rows that contradict the ledger', () => {
  async function readRaw(id: string) {
    const [header] = (await db.query<OpportunityRowInput>(`SELECT *, amount::text AS amount, expected_close_date::text AS expected_close_date FROM opportunities WHERE id = $1`, [id])).rows;
    const events = (await db.query<EventRowInput>('SELECT * FROM opportunity_events WHERE opportunity_id = $1', [id])).rows;
    return safeOpportunityFromRows(header as OpportunityRowInput, events, { pipeline: smallBook().pipeline });
  }

  it('a header moved to another stage behind the ledger is ledger_current_stage_mismatch at stageId', async () => {
    const book = smallBook();
    await clearPostgres(db);
    await writeBookPostgres(db, book);
    await db.query(`UPDATE opportunities SET stage_id = 'qualify' WHERE id = 'o-1'`);
    const r = await readRaw('o-1');
    expect(r.success).toBe(false);
    expect(toFunnelIssues(r.error!).map((i) => [i.code, i.path?.join('.')])).toEqual([['ledger_current_stage_mismatch', 'stageId']]);
  });

  it('a version that is not the ledger length is version_conflict at version; a missing event shows as ledger_seq_mismatch', async () => {
    const book = smallBook();
    await clearPostgres(db);
    await writeBookPostgres(db, book);
    await db.query(`UPDATE opportunities SET version = 2 WHERE id = 'o-1'`);
    const r = await readRaw('o-1');
    expect(toFunnelIssues(r.error!).map((i) => [i.code, i.path?.join('.')])).toEqual([['version_conflict', 'version']]);
    expect(toFunnelIssues(r.error!)[0]?.params).toEqual({ expected: 2, actual: 1 });
  });
});

describe('PostgreSQL (PGlite): appends under optimistic locking', () => {
  const store: Store = {
    load: (id) => loadDealPostgres(db, id, smallBook().pipeline),
    append: (next, events) => appendPostgres(db, next, events),
  };
  const at = '2026-03-03T09:00:00+08:00';

  it('two concurrent appends to one deal: one succeeds, the other gets version_conflict', async () => {
    const { pipeline, ...book } = smallBook();
    await clearPostgres(db);
    await writeBookPostgres(db, { pipeline, ...book });
    const bothRead = barrier(2);
    // Both users saw version 1 and send it as expectedVersion.
    const [raise, budget] = await Promise.all([
      runCommand(store, 'o-1', (o) => updateAmount(o, money('1200000', 'CNY'), { at, by: 'rep-li', expectedVersion: 1 }), bothRead),
      runCommand(store, 'o-1', (o) => completeTask(o, pipeline, 'budget', { at, by: 'rep-wang', expectedVersion: 1 }), bothRead),
    ]);
    const outcomes = [raise, budget].map(({ result }) => (result.ok ? 'ok' : result.issues.map((i) => i.code).join()));
    expect(outcomes.sort()).toEqual(['ok', 'version_conflict']);
    // The loser lost at the database (its UPDATE … AND version = 1 matched no row), then
    // read again and the engine refused the stale expectedVersion.
    expect([raise, budget].find(({ result }) => !result.ok)?.attempts).toBe(2);
    const stored = await store.load('o-1');
    expect(stored.history.map((e) => [e.seq, e.type])).toEqual([
      [1, 'created'],
      [2, raise.result.ok ? 'amount_changed' : 'task_completed'],
    ]);
  });

  it('without expectedVersion the loser is re-evaluated on the new state and both land, in order', async () => {
    const { pipeline, ...book } = smallBook();
    await clearPostgres(db);
    await writeBookPostgres(db, { pipeline, ...book });
    const bothRead = barrier(2);
    const [a, b] = await Promise.all([
      runCommand(store, 'o-1', (o) => updateAmount(o, money('1200000', 'CNY'), { at }), bothRead),
      runCommand(store, 'o-1', (o) => transition(o, pipeline, { type: 'advance' }, { at }), bothRead),
    ]);
    expect([a.result.ok, b.result.ok]).toEqual([true, true]);
    expect([a.attempts, b.attempts].sort()).toEqual([1, 2]);
    const stored = await store.load('o-1');
    expect(stored.history.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(stored.stageId).toBe('qualify');
    expect(stored.amount.amount.toFixed(2)).toBe('1200000.00');
  });

  it('a command retried with its idempotency key after a conflict is a replay, written once', async () => {
    const { pipeline, ...book } = smallBook();
    await clearPostgres(db);
    await writeBookPostgres(db, { pipeline, ...book });
    const bothRead = barrier(2);
    // The same request sent twice (a client retrying on a timeout).
    const send = () => runCommand(store, 'o-1', (o) => updateAmount(o, money('900000', 'CNY'), { at, idempotencyKey: 'req-42' }), bothRead);
    const [first, second] = await Promise.all([send(), send()]);
    const replays = [first, second].map(({ result }) => result.ok && result.replayed);
    expect(replays.sort()).toEqual([false, true]);
    const stored = await store.load('o-1');
    expect(stored.history.map((e) => [e.seq, e.type, e.id])).toEqual([
      [1, 'created', 'import-o-1'],
      [2, 'amount_changed', 'req-42'],
    ]);
  });

  it('the primary key (opportunity_id, seq) refuses a writer that skips the version check', async () => {
    const { pipeline, deal, ...book } = smallBook();
    await clearPostgres(db);
    await writeBookPostgres(db, { pipeline, ...book });
    const r = updateAmount(deal, money('1', 'CNY'), { at });
    if (!r.ok) throw new Error('refused');
    const row = { ...eventToRow(deal.id, r.events[0]!), id: 'req-1' };
    const insert = (values: Record<string, unknown>) => db.query('INSERT INTO opportunity_events VALUES ($1, $2, $3, $4, $5, $6, $7)', Object.values(values));
    await db.query(`UPDATE opportunities SET version = 2 WHERE id = 'o-1'`);
    await insert(row);
    // Another event at seq 2 (a writer that read version 1 and skipped the version check).
    await expect(insert({ ...row, id: 'req-2' })).rejects.toThrow(/duplicate key value violates unique constraint "opportunity_events_pkey"/);
    // And the unique (opportunity_id, id) refuses a client id twice.
    await expect(insert({ ...row, seq: 3 })).rejects.toThrow(/duplicate key value violates unique constraint "opportunity_events_opportunity_id_id_key"/);
    const seqs = await db.query<{ seq: number }>(`SELECT seq FROM opportunity_events WHERE opportunity_id = 'o-1' ORDER BY seq`);
    expect(seqs.rows.map((r) => r.seq)).toEqual([1, 2]);
  });
});
