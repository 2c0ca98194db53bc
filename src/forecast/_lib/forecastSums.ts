import { checkMergeable, groupingSettings, settingsText, type AccumulatorPartial, type DealBatch } from '../../model/accumulator.js';
import { amountIn } from '../../money/amountIn.js';
import { ratesOption, type ExchangeRates } from '../../money/convert.js';
import { minorUnitDigits, type CurrencyCode } from '../../money/currency.js';
import { Decimal } from '../../money/decimal.js';
import { ColumnGrouper, dayToPlainDate } from '../../model/columnGroups.js';
import { assertColumnsOf, FORECAST_CATEGORY_CODES, isDealColumns, NO_CODE, NO_DAY, type CodeColumn, type DealColumns, type DealIds } from '../../model/dealColumns.js';
import { probabilityInStage } from '../../model/dealProbability.js';
import type { Split } from '../../model/events.js';
import { compareGroupKeys, groupKeyFn, groupLabel, NO_GROUP, type GroupContext, type GroupKey, type GroupOptions } from '../../model/groupBy.js';
import type { OpportunityId } from '../../model/ids.js';
import type { Opportunity } from '../../model/opportunity.js';
import type { Pipeline } from '../../model/pipeline.js';
import { assertSamePipeline, pipelineIndex, stageInfo, type PipelineIndex } from '../../model/pipelineIndex.js';
import { stageForecastCategory, type ForecastCategory, type Stage } from '../../model/stage.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { because } from '../../i18n/because.js';
import { toInstant, type InstantInput } from '../../time/instant.js';
import { periodOf, type PeriodOptions } from '../../time/periodOf.js';
import type { PlainDate } from '../../time/plainDate.js';
import { checkZone, zoneFields } from '../../time/zone.js';
import { ZoneDays } from '../../time/zoneDays.js';
import { IdPacker, PackedIds } from '../../model/packedIds.js';
import { ABSENT, columnsAsOf } from '../../model/columnsAsOf.js';
import { keySignatures } from './keySignatures.js';
import { forecastDayColumn, forecastDayOf } from './forecastDays.js';
import { dealCategory } from './dealCategory.js';
import { dealsAsOf, listIdsOption } from './dealsAsOf.js';
import { isDecimalLike, toDecimal } from '../../_lib/decimal.js';
import { minorUnits } from '../../_lib/minorUnits.js';
import { booleanOption } from '../../_lib/options.js';
import { checkGroupBy, creditShares, forecastDate, groupContextOf } from './forecastScan.js';
import { checkDeal, checkDealBatch } from '../../model/dealArguments.js';

// The one implementation behind weightedForecast and forecastCategories, and their
// accumulators, on deals and on columns.
//
// Deals are sorted into classes (status; for an open deal its probability and, for the
// categories, its forecast category) and, per target (a group, the total, the undated
// deals, the suspended deals) and per class and currency, their amounts are added up
// exactly: integer minor units in doubles while the running sum stays a safe integer,
// spilling into a BigInt beyond; amounts that are not a safe whole number of minor units
// as decimals. Only when a result is read is each sum converted into the result currency
// and multiplied by its class's probability: Σ convert(amount) × p over the deals, to
// the digit. Credit splits (owner grouping) are the exception: a split deal's amount and
// weighted amount are rounded and shared out per deal (`creditShares`), and the shares
// are kept as decimals in the result currency.

/** The options both forecasts take (structurally `WeightedForecastOptions`). */
export interface ForecastSumsOptions extends GroupOptions {
  readonly currency?: CurrencyCode;
  readonly rates?: ExchangeRates;
  readonly asOf?: InstantInput;
  readonly dealIds?: boolean;
  readonly opportunityIds?: boolean;
}

/**
 * One class of deals in a {@link ForecastSumsPartial}: every deal of a class counts
 * with the same probability (and, for {@link forecastCategories}, in the same category).
 */
export interface ForecastClassPartial {
  /** The deals' status. */
  readonly status: 'open' | 'won' | 'lost' | 'suspended';
  /** An open deal's probability (exact decimal, as text); null for the other statuses. */
  readonly probability: string | null;
  /** An open deal's forecast category (forecastCategories only); null otherwise. */
  readonly category: ForecastCategory | null;
}

/** The sums of one class and currency within a target of a {@link ForecastSumsPartial}. */
export interface ForecastSumPartial {
  /** Position in `classes`. */
  readonly class: number;
  /** Position in `currencies`: the currency of the deals' own amounts. */
  readonly currency: number;
  /** Deals counted (a split deal once per credited owner). */
  readonly count: number;
  /** Σ the deals' own amounts (exact decimal, as text, in that currency), not yet weighted or converted; split deals excepted. */
  readonly amount: string;
  /** The credited shares of split deals (owner grouping), in the result currency: `[amount, weighted]` as exact decimals; null when none. */
  readonly credited: readonly [string, string] | null;
  /** The deals, as positions in `dealIds` (with `dealIds: true`); null otherwise. */
  readonly deals: readonly number[] | null;
}

/** One target (a group, the total, the unforecastable or the suspended deals) of a {@link ForecastSumsPartial}. */
export interface ForecastTargetPartial {
  /** What the target is. */
  readonly role: 'group' | 'total' | 'unforecastable' | 'suspended';
  /** A group's key tuple; null for the other roles. */
  readonly key: readonly string[] | null;
  /** Its sums, by class and currency. */
  readonly sums: readonly ForecastSumPartial[];
}

/**
 * The plain-data state shared by {@link WeightedForecastPartial} and
 * {@link ForecastCategoriesPartial}: exact sums by target, deal class and currency
 * (decimals as strings), counts, and the deal ids as arrays. Merged, the sums are
 * added; the ids of a merged shard come after the ids already held, in the shard's order.
 */
export interface ForecastSumsPartial extends AccumulatorPartial {
  /** The classes the sums are kept by. */
  readonly classes: readonly ForecastClassPartial[];
  /** The currencies of the deals' own amounts. */
  readonly currencies: readonly CurrencyCode[];
  /** With `dealIds: true`, every deal counted in a figure, in order of arrival; empty otherwise. */
  readonly dealIds: readonly OpportunityId[];
  /** Ids of the deals without a forecast date, in order of arrival; empty with `opportunityIds: false`. */
  readonly unforecastableIds: readonly OpportunityId[];
  /** Ids of the suspended deals, in order of arrival; empty with `opportunityIds: false`. */
  readonly suspendedIds: readonly OpportunityId[];
  /** The sums of each target. */
  readonly targets: readonly ForecastTargetPartial[];
}

/** One figure being assembled (a status or a category of a target). @internal */
export interface Bucket {
  count: number;
  amount: Decimal;
  weighted: Decimal;
  /** Ordinals of the deals, one list per sum (ascending each). */
  readonly lists: number[][];
}

