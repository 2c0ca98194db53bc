import { describe, expect, it } from 'vitest';
import {
  COLUMN_EVENT_TYPES,
  dealColumns,
  dealColumnsFromRows,
  NO_CODE,
  NO_DAY,
  opportunityAsOf,
  parseOpportunity,
  STAGE_CHANGE_KINDS,
  type Opportunity,
} from '../../src/index.js';
import { columnEvent, currentAmount } from '../../src/model/columnEvents.js';
import { columnsAsOf } from '../../src/model/columnsAsOf.js';
import { pipelineIndex } from '../../src/model/pipelineIndex.js';
import { pipeline } from '../analytics/_fixtures.js';
import { expectSameColumns, rowsOf } from './_columnsBooks.js';

const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
const at = (d: string) => `2026-${d}T01:00:00Z`;

/**
 * A deal whose ledger has every kind of noted event: an amount change from an amount
 * past 2⁵³ fen to one that is not a whole number of fen, a first close date (from
 * null), a change to an owner no deal has, a first probability and category override
 * (from null), splits set and removed, a loss whose reason is not the deal's (it is lost
 * again later, for another reason), a reopening and the second loss.
 */
function richDeal(id = 'o-rich'): Opportunity {
  const splits = [
    { ownerId: 'rep-1', basisPoints: 5000 },
    { ownerId: '销售-新', basisPoints: 5000 },
  ];
  return parseOpportunity(
    {
      id,
      customerId: 'c-1',
      pipelineId: pipeline.id,
      name: 'ERP',
      ownerId: '销售-新',
      amount: { amount: '0.125', currency: 'CNY' },
      stageId: 'lost',
      status: 'lost',
      expectedCloseDate: '2026-03-31',
      closedAt: at('01-20'),
      lossReason: '预算',
      history: [
        { type: 'created', at: at('01-05'), stageId: 'lead' },
        { type: 'amount_changed', at: at('01-06'), from: { amount: '123456789012345678.25', currency: 'CNY' }, to: { amount: '0.125', currency: 'CNY' } },
        { type: 'close_date_changed', at: at('01-07'), from: null, to: '2026-03-31' },
        { type: 'owner_changed', at: at('01-08'), from: 'rep-1', to: '销售-新' },
        { type: 'probability_changed', at: at('01-09'), from: null, to: '0.35' },
        { type: 'forecast_category_changed', at: at('01-10'), from: null, to: 'commit' },
        { type: 'splits_changed', at: at('01-11'), to: splits },
        { type: 'stage_changed', at: at('01-12'), from: 'lead', to: 'need', kind: 'advance' },
        { type: 'splits_changed', at: at('01-13'), to: null },
        { type: 'lost', at: at('01-14'), stageId: 'lost', reason: '价格', competitor: 'Acme' },
        { type: 'reopened', at: at('01-15'), stageId: 'need' },
        { type: 'lost', at: at('01-20'), stageId: 'lost', reason: '预算' },
      ],
    },
    { pipeline },
  );
}

describe('DealColumns: the noted event values', () => {
  const deal = richDeal();
  const cols = dealColumns([deal], pipeline);
  const v = cols.events.values;

  it('notes the field changes and the loss whose reason is not the deal’s, not the regular stage change, the reopening or the last loss', () => {
    // Events 1–6 and 8 are field changes, 9 the first loss; 7 (lead → need, advance), 10 and 11 are rebuilt from type, stage and time.
    expect([...v.event]).toEqual([1, 2, 3, 4, 5, 6, 8, 9]);
    expect([...cols.events.type].map((t) => COLUMN_EVENT_TYPES[t])).toEqual(deal.history.map((e) => e.type));
  });

  it('keeps amounts past 2^53 fen and amounts that are not whole fen exactly', () => {
    // 123456789012345678.25 yuan = 12 345 678 901 234 567 825 fen > 2^53; 0.125 yuan is 12.5 fen.
    expect([v.from[0], v.to[0]]).toEqual([0, 1]);
    expect([...v.amountMinor]).toEqual([Number.NaN, Number.NaN]);
    expect(v.amountExact.get(0)?.toString()).toBe('123456789012345678.25');
    expect(v.amountExact.get(1)?.toString()).toBe('0.125');
    expect(cols.amountExact.get(0)?.toString()).toBe('0.125');
  });

  it('codes a null `from` as none, dates as day numbers, owners, probabilities, categories and splits into the dictionaries', () => {
    expect([v.from[1], v.to[1]]).toEqual([NO_DAY, day('2026-03-31')]);
    expect([cols.ownerIds[v.from[2]!], cols.ownerIds[v.to[2]!]]).toEqual(['rep-1', '销售-新']);
    expect([v.from[3], cols.probabilities[v.to[3]!]?.toString()]).toEqual([NO_CODE, '0.35']);
    expect([v.from[4], v.to[4]]).toEqual([NO_CODE, 2]); // FORECAST_CATEGORY_CODES[2] = 'commit'
    expect(cols.splitLists[v.to[5]!]).toEqual(deal.history[6]!.type === 'splits_changed' ? deal.history[6]!.to : undefined);
    expect([v.from[6], v.to[6]]).toEqual([NO_CODE, NO_CODE]);
    expect([cols.lossReasons[v.from[7]!], cols.competitors[v.to[7]!]]).toEqual(['价格', 'Acme']);
    // The deal itself: lost for 预算, no competitor, no splits now (Acme is only in the dictionary, for the event).
    expect(cols.lossReasons[cols.lossReason![0]!]).toBe('预算');
    expect(cols.competitor).toBeUndefined();
    expect(cols.competitors).toEqual(['Acme']);
    expect(cols.split).toBeUndefined();
  });

  it('rebuilds every event with the values it had', () => {
    const index = pipelineIndex(pipeline);
    let stage = -1;
    deal.history.forEach((e, k) => {
      const rebuilt = columnEvent(cols, 0, k, k + 1, stage, index);
      const { by: _by, id: _id, ...original } = e as typeof e & { by?: unknown; id?: unknown };
      expect(rebuilt).toEqual(original);
      if (cols.events.stage[k]! < cols.stageIds.length) stage = cols.events.stage[k]!;
    });
  });

  it('replays the deal as of every instant as opportunityAsOf does, amounts past 2^53 included', () => {
    for (const e of deal.history) {
      const asOf = e.at.getTime();
      const then = opportunityAsOf(deal, e.at, { pipeline })!;
      const view = columnsAsOf(cols, { index: pipelineIndex(pipeline), reset: true }, asOf);
      expect(currentAmount(view, 0)).toEqual(then.amount);
      expect(view.ownerIds[view.owner[0]!]).toBe(then.ownerId);
      expect(view.stageIds[view.stage[0]!]).toBe(then.stageId);
      const reason = view.lossReason?.[0] ?? NO_CODE;
      expect(reason === NO_CODE ? undefined : view.lossReasons[reason]).toBe(then.lossReason);
      const competitor = view.competitor?.[0] ?? NO_CODE;
      expect(competitor === NO_CODE ? undefined : view.competitors[competitor]).toBe(then.competitor);
      const split = view.split?.[0] ?? NO_CODE;
      expect(split === NO_CODE ? undefined : view.splitLists[split]).toEqual(then.splits);
    }
  });

  it('is the same from storage rows', () => {
    const { headers, events } = rowsOf([deal]);
    expectSameColumns(dealColumnsFromRows(headers, events, pipeline), cols);
  });
});

