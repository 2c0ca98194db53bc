import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { ZoneOptions } from '../time/zone.js';
import { ZoneDays } from '../time/zoneDays.js';
import { createdMsAt, type ColumnGrouper } from './columnGroups.js';
import { isDealColumns, NO_DAY, type DealColumns } from './dealColumnsShape.js';
import { groupLabel, type GroupAccumulator, type GroupOptions } from './groupBy.js';
import type { Opportunity } from './opportunity.js';
import type { Pipeline } from './pipeline.js';

/**
 * What an accumulator's `add` takes: deals (any iterable, read once) or a chunk of
 * {@link DealColumns}.
 */
export type DealBatch = Iterable<Opportunity> | DealColumns;

/**
 * The plain-data state of an {@link Accumulator}: numbers, strings, booleans, `null`,
 * arrays and plain objects only (exact decimals as strings, no `NaN`), so it survives
 * `structuredClone` (a `postMessage` to a worker thread) and `JSON.stringify` /
 * `JSON.parse` (a file, a queue, another machine) unchanged.
 */
export interface AccumulatorPartial {
  /** The aggregate it belongs to (`'stage_flow'`, `'weighted_forecast'`, …). */
  readonly kind: string;
  /**
   * The pipeline and the options it was computed with, as text: two partials merge only
   * when these are equal.
   */
  readonly settings: string;
}

/**
 * The incremental form of an aggregate (累加器): create it with the pipeline and the
 * options, `add` deals or column chunks as they arrive, `merge` the accumulators (or
 * partial states) of other shards, and read `result()` at any time. The batch function
 * of the same name is `accumulator(pipeline, options).add(deals).result()`, so both
 * forms share one implementation of every definition.
 *
 * Laws (tested as properties for every aggregate): adding a book in any chunks, or
 * splitting it into any shards and merging them in any order, gives the result of the
 * whole book (lists of ids may come in another order).
 */
export interface Accumulator<Result, Partial extends AccumulatorPartial = AccumulatorPartial> {
  /** The aggregate's kind, as in its partial state. */
  readonly kind: string;
  /**
   * Adds deals or a columns chunk (each deal in exactly one call, across all shards).
   *
   * @returns This accumulator.
   * @throws FunnelError `invalid_argument` for a batch that is neither an iterable nor a
   *   columns chunk (`opportunities`), or an item that is not an opportunity
   *   (`opportunities[i]`, its place in the batch); and what the aggregate throws for a deal.
   */
  add(batch: DealBatch): this;
  /**
   * Folds in another shard: an accumulator of the same kind or its partial state,
   * created with the same pipeline and options. `other` is not changed.
   *
   * @returns This accumulator.
   * @throws FunnelError `invalid_argument` when the kinds or settings differ.
   */
  merge(other: Accumulator<Result, Partial> | Partial): this;
  /** The state as plain data, to send to another thread or process and merge there. */
  partial(): Partial;
  /** The result over everything added and merged so far (adding may go on). */
  result(): Result;
}

/** An item of a source for {@link accumulate}: one deal, an array of deals, or a columns chunk. */
export type DealSourceItem = Opportunity | readonly Opportunity[] | DealColumns;

/** Options for {@link accumulate}. */
export interface AccumulateOptions {
  /**
   * Single deals are collected into arrays of this many before each `add`.
   *
   * @defaultValue 1000
   */
  readonly batchSize?: number;
  /**
   * Called after each `add` with the number of deals read so far (for a progress line).
   *
   * @defaultValue none
   */
  readonly onProgress?: (dealsRead: number) => void;
}

/**
 * Feeds a source of deals (an `AsyncIterable` such as a PostgreSQL cursor, a DuckDB
 * chunk reader or a parsed file stream, or a plain iterable) into one or more
 * accumulators in bounded memory: at most one batch of deals is held at a time, so the
 * memory used is the accumulators' own (which grows with stages × groups, not with the
 * book) plus one batch. Items may be single deals (batched by `batchSize`), arrays of
 * deals, or {@link DealColumns} chunks; each batch goes to every accumulator.
 *
 * @param source - The deals.
 * @param accumulators - One accumulator, or several to fill in one pass.
 * @param options - Batch size and a progress callback.
 * @returns The same accumulators, once the source is exhausted.
 * @throws {@link FunnelError} `invalid_option` for a bad batch size;
 *   `invalid_argument` for an item that is neither a deal, an array nor columns; and
 *   whatever the accumulators throw.
 *
 * @category Columns
 * @example
 * ```ts
 * import { accumulate, stageFlowAccumulator, weightedForecastAccumulator, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const pipeline: Pipeline;
 * declare const cursor: AsyncIterable<Opportunity>; // e.g. rows of a database cursor, parsed
 * const [flow, forecast] = await accumulate(cursor, [
 *   stageFlowAccumulator(pipeline, { asOf: '2026-04-01T00:00:00Z' }),
 *   weightedForecastAccumulator(pipeline, { groupBy: ['period'] }),
 * ]);
 * flow.result().total.stages.length; // one row per open stage
 * ```
 */
