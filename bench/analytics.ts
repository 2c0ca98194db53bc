// Benchmark of the funnel analytics: stageFlow, funnelSnapshot and findStalled.
//
//   npx tsx bench/analytics.ts                       (full size: 1 000 000 deals, ~5 ledger events each)
//   BENCH_SCALE=0.01 npx tsx bench/analytics.ts      (smoke run: 10 000 deals)
//
// The same seeded deals (a fixed seed; deal i is generated from seed + i alone) go through:
//   1. stageFlow / funnelSnapshot / findStalled over an in-memory array (timed, median of runs);
//   2. a plain hand-written loop computing the same stage-flow counts (the baseline: no
//      options, no segments, no generality);
//   3. DuckDB SQL (`@duckdb/node-api`) computing the same stage-flow counts over a table of
//      the same ledger events (one row per event); loading the table is timed separately.
// The three stage-flow results are checked to agree count for count.
// Peak memory for a streamed input: each function runs in a child process over a generator
// (never an array) and reports its peak RSS, next to a child that only drains the generator.
// Targets: stageFlow over 1 M deals < 2 s and within 3× of DuckDB's query; streamed peak
// memory < 200 MB. Times are printed, never asserted.
//
// The data: a pipeline of 5 open stages (stall thresholds on 3), won and lost; deals created
// over 2025-01 … 2026-06 in stage 0, then 3–7 steps 1–40 days apart: advance (55 %), jump
// ahead (7 %), move back (8 %), suspend (5 %, resumed at the next step), close-date change
// (10 %), lost (7 %, a tenth of them reopened), won (8 %). No imports without `created`
// (the SQL would need the same normalisation; the test suite covers imports).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32Next, mulberry32Output, UINT32_RANGE } from '../src/_lib/random.js';
import {
  Decimal,
  findStalled,
  funnelSnapshot,
  parsePipeline,
  safeParseOpportunity,
  stageFlow,
  type Money,
  type Opportunity,
  type OpportunityEvent,
  type Pipeline,
  type StageId,
} from '../src/index.js';

const scale = Number(process.env.BENCH_SCALE ?? '1');
if (!(scale > 0)) throw new Error('BENCH_SCALE must be > 0');
const N = Math.max(100, Math.round(1_000_000 * scale));
const REPEAT = scale < 0.1 ? 5 : 3;
const SEED = 20260401;

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
const WON = 'won' as StageId;
const LOST = 'lost' as StageId;
const OWNERS = Array.from({ length: 50 }, (_, i) => `rep-${String(i).padStart(2, '0')}`);
const REGIONS = ['华东', '华北', '华南', '西南'];
const AMOUNTS: Money[] = Array.from({ length: 1024 }, (_, k) => ({ amount: new Decimal(10_000 + k * 997), currency: 'CNY' }));
const BASE_S = Date.UTC(2025, 0, 1) / 1000; // times are whole seconds from here
const SPAN_S = 546 * 86_400; // creation over 2025-01-01 … 2026-06-30
const DAY_S = 86_400;

// The measured question: entries of 2025-07-01 … 2025-12-31, judged at 2026-03-31.
const FROM = new Date(Date.UTC(2025, 6, 1));
const TO = new Date(Date.UTC(2026, 0, 1));
const AS_OF = new Date(Date.UTC(2026, 2, 31));

// Generator state at module level (no closures per deal: they would cost more than the
// analytics being measured).
let state = 0;
let t = 0;
function u(): number {
  state = mulberry32Next(state);
  return mulberry32Output(state) / UINT32_RANGE;
}
function at(): Date {
  return new Date(t * 1000);
}