describe('DealColumns: dictionaries and code columns', () => {
  it('shares one entry per distinct list of splits', () => {
    const a = { ...richDeal('o-a'), splits: [{ ownerId: 'rep-1', basisPoints: 6000 }, { ownerId: 'rep-2', basisPoints: 4000 }] } as Opportunity;
    const b = { ...richDeal('o-b'), splits: [{ ownerId: 'rep-1', basisPoints: 6000 }, { ownerId: 'rep-2', basisPoints: 4000 }] } as Opportunity;
    const c = dealColumns([a, b], pipeline);
    // Two lists: the deals' (code 0, the first deal's header comes first) and the one
    // its `splits_changed` sets (rep-1 / 销售-新 at 5000 each, code 1).
    expect(c.splitLists).toHaveLength(2);
    expect([...c.split!]).toEqual([0, 0]);
  });

  it('holds every code of its dictionary, event-only values included (Int8 → Int16 past 128 entries)', () => {
    // One deal handed over 200 times: its owner now has code 0, the 200 owners before it
    // codes 1–200 (rep-0, new-0 … new-198) that only the events have. A view as of the
    // 151st hand-over writes new-150 (code 152): the column must hold it.
    const t0 = Date.parse(at('01-02'));
    const history = [
      { type: 'created', seq: 1, at: new Date(at('01-01')), stageId: 'lead' },
      ...Array.from({ length: 200 }, (_, k) => ({
        type: 'owner_changed',
        seq: k + 2,
        at: new Date(t0 + k * 60_000),
        from: k === 0 ? 'rep-0' : `new-${k - 1}`,
        to: `new-${k}`,
      })),
    ];
    const deal = { ...richDeal(), stageId: 'lead', status: 'open', ownerId: 'new-199', history } as unknown as Opportunity;
    const c = dealColumns([deal], pipeline);
    expect(c.ownerIds).toHaveLength(201);
    expect(c.owner).toBeInstanceOf(Int16Array);
    const then = columnsAsOf(c, { index: pipelineIndex(pipeline), reset: true }, t0 + 150 * 60_000);
    expect(then.ownerIds[then.owner[0]!]).toBe('new-150');
    expect(then.owner[0]).toBe(152);
  });

  it('packs ids, Chinese ones too, and gives each back as a new string', () => {
    const ids = ['o-1', '商机-甲', 'o-3', ''.padEnd(40, 'x')];
    const c = dealColumns(ids.map((id) => ({ ...richDeal(), id }) as Opportunity), pipeline);
    expect([...c.ids]).toEqual(ids);
    expect(c.ids.length).toBe(4);
    expect(c.ids.at(1)).toBe('商机-甲');
  });

  it('leaves closedAt out when every deal’s is its ledger’s, and keeps it when one is not', () => {
    const deal = richDeal();
    expect(dealColumns([deal], pipeline).closedAt).toBeUndefined();
    // An import whose header says it closed at another instant than its `lost` event.
    const moved = { ...deal, closedAt: new Date(at('01-21')) } as Opportunity;
    const c = dealColumns([deal, moved], pipeline);
    expect([...c.closedAt!]).toEqual([Date.parse(at('01-20')), Date.parse(at('01-21'))]);
  });

  it('codes a stage change that is not regular with its from and kind', () => {
    const deal = richDeal();
    const odd = {
      ...deal,
      history: deal.history.map((e) => (e.type === 'stage_changed' ? { ...e, kind: 'skip' as const } : e)),
    } as Opportunity;
    const v = dealColumns([odd], pipeline).events.values;
    const k = [...v.event].indexOf(7);
    expect([v.from[k], STAGE_CHANGE_KINDS[v.to[k]!]]).toEqual([0, 'skip']);
  });
});
