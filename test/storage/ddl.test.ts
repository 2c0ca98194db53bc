// POSTGRES_DDL and DUCKDB_DDL: their columns are the row codecs' keys, in the same order
// (so a row binds to an INSERT as it is), and the guide shows the PostgreSQL schema as it is.
// The DDL runs against real databases in postgres.test.ts and duckdb.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCustomer } from '../../src/model/customer.js';
import { customerEventToRow, customerToRow, DUCKDB_DDL, opportunityToRows, pipelineToRow, POSTGRES_DDL } from '../../src/model/rows/index.js';
import { repoRoot } from '../docs/support.js';
import { smallBook } from './_support.js';

/** Table → its column names, in order, read from CREATE TABLE statements. */
function tables(ddl: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of ddl.matchAll(/CREATE TABLE IF NOT EXISTS (\w+) \(\n([\s\S]*?)\n\);/g)) {
    out[m[1]!] = m[2]!
      .split('\n')
      .map((line) => /^\s+"?(\w+)"?\s+[A-Za-z]/.exec(line)?.[1])
      .filter((c): c is string => c !== undefined && c !== 'PRIMARY' && c !== 'UNIQUE');
  }
  return out;
}

describe('POSTGRES_DDL and DUCKDB_DDL', () => {
  const { pipeline, customers, deal } = smallBook();
  const rows = opportunityToRows(deal);
  const expected = {
    pipelines: Object.keys(pipelineToRow(pipeline)),
    customers: Object.keys(customerToRow(customers[0]!)),
    customer_events: Object.keys(
      customerEventToRow('c-1', parseCustomer({ id: 'c-1', name: '华东机械', history: [{ type: 'activity_logged', at: '2026-03-02T01:00:00Z', kind: 'call' }] }).history[0]!),
    ),
    opportunities: Object.keys(rows.opportunity),
    opportunity_events: Object.keys(rows.events[0]!),
  };

  it('have the row codecs’ columns, in their order', () => {
    expect(tables(POSTGRES_DDL)).toEqual(expected);
    expect(tables(DUCKDB_DDL)).toEqual(expected);
  });

  it('store amounts so that every accepted decimal fits (PostgreSQL) or fails loudly (DuckDB)', () => {
    expect(POSTGRES_DDL).toMatch(/amount\s+numeric\(45, 20\)/);
    expect(DUCKDB_DDL).toMatch(/amount\s+DECIMAL\(38, 20\)/);
    expect(POSTGRES_DDL).toMatch(/PRIMARY KEY \(opportunity_id, seq\),\n\s+UNIQUE \(opportunity_id, id\)/);
    expect(DUCKDB_DDL).toMatch(/PRIMARY KEY \(opportunity_id, seq\),\n\s+UNIQUE \(opportunity_id, id\)/);
    expect(POSTGRES_DDL).toMatch(/PRIMARY KEY \(customer_id, seq\),\n\s+UNIQUE \(customer_id, id\)/);
    expect(DUCKDB_DDL).toMatch(/PRIMARY KEY \(customer_id, seq\),\n\s+UNIQUE \(customer_id, id\)/);
  });

  it('are shown as they are in docs/guides/storing-deals.md', () => {
    const guide = fs.readFileSync(path.join(repoRoot, 'docs/guides/storing-deals.md'), 'utf8');
    expect(guide).toContain(`\`\`\`sql postgres\n${POSTGRES_DDL}\`\`\``);
  });
});
