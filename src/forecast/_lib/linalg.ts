/**
 * Small dense linear algebra on plain JS numbers (Markov chains with a few dozen
 * states): Gaussian elimination with partial pivoting.
 */

/**
 * Solves A·X = B for X, where A is n×n and B is n×m (both given row by row; neither is
 * modified). Gaussian elimination with partial (row) pivoting, then back substitution.
 * Returns `null` when A is singular to working precision: a pivot column whose largest
 * remaining entry is at most n·2⁻⁵² times the largest entry of A.
 */
export function solveLinearSystem(a: ReadonlyArray<ReadonlyArray<number>>, b: ReadonlyArray<ReadonlyArray<number>>): number[][] | null {
  const n = a.length;
  if (b.length !== n) throw new RangeError('solveLinearSystem: A and B need the same number of rows');
  const m = n === 0 ? 0 : (b[0] as ReadonlyArray<number>).length;
  // Augmented working copy [A | B].
  const w: Float64Array[] = a.map((row, i) => {
    if (row.length !== n) throw new RangeError('solveLinearSystem: A must be square');
    const rhs = b[i] as ReadonlyArray<number>;
    if (rhs.length !== m) throw new RangeError('solveLinearSystem: B rows differ in length');
    return Float64Array.from([...row, ...rhs]);
  });
  let scale = 0;
  for (const row of a) for (const v of row) scale = Math.max(scale, Math.abs(v));
  const tolerance = Math.max(n, 1) * Number.EPSILON * scale;
  for (let col = 0; col < n; col++) {
    let pivotRow = col;
    let best = Math.abs(w[col]![col]!);
    for (let r = col + 1; r < n; r++) {
      const v = Math.abs(w[r]![col]!);
      if (v > best) {
        best = v;
        pivotRow = r;
      }
    }
    if (!(best > tolerance)) return null;
    // Equivalent mutant: `true` swaps a row with itself.
    if (pivotRow !== col) {
      const tmp = w[col]!;
      w[col] = w[pivotRow]!;
      w[pivotRow] = tmp;
    }
    const pivot = w[col]!;
    const pv = pivot[col]!;
    for (let r = col + 1; r < n; r++) {
      const row = w[r]!;
      const f = row[col]! / pv;
      // Equivalent mutant: `false` subtracts 0 × the pivot row.
      if (f === 0) continue;
      row[col] = 0;
      // Equivalent mutants: `col - 1` also rewrites entries below the diagonal, which back substitution never reads;
      // `c <= n + m` writes past the end of a Float64Array, which ignores it.
      for (let c = col + 1; c < n + m; c++) row[c] = row[c]! - f * pivot[c]!;
    }
  }
  // Stryker disable next-line ArrayDeclaration: equivalent; back substitution sets every entry
  const x: number[][] = Array.from({ length: n }, () => new Array<number>(m).fill(0));
  for (let k = 0; k < m; k++) {
    for (let r = n - 1; r >= 0; r--) {
      const row = w[r]!;
      let s = row[n + k]!;
      for (let c = r + 1; c < n; c++) s -= row[c]! * x[c]![k]!;
      x[r]![k] = s / row[r]!;
    }
  }
  return x;
}
