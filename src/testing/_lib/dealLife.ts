import fc from 'fast-check';
import { minorUnitDigits } from '../../money/currency.js';
import { Decimal } from '../../money/decimal.js';
import type { Money } from '../../money/money.js';
import type { CustomerId, KeyTaskId, OpportunityId, StageId, UserId } from '../../model/ids.js';
import type { OpportunityEvent, OpportunityEventDraft } from '../../model/events.js';
import type { CompletedTask, Opportunity } from '../../model/opportunity.js';
import type { Pipeline } from '../../model/pipeline.js';
import type { Stage } from '../../model/stage.js';
import { addDays } from '../../time/addDays.js';
import type { PlainDate } from '../../time/plainDate.js';
import { plainDateOf } from '../../time/zone.js';

/*
 * How a generated deal lives (shared by opportunityArb and bookArb).
 *
 * 1. Plan: the random steps become a list of stays. A stay is a stretch of time in one
 *    stage, with side actions inside it (task completions, amount, close-date and owner
 *    changes, a suspension) and an exit at its end (a move, or a loss that is later
 *    reopened). The deal's fate (won, lost, open or suspended at `asOf`) is drawn on its
 *    own, from the knobs, so `winRate`, `closedShare` and `suspendedShare` hold exactly
 *    in expectation and their edge values (0, 1) hold for every deal. A deal to be won
 *    then advances through the open stages it has not reached yet.
 * 2. Fit: each stay lasts a drawn number of seconds within `daysPerStage`; the creation
 *    time is drawn so that the whole life ends by `asOf`. When the window is too short
 *    for the drawn stays, the life is compressed to fit (never cut).
 * 3. Emit: the events are produced in time order by a small simulator that follows the
 *    engine's rules (a suspended deal is resumed before it moves, required manual key
 *    tasks are completed before it leaves a stage forward or is won, a closed deal only
 *    comes back through `reopened` into the open stage it left), and the deal's fields
 *    are the simulator's final state, so they always match the ledger.
 */

const RATIO = 1_000_000;

type Side = 'complete' | 'reopenTask' | 'suspend' | 'amount' | 'closeDate' | 'owner';
type Exit = 'advance' | 'skip' | 'regress' | 'relapse';
type Action = Side | Exit;

const ACTIONS: readonly Action[] = [
  'advance', 'advance', 'advance', 'skip', 'regress', 'relapse',
  'complete', 'complete', 'reopenTask', 'suspend', 'amount', 'closeDate', 'owner',
];

/** One random step of a deal's life. */
export interface StepDraw {
  readonly action: Action;
  /** Where in its stay a side action happens, in millionths of the stay. */
  readonly at: number;
  /** A free number to pick a task, a stage, an owner or a date with. */
  readonly pick: number;
}

/** The random numbers one deal is built from; {@link buildDeal} turns them into a deal. */
export interface DealDraw {
  readonly n: number;
  readonly created: number;
  readonly fate: number;
  readonly win: number;
  readonly suspend: number;
  readonly start: number;
  readonly amount: number;
  readonly cents: number;
  readonly closeInDays: number | undefined;
  readonly owner: number;
  readonly customer: number;
  readonly region: number | undefined;
  readonly competitor: string | undefined;
  readonly override: number | undefined;
  readonly steps: readonly StepDraw[];
  readonly stays: readonly number[];
  readonly newAmounts: readonly number[];
}

/** What a deal is built from besides its random numbers: already-checked constraints. */
export interface DealSettings {
  readonly owners: readonly string[];
  readonly regions: readonly string[];
  /** Earliest creation, epoch ms (whole seconds). */
  readonly lo: number;
  /** Latest creation, in whole seconds after `lo`. */
  readonly createWindow: number;
  /** `asOf`, in whole seconds after `lo`: no event after it. */
  readonly horizon: number;
  readonly maxSteps: number;
  readonly maxAmount: number;
  readonly startAnywhere: boolean;
  readonly winRate: number;
  readonly closedShare: number;
  readonly suspendedShare: number;
  /** Shortest and longest stay in a stage, in seconds. */
  readonly minStay: number;
  readonly maxStay: number;
}

const share = () => fc.noBias(fc.integer({ min: 0, max: RATIO - 1 }));

/**
 * The arbitrary of one deal's random numbers. Draws whose distribution carries a knob
 * (fate, creation time, stay lengths) are unbiased, so the knobs hold on average.
 */
