// Memory of streaming a big book through the accumulators (issue "Big books on one
// machine"): 5 M deals, generated chunk by chunk (the source: a cursor that yields 10 000
// deals at a time and forgets them), fed to stageFlow's and weightedForecast's accumulators
// with `accumulate`, as deal objects and as DealColumns chunks.
//
//   npx tsx --expose-gc bench/streamMemory.ts         (full size: 5 000 000 deals)
//   BENCH_SCALE=0.01 npx tsx bench/streamMemory.ts    (smoke run: 50 000 deals)
//
// Each pass samples the heap (heapUsed + arrayBuffers) after a forced garbage collection
// every 10 chunks: the retained heap. The source alone (chunks generated and dropped;
// for the column passes, generated, turned into columns and dropped) is the baseline; the
// library's own heap is the retained heap of a pass minus its source's at the peak, and
// what is held at the end of the pass (the accumulators, no chunk in flight) above the
// heap with nothing held.
// Target: under 50 MB above the source's. The weighted forecast runs twice: with its
// defaults (the ids of the unforecastable and suspended deals kept: they grow with the
// book) and with `opportunityIds: false` (counts and sums only), the setting for a
// stream. Times are printed, never asserted.
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
let last = 0;
function sample(): void {
  // Twice: the second collection also finishes sweeping what the first freed.
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  last = m.heapUsed + m.arrayBuffers;
  if (last > peak) peak = last;
}

/** The source: N deals, a chunk at a time, sampled every 10 chunks. */
async function* chunks<T>(convert: (deals: Opportunity[]) => T): AsyncGenerator<T> {
  for (let start = 0, k = 0; start < N; start += CHUNK, k++) {
    const deals = Array.from({ length: Math.min(CHUNK, N - start) }, (_, j) => makeDeal(start + j));
    if (k % 10 === 0) sample();
    yield convert(deals);
  }
}

interface Pass {
  readonly peak: number;
  readonly end: number;
}

async function pass(name: string, run: () => Promise<unknown>): Promise<Pass> {
  gc?.();
  peak = 0;
  const t0 = performance.now();
  await run();
  const r = { peak, end: last };
  out(`  ${name.padEnd(56)} retained heap peak ${mb(r.peak).padStart(9)}, at the end ${mb(r.end).padStart(9)}   ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return r;
}

async function main(): Promise<void> {
  out(`streaming ${N.toLocaleString('en-US')} deals in chunks of ${CHUNK.toLocaleString('en-US')} (BENCH_SCALE=${process.env.BENCH_SCALE ?? '1'}), Node ${process.version}${gc ? '' : ' — run with --expose-gc for retained-heap figures'}`);
  const flowOptions = { from: FROM, to: TO, asOf: AS_OF, groupBy: ['owner'] } as const;
  const forecastOptions = { groupBy: ['period', 'owner'] } as const;
  const sourceOnly = async () => {
    // Each chunk dropped as soon as it is read (no loop variable holds the last one).
    const source = chunks((d) => d);
    while (!(await source.next()).done) {
      // nothing: the source alone
    }
  };
  const first = await pass('source only (chunks generated and dropped)', sourceOnly);
  const columnsSource = await pass('source only, as columns (chunks converted and dropped)', async () => {
    const source = chunks((d): DealColumns => dealColumns(d, pipeline));
    while (!(await source.next()).done) {
      // nothing: the source alone
    }
  });
  // The floor: nothing held (no chunk, no accumulator).
  sample();
  const floor = last;
  const accs = (opportunityIds: boolean) =>
    [stageFlowAccumulator(pipeline, flowOptions), weightedForecastAccumulator(pipeline, { ...forecastOptions, opportunityIds })] as const;
  const results: string[] = [];
  const run = async (name: string, columns: boolean, opportunityIds: boolean): Promise<Pass> =>
    pass(name, async () => {
      const source = columns ? chunks((d): DealColumns => dealColumns(d, pipeline)) : chunks((d) => d);
      const [flow, forecast] = await accumulate(source as AsyncIterable<readonly Opportunity[] | DealColumns>, accs(opportunityIds));
      sample(); // the accumulators still held
      const f = forecast.result();
      results.push(JSON.stringify([flow.result(), { ...f, unforecastable: { ...f.unforecastable, opportunityIds: [] }, suspended: { ...f.suspended, opportunityIds: [] } }]));
    });
  const objectsIds = await run('objects → stageFlow + weightedForecast (ids kept)', false, true);
  const objects = await run('objects → stageFlow + weightedForecast (opportunityIds: false)', false, false);
  const columnsIds = await run('columns → stageFlow + weightedForecast (ids kept)', true, true);
  const columns = await run('columns → stageFlow + weightedForecast (opportunityIds: false)', true, false);
  // The source again, warm (the first pass also compiles the generator's code): the baseline
  // of the peaks is the lower of the two.
  const again = await pass('source only, again', sourceOnly);
  const baseline = first.peak <= again.peak ? first : again;
  out('');
  const above = (p: Pass, source: Pass) =>
    `${mb(p.peak - source.peak).padStart(8)} at the peak, ${mb(p.end - floor).padStart(8)} held at the end (the accumulators, no chunk in flight)`;
  out(`library's own heap above the source's (target < 50 MB; the column passes against the source that yields columns):`);
  out(`  objects, opportunityIds: false  ${above(objects, baseline)}`);
  out(`  columns, opportunityIds: false  ${above(columns, columnsSource)}`);
  out(`  objects, ids kept (defaults)    ${above(objectsIds, baseline)}`);
  out(`  columns, ids kept (defaults)    ${above(columnsIds, columnsSource)}`);
  out(`the four passes give the same figures: ${results.every((r) => r === results[0]) ? 'yes' : 'NO'}`);
}

await main();
