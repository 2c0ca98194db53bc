import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { amountIn } from '../money/amountIn.js';
import { ratesOption, type ExchangeRates } from '../money/convert.js';
import { minorUnitDigits, type CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import { groupingSettings, GroupTablesAccumulator, settingsText, type Accumulator, type AccumulatorPartial, type DealBatch } from '../model/accumulator.js';
import { ColumnGrouper } from '../model/columnGroups.js';
import { closedAtOf, notedAt } from '../model/columnEvents.js';
import { amountChangedAfter, currentAmount } from '../model/columnsAsOf.js';
import { assertColumnsOf, COLUMN_EVENT_TYPES, isDealColumns, NO_CODE, type CodeColumn, type DealColumns } from '../model/dealColumns.js';
import { GroupAccumulator, groupKeyFn, NO_GROUP, type GroupKey } from '../model/groupBy.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { pipelineIndex, type PipelineIndex } from '../model/pipelineIndex.js';
import { winLossFinisher, type WinLoss, type WinLossAcc, type WinLossFigures, type WinLossRowAcc } from '../model/results/winLossTable.js';
import { checkZone } from '../time/zone.js';
import { ZoneDays } from '../time/zoneDays.js';
import { instantMs, type InstantInput } from '../time/instant.js';
import { addExact, addExactSum, exactValue, type ExactSum } from './_lib/exactSum.js';
import { amountAt } from './_lib/fieldsAt.js';
import { pipelineFilter } from './_lib/groups.js';
import type { AnalyticsOptions } from './analyticsOptions.js';
import { checkDeal, checkDealBatch } from '../model/dealArguments.js';

export type { WinLoss, WinLossFigures, WinLossRow, WinLossStageRow, WinLossTally } from '../model/results/winLossTable.js';

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

const ZERO = new Decimal(0);

/**
 * Running sums of one row (won, lost, a reason, a stage, a competitor): the deals, and
 * their amount exactly (whole minor units of the pipeline currency while safe, so that
 * the column path adds without allocating).
 */
interface Row extends ExactSum {
  count: number;
}

/** Running sums of one table. */
interface Table {
  readonly won: Row;
  readonly lost: Row;
  readonly reasons: Map<string, Row>;
  readonly stages: Map<string, Row>;
  readonly competitors: Map<string, Row>;
}

function newRow(): Row {
  return { count: 0, minor: 0, amount: ZERO };
}

function newTable(): Table {
  return { won: newRow(), lost: newRow(), reasons: new Map(), stages: new Map(), competitors: new Map() };
}

function rowOf(map: Map<string, Row>, key: string): Row {
  let row = map.get(key);
  if (row === undefined) {
    row = newRow();
    map.set(key, row);
  }
  return row;
}

/** Adds `count` deals: `amount` when given, else `minor` whole minor units (`scale` = 10^minor digits). */
function addToRow(row: Row, count: number, amount: Decimal | undefined, minor: number, scale: number): void {
  row.count += count;
  addExact(row, amount, minor, scale);
}

function add(t: Table, c: Closing, amount: Decimal | undefined, minor: number, scale: number): void {
  addToRow(c.won ? t.won : t.lost, 1, amount, minor, scale);
  if (c.won) return;
  addToRow(rowOf(t.reasons, c.reason ?? NO_GROUP), 1, amount, minor, scale);
  addToRow(rowOf(t.stages, c.lostAt ?? NO_GROUP), 1, amount, minor, scale);
  addToRow(rowOf(t.competitors, c.competitor ?? NO_GROUP), 1, amount, minor, scale);
}

function addRow(into: Row, from: Row, scale: number): void {
  into.count += from.count;
  addExactSum(into, from, scale);
}

function addTable(into: Table, from: Table, scale: number): void {
  addRow(into.won, from.won, scale);
  addRow(into.lost, from.lost, scale);
  for (const [k, r] of from.reasons) addRow(rowOf(into.reasons, k), r, scale);
  for (const [k, r] of from.stages) addRow(rowOf(into.stages, k), r, scale);
  for (const [k, r] of from.competitors) addRow(rowOf(into.competitors, k), r, scale);
}

/**
 * A table as the finishing step reads it (exact amounts), its breakdowns in key order,
 * so that rows the finishing order ties (stages the pipeline does not list as open) come
 * in the same order whatever the input order, chunks and shards.
 */
function winLossAccOf(t: Table, scale: number): WinLossAcc {
  const row = (r: Row): WinLossRowAcc => ({ count: r.count, amount: exactValue(r, scale) });
  const map = (m: Map<string, Row>) => new Map([...m.keys()].sort().map((k) => [k, row(m.get(k)!)] as const));
  return { won: row(t.won), lost: row(t.lost), reasons: map(t.reasons), stages: map(t.stages), competitors: map(t.competitors) };
}

const EV_CREATED = COLUMN_EVENT_TYPES.indexOf('created');
const EV_STAGE_CHANGED = COLUMN_EVENT_TYPES.indexOf('stage_changed');
const EV_WON = COLUMN_EVENT_TYPES.indexOf('won');
const EV_LOST = COLUMN_EVENT_TYPES.indexOf('lost');
const EV_REOPENED = COLUMN_EVENT_TYPES.indexOf('reopened');
const STATUS_WON = 2;
const STATUS_LOST = 3;

/**
 * {@link closingOf} for deal `i` of a columns chunk: fills `out` and returns true when
 * the deal stands closed at `endMs`. `open` tells, by stage code, whether a stage is
 * open. The reason and competitor of a `lost` event are its noted values when it has
 * them (they are not the deal's own), else the deal's code columns.
 */
function closingOfColumns(cols: DealColumns, i: number, endMs: number, open: Uint8Array, out: Closing): boolean {
  const ev = cols.events;
  const types = ev.type;
  const stages = ev.stage;
  const at = ev.at;
  const end = ev.start[i + 1]!;
  let closing = -1;
  let everClosed = false;
  let openStage = -1;
  // Stryker disable next-line UnaryOperator: read only after a `lost` event, which sets it
  let lostAt = -1;
  for (let e = ev.start[i]!; e < end; e++) {
    const type = types[e]!;
    if (type === EV_WON || type === EV_LOST) everClosed = true;
    if (at[e]! >= endMs) continue;
    if (type === EV_CREATED || type === EV_REOPENED) {
      openStage = stages[e]!;
      // Equivalent mutant: `if (true)` (a `created` is the first event: no closing before it).
      if (type === EV_REOPENED) closing = -1;
    } else if (type === EV_STAGE_CHANGED) {
      if (open[stages[e]!] === 1) openStage = stages[e]!;
    } else if (type === EV_WON) {
      closing = e;
    } else if (type === EV_LOST) {
      closing = e;
      lostAt = openStage;
    }
  }
  const status = cols.status[i]!;
  const closedAt = closedAtOf(cols, i);
  // Equivalent mutants below: the status test made false (an open deal has no closedAt),
  // `if (out.won)` made false (a won deal has no loss reason, competitor or lost-at stage to
  // read), and the NO_CODE and `lostAt < 0` shortcuts made false (a lookup at −1 gives undefined).
  if (everClosed || (status !== STATUS_WON && status !== STATUS_LOST) || Number.isNaN(closedAt)) {
    if (closing < 0) return false;
    out.atMs = at[closing]!;
    out.won = types[closing] === EV_WON;
    out.lostAt = undefined;
    out.reason = undefined;
    out.competitor = undefined;
    if (out.won) return true;
    out.lostAt = lostAt < 0 ? undefined : cols.stageIds[lostAt];
    const k = notedAt(ev.values, closing);
    if (k >= 0) {
      // A `lost` whose reason or competitor is not the deal's own has them noted.
      out.reason = cols.lossReasons[ev.values.from[k]!];
      out.competitor = codeText(ev.values.to, cols.competitors, k);
      return true;
    }
  } else {
    // An imported deal whose ledger never closes it: its own fields say how and when.
    if (!(closedAt < endMs)) return false;
    out.atMs = closedAt;
    out.won = status === STATUS_WON;
    out.lostAt = undefined;
    out.reason = undefined;
    out.competitor = undefined;
    if (out.won) return true;
  }
  out.reason = codeText(cols.lossReason, cols.lossReasons, i);
  out.competitor = codeText(cols.competitor, cols.competitors, i);
  return true;
}

function codeText(codes: CodeColumn | undefined, dictionary: readonly string[], i: number): string | undefined {
  const code = codes === undefined ? NO_CODE : codes[i]!;
  return code === NO_CODE ? undefined : dictionary[code];
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
        // Equivalent mutant: `if (true)` (a `created` is the first event: no closing before it).
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
  // Equivalent mutant: the status test made false (an open deal has no closedAt).
  if (everClosed || (o.status !== 'won' && o.status !== 'lost') || o.closedAt === undefined) return closing;
  // An imported deal whose ledger never closes it: its own fields say how and when.
  const t = o.closedAt.getTime();
  if (!(t < endMs)) return undefined;
  return o.status === 'won'
    ? { won: true, atMs: t, reason: undefined, competitor: undefined, lostAt: undefined }
    : { won: false, atMs: t, reason: o.lossReason, competitor: o.competitor, lostAt: undefined };
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
 * It takes {@link DealColumns} too, with the same figures (a function grouping key is
 * refused there: `invalid_option`, reason `function_key_on_columns`); shards combine
 * with {@link winLossAccumulator}.
 *
 * @param opportunities - The deals (any iterable; read once; not modified), or a
 *   {@link DealColumns} chunk of them (the same result, faster).
 * @param pipeline - Their pipeline (stage names and order, loss reasons, currency).
 * @param options - Window (`from`, `to`), `asOf`, `rates`, grouping.
 * @returns The figures in total and per group.
 * @throws {@link FunnelError} `invalid_option` for a time that is not an instant, `from`
 *   after `to`, or a bad grouping key, period or zone; `currency_mismatch` for an amount in
 *   another currency without `rates` (`missing_rate` when `rates` lacks it);
 *   `pipeline_mismatch` for a deal of another pipeline (unless `otherPipelines: 'ignore'`);
 *   `invalid_argument` for columns of another pipeline.
 *   Also `invalid_argument` for `opportunities` that is not an iterable of opportunities or
 *   a `DealColumns` chunk, or an item of it that is not an opportunity (named
 *   `opportunities[i]`); `invalid_argument` (`pipeline`) for a value that is not a
 *   pipeline; `invalid_option` (`rates`) for rates that are not an object with a `rates`
 *   object.
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
export function winLoss(opportunities: DealBatch, pipeline: Pipeline, options: WinLossOptions = {}): WinLoss {
  return winLossAccumulator(pipeline, options).add(opportunities).result();
}

/**
 * The plain-data state of a {@link WinLossAccumulator} (see {@link AccumulatorPartial}):
 * the counts and exact amounts of every table, to merge in another thread or process.
 */
export interface WinLossPartial extends AccumulatorPartial {
  /** Always `'win_loss'`. */
  readonly kind: 'win_loss';
  /** The ungrouped table (ungrouped runs) and one per group key. */
  readonly tables: ReadonlyArray<{
    /** The group's key tuple; null for the ungrouped total. */
    readonly key: readonly string[] | null;
    /** Deals won and their amount (an exact decimal string, in the pipeline currency). */
    readonly won: { readonly count: number; readonly amount: string };
    /** Deals lost and their amount. */
    readonly lost: { readonly count: number; readonly amount: string };
    /** Lost deals by loss reason: `[reason, count, amount]` (`'(none)'` for none). */
    readonly reasons: ReadonlyArray<readonly [key: string, count: number, amount: string]>;
    /** Lost deals by the stage they were lost at: `[stage id, count, amount]`. */
    readonly stages: ReadonlyArray<readonly [key: string, count: number, amount: string]>;
    /** Lost deals by competitor: `[competitor, count, amount]`. */
    readonly competitors: ReadonlyArray<readonly [key: string, count: number, amount: string]>;
  }>;
}

/**
 * The incremental form of {@link winLoss}: `add` deals or column chunks, `merge`
 * shards, read `result()`. `winLoss(deals, pipeline, options)` is
 * `winLossAccumulator(pipeline, options).add(deals).result()`.
 */
export type WinLossAccumulator = Accumulator<WinLoss, WinLossPartial>;

/**
 * Creates the incremental form of {@link winLoss} (累加器): feed it deals or
 * {@link DealColumns} chunks as they arrive (a database cursor, a file stream, worker
 * threads), merge the accumulators or partial states of other shards, and read the
 * result at any time; the result equals `winLoss` over every deal added, in any chunks,
 * shards and order. Memory grows with groups × distinct loss reasons, stages and
 * competitors, not with the number of deals.
 *
 * Give every shard the same options. On columns, a function grouping key is refused
 * (`invalid_option`, reason `function_key_on_columns`): the built-in keys give the same
 * groups as on deals.
 *
 * @param pipeline - The deals' pipeline.
 * @param options - The options of {@link winLoss}.
 * @returns An empty accumulator.
 * @throws {@link FunnelError} `invalid_option` for bad options (at once, not on the
 *   first deal); `add` throws what {@link winLoss} throws for a deal, plus
 *   `invalid_argument` for columns of another pipeline and `invalid_option` for a
 *   function grouping key on columns; `merge` throws `invalid_argument` for a shard with
 *   other settings.
 *
 * @category Analytics
 * @example
 * ```ts
 * import { winLossAccumulator, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const eastDeals: Opportunity[];
 * declare const northDeals: Opportunity[];
 * const options = { from: '2026-01-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00', groupBy: ['owner'] } as const;
 * const east = winLossAccumulator(pipeline, options).add(eastDeals);
 * const north = winLossAccumulator(pipeline, options).add(northDeals);
 * const q1 = east.merge(north.partial()).result(); // = winLoss([...eastDeals, ...northDeals], pipeline, options)
 * console.log(q1.total.decidedWinRateByCount);
 * ```
 */
export function winLossAccumulator(pipeline: Pipeline, options: WinLossOptions = {}): WinLossAccumulator {
  return new WinLossCounter(pipeline, options);
}

class WinLossCounter extends GroupTablesAccumulator<WinLoss, WinLossPartial, Table> implements WinLossAccumulator {
  readonly kind = 'win_loss';
  private readonly index: PipelineIndex;
  private readonly fromMs: number;
  private readonly toMs: number;
  private readonly endMs: number;
  private readonly belongs: (o: Opportunity) => boolean;
  private readonly groupBy: readonly GroupKey[];
  private readonly keyOf: ((o: Opportunity) => readonly string[]) | undefined;
  private readonly currency: CurrencyCode;
  private readonly scale: number;
  private readonly rates: ExchangeRates | undefined;
  protected readonly settingsText: string;
  protected readonly total = newTable();
  protected readonly groups = new GroupAccumulator(newTable);
  /** Whether each stage (by code) is open. */
  private readonly openStages: Uint8Array;
  /** The closing event of the deal at hand (the column path reuses it; the period key reads it). */
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: every deal's closing is written before it is read
  private closing: Closing = { won: false, atMs: Number.NaN, reason: undefined, competitor: undefined, lostAt: undefined };
  private zoneDays: ZoneDays | undefined;

  constructor(
    private readonly pipeline: Pipeline,
    protected readonly options: WinLossOptions,
  ) {
    super();
    this.index = pipelineIndex(pipeline);
    this.fromMs = instantMs(options.from, 'from', Number.NEGATIVE_INFINITY);
    this.toMs = instantMs(options.to, 'to', Number.POSITIVE_INFINITY);
    if (this.fromMs > this.toMs) throw new FunnelError('invalid_option', { option: 'from', reason: because('from_after_to') });
    const asOfMs = instantMs(options.asOf, 'asOf', Number.POSITIVE_INFINITY);
    // Events at `asOf` have happened; events at `to` have not. (Equivalent mutant: `false`
    // for the test, as Infinity + 1 is Infinity.)
    this.endMs = Math.min(this.toMs, asOfMs === Number.POSITIVE_INFINITY ? asOfMs : asOfMs + 1);
    this.belongs = pipelineFilter(pipeline, options);
    checkZone(options);
    const groupBy = options.groupBy ?? [];
    // Equivalent mutant: `if (false)` (groupKeyFn refuses a groupBy that is not a list with the same error); this check only says it first.
    if (!Array.isArray(groupBy)) throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('must_be_group_keys') });
    this.groupBy = groupBy;
    // The period of a deal is the period of its closing event.
    this.keyOf = groupBy.length === 0 ? undefined : groupKeyFn(groupBy, options, () => new Date(this.closing.atMs));
    this.currency = pipeline.currency;
    this.scale = 10 ** minorUnitDigits(pipeline.currency);
    this.rates = ratesOption(options.rates);
    // Equivalent mutant: `+1` for `-1` (every stage of the pipeline is in its index).
    this.openStages = Uint8Array.from(pipeline.stages, (s) => ((this.index.byId.get(s.id)?.openIndex ?? -1) >= 0 ? 1 : 0));
    this.settingsText = settingsText(pipeline, {
      from: this.fromMs, to: this.toMs, end: this.endMs, rates: options.rates ?? null, ...groupingSettings(options),
    });
  }

  add(batch: DealBatch): this {
    checkDealBatch(batch, 'opportunities');
    if (isDealColumns(batch)) {
      this.addColumns(batch);
      return this;
    }
    const { index, endMs, fromMs, currency, rates, scale, keyOf } = this;
    let i = 0;
    for (const o of batch) {
      checkDeal(o, i++, 'opportunities');
      if (!this.belongs(o)) continue;
      const c = closingOf(o, index, endMs);
      if (c === undefined || c.atMs < fromMs) continue;
      const amount = amountIn(amountAt(o, c.atMs), currency, rates);
      this.closing = c;
      // Each deal counts into one table: its group's, or the total when ungrouped (the
      // total of a grouped result is the sum of the groups, made in result()).
      add(keyOf === undefined ? this.total : this.groups.get(keyOf(o)), c, amount, 0, scale);
    }
    return this;
  }

  private addColumns(cols: DealColumns): void {
    assertColumnsOf(cols, this.pipeline);
    const grouped = this.groupBy.length > 0;
    // Equivalent mutants in this loop: a grouper made when ungrouped; the initial closing `c`
    // (written before it is read); the fast path of exact minor units skipped (`ownCurrency`
    // all false, `changed !== undefined` made either way: the decimal path gives the same
    // sums); `i <= cols.length` (past the last deal there is no closing).
    if (grouped) this.grouper ??= new ColumnGrouper(this.groupBy, this.options, () => this.closingDay());
    const { endMs, fromMs, currency, rates, scale, openStages } = this;
    const c: Closing = { won: false, atMs: Number.NaN, reason: undefined, competitor: undefined, lostAt: undefined };
    this.closing = c;
    const ownCurrency = cols.currencies.map((x) => x === currency);
    const currencyCol = cols.currency;
    const amountMinor = cols.amountMinor;
    for (let i = 0; i < cols.length; i++) {
      if (!closingOfColumns(cols, i, endMs, openStages, c) || c.atMs < fromMs) continue;
      const changed = amountChangedAfter(cols, i, c.atMs);
      const minor = changed === undefined && ownCurrency[currencyCol[i]!] ? amountMinor[i]! : Number.NaN;
      const amount = Number.isNaN(minor) ? amountIn(changed ?? currentAmount(cols, i), currency, rates) : undefined;
      add(grouped ? this.slotTable(this.grouper!.slotOf(cols, i)) : this.total, c, amount, minor, scale);
    }
  }

  /** The day number (in the zone) of the closing event at hand: what `'period'` groups by. */
  private closingDay(): number {
    this.zoneDays ??= new ZoneDays(this.options);
    return this.zoneDays.day(this.closing.atMs);
  }

  protected mergePartial(p: WinLossPartial): void {
    const scale = this.scale;
    const rows = (into: Map<string, Row>, list: WinLossPartial['tables'][number]['reasons']) => {
      for (const [k, count, amount] of list) addToRow(rowOf(into, k), count, new Decimal(amount), 0, scale);
    };
    for (const t of p.tables) {
      const into = this.tableOf(t.key);
      addToRow(into.won, t.won.count, new Decimal(t.won.amount), 0, scale);
      addToRow(into.lost, t.lost.count, new Decimal(t.lost.amount), 0, scale);
      rows(into.reasons, t.reasons);
      rows(into.stages, t.stages);
      rows(into.competitors, t.competitors);
    }
  }

  partial(): WinLossPartial {
    const scale = this.scale;
    const tally = (r: Row) => ({ count: r.count, amount: exactValue(r, scale).toString() });
    const rows = (m: Map<string, Row>) => [...m].map(([k, r]) => [k, r.count, exactValue(r, scale).toString()] as const);
    return {
      kind: 'win_loss',
      settings: this.settingsText,
      tables: this.tableRows((t) => ({
        won: tally(t.won),
        lost: tally(t.lost),
        reasons: rows(t.reasons),
        stages: rows(t.stages),
        competitors: rows(t.competitors),
      })),
    };
  }

  result(): WinLoss {
    const { pipeline, options, scale } = this;
    let total = this.total;
    // Equivalent mutant: `if (true)` (ungrouped, the sum of this.total and no group is this.total).
    if (this.groupBy.length > 0) {
      // Sum the groups into a fresh table, so that adding can go on after a result.
      total = newTable();
      addTable(total, this.total, scale);
      for (const { acc } of this.groups.sorted()) addTable(total, acc, scale);
    }
    const finisher = winLossFinisher(pipeline, this.index);
    const finish = (t: Table): WinLossFigures => finisher(winLossAccOf(t, scale));
    return {
      pipelineId: pipeline.id,
      currency: this.currency,
      ...(options.from === undefined ? {} : { from: new Date(this.fromMs) }),
      ...(options.to === undefined ? {} : { to: new Date(this.toMs) }),
      ...this.groups.grouped(this.groupBy, total, finish),
    };
  }
}