export async function accumulate<const A extends Accumulator<unknown, AccumulatorPartial> | readonly Accumulator<unknown, AccumulatorPartial>[]>(
  source: AsyncIterable<DealSourceItem> | Iterable<DealSourceItem>,
  accumulators: A,
  options: AccumulateOptions = {},
): Promise<A> {
  const batchSize = options.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new FunnelError('invalid_option', { option: 'batchSize', reason: because('whole_number_at_least', { min: 1 }) });
  }
  const onProgress = options.onProgress;
  const list = (Array.isArray(accumulators) ? accumulators : [accumulators]) as readonly Accumulator<unknown, AccumulatorPartial>[];
  let read = 0;
  let batch: Opportunity[] = [];
  const feed = (b: DealBatch, n: number) => {
    for (const acc of list) acc.add(b);
    read += n;
    onProgress?.(read);
  };
  const flush = () => {
    if (batch.length === 0) return;
    const b = batch;
    batch = [];
    feed(b, b.length);
  };
  for await (const item of source as AsyncIterable<DealSourceItem>) {
    if (isDealColumns(item)) {
      flush();
      feed(item, item.length);
    } else if (Array.isArray(item)) {
      flush();
      feed(item as readonly Opportunity[], item.length);
    } else if (typeof item === 'object' && item !== null && Array.isArray((item as Opportunity).history)) {
      batch.push(item as Opportunity);
      if (batch.length >= batchSize) flush();
    } else {
      throw new FunnelError('invalid_argument', { name: 'source', reason: because('must_be_deals_or_columns') });
    }
  }
  flush();
  return accumulators;
}

/**
 * Checks that a merge partner has the same kind and settings. @internal
 *
 * @throws FunnelError `invalid_argument` (`accumulators_differ`).
 */
export function checkMergeable(mine: AccumulatorPartial, other: AccumulatorPartial): void {
  if (other === null || typeof other !== 'object' || other.kind !== mine.kind || other.settings !== mine.settings) {
    throw new FunnelError('invalid_argument', { name: 'other', reason: because('accumulators_differ', { kind: mine.kind }) });
  }
}

/**
 * The settings text of a partial state: the pipeline (id and stage ids) and the checked
 * options, as JSON. @internal
 */
export function settingsText(pipeline: Pipeline, settings: object): string {
  return JSON.stringify([pipeline.id, pipeline.stages.map((s) => s.id), settings]);
}

/**
 * The grouping options as they enter a settings text: key labels (a function by its
 * name), periods and zone. @internal
 */
export function groupingSettings(options: GroupOptions): object {
  return {
    groupBy: (options.groupBy ?? []).map(groupLabel),
    period: options.period ?? null,
    timeZone: options.timeZone ?? null,
    offsetMinutes: options.offsetMinutes ?? null,
  };
}

/**
 * `other` as a partial state: itself when it is one, else its `partial()`. @internal
 */
export function partialOf<P extends AccumulatorPartial>(other: Accumulator<unknown, P> | P): P {
  // null, undefined and other non-objects are passed on as they are: checkMergeable refuses them.
  if (other === null || typeof other !== 'object') return other as P;
  return typeof (other as { partial?: unknown }).partial === 'function' ? (other as Accumulator<unknown, P>).partial() : (other as P);
}

/**
 * The creation day (a day number in `zone`) of column deals, what `'period'` groups them
 * by: `NO_DAY` for a deal without events. The zone is set up on the first call. @internal
 */