/** A finished set of sums, to turn into a result. @internal */
export interface Assembled {
  readonly currency: CurrencyCode;
  readonly groupBy: readonly string[];
  readonly groups: ReadonlyArray<{ readonly key: readonly string[]; readonly buckets: readonly Bucket[] }>;
  readonly total: readonly Bucket[];
  readonly undated: readonly Bucket[];
  readonly book: readonly Bucket[];
  readonly suspended: { readonly count: number; readonly amount: Decimal };
  readonly undatedIds: readonly OpportunityId[];
  readonly suspendedIds: readonly OpportunityId[];
  /** Whether deal ids are listed. */
  readonly listing: boolean;
  /** The ids of lists of ordinals, in order of arrival, each deal once. */
  idsOf(lists: readonly (readonly number[])[]): OpportunityId[];
}

const ZERO = new Decimal(0);
const MAX = Number.MAX_SAFE_INTEGER;
/** Module-local copies of imported constants, read in the hot loop. */
const NO_DATE = NO_DAY;
const GONE = ABSENT;
/**
 * A rate as the settings compare it: by value (`'7.10'`, `7.1` and `new Decimal('7.1')` are
 * one rate), or as given when it is not a decimal (it is refused when first used).
 */
function rateText(rate: unknown): string {
  return isDecimalLike(rate) ? toDecimal(rate).toString() : String(rate);
}

/** Map keys of a (target, combo) cell: target × STRIDE + combo. */
const STRIDE = 1 << 20;

const ST_OPEN = 0;
const ST_SUSPENDED = 1;
const ST_WON = 2;
const ST_LOST = 3;
const STATUS_NAMES = ['open', 'suspended', 'won', 'lost'] as const;

/** Targets with a fixed place; groups follow. */
const T_UNDATED = 0;
const T_TOTAL = 1;
const T_SUSPENDED = 2;
const FIXED_TARGETS = 3;
const ROLES = ['unforecastable', 'total', 'suspended'] as const;

/** Number of category codes: an open class's category in the categories' raw class code. */
const CATS = FORECAST_CATEGORY_CODES.length;

/** Group targets by key: one level per key element, the target at the last. */
type GroupTrie = Map<string, GroupTrie | number>;

interface DealClass {
  readonly status: number;
  /** Open: the probability; won 1, lost 0; suspended null. */
  readonly p: Decimal | null;
  /** Category code (FORECAST_CATEGORY_CODES) of an open class of the categories; −1 otherwise. */
  readonly category: number;
}

/**
 * The running sums of a weighted forecast or of forecast categories, fed with deals or
 * columns, merged from partial states, and assembled into figures by the callers.
 *
 * @internal
 */
export class ForecastSums {
  readonly currency: CurrencyCode;
  readonly listing: boolean;
  private readonly digits: number;
  private readonly rates: ExchangeRates | undefined;
  private readonly asOfMs: number | undefined;
  private readonly index: PipelineIndex;
  private readonly reset: boolean;
  private readonly groupBy: readonly GroupKey[];
  private readonly grouped: boolean;
  private readonly context: GroupContext;
  private readonly keyOf: (o: Opportunity) => readonly string[];
  private readonly ownerIndex: number;
  private readonly checkKeys: boolean;
  private readonly settings: string;
  private grouper: ColumnGrouper | undefined;
  private periodDays: ZoneDays | undefined;

  // Classes, currencies and their combinations (a combo: one class in one currency).
  private readonly classes: DealClass[] = [];
  private readonly classIndex = new Map<string, number>();
  private readonly stageClasses = new Map<Stage, number[]>();
  private readonly currencies: CurrencyCode[] = [];
  private readonly currencyIndex = new Map<string, number>();
  private readonly currencyDigits: number[] = [];
  private readonly comboClass: number[] = [];
  private readonly comboCurrency: number[] = [];
  private readonly comboIndex = new Map<number, number>();

  // Targets: undated, total, suspended, then the groups.
  private readonly targetKeys: (readonly string[] | null)[] = [null, null, null];
  private readonly groupTargets: GroupTrie = new Map();

  // Cells (target, combo): counts and safe-integer sums of minor units in typed arrays,
  // row by target (kcap combos a row); the rest in maps keyed target × STRIDE + combo.
  private tcap = 8;
  private kcap = 8;
  private cnt = new Float64Array(64);
  private lo = new Float64Array(64);
  private readonly hi = new Map<number, bigint>();
  private readonly dec = new Map<number, Decimal>();
  private readonly creditedAmount = new Map<number, Decimal>();
  private readonly creditedWeighted = new Map<number, Decimal>();
  private readonly lists = new Map<number, number[]>();

  private readonly ordinalIds: OpportunityId[] = [];
  private readonly undatedIds = new IdList();
  private readonly suspendedIds = new IdList();
  // Whether the ids of the unforecastable and suspended deals are kept (`opportunityIds`).
  private readonly listOpportunities: boolean;

  constructor(
    readonly kind: string,
    private readonly pipeline: Pipeline,
    options: ForecastSumsOptions,
    private readonly withCategory: boolean,
  ) {
    if (typeof options !== 'object' || options === null) throw new FunnelError('invalid_option', { option: 'options', reason: because('must_be_object') });
    this.listing = listIdsOption(options.dealIds);
    this.listOpportunities = options.opportunityIds === undefined ? true : booleanOption(options.opportunityIds, 'opportunityIds');
    this.asOfMs = options.asOf === undefined ? undefined : toInstant(options.asOf, 'asOf').getTime();
    // The index first: it refuses a value that is not a pipeline before its fields are read.
    this.index = pipelineIndex(pipeline);
    this.currency = options.currency ?? pipeline.currency;
    this.digits = minorUnitDigits(this.currency);
    this.rates = ratesOption(options.rates);
    this.reset = (pipeline.policy?.probabilityOnStageChange ?? 'reset') === 'reset';
    this.groupBy = options.groupBy ?? [];
    checkGroupBy(this.groupBy);
    this.context = groupContextOf(options);
    checkZone(this.context);
    // `'period'` through a cache of its labels by date (periodOf per deal is the dearest part of a key).
    // Equivalent mutants (the next two statements): any that skips the cache keys by `'period'` itself, with the same labels.
    // Stryker disable next-line StringLiteral: equivalent; without the cache 'period' is keyed by periodOf, with the same labels
    const byPeriod = this.groupBy.includes('period') ? cachedPeriodKey(this.context) : undefined;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: equivalent (see above)
    this.keyOf = groupKeyFn(byPeriod === undefined ? this.groupBy : this.groupBy.map((g) => (g === 'period' ? byPeriod : g)), this.context, forecastDate);
    this.grouped = this.groupBy.length > 0;
    this.ownerIndex = this.groupBy.indexOf('owner');
    this.checkKeys = this.groupBy.some((g) => typeof g === 'function');
    const rates = this.rates;
    this.settings = settingsText(pipeline, {
      currency: this.currency,
      rates: rates === undefined ? null : { base: rates.base, rates: Object.entries(rates.rates).map(([c, r]) => [c, rateText(r)]).sort() },
      asOf: this.asOfMs ?? null,
      dealIds: this.listing,
      // Only when off, so that the settings of the default are those of 0.2.0.
      // Stryker disable next-line BooleanLiteral: equivalent; any value of the key makes the settings of `false` differ from the default's
      ...(this.listOpportunities ? {} : { opportunityIds: false }),
      ...groupingSettings(options),
    });
    // The fixed classes: won, lost, suspended.
    this.classId(ST_WON, new Decimal(1), -1);
    this.classId(ST_LOST, ZERO, -1);
    this.classId(ST_SUSPENDED, null, -1);
  }

