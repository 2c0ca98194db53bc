import { because } from '../../i18n/because.js';
import type { IssueCode } from '../../i18n/codes.js';
import type { IssueParamsByCode } from '../../i18n/params.js';
import type { Money } from '../../money/money.js';
import type { OpportunityEvent, Split } from '../events.js';
import type { Opportunity, OpportunityStatus } from '../opportunityShape.js';
import { LOST, OPEN, WON, type PipelineIndex } from '../pipelineIndex.js';

/** Receives one issue: its code, typed params and path. */
export type Report = <C extends IssueCode>(code: C, params: IssueParamsByCode[C], path: ReadonlyArray<string | number>) => void;

/** What the checks need besides the deal. */
export interface CheckContext {
  /** The deal's pipeline, when known: stage kinds, stage and task ids. */
  readonly index: PipelineIndex | undefined;
  /** Accept a deal with an empty ledger instead of reporting `ledger_empty`. */
  readonly allowEmptyHistory: boolean;
}

const KIND_WORD = ['open', 'won', 'lost'] as const;

function checkSplits(splits: readonly Split[] | undefined, report: Report): void {
  if (splits === undefined) return;
  let total = 0;
  for (const s of splits) total += s.basisPoints;
  if (total !== 10_000) report('splits_total', { total }, ['splits']);
  const seen = new Set<string>();
  splits.forEach((s, i) => {
    if (seen.has(s.ownerId)) report('duplicate_split_owner', { ownerId: s.ownerId }, ['splits', i, 'ownerId']);
    seen.add(s.ownerId);
  });
}

function sameSplits(a: readonly Split[] | null | undefined, b: readonly Split[] | undefined): boolean {
  const x = a ?? undefined;
  if (x === undefined || b === undefined) return x === b;
  return x.length === b.length && x.every((s, i) => s.ownerId === b[i]!.ownerId && s.basisPoints === b[i]!.basisPoints);
}

/** Reports `invalid_amount` at `path` when `money` is below zero (a negative zero is zero). */
export function checkNonNegative(money: Money, path: ReadonlyArray<string | number>, report: Report): void {
  const a = money.amount;
  if (a.isNegative() && !a.isZero()) report('invalid_amount', { value: a.toFixed(), reason: because('amount_negative') }, path);
}

/** The rules that need the pipeline, on the deal's own fields. */
function checkAgainstPipeline(o: Opportunity, index: PipelineIndex, report: Report): void {
  const pipeline = index.pipeline;
  if (o.pipelineId !== pipeline.id) report('pipeline_mismatch', { expected: pipeline.id, actual: o.pipelineId }, ['pipelineId']);
  const info = index.byId.get(o.stageId);
  if (info === undefined) {
    report('stage_not_in_pipeline', { stageId: o.stageId, pipelineId: pipeline.id }, ['stageId']);
  } else {
    const ok = o.status === 'suspended' || o.status === 'open' ? info.kind === OPEN : KIND_WORD[info.kind] === o.status;
    if (!ok) report('status_stage_mismatch', { status: o.status, stageKind: KIND_WORD[info.kind], stageId: o.stageId, stageName: info.stage.name }, ['status']);
  }
  const done = o.completedTasks;
  for (const taskId in done) {
    if (Object.hasOwn(done, taskId) && !index.tasks.has(taskId)) report('unknown_task', { taskId, pipelineId: pipeline.id }, ['completedTasks', taskId]);
  }
}

/**
 * Every cross-field rule of an opportunity that passed the structural schema: the
 * amount not negative (`invalid_amount`; the engine refuses one too), splits, the
 * pipeline's rules (when the pipeline is known) and the ledger replay (see
 * {@link checkLedger}). Reports through `report`; never throws on a structurally valid deal.
 */
export function checkOpportunity(o: Opportunity, context: CheckContext, report: Report): void {
  checkNonNegative(o.amount, ['amount', 'amount'], report);
  checkSplits(o.splits, report);
  if (context.index !== undefined) checkAgainstPipeline(o, context.index, report);
  checkLedger(o, context, report);
}

