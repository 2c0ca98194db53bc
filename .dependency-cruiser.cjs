// The layering of src/, checked in CI by `npm run depcheck` (dependency-cruiser).
//
// Layers, bottom up. A module may import from its own layer (where the rules below allow)
// and from the layers under it, never from a layer above:
//
//   1. src/i18n, src/_lib      messages, errors and the helpers several areas share
//   2. src/time                instants, calendar dates, zones, periods
//   3. src/money               Decimal, Money, currencies
//   4. src/model               schemas, ids, the pipeline index, grouping
//   5. src/engine              stage gates          (imports layers 1-4 only)
//      src/analytics           funnel metrics       (imports layers 1-4 only)
//      src/forecast            forecasts            (layers 1-4 and analytics)
//      src/planning            handover, territories, quota (layers 1-4, analytics, forecast)
//      src/customers           the pool (公海), follow-up, classes (layers 1-4, analytics, engine types)
//      src/sql                 SQL for the definitions, `sales-funnel/sql` (layers 1-4 only)
//   6. src/index.ts            the public entry point
//      src/testing/            `sales-funnel/testing` (layers 1-5 and src/index.ts)
//   7. src/cli/                the command line: the library only through src/index.ts
//
// Besides: no import cycles (type-only imports count); a module under an area's `_lib`
// folder (src/<area>/_lib/) is private to that area; nothing in src imports test/, bench/
// or examples/; nothing outside src/cli imports a Node.js built-in, so the core runs in
// browsers, Deno and Bun; and src imports no package that is only a devDependency.

/** `^src/(a|b|...)(/|\.ts$)`: the modules of the given areas (folders or single files). */
const areas = (...names) => `^src/(${names.map((n) => n.replace('.', '\\.')).join('|')})(/|$)`;

const ABOVE_1 = ['time', 'money', 'model', 'engine', 'analytics', 'forecast', 'planning', 'customers', 'sql', 'testing', 'cli', 'index.ts'];
const ABOVE_5 = ['testing', 'cli', 'index.ts'];

/** A layering rule: modules matching `from` import nothing in `to`. */
const layer = (name, comment, from, to) => ({ name, comment, severity: 'error', from: { path: from }, to: { path: to } });

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // ---- the layers -------------------------------------------------------------------
    layer('layer-1-i18n-lib', 'src/i18n and the shared src/_lib are the bottom layer: they import nothing from time, money, model, the areas, the entry points or the CLI.', areas('i18n', '_lib'), areas(...ABOVE_1)),
    layer('layer-2-time', 'src/time imports only i18n and the shared src/_lib.', areas('time'), areas(...ABOVE_1.slice(1))),
    layer('layer-3-money', 'src/money imports only i18n, src/_lib and time.', areas('money'), areas(...ABOVE_1.slice(2))),
    layer('layer-4-model', 'src/model imports only i18n, src/_lib, time and money.', areas('model'), areas(...ABOVE_1.slice(3))),
    layer('layer-5-engine', 'src/engine imports layers 1-4 only (not analytics, forecast, planning).', areas('engine'), areas('analytics', 'forecast', 'planning', 'customers', 'sql', ...ABOVE_5)),
    layer('layer-5-analytics', 'src/analytics imports layers 1-4 only (not engine, forecast, planning).', areas('analytics'), areas('engine', 'forecast', 'planning', 'customers', 'sql', ...ABOVE_5)),
    layer('layer-5-forecast', 'src/forecast imports layers 1-4 and analytics (not engine, planning).', areas('forecast'), areas('engine', 'planning', 'customers', 'sql', ...ABOVE_5)),
    layer('layer-5-planning', 'src/planning imports layers 1-4, analytics and forecast (not engine).', areas('planning'), areas('engine', 'customers', 'sql', ...ABOVE_5)),
    layer('layer-5-customers', 'src/customers imports layers 1-4, analytics and the engine (not forecast, planning, sql).', areas('customers'), areas('forecast', 'planning', 'sql', ...ABOVE_5)),
    layer('layer-5-sql', 'src/sql imports layers 1-4 only.', areas('sql'), areas('engine', 'analytics', 'forecast', 'planning', 'customers', ...ABOVE_5)),
    layer('layer-6-index', 'src/index.ts (the core entry) imports neither sales-funnel/testing (fast-check is an optional peer) nor the CLI.', '^src/index\\.ts$', areas('testing', 'cli')),
    layer('layer-6-testing', 'src/testing imports layers 1-5 and src/index.ts, never the CLI.', areas('testing'), areas('cli')),
    {
      name: 'layer-7-cli-through-index',
      comment: 'src/cli uses the library only through its public entry point src/index.ts (besides its own files, Node.js built-ins and packages).',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/', pathNot: ['^src/cli/', '^src/index\\.ts$'] },
    },

    // ---- structure ----------------------------------------------------------------------
    {
      name: 'no-circular',
      comment: 'No import cycles, type-only imports included (a helper never imports its caller, not even for a type: move the type down).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'area-lib-is-private',
      comment: "A module under src/<area>/_lib/ is private to its area: import it only from src/<area>/. Code that several areas share belongs in the shared src/_lib/ (or in a lower layer).",
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/([^/]+)/_lib/', pathNot: '^src/$1/' },
    },
    {
      name: 'src-not-to-tests',
      comment: 'The library never imports tests, benchmarks or examples.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|examples|scripts)/' },
    },
    {
      name: 'core-no-node-builtins',
      comment: 'Only the CLI may use Node.js built-ins: the core and sales-funnel/testing run in browsers, Deno and Bun.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'src-not-to-dev-dependency',
      comment: 'src imports no package that is only a devDependency (peer dependencies such as zod, decimal.js and fast-check are also dev dependencies, for the tests: they are fine).',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['npm-peer', 'npm', 'type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves to a file or an installed package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are dependencies too: they make cycles and layer breaches.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
