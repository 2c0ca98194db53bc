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
  // Mutants marked below only change the speed: a loop running one index past the end of a
  // typed array (`<=` for `<`) reads undefined and writes nothing, and a pass more than the
  // keys need finds every digit equal and is skipped. A disable covers every mutant of its
  // kind on the line: the sibling that empties a loop (`>=`) is killed by the tests in
  // test/planning/_lib/territories/order.test.ts, and is left out of the score with it.
  const n = keys.length;
  let order = new Int32Array(n);
  // Stryker disable next-line EqualityOperator: speed only (see above)
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Int32Array(n);
  const digit = new Int32Array(n);
  const RADIX = 8192; // 2^13
  const count = new Int32Array(RADIX);
  let max = 0;
  // Stryker disable next-line EqualityOperator: speed only (see above); a key equal to the largest so far changes nothing
  for (let i = 0; i < n; i++) if (keys[i]! > max) max = keys[i]!;
  // Only the passes the largest key needs: one below 2^13, two below 2^26, three below 2^39, else four.
  // Stryker disable next-line ConditionalExpression: a test forced false only adds a pass (speed only); forced true, it drops one, which the tests of keys at each boundary kill
  const passes = max < 2 ** 13 ? 1 : max < 2 ** 26 ? 2 : max < 2 ** 39 ? 3 : 4;
  // Stryker disable next-line EqualityOperator: speed only (see above)
  for (let pass = 0; pass < passes; pass++) {
    const div = 2 ** (13 * pass);
    count.fill(0);
    // Stryker disable next-line EqualityOperator: speed only (see above)
    for (let i = 0; i < n; i++) {
      // Descending: the largest digit first.
      const d = RADIX - 1 - (Math.floor(keys[order[i]!]! / div) % RADIX);
      digit[i] = d;
      count[d] = count[d]! + 1;
    }
    // Every item has this digit: the pass changes nothing (a stable pass over equal digits).
    // Stryker disable next-line ConditionalExpression: speed only: without the skip the pass runs and keeps the order; forced true it skips every pass, which the tests kill
    if (count[digit[0]!] === n) continue;
    let at = 0;
    // Stryker disable next-line EqualityOperator: speed only (see above)
    for (let d = 0; d < RADIX; d++) {
      const c = count[d]!;
      count[d] = at;
      at += c;
    }
    // Stryker disable next-line EqualityOperator: speed only (see above)
    for (let i = 0; i < n; i++) {
      const d = digit[i]!;
      next[count[d]!] = order[i]!;
      count[d] = count[d]! + 1;
    }
    [order, next] = [next, order];
  }
  return order;
}
