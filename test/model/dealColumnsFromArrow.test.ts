import { DuckDBDateValue, DuckDBTimestampTZValue, type DuckDBConnection, type DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import {
  Bool,
  DateDay,
  Decimal as ArrowDecimal,
  Dictionary,
  Float64,
  Int32,
  Int64,
  makeData,
  makeVector,
  Table,
  tableFromArrays,
  TimestampMicrosecond,
  TimestampMillisecond,
  Utf8,
  Vector,
  vectorFromArray,
} from 'apache-arrow';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  dealColumns,
  dealColumnsFromArrow,
  FunnelError,
  safeDealColumnsFromArrow,
  stageFlow,
  toFunnelIssues,
  type ArrowTableLike,
  type ArrowVectorLike,
  type EventRow,
  type Opportunity,
  type OpportunityRow,
} from '../../src/index.js';
import { pipeline } from '../analytics/_fixtures.js';
import { clearDuckDB, startDuckDB, writeBookDuckDB } from '../storage/_support.js';
import { columnsBookArb, expectSameColumns, importedDeal, rowsOf } from './_columnsBooks.js';

/** The stage a stage-setting event puts the deal in, from its payload. */
function stageOfRow(e: EventRow): string | null {
  const p = JSON.parse(e.payload) as Record<string, unknown>;
  if (e.type === 'stage_changed') return p['to'] as string;
  return e.type === 'created' || e.type === 'won' || e.type === 'lost' || e.type === 'reopened' ? (p['stageId'] as string) : null;
}

const PAYLOAD_TYPES = new Set(['stage_changed', 'lost', 'amount_changed', 'close_date_changed', 'owner_changed', 'splits_changed', 'probability_changed', 'forecast_category_changed']);

/** A Decimal128 vector of decimal texts, with `scale` digits after the point. */
function decimal128(texts: readonly (string | null)[], scale: number): Vector {
  const words = new Uint32Array(texts.length * 4);
  const nulls = new Uint8Array(Math.ceil(texts.length / 8));
  texts.forEach((t, i) => {
    if (t === null) return;
    nulls[i >> 3]! |= 1 << (i & 7);
    const [int, frac = ''] = t.replace('-', '').split('.');
    let b = BigInt(`${int}${frac.padEnd(scale, '0').slice(0, scale)}`);
    if (t.startsWith('-')) b = -b;
    b = BigInt.asUintN(128, b);
    for (let w = 0; w < 4; w++) words[i * 4 + w] = Number((b >> BigInt(32 * w)) & 0xffffffffn);
  });
  const nullCount = texts.filter((t) => t === null).length;
  return makeVector(makeData({ type: new ArrowDecimal(scale, 38, 128), length: texts.length, nullCount, nullBitmap: nullCount > 0 ? nulls : null, data: words }));
}

const text = (xs: readonly (string | null)[]) => vectorFromArray(xs as (string | null)[], new Utf8());
const dict = (xs: readonly (string | null)[]) => vectorFromArray(xs as (string | null)[], new Dictionary(new Utf8(), new Int32()));
const dateOf = (d: string | null) => (d === null ? null : new Date(`${d}T00:00:00Z`));
const msOf = (t: string | null) => (t === null ? null : Date.parse(t));

