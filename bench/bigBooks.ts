// Benchmark of big books on one machine (issue "Big books on one machine"): the columnar
// path against DuckDB on the same preloaded data, the object path against merely reading
// the fields it needs, and the memory of the columns.
//
//   npx tsx bench/bigBooks.ts                   (full size: 1 000 000 deals, ~5 ledger events each)
//   BENCH_SCALE=0.01 npx tsx bench/bigBooks.ts  (smoke run: 10 000 deals, seconds)
//
// 1. The seeded book of bench/_bookGen.ts is generated as deal objects, then turned into
//    DealColumns (time and bytes reported).
// 2. The same data is loaded into an in-memory DuckDB as numeric tables (one row per deal,
//    one row per ledger event; stage and status codes, amounts as BIGINT minor units,
//    instants as ms), straight from the columns with data chunks. The load time is reported
//    apart and is not in any ratio.
// 3. Interleaved rounds after a warm-up of each (a, b, c, … then again), wall time and
//    CPU time (process.cpuUsage; DuckDB's threads are in this process, so its CPU counts):
//    - stage flow of the entries of 2025-07 … 2025-12 judged at 2026-03-31: stageFlow on
//      the columns vs DuckDB's query (a competent hand-written SQL: LEAD over the stage
//      events, skipped stages unnested). Target: columns ≤ 0.5× DuckDB.
//    - weighted forecast by quarter and region: weightedForecast on the columns vs DuckDB's
//      queries for the same result (exact DECIMAL sums). Target: columns ≤ 0.5× DuckDB.
//      Three times: the whole result with the defaults (the groups, plus the suspended and
//      unforecastable deals with their sums and their id lists in input order: DuckDB runs
//      the groups query and a second one for the rest, both on its own threads, and hands
//      back the lists as JS arrays, as ours does); the whole result without id lists
//      (`opportunityIds: false`; DuckDB's second query without its lists); and, stricter,
//      ours without id lists against DuckDB's groups query alone.
//    - weightedForecast on the deal objects vs a loop that merely reads the fields it needs
//      (status, stage, override, amount, currency, close date, closedAt, region) from every
//      deal, and vs a loop that reads them as the values a computation uses (the amount and
//      probability as numbers, the date's quarter). Target: ≤ 2×.
//    For each: the best round, the spread (best–worst), and the ratio's spread and median over rounds.
//    Results are checked equal (the counts and sums DuckDB computes against ours).
// 4. Memory: the columns' bytes against the target of 100 MB for 1 M deals with 5 events.
import assert from 'node:assert/strict';
import { BIGINT, DOUBLE, DuckDBDataChunk, DuckDBInstance, INTEGER, SMALLINT, TINYINT, VARCHAR, type DuckDBType } from '@duckdb/node-api';
import { dealColumns, stageFlow, weightedForecast, type DealColumns, type Opportunity } from '../src/index.js';
import { closedAtColumn } from '../src/model/columnEvents.js';
import { AS_OF, FROM, makeDeal, pipeline, TO } from './_bookGen.js';

