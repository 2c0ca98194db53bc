// The result shapes of the decoders. `sales-funnel/sql` imports only the layers below the
// analytics (it must run where the in-process functions are not loaded), so the shapes
// are declared here again, field for field those of the core entry; test/types checks
// that each is interchangeable with its original.
import type { CurrencyCode } from '../money/currency.js';
import type { Money } from '../money/money.js';
import type { Grouped } from '../model/groupBy.js';
import type { OpportunityId, PipelineId, StageId, UserId } from '../model/ids.js';
import type { ForecastCategory } from '../model/stage.js';

/** How a stay ended, as {@link sales-funnel!StageVisitOutcome | StageVisitOutcome}. */
export type SqlStageVisitOutcome = 'advanced' | 'skipped' | 'regressed' | 'won' | 'lost' | 'open';

/** One stay in an open stage: the shape of {@link sales-funnel!StageVisit | StageVisit}. */
export interface SqlStageVisit {
  /** The deal. */
  readonly opportunityId: OpportunityId;
  /** The open stage stayed in. */
  readonly stageId: StageId;
  /** Its position among the open stages (0-based). */
  readonly stageIndex: number;
  /** When the deal entered the stage (for `skipped`: the time of the jump). */
  readonly enteredAt: Date;
  /** When it left; absent while still there. */
  readonly leftAt?: Date;
  /** How the stay ended. */
  readonly outcome: SqlStageVisitOutcome;
  /** Where the deal went; absent for `open`. */
  readonly toStageId?: StageId;
  /** For an `advanced` stay that jumped ahead: the stages jumped over; otherwise empty. */
  readonly skippedStageIds: readonly StageId[];
  /** Days (exact, 24 h each) suspended during the stay. */
  readonly suspendedDays: number;
}

/** One row of a stage-flow table: the shape of {@link sales-funnel!StageFlowRow | StageFlowRow}. */
export interface SqlStageFlowRow {
  /** The open stage. */
  readonly stageId: StageId;
  /** Its position among the open stages (0-based). */
  readonly stageIndex: number;
  /** Stage entries counted. */
  readonly entered: number;
  /** Entries that left forward (winning included). */
  readonly advanced: number;
  /** Of `advanced`: won from this stage. */
  readonly won: number;
  /** Entries lost from this stage. */
  readonly lost: number;
  /** Entries that moved back. */
  readonly regressed: number;
  /** Entries still there at `asOf`. */
  readonly stillThere: number;
  /** Of `stillThere`: suspended at `asOf`. */
  readonly suspended: number;
  /** Of `stillThere`, not suspended: over the stall threshold. */
  readonly stalled: number;
  /** Jumps over this stage. */
  readonly skipped: number;
  /** The stall threshold used, in days, or null. */
  readonly stallThresholdDays: number | null;
  /** advanced / entered. */
  readonly advanceRate: number | null;
  /** won / entered. */
  readonly winRate: number | null;
  /** lost / entered. */
  readonly lossRate: number | null;
  /** regressed / entered. */
  readonly regressRate: number | null;
  /** stillThere / entered. */
  readonly stayRate: number | null;
  /** stalled / entered (null also without a threshold). */
  readonly stalledRate: number | null;
}

/** A stage-flow table: the shape of {@link sales-funnel!StageFlowTable | StageFlowTable}. */
export interface SqlStageFlowTable {
  /** Deals counted. */
  readonly deals: number;
  /** One row per open stage. */
  readonly stages: readonly SqlStageFlowRow[];
}

/** The decoded stage flow: the shape of {@link sales-funnel!StageFlow | StageFlow}. */
export interface SqlStageFlow extends Grouped<SqlStageFlowTable> {
  /** The pipeline analysed. */
  readonly pipelineId: PipelineId;
  /** The cohort definition used. */
  readonly cohort: 'stage_entry' | 'created';
  /** The skip treatment used. */
  readonly skipped: 'passed' | 'excluded';
  /** Window start, if given. */
  readonly from?: Date;
  /** Window end, if given. */
  readonly to?: Date;
  /** The instant outcomes were judged at (`null` when no deal had an event). */
  readonly asOf: Date | null;
}

