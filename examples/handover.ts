// Prints a handover plan (交接计划) for a rep who resigns: the seed's practice of an
// in-person visit for bottom-of-funnel deals (≥ 75 %), a phone introduction by the
// departing rep for the middle (≥ 50 %), and a call by the successor for the rest once
// those are done — ordered, assigned to two successors by capacity and coverage, and
// scheduled on working days.
//
//   npx tsx examples/handover.ts
import { parseOpportunity, parsePipeline, planHandover, type Opportunity } from '../src/index.js';

const pipeline = parsePipeline({
  id: 'direct',
  name: '直销漏斗',
  currency: 'CNY',
  stages: [
    { id: 'top', name: '初步接触', kind: 'open', probability: '0.25' },
    { id: 'middle', name: '方案提出', kind: 'open', probability: '0.5' },
    { id: 'bottom', name: '商务洽谈', kind: 'open', probability: '0.75' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});

/** The shortest ledger that leaves a deal in `stageId` with `status`. */
function ledger(stageId: string, status: string): object[] {
  const created = { type: 'created', at: '2026-03-02T09:00:00+08:00', stageId: status === 'won' ? 'top' : stageId };
  if (status === 'suspended') return [created, { type: 'suspended', at: '2026-04-10T09:00:00+08:00', reason: '客户预算冻结' }];
  if (status === 'won') return [created, { type: 'won', at: '2026-04-20T09:00:00+08:00', stageId }];
  return [created];
}

const deal = (id: string, name: string, customerId: string, stageId: string, wan: number, extra: Readonly<Record<string, unknown>> = {}): Opportunity =>
  parseOpportunity(
    {
      id,
      name,
      customerId,
      pipelineId: 'direct',
      amount: { amount: String(wan * 10_000), currency: 'CNY' },
      stageId,
      ownerId: 'rep-zhang',
      history: ledger(stageId, String(extra['status'] ?? 'open')),
      ...extra,
    },
    { pipeline },
  );

const book = [
  deal('o-101', '华东机械 ERP 二期', 'c-huadong', 'bottom', 120, { region: '华东', expectedCloseDate: '2026-05-15' }),
  deal('o-102', '华东机械 MES', 'c-huadong', 'middle', 80, { region: '华东', expectedCloseDate: '2026-07-01' }),
  deal('o-103', '北方重工 CRM', 'c-beifang', 'bottom', 60, { region: '华北', expectedCloseDate: '2026-04-30' }),
  deal('o-104', '南方电子 BI', 'c-nanfang', 'middle', 150, { region: '华南', expectedCloseDate: '2026-06-10' }),
  deal('o-105', '西部物流 WMS', 'c-xibu', 'top', 200, { region: '西南' }),
  deal('o-106', '北方重工 培训', 'c-beifang', 'top', 20, { region: '华北', expectedCloseDate: '2026-05-20' }),
  deal('o-107', '东海银行 风控', 'c-donghai', 'middle', 90, {
    region: '华东',
    splits: [{ ownerId: 'rep-zhang', basisPoints: 6000 }, { ownerId: 'rep-zhao', basisPoints: 4000 }],
  }),
  deal('o-110', '东海银行 核心', 'c-donghai', 'bottom', 70, { region: '华东', expectedCloseDate: '2026-05-30' }),
  deal('o-111', '南方电子 ERP', 'c-nanfang', 'bottom', 50, { region: '华南', expectedCloseDate: '2026-05-12' }),
  deal('o-112', '华东机械 AI 质检', 'c-huadong', 'bottom', 30, { region: '华东', expectedCloseDate: '2026-06-30' }),
  deal('o-113', '北方重工 备件', 'c-beifang', 'middle', 16, { region: '华北' }),
  deal('o-108', '星河零售 POS', 'c-xinghe', 'middle', 40, { status: 'suspended' }),
  deal('o-109', '华东机械 一期', 'c-huadong', 'won', 100, { status: 'won' }),
];

const plan = planHandover(book, pipeline, {
  departingOwnerId: 'rep-zhang',
  successors: [
    { id: 'rep-li', regions: ['华东'], capacity: '1.5' }, // senior, already covers 华东
    { id: 'rep-wang', regions: ['华北', '华南'] },
  ],
  startDate: '2026-04-29', // a calendar date: the plan counts working days
  holidays: ['2026-05-01', '2026-05-04', '2026-05-05'], // 劳动节
  extraWorkingDays: ['2026-05-09'], // 调休: a Saturday worked
  visitsPerDay: 1,
  callsPerDay: 2,
  departingRep: { visitsPerDay: 1, lastDay: '2026-05-06' },
});

const wan = (x: { amount: { toNumber(): number } }): string => `${(x.amount.toNumber() / 10_000).toFixed(1)} 万`;
console.log(`Handover of ${plan.departingOwnerId}'s book from ${plan.startDate}\n`);
console.log('  # tier channel         deal                 weighted   successor  why              due         (ordered by)');
for (const s of plan.steps) {
  console.log(
    `${String(s.rank).padStart(3)}  ${s.tier}   ${s.channel.padEnd(15)} ${s.name.padEnd(14)} ${wan(s.weightedValue).padStart(10)}   ${s.successorId.padEnd(9)}  ${s.assignedBy.padEnd(15)}  ${s.dueDate}  (${s.orderedBy})${s.afterDeparture ? '  ⚠ after the last day' : ''}`,
  );
}
console.log('\nSplits that move with the deals:');
for (const s of plan.steps.filter((x) => x.splits !== undefined)) {
  console.log(`  ${s.name}: ${s.splits?.map((x) => `${x.ownerId} ${x.basisPoints / 100} %`).join(', ')}`);
}
console.log('\nNot handed over as steps:');
for (const d of [...plan.suspended, ...plan.closed]) {
  console.log(`  ${d.name} (${d.status}) → ${d.successorId ?? 'credit stays with the departing rep'}`);
}
console.log('\nSuccessors:');
for (const s of plan.successors) {
  console.log(
    `  ${s.successorId}: ${s.steps} deals, ${wan(s.weightedValue)} weighted, relative load ${(s.relativeLoad.toNumber() / 10_000).toFixed(1)} 万 per unit of capacity, ${s.visits} visits, ${s.calls} calls, done by ${s.lastDueDate}`,
  );
}
