// Benchmark of weightedForecast (加权预测) grouped by quarter and owner.
//
//   npx tsx bench/forecast.ts                       (full size: 1 000 000 deals)
//   BENCH_SCALE=0.01 npx tsx bench/forecast.ts      (smoke run: 10 000 deals)
//
// The same seeded deals go through three implementations, measured in the same run:
//   1. weightedForecast(deals, pipeline, { groupBy: ['period', 'owner'] })
//   2. a hand-written decimal.js loop (the baseline: probability precedence, forecast
//      date, quarter key, exact sums of amount and weighted amount per group, nothing else)
//   3. DuckDB SQL over a table of the same deals (DECIMAL(18,2) amounts and DECIMAL(5,4)
//      probabilities, so also exact); loading the table is timed separately.
// Target: weightedForecast within 2× of the hand-written loop. The three results are
// checked to agree exactly, group by group; times are printed, never asserted.
//
// The data: 50 owners, 4 open stages (10/25/50/75 %) plus won and lost, 10 % of open
// deals with a probability override, about 1 % suspended and 2 % without a close date,
// close dates over 2026–2027. No credit splits (the hand-written loop does not split).
import { DuckDBInstance, dateValue, decimalValue, timestampValue, type DuckDBAppender } from '@duckdb/node-api';
import DecimalJs from 'decimal.js';
import { mulberry32, UINT32_RANGE } from '../src/_lib/random.js';
import { Decimal, parsePipeline, weightedForecast, type Opportunity, type Pipeline } from '../src/index.js';

const scale = Number(process.env.BENCH_SCALE ?? process.argv[2] ?? '1');
if (!(scale > 0)) throw new Error('BENCH_SCALE must be > 0');
const N = Math.max(100, Math.round(1_000_000 * scale));
const REPEAT = scale < 0.1 ? 10 : 3;

