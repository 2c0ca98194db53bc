import type { Locale } from '../index.js';
import type { Report } from './report.js';
import { reportView } from './view.js';
import type { ViewColumn, ViewFunnel, ViewTable } from './viewTypes.js';
import { displayWidth, minWrapWidth, oneLine, truncate, wrapText } from './width.js';

/**
 * The width of the text report when neither `--width` nor a terminal says otherwise.
 *
 * @category CLI
 * @example
 * ```ts
 * renderText(report, 'en', { width: DEFAULT_WIDTH });
 * ```
 */
export const DEFAULT_WIDTH = 80;

/**
 * The narrowest `--width` the text report accepts.
 *
 * @category CLI
 * @example
 * ```ts
 * MIN_WIDTH; //=> 40
 * ```
 */
export const MIN_WIDTH = 40;

/**
 * The widest `--width` the text report accepts.
 *
 * @category CLI
 * @example
 * ```ts
 * MAX_WIDTH; //=> 1000
 * ```
 */
export const MAX_WIDTH = 1000;

/** Columns between two table columns. */
const GAP = 2;
/** A column of names is not cut below this many columns (when its texts are wider). */
const NAME_MIN = 12;
/** A column of sentences is not wrapped narrower than this (when its texts are wider). */
const PROSE_MIN = 16;
/** A column of sentences keeps this share of the line before names are cut. */
const PROSE_SHARE = 0.35;
/** A header wraps onto at most this many lines (then the table is split). */
const HEADER_LINES = 2;
/** Headers wrap before names are cut when wrapping saves at least this many columns. */
const WRAP_GAIN = 3;

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'left' ? text + fill : fill + text;
}

/** What the text report may do to a column's cells: cut, wrap or keep them. */
function fitOf(column: ViewColumn): 'cut' | 'wrap' | 'keep' {
  return column.fit ?? (column.align === 'right' ? 'keep' : 'cut');
}

/** How wide each column would like to be, and how narrow it may get. */
interface ColumnSpace {
  /** The widest cell or header: the column's width when there is room. */
  readonly natural: number;
  /** The widest data cell. */
  readonly data: number;
  /** The narrowest before its cells are cut or wrapped: the widest cell, or the header on two lines. */
  readonly whole: number;
  /** The narrowest the column may get: numbers and dates never below their widest cell, names and sentences down to a few columns. */
  readonly min: number;
}

/** The narrowest a header may wrap to: onto at most two lines, never inside a word. */
function headerWidth(label: string): number {
  const full = displayWidth(label);
  for (let w = minWrapWidth(label); w < full; w++) if (wrapText(label, w).length <= HEADER_LINES) return w;
  return full;
}

/** A header wrapped to `width`, its lines as even as that many lines allow. */
function wrapHeader(label: string, width: number): string[] {
  const lines = wrapText(label, width);
  for (let w = minWrapWidth(label); w < width; w++) {
    const even = wrapText(label, w);
    if (even.length <= lines.length) return even;
  }
  return lines;
}

function columnSpace(column: ViewColumn, cells: readonly string[]): ColumnSpace {
  const data = Math.max(0, ...cells.map(displayWidth));
  const header = headerWidth(column.label);
  const natural = Math.max(data, displayWidth(column.label));
  const whole = Math.max(data, header);
  const fit = fitOf(column);
  const min = fit === 'keep' ? whole : Math.max(header, Math.min(data, fit === 'wrap' ? PROSE_MIN : NAME_MIN));
  return { natural, data, whole, min: Math.min(min, natural) };
}

const total = (widths: readonly number[]) => widths.reduce((a, w) => a + w, 0) + GAP * Math.max(0, widths.length - 1);

/**
 * Column widths within `width`: first headers wider than their data wrap (onto two lines
 * at most), then the widest name or sentence columns give up a column at a time, never
 * below their minimum.
 */
