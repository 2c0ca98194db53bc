// A deal of a columns chunk rebuilt as an opportunity object, for the forecasts that
// replay a deal's ledger event by event (`forecastMovement`): they then read columns
// through the very code that reads deals.
import { minorUnitDigits } from '../../money/currency.js';
import { Decimal } from '../../money/decimal.js';
import type { Money } from '../../money/money.js';
import { dayToPlainDate } from '../../model/columnGroups.js';
import { COLUMN_EVENT_TYPES, FORECAST_CATEGORY_CODES, NO_CODE, NO_DAY, STATUS_CODES, type DealColumns } from '../../model/dealColumns.js';
import type { OpportunityEvent } from '../../model/events.js';
import type { KeyTaskId } from '../../model/ids.js';
import type { Opportunity } from '../../model/opportunity.js';
import type { PipelineIndex } from '../../model/pipelineIndex.js';

/** Deal `i`'s current amount, exactly. */
function amountOf(cols: DealColumns, i: number): Money {
  const currency = cols.currencies[cols.currency[i]!]!;
  const exact = cols.amountExact.get(i);
  if (exact !== undefined) return { amount: exact, currency };
  const scale = 10 ** minorUnitDigits(currency);
  const d = new Decimal(cols.amountMinor[i]!);
  return { amount: scale === 1 ? d : d.div(scale), currency };
}

function code(col: Int32Array | undefined, i: number): number {
  return col === undefined ? NO_CODE : col[i]!;
}

/**
 * Deal `i` of `cols` as an opportunity: every field the columns hold (its name, source
 * and attributes other than `projectType` are not kept: empty), and its ledger rebuilt
 * from the event columns. The field-changing events, the `lost` events and the irregular
 * stage changes are the objects kept in `fieldEvents`; the others are rebuilt with what
 * the replay and the movement kinds read (a stage change's `from` is the stage the
 * ledger stood in, its `kind` follows the order of the open stages; a task event's task
 * and an activity's details are not kept).
 */
export function dealOfColumns(cols: DealColumns, i: number, index: PipelineIndex): Opportunity {
  const stageIds = cols.stageIds;
  const ev = cols.events;
  const begin = ev.start[i]!;
  const end = ev.start[i + 1]!;
  const history: OpportunityEvent[] = [];
  let stage = ev.impliedStage.get(i) ?? -1;
  for (let e = begin; e < end; e++) {
    const kept = ev.fieldEvents.get(e);
    const to = ev.stage[e]!;
    if (kept !== undefined) {
      history.push(kept);
    } else {
      const type = COLUMN_EVENT_TYPES[ev.type[e]!]!;
      const seq = e - begin + 1;
      const at = new Date(ev.at[e]!);
      switch (type) {
        case 'created':
        case 'won':
        case 'reopened':
          history.push({ type, seq, at, stageId: stageIds[to]! });
          break;
        case 'lost':
          history.push({ type, seq, at, stageId: stageIds[to]!, reason: '' });
          break;
        case 'stage_changed': {
          const fromId = stageIds[stage < 0 ? to : stage]!;
          const a = index.byId.get(fromId)?.openIndex ?? -1;
          const b = index.byId.get(stageIds[to]!)?.openIndex ?? -1;
          history.push({ type, seq, at, from: fromId, to: stageIds[to]!, kind: b < a ? 'regress' : b === a + 1 ? 'advance' : 'skip' });
          break;
        }
        case 'task_completed':
        case 'task_reopened':
          history.push({ type, seq, at, taskId: '' as KeyTaskId });
          break;
        case 'activity_logged':
          history.push({ type, seq, at, kind: 'other' });
          break;
        case 'suspended':
        case 'resumed':
          history.push({ type, seq, at });
          break;
        default:
          // A field-changing event whose object a builder did not keep: it changes nothing here.
          history.push({ type: 'activity_logged', seq, at, kind: 'other' });
          break;
      }
    }
    if (to < stageIds.length) stage = to;
  }
  const region = code(cols.region, i);
  const probability = code(cols.probabilityOverride, i);
  const category = code(cols.forecastCategoryOverride, i);
  const lossReason = code(cols.lossReason, i);
  const competitor = code(cols.competitor, i);
  const projectType = code(cols.projectType, i);
  const closeDay = cols.closeDay[i]!;
  const closedAt = cols.closedAt[i]!;
  const splits = cols.splits.get(i);
  const deal = {
    id: cols.ids[i]!,
    customerId: cols.customerIds[cols.customer[i]!]!,
    pipelineId: cols.pipelineId,
    name: '',
    amount: amountOf(cols, i),
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
