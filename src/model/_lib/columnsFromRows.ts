// The reader behind dealColumnsFromRows and safeDealColumnsFromRows: storage rows
// checked value by value into a ColumnsBuilder, deal by deal, the events matched to
// their deal by LedgerRuns.
import type * as z from 'zod';
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import type { CustomerId, OpportunityId, UserId } from '../ids.js';
import type { DealColumnsFromRowsOptions, DealColumnsResult } from '../dealColumnsResult.js';
import { NO_STAGE } from '../dealColumnsShape.js';
import type { OpportunityEvent } from '../events.js';
import type { Pipeline } from '../pipeline.js';
import { pipelineIndex } from '../pipelineIndex.js';
import { readEventRow, readInstantColumn } from '../rows/_lib/rowKit.js';
import type { EventRowInput, OpportunityRowInput } from '../rows/types.js';
import { ColumnsBuilder } from './columnsBuilder.js';
import { codedIssue, DealIngest, IngestTally, ingestSettings, LedgerRuns, LOST, STAGE_CHANGED, structuralIssue } from './columnsIngest.js';

type Row = Readonly<Record<string, unknown>>;

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The columns of the valid rows, the rejected ones, and the listed issues as zod issues. @throws FunnelError for bad arguments and options */
export function readRows(
  deals: readonly OpportunityRowInput[],
  events: readonly EventRowInput[],
  pipeline: Pipeline,
  options: DealColumnsFromRowsOptions,
): { readonly result: DealColumnsResult; readonly raw: readonly z.core.$ZodIssue[] } {
  if (!Array.isArray(deals)) throw new FunnelError('invalid_argument', { name: 'deals', reason: because('must_be_array') });
  if (!Array.isArray(events)) throw new FunnelError('invalid_argument', { name: 'events', reason: because('must_be_event_rows') });
  const settings = ingestSettings(options);
  const index = pipelineIndex(pipeline);
  const tally = new IngestTally(settings);
  const builder = new ColumnsBuilder(index, Math.max(16, deals.length), Math.max(16, events.length));
  const ingest = new DealIngest(index, builder, tally);
  const eventRows = events as readonly unknown[];
  const runs = new LedgerRuns(eventRows.length, (j) => {
    const row = eventRows[j];
    const id = isRow(row) ? row['opportunity_id'] : undefined;
    return typeof id === 'string' ? id : undefined;
  });
  const h = ingest.header;
  for (let i = 0; i < deals.length; i++) {
    const row: unknown = deals[i];
    ingest.begin();
    if (!isRow(row)) {
      ingest.structural('Expected a deal row (an object)', ['deals', i]);
      ingest.commit('deals', i, undefined);
      continue;
    }
    const rawId = row['id'];
    const id = typeof rawId === 'string' && rawId.length > 0 ? rawId : undefined;
    const version = ingest.whole(row['version'], 0, 'deals', i, 'version');
    const run = runs.next(id, version !== 0);
    if (!ingest.pipeline(row['pipeline_id'], settings.ignoreOtherPipelines, 'deals', i, 'pipeline_id')) continue;
    h.id = ingest.text(rawId, 'deals', i, 'id') as OpportunityId;
    h.customerId = ingest.text(row['customer_id'], 'deals', i, 'customer_id') as CustomerId;
    h.ownerId = ingest.text(row['owner_id'], 'deals', i, 'owner_id') as UserId;
    h.stage = ingest.stage(row['stage_id'], 'deals', i, 'stage_id');
    h.status = ingest.status(row['status'], 'deals', i, 'status');
    h.currency = ingest.currency(row['currency'], 'deals', i, 'currency');
    h.amount = ingest.amount(row['amount'], 'deals', i, 'amount');
    h.closeDay = ingest.closeDay(row['expected_close_date'], 'deals', i, 'expected_close_date');
    const closedAt = row['closed_at'];
    if (closedAt !== null && closedAt !== undefined) h.closedAtMs = ingest.instant(readInstantColumn(closedAt), 'deals', i, 'closed_at');
    h.region = ingest.optionalText(row['region'], 'deals', i, 'region');
    h.probabilityOverride = ingest.probability(row['probability_override'], 'deals', i, 'probability_override');
    h.forecastCategory = ingest.forecastCategory(row['forecast_category_override'], 'deals', i, 'forecast_category_override');
    h.lossReason = ingest.optionalText(row['loss_reason'], 'deals', i, 'loss_reason');
    h.competitor = ingest.optionalText(row['competitor'], 'deals', i, 'competitor');
    h.projectType = ingest.projectType(row['attributes'], 'deals', i, 'attributes');
    h.splits = ingest.splits(row['splits'], 'deals', i, 'splits');
    if (run.misplaced >= 0) ingest.issues.push(codedIssue('events_not_grouped', { opportunityId: id! }, ['events', run.misplaced, 'opportunity_id']));
    const count = run.end - run.start;
    if (version !== undefined && version !== count && run.misplaced < 0 && id !== undefined) {
      ingest.coded('version_conflict', { expected: version, actual: count }, ['deals', i, 'version']);
    }
    for (let j = run.start; j < run.end; j++) readEvent(ingest, eventRows[j], j, j - run.start);
    ingest.commit('deals', i, id);
  }
  for (const left of runs.leftovers()) {
    const issue =
      left.id === undefined
        ? structuralIssue('Expected the id of the opportunity whose ledger holds the event (opportunity_id)', ['events', left.start, 'opportunity_id'])
        : codedIssue('events_not_grouped', { opportunityId: left.id }, ['events', left.start, 'opportunity_id']);
    tally.reject('events', left.start, left.id, [issue]);
  }
  return { result: tally.result(builder.finish()), raw: tally.raw };
}

