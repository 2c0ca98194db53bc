// Issue 17, "Done when": every issue code rendered in zh-CN with the params the library
// really passes (not sample strings) — engine refusals, parse issues, thrown errors and
// audit findings on a Chinese pipeline and the Chinese sample — and no `{…}`, no ASCII
// word of two letters or more but the codes the catalogue allows and the ids a case names
// (an unknown stage, a guard's name, an option), no stage id where the stage has a name.
import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/cli/progress.js';
import { buildSample, SAMPLE_AS_OF } from '../../src/cli/sample.js';
import { readTableInput } from '../../src/cli/tabular.js';
import { memoryIo } from '../cli/_io.js';
import {
  add,
  allocate,
  auditPipeline,
  AUDIT_CODES,
  balanceTerritories,
  completeTask,
  convert,
  Decimal,
  FunnelError,
  funnelSnapshot,
  ISSUE_CODES,
  money,
  parseOpportunity,
  parsePipeline,
  reopenTask,
  rollup,
  safeEventFromRow,
  safeDealColumnsFromRows,
  safeParseBook,
  safeParseOpportunity,
  safeParsePipeline,
  serializePipeline,
  safeKeySchema,
  stageFlow,
  toFunnelIssues,
  transition,
  updateAmount,
  updateCloseDate,
  weightedForecast,
  makeIssue,
  type CurrencyCode,
  type FunnelIssue,
  type IssueCode,
  type KeyTaskGuards,
  type Opportunity,
  type TransitionCommand,
} from '../../src/index.js';
import { classifyABCD, parseCustomer, parseScorecard, reclassify, safeParseScorecard, scoreCustomers } from '../../src/index.js';
import { logActivity } from '../../src/index.js';
import { pipelineHealth } from '../../src/index.js';
import { applyPoolRules, assignCustomer, claimCustomer, evaluateClaim, poolRulesSchema, releaseCustomer, safeParseCustomer } from '../../src/index.js';
import { setForecastCategory, setProbabilityOverride } from '../../src/index.js';
import { duckdbDialect, weightedForecastSql } from '../../src/sql/index.js';

/** A rendered zh-CN message with its code and params, and the ASCII words its case allows. */
interface Seen {
  readonly code: IssueCode;
  readonly message: string;
  readonly params: unknown;
  readonly allow: readonly string[];
}

const seen: Seen[] = [];

/** Codes and formats the catalogue writes in Latin letters in Chinese text. */
const CATALOGUE_ASCII = new Set(['CNY', 'USD', 'RMB', 'ISO', 'UTC', 'JSON', 'ID', 'YYYY', 'MM', 'DD']);

function note(issues: readonly FunnelIssue[], allow: readonly string[] = []): void {
  expect(issues.length).toBeGreaterThan(0);
  for (const i of issues) seen.push({ code: i.code, message: i.message, params: i.params, allow });
}

function thrown(f: () => unknown, allow: readonly string[] = []): FunnelError {
  try {
    f();
  } catch (e) {
    if (!(e instanceof FunnelError)) throw e;
    seen.push({ code: e.code, message: e.localizedMessage('zh-CN'), params: e.params, allow });
    return e;
  }
  throw new Error('expected a FunnelError');
}

const refused = (r: { readonly ok: boolean; readonly issues?: readonly FunnelIssue[] }, allow: readonly string[] = []) => {
  expect(r.ok).toBe(false);
  note(r.issues ?? [], allow);
};

