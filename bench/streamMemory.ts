// Memory of streaming a big book through the accumulators (issue "Big books on one
// machine"): 5 M deals, generated chunk by chunk (the source: a cursor that yields 10 000
// deals at a time and forgets them), fed to stageFlow's and weightedForecast's accumulators
// with `accumulate`, once as deal objects and once as DealColumns chunks.
//
//   npx tsx --expose-gc bench/streamMemory.ts         (full size: 5 000 000 deals)
//   BENCH_SCALE=0.01 npx tsx bench/streamMemory.ts    (smoke run: 50 000 deals)
//
// Each pass samples the heap after a forced garbage collection every 20 chunks: the
// retained heap. The source alone (chunks generated and dropped) is the baseline; the
// library's own heap is the retained heap of a pass minus the baseline's. Target: under
// 50 MB above the source's. Times are printed, never asserted.
import { accumulate, dealColumns, stageFlowAccumulator, weightedForecastAccumulator, type DealColumns, type Opportunity } from '../src/index.js';
import { AS_OF, FROM, makeDeal, pipeline, TO } from './_bookGen.js';

const scale = Number(process.env.BENCH_SCALE ?? '1');
if (!(scale > 0)) throw new Error('BENCH_SCALE must be > 0');
const N = Math.max(1000, Math.round(5_000_000 * scale));
const CHUNK = 10_000;
const gc = (globalThis as { gc?: () => void }).gc;
const out = (line: string) => process.stdout.write(`${line}\n`);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

let peak = 0;
function sample(): void {
  gc?.();
  const h = process.memoryUsage().heapUsed;
  if (h > peak) peak = h;
}

/** The source: N deals, a chunk at a time, sampled every 20 chunks. */
async function* chunks<T>(convert: (deals: Opportunity[]) => T): AsyncGenerator<T> {
  for (let start = 0, k = 0; start < N; start += CHUNK, k++) {
    const deals = Array.from({ length: Math.min(CHUNK, N - start) }, (_, j) => makeDeal(start + j));
    if (k % 20 === 0) sample();
    yield convert(deals);
  }
}

async function pass(name: string, run: () => Promise<unknown>): Promise<number> {
  gc?.();
  peak = 0;
  const t0 = performance.now();
  await run();
  sample();
  out(`  ${name.padEnd(44)} retained heap peak ${mb(peak).padStart(9)}   ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return peak;
}

async function main(): Promise<void> {
  out(`streaming ${N.toLocaleString('en-US')} deals in chunks of ${CHUNK.toLocaleString('en-US')} (BENCH_SCALE=${process.env.BENCH_SCALE ?? '1'}), Node ${process.version}${gc ? '' : ' — run with --expose-gc for retained-heap figures'}`);
  const flowOptions = { from: FROM, to: TO, asOf: AS_OF, groupBy: ['owner'] } as const;
  const forecastOptions = { groupBy: ['period', 'owner'] } as const;
  const baseline = await pass('source only (chunks generated and dropped)', async () => {
    for await (const c of chunks((d) => d)) if (c.length < 0) throw new Error('unreachable');
  });
  const accs = () => [stageFlowAccumulator(pipeline, flowOptions), weightedForecastAccumulator(pipeline, forecastOptions)] as const;
  let objectResult: unknown;
  const objects = await pass('objects → stageFlow + weightedForecast', async () => {
    const [flow, forecast] = await accumulate(chunks((d) => d), accs());
    objectResult = [flow.result(), forecast.result()];
  });
  let columnResult: unknown;
  const columns = await pass('columns → stageFlow + weightedForecast', async () => {
    const [flow, forecast] = await accumulate(chunks((d): DealColumns => dealColumns(d, pipeline)), accs());
    columnResult = [flow.result(), forecast.result()];
  });
  out('');
  out(`library's own heap above the source's: objects ${mb(objects - baseline)}, columns ${mb(columns - baseline)} (target < 50 MB)`);
  out(`the two passes give the same results: ${JSON.stringify(objectResult) === JSON.stringify(columnResult) ? 'yes' : 'NO'}`);
}

await main();
