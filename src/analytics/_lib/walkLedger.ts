import { impliedStageOf } from '../../model/columnEvents.js';
import { COLUMN_EVENT_TYPES, type DealColumns } from '../../model/dealColumns.js';
import type { Opportunity } from '../../model/opportunity.js';
import { OPEN, WON, stageInfo, type PipelineIndex, type StageInfo } from '../../model/pipelineIndex.js';

/** Outcome codes of a stay, as small integers for the hot loops (see `StageVisitOutcome`). */
export const ADVANCED = 0;
export const SKIPPED = 1;
export const REGRESSED = 2;
export const WON_FROM = 3;
export const LOST_FROM = 4;
export const STILL_OPEN = 5;

// Event type codes of the ledger columns (indexes into COLUMN_EVENT_TYPES).
const EV_CREATED = COLUMN_EVENT_TYPES.indexOf('created');
const EV_STAGE_CHANGED = COLUMN_EVENT_TYPES.indexOf('stage_changed');
const EV_SUSPENDED = COLUMN_EVENT_TYPES.indexOf('suspended');
const EV_RESUMED = COLUMN_EVENT_TYPES.indexOf('resumed');
const EV_WON = COLUMN_EVENT_TYPES.indexOf('won');
const EV_LOST = COLUMN_EVENT_TYPES.indexOf('lost');
const EV_REOPENED = COLUMN_EVENT_TYPES.indexOf('reopened');

/** The outcome names, indexed by code. */
export const OUTCOME_NAMES = ['advanced', 'skipped', 'regressed', 'won', 'lost', 'open'] as const;

/**
 * Receives one stay. `leftMs` is NaN for a stay still open at the end of the walk;
 * `toIndex` is the open index of the stage moved to (−1 for won/lost or none).
 */
export type StaySink = (
  stageIndex: number,
  enteredMs: number,
  leftMs: number,
  outcome: number,
  toStageId: string | undefined,
  toIndex: number,
  suspendedMs: number,
) => void;

/** Mutable scratch filled by `walkLedger` (reused across deals to avoid allocation). */
export interface LedgerSummary {
  /** Time of the first considered event; NaN when none. */
  firstMs: number;
  /** Creation: the `created` event, else the first considered event; NaN when none. */
  createdMs: number;
  /** Time of the last considered event; NaN when none. */
  lastMs: number;
  /** The instant open stays are judged at: `asOf`, or `lastMs` without one. */
  endMs: number;
  /** Stage the deal stands in at the end (any kind), if the ledger names one. */
  stage: StageInfo | undefined;
  /** Entry time of the open stay at the end; NaN when the deal is not in an open stage. */
  enteredMs: number;
  /** Whether the deal is suspended at the end. */
  suspended: boolean;
  /** Suspended time (ms) of the open stay at the end, up to `endMs`. */
  staySuspendedMs: number;
  /** Total suspended time (ms) of the deal up to `endMs`, across all its stays. */
  totalSuspendedMs: number;
}

/** A fresh summary object. */
export function newSummary(): LedgerSummary {
  return { firstMs: NaN, createdMs: NaN, lastMs: NaN, endMs: NaN, stage: undefined, enteredMs: NaN, suspended: false, staySuspendedMs: 0, totalSuspendedMs: 0 };
}

/**
 * Replays deals' ledgers up to an instant and reports every stay in an open stage to
 * `sink`, in time order; a jump forward reports the advancing stay, then one zero-length
 * `SKIPPED` stay per open stage jumped over. See `stageVisits` for the public
 * definition. A class with its state in fields, so that walking a deal allocates
 * nothing (no closures per deal): create one per scan and call `walk` per deal.
 */
export class LedgerWalker {
  private cur: StageInfo | undefined = undefined;
  private stayStart = NaN; // NaN: not in an open stay
  private staySusp = 0;
  private suspended = false;
  private suspMark = 0;
  // Stage infos by stage code, for walking columns.
  private infos: StageInfo[] | undefined = undefined;
  private infosOf: readonly string[] | undefined = undefined;

  constructor(
    private readonly index: PipelineIndex,
    private readonly sink: StaySink | undefined,
  ) {}

