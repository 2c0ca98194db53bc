import fc from 'fast-check';
import { FunnelError } from '../i18n/FunnelError.js';
import { minorUnitDigits } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import type { CustomerId, KeyTaskId, OpportunityId, StageId, UserId } from '../model/ids.js';
import type { OpportunityEvent } from '../model/events.js';
import type { CompletedTask, Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import type { Stage } from '../model/stage.js';
import { addDays } from '../time/addDays.js';
import { type PlainDate } from '../time/plainDate.js';
import { plainDateOf, startOfPlainDate } from '../time/zone.js';

/**
 * Constraints for {@link opportunityArb}.
 *
 * @example
 * ```ts
 * import type { OpportunityConstraints } from 'sales-funnel/testing';
 * import type { Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * const c: OpportunityConstraints = { pipeline, maxSteps: 20, from: '2025-01-01', to: '2026-12-31' };
 * ```
 */
export interface OpportunityConstraints {
  /** The pipeline the deals belong to (required). */
  readonly pipeline: Pipeline;
  /** Owner ids. Default `['rep-1', 'rep-2', 'rep-3']`. */
  readonly owners?: readonly string[];
  /** Customer ids. Default `['c-1', … 'c-5']`. */
  readonly customers?: readonly string[];
  /** Regions (absent from some deals). Default `['华东', '华北', '华南']`. */
  readonly regions?: readonly string[];
  /** Earliest creation date. Default `'2025-01-01'`. */
  readonly from?: string;
  /** Latest creation date. Default `'2026-06-30'`. */
  readonly to?: string;
  /** Most ledger steps after creation. Default 12. */
  readonly maxSteps?: number;
  /** Largest amount. Default 5 000 000. */
  readonly maxAmount?: number;
  /** Id prefix (ids are `prefix-N`). Default `'o'`. */
  readonly idPrefix?: string;
  /** Whether a deal may be created in any open stage, as imports often are. Default false. */
  readonly startAnywhere?: boolean;
}

type Action = 'advance' | 'skip' | 'regress' | 'complete' | 'reopen' | 'suspend' | 'amount' | 'close_date' | 'owner';
const ACTIONS: readonly Action[] = ['advance', 'advance', 'advance', 'skip', 'regress', 'complete', 'complete', 'reopen', 'suspend', 'amount', 'close_date', 'owner'];

interface Step {
  readonly action: Action;
  readonly gapMinutes: number;
  readonly pick: number;
}

/**
 * Valid opportunities of a pipeline with realistic ledgers: created in the first open
 * stage (or any, with `startAnywhere`), then a random walk of task completions and
 * reopenings, advances, skips, regressions, suspensions, amount, close-date and owner
 * changes, ending open, suspended, won or lost. Required manual key tasks are completed
 * before the deal leaves a stage forward, as the engine demands; time never goes
 * backwards; the current fields match the ledger.
 *
 * @param constraints - The pipeline and ranges.
 * @returns An arbitrary of {@link Opportunity}.
 * @throws {@link sales-funnel!FunnelError} `invalid_option` for bad constraints.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { opportunityArb, pipelineArb } from 'sales-funnel/testing';
 * import { safeParseOpportunity, serializeOpportunity } from 'sales-funnel';
 * fc.assert(
 *   fc.property(
 *     pipelineArb().chain((pipeline) => opportunityArb({ pipeline }).map((o) => ({ o, pipeline }))),
 *     ({ o, pipeline }) => safeParseOpportunity(serializeOpportunity(o), { pipeline }).success,
 *   ),
 * );
 * ```
 */
export function opportunityArb(constraints: OpportunityConstraints): fc.Arbitrary<Opportunity> {
  const {
    pipeline,
    owners = ['rep-1', 'rep-2', 'rep-3'],
    customers = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5'],
    regions = ['华东', '华北', '华南'],
    from = '2025-01-01',
    to = '2026-06-30',
    maxSteps = 12,
    maxAmount = 5_000_000,
    idPrefix = 'o',
    startAnywhere = false,
  } = constraints;
  if (pipeline === undefined) throw new FunnelError('invalid_option', { option: 'pipeline', reason: 'is required' });
  if (owners.length === 0 || customers.length === 0) {
    throw new FunnelError('invalid_option', { option: 'owners/customers', reason: 'must not be empty' });
  }
  if (!Number.isSafeInteger(maxSteps) || maxSteps < 0) throw new FunnelError('invalid_option', { option: 'maxSteps', reason: 'must be a whole number >= 0' });
  const lo = startOfPlainDate(from as PlainDate).getTime();
  const hi = startOfPlainDate(to as PlainDate).getTime();
  if (lo > hi) throw new FunnelError('invalid_option', { option: 'from/to', reason: 'from is after to' });
  const open = pipeline.stages.filter((s) => s.kind === 'open');
  const won = pipeline.stages.find((s) => s.kind === 'won');
  const lost = pipeline.stages.find((s) => s.kind === 'lost');
  if (open.length === 0 || won === undefined || lost === undefined) {
    throw new FunnelError('invalid_option', { option: 'pipeline', reason: 'needs open, won and lost stages' });
  }
  const scale = minorUnitDigits(pipeline.currency);
  const amountArb = fc.integer({ min: 1, max: Math.round(maxAmount) }).map((n) => ({ amount: new Decimal(n), currency: pipeline.currency }) as Money);

  return fc
    .record({
      n: fc.nat({ max: 9_999_999 }),
      createdSec: fc.integer({ min: 0, max: Math.round((hi - lo) / 1000) }),
      startIndex: fc.nat({ max: startAnywhere ? open.length - 1 : 0 }),
      amount: amountArb,
      cents: fc.nat({ max: 10 ** scale - 1 }),
      closeInDays: fc.option(fc.integer({ min: 0, max: 365 }), { nil: undefined, freq: 5 }),
      owner: fc.constantFrom(...owners),
      customer: fc.constantFrom(...customers),
      region: fc.option(fc.constantFrom(...regions), { nil: undefined, freq: 5 }),
      steps: fc.array(
        fc.record({ action: fc.constantFrom(...ACTIONS), gapMinutes: fc.integer({ min: 0, max: 60 * 24 * 40 }), pick: fc.nat({ max: 1000 }) }),
        { maxLength: maxSteps },
      ),
      newAmounts: fc.array(amountArb, { minLength: 4, maxLength: 4 }),
      outcome: fc.constantFrom('open' as const, 'open' as const, 'won' as const, 'lost' as const, 'suspended' as const),
      competitor: fc.option(fc.constantFrom('竞争对手A', 'Globex'), { nil: undefined }),
      override: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined, freq: 6 }),
    })
    .map((r) => {
      const history: OpportunityEvent[] = [];
      const completed = new Map<string, CompletedTask>();
      let t = lo + r.createdSec * 1000;
      let stageIndex = r.startIndex;
      let status: Opportunity['status'] = 'open';
      let owner = r.owner as UserId;
      const baseAmount: Money = { amount: r.amount.amount.plus(new Decimal(r.cents).div(new Decimal(10).pow(scale))), currency: pipeline.currency };
      let amount = baseAmount;
      const createdDate = plainDateOf(new Date(t));
      let closeDate: PlainDate | undefined = r.closeInDays === undefined ? undefined : addDays(createdDate, r.closeInDays);
      let amountPick = 0;
      const at = () => new Date(t);
      history.push({ type: 'created', at: at(), stageId: (open[stageIndex] as Stage).id });

      const completeRequired = (stage: Stage) => {
        for (const task of stage.keyTasks) {
          if (task.required && task.check.kind === 'manual' && !completed.has(task.id)) {
            completed.set(task.id, { at: at() });
            history.push({ type: 'task_completed', at: at(), taskId: task.id as KeyTaskId });
          }
        }
      };
      const resumeIfSuspended = () => {
        if (status === 'suspended') {
          history.push({ type: 'resumed', at: at() });
          status = 'open';
        }
      };
      const moveTo = (target: number, kind: 'advance' | 'skip' | 'regress') => {
        const fromStage = open[stageIndex] as Stage;
        if (kind !== 'regress') for (let i = stageIndex; i < target; i++) completeRequired(open[i] as Stage);
        history.push({
          type: 'stage_changed',
          at: at(),
          from: fromStage.id,
          to: (open[target] as Stage).id,
          kind,
          ...(kind === 'regress' ? { reason: 'customer re-scoped' } : {}),
        });
        stageIndex = target;
      };

      for (const step of r.steps as Step[]) {
        t += step.gapMinutes * 60_000;
        resumeIfSuspended();
        const stage = open[stageIndex] as Stage;
        switch (step.action) {
          case 'advance':
            if (stageIndex + 1 < open.length) moveTo(stageIndex + 1, 'advance');
            break;
          case 'skip':
            if (stageIndex + 2 < open.length) moveTo(stageIndex + 2 + (step.pick % (open.length - stageIndex - 2)), 'skip');
            break;
          case 'regress':
            if (stageIndex > 0) moveTo(step.pick % stageIndex, 'regress');
            break;
          case 'complete': {
            const todo = stage.keyTasks.filter((k) => k.check.kind === 'manual' && !completed.has(k.id));
            const task = todo[step.pick % Math.max(1, todo.length)];
            if (task !== undefined) {
              completed.set(task.id, { at: at() });
              history.push({ type: 'task_completed', at: at(), taskId: task.id });
            }
            break;
          }
          case 'reopen': {
            const done = stage.keyTasks.filter((k) => completed.has(k.id));
            const task = done[step.pick % Math.max(1, done.length)];
            if (task !== undefined) {
              completed.delete(task.id);
              history.push({ type: 'task_reopened', at: at(), taskId: task.id });
            }
            break;
          }
          case 'suspend':
            history.push({ type: 'suspended', at: at(), reason: '客户预算冻结' });
            status = 'suspended';
            break;
          case 'amount': {
            const next = r.newAmounts[amountPick++ % r.newAmounts.length] as Money;
            history.push({ type: 'amount_changed', at: at(), from: amount, to: next });
            amount = next;
            break;
          }
          case 'close_date': {
            const next = addDays(closeDate ?? createdDate, 1 + (step.pick % 90));
            history.push({ type: 'close_date_changed', at: at(), from: closeDate ?? null, to: next });
            closeDate = next;
            break;
          }
          case 'owner': {
            const next = owners[step.pick % owners.length] as UserId;
            if (next !== owner) {
              history.push({ type: 'owner_changed', at: at(), from: owner, to: next });
              owner = next;
            }
            break;
          }
        }
      }

      let stageId: StageId = (open[stageIndex] as Stage).id;
      let closedAt: Date | undefined;
      let lossReason: string | undefined;
      let competitor: string | undefined;
      t += 60_000;
      if (r.outcome === 'won' || r.outcome === 'lost') {
        resumeIfSuspended();
        if (r.outcome === 'won') {
          for (const s of open) completeRequired(s);
          history.push({ type: 'won', at: at(), stageId: won.id });
          stageId = won.id;
          status = 'won';
        } else {
          lossReason = '价格过高';
          competitor = r.competitor;
          history.push({ type: 'lost', at: at(), stageId: lost.id, reason: lossReason, ...(competitor === undefined ? {} : { competitor }) });
          stageId = lost.id;
          status = 'lost';
        }
        closedAt = at();
      } else if (r.outcome === 'suspended' && status === 'open') {
        history.push({ type: 'suspended', at: at() });
        status = 'suspended';
      }

      const o: Opportunity = {
        id: `${idPrefix}-${r.n}` as OpportunityId,
        customerId: r.customer as CustomerId,
        pipelineId: pipeline.id,
        name: `Deal ${r.n}`,
        amount,
        ...(closeDate === undefined ? {} : { expectedCloseDate: closeDate }),
        ...(r.region === undefined ? {} : { region: r.region }),
        stageId,
        status,
        ...(r.override === undefined || status === 'won' || status === 'lost' ? {} : { probabilityOverride: new Decimal(r.override).div(100) }),
        ownerId: owner,
        completedTasks: Object.fromEntries(completed) as Record<KeyTaskId, CompletedTask>,
        ...(closedAt === undefined ? {} : { closedAt }),
        ...(lossReason === undefined ? {} : { lossReason }),
        ...(competitor === undefined ? {} : { competitor }),
        attributes: {},
        history,
      };
      return o;
    });
}