const pipeline: Pipeline = parsePipeline({
  id: 'p',
  name: 'Bench',
  currency: 'CNY',
  stages: [
    { id: 's0', name: '线索', kind: 'open', probability: '0.1' },
    { id: 's1', name: '需求确认', kind: 'open', probability: '0.25' },
    { id: 's2', name: '方案提出', kind: 'open', probability: '0.5' },
    { id: 's3', name: '报价洽谈', kind: 'open', probability: '0.75' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});
const OWNERS = Array.from({ length: 50 }, (_, i) => `rep-${String(i).padStart(2, '0')}`);
const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);

/** Seeded deals, identical in every run. Also returns the raw columns for DuckDB. */
function makeDeals(n: number, seed = 42) {
  const rnd = mulberry32(seed);
  const u = () => rnd() / UINT32_RANGE;
  const deals: Opportunity[] = new Array<Opportunity>(n);
  const template = { customerId: 'c', pipelineId: 'p', name: 'd', completedTasks: {}, attributes: {}, history: [] };
  for (let i = 0; i < n; i++) {
    const cents = 100_000 + Math.floor(u() * 500_000_000); // 1 000.00 – 5 001 000.00
    const r = u();
    const stageId = r < 0.15 ? 'won' : r < 0.3 ? 'lost' : `s${Math.floor(u() * 4)}`;
    const status = stageId === 'won' ? 'won' : stageId === 'lost' ? 'lost' : u() < 0.013 ? 'suspended' : 'open';
    const day = Math.floor(u() * 730);
    const closeDate = new Date(START + day * DAY).toISOString().slice(0, 10);
    const noDate = status === 'open' && u() < 0.025;
    const override = status === 'open' && u() < 0.1 ? new Decimal(Math.floor(u() * 100)).div(100) : undefined;
    deals[i] = {
      ...template,
      id: `o${i}`,
      ownerId: OWNERS[i % OWNERS.length],
      amount: { amount: new Decimal(cents).div(100), currency: 'CNY' },
      stageId,
      status,
      ...(noDate ? {} : { expectedCloseDate: closeDate }),
      ...(override === undefined ? {} : { probabilityOverride: override }),
      ...(status === 'won' || status === 'lost' ? { closedAt: new Date(START + day * DAY + Math.floor(u() * DAY)) } : {}),
    } as unknown as Opportunity;
  }
  return deals;
}

// ---- 2. the hand-written decimal.js loop ------------------------------------------------
const D = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_EVEN });
const stageProbability = new Map(pipeline.stages.map((s) => [s.id as string, new D(s.probability)]));
function handWritten(deals: readonly Opportunity[]): Map<string, { amount: DecimalJs; weighted: DecimalJs }> {
  const groups = new Map<string, { amount: DecimalJs; weighted: DecimalJs }>();
  const one = new D(1);
  const zero = new D(0);
  for (const o of deals) {
    if (o.status === 'suspended') continue;
    const date = o.status !== 'open' && o.closedAt !== undefined ? o.closedAt.toISOString().slice(0, 10) : o.expectedCloseDate;
    if (date === undefined) continue;
    const p = o.status === 'won' ? one : o.status === 'lost' ? zero : (o.probabilityOverride ?? (stageProbability.get(o.stageId) as DecimalJs));
    const key = `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}|${o.ownerId}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = { amount: zero, weighted: zero };
      groups.set(key, g);
    }
    if (o.status !== 'lost') g.amount = g.amount.plus(o.amount.amount);
    g.weighted = g.weighted.plus(o.amount.amount.times(p));
  }
  return groups;
}

// ---- 3. DuckDB ---------------------------------------------------------------------------
async function duckdb(deals: readonly Opportunity[]) {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(`CREATE TABLE stages (id VARCHAR, probability DECIMAL(5,4))`);
  for (const s of pipeline.stages) await conn.run(`INSERT INTO stages VALUES ('${s.id}', ${s.probability.toString()})`);
  await conn.run(
    `CREATE TABLE deals (amount DECIMAL(18,2), stage_id VARCHAR, status VARCHAR, owner VARCHAR, close_date DATE, closed_at TIMESTAMP, override DECIMAL(5,4))`,
  );
  const t0 = performance.now();
  const app: DuckDBAppender = await conn.createAppender('deals');
  for (const o of deals) {
    app.appendDecimal(decimalValue(BigInt(o.amount.amount.times(100).toFixed(0)), 18, 2));
    app.appendVarchar(o.stageId);
    app.appendVarchar(o.status);
    app.appendVarchar(o.ownerId);
    if (o.expectedCloseDate === undefined) app.appendNull();
    else app.appendDate(dateValue(Math.round(Date.parse(`${o.expectedCloseDate}T00:00:00Z`) / DAY)));
    if (o.closedAt === undefined) app.appendNull();
    else app.appendTimestamp(timestampValue(BigInt(o.closedAt.getTime()) * 1000n));
    if (o.probabilityOverride === undefined) app.appendNull();
    else app.appendDecimal(decimalValue(BigInt(o.probabilityOverride.times(10_000).toFixed(0)), 5, 4));
    app.endRow();
  }
  app.closeSync();
  const loadMs = performance.now() - t0;
  const sql = `
    WITH f AS (
      SELECT d.amount, d.owner, d.status,
             CASE d.status WHEN 'won' THEN 1 WHEN 'lost' THEN 0 ELSE COALESCE(d.override, s.probability) END AS p,
             CASE WHEN d.status IN ('won', 'lost') AND d.closed_at IS NOT NULL THEN CAST(d.closed_at AS DATE) ELSE d.close_date END AS dt
      FROM deals d JOIN stages s ON s.id = d.stage_id
      WHERE d.status <> 'suspended')
    SELECT CAST(year(dt) AS VARCHAR) || '-Q' || CAST(quarter(dt) AS VARCHAR) || '|' || owner AS k,
           CAST(SUM(CASE WHEN status <> 'lost' THEN amount ELSE 0 END) AS VARCHAR) AS amount,
           CAST(SUM(amount * p) AS VARCHAR) AS weighted
    FROM f WHERE dt IS NOT NULL GROUP BY 1 ORDER BY 1`;
  const times: number[] = [];
  let rows: unknown[][] = [];
  for (let i = 0; i < REPEAT; i++) {
    const q0 = performance.now();
    rows = (await conn.runAndReadAll(sql)).getRows() as unknown[][];
    times.push(performance.now() - q0);
  }
  conn.closeSync();
  instance.closeSync();
  return { loadMs, queryMs: Math.min(...times), rows };
}

/** Best time of each function over REPEAT rounds, run alternately so that a busy machine slows both alike. */
function bestOf(fs: ReadonlyArray<() => unknown>): { ms: number; value: unknown }[] {
  const out = fs.map(() => ({ ms: Infinity, value: undefined as unknown }));
  for (let i = 0; i < REPEAT; i++) {
    fs.forEach((f, j) => {
      const t0 = performance.now();
      const value = f();
      const ms = performance.now() - t0;
      const o = out[j] as { ms: number; value: unknown };
      o.value = value;
      o.ms = Math.min(o.ms, ms);
    });
  }
  return out;
}

const g0 = performance.now();
const deals = makeDeals(N);
const genMs = performance.now() - g0;

// Warm up the JIT on a slice.
const warm = deals.slice(0, Math.min(20_000, N));
weightedForecast(warm, pipeline, { groupBy: ['period', 'owner'] });
handWritten(warm);

const [hand, ours] = bestOf([() => handWritten(deals), () => weightedForecast(deals, pipeline, { groupBy: ['period', 'owner'] })]) as [
  { ms: number; value: unknown },
  { ms: number; value: unknown },
];
const duck = await duckdb(deals);

// The three must agree exactly, group by group.
const f = ours.value as ReturnType<typeof weightedForecast>;
const h = hand.value as ReturnType<typeof handWritten>;
if (f.groups.length !== h.size || f.groups.length !== duck.rows.length) {
  throw new Error(`group counts differ: ${f.groups.length} / ${h.size} / ${duck.rows.length}`);
}
const duckByKey = new Map(duck.rows.map((r) => [String(r[0]), r]));
for (const { key, value: row } of f.groups) {
  const k = key.join('|');
  const hv = h.get(k);
  const dv = duckByKey.get(k);
  if (hv === undefined || dv === undefined) throw new Error(`group ${k} missing`);
  const lostFree = row.amount.amount; // open + won, as the loop and SQL compute it
  if (!lostFree.eq(hv.amount.toString()) || !row.weighted.amount.eq(hv.weighted.toString())) throw new Error(`hand-written loop differs at ${k}`);
  if (!lostFree.eq(String(dv[1])) || !row.weighted.amount.eq(String(dv[2]))) throw new Error(`DuckDB differs at ${k}: ${String(dv[2])} vs ${row.weighted.amount.toString()}`);
}

const out = (s: string) => process.stdout.write(`${s}\n`);
out(`deals: ${N} (BENCH_SCALE=${scale}), ${f.groups.length} groups (quarter × owner); best of ${REPEAT}; generated in ${genMs.toFixed(0)} ms`);
out(`unforecastable ${f.unforecastable.count + f.unforecastable.lost.count}, suspended ${f.suspended.count}; total (dated deals) weighted ${f.total.weighted.amount.toFixed(2)} CNY (the three agree exactly in every group)`);
out(`${'run'.padEnd(52)} ${'ms'.padStart(9)} ${'× hand loop'.padStart(12)} ${'ns/deal'.padStart(9)}`);
const line = (label: string, ms: number) =>
  out(`${label.padEnd(52)} ${ms.toFixed(0).padStart(9)} ${(ms / hand.ms).toFixed(2).padStart(12)} ${((ms * 1e6) / N).toFixed(0).padStart(9)}`);
line('baseline: hand-written decimal.js loop', hand.ms);
line('weightedForecast, groupBy [period, owner]', ours.ms);
line('DuckDB SQL query (table already loaded)', duck.queryMs);
line('DuckDB: loading the table with the appender', duck.loadMs);
out(`target: weightedForecast ≤ 2× the hand-written loop → ${ours.ms <= 2 * hand.ms ? 'met' : 'NOT met'} (${(ours.ms / hand.ms).toFixed(2)}×)`);
