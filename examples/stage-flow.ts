// Prints the stage flow (阶段流转) of a sample pipeline for the first quarter of 2026:
// per stage, how many deals entered and what became of them — advanced (升迁), lost
// (流失), moved back, still there (滞留) and stalled — with the rates; then the snapshot
// funnel at the end of the quarter and the Q1 cohort funnel.
//
//   npx tsx examples/stage-flow.ts
import {
  cohortFunnel,
  funnelSnapshot,
  parseOpportunity,
  parsePipeline,
  stageFlow,
  type Opportunity,
  type StageFlowRow,
} from '../src/index.js';

const pipeline = parsePipeline({
  id: 'direct',
  name: '直销漏斗',
  currency: 'CNY',
  stages: [
    { id: 'contact', name: '初步接触', kind: 'open', probability: '0.1', stallAfterDays: 21 },
    { id: 'needs', name: '需求确认', kind: 'open', probability: '0.25', stallAfterDays: 30 },
    { id: 'proposal', name: '方案提出', kind: 'open', probability: '0.5', stallAfterDays: 30 },
    { id: 'quote', name: '报价洽谈', kind: 'open', probability: '0.75', stallAfterDays: 20 },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});

// A compact ledger notation: "contact@01-05 needs@01-20 lost@02-10" — a stage (or won /
// lost / suspend / resume) and the date (2026) it happened, in ledger order.
function deal(id: string, owner: string, amount: string, ledger: string): Opportunity {
  const open = ['contact', 'needs', 'proposal', 'quote'];
  let stage: string | undefined;
  let status = 'open';
  const history = ledger.split(' ').map((step) => {
    const [what, date] = step.split('@') as [string, string];
    const at = `2026-${date}T09:00:00+08:00`;
    if (what === 'suspend') {
      status = 'suspended';
      return { type: 'suspended', at };
    }
    if (what === 'resume') {
      status = 'open';
      return { type: 'resumed', at };
    }
    if (what === 'won' || what === 'lost') {
      status = what;
      stage = what;
      return what === 'won' ? { type: 'won', at, stageId: 'won' } : { type: 'lost', at, stageId: 'lost', reason: '价格过高' };
    }
    if (stage === undefined) {
      stage = what;
      return { type: 'created', at, stageId: what };
    }
    const step1 = open.indexOf(what) - open.indexOf(stage);
    const from = stage;
    stage = what;
    return { type: 'stage_changed', at, from, to: what, kind: step1 < 0 ? 'regress' : step1 === 1 ? 'advance' : 'skip' };
  });
  return parseOpportunity(
    { id, customerId: `c-${id}`, pipelineId: 'direct', name: id, ownerId: owner, amount: { amount, currency: 'CNY' }, stageId: stage, status, history },
    { pipeline },
  );
}

const deals = [
  deal('A', 'rep-zhang', '1200000', 'contact@01-05 needs@01-20 proposal@02-10 quote@02-25 won@03-20'),
  deal('B', 'rep-zhang', '300000', 'contact@01-08 needs@01-25 lost@02-15'),
  deal('C', 'rep-zhang', '800000', 'contact@01-10 proposal@01-30 quote@03-01'),
  deal('D', 'rep-li', '450000', 'contact@01-12 needs@02-01 proposal@02-20 needs@03-05'),
  deal('E', 'rep-li', '2000000', 'contact@01-15 suspend@01-20 resume@03-01 needs@03-10'),
  deal('F', 'rep-li', '150000', 'contact@02-03 lost@02-28'),
  deal('G', 'rep-wang', '600000', 'contact@02-10 needs@02-20 proposal@03-10'),
  deal('H', 'rep-wang', '900000', 'contact@02-14'),
  deal('I', 'rep-wang', '350000', 'contact@03-02 needs@03-16'),
  deal('J', 'rep-zhang', '500000', 'contact@03-10'),
  deal('K', 'rep-li', '700000', 'contact@01-03 needs@01-10 proposal@01-24 quote@02-05 lost@03-25'),
];

// Q1 2026 in Beijing time; outcomes judged at the end of the quarter (asOf = to; without
// asOf, the books would be read just after the last event of the data).
const from = '2026-01-01T00:00:00+08:00';
const to = '2026-04-01T00:00:00+08:00';
const flow = stageFlow(deals, pipeline, { from, to, asOf: to, groupBy: ['owner'] });

const names = new Map(pipeline.stages.map((s) => [s.id as string, s.name]));
const pct = (x: number | null) => (x === null ? '   —' : `${(x * 100).toFixed(0)}%`.padStart(4));
const row = (r: StageFlowRow) =>
  [
    (names.get(r.stageId) ?? r.stageId).padEnd(6, '　'),
    String(r.entered).padStart(3),
    String(r.advanced).padStart(4),
    String(r.lost).padStart(4),
    String(r.regressed).padStart(4),
    String(r.stillThere).padStart(4),
    String(r.stalled).padStart(4),
    pct(r.advanceRate),
    pct(r.lossRate),
    pct(r.stayRate),
  ].join('  ');

console.log('阶段流转 Stage flow, Q1 2026 (entries by stage entry; judged 2026-03-31)');
console.log('stage          in   adv  lost  back  stay stall  升迁  流失  滞留');
for (const r of flow.total.stages) console.log(row(r));
console.log('(identity per stage: in = adv + lost + back + stay; rates = count / in; skipped stages count as passed)');
for (const { key, value } of flow.groups) {
  const entered = value.stages.reduce((n, r) => n + r.entered, 0);
  console.log(`  ${key.join(' / ')}: ${value.deals} deals, ${entered} stage entries`);
}

const snapshot = funnelSnapshot(deals, pipeline, { asOf: to });
console.log('\n销售漏斗快照 Snapshot at 2026-03-31: open deals per stage');
for (const r of snapshot.total.stages) {
  console.log(
    `${(names.get(r.stageId) ?? r.stageId).padEnd(6, '　')}  ${String(r.count).padStart(2)} deals  ${r.amount.amount.toFixed(2).padStart(12)}  weighted ${r.weightedAmount.amount.toFixed(2).padStart(12)} CNY`,
  );
}
console.log(`weighted pipeline ${snapshot.total.weightedAmount.amount.toFixed(2)} CNY`);

const cohort = cohortFunnel(deals, pipeline, { from, to, asOf: to });
console.log('\n同期群漏斗 Cohort funnel: deals created in Q1, the furthest stage reached');
console.log(`${cohort.total.stages.map((r) => `${names.get(r.stageId)} ${r.reached}`).join(' → ')} → 赢单 ${cohort.total.won}`);
console.log(`win rate so far ${pct(cohort.total.winRate)} of ${cohort.total.created} (still open: ${cohort.total.open})`);
