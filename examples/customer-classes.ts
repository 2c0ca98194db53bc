// Qualifies and classes a rep's customers the way the source asks (客户分级): the MAN
// rule for a new lead, a scorecard (客户评分卡) kept as JSON, the A/B/C/D classes of
// expected value × time to close, and the priority changes a manager should review
// (定期评估客户价值，对优先级进行调整). Prints everything in Chinese.
//
//   npx tsx examples/customer-classes.ts
import {
  classifyABCD,
  money,
  parseCustomer,
  parseOpportunity,
  parsePipeline,
  parseScorecard,
  qualifyMAN,
  reclassify,
  renderTemplate,
  scoreCustomers,
  type Customer,
  type Opportunity,
} from '../src/index.js';

const pipeline = parsePipeline({
  id: 'direct',
  name: '直销漏斗',
  currency: 'CNY',
  stages: [
    { id: 'qualify', name: '需求确认', kind: 'open', probability: '0.25' },
    { id: 'proposal', name: '方案提出', kind: 'open', probability: '0.5' },
    { id: 'negotiate', name: '商务洽谈', kind: 'open', probability: '0.75' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});

const customers: Customer[] = [
  parseCustomer({ id: 'c-1', name: '上海恒通精密机械', industry: '制造业', priority: 'medium', tags: ['国企'], attributes: { employees: 3200, budgetApproved: true } }),
  parseCustomer({ id: 'c-2', name: '宏达贸易', industry: '零售', priority: 'high', attributes: { employees: 150 } }),
  parseCustomer({ id: 'c-3', name: '华东能源集团', industry: '能源', priority: 'low', tags: ['国企', '重点'], attributes: { employees: 12000, budgetApproved: true } }),
  parseCustomer({ id: 'c-4', name: '远东物流', industry: '物流', priority: 'medium', tags: ['欠款'], attributes: { employees: 800 } }),
  parseCustomer({ id: 'c-5', name: '新锐科技', industry: '信息技术', priority: 'medium', attributes: { employees: 60 } }),
];

// The classes read the deals' fields; this example leaves their ledgers out.
const deal = (id: string, customerId: string, stageId: string, wan: number, expectedCloseDate?: string): Opportunity =>
  parseOpportunity(
    {
      id,
      customerId,
      pipelineId: 'direct',
      name: `商机 ${id}`,
      ownerId: 'rep-zhang',
      stageId,
      amount: { amount: String(wan * 10_000), currency: 'CNY' },
      ...(expectedCloseDate === undefined ? {} : { expectedCloseDate }),
    },
    { pipeline, allowEmptyHistory: true },
  );
const deals = [
  deal('o-1', 'c-1', 'negotiate', 80, '2026-04-09'),
  deal('o-2', 'c-2', 'proposal', 10, '2026-04-20'),
  deal('o-3', 'c-3', 'qualify', 260, '2026-09-26'),
  deal('o-4', 'c-3', 'proposal', 40, '2026-05-15'),
  deal('o-5', 'c-4', 'qualify', 12, '2026-10-30'),
];

const wan = (amount: { readonly amount: { toFixed(): string }; readonly currency: string }) =>
  renderTemplate('{amount:moneyBrief}', { amount: amount.amount.toFixed(), currency: amount.currency }, 'zh-CN');

// 1. A new lead, qualified by the MAN rule.
console.log('一、MAN 法则');
const lead = qualifyMAN({ money: true, authority: false, need: true });
console.log(`  新线索（${lead.notation}）：${lead.label['zh-CN']}。${lead.action['zh-CN']}`);

// 2. The scorecard, as sales operations keep it (JSON), and each customer's score.
const scorecard = parseScorecard({
  id: 'customer-value-2026',
  name: '客户价值评分',
  criteria: [
    { id: 'large', label: '员工 1000 人以上', check: { kind: 'field', field: 'attributes.employees', rule: { op: 'gte', value: 1000 } }, points: 2 },
    { id: 'budget', label: '预算已批准', check: { kind: 'field', field: 'attributes.budgetApproved', rule: { op: 'equals', value: true } }, points: 2 },
    { id: 'soe', label: '国企', check: { kind: 'field', field: 'tags', rule: { op: 'includes', value: '国企' } }, points: 1 },
    { id: 'target_industry', label: '目标行业', check: { kind: 'field', field: 'industry', rule: { op: 'one_of', values: ['制造业', '能源'] } }, points: 1 },
    { id: 'active_deal', label: '有进行中的商机', check: { kind: 'guard', name: 'hasOpenDeal' }, points: 1 },
    { id: 'arrears', label: '有欠款', check: { kind: 'field', field: 'tags', rule: { op: 'includes', value: '欠款' } }, points: -3 },
  ],
  tiers: [
    { id: 'A', minScore: 5 },
    { id: 'B', minScore: 1 },
    { id: 'C', minScore: -2 },
    { id: 'D' },
  ],
});
const labels = new Map(scorecard.criteria.map((c) => [c.id, typeof c.label === 'string' ? c.label : (c.label?.['zh-CN'] ?? c.id)]));
const scored = scoreCustomers(customers, scorecard, {
  guards: { hasOpenDeal: (c) => deals.some((d) => d.customerId === c.id && d.status === 'open') },
});
console.log('\n二、客户评分');
for (const s of scored.scores) {
  const why = s.matched.map((m) => `${labels.get(m.criterionId)} ${m.points > 0 ? '+' : ''}${m.points}`).join('，');
  console.log(`  ${s.customerName}：${s.score} 分，${s.tier} 级（${why || '无加分项'}）`);
}

// 3. The A/B/C/D classes: 50 万 and 90 days, as of 10 March 2026 in Shanghai.
const classes = classifyABCD(customers, deals, {
  asOf: '2026-03-10T09:00:00+08:00',
  timeZone: 'Asia/Shanghai',
  valueAtLeast: money('500000', 'CNY'),
  closeWithinDays: 90,
  locale: 'zh-CN',
});
console.log('\n三、A/B/C/D 分类（预期金额 50 万元、90 天内成交）');
for (const c of classes.customers) {
  console.log(`  ${c.class} 类  ${c.customerName}：预期金额 ${wan(c.value)}，最近的预计成交日期 ${c.nearestCloseDate}（${c.daysToClose} 天后）`);
}
for (const u of classes.unclassified) console.log(`  未分类  ${u.issue.message}`);

// 4. The priority changes to review, from the scorecard and from the classes.
for (const [title, assessment] of [
  ['四、优先级调整建议（按评分）', scored],
  ['五、优先级调整建议（按 A/B/C/D 分类）', classes],
] as const) {
  const review = reclassify(customers, assessment, { locale: 'zh-CN' });
  console.log(`\n${title}：${review.proposals.length} 条，${review.unchanged.length} 个客户不变，${review.notAssessed.length} 个客户未评估`);
  for (const p of review.proposals) console.log(`  ${p.direction === 'up' ? '↑' : '↓'} ${p.reason.message}`);
}
