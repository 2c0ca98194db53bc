import { describe, expect, it } from 'vitest';
import {
  type MutationReport,
  areaSection,
  areaTable,
  mergeRuns,
  percent,
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
    expect(section).toContain('- part `two`, on commit `bbbbbbbbbbbb`, 2026-11-29, StrykerJS 9.6.1, concurrency 1: `src/planning/x.ts`.');
    expect(section).toContain('| **planning total** | 5 | 4 | 1 | 0 | 0 | 0 | 0 | **80.0 %** |');
    // One run in a list reads as before.
    expect(areaSection('money', summarize(tinyReport(), '/repo'), [{ commit: 'abcdef1234567890', finished: '2025-11-28T10:00:00Z' }])).toContain(
      'Measured on commit `abcdef123456`, 2025-11-28.',
    );
  });
});
