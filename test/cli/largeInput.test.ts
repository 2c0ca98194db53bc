import { describe, expect, it } from 'vitest';
import { serializePipeline } from '../../src/index.js';
import { run } from '../../src/cli/run.js';
import { buildSample } from '../../src/cli/sample.js';
import { memoryIo } from './_io.js';

// A file of many empty records must be read in bounded memory: every record is rejected,
// but only the first ones are kept with their problems (5 each at most), the rest counted.
// (Measured by hand on 2 million empty records, a 6 MB file: see the CLI guide.)
const N = 200_000;

describe('report on a large file of empty records', () => {
  it(`rejects all ${N.toLocaleString('en')} records, keeps a bounded list, and still writes the report`, () => {
    const pipeline = JSON.stringify(serializePipeline(buildSample({ deals: 10 }).pipeline));
    const text = `{"asOf":"2026-11-23T00:00:00Z","pipeline":${pipeline},"opportunities":[${'{},'.repeat(N - 1)}{}]}`;
    const io = memoryIo({ 'empty.json': text });
    expect(run(['report', 'empty.json', '--format', 'json'], io)).toBe(1);

    const report = JSON.parse(io.out());
    expect(report.deals.total).toBe(0);
    expect(report.input).toMatchObject({ records: N, rejected: N, duplicates: 0, opportunities: { read: N, accepted: 0 } });
    expect(report.input.rejectedRecords.length).toBeLessThanOrEqual(100);
    for (const r of report.input.rejectedRecords) {
      expect(r.issues.length).toBeGreaterThan(0);
      expect(r.issues.length).toBeLessThanOrEqual(5);
      expect(r.issueCount).toBeGreaterThan(r.issues.length); // an empty deal lacks more fields than are kept
    }
    const err = io.err();
    expect(err).toContain(`empty.json: rejected 200,000 of 200,000 records`);
    expect(err).toContain('… and 199,980 more rejected records');
    expect(err.split('\n').length).toBeLessThan(200);
  }, 120_000);
});
