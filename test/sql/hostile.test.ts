// Hostile names and values cannot change the queries: table and column names with
// quotes, semicolons, spaces and unicode (mapped), and stage ids, owners, teams and
// pipeline ids that look like SQL (bound as parameters, never written into the text).
// Plus the refusals: bad names, options the database does not compute, dialects that
// lack a capability; and a third dialect (anonymous `?` placeholders) as one object.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageFlow } from '../../src/analytics/stageFlow.js';
import { weightedForecast } from '../../src/forecast/weightedForecast.js';
import { FunnelError } from '../../src/i18n/FunnelError.js';
import type { Pipeline } from '../../src/model/pipeline.js';
import {
  cohortFunnelSql,
  duckdbDialect,
  findStalledSql,
  forecastCategoriesSql,
  funnelSnapshotSql,
  stageFlowSql,
  stageVisitsSql,
  weightedForecastSql,
  winLossSql,
  type SqlDialect,
  type SqlQuery,
  type SqlSchema,
} from '../../src/sql/index.js';
import { bookArb, pipelineArb } from '../../src/testing/index.js';
import { ENGINES, load, rows, run, startDatabases, stopDatabases, type Databases } from './_support.js';

let dbs: Databases;
beforeAll(async () => {
  dbs = await startDatabases();
}, 180_000);
afterAll(() => stopDatabases(dbs));

const HOSTILE = [`'; DROP TABLE opportunities; --`, `a"b`, `x'); DELETE FROM opportunity_events; --`, '销售 漏斗', 'emoji 🚀 ; "q"', `$1`, `?`];

/** A pipeline whose id and stage ids are hostile strings. */
function hostilePipeline(base: Pipeline): Pipeline {
  const rename = new Map(base.stages.map((s, i) => [s.id as string, `${HOSTILE[i % HOSTILE.length]}#${i}`]));
  return {
    ...base,
    id: HOSTILE[0] as Pipeline['id'],
    stages: base.stages.map((s) => ({ ...s, id: rename.get(s.id) as typeof s.id, keyTasks: s.keyTasks.map((k) => ({ ...k, id: `${HOSTILE[1]}${k.id}` as typeof k.id })) })),
  };
}

const hostileBookArb = pipelineArb({ maxOpenStages: 4 }).chain((p) =>
  bookArb({ pipeline: hostilePipeline(p), maxDeals: 8, maxCustomers: 2, owners: [HOSTILE[2]!, HOSTILE[3]!, HOSTILE[4]!], regions: [HOSTILE[5]!, HOSTILE[6]!] }),
);

/** The tables of the DDL copied under hostile names, with hostile column names. */
const SCHEMA: SqlSchema = {
  opportunities: { table: [`crm"; DROP TABLE opportunities; --`], columns: { id: `id"--`, owner_id: 'sales rep;', amount: '金额', stage_id: `stage'`, status: 'Status' } },
  opportunity_events: { table: 'ledger "events"; --', columns: { opportunity_id: 'deal', at: 'when', payload: 'dé;tails' } },
  customers: { table: 'Kunden' },
};

