// The nine rules an outside team had to guess (issue #15), each as a golden case with
// hand-checkable numbers: the in-process function and the generated SQL on PostgreSQL
// (PGlite) and DuckDB give the same, stated answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cohortFunnel } from '../../src/analytics/cohortFunnel.js';
import { findStalled } from '../../src/analytics/findStalled.js';
import { funnelSnapshot } from '../../src/analytics/funnelSnapshot.js';
import { stageFlow } from '../../src/analytics/stageFlow.js';
import { stageVisits } from '../../src/analytics/stageVisits.js';
import { weightedForecast } from '../../src/forecast/weightedForecast.js';
import { winLoss } from '../../src/analytics/winLoss.js';
import { FunnelError } from '../../src/i18n/FunnelError.js';
import { parseCustomer } from '../../src/model/customer.js';
import { opportunityEventSchema, type OpportunityEvent } from '../../src/model/events.js';
import { parseOpportunity, type Opportunity } from '../../src/model/opportunity.js';
import { parsePipeline, serializePipeline } from '../../src/model/pipeline.js';
import { eventToRow, opportunityToRows } from '../../src/model/rows/index.js';
import { cohortFunnelSql, findStalledSql, funnelSnapshotSql, stageFlowSql, stageVisitsSql, weightedForecastSql, winLossSql } from '../../src/sql/index.js';
import { clearDuckDB, clearPostgres, writeBookDuckDB, writeBookPostgres } from '../storage/_support.js';
import { ENGINES, load, run, startDatabases, stopDatabases, type Databases } from './_support.js';

let dbs: Databases;
beforeAll(async () => {
  dbs = await startDatabases();
}, 180_000);
afterAll(() => stopDatabases(dbs));