  // ---- registries ------------------------------------------------------------------

  private classId(status: number, p: Decimal | null, category: number): number {
    const key = status === ST_OPEN ? `o|${p!.toString()}|${category}` : STATUS_NAMES[status]!;
    let id = this.classIndex.get(key);
    // Stryker disable next-line ConditionalExpression: equivalent when forced true (a new class at every call): it splits one class's sums over copies that the result adds back up
    if (id === undefined) {
      id = this.classes.length;
      this.classes.push({ status, p, category });
      this.classIndex.set(key, id);
    }
    return id;
  }

  /** The class of an open deal at the stage's own probability. */
  private stageClass(stage: Stage, category: number): number {
    let ids = this.stageClasses.get(stage);
    // Stryker disable next-line ConditionalExpression: equivalent when forced true (a new list at every call): it asks classId again, which finds the same class
    if (ids === undefined) {
      ids = [];
      this.stageClasses.set(stage, ids);
    }
    // Stryker disable ArithmeticOperator: equivalent; `category - 1` is another slot per category, as one-to-one
    // biome-ignore lint/suspicious/noAssignInExpressions: lazy initialisation, once per slot
    return (ids[category + 1] ??= this.classId(ST_OPEN, stage.probability, category));
    // Stryker restore ArithmeticOperator
  }

  /**
   * The id of a currency; on first sight, checks that its amounts can be read in the
   * result currency (`currency_mismatch` without rates, `missing_rate`), as `amountIn` does.
   */
  private currencyId(currency: CurrencyCode): number {
    let id = this.currencyIndex.get(currency);
    if (id === undefined) {
      amountIn({ amount: ZERO, currency }, this.currency, this.rates);
      id = this.currencies.length;
      this.currencies.push(currency);
      this.currencyDigits.push(minorUnitDigits(currency));
      this.currencyIndex.set(currency, id);
    }
    return id;
  }

  private comboId(cls: number, currency: number): number {
    // Stryker disable next-line ArithmeticOperator: equivalent; `cls * 65536 - currency` and `cls / 65536 + currency` are as one-to-one on (class, currency < 65 536)
    const key = cls * 65536 + currency;
    let k = this.comboIndex.get(key);
    if (k === undefined) {
      k = this.comboClass.length;
      if (k >= STRIDE) throw new FunnelError('limit_exceeded', { what: because('forecast_classes'), limit: STRIDE });
      this.comboClass.push(cls);
      this.comboCurrency.push(currency);
      this.comboIndex.set(key, k);
      // Equivalent mutants: `true` and `k < this.kcap` widen the rows at every new combo (k then never reaches kcap): more memory, the same sums.
      if (k >= this.kcap) this.widen();
    }
    return k;
  }

  /** The target of a group key tuple, created on first use (a trie of maps: no string built per deal). */
  private groupTarget(key: readonly string[]): number {
    let node = this.groupTargets;
    // Stryker disable next-line ArithmeticOperator: equivalent; `key.length + 1` walks two levels keyed undefined past the key's end, as one-to-one
    const last = key.length - 1;
    // Stryker disable next-line EqualityOperator: equivalent `<=`: one level more, keyed by the last part, as one-to-one (the sibling `>=` is killed)
    for (let j = 0; j < last; j++) {
      let next = node.get(key[j]!) as GroupTrie | undefined;
      if (next === undefined) {
        next = new Map();
        node.set(key[j]!, next);
      }
      node = next;
    }
    let t = node.get(key[last]!) as number | undefined;
    if (t === undefined) {
      t = this.targetKeys.length;
      this.targetKeys.push(key);
      node.set(key[last]!, t);
      if (t >= this.tcap) this.lengthen();
    }
    return t;
  }

  /** Doubles the combos a row holds. */
  private widen(): void {
    const k0 = this.kcap;
    const k1 = k0 * 2;
    const cnt = new Float64Array(this.tcap * k1);
    const lo = new Float64Array(this.tcap * k1);
    // Stryker disable next-line EqualityOperator: equivalent `<=`: the row after the last target is all zeros, or past the end and empty (the sibling `>=` is killed)
    for (let t = 0; t < this.targetKeys.length; t++) {
      cnt.set(this.cnt.subarray(t * k0, t * k0 + k0), t * k1);
      lo.set(this.lo.subarray(t * k0, t * k0 + k0), t * k1);
    }
    this.kcap = k1;
    this.cnt = cnt;
    this.lo = lo;
  }

  /** Doubles the rows (targets). */
  private lengthen(): void {
    this.tcap *= 2;
    const cnt = new Float64Array(this.tcap * this.kcap);
    const lo = new Float64Array(this.tcap * this.kcap);
    cnt.set(this.cnt);
    lo.set(this.lo);
    this.cnt = cnt;
    this.lo = lo;
  }

  // ---- adding ----------------------------------------------------------------------

  private ordinal(id: OpportunityId): number {
    return this.ordinalIds.push(id) - 1;
  }

  private listAt(t: number, k: number, ordinal: number): void {
    const key = t * STRIDE + k;
    const list = this.lists.get(key);
    if (list === undefined) this.lists.set(key, [ordinal]);
    else list.push(ordinal);
  }

  private addDecimal(map: Map<number, Decimal>, key: number, v: Decimal): void {
    const had = map.get(key);
    map.set(key, had === undefined ? v : had.plus(v));
  }

  /** Adds whole minor units `a` to cell `b` (key `mk`), spilling into a BigInt when the sum would not stay a safe integer. */
  private spill(b: number, mk: number, a: number): void {
    this.hi.set(mk, (this.hi.get(mk) ?? 0n) + BigInt(this.lo[b]!) + BigInt(a));
    this.lo[b] = 0;
  }

  /** Adds a deal's own amount (major units of combo `k`'s currency) to cell (t, k). */
  private addAmount(t: number, k: number, amount: Decimal): void {
    const digits = this.currencyDigits[this.comboCurrency[k]!]!;
    const b = t * this.kcap + k;
    const a = minorUnits(amount, digits);
    // Stryker disable next-line ConditionalExpression: speed only when forced true: the exact decimal sum gives the same total
    if (Number.isNaN(a)) this.addDecimal(this.dec, t * STRIDE + k, amount);
    else {
      const s = this.lo[b]! + a;
      // Stryker disable next-line ConditionalExpression,EqualityOperator,UnaryOperator: speed only where they spill more often (the bigint sum is exact too), and amounts are never negative (the schema refuses them), so the lower limit is never reached; the sibling that never spills is killed by a test of sums beyond 2^53 fen and left out with them
      if (s <= MAX && s >= -MAX) this.lo[b] = s;
      else this.spill(b, t * STRIDE + k, a);
    }
  }

