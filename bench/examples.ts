// Runs the big-book examples at full size (issue "Big books on one machine"): the worker
// threads example and the DuckDB streaming example, each over 1 M deals (scaled by
// BENCH_SCALE), printing their reports and, on stderr, their time and peak memory. The
// test command runs the same examples at their small default size.
//
//   npx tsx bench/examples.ts
//   BENCH_SCALE=0.01 npx tsx bench/examples.ts        (smoke run: 10 000 deals)
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const scale = Number(process.env.BENCH_SCALE ?? '1');
if (!(scale > 0)) throw new Error('BENCH_SCALE must be > 0');
const deals = Math.max(1000, Math.round(1_000_000 * scale));
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let failed = 0;
for (const example of ['worker-shards.ts', 'stream-from-duckdb.ts']) {
  process.stdout.write(`\n## examples/${example} with EXAMPLE_DEALS=${deals}\n`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'examples', example)], {
    stdio: 'inherit',
    env: { ...process.env, EXAMPLE_DEALS: String(deals) },
  });
  process.stdout.write(`exit ${r.status ?? r.signal} after ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
