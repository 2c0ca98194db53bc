import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type MutationMeta,
  type MutationRecord,
  type MutationReport,
  areaSection,
  areaTable,
  compactRecord,
  lineRangeOf,
  main,
  mergeRuns,
  percent,
  recordText,
  reportKey,
  readSections,
  summarize,
  updateDocument,
} from '../../scripts/mutation-summary.mjs';

/** A tiny hand-made report in the mutation-testing-report-schema shape. */
function tinyReport(): MutationReport {
  const mutants = (statuses: readonly string[], staticIds: readonly number[] = []) =>
    statuses.map((status, i) => ({ id: String(i), status, ...(staticIds.includes(i) ? { static: true } : {}) }));
  return {
    files: {
      // 4 killed, 1 survived, 1 timeout, 1 no coverage, 1 ignored, 1 compile error (not counted):
      // mutants = 8, score = (4 + 1) / (8 − 1) = 5/7 = 71.43 % → "71.4 %".
      'src/money/b.ts': {
        mutants: mutants(['Killed', 'Killed', 'Survived', 'Timeout', 'NoCoverage', 'Ignored', 'Killed', 'Killed', 'CompileError'], [0, 2]),
      },
      // 2 killed, 2 survived: score 2/4 = "50.0 %".
      '/repo/src/money/a.ts': { mutants: mutants(['Killed', 'Survived', 'Killed', 'Survived']) },
      // Only ignored mutants: nothing tested, no score.
      'src/_lib/c.ts': { mutants: mutants(['Ignored']) },
      // No mutants at all: left out.
      'src/money/index.ts': { mutants: [] },
    },
  };
}

