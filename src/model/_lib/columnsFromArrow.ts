// The reader behind dealColumnsFromArrow and safeDealColumnsFromArrow: every column of
// the two tables decoded in bulk (arrowColumns.ts), then checked deal by deal into a
// ColumnsBuilder exactly as the row reader checks rows (columnsIngest.ts), the events
// matched to their deal by LedgerRuns.
import type * as z from 'zod';
import type { ArrowTableLike } from '../arrowTable.js';
import type { DealColumnsFromRowsOptions, DealColumnsResult } from '../dealColumnsResult.js';
import { NO_DAY, NO_STAGE } from '../dealColumnsShape.js';
import type { OpportunityEvent } from '../events.js';
import type { CustomerId, OpportunityId, UserId } from '../ids.js';
import type { Pipeline } from '../pipeline.js';
import { pipelineIndex } from '../pipelineIndex.js';
import { checkTable, column, days, decimals, instants, strings, wholes } from './arrowColumns.js';
import { ColumnsBuilder } from './columnsBuilder.js';
import { codedIssue, DealIngest, IngestTally, ingestSettings, LedgerRuns, LOST, STAGE_CHANGED, structuralIssue } from './columnsIngest.js';

const D = 'deals';
const E = 'events';

/** An optional text column's values, or undefined when the table has no such column. */
function optionalStrings(t: ArrowTableLike, table: string, name: string): (string | null)[] | undefined {
  const v = column(t, table, name, false);
  return v === undefined ? undefined : strings(v, table, name);
}

