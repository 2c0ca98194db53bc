import { describe, expect, it } from 'vitest';
import { FunnelError, backtestStageProbabilities, parseOpportunity, type Opportunity } from '../../src/index.js';
import { fault } from '../_errors.js';
import { funnel, funnelWith, ledgers } from './markovFixtures.js';

describe('backtestStageProbabilities', () => {
  // Closed deals: A won (lead, need, quote), B lost (lead, quote; need skipped), E lost (need).
  // C and D are still open and are left out.
  // Computed in each test, not in the describe body, so the mutation runner attributes it.
  const everything = () => backtestStageProbabilities(ledgers, funnel);

  it('per stage: observed win rate and calibration of the stage probability', () => {
    const b = everything();
    expect(b.deals).toBe(3);
    expect(b.stages.map((s) => [s.stageId, s.probability, s.deals, s.won, s.suggestedProbability])).toEqual([
      ['lead', 0.1, 2, 1, 0.5],
      ['need', 0.3, 2, 1, 0.5],
      ['quote', 0.6, 2, 1, 0.5],
    ]);
    const [lead, need, quote] = b.stages;
    // lead: Brier = ((0.1 − 1)² + 0.1²) / 2 = 0.41 = reliability (0.1 − 0.5)² 0.16 + uncertainty 0.25
    expect(lead?.calibration.brier).toBeCloseTo(0.41, 15);
    expect(lead?.calibration.reliability).toBeCloseTo(0.16, 15);
    expect(lead?.calibration.resolution).toBeCloseTo(0, 15);
    // need: ((0.3 − 1)² + 0.3²) / 2 = 0.29; quote: ((0.6 − 1)² + 0.6²) / 2 = 0.26
    expect(need?.calibration.brier).toBeCloseTo(0.29, 15);
    expect(quote?.calibration.brier).toBeCloseTo(0.26, 15);
  });

  it('overall: one forecast per (deal, stage passed)', () => {
    const b = everything();
    // A: .1, .3, .6 → won; B: .1, .6 → lost; E: .3 → lost
    // Brier = (.81 + .49 + .16 + .01 + .36 + .09) / 6 = 1.92 / 6 = 0.32
    expect(b.overall.count).toBe(6);
    expect(b.overall.brier).toBeCloseTo(0.32, 15);
    expect(b.overall.baseRate).toBeCloseTo(0.5, 15);
  });

  it("skipped stages count as passed with skippedStages: 'passed'", () => {
    const passed = backtestStageProbabilities(ledgers, funnel, { skippedStages: 'passed' });
    // B jumped over need and lost: need now has 3 deals, 1 won
    expect(passed.stages[1]).toMatchObject({ stageId: 'need', deals: 3, won: 1 });
    expect(passed.stages[1]?.suggestedProbability).toBeCloseTo(1 / 3, 15);
    expect(passed.overall.count).toBe(7);
  });

  it('closed window [closedFrom, closedTo)', () => {
    // closes: E on 11 Jan, B on 16 Jan, A on 10 Feb
    const from = backtestStageProbabilities(ledgers, funnel, { closedFrom: new Date('2026-01-12T00:00:00Z') });
    expect(from.deals).toBe(2);
    const to = backtestStageProbabilities(ledgers, funnel, { closedTo: new Date('2026-01-16T00:00:00Z') });
    expect(to.deals).toBe(1); // only E; B closes exactly at the (excluded) end
    expect(to.stages.map((s) => s.deals)).toEqual([0, 1, 0]);
    expect(to.stages[0]?.suggestedProbability).toBeNull();
    expect(to.stages[0]?.calibration.brier).toBeNull();
    // Instants as ISO strings, with an offset, give the same result as Dates.
    expect(backtestStageProbabilities(ledgers, funnel, { closedFrom: '2026-01-12T08:00:00+08:00' })).toEqual(from);
    expect(backtestStageProbabilities(ledgers, funnel, { closedTo: '2026-01-16T00:00:00Z' })).toEqual(to);
  });

  it('reads the ledgers as of an instant: deals closed later are not closed yet', () => {
    // E closes on 11 Jan, B on 16 Jan, A on 10 Feb.
    const asOf = backtestStageProbabilities(ledgers, funnel, { asOf: '2026-01-16T00:00:00Z' });
    expect(asOf.deals).toBe(2); // E and B (closed exactly at asOf counts)
    expect(backtestStageProbabilities(ledgers, funnel, { asOf: new Date('2026-01-16T00:00:00Z') })).toEqual(asOf);
    expect(backtestStageProbabilities(ledgers, funnel, { asOf: '2026-01-15T23:59:59Z' }).deals).toBe(1);
    expect(backtestStageProbabilities(ledgers, funnel, { asOf: '9999-01-01T00:00:00Z' })).toEqual(everything());
  });

  it('a deal closed exactly at closedFrom is in the window', () => {
    // B closes at 2026-01-16T00:00:00Z, A later.
    const at = backtestStageProbabilities(ledgers, funnel, { closedFrom: '2026-01-16T00:00:00Z' });
    expect(at.deals).toBe(2);
    expect(backtestStageProbabilities(ledgers, funnel, { closedFrom: '2026-01-16T00:00:00.001Z' }).deals).toBe(1);
  });

  it('reads a deal lost before asOf and reopened after it as lost, with its stays up to then', () => {
    const day = (d: number) => new Date(Date.UTC(2026, 0, d)).toISOString();
    // F: lead → quote, lost on day 12, reopened on day 20 in quote, won on day 30.
    const f = parseOpportunity(
      {
        id: 'F', customerId: 'c1', pipelineId: 'p', name: 'F', ownerId: 'rep-zhang', amount: { amount: '100000', currency: 'CNY' },
        stageId: 'won', status: 'won', closedAt: day(30),
        history: [
          { type: 'created', at: day(1), stageId: 'lead' },
          { type: 'stage_changed', at: day(5), from: 'lead', to: 'quote', kind: 'skip' },
          { type: 'lost', at: day(12), stageId: 'lost', reason: '价格过高' },
          { type: 'reopened', at: day(20), stageId: 'need' },
          { type: 'won', at: day(30), stageId: 'won' },
        ],
      },
      { pipeline: funnel },
    );
    const stages = (r: ReturnType<typeof backtestStageProbabilities>) => r.stages.map((s) => [s.stageId, s.deals, s.won]);
    // As of day 15 F was lost, having stood in lead and quote.
    expect(stages(backtestStageProbabilities([f], funnel, { asOf: day(15) }))).toEqual([['lead', 1, 0], ['need', 0, 0], ['quote', 1, 0]]);
    // As of day 25 it was open again: not closed, left out.
    expect(backtestStageProbabilities([f], funnel, { asOf: day(25) }).deals).toBe(0);
    // In the end it was won, after standing in lead, quote and need.
    expect(stages(backtestStageProbabilities([f], funnel))).toEqual([['lead', 1, 1], ['need', 1, 1], ['quote', 1, 1]]);
    // The close window reads the close as of asOf: day 12.
    expect(backtestStageProbabilities([f], funnel, { asOf: day(15), closedFrom: day(12), closedTo: day(13) }).deals).toBe(1);
  });

  it('reads a ledger imported midway as of asOf with the pipeline: open before its close, so left out', () => {
    const day = (d: number) => new Date(Date.UTC(2026, 0, d)).toISOString();
    // No created and no stage change: only a close-date change on day 2, then lost on day 20.
    const g = parseOpportunity(
      {
        id: 'G', customerId: 'c1', pipelineId: 'p', name: 'G', ownerId: 'rep-zhang', amount: { amount: '100000', currency: 'CNY' },
        stageId: 'lost', status: 'lost', closedAt: day(20), lossReason: '预算取消', expectedCloseDate: '2026-03-01',
        history: [
          { type: 'close_date_changed', at: day(2), from: null, to: '2026-03-01' },
          { type: 'lost', at: day(20), stageId: 'lost', reason: '预算取消' },
        ],
      },
      { pipeline: funnel },
    );
    expect(backtestStageProbabilities([g], funnel, { asOf: day(10) }).deals).toBe(0);
    expect(backtestStageProbabilities([g], funnel, { asOf: day(25) }).deals).toBe(1);
  });

  it('reads the close from the last won or lost event of a deal built without closedAt', () => {
    const [a, b] = ledgers as [Opportunity, Opportunity];
    const { closedAt: _a, ...noCloseA } = a;
    const { closedAt: _b, ...noCloseB } = b;
    const bare = [noCloseA, noCloseB] as Opportunity[];
    // A closes on 10 Feb, B on 16 Jan.
    expect(backtestStageProbabilities(bare, funnel, { closedFrom: '2026-02-01T00:00:00Z' }).stages.map((s) => s.won)).toEqual([1, 1, 1]);
    expect(backtestStageProbabilities(bare, funnel, { closedTo: '2026-02-01T00:00:00Z' }).deals).toBe(1);
    // A won deal with no closing event at all has no close instant: outside any window.
    const { history, ...rest } = noCloseA;
    const unclosed = { ...rest, history: history.filter((e) => e.type !== 'won') } as Opportunity;
    expect(backtestStageProbabilities([unclosed], funnel).deals).toBe(1);
    expect(backtestStageProbabilities([unclosed], funnel, { closedFrom: '2026-01-01T00:00:00Z' }).deals).toBe(0);
    expect(backtestStageProbabilities([unclosed], funnel, { closedTo: '2027-01-01T00:00:00Z' }).deals).toBe(0);
    // closedAt comes first: the same deal given a closedAt (10 Feb) but no closing event is inside a window from 1 Feb.
    const importedClose = { ...unclosed, closedAt: new Date('2026-02-10T00:00:00Z') } as Opportunity;
    expect(backtestStageProbabilities([importedClose], funnel, { closedFrom: '2026-02-01T00:00:00Z', closedTo: '2026-02-11T00:00:00Z' }).deals).toBe(1);
  });

  it('names what is not a list of deals and the item that is not a deal', () => {
    expect(fault(() => backtestStageProbabilities(5 as never, funnel))).toEqual(['invalid_argument', 'opportunities']);
    expect(fault(() => backtestStageProbabilities([...ledgers, null as never], funnel))).toEqual(['invalid_argument', 'opportunities[5]']);
    const other = { ...ledgers[2]!, pipelineId: 'other' } as Opportunity;
    expect(fault(() => backtestStageProbabilities([other], funnel))[0]).toBe('pipeline_mismatch');
  });

  it('refuses bad options and does not modify its input', () => {
    const before = JSON.stringify(ledgers);
    expect(() => backtestStageProbabilities(ledgers, funnel, { skippedStages: 'maybe' as 'passed' })).toThrow(FunnelError);
    expect(() => backtestStageProbabilities(ledgers, funnel, { closedFrom: new Date('nope') })).toThrow(FunnelError);
    expect(() => backtestStageProbabilities(ledgers, funnel, { closedTo: '2026-01-16' })).toThrow(
      expect.objectContaining({ code: 'invalid_option', params: expect.objectContaining({ option: 'closedTo' }) }),
    );
    expect(() => backtestStageProbabilities(ledgers, funnel, { bins: 0 })).toThrow(FunnelError);
    expect(JSON.stringify(ledgers)).toBe(before);
  });

  it('names the option at fault, and takes 1 to 10 000 bins', () => {
    expect(fault(() => backtestStageProbabilities(ledgers, funnel, { asOf: 'nope' }))).toEqual(['invalid_option', 'asOf']);
    expect(fault(() => backtestStageProbabilities(ledgers, funnel, { closedFrom: new Date('nope') }))).toEqual(['invalid_option', 'closedFrom']);
    expect(fault(() => backtestStageProbabilities(ledgers, funnel, { skippedStages: 'maybe' as 'passed' }))).toEqual(['invalid_option', 'skippedStages']);
    expect(fault(() => backtestStageProbabilities(ledgers, funnel, { bins: 0 }))).toEqual(['invalid_option', 'bins']);
    expect(fault(() => backtestStageProbabilities(ledgers, funnel, { bins: 10_001 }))).toEqual(['invalid_option', 'bins']);
    // The options are checked before any deal is read.
    expect(fault(() => backtestStageProbabilities([null as never], funnel, { bins: 10_001 }))).toEqual(['invalid_option', 'bins']);
    expect(backtestStageProbabilities(ledgers, funnel, { bins: 1 }).overall.bins).toHaveLength(1);
    expect(backtestStageProbabilities(ledgers, funnel, { bins: 10_000 }).overall.bins).toHaveLength(10_000);
  });

  it('leaves out a deal that did not exist yet at asOf', () => {
    // Every ledger starts on 1 January 2026 or later.
    expect(backtestStageProbabilities(ledgers, funnel, { asOf: '2025-12-31T00:00:00Z' }).deals).toBe(0);
  });

  it('does not depend on the order the stages were visited in', () => {
    // lead 10 %, need 20 %, quote 45 %. For a lost deal the squared errors summed in funnel
    // order, (0.01 + 0.04) + 0.2025, give 0.2525, but in the order lead, quote, need
    // 0.25250000000000006 in binary floating point: the pairs are taken in funnel order.
    const p = funnelWith('p2', ['0.1', '0.2', '0.45']);
    const day = (d: number) => new Date(Date.UTC(2026, 0, d)).toISOString();
    const lostAfter = (id: string, second: string, third: string) =>
      parseOpportunity(
        {
          id, customerId: 'c1', pipelineId: 'p2', name: id, ownerId: 'rep-zhang', amount: { amount: '100', currency: 'CNY' },
          stageId: 'lost', status: 'lost', lossReason: '预算取消',
          history: [
            { type: 'created', at: day(1), stageId: 'lead' },
            { type: 'stage_changed', at: day(2), from: 'lead', to: second, kind: second === 'need' ? 'advance' : 'skip' },
            { type: 'stage_changed', at: day(3), from: second, to: third, kind: third === 'quote' ? 'advance' : 'regress' },
            { type: 'lost', at: day(4), stageId: 'lost', reason: '预算取消' },
          ],
        },
        { pipeline: p },
      );
    const forward = backtestStageProbabilities([lostAfter('X', 'need', 'quote')], p);
    const back = backtestStageProbabilities([lostAfter('Y', 'quote', 'need')], p);
    expect(back).toEqual(forward);
    expect(forward.overall.count).toBe(3);
    expect(forward.overall.brier).toBe((0.1 ** 2 + 0.2 ** 2 + 0.45 ** 2) / 3);
  });
});