/** Arrow tables of the storage rows, in one of two layouts (types a DuckDB or Parquet export gives, or all text). */
function arrowTables(headers: readonly OpportunityRow[], events: readonly EventRow[], layout: 'typed' | 'text'): { deals: Table; events: Table } {
  const col = <K extends keyof OpportunityRow>(k: K) => headers.map((h) => h[k]);
  const ecol = <K extends keyof EventRow>(k: K) => events.map((e) => e[k]);
  const typed = layout === 'typed';
  const dealColumnsOf: Record<string, Vector> = {
    id: text(col('id')),
    customer_id: dict(col('customer_id')),
    pipeline_id: dict(col('pipeline_id')),
    owner_id: dict(col('owner_id')),
    stage_id: dict(col('stage_id')),
    status: dict(col('status')),
    currency: dict(col('currency')),
    amount: typed ? decimal128(col('amount'), 20) : text(col('amount')),
    expected_close_date: typed ? vectorFromArray(col('expected_close_date').map(dateOf), new DateDay()) : text(col('expected_close_date')),
    region: dict(col('region')),
    probability_override: typed ? decimal128(col('probability_override'), 20) : text(col('probability_override')),
    forecast_category_override: dict(col('forecast_category_override')),
    splits: text(col('splits')),
    closed_at: typed ? vectorFromArray(col('closed_at').map(msOf), new TimestampMicrosecond('UTC')) : text(col('closed_at')),
    loss_reason: dict(col('loss_reason')),
    competitor: dict(col('competitor')),
    ...(typed
      ? { project_type: dict(headers.map((h) => (JSON.parse(h.attributes) as { projectType?: string }).projectType ?? null)) }
      : { attributes: text(col('attributes')) }),
    version: typed ? vectorFromArray(col('version'), new Int32()) : vectorFromArray(col('version'), new Float64()),
    name: text(col('name')),
  };
  const deals = new Table(dealColumnsOf);
  const ev = new Table({
    opportunity_id: dict(ecol('opportunity_id')),
    seq: typed ? vectorFromArray(events.map((e) => BigInt(e.seq)), new Int64()) : vectorFromArray(ecol('seq'), new Int32()),
    type: dict(ecol('type')),
    at: typed ? vectorFromArray(ecol('at').map(msOf), new TimestampMillisecond()) : text(ecol('at')),
    ...(typed ? { stage_id: dict(events.map(stageOfRow)) } : {}),
    payload: text(events.map((e) => (typed && !PAYLOAD_TYPES.has(e.type) ? null : e.payload))),
    by: dict(ecol('by')),
    id: text(ecol('id')),
  });
  return { deals, events: ev };
}

/** One table of two chunks: each column's Data of `a` then of `b` (two dictionaries for a dictionary column). */
function chunked(a: Table, b: Table): Table {
  return new Table(Object.fromEntries(a.schema.fields.map((f) => [f.name, new Vector([...a.getChild(f.name)!.data, ...b.getChild(f.name)!.data])])));
}

describe('dealColumnsFromArrow: the same columns as dealColumns of the deals', () => {
  it('for generated books as Arrow tables (dictionary text, Decimal128, Date32, µs and ms timestamps, Int64) and all text', () => {
    fc.assert(
      fc.property(columnsBookArb(20), fc.constantFrom('typed' as const, 'text' as const), ({ pipeline: pl, deals }, layout) => {
        const { headers, events } = rowsOf(deals);
        const t = arrowTables(headers, events, layout);
        const columns = dealColumnsFromArrow(t.deals, t.events, pl);
        expectSameColumns(columns, dealColumns(deals, pl));
        expect(stageFlow(columns, pl, { asOf: '2026-12-31T00:00:00Z' })).toEqual(stageFlow(deals, pl, { asOf: '2026-12-31T00:00:00Z' }));
      }),
      { numRuns: 50 },
    );
  });

  it('for tables of several chunks (each with its own dictionaries) and slices', () => {
    fc.assert(
      fc.property(columnsBookArb(16), fc.nat(), ({ pipeline: pl, deals }, cut) => {
        const k = deals.length === 0 ? 0 : cut % (deals.length + 1);
        const a = rowsOf(deals.slice(0, k));
        const b = rowsOf(deals.slice(k));
        const ta = arrowTables(a.headers, a.events, 'typed');
        const tb = arrowTables(b.headers, b.events, 'typed');
        const whole = { deals: chunked(ta.deals, tb.deals), events: chunked(ta.events, tb.events) };
        expectSameColumns(dealColumnsFromArrow(whole.deals, whole.events, pl), dealColumns(deals, pl));
        // A slice of the deals with the events of those deals only.
        const { headers, events } = rowsOf(deals);
        const t = arrowTables(headers, events, 'typed');
        const from = Math.min(k, deals.length);
        const first = events.findIndex((e) => headers.slice(from).some((h) => h.id === e.opportunity_id));
        const sliced = { deals: t.deals.slice(from), events: t.events.slice(first < 0 ? events.length : first) };
        expectSameColumns(dealColumnsFromArrow(sliced.deals, sliced.events, pl), dealColumns(deals.slice(from), pl));
      }),
      { numRuns: 30 },
    );
  });

  it('an import (no `created`, irregular stage change, inexact amount), with the stages read from the payload when there is no stage_id column', () => {
    const deal = importedDeal(pipeline);
    const odd = { ...deal, history: deal.history.map((e) => (e.seq === 5 && e.type === 'stage_changed' ? { ...e, kind: 'skip' as const } : e)) } as Opportunity;
    for (const d of [deal, odd]) {
      const { headers, events } = rowsOf([d]);
      const t = arrowTables(headers, events, 'text');
      expectSameColumns(dealColumnsFromArrow(t.deals, t.events, pipeline), dealColumns([d], pipeline));
    }
  });

  it('tables without the optional columns: open deals of the pipeline, no overrides', () => {
    const deals = new Table({
      id: text(['o-1']),
      customer_id: text(['c-1']),
      owner_id: text(['rep-1']),
      stage_id: text(['lead']),
      currency: text(['CNY']),
      amount: vectorFromArray([1000.5], new Float64()),
    });
    const events = new Table({
      opportunity_id: text(['o-1']),
      seq: vectorFromArray([1], new Int32()),
      type: text(['created']),
      at: text(['2026-01-05 09:00:00+08']),
      stage_id: text(['lead']),
    });
    const c = dealColumnsFromArrow(deals, events, pipeline);
    expect([...c.amountMinor]).toEqual([100050]);
    expect([...c.events.at]).toEqual([Date.parse('2026-01-05T01:00:00Z')]);
    expect(c.status[0]).toBe(0);
    expect(c.region).toBeUndefined();
  });
});

