// Fuzzing every parser with the classes of bad input from issue 11 — instants that are
// not real ("garbage", "", 30 February, a leap second, Dates invalid or out of range),
// unbounded exponents, JSON nested thousands deep, prototype keys — mixed into valid
// records and into anything at all. Only coded issues may come out: no crash (the safe
// variants never throw, the others throw only a ZodError), no hang, no input changed
// (inputs are deep-frozen and compared), no prototype touched.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ISSUE_CODES } from '../../src/i18n/codes.js';
import { FunnelError } from '../../src/i18n/FunnelError.js';
import { parseCustomer, safeParseCustomer } from '../../src/model/customer.js';
import { parseOpportunity, safeParseOpportunity, serializeOpportunity } from '../../src/model/opportunity.js';
import { parseBook, safeParseBook } from '../../src/model/parseBook.js';
import { parsePipeline, safeParsePipeline, serializePipeline } from '../../src/model/pipeline.js';
import { toFunnelIssues } from '../../src/model/toFunnelIssues.js';
import { badValueArb, nearArb, pathsOf, wireDealArb, wirePipeline, wirePipelineJson, withAt } from './_wireDeal.js';

const KNOWN = new Set<string>(ISSUE_CODES);

/** Freezes a value and everything it holds (iteratively: inputs nest thousands deep). */
function deepFreeze<T>(value: T): T {
  const seen = new Set<unknown>();
  const todo: unknown[] = [value];
  while (todo.length > 0) {
    const v = todo.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    for (const key of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, key);
      if (d !== undefined && 'value' in d) todo.push(d.value);
    }
    Object.freeze(v);
  }
  return value;
}

/** A picture of an input to compare before and after (Dates by time, keys in order). */
function picture(value: unknown, depth = 0): unknown {
  if (depth > 80) return '…';
  if (value instanceof Date) {
    try {
      return ['Date', Date.prototype.getTime.call(value)];
    } catch {
      return ['fake Date'];
    }
  }
  if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function') return String(value);
  if (typeof value !== 'object' || value === null) return Number.isNaN(value) ? 'NaN' : value;
  return Reflect.ownKeys(value).map((k) => [String(k), picture((value as Record<string | symbol, unknown>)[k], depth + 1)]);
}

const protoNames = () => [Object.prototype, Array.prototype, Function.prototype, Date.prototype, String.prototype].map((p) => Reflect.ownKeys(p).map(String).sort().join());
const prototypesBefore = protoNames();

/** Every issue of a failed safe parse is coded and has a path. */
function expectCoded(error: z.ZodError): void {
  for (const issue of toFunnelIssues(error)) {
    expect(KNOWN.has(issue.code)).toBe(true);
    expect(Array.isArray(issue.path)).toBe(true);
    expect(typeof issue.message).toBe('string');
  }
}

/** A throwing parser throws a ZodError and nothing else. */
function expectZodErrorOrValue(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    expect(e, String(e)).toBeInstanceOf(z.ZodError);
  }
}

/** Arrays and objects nested `depth` deep (printed short in a counterexample). */
function nested(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { x: v };
  Object.defineProperty(v, fc.toStringMethod, { value: () => `nested(${depth})` });
  return v;
}

/** The named classes of bad values, plus near and arbitrary ones. */
const hostileArb = (original: unknown): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom<unknown>('garbage', '', '2026-02-30T00:00:00Z', '2026-06-30T23:59:60Z', '9999-12-31T23:00:00-02:00', '1e9000000000000', '1e-9000000000000', new Date(Number.NaN)),
    fc.constantFrom(nested(5000), nested(70), JSON.parse('{"__proto__":{"polluted":true}}'), { constructor: 1 }, { prototype: {} }),
    nearArb(original),
    badValueArb,
  );