/** The display name of a stage id, under `key`, when the pipeline knows it (messages show names, not ids). */
function nameOf<K extends string>(index: PipelineIndex | undefined, key: K, id: string | undefined): { readonly [P in K]?: string } {
  const name = id === undefined ? undefined : index?.byId.get(id)?.stage.name;
  return (name === undefined ? {} : { [key]: name }) as { readonly [P in K]?: string };
}

/** The kind of a ledger's stage id (−1 when unknown or without a pipeline), reporting an unknown one. */
function stageIn(index: PipelineIndex | undefined, report: Report, i: number, field: string, id: string): number {
  if (index === undefined) return -1;
  const info = index.byId.get(id);
  if (info === undefined) {
    report('stage_not_in_pipeline', { stageId: id, pipelineId: index.pipeline.id }, ['history', i, field]);
    return -1;
  }
  return info.kind;
}

/**
 * Replays the ledger and reports every way it contradicts itself or the deal.
 *
 * Per event, in order: `seq` equal to its 1-based position (`ledger_seq_mismatch`);
 * no negative amount in `amount_changed` (`from`, `to`) or an activity's `cost`
 * (`invalid_amount`);
 * client ids unique (`ledger_duplicate_event_id`); time never going back
 * (`ledger_out_of_order`; equal times are fine); `created` only first
 * (`ledger_created_not_first`); nothing but `reopened` after `won`/`lost`
 * (`ledger_event_after_close`); no stage change, close or second suspension while
 * suspended (`ledger_event_while_suspended`); `reopened` only when closed, `resumed`
 * only when suspended (`ledger_unexpected_event`); `stage_changed.from` equal to the
 * stage before it (`ledger_stage_mismatch`). With the pipeline: every stage id in the
 * pipeline (`stage_not_in_pipeline`), every task id too (`unknown_task`), a
 * `stage_changed` only between open stages (`ledger_stage_change_closes` into a won or
 * lost stage), `won` naming a won stage and `lost` a lost one
 * (`ledger_close_stage_kind`), `created`/`reopened` naming an open stage
 * (`ledger_open_stage_kind`).
 *
 * Then the deal against the last event that set each field: stage
 * (`ledger_current_stage_mismatch`), status — the ledger starts `open` and `won`,
 * `lost`, `suspended`, `resumed` and `reopened` move it (`ledger_status_mismatch`) —
 * amount (`ledger_amount_mismatch`), expected close date
 * (`ledger_close_date_mismatch`), owner (`ledger_owner_mismatch`), each key task the
 * ledger completes or reopens (`ledger_task_mismatch`: done with the event's `at`, and
 * its `by` when both have one, or not done), and `ledger_field_mismatch` for the splits,
 * `closedAt` (the closing event's time; absent on an open deal), `lossReason` and
 * `competitor` (the `lost` event's), and the overrides `probabilityOverride` /
 * `forecastCategoryOverride` against the last `probability_changed` /
 * `forecast_category_changed` (a close clears both, and a stage change or reopen clears
 * the probability under the pipeline's `probabilityOnStageChange: 'reset'`, as the
 * engine does). `activity_logged` changes nothing and may come at any time, also after
 * a close. A field no event sets is not checked: an imported
 * ledger may start midway. An empty ledger is `ledger_empty` unless allowed.
 */