/** Deal i of the data set: a pure function of (SEED, i). */
function makeDeal(i: number): Opportunity {
  state = (SEED + Math.imul(i, 0x9e3779b9)) | 0;
  t = BASE_S + Math.floor(u() * SPAN_S);
  const history: OpportunityEvent[] = [{ type: 'created', seq: 1, at: at(), stageId: STAGES[0]! }];
  let stage = 0;
  let closed: 'won' | 'lost' | undefined;
  let suspended = false;
  let closeDate: string | null = null;
  const steps = 3 + Math.floor(u() * 5);
  for (let s = 0; s < steps; s++) {
    t += DAY_S + Math.floor(u() * 39 * DAY_S);
    if (suspended) {
      history.push({ type: 'resumed', seq: history.length + 1, at: at() });
      suspended = false;
      continue;
    }
    const r = u();
    if (r < 0.55 && stage < OPEN - 1) {
      history.push({ type: 'stage_changed', seq: history.length + 1, at: at(), from: STAGES[stage]!, to: STAGES[stage + 1]!, kind: 'advance' });
      stage++;
    } else if (r < 0.62 && stage < OPEN - 2) {
      const to = stage + 2 + Math.floor(u() * (OPEN - stage - 2));
      history.push({ type: 'stage_changed', seq: history.length + 1, at: at(), from: STAGES[stage]!, to: STAGES[to]!, kind: 'skip' });
      stage = to;
    } else if (r < 0.7 && stage > 0) {
      const to = Math.floor(u() * stage);
      history.push({ type: 'stage_changed', seq: history.length + 1, at: at(), from: STAGES[stage]!, to: STAGES[to]!, kind: 'regress' });
      stage = to;
    } else if (r < 0.75) {
      history.push({ type: 'suspended', seq: history.length + 1, at: at() });
      suspended = true;
    } else if (r < 0.85) {
      const next = new Date((t + (30 + Math.floor(u() * 120)) * DAY_S) * 1000).toISOString().slice(0, 10) as never;
      history.push({ type: 'close_date_changed', seq: history.length + 1, at: at(), from: closeDate as never, to: next });
      closeDate = next;
    } else if (r < 0.92) {
      history.push({ type: 'lost', seq: history.length + 1, at: at(), stageId: LOST, reason: '价格过高' });
      if (u() < 0.1) {
        t += DAY_S;
        history.push({ type: 'reopened', seq: history.length + 1, at: at(), stageId: STAGES[stage]! });
        continue;
      }
      closed = 'lost';
      break;
    } else {
      history.push({ type: 'won', seq: history.length + 1, at: at(), stageId: WON });
      closed = 'won';
      break;
    }
  }
  const owner = OWNERS[Math.floor(u() * OWNERS.length)]!;
  return {
    id: `o-${i}`,
    customerId: `c-${i % 20_000}`,
    pipelineId: 'p',
    name: 'deal',
    amount: AMOUNTS[Math.floor(u() * AMOUNTS.length)]!,
    ...(closeDate === null ? {} : { expectedCloseDate: closeDate }),
    region: REGIONS[Math.floor(u() * REGIONS.length)]!,
    stageId: closed === 'won' ? WON : closed === 'lost' ? LOST : STAGES[stage]!,
    status: closed ?? (suspended ? 'suspended' : 'open'),
    ownerId: owner,
    completedTasks: {},
    attributes: {},
    history,
  } as unknown as Opportunity;
}

