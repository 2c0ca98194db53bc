// The stage-gate page: a pipeline with key tasks (关键任务), editable as JSON and checked
// as you type with the library's schema (its messages and paths), and one deal walked
// through it with the engine's commands. A refused move shows every reason in English
// and Chinese; `nextSteps` says what to do now; the ledger grows event by event.
import {
  attributesSchema,
  completeTask,
  formatIssue,
  makeIssue,
  money,
  nextSteps,
  parseOpportunity,
  reopenTask,
  safeParseOpportunity,
  safeParsePipeline,
  serializeOpportunity,
  toFunnelIssues,
  transition,
  updateAmount,
  updateCloseDate,
  type EngineResult,
  type FunnelIssue,
  type KeyTaskGuards,
  type Locale,
  type Opportunity,
  type OpportunityEvent,
  type Pipeline,
  type PipelineJson,
  type TransitionCommand,
} from 'sales-funnel';
import { byId, h, replace, type Child } from './_lib/dom.js';
import { moneyText } from './_lib/format.js';
import { applyLang, fill, initialLang, langSelect, type Words } from './_lib/lang.js';

/** The pipeline the page starts with: each kind of key task check, skip by gates, moving back needs a reason. */
const START_PIPELINE: PipelineJson = {
  id: 'direct',
  name: '直销 · Direct sales',
  currency: 'CNY',
  policy: { skip: 'gates', backward: 'reason', probabilityOnStageChange: 'reset' },
  stages: [
    { id: 'lead', name: '线索 · Lead', kind: 'open', probability: '0.1', keyTasks: [{ id: 'contact', title: '确认联系人 · Contact person identified' }] },
    {
      id: 'qualify',
      name: '需求确认 · Qualify',
      kind: 'open',
      probability: '0.3',
      keyTasks: [
        { id: 'needs', title: '书面确认需求 · Needs confirmed in writing' },
        { id: 'budget', title: '预算已确认 · Budget confirmed', check: { kind: 'field', field: 'attributes.budgetConfirmed', rule: { op: 'equals', value: true } } },
      ],
    },
    {
      id: 'proposal',
      name: '方案报价 · Proposal',
      kind: 'open',
      probability: '0.6',
      keyTasks: [
        { id: 'quote', title: '已发送报价 · Quote sent' },
        { id: 'close-date', title: '已填预计成交日期 · Expected close date set', check: { kind: 'field', field: 'expectedCloseDate', rule: { op: 'present' } } },
        { id: 'reference', title: '客户参考电话 · Reference call', required: false },
      ],
    },
    {
      id: 'negotiation',
      name: '商务谈判 · Negotiation',
      kind: 'open',
      probability: '0.8',
      keyTasks: [
        { id: 'credit', title: '信用审批 · Credit approved', check: { kind: 'guard', name: 'creditApproved' } },
        { id: 'contract', title: '合同审核 · Contract reviewed' },
      ],
    },
    { id: 'won', name: '赢单 · Won', kind: 'won', probability: '1' },
    { id: 'lost', name: '输单 · Lost', kind: 'lost', probability: '0' },
  ],
};

/** When the deal is created; every change that goes through happens a day after the one before. */
const START = Date.parse('2026-03-02T01:00:00Z');
const DAY = 86_400_000;
const OFFSET = 8 * 60 * 60_000;
const REP = 'rep-zhang';

type Key =
  | 'title'
  | 'lead'
  | 'privacy'
  | 'pipeline'
  | 'pipelineHint'
  | 'valid'
  | 'invalidOne'
  | 'invalidMany'
  | 'notJson'
  | 'root'
  | 'deal'
  | 'stage'
  | 'status'
  | 'amount'
  | 'closeDate'
  | 'none'
  | 'clock'
  | 'commands'
  | 'advance'
  | 'skip'
  | 'back'
  | 'win'
  | 'lose'
  | 'suspend'
  | 'resume'
  | 'reopen'
  | 'reason'
  | 'reasonHint'
  | 'competitor'
  | 'skipNone'
  | 'backNone'
  | 'tasks'
  | 'tasksHint'
  | 'markDone'
  | 'undo'
  | 'done'
  | 'todo'
  | 'optional'
  | 'byField'
  | 'byGuard'
  | 'guard'
  | 'dealData'
  | 'setCloseDate'
  | 'clearCloseDate'
  | 'setAmount'
  | 'attributes'
  | 'applyAttributes'
  | 'attributesHint'
  | 'attributesApplied'
  | 'next'
  | 'nextMove'
  | 'ready'
  | 'notReady'
  | 'blocking'
  | 'optionalTasks'
  | 'nothing'
  | 'result'
  | 'refused'
  | 'accepted'
  | 'ledger'
  | 'ledgerCount'
  | 'seq'
  | 'at'
  | 'by'
  | 'type'
  | 'details'
  | 'reset'
  | 'dealReset'
  | 'asJson'
  | 'statusOpen'
  | 'statusSuspended'
  | 'statusWon'
  | 'statusLost';

