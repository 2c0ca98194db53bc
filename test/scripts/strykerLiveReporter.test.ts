import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { strykerPlugins } from '../../scripts/stryker-live-reporter.mjs';

const Reporter = strykerPlugins[0]!.injectableClass;
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  delete process.env['MUTATE_LIVE_FILE'];
});

function result(status: string, line: number, replacement: string) {
  // Stryker's columns are 0-based; the line written is 1-based for both, as editors show them.
  return { status, fileName: join(process.cwd(), 'src', 'planning', 'x.ts'), location: { start: { line, column: 4 } }, mutatorName: 'EqualityOperator', replacement };
}

describe('the live survivors reporter', () => {
  it('is a Reporter plugin named live-survivors', () => {
    expect(strykerPlugins.map((p) => [p.kind, p.name])).toEqual([['Reporter', 'live-survivors']]);
  });

  it('writes each survived, uncovered or timed-out mutant as it comes, one line each, and nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'live-'));
    dirs.push(dir);
    const file = join(dir, 'planning.live.txt');
    process.env['MUTATE_LIVE_FILE'] = file;
    const reporter = new Reporter();
    expect(readFileSync(file, 'utf8')).toBe('');
    reporter.onMutantTested(result('Killed', 1, 'a'));
    reporter.onMutantTested(result('Survived', 12, 'i <=\n   n'));
    expect(readFileSync(file, 'utf8')).toBe('Survived src/planning/x.ts:12:5 EqualityOperator `i <= n`\n');
    reporter.onMutantTested(result('NoCoverage', 13, 'x'.repeat(120)));
    reporter.onMutantTested(result('Timeout', 14, 'true'));
    reporter.onMutantTested(result('Ignored', 15, 'false'));
    expect(readFileSync(file, 'utf8').split('\n')).toEqual([
      'Survived src/planning/x.ts:12:5 EqualityOperator `i <= n`',
      `NoCoverage src/planning/x.ts:13:5 EqualityOperator \`${'x'.repeat(100)}…\``,
      'Timeout src/planning/x.ts:14:5 EqualityOperator `true`',
      '',
    ]);
  });

  it('a new run starts the file afresh; without MUTATE_LIVE_FILE it writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'live-'));
    dirs.push(dir);
    const file = join(dir, 'live.txt');
    process.env['MUTATE_LIVE_FILE'] = file;
    new Reporter().onMutantTested(result('Survived', 1, 'a'));
    new Reporter();
    expect(readFileSync(file, 'utf8')).toBe('');
    delete process.env['MUTATE_LIVE_FILE'];
    expect(() => new Reporter().onMutantTested(result('Survived', 1, 'a'))).not.toThrow();
  });
});
