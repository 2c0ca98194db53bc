/**
 * `String(value)`, or the value's type when it has no string form: a null-prototype
 * object, an object whose `toString` is not a function or throws (`{ "toString": 0 }`
 * from `JSON.parse`, a hostile row). For messages about values that failed a check, so
 * that describing bad input can never throw in its turn (tested in
 * test/_lib/printable.test.ts).
 */
export function printable(value: unknown): string {
  try {
    return String(value);
  } catch {
    return `a value of type ${typeof value}`;
  }
}
