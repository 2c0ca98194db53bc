/**
 * `count / denominator`, or null for a zero denominator (never NaN, never 0/0 = 1): the
 * library's rate rule, shared by the in-process analytics and the SQL decoders.
 *
 * @internal
 */
export function rate(count: number, denominator: number): number | null {
  return denominator === 0 ? null : count / denominator;
}
