// Benchmark of sales-funnel/sql: the generated stage-flow and weighted-forecast SQL run by
// DuckDB over the documented tables, against the in-process functions on the same deals —
// the columnar path (DealColumns) and, up to 1 M deals, the object path.
//
//   npx tsx bench/sql.ts                              (full size: 1 000 000 deals, ~5 ledger events each)
//   BENCH_SQL_10M=1 npx tsx bench/sql.ts              (10 000 000 deals: a file-backed DuckDB in the
//                                                      temp directory, ~1 GB of columns; no objects)
//   BENCH_SCALE=0.01 npx tsx bench/sql.ts             (smoke run: 10 000 deals, seconds)
//
// 1. The same seeded deals (deal i is a pure function of the seed and i) are generated one
//    at a time and, in the same pass, written into DuckDB with DUCKDB_DDL through the row
//    codecs (`opportunityToRows`: rows appended as text into staging tables and cast into
//    the documented tables every 200 000 deals) and turned into DealColumns (`dealColumns`
//    reads the same generator). Load time is reported apart. Up to 1 M deals the objects
//    are also kept, for the object path.
// 2. In interleaved rounds (SQL, columns, objects, SQL, columns, objects, … after a warm-up
//    of each):
//    - stageFlowSql (cohort of the entries of 2025-07 … 2025-12, judged at 2026-03-31, by
//      owner) against stageFlow;
//    - weightedForecastSql (by quarter and owner, credit splits shared out) against
//      weightedForecast.
//    Wall time and CPU time (process.cpuUsage: DuckDB's worker threads are in this process,
//    so its CPU time counts) per round; the best round of each is reported, with the ratios
//    SQL / columns and SQL / objects and their spread over rounds. The decoded SQL results
//    are checked to equal the in-process ones.
// 3. Peak memory: the process's maximum resident set size (DuckDB's memory included), after
//    the load and at the end.
//
// Times are printed, never asserted.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBDataChunk, DuckDBInstance, VARCHAR } from '@duckdb/node-api';
import {
  dealColumns,
  DUCKDB_DDL,
  opportunityToRows,
  safeParseOpportunity,
  stageFlow,
  stageFlowAccumulator,
  weightedForecast,
  weightedForecastAccumulator,
  type Opportunity,
} from '../src/index.js';
import { AS_OF, FROM, makeDeal, pipeline, TO } from './_bookGen.js';
import { stageFlowSql, weightedForecastSql } from '../src/sql/index.js';

const scale = Number(process.env.BENCH_SCALE ?? '1') * (process.env.BENCH_SQL_10M === '1' ? 10 : 1);
if (!(scale > 0)) throw new Error('BENCH_SCALE must be > 0');
const N = Math.max(100, Math.round(1_000_000 * scale));
const ROUNDS = scale < 0.1 ? 5 : 3;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const maxRss = () => process.resourceUsage().maxRSS * 1024;

const OPP_COLUMNS = [
  'id', 'customer_id', 'pipeline_id', 'name', 'amount', 'currency', 'expected_close_date', 'region', 'stage_id', 'status', 'probability_override',
  'forecast_category_override', 'owner_id', 'splits', 'completed_tasks', 'closed_at', 'loss_reason', 'competitor', 'attributes', 'version',
  'source',
] as const;
const EVENT_COLUMNS = ['opportunity_id', 'seq', 'type', 'at', 'by', 'id', 'payload'] as const;