const WORDS: Words<Key> = {
  en: {
    title: 'Stage gates: move a deal through its key tasks',
    lead: 'A deal leaves a stage only when the stage’s required key tasks are done. Edit the pipeline, then try the commands on the deal: the engine (transition, completeTask, nextSteps) accepts or refuses each one and says why.',
    privacy: 'Everything runs in this page with the library’s browser bundle; nothing is sent anywhere.',
    pipeline: 'Pipeline (JSON)',
    pipelineHint: 'Checked as you type with the library’s schema: each problem with its path.',
    valid: 'Valid pipeline: {open} open stages, {tasks} key tasks.',
    invalidOne: '1 problem; the deal keeps the last valid pipeline.',
    invalidMany: '{count} problems; the deal keeps the last valid pipeline.',
    notJson: 'Not JSON: {reason}',
    root: '(root)',
    deal: 'The deal',
    stage: 'Stage',
    status: 'Status',
    amount: 'Amount',
    closeDate: 'Expected close date',
    none: 'none',
    clock: 'Next change at',
    commands: 'Commands',
    advance: 'Advance',
    skip: 'Skip to {stage}',
    back: 'Move back to {stage}',
    win: 'Win',
    lose: 'Lose',
    suspend: 'Suspend',
    resume: 'Resume',
    reopen: 'Reopen',
    reason: 'Reason',
    reasonHint: 'for moving back, losing, suspending and reopening',
    competitor: 'Competitor (when lost)',
    skipNone: 'Skip a stage',
    backNone: 'Move back',
    tasks: 'Key tasks',
    tasksHint: 'Manual tasks are marked by hand; field tasks read the deal’s data; guard tasks ask a function the page registers.',
    markDone: 'Mark done',
    undo: 'Undo',
    done: 'done',
    todo: 'not done',
    optional: 'optional',
    byField: 'field check: {field}',
    byGuard: 'guard: {name}',
    guard: 'Finance approved the credit (guard “creditApproved”)',
    dealData: 'Deal data',
    setCloseDate: 'Set close date',
    clearCloseDate: 'Clear',
    setAmount: 'Set amount',
    attributes: 'Attributes (JSON)',
    applyAttributes: 'Apply attributes',
    attributesHint: 'Attributes are the CRM’s own fields; they are not ledger events.',
    attributesApplied: 'Attributes applied.',
    next: 'What to do now (nextSteps)',
    nextMove: 'Next move: {command}{target}',
    ready: 'Ready: the move can be made now.',
    notReady: 'Not ready:',
    blocking: 'Required tasks in the way',
    optionalTasks: 'Optional tasks of this stage',
    nothing: 'none',
    result: 'Last command',
    refused: '“{command}” was refused:',
    accepted: '“{command}” went through: {count} event(s) appended.',
    ledger: 'Ledger',
    ledgerCount: 'Events: {count} · version {count}',
    seq: 'seq',
    at: 'at',
    by: 'by',
    type: 'event',
    details: 'details',
    reset: 'Start over with a new deal',
    dealReset: 'The deal was started over: it did not fit the edited pipeline ({reason}).',
    asJson: 'The deal as JSON (serializeOpportunity)',
    statusOpen: 'open',
    statusSuspended: 'suspended (中止)',
    statusWon: 'won',
    statusLost: 'lost',
  },
  'zh-CN': {
    title: '阶段关卡：按关键任务推进商机',
    lead: '只有完成当前阶段的必需关键任务，商机才能离开该阶段。可以编辑销售漏斗，然后对商机执行命令：引擎（transition、completeTask、nextSteps）会接受或拒绝每条命令，并说明原因。',
    privacy: '所有操作都由本库的浏览器版本在此页面内完成，不会向任何地方发送数据。',
    pipeline: '销售漏斗（JSON）',
    pipelineHint: '输入时即用本库的模式校验：每个问题都带有路径。',
    valid: '销售漏斗有效：{open} 个进行中阶段，{tasks} 个关键任务。',
    invalidOne: '1 个问题；商机继续使用上一个有效的销售漏斗。',
    invalidMany: '{count} 个问题；商机继续使用上一个有效的销售漏斗。',
    notJson: '不是有效的 JSON：{reason}',
    root: '（根）',
    deal: '商机',
    stage: '阶段',
    status: '状态',
    amount: '金额',
    closeDate: '预计成交日期',
    none: '无',
    clock: '下一次变更时间',
    commands: '命令',
    advance: '推进',
    skip: '跳到 {stage}',
    back: '退回 {stage}',
    win: '赢单',
    lose: '输单',
    suspend: '中止',
    resume: '恢复',
    reopen: '重新打开',
    reason: '原因',
    reasonHint: '用于退回、输单、中止和重新打开',
    competitor: '竞争对手（输单时）',
    skipNone: '跳过阶段',
    backNone: '退回',
    tasks: '关键任务',
    tasksHint: '手动任务需手工标记；字段任务读取商机数据；守卫任务调用页面注册的函数。',
    markDone: '标记完成',
    undo: '撤销',
    done: '已完成',
    todo: '未完成',
    optional: '可选',
    byField: '字段检查：{field}',
    byGuard: '守卫：{name}',
    guard: '财务已批准信用额度（守卫 “creditApproved”）',
    dealData: '商机数据',
    setCloseDate: '设置成交日期',
    clearCloseDate: '清除',
    setAmount: '设置金额',
    attributes: '属性（JSON）',
    applyAttributes: '应用属性',
    attributesHint: '属性是 CRM 自己的字段，不是账本事件。',
    attributesApplied: '属性已应用。',
    next: '现在该做什么（nextSteps）',
    nextMove: '下一步：{command}{target}',
    ready: '可以执行：现在就能推进。',
    notReady: '尚不能执行：',
    blocking: '阻挡推进的必需任务',
    optionalTasks: '本阶段的可选任务',
    nothing: '无',
    result: '上一条命令',
    refused: '“{command}”被拒绝：',
    accepted: '“{command}”已执行：追加了 {count} 条事件。',
    ledger: '事件账本',
    ledgerCount: '事件：{count} 条 · 版本 {count}',
    seq: '序号',
    at: '时间',
    by: '操作人',
    type: '事件',
    details: '详情',
    reset: '重新开始一个新商机',
    dealReset: '商机已重新开始：它与修改后的销售漏斗不符（{reason}）。',
    asJson: '商机的 JSON（serializeOpportunity）',
    statusOpen: '进行中',
    statusSuspended: '中止',
    statusWon: '赢单',
    statusLost: '输单',
  },
};