describe('mutation summary', () => {
  it('counts each file and the area total by hand', () => {
    const { files, total } = summarize(tinyReport(), '/repo');
    expect(files.map((f) => f.file)).toEqual(['src/_lib/c.ts', 'src/money/a.ts', 'src/money/b.ts']);
    const b = files[2]!;
    expect(b).toMatchObject({ mutants: 8, killed: 4, survived: 1, timeout: 1, noCoverage: 1, ignored: 1, errors: 1, static: 2 });
    expect(b.score).toBeCloseTo(5 / 7, 12);
    expect(files[1]).toMatchObject({ mutants: 4, killed: 2, survived: 2, score: 0.5 });
    expect(files[0]).toMatchObject({ mutants: 1, ignored: 1, score: null });
    // Total: 8 + 4 + 1 = 13 mutants, 6 killed, 1 timeout, 2 ignored: (6 + 1) / (13 − 2) = 7/11.
    expect(total).toMatchObject({ mutants: 13, killed: 6, survived: 3, timeout: 1, noCoverage: 1, ignored: 2, errors: 1, static: 2 });
    expect(total.score).toBeCloseTo(7 / 11, 12);
  });

  it('refuses a report with mutants still pending', () => {
    expect(() => summarize({ files: { 'src/x.ts': { mutants: [{ id: '1', status: 'Pending' }] } } })).toThrow(/Pending/);
  });

  it('prints scores with one decimal', () => {
    expect(percent(5 / 7)).toBe('71.4 %');
    expect(percent(1)).toBe('100.0 %');
    expect(percent(0.85)).toBe('85.0 %');
    expect(percent(null)).toBe('–');
  });

  it('writes the table: the total first, then one row per file', () => {
    const lines = areaTable('money', summarize(tinyReport(), '/repo')).split('\n');
    expect(lines[0]).toBe('| file | mutants | killed | survived | timeout | no coverage | ignored | static | score |');
    // 7/11 = 63.64 %.
    expect(lines[2]).toBe('| **money total** | 13 | 6 | 3 | 1 | 1 | 2 | 2 | **63.6 %** |');
    expect(lines[3]).toBe('| `src/_lib/c.ts` | 1 | 0 | 0 | 0 | 0 | 1 | 0 | – |');
    expect(lines[4]).toBe('| `src/money/a.ts` | 4 | 2 | 2 | 0 | 0 | 0 | 0 | 50.0 % |');
    expect(lines[5]).toBe('| `src/money/b.ts` | 8 | 4 | 1 | 1 | 1 | 1 | 2 | 71.4 % |');
    expect(lines).toHaveLength(6);
  });

  it('replaces only the areas it has reports for and keeps the rest of the document', () => {
    const summary = summarize(tinyReport(), '/repo');
    const first = updateDocument('', new Map([['money', areaSection('money', summary, { commit: 'abcdef1234567890', finished: '2025-11-28T10:00:00Z' })]]));
    expect(first).toContain('Measured on commit `abcdef123456`, 2025-11-28.');
    const edited = `${first}\n## History\n\nhand-written notes\n`;
    const second = updateDocument(edited, new Map([['engine', 'engine table']]));
    const sections = readSections(second);
    expect([...sections.keys()]).toEqual(['engine', 'money']); // in the areas' order
    expect(sections.get('engine')).toBe('engine table');
    expect(sections.get('money')).toBe(readSections(first).get('money'));
    expect(second.endsWith('## History\n\nhand-written notes\n')).toBe(true);
    // Re-running with the same sections changes nothing.
    expect(updateDocument(second, sections)).toBe(second);
  });

  it('tells a report from the other files of the report folder by its name', () => {
    expect(reportKey('engine.json')).toEqual({ area: 'engine', part: undefined });
    expect(reportKey('planning--territories.json')).toEqual({ area: 'planning', part: 'territories' });
    expect(reportKey('planning--solver-core.json')).toEqual({ area: 'planning', part: 'solver-core' });
    for (const other of ['engine.meta.json', 'engine.incremental.json', 'engine.stryker.json', 'engine.html', 'planning--territories.meta.json', 'planning--a--b.json', 'planning--.json', 'Engine.json']) {
      expect(reportKey(other)).toBeNull();
    }
  });

  it('puts the parts of an area together file by file, the later run counting where two mutated one file', () => {
    const killed = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(i), status: 'Killed' }));
    const survived = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `s${i}`, status: 'Survived' }));
    const older = {
      report: { projectRoot: '/clone-a', files: { '/clone-a/src/planning/x.ts': { mutants: survived(3) }, 'src/planning/y.ts': { mutants: killed(2) } } },
      meta: { part: 'one', finished: '2026-11-29T04:00:00Z' },
    };
    const newer = {
      report: { projectRoot: '/clone-b', files: { '/clone-b/src/planning/x.ts': { mutants: [...killed(2), ...survived(1)] } } },
      meta: { part: 'two', finished: '2026-11-29T05:00:00Z' },
    };
    const shadowed = { report: { files: { 'src/planning/x.ts': { mutants: killed(9) } } }, meta: { part: 'old', finished: '2026-11-28T00:00:00Z' } };
    // Given in any order, merged oldest first; the run whose only file a later run measured again is left out.
    const merged = mergeRuns([newer, shadowed, older]);
    expect(merged.runs.map((r) => r.meta?.part)).toEqual(['one', 'two']);
    const { files, total } = summarize(merged.report, '/elsewhere');
    expect(files.map((f) => [f.file, f.mutants, f.killed, f.survived])).toEqual([
      ['src/planning/x.ts', 3, 2, 1],
      ['src/planning/y.ts', 2, 2, 0],
    ]);
    // (2 + 2) / 5 killed.
    expect(total.score).toBeCloseTo(4 / 5, 12);
    const section = areaSection('planning', summarize(merged.report), [
      { ...older.meta, commit: 'aaaaaaaaaaaaaaaa', mutate: ['src/planning/y.ts'], tests: ['test/planning/**/*.test.ts'], stryker: '9.6.1', concurrency: 2 },
      { ...newer.meta, commit: 'bbbbbbbbbbbbbbbb', mutate: ['src/planning/x.ts'], tests: ['test/planning/**/*.test.ts'], stryker: '9.6.1', concurrency: 1 },
    ]);
    expect(section).toContain('Measured in 2 runs, each over a part of the area');
    expect(section).toContain(' Tests: `test/planning/**/*.test.ts`.');
    expect(section).toContain('- part `one`, on commit `aaaaaaaaaaaa`, 2026-11-29, StrykerJS 9.6.1, concurrency 2: `src/planning/y.ts`.');
    // A run without a part: over the whole area, or over some files (`--files`).
    const unnamed = (partial: boolean) => areaSection('planning', summarize(merged.report), [{ commit: 'c'.repeat(12), finished: '2026-11-27T00:00:00Z', partial }, newer.meta]);
    expect(unnamed(false)).toContain('- the whole area, on commit `cccccccccccc`, 2026-11-27.');
    expect(unnamed(true)).toContain('- a run over some of the files, on commit `cccccccccccc`, 2026-11-27.');
    expect(section).toContain('- part `two`, on commit `bbbbbbbbbbbb`, 2026-11-29, StrykerJS 9.6.1, concurrency 1: `src/planning/x.ts`.');
    expect(section).toContain('| **planning total** | 5 | 4 | 1 | 0 | 0 | 0 | 0 | **80.0 %** |');
    // One run in a list reads as before.
    expect(areaSection('money', summarize(tinyReport(), '/repo'), [{ commit: 'abcdef1234567890', finished: '2025-11-28T10:00:00Z' }])).toContain(
      'Measured on commit `abcdef123456`, 2025-11-28.',
    );
  });
});

