// A streaming reader of NDJSON (JSON Lines): one JSON value per line, the file fed in
// pieces so that it is never held as one string.

/** One line of an NDJSON file: the parsed value, or why it is not JSON. */
export type NdjsonLine = { readonly line: number; readonly value: unknown } | { readonly line: number; readonly error: string };

const BOM = 0xfeff;

/**
 * Reads NDJSON text given in pieces of any size: each line (LF or CRLF) is parsed as
 * JSON on its own and handed to the callback; blank lines are skipped, a UTF-8 byte
 * order mark at the start is ignored.
 *
 * @category CLI
 * @example
 * ```ts
 * const lines: NdjsonLine[] = [];
 * const reader = new NdjsonReader((l) => lines.push(l));
 * reader.push('{"id":"o-1"}\r\n{"id":');
 * reader.push('"o-2"}\n');
 * reader.end();
 * lines.length; //=> 2
 * ```
 */
export class NdjsonReader {
  private pending = '';
  private line = 1;
  private first = true;

  /**
   * @param onLine - Called with each non-blank line, in file order.
   */
  constructor(private readonly onLine: (line: NdjsonLine) => void) {}

  /**
   * Reads the next piece of the text.
   *
   * @param chunk - Any piece of the text, in order.
   */
  push(chunk: string): void {
    let start = 0;
    if (this.first && chunk.length > 0) {
      this.first = false;
      if (chunk.charCodeAt(0) === BOM) start = 1;
    }
    let nl = chunk.indexOf('\n', start);
    while (nl !== -1) {
      const text = this.pending === '' ? chunk.slice(start, nl) : this.pending + chunk.slice(start, nl);
      this.pending = '';
      this.emit(text);
      start = nl + 1;
      nl = chunk.indexOf('\n', start);
    }
    if (start < chunk.length) this.pending += chunk.slice(start);
  }

  /** Ends the text: reads its last line (which needs no line end). */
  end(): void {
    const text = this.pending;
    this.pending = '';
    if (text !== '') this.emit(text);
  }

  private emit(raw: string): void {
    const line = this.line++;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      this.onLine({ line, error: (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '' });
      return;
    }
    this.onLine({ line, value });
  }
}
