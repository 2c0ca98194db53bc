// The report as the reader sees it: sections of formatted tables, charts and notes,
// shared by the text and HTML renderers.
import type { Locale } from '../index.js';

/** A column of a {@link ViewTable}. */
export interface ViewColumn {
  readonly label: string;
  readonly align: 'left' | 'right';
  /**
   * What the text report may do to the column's cells when a line is too narrow:
   * `'cut'` them with `…` (names), `'wrap'` them onto more lines (sentences), or
   * `'keep'` them whole (numbers, dates, periods).
   *
   * @defaultValue `'keep'` for right-aligned columns, `'cut'` for left-aligned ones
   */
  readonly fit?: 'cut' | 'wrap' | 'keep';
}

/** A table ready to print: formatted cells, an optional total row. */
export interface ViewTable {
  readonly caption?: string;
  readonly columns: readonly ViewColumn[];
  readonly rows: readonly (readonly string[])[];
  readonly total?: readonly string[];
}

/** A funnel chart: one bar per stage, as long as its count. */
export interface ViewFunnel {
  readonly title: string;
  /** One line on what the chart shows. */
  readonly note: string;
  /** One bar per stage: its name, its count, and what a chart's tooltip says of it. */
  readonly rows: readonly { readonly label: string; readonly value: number; readonly title: string }[];
}

/** One section of the report as the reader sees it. */
export interface ViewSection {
  readonly id: string;
  readonly title: string;
  readonly intro?: string;
  /** Left out for want of input: only its one-line note is shown (its title is empty). */
  readonly omitted?: boolean;
  /** Two funnel charts side by side (the snapshot and the stage flow), before the tables. */
  readonly funnels?: readonly [ViewFunnel, ViewFunnel];
  readonly tables: readonly ViewTable[];
  readonly notes: readonly string[];
}

/** The whole report as formatted text pieces, shared by the text and HTML renderers. */
export interface ReportView {
  readonly locale: Locale;
  readonly title: string;
  readonly meta: readonly (readonly [string, string])[];
  readonly summary: string;
  readonly note: string;
  readonly sections: readonly ViewSection[];
}

/**
 * How a column is laid out: `left` names (cut with `…` when too wide), `prose` sentences
 * (wrapped), `fixed` left-aligned texts never cut (dates, periods), `right` numbers.
 */
export type ColumnKind = 'left' | 'right' | 'prose' | 'fixed';

/**
 * A column of the given kind.
 *
 * @param label - Its header.
 * @param kind - How it is laid out.
 * @returns The column.
 *
 * @category CLI
 * @example
 * ```ts
 * column('Deal', 'left'); //=> { label: 'Deal', align: 'left' }
 * ```
 */
export function column(label: string, kind: ColumnKind): ViewColumn {
  switch (kind) {
    case 'prose':
      return { label, align: 'left', fit: 'wrap' };
    case 'fixed':
      return { label, align: 'left', fit: 'keep' };
    default:
      return { label, align: kind };
  }
}

