// Mutation testing (issue #18): runs StrykerJS once per area, each area's mutants against
// that area's own tests only, then writes the summary table to docs/quality/mutation.md
// (scripts/mutation-summary.mjs). Not part of .ci/run: it takes from minutes (money) to
// hours (the whole library) on two cores.
//
//   npm run mutate                          every area, one after the other
//   npm run mutate -- money engine          only these areas
//   npm run mutate -- money --concurrency 1 one test runner (default: half the cores, at least 1)
//   npm run mutate -- money --force         ignore the incremental file, test every mutant again
//   npm run mutate -- money --no-summary    leave docs/quality/mutation.md alone
//   npm run mutate -- engine --files 'src/engine/transition.ts,src/engine/_lib/*.ts'
//                                           only these of the area's files (a partial run: the
//                                           summary lists the files it mutated)
//   npm run mutate -- money --timeout 30000 wait 30 s more than a normal run before calling a
//                                           mutant an infinite loop (default 10 000 ms)
//   npm run mutate -- planning --part handover --files 'src/planning/planHandover.ts,src/planning/_lib/handover/*.ts'
//                                           one part of an area measured on its own (its own
//                                           report and incremental file, <area>--<part>.*): the
//                                           summary puts an area's parts together, file by file,
//                                           so an area too slow for one sitting is measured in
//                                           several
//   npm run mutate -- planning --part solver-a --files 'src/planning/_lib/territorySearch.ts:1-450'
//                                           a line range of one file (Stryker's syntax): for a
//                                           file too slow for one sitting, measured range by range
//                                           (the summary adds up the last run of each range)
//   npm run mutate -- planning --test-timeout 300000
//                                           let each test run up to 300 s (default 60 s): under
//                                           Stryker's instrumentation a heavy property test can
//                                           run ten times slower than in `npm test`
//   npm run mutate -- planning --part solver-b --files 'src/planning/_lib/territorySearch.ts:387-836' \
//     --exclude-tests test/planning/balanceTerritories.largeBooks.property.test.ts
//                                           a part measured without some of the area's test files
//                                           (comma-separated globs; only with --part): for a test
//                                           too slow to run once per mutant. A mutant only that
//                                           test would kill counts as survived, so the score is a
//                                           lower bound; the summary names the files left out
//   npm run mutate -- --list                the areas, their mutated files and their tests
//
// MUTATE_CONCURRENCY=1 in the environment does the same as --concurrency 1.
//
// Per area (or per part: <area>--<part> in place of <area>), in reports/mutation/ (git-ignored): <area>.json (the mutation-testing-report-schema
// report the summary reads), <area>.html (to browse the survivors), <area>.incremental.json
// (Stryker's incremental file: the next run tests only mutants whose code or tests changed)
// <area>.meta.json (the commit measured, the date, the settings) and <area>.live.txt (each
// mutant no test killed, written as soon as it is tested: scripts/stryker-live-reporter.mjs). Stryker's sandboxes go to
// .stryker-tmp/ (git-ignored).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The areas: which files are mutated and which tests may kill them. Each area runs only its
 * own tests, so a mutant that only a CLI, docs or another area's test would kill counts as
 * survived: the area's tests must stand on their own.
 *
 * money also takes the shared decimal and minor-unit helpers in src/_lib (decimal*.ts: parsing,
 * the library's Decimal; minorUnits.ts), which src/money and test/money are built on,
 * and their direct tests in test/_lib. model runs test/model only: src/money lies below
 * src/model, so test/money cannot reach model code, and the model's use of money is tested
 * in test/model.
 */
export const AREAS = {
  engine: { mutate: ['src/engine/**/*.ts'], tests: ['test/engine/**/*.test.ts'] },
  money: {
    mutate: ['src/money/**/*.ts', 'src/_lib/decimal*.ts', 'src/_lib/minorUnits.ts'],
    tests: ['test/money/**/*.test.ts', 'test/_lib/decimal*.test.ts', 'test/_lib/minorUnits*.test.ts'],
  },
  model: { mutate: ['src/model/**/*.ts'], tests: ['test/model/**/*.test.ts'] },
  analytics: { mutate: ['src/analytics/**/*.ts'], tests: ['test/analytics/**/*.test.ts'] },
  forecast: { mutate: ['src/forecast/**/*.ts'], tests: ['test/forecast/**/*.test.ts'] },
  planning: { mutate: ['src/planning/**/*.ts'], tests: ['test/planning/**/*.test.ts'] },
  customers: { mutate: ['src/customers/**/*.ts'], tests: ['test/customers/**/*.test.ts'] },
  sql: { mutate: ['src/sql/**/*.ts'], tests: ['test/sql/**/*.test.ts'] },
};

export const REPORT_DIR = 'reports/mutation';

function parseArgs(argv) {
  const options = { areas: [], concurrency: undefined, force: false, summary: true, list: false, files: undefined, timeout: 10_000, testTimeout: 60_000, part: undefined, excludeTests: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--concurrency') options.concurrency = argv[++i];
    else if (arg.startsWith('--concurrency=')) options.concurrency = arg.slice('--concurrency='.length);
    else if (arg === '--force') options.force = true;
    else if (arg === '--files') options.files = argv[++i].split(',').filter((glob) => glob !== '');
    else if (arg === '--timeout') options.timeout = Number(argv[++i]);
    else if (arg === '--test-timeout') options.testTimeout = Number(argv[++i]);
    else if (arg === '--part') options.part = argv[++i];
    else if (arg === '--exclude-tests') options.excludeTests = argv[++i].split(',').filter((glob) => glob !== '');
    else if (arg === '--no-summary') options.summary = false;
    else if (arg === '--list') options.list = true;
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else if (Object.hasOwn(AREAS, arg)) options.areas.push(arg);
    else throw new Error(`unknown area ${arg} (areas: ${Object.keys(AREAS).join(', ')})`);
  }
  if (options.areas.length === 0) options.areas = Object.keys(AREAS);
  const given = options.concurrency ?? process.env['MUTATE_CONCURRENCY'];
  const n = given === undefined || given === '' ? Math.max(1, Math.floor(availableParallelism() / 2)) : Number(given);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--concurrency must be a whole number ≥ 1, not ${given}`);
  options.concurrency = n;
  if (!Number.isInteger(options.timeout) || options.timeout < 1) throw new Error('--timeout must be a whole number of milliseconds');
  if (!Number.isInteger(options.testTimeout) || options.testTimeout < 1) throw new Error('--test-timeout must be a whole number of milliseconds');
  if (options.files !== undefined && options.areas.length !== 1) throw new Error('--files needs exactly one area');
  if (options.excludeTests !== undefined && options.part === undefined) throw new Error('--exclude-tests needs --part (a part measured without some tests is reported on its own)');
  if (options.part !== undefined) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(options.part)) throw new Error('--part must be lower-case letters, digits and single dashes');
    if (options.areas.length !== 1 || options.files === undefined) throw new Error('--part needs exactly one area and --files');
  }
  return options;
}

function git(...args) {
  const r = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

/** The name an area's (or one part's) reports go by: `<area>` or `<area>--<part>`. */
export function reportName(area, part) {
  return part === undefined ? area : `${area}--${part}`;
}

/** The Stryker configuration of one area (or one part of it). */
export function strykerConfig(area, concurrency, { files, timeout = 10_000, part } = {}) {
  const { tests } = AREAS[area];
  const name = reportName(area, part);
  const mutate = files ?? AREAS[area].mutate;
  return {
    packageManager: 'npm',
    testRunner: 'vitest',
    vitest: { configFile: 'scripts/vitest.mutate.config.mjs', related: false },
    coverageAnalysis: 'perTest',
    mutate,
    // Copy only what the tests need into the sandbox (not dist/, docs-site/, bench data).
    ignorePatterns: ['/*', '!/src', '!/test', '!/scripts', '!/package.json', '!/tsconfig.json', '!/vitest.config.ts'],
    incremental: true,
    incrementalFile: `${REPORT_DIR}/${name}.incremental.json`,
    concurrency,
    // The machine is shared: wait longer before calling a slow mutant an infinite loop.
    timeoutMS: timeout,
    reporters: ['json', 'html', 'progress', 'live-survivors'],
    appendPlugins: [join(root, 'scripts/stryker-live-reporter.mjs')],
    jsonReporter: { fileName: `${REPORT_DIR}/${name}.json` },
    htmlReporter: { fileName: `${REPORT_DIR}/${name}.html` },
    tempDirName: '.stryker-tmp',
    cleanTempDir: 'always',
    _tests: tests,
  };
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.list) {
    for (const area of options.areas) console.log(`${area}\n  mutate: ${AREAS[area].mutate.join(' ')}\n  tests:  ${AREAS[area].tests.join(' ')}`);
    return;
  }
  mkdirSync(join(root, REPORT_DIR), { recursive: true });
  const commit = git('rev-parse', 'HEAD');
  const dirty = git('status', '--porcelain', '--', 'src', 'test') !== '';
  let failed = false;
  for (const area of options.areas) {
    const { _tests: tests, ...config } = strykerConfig(area, options.concurrency, options);
    const name = reportName(area, options.part);
    const configFile = join(root, REPORT_DIR, `${name}.stryker.json`);
    writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
    const started = new Date();
    const without = options.excludeTests === undefined ? '' : ` without ${options.excludeTests.join(' ')}`;
    console.log(`\n== ${name}: mutating ${config.mutate.join(' ')} against ${tests.join(' ')}${without} (concurrency ${options.concurrency})`);
    const args = [join(root, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', configFile];
    if (options.force) args.push('--force');
    const run = spawnSync(process.execPath, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, MUTATE_TESTS: tests.join(','), MUTATE_EXCLUDE_TESTS: (options.excludeTests ?? []).join(','), MUTATE_TEST_TIMEOUT: String(options.testTimeout), MUTATE_LIVE_FILE: join(root, REPORT_DIR, `${name}.live.txt`) },
    });
    if (run.status !== 0) {
      console.error(`${area}: Stryker failed (exit ${run.status ?? run.signal})`);
      failed = true;
      continue;
    }
    const meta = {
      area,
      commit,
      dirty,
      started: started.toISOString(),
      finished: new Date().toISOString(),
      concurrency: options.concurrency,
      mutate: config.mutate,
      partial: options.files !== undefined,
      ...(options.part === undefined ? {} : { part: options.part }),
      timeoutMS: options.timeout,
      testTimeoutMS: options.testTimeout,
      tests,
      ...(options.excludeTests === undefined ? {} : { excludedTests: options.excludeTests }),
      stryker: JSON.parse(readFileSync(join(root, 'node_modules/@stryker-mutator/core/package.json'), 'utf8')).version,
    };
    writeFileSync(join(root, REPORT_DIR, `${name}.meta.json`), `${JSON.stringify(meta, null, 2)}\n`);
  }
  if (options.summary) {
    const summary = spawnSync(process.execPath, [join(root, 'scripts/mutation-summary.mjs')], { cwd: root, stdio: 'inherit' });
    if (summary.status !== 0) failed = true;
  }
  if (failed) process.exitCode = 1;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main();