interface LastResult {
  /** The command's name, in the page's language of the moment. */
  readonly command: () => string;
  readonly ok: boolean;
  readonly issues: readonly FunnelIssue[];
  readonly events: number;
}

const state: {
  lang: Locale;
  text: string;
  pipeline: Pipeline;
  deal: Opportunity;
  clock: number;
  creditApproved: boolean;
  last: LastResult | undefined;
  fresh: number;
  note: string | undefined;
  /** The last pipeline JSON read (to notice real changes, not reformatting). */
  lastJson: unknown;
} = (() => {
  const pipeline = safeParsePipeline(START_PIPELINE);
  if (!pipeline.success) throw new Error('the start pipeline is invalid');
  return {
    lang: initialLang(),
    text: JSON.stringify(START_PIPELINE, null, 2),
    pipeline: pipeline.data,
    deal: newDeal(pipeline.data),
    clock: START + DAY,
    creditApproved: false,
    last: undefined,
    fresh: 1,
    note: undefined,
    lastJson: START_PIPELINE,
  };
})();

function w(key: Key, params: Readonly<Record<string, string | number>> = {}): string {
  return fill(WORDS[state.lang][key], params);
}

/** An instant on the Beijing clock as an ISO 8601 string with its offset: `2026-03-03T09:00:00+08:00`. */
function beijing(ms: number): string {
  return `${new Date(ms + OFFSET).toISOString().slice(0, 19)}+08:00`;
}