export function createdDayReader(zone: ZoneOptions): (cols: DealColumns, i: number) => number {
  let days: ZoneDays | undefined;
  return (cols, i) => {
    days ??= new ZoneDays(zone);
    const ms = createdMsAt(cols, i);
    return Number.isNaN(ms) ? NO_DAY : days.day(ms);
  };
}

/**
 * What every accumulator class shares: `merge` takes an accumulator or a partial state,
 * refuses one of another kind or other settings, and folds the partial state in with
 * `mergePartial`. @internal
 */
export abstract class AccumulatorBase<Result, Partial extends AccumulatorPartial> implements Accumulator<Result, Partial> {
  abstract readonly kind: Partial['kind'];
  /** The settings text of the partial states (made by the function `settingsText`). */
  protected abstract readonly settingsText: string;
  abstract add(batch: DealBatch): this;
  abstract partial(): Partial;
  abstract result(): Result;
  /** Folds in a shard's partial state, already checked to have this kind and settings. */
  protected abstract mergePartial(p: Partial): void;

  merge(other: Accumulator<Result, Partial> | Partial): this {
    const p = partialOf(other);
    checkMergeable(this.partialHead(), p);
    this.mergePartial(p);
    return this;
  }

  /** The kind and settings, as they head a partial state. */
  protected partialHead(): AccumulatorPartial {
    return { kind: this.kind, settings: this.settingsText };
  }
}

/**
 * An accumulator whose state is one table per group key, plus one for the deals added
 * ungrouped (the total of a grouped result is made of the groups' tables in `result()`).
 * It gives the table of a partial state's key, the `tables` of a partial state, the
 * table of a column slot, the creation day of a column deal for the grouper, and — where
 * the subclass defines `mergeTable` — a merge of another accumulator of the same class
 * table by table, without building its partial state. @internal
 */
export abstract class GroupTablesAccumulator<Result, Partial extends AccumulatorPartial, Table> extends AccumulatorBase<Result, Partial> {
  /** The options: their zone is that of `'period'` on column deals. */
  protected abstract readonly options: ZoneOptions;
  /** The table of the deals added ungrouped. */
  protected abstract readonly total: Table;
  /** The table of each group key. */
  protected abstract readonly groups: GroupAccumulator<Table>;
  /** Groups column deals (set up on the first grouped chunk). */
  protected grouper: ColumnGrouper | undefined;
  /** The group table of each column slot met. */
  private readonly slotTables: Table[] = [];
  private creationDay: ((cols: DealColumns, i: number) => number) | undefined;
  /** Folds `from`, a table of another accumulator of this class, into `into`. */
  protected mergeTable?(into: Table, from: Table): void;

  override merge(other: Accumulator<Result, Partial> | Partial): this {
    if (this.mergeTable === undefined || !(other instanceof GroupTablesAccumulator) || other.constructor !== this.constructor) return super.merge(other);
    checkMergeable(this.partialHead(), other.partialHead());
    other.eachTable((key, from) => this.mergeTable!(this.tableOf(key), from));
    return this;
  }

  /** The table of a partial state's key: the ungrouped total's for `null`. */
  protected tableOf(key: readonly string[] | null): Table {
    return key === null ? this.total : this.groups.get(key);
  }

  /**
   * The `tables` of a partial state: the ungrouped total's (key `null`), then each
   * group's, by key; `row` gives the rest of a table's entry.
   */
  protected tableRows<Row extends object>(row: (t: Table) => Row): Array<{ readonly key: string[] | null } & Row> {
    const rows: Array<{ readonly key: string[] | null } & Row> = [];
    this.eachTable((key, t) => rows.push({ key: key === null ? null : [...key], ...row(t) }));
    return rows;
  }

  /** Creation day of column deal `i` in the options' zone: what `'period'` groups it by. */
  protected createdDay(cols: DealColumns, i: number): number {
    this.creationDay ??= createdDayReader(this.options);
    return this.creationDay(cols, i);
  }

  /** The group table of a slot of the column grouper. */
  protected slotTable(slot: number): Table {
    let t = this.slotTables[slot];
    if (t === undefined) {
      t = this.groups.get(this.grouper!.keyOf(slot));
      this.slotTables[slot] = t;
    }
    return t;
  }

  /** The ungrouped total's table (key `null`), then each group's, by key. */
  private eachTable(f: (key: readonly string[] | null, t: Table) => void): void {
    f(null, this.total);
    for (const { key, acc } of this.groups.sorted()) f(key, acc);
  }
}