/** One row of a snapshot funnel: the shape of {@link sales-funnel!FunnelSnapshotRow | FunnelSnapshotRow}. */
export interface SqlFunnelSnapshotRow {
  /** The open stage. */
  readonly stageId: StageId;
  /** Its position among the open stages. */
  readonly stageIndex: number;
  /** Open, not suspended deals in the stage at `asOf`. */
  readonly count: number;
  /** Suspended deals in the stage at `asOf`. */
  readonly suspended: number;
  /** Σ amount as of `asOf`. */
  readonly amount: Money;
  /** Σ amount × probability. */
  readonly weightedAmount: Money;
  /** count / count of the previous stage. */
  readonly ratioToPrevious: number | null;
  /** count / count of the first stage. */
  readonly ratioToFirst: number | null;
}

/** A snapshot funnel: the shape of {@link sales-funnel!FunnelSnapshotTable | FunnelSnapshotTable}. */
export interface SqlFunnelSnapshotTable {
  /** One row per open stage. */
  readonly stages: readonly SqlFunnelSnapshotRow[];
  /** Σ count. */
  readonly count: number;
  /** Σ suspended. */
  readonly suspended: number;
  /** Σ amount. */
  readonly amount: Money;
  /** Σ weighted amount. */
  readonly weightedAmount: Money;
  /** count of the last stage / count of the first. */
  readonly overallConversion: number | null;
}

/** The decoded snapshot funnel: the shape of {@link sales-funnel!FunnelSnapshot | FunnelSnapshot}. */
export interface SqlFunnelSnapshot extends Grouped<SqlFunnelSnapshotTable> {
  /** The pipeline. */
  readonly pipelineId: PipelineId;
  /** The instant reconstructed. */
  readonly asOf: Date;
  /** The currency of every amount (the pipeline's). */
  readonly currency: CurrencyCode;
}

/** One row of a cohort funnel: the shape of {@link sales-funnel!CohortFunnelRow | CohortFunnelRow}. */
export interface SqlCohortFunnelRow {
  /** The open stage. */
  readonly stageId: StageId;
  /** Its position among the open stages. */
  readonly stageIndex: number;
  /** Deals of the cohort that reached this stage or a later one (or won). */
  readonly reached: number;
  /** reached / reached of the previous stage. */
  readonly conversionFromPrevious: number | null;
  /** reached / reached of the first stage. */
  readonly conversionFromFirst: number | null;
}

/** A cohort funnel: the shape of {@link sales-funnel!CohortFunnelTable | CohortFunnelTable}. */
export interface SqlCohortFunnelTable {
  /** Deals created in the window. */
  readonly created: number;
  /** One row per open stage. */
  readonly stages: readonly SqlCohortFunnelRow[];
  /** Won by `asOf`. */
  readonly won: number;
  /** Never won, in a lost stage at `asOf`. */
  readonly lost: number;
  /** Never won, in an open stage at `asOf`. */
  readonly open: number;
  /** won / reached of the last stage. */
  readonly conversionToWon: number | null;
  /** won / reached of the first stage. */
  readonly winRate: number | null;
}

/** The decoded cohort funnel: the shape of {@link sales-funnel!CohortFunnel | CohortFunnel}. */
export interface SqlCohortFunnel extends Grouped<SqlCohortFunnelTable> {
  /** The pipeline. */
  readonly pipelineId: PipelineId;
  /** Creation window start, if given. */
  readonly from?: Date;
  /** Creation window end, if given. */
  readonly to?: Date;
  /** The instant the ledgers were read to (`null` when no deal had an event). */
  readonly asOf: Date | null;
}

/** A count with amounts: the shape of {@link sales-funnel!ForecastTally | ForecastTally}. */
export interface SqlForecastTally {
  /** Number of deals. */
  readonly count: number;
  /** Σ amount. */
  readonly amount: Money;
  /** Σ amount × probability. */
  readonly weighted: Money;
}