  private startStay(info: StageInfo, t: number): void {
    this.cur = info;
    if (info.kind === OPEN) {
      this.stayStart = t;
      this.staySusp = 0;
      // The new stay's suspended time counts from its start, also when the suspension
      // began before it (a reopening, or the first stay of an import, while suspended).
      this.suspMark = this.suspended ? Math.max(this.suspMark, t) : t;
    } else {
      this.stayStart = NaN;
    }
  }

  private closeStay(t: number, outcome: number, to: StageInfo): void {
    if (this.suspended) {
      this.staySusp += t - this.suspMark;
      this.suspMark = t;
    }
    const sink = this.sink;
    if (sink === undefined) return;
    const from = (this.cur as StageInfo).openIndex;
    const toIndex = to.openIndex;
    sink(from, this.stayStart, t, outcome, to.stage.id, toIndex, this.staySusp);
    if (outcome === ADVANCED) for (let k = from + 1; k < toIndex; k++) sink(k, t, t, SKIPPED, to.stage.id, toIndex, 0);
  }

  // Moves the deal to `to` at `t`, ending the current stay (if any) by position.
  private move(to: StageInfo, t: number): void {
    const cur = this.cur;
    // A stay start is set exactly when the deal enters an open stage (startStay), so
    // `cur.kind === OPEN` and the stay-start test imply each other: either one mutated
    // to `true` is an equivalent mutant.
    // Stryker disable next-line ConditionalExpression: see above
    if (cur !== undefined && cur.kind === OPEN && !Number.isNaN(this.stayStart)) {
      if (to.kind === OPEN) {
        if (to.openIndex === cur.openIndex) return; // no movement: the stay goes on
        // Stryker disable next-line EqualityOperator: equal positions returned just above
        this.closeStay(t, to.openIndex > cur.openIndex ? ADVANCED : REGRESSED, to);
      } else {
        this.closeStay(t, to.kind === WON ? WON_FROM : LOST_FROM, to);
      }
    }
    this.startStay(to, t);
  }

  /**
   * Walks one deal's ledger up to `asOfMs` (events strictly after it are ignored; pass
   * `Infinity` for the whole ledger) and fills `summary`.
   *
   * @throws FunnelError `unknown_stage` for a stage id the pipeline does not have.
   */
  walk(opportunity: Pick<Opportunity, 'history' | 'stageId'>, asOfMs: number, summary: LedgerSummary): void {
    const index = this.index;
    this.cur = undefined;
    this.stayStart = NaN;
    this.staySusp = 0;
    this.suspended = false;
    this.suspMark = 0;
    let firstMs = NaN;
    let createdEventMs = NaN;
    let lastMs = NaN;
    let suspStart = 0;
    let totalSusp = 0;
    const history = opportunity.history;
    // An import without `created`: the deal stood in the first `stage_changed.from` since
    // the first event of its whole ledger, even when that stage change comes after asOf
    // (in its current stage, when no event of the ledger sets the stage).
    const implied = impliedFirstStage(opportunity, index);
    if (implied !== undefined && history[0]!.at.getTime() <= asOfMs) this.startStay(implied, history[0]!.at.getTime());
    for (let i = 0; i < history.length; i++) {
      const e = history[i]!;
      const t = e.at.getTime();
      if (t > asOfMs) continue;
      if (Number.isNaN(firstMs)) firstMs = t;
      lastMs = t;
      switch (e.type) {
        // The parser admits one `created` only, as the first event: when there is one,
        // createdEventMs is firstMs, so these two lines are equivalent when mutated.
        // Stryker disable next-line ConditionalExpression: see above
        case 'created':
          // Stryker disable next-line ConditionalExpression: see above
          if (Number.isNaN(createdEventMs)) createdEventMs = t;
          this.move(stageInfo(index, e.stageId), t);
          break;
        case 'reopened':
        case 'won':
        case 'lost':
          this.move(stageInfo(index, e.stageId), t);
          break;
        case 'stage_changed':
          this.move(stageInfo(index, e.to), t);
          break;
        case 'suspended':
          if (!this.suspended) {
            this.suspended = true;
            this.suspMark = t;
            suspStart = t;
          }
          break;
        case 'resumed':
          if (this.suspended) {
            // Stryker disable next-line ConditionalExpression: equivalent; outside an open stay staySusp is never read, and the next open stay resets it
            if (!Number.isNaN(this.stayStart)) this.staySusp += t - this.suspMark;
            totalSusp += t - suspStart;
            this.suspended = false;
          }
          break;
        default:
          break;
      }
    }
    this.finish(asOfMs, firstMs, createdEventMs, lastMs, totalSusp, suspStart, summary);
  }

