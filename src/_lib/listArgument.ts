import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { isIterableObject } from './isIterableObject.js';

/**
 * The items of an iterable argument, as an array (an array is returned as it is, any other
 * iterable is read once); `FunnelError('invalid_argument', { name, reason: must_be_array })`
 * otherwise. The one check of a list argument that is not a list of deals (those are
 * checked by `src/model/dealArguments.ts`).
 */
export function listArgument<T>(value: Iterable<T>, name: string): readonly T[] {
  if (Array.isArray(value)) return value;
  if (isIterableObject(value)) return [...(value as Iterable<T>)];
  throw new FunnelError('invalid_argument', { name, reason: because('must_be_array') });
}
