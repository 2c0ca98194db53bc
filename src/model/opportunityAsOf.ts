import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { Reason } from '../i18n/params.js';
import type { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { toInstant, type InstantInput } from '../time/instant.js';
import type { PlainDate } from '../time/plainDate.js';
import type { OpportunityEvent, Split } from './events.js';
import type { CompletedTask, Opportunity, OpportunityStatus } from './opportunityShape.js';
import type { Pipeline } from './pipeline.js';
import { assertSamePipeline, pipelineIndex, type PipelineIndex } from './pipelineIndex.js';
import type { ForecastCategory } from './stage.js';

/** Options for {@link opportunityAsOf}. */
export interface OpportunityAsOfOptions {
  /**
   * The deal's pipeline. It supplies the policy `probabilityOnStageChange` (whether a
   * stage change or a reopening cleared the probability override) and the first open
   * stage, where a ledger that starts midway and whose first stage event is a close
   * after `asOf` stood. The deal must belong to it.
   *
   * @defaultValue none: the default policy `'reset'` is assumed
   */
  readonly pipeline?: Pipeline;
}

/**
 * How a replay reads a ledger: whether stage changes and reopenings clear the
 * probability override, and the pipeline (for the first open stage), when known.
 *
 * @internal
 */
export interface ReplaySettings {
  readonly reset: boolean;
  readonly index: PipelineIndex | undefined;
}

/** The settings of a replay under `pipeline` (the default policy without one). @internal */
export function replaySettings(pipeline: Pipeline | undefined): ReplaySettings {
  if (pipeline === undefined) return { reset: true, index: undefined };
  const index = pipelineIndex(pipeline);
  return { reset: (pipeline.policy?.probabilityOnStageChange ?? 'reset') === 'reset', index };
}

/**
 * How many events of a ledger had happened at `asOfMs`: the ledger up to (not
 * including) the first of the events that all lie after it. A ledger is in time order,
 * so this is the number of events at or before `asOfMs`.
 *
 * @internal
 */
export function eventsAt(history: readonly OpportunityEvent[], asOfMs: number): number {
  let n = history.length;
  while (n > 0 && history[n - 1]!.at.getTime() > asOfMs) n--;
  return n;
}

/**
 * The deal's amount as of `asOfMs`: the `from` of the earliest `amount_changed` after
 * it, else the current amount. The rule of {@link opportunityAsOf}, for the hot loops.
 *
 * @internal
 */
export function amountAt(o: Pick<Opportunity, 'amount' | 'history'>, asOfMs: number): Money {
  const h = o.history;
  for (let i = eventsAt(h, asOfMs); i < h.length; i++) {
    const e = h[i]!;
    if (e.type === 'amount_changed') return e.from;
  }
  return o.amount;
}

/**
 * The deal's expected close date as of `asOfMs`: the `from` of the earliest
 * `close_date_changed` after it (null = none), else the current field. The rule of
 * {@link opportunityAsOf}, for the hot loops.
 *
 * @internal
 */
export function closeDateAt(o: Pick<Opportunity, 'expectedCloseDate' | 'history'>, asOfMs: number): PlainDate | undefined {
  const h = o.history;
  for (let i = eventsAt(h, asOfMs); i < h.length; i++) {
    const e = h[i]!;
    if (e.type === 'close_date_changed') return e.from ?? undefined;
  }
  return o.expectedCloseDate;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Sets an optional field, or removes it for `undefined` / `null`. */
function put<K extends keyof Opportunity>(o: Mutable<Opportunity>, key: K, value: Opportunity[K] | null | undefined): void {
  if (value === undefined || value === null) delete o[key];
  else o[key] = value;
}

/**
 * The deal after the first `n` events of its ledger: the one replay behind
 * {@link opportunityAsOf}, the forecasts as of an instant and `forecastMovement` (which
 * steps through a deal's events one at a time). `undefined` when `n` is 0 (the deal did
 * not exist yet); the deal itself when `n` covers the whole ledger or the ledger is
 * empty. See {@link opportunityAsOf} for the rules.
 *
 * @throws {@link FunnelError} `invalid_argument` when the stage cannot be known without the pipeline.
 * @internal
 */
export function opportunityAfter(o: Opportunity, n: number, settings: ReplaySettings): Opportunity | undefined {
  const h = o.history;
  if (h.length === 0 || n >= h.length) return o;
  if (n <= 0) return undefined;
  const reset = settings.reset;

  // Forward over the events that happened: what they set.
  let stage: string | undefined;
  let status: OpportunityStatus = 'open';
  let closing = -1;
  let probability: Decimal | null = null;
  let probabilityKnown = false;
  let category: ForecastCategory | null = null;
  let categoryKnown = false;
  let splits: Split[] | null = null;
  let tasks: Map<string, OpportunityEvent> | undefined;
  for (let i = 0; i < n; i++) {
    const e = h[i]!;
    switch (e.type) {
      case 'created':
        stage = e.stageId;
        break;
      case 'stage_changed':
        stage = e.to;
        if (reset) {
          probability = null;
          probabilityKnown = true;
        }
        break;
      case 'won':
      case 'lost':
        stage = e.stageId;
        status = e.type;
        closing = i;
        probability = null;
        probabilityKnown = true;
        category = null;
        categoryKnown = true;
        break;
      case 'reopened':
        stage = e.stageId;
        status = 'open';
        closing = -1;
        if (reset) {
          probability = null;
          probabilityKnown = true;
        }
        break;
      case 'suspended':
        if (status === 'open') status = 'suspended';
        break;
      case 'resumed':
        if (status === 'suspended') status = 'open';
        break;
      case 'probability_changed':
        probability = e.to;
        probabilityKnown = true;
        break;
      case 'forecast_category_changed':
        category = e.to;
        categoryKnown = true;
        break;
      case 'splits_changed':
        splits = e.to;
        break;
      case 'task_completed':
      case 'task_reopened':
        tasks ??= new Map();
        tasks.set(e.taskId, e);
        break;
      default:
        break;
    }
  }

  // Backward: the events that had not happened yet, and what each field was before them.
  let amount: Money | undefined;
  let closeDate: { readonly v: PlainDate | null } | undefined;
  let owner: string | undefined;
  let splitsLater = false;
  let stageEvent: OpportunityEvent | undefined;
  let statusLater = false;
  let closingLater = false;
  let probabilityEvent: OpportunityEvent | undefined;
  let categoryEvent: OpportunityEvent | undefined;
  let tasksLater: Set<string> | undefined;
  for (let i = n; i < h.length; i++) {
    const e = h[i]!;
    switch (e.type) {
      case 'created':
        stageEvent ??= e;
        break;
      case 'stage_changed':
        stageEvent ??= e;
        if (reset) probabilityEvent ??= e;
        break;
      case 'won':
      case 'lost':
        stageEvent ??= e;
        statusLater = true;
        closingLater = true;
        probabilityEvent ??= e;
        categoryEvent ??= e;
        break;
      case 'reopened':
        stageEvent ??= e;
        statusLater = true;
        closingLater = true;
        if (reset) probabilityEvent ??= e;
        break;
      case 'suspended':
      case 'resumed':
        statusLater = true;
        break;
      case 'amount_changed':
        amount ??= e.from;
        break;
      case 'close_date_changed':
        closeDate ??= { v: e.from };
        break;
      case 'owner_changed':
        owner ??= e.from;
        break;
      case 'splits_changed':
        splitsLater = true;
        break;
      case 'probability_changed':
        probabilityEvent ??= e;
        break;
      case 'forecast_category_changed':
        categoryEvent ??= e;
        break;
      case 'task_completed':
      case 'task_reopened':
        tasksLater ??= new Set();
        tasksLater.add(e.taskId);
        break;
      default:
        break;
    }
  }

  const next: Mutable<Opportunity> = { ...o, history: h.slice(0, n) };
  if (stageEvent !== undefined) next.stageId = (stage ?? firstStage(stageEvent, settings)) as Opportunity['stageId'];
  if (statusLater) next.status = status;
  if (closingLater) {
    const c = closing < 0 ? undefined : (h[closing] as Extract<OpportunityEvent, { type: 'won' | 'lost' }>);
    put(next, 'closedAt', c?.at);
    put(next, 'lossReason', c?.type === 'lost' ? c.reason : undefined);
    put(next, 'competitor', c?.type === 'lost' ? c.competitor : undefined);
  }
  if (amount !== undefined) next.amount = amount;
  if (closeDate !== undefined) put(next, 'expectedCloseDate', closeDate.v);
  if (owner !== undefined) next.ownerId = owner as Opportunity['ownerId'];
  if (splitsLater) put(next, 'splits', splits);
  if (probabilityEvent !== undefined) {
    put(next, 'probabilityOverride', probabilityEvent.type === 'probability_changed' ? probabilityEvent.from : probabilityKnown ? probability : null);
  }
  if (categoryEvent !== undefined) {
    put(next, 'forecastCategoryOverride', categoryEvent.type === 'forecast_category_changed' ? categoryEvent.from : categoryKnown ? category : null);
  }
  if (tasksLater !== undefined) {
    const done: Record<string, CompletedTask> = { ...o.completedTasks };
    for (const taskId of tasksLater) {
      const e = tasks?.get(taskId);
      if (e?.type === 'task_completed') done[taskId] = e.by === undefined ? { at: e.at } : { at: e.at, by: e.by };
      else delete done[taskId];
    }
    next.completedTasks = done as Opportunity['completedTasks'];
  }
  return next;
}

/**
 * The stage of a ledger that starts midway, before its first stage event (which lies
 * after the cut): a stage change's `from`; before a close, the pipeline's first open
 * stage (the ledger does not say which open stage the deal stood in).
 */
function firstStage(e: OpportunityEvent, settings: ReplaySettings): string {
  switch (e.type) {
    case 'stage_changed':
      return e.from;
    case 'won':
    case 'lost': {
      const index = settings.index;
      if (index === undefined) throw new FunnelError('invalid_argument', { name: 'pipeline', reason: because('asof_stage_needs_pipeline') });
      return index.openIds[0]!;
    }
    default:
      return (e as { readonly stageId: string }).stageId;
  }
}

/**
 * The deal as it stood at an instant (商机在某一时刻的状态), rebuilt from its ledger:
 * events after `asOf` have not happened yet. The one replay behind the forecasts as of
 * an instant (`weightedForecast`, `forecastCategories` with `asOf`) and
 * `forecastMovement`.
 *
 * What is rebuilt, field by field, from the events after `asOf`:
 *
 * - **existence**: `undefined` when the deal's first event (its `created`, or the first
 *   event of a ledger imported without one) comes after `asOf`;
 * - **stage, status, `closedAt`, `lossReason`, `competitor`**: replayed forward from
 *   the start of the ledger up to `asOf` (the status starts `open`; `won`, `lost`,
 *   `suspended`, `resumed` and `reopened` move it; a closed deal's `closedAt` is its
 *   closing event's time, and a lost one's reason and competitor are those of its `lost`
 *   event);
 * - **amount, expected close date, owner**: the `from` of the first `amount_changed` /
 *   `close_date_changed` / `owner_changed` after `asOf`;
 * - **splits**: the `to` of the last `splits_changed` up to `asOf` (none before the
 *   first one: the event has no `from`);
 * - **the overrides** (`probabilityOverride`, `forecastCategoryOverride`): the `from` of
 *   the first `probability_changed` / `forecast_category_changed` after `asOf`. A close
 *   clears both, and a stage change or a reopening clears the probability under the
 *   pipeline's `probabilityOnStageChange: 'reset'` (as the engine does); when such a
 *   clearing comes first after `asOf`, the override is what the events up to `asOf` set
 *   (none after a clearing, none when no event set it);
 * - **completed key tasks**: for a task with events after `asOf`, its last
 *   `task_completed` up to `asOf` (done, at that event's time and by its `by`), else not
 *   done;
 * - **history**: the events up to `asOf`.
 *
 * Every other field (name, customer, region, attributes, source …) has no ledger and
 * is taken as it is.
 *
 * **Ledgers imported midway** (an import whose ledger starts after the deal's real
 * start, or omits some events) are read with two rules: a field before its first change
 * event is that event's `from` (the amount before the first `amount_changed` is its
 * `from`); and a field that no event after `asOf` changes is taken as it stands now, so
 * an override, a split or a completed task with no event at all is taken as always
 * there — except that an override is taken as set only after the last event that would
 * have cleared it (a close, or a stage change under `'reset'`): the snapshot funnel's
 * rule that a probability override applies only to the stage the deal stands in now. A
 * ledger whose first stage event is a stage change stood in its `from` before it; one
 * whose first stage event is a close after `asOf` stood in an open stage it does not
 * name: the pipeline's first open stage is taken, as `reopen` does. A deal with an
 * empty ledger (parsed with `allowEmptyHistory`) has no past: it is taken as it is, at
 * every instant.
 *
 * With `asOf` at or after the last event, the result is the deal itself. The input is
 * never changed; the result shares the deal's unchanged values.
 *
 * @param opportunity - The deal (a parsed opportunity: its ledger in time order).
 * @param asOf - The instant (a `Date` or an ISO 8601 string with offset).
 * @param options - `pipeline`: its policy and first open stage.
 * @returns The deal as it stood at `asOf`, or `undefined` when it did not exist yet.
 * @throws {@link FunnelError} `invalid_argument` for an `asOf` that is not an instant,
 *   a value that is not an opportunity, or, without `pipeline`, a ledger that starts
 *   midway with a close after `asOf` (the open stage before it needs the pipeline);
 *   `pipeline_mismatch` for a deal of another pipeline.
 *
 * @category Model
 * @example
 * ```ts
 * import { opportunityAsOf, parseOpportunity } from 'sales-funnel';
 * const deal = parseOpportunity({
 *   id: 'o-1', customerId: 'c-1', pipelineId: 'p', name: 'ERP', ownerId: 'rep-li',
 *   amount: { amount: '600000', currency: 'CNY' }, stageId: 'proposal',
 *   history: [
 *     { type: 'created', at: '2026-04-01T09:00:00+08:00', stageId: 'qualify' },
 *     { type: 'amount_changed', at: '2026-04-05T09:00:00+08:00', from: { amount: '800000', currency: 'CNY' }, to: { amount: '600000', currency: 'CNY' } },
 *     { type: 'stage_changed', at: '2026-04-06T09:00:00+08:00', from: 'qualify', to: 'proposal', kind: 'advance' },
 *   ],
 * });
 * const then = opportunityAsOf(deal, '2026-04-03T00:00:00+08:00');
 * then?.stageId; //=> 'qualify'
 * then?.amount.amount.toString(); //=> '800000'
 * opportunityAsOf(deal, '2026-03-31T00:00:00+08:00'); //=> undefined
 * ```
 */
export function opportunityAsOf(opportunity: Opportunity, asOf: InstantInput, options: OpportunityAsOfOptions = {}): Opportunity | undefined {
  let asOfMs: number;
  try {
    asOfMs = toInstant(asOf, 'asOf').getTime();
  } catch (e) {
    if (e instanceof FunnelError && e.code === 'invalid_option') {
      throw new FunnelError('invalid_argument', { name: 'asOf', reason: (e.params as { readonly reason: Reason }).reason });
    }
    throw e;
  }
  if (typeof opportunity !== 'object' || opportunity === null || !Array.isArray(opportunity.history)) {
    throw new FunnelError('invalid_argument', { name: 'opportunity', reason: because('must_be_opportunity') });
  }
  if (typeof options !== 'object' || options === null) throw new FunnelError('invalid_option', { option: 'options', reason: because('must_be_object') });
  const pipeline = options.pipeline;
  if (pipeline !== undefined) assertSamePipeline(opportunity, pipeline);
  return opportunityAfter(opportunity, eventsAt(opportunity.history, asOfMs), replaySettings(pipeline));
}
