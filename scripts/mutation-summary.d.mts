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

/** The counts of one file as a run record keeps them (`MutationCounts` without the score). */
export type MutationFileCounts = Omit<MutationCounts, 'score'>;

/**
 * A mutation-testing-report-schema report, as far as the summary reads it. A file may also be
 * given by its counts (as in a `MutationRecord`) instead of its mutants.
 */
export interface MutationReport {
  projectRoot?: string;
  files: Record<string, { mutants: ReadonlyArray<{ id: string; status: string; static?: boolean }> } | MutationFileCounts>;
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
  /** Test files left out of the run (`npm run mutate -- --exclude-tests`): its score is a lower bound. */
  excludedTests?: readonly string[];
  stryker?: string;
  part?: string;
  /** Set on a record copied by hand from an earlier summary: where from, and why. */
  transcribed?: string;
}

/** What docs/quality/mutation-runs/<name>.json keeps of one run. */
export interface MutationRecord {
  meta: MutationMeta;
  files: Record<string, MutationFileCounts>;
}

/** One run to merge: a report with its meta, or a record. */
export type MutationRun = { report: MutationReport; meta?: MutationMeta } | MutationRecord;

export const REPORT_DIR: string;
export const DOCUMENT: string;
export const RUNS_DIR: string;
export const AREA_ORDER: readonly string[];
export function score(counts: Pick<MutationCounts, 'mutants' | 'killed' | 'timeout' | 'ignored'>): number | null;
export function summarize(report: MutationReport, projectRoot?: string): { files: Array<MutationCounts & { file: string }>; total: MutationCounts };
export function compactRecord(report: MutationReport, meta: MutationMeta, projectRoot?: string): MutationRecord;
export function recordText(record: MutationRecord): string;
export function percent(value: number | null): string;
export function lineRangeOf(meta: MutationMeta | undefined, path: string): { from: number; to: number } | undefined;
export function areaTable(area: string, summary: ReturnType<typeof summarize>): string;
export function areaSection(area: string, summary: ReturnType<typeof summarize>, meta?: MutationMeta | readonly MutationMeta[]): string;
export function reportKey(fileName: string): { area: string; part: string | undefined } | null;
export function mergeRuns<Run extends MutationRun>(runs: ReadonlyArray<Run>): {
  report: MutationReport;
  runs: Run[];
};
export function readSections(document: string): Map<string, string>;
export function updateDocument(document: string, fresh: ReadonlyMap<string, string>): string;
export function main(projectRoot?: string, log?: (line: string) => void): void;
