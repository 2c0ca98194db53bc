// Display width in a terminal, and the text operations the text report needs to keep
// every line within `--width` columns: truncation with an ellipsis and word wrapping that
// also breaks between Chinese characters (and never before a closing punctuation mark).

/** Code points that take no column: combining marks, zero-width spaces and joiners, variation selectors. */
function isZeroWidth(c: number): boolean {
  return (
    (c >= 0x0300 && c <= 0x036f) ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x2060 && c <= 0x2064) ||
    (c >= 0xfe00 && c <= 0xfe0f) ||
    c === 0xfeff ||
    (c >= 0xe0100 && c <= 0xe01ef)
  );
}

/** East Asian wide and full-width code points (and the common emoji blocks): two columns. */
function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0x303e) ||
    (c >= 0x3041 && c <= 0x33ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xa000 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x1f300 && c <= 0x1f64f) ||
    (c >= 0x1f900 && c <= 0x1f9ff) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}

/** Columns one code point takes. */
function charWidth(ch: string): number {
  const c = ch.codePointAt(0)!;
  if (isZeroWidth(c)) return 0;
  return isWide(c) ? 2 : 1;
}

/**
 * Display width of a string in a terminal: East Asian wide and full-width characters
 * (汉字, full-width punctuation `，（）`) take two columns, combining marks and zero-width
 * characters none, everything else one.
 *
 * @param text - The string (one line).
 * @returns Its width in columns.
 *
 * @category CLI
 * @example
 * ```ts
 * displayWidth('赢单 Won'); //=> 8
 * ```
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
}

/** Control characters (line breaks, tabs, escapes) and the Unicode line and paragraph separators. */
function isControl(c: number): boolean {
  return c <= 0x1f || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029;
}

/**
 * Text from the data made safe for one cell of a line: control characters (a line break
 * in a deal's name, a tab, a terminal escape) become spaces, so that a line is one line
 * and its width is what {@link displayWidth} says.
 *
 * @param text - Any text.
 * @returns The text without control characters.
 *
 * @category CLI
 * @example
 * ```ts
 * oneLine('Acme\nCorp'); //=> 'Acme Corp'
 * ```
 */
export function oneLine(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isControl(text.charCodeAt(i))) continue;
    out += `${text.slice(from, i)} `;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** The ellipsis put where a truncated text was cut. */
const ELLIPSIS = '…';

/**
 * Cuts a text to at most `width` columns, ending it with `…` when it had to be cut.
 *
 * @param text - One line of text.
 * @param width - The columns available (0 or more).
 * @returns The text itself when it fits, else its beginning and `…`, at most `width` wide.
 *
 * @category CLI
 * @example
 * ```ts
 * truncate('Hangzhou Hengtong ERP rollout', 12); //=> 'Hangzhou He…'
 * truncate('天津海川 ERP 实施', 10); //=> '天津海川…'
 * ```
 */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = charWidth(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out.trimEnd()}${ELLIPSIS}`;
}

/** Punctuation that must not begin a line (避头): it stays with the character before it. */
const NO_LINE_START = new Set([...'，。、；：？！）」』】》〉”’…%,.;:?!)]}·']);
/** Punctuation that must not end a line (避尾): it stays with the character after it. */
const NO_LINE_END = new Set([...'（「『【《〈“‘([{']);

/**
 * The pieces a line may break between: a run of spaces, a word (characters that are
 * neither spaces nor wide), or one wide character — a closing punctuation mark stays
 * with the piece before it, an opening one with the piece after it.
 */
function pieces(text: string): string[] {
  const out: string[] = [];
  let glue = false; // the last piece ends with an opening mark: the next character joins it
  for (const ch of text) {
    const space = ch === ' ';
    const wide = charWidth(ch) === 2;
    const last = out.length === 0 ? undefined : out[out.length - 1]!;
    const joins =
      last !== undefined &&
      (last.endsWith(' ')
        ? space // spaces join spaces
        : !space && (glue || NO_LINE_START.has(ch) || (!wide && !isWideEnd(last)))); // a word goes on; punctuation stays
    if (joins) out[out.length - 1] = last + ch;
    else out.push(ch);
    glue = !space && NO_LINE_END.has(ch);
  }
  return out;
}

/** Whether a piece ends with a wide character (after which a line may break). */
function isWideEnd(piece: string): boolean {
  const chars = [...piece];
  return charWidth(chars[chars.length - 1]!) === 2;
}

/**
 * The narrowest a text can be wrapped without cutting a word: the width of its widest
 * unbreakable piece (a word, or a Chinese character with the punctuation that stays with it).
 *
 * @param text - One line of text.
 * @returns The width in columns (0 for an empty or blank text).
 *
 * @category CLI
 * @example
 * ```ts
 * minWrapWidth('Weighted (open + won)'); //=> 8
 * minWrapWidth('加权金额'); //=> 2
 * ```
 */
export function minWrapWidth(text: string): number {
  let widest = 0;
  for (const piece of pieces(oneLine(text))) if (!piece.startsWith(' ')) widest = Math.max(widest, displayWidth(piece));
  return widest;
}

/**
 * Wraps one paragraph to lines of at most `width` columns: lines break at spaces and
 * between Chinese characters, never before a closing punctuation mark (`，。）`) nor
 * after an opening one (`（“`); a word longer than a line is cut across lines. Spaces
 * at a break are dropped; line breaks in the text start new lines.
 *
 * @param text - The text.
 * @param width - The columns available (at least 1).
 * @returns The lines, each at most `width` wide, none with trailing spaces.
 *
 * @category CLI
 * @example
 * ```ts
 * wrapText('Open deals in each stage on the report date.', 20);
 * //=> ['Open deals in each', 'stage on the report', 'date.']
 * wrapText('截至报告日期，各阶段进行中商机的数量。', 16);
 * //=> ['截至报告日期，各', '阶段进行中商机的', '数量。']
 * ```
 */
export function wrapText(text: string, width: number): string[] {
  const max = Math.max(1, Math.floor(width));
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    const flush = () => {
      lines.push(line.trimEnd());
      line = '';
      used = 0;
    };
    for (const piece of pieces(oneLine(paragraph))) {
      const w = displayWidth(piece);
      if (piece.startsWith(' ')) {
        // spaces: kept inside a line, dropped at a break
        if (used > 0 && used + w < max) {
          line += piece;
          used += w;
        } else if (used > 0) flush();
        continue;
      }
      if (used + w <= max) {
        line += piece;
        used += w;
        continue;
      }
      if (used > 0) flush();
      if (w <= max) {
        line = piece;
        used = w;
        continue;
      }
      // a piece wider than a line: cut it, character by character
      for (const ch of piece) {
        const cw = charWidth(ch);
        if (used + cw > max && used > 0) flush();
        line += ch;
        used += cw;
      }
    }
    flush();
  }
  return lines;
}