function fitWidths(spaces: readonly ColumnSpace[], columns: readonly ViewColumn[], width: number): number[] {
  const labels = columns.map((c) => c.label);
  const widths = spaces.map((s) => s.natural);
  const shrink = (floor: (s: ColumnSpace, i: number) => number) => {
    while (total(widths) > width) {
      let best = -1;
      for (let i = 0; i < widths.length; i++) {
        const slack = widths[i]! - floor(spaces[i]!, i);
        if (slack > 0 && (best < 0 || widths[i]! > widths[best]!)) best = i;
      }
      if (best < 0) return;
      widths[best]! -= 1;
    }
  };
  // A header wrapped onto two lines needs only its longer line: give the rest back.
  const tighten = () => {
    widths.forEach((w, i) => {
      const label = labels[i]!;
      if (displayWidth(label) > w) widths[i] = Math.min(w, Math.max(spaces[i]!.data, ...wrapHeader(label, w).map(displayWidth)));
    });
  };
  // Headers that wrapping makes much narrower wrap first, then sentences wrap (down to a
  // comfortable width), then the other headers, then names are cut, and at last
  // sentences wrap narrower still.
  const kind = (i: number) => fitOf(columns[i]!);
  const big = (s: ColumnSpace) => (s.natural - s.whole >= WRAP_GAIN ? s.whole : s.natural);
  const comfortable = (s: ColumnSpace) => Math.max(s.min, Math.min(s.natural, Math.floor(width * PROSE_SHARE)));
  shrink((s) => big(s));
  shrink((s, i) => (kind(i) === 'wrap' ? comfortable(s) : big(s)));
  shrink((s, i) => (kind(i) === 'wrap' ? comfortable(s) : s.whole));
  tighten();
  shrink((s, i) => (kind(i) === 'wrap' ? comfortable(s) : s.min));
  shrink((s) => s.min);
  tighten();
  return widths;
}

/**
 * When even the narrowest columns do not fit, the table is cut into several tables, one
 * under the other: each repeats the first column (the row's name) and takes a run of the
 * other columns, in order. The fewest tables whose narrowest columns fit, and among the
 * ways to cut into that many, the one whose widest table (at natural widths) is the
 * narrowest, so that the parts are about even.
 */
function columnGroups(spaces: readonly ColumnSpace[], width: number): number[][] {
  const n = spaces.length;
  if (n <= 2 || total(spaces.map((s) => s.min)) <= width) return [spaces.map((_, i) => i)];
  const key = spaces[0]!;
  const span = (from: number, to: number, pick: (s: ColumnSpace) => number) => {
    let w = pick(key);
    for (let i = from; i < to; i++) w += GAP + pick(spaces[i]!);
    return w;
  };
  for (let parts = 2; parts < n; parts++) {
    // best[k][j]: the smallest widest part cutting columns 1..j-1 into k runs, each of whose narrowest fits
    const best = Array.from({ length: parts + 1 }, () => new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY));
    const cut = Array.from({ length: parts + 1 }, () => new Array<number>(n + 1).fill(-1));
    best[0]![1] = 0;
    for (let k = 1; k <= parts; k++) {
      for (let j = 2; j <= n; j++) {
        for (let i = 1; i < j; i++) {
          if (best[k - 1]![i] === Number.POSITIVE_INFINITY || span(i, j, (s) => s.min) > width) continue;
          const widest = Math.max(best[k - 1]![i]!, span(i, j, (s) => s.natural));
          if (widest < best[k]![j]!) {
            best[k]![j] = widest;
            cut[k]![j] = i;
          }
        }
      }
    }
    if (best[parts]![n] === Number.POSITIVE_INFINITY) continue;
    const groups: number[][] = [];
    for (let k = parts, j = n; k > 0; k--) {
      const i = cut[k]![j]!;
      groups.unshift([0, ...Array.from({ length: j - i }, (_, x) => i + x)]);
      j = i;
    }
    return groups;
  }
  return spaces.slice(1).map((_, i) => [0, i + 1]);
}

/** One part of a table: the chosen columns of every row. */
function pick(table: ViewTable, columns: readonly number[]): ViewTable {
  const cells = (row: readonly string[]) => columns.map((i) => row[i] ?? '');
  return {
    columns: columns.map((i) => table.columns[i]!),
    rows: table.rows.map(cells),
    ...(table.total === undefined ? {} : { total: cells(table.total) }),
  };
}

