// A streaming CSV reader (RFC 4180), fed a file in pieces so that no file is ever held
// as one string: quoted fields, doubled quotes, commas and line breaks inside quotes,
// CRLF, LF or CR line ends, and a UTF-8 byte order mark at the start. Hand-written so
// that the CLI needs no dependency.

/** One record of a CSV file. */
export interface CsvRecord {
  /** The line the record starts on (1-based; a record may span lines inside quotes). */
  readonly line: number;
  /**
   * Its fields: `null` for an empty field that is not quoted (SQL NULL, as PostgreSQL's
   * `COPY … CSV` writes it), `''` for `""`, the text otherwise.
   */
  readonly fields: readonly (string | null)[];
  /** Set when the record breaks the format in a way the reader got past: text after a closing quote. */
  readonly malformed?: 'textAfterQuote';
}

/** A CSV file whose last quoted field is never closed: the rest of the file would be one field. */
export class CsvUnclosedQuote extends Error {
  /**
   * @param line - The line the record with the open quote starts on.
   */
  constructor(readonly line: number) {
    super(`a quoted field that starts on line ${line} is never closed`);
  }
}

/**
 * A copy of `text` that does not keep the piece of the file it was cut from alive: V8
 * cuts a string of 13 characters or more as a view into its parent (a 64 KiB piece), so
 * a field kept for long (a deal's name, an event held until its deal is read) would keep
 * the whole piece. Concatenating and cutting again makes a flat copy.
 */
function detached(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;

/**
 * Reads CSV text given in pieces of any size (a piece may end anywhere, even between
 * the two characters of `""` or of CRLF). Call {@link CsvReader.push} with each piece
 * and {@link CsvReader.end} once at the end; each complete record is handed to the
 * callback as soon as its line ends. Blank lines are skipped.
 *
 * @category CLI
 * @example
 * ```ts
 * const records: CsvRecord[] = [];
 * const reader = new CsvReader((r) => records.push(r));
 * reader.push('id,name\r\n1,"Acme, ""Ltd""');
 * reader.push('"\n');
 * reader.end();
 * records[1]?.fields; //=> ['1', 'Acme, "Ltd"']
 * ```
 */
export class CsvReader {
  private fields: (string | null)[] = [];
  private field = '';
  /** Whether the current field has any character (or quotes): an empty unquoted field is null. */
  private started = false;
  private inQuotes = false;
  /** Inside quotes, the last character was `"`: a doubled quote or the closing one. */
  private quotePending = false;
  /** The field's closing quote was read: only a comma or a line end may follow. */
  private closed = false;
  private malformed: 'textAfterQuote' | undefined;
  /** The last character was CR: a following LF ends no second line. */
  private afterCr = false;
  private line = 1;
  private recordLine = 1;
  private first = true;

  /**
   * @param onRecord - Called with each record, in file order.
   */
  constructor(private readonly onRecord: (record: CsvRecord) => void) {}

  /**
   * Reads the next piece of the text.
   *
   * @param chunk - Any piece of the text, in order.
   */
  push(chunk: string): void {
    let i = 0;
    if (this.first && chunk.length > 0) {
      this.first = false;
      if (chunk.charCodeAt(0) === BOM) i = 1;
    }
    let run = i; // start of the characters not yet copied into `field`
    const n = chunk.length;
    for (; i < n; i++) {
      const c = chunk.charCodeAt(i);
      const afterCr = this.afterCr;
      this.afterCr = c === CR;
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (c === QUOTE) {
            this.field += '"';
            run = i + 1;
            continue;
          }
          this.inQuotes = false;
          this.closed = true;
          run = i;
          // the closing quote: `c` is read below as a character after the field
        } else if (c === QUOTE) {
          this.field += chunk.slice(run, i);
          this.quotePending = true;
          run = i + 1;
          continue;
        } else {
          if (c === CR || (c === LF && !afterCr)) this.line++;
          continue;
        }
      }
      if (c === COMMA) {
        this.field += chunk.slice(run, i);
        this.endField();
        run = i + 1;
      } else if (c === CR || c === LF) {
        this.field += chunk.slice(run, i);
        run = i + 1;
        if (c === LF && afterCr) continue; // the LF of a CRLF: the record ended at the CR
        this.line++;
        this.endField();
        this.endRecord();
      } else if (this.closed) {
        this.malformed = 'textAfterQuote';
      } else if (c === QUOTE && !this.started) {
        this.inQuotes = true;
        this.started = true;
        run = i + 1;
      } else {
        this.started = true;
      }
    }
    this.field += chunk.slice(run, n);
  }

  /**
   * Ends the text: reads its last record (which needs no line end).
   *
   * @throws {@link CsvUnclosedQuote} when a quoted field is still open.
   */
  end(): void {
    if (this.inQuotes && !this.quotePending) throw new CsvUnclosedQuote(this.recordLine);
    this.inQuotes = false;
    this.quotePending = false;
    if (this.started || this.fields.length > 0) {
      this.endField();
      this.endRecord();
    }
  }

  private endField(): void {
    // A quoted field keeps what is between its quotes; after the closing quote,
    // stray text (malformed) is kept too.
    this.fields.push(this.started || this.closed ? detached(this.field) : null);
    this.field = '';
    this.started = false;
    this.closed = false;
  }

  private endRecord(): void {
    const fields = this.fields;
    const malformed = this.malformed;
    this.fields = [];
    this.malformed = undefined;
    const line = this.recordLine;
    this.recordLine = this.line;
    if (fields.length === 1 && fields[0] === null) return; // a blank line
    this.onRecord(malformed === undefined ? { line, fields } : { line, fields, malformed });
  }
}
