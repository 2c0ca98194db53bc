import { defineConfig } from 'tsup';

// No source maps: the published tarball ships dist/ only, not src/, so a map would point
// at sources that are not there (and double the package size).

export default defineConfig([
  {
    entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts', 'sql/index': 'src/sql/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: false,
    clean: true,
    treeshake: true,
    // Shared code goes into chunks in both formats, so that `sales-funnel` and
    // `sales-funnel/testing` (and `sales-funnel/sql`) share one module instance (one Decimal clone, one
    // FunnelError class) under require() as they do under import.
    splitting: true,
    target: 'es2022',
    platform: 'neutral',
    external: ['zod', 'decimal.js', 'fast-check', 'date-fns'],
  },
  {
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: false,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
    external: ['zod', 'decimal.js', 'date-fns'],
  },
]);