function q(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** CREATE TABLE … AS SELECT under the hostile names (the same SQL in both engines). */
async function copyTables(): Promise<void> {
  const o = SCHEMA.opportunities!;
  const e = SCHEMA.opportunity_events!;
  const renamed = (cols: Readonly<Record<string, string | undefined>> | undefined, all: readonly string[]) =>
    all.map((c) => `${q(c)} AS ${q(cols?.[c as keyof typeof cols] ?? c)}`).join(', ');
  const oppCols = ['id', 'customer_id', 'pipeline_id', 'name', 'amount', 'currency', 'expected_close_date', 'region', 'stage_id', 'status', 'probability_override', 'forecast_category_override', 'owner_id', 'splits', 'completed_tasks', 'closed_at', 'loss_reason', 'competitor', 'attributes', 'version'];
  const evCols = ['opportunity_id', 'seq', 'type', 'at', 'by', 'id', 'payload'];
  const statements = [
    `DROP TABLE IF EXISTS ${q((o.table as string[])[0]!)}`,
    `DROP TABLE IF EXISTS ${q(e.table as string)}`,
    `DROP TABLE IF EXISTS ${q('Kunden')}`,
    `CREATE TABLE ${q((o.table as string[])[0]!)} AS SELECT ${renamed(o.columns, oppCols)} FROM opportunities`,
    `CREATE TABLE ${q(e.table as string)} AS SELECT ${renamed(e.columns, evCols)} FROM opportunity_events`,
    `CREATE TABLE ${q('Kunden')} AS SELECT * FROM customers`,
  ];
  for (const s of statements) {
    await dbs.pg.query(s);
    await dbs.duck.run(s);
  }
}

const count = async (engine: 'postgres' | 'duckdb', table: string) => {
  const [row] = await rows(dbs, engine, { text: `SELECT COUNT(*) AS n FROM ${table}`, params: [] });
  return Number(row?.['n']);
};

describe('hostile names and values', () => {
  it('stage ids, pipeline ids, owners and regions that look like SQL are parameters: same results as in process, tables intact', async () => {
    await fc.assert(
      fc.asyncProperty(hostileBookArb, async (book) => {
        await load(dbs, book);
        const generators = [
          stageVisitsSql(book.pipeline, { dialect: 'postgres' }),
          stageFlowSql(book.pipeline, { dialect: 'postgres', groupBy: ['owner', 'region', 'team'], teams: { [HOSTILE[2]!]: HOSTILE[1]! } }),
          weightedForecastSql(book.pipeline, { dialect: 'postgres', groupBy: ['owner', 'region'] }),
        ];
        for (const g of generators) for (const h of HOSTILE.filter((x) => x.length > 3)) expect(g.text.includes(h), h).toBe(false);
        const options = { groupBy: ['owner', 'region', 'team'] as const, teams: { [HOSTILE[2]!]: HOSTILE[1]! } };
        for (const engine of ENGINES) {
          expect(await run(dbs, engine, stageFlowSql(book.pipeline, { ...options, dialect: engine }))).toEqual(stageFlow(book.opportunities, book.pipeline, options));
          const sorted = [...book.opportunities].sort((a, b) => (a.id < b.id ? -1 : 1));
          expect(await run(dbs, engine, weightedForecastSql(book.pipeline, { groupBy: ['owner', 'region'], dialect: engine }))).toEqual(
            weightedForecast(sorted, book.pipeline, { groupBy: ['owner', 'region'] }),
          );
          expect(await count(engine, 'opportunities')).toBe(book.opportunities.length);
          expect(await count(engine, 'opportunity_events')).toBe(book.opportunities.reduce((n, o) => n + o.history.length, 0));
        }
      }),
      { numRuns: 4 },
    );
  }, 120_000);

  it('table and column names with quotes, semicolons, spaces and unicode are quoted: the mapped tables give the same results', async () => {
    const [book] = fc.sample(bookArb({ minDeals: 8, maxDeals: 8, maxCustomers: 2 }), 1);
    await load(dbs, book!);
    await copyTables();
    const makers: Array<(dialect: 'postgres' | 'duckdb', schema?: SqlSchema) => SqlQuery<unknown>> = [
      (dialect: 'postgres' | 'duckdb', schema?: SqlSchema) => stageVisitsSql(book!.pipeline, { dialect, ...(schema ? { schema } : {}) }),
      (dialect: 'postgres' | 'duckdb', schema?: SqlSchema) => stageFlowSql(book!.pipeline, { dialect, groupBy: ['customer_type', 'owner'], ...(schema ? { schema } : {}) }),
      (dialect: 'postgres' | 'duckdb', schema?: SqlSchema) => funnelSnapshotSql(book!.pipeline, { dialect, asOf: '2026-06-30T00:00:00Z', ...(schema ? { schema } : {}) }),
      (dialect: 'postgres' | 'duckdb', schema?: SqlSchema) => cohortFunnelSql(book!.pipeline, { dialect, ...(schema ? { schema } : {}) }),
      (dialect: 'postgres' | 'duckdb', schema?: SqlSchema) => findStalledSql(book!.pipeline, { dialect, asOf: '2026-06-30T00:00:00Z', threshold: 5, ...(schema ? { schema } : {}) }),
      (dialect: 'postgres' | 'duckdb', schema?: SqlSchema) => weightedForecastSql(book!.pipeline, { dialect, groupBy: ['owner'], ...(schema ? { schema } : {}) }),
      (dialect: 'postgres' | 'duckdb', schema?: SqlSchema) => forecastCategoriesSql(book!.pipeline, { dialect, ...(schema ? { schema } : {}) }),
      (dialect: 'postgres' | 'duckdb', schema?: SqlSchema) => winLossSql(book!.pipeline, { dialect, ...(schema ? { schema } : {}) }),
    ];
    for (const engine of ENGINES) {
      for (const make of makers) {
        const plain = await run(dbs, engine, make(engine));
        expect(await run(dbs, engine, make(engine, SCHEMA))).toEqual(plain);
      }
      expect(await count(engine, 'opportunities')).toBe(8);
    }
  }, 120_000);

  it('a third dialect is one object: anonymous ? placeholders, each use its own parameter (run on DuckDB)', async () => {
    const anonymous: SqlDialect = { ...duckdbDialect, name: 'duckdb-anonymous', placeholder: () => '?', reusesPlaceholders: false };
    const [book] = fc.sample(bookArb({ minDeals: 6, maxDeals: 6, maxCustomers: 2 }), 1);
    await load(dbs, book!);
    const options = { asOf: '2026-06-30T00:00:00Z', groupBy: ['owner'] as const, stallAfterDays: 3 };
    const query = stageFlowSql(book!.pipeline, { ...options, dialect: anonymous });
    expect(query.text).not.toMatch(/\$\d/);
    expect(query.params.length).toBe((query.text.match(/\?/g) ?? []).length);
    expect(await run(dbs, 'duckdb', query)).toEqual(stageFlow(book!.opportunities, book!.pipeline, options));
  }, 60_000);
});

describe('refusals', () => {
  const [pipeline] = fc.sample(pipelineArb(), 1) as [Pipeline];
  const code = (f: () => unknown): string => {
    try {
      f();
      return 'ok';
    } catch (e) {
      if (!(e instanceof FunnelError)) return String(e);
      const reason = (e.params as { reason?: { code?: string } }).reason?.code;
      return reason === undefined ? e.code : `${e.code}:${reason}`;
    }
  };

  it('names that are not usable identifiers', () => {
    expect(code(() => stageFlowSql(pipeline, { dialect: 'postgres', schema: { opportunities: { table: '' } } }))).toBe('invalid_option:sql_identifier');
    expect(code(() => stageFlowSql(pipeline, { dialect: 'postgres', schema: { opportunities: { columns: { amount: 'a\u0000b' } } } }))).toBe('invalid_option:sql_identifier');
    expect(code(() => stageFlowSql(pipeline, { dialect: 'postgres', schema: { opportunities: { table: 'x'.repeat(64) } } }))).toBe('invalid_option:sql_identifier');
    expect(code(() => stageFlowSql(pipeline, { dialect: 'duckdb', schema: { opportunities: { table: 'x'.repeat(64) } } }))).toBe('ok');
    expect(code(() => stageFlowSql(pipeline, { dialect: 'postgres', schema: { opportunity_events: { table: 'SF_event' } } }))).toBe('invalid_option:sql_reserved_prefix');
    expect(code(() => stageFlowSql(pipeline, { dialect: 'postgres', schema: { opportunities: { table: ['crm', 'sf_event'] } } }))).toBe('ok');
    expect(code(() => stageFlowSql(pipeline, { dialect: 'postgres', schema: { opportunities: { columns: { nope: 'x' } as never } } }))).toBe('invalid_option:sql_unknown_column');
  });

  it('options the database does not compute, and bad dialects', () => {
    expect(code(() => stageFlowSql(pipeline, { dialect: 'oracle' as never }))).toBe('invalid_option:sql_dialect');
    expect(code(() => stageFlowSql(pipeline, { dialect: 'postgres', groupBy: [(o) => o.ownerId] }))).toBe('invalid_option:sql_function_key');
    expect(code(() => weightedForecastSql(pipeline, { dialect: 'postgres', rates: { base: 'CNY', rates: {} } }))).toBe('invalid_option:sql_no_rates');
    expect(code(() => weightedForecastSql(pipeline, { dialect: 'postgres', asOf: '2026-01-01T00:00:00Z' }))).toBe('invalid_option:sql_not_supported');
    expect(code(() => weightedForecastSql(pipeline, { dialect: 'postgres', groupBy: ['owner', 'owner'] }))).toBe('invalid_option:listed_twice');
    expect(code(() => funnelSnapshotSql(pipeline, { dialect: 'postgres' } as never))).toBe('invalid_option:asof_for_snapshot');
    expect(code(() => stageFlowSql(pipeline, { dialect: 'postgres', from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }))).toBe('invalid_option:from_after_to');
    expect(code(() => stageFlowSql(pipeline, { dialect: 'postgres', timeZone: 'Mars/Olympus' }))).toBe('invalid_option:unknown_time_zone');
  });

  it('a dialect without a capability refuses the rules that need it (sql_not_expressible), and only those', () => {
    const { zonedDate: _z, jsonArray: _j, ...bare } = duckdbDialect;
    const limited: SqlDialect = { ...bare, name: 'limited' };
    expect(code(() => weightedForecastSql(pipeline, { dialect: limited, groupBy: ['period'], timeZone: 'Asia/Shanghai' }))).toBe('sql_not_expressible');
    expect(code(() => weightedForecastSql(pipeline, { dialect: limited, groupBy: ['period'], offsetMinutes: 480 }))).toBe('ok');
    expect(code(() => weightedForecastSql(pipeline, { dialect: limited, groupBy: ['owner'] }))).toBe('sql_not_expressible');
    expect(code(() => weightedForecastSql(pipeline, { dialect: limited, groupBy: ['region'] }))).toBe('ok');
    expect(code(() => stageFlowSql(pipeline, { dialect: limited, groupBy: ['created_month'], timeZone: 'Asia/Shanghai' }))).toBe('sql_not_expressible');
  });
});
