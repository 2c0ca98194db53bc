// Runs every benchmark in bench/ one after another, each in its own process so their
// memory figures do not mix. Pass BENCH_SCALE=0.01 for a quick smoke run.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const file of files) {
  process.stdout.write(`\n### ${file}\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(here, file)], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    failed++;
    process.stdout.write(`${file} exited with ${r.status ?? r.signal}\n`);
  }
}
process.exit(failed === 0 ? 0 : 1);