  /**
   * Walks deal `i` of a columns chunk, exactly as {@link walk} walks a deal object (the
   * column form of the same replay).
   */
  walkColumns(cols: DealColumns, i: number, asOfMs: number, summary: LedgerSummary): void {
    let infos = this.infos;
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: every chunk is checked to carry the pipeline's stages in order (assertColumnsOf), so infos built from one chunk fit all; the test only decides when to build them
    if (infos === undefined || this.infosOf !== cols.stageIds) {
      const index = this.index;
      infos = cols.stageIds.map((id) => stageInfo(index, id));
      this.infos = infos;
      this.infosOf = cols.stageIds;
    }
    this.cur = undefined;
    this.stayStart = NaN;
    this.staySusp = 0;
    this.suspended = false;
    this.suspMark = 0;
    let firstMs = NaN;
    let createdEventMs = NaN;
    let lastMs = NaN;
    let suspStart = 0;
    let totalSusp = 0;
    const ev = cols.events;
    const begin = ev.start[i]!;
    const end = ev.start[i + 1]!;
    const types = ev.type;
    const stages = ev.stage;
    const at = ev.at;
    // An import without `created` stood in its first stage change's `from` since its first
    // event, or in its current stage when no event of its ledger sets the stage.
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: impliedStageOfDeal finds nothing (-1) for an empty ledger or one that starts with created; this test only spares it the search
    const implied = begin < end && types[begin] !== EV_CREATED ? impliedStageOfDeal(cols, i) : -1;
    if (implied >= 0 && at[begin]! <= asOfMs) this.startStay(infos[implied]!, at[begin]!);
    for (let e = begin; e < end; e++) {
      const t = at[e]!;
      if (t > asOfMs) continue;
      if (Number.isNaN(firstMs)) firstMs = t;
      lastMs = t;
      switch (types[e]) {
        // As in walk: the only created is the first event, so createdEventMs is firstMs.
        // Stryker disable next-line ConditionalExpression: see above
        case EV_CREATED:
          // Stryker disable next-line ConditionalExpression: see above
          if (Number.isNaN(createdEventMs)) createdEventMs = t;
          this.move(infos[stages[e]!]!, t);
          break;
        case EV_STAGE_CHANGED:
        case EV_WON:
        case EV_LOST:
        case EV_REOPENED:
          this.move(infos[stages[e]!]!, t);
          break;
        case EV_SUSPENDED:
          if (!this.suspended) {
            this.suspended = true;
            this.suspMark = t;
            suspStart = t;
          }
          break;
        case EV_RESUMED:
          if (this.suspended) {
            // Stryker disable next-line ConditionalExpression: equivalent; outside an open stay staySusp is never read, and the next open stay resets it
            if (!Number.isNaN(this.stayStart)) this.staySusp += t - this.suspMark;
            totalSusp += t - suspStart;
            this.suspended = false;
          }
          break;
        // Stryker disable next-line ConditionalExpression: an empty default case; dropping it changes nothing
        default:
          break;
      }
    }
    this.finish(asOfMs, firstMs, createdEventMs, lastMs, totalSusp, suspStart, summary);
  }