  /**
   * Credits a split deal (owner grouping) to its split owners: the deal's amount in the
   * result currency and its weighted amount, rounded and shared out (`creditShares`).
   */
  private credit(key: readonly string[], k: number, amount: Decimal, currency: CurrencyCode, splits: readonly Split[], ordinal: number): void {
    const inResult = amountIn({ amount, currency }, this.currency, this.rates);
    const c = this.classes[this.comboClass[k]!]!;
    // Stryker disable next-line ConditionalExpression: equivalent where a lost deal is weighted by its class's probability, which is 0 (the sibling that zeroes open deals is killed and left out with it)
    const weighted = c.status === ST_WON ? inResult : c.status === ST_LOST ? ZERO : inResult.times(c.p!);
    const { amounts, weighteds } = creditShares(inResult, weighted, splits, this.currency, this.digits);
    for (let j = 0; j < splits.length; j++) {
      const s = splits[j]!;
      if (s.basisPoints === 0) continue;
      const own = key.slice();
      own[this.ownerIndex] = s.ownerId;
      const t = this.groupTarget(own);
      this.cnt[t * this.kcap + k]! += 1;
      this.addDecimal(this.creditedAmount, t * STRIDE + k, amounts[j]!);
      this.addDecimal(this.creditedWeighted, t * STRIDE + k, weighteds[j]!);
      // Stryker disable next-line ConditionalExpression: equivalent when forced true: without listing the lists are never read, and with it every ordinal is 0 or more
      if (ordinal >= 0) this.listAt(t, k, ordinal);
    }
  }

  add(batch: DealBatch): void {
    checkDealBatch(batch, 'opportunities');
    if (isDealColumns(batch)) this.addColumns(batch);
    else this.addDeals(batch);
  }

