// A deal of a columns chunk rebuilt as an opportunity object, for the forecasts that
// replay a deal's ledger event by event (`forecastMovement`): they then read columns
// through the very code that reads deals.
import { dayToPlainDate } from '../../model/columnGroups.js';
import { closedAtOf, columnEvent, currentAmount } from '../../model/columnEvents.js';
import { FORECAST_CATEGORY_CODES, NO_CODE, NO_DAY, STATUS_CODES, type CodeColumn, type DealColumns } from '../../model/dealColumns.js';
import type { OpportunityEvent } from '../../model/events.js';
import type { Opportunity } from '../../model/opportunity.js';
import type { PipelineIndex } from '../../model/pipelineIndex.js';

function code(col: CodeColumn | undefined, i: number): number {
  return col === undefined ? NO_CODE : col[i]!;
}

/**
 * Deal `i` of `cols` as an opportunity: every field the columns hold (its name, source
 * and attributes other than `projectType` are not kept: empty), and its ledger rebuilt
 * from the event columns and their noted values (`columnEvent`: a stage change whose
 * values are not noted moves from the stage the ledger stood in, with the kind the
 * order of the open stages gives; a task event's task and an activity's details are not
 * kept).
 */
export function dealOfColumns(cols: DealColumns, i: number, index: PipelineIndex): Opportunity {
  const stageIds = cols.stageIds;
  const ev = cols.events;
  const begin = ev.start[i]!;
  const end = ev.start[i + 1]!;
  const history: OpportunityEvent[] = [];
  // The stage the ledger stands in, -1 before its first stage-setting event: that event
  // never needs it (a `stage_changed` that sets the stage first has its values noted, an
  // import's too), the ones after read it for a change whose values are not noted.
  // Stryker disable next-line UnaryOperator: equivalent; no event reads the value before the first stage-setting event
  let stage = -1;
  for (let e = begin; e < end; e++) {
    history.push(columnEvent(cols, i, e, e - begin + 1, stage, index));
    const to = ev.stage[e]!;
    // Stryker disable next-line EqualityOperator: equivalent; a stage code is below stageIds.length or the no-stage code (0xff or 0xffff), never equal to it
    if (to < stageIds.length) stage = to;
  }
  const region = code(cols.region, i);
  const probability = code(cols.probabilityOverride, i);
  const category = code(cols.forecastCategoryOverride, i);
  const lossReason = code(cols.lossReason, i);
  const competitor = code(cols.competitor, i);
  const projectType = code(cols.projectType, i);
  const closeDay = cols.closeDay[i]!;
  const closedAt = closedAtOf(cols, i);
  const split = code(cols.split, i);
  const splits = split === NO_CODE ? undefined : cols.splitLists[split]!.map((x) => ({ ...x }));
  const deal = {
    id: cols.ids.at(i),
    customerId: cols.customerIds[cols.customer[i]!]!,
    pipelineId: cols.pipelineId,
    name: '',
    amount: currentAmount(cols, i),
    ...(closeDay === NO_DAY ? {} : { expectedCloseDate: dayToPlainDate(closeDay) }),
    ...(region === NO_CODE ? {} : { region: cols.regions[region]! }),
    stageId: stageIds[cols.stage[i]!]!,
    status: STATUS_CODES[cols.status[i]!]!,
    ...(probability === NO_CODE ? {} : { probabilityOverride: cols.probabilities[probability]! }),
    ...(category === NO_CODE ? {} : { forecastCategoryOverride: FORECAST_CATEGORY_CODES[category]! }),
    ownerId: cols.ownerIds[cols.owner[i]!]!,
    ...(splits === undefined ? {} : { splits }),
    completedTasks: {},
    ...(Number.isNaN(closedAt) ? {} : { closedAt: new Date(closedAt) }),
    ...(lossReason === NO_CODE ? {} : { lossReason: cols.lossReasons[lossReason]! }),
    ...(competitor === NO_CODE ? {} : { competitor: cols.competitors[competitor]! }),
    attributes: projectType === NO_CODE ? {} : { projectType: cols.projectTypes[projectType]! },
    history,
  };
  return deal as unknown as Opportunity;
}
