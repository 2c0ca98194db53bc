// Benchmark of sales-funnel/sql: the generated stage-flow and weighted-forecast SQL run by
// DuckDB over the documented tables, against the in-process functions on the same deals.
//
//   npx tsx bench/sql.ts                              (full size: 1 000 000 deals, ~5 ledger events each)
//   BENCH_SQL_10M=1 npx tsx bench/sql.ts              (10 000 000 deals: needs tens of GB of memory)
//   BENCH_SCALE=0.01 npx tsx bench/sql.ts             (smoke run: 10 000 deals, seconds)
//
// 1. The same seeded deals (deal i is a pure function of the seed and i) are written into an
//    in-memory DuckDB with DUCKDB_DDL, through the row codecs (`opportunityToRows`): the rows
//    are appended as text into staging tables, then cast into the documented tables (load
//    time reported apart).
// 2. In interleaved rounds (sql, in-process, sql, in-process, … after a warm-up of each):
//    - stageFlowSql (cohort of the entries of 2025-07 … 2025-12, judged at 2026-03-31, by
//      owner) against stageFlow over the deals in an array;
//    - weightedForecastSql (by quarter and owner, credit splits shared out) against
//      weightedForecast.
//    Wall time and CPU time (process.cpuUsage: DuckDB's worker threads are in this process,
//    so its CPU time counts) per round; the best round of each is reported, with the ratio
//    SQL / in-process. The decoded SQL results are checked to equal the in-process ones.
// 3. Peak memory: the process's maximum resident set size (DuckDB's memory included), after
//    the load and at the end.
//
// The columnar in-process path of the "Big books on one machine" issue does not exist yet:
// the ratio is to the object path (an array of Opportunity objects), which is the path
// there is. Times are printed, never asserted.
import assert from 'node:assert/strict';
import { DuckDBDataChunk, DuckDBInstance, VARCHAR } from '@duckdb/node-api';
import { mulberry32Next, mulberry32Output, UINT32_RANGE } from '../src/_lib/random.js';
import {
  Decimal,
  DUCKDB_DDL,
  opportunityToRows,
  parsePipeline,
  safeParseOpportunity,
  stageFlow,
  weightedForecast,
  type Money,
  type Opportunity,
  type OpportunityEvent,
  type OpportunityEventDraft,
  type Pipeline,
  type StageId,
  type UserId,
} from '../src/index.js';
import { stageFlowSql, weightedForecastSql } from '../src/sql/index.js';

const scale = Number(process.env.BENCH_SCALE ?? '1') * (process.env.BENCH_SQL_10M === '1' ? 10 : 1);
if (!(scale > 0)) throw new Error('BENCH_SCALE must be > 0');
const N = Math.max(100, Math.round(1_000_000 * scale));
const ROUNDS = scale < 0.1 ? 5 : 3;
const SEED = 20260415;

