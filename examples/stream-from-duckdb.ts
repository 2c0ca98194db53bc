// Streams a big book out of a database in chunks (分批读取) and reports on it in bounded
// memory: an in-process DuckDB holds the deals in the documented tables (DUCKDB_DDL: the
// headers in `opportunities`, the ledgers in `opportunity_events`); chunks of deals are
// read in id order with their events (keyset pagination: `WHERE id > last ORDER BY id
// LIMIT n`), each chunk becomes a DealColumns with dealColumnsFromRows (no deal objects),
// and `accumulate` feeds the chunks to the accumulators of stageFlow and
// weightedForecast. Only one chunk is in memory at a time; the report is the one a single
// pass over the whole book gives (checked at the default size).
//
//   npx tsx examples/stream-from-duckdb.ts                      (20 000 deals, chunks of 5 000)
//   EXAMPLE_DEALS=1000000 npx tsx examples/stream-from-duckdb.ts  (chunks of 50 000)
//
// The report goes to stdout; the time and the peak memory (RSS and heap, sampled after
// every chunk) to stderr.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import {
  accumulate,
  dealColumnsFromRows,
  DUCKDB_DDL,
  parsePipeline,
  roundToMinor,
  stageFlow,
  stageFlowAccumulator,
  weightedForecast,
  weightedForecastAccumulator,
  type DealColumns,
  type EventRowInput,
  type OpportunityRowInput,
} from '../src/index.js';

