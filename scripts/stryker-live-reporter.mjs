// A Stryker reporter plugin for `npm run mutate` (scripts/mutate.mjs): it writes each mutant
// no test killed (survived, no coverage) or that ran out of time, the moment Stryker has
// tested it, one line each, to the file named in the environment variable MUTATE_LIVE_FILE:
//
//   Survived src/planning/allocateQuota.ts:88:12 EqualityOperator `i <= n`
//
// so the survivors of a run that takes hours can be worked on while it goes on (the JSON
// and HTML reports only appear at the end).
import { appendFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

const WORTH_A_LOOK = new Set(['Survived', 'NoCoverage', 'Timeout']);

class LiveSurvivors {
  static inject = [];

  constructor() {
    this.file = process.env['MUTATE_LIVE_FILE'];
    if (this.file !== undefined && this.file !== '') writeFileSync(this.file, '');
  }

  onMutantTested(result) {
    if (this.file === undefined || this.file === '' || !WORTH_A_LOOK.has(result.status)) return;
    const where = `${relative(process.cwd(), result.fileName).split('\\').join('/')}:${result.location.start.line}:${result.location.start.column + 1}`;
    const replacement = String(result.replacement ?? '').replace(/\s+/g, ' ');
    const shown = replacement.length > 100 ? `${replacement.slice(0, 100)}…` : replacement;
    appendFileSync(this.file, `${result.status} ${where} ${result.mutatorName} \`${shown}\`\n`);
  }
}

/** The plugin Stryker loads through `appendPlugins` (the shape `declareClassPlugin` returns). */
export const strykerPlugins = [{ kind: 'Reporter', name: 'live-survivors', injectableClass: LiveSurvivors }];
