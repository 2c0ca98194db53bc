// The vitest configuration `npm run mutate` (scripts/mutate.mjs) hands to Stryker: the
// project's own settings (setup file, time-outs) without the type tests, property tests
// that stop at their first failure (vitest.mutate.setup.mjs), and only the
// test files of the area being measured, named in the environment variable
// MUTATE_TESTS (comma-separated globs, relative to the repository root), less those named
// in MUTATE_EXCLUDE_TESTS (`npm run mutate -- --exclude-tests`).
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const include = (process.env['MUTATE_TESTS'] ?? '').split(',').filter((glob) => glob !== '');
if (include.length === 0) throw new Error('MUTATE_TESTS is empty: run this through `npm run mutate`');
const excluded = (process.env['MUTATE_EXCLUDE_TESTS'] ?? '').split(',').filter((glob) => glob !== '');
// `npm run mutate -- --test-timeout <ms>`: how long one test may run (60 s unless given).
const testTimeout = Number(process.env['MUTATE_TEST_TIMEOUT'] ?? 60_000);

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include,
    exclude: [...configDefaults.exclude, ...excluded],
    typecheck: { enabled: false },
    setupFiles: ['test/setup.ts', 'scripts/vitest.mutate.setup.mjs'],
    testTimeout,
    hookTimeout: testTimeout,
  },
});