/** Reads event row `j`, the deal's event `k`, into the ingest (issues under `events.j`). */
function readEvent(ingest: DealIngest, row: unknown, j: number, k: number): void {
  if (!isRow(row)) {
    ingest.structural('Expected an event row (an object)', ['events', j]);
    return;
  }
  if (typeof row['opportunity_id'] !== 'string') ingest.structural('Expected the id of the opportunity whose ledger holds the event (opportunity_id)', ['events', j, 'opportunity_id']);
  const type = ingest.eventType(row['type'], 'events', j, 'type');
  if (type < 0) return;
  let object: OpportunityEvent | undefined;
  let at: number;
  let stage = NO_STAGE;
  let from = NO_STAGE;
  if (DealIngest.keeps(type)) {
    object = fullEvent(ingest, row, j, k);
    if (object === undefined) return;
    at = object.at.getTime();
    if (type === LOST) stage = ingest.stage((object as { readonly stageId: string }).stageId, 'events', j, 'stageId');
  } else {
    ingest.seq(row['seq'], k, 'events', j, 'seq');
    at = ingest.instant(readInstantColumn(row['at']), 'events', j, 'at');
    if (DealIngest.setsStage(type)) {
      const p = ingest.payload(row['payload'], 'events', j, 'payload');
      if (p === undefined) return;
      if (type === STAGE_CHANGED) {
        stage = ingest.stage(p['to'], 'events', j, 'to');
        from = ingest.stage(p['from'], 'events', j, 'from');
        if (stage !== NO_STAGE && from !== NO_STAGE && ingest.keepsStageChange(from, stage, p['kind'])) {
          object = fullEvent(ingest, row, j, k);
          if (object === undefined) return;
        }
      } else {
        stage = ingest.stage(p['stageId'], 'events', j, 'stageId');
      }
    }
  }
  ingest.order(at, k, 'events', j, 'at');
  ingest.event(type, stage, at, object, from);
}

/** A whole event read through the event schema, as `eventFromRow` reads it, with its `seq` checked against its position. */
function fullEvent(ingest: DealIngest, row: Row, j: number, k: number): OpportunityEvent | undefined {
  const read = readEventRow(row, ['events', j], ingest.issues);
  if (read === undefined) return undefined;
  ingest.seqAt(read.seq, k, ['events', j, 'seq']);
  return ingest.fullEvent(read.wire, ['events', j]);
}
