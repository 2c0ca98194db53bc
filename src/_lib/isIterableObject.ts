/**
 * Whether `value` is an object that can be iterated (an array, a `Set`, a `Map`, a
 * generator…): the one test behind every check of a list argument. Strings are not
 * accepted (a string is not a list of records).
 */
export function isIterableObject(value: unknown): value is Iterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
}
