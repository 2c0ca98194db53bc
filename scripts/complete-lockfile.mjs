// Completes package-lock.json with the platform-specific optional packages (rollup,
// DuckDB bindings, ...) that a registry mirror may not serve for other platforms.
// `npm install` silently leaves such packages out of the lock file, and `npm ci` then
// refuses the lock as out of sync. Each entry gets os/cpu/libc from its name, so npm
// skips it on other platforms without fetching anything.
//
// Run after every `npm install` that changes the lock file:
//   node scripts/complete-lockfile.mjs
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const dry = spawnSync('npm', ['ci', '--dry-run', '--ignore-scripts'], { encoding: 'utf8' });
const missing = [...(dry.stderr + dry.stdout).matchAll(/Missing: (\S+)@\S* from lock file/g)].map((m) => m[1]);
if (missing.length === 0) {
  console.log('package-lock.json is complete');
  process.exit(0);
}

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const specs = new Map();
for (const meta of Object.values(lock.packages)) {
  for (const [name, spec] of Object.entries(meta.optionalDependencies ?? {})) if (!specs.has(name)) specs.set(name, spec);
}
const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openbsd', 'openharmony', 'sunos', 'netbsd', 'aix'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 'riscv64', 's390x'];
for (const name of missing) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.slice(parts.indexOf(os) + 1).find((p) => CPU.includes(p));
  if (!specs.has(name) || os === undefined || cpu === undefined) throw new Error(`cannot complete ${name}: not a platform package`);
  const entry = { version: specs.get(name), cpu: [cpu], dev: true, license: 'MIT', optional: true, os: [os] };
  if (name.includes('musl')) entry.libc = ['musl'];
  else if (name.includes('gnu')) entry.libc = ['glibc'];
  lock.packages[`node_modules/${name}`] = entry;
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${missing.length} platform entries: ${missing.join(', ')}`);