  private finish(asOfMs: number, firstMs: number, createdEventMs: number, lastMs: number, totalSuspIn: number, suspStart: number, summary: LedgerSummary): void {
    let totalSusp = totalSuspIn;
    const endMs = asOfMs === Infinity ? lastMs : asOfMs;
    const cur = this.cur as StageInfo | undefined;
    // As in `move`: `cur.kind === OPEN` and the stay-start test imply each other.
    // Stryker disable next-line ConditionalExpression,LogicalOperator: see above
    const open = cur !== undefined && cur.kind === OPEN && !Number.isNaN(this.stayStart);
    if (open && this.suspended) this.staySusp += endMs - this.suspMark;
    // totalSuspendedMs is read only for deals not suspended at the end (findStalled and
    // auditPipeline judge no suspended deal), so this line cannot change a result.
    // Stryker disable next-line all: equivalent, see above
    if (this.suspended) totalSusp += endMs - suspStart;
    // Stryker disable next-line UnaryOperator: no sink reads the target position of a stay still open
    if (open && this.sink !== undefined) this.sink(cur.openIndex, this.stayStart, NaN, STILL_OPEN, undefined, -1, this.staySusp);
    summary.firstMs = firstMs;
    summary.createdMs = !Number.isNaN(createdEventMs) ? createdEventMs : firstMs;
    summary.lastMs = lastMs;
    summary.endMs = endMs;
    summary.stage = cur;
    summary.enteredMs = open ? this.stayStart : NaN;
    summary.suspended = this.suspended;
    summary.staySuspendedMs = open ? this.staySusp : 0;
    summary.totalSuspendedMs = totalSusp;
  }
}

/**
 * The stage an imported ledger without a `created` event starts in: the `from` of its
 * first `stage_changed`, when no other event that sets the stage (`created`, `won`,
 * `lost`, `reopened`) comes first; the deal's current stage when no event of the
 * ledger sets the stage at all (an import whose ledger holds only, say, close-date
 * changes has stood in its stage since its first event). Read from the whole ledger,
 * whatever the instant it is read to, so a deal whose first stage change lies after
 * `asOf` still stands in that stage at `asOf`.
 *
 * @throws FunnelError `unknown_stage` for a stage the pipeline does not have.
 */
function impliedFirstStage(opportunity: Pick<Opportunity, 'history' | 'stageId'>, index: PipelineIndex): StageInfo | undefined {
  const history = opportunity.history;
  for (let i = 0; i < history.length; i++) {
    const e = history[i]!;
    switch (e.type) {
      case 'stage_changed':
        return stageInfo(index, e.from);
      // The labels below are equivalent when mutated, for ledgers the parser admits: after a
      // created or a reopened, the first stage change leaves that event's stage, so the
      // implied stay would be the same stay from the same instant; after a won or a lost,
      // the next stage event is a reopened, which ends the search as well.
      // Stryker disable next-line StringLiteral: see above
      case 'created':
      // Stryker disable next-line StringLiteral: see above
      case 'won':
      // Stryker disable next-line StringLiteral: see above
      case 'lost':
      // Stryker disable next-line StringLiteral: see above
      case 'reopened':
        return undefined;
      // Stryker disable next-line ConditionalExpression: an empty default case
      default:
        break;
    }
  }
  // No event sets the stage (an empty ledger has no first event: nothing to imply).
  return history.length === 0 ? undefined : stageInfo(index, opportunity.stageId);
}

/**
 * {@link impliedFirstStage} of deal `i` of a columns chunk, as a stage code: the implied
 * first stage (`impliedStageOf`), else the deal's current stage when no event of its
 * ledger sets the stage, else -1.
 */
function impliedStageOfDeal(cols: DealColumns, i: number): number {
  const implied = impliedStageOf(cols, i);
  if (implied >= 0) return implied;
  const ev = cols.events;
  const begin = ev.start[i]!;
  const end = ev.start[i + 1]!;
  const noStage = cols.stageIds.length;
  // Every stage-setting event (a stage_changed too) carries its stage in the stage column.
  for (let e = begin; e < end; e++) if (ev.stage[e]! < noStage) return -1;
  // No event sets the stage (an empty ledger has no first event: nothing to imply; the
  // caller never asks for one, so `true` or `begin <= end` here are equivalent mutants).
  return begin < end ? cols.stage[i]! : -1;
}

/** One-off walk of one deal (see `LedgerWalker`); scans over many deals reuse a walker instead. */
export function walkLedger(
  opportunity: Pick<Opportunity, 'history' | 'stageId'>,
  index: PipelineIndex,
  asOfMs: number,
  sink: StaySink | undefined,
  summary: LedgerSummary,
): void {
  new LedgerWalker(index, sink).walk(opportunity, asOfMs, summary);
}