function newDeal(pipeline: Pipeline): Opportunity {
  const first = pipeline.stages.find((s) => s.kind === 'open')?.id ?? '';
  return parseOpportunity(
    {
      id: 'opp-erp-2',
      customerId: 'cust-huadong',
      pipelineId: pipeline.id,
      name: 'ERP 二期 · ERP phase 2',
      ownerId: REP,
      amount: { amount: '800000', currency: pipeline.currency },
      stageId: first,
      history: [{ type: 'created', at: beijing(START), by: REP, stageId: first }],
    },
    { pipeline },
  );
}

/** The guard a `{ kind: 'guard', name: 'creditApproved' }` key task asks. */
const guards: KeyTaskGuards = {
  creditApproved: (_deal, { task, locale }) =>
    state.creditApproved ? [] : [makeIssue('guard_failed', { guard: 'creditApproved', title: task.title, detail: { en: 'finance has not approved the credit', 'zh-CN': '财务尚未批准信用额度' } }, { locale })],
};

function stageName(id: string): string {
  return state.pipeline.stages.find((s) => s.id === id)?.name ?? id;
}

function openStages(): readonly string[] {
  return state.pipeline.stages.filter((s) => s.kind === 'open').map((s) => s.id);
}

/** The open stage `step` places after (or before) the deal's, when there is one. */
function openTarget(step: number): string | undefined {
  const open = openStages();
  const i = open.indexOf(state.deal.stageId);
  return i < 0 ? undefined : open[i + step];
}

/** Runs an engine command at the page's clock and records what it said. */
function apply(label: () => string, run: (options: { at: string; by: string; locale: Locale; expectedVersion: number }) => EngineResult): void {
  const result = run({ at: beijing(state.clock), by: REP, locale: state.lang, expectedVersion: state.deal.history.length });
  if (result.ok) {
    state.fresh = state.deal.history.length + 1;
    state.deal = result.opportunity;
    if (result.events.length > 0) state.clock += DAY;
    state.last = { command: label, ok: true, issues: [], events: result.events.length };
  } else {
    state.last = { command: label, ok: false, issues: result.issues, events: 0 };
  }
  state.note = undefined;
  // The buttons are drawn again: keep the keyboard focus on the one that was used, or,
  // when it is now disabled (no stage left to move back to), on the result.
  const focused = document.activeElement?.id;
  renderDeal();
  const again = focused === undefined || focused === '' ? null : document.getElementById(focused);
  if (again instanceof HTMLButtonElement && !again.disabled) again.focus();
  else if (again !== null) byId('result').focus();
}

function command(label: () => string, cmd: TransitionCommand): void {
  apply(label, (options) => transition(state.deal, state.pipeline, cmd, { ...options, guards }));
}

/** The name of a command type, as its button says it. */
function commandWord(type: TransitionCommand['type']): string {
  return type === 'move' ? w('backNone') : w(type);
}

function reasonValue(): string | undefined {
  const value = byId<HTMLInputElement>('reason').value.trim();
  return value === '' ? undefined : value;
}

/** An issue in both languages, with its code and path or task. */
function issueItem(issue: FunnelIssue): HTMLElement {
  const where = issue.path !== undefined && issue.path.length > 0 ? issue.path.join('.') : issue.taskId ?? issue.stageId;
  return h(
    'li',
    { 'data-code': issue.code },
    h(
      'div',
      { class: 'bilingual' },
      h('span', { lang: 'en' }, formatIssue(issue, 'en')),
      h('span', { lang: 'zh-CN' }, formatIssue(issue, 'zh-CN')),
    ),
    h('span', { class: 'code' }, issue.code, where === undefined ? '' : ` · ${where}`),
  );
}