export function dealDrawArb(settings: Pick<DealSettings, 'maxSteps' | 'maxAmount' | 'minStay' | 'maxStay'>): fc.Arbitrary<DealDraw> {
  const { maxSteps, maxAmount, minStay, maxStay } = settings;
  const amount = fc.integer({ min: 1, max: Math.max(1, Math.floor(maxAmount)) });
  return fc.record({
    n: fc.nat({ max: 9_999_999 }),
    created: fc.noBias(fc.integer({ min: 0, max: RATIO })),
    fate: share(),
    win: share(),
    suspend: share(),
    start: fc.nat({ max: 1000 }),
    amount,
    cents: fc.nat({ max: 999_999 }),
    closeInDays: fc.option(fc.integer({ min: 0, max: 365 }), { nil: undefined, freq: 5 }),
    owner: fc.nat({ max: 1000 }),
    customer: fc.nat({ max: 1_000_000 }),
    region: fc.option(fc.nat({ max: 1000 }), { nil: undefined, freq: 5 }),
    competitor: fc.option(fc.constantFrom('竞争对手A', 'Globex'), { nil: undefined }),
    override: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined, freq: 6 }),
    steps: fc.array(fc.record({ action: fc.constantFrom(...ACTIONS), at: fc.integer({ min: 0, max: RATIO }), pick: fc.nat({ max: 1000 }) }), {
      maxLength: maxSteps,
    }),
    // 1 + 2·steps stays (a relapse adds the time spent lost); a deal to be won may add
    // one per open stage, whose lengths then repeat these.
    stays: fc.array(fc.noBias(fc.integer({ min: minStay, max: maxStay })), { minLength: 2 * maxSteps + 1, maxLength: 2 * maxSteps + 1 }),
    newAmounts: fc.array(amount, { minLength: 4, maxLength: 4 }),
  });
}

interface Stay {
  /** Open index of the stage, or −1 for time spent lost before a reopening. */
  readonly open: number;
  readonly seconds: number;
  readonly sides: StepDraw[];
  /** How the stay ends: a move to an open index, a loss (relapse), or the deal's fate. */
  exit: { readonly kind: 'advance' | 'skip' | 'regress'; readonly to: number } | { readonly kind: 'relapse' } | undefined;
}

type Fate = 'won' | 'lost' | 'open' | 'suspended';

/** The deal's fate at `asOf`, from the knobs. */
function fateOf(draw: DealDraw, s: DealSettings): Fate {
  if (draw.fate < s.closedShare * RATIO) return draw.win < s.winRate * RATIO ? 'won' : 'lost';
  return draw.suspend < s.suspendedShare * RATIO ? 'suspended' : 'open';
}

/** Step 1: the stays of the deal's life, following the pipeline's skip and backward policies. */
function planStays(draw: DealDraw, fate: Fate, pipeline: Pipeline, open: readonly Stage[], s: DealSettings): Stay[] {
  const policy = pipeline.policy;
  const skipAllowed = (policy?.skip ?? 'gates') !== 'forbid';
  const backAllowed = (policy?.backward ?? 'allow') !== 'forbid';
  let at = s.startAnywhere ? draw.start % open.length : 0;
  const stays: Stay[] = [];
  const stayLength = () => draw.stays[stays.length % draw.stays.length] ?? s.minStay;
  let current: Stay = { open: at, seconds: stayLength(), sides: [], exit: undefined };
  const next = (to: number) => {
    stays.push(current);
    at = to;
    current = { open: to, seconds: stayLength(), sides: [], exit: undefined };
  };
  for (const step of draw.steps) {
    switch (step.action) {
      case 'advance':
      case 'skip': {
        const room = open.length - 1 - at;
        if (room <= 0) break;
        const skip = step.action === 'skip' && skipAllowed && room >= 2;
        const to = skip ? at + 2 + (step.pick % (room - 1)) : at + 1;
        current.exit = { kind: skip ? 'skip' : 'advance', to };
        next(to);
        break;
      }
      case 'regress':
        if (at > 0 && backAllowed) {
          const to = step.pick % at;
          current.exit = { kind: 'regress', to };
          next(to);
        }
        break;
      case 'relapse': {
        const back = at;
        current.exit = { kind: 'relapse' };
        stays.push(current);
        stays.push({ open: -1, seconds: stayLength(), sides: [], exit: undefined });
        current = { open: back, seconds: stayLength(), sides: [], exit: undefined };
        break;
      }
      default:
        current.sides.push(step);
    }
  }
  // A deal that will be won goes through the remaining open stages first, as won deals do.
  if (fate === 'won') {
    while (at < open.length - 1) {
      current.exit = { kind: 'advance', to: at + 1 };
      next(at + 1);
    }
  }
  stays.push(current);
  return stays;
}