/** The columns of the valid deals, the rejected rows, and the listed issues as zod issues. @throws FunnelError for bad arguments, columns and options */
export function readArrow(
  deals: ArrowTableLike,
  events: ArrowTableLike,
  pipeline: Pipeline,
  options: DealColumnsFromRowsOptions,
): { readonly result: DealColumnsResult; readonly raw: readonly z.core.$ZodIssue[] } {
  checkTable(deals, D);
  checkTable(events, E);
  const settings = ingestSettings(options);
  const index = pipelineIndex(pipeline);

  // ---- the deals' columns, decoded in bulk ------------------------------------------
  const n = deals.numRows;
  const ids = strings(column(deals, D, 'id', true)!, D, 'id');
  const customerIds = strings(column(deals, D, 'customer_id', true)!, D, 'customer_id');
  const ownerIds = strings(column(deals, D, 'owner_id', true)!, D, 'owner_id');
  const stageIds = strings(column(deals, D, 'stage_id', true)!, D, 'stage_id');
  const currencies = strings(column(deals, D, 'currency', true)!, D, 'currency');
  const amounts = decimals(column(deals, D, 'amount', true)!, D, 'amount');
  const pipelineIds = optionalStrings(deals, D, 'pipeline_id');
  const statuses = optionalStrings(deals, D, 'status');
  const regions = optionalStrings(deals, D, 'region');
  const categories = optionalStrings(deals, D, 'forecast_category_override');
  const lossReasons = optionalStrings(deals, D, 'loss_reason');
  const competitors = optionalStrings(deals, D, 'competitor');
  const splitsText = optionalStrings(deals, D, 'splits');
  const attributes = optionalStrings(deals, D, 'attributes');
  const projectTypes = optionalStrings(deals, D, 'project_type');
  const probabilityColumn = column(deals, D, 'probability_override', false);
  const probabilities = probabilityColumn === undefined ? undefined : decimals(probabilityColumn, D, 'probability_override');
  const closeColumn = column(deals, D, 'expected_close_date', false);
  const closeDays = closeColumn === undefined ? undefined : days(closeColumn, D, 'expected_close_date');
  const closedColumn = column(deals, D, 'closed_at', false);
  const closedAt = closedColumn === undefined ? undefined : instants(closedColumn, D, 'closed_at');
  const versionColumn = column(deals, D, 'version', false);
  const versions = versionColumn === undefined ? undefined : wholes(versionColumn, D, 'version');

  // ---- the events' columns ------------------------------------------------------------
  const m = events.numRows;
  const owners = strings(column(events, E, 'opportunity_id', true)!, E, 'opportunity_id');
  const seqs = wholes(column(events, E, 'seq', true)!, E, 'seq');
  const types = strings(column(events, E, 'type', true)!, E, 'type');
  const at = instants(column(events, E, 'at', true)!, E, 'at');
  const eventStages = optionalStrings(events, E, 'stage_id');
  const payloads = optionalStrings(events, E, 'payload');
  const eventBy = optionalStrings(events, E, 'by');
  const eventIds = optionalStrings(events, E, 'id');

  const tally = new IngestTally(settings);
  const builder = new ColumnsBuilder(index, Math.max(16, n), Math.max(16, m));
  const ingest = new DealIngest(index, builder, tally);
  const runs = new LedgerRuns(m, (j) => owners[j] ?? undefined);
  const h = ingest.header;
  const ignore = settings.ignoreOtherPipelines;

  /** A whole event through the event schema, from the columns and its payload. */
  const fullEvent = (j: number, k: number, type: string, atMs: number): OpportunityEvent | undefined => {
    const text = payloads?.[j];
    if (text === null || text === undefined) {
      ingest.structural('Expected the payload (JSON text) of this event: its fields are kept', [E, j, 'payload']);
      return undefined;
    }
    const p = ingest.payload(text, E, j, 'payload');
    if (p === undefined) return undefined;
    const wire: Record<string, unknown> = { type, seq: k + 1 };
    const id = eventIds?.[j];
    if (id !== null && id !== undefined) wire['id'] = id;
    wire['at'] = new Date(atMs);
    const by = eventBy?.[j];
    if (by !== null && by !== undefined) wire['by'] = by;
    for (const key of Object.keys(p)) {
      if (key === 'type' || key === 'seq' || key === 'id' || key === 'at' || key === 'by' || key === '__proto__' || key === 'constructor' || key === 'prototype') {
        ingest.structural(`The payload must not hold "${key}"`, [E, j, 'payload', key]);
        return undefined;
      }
      wire[key] = p[key];
    }
    return ingest.fullEvent(wire, [E, j]);
  };

  for (let i = 0; i < n; i++) {
    ingest.begin();
    const id = ids[i];
    const version = versions === undefined ? undefined : versions[i]!;
    if (version !== undefined && !(Number.isSafeInteger(version) && version >= 0)) ingest.structural('Expected a whole number of at least 0', [D, i, 'version']);
    const usable = typeof id === 'string' && id.length > 0 ? id : undefined;
    const run = runs.next(usable, version !== 0);
    if (pipelineIds !== undefined && !ingest.pipeline(pipelineIds[i], ignore, D, i, 'pipeline_id')) continue;
    h.id = ingest.text(id, D, i, 'id') as OpportunityId;
    h.customerId = ingest.text(customerIds[i], D, i, 'customer_id') as CustomerId;
    h.ownerId = ingest.text(ownerIds[i], D, i, 'owner_id') as UserId;
    h.stage = ingest.stage(stageIds[i], D, i, 'stage_id');
    h.status = statuses === undefined ? 0 : ingest.status(statuses[i], D, i, 'status');
    h.currency = ingest.currency(currencies[i], D, i, 'currency');
    h.amount = ingest.amount(amounts[i], D, i, 'amount');
    if (closeDays !== undefined) {
      const d = closeDays.day[i]!;
      if (!Number.isNaN(d)) h.closeDay = d;
      else if (closeDays.bad.has(i)) ingest.coded('invalid_plain_date', { value: closeDays.bad.get(i)! }, [D, i, 'expected_close_date']);
      else h.closeDay = NO_DAY;
    }
    if (closedAt !== undefined) {
      const t = closedAt.ms[i]!;
      if (closedAt.bad.has(i)) ingest.coded('invalid_instant', { value: closedAt.bad.get(i)! }, [D, i, 'closed_at']);
      else if (!Number.isNaN(t)) h.closedAtMs = ingest.instantMs(t, D, i, 'closed_at');
    }
    if (regions !== undefined) h.region = ingest.optionalText(regions[i], D, i, 'region');
    if (probabilities !== undefined) h.probabilityOverride = ingest.probability(probabilities[i], D, i, 'probability_override');
    if (categories !== undefined) h.forecastCategory = ingest.forecastCategory(categories[i], D, i, 'forecast_category_override');
    if (lossReasons !== undefined) h.lossReason = ingest.optionalText(lossReasons[i], D, i, 'loss_reason');
    if (competitors !== undefined) h.competitor = ingest.optionalText(competitors[i], D, i, 'competitor');
    if (projectTypes !== undefined) h.projectType = ingest.optionalText(projectTypes[i], D, i, 'project_type');
    else if (attributes !== undefined) h.projectType = ingest.projectType(attributes[i], D, i, 'attributes');
    if (splitsText !== undefined) h.splits = ingest.splits(splitsText[i], D, i, 'splits');
    if (run.misplaced >= 0) ingest.issues.push(codedIssue('events_not_grouped', { opportunityId: usable! }, [E, run.misplaced, 'opportunity_id']));
    const count = run.end - run.start;
    if (version !== undefined && Number.isSafeInteger(version) && version !== count && run.misplaced < 0 && usable !== undefined) {
      ingest.coded('version_conflict', { expected: version, actual: count }, [D, i, 'version']);
    }

    for (let j = run.start; j < run.end; j++) {
      const k = j - run.start;
      if (owners[j] === null) ingest.structural('Expected the id of the opportunity whose ledger holds the event (opportunity_id)', [E, j, 'opportunity_id']);
      const typeName = types[j];
      const type = ingest.eventType(typeName, E, j, 'type');
      const seq = seqs[j]!;
      if (!(Number.isSafeInteger(seq) && seq >= 1)) ingest.structural('Expected a whole number of at least 1', [E, j, 'seq']);
      else ingest.seqAt(seq, k, [E, j, 'seq']);
      let atMs = at.ms[j]!;
      if (at.bad.has(j)) {
        ingest.coded('invalid_instant', { value: at.bad.get(j)! }, [E, j, 'at']);
        continue;
      }
      atMs = ingest.instantMs(atMs, E, j, 'at');
      if (type < 0 || Number.isNaN(atMs)) continue;
      let object: OpportunityEvent | undefined;
      let stage = NO_STAGE;
      let from = NO_STAGE;
      if (DealIngest.keeps(type)) {
        object = fullEvent(j, k, typeName!, atMs);
        if (object === undefined) continue;
        if (type === LOST) stage = ingest.stage((object as { readonly stageId: string }).stageId, E, j, 'stageId');
      } else if (DealIngest.setsStage(type)) {
        const given = eventStages?.[j];
        if (type === STAGE_CHANGED || given === null || given === undefined) {
          const text = payloads?.[j];
          const p = text === null || text === undefined ? undefined : ingest.payload(text, E, j, 'payload');
          if (p === undefined) {
            if (text === null || text === undefined) ingest.structural('Expected the stage of this event: a stage_id or the payload', [E, j, eventStages === undefined ? 'payload' : 'stage_id']);
            continue;
          }
          if (type === STAGE_CHANGED) {
            stage = given === null || given === undefined ? ingest.stage(p['to'], E, j, 'to') : ingest.stage(given, E, j, 'stage_id');
            from = ingest.stage(p['from'], E, j, 'from');
            if (stage !== NO_STAGE && from !== NO_STAGE && ingest.keepsStageChange(from, stage, p['kind'])) {
              object = fullEvent(j, k, typeName!, atMs);
              if (object === undefined) continue;
            }
          } else stage = ingest.stage(p['stageId'], E, j, 'stageId');
        } else stage = ingest.stage(given, E, j, 'stage_id');
      }
      ingest.order(atMs, k, E, j, 'at');
      ingest.event(type, stage, atMs, object, from);
    }
    ingest.commit('deals', i, usable);
  }
  for (const left of runs.leftovers()) {
    const issue =
      left.id === undefined
        ? structuralIssue('Expected the id of the opportunity whose ledger holds the event (opportunity_id)', [E, left.start, 'opportunity_id'])
        : codedIssue('events_not_grouped', { opportunityId: left.id }, [E, left.start, 'opportunity_id']);
    tally.reject('events', left.start, left.id, [issue]);
  }
  return { result: tally.result(builder.finish()), raw: tally.raw };
}