function renderPipelineCheck(): void {
  const box = byId('pipeline-check');
  const textarea = byId<HTMLTextAreaElement>('pipeline');
  let json: unknown;
  try {
    json = JSON.parse(state.text);
  } catch (e) {
    textarea.setAttribute('aria-invalid', 'true');
    replace(box, h('div', { class: 'status bad' }, w('notJson', { reason: e instanceof Error ? e.message : String(e) })));
    return;
  }
  const parsed = safeParsePipeline(json);
  if (!parsed.success) {
    const issues = toFunnelIssues(parsed.error, state.lang);
    textarea.setAttribute('aria-invalid', 'true');
    replace(
      box,
      h('div', { class: 'status bad' }, issues.length === 1 ? w('invalidOne') : w('invalidMany', { count: issues.length })),
      h(
        'ul',
        { class: 'issues', id: 'pipeline-issues' },
        ...issues.map((i) => {
          const path = i.path !== undefined && i.path.length > 0 ? i.path.join('.') : w('root');
          return h('li', { 'data-path': path, 'data-code': i.code }, h('span', { class: 'path' }, path), ' ', i.message);
        }),
      ),
    );
    return;
  }
  textarea.setAttribute('aria-invalid', 'false');
  const pipeline = parsed.data;
  const tasks = pipeline.stages.reduce((n, s) => n + s.keyTasks.length, 0);
  replace(box, h('div', { class: 'status ok' }, w('valid', { open: pipeline.stages.filter((s) => s.kind === 'open').length, tasks })));
  if (JSON.stringify(json) === JSON.stringify(state.lastJson)) return;
  state.lastJson = json;
  // Keep the deal when it still fits the edited pipeline (read again against it), else start over.
  const again = safeParseOpportunity(serializeOpportunity(state.deal), { pipeline });
  state.pipeline = pipeline;
  if (again.success) state.deal = again.data;
  else {
    const first = toFunnelIssues(again.error, state.lang)[0];
    state.deal = newDeal(pipeline);
    state.clock = START + DAY;
    state.fresh = 1;
    state.last = undefined;
    state.note = w('dealReset', { reason: first?.message ?? '' });
  }
  renderDeal();
}

function taskList(): HTMLElement {
  const deal = state.deal;
  const items: HTMLElement[] = [];
  for (const stage of state.pipeline.stages) {
    if (stage.keyTasks.length === 0) continue;
    items.push(h('li', { class: 'stage-head' }, h('strong', {}, stage.name)));
    for (const task of stage.keyTasks) {
      const check = task.check;
      const done = deal.completedTasks[task.id] !== undefined;
      const how =
        check.kind === 'field' ? w('byField', { field: `${check.field} ${check.rule.op}${'value' in check.rule ? ` ${String(check.rule.value)}` : ''}` }) : check.kind === 'guard' ? w('byGuard', { name: check.name }) : undefined;
      items.push(
        h(
          'li',
          { 'data-task': task.id },
          check.kind === 'manual' ? h('span', { class: done ? 'done' : 'todo' }, done ? `✓ ${w('done')}` : `○ ${w('todo')}`) : null,
          h('span', { class: 'title' }, task.title, task.required ? '' : ` (${w('optional')})`, how === undefined ? null : h('span', { class: 'hint' }, ` — ${how}`)),
          check.kind === 'manual'
            ? h(
                'button',
                {
                  type: 'button',
                  id: `task-${task.id}`,
                  onclick: () =>
                    done
                      ? apply(() => `${w('undo')}: ${task.title}`, (o) => reopenTask(state.deal, state.pipeline, task.id, o))
                      : apply(() => `${w('markDone')}: ${task.title}`, (o) => completeTask(state.deal, state.pipeline, task.id, o)),
                },
                done ? w('undo') : w('markDone'),
              )
            : null,
        ),
      );
    }
  }
  return h('ul', { class: 'tasks' }, ...items);
}

