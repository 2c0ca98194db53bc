import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeReportInput } from '../../src/cli/input.js';
import { run } from '../../src/cli/run.js';
import { buildSample } from '../../src/cli/sample.js';
import { memoryIo } from './_io.js';

// Whatever the file holds, the CLI answers with a report (exit 0 or 1) or a refusal
// (exit 2), never an unexpected failure (3), a stack trace, or a touched prototype.

const base = JSON.parse(JSON.stringify(serializeReportInput(buildSample({ deals: 12 })))) as {
  pipeline: Record<string, unknown>;
  customers: Record<string, unknown>[];
  opportunities: Record<string, unknown>[];
};

function runOn(text: string): { code: number; out: string; err: string } {
  const io = memoryIo({ 'f.json': text });
  const code = run(['report', 'f.json', '--format', 'json'], io);
  return { code, out: io.out(), err: io.err() };
}

function expectHandled(r: { code: number; out: string; err: string }): void {
  expect([0, 1, 2], r.err).toContain(r.code);
  expect(r.err).not.toMatch(/^\s+at\s/m);
  expect(r.err).not.toMatch(/\b(Type|Syntax|Range|Zod)?Error:/);
  if (r.code === 2) expect(r.out).toBe('');
  else expect(JSON.parse(r.out).format).toBe('sales-funnel-report');
}

describe('report on hostile input', () => {
  it('handles any JSON value in place of the file, a record or a field', () => {
    const where = fc.constantFrom('file', 'pipeline', 'customers', 'opportunities', 'customer', 'deal', 'amount', 'history', 'event', 'at', 'attributes');
    fc.assert(
      fc.property(where, fc.jsonValue({ maxDepth: 4 }), (place, value) => {
        const file = structuredClone(base);
        const deal = file.opportunities[3]!;
        switch (place) {
          case 'file':
            return expectHandled(runOn(JSON.stringify(value)));
          case 'pipeline':
          case 'customers':
          case 'opportunities':
            (file as Record<string, unknown>)[place] = value;
            break;
          case 'customer':
            file.customers[0] = value as Record<string, unknown>;
            break;
          case 'deal':
            file.opportunities[0] = value as Record<string, unknown>;
            break;
          case 'event':
            (deal['history'] as unknown[])[0] = value;
            break;
          case 'at':
            (deal['history'] as Record<string, unknown>[])[0]!['at'] = value;
            break;
          default:
            deal[place] = value;
        }
        expectHandled(runOn(JSON.stringify(file)));
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('handles bad instants, unbounded exponents, forbidden keys and deep nesting as rejected records', () => {
    const hostile: [string, (deal: Record<string, unknown>) => void][] = [
      ['garbage instant', (d) => ((d['history'] as Record<string, unknown>[])[0]!['at'] = 'garbage')],
      ['30 February', (d) => ((d['history'] as Record<string, unknown>[])[0]!['at'] = '2026-02-30T00:00:00Z')],
      ['leap second', (d) => ((d['history'] as Record<string, unknown>[])[0]!['at'] = '2026-06-30T23:59:60Z')],
      ['huge exponent', (d) => (d['amount'] = { amount: '1e9000000000000', currency: 'CNY' })],
      ['tiny probability', (d) => (d['probabilityOverride'] = '1e-9000000000000')],
      ['year 10000', (d) => ((d['history'] as Record<string, unknown>[])[0]!['at'] = '9999-12-31T23:00:00-02:00')],
      ['__proto__ attribute', (d) => (d['attributes'] = JSON.parse('{"__proto__": {"polluted": true}}'))],
      ['constructor task', (d) => (d['completedTasks'] = { constructor: { at: '2026-01-01T00:00:00Z' } })],
      // spliced into the text below: JSON.stringify itself could not write it
      ['deep nesting', (d) => (d['attributes'] = { deep: 'DEEP' })],
    ];
    for (const [name, spoil] of hostile) {
      const file = structuredClone(base);
      spoil(file.opportunities[3]!);
      const r = runOn(JSON.stringify(file).replace('"DEEP"', `${'['.repeat(100_000)}${']'.repeat(100_000)}`));
      expectHandled(r);
      expect(r.code, name).toBe(1);
      expect(r.err, name).toContain('  opportunities.3');
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    }
    // nesting so deep that a recursive reader would overflow its stack
    const deep = runOn(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    expectHandled(deep);
    expect(deep.code).toBe(2);
  });
});