const pipeline: Pipeline = parsePipeline({
  id: 'p',
  name: 'Bench',
  currency: 'CNY',
  stages: [
    { id: 's0', name: '初步接触', kind: 'open', probability: '0.05', stallAfterDays: 30 },
    { id: 's1', name: '需求确认', kind: 'open', probability: '0.2', stallAfterDays: 45 },
    { id: 's2', name: '方案提出', kind: 'open', probability: '0.4' },
    { id: 's3', name: '报价洽谈', kind: 'open', probability: '0.6', stallAfterDays: 30 },
    { id: 's4', name: '合同审批', kind: 'open', probability: '0.8' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});
const OPEN = 5;
const STAGES = ['s0', 's1', 's2', 's3', 's4'] as StageId[];
const OWNERS = Array.from({ length: 50 }, (_, i) => `rep-${String(i).padStart(2, '0')}` as UserId);
const REGIONS = ['华东', '华北', '华南', '西南'];
const AMOUNTS: Money[] = Array.from({ length: 1024 }, (_, k) => ({ amount: new Decimal(10_000 + k * 997).plus(new Decimal(k % 100).div(100)), currency: 'CNY' }));
const OVERRIDES = [new Decimal('0.15'), new Decimal('0.35'), new Decimal('0.5'), new Decimal('0.9')];
const BASE_S = Date.UTC(2025, 0, 1) / 1000;
const SPAN_S = 546 * 86_400;
const DAY_S = 86_400;
const FROM = new Date(Date.UTC(2025, 6, 1));
const TO = new Date(Date.UTC(2026, 0, 1));
const AS_OF = new Date(Date.UTC(2026, 2, 31));

let state = 0;
let t = 0;
function u(): number {
  state = mulberry32Next(state);
  return mulberry32Output(state) / UINT32_RANGE;
}
const at = () => new Date(t * 1000);
const day = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);

/** Deal i: a valid deal (its fields agree with its ledger), a pure function of (SEED, i). */
function makeDeal(i: number): Opportunity {
  state = (SEED + Math.imul(i, 0x9e3779b9)) | 0;
  t = BASE_S + Math.floor(u() * SPAN_S);
  const history: OpportunityEventDraft[] = [{ type: 'created', at: at(), stageId: STAGES[0]! }];
  let stage = 0;
  let closed: 'won' | 'lost' | undefined;
  let suspended = false;
  let closeDate: string | undefined;
  const steps = 3 + Math.floor(u() * 4);
  for (let s = 0; s < steps; s++) {
    t += DAY_S + Math.floor(u() * 39 * DAY_S);
    if (suspended) {
      history.push({ type: 'resumed', at: at() });
      suspended = false;
      continue;
    }
    const r = u();
    if (r < 0.5 && stage < OPEN - 1) {
      history.push({ type: 'stage_changed', at: at(), from: STAGES[stage]!, to: STAGES[stage + 1]!, kind: 'advance' });
      stage++;
    } else if (r < 0.57 && stage < OPEN - 2) {
      const to = stage + 2 + Math.floor(u() * (OPEN - stage - 2));
      history.push({ type: 'stage_changed', at: at(), from: STAGES[stage]!, to: STAGES[to]!, kind: 'skip' });
      stage = to;
    } else if (r < 0.64 && stage > 0) {
      const to = Math.floor(u() * stage);
      history.push({ type: 'stage_changed', at: at(), from: STAGES[stage]!, to: STAGES[to]!, kind: 'regress', reason: '重新评估' });
      stage = to;
    } else if (r < 0.69) {
      history.push({ type: 'suspended', at: at() });
      suspended = true;
    } else if (r < 0.84) {
      const next = day(t + (30 + Math.floor(u() * 120)) * DAY_S);
      history.push({ type: 'close_date_changed', at: at(), from: (closeDate ?? null) as never, to: next as never });
      closeDate = next;
    } else if (r < 0.92) {
      history.push({ type: 'lost', at: at(), stageId: 'lost' as StageId, reason: '价格过高' });
      closed = 'lost';
      break;
    } else {
      history.push({ type: 'won', at: at(), stageId: 'won' as StageId });
      closed = 'won';
      break;
    }
  }
  const closedAt = closed === undefined ? undefined : history[history.length - 1]!.at;
  const owner = OWNERS[Math.floor(u() * OWNERS.length)]!;
  const split = u() < 0.1 ? [{ ownerId: owner, basisPoints: 6000 }, { ownerId: OWNERS[(OWNERS.indexOf(owner) + 1) % OWNERS.length]!, basisPoints: 4000 }] : undefined;
  const override = closed === undefined && u() < 0.2 ? OVERRIDES[Math.floor(u() * OVERRIDES.length)] : undefined;
  return {
    id: `o-${i}`,
    customerId: `c-${i % 20_000}`,
    pipelineId: 'p',
    name: 'deal',
    amount: AMOUNTS[Math.floor(u() * AMOUNTS.length)]!,
    ...(closeDate === undefined ? {} : { expectedCloseDate: closeDate }),
    region: REGIONS[Math.floor(u() * REGIONS.length)]!,
    stageId: closed === 'won' ? 'won' : closed === 'lost' ? 'lost' : STAGES[stage]!,
    status: closed ?? (suspended ? 'suspended' : 'open'),
    ...(override === undefined ? {} : { probabilityOverride: override }),
    ownerId: owner,
    ...(split === undefined ? {} : { splits: split }),
    completedTasks: {},
    ...(closedAt === undefined ? {} : { closedAt }),
    ...(closed === 'lost' ? { lossReason: '价格过高' } : {}),
    attributes: {},
    history: history.map((e, k) => ({ ...e, seq: k + 1 }) as OpportunityEvent),
  } as unknown as Opportunity;
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const maxRss = () => process.resourceUsage().maxRSS * 1024;

const OPP_COLUMNS = [
  'id', 'customer_id', 'pipeline_id', 'name', 'amount', 'currency', 'expected_close_date', 'region', 'stage_id', 'status', 'probability_override',
  'forecast_category_override', 'owner_id', 'splits', 'completed_tasks', 'closed_at', 'loss_reason', 'competitor', 'attributes', 'version',
] as const;
const EVENT_COLUMNS = ['opportunity_id', 'seq', 'type', 'at', 'by', 'id', 'payload'] as const;

async function main(): Promise<void> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`sales-funnel/sql on DuckDB — ${N.toLocaleString('en-US')} deals (BENCH_SCALE=${process.env.BENCH_SCALE ?? '1'}${process.env.BENCH_SQL_10M === '1' ? ', BENCH_SQL_10M=1' : ''}), Node ${process.version}`);
  for (let i = 0; i < Math.min(N, 1000); i++) {
    const r = safeParseOpportunity(JSON.parse(JSON.stringify(makeDeal(i))), { pipeline });
    if (!r.success) throw new Error(`generated deal ${i} is invalid: ${r.error.message}`);
  }

  const g0 = performance.now();
  const deals = Array.from({ length: N }, (_, i) => makeDeal(i));
  const events = deals.reduce((n, o) => n + o.history.length, 0);
  out(`generated ${N.toLocaleString('en-US')} deals, ${events.toLocaleString('en-US')} ledger events (${(events / N).toFixed(2)} per deal) in ${ms(performance.now() - g0)}`);

  // ---- load: through the row codecs, appended as text, cast into the documented tables ----
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  await db.run(DUCKDB_DDL);
  const quote = (c: string) => `"${c}"`;
  await db.run(`CREATE TABLE stage_opp (${OPP_COLUMNS.map((c) => `${quote(c)} VARCHAR`).join(', ')})`);
  await db.run(`CREATE TABLE stage_ev (${EVENT_COLUMNS.map((c) => `${quote(c)} VARCHAR`).join(', ')})`);
  const l0 = performance.now();
  const oppAppender = await db.createAppender('stage_opp');
  const evAppender = await db.createAppender('stage_ev');
  const CHUNK = 2048;
  const oppCols: (string | null)[][] = OPP_COLUMNS.map(() => []);
  const evCols: (string | null)[][] = EVENT_COLUMNS.map(() => []);
  const flush = (appender: typeof oppAppender, cols: (string | null)[][]) => {
    if (cols[0]!.length === 0) return;
    const chunk = DuckDBDataChunk.create(cols.map(() => VARCHAR), cols[0]!.length);
    cols.forEach((col, i) => chunk.setColumnValues(i, col));
    appender.appendDataChunk(chunk);
    for (const col of cols) col.length = 0;
  };
  for (const o of deals) {
    const rows = opportunityToRows(o);
    const h = rows.opportunity as unknown as Record<string, unknown>;
    OPP_COLUMNS.forEach((c, k) => oppCols[k]!.push(h[c] === null ? null : String(h[c])));
    if (oppCols[0]!.length === CHUNK) flush(oppAppender, oppCols);
    for (const e of rows.events) {
      const r = e as unknown as Record<string, unknown>;
      EVENT_COLUMNS.forEach((c, k) => evCols[k]!.push(r[c] === null ? null : String(r[c])));
      if (evCols[0]!.length === CHUNK) flush(evAppender, evCols);
    }
  }
  flush(oppAppender, oppCols);
  flush(evAppender, evCols);
  oppAppender.flushSync();
  oppAppender.closeSync();
  evAppender.flushSync();
  evAppender.closeSync();
  const a0 = performance.now();
  await db.run(`INSERT INTO pipelines VALUES ('p', '{}')`);
  await db.run(`INSERT INTO opportunities SELECT ${OPP_COLUMNS.map(quote).join(', ')} FROM stage_opp`);
  await db.run(`INSERT INTO opportunity_events SELECT ${EVENT_COLUMNS.map(quote).join(', ')} FROM stage_ev`);
  await db.run('DROP TABLE stage_opp');
  await db.run('DROP TABLE stage_ev');
  const loadMs = performance.now() - l0;
  out(`loaded into DuckDB (DUCKDB_DDL) in ${ms(loadMs)} (row codecs and appending ${ms(a0 - l0)}, casting into the documented tables ${ms(performance.now() - a0)}); peak RSS so far ${mb(maxRss())}`);

  // ---- interleaved rounds ----
  const flowOptions = { from: FROM, to: TO, asOf: AS_OF, groupBy: ['owner'] } as const;
  const forecastOptions = { groupBy: ['period', 'owner'] } as const;
  const flowQuery = stageFlowSql(pipeline, { ...flowOptions, dialect: 'duckdb' });
  const byId = [...deals].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const forecastQuery = weightedForecastSql(pipeline, { ...forecastOptions, dialect: 'duckdb' });
  const rowsOf = async (q: { text: string; params: readonly (string | null)[] }) => (await db.runAndReadAll(q.text, [...q.params])).getRowObjectsJson();
  interface Sample { wall: number; cpu: number }
  const best = (xs: readonly Sample[]) => xs.reduce((a, b) => (b.wall < a.wall ? b : a));
  const measure = async (f: () => unknown): Promise<Sample> => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await f();
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    return { wall, cpu: (c.user + c.system) / 1000 };
  };
  const cases = [
    {
      name: 'stage flow (by owner)',
      sql: async () => flowQuery.decode(await rowsOf(flowQuery)),
      inProcess: () => stageFlow(deals, pipeline, flowOptions),
    },
    {
      name: 'weighted forecast (by quarter, owner; splits)',
      sql: async () => forecastQuery.decode(await rowsOf(forecastQuery)),
      // The database has no input order: the decoder lists ids sorted, so the deals go in id order.
      inProcess: () => weightedForecast(byId, pipeline, forecastOptions),
    },
  ];
  out('');
  out(`best of ${ROUNDS} interleaved rounds (after a warm-up), wall and CPU time; ratio = SQL / in-process (object path: the columnar path does not exist yet)`);
  for (const c of cases) {
    assert.deepStrictEqual(await c.sql(), c.inProcess(), `${c.name}: the SQL result differs from the in-process one`);
    const sql: Sample[] = [];
    const inProcess: Sample[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      sql.push(await measure(c.sql));
      inProcess.push(await measure(c.inProcess));
    }
    const s = best(sql);
    const p = best(inProcess);
    out(`  ${c.name.padEnd(46)} SQL ${ms(s.wall).padStart(9)} (CPU ${ms(s.cpu).padStart(9)})   in-process ${ms(p.wall).padStart(9)} (CPU ${ms(p.cpu).padStart(9)})   ratio ${(s.wall / p.wall).toFixed(2)}× wall, ${(s.cpu / p.cpu).toFixed(2)}× CPU`);
  }
  out('');
  out(`peak RSS of the Node process (DuckDB included): ${mb(maxRss())}; results checked equal to the in-process ones`);
  db.closeSync();
  instance.closeSync();
}

await main();
