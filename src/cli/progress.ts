import type { Locale } from '../index.js';
import { cliMessage } from './messages.js';

/** Redraw the progress line at most this often (milliseconds): four times a second. */
export const PROGRESS_INTERVAL_MS = 250;

/** ANSI: back to the start of the line, and clear the line from there. */
const REDRAW = '\r\u001b[K';

/**
 * The progress of reading CSV / NDJSON files, on standard error when it is a terminal:
 * one line (the file being read, rows read, records rejected, time elapsed) redrawn in
 * place at most every {@link PROGRESS_INTERVAL_MS}, and cleared at the end. When
 * standard error is not a terminal it writes nothing.
 *
 * @category CLI
 * @example
 * ```ts
 * const progress = new Progress((t) => process.stderr.write(t), 'en', { enabled: process.stderr.isTTY === true });
 * progress.reading('deals.csv');
 * progress.row(0);
 * progress.done();
 * ```
 */
export class Progress {
  private readonly start: number;
  private last: number;
  private rows = 0;
  private rejected = 0;
  private file = '';
  private shown = false;
  private readonly enabled: boolean;
  private readonly now: () => number;

  /**
   * @param write - Writes to standard error.
   * @param locale - Language of the line.
   * @param options - `enabled`: whether standard error is a terminal (nothing is written
   *   otherwise); `now`: the clock in milliseconds (default `performance.now`).
   */
  constructor(
    private readonly write: (text: string) => void,
    private readonly locale: Locale,
    options: { readonly enabled: boolean; readonly now?: () => number },
  ) {
    this.enabled = options.enabled;
    this.now = options.now ?? (() => performance.now());
    this.start = this.enabled ? this.now() : 0;
    this.last = this.start;
  }

  /**
   * Names the file being read from now on.
   *
   * @param file - Its name as the user gave it.
   */
  reading(file: string): void {
    this.file = file;
  }

  /**
   * Counts one row read; redraws the line when the last drawing is old enough.
   *
   * @param rejected - Records rejected so far.
   */
  row(rejected: number): void {
    this.rows++;
    this.rejected = rejected;
    if (!this.enabled) return;
    const t = this.now();
    if (t - this.last < PROGRESS_INTERVAL_MS) return;
    this.last = t;
    this.shown = true;
    const seconds = ((t - this.start) / 1000).toFixed(1);
    this.write(`${REDRAW}${cliMessage(this.locale, 'progress', { file: this.file, rows: this.rows, rejected: this.rejected, seconds })}`);
  }

  /** Clears the line, if one was drawn. */
  done(): void {
    if (this.shown) this.write(REDRAW);
    this.shown = false;
  }
}