  private addDeals(deals: Iterable<Opportunity>): void {
    // Stryker disable next-line ConditionalExpression: speed only when forced false: as of no instant every deal stands as it is
    const source = this.asOfMs === undefined ? deals : dealsAsOf(deals, this.pipeline, this.asOfMs);
    const { index, pipeline, withCategory, grouped, listing } = this;
    // With `asOf`, dealsAsOf has checked each deal at its place in the input.
    let i = 0;
    for (const o of source) {
      checkDeal(o, i++, 'opportunities');
      assertSamePipeline(o, pipeline);
      const stage = stageInfo(index, o.stageId).stage;
      const cur = this.currencyId(o.amount.currency);
      const p = probabilityInStage(o, stage);
      if (p === null) {
        if (this.listOpportunities) this.suspendedIds.push(o.id);
        const k = this.comboId(2, cur);
        this.cnt[T_SUSPENDED * this.kcap + k]! += 1;
        this.addAmount(T_SUSPENDED, k, o.amount.amount);
        continue;
      }
      let cls: number;
      if (o.status === 'open') {
        const category = withCategory ? FORECAST_CATEGORY_CODES.indexOf(dealCategory(o, stage)) : -1;
        // Stryker disable next-line ConditionalExpression: speed only when forced false: stageClass caches the class classId gives for the stage's probability
        cls = o.probabilityOverride === undefined ? this.stageClass(stage, category) : this.classId(ST_OPEN, p, category);
      } else {
        cls = o.status === 'won' ? 0 : 1;
      }
      const k = this.comboId(cls, cur);
      // Stryker disable next-line UnaryOperator: equivalent: without listing no list is read
      const ordinal = listing ? this.ordinal(o.id) : -1;
      let t: number;
      if (forecastDate(o) === undefined) {
        if (this.listOpportunities) this.undatedIds.push(o.id);
        t = T_UNDATED;
      } else if (!grouped) {
        t = T_TOTAL;
      } else {
        const key = this.keyOf(o);
        // Stryker disable next-line ConditionalExpression: speed only when forced true: checking string keys finds nothing (the sibling that never checks is killed and left out with it)
        if (this.checkKeys) {
          for (const part of key) {
            if (typeof part !== 'string') throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('key_function_result') });
          }
        }
        // A grouped total is the sum of its groups; it counts and lists each deal once.
        this.cnt[T_TOTAL * this.kcap + k]! += 1;
        if (listing) this.listAt(T_TOTAL, k, ordinal);
        const splits = o.splits;
        if (this.ownerIndex >= 0 && splits !== undefined && splits.length > 0) {
          this.credit(key, k, o.amount.amount, o.amount.currency, splits, ordinal);
          continue;
        }
        t = this.groupTarget(key);
      }
      this.cnt[t * this.kcap + k]! += 1;
      this.addAmount(t, k, o.amount.amount);
      if (listing) this.listAt(t, k, ordinal);
    }
  }

  /** Days on the period's wall clock (made once). */
  private periodZoneDays(): ZoneDays {
    this.periodDays ??= new ZoneDays(periodZone(this.context));
    return this.periodDays;
  }

  private addColumns(input: DealColumns): void {
    assertColumnsOf(input, this.pipeline);
    const cols = this.asOfMs === undefined ? input : columnsAsOf(input, { index: this.index, reset: this.reset }, this.asOfMs);
    const grouped = this.grouped;
    // biome-ignore lint/suspicious/noAssignInExpressions: lazy initialisation, once per slot
    const grouper = grouped ? (this.grouper ??= new ColumnGrouper(this.groupBy, this.context, (c, i) => forecastDayOf(c, i, this.periodZoneDays()))) : undefined;
    const n = cols.length;
    const stages = this.pipeline.stages;
    const S = stages.length;
    const C = cols.currencies.length;
    const CW = this.withCategory ? CATS : 1;
    // Raw class codes of this chunk: an open deal's probability key (its stage, or S + its
    // override code) × CW + its category code; then won, lost, suspended.
    const R0 = (S + cols.probabilities.length) * CW;
    const stageCategory = new Int32Array(S);
    for (let s = 0; s < S; s++) stageCategory[s] = FORECAST_CATEGORY_CODES.indexOf(stageForecastCategory(stages[s]!));
    let splitDeal: Uint8Array | null = null;
    const splitCol = cols.split;
    if (grouped && this.ownerIndex >= 0 && splitCol !== undefined) {
      splitDeal = new Uint8Array(n);
      for (let i = 0; i < n; i++) if (splitCol[i] !== NO_CODE && cols.splitLists[splitCol[i]!]!.length > 0) splitDeal[i] = 1;
    }
    const chunk: Chunk = {
      cols,
      status: cols.status,
      stage: cols.stage,
      currency: cols.currency,
      amountMinor: cols.amountMinor,
      forecastDay: forecastDayColumn(cols, this.groupBy.includes('period') ? this.periodZoneDays() : UTC_DAYS),
      ids: cols.ids,
      override: cols.probabilityOverride ?? null,
      categoryOverride: this.withCategory ? (cols.forecastCategoryOverride ?? null) : null,
      stageCategory,
      S,
      C,
      CW,
      R0,
      comboOf: new Int32Array((R0 + 3) * C).fill(-1),
      currencyOf: new Int32Array(C).fill(-1),
      splitDeal,
      grouper: grouper ?? null,
      slotTargets: new Int32Array(16).fill(-1),
      sigs: null,
      sigTargets: null,
      undated: new Int32Array(n),
      undatedCount: 0,
      suspended: new Int32Array(n),
      suspendedCount: 0,
    };
    if (this.listing) {
      for (let i = 0; i < n; i++) this.addColumnDeal(chunk, i);
    } else {
      this.sumChunk(chunk, grouped);
    }
    // The ids of the undated and suspended deals, in input order.
    if (this.listOpportunities) {
      this.undatedIds.appendAt(cols.ids, chunk.undated, chunk.undatedCount);
      this.suspendedIds.appendAt(cols.ids, chunk.suspended, chunk.suspendedCount);
    }
  }

  private sumChunk(chunk: Chunk, grouped: boolean): void {
    const { cols } = chunk;
    const n = cols.length;
    // Stryker disable next-line ConditionalExpression,BlockStatement: speed only: signatures spare the kernel a grouper lookup per deal (without them it looks the slot up; made when not grouped, they are never read)
    if (grouped) {
      const signatures = keySignatures(this.groupBy, this.context, cols, chunk.forecastDay);
      // Stryker disable next-line ConditionalExpression,BlockStatement: speed only: without signatures the kernel looks each deal's slot up
      if (signatures !== undefined) {
        chunk.sigs = signatures.sig;
        chunk.sigTargets = new Int32Array(signatures.size).fill(-1);
      }
    }
    // The common deals in a tight loop; whatever it cannot settle (a first combo or
    // group, a split deal, an exact amount, a spill) deal by deal, then on.
    let i = 0;
    while (i < n) {
      i = sumKernel(chunk, this.cnt, this.lo, this.kcap, i, n);
      if (i < n) this.addColumnDeal(chunk, i++);
    }
  }

  /** Adds deal `i` of a chunk, whatever it needs (the kernel's fallback, and every deal when listing ids). */
  private addColumnDeal(chunk: Chunk, i: number): void {
    const { cols, S, C, CW, R0 } = chunk;
    const st = chunk.status[i]!;
    if (st === GONE) return;
    const c = chunk.currency[i]!;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: a cache; looked up again, a currency gets the same id
    if (chunk.currencyOf[c]! < 0) chunk.currencyOf[c] = this.currencyId(cols.currencies[c]!);
    let raw: number;
    let t: number;
    if (st === ST_OPEN) {
      const oc = chunk.override === null ? -1 : chunk.override[i]!;
      const s = chunk.stage[i]!;
      const pk = oc < 0 ? s : S + oc;
      const cc = chunk.categoryOverride === null ? -1 : chunk.categoryOverride[i]!;
      raw = CW === 1 ? pk : pk * CW + (cc < 0 ? chunk.stageCategory[s]! : cc);
      t = chunk.forecastDay[i] !== NO_DATE ? T_TOTAL : T_UNDATED;
    } else if (st === ST_SUSPENDED) {
      raw = R0 + 2;
      t = T_SUSPENDED;
    } else {
      raw = R0 + st - ST_WON;
      t = chunk.forecastDay[i] !== NO_DATE ? T_TOTAL : T_UNDATED;
    }
    const rc = raw * C + c;
    let k = chunk.comboOf[rc]!;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: a cache; looked up again, a class and currency get the same combination
    if (k < 0) {
      k = this.comboId(this.rawClass(cols, raw, R0, CW), chunk.currencyOf[c]!);
      chunk.comboOf[rc] = k;
    }
    let ordinal = -1;
    if (t === T_SUSPENDED) chunk.suspended[chunk.suspendedCount++] = i;
    else {
      if (this.listing) ordinal = this.ordinal(chunk.ids.at(i));
      if (t === T_UNDATED) chunk.undated[chunk.undatedCount++] = i;
      else if (this.grouped) {
        this.cnt[T_TOTAL * this.kcap + k]! += 1;
        if (ordinal >= 0) this.listAt(T_TOTAL, k, ordinal);
        const grouper = chunk.grouper!;
        const slot = grouper.slotOf(cols, i);
        if (chunk.splitDeal !== null && chunk.splitDeal[i] === 1) {
          this.credit(grouper.keyOf(slot), k, this.amountAt(cols, i), cols.currencies[c]!, cols.splitLists[cols.split![i]!]!, ordinal);
          return;
        }
        if (slot >= chunk.slotTargets.length) {
          // Stryker disable next-line MethodExpression,ArithmeticOperator: equivalent; the table only needs room for `slot` (slots come one at a time), a size that grows it more often changes no result
          const wider = new Int32Array(Math.max(slot + 1, chunk.slotTargets.length * 2)).fill(-1);
          wider.set(chunk.slotTargets);
          chunk.slotTargets = wider;
        }
        let gt = chunk.slotTargets[slot]!;
        // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent: a cache; looked up again, a group key gets the same target
        if (gt < 0) {
          gt = this.groupTarget(grouper.keyOf(slot));
          chunk.slotTargets[slot] = gt;
        }
        // Stryker disable next-line ConditionalExpression: speed only when never true: a signature without its target sends its deals to this fallback
        if (chunk.sigs !== null) chunk.sigTargets![chunk.sigs[i]!] = gt;
        t = gt;
      }
    }
    const b = t * this.kcap + k;
    this.cnt[b]! += 1;
    const a = chunk.amountMinor[i]!;
    if (!Number.isNaN(a)) {
      const s = this.lo[b]! + a;
      // Stryker disable next-line ConditionalExpression,EqualityOperator,UnaryOperator: speed only where they spill more often (the bigint sum is exact too), and amounts are never negative (the schema refuses them), so the lower limit is never reached; the sibling that keeps a sum past 2^53 is killed by a test of sums beyond 2^53 fen on columns and left out with them
      if (s <= MAX && s >= -MAX) this.lo[b] = s;
      else this.spill(b, t * STRIDE + k, a);
    } else {
      this.addDecimal(this.dec, t * STRIDE + k, cols.amountExact.get(i)!);
    }
    // Stryker disable next-line ConditionalExpression: equivalent when forced true: without listing the lists are never read, and with it every ordinal is 0 or more
    if (ordinal >= 0) this.listAt(t, k, ordinal);
  }

  /** Deal `i`'s own amount as a decimal (major units of its currency). */
  private amountAt(cols: DealColumns, i: number): Decimal {
    const a = cols.amountMinor[i]!;
    if (Number.isNaN(a)) return cols.amountExact.get(i)!;
    return new Decimal(`${a}e-${minorUnitDigits(cols.currencies[cols.currency[i]!]!)}`);
  }

  /** The class of a raw class code of a chunk (see addColumns). */
  private rawClass(cols: DealColumns, raw: number, r0: number, cw: number): number {
    if (raw >= r0) return raw - r0; // won 0, lost 1, suspended 2
    const pk = Math.floor(raw / cw);
    const category = cw === 1 ? -1 : raw % cw;
    const stages = this.pipeline.stages;
    if (pk < stages.length) return this.stageClass(stages[pk]!, category);
    return this.classId(ST_OPEN, cols.probabilities[pk - stages.length]!, category);
  }

  // ---- partial states --------------------------------------------------------------

  private rawSum(t: number, k: number): Decimal | undefined {
    const b = t * this.kcap + k;
    const mk = t * STRIDE + k;
    const lo = this.lo[b]!;
    const hi = this.hi.get(mk);
    const dec = this.dec.get(mk);
    // Stryker disable next-line ConditionalExpression: equivalent when never true: a zero sum is then a decimal 0, which adds nothing (the currency was checked when the deal came)
    if (lo === 0 && hi === undefined) return dec;
    const minor = hi === undefined ? String(lo) : (hi + BigInt(lo)).toString();
    const v = new Decimal(`${minor}e-${this.currencyDigits[this.comboCurrency[k]!]!}`);
    return dec === undefined ? v : v.plus(dec);
  }

  partial(): ForecastSumsPartial {
    const targets: ForecastTargetPartial[] = [];
    const K = this.comboClass.length;
    for (let t = 0; t < this.targetKeys.length; t++) {
      const sums: ForecastSumPartial[] = [];
      for (let k = 0; k < K; k++) {
        const count = this.cnt[t * this.kcap + k]!;
        if (count === 0) continue;
        const mk = t * STRIDE + k;
        const ca = this.creditedAmount.get(mk);
        const list = this.lists.get(mk);
        sums.push({
          class: this.comboClass[k]!,
          currency: this.comboCurrency[k]!,
          count,
          amount: (this.rawSum(t, k) ?? ZERO).toString(),
          credited: ca === undefined ? null : [ca.toString(), this.creditedWeighted.get(mk)!.toString()],
          deals: list === undefined ? null : list.slice(),
        });
      }
      if (sums.length === 0) continue;
      const key = this.targetKeys[t];
      targets.push({ role: key === null ? ROLES[t]! : 'group', key: key === null ? null : [...key!], sums });
    }
    return {
      kind: this.kind,
      settings: this.settings,
      classes: this.classes.map((c) => ({
        status: STATUS_NAMES[c.status]!,
        probability: c.status === ST_OPEN ? c.p!.toString() : null,
        category: c.category < 0 ? null : FORECAST_CATEGORY_CODES[c.category]!,
      })),
      currencies: this.currencies.slice(),
      dealIds: this.ordinalIds.slice(),
      unforecastableIds: this.undatedIds.all().slice(),
      suspendedIds: this.suspendedIds.all().slice(),
      targets,
    };
  }

  merge(p: ForecastSumsPartial): void {
    checkMergeable({ kind: this.kind, settings: this.settings }, p);
    const classes = p.classes.map((c) =>
      // The won, lost and suspended classes exist from the start (their probability is not read again).
      // Stryker disable next-line ConditionalExpression,UnaryOperator: equivalent: FORECAST_CATEGORY_CODES.indexOf(null) is −1 too, and a category 1 on a class without categories only splits a sum the buckets add back up
      this.classId(STATUS_NAMES.indexOf(c.status), c.probability === null ? null : new Decimal(c.probability), c.category === null ? -1 : FORECAST_CATEGORY_CODES.indexOf(c.category)),
    );
    const currencies = p.currencies.map((c) => this.currencyId(c));
    const offset = this.ordinalIds.length;
    for (const id of p.dealIds) this.ordinalIds.push(id);
    this.undatedIds.append(p.unforecastableIds);
    this.suspendedIds.append(p.suspendedIds);
    for (const target of p.targets) {
      const t = target.role === 'group' ? this.groupTarget(target.key!) : ROLES.indexOf(target.role);
      for (const s of target.sums) {
        const k = this.comboId(classes[s.class]!, currencies[s.currency]!);
        const mk = t * STRIDE + k;
        this.cnt[t * this.kcap + k]! += s.count;
        // Stryker disable next-line ConditionalExpression,StringLiteral: speed only: a zero decimal adds nothing (the currency was checked when the shard's deal came)
        if (s.amount !== '0') this.addDecimal(this.dec, mk, new Decimal(s.amount));
        if (s.credited !== null) {
          this.addDecimal(this.creditedAmount, mk, new Decimal(s.credited[0]));
          this.addDecimal(this.creditedWeighted, mk, new Decimal(s.credited[1]));
        }
        if (s.deals !== null) for (const d of s.deals) this.listAt(t, k, d + offset);
      }
    }
  }

  // ---- results ---------------------------------------------------------------------

  /**
   * The figures of one target: its sums folded into buckets (`bucketOf` maps a class to
   * its bucket): counts, amounts converted into the result currency, weighted amounts
   * (a class's converted sum × its probability, plus credited shares), deal lists.
   */
  private fold(t: number, bucketOf: (c: DealClass) => number, buckets: number): Bucket[] {
    const out: Bucket[] = Array.from({ length: buckets }, () => ({ count: 0, amount: ZERO, weighted: ZERO, lists: [] }));
    const byClass = new Map<number, Decimal>();
    for (let k = 0; k < this.comboClass.length; k++) {
      const count = this.cnt[t * this.kcap + k]!;
      // Stryker disable next-line ConditionalExpression: speed only: a cell no deal reached has no sum, credit or list
      if (count === 0) continue;
      const cls = this.comboClass[k]!;
      const bucket = out[bucketOf(this.classes[cls]!)]!;
      bucket.count += count;
      const mk = t * STRIDE + k;
      const raw = this.rawSum(t, k);
      if (raw !== undefined) {
        const converted = amountIn({ amount: raw, currency: this.currencies[this.comboCurrency[k]!]! }, this.currency, this.rates);
        const had = byClass.get(cls);
        byClass.set(cls, had === undefined ? converted : had.plus(converted));
      }
      const ca = this.creditedAmount.get(mk);
      if (ca !== undefined) {
        bucket.amount = bucket.amount.plus(ca);
        bucket.weighted = bucket.weighted.plus(this.creditedWeighted.get(mk)!);
      }
      const list = this.lists.get(mk);
      // Stryker disable next-line ConditionalExpression: equivalent when forced true: lists are read only when listing, and then every cell counted in a target read (not the suspended) has one
      if (list !== undefined) bucket.lists.push(list);
    }
    for (const [cls, amount] of byClass) {
      const c = this.classes[cls]!;
      const bucket = out[bucketOf(c)]!;
      bucket.amount = bucket.amount.plus(amount);
      if (c.status === ST_OPEN) bucket.weighted = bucket.weighted.plus(amount.times(c.p!));
      else if (c.status === ST_WON) bucket.weighted = bucket.weighted.plus(amount);
    }
    return out;
  }

  /** Everything added and merged, folded into buckets by `bucketOf`. Reads the state only. */
  assemble(bucketOf: (c: DealClass) => number, buckets: number): Assembled {
    const groups = this.targetKeys
      .slice(FIXED_TARGETS)
      .map((key, j) => ({ key: key!, buckets: this.fold(FIXED_TARGETS + j, bucketOf, buckets) }))
      .sort((a, b) => compareGroupKeys(a.key, b.key));
    const total = this.fold(T_TOTAL, bucketOf, buckets);
    // Stryker disable next-line ConditionalExpression: equivalent when forced true: without grouping there are no groups to add
    if (this.grouped) {
      // The total is the exact sum of the groups (split shares included); its counts and lists are distinct deals.
      for (const g of groups) {
        g.buckets.forEach((b, j) => {
          total[j]!.amount = total[j]!.amount.plus(b.amount);
          total[j]!.weighted = total[j]!.weighted.plus(b.weighted);
        });
      }
    }
    const undated = this.fold(T_UNDATED, bucketOf, buckets);
    const book = total.map((b, j) => {
      const u = undated[j]!;
      return { count: b.count + u.count, amount: b.amount.plus(u.amount), weighted: b.weighted.plus(u.weighted), lists: [...b.lists, ...u.lists] };
    });
    const suspended = this.fold(T_SUSPENDED, () => 0, 1)[0]!;
    const ids = this.ordinalIds;
    return {
      currency: this.currency,
      groupBy: this.groupBy.map(groupLabel),
      groups,
      total,
      undated,
      book,
      suspended: { count: suspended.count, amount: suspended.amount },
      undatedIds: this.undatedIds.all(),
      suspendedIds: this.suspendedIds.all(),
      listing: this.listing,
      idsOf(lists) {
        // Stryker disable next-line MethodExpression,ConditionalExpression,EqualityOperator: speed only: sorting every list together gives the one list's order too (each is ascending)
        const nonEmpty = lists.filter((l) => l.length > 0);
        // Stryker disable next-line ConditionalExpression: speed only: sorting every list together gives the one list's order too (each is ascending)
        const merged = nonEmpty.length === 1 ? nonEmpty[0]! : nonEmpty.flat().sort((a, b) => a - b);
        const out: OpportunityId[] = [];
        let prev = -1;
        for (const k of merged) {
          // Stryker disable next-line ConditionalExpression: equivalent when forced true: a deal is in one list of a figure (one class; its split shares go to distinct owners' groups), so no ordinal repeats
          if (k !== prev) out.push(ids[k]!);
          prev = k;
        }
        return out;
      },
    };
  }
}

