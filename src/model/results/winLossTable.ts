// The win / loss result: its public types and the one implementation of its finishing
// step (rows, shares, decided rates, listed reasons and stages, row order), shared by
// `winLoss` (src/analytics) and the decoder of `winLossSql` (src/sql), which may not
// import the analytics. The types are public through src/analytics/winLoss.ts.
import type { CurrencyCode } from '../../money/currency.js';
import { Decimal } from '../../money/decimal.js';
import type { Money } from '../../money/money.js';
import { NO_GROUP, type Grouped } from '../groupBy.js';
import type { PipelineId, StageId } from '../ids.js';
import type { Pipeline } from '../pipeline.js';
import type { PipelineIndex } from '../pipelineIndex.js';
import { rate } from './rate.js';

/** A number of deals and their amount. */
export interface WinLossTally {
  /** Number of deals. */
  readonly count: number;
  /** Σ amount at closing, in the pipeline currency (exact). */
  readonly amount: Money;
}

/**
 * One row of a win / loss breakdown (a loss reason, a stage, a competitor): the lost
 * deals it holds and their part of all the lost deals of the table.
 */
export interface WinLossRow extends WinLossTally {
  /** The reason, stage id or competitor; `'(none)'` when the deal does not record one. */
  readonly key: string;
  /** count ÷ the lost deals of the table; null when no deal was lost. The shares of a breakdown add up to 1. */
  readonly share: number | null;
  /** amount ÷ the lost amount of the table; null when that is 0. */
  readonly amountShare: number | null;
}

/** One row of the breakdown by the stage a deal was lost at. */
export interface WinLossStageRow extends WinLossRow {
  /** The open stage the deal left when it was lost; null when its ledger does not show one (`key` is then `'(none)'`). */
  readonly stageId: StageId | null;
  /** That stage's name; null with `stageId`. */
  readonly stageName: string | null;
}

/**
 * The win / loss figures of a set of deals closed in the window. Only **decided** deals
 * (won or lost) count: open and suspended deals are in no figure, so the win rates here
 * are rates among decided deals, never among all deals worked.
 */
export interface WinLossFigures {
  /** Deals won (赢单) in the window. */
  readonly won: WinLossTally;
  /** Deals lost (输单) in the window. */
  readonly lost: WinLossTally;
  /** Decided deals: won + lost. */
  readonly decided: WinLossTally;
  /** 赢单率 by count, among decided deals only: won.count ÷ decided.count; null when nothing was decided. */
  readonly decidedWinRateByCount: number | null;
  /** 赢单率 by value, among decided deals only: won.amount ÷ decided.amount; null when that is 0. */
  readonly decidedWinRateByValue: number | null;
  /**
   * Lost deals by loss reason (输单原因): the pipeline's `lossReasons` always listed (0 when
   * unused), other reasons met too; most deals first (then most amount, then the
   * pipeline's order, then by name), `'(none)'` last.
   */
  readonly byLossReason: readonly WinLossRow[];
  /** Lost deals by the open stage they were lost at, in funnel order (every open stage listed), `'(none)'` last. */
  readonly byLostAtStage: readonly WinLossStageRow[];
  /** Lost deals by the competitor who won them (竞争对手); most deals first, `'(none)'` (not recorded) last. */
  readonly byCompetitor: readonly WinLossRow[];
}

/**
 * The result of {@link winLoss}: the figures over every deal counted (`total`) and per
 * group, in the library's grouped shape.
 */
export interface WinLoss extends Grouped<WinLossFigures> {
  /** The pipeline. */
  readonly pipelineId: PipelineId;
  /** Currency of every amount (the pipeline's). */
  readonly currency: CurrencyCode;
  /** Window start (inclusive), if given. */
  readonly from?: Date;
  /** Window end (exclusive), if given. */
  readonly to?: Date;
}

/**
 * Running sums of one breakdown row (a loss reason, a stage, a competitor).
 *
 * @internal
 */
export interface WinLossRowAcc {
  count: number;
  amount: Decimal;
}

/**
 * Running sums of one win / loss table: won and lost deals, and the lost deals by loss
 * reason, by lost-at stage and by competitor (keys as recorded; `'(none)'` when not).
 *
 * @internal
 */
export interface WinLossAcc {
  won: WinLossRowAcc;
  lost: WinLossRowAcc;
  reasons: Map<string, WinLossRowAcc>;
  stages: Map<string, WinLossRowAcc>;
  competitors: Map<string, WinLossRowAcc>;
}

const ZERO = new Decimal(0);

/** An empty row. @internal */
export function newWinLossRow(): WinLossRowAcc {
  return { count: 0, amount: ZERO };
}

/** An empty table. @internal */
export function newWinLossAcc(): WinLossAcc {
  return { won: newWinLossRow(), lost: newWinLossRow(), reasons: new Map(), stages: new Map(), competitors: new Map() };
}

