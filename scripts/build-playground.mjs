// Builds the playground pages of the documentation site (docs/playground/) into
// docs-site/playground/: the HTML pages and their stylesheet as they are, and one
// JavaScript bundle per page (esbuild: the page's code, the library from src/ and its
// dependencies, minified, no CDN, no source maps). `npm run docs` runs it after typedoc.
//
//   node scripts/build-playground.mjs [--out DIR]
//
// The bundles are built for the browser platform, so an import of a Node.js built-in
// anywhere in what a page uses fails the build. The pages link their files through
// `../playground/`, so they also work from the copies typedoc makes in docs-site/media/
// (docs/guides/playground.md links the pages, and typedoc copies linked files there).
import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'docs', 'playground');

/** The pages: an HTML file and the entry point of its bundle (same name). */
export const PAGES = ['report', 'stage-gate', 'forecast'];

function outDirOf(argv) {
  const i = argv.indexOf('--out');
  if (i < 0) return path.join(root, 'docs-site', 'playground');
  const dir = argv[i + 1];
  if (dir === undefined || dir.startsWith('--')) throw new Error('--out needs a directory');
  return path.resolve(dir);
}

/** Static files may load nothing from elsewhere: no http(s) or protocol-relative URLs in src/href, no @import. */
function checkStatic(file, text) {
  const external = /(?:src|href)\s*=\s*["'](?:https?:)?\/\//i.exec(text) ?? /@import|url\(\s*["']?(?:https?:)?\/\//i.exec(text);
  if (external !== null) throw new Error(`${path.relative(root, file)} loads something from another site: ${external[0]}`);
}

/**
 * Builds the playground into `outDir`.
 *
 * @param {string} outDir - Where the pages go (created if needed).
 * @returns {Promise<{ file: string, bytes: number, gzip: number }[]>} The files written.
 */
export async function buildPlayground(outDir) {
  mkdirSync(outDir, { recursive: true });
  const written = [];
  for (const name of readdirSync(source)) {
    if (!/\.(html|css)$/.test(name)) continue;
    const from = path.join(source, name);
    checkStatic(from, readFileSync(from, 'utf8'));
    copyFileSync(from, path.join(outDir, name));
    written.push(path.join(outDir, name));
  }
  await build({
    entryPoints: Object.fromEntries(PAGES.map((page) => [page, path.join(source, 'src', `${page.replace(/-(\w)/g, (_, c) => c.toUpperCase())}.ts`)])),
    outdir: outDir,
    tsconfig: path.join(source, 'tsconfig.json'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    sourcemap: false,
    legalComments: 'eof',
    charset: 'utf8',
    logLevel: 'warning',
  });
  for (const page of PAGES) written.push(path.join(outDir, `${page}.js`));
  return written.map((file) => {
    const bytes = statSync(file).size;
    return { file, bytes, gzip: gzipSync(readFileSync(file)).length };
  });
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = outDirOf(process.argv.slice(2));
  const files = await buildPlayground(outDir);
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  for (const f of files.filter((f) => f.file.endsWith('.js'))) {
    console.log(`${path.relative(root, f.file)}  ${kib(f.bytes)} (${kib(f.gzip)} gzipped)`);
  }
  console.log(`playground: ${files.length} files in ${path.relative(root, outDir) || '.'}`);
}
