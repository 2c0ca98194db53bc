import { ratesOption, type ExchangeRates } from '../money/convert.js';
import type { CurrencyCode } from '../money/currency.js';
import { minorUnitDigits } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import { amountIn } from '../money/amountIn.js';
import { booleanOption } from '../_lib/options.js';
import { groupingSettings, GroupTablesAccumulator, settingsText, type Accumulator, type AccumulatorPartial, type DealBatch } from '../model/accumulator.js';
import { ColumnGrouper } from '../model/columnGroups.js';
import { amountChangedAfter, currentAmount, minorToDecimal } from '../model/columnsAsOf.js';
import { assertColumnsOf, isDealColumns, NO_CODE, type DealColumns } from '../model/dealColumns.js';
import { GroupAccumulator, groupLabel, type GroupKey } from '../model/groupBy.js';
import type { OpportunityId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { OPEN, pipelineIndex, type PipelineIndex } from '../model/pipelineIndex.js';
import { snapshotTable, type FunnelSnapshot, type FunnelSnapshotTable } from '../model/results/snapshotTable.js';
import type { InstantInput } from '../time/instant.js';
import { amountAt } from './_lib/fieldsAt.js';
import { groupingOf, pipelineFilter } from './_lib/groups.js';
import { requiredInstantMs } from './_lib/options.js';
import { LedgerWalker, newSummary } from './_lib/walkLedger.js';
import type { AnalyticsOptions } from './analyticsOptions.js';
import { checkDeal, checkDealBatch } from '../model/dealArguments.js';

export type { FunnelSnapshot, FunnelSnapshotRow, FunnelSnapshotTable } from '../model/results/snapshotTable.js';

/**
 * Options for {@link funnelSnapshot}.
 */
export interface FunnelSnapshotOptions extends AnalyticsOptions {
  /**
   * The instant to reconstruct, past or present (a `Date` or an ISO 8601 string with
   * offset). Required: the library never reads the clock.
   */
  readonly asOf: InstantInput;
  /** Rates for deals in another currency than the pipeline's; without them such deals throw `currency_mismatch`. */
  readonly rates?: ExchangeRates;
  /**
   * List each row's deal ids (`dealIds`, and `suspendedIds`), in the total and in every
   * group, so that a UI can drill down from a number to the deals behind it. Off by
   * default: a big book then keeps no per-deal lists.
   *
   * @defaultValue `false`
   */
  readonly dealIds?: boolean;
}

/**
 * The snapshot funnel (销售漏斗快照): the open deals standing in each open stage at
 * `asOf` — past or present — with their count, amount and weighted amount, the
 * stage-to-stage count ratios and the overall conversion.
 *
 * Reconstructed from the ledger, not from the current fields: the stage at `asOf` comes
 * from {@link stageVisits} (events after `asOf` ignored), the amount from the
 * `amount_changed` events: the amount at `asOf` is the `from` of the first
 * `amount_changed` after `asOf` — so before a deal's first amount change, that change's
 * `from` — else the current amount. A deal counts when it stands in an open stage at `asOf` and
 * is not suspended (suspended deals are reported apart). Weighted amount = amount ×
 * probability, where the probability is the deal's `probabilityOverride` when at `asOf`
 * it stood in the stage it stands in now (the override has no ledger history, so it is
 * assumed to belong to that stage), else the stage's probability.
 *
 * Ratios: `ratioToPrevious` = count(k) / count(k − 1), `ratioToFirst` = count(k) /
 * count(0), `overallConversion` = count(last) / count(first), each `null` for a zero
 * denominator. They compare the shape of the funnel (the material's 100 → 70 → 40 → 20 →
 * 10 = 10 %), not the fate of the same deals, and can exceed 1; for conversion rates of
 * one cohort use {@link cohortFunnel} or {@link stageFlow}.
 *
 * A ledger imported without a `created` event stands in its first stage from its first
 * event of any type (see {@link stageVisits}), so it is in the snapshot even when its
 * first stage change comes after `asOf`.
 *
 * With `dealIds: true` every row also lists the ids of its deals (`dealIds`, and the
 * suspended ones in `suspendedIds`), for drilling down from a number to the deals
 * behind it.
 *
 * Reads the input once; memory grows with stages × groups (and with the deals, with
 * `dealIds`).
 *
 * @param opportunities - The deals (any iterable; read once; not modified), or a
 *   {@link DealColumns} chunk of them (the same result, much faster; a function
 *   grouping key is refused on columns).
 * @param pipeline - Their pipeline (stage order, probabilities, currency).
 * @param options - `asOf` (required), `rates`, grouping, `dealIds`.
 * @returns The funnel in total and per group, amounts in the pipeline currency.
 * @throws {@link FunnelError} `invalid_option` for a missing `asOf` or one that is not an
 *   instant, a `dealIds` that is not a boolean; `currency_mismatch` for an amount in another currency without `rates`
 *   (`missing_rate` when `rates` lacks it); `pipeline_mismatch` / `unknown_stage` as for
 *   {@link stageFlow}; on columns, `invalid_argument` for columns of another pipeline and
 *   `invalid_option` for a function grouping key.
 *   Also `invalid_argument` for `opportunities` that is not an iterable of opportunities or
 *   a `DealColumns` chunk, or an item of it that is not an opportunity (named
 *   `opportunities[i]`); `invalid_argument` (`pipeline`) for a value that is not a
 *   pipeline; `invalid_option` (`rates`) for rates that are not an object with a `rates`
 *   object.
 *
 * @category Analytics
 * @example
 * ```ts
 * import { funnelSnapshot, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const deals: Opportunity[];
 * const endOfQ1 = funnelSnapshot(deals, pipeline, { asOf: '2026-04-01T00:00:00+08:00', groupBy: ['region'] });
 * for (const r of endOfQ1.total.stages) console.log(r.stageId, r.count, r.weightedAmount.amount.toFixed(2));
 * for (const g of endOfQ1.groups) console.log(g.key.join(' / '), g.value.weightedAmount.amount.toFixed(2));
 * ```
 */
export function funnelSnapshot(opportunities: DealBatch, pipeline: Pipeline, options: FunnelSnapshotOptions): FunnelSnapshot {
  return funnelSnapshotAccumulator(pipeline, options).add(opportunities).result();
}

/**
 * The plain-data state of a {@link FunnelSnapshotAccumulator} (see
 * {@link AccumulatorPartial}): the counts and exact sums of every table, to merge in
 * another thread or process.
 */
export interface FunnelSnapshotPartial extends AccumulatorPartial {
  /** Always `'funnel_snapshot'`. */
  readonly kind: 'funnel_snapshot';
  /**
   * The tables: the ungrouped one (`key` null: the whole funnel of an ungrouped
   * snapshot; of a grouped one, only the deal ids of the total, its figures being the
   * sum of the groups), then one per group key. Every array has one entry per open stage.
   */
  readonly tables: ReadonlyArray<{
    /** The group's key tuple; null for the ungrouped table. */
    readonly key: readonly string[] | null;
    /** Open, not suspended deals per stage. */
    readonly count: readonly number[];
    /** Suspended deals per stage. */
    readonly suspended: readonly number[];
    /** Σ amount of the counted deals weighted at the stage's probability (exact decimal text). */
    readonly plain: readonly string[];
    /** Σ amount of the counted deals weighted at their own probability override (exact decimal text). */
    readonly overAmount: readonly string[];
    /** Σ amount × override of those deals (exact decimal text). */
    readonly overWeighted: readonly string[];
    /** With `dealIds: true`, the counted deals' ids per stage; else null. */
    readonly dealIds: ReadonlyArray<readonly string[]> | null;
    /** With `dealIds: true`, the suspended deals' ids per stage; else null. */
    readonly suspendedIds: ReadonlyArray<readonly string[]> | null;
  }>;
}

/**
 * The incremental form of {@link funnelSnapshot}: `add` deals or column chunks, `merge`
 * shards, read `result()`. `funnelSnapshot(deals, pipeline, options)` is
 * `funnelSnapshotAccumulator(pipeline, options).add(deals).result()`.
 */
export type FunnelSnapshotAccumulator = Accumulator<FunnelSnapshot, FunnelSnapshotPartial>;

/**
 * Creates the incremental form of {@link funnelSnapshot} (累加器): feed it deals or
 * {@link DealColumns} chunks as they arrive (a database cursor, a file stream, worker
 * threads), merge the accumulators or partial states of other shards, and read the
 * result at any time; the result equals `funnelSnapshot` over every deal added, in any
 * chunks, shards and order (with `dealIds`, a merge lists the other shard's ids after
 * this one's). Memory grows with stages × groups (and with the deals, with `dealIds`).
 *
 * Every deal is read as of `asOf`, on columns as on deal objects: its stage and
 * suspension from the ledger columns, its amount from the `amount_changed` events after
 * `asOf`, its probability override only when it stood in its current stage then. On
 * columns, amounts in the pipeline currency are summed as exact integers of minor units
 * and turned into decimals once, at the end; the sums are exact either way. (Amounts
 * converted with `rates` through a base other than the pipeline currency carry 40
 * significant digits, so sums of many of them may differ from one sharding to another
 * in the last digit.)
 *
 * Give every shard the same options.
 *
 * @param pipeline - The deals' pipeline.
 * @param options - The options of {@link funnelSnapshot} (`asOf` required).
 * @returns An empty accumulator.
 * @throws {@link FunnelError} `invalid_option` for bad options (at once, not on the
 *   first deal); `add` throws what {@link funnelSnapshot} throws for a deal, plus
 *   `invalid_argument` for columns of another pipeline and `invalid_option` for a
 *   function grouping key on columns; `merge` throws `invalid_argument` for a shard with
 *   other settings.
 *
 * @category Analytics
 * @example
 * ```ts
 * import { funnelSnapshotAccumulator, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const eastDeals: Opportunity[];
 * declare const northDeals: Opportunity[];
 * const options = { asOf: '2026-04-01T00:00:00+08:00', groupBy: ['owner'] } as const;
 * const east = funnelSnapshotAccumulator(pipeline, options).add(eastDeals);
 * const north = funnelSnapshotAccumulator(pipeline, options).add(northDeals);
 * // = funnelSnapshot([...eastDeals, ...northDeals], pipeline, options):
 * const snapshot = east.merge(north.partial()).result();
 * console.log(snapshot.total.weightedAmount.amount.toFixed(2));
 * ```
 */
export function funnelSnapshotAccumulator(pipeline: Pipeline, options: FunnelSnapshotOptions): FunnelSnapshotAccumulator {
  return new SnapshotAccumulator(pipeline, options);
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** The id passed for a deal of a columns chunk when ids are not listed (not decoded). */
const NO_ID = '' as OpportunityId;

/**
 * The running sums of one table. Per open stage: Σ amount of the deals weighted at the
 * stage probability (multiplied once, at the end: Σ(a × p) = p × Σ a, exactly), and
 * Σ amount / Σ amount × override of the others. On columns, amounts in the pipeline
 * currency go to exact integer sums of minor units (`minor`, and per override in
 * `overMinor`), the others to the decimals.
 */
interface SnapTable {
  readonly count: Float64Array;
  readonly suspended: Float64Array;
  readonly minor: Float64Array;
  readonly plain: Decimal[];
  /** By override slot (see `SnapshotAccumulator.overrides`): Σ minor units per stage. */
  readonly overMinor: (Float64Array | undefined)[];
  readonly overAmount: Decimal[];
  readonly overWeighted: Decimal[];
  readonly ids: OpportunityId[][] | undefined;
  readonly suspendedIds: OpportunityId[][] | undefined;
}

/** A table's exact sums, the minor units folded in. */
interface SettledTable {
  readonly count: Float64Array;
  readonly suspended: Float64Array;
  readonly plain: Decimal[];
  readonly overAmount: Decimal[];
  readonly overWeighted: Decimal[];
  readonly ids: OpportunityId[][] | undefined;
  readonly suspendedIds: OpportunityId[][] | undefined;
}

class SnapshotAccumulator extends GroupTablesAccumulator<FunnelSnapshot, FunnelSnapshotPartial, SnapTable> implements FunnelSnapshotAccumulator {
  readonly kind = 'funnel_snapshot';
  private readonly asOfMs: number;
  private readonly index: PipelineIndex;
  private readonly stages: number;
  private readonly currency: CurrencyCode;
  /** 10^(minor digits of the pipeline currency). */
  private readonly scale: number;
  private readonly rates: ExchangeRates | undefined;
  private readonly groupBy: readonly GroupKey[];
  private readonly keyOf: ((o: Opportunity) => readonly string[]) | undefined;
  private readonly belongs: (o: Opportunity) => boolean;
  private readonly probabilities: readonly Decimal[];
  private readonly listIds: boolean;
  protected readonly settingsText: string;
  private readonly walker: LedgerWalker;
  private readonly summary = newSummary();
  protected readonly total: SnapTable;
  protected readonly groups: GroupAccumulator<SnapTable>;
  // The probability overrides met on columns, by slot, and the slot of each value.
  // Stryker disable next-line ArrayDeclaration: a slot is the list's length when its value is pushed, so a first item shifts nothing
  private readonly overrides: Decimal[] = [];
  private readonly overrideSlots = new Map<string, number>();

  constructor(
    private readonly pipeline: Pipeline,
    protected readonly options: FunnelSnapshotOptions,
  ) {
    super();
    this.asOfMs = requiredInstantMs(options, 'asof_for_snapshot');
    this.index = pipelineIndex(pipeline);
    this.stages = this.index.open.length;
    this.currency = pipeline.currency;
    this.scale = 10 ** minorUnitDigits(pipeline.currency);
    this.rates = ratesOption(options.rates);
    const { groupBy, keyOf } = groupingOf(options);
    this.groupBy = groupBy;
    this.keyOf = keyOf;
    this.belongs = pipelineFilter(pipeline, options);
    this.probabilities = this.index.open.map((s) => s.probability);
    this.listIds = options.dealIds === undefined ? false : booleanOption(options.dealIds, 'dealIds');
    this.walker = new LedgerWalker(this.index, undefined);
    this.total = this.newTable();
    this.groups = new GroupAccumulator(() => this.newTable());
    this.settingsText = settingsText(pipeline, {
      asOf: this.asOfMs, rates: options.rates ?? null, dealIds: this.listIds, ...groupingSettings(options),
    });
  }

  private newTable(): SnapTable {
    const n = this.stages;
    const zeros = () => Array.from({ length: n }, () => new Decimal(0));
    const idLists = () => (this.listIds ? Array.from({ length: n }, (): OpportunityId[] => []) : undefined);
    return {
      count: new Float64Array(n),
      suspended: new Float64Array(n),
      minor: new Float64Array(n),
      plain: zeros(),
      overMinor: [],
      overAmount: zeros(),
      overWeighted: zeros(),
      ids: idLists(),
      suspendedIds: idLists(),
    };
  }

  add(batch: DealBatch): this {
    checkDealBatch(batch, 'opportunities');
    if (isDealColumns(batch)) {
      this.addColumns(batch);
      return this;
    }
    const { asOfMs, walker, summary, keyOf, total, currency, rates } = this;
    let i = 0;
    for (const o of batch) {
      checkDeal(o, i++, 'opportunities');
      if (!this.belongs(o)) continue;
      walker.walk(o, asOfMs, summary);
      const info = summary.stage;
      if (info === undefined || info.kind !== OPEN) continue;
      const k = info.openIndex;
      // Each deal counts into one table: its group's, or the total when ungrouped (the
      // total of a grouped snapshot is the sum of the groups, made in result()).
      const t = keyOf === undefined ? total : this.groups.get(keyOf(o));
      if (summary.suspended) {
        this.countSuspended(t, k, o.id);
        continue;
      }
      const amount = amountIn(amountAt(o, asOfMs), currency, rates);
      // The override has no ledger history: it is taken to belong to the deal's current stage.
      // Equivalent mutant: `true` for the first test (an absent override gives undefined either way).
      const override = o.probabilityOverride !== undefined && o.stageId === info.stage.id ? o.probabilityOverride : undefined;
      this.countDeal(t, k, o.id);
      this.addDecimal(t, k, amount, override);
    }
    return this;
  }

  private addColumns(cols: DealColumns): void {
    assertColumnsOf(cols, this.pipeline);
    const grouped = this.groupBy.length > 0;
    // Equivalent mutant: `if (true)` (a grouper made when ungrouped is never used).
    if (grouped) this.grouper ??= new ColumnGrouper(this.groupBy, this.options, (c, i) => this.createdDay(c, i));
    const { asOfMs, walker, summary, total, currency, rates, scale } = this;
    // The fast path (exact integer minor units) and the decimal path give the same sums, so
    // the mutants that only send deals down the decimal path are equivalent: `ownCurrency`
    // all false, `changed === undefined` made false, `Number.isNaN(minor)` made true; so are
    // `overCol === undefined` made false (slots made for no override are never read),
    // `slot < 0` made false (`overrides[-1]` is undefined) and `i <= cols.length` (past the
    // last deal the event columns hold no event: no stage).
    // Per chunk: which currency codes are the pipeline's, and the slot of each override code.
    const ownCurrency = cols.currencies.map((c) => c === currency);
    const overCol = cols.probabilityOverride;
    const slots = overCol === undefined ? undefined : cols.probabilities.map((p) => this.overrideSlot(p));
    const stageIds = cols.stageIds;
    const stageCol = cols.stage;
    const currencyCol = cols.currency;
    const amountMinor = cols.amountMinor;
    for (let i = 0; i < cols.length; i++) {
      walker.walkColumns(cols, i, asOfMs, summary);
      const info = summary.stage;
      if (info === undefined || info.kind !== OPEN) continue;
      const k = info.openIndex;
      const t = grouped ? this.slotTable(this.grouper!.slotOf(cols, i)) : total;
      if (summary.suspended) {
        this.countSuspended(t, k, this.listIds ? cols.ids.at(i) : NO_ID);
        continue;
      }
      const code = overCol === undefined ? NO_CODE : overCol[i]!;
      const slot = code !== NO_CODE && stageIds[stageCol[i]!] === info.stage.id ? slots![code]! : -1;
      this.countDeal(t, k, this.listIds ? cols.ids.at(i) : NO_ID);
      const changed = amountChangedAfter(cols, i, asOfMs);
      const minor = changed === undefined && ownCurrency[currencyCol[i]!] ? amountMinor[i]! : Number.NaN;
      if (Number.isNaN(minor)) {
        this.addDecimal(t, k, amountIn(changed ?? currentAmount(cols, i), currency, rates), slot < 0 ? undefined : this.overrides[slot]);
      } else if (slot < 0) {
        const s = t.minor[k]! + minor;
        // Folding early changes no sum (the decimals are exact): of this test's mutants, only
        // those that skip a fold (`false` for either side) can change a result.
        if (s > MAX_SAFE || s < -MAX_SAFE) {
          // Past 2^53: fold the running sum into the decimals and start again.
          t.plain[k] = t.plain[k]!.plus(minorToDecimal(t.minor[k]!, scale));
          t.minor[k] = minor;
        } else {
          t.minor[k] = s;
        }
      } else {
        let sums = t.overMinor[slot];
        if (sums === undefined) {
          sums = new Float64Array(this.stages);
          t.overMinor[slot] = sums;
        }
        const s = sums[k]! + minor;
        // As above: only the mutants that skip a fold can change a result.
        if (s > MAX_SAFE || s < -MAX_SAFE) {
          this.addDecimal(t, k, minorToDecimal(sums[k]!, scale), this.overrides[slot]);
          sums[k] = minor;
        } else {
          sums[k] = s;
        }
      }
    }
  }

  private countDeal(t: SnapTable, k: number, id: OpportunityId): void {
    t.count[k]!++;
    if (!this.listIds) return;
    t.ids![k]!.push(id);
    if (t !== this.total) this.total.ids![k]!.push(id);
  }

  private countSuspended(t: SnapTable, k: number, id: OpportunityId): void {
    t.suspended[k]!++;
    if (!this.listIds) return;
    t.suspendedIds![k]!.push(id);
    if (t !== this.total) this.total.suspendedIds![k]!.push(id);
  }

  private addDecimal(t: SnapTable, k: number, amount: Decimal, override: Decimal | undefined): void {
    if (override === undefined) {
      t.plain[k] = t.plain[k]!.plus(amount);
    } else {
      t.overAmount[k] = t.overAmount[k]!.plus(amount);
      t.overWeighted[k] = t.overWeighted[k]!.plus(amount.times(override));
    }
  }

  private overrideSlot(p: Decimal): number {
    const text = p.toString();
    let slot = this.overrideSlots.get(text);
    // Equivalent mutant: `if (true)` (a value given several slots has its sums split across them, added up in settle).
    if (slot === undefined) {
      slot = this.overrides.length;
      this.overrides.push(p);
      this.overrideSlots.set(text, slot);
    }
    return slot;
  }

  /** A copy of a table's sums with the minor units folded into the decimals. */
  private settle(t: SnapTable): SettledTable {
    const { scale, overrides } = this;
    // Equivalent mutants below: the `=== 0` and `=== undefined` shortcuts made false (adding 0 changes nothing; forEach skips holes).
    const plain = t.plain.map((d, k) => (t.minor[k] === 0 ? d : d.plus(minorToDecimal(t.minor[k]!, scale))));
    const overAmount = [...t.overAmount];
    const overWeighted = [...t.overWeighted];
    t.overMinor.forEach((sums, slot) => {
      if (sums === undefined) return;
      for (let k = 0; k < sums.length; k++) {
        if (sums[k] === 0) continue;
        const amount = minorToDecimal(sums[k]!, scale);
        overAmount[k] = overAmount[k]!.plus(amount);
        overWeighted[k] = overWeighted[k]!.plus(amount.times(overrides[slot]!));
      }
    });
    return {
      count: Float64Array.from(t.count),
      suspended: Float64Array.from(t.suspended),
      plain,
      overAmount,
      overWeighted,
      ids: t.ids?.map((l) => [...l]),
      suspendedIds: t.suspendedIds?.map((l) => [...l]),
    };
  }

  protected mergePartial(p: FunnelSnapshotPartial): void {
    for (const t of p.tables) {
      const into = this.tableOf(t.key);
      for (let k = 0; k < this.stages; k++) {
        into.count[k]! += t.count[k] ?? 0;
        into.suspended[k]! += t.suspended[k] ?? 0;
        into.plain[k] = into.plain[k]!.plus(t.plain[k] ?? 0);
        into.overAmount[k] = into.overAmount[k]!.plus(t.overAmount[k] ?? 0);
        into.overWeighted[k] = into.overWeighted[k]!.plus(t.overWeighted[k] ?? 0);
        // A partial of the same settings has a list per stage: the `?? []` fallbacks are never
        // taken; and it lists ids exactly when this accumulator does (dealIds is a setting), so
        // the tests of both sides made `||` or `true` are equivalent.
        // Stryker disable next-line ArrayDeclaration: see above
        if (into.ids !== undefined && t.dealIds !== null) for (const id of t.dealIds[k] ?? []) into.ids[k]!.push(id as OpportunityId);
        if (into.suspendedIds !== undefined && t.suspendedIds !== null) {
          // Stryker disable next-line ArrayDeclaration: see above
          for (const id of t.suspendedIds[k] ?? []) into.suspendedIds[k]!.push(id as OpportunityId);
        }
      }
    }
  }

  partial(): FunnelSnapshotPartial {
    const table = (t: SnapTable) => {
      const s = this.settle(t);
      return {
        count: Array.from(s.count),
        suspended: Array.from(s.suspended),
        plain: s.plain.map(String),
        overAmount: s.overAmount.map(String),
        overWeighted: s.overWeighted.map(String),
        dealIds: s.ids ?? null,
        suspendedIds: s.suspendedIds ?? null,
      };
    };
    return { kind: 'funnel_snapshot', settings: this.settingsText, tables: this.tableRows(table) };
  }

  result(): FunnelSnapshot {
    const { index, currency, probabilities } = this;
    // Settle copies, so that adding can go on after a result.
    const total = this.settle(this.total);
    const groups = this.groups.sorted().map(({ key, acc }) => ({ key, s: this.settle(acc) }));
    for (const { s } of groups) {
      for (let k = 0; k < this.stages; k++) {
        total.count[k]! += s.count[k]!;
        total.suspended[k]! += s.suspended[k]!;
        total.plain[k] = total.plain[k]!.plus(s.plain[k]!);
        total.overAmount[k] = total.overAmount[k]!.plus(s.overAmount[k]!);
        total.overWeighted[k] = total.overWeighted[k]!.plus(s.overWeighted[k]!);
      }
    }
    const table = (s: SettledTable): FunnelSnapshotTable =>
      snapshotTable(index, currency, {
        count: s.count,
        suspended: s.suspended,
        amount: (k) => s.plain[k]!.plus(s.overAmount[k]!),
        weighted: (k) => s.plain[k]!.times(probabilities[k]!).plus(s.overWeighted[k]!),
        ids: s.ids === undefined ? undefined : (k) => ({ dealIds: s.ids![k]!, suspendedIds: s.suspendedIds![k]! }),
      });
    return {
      pipelineId: this.pipeline.id,
      asOf: new Date(this.asOfMs),
      currency,
      groupBy: this.groupBy.map(groupLabel),
      total: table(total),
      groups: groups.map(({ key, s }) => ({ key, value: table(s) })),
    };
  }
}
