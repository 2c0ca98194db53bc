import { FunnelError } from '../../src/index.js';

/** The code of the FunnelError `fn` throws, a note when it throws something else, `undefined` when it returns. */
export function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof FunnelError ? e.code : `not a FunnelError: ${String(e)}`;
  }
  return undefined;
}