/** Forecast figures by status: the shape of {@link sales-funnel!WeightedForecastFigures | WeightedForecastFigures}. */
export interface SqlWeightedForecastFigures extends SqlForecastTally {
  /** Open deals. */
  readonly open: SqlForecastTally;
  /** Won deals. */
  readonly won: SqlForecastTally;
  /** Lost deals (weighted 0). */
  readonly lost: SqlForecastTally;
}

/**
 * Deals without a forecast date: the shape of {@link sales-funnel!UnforecastableDeals | UnforecastableDeals}.
 * The database has no input order: `opportunityIds` are sorted by id.
 */
export interface SqlUnforecastableDeals extends SqlWeightedForecastFigures {
  /** The deals' ids, sorted. */
  readonly opportunityIds: readonly OpportunityId[];
}

/** Suspended deals: the shape of {@link sales-funnel!ExcludedDeals | ExcludedDeals}, ids sorted. */
export interface SqlExcludedDeals extends SqlForecastTally {
  /** The deals' ids, sorted. */
  readonly opportunityIds: readonly OpportunityId[];
}

/** The decoded weighted forecast: the shape of {@link sales-funnel!WeightedForecast | WeightedForecast} (ids sorted). */
export interface SqlWeightedForecast extends Grouped<SqlWeightedForecastFigures> {
  /** The currency of every amount. */
  readonly currency: CurrencyCode;
  /** The deals with a forecast date. */
  readonly total: SqlWeightedForecastFigures;
  /** The deals without one. */
  readonly unforecastable: SqlUnforecastableDeals;
  /** total + unforecastable. */
  readonly book: SqlWeightedForecastFigures;
  /** The suspended deals. */
  readonly suspended: SqlExcludedDeals;
}

/** Cumulative forecast roll-ups: the shape of {@link sales-funnel!ForecastRollups | ForecastRollups}. */
export interface SqlForecastRollups {
  /** Closed. */
  readonly closed: SqlForecastTally;
  /** Closed + commit. */
  readonly commit: SqlForecastTally;
  /** Closed + commit + best case. */
  readonly bestCase: SqlForecastTally;
  /** Pipeline + best case + commit. */
  readonly openPipeline: SqlForecastTally;
}

/** Category figures: the shape of {@link sales-funnel!ForecastCategoryFigures | ForecastCategoryFigures}. */
export interface SqlForecastCategoryFigures {
  /** Each category. */
  readonly categories: Readonly<Record<ForecastCategory, SqlForecastTally>>;
  /** The roll-ups. */
  readonly rollups: SqlForecastRollups;
}

/** Undated deals by category: the shape of {@link sales-funnel!UnforecastableCategories | UnforecastableCategories}, ids sorted. */
export interface SqlUnforecastableCategories extends SqlForecastCategoryFigures {
  /** The deals' ids, sorted. */
  readonly opportunityIds: readonly OpportunityId[];
}

/** The decoded forecast categories: the shape of {@link sales-funnel!ForecastCategories | ForecastCategories} (ids sorted). */
export interface SqlForecastCategories extends Grouped<SqlForecastCategoryFigures> {
  /** The currency of every amount. */
  readonly currency: CurrencyCode;
  /** The deals with a forecast date. */
  readonly total: SqlForecastCategoryFigures;
  /** The deals without one. */
  readonly unforecastable: SqlUnforecastableCategories;
  /** total + unforecastable. */
  readonly book: SqlForecastCategoryFigures;
  /** The suspended deals. */
  readonly suspended: SqlExcludedDeals;
}

/** The clock of a stall, as {@link sales-funnel!StallClock | StallClock}. */
export type SqlStallClock = 'stage_entry' | 'last_activity' | 'last_event' | 'created';

/** The rule that flagged a stalled deal, as {@link sales-funnel!StallRule | StallRule}. */
export type SqlStallRule = 'stage_threshold' | 'global_threshold' | 'median_multiple';

