import { Decimal } from './decimalClone.js';

// A Decimal built straight from a decimal text that `decimalTextProblem` accepts: the
// same value, sign, exponent and digit words as `new Decimal(text)`, in one pass over
// the characters. decimal.js's own reader tests a regex, strips the point with
// `replace`, slices a string per 7-digit word and grows its word array by `push`
// (capacity 17); this one allocates the Decimal and an exactly sized word array.
//
// decimal.js 10 keeps a finite Decimal as own properties, in this order: `constructor`
// (the clone that made it), `s` (sign, 1 or -1), `e` (the power of ten of the first
// significant digit) and `d` (base-10⁷ words, most significant first: the first word
// without leading zeros, the last without trailing zero words; zero is `e = 0`,
// `d = [0]`, keeping its sign). src/_lib/minorUnits.ts reads the same fields.
// test/_lib/decimalFromText.property.test.ts holds it equal to `new Decimal(text)`.

const LOG_BASE = 7;
const POW10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000];

interface Fields {
  constructor: typeof Decimal;
  s: number;
  e: number;
  d: number[];
}

/** Builds an instance with decimal.js's prototype and own fields in decimal.js's order. */
const Built = function Built(this: Fields, s: number, e: number, d: number[]) {
  this.constructor = Decimal;
  this.s = s;
  this.e = e;
  this.d = d;
} as unknown as new (s: number, e: number, d: number[]) => Decimal;
(Built as unknown as { prototype: object }).prototype = Decimal.prototype;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * `new Decimal(text)` for a `text` that `decimalTextProblem` accepts (trimmed, within
 * the limits). Anything else (and any exponent outside the clone's `minE`/`maxE`, which
 * the limits exclude) goes to decimal.js itself.
 */
export function decimalFromText(text: string): Decimal {
  const n = text.length;
  let i = 0;
  let s = 1;
  const c0 = text.charCodeAt(0);
  if (c0 === 45) {
    s = -1;
    i = 1;
  } else if (c0 === 43) {
    i = 1;
  }
  // First pass: where the significant digits are, and the power of ten of the first.
  let intDigits = 0; // digits before the point (all of them when there is none)
  let k = 0; // mantissa digits seen
  let first = -1; // index among the mantissa digits of the first non-zero one
  let last = 0; // … and of the last (set with `first`, read only when it is)
  let firstAt = 0; // text position of the first non-zero digit (the same)
  let inFraction = false;
  // Stryker disable next-line EqualityOperator: at i === n, charCodeAt gives NaN, which is no digit and no point, so `i <= n` also stops at n
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (inFraction) return new Decimal(text);
      inFraction = true;
      continue;
    }
    if (!isDigit(c)) break;
    if (c !== 48) {
      if (first < 0) {
        first = k;
        firstAt = i;
      }
      last = k;
    }
    if (!inFraction) intDigits++;
    k++;
  }
  let exponent = 0;
  if (i < n) {
    const c = text.charCodeAt(i);
    if (c !== 101 && c !== 69) return new Decimal(text);
    i++;
    let negative = false;
    const sign = text.charCodeAt(i);
    if (sign === 43 || sign === 45) {
      negative = sign === 45;
      i++;
    }
    if (i >= n || n - i > 9) return new Decimal(text);
    for (; i < n; i++) {
      const d = text.charCodeAt(i);
      if (!isDigit(d)) return new Decimal(text);
      exponent = exponent * 10 + (d - 48);
    }
    if (negative) exponent = -exponent;
  }
  if (k === 0) return new Decimal(text);
  if (first < 0) return new Built(s, 0, [0]);
  const e = intDigits - first - 1 + exponent;
  // Unreachable with the nine-digit exponent above (|e| stays below 2·10⁹, the clone's
  // limits are ±9·10¹⁵); kept so that a change to those limits cannot go wrong silently.
  // Stryker disable next-line all: unreachable, see above
  if (e > Decimal.maxE || e < Decimal.minE) return new Decimal(text);
  const len = last - first + 1;
  // Digits in the first word: those down to the next power of ten that is a multiple of 7.
  let head = (e + 1) % LOG_BASE;
  if (e < 0) head += LOG_BASE;
  // The exact size saves the array's growth; a smaller one gives the same words (an
  // array grows on assignment), so only the speed depends on it.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a size hint, see above
  const words = head >= len ? 1 : 1 + Math.ceil((len - head) / LOG_BASE) - (head === 0 ? 1 : 0);
  // Stryker disable next-line ArrayDeclaration: a size hint, see above
  const d = new Array<number>(words);
  let w = 0;
  let word = 0;
  let inWord = 0;
  let size = head === 0 ? LOG_BASE : head;
  let taken = 0;
  for (let p = firstAt; taken < len; p++) {
    const c = text.charCodeAt(p);
    if (c === 46) continue;
    word = word * 10 + (c - 48);
    taken++;
    if (++inWord === size) {
      d[w++] = word;
      word = 0;
      inWord = 0;
      size = LOG_BASE;
    }
  }
  if (inWord > 0) d[w] = word * POW10[size - inWord]!;
  return new Built(s, e, d);
}