export function checkLedger(o: Opportunity, context: CheckContext, report: Report): void {
  const history = o.history;
  if (history.length === 0) {
    if (!context.allowEmptyHistory) report('ledger_empty', {}, ['history']);
    return;
  }
  const index = context.index;
  let status: OpportunityStatus = 'open';
  let stage: string | undefined;
  let last = -Infinity;
  let ids: Map<string, number> | undefined;
  let amountAt = -1;
  let closeDateAt = -1;
  let ownerAt = -1;
  let splitsAt = -1;
  // The overrides: -1 not known (no event sets them: taken as they are), -2 cleared by a
  // stage change or a close, else the index of the event that set them last.
  let probabilityAt = -1;
  let categoryAt = -1;
  const resets = index === undefined ? undefined : index.pipeline.policy.probabilityOnStageChange === 'reset';
  let closingAt = -1;
  let firstTaskAt = -1;
  let taskEvents = 0;


  for (let i = 0; i < history.length; i++) {
    const e = history[i]!;
    if (e.seq !== i + 1) report('ledger_seq_mismatch', { index: i, expected: i + 1, actual: e.seq }, ['history', i, 'seq']);
    if (e.id !== undefined) {
      ids ??= new Map();
      const first = ids.get(e.id);
      if (first !== undefined) report('ledger_duplicate_event_id', { index: i, id: e.id, first }, ['history', i, 'id']);
      else ids.set(e.id, i);
    }
    const t = e.at.getTime();
    if (t < last) report('ledger_out_of_order', { index: i }, ['history', i, 'at']);
    else last = t;

    const closed = status === 'won' || status === 'lost';
    if (closed && e.type !== 'reopened' && e.type !== 'activity_logged') {
      report('ledger_event_after_close', { index: i, type: e.type, status }, ['history', i, 'type']);
    }
    switch (e.type) {
      case 'created': {
        if (i !== 0) report('ledger_created_not_first', { index: i }, ['history', i, 'type']);
        const kind = stageIn(index, report, i, 'stageId', e.stageId);
        if (kind > OPEN) report('ledger_open_stage_kind', { index: i, type: e.type, stageId: e.stageId, stageKind: KIND_WORD[kind]!, ...nameOf(index, 'stageName', e.stageId) }, ['history', i, 'stageId']);
        stage = e.stageId;
        break;
      }
      case 'stage_changed': {
        if (status === 'suspended') report('ledger_event_while_suspended', { index: i, type: e.type }, ['history', i, 'type']);
        if (stage !== undefined && e.from !== stage) {
          report('ledger_stage_mismatch', { index: i, expected: stage, actual: e.from, ...nameOf(index, 'expectedName', stage), ...nameOf(index, 'actualName', e.from) }, ['history', i, 'from']);
        }
        const fromKind = stageIn(index, report, i, 'from', e.from);
        if (stage === undefined && fromKind > OPEN) {
          report('ledger_open_stage_kind', { index: i, type: e.type, stageId: e.from, stageKind: KIND_WORD[fromKind]!, ...nameOf(index, 'stageName', e.from) }, ['history', i, 'from']);
        }
        const toKind = stageIn(index, report, i, 'to', e.to);
        if (toKind > OPEN) report('ledger_stage_change_closes', { index: i, stageId: e.to, stageKind: KIND_WORD[toKind]!, ...nameOf(index, 'stageName', e.to) }, ['history', i, 'to']);
        stage = e.to;
        if (probabilityAt !== -1) probabilityAt = resets === undefined ? -1 : resets ? -2 : probabilityAt;
        break;
      }
      case 'won':
      case 'lost': {
        if (status === 'suspended') report('ledger_event_while_suspended', { index: i, type: e.type }, ['history', i, 'type']);
        const kind = stageIn(index, report, i, 'stageId', e.stageId);
        const want = e.type === 'won' ? WON : LOST;
        if (kind >= 0 && kind !== want) {
          report('ledger_close_stage_kind', { index: i, type: e.type, stageId: e.stageId, stageKind: KIND_WORD[kind]!, ...nameOf(index, 'stageName', e.stageId) }, ['history', i, 'stageId']);
        }
        stage = e.stageId;
        status = e.type;
        closingAt = i;
        // A closed deal's probability and category come from its stage.
        if (probabilityAt !== -1) probabilityAt = -2;
        if (categoryAt !== -1) categoryAt = -2;
        break;
      }
      case 'reopened': {
        if (!closed) report('ledger_unexpected_event', { index: i, type: e.type, status }, ['history', i, 'type']);
        const kind = stageIn(index, report, i, 'stageId', e.stageId);
        if (kind > OPEN) report('ledger_open_stage_kind', { index: i, type: e.type, stageId: e.stageId, stageKind: KIND_WORD[kind]!, ...nameOf(index, 'stageName', e.stageId) }, ['history', i, 'stageId']);
        stage = e.stageId;
        status = 'open';
        closingAt = -1;
        if (probabilityAt !== -1) probabilityAt = resets === undefined ? -1 : resets ? -2 : probabilityAt;
        break;
      }
      case 'suspended':
        if (status === 'suspended') report('ledger_event_while_suspended', { index: i, type: e.type }, ['history', i, 'type']);
        if (!closed) status = 'suspended';
        break;
      case 'resumed':
        if (status === 'open') report('ledger_unexpected_event', { index: i, type: e.type, status }, ['history', i, 'type']);
        if (!closed) status = 'open';
        break;
      case 'task_completed':
      case 'task_reopened':
        if (index !== undefined && !index.tasks.has(e.taskId)) report('unknown_task', { taskId: e.taskId, pipelineId: index.pipeline.id }, ['history', i, 'taskId']);
        if (taskEvents++ === 0) firstTaskAt = i;
        break;
      case 'amount_changed':
        checkNonNegative(e.from, ['history', i, 'from', 'amount'], report);
        checkNonNegative(e.to, ['history', i, 'to', 'amount'], report);
        amountAt = i;
        break;
      case 'close_date_changed':
        closeDateAt = i;
        break;
      case 'owner_changed':
        ownerAt = i;
        break;
      case 'splits_changed':
        splitsAt = i;
        break;
      case 'probability_changed':
        probabilityAt = i;
        break;
      case 'forecast_category_changed':
        categoryAt = i;
        break;
      case 'activity_logged':
        if (e.cost !== undefined) checkNonNegative(e.cost, ['history', i, 'cost', 'amount'], report);
        break;
    }
  }

  if (status !== o.status) report('ledger_status_mismatch', { expected: status, actual: o.status }, ['status']);
  if (stage !== undefined && stage !== o.stageId) {
    report('ledger_current_stage_mismatch', { expected: stage, actual: o.stageId, ...nameOf(index, 'expectedName', stage), ...nameOf(index, 'actualName', o.stageId) }, ['stageId']);
  }
  checkFields(o, { amountAt, closeDateAt, ownerAt, splitsAt, probabilityAt, categoryAt, closingAt, status }, report);
  if (taskEvents > 0) checkTasks(o, firstTaskAt, taskEvents, report, index);
}

