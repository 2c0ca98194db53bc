// Books for the tests of dealColumnsFromRows and dealColumnsFromArrow (not a test file):
// generated books enriched with every optional field the columns hold (credit splits,
// forecast-category and probability overrides, a project type, loss reasons and
// competitors), plus a hand-made import whose ledger starts without `created` and has
// an irregular stage change, and the helpers that compare two DealColumns.
import fc from 'fast-check';
import { expect } from 'vitest';
import {
  dealColumns,
  Decimal,
  opportunityToRows,
  parseOpportunity,
  type Customer,
  type DealColumns,
  type EventRow,
  type Opportunity,
  type OpportunityRow,
  type Pipeline,
  type UserId,
} from '../../src/index.js';
import { bookArb } from '../../src/testing/index.js';
import { splitsArb } from '../forecast/_arbitraries.js';

/** A book of one pipeline with every optional field of the columns in play. */
export interface ColumnsBook {
  readonly pipeline: Pipeline;
  readonly customers: Customer[];
  readonly deals: Opportunity[];
}

const CATEGORIES = ['pipeline', 'best_case', 'commit', 'omitted'] as const;

/** Generated books (0–`maxDeals` deals), enriched. */
export function columnsBookArb(maxDeals = 20): fc.Arbitrary<ColumnsBook> {
  return bookArb({ maxDeals, maxCustomers: 5, startAnywhere: true, owners: ['rep-1', 'rep-2', 'rep-3', 'rep-4'] }).chain((book) => {
    const n = book.opportunities.length;
    const extra = fc.record({
      splits: fc.option(splitsArb, { nil: undefined, freq: 3 }),
      category: fc.option(fc.constantFrom(...CATEGORIES), { nil: undefined, freq: 3 }),
      projectType: fc.option(fc.constantFrom('erp', 'crm', '集成'), { nil: undefined, freq: 2 }),
      competitor: fc.option(fc.constantFrom('友商甲', 'Acme'), { nil: undefined, freq: 2 }),
    });
    return fc.array(extra, { minLength: n, maxLength: n }).map((extras) => ({
      pipeline: book.pipeline,
      customers: book.customers,
      deals: book.opportunities.map((o, i) => {
        const x = extras[i]!;
        const open = o.status === 'open' || o.status === 'suspended';
        return {
          ...o,
          ...(x.splits === undefined ? {} : { splits: x.splits }),
          ...(x.category === undefined || !open ? {} : { forecastCategoryOverride: x.category }),
          ...(o.status === 'lost' && x.competitor !== undefined ? { competitor: x.competitor } : {}),
          attributes: x.projectType === undefined ? o.attributes : { ...o.attributes, projectType: x.projectType },
        } as Opportunity;
      }),
    }));
  });
}

/**
 * An import: its ledger starts with a stage change (no `created`), has an irregular
 * stage change (a `skip` that is really an advance), a probability and a
 * forecast-category change and splits changes, and an amount that is not a whole
 * number of minor units.
 */
export function importedDeal(pipeline: Pipeline, id = 'o-import'): Opportunity {
  const open = pipeline.stages.filter((s) => s.kind === 'open').map((s) => s.id);
  const [a, b, c] = [open[0]!, open[1] ?? open[0]!, open[2] ?? open[1] ?? open[0]!];
  return parseOpportunity({
    id,
    customerId: 'c-1',
    pipelineId: pipeline.id,
    name: 'Imported',
    ownerId: 'rep-1',
    amount: { amount: '1234.567', currency: pipeline.currency },
    stageId: c,
    probabilityOverride: '0.35',
    forecastCategoryOverride: 'commit',
    splits: [
      { ownerId: 'rep-1', basisPoints: 5000 },
      { ownerId: 'rep-2', basisPoints: 5000 },
    ],
    attributes: { projectType: 'erp' },
    history: [
      { type: 'stage_changed', at: '2026-01-05T01:00:00Z', from: a, to: b, kind: 'advance' },
      { type: 'probability_changed', at: '2026-01-06T01:00:00Z', from: null, to: '0.35' },
      { type: 'forecast_category_changed', at: '2026-01-07T01:00:00Z', from: null, to: 'commit' },
      { type: 'splits_changed', at: '2026-01-08T01:00:00Z', to: [{ ownerId: 'rep-1', basisPoints: 5000 }, { ownerId: 'rep-2', basisPoints: 5000 }] },
      { type: 'stage_changed', at: '2026-01-09T01:00:00Z', from: b, to: c, kind: 'advance', reason: 'budget approved' },
      { type: 'activity_logged', at: '2026-01-10T01:00:00Z', kind: 'visit', note: '拜访' },
    ],
  });
}

/** The storage rows of deals, in their order: headers and events (grouped by deal, by seq). */
export function rowsOf(deals: readonly Opportunity[]): { readonly headers: OpportunityRow[]; readonly events: EventRow[] } {
  const rows = deals.map((d) => opportunityToRows(d));
  return { headers: rows.map((r) => r.opportunity), events: rows.flatMap((r) => r.events) };
}

/** Expects two DealColumns to be equal in every column (ids, typed arrays, dictionaries, noted event values). */
export function expectSameColumns(actual: DealColumns, expected: DealColumns): void {
  const { events: ae, ...a } = actual;
  const { events: ee, ...e } = expected;
  expect(a).toEqual(e);
  expect(ae.start).toEqual(ee.start);
  expect(ae.type).toEqual(ee.type);
  expect(ae.stage).toEqual(ee.stage);
  expect(ae.at).toEqual(ee.at);
  expect(ae.values).toEqual(ee.values);
}

/** The columns of deals as `dealColumns` builds them. */
export function objectColumns(deals: readonly Opportunity[], pipeline: Pipeline): DealColumns {
  return dealColumns(deals, pipeline);
}

/** A probability as a Decimal (for hand-made rows). */
export const p = (x: string): Decimal => new Decimal(x);
/** A user id. */
export const u = (x: string): UserId => x as UserId;