function nextStepsPanel(): Child[] {
  const steps = nextSteps(state.deal, state.pipeline, { at: beijing(state.clock), guards, locale: state.lang });
  const target = steps.targetStageName === undefined ? '' : ` → ${steps.targetStageName}`;
  const step = (s: (typeof steps.blocking)[number]) =>
    h('li', { 'data-task': s.taskId }, h('strong', {}, s.title), ` (${s.stageName})`, ...s.issues.map((i) => h('div', { class: 'hint' }, i.message)));
  return [
    h('p', { id: 'next-move', 'data-command': steps.command.type }, w('nextMove', { command: commandWord(steps.command.type), target })),
    steps.ready ? h('p', { class: 'status ok', id: 'next-ready' }, w('ready')) : h('div', { class: 'status bad', id: 'next-ready' }, w('notReady'), h('ul', { class: 'issues' }, ...steps.issues.map(issueItem))),
    h('h4', {}, w('blocking')),
    steps.blocking.length === 0 ? h('p', { class: 'hint' }, w('nothing')) : h('ul', { id: 'next-blocking' }, ...steps.blocking.map(step)),
    h('h4', {}, w('optionalTasks')),
    steps.optional.length === 0 ? h('p', { class: 'hint' }, w('nothing')) : h('ul', {}, ...steps.optional.map(step)),
  ];
}

/** The payload of an event, without the fields every event has. */
function eventDetails(e: OpportunityEvent): string {
  const { type: _type, seq: _seq, id: _id, at: _at, by: _by, ...rest } = e;
  return Object.entries(rest)
    .map(([k, v]) => `${k}: ${v === null ? '—' : typeof v === 'object' && 'amount' in v ? moneyText(v.amount, v.currency) : String(v)}`)
    .join(', ');
}

function ledgerTable(): HTMLElement {
  const rows = state.deal.history.map((e) =>
    h(
      'tr',
      { class: e.seq >= state.fresh && state.fresh > 1 ? 'new' : undefined, 'data-seq': e.seq, 'data-type': e.type },
      h('td', { class: 'r' }, e.seq),
      h('td', {}, beijing(e.at.getTime()).replace('T', ' ').slice(0, 16)),
      h('td', {}, e.by ?? ''),
      h('td', {}, h('code', {}, e.type)),
      h('td', {}, eventDetails(e)),
    ),
  );
  return h(
    'div',
    { class: 'scroll' },
    h(
      'table',
      { id: 'ledger' },
      h('caption', { class: 'visually-hidden' }, w('ledger')),
      h('thead', {}, h('tr', {}, ...(['seq', 'at', 'by', 'type', 'details'] as const).map((k) => h('th', { scope: 'col', class: k === 'seq' ? 'r' : undefined }, w(k))))),
      h('tbody', {}, ...rows),
    ),
  );
}

function statusWord(): string {
  const s = state.deal.status;
  return w(s === 'open' ? 'statusOpen' : s === 'suspended' ? 'statusSuspended' : s === 'won' ? 'statusWon' : 'statusLost');
}