interface LastSetters {
  readonly amountAt: number;
  readonly closeDateAt: number;
  readonly ownerAt: number;
  readonly splitsAt: number;
  readonly probabilityAt: number;
  readonly categoryAt: number;
  readonly closingAt: number;
  readonly status: OpportunityStatus;
}

function at<T extends OpportunityEvent['type']>(o: Opportunity, i: number, _type: T): Extract<OpportunityEvent, { type: T }> {
  return o.history[i] as Extract<OpportunityEvent, { type: T }>;
}

function checkFields(o: Opportunity, last: LastSetters, report: Report): void {
  if (last.amountAt >= 0) {
    const to = at(o, last.amountAt, 'amount_changed').to;
    if (to.currency !== o.amount.currency || !to.amount.eq(o.amount.amount)) {
      report('ledger_amount_mismatch', { index: last.amountAt, amount: to.amount.toFixed(), currency: to.currency }, ['amount']);
    }
  }
  if (last.closeDateAt >= 0) {
    const to = at(o, last.closeDateAt, 'close_date_changed').to;
    const actual = o.expectedCloseDate ?? null;
    if (to !== actual) report('ledger_close_date_mismatch', { index: last.closeDateAt, expected: to, actual }, ['expectedCloseDate']);
  }
  if (last.ownerAt >= 0) {
    const to = at(o, last.ownerAt, 'owner_changed').to;
    if (to !== o.ownerId) report('ledger_owner_mismatch', { index: last.ownerAt, expected: to, actual: o.ownerId }, ['ownerId']);
  }
  if (last.splitsAt >= 0 && !sameSplits(at(o, last.splitsAt, 'splits_changed').to, o.splits)) {
    report('ledger_field_mismatch', { index: last.splitsAt, field: 'splits' }, ['splits']);
  }
  if (last.probabilityAt === -2 && o.probabilityOverride !== undefined) {
    report('ledger_field_mismatch', { index: o.history.length - 1, field: 'probabilityOverride' }, ['probabilityOverride']);
  }
  if (last.categoryAt === -2 && o.forecastCategoryOverride !== undefined) {
    report('ledger_field_mismatch', { index: o.history.length - 1, field: 'forecastCategoryOverride' }, ['forecastCategoryOverride']);
  }
  if (last.probabilityAt >= 0) {
    const to = at(o, last.probabilityAt, 'probability_changed').to;
    const actual = o.probabilityOverride;
    if (to === null ? actual !== undefined : actual === undefined || !to.eq(actual)) {
      report('ledger_field_mismatch', { index: last.probabilityAt, field: 'probabilityOverride' }, ['probabilityOverride']);
    }
  }
  if (last.categoryAt >= 0 && (at(o, last.categoryAt, 'forecast_category_changed').to ?? undefined) !== o.forecastCategoryOverride) {
    report('ledger_field_mismatch', { index: last.categoryAt, field: 'forecastCategoryOverride' }, ['forecastCategoryOverride']);
  }
  if (last.closingAt >= 0) {
    const e = o.history[last.closingAt] as Extract<OpportunityEvent, { type: 'won' | 'lost' }>;
    if (o.closedAt !== undefined && o.closedAt.getTime() !== e.at.getTime()) {
      report('ledger_field_mismatch', { index: last.closingAt, field: 'closedAt' }, ['closedAt']);
    }
    if (e.type === 'lost') {
      if (o.lossReason !== undefined && o.lossReason !== e.reason) report('ledger_field_mismatch', { index: last.closingAt, field: 'lossReason' }, ['lossReason']);
      if (o.competitor !== undefined && o.competitor !== e.competitor) report('ledger_field_mismatch', { index: last.closingAt, field: 'competitor' }, ['competitor']);
    }
  } else if (o.closedAt !== undefined && last.status !== 'won' && last.status !== 'lost') {
    report('ledger_field_mismatch', { index: o.history.length - 1, field: 'closedAt' }, ['closedAt']);
  }
}