async function main(): Promise<void> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`sales-funnel/sql on DuckDB — ${N.toLocaleString('en-US')} deals (BENCH_SCALE=${process.env.BENCH_SCALE ?? '1'}${process.env.BENCH_SQL_10M === '1' ? ', BENCH_SQL_10M=1' : ''}), Node ${process.version}`);
  for (let i = 0; i < Math.min(N, 1000); i++) {
    const r = safeParseOpportunity(JSON.parse(JSON.stringify(makeDeal(i))), { pipeline });
    if (!r.success) throw new Error(`generated deal ${i} is invalid: ${r.error.message}`);
  }

  // ---- load: one pass of the generator feeds DuckDB (row codecs) and the columns ----
  const big = N > 1_000_000;
  const dir = big ? mkdtempSync(join(tmpdir(), 'sales-funnel-bench-')) : undefined;
  const instance = await DuckDBInstance.create(dir === undefined ? ':memory:' : join(dir, 'bench.duckdb'));
  const db = await instance.connect();
  if (big) await db.run("SET preserve_insertion_order = false");
  await db.run(DUCKDB_DDL);
  await db.run(`INSERT INTO pipelines VALUES ('p', '{}')`);
  const quote = (c: string) => `"${c}"`;
  await db.run(`CREATE TABLE stage_opp (${OPP_COLUMNS.map((c) => `${quote(c)} VARCHAR`).join(', ')})`);
  await db.run(`CREATE TABLE stage_ev (${EVENT_COLUMNS.map((c) => `${quote(c)} VARCHAR`).join(', ')})`);
  const l0 = performance.now();
  let oppAppender = await db.createAppender('stage_opp');
  let evAppender = await db.createAppender('stage_ev');
  const CHUNK = 2048;
  const BATCH = 200_000;
  const oppCols: (string | null)[][] = OPP_COLUMNS.map(() => []);
  const evCols: (string | null)[][] = EVENT_COLUMNS.map(() => []);
  const flush = (appender: typeof oppAppender, cols: (string | null)[][]) => {
    if (cols[0]!.length === 0) return;
    const chunk = DuckDBDataChunk.create(cols.map(() => VARCHAR), cols[0]!.length);
    cols.forEach((col, i) => chunk.setColumnValues(i, col));
    appender.appendDataChunk(chunk);
    for (const col of cols) col.length = 0;
  };
  const castBatch = async () => {
    flush(oppAppender, oppCols);
    flush(evAppender, evCols);
    oppAppender.closeSync();
    evAppender.closeSync();
    await db.run(`INSERT INTO opportunities SELECT ${OPP_COLUMNS.map(quote).join(', ')} FROM stage_opp`);
    await db.run(`INSERT INTO opportunity_events SELECT ${EVENT_COLUMNS.map(quote).join(', ')} FROM stage_ev`);
    await db.run('DELETE FROM stage_opp');
    await db.run('DELETE FROM stage_ev');
    oppAppender = await db.createAppender('stage_opp');
    evAppender = await db.createAppender('stage_ev');
  };
  let events = 0;
  let codecMs = 0;
  const kept: Opportunity[] | undefined = big ? undefined : [];
  function* generate(): Generator<Opportunity> {
    for (let i = 0; i < N; i++) {
      const o = makeDeal(i);
      kept?.push(o);
      events += o.history.length;
      const c0 = performance.now();
      const rows = opportunityToRows(o);
      const h = rows.opportunity as unknown as Record<string, unknown>;
      OPP_COLUMNS.forEach((c, k) => oppCols[k]!.push(h[c] === null ? null : String(h[c])));
      if (oppCols[0]!.length === CHUNK) flush(oppAppender, oppCols);
      for (const e of rows.events) {
        const r = e as unknown as Record<string, unknown>;
        EVENT_COLUMNS.forEach((c, k) => evCols[k]!.push(r[c] === null ? null : String(r[c])));
        if (evCols[0]!.length === CHUNK) flush(evAppender, evCols);
      }
      codecMs += performance.now() - c0;
      yield o;
    }
  }
  // Every BATCH deals: the batch's columns are built and its staged rows cast.
  let columnsMs = 0;
  const parts: ReturnType<typeof dealColumns>[] = [];
  const gen = generate();
  for (let start = 0; start < N; start += BATCH) {
    const batch: Opportunity[] = [];
    for (let i = start; i < Math.min(N, start + BATCH); i++) batch.push(gen.next().value as Opportunity);
    const c0 = performance.now();
    parts.push(dealColumns(batch, pipeline));
    columnsMs += performance.now() - c0;
    await castBatch();
  }
  oppAppender.closeSync();
  evAppender.closeSync();
  await db.run('DROP TABLE stage_opp');
  await db.run('DROP TABLE stage_ev');
  const loadMs = performance.now() - l0 - columnsMs;
  out(`${N.toLocaleString('en-US')} deals, ${events.toLocaleString('en-US')} ledger events (${(events / N).toFixed(2)} per deal)`);
  out(`loaded into DuckDB (DUCKDB_DDL${dir === undefined ? ', in memory' : ', file-backed'}) in ${ms(loadMs)} (of which row codecs ${ms(codecMs)}); columns built in ${ms(columnsMs)} (${parts.length} chunks); peak RSS so far ${mb(maxRss())}`);

  // ---- interleaved rounds ----
  const flowOptions = { from: FROM, to: TO, asOf: AS_OF, groupBy: ['owner'] } as const;
  const forecastOptions = { groupBy: ['period', 'owner'] } as const;
  const flowQuery = stageFlowSql(pipeline, { ...flowOptions, dialect: 'duckdb' });
  const forecastQuery = weightedForecastSql(pipeline, { ...forecastOptions, dialect: 'duckdb' });
  const rowsOf = async (q: { text: string; params: readonly (string | null)[] }) => (await db.runAndReadAll(q.text, [...q.params])).getRowObjectsJson();
  const overColumns = <R>(make: () => { add(c: (typeof parts)[number]): unknown; result(): R }) => {
    const acc = make();
    for (const c of parts) acc.add(c);
    return acc.result();
  };
  // The database has no input order: the decoder lists ids sorted; sort ours alike to compare.
  const sortIds = (x: unknown): unknown =>
    JSON.parse(JSON.stringify(x), (k, v: unknown) => (k === 'opportunityIds' && Array.isArray(v) ? [...(v as string[])].sort() : v));
  interface Sample {
    wall: number;
    cpu: number;
  }
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
      columns: () => overColumns(() => stageFlowAccumulator(pipeline, flowOptions)),
      objects: kept === undefined ? undefined : () => stageFlow(kept, pipeline, flowOptions),
    },
    {
      name: 'weighted forecast (by quarter, owner; splits)',
      sql: async () => forecastQuery.decode(await rowsOf(forecastQuery)),
      columns: () => overColumns(() => weightedForecastAccumulator(pipeline, forecastOptions)),
      objects: kept === undefined ? undefined : () => weightedForecast(kept, pipeline, forecastOptions),
    },
  ];
  out('');
  out(`${ROUNDS} interleaved rounds after a warm-up (SQL, columns, objects, …); best round (spread best–worst) of wall and CPU time; ratios of the best rounds, and their spread over rounds`);
  for (const c of cases) {
    const sqlResult = await c.sql();
    assert.deepStrictEqual(sortIds(sqlResult), sortIds(c.columns()), `${c.name}: the SQL result differs from the columnar one`);
    if (c.objects !== undefined) assert.deepStrictEqual(sortIds(sqlResult), sortIds(c.objects()), `${c.name}: the SQL result differs from the object path's`);
    const runs: Record<'sql' | 'columns' | 'objects', Sample[]> = { sql: [], columns: [], objects: [] };
    for (let r = 0; r < ROUNDS; r++) {
      runs.sql.push(await measure(c.sql));
      runs.columns.push(await measure(c.columns));
      if (c.objects !== undefined) runs.objects.push(await measure(c.objects));
    }
    const best = (xs: readonly Sample[]) => xs.reduce((a, b) => (b.wall < a.wall ? b : a));
    const spread = (xs: readonly Sample[]) => `${ms(Math.min(...xs.map((x) => x.wall)))}–${ms(Math.max(...xs.map((x) => x.wall)))}`;
    const ratio = (xs: readonly Sample[]) => {
      const per = runs.sql.map((s, i) => s.wall / xs[i]!.wall);
      return `${(best(runs.sql).wall / best(xs).wall).toFixed(2)}× wall (rounds ${Math.min(...per).toFixed(2)}–${Math.max(...per).toFixed(2)}), ${(best(runs.sql).cpu / best(xs).cpu).toFixed(2)}× CPU`;
    };
    out(`  ${c.name}`);
    for (const k of ['sql', 'columns', 'objects'] as const) {
      const xs = runs[k];
      if (xs.length === 0) continue;
      const b = best(xs);
      out(`    ${k.padEnd(8)} ${ms(b.wall).padStart(9)} (${spread(xs)})  CPU ${ms(b.cpu).padStart(9)}${k === 'sql' ? '' : `   SQL / ${k} ${ratio(xs)}`}`);
    }
  }
  out('');
  out(`peak RSS of the Node process (DuckDB included): ${mb(maxRss())}; results checked equal (SQL = columns${kept === undefined ? '' : ' = objects'})`);
  db.closeSync();
  instance.closeSync();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
}

await main();