function renderDeal(): void {
  const deal = state.deal;
  const skipTo = openTarget(2);
  const backTo = openTarget(-1);
  const button = (id: string, label: string, onclick: () => void, disabled = false, title?: string) =>
    h('button', { type: 'button', id, onclick, disabled, title }, label);
  replace(
    byId('deal'),
    h('p', {}, h('strong', {}, deal.name), ` · ${deal.id}`),
    h(
      'ol',
      { class: 'stages', 'aria-label': w('stage') },
      ...state.pipeline.stages.map((s) => h('li', { class: `${s.id === deal.stageId ? 'current' : ''} ${s.kind === 'open' ? '' : 'closed'}`.trim() || undefined, 'aria-current': s.id === deal.stageId ? 'step' : undefined }, s.name)),
    ),
    h(
      'dl',
      { class: 'figures' },
      ...[
        [w('stage'), stageName(deal.stageId), 'deal-stage'],
        [w('status'), statusWord(), 'deal-status'],
        [w('amount'), moneyText(deal.amount.amount, deal.amount.currency), 'deal-amount'],
        [w('closeDate'), deal.expectedCloseDate ?? w('none'), 'deal-close'],
        [w('clock'), beijing(state.clock).replace('T', ' ').slice(0, 16), 'deal-clock'],
      ].map(([k, v, id]) => h('div', { class: 'figure' }, h('dt', { class: 'k' }, k), h('dd', { class: 'v', id, style: 'margin:0;font-size:15px' }, v))),
    ),
    state.note === undefined ? null : h('p', { class: 'status bad', role: 'status' }, state.note),
  );
  replace(
    byId('commands'),
    button('advance', w('advance'), () => command(() => w('advance'), { type: 'advance' })),
    button('skip', skipTo === undefined ? w('skipNone') : w('skip', { stage: stageName(skipTo) }), () => skipTo !== undefined && command(() => w('skip', { stage: stageName(skipTo) }), { type: 'move', to: skipTo }), skipTo === undefined),
    button(
      'back',
      backTo === undefined ? w('backNone') : w('back', { stage: stageName(backTo) }),
      () => {
        if (backTo === undefined) return;
        const reason = reasonValue();
        command(() => w('back', { stage: stageName(backTo) }), { type: 'move', to: backTo, ...(reason === undefined ? {} : { reason }) });
      },
      backTo === undefined,
    ),
    button('win', w('win'), () => command(() => w('win'), { type: 'win' })),
    button('lose', w('lose'), () => {
      const competitor = byId<HTMLInputElement>('competitor').value.trim();
      command(() => w('lose'), { type: 'lose', reason: reasonValue() ?? '', ...(competitor === '' ? {} : { competitor }) });
    }),
    button('suspend', w('suspend'), () => {
      const reason = reasonValue();
      command(() => w('suspend'), { type: 'suspend', ...(reason === undefined ? {} : { reason }) });
    }),
    button('resume', w('resume'), () => command(() => w('resume'), { type: 'resume' })),
    button('reopen', w('reopen'), () => {
      const reason = reasonValue();
      command(() => w('reopen'), { type: 'reopen', ...(reason === undefined ? {} : { reason }) });
    }),
  );
  const last = state.last;
  replace(
    byId('result'),
    last === undefined
      ? null
      : last.ok
        ? h('p', { class: 'status ok', 'data-ok': 'true' }, w('accepted', { command: last.command(), count: last.events }))
        : h('div', { class: 'status bad', 'data-ok': 'false' }, w('refused', { command: last.command() }), h('ul', { class: 'issues', id: 'refusal' }, ...last.issues.map(issueItem))),
  );
  replace(byId('tasks'), taskList());
  replace(byId('next'), ...nextStepsPanel());
  replace(byId('ledger-count'), w('ledgerCount', { count: deal.history.length }));
  replace(byId('ledger-box'), ledgerTable());
  replace(byId('deal-json'), JSON.stringify(serializeOpportunity(deal), null, 2));
}

function field(id: string, label: string, input: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}