const scale = Number(process.env.BENCH_SCALE ?? '1');
if (!(scale > 0)) throw new Error('BENCH_SCALE must be > 0');
const N = Math.max(100, Math.round(1_000_000 * scale));
const ROUNDS = 5;
const out = (line: string) => process.stdout.write(`${line}\n`);
const ms = (x: number) => `${x.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Bytes held by the columns: typed arrays, plus the dictionaries and sparse maps estimated. */
function columnBytes(c: DealColumns): { typed: number; other: number } {
  let typed = 0;
  const add = (a: ArrayBufferView | undefined) => {
    if (a !== undefined) typed += a.byteLength;
  };
  for (const a of [c.customer, c.owner, c.stage, c.status, c.currency, c.amountMinor, c.closeDay, c.closedAt, c.region, c.probabilityOverride, c.forecastCategoryOverride, c.lossReason, c.competitor, c.projectType, c.split]) add(a);
  for (const a of [c.events.start, c.events.type, c.events.stage, c.events.at]) add(a);
  const v = c.events.values;
  for (const a of [v.event, v.from, v.to, v.amountMinor, v.amountCurrency]) add(a);
  // The ids are packed (characters and offsets: typed arrays too); the dictionaries and
  // the few exact amounts and split lists estimated.
  const packed = c.ids as unknown as { chars: ArrayBufferView; offsets: ArrayBufferView };
  add(packed.chars);
  add(packed.offsets);
  const other = 24 * (c.customerIds.length + c.ownerIds.length) + 80 * (c.amountExact.size + v.amountExact.size + c.splitLists.length);
  return { typed, other };
}

interface Sample {
  readonly wall: number;
  readonly cpu: number;
}
async function measure(f: () => unknown): Promise<Sample> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

async function loadDuckDb(cols: DealColumns) {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  await db.run('CREATE TABLE deals (deal INTEGER, id VARCHAR, stage TINYINT, status TINYINT, region TINYINT, amount_minor BIGINT, close_day INTEGER, closed_at DOUBLE, override_e4 BIGINT)');
  await db.run('CREATE TABLE events (deal INTEGER, seq SMALLINT, ts DOUBLE, type TINYINT, stage TINYINT)');
  await db.run('CREATE TABLE stages (stage TINYINT, probability_e4 BIGINT)');
  for (const [i, s] of pipeline.stages.entries()) await db.run(`INSERT INTO stages VALUES (${i}, ${s.probability.times(10_000).toFixed(0)})`);
  const t0 = performance.now();
  const CHUNK = 2048;
  const append = async (table: string, types: DuckDBType[], n: number, value: (col: number, row: number) => unknown) => {
    const appender = await db.createAppender(table);
    for (let start = 0; start < n; start += CHUNK) {
      const len = Math.min(CHUNK, n - start);
      const chunk = DuckDBDataChunk.create(types, len);
      types.forEach((_, col) => {
        const values = new Array(len);
        for (let r = 0; r < len; r++) values[r] = value(col, start + r);
        chunk.setColumnValues(col, values);
      });
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
    appender.closeSync();
  };
  const NONE = -1;
  // Each deal's closedAt (the columns leave it out when every deal's is its ledger's).
  const closedAt = closedAtColumn(cols);
  await append('deals', [INTEGER, VARCHAR, TINYINT, TINYINT, TINYINT, BIGINT, INTEGER, DOUBLE, BIGINT], cols.length, (col, i) => {
    switch (col) {
      case 0:
        return i;
      case 1:
        return cols.ids.at(i);
      case 2:
        return cols.stage[i];
      case 3:
        return cols.status[i];
      case 4:
        return cols.region === undefined || cols.region[i] === NONE ? null : cols.region[i];
      case 5:
        return BigInt(cols.amountMinor[i]!);
      case 6:
        return cols.closeDay[i] === -2147483648 ? null : cols.closeDay[i];
      case 7:
        return Number.isNaN(closedAt[i]!) ? null : closedAt[i];
      default: {
        const code = cols.probabilityOverride?.[i] ?? NONE;
        return code === NONE ? null : BigInt(cols.probabilities[code]!.times(10_000).toFixed(0));
      }
    }
  });
  const ev = cols.events;
  const dealOf = new Int32Array(ev.type.length);
  for (let i = 0; i < cols.length; i++) dealOf.fill(i, ev.start[i]!, ev.start[i + 1]!);
  await append('events', [INTEGER, SMALLINT, DOUBLE, TINYINT, TINYINT], ev.type.length, (col, e) => {
    switch (col) {
      case 0:
        return dealOf[e];
      case 1:
        return e - ev.start[dealOf[e]!]!;
      case 2:
        return ev.at[e];
      case 3:
        return ev.type[e];
      default:
        return ev.stage[e]! >= pipeline.stages.length ? null : ev.stage[e];
    }
  });
  return { instance, db, loadMs: performance.now() - t0 };
}

// Stage codes: positions in pipeline.stages (s0 … s4 open, 5 won, 6 lost); event type codes
// of COLUMN_EVENT_TYPES: created 0, stage_changed 1, won 10, lost 11, reopened 12.
const FLOW_SQL = `
  WITH stage_events AS (
    SELECT deal, seq, ts, stage FROM events WHERE type IN (0, 1, 10, 11, 12) AND ts <= $asOf
  ), stays AS (
    SELECT stage, ts AS entered,
           LEAD(stage) OVER (PARTITION BY deal ORDER BY seq) AS next_stage,
           LEAD(ts) OVER (PARTITION BY deal ORDER BY seq) AS left_at
    FROM stage_events
  ), real AS (
    SELECT stage, entered, next_stage, left_at,
           CASE WHEN next_stage IS NULL THEN 'still' WHEN next_stage = 5 THEN 'won' WHEN next_stage = 6 THEN 'lost'
                WHEN next_stage > stage THEN 'advanced' WHEN next_stage = stage THEN 'same' ELSE 'regressed' END AS outcome
    FROM stays WHERE stage < 5
  ), entries AS (
    SELECT stage, entered, outcome FROM real WHERE outcome <> 'same'
    UNION ALL
    SELECT UNNEST(range(stage + 1, next_stage)) AS stage, left_at AS entered, 'skipped' AS outcome
    FROM real WHERE outcome = 'advanced' AND next_stage > stage + 1
  )
  SELECT stage::INTEGER AS stage,
         count(*)::INTEGER AS entered,
         (count(*) FILTER (WHERE outcome IN ('advanced', 'won', 'skipped')))::INTEGER AS advanced,
         (count(*) FILTER (WHERE outcome = 'won'))::INTEGER AS won,
         (count(*) FILTER (WHERE outcome = 'lost'))::INTEGER AS lost,
         (count(*) FILTER (WHERE outcome = 'regressed'))::INTEGER AS regressed,
         (count(*) FILTER (WHERE outcome = 'still'))::INTEGER AS still,
         (count(*) FILTER (WHERE outcome = 'skipped'))::INTEGER AS skipped
  FROM entries WHERE entered >= $from AND entered < $to
  GROUP BY stage ORDER BY stage`;

// Status codes: 0 open, 1 suspended, 2 won, 3 lost. A closed deal is dated by closedAt (UTC).
// Probabilities are integers of ten-thousandths (every probability of the book has at most
// 4 places), so the weighted sum is an exact integer (HUGEINT) of 10⁻⁴ fen.
const FORECAST_SQL = `
  WITH f AS (
    SELECT d.amount_minor, d.region, d.status,
           CASE d.status WHEN 2 THEN 10000 WHEN 3 THEN 0 ELSE COALESCE(d.override_e4, s.probability_e4) END AS p,
           CASE WHEN d.status IN (2, 3) AND d.closed_at IS NOT NULL THEN CAST(floor(d.closed_at / 86400000) AS INTEGER) ELSE d.close_day END AS day
    FROM deals d JOIN stages s ON s.stage = d.stage
    WHERE d.status <> 1)
  SELECT year(DATE '1970-01-01' + day) || '-Q' || quarter(DATE '1970-01-01' + day) AS period, region,
         CAST(SUM(CASE WHEN status <> 3 THEN amount_minor ELSE 0 END) AS VARCHAR) AS amount,
         CAST(SUM(amount_minor::HUGEINT * p) AS VARCHAR) AS weighted_e4
  FROM f WHERE day IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`;

// The rest of weightedForecast's result, which FORECAST_SQL leaves out: the suspended deals
// (count, amount) and the unforecastable ones (read, not suspended, no forecast date: count,
// amount of the deals not lost, weighted sum), each with its deals' ids in input order when
// `lists` (the id lists the result carries by default).
const restSql = (lists: boolean) => `
  WITH f AS (
    SELECT d.deal, d.id, d.amount_minor, d.status,
           CASE d.status WHEN 2 THEN 10000 WHEN 3 THEN 0 ELSE COALESCE(d.override_e4, s.probability_e4) END AS p,
           CASE WHEN d.status IN (2, 3) AND d.closed_at IS NOT NULL THEN CAST(floor(d.closed_at / 86400000) AS INTEGER) ELSE d.close_day END AS day
    FROM deals d JOIN stages s ON s.stage = d.stage)
  SELECT count(*) FILTER (WHERE status = 1) AS suspended_count,
         CAST(COALESCE(SUM(amount_minor) FILTER (WHERE status = 1), 0) AS VARCHAR) AS suspended_amount,
         count(*) FILTER (WHERE status <> 1 AND day IS NULL) AS unforecastable_count,
         CAST(COALESCE(SUM(CASE WHEN status <> 3 THEN amount_minor ELSE 0 END) FILTER (WHERE status <> 1 AND day IS NULL), 0) AS VARCHAR) AS unforecastable_amount,
         CAST(COALESCE(SUM(amount_minor::HUGEINT * p) FILTER (WHERE status <> 1 AND day IS NULL), 0) AS VARCHAR) AS unforecastable_weighted_e4${
           lists
             ? `,
         COALESCE(list(id ORDER BY deal) FILTER (WHERE status = 1), []) AS suspended_ids,
         COALESCE(list(id ORDER BY deal) FILTER (WHERE status <> 1 AND day IS NULL), []) AS unforecastable_ids`
             : ''
         }
  FROM f`;
const REST_SQL = restSql(false);
const REST_LISTS_SQL = restSql(true);

/** What weightedForecast needs from each deal, merely read (the floor of the object path). */
function readFields(deals: readonly Opportunity[]): number {
  let touched = 0;
  for (let i = 0; i < deals.length; i++) {
    const o = deals[i]!;
    if (o.status !== 'open') touched++;
    if (o.stageId.length > 1) touched++;
    if (o.probabilityOverride !== undefined) touched++;
    if (o.amount.amount !== undefined && o.amount.currency.length === 3) touched++;
    if (o.expectedCloseDate !== undefined) touched++;
    if (o.closedAt !== undefined) touched++;
    if (o.region !== undefined) touched++;
  }
  return touched;
}

/**
 * The same fields read as the values a computation uses: the amount as a number, the
 * forecast date's year and quarter, the probability as a number (still no exact
 * arithmetic, no grouping).
 */
function readValues(deals: readonly Opportunity[]): number {
  let sum = 0;
  for (let i = 0; i < deals.length; i++) {
    const o = deals[i]!;
    if (o.status === 'suspended') continue;
    const date = o.status !== 'open' && o.closedAt !== undefined ? o.closedAt.toISOString() : o.expectedCloseDate;
    if (date === undefined) continue;
    const quarter = Number(date.slice(0, 4)) * 4 + ((Number(date.slice(5, 7)) - 1) >> 2);
    const p = o.probabilityOverride === undefined ? 0.5 : o.probabilityOverride.toNumber();
    sum += o.amount.amount.toNumber() * p + quarter + (o.region?.length ?? 0);
  }
  return sum;
}

async function main(): Promise<void> {
  out(`big books — ${N.toLocaleString('en-US')} deals (BENCH_SCALE=${process.env.BENCH_SCALE ?? '1'}), Node ${process.version}`);
  const g0 = performance.now();
  const deals = Array.from({ length: N }, (_, i) => makeDeal(i));
  out(`generated ${N.toLocaleString('en-US')} deal objects in ${ms(performance.now() - g0)}`);

  global.gc?.();
  const h0 = process.memoryUsage().heapUsed;
  const c0 = performance.now();
  const cols = dealColumns(deals, pipeline);
  const buildMs = performance.now() - c0;
  global.gc?.();
  const heapDelta = process.memoryUsage().heapUsed - h0;
  const bytes = columnBytes(cols);
  const events = cols.events.type.length;
  const perMillion = (x: number) => (x * 1_000_000) / N;
  out(`columns built in ${ms(buildMs)}: ${events.toLocaleString('en-US')} events (${(events / N).toFixed(2)} per deal)`);
  out(`  typed arrays ${mb(bytes.typed)}, ids / dictionaries / sparse maps ~${mb(bytes.other)}; heap growth ${global.gc ? mb(heapDelta) : 'n/a (run with --expose-gc)'}`);
  out(`  per 1 M deals: ${mb(perMillion(bytes.typed + bytes.other))} (target ≤ 100 MB for 1 M deals with 5 events)`);

  const { instance, db, loadMs } = await loadDuckDb(cols);
  out(`DuckDB loaded from the columns in ${ms(loadMs)} (not in any ratio)`);
  const flowParams = { asOf: AS_OF.getTime(), from: FROM.getTime(), to: TO.getTime() };
  const flowOptions = { from: FROM, to: TO, asOf: AS_OF } as const;
  const forecastOptions = { groupBy: ['period', 'region'] } as const;
  const duckRows = async (sql: string, params?: Record<string, number>) =>
    (await db.runAndReadAll(sql, params)).getRowObjectsJS() as Record<string, unknown>[];

  // ---- the same numbers ----
  const flowRows = await duckRows(FLOW_SQL, flowParams);
  const flow = stageFlow(cols, pipeline, flowOptions);
  assert.deepStrictEqual(stageFlow(deals, pipeline, flowOptions), flow, 'stage flow: columns ≠ objects');
  for (const row of flowRows) {
    const r = flow.total.stages[Number(row.stage)]!;
    const ours = { entered: r.entered, advanced: r.advanced, won: r.won, lost: r.lost, regressed: r.regressed, still: r.stillThere, skipped: r.skipped };
    const theirs = Object.fromEntries(Object.keys(ours).map((k) => [k, Number(row[k])]));
    assert.deepStrictEqual(theirs, ours, `stage ${String(row.stage)}: DuckDB's counts differ`);
  }
  const forecast = weightedForecast(cols, pipeline, forecastOptions);
  assert.deepStrictEqual(weightedForecast(deals, pipeline, forecastOptions), forecast, 'weighted forecast: columns ≠ objects');
  const forecastRows = await duckRows(FORECAST_SQL);
  const regions = cols.regions;
  for (const row of forecastRows) {
    const key = [String(row.period), row.region === null ? '(none)' : regions[Number(row.region)]!];
    const g = forecast.groups.find((x) => x.key[0] === key[0] && x.key[1] === key[1]);
    assert.ok(g !== undefined, `no group ${key.join(' / ')}`);
    assert.equal(g.value.amount.amount.times(100).toFixed(0), String(row.amount), `amount of ${key.join(' / ')}`);
    assert.equal(g.value.weighted.amount.times(1_000_000).toFixed(), String(row.weighted_e4), `weighted of ${key.join(' / ')}`);
  }
  assert.equal(forecastRows.length, forecast.groups.length, 'number of groups');
  const [rest] = await duckRows(REST_LISTS_SQL);
  assert.ok(rest !== undefined);
  assert.equal(Number(rest.suspended_count), forecast.suspended.count, 'suspended count');
  assert.equal(forecast.suspended.amount.amount.times(100).toFixed(0), String(rest.suspended_amount), 'suspended amount');
  assert.deepStrictEqual(rest.suspended_ids, forecast.suspended.opportunityIds, 'suspended ids');
  assert.equal(Number(rest.unforecastable_count), forecast.unforecastable.count, 'unforecastable count');
  assert.equal(forecast.unforecastable.amount.amount.times(100).toFixed(0), String(rest.unforecastable_amount), 'unforecastable amount');
  assert.equal(forecast.unforecastable.weighted.amount.times(1_000_000).toFixed(), String(rest.unforecastable_weighted_e4), 'unforecastable weighted');
  assert.deepStrictEqual(rest.unforecastable_ids, forecast.unforecastable.opportunityIds, 'unforecastable ids');
  out('results checked equal: columns = objects = DuckDB (stage-flow counts; amounts and weighted sums to the fen; the suspended and unforecastable deals, their sums and id lists)');

  // ---- interleaved rounds ----
  const cases: { readonly name: string; readonly a: [string, () => unknown]; readonly b: [string, () => unknown]; readonly target: string }[] = [
    { name: 'stage flow', a: ['columns', () => stageFlow(cols, pipeline, flowOptions)], b: ['DuckDB', () => duckRows(FLOW_SQL, flowParams)], target: '≤ 0.5×' },
    {
      name: 'weighted forecast (quarter × region), the whole result with its id lists',
      a: ['columns', () => weightedForecast(cols, pipeline, forecastOptions)],
      b: ['DuckDB, groups + rest with lists', () => Promise.all([duckRows(FORECAST_SQL), duckRows(REST_LISTS_SQL)])],
      target: '≤ 0.5×',
    },
    {
      name: 'weighted forecast (quarter × region), the whole result without id lists',
      a: ['columns, opportunityIds: false', () => weightedForecast(cols, pipeline, { ...forecastOptions, opportunityIds: false })],
      b: ['DuckDB, groups + rest', () => Promise.all([duckRows(FORECAST_SQL), duckRows(REST_SQL)])],
      target: '≤ 0.5×',
    },
    {
      name: 'weighted forecast (quarter × region): columns without id lists against the groups alone',
      a: ['columns, opportunityIds: false', () => weightedForecast(cols, pipeline, { ...forecastOptions, opportunityIds: false })],
      b: ['DuckDB, groups only', () => duckRows(FORECAST_SQL)],
      target: '≤ 0.5× (stricter than the same result)',
    },
    { name: 'weighted forecast, objects', a: ['objects', () => weightedForecast(deals, pipeline, forecastOptions)], b: ['reading the fields', () => readFields(deals)], target: '≤ 2×' },
    { name: 'weighted forecast, objects', a: ['objects', () => weightedForecast(deals, pipeline, forecastOptions)], b: ['reading as values', () => readValues(deals)], target: '≤ 2×' },
  ];
  const samples = cases.map(() => ({ a: [] as Sample[], b: [] as Sample[] }));
  for (const c of cases) {
    await c.a[1]();
    await c.b[1]();
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const [k, c] of cases.entries()) {
      samples[k]!.a.push(await measure(c.a[1]));
      samples[k]!.b.push(await measure(c.b[1]));
    }
  }
  out('');
  out(`${ROUNDS} interleaved rounds after a warm-up; best (spread best–worst) of wall and CPU time; ratio a / b of the best rounds, its spread and its median over rounds`);
  for (const [k, c] of cases.entries()) {
    const { a, b } = samples[k]!;
    const best = (xs: readonly Sample[]) => xs.reduce((x, y) => (y.wall < x.wall ? y : x));
    const spread = (xs: readonly Sample[]) => `${Math.min(...xs.map((x) => x.wall)).toFixed(1)}–${Math.max(...xs.map((x) => x.wall)).toFixed(1)}`;
    const ratios = a.map((x, i) => x.wall / b[i]!.wall);
    const ba = best(a);
    const bb = best(b);
    out(`  ${c.name}`);
    out(`    ${c.a[0].padEnd(32)} ${ms(ba.wall).padStart(10)} (${spread(a)}) CPU ${ms(ba.cpu).padStart(10)}`);
    out(`    ${c.b[0].padEnd(32)} ${ms(bb.wall).padStart(10)} (${spread(b)}) CPU ${ms(bb.cpu).padStart(10)}`);
    const median = [...ratios].sort((x, y) => x - y)[ratios.length >> 1]!;
    out(`    ratio ${(ba.wall / bb.wall).toFixed(3)}× wall, ${(ba.cpu / bb.cpu).toFixed(3)}× CPU; per-round ${Math.min(...ratios).toFixed(3)}–${Math.max(...ratios).toFixed(3)}×, median ${median.toFixed(3)}× (target ${c.target})`);
  }
  db.closeSync();
  instance.closeSync();
}

await main();