describe('dealColumnsFromArrow: bad values get their coded issue with their path', () => {
  // Built per test (not in the describe body) so that mutation testing attributes it to the tests.
  let headers: OpportunityRow[];
  let events: EventRow[];
  beforeEach(() => {
    ({ headers, events } = rowsOf([importedDeal(pipeline, 'o-1'), importedDeal(pipeline, 'o-2')]));
  });
  const codes = (h: readonly OpportunityRow[], e: readonly EventRow[], layout: 'typed' | 'text' = 'text') => {
    const t = arrowTables(h, e, layout);
    return safeDealColumnsFromArrow(t.deals, t.events, pipeline).rejected.flatMap((r) => r.issues.map((i) => `${i.code}@${i.path?.join('.')}`));
  };
  const withHeader = (patch: Partial<Record<keyof OpportunityRow, unknown>>) => [{ ...headers[0]!, ...patch } as OpportunityRow, headers[1]!];
  const withEvent = (j: number, patch: Partial<Record<keyof EventRow, unknown>>) => events.map((e, k) => (k === j ? ({ ...e, ...patch } as EventRow) : e));

  it.each([
    [{ amount: '12,5' }, 'invalid_amount@deals.0.amount'],
    [{ amount: '-12.5' }, 'invalid_amount@deals.0.amount'],
    [{ currency: 'RMB' }, 'unknown_currency@deals.0.currency'],
    [{ stage_id: 'nowhere' }, 'stage_not_in_pipeline@deals.0.stage_id'],
    [{ status: 'closed' }, 'invalid_schema@deals.0.status'],
    [{ pipeline_id: 'partner' }, 'pipeline_mismatch@deals.0.pipeline_id'],
    [{ expected_close_date: '2026-02-30' }, 'invalid_plain_date@deals.0.expected_close_date'],
    [{ closed_at: 'yesterday' }, 'invalid_instant@deals.0.closed_at'],
    [{ probability_override: '1.5' }, 'probability_out_of_range@deals.0.probability_override'],
    [{ splits: '[{"ownerId":"rep-1","basisPoints":6000}]' }, 'splits_total@deals.0.splits'],
    [{ version: 9 }, 'version_conflict@deals.0.version'],
    [{ customer_id: '' }, 'invalid_schema@deals.0.customer_id'],
  ])('deal %j → %s', (patch, expected) => {
    expect(codes(withHeader(patch), events)).toEqual([expected]);
    const t = arrowTables(withHeader(patch), events, 'text');
    let error: unknown;
    try {
      dealColumnsFromArrow(t.deals, t.events, pipeline);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(z.ZodError);
    expect(toFunnelIssues(error as z.ZodError).map((i) => `${i.code}@${i.path?.join('.')}`)).toEqual([expected]);
  });

  it.each([
    [0, { at: '2026-02-30T00:00:00Z' }, 'invalid_instant@events.0.at'],
    [5, { at: '2026-01-01T00:00:00Z' }, 'ledger_out_of_order@events.5.at'],
    [0, { type: 'teleported' }, 'invalid_schema@events.0.type'],
    [2, { seq: 7 }, 'ledger_seq_mismatch@events.2.seq'],
    [0, { payload: '{"from":"lead","to":"nowhere","kind":"advance"}' }, 'stage_not_in_pipeline@events.0.to'],
    [1, { payload: '{"from":null,"to":"1.5"}' }, 'probability_out_of_range@events.1.to'],
    [1, { payload: '{"from":null,"to":"0.5","at":"2026-01-01T00:00:00Z"}' }, 'invalid_schema@events.1.payload.at'],
  ])('event %i %j → %s', (j, patch, expected) => {
    expect(codes(headers, withEvent(j, patch))).toEqual([expected]);
  });

  it('typed columns: a timestamp outside the years 0001–9999, a stage event without its stage', () => {
    const t = arrowTables(headers, events, 'typed');
    const at = t.events.getChild('at')!.toArray() as BigInt64Array;
    const far = BigInt(Date.parse('9999-12-31T23:59:59.999Z')) + 1n;
    const bad = new Table({
      ...Object.fromEntries(t.events.schema.fields.map((f) => [f.name, t.events.getChild(f.name)!])),
      at: makeVector(makeData({ type: new TimestampMillisecond(), length: at.length, data: at.map((x, k) => (k === 1 ? far : x)) })),
      stage_id: dict(events.map((e, k) => (k === 0 ? null : stageOfRow(e)))),
      payload: text(events.map((e, k) => (k === 0 || !PAYLOAD_TYPES.has(e.type) ? null : e.payload))),
    });
    const r = safeDealColumnsFromArrow(t.deals, bad, pipeline);
    expect(r.rejected.flatMap((x) => x.issues.map((i) => `${i.code}@${i.path?.join('.')}`))).toEqual(['invalid_schema@events.0.stage_id', 'invalid_instant@events.1.at']);
  });

  it('refuses what is not a table, missing required columns and columns of types it cannot read', () => {
    const t = arrowTables(headers, events, 'typed');
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        if (e instanceof FunnelError) return `${e.code}:${(e.params as unknown as { reason: { code: string } }).reason.code}`;
        throw e;
      }
      return 'no error';
    };
    expect(refusal(() => dealColumnsFromArrow([] as never, t.events, pipeline))).toBe('invalid_argument:must_be_arrow_table');
    expect(refusal(() => dealColumnsFromArrow(tableFromArrays({ id: ['o-1'] }), t.events, pipeline))).toBe('invalid_argument:arrow_column_missing');
    const boolAmount = new Table({ ...Object.fromEntries(t.deals.schema.fields.map((f) => [f.name, t.deals.getChild(f.name)!])), amount: vectorFromArray([true, false], new Bool()) });
    expect(refusal(() => dealColumnsFromArrow(boolAmount, t.events, pipeline))).toBe('invalid_argument:arrow_column_type');
    expect(refusal(() => dealColumnsFromArrow(t.deals, t.events, pipeline, { locale: 'fr' as never }))).toBe('invalid_option:one_of');
  });
});

