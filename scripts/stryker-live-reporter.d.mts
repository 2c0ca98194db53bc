// Types of scripts/stryker-live-reporter.mjs, for its test (test/scripts/strykerLiveReporter.test.ts).

/** What the reporter reads of a Stryker mutant result. */
export interface LiveMutantResult {
  status: string;
  fileName: string;
  location: { start: { line: number; column: number } };
  mutatorName: string;
  replacement?: string;
}

export const strykerPlugins: ReadonlyArray<{
  kind: 'Reporter';
  name: string;
  injectableClass: new () => { onMutantTested(result: LiveMutantResult): void };
}>;
