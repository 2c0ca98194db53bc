// Walks one deal through a gated funnel, from first contact to won (赢单), with the
// stage-transition engine: key tasks (关键任务) gate every stage, a skip is refused with
// its reasons in English and Chinese, a retried command is not applied twice, a command
// decided on a stale read is refused, and the ledger records everything that happened.
//
//   npx tsx examples/stage-gates.ts
import {
  completeTask,
  definePipeline,
  formatIssue,
  makeIssue,
  money,
  nextSteps,
  parseOpportunity,
  transition,
  updateAmount,
  updateCloseDate,
  type EngineResult,
  type KeyTaskGuards,
  type Opportunity,
} from '../src/index.js';

// Declared in code with definePipeline, the stage and task ids are types: a misspelt
// `{ type: 'move', to: 'negociation' }` or `completeTask(deal, pipeline, 'qoute', …)`
// does not compile.
const pipeline = definePipeline({
  id: 'direct',
  name: '直销漏斗',
  currency: 'CNY',
  policy: { skip: 'gates', backward: 'reason', probabilityOnStageChange: 'reset' },
  stages: [
    { id: 'contact', name: '初步接触', kind: 'open', probability: '0.1', keyTasks: [{ id: 'first-visit', title: '首次拜访' }] },
    {
      id: 'needs',
      name: '需求确认',
      kind: 'open',
      probability: '0.25',
      keyTasks: [
        { id: 'budget', title: '确认预算' },
        { id: 'close-date', title: '填写预计成交日期', check: { kind: 'field', field: 'expectedCloseDate', rule: { op: 'present' } } },
      ],
    },
    {
      id: 'proposal',
      name: '方案提出',
      kind: 'open',
      probability: '0.5',
      keyTasks: [
        { id: 'demo', title: '产品演示' },
        { id: 'org-chart', title: '画出组织架构图', required: false },
      ],
    },
    {
      id: 'negotiation',
      name: '报价洽谈',
      kind: 'open',
      probability: '0.75',
      keyTasks: [
        { id: 'quote', title: '提交报价' },
        { id: 'credit', title: '通过信用审核', check: { kind: 'guard', name: 'creditApproved' } },
      ],
    },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});

// A guard says why, not just no: here the credit limit must cover the deal. Its detail
// is given in both languages, so the issue reads right in either locale.
const CREDIT_LIMIT = 2_000_000;
const guards: KeyTaskGuards = {
  creditApproved: (deal, { task, locale }) => {
    if (deal.amount.amount.lte(CREDIT_LIMIT)) return [];
    const amount = deal.amount.amount.toFixed(0);
    const detail = { en: `${amount} is over the credit limit of ${CREDIT_LIMIT}`, 'zh-CN': `${amount} 超出信用额度 ${CREDIT_LIMIT}` };
    return [makeIssue('guard_failed', { guard: 'creditApproved', title: task.title, detail }, { locale })];
  },
};

let deal: Opportunity = parseOpportunity({
  id: 'o-1001',
  customerId: 'c-huadong',
  pipelineId: 'direct',
  name: '华东机械 ERP',
  amount: { amount: '1200000', currency: 'CNY' },
  stageId: 'contact',
  ownerId: 'rep-zhang',
  history: [{ type: 'created', at: '2026-03-02T09:00:00+08:00', stageId: 'contact', by: 'rep-zhang' }],
});

// `at` is an instant: a Date, or an ISO 8601 string with its offset, as here.
let day = 2;
const at = () => `2026-03-${String(day++).padStart(2, '0')}T10:00:00+08:00`;
const stageName = (id: string) => pipeline.stages.find((s) => s.id === id)?.name ?? id;

/** Applies a change that must succeed, and prints what happened. */
function apply(what: string, r: EngineResult): void {
  if (!r.ok) throw new Error(`${what} refused: ${r.issues.map((i) => i.message).join('; ')}`);
  deal = r.opportunity;
  console.log(`✓ ${what.padEnd(34)} → ${stageName(deal.stageId)} (${deal.status})`);
}

/** Prints the "what do I do now" panel a CRM would show. */
function showNextSteps(): void {
  const now = nextSteps(deal, pipeline, { guards, locale: 'zh-CN' });
  const target = now.targetStageName === undefined ? now.command.type : `${now.command.type} → ${now.targetStageName}`;
  console.log(`  现在我该干什么 (${stageName(now.stageId)}, next: ${target}${now.ready ? ', ready' : ''})`);
  for (const step of now.blocking) console.log(`    □ ${step.title}`);
  for (const step of now.optional) console.log(`    ○ ${step.title} (optional)`);
}

console.log(`Deal ${deal.name}, ${deal.amount.amount.toFixed(2)} ${deal.amount.currency}, in ${stageName(deal.stageId)}`);
showNextSteps();
apply('complete 首次拜访', completeTask(deal, pipeline, 'first-visit', { at: at(), by: 'rep-zhang' }));
apply('advance', transition(deal, pipeline, { type: 'advance' }, { at: at(), by: 'rep-zhang' }));
showNextSteps();

// The rep tries to jump straight to negotiation: refused, with every reason at once.
const jump = { type: 'move', to: 'negotiation' } as const;
const refused = transition(deal, pipeline, jump, { at: at(), guards });
if (refused.ok) throw new Error('the skip should have been refused');
console.log(`\n✗ move → ${stageName(jump.to)} refused with ${refused.issues.length} issues:`);
for (const issue of refused.issues) {
  console.log(`  [${issue.code}] ${issue.stageId ?? ''}/${issue.taskId ?? ''}`);
  console.log(`    en: ${issue.message}`);
  console.log(`    中文: ${formatIssue(issue, 'zh-CN')}`);
}
console.log('');

apply('complete 确认预算', completeTask(deal, pipeline, 'budget', { at: at(), by: 'rep-zhang' }));
apply('set the expected close date', updateCloseDate(deal, '2026-06-30', { at: at(), by: 'rep-zhang' }));
apply('advance', transition(deal, pipeline, { type: 'advance' }, { at: at(), by: 'rep-zhang' }));
apply('complete 产品演示', completeTask(deal, pipeline, 'demo', { at: at(), by: 'rep-zhang' }));
apply('advance', transition(deal, pipeline, { type: 'advance' }, { at: at(), by: 'rep-zhang' }));
apply('complete 提交报价', completeTask(deal, pipeline, 'quote', { at: at(), by: 'rep-zhang' }));

// Storing the ledger: the CRM read the deal at version = ledger length, sends the command
// with that version and a request id. The network drops the response and the CRM sends
// the same request again: it is recognised by its key and not applied twice.
const read = deal.history.length;
const raise = { at: at(), by: 'rep-zhang', expectedVersion: read, idempotencyKey: 'req-7f3a' };
apply('raise the amount to 2 500 000', updateAmount(deal, money('2500000', 'CNY'), raise));
const retry = updateAmount(deal, money('2500000', 'CNY'), raise);
if (!retry.ok || !retry.replayed) throw new Error('the retry should have been replayed');
console.log(`  retried: replayed, event #${retry.events[0]?.seq} (id ${retry.events[0]?.id}), ledger still at version ${retry.opportunity.history.length}`);
// Another user decided on the same old version: refused, to be read again.
const stale = updateCloseDate(deal, '2026-05-31', { at: at(), by: 'rep-li', expectedVersion: read });
if (stale.ok) throw new Error('the stale command should have been refused');
console.log(`  stale: ${stale.issues.map((i) => i.message).join(' ')}`);

// Now the credit check fails: the guard explains why.
const blockedWin = transition(deal, pipeline, { type: 'win' }, { at: at(), guards, locale: 'zh-CN' });
if (blockedWin.ok) throw new Error('the win should have been refused');
console.log(`✗ win refused: ${blockedWin.issues.map((i) => i.message).join(' ')}`);
apply('lower the amount to 1 800 000', updateAmount(deal, money('1800000', 'CNY'), { at: at(), by: 'rep-zhang' }));
apply('win', transition(deal, pipeline, { type: 'win' }, { at: at(), by: 'rep-zhang', guards }));

console.log(`\nClosed ${deal.closedAt?.toISOString()} for ${deal.amount.amount.toFixed(2)} ${deal.amount.currency}. Ledger:`);
for (const e of deal.history) {
  const detail =
    e.type === 'stage_changed' ? `${stageName(e.from)} → ${stageName(e.to)} (${e.kind})`
    : e.type === 'task_completed' ? e.taskId
    : e.type === 'amount_changed' ? `${e.from.amount.toFixed(0)} → ${e.to.amount.toFixed(0)}`
    : e.type === 'close_date_changed' ? `${e.from ?? '—'} → ${e.to ?? '—'}`
    : e.type === 'created' || e.type === 'won' ? stageName(e.stageId)
    : '';
  console.log(`  ${String(e.seq).padStart(2)}  ${e.at.toISOString().slice(0, 10)}  ${e.type.padEnd(18)} ${detail}`);
}