/** Lines of one table whose columns fit (or are cut to) `widths`. */
function tableLines(table: ViewTable, widths: readonly number[]): string[] {
  const cellLines = (text: string, i: number): string[] => {
    const w = widths[i]!;
    if (fitOf(table.columns[i]!) === 'wrap') return wrapText(text, w);
    return [truncate(oneLine(text), w)];
  };
  const block = (row: readonly string[], header: boolean): string[] => {
    const parts = table.columns.map((_, i) => (header ? wrapHeader(row[i] ?? '', widths[i]!) : cellLines(row[i] ?? '', i)));
    const height = Math.max(1, ...parts.map((p) => p.length));
    // headers sit on the rule (bottom-aligned); cells start at the top
    const lines = parts.map((p) => (header ? [...new Array<string>(height - p.length).fill(''), ...p] : [...p, ...new Array<string>(height - p.length).fill('')]));
    return Array.from({ length: height }, (_, k) =>
      table.columns
        .map((c, i) => pad(lines[i]![k]!, widths[i]!, c.align))
        .join(' '.repeat(GAP))
        .trimEnd(),
    );
  };
  const rule = widths.map((w) => '-'.repeat(w)).join(' '.repeat(GAP));
  const out = [...block(table.columns.map((c) => c.label), true), rule, ...table.rows.flatMap((r) => block(r, false))];
  if (table.total !== undefined) out.push(rule, ...block(table.total, false));
  return out;
}

/** Options for {@link textTable}. */
export interface TextTableOptions {
  /**
   * The widest a line may be, in display columns.
   *
   * @defaultValue no limit
   */
  readonly width?: number;
}

/**
 * A table as aligned plain text: a header, a rule, the rows, and the total row under a
 * second rule. Widths count East Asian characters as two columns.
 *
 * Given a `width`, no line is wider: headers wrap first (onto two lines at most, never
 * inside a word), then columns of names are cut with `…` and columns of sentences
 * wrap, the widest first; numbers, dates and periods are never cut. When even that does not fit, the table is printed as several
 * tables, one under the other, each repeating the first column.
 *
 * @param table - The formatted table.
 * @param options - The width available.
 * @returns The lines, without trailing spaces.
 *
 * @category CLI
 * @example
 * ```ts
 * textTable({ columns: [{ label: 'Stage', align: 'left' }], rows: [['Lead']] });
 * //=> ['Stage', '-----', 'Lead']
 * ```
 */
export function textTable(table: ViewTable, options: TextTableOptions = {}): string[] {
  const width = options.width ?? Number.POSITIVE_INFINITY;
  const all = [...table.rows, ...(table.total === undefined ? [] : [table.total])];
  const spaces = table.columns.map((c, i) => columnSpace(c, all.map((r) => oneLine(r[i] ?? ''))));
  const groups = columnGroups(spaces, width);
  const out: string[] = [];
  groups.forEach((columns, k) => {
    if (k > 0) out.push('');
    const part = groups.length === 1 ? table : pick(table, columns);
    out.push(...tableLines(part, fitWidths(columns.map((i) => spaces[i]!), part.columns, width)));
  });
  return out;
}

/**
 * Two funnel charts side by side, within `width`: the stage names, then for each chart a
 * bar per stage, centred so that the bars draw the funnel's shape, and its count. The
 * titles head the charts; their notes follow, one paragraph each.
 */
