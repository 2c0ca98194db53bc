import { describe, expect, it } from 'vitest';
import {
  type MutationReport,
  areaSection,
  areaTable,
  percent,
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
});
