// Where the funnel is sick (病症诊断): two reps' funnels as of 30 April 2026, checked for
// the symptoms the source describes — too few deals in follow-up, a thin top, stages
// short of what the target needs, a stage that loses too many deals, a gap in the close
// months, a missing deal size, and stalled deals with a hint from their stage — printed
// per rep in Chinese, with the English message of each finding beneath.
//
//   npx tsx examples/pipeline-health.ts
import { formatIssue, money, parseOpportunity, parsePipeline, pipelineHealth, type Opportunity } from '../src/index.js';

const pipeline = parsePipeline({
  id: 'project',
  name: '项目销售漏斗',
  currency: 'CNY',
  stages: [
    { id: 'top', name: '初步接触', kind: 'open', probability: '0.25', stallAfterDays: 45 },
    { id: 'middle', name: '方案提出', kind: 'open', probability: '0.5', stallAfterDays: 45 },
    { id: 'bottom', name: '报价洽谈', kind: 'open', probability: '0.75', stallAfterDays: 30 },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});

const OPEN = ['top', 'middle', 'bottom'];
let n = 0;

/**
 * A deal created at the top of the funnel on `created` (2026), moved straight on to
 * `stage` on `entered` when that is further down, and then left open (with an expected
 * close date when given) or closed as `won` / `lost` on `closed`.
 */
function deal(owner: string, wan: number, stage: string, dates: { created: string; entered?: string; close?: string; won?: string; lost?: string }): Opportunity {
  n += 1;
  const at = (d: string) => `2026-${d}T10:00:00+08:00`;
  const history: Record<string, unknown>[] = [{ type: 'created', at: at(dates.created), stageId: 'top' }];
  const to = OPEN.indexOf(stage);
  if (to > 0) history.push({ type: 'stage_changed', at: at(dates.entered ?? dates.created), from: 'top', to: stage, kind: to === 1 ? 'advance' : 'skip' });
  let state: Record<string, unknown> = { stageId: stage, status: 'open' };
  if (dates.close !== undefined) history.push({ type: 'close_date_changed', at: at(dates.entered ?? dates.created), from: null, to: dates.close });
  if (dates.won !== undefined) {
    history.push({ type: 'won', at: at(dates.won), stageId: 'won' });
    state = { stageId: 'won', status: 'won', closedAt: at(dates.won) };
  } else if (dates.lost !== undefined) {
    history.push({ type: 'lost', at: at(dates.lost), stageId: 'lost', reason: '价格过高' });
    state = { stageId: 'lost', status: 'lost', closedAt: at(dates.lost), lossReason: '价格过高' };
  }
  return parseOpportunity(
    {
      id: `P${String(n).padStart(3, '0')}`,
      customerId: `c-${n}`,
      pipelineId: 'project',
      name: `项目 ${n}`,
      ownerId: owner,
      amount: { amount: String(wan * 10_000), currency: 'CNY' },
      ...(dates.close === undefined ? {} : { expectedCloseDate: dates.close }),
      ...state,
      history,
    },
    { pipeline },
  );
}

const times = <T>(k: number, make: (i: number) => T): T[] => Array.from({ length: k }, (_, i) => make(i));

const deals: Opportunity[] = [
  // rep-wang: 14 deals in follow-up, all of them big; four expected to close in May, then nothing until August;
  // one quote has not moved since February.
  ...times(5, () => deal('rep-wang', 80, 'top', { created: '04-06' })),
  ...times(5, (i) => deal('rep-wang', 120, 'middle', { created: '03-20', entered: '04-10', close: i === 0 ? '2026-08-20' : '2026-09-15' })),
  ...times(3, () => deal('rep-wang', 150, 'bottom', { created: '03-01', entered: '04-12', close: '2026-05-25' })),
  deal('rep-wang', 200, 'bottom', { created: '01-10', entered: '02-16', close: '2026-05-30' }),
  // rep-li: a full funnel, but last quarter's quotes were mostly lost.
  ...times(9, (i) => deal('rep-li', i < 4 ? 8 : 40, 'top', { created: '04-01' })),
  ...times(5, (i) => deal('rep-li', 30, 'middle', { created: '03-15', entered: '04-05', close: `2026-0${5 + (i % 3)}-15` })),
  ...times(4, (i) => deal('rep-li', 60, 'bottom', { created: '03-10', entered: '04-15', close: `2026-0${5 + (i % 4)}-28` })),
  deal('rep-li', 45, 'middle', { created: '02-01', entered: '02-10', close: '2026-06-30' }),
  ...times(5, () => deal('rep-li', 50, 'bottom', { created: '01-05', entered: '02-01', lost: '03-10' })),
  // Last quarter, both reps also lost deals earlier in the funnel.
  ...times(4, (i) => deal(i < 2 ? 'rep-li' : 'rep-wang', 20, 'top', { created: '01-08', lost: '02-20' })),
  ...times(2, () => deal('rep-wang', 40, 'middle', { created: '01-08', entered: '01-20', lost: '03-02' })),
  ...times(2, () => deal('rep-li', 50, 'bottom', { created: '01-05', entered: '02-01', won: '03-12' })),
];

const health = pipelineHealth(deals, pipeline, {
  asOf: '2026-04-30T18:00:00+08:00',
  timeZone: 'Asia/Shanghai',
  groupBy: ['owner'],
  locale: 'zh-CN',
  sizeBands: [
    { label: '小单（10 万以下）', max: '100000' },
    { label: '中单（10–100 万）', min: '100000', max: '1000000' },
    { label: '大单（100 万以上）', min: '1000000' },
  ],
  // Each rep's target for the next two quarters; the conversions and the average won deal are measured.
  target: (key) => (key === undefined ? undefined : money('3000000', 'CNY')),
});

console.log(`病症诊断 · ${pipeline.name} · 截至 2026-04-30`);
console.log(
  `Conversions measured: ${health.stageConversions.map((c) => `${c.stageId} ${c.conversion === null ? '–' : `${Math.round(c.conversion * 100)}%`}`).join(', ')}; ` +
    `average won deal ${health.averageDealSize === null ? '–' : `${health.averageDealSize.amount.toNumber() / 10_000} 万`}\n`,
);
for (const g of health.groups) {
  const r = g.value;
  console.log(`${g.key[0]} — 跟进中商机 ${r.openDeals} 个，发现 ${r.findings.length} 个问题`);
  for (const f of r.findings) {
    console.log(`  [${f.code}]${f.opportunityId === undefined ? '' : ` ${f.opportunityId}`} ${f.message}`);
    console.log(`      ${formatIssue(f, 'en')}`);
  }
  console.log('');
}
