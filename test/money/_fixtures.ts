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

/**
 * What the FunnelError `fn` throws: its code, its params with the reason (if any) reduced to
 * its code and params, and its English message; a note when it throws something else or
 * returns.
 */
export function refusal(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof FunnelError)) return `not a FunnelError: ${String(e)}`;
    const { reason, ...rest } = e.params as { reason?: { code: string; params?: unknown } };
    const shortReason = reason === undefined ? {} : { reason: { code: reason.code, ...(reason.params === undefined ? {} : { params: reason.params }) } };
    return { code: e.code, ...rest, ...shortReason, message: e.message };
  }
  return 'no error';
}