function isTaskEvent(e: OpportunityEvent): e is Extract<OpportunityEvent, { type: 'task_completed' | 'task_reopened' }> {
  return e.type === 'task_completed' || e.type === 'task_reopened';
}

/** The index of the last task event of `taskId` at or after `from`. */
function lastTaskEvent(history: readonly OpportunityEvent[], taskId: string, from: number): number {
  let last = from;
  for (let j = from + 1; j < history.length; j++) {
    const f = history[j]!;
    if (isTaskEvent(f) && f.taskId === taskId) last = j;
  }
  return last;
}

/**
 * Each key task the ledger completes or reopens, against `completedTasks`, by the last
 * event of that task, in the order the tasks first appear. A few task events (the usual
 * case) are matched by scanning, without a Map.
 */
function checkTasks(o: Opportunity, from: number, count: number, report: Report, index: PipelineIndex | undefined): void {
  const history = o.history;
  if (count <= 16) {
    for (let i = from; i < history.length; i++) {
      const e = history[i]!;
      if (!isTaskEvent(e)) continue;
      let seen = false;
      for (let j = from; j < i && !seen; j++) {
        const f = history[j]!;
        seen = isTaskEvent(f) && f.taskId === e.taskId;
      }
      if (!seen) checkTask(o, e.taskId, lastTaskEvent(history, e.taskId, i), report, index);
    }
    return;
  }
  const last = new Map<string, number>();
  for (let i = from; i < history.length; i++) {
    const e = history[i]!;
    if (isTaskEvent(e)) last.set(e.taskId, i);
  }
  for (const [taskId, i] of last) checkTask(o, taskId, i, report, index);
}

function checkTask(o: Opportunity, taskId: string, i: number, report: Report, index: PipelineIndex | undefined): void {
  const done = o.completedTasks as Readonly<Record<string, { readonly at: Date; readonly by?: string } | undefined>>;
  const e = o.history[i] as Extract<OpportunityEvent, { type: 'task_completed' | 'task_reopened' }>;
  const record = Object.hasOwn(done, taskId) ? done[taskId] : undefined;
  const ok =
    e.type === 'task_reopened'
      ? record === undefined
      : record !== undefined && record.at.getTime() === e.at.getTime() && (record.by === undefined || e.by === undefined || record.by === e.by);
  if (!ok) {
    const title = index?.tasks.get(taskId)?.task.title;
    report('ledger_task_mismatch', { index: i, taskId, ...(title === undefined ? {} : { title }) }, ['completedTasks', taskId]);
  }
}