const pipeline = parsePipeline({
  id: 'direct', name: '直销', currency: 'CNY',
  stages: [
    { id: 'lead', name: '初步接触', kind: 'open', probability: '0.1' },
    { id: 'need', name: '需求确认', kind: 'open', probability: '0.3', stallAfterDays: 10 },
    { id: 'quote', name: '报价洽谈', kind: 'open', probability: '0.6' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});
const customers = [parseCustomer({ id: 'c-1', name: '华东机械' })];
const deal = (id: string, fields: Record<string, unknown>, history: object[]): Opportunity =>
  parseOpportunity(
    { id, customerId: 'c-1', pipelineId: 'direct', name: id, ownerId: 'rep-li', amount: { amount: '100000.00', currency: 'CNY' }, stageId: 'lead', ...fields, history },
    { pipeline },
  );
const at = (day: string) => `2026-${day}T00:00:00Z`;

/** Runs a query on both engines and returns the decoded results. */
async function both<R>(make: (engine: 'postgres' | 'duckdb') => Parameters<typeof run<R>>[2]): Promise<R[]> {
  const out: R[] = [];
  for (const engine of ENGINES) out.push(await run(dbs, engine, make(engine)));
  return out;
}

/**
 * Expects the one deal `imported`, read as of 31 March, to stand in `need` since its first
 * event: in the stage flow (an entry still there), the snapshot and the cohort funnel, in
 * process and in both databases alike.
 */
async function expectInNeedOn31March(imported: Opportunity): Promise<void> {
  await load(dbs, { pipeline, customers, opportunities: [imported] });
  const asOf = at('03-31');
  const flow = stageFlow([imported], pipeline, { asOf });
  expect([flow.total.deals, flow.total.stages[1]!.entered, flow.total.stages[1]!.stillThere]).toEqual([1, 1, 1]);
  for (const got of await both((dialect) => stageFlowSql(pipeline, { dialect, asOf }))) expect(got).toEqual(flow);
  const snapshot = funnelSnapshot([imported], pipeline, { asOf });
  expect(snapshot.total.stages[1]!.count).toBe(1);
  for (const got of await both((dialect) => funnelSnapshotSql(pipeline, { dialect, asOf }))) expect(got).toEqual(snapshot);
  const cohort = cohortFunnel([imported], pipeline, { asOf });
  expect(cohort.total.stages.map((r) => r.reached)).toEqual([1, 1, 0]);
  for (const got of await both((dialect) => cohortFunnelSql(pipeline, { dialect, asOf }))) expect(got).toEqual(cohort);
}

describe('the rules, stated and checked', () => {
  it('1. a suspended deal with no close date counts under suspended, not unforecastable', async () => {
    const suspended = deal('s-1', { stageId: 'need', status: 'suspended' }, [
      { type: 'created', at: at('01-05'), stageId: 'lead' },
      { type: 'stage_changed', at: at('01-10'), from: 'lead', to: 'need', kind: 'advance' },
      { type: 'suspended', at: at('01-20') },
    ]);
    await load(dbs, { pipeline, customers, opportunities: [suspended] });
    const expected = weightedForecast([suspended], pipeline);
    expect(expected.suspended.opportunityIds).toEqual(['s-1']);
    expect(expected.unforecastable.count).toBe(0);
    for (const got of await both((dialect) => weightedForecastSql(pipeline, { dialect }))) expect(got).toEqual(expected);
  });

  it("2. every figure's amount (unforecastable too) holds the open and won deals; lost amounts are in .lost", async () => {
    const open = deal('u-open', {}, [{ type: 'created', at: at('01-05'), stageId: 'lead' }]);
    const lost = deal('u-lost', { stageId: 'lost', status: 'lost', lossReason: '价格过高', closedAt: at('02-01'), amount: { amount: '500000.00', currency: 'CNY' } }, [
      { type: 'created', at: at('01-05'), stageId: 'lead' },
      { type: 'lost', at: at('02-01'), stageId: 'lost', reason: '价格过高' },
    ]);
    // The lost deal is dated by its closedAt; the open one has no close date.
    const deals = [open, lost].sort((a, b) => (a.id < b.id ? -1 : 1));
    await load(dbs, { pipeline, customers, opportunities: deals });
    const expected = weightedForecast(deals, pipeline);
    expect(expected.unforecastable.amount.amount.toString()).toBe('100000'); // the open deal only
    expect(expected.total.lost.amount.amount.toString()).toBe('500000'); // the lost deal, in .lost
    expect(expected.total.amount.amount.toString()).toBe('0');
    for (const got of await both((dialect) => weightedForecastSql(pipeline, { dialect }))) expect(got).toEqual(expected);
  });

  it("3. a skipped stage's entry is dated at the jump", async () => {
    const jumper = deal('j-1', { stageId: 'quote' }, [
      { type: 'created', at: at('01-01'), stageId: 'lead' },
      { type: 'stage_changed', at: at('01-11'), from: 'lead', to: 'quote', kind: 'skip' },
    ]);
    await load(dbs, { pipeline, customers, opportunities: [jumper] });
    const visits = stageVisits(jumper, pipeline);
    expect(visits[1]).toMatchObject({ stageId: 'need', outcome: 'skipped', enteredAt: new Date(at('01-11')), leftAt: new Date(at('01-11')) });
    for (const got of await both((dialect) => stageVisitsSql(pipeline, { dialect }))) expect(got).toEqual(visits);
    // A window around the jump holds the skipped entry, not the stay in lead that began on 1 January.
    const window = { from: at('01-10'), to: at('01-12'), asOf: at('01-31') };
    const flow = stageFlow([jumper], pipeline, window);
    expect(flow.total.stages.map((r) => r.entered)).toEqual([0, 1, 1]);
    for (const got of await both((dialect) => stageFlowSql(pipeline, { ...window, dialect }))) expect(got).toEqual(flow);
  });

  it('4. a suspension with no resume outlives a loss and a reopening (ledgers the parser refuses; rows written one by one)', async () => {
    const history = [
      { type: 'created', at: at('01-01'), stageId: 'lead' },
      { type: 'suspended', at: at('01-05') },
      { type: 'lost', at: at('01-10'), stageId: 'lost', reason: '预算取消' },
      { type: 'reopened', at: at('01-20'), stageId: 'lead' },
    ];
    const valid = deal('z-1', {}, [history[0]!]);
    const odd: Opportunity = { ...valid, history: history.map((e, i) => ({ ...opportunityEventSchema.parse(e), seq: i + 1 }) as OpportunityEvent) };
    await clearPostgres(dbs.pg);
    await clearDuckDB(dbs.duck);
    await writeBookPostgres(dbs.pg, { pipeline, customers, opportunities: [] });
    await writeBookDuckDB(dbs.duck, { pipeline, customers, opportunities: [] });
    const header = opportunityToRows(valid).opportunity;
    const rows = odd.history.map((e) => eventToRow(odd.id, e));
    await dbs.pg.query(`INSERT INTO opportunities (${Object.keys(header).join(', ')}) VALUES (${Object.keys(header).map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(header));
    await dbs.duck.run(`INSERT INTO opportunities VALUES (${Object.keys(header).map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(header) as never);
    for (const r of rows) {
      await dbs.pg.query('INSERT INTO opportunity_events VALUES ($1, $2, $3, $4, $5, $6, $7)', Object.values(r));
      await dbs.duck.run('INSERT INTO opportunity_events VALUES ($1, $2, $3, $4, $5, $6, $7)', Object.values(r) as never);
    }
    const asOf = at('01-30');
    const visits = stageVisits(odd, pipeline, { asOf });
    expect(visits.map((v) => [v.outcome, v.suspendedDays])).toEqual([['lost', 5], ['open', 10]]);
    for (const got of await both((dialect) => stageVisitsSql(pipeline, { dialect, asOf }))) expect(got).toEqual(visits);
    const snapshot = funnelSnapshot([odd], pipeline, { asOf });
    expect([snapshot.total.count, snapshot.total.suspended]).toEqual([0, 1]);
    for (const got of await both((dialect) => funnelSnapshotSql(pipeline, { dialect, asOf }))) expect(got).toEqual(snapshot);
  });

  it('5. the snapshot applies a probability override only if the deal stood in its current stage at asOf', async () => {
    const moved = deal('p-1', { stageId: 'quote', probabilityOverride: '0.9' }, [
      { type: 'created', at: at('01-01'), stageId: 'need' },
      { type: 'stage_changed', at: at('02-01'), from: 'need', to: 'quote', kind: 'advance' },
    ]);
    await load(dbs, { pipeline, customers, opportunities: [moved] });
    for (const [asOf, weighted] of [[at('01-15'), '30000'], [at('02-15'), '90000']] as const) {
      const snapshot = funnelSnapshot([moved], pipeline, { asOf });
      expect(snapshot.total.weightedAmount.amount.toString()).toBe(weighted); // need's 0.3, then the override 0.9
      for (const got of await both((dialect) => funnelSnapshotSql(pipeline, { dialect, asOf }))) expect(got).toEqual(snapshot);
    }
  });

  it("6. the amount at asOf before the first amount change is that change's from", async () => {
    const raised = deal('a-1', { amount: { amount: '200000.00', currency: 'CNY' } }, [
      { type: 'created', at: at('01-01'), stageId: 'lead' },
      { type: 'amount_changed', at: at('02-01'), from: { amount: '100000.00', currency: 'CNY' }, to: { amount: '200000.00', currency: 'CNY' } },
    ]);
    await load(dbs, { pipeline, customers, opportunities: [raised] });
    const snapshot = funnelSnapshot([raised], pipeline, { asOf: at('01-15') });
    expect(snapshot.total.amount.amount.toString()).toBe('100000');
    for (const got of await both((dialect) => funnelSnapshotSql(pipeline, { dialect, asOf: at('01-15') }))) expect(got).toEqual(snapshot);
  });

  it('7. stalled is strictly over the threshold, in exact 24-hour days, net of suspended time', async () => {
    const waiting = deal('w-1', { stageId: 'need' }, [
      { type: 'created', at: at('01-01'), stageId: 'need' },
      { type: 'suspended', at: at('01-03') },
      { type: 'resumed', at: at('01-04') },
    ]);
    await load(dbs, { pipeline, customers, opportunities: [waiting] });
    // need: stallAfterDays 10. Entered 1 January, suspended one day: 10 net days on 12 January, 00:00.
    for (const [asOf, stalled] of [['2026-01-12T00:00:00.000Z', 0], ['2026-01-12T00:00:00.001Z', 1]] as const) {
      const expected = findStalled([waiting], pipeline, { asOf });
      expect(expected.total.length).toBe(stalled);
      for (const got of await both((dialect) => findStalledSql(pipeline, { dialect, asOf }))) expect(got).toEqual(expected);
      const flow = stageFlow([waiting], pipeline, { asOf });
      expect(flow.total.stages[1]!.stalled).toBe(stalled);
      for (const got of await both((dialect) => stageFlowSql(pipeline, { dialect, asOf }))) expect(got).toEqual(flow);
    }
  });

  it('8. a closed deal is dated by closedAt at UTC unless a zone or offset is given', async () => {
    const won = deal('d-1', { stageId: 'won', status: 'won', closedAt: '2026-03-31T20:00:00Z', expectedCloseDate: '2026-06-30' }, [
      { type: 'created', at: at('01-01'), stageId: 'quote' },
      { type: 'won', at: '2026-03-31T20:00:00Z', stageId: 'won' },
    ]);
    await load(dbs, { pipeline, customers, opportunities: [won] });
    for (const [zone, quarter] of [[{}, '2026-Q1'], [{ timeZone: 'Asia/Shanghai' }, '2026-Q2'], [{ offsetMinutes: 240 }, '2026-Q2']] as const) {
      const expected = weightedForecast([won], pipeline, { groupBy: ['period'], ...zone });
      expect(expected.groups.map((g) => g.key[0])).toEqual([quarter]);
      for (const got of await both((dialect) => weightedForecastSql(pipeline, { dialect, groupBy: ['period'], ...zone }))) expect(got).toEqual(expected);
    }
  });

  it('9. an import whose ledger never sets the stage stands in its own stage, in the cohort funnel too', async () => {
    // An import whose ledger only moved the close date: created on 5 January, standing in its own stage since.
    const withDate = deal('c-only', { expectedCloseDate: '2026-06-30' }, [{ type: 'close_date_changed', at: at('01-05'), from: null, to: '2026-06-30' }]);
    await load(dbs, { pipeline, customers, opportunities: [withDate] });
    const cohort = cohortFunnel([withDate], pipeline);
    expect([cohort.total.created, cohort.total.won + cohort.total.lost + cohort.total.open]).toEqual([1, 1]);
    for (const got of await both((dialect) => cohortFunnelSql(pipeline, { dialect }))) expect(got).toEqual(cohort);
  });

  it('(issue #11) an import without created stands in its first stage from its first event, even when its first stage change comes after asOf', async () => {
    const imported = deal('i-1', { stageId: 'quote', expectedCloseDate: '2026-05-31' }, [
      { type: 'close_date_changed', at: at('02-01'), from: null, to: '2026-05-31' },
      { type: 'stage_changed', at: at('04-10'), from: 'need', to: 'quote', kind: 'advance' },
    ]);
    await expectInNeedOn31March(imported);
  });

  it('an import whose ledger never sets the stage stands in its own stage from its first event', async () => {
    const imported = deal('i-2', { stageId: 'need', expectedCloseDate: '2026-06-30' }, [
      { type: 'close_date_changed', at: at('02-01'), from: null, to: '2026-05-31' },
      { type: 'close_date_changed', at: at('03-01'), from: '2026-05-31', to: '2026-06-30' },
    ]);
    await expectInNeedOn31March(imported);
  });
});

describe('the errors the in-process functions throw, thrown by the decoders', () => {
  const codeOf = async (f: () => unknown) => {
    try {
      await f();
      return 'ok';
    } catch (e) {
      return e instanceof FunnelError ? e.code : String(e);
    }
  };

  it('an amount in another currency: currency_mismatch (snapshot, win / loss)', async () => {
    const usd = deal('x-1', { stageId: 'lost', status: 'lost', lossReason: '价格过高', closedAt: at('02-01'), amount: { amount: '100.00', currency: 'USD' } }, [
      { type: 'created', at: at('01-05'), stageId: 'lead' },
      { type: 'lost', at: at('02-01'), stageId: 'lost', reason: '价格过高' },
    ]);
    const open = deal('x-2', { amount: { amount: '100.00', currency: 'USD' } }, [{ type: 'created', at: at('01-05'), stageId: 'lead' }]);
    await load(dbs, { pipeline, customers, opportunities: [usd, open] });
    expect(await codeOf(() => funnelSnapshot([usd, open], pipeline, { asOf: at('03-01') }))).toBe('currency_mismatch');
    expect(await codeOf(() => winLoss([usd, open], pipeline))).toBe('currency_mismatch');
    for (const dialect of ENGINES) {
      expect(await codeOf(() => run(dbs, dialect, funnelSnapshotSql(pipeline, { dialect, asOf: at('03-01') })))).toBe('currency_mismatch');
      expect(await codeOf(() => run(dbs, dialect, winLossSql(pipeline, { dialect })))).toBe('currency_mismatch');
    }
  });

  it('a ledger naming a stage the pipeline lacks: unknown_stage', async () => {
    const wider = parsePipeline({ ...serializePipeline(pipeline), stages: [...serializePipeline(pipeline).stages, { id: 'extra', name: '附加', kind: 'open', probability: '0.5' }] });
    const odd = parseOpportunity(
      { id: 'y-1', customerId: 'c-1', pipelineId: 'direct', name: 'y', ownerId: 'rep-li', amount: { amount: '1.00', currency: 'CNY' }, stageId: 'extra',
        history: [{ type: 'created', at: at('01-05'), stageId: 'lead' }, { type: 'stage_changed', at: at('01-06'), from: 'lead', to: 'extra', kind: 'advance' }] },
      { pipeline: wider },
    );
    await load(dbs, { pipeline: wider, customers, opportunities: [odd] });
    expect(await codeOf(() => stageFlow([odd], pipeline))).toBe('unknown_stage');
    for (const dialect of ENGINES) {
      expect(await codeOf(() => run(dbs, dialect, stageFlowSql(pipeline, { dialect })))).toBe('unknown_stage');
      expect(await codeOf(() => run(dbs, dialect, weightedForecastSql(pipeline, { dialect })))).toBe('unknown_stage');
    }
  });

  it('DuckDB refuses a product it cannot hold exactly (here an amount with 7 decimals) instead of rounding it; PostgreSQL computes it', async () => {
    const fine = deal('f-1', { amount: { amount: '100.1234567', currency: 'CNY' }, expectedCloseDate: '2026-06-30' }, [{ type: 'created', at: at('01-05'), stageId: 'lead' }]);
    await load(dbs, { pipeline, customers, opportunities: [fine] });
    const expected = weightedForecast([fine], pipeline);
    expect(expected.total.weighted.amount.toString()).toBe('10.01234567');
    expect(await run(dbs, 'postgres', weightedForecastSql(pipeline, { dialect: 'postgres' }))).toEqual(expected);
    await expect(run(dbs, 'duckdb', weightedForecastSql(pipeline, { dialect: 'duckdb' }))).rejects.toThrow(/sales-funnel: inexact product/);
  });
});