/** One columns chunk as the sums read it (see `ForecastSums.addColumns`). */
interface Chunk {
  readonly cols: DealColumns;
  readonly status: Uint8Array;
  readonly stage: Uint8Array | Uint16Array;
  readonly currency: Uint8Array;
  readonly amountMinor: Float64Array;
  /**
   * Each deal's forecast day (`forecastDayColumn`; `NO_DAY` for none): on the period's
   * wall clock when grouping by `'period'`, else in UTC (then only whether there is one
   * matters).
   */
  readonly forecastDay: Int32Array;
  readonly ids: DealIds;
  readonly override: CodeColumn | null;
  readonly categoryOverride: CodeColumn | null;
  /** Each stage's own category code. */
  readonly stageCategory: Int32Array;
  /** Stages, columns per probability key (1, or one per category), first closed raw class. */
  readonly S: number;
  readonly C: number;
  readonly CW: number;
  readonly R0: number;
  /** Raw class × currency of the chunk → combo (−1: not yet known). */
  readonly comboOf: Int32Array;
  /** Chunk currency code → currency id (−1: not yet checked). */
  readonly currencyOf: Int32Array;
  /** 1 for a split deal credited to its owners (owner grouping). */
  readonly splitDeal: Uint8Array | null;
  readonly grouper: ColumnGrouper | null;
  /** Grouper slot → target (−1: not yet known). */
  slotTargets: Int32Array;
  /** Each deal's key signature (see keySignatures), when the chunk has few enough. */
  sigs: Int32Array | null;
  /** Signature → target (−1: not yet known). */
  sigTargets: Int32Array | null;
  /** Indexes of the undated deals, in input order (the first `undatedCount`). */
  readonly undated: Int32Array;
  undatedCount: number;
  /** Indexes of the suspended deals, in input order (the first `suspendedCount`). */
  readonly suspended: Int32Array;
  suspendedCount: number;
}

