// Loaded after test/setup.ts by scripts/vitest.mutate.config.mjs, under mutation testing
// only. A property that fails on a mutant has done its job at the first counterexample:
// shrinking it can take minutes on two cores, long enough for Stryker to call the mutant
// a timeout, and it tells the run nothing more. So fast-check stops at the first failure.
import fc from 'fast-check';

fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: true });
