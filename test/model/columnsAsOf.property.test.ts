// The one column replay as of an instant (src/model/columnsAsOf.ts) against the object
// replay (opportunityAsOf), field by field, and the events rebuilt from the columns
// against the ledger they came from: over generated books whose ledgers hold every kind
// of event (the engine's commands: overrides, amounts, close dates, owners, splits,
// closes and reopenings), imports that start midway, and both probability policies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dealColumns, NO_CODE, NO_DAY, opportunityAsOf, STATUS_CODES, type Opportunity, type Pipeline } from '../../src/index.js';
import { dayToPlainDate } from '../../src/model/columnGroups.js';
import { closedAtOf, columnEvent, currentAmount, impliedStageOf } from '../../src/model/columnEvents.js';
import { ABSENT, columnsAsOf } from '../../src/model/columnsAsOf.js';
import type { DealColumns } from '../../src/model/dealColumnsShape.js';
import { pipelineIndex } from '../../src/model/pipelineIndex.js';
import { instantArb, ledgerBookArb } from '../forecast/_ledgerArb.js';
import { columnsBookArb } from './_columnsBooks.js';

const code = (col: Int8Array | Int16Array | Int32Array | undefined, i: number) => (col === undefined ? NO_CODE : col[i]!);

/** Deal `i` of a view as the fields opportunityAsOf rebuilds (undefined when it did not exist yet). */
function fieldsOf(view: DealColumns, i: number) {
  if (view.status[i] === ABSENT) return undefined;
  const text = (col: Int8Array | Int16Array | Int32Array | undefined, dict: readonly string[]) => (code(col, i) === NO_CODE ? undefined : dict[code(col, i)]);
  const ms = closedAtOf(view, i);
  const probability = code(view.probabilityOverride, i);
  const category = code(view.forecastCategoryOverride, i);
  const split = code(view.split, i);
  return {
    stageId: view.stageIds[view.stage[i]!],
    status: STATUS_CODES[view.status[i]!],
    closedAt: Number.isNaN(ms) ? undefined : ms,
    lossReason: text(view.lossReason, view.lossReasons),
    competitor: text(view.competitor, view.competitors),
    amount: currentAmount(view, i).amount.toString(),
    currency: currentAmount(view, i).currency,
    expectedCloseDate: view.closeDay[i] === NO_DAY ? undefined : dayToPlainDate(view.closeDay[i]!),
    ownerId: view.ownerIds[view.owner[i]!],
    splits: split === NO_CODE ? undefined : view.splitLists[split],
    probabilityOverride: probability === NO_CODE ? undefined : view.probabilities[probability]!.toString(),
    forecastCategoryOverride: category === NO_CODE ? undefined : ['pipeline', 'best_case', 'commit', 'closed', 'omitted'][category],
  };
}

/** The same fields of a deal object. */
function fieldsOfDeal(o: Opportunity | undefined) {
  if (o === undefined) return undefined;
  return {
    stageId: o.stageId,
    status: o.status,
    closedAt: o.closedAt?.getTime(),
    lossReason: o.lossReason,
    competitor: o.competitor,
    amount: o.amount.amount.toString(),
    currency: o.amount.currency,
    expectedCloseDate: o.expectedCloseDate,
    ownerId: o.ownerId,
    splits: o.splits,
    probabilityOverride: o.probabilityOverride?.toString(),
    forecastCategoryOverride: o.forecastCategoryOverride,
  };
}

/** Every instant worth asking about: each event's time, a millisecond either side, and one drawn. */
function instantsOf(deals: readonly Opportunity[], drawn: Date): number[] {
  const out = new Set<number>([drawn.getTime()]);
  for (const d of deals) for (const e of d.history) for (const dt of [-1, 0, 1]) out.add(e.at.getTime() + dt);
  return [...out].sort((a, b) => a - b);
}

function expectSameReplay(deals: readonly Opportunity[], pipeline: Pipeline, drawn: Date): void {
  const cols = dealColumns(deals, pipeline);
  const reset = (pipeline.policy?.probabilityOnStageChange ?? 'reset') === 'reset';
  const replay = { index: pipelineIndex(pipeline), reset };
  for (const asOf of instantsOf(deals, drawn)) {
    const view = columnsAsOf(cols, replay, asOf);
    deals.forEach((d, i) => {
      expect(fieldsOf(view, i), `${d.id} as of ${new Date(asOf).toISOString()}`).toEqual(fieldsOfDeal(opportunityAsOf(d, new Date(asOf), { pipeline })));
    });
  }
}

/** A pipeline under the other probability policy (`keep`: a stage change keeps the override). */
const keeping = (p: Pipeline): Pipeline => ({ ...p, policy: { ...p.policy, probabilityOnStageChange: 'keep' } }) as Pipeline;

describe('columnsAsOf: the column replay is opportunityAsOf’s, field by field', () => {
  it('for ledgers with every kind of event, under both probability policies', () => {
    fc.assert(
      fc.property(ledgerBookArb(6), instantArb, fc.boolean(), ({ pipeline, deals }, drawn, keep) => {
        expectSameReplay(deals, keep ? keeping(pipeline) : pipeline, drawn);
      }),
      { numRuns: 40 },
    );
  });

  it('for imports that start midway (no `created`), with splits, categories and competitors', () => {
    fc.assert(
      fc.property(columnsBookArb(8), instantArb, ({ pipeline, deals }, drawn) => {
        expectSameReplay(deals, pipeline, drawn);
      }),
      { numRuns: 40 },
    );
  });
});

describe('columnEvent: the events rebuilt from the columns are the ledger’s', () => {
  it('type, time and every value the forecasts and analytics read, for generated ledgers', () => {
    fc.assert(
      fc.property(ledgerBookArb(6), ({ pipeline, deals }) => {
        const cols = dealColumns(deals, pipeline);
        const index = pipelineIndex(pipeline);
        deals.forEach((d, i) => {
          const begin = cols.events.start[i]!;
          let stage = impliedStageOf(cols, i);
          d.history.forEach((e, k) => {
            const rebuilt = columnEvent(cols, i, begin + k, k + 1, stage, index) as unknown as Record<string, unknown>;
            const original = e as unknown as Record<string, unknown>;
            expect(rebuilt['type']).toBe(original['type']);
            expect(rebuilt['at']).toEqual(original['at']);
            // What the columns keep of each type (not `by`, ids, a change's reason, tasks, activities).
            for (const key of ['stageId', 'from', 'to', 'kind', 'competitor']) {
              if (e.type === 'activity_logged' || e.type === 'task_completed' || e.type === 'task_reopened') continue;
              expect(rebuilt[key], `${d.id} event ${k + 1} (${e.type}).${key}`).toEqual(original[key]);
            }
            if (e.type === 'lost') expect(rebuilt['reason']).toBe(e.reason);
            const to = cols.events.stage[begin + k]!;
            if (to < cols.stageIds.length) stage = to;
          });
        });
      }),
      { numRuns: 40 },
    );
  });
});
