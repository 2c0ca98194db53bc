// Stores deals (商机) in PostgreSQL — PGlite, Postgres compiled to WebAssembly, running in
// this process — through the library's row codecs and DDL, the way a CRM's backend
// would: a generated book of business is written and read back unchanged; two reps
// change the same deal at the same moment and optimistic locking lets exactly one of
// them through (the other gets version_conflict, reloads and retries); a server whose
// clock runs behind is handled; and a row edited behind the ledger's back is refused.
// See docs/guides/storing-deals.md.
//
//   npx tsx examples/storing-deals.ts
import assert from 'node:assert/strict';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import fc from 'fast-check';
import {
  completeTask,
  customerEventToRow,
  customerFromRow,
  customerToRow,
  eventToRow,
  formatIssue,
  money,
  opportunityFromRows,
  opportunityToRows,
  opportunityVersion,
  parseCustomer,
  parseOpportunity,
  parsePipeline,
  pipelineFromRow,
  pipelineToRow,
  POSTGRES_DDL,
  safeOpportunityFromRows,
  toFunnelIssues,
  updateAmount,
  type CustomerEventRowInput,
  type CustomerRowInput,
  type EngineResult,
  type EventRowInput,
  type Opportunity,
  type OpportunityRowInput,
  type Pipeline,
} from '../src/index.js';
import { bookArb } from '../src/testing/index.js';

type Row = Readonly<Record<string, unknown>>;
type Db = PGlite | Transaction;

/** One INSERT for rows of one table (the row codecs' keys are the columns). */
async function insert(db: Db, table: string, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const tuples = rows.map((_, r) => `(${columns.map((_c, i) => `$${r * columns.length + i + 1}`).join(', ')})`);
  await db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, rows.flatMap((r) => Object.values(r)));
}

/** The header with NUMERIC and DATE read as text (a `Date` for a calendar date could shift a day). */
const HEADER = `SELECT *, amount::text AS amount, probability_override::text AS probability_override,
  expected_close_date::text AS expected_close_date FROM opportunities`;

/** Reads a deal: header and ledger in one transaction, so they agree. */
async function loadDeal(db: PGlite, id: string, pipeline: Pipeline): Promise<Opportunity> {
  return db.transaction(async (tx) => {
    const [header] = (await tx.query<OpportunityRowInput>(`${HEADER} WHERE id = $1`, [id])).rows;
    const events = (await tx.query<EventRowInput>('SELECT * FROM opportunity_events WHERE opportunity_id = $1', [id])).rows;
    if (header === undefined) throw new Error(`no deal ${id}`);
    return opportunityFromRows(header, events, { pipeline });
  });
}

/**
 * Appends an engine result under optimistic locking: the header moves from the version
 * the command was decided on to the new one, or nothing is written ('conflict').
 */
async function append(db: PGlite, result: EngineResult & { ok: true }): Promise<'ok' | 'conflict'> {
  const { id, version, ...columns } = opportunityToRows(result.opportunity).opportunity;
  const names = Object.keys(columns);
  return db.transaction(async (tx) => {
    const updated = await tx.query(
      `UPDATE opportunities SET version = $2, ${names.map((c, i) => `${c} = $${i + 3}`).join(', ')} WHERE id = $1 AND version = $${names.length + 3}`,
      [id, version, ...Object.values(columns), version - result.events.length],
    );
    if (updated.affectedRows !== 1) return 'conflict';
    await insert(tx, 'opportunity_events', result.events.map((e) => eventToRow(id, e)));
    return 'ok';
  });
}

