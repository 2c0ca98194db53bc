// Parses a pipeline and an opportunity from their JSON wire form, prints them, and shows
// what a validation failure looks like (codes and paths, in English and Chinese).
import {
  parseOpportunity,
  parsePipeline,
  roundToMinor,
  safeParseOpportunity,
  serializeOpportunity,
  toFunnelIssues,
} from '../src/index.js';

const pipeline = parsePipeline({
  id: 'direct',
  name: '直销漏斗',
  currency: 'CNY',
  stages: [
    { id: 'lead', name: '潜在客户', kind: 'open', probability: '0.10', keyTasks: [{ id: 'visit', title: '首次拜访' }] },
    { id: 'qualify', name: '需求确认', kind: 'open', probability: '0.25', keyTasks: [{ id: 'budget', title: '确认预算' }] },
    { id: 'quote', name: '报价洽谈', kind: 'open', probability: '0.75' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});

const deal = parseOpportunity(
  {
    id: 'o-1001',
    customerId: 'c-huadong',
    pipelineId: 'direct',
    name: '华东机械 ERP',
    amount: { amount: '1000000', currency: 'CNY' },
    expectedCloseDate: '2026-12-31',
    stageId: 'qualify',
    ownerId: 'rep-zhang',
    completedTasks: { visit: { at: '2026-01-10T10:00:00+08:00' } },
    history: [
      { type: 'created', at: '2026-01-05T09:00:00+08:00', stageId: 'lead' },
      { type: 'task_completed', at: '2026-01-10T10:00:00+08:00', taskId: 'visit' },
      { type: 'stage_changed', at: '2026-01-12T10:00:00+08:00', from: 'lead', to: 'qualify', kind: 'advance' },
    ],
  },
  { pipeline },
);

console.log(`Pipeline ${pipeline.name}: ${pipeline.stages.map((s) => `${s.name} ${s.probability.times(100).toFixed(0)}%`).join(' → ')}`);
const stage = pipeline.stages.find((s) => s.id === deal.stageId);
const weighted = roundToMinor({ amount: deal.amount.amount.times(stage?.probability ?? 0), currency: deal.amount.currency });
console.log(`Deal ${deal.name}: ${deal.amount.amount.toFixed(2)} ${deal.amount.currency} in ${stage?.name}, weighted ${weighted.amount.toFixed(2)}`);
console.log(`Ledger: ${deal.history.map((e) => `${e.at.toISOString()} ${e.type}`).join('; ')}`);
console.log('Wire form:', JSON.stringify(serializeOpportunity(deal)));

const bad = safeParseOpportunity({ ...serializeOpportunity(deal), stageId: 'negotiation', splits: [{ ownerId: 'rep-li', basisPoints: 5000 }] }, { pipeline });
if (!bad.success) {
  for (const issue of toFunnelIssues(bad.error, 'en')) console.log(`  [${issue.code}] ${issue.path?.join('.')}: ${issue.message}`);
  for (const issue of toFunnelIssues(bad.error, 'zh-CN')) console.log(`  [${issue.code}] ${issue.path?.join('.')}: ${issue.message}`);
}