let peakHeap = 0;
function* streamDeals(n: number, sampleHeap = false): Generator<Opportunity> {
  for (let i = 0; i < n; i++) {
    // Peak JS heap, sampled every 10 000 deals (and at the end by the caller).
    if (sampleHeap && i % 10_000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    yield makeDeal(i);
  }
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const ms = (x: number) => `${x.toFixed(0)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time<T>(f: () => T, repeat = REPEAT): { ms: number; result: T } {
  let result!: T;
  const times: number[] = [];
  for (let r = 0; r < repeat; r++) {
    const t0 = performance.now();
    result = f();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), result };
}

// ---------------------------------------------------------------------------------------
// Child mode: run one function over a streamed generator and report peak RSS.
const child = process.argv.indexOf('--child');
if (child >= 0) {
  const what = process.argv[child + 1];
  if (what === 'profile') {
    // For `node --cpu-prof`: the array is built first, then stageFlow (or, with
    // BENCH_PROFILE=findStalled, findStalled by 2 × median) runs three times.
    const deals = Array.from(streamDeals(N));
    for (let r = 0; r < 3; r++) {
      const t1 = performance.now();
      if (process.env.BENCH_PROFILE === 'findStalled') findStalled(deals, pipeline, { asOf: AS_OF, threshold: { medianMultiple: 2 } });
      else stageFlow(deals, pipeline, { from: FROM, to: TO, asOf: AS_OF });
      process.stderr.write(`${ms(performance.now() - t1)}\n`);
    }
    process.exit(0);
  }
  const t0 = performance.now();
  const input = streamDeals(N, true);
  let result: unknown;
  if (what === 'drain') for (const _ of input) void _;
  else if (what === 'stageFlow') result = stageFlow(input, pipeline, { from: FROM, to: TO, asOf: AS_OF, groupBy: ['owner'] });
  else if (what === 'funnelSnapshot') result = funnelSnapshot(input, pipeline, { asOf: AS_OF, groupBy: ['owner'] });
  else if (what === 'findStalled') result = findStalled(input, pipeline, { asOf: AS_OF });
  else throw new Error(`unknown child ${String(what)}`);
  const elapsed = performance.now() - t0;
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  void result;
  process.stdout.write(JSON.stringify({ ms: elapsed, maxRss: process.resourceUsage().maxRSS * 1024, peakHeap }));
  process.exit(0);
}

// ---------------------------------------------------------------------------------------
// The hand-written baseline: the same stage-flow counts, one specialised loop.
const F = { entered: 0, advanced: 1, won: 2, lost: 3, regressed: 4, still: 5, skipped: 6 } as const;
function handLoop(deals: readonly Opportunity[]): Int32Array {
  const c = new Int32Array(OPEN * 7);
  const index = new Map<string, number>(STAGES.map((s, i) => [s as string, i]));
  const from = FROM.getTime();
  const to = TO.getTime();
  const asOf = AS_OF.getTime();
  const count = (stage: number, entered: number, field: number) => {
    if (entered >= from && entered < to) {
      c[stage * 7 + F.entered]!++;
      c[stage * 7 + field]!++;
    }
  };
  for (const o of deals) {
    let stage = -1; // -1: not in an open stage
    let entered = 0;
    for (const e of o.history) {
      const t = e.at.getTime();
      if (t > asOf) break;
      let next = -2; // -2: no stage change
      if (e.type === 'created' || e.type === 'reopened') next = index.get(e.stageId) ?? -1;
      else if (e.type === 'stage_changed') next = index.get(e.to) ?? -1;
      else if (e.type === 'won' || e.type === 'lost') next = -1;
      if (next === -2) continue;
      if (stage >= 0) {
        if (e.type === 'won') {
          count(stage, entered, F.advanced);
          if (entered >= from && entered < to) c[stage * 7 + F.won]!++;
        } else if (e.type === 'lost') count(stage, entered, F.lost);
        else if (next > stage) {
          count(stage, entered, F.advanced);
          for (let k = stage + 1; k < next; k++) {
            if (t >= from && t < to) {
              c[k * 7 + F.entered]!++;
              c[k * 7 + F.advanced]!++;
              c[k * 7 + F.skipped]!++;
            }
          }
        } else count(stage, entered, F.regressed);
      }
      stage = next;
      entered = t;
    }
    if (stage >= 0) count(stage, entered, F.still);
  }
  return c;
}

// ---------------------------------------------------------------------------------------
// DuckDB: one row per ledger event; the same counts in SQL.
const KIND = { created: 0, stage_changed: 1, won: 2, lost: 3, reopened: 4, suspended: 5, resumed: 6 } as Record<string, number>;
async function duckdb(deals: readonly Opportunity[]) {
  // Loaded here, not at the top: the child processes measuring memory must not carry DuckDB.
  const { DuckDBDataChunk, DuckDBInstance, INTEGER, SMALLINT, TINYINT } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  await con.run('CREATE TABLE events (opp INTEGER, seq SMALLINT, ts INTEGER, kind TINYINT, stage TINYINT)');
  const t0 = performance.now();
  const appender = await con.createAppender('events');
  const CHUNK = 2048;
  const cols: number[][] = [[], [], [], [], []];
  const flush = () => {
    const chunk = DuckDBDataChunk.create([INTEGER, SMALLINT, INTEGER, TINYINT, TINYINT], cols[0]!.length);
    cols.forEach((col, i) => chunk.setColumnValues(i, col));
    appender.appendDataChunk(chunk);
    for (const col of cols) col.length = 0;
  };
  const stageIndex = (id: string) => (id === 'won' ? -1 : id === 'lost' ? -2 : STAGES.indexOf(id as StageId));
  deals.forEach((o, i) => {
    o.history.forEach((e, seq) => {
      const stage = e.type === 'created' || e.type === 'reopened' || e.type === 'won' || e.type === 'lost' ? stageIndex(e.stageId) : e.type === 'stage_changed' ? stageIndex(e.to) : 0;
      cols[0]!.push(i);
      cols[1]!.push(seq);
      cols[2]!.push(e.at.getTime() / 1000 - BASE_S);
      cols[3]!.push(KIND[e.type] ?? 7);
      cols[4]!.push(stage);
      if (cols[0]!.length === CHUNK) flush();
    });
  });
  if (cols[0]!.length > 0) flush();
  appender.flushSync();
  appender.closeSync();
  const loadMs = performance.now() - t0;
  const sec = (d: Date) => d.getTime() / 1000 - BASE_S;
  const sql = `
    WITH stage_events AS (
      SELECT opp, seq, ts, kind, stage FROM events WHERE kind <= 4 AND ts <= ${sec(AS_OF)}
    ), stays AS (
      SELECT stage, ts AS entered,
             LEAD(stage) OVER (PARTITION BY opp ORDER BY seq) AS next_stage,
             LEAD(ts) OVER (PARTITION BY opp ORDER BY seq) AS left_at
      FROM stage_events
    ), real AS (
      SELECT stage, entered, next_stage, left_at,
             CASE WHEN next_stage IS NULL THEN 'still' WHEN next_stage = -1 THEN 'won' WHEN next_stage = -2 THEN 'lost'
                  WHEN next_stage > stage THEN 'advanced' ELSE 'regressed' END AS outcome
      FROM stays WHERE stage >= 0
    ), entries AS (
      SELECT stage, entered, outcome FROM real
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
    FROM entries WHERE entered >= ${sec(FROM)} AND entered < ${sec(TO)}
    GROUP BY stage ORDER BY stage`;
  const times: number[] = [];
  let rows: Record<string, unknown>[] = [];
  for (let r = 0; r < REPEAT; r++) {
    const q0 = performance.now();
    rows = (await con.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
    times.push(performance.now() - q0);
  }
  const counts = new Int32Array(OPEN * 7);
  for (const row of rows) {
    const s = Number(row.stage);
    ['entered', 'advanced', 'won', 'lost', 'regressed', 'still', 'skipped'].forEach((f, j) => (counts[s * 7 + j] = Number(row[f])));
  }
  con.closeSync();
  instance.closeSync();
  return { loadMs, queryMs: median(times), counts };
}

function runChild(script: string, what: string): { ms: number; maxRss: number; peakHeap: number } {
  // Plain node on a compiled bundle: no tsx and no on-the-fly compilation in the figures.
  const r = spawnSync(process.execPath, [script, '--child', what], {
    env: process.env,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`child ${what} failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { ms: number; maxRss: number; peakHeap: number };
}

/** Bundles this file (and the library) into bench/.data/ so children run as plain JavaScript. */
async function bundleForChildren(): Promise<string> {
  const { build } = await import('tsup');
  const outDir = join(dirname(fileURLToPath(import.meta.url)), '.data');
  await build({
    entry: { 'analytics-child': fileURLToPath(import.meta.url) },
    outDir,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    splitting: false,
    sourcemap: false,
    dts: false,
    clean: false,
    silent: true,
    config: false,
    external: ['tsup', '@duckdb/node-api', 'zod', 'decimal.js', 'date-fns'],
  });
  return join(outDir, 'analytics-child.js');
}

// ---------------------------------------------------------------------------------------
async function main(): Promise<void> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`funnel analytics — ${N.toLocaleString('en-US')} deals (BENCH_SCALE=${scale}), median of ${REPEAT} runs, Node ${process.version}`);

  // The generated ledgers are valid input: check a sample with the library's own schema.
  for (let i = 0; i < Math.min(N, 2000); i++) {
    const o = makeDeal(i);
    const r = safeParseOpportunity(JSON.parse(JSON.stringify(o)), { pipeline });
    if (!r.success) throw new Error(`generated deal ${i} is invalid: ${r.error.message}`);
  }

  const g0 = performance.now();
  const deals = Array.from(streamDeals(N));
  const events = deals.reduce((n, o) => n + o.history.length, 0);
  out(`generated ${N.toLocaleString('en-US')} deals, ${events.toLocaleString('en-US')} ledger events (${(events / N).toFixed(2)} per deal) in ${ms(performance.now() - g0)}`);

  const flowOptions = { from: FROM, to: TO, asOf: AS_OF } as const;
  const flow = time(() => stageFlow(deals, pipeline, flowOptions));
  const flowSeg = time(() => stageFlow(deals, pipeline, { ...flowOptions, groupBy: ['owner'] }));
  const loop = time(() => handLoop(deals));
  const snap = time(() => funnelSnapshot(deals, pipeline, { asOf: AS_OF }));
  const stalled = time(() => findStalled(deals, pipeline, { asOf: AS_OF }));
  const stalledMedian = time(() => findStalled(deals, pipeline, { asOf: AS_OF, threshold: { medianMultiple: 2 } }));
  const duck = await duckdb(deals);

  const lib = new Int32Array(OPEN * 7);
  flow.result.total.stages.forEach((r, s) => {
    [r.entered, r.advanced, r.won, r.lost, r.regressed, r.stillThere, r.skipped].forEach((v, j) => (lib[s * 7 + j] = v));
  });
  const same = (a: Int32Array, b: Int32Array) => a.length === b.length && a.every((v, i) => v === b[i]);
  const agree = same(lib, loop.result) && same(lib, duck.counts);

  out('');
  out('stage flow, window 2025-07-01 … 2025-12-31, asOf 2026-03-31 (entered / advanced / lost / regressed / still there):');
  for (const r of flow.result.total.stages) {
    out(`  ${r.stageId}  ${r.entered} = ${r.advanced} + ${r.lost} + ${r.regressed} + ${r.stillThere}   advance ${((r.advanceRate ?? 0) * 100).toFixed(1)} %, loss ${((r.lossRate ?? 0) * 100).toFixed(1)} %, stalled ${r.stalled}`);
  }
  out(`counts identical in stageFlow, the hand-written loop and DuckDB: ${agree ? 'yes' : 'NO'}`);
  out('');
  const rate = (t: number) => `${((N / t) * 1000 / 1e6).toFixed(2)} M deals/s`;
  out('time (in-memory array input):');
  out(`  stageFlow                         ${ms(flow.ms).padStart(8)}   ${rate(flow.ms)}   (target < 2000 ms at 1 M)`);
  out(`  stageFlow, groupBy owner (50)     ${ms(flowSeg.ms).padStart(8)}`);
  out(`  hand-written loop (baseline)      ${ms(loop.ms).padStart(8)}   stageFlow / loop = ${(flow.ms / loop.ms).toFixed(2)}×`);
  out(`  DuckDB query (same counts)        ${ms(duck.queryMs).padStart(8)}   stageFlow / DuckDB = ${(flow.ms / duck.queryMs).toFixed(2)}×  (target ≤ 3×)`);
  out(`  DuckDB table load (appender)      ${ms(duck.loadMs).padStart(8)}   (not in the ratio)`);
  out(`  funnelSnapshot (exact Decimal)    ${ms(snap.ms).padStart(8)}   ${snap.result.total.count.toLocaleString('en-US')} open deals, weighted ${snap.result.total.weightedAmount.amount.toFixed(2)} CNY`);
  out(`  findStalled, stage thresholds     ${ms(stalled.ms).padStart(8)}   ${stalled.result.total.length.toLocaleString('en-US')} stalled`);
  out(`  findStalled, 2 × median stay      ${ms(stalledMedian.ms).padStart(8)}   ${stalledMedian.result.total.length.toLocaleString('en-US')} stalled`);

  out('');
  out('peak memory of a child process reading a generator, never an array (target < 200 MB):');
  out('  (children run the compiled library with plain node; peak RSS includes Node itself; peak JS heap sampled every 10 000 deals)');
  const script = await bundleForChildren();
  out('                                     peak RSS   peak heap   time incl. generation');
  const drain = runChild(script, 'drain');
  out(`  generator only (baseline)         ${mb(drain.maxRss).padStart(8)}   ${mb(drain.peakHeap).padStart(8)}   ${ms(drain.ms)}`);
  for (const [what, note] of [['stageFlow', 'by owner'], ['funnelSnapshot', 'by owner'], ['findStalled', 'its result']] as const) {
    const c = runChild(script, what);
    out(`  ${`${what} (${note})`.padEnd(34)}${mb(c.maxRss).padStart(8)}   ${mb(c.peakHeap).padStart(8)}   ${ms(c.ms)} (+${ms(c.ms - drain.ms)} over the generator alone)`);
  }
}

await main();