const mutate = <T>(arb: fc.Arbitrary<T>) =>
  arb.chain((value) => {
    const paths = pathsOf(value);
    if (paths.length === 0) return fc.constant(value as unknown);
    return fc
      .array(fc.constantFrom(...paths), { minLength: 1, maxLength: 3 })
      .chain((ps) =>
        fc.tuple(...ps.map((p) => {
          let original: unknown = value;
          for (const k of p) original = (original as Record<string | number, unknown>)?.[k];
          return hostileArb(original).map((bad) => [p, bad] as const);
        })),
      )
      .map((changes) => changes.reduce<unknown>((v, [p, bad]) => {
        try {
          return withAt(v, p, bad);
        } catch {
          return v; // the path went away with an earlier change
        }
      }, value));
  });

const customerJson = { id: 'c-1', name: '华东机械', segment: 'existing', priority: 'high', tags: ['制造'], attributes: { employees: 1200, sites: ['苏州', '无锡'] } };

const dealInputArb = fc.oneof(mutate(wireDealArb), wireDealArb, fc.anything({ maxDepth: 3 }));
const pipelineInputArb = fc.oneof(mutate(fc.constant(wirePipelineJson)), fc.anything({ maxDepth: 3 }));
const customerInputArb = fc.oneof(mutate(fc.constant(customerJson)), fc.anything({ maxDepth: 2 }));
const bookInputArb = fc.oneof(
  fc.record({
    pipelines: fc.array(fc.oneof(fc.constant(wirePipelineJson), pipelineInputArb), { maxLength: 3 }),
    customers: fc.array(fc.oneof(fc.constant(customerJson), customerInputArb), { maxLength: 3 }),
    opportunities: fc.array(dealInputArb, { maxLength: 5 }),
  }),
  fc.anything({ maxDepth: 3 }),
);

/** Runs `check` on a deep-frozen input and checks the input and the prototypes afterwards. */
function guarded(input: unknown, check: (input: unknown) => void): void {
  const frozen = deepFreeze(input);
  const before = picture(frozen);
  const started = performance.now();
  check(frozen);
  expect(performance.now() - started).toBeLessThan(2000); // no hang
  expect(picture(frozen)).toEqual(before);
  expect(protoNames()).toEqual(prototypesBefore);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
}

describe('fuzzing the parsers finds only coded issues', () => {
  it('opportunities, with and without the pipeline', () => {
    fc.assert(
      fc.property(dealInputArb, (input) =>
        guarded(input, (frozen) => {
          for (const options of [{}, { pipeline: wirePipeline }, { pipeline: wirePipeline, allowEmptyHistory: true }]) {
            const r = safeParseOpportunity(frozen, options);
            if (r.success) {
              // whatever gets in can be written back and read again
              expect(safeParseOpportunity(JSON.parse(JSON.stringify(serializeOpportunity(r.data))), options).success).toBe(true);
            } else expectCoded(r.error);
            expectZodErrorOrValue(() => parseOpportunity(frozen, options));
          }
        }),
      ),
      { numRuns: 400 },
    );
  });

  it('pipelines and customers', () => {
    fc.assert(
      fc.property(pipelineInputArb, customerInputArb, (p, c) => {
        guarded(p, (frozen) => {
          const r = safeParsePipeline(frozen);
          if (r.success) expect(safeParsePipeline(JSON.parse(JSON.stringify(serializePipeline(r.data)))).success).toBe(true);
          else expectCoded(r.error);
          expectZodErrorOrValue(() => parsePipeline(frozen));
        });
        guarded(c, (frozen) => {
          const r = safeParseCustomer(frozen);
          if (!r.success) expectCoded(r.error);
          expectZodErrorOrValue(() => parseCustomer(frozen));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('books', () => {
    fc.assert(
      fc.property(bookInputArb, (input) =>
        guarded(input, (frozen) => {
          const r = safeParseBook(frozen as never);
          for (const rejected of r.rejected) {
            for (const issue of rejected.issues) {
              expect(KNOWN.has(issue.code)).toBe(true);
              expect(issue.path?.slice(0, rejected.path.length)).toEqual(rejected.path);
            }
          }
          expect(r.success).toBe(r.rejectedCount === 0);
          try {
            parseBook(frozen as never);
          } catch (e) {
            expect(e instanceof z.ZodError || e instanceof FunnelError).toBe(true);
          }
        }),
      ),
      { numRuns: 150 },
    );
  });
});
