/**
 * The order of items, heaviest first, ties in their given order, in linear time: a
 * stable least-significant-digit radix sort on whole numbers below 2^52 (up to four passes
 * of 13 bits: as many as the largest key needs, and a pass skipped when every item has
 * the same digit). For millions of pieces
 * this replaces a comparison sort of objects, which dominated the preparation.
 *
 * @param keys - Whole numbers in [0, 2^52), one per item (not modified).
 * @returns The item indices, by key descending, equal keys in increasing index.
 */
export function orderHeaviestFirst(keys: Float64Array): Int32Array {
  const n = keys.length;
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (n < 2) return order;
  let next = new Int32Array(n);
  const digit = new Int32Array(n);
  const RADIX = 8192; // 2^13
  const count = new Int32Array(RADIX);
  // Only the passes the largest key needs (one for keys below 2^13, and so on).
  let max = 0;
  for (let i = 0; i < n; i++) if (keys[i]! > max) max = keys[i]!;
  let passes = 1;
  while (passes < 4 && max >= 2 ** (13 * passes)) passes++;
  for (let pass = 0; pass < passes; pass++) {
    const div = 2 ** (13 * pass);
    count.fill(0);
    for (let i = 0; i < n; i++) {
      // Descending: the largest digit first.
      const d = RADIX - 1 - (Math.floor(keys[order[i]!]! / div) % RADIX);
      digit[i] = d;
      count[d] = count[d]! + 1;
    }
    if (count[digit[0]!] === n) continue; // every item has this digit: the pass changes nothing
    let at = 0;
    for (let d = 0; d < RADIX; d++) {
      const c = count[d]!;
      count[d] = at;
      at += c;
    }
    for (let i = 0; i < n; i++) {
      const d = digit[i]!;
      next[count[d]!] = order[i]!;
      count[d] = count[d]! + 1;
    }
    [order, next] = [next, order];
  }
  return order;
}
