// Measures the minified + gzipped size of the core entry (`sales-funnel`), for the README.
// Not a test: run `npm run build && npx tsx test/package/coreSize.ts`.
//
// What is measured: dist/index.js (the ESM build of the core, with the chunks it imports)
// bundled by esbuild as an application would bundle it (minified, ES2022, tree-shaken),
// then gzipped at level 9. zod and decimal.js are peer dependencies that an application
// already has, so they are left out; date-fns is a dependency, and the few functions the
// library uses are bundled in. Two figures: importing everything, and importing only
// `money` and `add` (what tree-shaking leaves for a small use).
import { build } from 'esbuild';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../docs/support.js';

async function measure(contents: string): Promise<{ min: number; gzip: number }> {
  const result = await build({
    stdin: { contents, resolveDir: repoRoot, loader: 'js' },
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    external: ['zod', 'decimal.js'],
    write: false,
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const entry = `./${path.posix.join('dist', 'index.js')}`;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
for (const [label, contents] of [
  ['everything (export * from sales-funnel)', `export * from '${entry}';`],
  ['money + add only', `export { money, add } from '${entry}';`],
] as const) {
  const { min, gzip } = await measure(contents);
  console.log(`${label}: ${kib(min)} minified, ${kib(gzip)} minified + gzipped (${gzip} bytes)`);
}