const pipeline = parsePipeline({
  id: 'direct',
  name: '直销漏斗',
  currency: 'CNY',
  stages: [
    { id: 'lead', name: '初步接触', kind: 'open', probability: '0.1', stallAfterDays: 30 },
    { id: 'qualify', name: '需求确认', kind: 'open', probability: '0.3', stallAfterDays: 30 },
    { id: 'proposal', name: '方案报价', kind: 'open', probability: '0.6' },
    { id: 'negotiate', name: '商务谈判', kind: 'open', probability: '0.8' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});
const flowOptions = { asOf: '2026-04-01T00:00:00+08:00', groupBy: ['owner'] } as const;
const forecastOptions = { groupBy: ['period'], timeZone: 'Asia/Shanghai' } as const;

const total = Number(process.env.EXAMPLE_DEALS ?? 20_000);
const chunkSize = total >= 200_000 ? 50_000 : 5_000;

// A deterministic book, generated inside DuckDB: deal i is created in 初步接触, advances
// twice, gets an expected close date (every other deal) or a call, then is won, lost,
// sent back to 需求确认 or advanced to 商务谈判; five ledger events each. The session time
// zone is pinned: DuckDB adds days to a TIMESTAMPTZ and casts it to DATE in that zone,
// which otherwise is the machine's.
const fill = (n: number) => `
  SET TimeZone = 'UTC';
  CREATE TEMP TABLE plan AS SELECT i, 'o-' || lpad(i::VARCHAR, 8, '0') AS id,
    TIMESTAMPTZ '2025-01-01 00:00:00+00' + to_days((i % 450)::INTEGER) + to_seconds((i * 7919 % 86400)::BIGINT) AS t0,
    i % 5 AS fate, i % 2 = 0 AS dated
  FROM range(0, ${n}) t(i);
  INSERT INTO opportunities SELECT id, 'c-' || (i % 20000), 'direct', '商机 ' || i,
    CAST(50000 + (i * 7919 % 1000) * 1000 + (i % 100) / 100 AS DECIMAL(38, 20)), 'CNY',
    CASE WHEN dated THEN CAST(t0 + to_days(90) AS DATE) END, NULL,
    CASE fate WHEN 0 THEN 'won' WHEN 1 THEN 'lost' WHEN 2 THEN 'qualify' ELSE 'negotiate' END,
    CASE fate WHEN 0 THEN 'won' WHEN 1 THEN 'lost' ELSE 'open' END,
    NULL, NULL, ['wang', 'li', 'zhang', 'zhao', 'chen'][1 + i % 5], NULL, '{}',
    CASE WHEN fate < 2 THEN t0 + to_days(40) END, CASE WHEN fate = 1 THEN '价格' END, NULL, '{}', 5, NULL
  FROM plan;
  INSERT INTO opportunity_events
  SELECT id, 1, 'created', t0, NULL, NULL, '{"stageId":"lead"}' FROM plan
  UNION ALL SELECT id, 2, 'stage_changed', t0 + to_days(10), NULL, NULL, '{"from":"lead","to":"qualify","kind":"advance"}' FROM plan
  UNION ALL SELECT id, 3, CASE WHEN dated THEN 'close_date_changed' ELSE 'activity_logged' END, t0 + to_days(12), NULL, NULL,
    CASE WHEN dated THEN '{"from":null,"to":"' || CAST(CAST(t0 + to_days(90) AS DATE) AS VARCHAR) || '"}' ELSE '{"kind":"call"}' END FROM plan
  UNION ALL SELECT id, 4, 'stage_changed', t0 + to_days(25), NULL, NULL, '{"from":"qualify","to":"proposal","kind":"advance"}' FROM plan
  UNION ALL SELECT id, 5, CASE fate WHEN 0 THEN 'won' WHEN 1 THEN 'lost' ELSE 'stage_changed' END, t0 + to_days(40), NULL, NULL,
    CASE fate WHEN 0 THEN '{"stageId":"won"}' WHEN 1 THEN '{"stageId":"lost","reason":"价格"}'
      WHEN 2 THEN '{"from":"proposal","to":"qualify","kind":"regress","reason":"预算重审"}'
      ELSE '{"from":"proposal","to":"negotiate","kind":"advance"}' END FROM plan;
  DROP TABLE plan;`;

// Only the columns the columns need (converting a value costs more than reading it): not
// the name, the completed tasks or who made each change.
const HEADER_COLUMNS = `id, customer_id, pipeline_id, amount, currency, expected_close_date, region, stage_id, status,
  probability_override, forecast_category_override, owner_id, splits, closed_at, loss_reason, competitor,
  attributes, version`;
const EVENT_COLUMNS = 'opportunity_id, seq, type, "at", payload';

type Row = Record<string, unknown>;

async function rows(db: DuckDBConnection, sql: string, values: string[]): Promise<Row[]> {
  return (await db.runAndReadAll(sql, values)).getRowObjectsJson() as Row[];
}

const peak = { rss: 0, heapUsed: 0 };
function sample(): void {
  const m = process.memoryUsage();
  peak.rss = Math.max(peak.rss, m.rss);
  peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
}

/**
 * The book in chunks of `chunkSize` deals (id order), each as DealColumns: the headers of
 * the chunk, then the events of exactly those deals, grouped by deal as the headers
 * come (`ORDER BY opportunity_id, seq`).
 */
async function* chunks(db: DuckDBConnection): AsyncGenerator<DealColumns> {
  let last = '';
  for (;;) {
    const headers = await rows(db, `SELECT ${HEADER_COLUMNS} FROM opportunities WHERE pipeline_id = 'direct' AND id > $1 ORDER BY id LIMIT ${chunkSize}`, [last]);
    if (headers.length === 0) return;
    const through = headers[headers.length - 1]!['id'] as string;
    const events = await rows(db, `SELECT ${EVENT_COLUMNS} FROM opportunity_events WHERE opportunity_id > $1 AND opportunity_id <= $2 ORDER BY opportunity_id, seq`, [last, through]);
    last = through;
    yield dealColumnsFromRows(headers as unknown as OpportunityRowInput[], events as unknown as EventRowInput[], pipeline);
    sample();
  }
}

const t0 = performance.now();
const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
await db.run(DUCKDB_DDL);
await db.run(fill(total));
const loaded = performance.now();
sample();

const [flow, forecast] = await accumulate(chunks(db), [stageFlowAccumulator(pipeline, flowOptions), weightedForecastAccumulator(pipeline, forecastOptions)]);
const f = flow.result();
const w = forecast.result();
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
process.stderr.write(
  `${total} deals loaded into DuckDB in ${((loaded - t0) / 1000).toFixed(1)} s, streamed in chunks of ${chunkSize} in ${((performance.now() - loaded) / 1000).toFixed(1)} s; ` +
    `peak RSS ${mb(peak.rss)} (DuckDB's memory included), peak heap ${mb(peak.heapUsed)}\n`,
);

console.log(`阶段流转 (stage flow) over ${total.toLocaleString('en-US')} deals streamed from DuckDB in chunks of ${chunkSize.toLocaleString('en-US')}, as of ${f.asOf?.toISOString()}`);
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
for (const r of f.total.stages) {
  console.log(`  ${r.stageId.padEnd(10)} entered ${String(r.entered).padStart(8)}  advanced ${pct(r.advanceRate).padStart(6)}  lost ${pct(r.lossRate).padStart(6)}  still there ${pct(r.stayRate).padStart(6)}`);
}
console.log('加权预测 (weighted forecast) by quarter, Asia/Shanghai:');
for (const g of w.groups) console.log(`  ${g.key[0]}  ${roundToMinor(g.value.weighted).amount.toFixed(2).padStart(18)} CNY  (${g.value.count} deals)`);

// At the default size: the chunks give what one read of the whole book gives.
if (total <= 50_000) {
  const all = dealColumnsFromRows(
    (await rows(db, `SELECT ${HEADER_COLUMNS} FROM opportunities ORDER BY id`, [])) as unknown as OpportunityRowInput[],
    (await rows(db, `SELECT ${EVENT_COLUMNS} FROM opportunity_events ORDER BY opportunity_id, seq`, [])) as unknown as EventRowInput[],
    pipeline,
  );
  const same = JSON.stringify(stageFlow(all, pipeline, flowOptions)) === JSON.stringify(f) && JSON.stringify(weightedForecast(all, pipeline, forecastOptions)) === JSON.stringify(w);
  console.log(`chunks = one read of the whole book: ${same ? 'yes' : 'NO'}`);
  if (!same) process.exitCode = 1;
}
db.disconnectSync();
instance.closeSync();
