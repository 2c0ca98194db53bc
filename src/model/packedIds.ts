// Ids packed into one array of characters and an offset per id, instead of a string per
// id: the ids of a DealColumns chunk (PackedIds), and the lists of ids an accumulator
// keeps while a book streams through it (IdPacker). A million ids of eight characters
// take about 12 MB packed, about 34 MB as strings.
import type { DealIds } from './dealColumnsShape.js';
import type { OpportunityId } from './ids.js';

type Chars = Uint8Array | Uint16Array;

/** A new string of the `n` characters of `c` from `a`: flat, sharing nothing with `c`. */
function decode(c: Chars, a: number, n: number): OpportunityId {
  // Short ids (most ids) without a view of the array: a few times faster.
  const f = String.fromCharCode;
  switch (n) {
    case 0:
      return '' as OpportunityId;
    case 1:
      return f(c[a]!) as OpportunityId;
    case 2:
      return f(c[a]!, c[a + 1]!) as OpportunityId;
    case 3:
      return f(c[a]!, c[a + 1]!, c[a + 2]!) as OpportunityId;
    case 4:
      return f(c[a]!, c[a + 1]!, c[a + 2]!, c[a + 3]!) as OpportunityId;
    case 5:
      return f(c[a]!, c[a + 1]!, c[a + 2]!, c[a + 3]!, c[a + 4]!) as OpportunityId;
    case 6:
      return f(c[a]!, c[a + 1]!, c[a + 2]!, c[a + 3]!, c[a + 4]!, c[a + 5]!) as OpportunityId;
    case 7:
      return f(c[a]!, c[a + 1]!, c[a + 2]!, c[a + 3]!, c[a + 4]!, c[a + 5]!, c[a + 6]!) as OpportunityId;
    case 8:
      return f(c[a]!, c[a + 1]!, c[a + 2]!, c[a + 3]!, c[a + 4]!, c[a + 5]!, c[a + 6]!, c[a + 7]!) as OpportunityId;
    case 9:
      return f(c[a]!, c[a + 1]!, c[a + 2]!, c[a + 3]!, c[a + 4]!, c[a + 5]!, c[a + 6]!, c[a + 7]!, c[a + 8]!) as OpportunityId;
    case 10:
      return f(c[a]!, c[a + 1]!, c[a + 2]!, c[a + 3]!, c[a + 4]!, c[a + 5]!, c[a + 6]!, c[a + 7]!, c[a + 8]!, c[a + 9]!) as OpportunityId;
    default:
      return f.apply(null, c.subarray(a, a + n) as unknown as number[]) as OpportunityId;
  }
}

/**
 * The ids of a chunk packed into one array of characters (`Uint8Array` while every
 * character is below U+0100, else `Uint16Array`) and an offset per id (`length + 1`
 * offsets). @internal
 */
export class PackedIds implements DealIds {
  constructor(
    readonly chars: Chars,
    readonly offsets: Int32Array,
    readonly length: number,
  ) {}

  at(i: number): OpportunityId {
    const a = this.offsets[i]!;
    return decode(this.chars, a, this.offsets[i + 1]! - a);
  }

  *[Symbol.iterator](): IterableIterator<OpportunityId> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
}

/**
 * A growing list of ids, packed as they come (arrays grown by doubling): the builder of
 * {@link PackedIds}, and the id lists an accumulator keeps. @internal
 */
export class IdPacker {
  private chars: Chars;
  private used = 0;
  private offsets: Int32Array;
  private count = 0;
  private wide = false;

  /** @param capacity - The expected number of ids (the arrays start that long, 8 characters an id). */
  constructor(capacity = 0) {
    this.chars = new Uint8Array(Math.max(64, 8 * capacity));
    this.offsets = new Int32Array(Math.max(16, capacity + 1));
  }

  /** Number of ids. */
  get length(): number {
    return this.count;
  }

  /** Room for `n` more characters (and one more id), as `wide` characters when asked. */
  private room(n: number, wide: boolean): void {
    if (wide && !this.wide) {
      const w = new Uint16Array(Math.max(this.chars.length, this.used + n));
      w.set(this.chars.subarray(0, this.used));
      this.chars = w;
      this.wide = true;
    }
    if (this.used + n > this.chars.length) {
      const b = this.wide ? new Uint16Array(Math.max(this.used + n, this.chars.length * 2)) : new Uint8Array(Math.max(this.used + n, this.chars.length * 2));
      b.set(this.chars.subarray(0, this.used));
      this.chars = b;
    }
    if (this.count + 2 > this.offsets.length) {
      const b = new Int32Array(this.offsets.length * 2);
      b.set(this.offsets);
      this.offsets = b;
    }
  }

  /** Appends an id. */
  push(id: string): void {
    const n = id.length;
    let wide = false;
    if (!this.wide) {
      for (let j = 0; j < n; j++) {
        if (id.charCodeAt(j) > 0xff) {
          wide = true;
          break;
        }
      }
    }
    this.room(n, wide);
    const c = this.chars;
    let k = this.used;
    for (let j = 0; j < n; j++) c[k++] = id.charCodeAt(j);
    this.used = k;
    this.offsets[++this.count] = k;
  }

  /** Appends id `i` of packed ids, its characters copied (no string made). */
  pushFrom(ids: PackedIds, i: number): void {
    const a = ids.offsets[i]!;
    const n = ids.offsets[i + 1]! - a;
    this.room(n, ids.chars instanceof Uint16Array);
    const src = ids.chars;
    const c = this.chars;
    let k = this.used;
    for (let j = 0; j < n; j++) c[k++] = src[a + j]!;
    this.used = k;
    this.offsets[++this.count] = k;
  }

  /** Every id, in order, as strings. */
  toArray(): OpportunityId[] {
    const out = new Array<OpportunityId>(this.count);
    const c = this.chars;
    const o = this.offsets;
    for (let i = 0; i < this.count; i++) out[i] = decode(c, o[i]!, o[i + 1]! - o[i]!);
    return out;
  }

  /** The ids packed, the arrays trimmed to what they hold. */
  done(): PackedIds {
    const chars = this.chars.length === this.used ? this.chars : this.chars.slice(0, this.used);
    const offsets = this.offsets.length === this.count + 1 ? this.offsets : this.offsets.slice(0, this.count + 1);
    return new PackedIds(chars, offsets, this.count);
  }
}