/** Builds one valid deal, its fields matching its ledger, every event at or before `asOf`. */
export function buildDeal(
  draw: DealDraw,
  pipeline: Pipeline,
  s: DealSettings,
  ids: { readonly id: string; readonly customerId: string; readonly region?: string | undefined; readonly useDrawnRegion: boolean },
): Opportunity {
  const open = pipeline.stages.filter((st) => st.kind === 'open');
  const won = pipeline.stages.find((st) => st.kind === 'won') as Stage;
  const lost = pipeline.stages.find((st) => st.kind === 'lost') as Stage;
  const fate = fateOf(draw, s);
  const stays = planStays(draw, fate, pipeline, open, s);

  // Step 2: fit the life between creation and asOf.
  const span = stays.reduce((a, st) => a + st.seconds, 0);
  const latest = Math.min(s.createWindow, s.horizon - span);
  const fits = latest >= 0;
  const createdOffset = Math.floor((draw.created / RATIO) * (fits ? latest : s.createWindow));
  const scale = fits || span === 0 ? 1 : (s.horizon - createdOffset) / span;
  const t0 = s.lo + createdOffset * 1000;
  const timeAt = (offset: number) => new Date(t0 + Math.floor(offset * scale) * 1000);

  // Step 3: emit the events in time order, keeping the state they leave.
  const history: OpportunityEventDraft[] = [];
  const completed = new Map<string, CompletedTask>();
  const digits = minorUnitDigits(pipeline.currency);
  const money = (units: number, cents = 0): Money => ({
    amount: new Decimal(units).plus(new Decimal(cents % 10 ** digits).div(new Decimal(10).pow(digits))),
    currency: pipeline.currency,
  });
  let amount = money(draw.amount, draw.cents);
  let owner = s.owners[draw.owner % s.owners.length] as UserId;
  let stageIndex = stays[0]?.open ?? 0;
  let stageId: StageId = (open[stageIndex] as Stage).id;
  let status: Opportunity['status'] = 'open';
  let closedAt: Date | undefined;
  let lossReason: string | undefined;
  let competitor: string | undefined;
  const createdAt = timeAt(0);
  const createdDate = plainDateOf(createdAt);
  let closeDate: PlainDate | undefined = draw.closeInDays === undefined ? undefined : addDays(createdDate, draw.closeInDays);
  let amountPick = 0;
  let at = createdAt;

  const push = (e: OpportunityEventDraft) => history.push(e);
  const by = () => ({ by: owner });
  push({ type: 'created', at, ...by(), stageId });

  const complete = (taskId: KeyTaskId) => {
    completed.set(taskId, { at, by: owner });
    push({ type: 'task_completed', at, ...by(), taskId });
  };
  const completeRequired = (from: number, to: number) => {
    for (let i = from; i <= to; i++) {
      for (const task of (open[i] as Stage).keyTasks) {
        if (task.required && task.check.kind === 'manual' && !completed.has(task.id)) complete(task.id);
      }
    }
  };
  const resume = () => {
    if (status === 'suspended') {
      push({ type: 'resumed', at, ...by() });
      status = 'open';
    }
  };
  const side = (step: StepDraw) => {
    const stage = open[stageIndex] as Stage;
    switch (step.action) {
      case 'complete': {
        const todo = stage.keyTasks.filter((k) => k.check.kind === 'manual' && !completed.has(k.id));
        const task = todo[step.pick % Math.max(1, todo.length)];
        if (task !== undefined) complete(task.id);
        break;
      }
      case 'reopenTask': {
        const done = stage.keyTasks.filter((k) => completed.has(k.id));
        const task = done[step.pick % Math.max(1, done.length)];
        if (task !== undefined) {
          completed.delete(task.id);
          push({ type: 'task_reopened', at, ...by(), taskId: task.id });
        }
        break;
      }
      case 'suspend':
        if (status === 'open') {
          push({ type: 'suspended', at, ...by(), reason: '客户预算冻结' });
          status = 'suspended';
        }
        break;
      case 'amount': {
        const next = money(draw.newAmounts[amountPick++ % draw.newAmounts.length] ?? 1);
        if (!next.amount.eq(amount.amount)) {
          push({ type: 'amount_changed', at, ...by(), from: amount, to: next });
          amount = next;
        }
        break;
      }
      case 'closeDate': {
        const next = addDays(closeDate ?? createdDate, 1 + (step.pick % 90));
        push({ type: 'close_date_changed', at, ...by(), from: closeDate ?? null, to: next });
        closeDate = next;
        break;
      }
      case 'owner': {
        const next = s.owners[step.pick % s.owners.length] as UserId;
        if (next !== owner) {
          push({ type: 'owner_changed', at, ...by(), from: owner, to: next });
          owner = next;
        }
        break;
      }
      default:
        break;
    }
  };
  const lose = (reason: string, rival: string | undefined) => {
    resume();
    push({ type: 'lost', at, ...by(), stageId: lost.id, reason, ...(rival === undefined ? {} : { competitor: rival }) });
    stageId = lost.id;
    status = 'lost';
    closedAt = at;
    lossReason = reason;
    competitor = rival;
  };

  let offset = 0;
  stays.forEach((stay, k) => {
    const sides = [...stay.sides].sort((a, b) => a.at - b.at);
    for (const step of sides) {
      at = timeAt(offset + Math.floor((step.at / RATIO) * stay.seconds));
      side(step);
    }
    offset += stay.seconds;
    at = timeAt(offset);
    const exit = stay.exit;
    if (stay.open < 0) {
      // The time spent lost ends with a reopening into the open stage the deal left.
      push({ type: 'reopened', at, ...by(), stageId: (open[stageIndex] as Stage).id });
      stageId = (open[stageIndex] as Stage).id;
      status = 'open';
      closedAt = undefined;
      lossReason = undefined;
      competitor = undefined;
    } else if (exit === undefined) {
      if (k !== stays.length - 1) return;
      // The last stay: the deal's fate.
      if (fate === 'won') {
        resume();
        completeRequired(stageIndex, open.length - 1);
        push({ type: 'won', at, ...by(), stageId: won.id });
        stageId = won.id;
        status = 'won';
        closedAt = at;
      } else if (fate === 'lost') {
        lose('价格过高', draw.competitor);
      } else if (fate === 'suspended') {
        if (status === 'open') {
          push({ type: 'suspended', at, ...by(), reason: '客户暂停采购' });
          status = 'suspended';
        }
      } else {
        resume();
      }
    } else if (exit.kind === 'relapse') {
      lose('客户选择了其他方案', undefined);
    } else {
      resume();
      if (exit.kind !== 'regress') completeRequired(stageIndex, exit.to - 1);
      const to = (open[exit.to] as Stage).id;
      push({
        type: 'stage_changed',
        at,
        ...by(),
        from: stageId,
        to,
        kind: exit.kind,
        ...(exit.kind === 'regress' ? { reason: '客户重新评估需求' } : {}),
      });
      stageId = to;
      stageIndex = exit.to;
    }
  });

  const isOpen = status === 'open' || status === 'suspended';
  const region = ids.useDrawnRegion
    ? draw.region === undefined || s.regions.length === 0
      ? undefined
      : s.regions[draw.region % s.regions.length]
    : ids.region;
  return {
    id: ids.id as OpportunityId,
    customerId: ids.customerId as CustomerId,
    pipelineId: pipeline.id,
    name: `Deal ${ids.id}`,
    amount,
    ...(closeDate === undefined ? {} : { expectedCloseDate: closeDate }),
    ...(region === undefined ? {} : { region }),
    stageId,
    status,
    ...(draw.override === undefined || !isOpen ? {} : { probabilityOverride: new Decimal(draw.override).div(100) }),
    ownerId: owner,
    completedTasks: Object.fromEntries(completed) as Record<KeyTaskId, CompletedTask>,
    ...(closedAt === undefined ? {} : { closedAt }),
    ...(lossReason === undefined ? {} : { lossReason }),
    ...(competitor === undefined ? {} : { competitor }),
    attributes: {},
    // Event ids are unique across a book: the deal's id, then `e` and the position.
    history: history.map((e, i) => ({ ...e, seq: i + 1, id: `${ids.id}-e${i + 1}` }) as OpportunityEvent),
  };
}
