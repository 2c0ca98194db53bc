// The result shapes of the decoders. `sales-funnel/sql` imports only the layers below the
// analytics (it must run where the in-process functions are not loaded). Where the SQL
// result is the in-process result field for field, both are the one declaration in
// src/model/results/ (public in the core entry) and the SQL name is an alias of it; the
// snapshot and forecast shapes differ (the SQL lists no drill-down `dealIds` and sorts
// `opportunityIds` by id), so they are declared here. test/types checks that each is
// interchangeable with its original.
import type { CurrencyCode } from '../money/currency.js';
import type { Money } from '../money/money.js';
import type { Grouped } from '../model/groupBy.js';
import type { OpportunityId, PipelineId, StageId } from '../model/ids.js';
import type { CohortFunnel, CohortFunnelRow, CohortFunnelTable } from '../model/results/cohortTable.js';
import type { StageFlow, StageFlowRow, StageFlowTable } from '../model/results/flowTable.js';
import type { StageVisit, StageVisitOutcome } from '../model/results/stageVisit.js';
import type { StallClock, StalledDeal, StalledDeals, StallRule } from '../model/results/stalledDeals.js';
import type { WinLoss, WinLossFigures, WinLossRow, WinLossStageRow, WinLossTally } from '../model/results/winLossTable.js';
import type { ForecastCategory } from '../model/stage.js';

/** How a stay ended: {@link sales-funnel!StageVisitOutcome | StageVisitOutcome}. */
export type SqlStageVisitOutcome = StageVisitOutcome;

/** One stay in an open stage: {@link sales-funnel!StageVisit | StageVisit}. */
export type SqlStageVisit = StageVisit;

/** One row of a stage-flow table: {@link sales-funnel!StageFlowRow | StageFlowRow}. */
export type SqlStageFlowRow = StageFlowRow;

/** A stage-flow table: {@link sales-funnel!StageFlowTable | StageFlowTable}. */
export type SqlStageFlowTable = StageFlowTable;

/** The decoded stage flow: {@link sales-funnel!StageFlow | StageFlow}. */
export type SqlStageFlow = StageFlow;

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

/** One row of a cohort funnel: {@link sales-funnel!CohortFunnelRow | CohortFunnelRow}. */
export type SqlCohortFunnelRow = CohortFunnelRow;

/** A cohort funnel: {@link sales-funnel!CohortFunnelTable | CohortFunnelTable}. */
export type SqlCohortFunnelTable = CohortFunnelTable;

/** The decoded cohort funnel: {@link sales-funnel!CohortFunnel | CohortFunnel}. */
export type SqlCohortFunnel = CohortFunnel;

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

/** The clock of a stall: {@link sales-funnel!StallClock | StallClock}. */
export type SqlStallClock = StallClock;

/** The rule that flagged a stalled deal: {@link sales-funnel!StallRule | StallRule}. */
export type SqlStallRule = StallRule;

/** A stalled deal: {@link sales-funnel!StalledDeal | StalledDeal}. */
export type SqlStalledDeal = StalledDeal;

/** The decoded stalled deals: {@link sales-funnel!StalledDeals | StalledDeals}. */
export type SqlStalledDeals = StalledDeals;

/** A number of deals and their amount: {@link sales-funnel!WinLossTally | WinLossTally}. */
export type SqlWinLossTally = WinLossTally;

/** One row of a win / loss breakdown: {@link sales-funnel!WinLossRow | WinLossRow}. */
export type SqlWinLossRow = WinLossRow;

/** One row of the breakdown by lost-at stage: {@link sales-funnel!WinLossStageRow | WinLossStageRow}. */
export type SqlWinLossStageRow = WinLossStageRow;

/** Win / loss figures: {@link sales-funnel!WinLossFigures | WinLossFigures}. */
export type SqlWinLossFigures = WinLossFigures;

/** The decoded win / loss analysis: {@link sales-funnel!WinLoss | WinLoss}. */
export type SqlWinLoss = WinLoss;
