import { beforeEach, describe, expect, it } from 'vitest';
import { FunnelError, opportunityAsOf, parseOpportunity, parsePipeline, type Opportunity } from '../../src/index.js';

const stages = [
  { id: 'top', name: '初步接触', kind: 'open', probability: '0.25', keyTasks: [{ id: 'visit', title: '首次拜访' }] },
  { id: 'middle', name: '方案提出', kind: 'open', probability: '0.5' },
  { id: 'bottom', name: '商务洽谈', kind: 'open', probability: '0.75' },
  { id: 'won', name: '赢单', kind: 'won', probability: 1 },
  { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
] as const;
const pipeline = parsePipeline({ id: 'p', name: '直销', currency: 'CNY', stages });
const keeping = parsePipeline({ id: 'p', name: '直销', currency: 'CNY', stages, policy: { probabilityOnStageChange: 'keep' } });

const cny = (amount: string) => ({ amount, currency: 'CNY' });
/** Day `d` of April 2026, 10:00 in Shanghai. */
const day = (d: number) => `2026-04-${String(d).padStart(2, '0')}T10:00:00+08:00`;
/** The instant half a day after `day(d)`. */
const evening = (d: number) => `2026-04-${String(d).padStart(2, '0')}T22:00:00+08:00`;

function deal(fields: Record<string, unknown>, policy = pipeline) {
  return parseOpportunity(
    { id: 'o-1', customerId: 'c-1', pipelineId: 'p', name: 'ERP', ownerId: 'rep-li', amount: cny('600000'), stageId: 'middle', ...fields },
    { pipeline: policy },
  );
}

describe('opportunityAsOf', () => {
  // Parsed per test (not in the describe body) so that mutation testing attributes it to the tests.
  let grown: Opportunity;
  beforeEach(() => {
    grown = deal({
      stageId: 'middle',
      expectedCloseDate: '2026-07-15',
      history: [
        { type: 'created', at: day(1), stageId: 'top' },
        { type: 'amount_changed', at: day(5), from: cny('800000'), to: cny('600000') },
        { type: 'close_date_changed', at: day(6), from: '2026-06-10', to: '2026-07-15' },
        { type: 'stage_changed', at: day(7), from: 'top', to: 'middle', kind: 'advance' },
      ],
    });
  });

  it('does not exist before its first event, and is the deal itself from its last event on', () => {
    expect(opportunityAsOf(grown, '2026-03-31T00:00:00+08:00')).toBeUndefined();
    expect(opportunityAsOf(grown, day(7))).toBe(grown);
    expect(opportunityAsOf(grown, '2027-01-01T00:00:00Z')).toBe(grown);
  });

  it('rebuilds stage, amount and close date from the events after asOf, and cuts the history there', () => {
    const then = opportunityAsOf(grown, evening(5));
    expect(then?.stageId).toBe('top');
    expect(then?.amount.amount.toString()).toBe('600000'); // cut on the 5th
    expect(then?.expectedCloseDate).toBe('2026-06-10');
    expect(then?.history.map((e) => e.type)).toEqual(['created', 'amount_changed']);
    expect(opportunityAsOf(grown, evening(1))?.amount.amount.toString()).toBe('800000');
    // An event exactly at asOf has happened.
    expect(opportunityAsOf(grown, day(5))?.amount.amount.toString()).toBe('600000');
    expect(grown.history).toHaveLength(4); // the input is not changed
  });

  it('rebuilds a close and a reopening: status, closedAt, loss reason and competitor', () => {
    const reopened = deal({
      stageId: 'bottom',
      history: [
        { type: 'created', at: day(1), stageId: 'bottom' },
        { type: 'lost', at: day(3), stageId: 'lost', reason: '价格过高', competitor: 'Globex' },
        { type: 'reopened', at: day(5), stageId: 'bottom', reason: '客户回头' },
      ],
    });
    const lost = opportunityAsOf(reopened, evening(3));
    expect([lost?.status, lost?.stageId, lost?.closedAt?.toISOString(), lost?.lossReason, lost?.competitor]).toEqual([
      'lost',
      'lost',
      '2026-04-03T02:00:00.000Z',
      '价格过高',
      'Globex',
    ]);
    const before = opportunityAsOf(reopened, evening(1));
    expect([before?.status, before?.stageId, before?.closedAt, before?.lossReason, before?.competitor]).toEqual(['open', 'bottom', undefined, undefined, undefined]);
  });

  it('rebuilds suspensions', () => {
    const resumed = deal({
      history: [
        { type: 'created', at: day(1), stageId: 'middle' },
        { type: 'suspended', at: day(2), reason: '预算冻结' },
        { type: 'resumed', at: day(4) },
      ],
    });
    expect(opportunityAsOf(resumed, evening(2))?.status).toBe('suspended');
    expect(opportunityAsOf(resumed, evening(1))?.status).toBe('open');
  });

  it('replays probability overrides: set, cleared by a stage change under reset, set again', () => {
    const d = deal({
      stageId: 'bottom',
      probabilityOverride: '0.4',
      history: [
        { type: 'created', at: day(1), stageId: 'middle' },
        { type: 'probability_changed', at: day(2), from: null, to: '0.6' },
        { type: 'stage_changed', at: day(3), from: 'middle', to: 'bottom', kind: 'advance' },
        { type: 'probability_changed', at: day(4), from: null, to: '0.4' },
      ],
    });
    const at = (d2: string) => opportunityAsOf(d, d2, { pipeline })?.probabilityOverride?.toString();
    expect(at(evening(1))).toBeUndefined();
    expect(at(evening(2))).toBe('0.6');
    expect(at(evening(3))).toBeUndefined();
    expect(at(evening(4))).toBe('0.4');
  });

  it('keeps the probability across a stage change under the policy keep', () => {
    const d = deal(
      {
        stageId: 'bottom',
        probabilityOverride: '0.6',
        history: [
          { type: 'created', at: day(1), stageId: 'middle' },
          { type: 'probability_changed', at: day(2), from: null, to: '0.6' },
          { type: 'stage_changed', at: day(3), from: 'middle', to: 'bottom', kind: 'advance' },
          { type: 'amount_changed', at: day(4), from: cny('800000'), to: cny('600000') },
        ],
      },
      keeping,
    );
    expect(opportunityAsOf(d, evening(2), { pipeline: keeping })?.probabilityOverride?.toString()).toBe('0.6');
    expect(opportunityAsOf(d, evening(3), { pipeline: keeping })?.probabilityOverride?.toString()).toBe('0.6');
    expect(opportunityAsOf(d, evening(1), { pipeline: keeping })?.probabilityOverride).toBeUndefined();
  });

  it('takes an override with no event as set since the last event that would have cleared it (the import rule)', () => {
    const imported = deal({
      stageId: 'bottom',
      probabilityOverride: '0.6',
      forecastCategoryOverride: 'commit',
      history: [
        { type: 'created', at: day(1), stageId: 'middle' },
        { type: 'stage_changed', at: day(3), from: 'middle', to: 'bottom', kind: 'advance' },
        { type: 'amount_changed', at: day(5), from: cny('800000'), to: cny('600000') },
      ],
    });
    // The probability belongs to the stage it stands in now (a stage change clears it) ...
    expect(opportunityAsOf(imported, evening(1))?.probabilityOverride).toBeUndefined();
    expect(opportunityAsOf(imported, evening(3))?.probabilityOverride?.toString()).toBe('0.6');
    // ... while only a close clears the category: it is taken as always there.
    expect(opportunityAsOf(imported, evening(1))?.forecastCategoryOverride).toBe('commit');
  });

  it('replays the category override, and a close clears both overrides', () => {
    const won = deal({
      stageId: 'won',
      status: 'won',
      closedAt: day(4),
      history: [
        { type: 'created', at: day(1), stageId: 'bottom' },
        { type: 'forecast_category_changed', at: day(2), from: null, to: 'commit' },
        { type: 'probability_changed', at: day(2), from: null, to: '0.9' },
        { type: 'won', at: day(4), stageId: 'won' },
      ],
    });
    const open = opportunityAsOf(won, evening(2));
    expect([open?.status, open?.forecastCategoryOverride, open?.probabilityOverride?.toString(), open?.closedAt]).toEqual(['open', 'commit', '0.9', undefined]);
    expect(opportunityAsOf(won, evening(1))?.forecastCategoryOverride).toBeUndefined();
  });

  it('rebuilds owner, splits and key tasks', () => {
    const d = deal({
      stageId: 'top',
      ownerId: 'rep-wu',
      splits: [
        { ownerId: 'rep-wu', basisPoints: 6000 },
        { ownerId: 'rep-li', basisPoints: 4000 },
      ],
      completedTasks: {},
      history: [
        { type: 'created', at: day(1), stageId: 'top' },
        { type: 'task_completed', at: day(2), taskId: 'visit', by: 'rep-li' },
        { type: 'owner_changed', at: day(3), from: 'rep-li', to: 'rep-wu' },
        { type: 'splits_changed', at: day(4), to: [{ ownerId: 'rep-wu', basisPoints: 6000 }, { ownerId: 'rep-li', basisPoints: 4000 }] },
        { type: 'task_reopened', at: day(5), taskId: 'visit' },
      ],
    });
    const early = opportunityAsOf(d, evening(1));
    expect([early?.ownerId, early?.splits, early?.completedTasks]).toEqual(['rep-li', undefined, {}]);
    const mid = opportunityAsOf(d, evening(4));
    expect(mid?.ownerId).toBe('rep-wu');
    expect(mid?.splits).toHaveLength(2);
    expect(mid?.completedTasks['visit' as never]).toEqual({ at: new Date(day(2)), by: 'rep-li' });
  });

  it('reads a ledger imported midway: the stage before its first stage change is that change’s from', () => {
    const imported = deal({
      stageId: 'bottom',
      history: [
        { type: 'amount_changed', at: day(2), from: cny('800000'), to: cny('600000') },
        { type: 'stage_changed', at: day(4), from: 'middle', to: 'bottom', kind: 'advance' },
      ],
    });
    expect(opportunityAsOf(imported, evening(1))).toBeUndefined(); // before its first event
    expect(opportunityAsOf(imported, evening(2))?.stageId).toBe('middle');
  });

  it('a ledger imported midway that closes after asOf stood in the first open stage; without the pipeline it cannot be known', () => {
    const imported = deal({
      stageId: 'won',
      status: 'won',
      history: [
        { type: 'amount_changed', at: day(2), from: cny('800000'), to: cny('600000') },
        { type: 'won', at: day(4), stageId: 'won' },
      ],
    });
    const then = opportunityAsOf(imported, evening(2), { pipeline });
    expect([then?.stageId, then?.status]).toEqual(['top', 'open']);
    expect(() => opportunityAsOf(imported, evening(2))).toThrow(
      expect.objectContaining({ code: 'invalid_argument', params: expect.objectContaining({ name: 'pipeline' }) }),
    );
  });

  it('takes a deal with an empty ledger as it is, at every instant', () => {
    const bare = parseOpportunity(
      { id: 'o-2', customerId: 'c-1', pipelineId: 'p', name: 'x', ownerId: 'rep-li', amount: cny('1'), stageId: 'top' },
      { allowEmptyHistory: true },
    );
    expect(opportunityAsOf(bare, '2000-01-01T00:00:00Z')).toBe(bare);
  });

  it('refuses what is not an instant, an opportunity or its pipeline', () => {
    const code = (f: () => unknown) => {
      try {
        f();
        return 'no error';
      } catch (e) {
        return e instanceof FunnelError ? `${e.code}:${String((e.params as { name?: string }).name ?? '')}` : String(e);
      }
    };
    expect(code(() => opportunityAsOf(grown, 'yesterday'))).toBe('invalid_argument:asOf');
    expect(code(() => opportunityAsOf(null as never, day(1)))).toBe('invalid_argument:opportunity');
    const other = parsePipeline({ id: 'q', name: 'Other', currency: 'CNY', stages });
    expect(code(() => opportunityAsOf(grown, day(1), { pipeline: other }))).toBe('pipeline_mismatch:');
    expect(() => opportunityAsOf(grown, 'yesterday')).toThrow(/Invalid argument "asOf"/);
  });
});
