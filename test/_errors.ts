// What a call throws, for the tests that assert whole errors (not a test file: vitest
// only runs *.test.ts).
import { FunnelError } from '../src/index.js';

/** The FunnelError `f` throws (anything else thrown is rethrown; no throw fails the test). */
export function thrown(f: () => unknown): FunnelError {
  try {
    f();
  } catch (e) {
    if (e instanceof FunnelError) return e;
    throw e;
  }
  throw new Error('expected a FunnelError');
}

/** The whole error `f` throws: code, params, and the message in English and zh-CN. */
export function whole(f: () => unknown): unknown[] {
  const e = thrown(f);
  return [e.code, e.params, e.message, e.localizedMessage('zh-CN')];
}

/** The code of the error `f` throws and what it names: the argument (`name`) or the option (`option`). */
export function fault(f: () => unknown): [string, string | undefined] {
  const e = thrown(f);
  const p = e.params as { name?: string; option?: string };
  return [e.code, p.name ?? p.option];
}

/**
 * The code of the error `f` throws, what it names (`name` or `option`), and its reason's
 * code and params (`null` when it has none).
 */
export function reasoned(f: () => unknown): [string, string | undefined, string | undefined, object | null] {
  const e = thrown(f);
  const p = e.params as { name?: string; option?: string; reason?: { code: string; params?: object } };
  return [e.code, p.name ?? p.option, p.reason?.code, p.reason?.params ?? null];
}