/**
 * The hot loop over a chunk's deals `from` … `n − 1`, for the deals whose combo and
 * group are known, that are not split and whose amount adds as a safe integer: counts
 * and sums them into `cnt` and `lo` (rows of `K`). Returns the index of the first deal
 * it leaves to the caller (or `n`), untouched.
 */
function sumKernel(ch: Chunk, cnt: Float64Array, lo: Float64Array, K: number, from: number, n: number): number {
  const { status, stage, currency, amountMinor, forecastDay, override, categoryOverride, stageCategory, comboOf, currencyOf, splitDeal, grouper, cols, sigs, sigTargets } = ch;
  const { S, C, CW, R0 } = ch;
  const slotTargets = ch.slotTargets;
  const undated = ch.undated;
  const suspended = ch.suspended;
  const grouped = grouper === null ? 0 : 1;
  let nu = ch.undatedCount;
  let ns = ch.suspendedCount;
  let i = from;
  // Statuses, overrides and dates come in any mix, so the choices between them are made
  // with masks and small tables, not branches (a mispredicted branch costs more than the
  // rest of the work on a deal); the branches left are taken rarely.
  // Mutants that only make the kernel stop sooner are speed only: the deal it stops at goes to
  // addColumnDeal, which sums it the same (the tests compare columns with deal objects).
  // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only: a kernel that never runs leaves every deal to the fallback
  for (; i < n; i++) {
    const st = status[i]!;
    if (st === 0xff) continue; // ABSENT
    const c = currency[i]!;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only, or equivalent when never true: a currency not yet checked has no combination either, so the kernel stops at `k < 0`
    if (currencyOf[c]! < 0) break;
    // The raw class: an open deal's probability key × CW + category; won R0, lost R0 + 1, suspended R0 + 2.
    const s = stage[i]!;
    const oc = override === null ? -1 : override[i]!;
    const none = oc >> 31; // −1 without an override
    let open = (s & none) | ((S + oc) & ~none);
    if (CW !== 1) {
      // Stryker disable next-line UnaryOperator: equivalent: without an override column a deal has its stage's category, and `+1` makes a raw class the chunk has no combination for (the kernel stops) or the stage's own
      const cc = categoryOverride === null ? -1 : categoryOverride[i]!;
      const noCategory = cc >> 31;
      open = open * CW + ((stageCategory[s]! & noCategory) | (cc & ~noCategory));
    }
    const isOpen = ((st | -st) >> 31) ^ -1; // −1 for an open deal
    const raw = (open & isOpen) | ((R0 + CLOSED_RAW[st]!) & ~isOpen);
    // The target: 0 undated, 1 dated (or its group), 2 suspended. Dated: a forecast day
    // (a close day, or for a won or lost deal its closedAt's).
    // Stryker disable next-line UnaryOperator: equivalent: as a 32-bit integer, 2147483648 is −2147483648
    const day = forecastDay[i]! ^ -2147483648; // 0 for NO_DAY
    const dated = (day | -day) >>> 31;
    const t = TARGET_OF[st * 2 + dated]!;
    const k = comboOf[raw * C + c]!;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only when it stops more often
    if (k < 0) break;
    const a = amountMinor[i]!;
    // Stryker disable next-line ConditionalExpression: speed only when it stops more often
    if (Number.isNaN(a)) break;
    let row = t;
    if (grouped === 1) {
      // Stryker disable next-line ConditionalExpression: speed only when it stops more often
      if (splitDeal !== null && (splitDeal[i]! & t) === 1) break;
      let g: number;
      // Equivalent or speed only (a directive before an `else` is not read, hence disable and
      // restore): without signatures the slot gives the same target; an undated or suspended
      // deal's row is its target whatever g is; a slot taken as unknown goes to the fallback.
      // Stryker disable ConditionalExpression
      if (sigs !== null) g = sigTargets![sigs[i]!]!;
      else if (t === 1) {
        const slot = grouper!.slotOf(cols, i);
        g = slot < slotTargets.length ? slotTargets[slot]! : -1;
      } else g = t;
      // Stryker restore ConditionalExpression
      const inGroup = -(t & 1);
      row = (g & inGroup) | (t & ~inGroup);
      // Stryker disable next-line ConditionalExpression,EqualityOperator: speed only when it stops more often
      if (row < 0) break;
    }
    const b = row * K + k;
    const sum = lo[b]! + a;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,UnaryOperator: speed only where it stops more often, and equivalent for the lower limit (amounts are never negative); never stopping at the upper one is killed, and left out with them
    if (sum > 9007199254740991 || sum < -9007199254740991) break;
    // Settled: count it (a grouped deal once in the total too), and list it when undated or suspended.
    lo[b] = sum;
    cnt[b]! += 1;
    cnt[K + k]! += t & grouped;
    if (t !== 1) {
      if (t === 0) undated[nu++] = i;
      else suspended[ns++] = i;
    }
  }
  ch.undatedCount = nu;
  ch.suspendedCount = ns;
  return i;
}