/** Adds `count` deals and their `amount` to the row `key` of a breakdown, creating it on first use. @internal */
export function addToWinLossRow(map: Map<string, WinLossRowAcc>, key: string, count: number, amount: Decimal): void {
  let row = map.get(key);
  if (row === undefined) {
    row = newWinLossRow();
    map.set(key, row);
  }
  row.count += count;
  row.amount = row.amount.plus(amount);
}

/** Adds the sums of `from` into `into` (a group into the total, a shard into another). @internal */
export function addWinLossAcc(into: WinLossAcc, from: WinLossAcc): void {
  for (const t of ['won', 'lost'] as const) {
    into[t].count += from[t].count;
    into[t].amount = into[t].amount.plus(from[t].amount);
  }
  for (const field of ['reasons', 'stages', 'competitors'] as const) {
    for (const [k, r] of from[field]) addToWinLossRow(into[field], k, r.count, r.amount);
  }
}

/** Most deals first, then most amount, then the given order (the pipeline's loss reasons), then by name; `'(none)'` last. */
function byCountThenAmount(order: ReadonlyMap<string, number>) {
  return (a: [string, WinLossRowAcc], b: [string, WinLossRowAcc]): number => {
    if ((a[0] === NO_GROUP) !== (b[0] === NO_GROUP)) return a[0] === NO_GROUP ? 1 : -1;
    if (a[1].count !== b[1].count) return b[1].count - a[1].count;
    const byAmount = b[1].amount.cmp(a[1].amount);
    if (byAmount !== 0) return byAmount;
    const oa = order.get(a[0]) ?? Number.POSITIVE_INFINITY;
    const ob = order.get(b[0]) ?? Number.POSITIVE_INFINITY;
    if (oa !== ob) return oa < ob ? -1 : 1;
    return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
  };
}

/** Funnel order for the lost-at breakdown: open stages in order, then stages the pipeline lacks, then `'(none)'`. */
function stagePosition(order: ReadonlyMap<string, number>, key: string): number {
  return order.get(key) ?? (key === NO_GROUP ? Number.POSITIVE_INFINITY : Number.MAX_SAFE_INTEGER);
}

/**
 * The finishing step of a win / loss table, for one pipeline: turns running sums into
 * {@link WinLossFigures} — amounts in the pipeline currency, each row's `share` and
 * `amountShare` of the lost deals, the decided win rates (0/0 → null), the pipeline's
 * `lossReasons` always listed (0 when unused), every open stage listed in funnel order,
 * and the rows ordered as documented on {@link WinLossFigures}.
 *
 * @internal
 */
export function winLossFinisher(pipeline: Pipeline, index: PipelineIndex): (acc: WinLossAcc) => WinLossFigures {
  const currency = pipeline.currency;
  const listed = new Map<string, number>();
  (pipeline.lossReasons ?? []).forEach((r, i) => {
    if (!listed.has(r.trim())) listed.set(r.trim(), i);
  });
  const stageOrder = new Map(index.openIds.map((id, i) => [id as string, i]));
  const money = (amount: Decimal): Money => ({ amount, currency });
  return (acc: WinLossAcc): WinLossFigures => {
    const lost = acc.lost;
    const row = (key: string, r: WinLossRowAcc): WinLossRow => ({
      key,
      count: r.count,
      amount: money(r.amount),
      share: rate(r.count, lost.count),
      amountShare: lost.amount.isZero() ? null : r.amount.div(lost.amount).toNumber(),
    });
    const reasons = new Map(acc.reasons);
    for (const r of listed.keys()) if (!reasons.has(r)) reasons.set(r, newWinLossRow());
    const stages = new Map<string, WinLossRowAcc>(index.openIds.map((id) => [id as string, acc.stages.get(id) ?? newWinLossRow()]));
    for (const [k, r] of acc.stages) if (!stages.has(k)) stages.set(k, r);
    const decidedAmount = acc.won.amount.plus(lost.amount);
    return {
      won: { count: acc.won.count, amount: money(acc.won.amount) },
      lost: { count: lost.count, amount: money(lost.amount) },
      decided: { count: acc.won.count + lost.count, amount: money(decidedAmount) },
      decidedWinRateByCount: rate(acc.won.count, acc.won.count + lost.count),
      decidedWinRateByValue: decidedAmount.isZero() ? null : acc.won.amount.div(decidedAmount).toNumber(),
      byLossReason: [...reasons].sort(byCountThenAmount(listed)).map(([k, r]) => row(k, r)),
      byLostAtStage: [...stages]
        .sort((a, b) => stagePosition(stageOrder, a[0]) - stagePosition(stageOrder, b[0]))
        .map(([k, r]) => {
          const info = index.byId.get(k);
          return { ...row(k, r), stageId: info === undefined && k === NO_GROUP ? null : (k as StageId), stageName: info?.stage.name ?? null };
        }),
      byCompetitor: [...acc.competitors].sort(byCountThenAmount(new Map())).map(([k, r]) => row(k, r)),
    };
  };
}