// ---- through DuckDB: the documented tables, queried with the SQL of the TSDoc, read chunk by chunk ----

let instance: DuckDBInstance;
let db: DuckDBConnection;

beforeAll(async () => {
  ({ instance, db } = await startDuckDB());
}, 60_000);

afterAll(() => {
  db?.disconnectSync();
  instance?.closeSync();
});

/**
 * DuckDB's result columns as an {@link ArrowTableLike}, without apache-arrow: VARCHAR
 * as text, TIMESTAMPTZ as a µs Timestamp (BigInt64Array), DATE as a Date (ms), integers
 * as Int. (DuckDB's node API has no Arrow export; a DuckDB Arrow or Parquet export read
 * with apache-arrow is a `Table` and needs no adapter.)
 */
function duckTable(names: readonly string[], columns: readonly (readonly DuckDBValue[])[]): ArrowTableLike {
  const numRows = columns[0]?.length ?? 0;
  const vectors = new Map<string, ArrowVectorLike>();
  names.forEach((name, c) => {
    const values = columns[c] ?? [];
    const nullCount = values.filter((v) => v === null).length;
    const sample = values.find((v) => v !== null);
    let typeId = 5;
    let unit: number | undefined;
    let array: ArrayLike<unknown> = values;
    if (sample instanceof DuckDBTimestampTZValue) {
      typeId = 10;
      unit = 2;
      array = BigInt64Array.from(values, (v) => (v === null ? 0n : (v as DuckDBTimestampTZValue).micros));
    } else if (sample instanceof DuckDBDateValue) {
      typeId = 8;
      array = values.map((v) => (v === null ? null : (v as DuckDBDateValue).days * 86_400_000));
    } else if (typeof sample === 'number' || typeof sample === 'bigint') {
      typeId = 2;
    }
    vectors.set(name, {
      length: numRows,
      nullCount,
      type: { typeId, ...(unit === undefined ? {} : { unit }) },
      get: (i) => (values[i] === null ? null : array[i]),
      toArray: () => array,
    });
  });
  return { numRows, getChild: (name) => vectors.get(name) ?? null };
}