/** Raw class offsets from R0 by status code: suspended 2, won 0, lost 1. */
const CLOSED_RAW = Int32Array.of(0, 2, 0, 1);
/** Target by status code × 2 + dated: open, won, lost → undated 0 / dated 1; suspended → 2. */
const TARGET_OF = Int32Array.of(0, 1, 2, 2, 0, 1, 0, 1);
/** Days in UTC: the forecast days of a chunk not grouped by period (only whether a deal has one counts). */
const UTC_DAYS = new ZoneDays({});

/**
 * A list of ids kept packed (characters and offsets: about 12 bytes an id of eight
 * characters, not the 34 of a string), so that the ids of the unforecastable and
 * suspended deals of a big book stay small; the ids of a columns chunk are copied
 * without being made strings. Read, it gives every id as a string, in order (kept until
 * the next id comes).
 */
class IdList {
  private readonly packed = new IdPacker();
  private strings: OpportunityId[] | undefined;

  push(id: OpportunityId): void {
    this.packed.push(id);
    this.strings = undefined;
  }

  append(ids: readonly OpportunityId[]): void {
    // Stryker disable next-line ConditionalExpression: speed only: nothing to append, and the array of ids is only made again
    if (ids.length === 0) return;
    for (let j = 0; j < ids.length; j++) this.packed.push(ids[j]!);
    this.strings = undefined;
  }

  /** Appends the ids `ids[at[0]]` … `ids[at[count − 1]]`. */
  appendAt(ids: DealIds, at: Int32Array, count: number): void {
    // Stryker disable next-line ConditionalExpression: speed only: nothing to append, and the array of ids is only made again
    if (count === 0) return;
    // Stryker disable next-line ConditionalExpression: speed only: copying the packed characters or pushing each id gives the same ids
    if (ids instanceof PackedIds) for (let j = 0; j < count; j++) this.packed.pushFrom(ids, at[j]!);
    else for (let j = 0; j < count; j++) this.packed.push(ids.at(at[j]!));
    this.strings = undefined;
  }

  /** Every id, in order (an array this list never changes). */
  all(): readonly OpportunityId[] {
    // biome-ignore lint/suspicious/noAssignInExpressions: made once until the next id comes
    return (this.strings ??= this.packed.toArray());
  }
}

/**
 * The `'period'` key of a deal's forecast date, as `groupKeyFn` makes it, with the
 * label of each date worked out once: a calendar date by its text, an instant by its
 * day on the period's wall clock.
 */
// Stryker disable next-line BlockStatement: speed only: without the cache (no function) the sums take groupKeyFn's own 'period' key, the same labels
function cachedPeriodKey(context: GroupContext): (o: Opportunity) => string {
  const settings = periodZone(context);
  periodOf('2000-01-01' as PlainDate, settings); // a bad unit or zone fails now
  const zoneDays = new ZoneDays(settings);
  const byText = new Map<string, string>();
  const byDay = new Map<number, string>();
  const key = (o: Opportunity): string => {
    const date = forecastDate(o);
    // Stryker disable next-line ConditionalExpression: equivalent when never true: an undated deal goes to the unforecastable target and gets no key
    if (date === undefined) return NO_GROUP;
    // Stryker disable next-line ConditionalExpression,BlockStatement: speed only: an instant read as text misses the cache (a map keyed by the object) and gets periodOf's own label
    if (date instanceof Date) {
      const ms = date.getTime();
      // Stryker disable next-line ConditionalExpression,BooleanLiteral: speed only when forced true: periodOf labels every instant itself
      if (!Number.isFinite(ms)) return periodOf(date, settings);
      const day = zoneDays.day(ms);
      let label = byDay.get(day);
      if (label === undefined) {
        label = periodOf(dayToPlainDate(day), settings);
        byDay.set(day, label);
      }
      return label;
    }
    let label = byText.get(date);
    if (label === undefined) {
      label = periodOf(date, settings);
      byText.set(date, label);
    }
    return label;
  };
  return key;
}

/** The bucket of a class by status: open 0, won 1, lost 2 (suspended deals are not in these targets). @internal */
export function statusBucket(c: { readonly status: number }): number {
  return c.status === ST_OPEN ? 0 : c.status === ST_WON ? 1 : 2;
}

/** The bucket of a class by forecast category (FORECAST_CATEGORY_CODES order): won closed, lost omitted. @internal */
export function categoryBucket(c: { readonly status: number; readonly category: number }): number {
  return c.status === ST_OPEN ? c.category : c.status === ST_WON ? 3 : 4;
}

/** The zone a `'period'` key dates instants in: the period's own zone fields over the options'. */
function periodZone(context: GroupContext): PeriodOptions {
  return { ...zoneFields(context), ...(context.period ?? { unit: 'quarter' }) };
}
