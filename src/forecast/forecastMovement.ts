import { oneOfOption } from '../_lib/options.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { Reason } from '../i18n/params.js';
import { ratesOption, type ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Money } from '../money/money.js';
import { groupingSettings, GroupTablesAccumulator, settingsText, type Accumulator, type AccumulatorPartial, type DealBatch } from '../model/accumulator.js';
import { assertColumnsOf, isDealColumns, type DealColumns } from '../model/dealColumns.js';
import { GroupAccumulator, type GroupKey, type GroupOptions, type Grouped } from '../model/groupBy.js';
import type { OpportunityId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import { eventsAt, opportunityAfter, replaySettings, type ReplaySettings } from '../model/opportunityAsOf.js';
import type { Pipeline } from '../model/pipeline.js';
import { pipelineIndex, type PipelineIndex } from '../model/pipelineIndex.js';
import type { ForecastCategory } from '../model/stage.js';
import { toInstant, type InstantInput } from '../time/instant.js';
import { periodBounds, type PeriodKey, type PeriodOptions, type PeriodUnit } from '../time/periodOf.js';
import { dealCategory } from './_lib/dealCategory.js';
import { dealOfColumns } from './_lib/columnDeal.js';
import { groupContextOf, scanForecast, type ScanSettings } from './_lib/forecastScan.js';
import { MOVEMENT_KINDS, movementKind, type MovementKind } from './_lib/movementKind.js';
import { checkDeal, checkDealBatch } from '../model/dealArguments.js';

/**
 * What {@link forecastMovement} measures, per deal dated in the period:
 *
 * - `'weighted'`: the weighted forecast, amount × probability (won deals at 1), as
 *   `weightedForecast`'s `weighted`;
 * - `'amount'`: the unweighted amount of the open and won deals, as its `amount`;
 * - `'commit'`, `'best_case'`: the unweighted amount of the commit and best-case
 *   roll-ups of `forecastCategories` (closed + commit; closed + commit + best case), the
 *   measures in which a forecast-category change shows.
 */
export type ForecastMovementMeasure = 'weighted' | 'amount' | 'commit' | 'best_case';

/**
 * A kind of change, one row of {@link forecastMovement}, in the order of the rows. Each
 * is the effect of ledger events of one type on the measure:
 *
 * - `new`: the deal came into existence (its `created`, or the first event of a ledger
 *   imported without one);
 * - `won`, `lost`: it closed (a deal won in another period than its expected close date
 *   leaves this one: a negative `won`);
 * - `pushed_out`, `pulled_in`: its expected close date moved later (or was removed) /
 *   earlier (or was set), into or out of the period;
 * - `amount_changed`: its amount changed;
 * - `stage_advanced`, `stage_regressed`: it moved to a later / an earlier open stage
 *   (the stage's probability applies, and the probability override is cleared under
 *   `probabilityOnStageChange: 'reset'`);
 * - `probability_changed`, `category_changed`: the rep's probability or forecast
 *   category was set or cleared;
 * - `suspended`, `resumed`: it was suspended (中止: out of the forecast) or resumed;
 * - `reopened`: a closed deal was reopened;
 * - `reassigned`: its owner or credit splits changed (moves value between owners when
 *   grouping by owner or team);
 * - `other`: any other event (a key task, an activity), which moves the measure only
 *   through a custom grouping key.
 */
export type ForecastMovementKind =
  | 'new'
  | 'won'
  | 'lost'
  | 'pushed_out'
  | 'pulled_in'
  | 'amount_changed'
  | 'stage_advanced'
  | 'stage_regressed'
  | 'probability_changed'
  | 'category_changed'
  | 'suspended'
  | 'resumed'
  | 'reopened'
  | 'reassigned'
  | 'other';

/** One kind of change and its effect. */
export interface ForecastMovementRow {
  /** The kind of change. */
  readonly kind: ForecastMovementKind;
  /** Its effect on the measure, exact (Σ over the deals of the effects of their events of this kind). */
  readonly delta: Money;
  /** The deals whose events of this kind moved the measure (net, not zero), in input order. */
  readonly dealIds: readonly OpportunityId[];
}

/** The movement of the measure in one group (or in total): `start` + Σ `rows[].delta` = `end`, exactly. */
export interface ForecastMovementFigures {
  /** The measure at `from`: as `weightedForecast(deals, pipeline, { asOf: from })` reports it for the period. */
  readonly start: Money;
  /** The measure at `to`. */
  readonly end: Money;
  /** `end` − `start` = Σ `rows[].delta`. */
  readonly change: Money;
  /** One row per kind, always all of them, in the order of {@link ForecastMovementKind}. */
  readonly rows: readonly ForecastMovementRow[];
}

/** Result of {@link forecastMovement}: the {@link Grouped} envelope of {@link ForecastMovementFigures}. */
export interface ForecastMovement extends Grouped<ForecastMovementFigures> {
  /** Currency of every amount. */
  readonly currency: CurrencyCode;
  /** The period whose forecast moved. */
  readonly period: PeriodKey;
  /** What was measured. */
  readonly measure: ForecastMovementMeasure;
  /** The earlier instant. */
  readonly from: Date;
  /** The later instant. */
  readonly to: Date;
}

/** Options for {@link forecastMovement}. */
export interface ForecastMovementOptions extends Omit<GroupOptions, 'period'> {
  /** The earlier instant: the books as of then give `start`. */
  readonly from: InstantInput;
  /** The later instant (not before `from`): the books as of then give `end`. */
  readonly to: InstantInput;
  /**
   * The period whose forecast is followed, by its key: a month `2026-04`, a quarter
   * `2026-Q2`, a year `2026`, a fiscal quarter `FY2027-Q1` or a fiscal year `FY2027`
   * (with `fiscalYearStartMonth`). Deals are dated as in `weightedForecast`.
   */
  readonly period: PeriodKey;
  /**
   * First month (1–12) of the fiscal year, for a fiscal `period`.
   *
   * @defaultValue 1
   */
  readonly fiscalYearStartMonth?: number;
  /**
   * Which calendar year names a fiscal year, for a fiscal `period` (see `PeriodOptions`).
   *
   * @defaultValue `'end'`
   */
  readonly fiscalYearLabel?: 'end' | 'start';
  /**
   * What is measured.
   *
   * @defaultValue `'weighted'`
   */
  readonly measure?: ForecastMovementMeasure;
  /**
   * Currency of the result.
   *
   * @defaultValue the pipeline's currency
   */
  readonly currency?: CurrencyCode;
  /** Rates for converting deals in other currencies; without them such a deal is an error. */
  readonly rates?: ExchangeRates;
}

const MEASURES: readonly ForecastMovementMeasure[] = ['weighted', 'amount', 'commit', 'best_case'];
const ZERO = new Decimal(0);
const SEP = '\u001f';

/** The unit a period key is written in, if it is one. */
function unitOf(key: unknown): PeriodUnit | undefined {
  if (typeof key !== 'string') return undefined;
  if (/^\d{4}-\d{2}$/.test(key)) return 'month';
  if (/^\d{4}-Q[1-4]$/.test(key)) return 'quarter';
  if (/^\d{4}$/.test(key)) return 'year';
  if (/^FY\d{4}-Q[1-4]$/.test(key)) return 'fiscal_quarter';
  if (/^FY\d{4}$/.test(key)) return 'fiscal_year';
  return undefined;
}

/** The period settings of the options, checked. */
function periodSettings(options: ForecastMovementOptions): PeriodOptions {
  const key = options.period;
  const unit = unitOf(key);
  if (unit === undefined) {
    throw new FunnelError('invalid_option', { option: 'period', reason: because('period_key_shape', { key: String(key) }) });
  }
  // Equivalent mutants: `false` on either spread below keeps the field as `undefined`, which periodBounds, periodOf and the settings text read as absent.
  const settings: PeriodOptions = {
    unit,
    ...(options.fiscalYearStartMonth === undefined ? {} : { fiscalYearStartMonth: options.fiscalYearStartMonth }),
    ...(options.fiscalYearLabel === undefined ? {} : { fiscalYearLabel: options.fiscalYearLabel }),
  };
  try {
    periodBounds(key, settings);
  } catch (e) {
    if (e instanceof FunnelError && e.code === 'invalid_argument') {
      throw new FunnelError('invalid_option', { option: 'period', reason: (e.params as { readonly reason: Reason }).reason });
    }
    throw e;
  }
  return settings;
}

function requiredInstant(value: InstantInput | undefined, option: 'from' | 'to'): Date {
  if (value === undefined) throw new FunnelError('invalid_option', { option, reason: because('is_required') });
  return toInstant(value, option);
}

const IN_ROLLUP: Readonly<Record<'commit' | 'best_case', ReadonlySet<ForecastCategory>>> = {
  commit: new Set<ForecastCategory>(['closed', 'commit']),
  best_case: new Set<ForecastCategory>(['closed', 'commit', 'best_case']),
};

/** One deal's (or one credited share's) value in one group, at one state. */
interface Entry {
  readonly key: readonly string[];
  readonly value: Decimal;
}

/** A deal read between the two instants: its states' slots and the kind of each step. */
interface Track {
  readonly id: OpportunityId;
  /** Slot of its state at `from` (its states follow in consecutive slots). */
  readonly first: number;
  /** The kind of each step from one state to the next (empty: no event in between). */
  readonly kinds: MovementKind[];
}

interface Acc {
  start: Decimal;
  end: Decimal;
  readonly rows: Decimal[];
  readonly ids: OpportunityId[][];
}

function newAcc(): Acc {
  return { start: ZERO, end: ZERO, rows: MOVEMENT_KINDS.map(() => ZERO), ids: MOVEMENT_KINDS.map(() => []) };
}

/** The values of two states' entries by group, `after` − `before`. */
function difference(before: readonly Entry[] | undefined, after: readonly Entry[] | undefined): Map<string, Entry> {
  const out = new Map<string, Entry>();
  const put = (e: Entry, sign: 1 | -1) => {
    const id = e.key.join(SEP);
    const v = sign === 1 ? e.value : e.value.negated();
    const had = out.get(id);
    out.set(id, { key: e.key, value: had === undefined ? v : had.value.plus(v) });
  };
  for (const e of after ?? []) put(e, 1);
  for (const e of before ?? []) put(e, -1);
  return out;
}

/**
 * What moved the forecast of a period between two instants (预测变动：上周以来发生了什么):
 * the forecast at `from` (`start`), at `to` (`end`), and rows that explain the
 * difference — new deals, won, lost, pushed out, pulled in, amount changes, stage
 * advances and regressions, probability and category changes, suspensions and
 * resumptions, reopenings, reassignments — each with its effect (`delta`) and the deals
 * behind it. Exactly, to the fen: `start` + Σ `delta` = `end`, in every group and in
 * total, and `start` / `end` are what {@link weightedForecast} (or, for `'commit'` /
 * `'best_case'`, {@link forecastCategories}) reports for the period with `asOf` =
 * `from` / `to`.
 *
 * **How a deal's change is split** (the fixed order): each deal's ledger events between
 * `from` (exclusive) and `to` (inclusive) are replayed one at a time, in ledger order
 * (events at the same instant in the order they were recorded). Before and after each
 * event the deal is rebuilt with {@link opportunityAsOf}'s rules, and the change in its
 * contribution to the period — amount × probability when the measure is `'weighted'`,
 * zero while suspended, undated, lost or dated in another period — is that event's
 * effect, filed under the event's kind. So every change is valued with everything else
 * as it stood at that moment: an amount changed before a stage change counts at the old
 * probability and the stage change at the new amount (C in the example below: −5 万,
 * then +15 万), and the other way round when the stage changed first. The effects add
 * up to the deal's whole change, with no residual to allocate. A deal that moved back
 * and forth (pushed out, then pulled back in) shows both rows; a row lists a deal when
 * its events of that kind moved the measure on balance. With `groupBy`, each group's
 * rows are the same effects restricted to that group (a change of owner moves value
 * between owners under `reassigned`; grouping by `'stage'`, an advance moves it from
 * one stage's group to the next).
 *
 * Dates, probabilities, categories, currency, credit splits (rounded shares when
 * grouping by owner) and grouping keys work as in {@link weightedForecast}; a deal is
 * read at each instant as it stood then.
 *
 * Each deal is replayed on its own: the input is read once, from any iterable or a
 * {@link DealColumns} chunk (the same figures), and shards combine with
 * {@link forecastMovementAccumulator}.
 *
 * @param opportunities - The deals with their ledgers (any iterable; read once, never
 *   changed), or a {@link DealColumns} chunk of them.
 * @param pipeline - Their pipeline: probabilities, categories, policy.
 * @param options - `from`, `to`, `period` (required), `measure`, grouping, currency.
 * @returns `start`, `end`, `change` and one row per kind, in total and per group.
 * @throws {@link FunnelError} `invalid_option` for a missing or invalid `from` / `to`,
 *   `from` after `to`, a `period` that is not a period key, an unknown `measure`, and the
 *   grouping errors of {@link weightedForecast}; `currency_mismatch`, `missing_rate`,
 *   `pipeline_mismatch`, `unknown_stage` as there; `invalid_argument` for columns of another
 *   pipeline, and `invalid_option` for a function grouping key on columns.
 *   Also `invalid_argument` for `opportunities` that is not an iterable of opportunities or
 *   a `DealColumns` chunk, or an item of it that is not an opportunity (named
 *   `opportunities[i]`); `invalid_argument` (`pipeline`) for a value that is not a
 *   pipeline; `invalid_option` (`rates`) for rates that are not an object with a `rates`
 *   object.
 *
 * @category Forecast
 * @example
 * ```ts
 * import { forecastMovement, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const deals: Opportunity[];
 * declare const pipeline: Pipeline;
 * const m = forecastMovement(deals, pipeline, {
 *   from: '2026-04-01T00:00:00+08:00', to: '2026-04-08T00:00:00+08:00', period: '2026-Q2', timeZone: 'Asia/Shanghai',
 * });
 * console.log(m.total.start.amount.toFixed(2), '→', m.total.end.amount.toFixed(2));
 * for (const r of m.total.rows) if (!r.delta.amount.isZero()) console.log(r.kind, r.delta.amount.toFixed(2), r.dealIds.join(', '));
 * ```
 */
export function forecastMovement(opportunities: DealBatch, pipeline: Pipeline, options: ForecastMovementOptions): ForecastMovement {
  return forecastMovementAccumulator(pipeline, options).add(opportunities).result();
}

/**
 * The plain-data state of a {@link ForecastMovementAccumulator} (see
 * {@link AccumulatorPartial}): the exact sums (as decimal strings) and the deal ids of
 * every table, to merge in another thread or process.
 */
export interface ForecastMovementPartial extends AccumulatorPartial {
  /** Always `'forecast_movement'`. */
  readonly kind: 'forecast_movement';
  /** The ungrouped table (ungrouped runs) and one per group key. */
  readonly tables: ReadonlyArray<{
    /** The group's key tuple; null for the ungrouped total. */
    readonly key: readonly string[] | null;
    /** Σ the measure at `from`. */
    readonly start: string;
    /** Σ the measure at `to`. */
    readonly end: string;
    /** Σ the effects of each kind of change, in the order of {@link ForecastMovementKind}. */
    readonly rows: readonly string[];
    /** The deals listed under each kind. */
    readonly dealIds: ReadonlyArray<readonly string[]>;
  }>;
}

/**
 * The incremental form of {@link forecastMovement}: `add` deals or column chunks,
 * `merge` shards, read `result()`. `forecastMovement(deals, pipeline, options)` is
 * `forecastMovementAccumulator(pipeline, options).add(deals).result()`.
 */
export type ForecastMovementAccumulator = Accumulator<ForecastMovement, ForecastMovementPartial>;

/**
 * Creates the incremental form of {@link forecastMovement} (累加器): feed it deals or
 * {@link DealColumns} chunks as they arrive, merge the accumulators or partial states of
 * other shards, and read the result at any time; the result equals `forecastMovement`
 * over every deal added, in any chunks, shards and order (the id lists in the order the
 * shards were merged). Each deal is replayed on its own, so memory grows with the groups
 * and the deals listed (those whose events between `from` and `to` moved the measure),
 * not with the book.
 *
 * On columns each deal is rebuilt from the columns and replayed by the same code as a
 * deal object (so the column path is no faster than the object path: it is there for
 * sources that deliver columns); the figures are the same. A function grouping key is
 * refused there (`invalid_option`, reason `function_key_on_columns`).
 *
 * @param pipeline - The deals' pipeline.
 * @param options - The options of {@link forecastMovement} (`from`, `to`, `period`
 *   required); the same for every shard.
 * @returns An empty accumulator.
 * @throws {@link FunnelError} `invalid_option` for bad options (at once, not on the
 *   first deal); `add` throws what {@link forecastMovement} throws for a deal, plus
 *   `invalid_argument` for columns of another pipeline and `invalid_option` for a
 *   function grouping key on columns; `merge` throws `invalid_argument` for a shard with
 *   other settings.
 *
 * @category Forecast
 * @example
 * ```ts
 * import { forecastMovementAccumulator, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const shardA: Opportunity[];
 * declare const shardB: Opportunity[];
 * const options = { from: '2026-04-01T00:00:00+08:00', to: '2026-04-08T00:00:00+08:00', period: '2026-Q2' } as const;
 * const a = forecastMovementAccumulator(pipeline, options).add(shardA);
 * const b = forecastMovementAccumulator(pipeline, options).add(shardB);
 * const m = a.merge(b.partial()).result(); // = forecastMovement([...shardA, ...shardB], pipeline, options)
 * console.log(m.total.start.amount.toFixed(2), '→', m.total.end.amount.toFixed(2));
 * ```
 */
export function forecastMovementAccumulator(pipeline: Pipeline, options: ForecastMovementOptions): ForecastMovementAccumulator {
  return new MovementCounter(pipeline, options);
}

class MovementCounter extends GroupTablesAccumulator<ForecastMovement, ForecastMovementPartial, Acc> implements ForecastMovementAccumulator {
  readonly kind = 'forecast_movement';
  private readonly fromMs: number;
  private readonly toMs: number;
  private readonly measure: ForecastMovementMeasure;
  private readonly period: PeriodKey;
  private readonly userGroupBy: readonly GroupKey[];
  /** Where the period is in the scan's keys; whether the user listed it. */
  private readonly periodIndex: number;
  private readonly periodListed: boolean;
  private readonly scan: ScanSettings;
  private readonly index: PipelineIndex;
  private readonly replay: ReplaySettings;
  private readonly currency: CurrencyCode;
  protected readonly settingsText: string;
  protected readonly groups = new GroupAccumulator(newAcc);
  protected readonly total = newAcc();

  constructor(
    private readonly pipeline: Pipeline,
    protected readonly options: ForecastMovementOptions,
  ) {
    super();
    if (typeof options !== 'object' || options === null) throw new FunnelError('invalid_option', { option: 'options', reason: because('must_be_object') });
    const from = requiredInstant(options.from, 'from');
    const to = requiredInstant(options.to, 'to');
    if (from.getTime() > to.getTime()) throw new FunnelError('invalid_option', { option: 'from', reason: because('from_after_to') });
    this.fromMs = from.getTime();
    this.toMs = to.getTime();
    this.measure = oneOfOption(options.measure ?? 'weighted', 'measure', MEASURES);
    this.period = options.period;
    const periodOptions = periodSettings(options);
    const userGroupBy = options.groupBy ?? [];
    if (!Array.isArray(userGroupBy)) throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('must_be_group_keys') });
    this.userGroupBy = userGroupBy;
    // The period is a grouping key of the scan; the user's `'period'`, if listed, is that key.
    const periodAt = userGroupBy.indexOf('period');
    this.periodListed = periodAt >= 0;
    this.periodIndex = Math.max(periodAt, 0);
    const context = groupContextOf({ ...options, period: periodOptions });
    this.index = pipelineIndex(pipeline);
    this.replay = replaySettings(pipeline);
    this.scan = {
      groupBy: periodAt >= 0 ? userGroupBy : ['period', ...userGroupBy],
      context,
      currency: options.currency,
      rates: ratesOption(options.rates),
      // Stryker disable next-line BooleanLiteral: equivalent; an undated deal's period key is NO_GROUP, never the period followed, so it is left out either way
      requireDate: true,
    };
    // An empty scan checks the currency and the grouping now, not on the first deal.
    this.currency = scanForecast([], pipeline, this.scan, () => undefined).currency;
    this.settingsText = settingsText(pipeline, {
      from: this.fromMs, to: this.toMs, measure: this.measure, periodOptions, currency: this.currency, rates: options.rates ?? null,
      ...groupingSettings({ ...context, groupBy: userGroupBy }),
      // The key, after the grouping settings, whose `period` (the period options) it replaces.
      period: this.period,
    });
  }

  add(batch: DealBatch): this {
    checkDealBatch(batch, 'opportunities');
    if (isDealColumns(batch)) {
      assertColumnsOf(batch, this.pipeline);
      if (this.userGroupBy.some((g) => typeof g === 'function')) {
        throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('function_key_on_columns') });
      }
      this.addDeals(dealsOfColumns(batch, this.index));
    } else {
      this.addDeals(batch);
    }
    return this;
  }

  private addDeals(opportunities: Iterable<Opportunity>): void {
    const { fromMs, toMs, replay, index, measure, period, periodIndex, periodListed } = this;
    // Every state of every deal goes through one scan (the forecasts' own rules); each
    // state has a slot, and the visitor files the state's entries in the period there.
    // Stryker disable next-line ArrayDeclaration: equivalent; a stray first element is a slot no track points to
    const slots: Array<Entry[] | undefined> = [];
    const tracks: Track[] = [];
    // Stryker disable next-line UnaryOperator: equivalent; set before its first use
    let slot = -1;
    function* states(): Generator<Opportunity> {
      let i = 0;
      for (const o of opportunities) {
        checkDeal(o, i++, 'opportunities');
        const h = o.history;
        const a = eventsAt(h, fromMs);
        // Equivalent mutant: `false` (eventsAt of an empty ledger is 0, which a is then too).
        const b = h.length === 0 ? a : eventsAt(h, toMs);
        const track: Track = { id: o.id, first: slots.length, kinds: [] };
        tracks.push(track);
        let before: Opportunity | undefined;
        for (let k = a; k <= b; k++) {
          const state = opportunityAfter(o, k, replay);
          if (k > a) track.kinds.push(movementKind(h[k - 1]!, before !== undefined, index));
          slot = slots.push(undefined) - 1;
          if (state !== undefined) yield state;
          before = state;
        }
      }
    }
    scanForecast(states(), this.pipeline, this.scan, (key, status, amount, weighted, o, stage) => {
      if (key === undefined || key[periodIndex] !== period) return;
      const value =
        measure === 'weighted' ? weighted
        : measure === 'amount' ? (status === 'lost' ? ZERO : amount)
        : IN_ROLLUP[measure].has(dealCategory(o, stage)) ? amount
        : ZERO;
      const entry = { key: periodListed ? key : key.slice(1), value };
      const entries = slots[slot];
      if (entries === undefined) slots[slot] = [entry];
      else entries.push(entry);
    });

    const grouped = this.userGroupBy.length > 0;
    const { groups, total } = this;
    const accOf = (key: readonly string[]): Acc => (grouped ? groups.get(key) : total);
    for (const t of tracks) {
      const steps = t.kinds.length;
      for (const e of slots[t.first] ?? []) accOf(e.key).start = accOf(e.key).start.plus(e.value);
      for (const e of slots[t.first + steps] ?? []) accOf(e.key).end = accOf(e.key).end.plus(e.value);
      // Equivalent mutant: `false` (with no steps the loops below add nothing).
      if (steps === 0) continue;
      // The deal's effects, per group and kind, and per kind over all its groups.
      const net = new Map<string, { readonly acc: Acc; readonly rows: Decimal[] }>();
      const overall = MOVEMENT_KINDS.map(() => ZERO);
      for (let j = 1; j <= steps; j++) {
        const k = MOVEMENT_KINDS.indexOf(t.kinds[j - 1]!);
        for (const [id, e] of difference(slots[t.first + j - 1], slots[t.first + j])) {
          let n = net.get(id);
          if (n === undefined) {
            n = { acc: accOf(e.key), rows: MOVEMENT_KINDS.map(() => ZERO) };
            net.set(id, n);
          }
          n.rows[k] = n.rows[k]!.plus(e.value);
          overall[k] = overall[k]!.plus(e.value);
        }
      }
      for (const { acc, rows } of net.values()) {
        rows.forEach((d, k) => {
          acc.rows[k] = acc.rows[k]!.plus(d);
          if (grouped && !d.isZero()) acc.ids[k]!.push(t.id);
        });
      }
      overall.forEach((d, k) => {
        if (!d.isZero()) total.ids[k]!.push(t.id);
      });
    }
  }

  protected mergePartial(p: ForecastMovementPartial): void {
    for (const t of p.tables) {
      const into = this.tableOf(t.key);
      into.start = into.start.plus(t.start);
      into.end = into.end.plus(t.end);
      t.rows.forEach((d, k) => (into.rows[k] = into.rows[k]!.plus(d)));
      t.dealIds.forEach((ids, k) => into.ids[k]!.push(...(ids as OpportunityId[])));
    }
  }

  partial(): ForecastMovementPartial {
    return {
      kind: 'forecast_movement',
      settings: this.settingsText,
      tables: this.tableRows((acc) => ({
        start: acc.start.toString(),
        end: acc.end.toString(),
        rows: acc.rows.map((d) => d.toString()),
        dealIds: acc.ids.map((ids) => [...ids]),
      })),
    };
  }

  result(): ForecastMovement {
    const { currency } = this;
    // Finish a copy of the total, so that adding can go on after a result.
    const total: Acc = { start: this.total.start, end: this.total.end, rows: [...this.total.rows], ids: this.total.ids };
    // Equivalent mutants: `true` and `>= 0` (ungrouped, there are no groups to add).
    if (this.userGroupBy.length > 0) {
      for (const g of this.groups.sorted()) {
        total.start = total.start.plus(g.acc.start);
        total.end = total.end.plus(g.acc.end);
        g.acc.rows.forEach((d, k) => (total.rows[k] = total.rows[k]!.plus(d)));
      }
    }
    const m = (amount: Decimal): Money => ({ amount, currency });
    const finish = (acc: Acc): ForecastMovementFigures => ({
      start: m(acc.start),
      end: m(acc.end),
      change: m(acc.end.minus(acc.start)),
      rows: MOVEMENT_KINDS.map((kind, k) => ({ kind, delta: m(acc.rows[k]!), dealIds: [...acc.ids[k]!] })),
    });
    return {
      ...this.groups.grouped(this.userGroupBy, total, finish),
      currency,
      period: this.period,
      measure: this.measure,
      from: new Date(this.fromMs),
      to: new Date(this.toMs),
    };
  }
}

function* dealsOfColumns(cols: DealColumns, index: PipelineIndex): Generator<Opportunity> {
  for (let i = 0; i < cols.length; i++) yield dealOfColumns(cols, i, index);
}