const DEALS_SQL = `SELECT id, customer_id, pipeline_id, owner_id, stage_id, status, currency,
  CAST(amount AS VARCHAR) AS amount, expected_close_date, region,
  CAST(probability_override AS VARCHAR) AS probability_override,
  forecast_category_override, CAST(splits AS VARCHAR) AS splits, closed_at,
  loss_reason, competitor, attributes->>'projectType' AS project_type, version
  FROM opportunities WHERE pipeline_id = $1 ORDER BY id`;
const EVENTS_SQL = `SELECT e.opportunity_id, e.seq, e.type, e."at",
  CASE e.type WHEN 'stage_changed' THEN e.payload->>'to'
              WHEN 'created' THEN e.payload->>'stageId' WHEN 'won' THEN e.payload->>'stageId'
              WHEN 'lost' THEN e.payload->>'stageId' WHEN 'reopened' THEN e.payload->>'stageId' END AS stage_id,
  CASE WHEN e.type IN ('stage_changed', 'lost', 'amount_changed', 'close_date_changed', 'owner_changed',
                       'splits_changed', 'probability_changed', 'forecast_category_changed')
       THEN CAST(e.payload AS VARCHAR) END AS payload,
  e."by", e.id
  FROM opportunity_events e JOIN opportunities o ON o.id = e.opportunity_id
  WHERE o.pipeline_id = $1 ORDER BY e.opportunity_id, e.seq`;

async function readTable(sql: string, values: DuckDBValue[]): Promise<ArrowTableLike> {
  const reader = await db.runAndReadAll(sql, values);
  return duckTable(reader.columnNames(), reader.getColumns());
}

describe('dealColumnsFromArrow through DuckDB (the SQL of the TSDoc, columns read in bulk)', () => {
  it('generated books written through the row codecs give the columns of the deals read ORDER BY id', async () => {
    await fc.assert(
      fc.asyncProperty(columnsBookArb(12), async ({ pipeline: pl, customers, deals }) => {
        await clearDuckDB(db);
        await writeBookDuckDB(db, { pipeline: pl, customers, opportunities: deals });
        const t = { deals: await readTable(DEALS_SQL, [pl.id]), events: await readTable(EVENTS_SQL, [pl.id]) };
        const order = Array.from({ length: t.deals.numRows }, (_, i) => t.deals.getChild('id')!.get(i) as string);
        const byId = new Map(deals.map((d) => [d.id as string, d]));
        expectSameColumns(dealColumnsFromArrow(t.deals, t.events, pl), dealColumns(order.map((id) => byId.get(id)!), pl));
      }),
      { numRuns: 8 },
    );
  }, 120_000);
});