function funnelLines(charts: readonly [ViewFunnel, ViewFunnel], width: number): string[] {
  const labels = charts[0].rows.map((r) => r.label);
  const numberWidth = Math.max(...charts.map((c) => Math.max(1, ...c.rows.map((r) => displayWidth(String(r.value))))));
  const labelWidth = Math.min(Math.max(0, ...labels.map(displayWidth)), Math.floor(width / 4));
  const half = Math.floor((width - labelWidth - 2 * GAP) / 2);
  const barArea = Math.max(1, half - numberWidth - 1);
  const bar = (value: number, max: number) => {
    const length = value <= 0 ? 0 : Math.max(1, Math.round((barArea * value) / Math.max(1, max)));
    const left = Math.floor((barArea - length) / 2);
    return `${' '.repeat(left)}${'#'.repeat(length)}${' '.repeat(barArea - length - left)}`;
  };
  const maxOf = charts.map((c) => Math.max(0, ...c.rows.map((r) => r.value)));
  // The titles head their halves, wrapped there when they are wider.
  const titles = charts.map((c) => wrapText(c.title, half));
  const out = Array.from({ length: Math.max(titles[0]!.length, titles[1]!.length) }, (_, k) =>
    `${' '.repeat(labelWidth + GAP)}${pad(titles[0]![k] ?? '', half, 'left')}${' '.repeat(GAP)}${titles[1]![k] ?? ''}`.trimEnd(),
  );
  labels.forEach((label, i) => {
    const cells = charts.map((c, k) => {
      const value = c.rows[i]?.value ?? 0;
      return `${bar(value, maxOf[k]!)} ${pad(String(value), numberWidth, 'right')}`;
    });
    out.push(`${pad(truncate(label, labelWidth), labelWidth, 'left')}${' '.repeat(GAP)}${cells.join(' '.repeat(GAP))}`.trimEnd());
  });
  out.push('');
  for (const c of charts) out.push(...wrapText(c.note, width));
  return out;
}

/** Options for {@link renderText}. */
export interface RenderTextOptions {
  /**
   * The widest a line may be, in display columns (Chinese characters count two).
   *
   * @defaultValue {@link DEFAULT_WIDTH}
   */
  readonly width?: number;
}

/**
 * Renders the report as plain text for a terminal: a title block, then one section per
 * analysis with its heading, a one-line explanation, aligned tables and notes. Labels
 * are in `locale` (中文 with `zh-CN`). No line is wider than `options.width` display
 * columns: paragraphs wrap (between words, and between Chinese characters), tables
 * shrink as {@link textTable} says.
 *
 * @param report - The report data.
 * @param locale - `'en'` or `'zh-CN'`.
 * @param options - The width of the text.
 * @returns The text, ending with a newline.
 *
 * @category CLI
 * @example
 * ```ts
 * process.stdout.write(renderText(report, 'en', { width: process.stdout.columns }));
 * ```
 */
export function renderText(report: Report, locale: Locale, options: RenderTextOptions = {}): string {
  const width = Math.max(MIN_WIDTH, Math.floor(options.width ?? DEFAULT_WIDTH));
  const view = reportView(report, locale);
  const out: string[] = [];
  const paragraph = (text: string) => out.push(...wrapText(text, width));
  const heading = (text: string, underline: string) => {
    const lines = wrapText(text, width);
    out.push(...lines, underline.repeat(Math.max(...lines.map(displayWidth))));
  };
  heading(view.title, '=');
  out.push('');
  const metaWidth = Math.min(Math.max(...view.meta.map(([k]) => displayWidth(k))), Math.floor(width / 3));
  const valueWidth = width - metaWidth - GAP;
  for (const [k, v] of view.meta) {
    const values = wrapText(v, valueWidth);
    values.forEach((line, i) => out.push(`${pad(i === 0 ? truncate(k, metaWidth) : '', metaWidth, 'left')}${' '.repeat(GAP)}${line}`.trimEnd()));
  }
  out.push('');
  paragraph(view.summary);
  paragraph(view.note);
  for (const section of view.sections) {
    out.push('', '');
    if (section.omitted === true) {
      for (const note of section.notes) paragraph(note);
      continue;
    }
    heading(section.title, '-');
    if (section.intro !== undefined) paragraph(section.intro);
    if (section.funnels !== undefined) out.push('', ...funnelLines(section.funnels, width));
    for (const table of section.tables) {
      out.push('');
      if (table.caption !== undefined) paragraph(table.caption);
      out.push(...textTable(table, { width }));
    }
    if (section.notes.length > 0) {
      out.push('');
      for (const note of section.notes) paragraph(note);
    }
  }
  // The law of the text report: no line wider than `width`, whatever the data holds.
  return `${out.map((l) => (displayWidth(l) > width ? truncate(l, width) : l)).join('\n')}\n`;
}