const db = await PGlite.create();
try {
  await db.exec(POSTGRES_DDL);

  // 1. A generated book of business (the same one every run: a fixed seed), written
  //    through the codecs in one transaction and read back.
  const [book] = fc.sample(bookArb({ minDeals: 25, maxDeals: 25, minCustomers: 6, maxCustomers: 6, asOf: '2026-06-30T16:00:00Z' }), { numRuns: 1, seed: 2026 });
  assert.ok(book !== undefined);
  const deals = book.opportunities.map((o) => opportunityToRows(o));
  await db.transaction(async (tx) => {
    await insert(tx, 'pipelines', [pipelineToRow(book.pipeline)]);
    await insert(tx, 'customers', book.customers.map((c) => customerToRow(c)));
    await insert(tx, 'customer_events', book.customers.flatMap((c) => c.history.map((e) => customerEventToRow(c.id, e))));
    await insert(tx, 'opportunities', deals.map((d) => d.opportunity));
    await insert(tx, 'opportunity_events', deals.flatMap((d) => d.events));
  });
  const pipeline = pipelineFromRow((await db.query<{ id: string; document: object }>('SELECT * FROM pipelines')).rows[0]!);
  const customerEvents = (await db.query<CustomerEventRowInput>('SELECT * FROM customer_events ORDER BY customer_id, seq')).rows;
  const customers = (await db.query<CustomerRowInput>('SELECT * FROM customers ORDER BY id')).rows.map((r) =>
    customerFromRow(r, customerEvents.filter((e) => e.customer_id === r.id)),
  );
  const headers = (await db.query<OpportunityRowInput>(`${HEADER} ORDER BY id`)).rows;
  const events = (await db.query<EventRowInput>('SELECT * FROM opportunity_events ORDER BY opportunity_id, seq')).rows;
  const read = headers.map((h) => opportunityFromRows(h, events.filter((e) => e.opportunity_id === h.id), { pipeline }));
  const byId = (list: readonly { id: string }[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
  assert.deepStrictEqual(pipeline, book.pipeline);
  assert.deepStrictEqual(customers, byId(book.customers));
  assert.deepStrictEqual(byId(read), byId(book.opportunities));
  const won = read.filter((o) => o.status === 'won').length;
  console.log(`1. wrote and read back ${read.length} deals (${won} won) with ${events.length} ledger events and ${customers.length} customers (${customerEvents.length} customer ledger events): identical`);
  const first = read.find((o) => o.id === headers[0]!.id)!;
  console.log(`   e.g. ${first.id}: amount column '${String(headers[0]!.amount)}' → ${first.amount.amount.toFixed(2)} ${first.amount.currency}, version ${String(headers[0]!.version)} = ${first.history.length} events`);

  // 2. Two reps change the same deal at the same moment.
  const direct = parsePipeline({
    id: 'direct',
    name: '直销漏斗',
    currency: 'CNY',
    stages: [
      { id: 'lead', name: '初步接触', kind: 'open', probability: '0.1' },
      { id: 'qualify', name: '需求确认', kind: 'open', probability: '0.3', keyTasks: [{ id: 'budget', title: '确认预算' }] },
      { id: 'won', name: '赢单', kind: 'won', probability: 1 },
      { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
    ],
  });
  const deal = parseOpportunity(
    {
      id: 'erp-2026',
      customerId: 'acme',
      pipelineId: 'direct',
      name: 'ERP 升级',
      ownerId: 'rep-li',
      amount: { amount: '1000000', currency: 'CNY' },
      stageId: 'qualify',
      history: [
        { type: 'created', at: '2026-03-02T09:00:00+08:00', by: 'rep-li', stageId: 'lead' },
        { type: 'stage_changed', at: '2026-03-05T09:00:00+08:00', by: 'rep-li', from: 'lead', to: 'qualify', kind: 'advance' },
      ],
    },
    { pipeline: direct },
  );
  await db.transaction(async (tx) => {
    await insert(tx, 'pipelines', [pipelineToRow(direct)]);
    await insert(tx, 'customers', [customerToRow(parseCustomer({ id: 'acme', name: 'Acme 华东' }))]);
    const rows = opportunityToRows(deal);
    await insert(tx, 'opportunities', [rows.opportunity]);
    await insert(tx, 'opportunity_events', rows.events);
  });

  // Both read the deal at version 2 and decide on it, each sending the version they saw.
  const [seenByLi, seenByWang] = await Promise.all([loadDeal(db, 'erp-2026', direct), loadDeal(db, 'erp-2026', direct)]);
  const v = opportunityVersion(seenByLi);
  const at = '2026-03-10T10:00:00+08:00';
  const li = updateAmount(seenByLi, money('1200000', 'CNY'), { at, by: 'rep-li', expectedVersion: v });
  const wang = completeTask(seenByWang, direct, 'budget', { at, by: 'rep-wang', expectedVersion: v });
  assert.ok(li.ok && wang.ok);
  const [liWrite, wangWrite] = await Promise.all([append(db, li), append(db, wang)]);
  console.log(`\n2. rep-li and rep-wang both changed erp-2026 at version ${v}:`);
  console.log(`   rep-li:   ${liWrite === 'ok' ? `appended ${li.events.map((e) => e.type).join(', ')} → version ${opportunityVersion(li.opportunity)}` : 'conflict'}`);
  console.log(`   rep-wang: ${wangWrite === 'ok' ? 'appended' : 'the database refused the write (UPDATE … AND version = 2 matched no row)'}`);
  // The loser reads again; the engine, given the version rep-wang decided on, refuses.
  const fresh = await loadDeal(db, 'erp-2026', direct);
  const again = completeTask(fresh, direct, 'budget', { at, by: 'rep-wang', expectedVersion: v });
  assert.ok(!again.ok);
  console.log(`   rep-wang, re-read: ${again.issues[0]!.code}: ${again.issues[0]!.message}`);
  console.log(`   (${formatIssue(again.issues[0]!, 'zh-CN')})`);
  // Shown the new amount, rep-wang confirms: decided on the current version, it lands.
  const retried = completeTask(fresh, direct, 'budget', { at, by: 'rep-wang', expectedVersion: opportunityVersion(fresh) });
  assert.ok(retried.ok);
  console.log(`   rep-wang retries on version ${opportunityVersion(fresh)}: ${await append(db, retried)}, now version ${opportunityVersion(retried.opportunity)}`);
  // Writing the same position twice is impossible anyway: (opportunity_id, seq) is the primary key.
  const stale = eventToRow('erp-2026', wang.events[0]!);
  const duplicate = await db.query('INSERT INTO opportunity_events VALUES ($1, $2, $3, $4, $5, $6, $7)', Object.values(stale)).catch((e: Error) => e.message);
  console.log(`   a writer skipping the version check: ${String(duplicate)}`);

  // 3. A server whose clock runs 300 ms behind the one that wrote the last event.
  const latest = await loadDeal(db, 'erp-2026', direct);
  const lastAt = latest.history.at(-1)!.at.getTime();
  const slowClock = new Date(lastAt - 300);
  const refused = updateAmount(latest, money('1250000', 'CNY'), { at: slowClock, expectedVersion: opportunityVersion(latest) });
  assert.ok(!refused.ok);
  console.log(`\n3. clock skew: ${refused.issues[0]!.code}: ${refused.issues[0]!.message}`);
  const safeAt = new Date(Math.max(slowClock.getTime(), lastAt)); // never before the last event
  const accepted = updateAmount(latest, money('1250000', 'CNY'), { at: safeAt, expectedVersion: opportunityVersion(latest) });
  assert.ok(accepted.ok);
  console.log(`   with at = max(now, last event): ${await append(db, accepted)}, event at ${accepted.events[0]!.at.toISOString()}`);

  // 4. Someone edits the header behind the ledger's back: reading refuses it.
  await db.query(`UPDATE opportunities SET amount = 999 WHERE id = 'erp-2026'`);
  const [tampered] = (await db.query<OpportunityRowInput>(`${HEADER} WHERE id = 'erp-2026'`)).rows;
  const ledger = (await db.query<EventRowInput>(`SELECT * FROM opportunity_events WHERE opportunity_id = 'erp-2026'`)).rows;
  const check = safeOpportunityFromRows(tampered!, ledger, { pipeline: direct });
  assert.ok(!check.success);
  for (const issue of toFunnelIssues(check.error)) console.log(`\n4. edited row refused: ${issue.code} at ${issue.path?.join('.')}: ${issue.message}`);
} finally {
  await db.close();
}
