// Loads opportunities (商机) from a real database — an in-process DuckDB holding a CRM's
// deals, stage history and key-task completions — into the library's models, then
// reports on them: the funnel at the end of Q1 2026, the stage flow (升迁率 / 流失率),
// the weighted forecast (加权预测) by quarter, and a cross-check of the open amount
// against SQL. A row the pipeline does not accept is reported with its path and skipped.
//
//   npx tsx examples/duckdb-report.ts
import { DuckDBInstance, LIST, listValue, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import {
  Decimal,
  funnelSnapshot,
  parsePipeline,
  roundToMinor,
  safeParseOpportunity,
  stageFlow,
  toFunnelIssues,
  weightedForecast,
  type Money,
  type Opportunity,
} from '../src/index.js';

const pipeline = parsePipeline({
  id: 'crm',
  name: '直销漏斗',
  currency: 'CNY',
  stages: [
    { id: 'lead', name: '初步接触', kind: 'open', probability: '0.1', stallAfterDays: 30 },
    { id: 'qualify', name: '需求确认', kind: 'open', probability: '0.3', stallAfterDays: 30, keyTasks: [{ id: 'budget', title: '确认预算' }] },
    { id: 'proposal', name: '方案报价', kind: 'open', probability: '0.6', stallAfterDays: 30 },
    { id: 'negotiate', name: '商务谈判', kind: 'open', probability: '0.8', stallAfterDays: 30 },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});

// The CRM's schema. Money is DECIMAL, close dates are DATE, events are TIMESTAMPTZ; the
// history only knows stage changes (from_stage NULL = the deal was created).
const SCHEMA = `
  CREATE TABLE deals (id VARCHAR PRIMARY KEY, customer_id VARCHAR NOT NULL, name VARCHAR NOT NULL, owner_id VARCHAR NOT NULL,
    region VARCHAR, amount DECIMAL(18,2) NOT NULL, currency VARCHAR NOT NULL, expected_close DATE, stage_id VARCHAR NOT NULL,
    status VARCHAR NOT NULL, closed_at TIMESTAMPTZ, loss_reason VARCHAR);
  CREATE TABLE stage_history (deal_id VARCHAR NOT NULL, changed_at TIMESTAMPTZ NOT NULL, from_stage VARCHAR, to_stage VARCHAR NOT NULL);
  CREATE TABLE task_completions (deal_id VARCHAR NOT NULL, task_id VARCHAR NOT NULL, completed_at TIMESTAMPTZ NOT NULL);`;

// 36 deals from a deterministic plan (no random(): the test suite compares two runs).
// Each follows a path through the open stages (one skips 需求确认, one falls back to it),
// may end won or lost, and the extract is cut at 2026-04-01 00:00 Beijing time, so steps
// planned after that have not happened yet. The session time zone is pinned because
// DuckDB adds days to a TIMESTAMPTZ and casts it to DATE in that zone, which otherwise
// is the machine's (under TZ=America/Los_Angeles every expected close would move a day).
const FILL = `
  SET TimeZone = 'Asia/Shanghai';
  CREATE TEMP TABLE plan AS SELECT i, 'D-' || lpad(i::VARCHAR, 3, '0') AS id,
    TIMESTAMPTZ '2025-10-06 09:30:00+08' + to_days((i * 4)::INTEGER) + to_hours((i % 7)::INTEGER) AS created,
    (9 + (i * 7) % 13)::INTEGER AS step, (i * 7) % 5 AS fate,
    [['lead'], ['lead', 'qualify'], ['lead', 'qualify', 'proposal'], ['lead', 'qualify', 'proposal', 'negotiate'],
     ['lead', 'proposal', 'negotiate'], ['lead', 'qualify', 'proposal', 'qualify']][1 + i % 6] AS path
  FROM range(1, 37) t(i);
  INSERT INTO stage_history SELECT id, created + to_days(((k - 1) * step)::INTEGER), CASE WHEN k > 1 THEN path[k - 1] END, path[k]
    FROM (SELECT *, unnest(generate_series(1, len(path))) AS k FROM plan);
  INSERT INTO stage_history SELECT id, created + to_days((len(path) * step)::INTEGER), path[-1],
      CASE WHEN fate < 2 AND path[-1] IN ('proposal', 'negotiate') THEN 'won' ELSE 'lost' END
    FROM plan WHERE (fate < 2 AND path[-1] IN ('proposal', 'negotiate')) OR fate = 2;
  DELETE FROM stage_history WHERE changed_at >= TIMESTAMPTZ '2026-04-01 00:00:00+08';
  INSERT INTO task_completions SELECT deal_id, 'budget', changed_at - INTERVAL 2 DAY FROM stage_history
    WHERE from_stage = 'qualify' AND to_stage IN ('proposal', 'negotiate', 'won');
  INSERT INTO deals SELECT p.id, 'c-' || lpad((1 + p.i % 17)::VARCHAR, 2, '0'),
      ['ERP 升级', 'MES 实施', 'CRM 部署', '数据中台'][1 + p.i % 4] || ' ' || p.id,
      ['rep-zhang', 'rep-li', 'rep-wang', 'rep-zhao'][1 + (p.i * 3) % 4], ['华东', '华北', '华南'][1 + p.i % 3],
      ((p.i * 7919) % 180 + 20) * 5000 + ((p.i * 37) % 100) * 0.01, 'CNY',
      CASE WHEN p.i % 11 <> 0 THEN CAST(p.created AS DATE) + (75 + (p.i * 13) % 120)::INTEGER END,
      h.stage, CASE WHEN h.stage IN ('won', 'lost') THEN h.stage ELSE 'open' END,
      CASE WHEN h.stage IN ('won', 'lost') THEN h.closed END,
      CASE WHEN h.stage = 'lost' THEN ['价格过高', '选择了竞争对手', '预算取消'][1 + p.i % 3] END
    FROM plan p JOIN (SELECT deal_id, arg_max(to_stage, changed_at) AS stage, max(changed_at) AS closed FROM stage_history GROUP BY deal_id) h ON h.deal_id = p.id;
  -- A stage someone added in the CRM that the pipeline definition does not know.
  INSERT INTO deals VALUES ('D-999', 'c-99', '试点项目 D-999', 'rep-li', '华东', 120000.00, 'CNY', DATE '2026-05-20', 'pilot', 'open', NULL, NULL);
  INSERT INTO stage_history VALUES ('D-999', TIMESTAMPTZ '2026-03-02 10:00:00+08', NULL, 'pilot');`;

// Everything is read as text: amounts as exact decimal strings (a JS number would round
// them), instants as UTC ISO strings, dates as YYYY-MM-DD. The schemas parse the rest.
type Row = Record<string, string | null>;
const ISO = (col: string) => `strftime(${col} AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ')`;
type Bind = Parameters<DuckDBConnection['runAndReadAll']>;
async function query(db: DuckDBConnection, sql: string, values?: Bind[1], types?: Bind[2]): Promise<Row[]> {
  return (await db.runAndReadAll(sql, values, types)).getRowObjectsJson() as Row[];
}
function byDeal(rows: Row[]): Map<string, Row[]> {
  const map = new Map<string, Row[]>();
  for (const r of rows) map.set(r['deal_id'] as string, [...(map.get(r['deal_id'] as string) ?? []), r]);
  return map;
}

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
try {
  await db.run(SCHEMA);
  await db.run(FILL);

  const deals = await query(db, `SELECT id, customer_id, name, owner_id, region, CAST(amount AS VARCHAR) AS amount, currency,
    CAST(expected_close AS VARCHAR) AS expected_close, stage_id, status, ${ISO('closed_at')} AS closed_at, loss_reason FROM deals ORDER BY id`);
  const history = byDeal(await query(db, `SELECT deal_id, ${ISO('changed_at')} AS ts, from_stage, to_stage FROM stage_history ORDER BY deal_id, changed_at`));
  const tasks = byDeal(await query(db, `SELECT deal_id, task_id, ${ISO('completed_at')} AS ts FROM task_completions ORDER BY deal_id, completed_at`));

  // Stage changes become ledger events: moves between open stages are advances, skips or
  // regressions by funnel order; a move into a won or lost stage is the win or loss.
  const kindOf = new Map(pipeline.stages.map((s) => [s.id as string, s.kind]));
  const order = pipeline.stages.filter((s) => s.kind === 'open').map((s) => s.id as string);
  const event = (h: Row, deal: Row) => {
    const { ts: at, from_stage: from, to_stage: to } = h as { ts: string; from_stage: string | null; to_stage: string };
    if (from === null) return { type: 'created', at, stageId: to };
    if (kindOf.get(to) === 'won') return { type: 'won', at, stageId: to };
    if (kindOf.get(to) === 'lost') return { type: 'lost', at, stageId: to, reason: deal['loss_reason'] ?? '未填写' };
    const step = order.indexOf(to) - order.indexOf(from);
    return { type: 'stage_changed', at, from, to, kind: step < 0 ? 'regress' : step === 1 ? 'advance' : 'skip' };
  };

  const opportunities: Opportunity[] = [];
  const rejected: string[] = [];
  for (const d of deals) {
    const id = d['id'] as string;
    const done = tasks.get(id) ?? [];
    const ledger = [
      ...(history.get(id) ?? []).map((h) => event(h, d)),
      ...done.map((t) => ({ type: 'task_completed', at: t['ts'], taskId: t['task_id'] })),
    ].sort((a, b) => (a.at as string).localeCompare(b.at as string)); // stable: ties keep table order
    // NULL columns are left out: the wire form has optional fields, not nulls.
    const optional = Object.fromEntries(
      [['expectedCloseDate', d['expected_close']], ['region', d['region']], ['closedAt', d['closed_at']], ['lossReason', d['loss_reason']]].filter(([, v]) => v !== null),
    );
    const parsed = safeParseOpportunity(
      {
        id, customerId: d['customer_id'], pipelineId: pipeline.id, name: d['name'], ownerId: d['owner_id'],
        amount: { amount: d['amount'], currency: d['currency'] }, stageId: d['stage_id'], status: d['status'], ...optional,
        completedTasks: Object.fromEntries(done.map((t) => [t['task_id'], { at: t['ts'] }])),
        history: ledger,
      },
      { pipeline },
    );
    if (parsed.success) opportunities.push(parsed.data);
    else {
      rejected.push(id);
      for (const issue of toFunnelIssues(parsed.error, 'en')) console.log(`skipped ${id} [${issue.code}] ${issue.path?.join('.')}: ${issue.message}`);
    }
  }
  console.log(`read ${deals.length} deals from DuckDB: ${opportunities.length} parsed, ${rejected.length} skipped`);
  const sample = opportunities.find((o) => o.id === 'D-005');
  const step = (e: Opportunity['history'][number]) => `${e.at.toISOString().slice(0, 10)} ${e.type === 'stage_changed' ? `${e.kind} ${e.to}` : e.type === 'task_completed' ? `task ${e.taskId}` : `${e.type}${'stageId' in e ? ` ${e.stageId}` : ''}`}`;
  if (sample) console.log(`e.g. ${sample.id} (${sample.status}, ${sample.stageId}): ${sample.history.map(step).join(' → ')}\n`);

  const fmt = (m: Money | Decimal) => ('currency' in m ? roundToMinor(m).amount : m).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(0)}%`).padStart(5);
  const names = new Map(pipeline.stages.map((s) => [s.id as string, s.name]));
  const label = (id: string) => (names.get(id) ?? id).padEnd(5, '　');

  // The instant of the extract: the funnel then is the deals' current state, rebuilt from the ledger.
  const asOf = '2026-04-01T00:00:00+08:00';
  const snapshot = funnelSnapshot(opportunities, pipeline, { asOf }).total;
  console.log('销售漏斗快照 Funnel at 2026-04-01 00:00 (UTC+8): open deals per stage');
  for (const r of snapshot.stages) {
    console.log(`${label(r.stageId)} ${String(r.count).padStart(3)} deals ${fmt(r.amount).padStart(15)}  weighted ${fmt(r.weightedAmount).padStart(14)}`);
  }
  console.log(`total      ${String(snapshot.count).padStart(3)} deals ${fmt(snapshot.amount).padStart(15)}  weighted ${fmt(snapshot.weightedAmount).padStart(14)} CNY\n`);

  // Every stage entry since the CRM went live (2025-10-01), judged at the extract.
  const flow = stageFlow(opportunities, pipeline, { from: '2025-10-01T00:00:00+08:00', to: asOf, asOf });
  console.log('阶段流转 Stage flow since 2025-10-01 (rates = count / entries; won is part of adv)');
  console.log('stage          in  adv  won lost back stay stall   升迁  流失  滞留');
  for (const r of flow.total.stages) {
    const counts = [r.entered, r.advanced, r.won, r.lost, r.regressed, r.stillThere, r.stalled].map((n) => String(n).padStart(4)).join(' ');
    console.log(`${label(r.stageId)} ${counts}  ${pct(r.advanceRate)} ${pct(r.lossRate)} ${pct(r.stayRate)}`);
  }

  // Quarters in Beijing time, so a deal won on 1 April 08:00 local is a Q2 deal everywhere.
  // Each total says what it holds: `weighted` is open + won; `total` is the deals with a
  // forecast date, `unforecastable` those without one, `book` the two together.
  const forecast = weightedForecast(opportunities, pipeline, { groupBy: ['period'], period: { unit: 'quarter' }, timeZone: 'Asia/Shanghai' });
  console.log('\n加权预测 Weighted forecast by quarter (won deals by close date, open ones by expected close; weighted = open + won)');
  for (const { key, value: r } of forecast.groups) {
    console.log(`${(key[0] ?? '').padEnd(8)} ${String(r.count).padStart(3)} deals  won ${fmt(r.won.amount).padStart(14)}  open ${fmt(r.open.amount).padStart(14)}  weighted ${fmt(r.weighted).padStart(14)}`);
  }
  const u = forecast.unforecastable;
  console.log(`no forecast date (unforecastable): ${u.count} deal(s), open ${fmt(u.open.amount)} — ${u.opportunityIds.join(', ')}`);
  console.log(`book (dated + undated): ${forecast.book.count} deals, weighted ${fmt(forecast.book.weighted)}`);

  // Cross-check: the library's open amount (rebuilt from the ledgers) against SQL over the
  // current rows the library accepted, compared as exact decimals, never as floats.
  // (The list's type is spelled out: DuckDB cannot infer it from an empty list.)
  const [sql] = await query(db, `SELECT CAST(COALESCE(SUM(amount), 0) AS VARCHAR) AS total FROM deals WHERE status = 'open' AND NOT list_contains($rejected, id)`,
    { rejected: listValue(rejected) }, { rejected: LIST(VARCHAR) });
  const fromSql = new Decimal(sql?.['total'] ?? '');
  const fromLibrary = snapshot.amount.amount;
  const fromForecast = forecast.book.open.amount.amount;
  console.log(`\nopen amount: SQL SUM(amount) ${fromSql.toFixed(2)}, funnelSnapshot ${fromLibrary.toFixed(2)}, weightedForecast book.open ${fromForecast.toFixed(2)}`);
  if (!fromSql.eq(fromLibrary) || !fromSql.eq(fromForecast)) {
    console.error('MISMATCH between SQL and the library');
    process.exitCode = 1;
  } else console.log('cross-check OK: the three agree to the fen');
} finally {
  // Release the native handles so the process can exit.
  db.disconnectSync();
  instance.closeSync();
}
