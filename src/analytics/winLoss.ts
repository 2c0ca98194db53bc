import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { amountIn } from '../money/amountIn.js';
import type { ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { GroupAccumulator, groupKeyFn, NO_GROUP, type Grouped } from '../model/groupBy.js';
import type { PipelineId, StageId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { pipelineIndex, type PipelineIndex } from '../model/pipelineIndex.js';
import { checkZone } from '../time/zone.js';
import { instantMs, type InstantInput } from '../time/instant.js';
import { amountAt } from './_lib/fieldsAt.js';
import { rate } from './_lib/flowCounts.js';
import { pipelineFilter } from './_lib/groups.js';
import type { AnalyticsOptions } from './analyticsOptions.js';

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
 * Options for {@link winLoss}. With `groupBy`, the `'period'` key is the period of the
 * closing event (not of creation, as elsewhere in the analytics); the other keys read the
 * deal as it is now (its current owner, region …).
 */
export interface WinLossOptions extends AnalyticsOptions {
  /**
   * Window start, inclusive (a `Date` or an ISO 8601 string with offset).
   *
   * @defaultValue no lower bound
   */
  readonly from?: InstantInput;
  /**
   * Window end, exclusive (the window is the half-open `[from, to)`).
   *
   * @defaultValue no upper bound
   */
  readonly to?: InstantInput;
  /**
   * The instant the books are read at: ledger events after it have not happened.
   *
   * @defaultValue every event before `to`
   */
  readonly asOf?: InstantInput;
  /** Rates for deals in another currency than the pipeline's; without them such a deal throws `currency_mismatch`. */
  readonly rates?: ExchangeRates;
}

/** What closed a deal in the window. */
interface Closing {
  won: boolean;
  atMs: number;
  reason: string | undefined;
  competitor: string | undefined;
  lostAt: string | undefined;
}

/** Running sums of one breakdown row. */
interface RowAcc {
  count: number;
  amount: Decimal;
}

/** Running sums of one table. */
interface Acc {
  won: RowAcc;
  lost: RowAcc;
  reasons: Map<string, RowAcc>;
  stages: Map<string, RowAcc>;
  competitors: Map<string, RowAcc>;
}

const ZERO = new Decimal(0);

function newRow(): RowAcc {
  return { count: 0, amount: ZERO };
}

function newAcc(): Acc {
  return { won: newRow(), lost: newRow(), reasons: new Map(), stages: new Map(), competitors: new Map() };
}

function bump(map: Map<string, RowAcc>, key: string, amount: Decimal): void {
  let row = map.get(key);
  if (row === undefined) {
    row = newRow();
    map.set(key, row);
  }
  row.count++;
  row.amount = row.amount.plus(amount);
}

function add(acc: Acc, c: Closing, amount: Decimal): void {
  const tally = c.won ? acc.won : acc.lost;
  tally.count++;
  tally.amount = tally.amount.plus(amount);
  if (c.won) return;
  bump(acc.reasons, c.reason ?? NO_GROUP, amount);
  bump(acc.stages, c.lostAt ?? NO_GROUP, amount);
  bump(acc.competitors, c.competitor ?? NO_GROUP, amount);
}

/**
 * The event that left the deal closed at the end of the window (`won` or `lost` with
 * `at` < `endMs`, not followed by `reopened` before `endMs`), and the open stage the
 * deal stood in just before it; for a ledger without any closing event, the deal's own
 * `closedAt`, `lossReason` and `competitor`.
 */
function closingOf(o: Opportunity, index: PipelineIndex, endMs: number): Closing | undefined {
  const h = o.history;
  let closing: Closing | undefined;
  let everClosed = false;
  let open: string | undefined;
  for (let i = 0; i < h.length; i++) {
    const e = h[i]!;
    const t = e.at.getTime();
    if (e.type === 'won' || e.type === 'lost') everClosed = true;
    if (t >= endMs) continue;
    switch (e.type) {
      case 'created':
      case 'reopened':
        open = e.stageId;
        if (e.type === 'reopened') closing = undefined;
        break;
      case 'stage_changed':
        if ((index.byId.get(e.to)?.openIndex ?? -1) >= 0) open = e.to;
        break;
      case 'won':
        closing = { won: true, atMs: t, reason: undefined, competitor: undefined, lostAt: undefined };
        break;
      case 'lost':
        closing = { won: false, atMs: t, reason: e.reason, competitor: e.competitor, lostAt: open };
        break;
      default:
        break;
    }
  }
  if (everClosed || (o.status !== 'won' && o.status !== 'lost') || o.closedAt === undefined) return closing;
  // An imported deal whose ledger never closes it: its own fields say how and when.
  const t = o.closedAt.getTime();
  if (!(t < endMs)) return undefined;
  return o.status === 'won'
    ? { won: true, atMs: t, reason: undefined, competitor: undefined, lostAt: undefined }
    : { won: false, atMs: t, reason: o.lossReason, competitor: o.competitor, lostAt: undefined };
}

function byCountThenAmount(order: ReadonlyMap<string, number>) {
  return (a: [string, RowAcc], b: [string, RowAcc]): number => {
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
 * Win / loss analysis (赢单 / 输单分析) of the deals closed in a window: won and lost
 * counts and amounts, the win rate by count and by value **among decided deals only**
 * (open and suspended deals are not in the denominator; the field names say so:
 * `decidedWinRateByCount`, `decidedWinRateByValue`), and the lost deals broken down by
 * loss reason, by the stage they were lost at and by the competitor who won them, each
 * row with its count, amount and share.
 *
 * Definitions:
 *
 * - A deal counts when it stands closed (won or lost) at the end of the window and the
 *   event that closed it has its `at` in `[from, to)`. Events at or after `to` (and after
 *   `asOf`) are not read, so a report on a past quarter does not change when a deal is
 *   reopened later.
 * - **Reopened, then closed again**: only the last closing event before `to` counts, and
 *   only if no `reopened` follows it before `to`. A deal lost in January, reopened in
 *   February and won in March counts once, as won in March; a deal lost and reopened
 *   within the window and still open at its end is not counted (not decided).
 * - The amount is the deal's amount at its closing event (from the ledger), in the
 *   pipeline currency (other currencies through `rates`).
 * - The stage a deal was lost at is the open stage it stood in just before its `lost`
 *   event (the ledger's last `created`, `stage_changed` into an open stage or `reopened`).
 * - A deal whose ledger holds no `won` / `lost` event at all (imported midway) counts by
 *   its `closedAt`, `lossReason` and `competitor`; its lost-at stage is `'(none)'`.
 * - Shares: each row's `share` is its count ÷ the lost deals of the table, so the shares
 *   of each breakdown add up to 1 whenever a deal was lost; `amountShare` likewise by amount.
 *
 * Reads the input once; memory grows with groups × distinct reasons and competitors.
 *
 * @param opportunities - The deals (any iterable; read once; not modified).
 * @param pipeline - Their pipeline (stage names and order, loss reasons, currency).
 * @param options - Window (`from`, `to`), `asOf`, `rates`, grouping.
 * @returns The figures in total and per group.
 * @throws {@link FunnelError} `invalid_option` for a time that is not an instant, `from`
 *   after `to`, or a bad grouping key, period or zone; `currency_mismatch` for an amount in
 *   another currency without `rates` (`missing_rate` when `rates` lacks it);
 *   `pipeline_mismatch` for a deal of another pipeline (unless `otherPipelines: 'ignore'`).
 *
 * @category Analytics
 * @example
 * ```ts
 * import { winLoss, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const deals: Opportunity[];
 * const q1 = winLoss(deals, pipeline, { from: '2026-01-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' });
 * console.log(q1.total.decidedWinRateByCount, q1.total.decidedWinRateByValue);
 * for (const r of q1.total.byLossReason) console.log(r.key, r.count, r.share);
 * ```
 */
export function winLoss(opportunities: Iterable<Opportunity>, pipeline: Pipeline, options: WinLossOptions = {}): WinLoss {
  const index = pipelineIndex(pipeline);
  const fromMs = instantMs(options.from, 'from', Number.NEGATIVE_INFINITY);
  const toMs = instantMs(options.to, 'to', Number.POSITIVE_INFINITY);
  if (fromMs > toMs) throw new FunnelError('invalid_option', { option: 'from', reason: because('from_after_to') });
  const asOfMs = instantMs(options.asOf, 'asOf', Number.POSITIVE_INFINITY);
  // Events at `asOf` have happened; events at `to` have not.
  const endMs = Math.min(toMs, asOfMs === Number.POSITIVE_INFINITY ? asOfMs : asOfMs + 1);
  const belongs = pipelineFilter(pipeline, options);
  checkZone(options);
  const groupBy = options.groupBy ?? [];
  if (!Array.isArray(groupBy)) throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('must_be_group_keys') });
  let closedAt: Date | undefined;
  const keyOf = groupBy.length === 0 ? undefined : groupKeyFn(groupBy, options, () => closedAt);
  const currency = pipeline.currency;
  const rates = options.rates;

  const total = newAcc();
  const groups = new GroupAccumulator(newAcc);
  for (const o of opportunities) {
    if (!belongs(o)) continue;
    const c = closingOf(o, index, endMs);
    if (c === undefined || c.atMs < fromMs) continue;
    const amount = amountIn(amountAt(o, c.atMs), currency, rates);
    add(total, c, amount);
    if (keyOf !== undefined) {
      closedAt = new Date(c.atMs);
      add(groups.get(keyOf(o)), c, amount);
    }
  }

  const listed = new Map<string, number>();
  (pipeline.lossReasons ?? []).forEach((r, i) => {
    if (!listed.has(r.trim())) listed.set(r.trim(), i);
  });
  const stageOrder = new Map(index.openIds.map((id, i) => [id as string, i]));
  const money = (amount: Decimal): Money => ({ amount, currency });
  const finish = (acc: Acc): WinLossFigures => {
    const lost = acc.lost;
    const row = (key: string, r: RowAcc): WinLossRow => ({
      key,
      count: r.count,
      amount: money(r.amount),
      share: rate(r.count, lost.count),
      amountShare: lost.amount.isZero() ? null : r.amount.div(lost.amount).toNumber(),
    });
    const reasons = new Map(acc.reasons);
    for (const r of listed.keys()) if (!reasons.has(r)) reasons.set(r, newRow());
    const stages = new Map<string, RowAcc>(index.openIds.map((id) => [id as string, acc.stages.get(id) ?? newRow()]));
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
  return {
    pipelineId: pipeline.id,
    currency,
    ...(options.from === undefined ? {} : { from: new Date(fromMs) }),
    ...(options.to === undefined ? {} : { to: new Date(toMs) }),
    ...groups.grouped(groupBy, total, finish),
  };
}
