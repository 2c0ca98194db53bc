import type { Locale } from '../index.js';
import { displayWidth } from './format.js';
import type { Report } from './report.js';
import { reportView, type ViewTable } from './view.js';

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}

/**
 * A table as aligned plain text: a header, a rule, the rows, and the total row under a
 * second rule. Widths count East Asian characters as two columns.
 *
 * @param table - The formatted table.
 * @returns The lines, without trailing spaces.
 *
 * @category CLI
 * @example
 * ```ts
 * textTable({ columns: [{ label: 'Stage', align: 'left' }], rows: [['Lead']] });
 * //=> ['Stage', '-----', 'Lead']
 * ```
 */
export function textTable(table: ViewTable): string[] {
  const all = [table.columns.map((c) => c.label), ...table.rows, ...(table.total === undefined ? [] : [table.total])];
  const widths = table.columns.map((_, i) => Math.max(...all.map((row) => displayWidth(row[i] ?? ''))));
  const line = (row: readonly string[]) =>
    table.columns
      .map((c, i) => pad(row[i] ?? '', widths[i]!, c.align))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const lines = [line(all[0]!), rule, ...table.rows.map(line)];
  if (table.total !== undefined) lines.push(rule, line(table.total));
  return lines;
}

/**
 * Renders the report as plain text for a terminal: a title block, then one section per
 * analysis with its heading, a one-line explanation, aligned tables and notes. Labels
 * are in `locale` (中文 with `zh-CN`).
 *
 * @param report - The report data.
 * @param locale - `'en'` or `'zh-CN'`.
 * @returns The text, ending with a newline.
 *
 * @category CLI
 * @example
 * ```ts
 * process.stdout.write(renderText(report, 'en'));
 * ```
 */
export function renderText(report: Report, locale: Locale): string {
  const view = reportView(report, locale);
  const out: string[] = [];
  out.push(view.title, '='.repeat(displayWidth(view.title)), '');
  const metaWidth = Math.max(...view.meta.map(([k]) => displayWidth(k)));
  for (const [k, v] of view.meta) out.push(`${pad(k, metaWidth, 'left')}  ${v}`);
  out.push('', view.summary, view.note);
  for (const section of view.sections) {
    out.push('', '', section.title, '-'.repeat(displayWidth(section.title)));
    if (section.intro !== undefined) out.push(section.intro);
    for (const table of section.tables) {
      out.push('');
      if (table.caption !== undefined) out.push(table.caption);
      out.push(...textTable(table));
    }
    if (section.notes.length > 0) out.push('', ...section.notes);
  }
  return `${out.join('\n')}\n`;
}