describe('run records (docs/quality/mutation-runs/)', () => {
  const counts = (mutants: number, killed: number, survived: number, timeout = 0, noCoverage = 0, ignored = 0, errors = 0, statics = 0) => ({
    mutants,
    killed,
    survived,
    timeout,
    noCoverage,
    ignored,
    errors,
    static: statics,
  });
  const killed = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `k${i}`, status: 'Killed' }));
  const survived = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `s${i}`, status: 'Survived' }));
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the meta and the hand-counted numbers per file, paths sorted and relative', () => {
    const meta = { commit: 'abcdef1234567890', finished: '2025-11-28T10:00:00Z', part: 'core' };
    const record = compactRecord(tinyReport(), meta, '/repo');
    expect(record.meta).toEqual(meta);
    // Counted in tinyReport's comments; index.ts (no mutants) is left out as in the table.
    expect(record.files).toEqual({
      'src/_lib/c.ts': counts(1, 0, 0, 0, 0, 1),
      'src/money/a.ts': counts(4, 2, 2),
      'src/money/b.ts': counts(8, 4, 1, 1, 1, 1, 1, 2),
    });
    expect(Object.keys(record.files)).toEqual(['src/_lib/c.ts', 'src/money/a.ts', 'src/money/b.ts']);
    const text = recordText(record);
    expect(text.startsWith('{\n  "meta": {\n    "commit": "abcdef1234567890",\n')).toBe(true);
    expect(text).toContain('\n    "src/money/b.ts": {\n      "mutants": 8,\n      "killed": 4,\n');
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(record);
  });

  it('gives the same section from a record as from the report it was made from', () => {
    const meta: MutationMeta = { commit: 'abcdef1234567890', finished: '2025-11-28T10:00:00Z', stryker: '9.6.1', concurrency: 2, mutate: ['src/money/*.ts'], tests: ['test/money/**/*.test.ts'] };
    const record: MutationRecord = JSON.parse(recordText(compactRecord(tinyReport(), meta, '/repo')));
    const fromReport = areaSection('money', summarize(tinyReport(), '/repo'), meta);
    expect(areaSection('money', summarize(record), record.meta)).toBe(fromReport);
    expect(fromReport).toContain('| **money total** | 13 | 6 | 3 | 1 | 1 | 2 | 2 | **63.6 %** |');
    // The same for an area in parts: two runs merged, or their two records merged.
    const one = { report: { files: { 'src/money/x.ts': { mutants: [...killed(3), ...survived(1)] } } }, meta: { ...meta, part: 'one' } };
    const two = { report: { ...tinyReport(), projectRoot: '/repo' }, meta: { ...meta, part: 'two', finished: '2025-11-29T10:00:00Z' } };
    const records = [one, two].map((run): MutationRecord => JSON.parse(recordText(compactRecord(run.report, run.meta, '/repo'))));
    const sectionOf = (merged: ReturnType<typeof mergeRuns>) => areaSection('money', summarize(merged.report, '/repo'), merged.runs.map((r) => r.meta ?? {}));
    expect(sectionOf(mergeRuns(records))).toBe(sectionOf(mergeRuns([one, two])));
  });

  it('refuses a record whose counts do not add up', () => {
    expect(() => summarize({ files: { 'src/x.ts': counts(5, 2, 2) } })).toThrow(/5 mutants, but .* add up to 4/);
    expect(() => summarize({ files: { 'src/x.ts': { ...counts(1, 1, 0), static: 2 } } })).toThrow(/2 static mutants of 1/);
    expect(() => summarize({ files: { 'src/x.ts': { ...counts(1, 1, 0), timeout: -1 } } })).toThrow(/timeout is -1/);
  });

  it('merges a record with a full part run file by file, the later run counting', () => {
    // The record: x.ts 1 killed of 3, y.ts 2 of 2, finished on the 28th (a day with no time counts as its start).
    const record: MutationRecord = {
      meta: { commit: 'aaaaaaaaaaaa', finished: '2026-11-28', partial: true, transcribed: 'by hand' },
      files: { 'src/forecast/x.ts': counts(3, 1, 2), 'src/forecast/y.ts': counts(2, 2, 0) },
    };
    // A full run of part `sums` over x.ts only: 4 killed of 5.
    const sums = (finished: string) => ({
      report: { projectRoot: '/clone', files: { '/clone/src/forecast/x.ts': { mutants: [...killed(4), ...survived(1)] } } },
      meta: { commit: 'bbbbbbbbbbbbbbbb', finished, part: 'sums' },
    });
    const later = mergeRuns([sums('2026-11-29T05:00:00Z'), record]);
    expect(later.runs.map((r) => r.meta?.commit)).toEqual(['aaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb']);
    const laterSummary = summarize(later.report);
    expect(laterSummary.files.map((f) => [f.file, f.mutants, f.killed])).toEqual([
      ['src/forecast/x.ts', 5, 4],
      ['src/forecast/y.ts', 2, 2],
    ]);
    // (4 + 2) / 7.
    expect(laterSummary.total.score).toBeCloseTo(6 / 7, 12);
    const section = areaSection('forecast', laterSummary, later.runs.map((r) => r.meta ?? {}));
    expect(section).toContain('- a run over some of the files, on commit `aaaaaaaaaaaa`, 2026-11-28 (counts transcribed from an earlier summary).');
    expect(section).toContain('- part `sums`, on commit `bbbbbbbbbbbb`, 2026-11-29.');
    expect(section).toContain('| **forecast total** | 7 | 6 | 1 | 0 | 0 | 0 | 0 | **85.7 %** |');
    // A part run older than the record: the record's x.ts counts, and the part run drops out.
    const earlier = mergeRuns([sums('2026-11-27T05:00:00Z'), record]);
    expect(earlier.runs).toEqual([record]);
    expect(summarize(earlier.report).files.map((f) => [f.file, f.mutants, f.killed])).toEqual([
      ['src/forecast/x.ts', 3, 1],
      ['src/forecast/y.ts', 2, 2],
    ]);
  });

  it('adds up a file measured in line ranges, the last run of each range counting, and names the ranges', () => {
    const file = 'src/planning/_lib/s.ts';
    const run = (range: string, finished: string, k: number, s: number) => ({
      report: { files: { [file]: { mutants: [...killed(k), ...survived(s)] } } },
      meta: { finished, part: `s-${finished.slice(8, 10)}`, mutate: [`${file}:${range}`] },
    });
    expect(lineRangeOf({ mutate: ['src/x.ts', `${file}:1-400`] }, file)).toEqual({ from: 1, to: 400 });
    expect(lineRangeOf({ mutate: [`${file}:12:3-40:9`] }, file)).toEqual({ from: 12, to: 40 });
    expect(lineRangeOf({ mutate: [file] }, file)).toBeUndefined();
    expect(lineRangeOf({ mutate: ['src/other.ts:1-9'] }, file)).toBeUndefined();
    const whole = { report: { files: { [file]: { mutants: killed(1) }, 'src/planning/t.ts': counts(2, 2, 0) } }, meta: { finished: '2026-11-20T00:00:00Z' } };
    // Lines 401-900 counted twice (the later run counts: 5 killed, 1 survived), lines 1-400 once (3 killed, 1 survived).
    const merged = mergeRuns([run('401-900', '2026-11-25T00:00:00Z', 1, 9), whole, run('1-400', '2026-11-24T00:00:00Z', 3, 1), run('401-900', '2026-11-26T00:00:00Z', 5, 1)]);
    expect(summarize(merged.report).files.map((f) => [f.file, f.mutants, f.killed, f.survived])).toEqual([
      ['src/planning/_lib/s.ts (lines 1-400, 401-900)', 10, 8, 2],
      ['src/planning/t.ts', 2, 2, 0],
    ]);
    // The whole-file run still counts for t.ts; the range run replaced by a later one drops out.
    expect(merged.runs.map((r) => r.meta?.finished?.slice(0, 10))).toEqual(['2026-11-20', '2026-11-24', '2026-11-26']);
    // A later range replaces the earlier ranges it overlaps: 350-950 (2 killed) replaces 1-400 and 401-900.
    const overlapping = mergeRuns([...merged.runs, run('350-950', '2026-11-26T12:00:00Z', 2, 0)]);
    expect(summarize(overlapping.report).files.map((f) => [f.file, f.mutants, f.killed])).toEqual([
      ['src/planning/_lib/s.ts (lines 350-950)', 2, 2],
      ['src/planning/t.ts', 2, 2],
    ]);
    // A whole-file run after the ranges replaces them.
    const again = { report: { files: { [file]: { mutants: killed(7) } } }, meta: { finished: '2026-11-27T00:00:00Z' } };
    expect(summarize(mergeRuns([...merged.runs, again]).report).files.map((f) => [f.file, f.mutants])).toEqual([
      [file, 7],
      ['src/planning/t.ts', 2],
    ]);
  });

  it('says when a run was transcribed', () => {
    const section = areaSection('forecast', summarize({ files: { 'src/forecast/x.ts': counts(2, 1, 1) } }), {
      commit: '72be891d3728',
      finished: '2026-11-29',
      transcribed: 'from docs/quality/mutation.md; the full report is lost',
    });
    expect(section).toContain('Measured on commit `72be891d3728`, 2026-11-29 (counts transcribed from an earlier summary).');
  });

  it('names the test files a part was measured without, and calls its score a lower bound', () => {
    const summary = summarize({ files: { 'src/planning/x.ts': counts(2, 1, 1) } });
    const section = areaSection('planning', summary, [
      { commit: 'aaaaaaaaaaaaaaaa', finished: '2026-11-29T00:00:00Z', part: 'a', mutate: ['src/planning/x.ts:1-9'] },
      { commit: 'bbbbbbbbbbbbbbbb', finished: '2026-11-30T00:00:00Z', part: 'b', mutate: ['src/planning/x.ts:10-20'], excludedTests: ['test/planning/slow.test.ts'] },
    ]);
    expect(section).toContain('- part `a`, on commit `aaaaaaaaaaaa`, 2026-11-29: `src/planning/x.ts:1-9`.');
    expect(section).toContain('- part `b`, on commit `bbbbbbbbbbbb`, 2026-11-30: `src/planning/x.ts:10-20`, without the tests of `test/planning/slow.test.ts` (a lower bound).');
  });

  it('writes a record for each full report, replacing the record of the same name, and summarizes the records left', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mutation-summary-'));
    dirs.push(dir);
    const reportDir = join(dir, 'reports/mutation');
    const runsDir = join(dir, 'docs/quality/mutation-runs');
    mkdirSync(reportDir, { recursive: true });
    mkdirSync(runsDir, { recursive: true });
    // A lost whole-area run, kept as its record: x.ts 1 killed of 3, y.ts 2 of 2.
    const kept: MutationRecord = {
      meta: { commit: 'aaaaaaaaaaaa', finished: '2026-11-28', partial: true, transcribed: 'by hand' },
      files: { 'src/forecast/x.ts': counts(3, 1, 2), 'src/forecast/y.ts': counts(2, 2, 0) },
    };
    writeFileSync(join(runsDir, 'forecast.json'), recordText(kept));
    // A stale record of part `sums`, which its full report below replaces.
    writeFileSync(join(runsDir, 'forecast--sums.json'), recordText({ meta: { finished: '2026-11-29T01:00:00Z' }, files: { 'src/forecast/z.ts': counts(9, 0, 9) } }));
    const report = { projectRoot: dir, files: { [join(dir, 'src/forecast/x.ts')]: { mutants: [...killed(4), ...survived(1)] } } };
    const meta = { commit: 'bbbbbbbbbbbbbbbb', finished: '2026-11-29T05:00:00Z' };
    writeFileSync(join(reportDir, 'forecast--sums.json'), JSON.stringify(report));
    writeFileSync(join(reportDir, 'forecast--sums.meta.json'), JSON.stringify(meta));
    const lines: string[] = [];
    main(dir, (line) => lines.push(line));

    expect(readFileSync(join(runsDir, 'forecast--sums.json'), 'utf8')).toBe(
      recordText({ meta: { ...meta, part: 'sums' }, files: { 'src/forecast/x.ts': counts(5, 4, 1) } }),
    );
    expect(readFileSync(join(runsDir, 'forecast.json'), 'utf8')).toBe(recordText(kept));
    const section = readSections(readFileSync(join(dir, 'docs/quality/mutation.md'), 'utf8')).get('forecast');
    // x.ts from the later part run, y.ts from the record; z.ts (the stale record) is gone: (4 + 2) / 7.
    expect(section).toContain('| **forecast total** | 7 | 6 | 1 | 0 | 0 | 0 | 0 | **85.7 %** |');
    expect(section).toContain('| `src/forecast/x.ts` | 5 | 4 | 1 | 0 | 0 | 0 | 0 | 80.0 % |');
    expect(section).toContain('| `src/forecast/y.ts` | 2 | 2 | 0 | 0 | 0 | 0 | 0 | 100.0 % |');
    expect(section).not.toContain('z.ts');
    expect(lines).toEqual([
      'forecast: 7 mutants in 2 run(s) (1 from docs/quality/mutation-runs/), score 85.7 %',
      'wrote 1 record(s) to docs/quality/mutation-runs/',
      'wrote docs/quality/mutation.md',
    ]);

    // Without the reports (a fresh clone), the records give the same section again.
    rmSync(join(dir, 'reports'), { recursive: true });
    const again: string[] = [];
    main(dir, (line) => again.push(line));
    expect(readSections(readFileSync(join(dir, 'docs/quality/mutation.md'), 'utf8')).get('forecast')).toBe(section);
    expect(again[0]).toBe('forecast: 7 mutants in 2 run(s) (all from docs/quality/mutation-runs/), score 85.7 %');
    expect(existsSync(join(dir, 'reports'))).toBe(false);
  });
});
