import type { Locale } from '../i18n/codes.js';
import type { FunnelIssue } from '../i18n/formatIssue.js';
import type { DealColumns } from './dealColumnsShape.js';

/**
 * Options for {@link dealColumnsFromRows}, {@link safeDealColumnsFromRows},
 * {@link dealColumnsFromArrow} and {@link safeDealColumnsFromArrow}.
 */
export interface DealColumnsFromRowsOptions {
  /**
   * What to do with a deal of another pipeline (its `pipeline_id`): `'error'` rejects it
   * with `pipeline_mismatch`, `'ignore'` leaves it (and its events) out.
   *
   * @defaultValue `'error'`
   */
  readonly otherPipelines?: 'error' | 'ignore';
  /**
   * At most this many issues are listed per rejected row (the rest are counted).
   *
   * @defaultValue 20
   */
  readonly maxIssuesPerRecord?: number;
  /**
   * Rejected rows are listed until this many issues are listed in all; later ones are
   * only counted, so memory stays bounded whatever the input.
   *
   * @defaultValue 1000
   */
  readonly maxIssues?: number;
  /**
   * Locale of the issues' messages.
   *
   * @defaultValue 'en'
   */
  readonly locale?: Locale;
}

/**
 * A row left out of the columns, with why: a deal row (with the issues of its header
 * and of its event rows), or a run of event rows that belongs to no deal where it
 * stands (`events_not_grouped`).
 */
export interface RejectedRow {
  /** `deals` for a deal row, `events` for a run of event rows no deal took. */
  readonly collection: 'deals' | 'events';
  /** The row's position in its input (for `events`, the run's first row). */
  readonly index: number;
  /** `[collection, index]`. */
  readonly path: readonly (string | number)[];
  /** The deal's id (for `events`, the opportunity id of the run), when it has a string one. */
  readonly id?: string;
  /**
   * Its issues (at most `maxIssuesPerRecord`), each with its path from the input's root:
   * `deals.44.amount`, `events.7.at`, `events.7.to` (a field of an event's payload).
   */
  readonly issues: readonly FunnelIssue[];
  /** How many issues it has in all. */
  readonly issueCount: number;
}

/**
 * What {@link safeDealColumnsFromRows} and {@link safeDealColumnsFromArrow} return:
 * the columns of the valid deals and the rejected rows.
 */
export interface DealColumnsResult {
  /** True when no row was rejected. */
  readonly success: boolean;
  /** The columns of every deal that was read without an issue, in input order. */
  readonly columns: DealColumns;
  /** The rejected rows, in input order (deals first, then the runs of events no deal took), listed until `maxIssues` issues are listed. */
  readonly rejected: readonly RejectedRow[];
  /** How many rows were rejected in all (listed or not). */
  readonly rejectedCount: number;
  /** How many issues were found in all. */
  readonly issueCount: number;
  /** True when some issues or rejected rows are counted but not listed. */
  readonly truncated: boolean;
}
