// Types of scripts/mutation-summary.mjs, for its test (test/scripts/mutationSummary.test.ts).

/** Mutant counts of one file or one area. */
export interface MutationCounts {
  mutants: number;
  killed: number;
  survived: number;
  timeout: number;
  noCoverage: number;
  ignored: number;
  errors: number;
  static: number;
  score: number | null;
}

/** A mutation-testing-report-schema report, as far as the summary reads it. */
export interface MutationReport {
  projectRoot?: string;
  files: Record<string, { mutants: ReadonlyArray<{ id: string; status: string; static?: boolean }> }>;
}

/** What `npm run mutate` records beside each report. */
export interface MutationMeta {
  commit?: string;
  dirty?: boolean;
  finished?: string;
  concurrency?: number;
  mutate?: readonly string[];
  partial?: boolean;
  tests?: readonly string[];
  stryker?: string;
  part?: string;
}

export const REPORT_DIR: string;
export const DOCUMENT: string;
export const AREA_ORDER: readonly string[];
export function score(counts: Pick<MutationCounts, 'mutants' | 'killed' | 'timeout' | 'ignored'>): number | null;
export function summarize(report: MutationReport, projectRoot?: string): { files: Array<MutationCounts & { file: string }>; total: MutationCounts };
export function percent(value: number | null): string;
export function areaTable(area: string, summary: ReturnType<typeof summarize>): string;
export function areaSection(area: string, summary: ReturnType<typeof summarize>, meta?: MutationMeta | readonly MutationMeta[]): string;
export function reportKey(fileName: string): { area: string; part: string | undefined } | null;
export function mergeRuns(runs: ReadonlyArray<{ report: MutationReport; meta?: MutationMeta }>): {
  report: MutationReport;
  runs: Array<{ report: MutationReport; meta?: MutationMeta }>;
};
export function readSections(document: string): Map<string, string>;
export function updateDocument(document: string, fresh: ReadonlyMap<string, string>): string;