/** A stalled deal: the shape of {@link sales-funnel!StalledDeal | StalledDeal}. */
export interface SqlStalledDeal {
  /** The deal. */
  readonly opportunityId: OpportunityId;
  /** The open stage it stands in at `asOf`. */
  readonly stageId: StageId;
  /** That stage's name. */
  readonly stageName: string;
  /** That stage's position among the open stages. */
  readonly stageIndex: number;
  /** Its current owner. */
  readonly ownerId: UserId;
  /** Its amount as of `asOf`, in its own currency. */
  readonly amount: Money;
  /** The clock's reading in exact days, net of suspended time. */
  readonly days: number;
  /** The threshold exceeded, in days. */
  readonly thresholdDays: number;
  /** days − thresholdDays. */
  readonly overDays: number;
  /** The rule that flagged it. */
  readonly rule: SqlStallRule;
  /** The clock used. */
  readonly clock: SqlStallClock;
  /** Its group key, with `groupBy`. */
  readonly groupKey?: readonly string[];
}

/** The decoded stalled deals: the shape of {@link sales-funnel!StalledDeals | StalledDeals}. */
export interface SqlStalledDeals extends Grouped<readonly SqlStalledDeal[]> {
  /** The pipeline. */
  readonly pipelineId: PipelineId;
  /** The instant judged at. */
  readonly asOf: Date;
  /** For `{ medianMultiple }`: each open stage's median completed stay in days. */
  readonly medianDays?: readonly (number | null)[];
}

/** A number of deals and their amount: the shape of {@link sales-funnel!WinLossTally | WinLossTally}. */
export interface SqlWinLossTally {
  /** Number of deals. */
  readonly count: number;
  /** Σ amount at closing. */
  readonly amount: Money;
}

/** One row of a win / loss breakdown: the shape of {@link sales-funnel!WinLossRow | WinLossRow}. */
export interface SqlWinLossRow extends SqlWinLossTally {
  /** The reason, stage id or competitor; `'(none)'` when not recorded. */
  readonly key: string;
  /** count ÷ the lost deals of the table. */
  readonly share: number | null;
  /** amount ÷ the lost amount of the table. */
  readonly amountShare: number | null;
}

/** One row of the breakdown by lost-at stage: the shape of {@link sales-funnel!WinLossStageRow | WinLossStageRow}. */
export interface SqlWinLossStageRow extends SqlWinLossRow {
  /** The open stage the deal left when it was lost, or null. */
  readonly stageId: StageId | null;
  /** That stage's name, or null. */
  readonly stageName: string | null;
}

/** Win / loss figures: the shape of {@link sales-funnel!WinLossFigures | WinLossFigures}. */
export interface SqlWinLossFigures {
  /** Deals won in the window. */
  readonly won: SqlWinLossTally;
  /** Deals lost in the window. */
  readonly lost: SqlWinLossTally;
  /** won + lost. */
  readonly decided: SqlWinLossTally;
  /** won.count ÷ decided.count. */
  readonly decidedWinRateByCount: number | null;
  /** won.amount ÷ decided.amount. */
  readonly decidedWinRateByValue: number | null;
  /** Lost deals by loss reason. */
  readonly byLossReason: readonly SqlWinLossRow[];
  /** Lost deals by the stage they were lost at. */
  readonly byLostAtStage: readonly SqlWinLossStageRow[];
  /** Lost deals by competitor. */
  readonly byCompetitor: readonly SqlWinLossRow[];
}

/** The decoded win / loss analysis: the shape of {@link sales-funnel!WinLoss | WinLoss}. */
export interface SqlWinLoss extends Grouped<SqlWinLossFigures> {
  /** The pipeline. */
  readonly pipelineId: PipelineId;
  /** The currency of every amount (the pipeline's). */
  readonly currency: CurrencyCode;
  /** Window start, if given. */
  readonly from?: Date;
  /** Window end, if given. */
  readonly to?: Date;
}