const pipelineJson = {
  id: 'direct',
  name: '直销漏斗',
  currency: 'CNY',
  policy: { skip: 'forbid', backward: 'reason', probabilityOnStageChange: 'reset' },
  stages: [
    { id: 'lead', name: '潜在客户', kind: 'open', probability: '0.1', stallAfterDays: 30, keyTasks: [{ id: 'visit', title: '完成首次拜访' }] },
    {
      id: 'qualify',
      name: '需求确认',
      kind: 'open',
      probability: '0.3',
      keyTasks: [
        { id: 'close-date', title: '填写预计成交日期', check: { kind: 'field', field: 'expectedCloseDate', rule: { op: 'present' } } },
        { id: 'credit', title: '通过信用审核', check: { kind: 'guard', name: 'creditApproved' } },
      ],
    },
    { id: 'quote', name: '报价洽谈', kind: 'open', probability: '0.6' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
} as const;
const pipeline = parsePipeline(pipelineJson);
const noBackward = parsePipeline({ ...pipelineJson, policy: { ...pipelineJson.policy, backward: 'forbid' } });
/** The ids of the pipeline's stages: never shown where the stage has a name. */
const STAGE_IDS = pipeline.stages.map((s) => s.id as string);

const at = (h: number) => new Date(Date.parse('2026-03-02T01:00:00Z') + h * 3_600_000);
const created = { type: 'created', at: at(0).toISOString(), stageId: 'lead' };
const dealJson = (over: Record<string, unknown> = {}) => ({
  id: 'o-1',
  customerId: 'c-1',
  pipelineId: 'direct',
  name: '上海恒通 ERP 实施',
  ownerId: 'rep-wang',
  amount: { amount: '2364000', currency: 'CNY' },
  stageId: 'lead',
  history: [created],
  ...over,
});
const deal = (over: Record<string, unknown> = {}, p = pipeline): Opportunity => parseOpportunity(dealJson(over), { pipeline: p });
const zh = { locale: 'zh-CN' } as const;
const go = (d: Opportunity, command: TransitionCommand, extra: Record<string, unknown> = {}, p = pipeline) => transition(d, p, command, { at: at(10), ...zh, ...extra });

const inQualify = (p = pipeline, closeDate = true) =>
  deal(
    {
      stageId: 'qualify',
      ...(closeDate ? { expectedCloseDate: '2026-06-30' } : {}),
      completedTasks: { visit: { at: at(1).toISOString() } },
      history: [
        created,
        { type: 'task_completed', at: at(1).toISOString(), taskId: 'visit' },
        { type: 'stage_changed', at: at(2).toISOString(), from: 'lead', to: 'qualify', kind: 'advance' },
        ...(closeDate ? [{ type: 'close_date_changed', at: at(2).toISOString(), from: null, to: '2026-06-30' }] : []),
      ],
    },
    p,
  );

/** Ledgers that contradict themselves or the deal, one problem (or a few) each. */
function parseProblems(): void {
  const bad = (over: Record<string, unknown>, allow: readonly string[] = []) => {
    const r = safeParseOpportunity(dealJson(over), { pipeline });
    expect(r.success).toBe(false);
    if (!r.success) note(toFunnelIssues(r.error, 'zh-CN'), allow);
  };
  const t = (h: number) => at(h).toISOString();
  bad({ history: [] });
  bad({ history: [{ ...created, seq: 1 }, { type: 'suspended', at: t(1), seq: 5 }], status: 'suspended' });
  bad({ history: [{ ...created, id: 'e1' }, { type: 'suspended', at: t(1), id: 'e1' }], status: 'suspended' }, ['e1']);
  bad({ history: [created, { ...created, at: t(1) }] });
  bad({ history: [{ ...created, at: t(2) }, { type: 'suspended', at: t(1) }], status: 'suspended' });
  bad({ stageId: 'qualify', history: [created, { type: 'stage_changed', at: t(1), from: 'quote', to: 'qualify', kind: 'regress', reason: '客户重新评估需求' }] });
  bad({ stageId: 'lost', status: 'lost', lossReason: '价格过高', closedAt: t(1), history: [created, { type: 'lost', at: t(1), stageId: 'lost', reason: '价格过高' }, { type: 'suspended', at: t(2) }] });
  bad({ stageId: 'qualify', status: 'suspended', history: [created, { type: 'suspended', at: t(1) }, { type: 'stage_changed', at: t(2), from: 'lead', to: 'qualify', kind: 'advance' }] });
  bad({ history: [created, { type: 'resumed', at: t(1) }] });
  bad({ stageId: 'won', status: 'open', history: [created, { type: 'won', at: t(1), stageId: 'won' }] });
  bad({ stageId: 'won', history: [created, { type: 'stage_changed', at: t(1), from: 'lead', to: 'won', kind: 'skip' }] });
  bad({ stageId: 'lost', status: 'won', closedAt: t(1), history: [created, { type: 'won', at: t(1), stageId: 'lost' }] });
  bad({ stageId: 'won', history: [{ ...created, stageId: 'won' }] });
  bad({ history: [created, { type: 'amount_changed', at: t(1), from: { amount: '2364000', currency: 'CNY' }, to: { amount: '100', currency: 'CNY' } }] });
  bad({ history: [created, { type: 'close_date_changed', at: t(1), from: null, to: '2026-06-30' }] });
  bad({ history: [created, { type: 'owner_changed', at: t(1), from: 'rep-wang', to: 'rep-li' }] }, ['rep-li', 'rep-wang']);
  bad({ history: [created, { type: 'task_completed', at: t(1), taskId: 'visit' }] });
  bad({ stageId: 'lost', status: 'lost', lossReason: '别的原因', closedAt: t(1), history: [created, { type: 'lost', at: t(1), stageId: 'lost', reason: '价格过高' }] });
  bad({ stageId: 'lead', history: [created, { type: 'stage_changed', at: t(1), from: 'lead', to: 'qualify', kind: 'advance' }] });
  bad({ stageId: 'nowhere' }, ['nowhere', 'direct']);
  bad({ pipelineId: 'partner' }, ['partner', 'direct']);
  bad({ splits: [{ ownerId: 'rep-wang', basisPoints: 6000 }, { ownerId: 'rep-wang', basisPoints: 3000 }] }, ['rep-wang']);
  let deep: unknown = 1;
  for (let i = 0; i < 80; i++) deep = [deep];
  bad({ attributes: { deep } });
  // the structural checks: zod's Chinese messages, with the path of the field
  bad({ amount: 'a million' }, ['amount']);
}

describe('every issue code, rendered in zh-CN with the params the library really passes', () => {
  // ---- thrown errors ------------------------------------------------------------------
  thrown(() => add(money('1', 'CNY'), money('1', 'USD')));
  thrown(() => money('1', 'RMB' as CurrencyCode));
  const amount = thrown(() => money('lots', 'CNY'), ['lots']);
  thrown(() => convert(money('1', 'USD'), 'CNY', { base: 'CNY', rates: {} }));
  thrown(() => allocate(money('100', 'CNY'), []));
  thrown(() => allocate(money('100', 'CNY'), ['0', '0']));
  thrown(() => balanceTerritories([{ id: '华东', weight: '1' }], []), ['reps']);
  thrown(() => balanceTerritories([{ id: '华东', weight: '1000000', splittable: { granularity: '0.01' } }], [{ id: 'rep-wang' }]));
  const options = thrown(() => funnelSnapshot([], pipeline, {} as never), ['asOf']);
  thrown(() => stageFlow([], pipeline, { from: '2026-06-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }), ['from', 'to']);
  thrown(() => weightedForecast([], pipeline, { groupBy: ['owner', 'owner'] }), ['groupBy', 'owner']);
  thrown(() => weightedForecast([], pipeline, { groupBy: ['industry'] }), ['groupBy', 'industry', 'customers']);
  thrown(() => funnelSnapshot([], pipeline, { asOf: '2026-03-01', timeZone: 'Mars/Olympus' }), ['asOf']);
  thrown(() => funnelSnapshot([], pipeline, { asOf: '2026-03-01T00:00:00Z', timeZone: 'Mars/Olympus' }), ['timeZone', 'Mars', 'Olympus']);
  // sales-funnel/sql: a dialect without a time-zone database refuses a zoned grouping.
  thrown(() => weightedForecastSql(pipeline, { dialect: { ...duckdbDialect, name: 'bigquery', zonedDate: undefined }, groupBy: ['period'], timeZone: 'Asia/Shanghai' }), ['SQL', 'bigquery', 'time_zone']);
  const source = weightedForecast([deal()], pipeline, { groupBy: ['owner'] });
  thrown(
    () =>
      rollup(source, [
        { userId: 'rep-wang', managerId: 'mgr-li' },
        { userId: 'mgr-li', managerId: 'rep-wang' },
      ]),
    ['rep-wang', 'mgr-li'],
  );
  const r = safeEventFromRow({ opportunity_id: 'o-1', seq: 1, type: 'created', at: '2026-02-30 09:00:00+00', payload: '{"stageId":"lead"}' });
  if (!r.success) note(toFunnelIssues(r.error, 'zh-CN'));
  // columns from storage rows (cols): an event row where no deal expects it.
  note(
    safeDealColumnsFromRows([], [{ opportunity_id: 'o-9', seq: 1, type: 'created', at: '2026-03-02T09:00:00Z', payload: '{"stageId":"lead"}' }], pipeline, { locale: 'zh-CN' }).rejected.flatMap((x) => x.issues),
    ['o-9'],
  );

  // the command line's table input (cli14): an events file naming a deal the deals file lacks.
  {
    const files = {
      'deals.csv': 'id,customer_id,name,amount,stage_id,status,owner_id\n',
      'events.csv': 'opportunity_id,seq,type,at,payload\no-7,1,created,2026-03-02T09:00:00Z,"{""stageId"":""lead""}"\n',
      'pipeline.json': JSON.stringify(serializePipeline(pipeline)),
    };
    const io = memoryIo(files, 'UTC');
    const reading = readTableInput({ deals: 'deals.csv', events: 'events.csv', pipeline: 'pipeline.json' }, { readFile: io.readFile, readChunks: io.readChunks! }, 'zh-CN', new Progress(io.stderr, 'zh-CN', { enabled: false }));
    note(reading.rejected.records.flatMap((x) => x.issues), ['o-7']);
  }

  // ---- validation ---------------------------------------------------------------------
  const p1 = safeParsePipeline({
    ...pipelineJson,
    stages: [
      ...pipelineJson.stages.slice(0, 2),
      { id: 'qualify', name: '再次确认', kind: 'open', probability: '1.5', keyTasks: [{ id: 'visit', title: '再次拜访' }] },
      { id: 'won', name: '赢单', kind: 'won', probability: '0.5' },
      pipelineJson.stages[4],
    ],
  });
  if (!p1.success) note(toFunnelIssues(p1.error, 'zh-CN'), ['qualify', 'visit']);
  for (const stages of [[pipelineJson.stages[4]], [pipelineJson.stages[0]]]) {
    const p = safeParsePipeline({ ...pipelineJson, stages });
    if (!p.success) note(toFunnelIssues(p.error, 'zh-CN'));
  }
  const shape = safeParsePipeline({ ...pipelineJson, stages: 'all of them' });
  if (!shape.success) note(toFunnelIssues(shape.error, 'zh-CN'), ['stages']);
  const key = safeKeySchema.safeParse('constructor');
  if (!key.success) note(toFunnelIssues(key.error, 'zh-CN'), ['constructor']);
  parseProblems();
  const book = safeParseBook(
    {
      pipelines: [pipelineJson],
      customers: [{ id: 'c-1', name: '上海恒通精密机械有限公司' }],
      opportunities: [dealJson(), dealJson(), dealJson({ id: 'o-2', customerId: 'c-9' }), dealJson({ id: 'o-3', pipelineId: 'partner' })],
    },
    zh,
  );
  note(
    book.rejected.flatMap((x) => x.issues),
    ['o-1', 'c-9', 'partner'],
  );

  // ---- engine refusals ----------------------------------------------------------------
  const d = deal();
  refused(go(d, { type: 'advance' }));
  refused(go(d, { type: 'move', to: 'quote' }), ['creditApproved']);
  refused(go(inQualify(noBackward), { type: 'move', to: 'lead' }, {}, noBackward));
  refused(go(inQualify(), { type: 'move', to: 'lead' }));
  refused(go(d, { type: 'lose', reason: ' ' }));
  const lost = deal({ stageId: 'lost', status: 'lost', lossReason: '价格过高', closedAt: at(1).toISOString(), history: [created, { type: 'lost', at: at(1).toISOString(), stageId: 'lost', reason: '价格过高' }] });
  refused(go(lost, { type: 'advance' }));
  const suspended = deal({ status: 'suspended', history: [created, { type: 'suspended', at: at(1).toISOString(), reason: '客户预算冻结' }] });
  refused(go(suspended, { type: 'advance' }));
  refused(go(d, { type: 'resume' }));
  refused(go(d, { type: 'reopen' }));
  refused(go(d, { type: 'move', to: 'demo' }), ['demo']);
  refused(completeTask(d, pipeline, 'demo', { at: at(10), ...zh }), ['demo']);
  refused(go(d, { type: 'move', to: 'won' }));
  refused(go(d, { type: 'win', stage: 'lost' }));
  refused(go(d, { type: 'lose', reason: '价格过高', stage: 'won' }));
  refused(go(d, { type: 'move', to: 'lead' }));
  const inQuote = deal({ stageId: 'quote', history: [created, { type: 'stage_changed', at: at(1).toISOString(), from: 'lead', to: 'quote', kind: 'skip' }] });
  refused(go(inQuote, { type: 'advance' }));
  const guards: KeyTaskGuards = {
    creditApproved: (_deal, { task, locale }) => [
      makeIssue('guard_failed', { guard: 'creditApproved', title: task.title, detail: { en: 'over the credit limit', 'zh-CN': '超出信用额度' } }, { locale }),
    ],
  };
  refused(go(inQualify(), { type: 'advance' }, { guards }), ['creditApproved']);
  refused(go(inQualify(), { type: 'advance' }, { guards: { creditApproved: () => false } }), ['creditApproved']);
  refused(go(inQualify(), { type: 'advance' }), ['creditApproved']);
  refused(completeTask(d, pipeline, 'credit', { at: at(10), ...zh }));
  refused(completeTask(inQualify(), pipeline, 'visit', { at: at(10), ...zh }));
  refused(reopenTask(d, pipeline, 'visit', { at: at(10), ...zh }));
  refused(transition(d, pipeline, { type: 'advance' }, { at: new Date(Date.parse('2026-03-01T00:00:00Z')), ...zh }));
  refused(go(d, { type: 'jump' } as never), ['jump', 'advance', 'move', 'win', 'lose', 'suspend', 'resume', 'reopen']);
  refused(go(d, { type: 'move', to: 5 } as never), ['move', 'to']);
  refused(go(d, { type: 'advance' }, { expectedVersion: 5 }));
  refused(updateAmount(d, { amount: new Decimal(-1), currency: 'CNY' }, { at: at(10), ...zh }));
  refused(updateCloseDate(d, '2026/06/30', { at: at(10), ...zh }));
  // movement: the override commands
  refused(setProbabilityOverride(d, '1.2', { at: at(10), ...zh }));
  refused(setForecastCategory(d, 'closed', { at: at(10), ...zh }), ['closed']);

  // ---- audit findings, on the Chinese sample (and one deal with a near-zero probability)
  const sample = buildSample({ locale: 'zh-CN' });
  const nearZero = { ...sample.opportunities.find((o) => o.status === 'open' && o.stageId !== 'lead')!, id: 'opp-9999', probabilityOverride: new Decimal('0.01') } as Opportunity;
  const audit = auditPipeline([...sample.opportunities, nearZero], sample.pipeline, { asOf: SAMPLE_AS_OF, codes: [...AUDIT_CODES], ...zh }).total;
  for (const code of AUDIT_CODES) note(audit.findings.filter((f) => f.code === code).slice(0, 5));

  // ---- customers: scorecards, A/B/C/D classes and priority proposals (qualify)
  const badCard = safeParseScorecard({
    criteria: [
      { id: 'budget', check: { kind: 'guard', name: 'hasBudget' }, points: 1 },
      { id: 'budget', check: { kind: 'guard', name: 'hasBudget' }, points: 2 },
    ],
    tiers: [{ id: 'D' }, { id: 'A', minScore: 5 }, { id: 'A', minScore: 5 }],
  });
  if (!badCard.success) note(toFunnelIssues(badCard.error, 'zh-CN'), ['budget']);
  const valueCard = parseScorecard({
    criteria: [{ id: 'budget', check: { kind: 'guard', name: 'hasBudget' }, points: 5 }],
    tiers: [{ id: 'A', minScore: 5 }, { id: 'B' }],
  });
  thrown(() => scoreCustomers([], valueCard), ['budget', 'hasBudget']);
  const hengtong = parseCustomer({ id: 'c-1', name: '上海恒通精密机械有限公司', priority: 'low' });
  const huadong = parseCustomer({ id: 'c-2', name: '华东机械', priority: 'high' });
  const scoredCustomers = scoreCustomers([hengtong, huadong], valueCard, { guards: { hasBudget: (c) => c.id === 'c-1' } });
  note(reclassify([hengtong, huadong], scoredCustomers, zh).proposals.map((p) => p.reason));
  const abcd = classifyABCD([hengtong, huadong, parseCustomer({ id: 'c-3', name: '宏达贸易' })], [inQualify(), deal({ id: 'o-2', customerId: 'c-3' })], {
    asOf: '2026-03-10T09:00:00+08:00',
    timeZone: 'Asia/Shanghai',
    valueAtLeast: money('500000', 'CNY'),
    closeWithinDays: 180,
    ...zh,
  });
  note(abcd.unclassified.map((u) => u.issue));
  note(reclassify([hengtong], abcd, zh).proposals.map((p) => p.reason));

  // ---- the customer pool 公海 (pool)
  {
    const t = (day: string) => `2026-03-${day}T09:00:00+08:00`;
    const held = (id: string, ownerId: string) => parseCustomer({ id, name: `客户${id}`, ownerId, history: [{ type: 'claimed', at: t('01'), ownerId }] });
    const badLedger = (history: unknown[], ownerId?: string) => {
      const r = safeParseCustomer({ id: 'c-9', name: '华东机械', ...(ownerId === undefined ? {} : { ownerId }), history });
      if (!r.success) note(toFunnelIssues(r.error, 'zh-CN'));
    };
    badLedger([{ type: 'claimed', at: t('01'), ownerId: '王伟' }, { type: 'claimed', at: t('02'), ownerId: '李娜' }], '李娜');
    badLedger([{ type: 'claimed', at: t('01'), ownerId: '王伟' }, { type: 'released', at: t('02') }, { type: 'reclaimed', at: t('03'), rule: 'followUpDays' }]);
    badLedger([{ type: 'claimed', at: t('01'), ownerId: '王伟' }]);
    badLedger([{ type: 'claimed', at: t('01'), ownerId: '王伟' }, { type: 'released', at: t('02') }], '王伟');
    const rulesJson = { activityExtensionDays: 3, pools: [{ id: '华东公海', teams: ['华东销售部'] }, { id: '华东公海', teams: [] }] };
    const badRules = poolRulesSchema.safeParse(rulesJson);
    if (!badRules.success) note(toFunnelIssues(badRules.error, 'zh-CN'), ['activityExtensionDays', 'followUpDays']);
    const rules = { holdLimit: 1, reclaimCooldownDays: 30, pools: [{ id: '华东公海', teams: ['华东销售部'] }] };
    const gaveUp = parseCustomer({
      id: 'c-8', name: '上海恒通精密机械有限公司', poolId: '华东公海',
      history: [{ type: 'claimed', at: t('01'), ownerId: '王伟' }, { type: 'released', at: t('05') }],
    });
    note(evaluateClaim(gaveUp, '王伟', [held('c-7', '王伟')], rules, { at: t('10'), teams: { 王伟: '华北销售部' }, ...zh }));
    refused(claimCustomer(held('c-6', '李娜'), '王伟', [], {}, { at: t('10'), ...zh }));
    refused(releaseCustomer(gaveUp, { at: t('10'), ...zh }));
    refused(assignCustomer(gaveUp, '李娜', { at: t('02'), by: '赵经理', expectedVersion: 1, ...zh }));
    thrown(() => applyPoolRules([gaveUp], { closeWithinDays: 90 }, { asOf: t('10') }), ['deals']);
  }

  // ---- activities, contacts and buying roles (activity)
  const withContacts = parseCustomer({ id: 'c-1', name: '上海恒通精密机械有限公司', contacts: [{ id: 'ct-wang', name: '王总', role: 'decision_maker' }] });
  refused(logActivity(deal(), { kind: 'lunch' as never, outcome: '' }, { at: at(10), ...zh }), ['kind', 'outcome', 'visit', 'call', 'email', 'meeting', 'other']);
  refused(logActivity(deal(), { kind: 'call', contactId: 'ct-zhao' }, { at: at(10), customer: withContacts, ...zh }), ['ct-zhao']);
  refused(logActivity(deal(), { kind: 'call' }, { at: at(10), customer: parseCustomer({ id: 'c-2', name: '华东机械' }), ...zh }));
  const gated = parsePipeline({
    ...pipelineJson,
    stages: pipelineJson.stages.map((st) => (st.id === 'lead' ? { ...st, keyTasks: [{ id: 'meet-dm', title: '拜访决策人', check: { kind: 'contact_met', role: 'decision_maker' } }] } : st)),
  });
  const leadDeal = deal({}, gated);
  refused(transition(leadDeal, gated, { type: 'advance' }, { at: at(10), ...zh }), ['customer']);
  refused(transition(leadDeal, gated, { type: 'advance' }, { at: at(10), customer: withContacts, ...zh }));

  // ---- loss reasons, reopen and resume policies, the health check (winloss)
  const policies = parsePipeline({ ...pipelineJson, lossReasons: ['价格过高', '功能不符'], policy: { ...pipelineJson.policy, reopen: 'forbid', resumeGuard: 'budgetUnfrozen' } });
  const badReasons = safeParsePipeline({ ...pipelineJson, lossReasons: ['价格过高', ' ', '价格过高'] });
  if (!badReasons.success) note(toFunnelIssues(badReasons.error, 'zh-CN'));
  refused(go(deal({}, policies), { type: 'lose', reason: '太贵' }, {}, policies));
  const lostJson = { stageId: 'lost', status: 'lost', lossReason: '价格过高', closedAt: at(1).toISOString(), history: [created, { type: 'lost', at: at(1).toISOString(), stageId: 'lost', reason: '价格过高' }] };
  refused(go(deal(lostJson, policies), { type: 'reopen' }, {}, policies));
  const pausedJson = { status: 'suspended', history: [created, { type: 'suspended', at: at(1).toISOString(), reason: '客户预算冻结' }] };
  refused(go(deal(pausedJson, policies), { type: 'resume' }, {}, policies), ['budgetUnfrozen']);
  refused(go(deal(pausedJson, policies), { type: 'resume' }, { guards: { budgetUnfrozen: () => false } }, policies), ['budgetUnfrozen']);
  {
    // Miller–Heiman positions 25 / 50 / 75 %: every symptom of the health check at once.
    const mh = parsePipeline({
      id: 'mh',
      name: '项目销售',
      currency: 'CNY',
      stages: [
        { id: 'top', name: '初步接触', kind: 'open', probability: '0.25', stallAfterDays: 60 },
        { id: 'middle', name: '方案提出', kind: 'open', probability: '0.5', stallAfterDays: 60 },
        { id: 'bottom', name: '报价洽谈', kind: 'open', probability: '0.75', stallAfterDays: 60 },
        { id: 'won', name: '赢单', kind: 'won', probability: 1 },
        { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
      ],
    });
    let k = 0;
    const mhDeal = (stage: 'top' | 'middle' | 'bottom', entered: string, extra: { close?: string; outcome?: 'won' | 'lost' } = {}) => {
      k += 1;
      const t = (date: string) => `${date}T10:00:00+08:00`;
      const path = ['top', 'middle', 'bottom'].slice(0, ['top', 'middle', 'bottom'].indexOf(stage) + 1);
      const history: Record<string, unknown>[] = [{ type: 'created', at: t('2026-01-02'), stageId: 'top' }];
      for (let i = 1; i < path.length; i++) history.push({ type: 'stage_changed', at: t(entered), from: path[i - 1], to: path[i], kind: 'advance' });
      if (extra.close !== undefined) history.push({ type: 'close_date_changed', at: t(entered), from: null, to: extra.close });
      let state: Record<string, unknown> = { stageId: stage, status: 'open' };
      if (extra.outcome === 'won') {
        history.push({ type: 'won', at: t('2026-04-01'), stageId: 'won' });
        state = { stageId: 'won', status: 'won', closedAt: t('2026-04-01') };
      } else if (extra.outcome === 'lost') {
        history.push({ type: 'lost', at: t('2026-04-01'), stageId: 'lost', reason: '价格过高' });
        state = { stageId: 'lost', status: 'lost', closedAt: t('2026-04-01'), lossReason: '价格过高' };
      }
      const json = { id: `mh-${k}`, customerId: 'c-1', pipelineId: 'mh', name: '项目', ownerId: 'rep-wang', amount: { amount: '200000', currency: 'CNY' }, ...state, history };
      return parseOpportunity({ ...json, ...(extra.close === undefined ? {} : { expectedCloseDate: extra.close }) }, { pipeline: mh });
    };
    const book = [
      mhDeal('top', '2026-01-02'),
      mhDeal('middle', '2026-02-01'),
      mhDeal('bottom', '2026-02-20'),
      ...['2026-05-10', '2026-05-20', '2026-05-30'].map((close) => mhDeal('bottom', '2026-04-20', { close })),
      ...Array.from({ length: 6 }, () => mhDeal('bottom', '2026-03-01', { outcome: 'lost' })),
      ...Array.from({ length: 4 }, () => mhDeal('bottom', '2026-03-01', { outcome: 'won' })),
    ];
    const health = pipelineHealth(book, mh, {
      asOf: '2026-04-30T18:00:00+08:00',
      timeZone: 'Asia/Shanghai',
      target: money('2000000', 'CNY'),
      sizeBands: [{ label: '小单', max: '100000' }],
      ...zh,
    });
    note(health.total.findings);
  }

  it('covers every issue code', () => {
    const covered = new Set(seen.map((s) => s.code));
    expect(ISSUE_CODES.filter((c) => !covered.has(c))).toEqual([]);
  });

  it('leaves no placeholder unfilled', () => {
    expect(seen.filter((s) => /\{[^}]*\}/.test(s.message)).map((s) => `${s.code}: ${s.message}`)).toEqual([]);
  });

  it('has no ASCII word of two letters or more but the codes the catalogue allows and the ids the case names', () => {
    const offenders = seen.flatMap((s) => {
      // a token the case allows (`rep-wang`) as a whole, else its words of two letters or more (`YYYY-MM-DD`, not the `T` of an ISO time)
      const words = (s.message.match(/[A-Za-z][\w-]*/g) ?? [])
        // a guard's name is the code of the developer's function
        .filter((token) => !s.allow.includes(token) && token !== (s.params as { guard?: unknown }).guard)
        .flatMap((token) => token.match(/[A-Za-z]{2,}/g) ?? [])
        .filter((w) => !CATALOGUE_ASCII.has(w) && !s.allow.includes(w));
      return words.length === 0 ? [] : [`${s.code}: ${words.join(', ')} in ${s.message}`];
    });
    expect(offenders).toEqual([]);
  });

  it('shows no stage id where the stage has a name (the pipeline and the sample name every stage in Chinese)', () => {
    const ids = new Set([...STAGE_IDS, ...sample.pipeline.stages.map((st) => st.id as string)]);
    const offenders = seen.filter((s) => [...ids].some((id) => s.message.includes(`“${id}”`) && !s.allow.includes(id))).map((s) => `${s.code}: ${s.message}`);
    expect(offenders).toEqual([]);
  });

  it('says what a Chinese sales manager expects (hand-checked)', () => {
    const first = (code: IssueCode) => seen.find((s) => s.code === code)?.message;
    expect(amount.localizedMessage('zh-CN')).toBe('金额“lots”无效：不是有效的数字。');
    expect(options.localizedMessage('zh-CN')).toBe('选项“asOf”无效：必须提供：快照按这一时刻截取。');
    expect(first('invalid_weights')).toBe('权重无效：列表为空。');
    expect(first('limit_exceeded')).toBe('拆分后的份数超过上限 5,000,000。');
    expect(first('reason_required')).toBe('退回需要填写原因。');
    expect(seen.filter((s) => s.code === 'reason_required').map((s) => s.message)).toContain('输单需要填写原因。');
    expect(first('opportunity_closed')).toBe('商机已输单，请先重新打开。');
    expect(first('stage_skip_forbidden')).toBe('本销售漏斗不允许跳过阶段：不能从“潜在客户”直接推进到“报价洽谈”。');
    expect(first('key_task_incomplete')).toBe('阶段“潜在客户”的关键任务“完成首次拜访”尚未完成。');
    expect(first('stage_not_open')).toBe('阶段“赢单”不是进行中阶段。');
    expect(first('guard_failed')).toBe('关键任务“通过信用审核”未通过检查（creditApproved）：超出信用额度。');
    expect(first('task_not_manual')).toBe('关键任务“通过信用审核”由系统按自定义规则自动判定，不能手动标记完成。');
    expect(first('ledger_stage_mismatch')).toBe('第 2 条变更记录的起始阶段为“报价洽谈”，但商机当时处于“潜在客户”。');
    expect(first('ledger_task_mismatch')).toBe('关键任务“完成首次拜访”与最后一次完成或重开它的第 2 条变更记录不一致。');
    expect(first('ledger_field_mismatch')).toBe('输单原因与第 2 条变更记录不一致。');
    expect(first('status_stage_mismatch')).toBe('商机状态“进行中”与所在阶段“赢单”（赢单阶段）不符。');
    expect(first('closed_stage_probability')).toBe('阶段“赢单”是赢单阶段，赢率必须为 1。');
    expect(first('duplicate_id')).toBe('ID“o-1”已被第 1 个商机使用。');
    expect(first('invalid_command')).toBe('无效命令：未知命令类型“jump”，应为 advance、move、win、lose、suspend、resume 或 reopen。');
    expect(first('time_went_backwards')).toBe('操作时间 2026-03-01 00:00:00 UTC 早于该商机最近一条变更记录的时间（2026-03-02 01:00:00 UTC）。');
    expect(first('won_without_funnel_history')).toBe('已赢单（236.4 万元），但在漏斗各阶段累计停留时间：不到 0.1 天，可能未按流程推进。');
    expect(first('stage_skipped')).toBe('从“潜在客户”直接推进到“需求确认”，跳过了 1 个阶段。');
    expect(first('near_zero_probability')).toBe('赢率仅为 1%，接近于零。');
  });

  it('gives every reason a code the program can branch on', () => {
    const reasons = seen.flatMap((s) => {
      const p = s.params as Record<string, unknown>;
      return ['reason', 'what'].map((k) => p[k]).filter((v) => v !== undefined);
    });
    expect(reasons.length).toBeGreaterThan(10);
    for (const reason of reasons) expect(reason).toMatchObject({ code: expect.stringMatching(/^[a-z]+(_[a-z0-9]+)*$/), en: expect.any(String), 'zh-CN': expect.any(String) });
  });
});