function render(): void {
  applyLang(state.lang);
  byId('title').textContent = w('title');
  document.title = `${w('title')} — sales-funnel`;
  const deal = state.deal;
  replace(
    byId('app'),
    h('p', { class: 'lead' }, w('lead')),
    h(
      'div',
      { class: 'toolbar' },
      langSelect(state.lang, (lang) => {
        state.lang = lang;
        render();
        byId('lang').focus();
      }),
    ),
    h('p', { class: 'privacy' }, w('privacy')),
    h(
      'div',
      { class: 'grid two' },
      h(
        'section',
        { 'aria-labelledby': 'deal-title' },
        h('h2', { id: 'deal-title' }, w('deal')),
        h('div', { id: 'deal' }),
        h('h3', {}, w('commands')),
        h(
          'div',
          { class: 'toolbar' },
          field('reason', `${w('reason')} (${w('reasonHint')})`, h('input', { type: 'text', id: 'reason', placeholder: '价格过高 · Price too high' })),
          field('competitor', w('competitor'), h('input', { type: 'text', id: 'competitor' })),
        ),
        h('div', { class: 'buttons', id: 'commands' }),
        h('h3', {}, w('result')),
        h('div', { id: 'result', tabindex: -1, 'aria-live': 'polite' }),
        h('h3', {}, w('next')),
        h('div', { id: 'next' }),
        h('h3', {}, w('tasks')),
        h('p', { class: 'hint' }, w('tasksHint')),
        h(
          'label',
          { class: 'check' },
          h('input', {
            type: 'checkbox',
            id: 'credit-approved',
            checked: state.creditApproved,
            onchange: (e) => {
              state.creditApproved = (e.target as HTMLInputElement).checked;
              renderDeal();
            },
          }),
          ` ${w('guard')}`,
        ),
        h('div', { id: 'tasks' }),
        h('h3', {}, w('dealData')),
        h(
          'div',
          { class: 'toolbar' },
          field('close-date', w('closeDate'), h('input', { type: 'date', id: 'close-date', value: deal.expectedCloseDate ?? '2026-06-30' })),
          h(
            'div',
            { class: 'buttons' },
            h('button', { type: 'button', id: 'set-close-date', onclick: () => apply(() => w('setCloseDate'), (o) => updateCloseDate(state.deal, byId<HTMLInputElement>('close-date').value || null, o)) }, w('setCloseDate')),
            h('button', { type: 'button', id: 'clear-close-date', onclick: () => apply(() => w('clearCloseDate'), (o) => updateCloseDate(state.deal, null, o)) }, w('clearCloseDate')),
          ),
        ),
        h(
          'div',
          { class: 'toolbar' },
          field('amount', `${w('amount')} (${deal.amount.currency})`, h('input', { type: 'number', id: 'amount', min: 0, step: 1000, value: deal.amount.amount.toString(), inputmode: 'decimal' })),
          h(
            'button',
            {
              type: 'button',
              id: 'set-amount',
              onclick: () => apply(() => w('setAmount'), (o) => updateAmount(state.deal, money(byId<HTMLInputElement>('amount').value || '0', state.deal.amount.currency), o)),
            },
            w('setAmount'),
          ),
        ),
        field('attributes', w('attributes'), h('textarea', { id: 'attributes', rows: 3, spellcheck: false }, JSON.stringify(deal.attributes))),
        h('p', { class: 'hint' }, w('attributesHint')),
        h(
          'div',
          { class: 'buttons' },
          h(
            'button',
            {
              type: 'button',
              id: 'apply-attributes',
              onclick: () => {
                const out = byId('attributes-check');
                let json: unknown;
                try {
                  json = JSON.parse(byId<HTMLTextAreaElement>('attributes').value);
                } catch (e) {
                  replace(out, h('span', { class: 'status bad' }, w('notJson', { reason: e instanceof Error ? e.message : String(e) })));
                  return;
                }
                const parsed = attributesSchema.safeParse(json);
                if (!parsed.success) {
                  replace(out, h('ul', { class: 'issues' }, ...toFunnelIssues(parsed.error, state.lang).map((i) => h('li', {}, h('span', { class: 'path' }, ['attributes', ...(i.path ?? [])].join('.')), ' ', i.message))));
                  return;
                }
                state.deal = { ...state.deal, attributes: parsed.data };
                replace(out, h('span', { class: 'hint' }, w('attributesApplied')));
                renderDeal();
              },
            },
            w('applyAttributes'),
          ),
          h('span', { id: 'attributes-check', role: 'status' }),
        ),
        h(
          'div',
          { class: 'buttons' },
          h(
            'button',
            {
              type: 'button',
              id: 'reset',
              onclick: () => {
                state.deal = newDeal(state.pipeline);
                state.clock = START + DAY;
                state.fresh = 1;
                state.last = undefined;
                state.note = undefined;
                renderDeal();
              },
            },
            w('reset'),
          ),
        ),
      ),
      h(
        'div',
        {},
        h('h2', { id: 'ledger-title' }, w('ledger')),
        h('p', { id: 'ledger-count', 'aria-live': 'polite' }),
        h('div', { id: 'ledger-box' }),
        h('details', {}, h('summary', {}, w('asJson')), h('pre', { class: 'out', id: 'deal-json' })),
        h('h2', { id: 'pipeline-title' }, w('pipeline')),
        h('p', { class: 'hint', id: 'pipeline-hint' }, w('pipelineHint')),
        h('div', { id: 'pipeline-check', role: 'status', 'aria-live': 'polite' }),
        h(
          'textarea',
          {
            id: 'pipeline',
            rows: 40,
            spellcheck: false,
            'aria-labelledby': 'pipeline-title',
            'aria-describedby': 'pipeline-hint pipeline-check',
            oninput: (e) => {
              state.text = (e.target as HTMLTextAreaElement).value;
              renderPipelineCheck();
            },
          },
          state.text,
        ),
      ),
    ),
  );
  renderDeal();
  renderPipelineCheck();
}

render();
