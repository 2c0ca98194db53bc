import type { Opportunity } from '../../model/opportunity.js';
import { OPEN, stageInfo, type PipelineIndex, type StageInfo } from './pipelineIndex.js';

/** Outcome codes of a stay, as small integers for the hot loops (see `StageVisitOutcome`). */
export const ADVANCED = 0;
export const SKIPPED = 1;
export const REGRESSED = 2;
export const WON_FROM = 3;
export const LOST_FROM = 4;
export const STILL_OPEN = 5;

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
  /** Whether the deal ever stood in an open stage. */
  everOpen: boolean;
  /** Total suspended time (ms) of the deal up to `endMs`, across all its stays. */
  totalSuspendedMs: number;
}

/** A fresh summary object. */
export function newSummary(): LedgerSummary {
  return { firstMs: NaN, createdMs: NaN, lastMs: NaN, endMs: NaN, stage: undefined, enteredMs: NaN, suspended: false, staySuspendedMs: 0, everOpen: false, totalSuspendedMs: 0 };
}

/**
 * Replays a deal's ledger up to `asOfMs` (events strictly after it are ignored) and
 * reports every stay in an open stage to `sink`, in time order; a jump forward reports
 * the advancing stay, then one zero-length `SKIPPED` stay per open stage jumped over.
 * See `stageVisits` for the public definition. Allocates nothing per event.
 *
 * @throws FunnelError `unknown_stage` for a stage id the pipeline does not have.
 */
export function walkLedger(
  opportunity: Pick<Opportunity, 'history'>,
  index: PipelineIndex,
  asOfMs: number,
  sink: StaySink | undefined,
  summary: LedgerSummary,
): void {
  let firstMs = NaN;
  let createdEventMs = NaN;
  let lastMs = NaN;
  let cur: StageInfo | undefined;
  let stayStart = NaN; // NaN: not in an open stay
  let staySusp = 0;
  let suspended = false;
  let suspMark = 0;
  let suspStart = 0;
  let totalSusp = 0;
  let everOpen = false;

  const startStay = (info: StageInfo, t: number): void => {
    cur = info;
    if (info.kind === OPEN) {
      stayStart = t;
      staySusp = 0;
      // While suspended, the new stay's suspended time counts from its start (or from
      // the suspension, in an import whose first stay began before it).
      suspMark = suspended ? Math.max(suspMark, t) : t;
      everOpen = true;
    } else {
      stayStart = NaN;
    }
  };

  const closeStay = (t: number, outcome: number, to: StageInfo): void => {
    if (suspended) {
      staySusp += t - suspMark;
      suspMark = t;
    }
    const from = (cur as StageInfo).openIndex;
    const toIndex = to.openIndex;
    if (sink !== undefined) {
      sink(from, stayStart, t, outcome, to.stage.id, toIndex, staySusp);
      if (outcome === ADVANCED) for (let k = from + 1; k < toIndex; k++) sink(k, t, t, SKIPPED, to.stage.id, toIndex, 0);
    }
  };

  // Moves the deal to `to` at `t`, ending the current stay (if any) by position.
  const move = (to: StageInfo, t: number): void => {
    if (cur !== undefined && cur.kind === OPEN && stayStart === stayStart) {
      if (to.kind === OPEN) {
        if (to.openIndex === cur.openIndex) return; // no movement: the stay goes on
        closeStay(t, to.openIndex > cur.openIndex ? ADVANCED : REGRESSED, to);
      } else {
        closeStay(t, to.kind === 1 ? WON_FROM : LOST_FROM, to);
      }
    }
    startStay(to, t);
  };

  const history = opportunity.history;
  for (let i = 0; i < history.length; i++) {
    const e = history[i]!;
    const t = e.at.getTime();
    if (t > asOfMs) continue;
    if (firstMs !== firstMs) firstMs = t;
    lastMs = t;
    switch (e.type) {
      case 'created':
        if (createdEventMs !== createdEventMs) createdEventMs = t;
        move(stageInfo(index, e.stageId), t);
        break;
      case 'reopened':
        move(stageInfo(index, e.stageId), t);
        break;
      case 'stage_changed': {
        const from = stageInfo(index, e.from);
        // An import without `created`: the deal stood in `from` since its first event.
        if (cur === undefined) startStay(from, firstMs);
        move(stageInfo(index, e.to), t);
        break;
      }
      case 'won':
      case 'lost':
        move(stageInfo(index, e.stageId), t);
        break;
      case 'suspended':
        if (!suspended) {
          suspended = true;
          suspMark = t;
          suspStart = t;
        }
        break;
      case 'resumed':
        if (suspended) {
          if (stayStart === stayStart) staySusp += t - suspMark;
          totalSusp += t - suspStart;
          suspended = false;
        }
        break;
      default:
        break;
    }
  }
  const endMs = asOfMs === Infinity ? lastMs : asOfMs;
  const open = cur !== undefined && cur.kind === OPEN && stayStart === stayStart;
  if (open && suspended) staySusp += endMs - suspMark;
  if (suspended) totalSusp += endMs - suspStart;
  if (open && sink !== undefined) sink(cur!.openIndex, stayStart, NaN, STILL_OPEN, undefined, -1, staySusp);
  summary.firstMs = firstMs;
  summary.createdMs = createdEventMs === createdEventMs ? createdEventMs : firstMs;
  summary.lastMs = lastMs;
  summary.endMs = endMs;
  summary.stage = cur;
  summary.enteredMs = open ? stayStart : NaN;
  summary.suspended = suspended;
  summary.staySuspendedMs = open ? staySusp : 0;
  summary.everOpen = everOpen;
  summary.totalSuspendedMs = totalSusp;
}
