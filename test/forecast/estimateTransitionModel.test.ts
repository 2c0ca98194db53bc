import { describe, expect, it } from 'vitest';
import { FunnelError, estimateTransitionModel, parsePipeline, winProbabilities } from '../../src/index.js';
import { thrown } from '../_errors.js';
import { funnel, ledgers } from './markovFixtures.js';

describe('estimateTransitionModel', () => {
  const model = estimateTransitionModel(ledgers, funnel);

  it('counts every exit, including skips and backward moves; open stays add none', () => {
    expect(model.states).toEqual([
      { id: 'lead', kind: 'open' },
      { id: 'need', kind: 'open' },
      { id: 'quote', kind: 'open' },
      { id: 'won', kind: 'won' },
      { id: 'lost', kind: 'lost' },
    ]);
    // lead: A, C, D → need; B → quote (skip). C's second stay in lead is still open.
    // need: A, D → quote; C → lead (backward); E → lost.
    // quote: A → won; B → lost. D's stay in quote is still open.
    //                 lead need quote won lost
    expect(model.counts).toEqual([
      [0, 3, 1, 0, 0],
      [1, 0, 2, 0, 1],
      [0, 0, 0, 1, 1],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ]);
    expect(model.exits).toEqual([4, 4, 2, 0, 0]);
    expect(model.dealCount).toBe(5);
  });

  it('row-normalises the counts; rows without exits are null', () => {
    expect(model.probabilities).toEqual([[0, 0.75, 0.25, 0, 0], [0.25, 0, 0.5, 0, 0.25], [0, 0, 0, 0.5, 0.5], null, null]);
  });

  it('mean stay days over completed stays, net of suspension, without unknown starts', () => {
    // lead: A 10, B 5, C 4 (D's start is unknown) → 19/3; need: A 10, C 4, D 10, E 10 − 5 → 29/4; quote: A 20, B 10 → 15
    expect(model.timedStays).toEqual([3, 4, 2, 0, 0]);
    expect(model.meanStayDays[0]).toBeCloseTo(19 / 3, 12);
    expect(model.meanStayDays[1]).toBeCloseTo(29 / 4, 12);
    expect(model.meanStayDays[2]).toBeCloseTo(15, 12);
    expect(model.meanStayDays.slice(3)).toEqual([null, null]);
  });

  it('feeds winProbabilities: the one-step equations solved by hand', () => {
    // w_Q = ½; w_N = ¼·w_L + ½·w_Q; w_L = ¾·w_N + ¼·w_Q  →  w_L = 5/13, w_N = 9/26
    // t_Q = 1; t_N = 1 + ¼·t_L + ½·t_Q; t_L = 1 + ¾·t_N + ¼·t_Q  →  t_L = 38/13, t_N = 29/13
    // d_Q = 15; d_N = 29/4 + ¼·d_L + ½·15; d_L = 19/3 + ¾·d_N + ¼·15  →  d_L = 1015/39, d_N = 829/39
    const w = winProbabilities(model).stages;
    expect(w.map((s) => s.stageId)).toEqual(['lead', 'need', 'quote', 'won', 'lost']);
    expect(w[0]?.winProbability).toBeCloseTo(5 / 13, 12);
    expect(w[1]?.winProbability).toBeCloseTo(9 / 26, 12);
    expect(w[2]?.winProbability).toBeCloseTo(0.5, 12);
    expect(w[0]?.expectedSteps).toBeCloseTo(38 / 13, 12);
    expect(w[1]?.expectedSteps).toBeCloseTo(29 / 13, 12);
    expect(w[2]?.expectedSteps).toBeCloseTo(1, 12);
    expect(w[0]?.expectedDays).toBeCloseTo(1015 / 39, 10);
    expect(w[1]?.expectedDays).toBeCloseTo(829 / 39, 10);
    expect(w[2]?.expectedDays).toBeCloseTo(15, 12);
    expect(w[3]?.winProbability).toBe(1);
    expect(w[4]?.winProbability).toBe(0);
  });

  it('reads the ledgers as of an instant', () => {
    // By 7 January: B left lead for quote (day 6), C left lead for need (day 5); nothing else.
    const early = estimateTransitionModel(ledgers, funnel, { asOf: new Date('2026-01-07T00:00:00Z') });
    expect(early.counts[0]).toEqual([0, 1, 1, 0, 0]);
    expect(early.exits).toEqual([2, 0, 0, 0, 0]);
    expect(early.probabilities[1]).toBeNull();
    const w = winProbabilities(early).stages;
    expect(w[0]?.winProbability).toBeNull();
    expect(w[0]?.gap).toBe('no_data');
    // The same instant as an ISO string (here at +08:00) gives the same model.
    expect(estimateTransitionModel(ledgers, funnel, { asOf: '2026-01-07T08:00:00+08:00' })).toEqual(early);
    // Without asOf: the whole ledgers, as if read just after their last event.
    expect(estimateTransitionModel(ledgers, funnel, { asOf: '9999-12-31T00:00:00Z' })).toEqual(estimateTransitionModel(ledgers, funnel));
    expect(() => estimateTransitionModel(ledgers, funnel, { asOf: '2026-01-07' })).toThrow(
      expect.objectContaining({ code: 'invalid_option', params: expect.objectContaining({ option: 'asOf' }) }),
    );
  });

  it('an empty history gives an all-null model', () => {
    const m = estimateTransitionModel([], funnel);
    expect(m.exits).toEqual([0, 0, 0, 0, 0]);
    expect(m.probabilities).toEqual([null, null, null, null, null]);
    expect(m.meanStayDays).toEqual([null, null, null, null, null]);
  });

  it('refuses deals of another pipeline', () => {
    const other = parsePipeline({ id: 'q', name: 'Other', currency: 'CNY', stages: funnel.stages.map((s) => ({ ...s, probability: s.probability.toString(), keyTasks: [] })) });
    try {
      estimateTransitionModel(ledgers, other);
      throw new Error('expected a FunnelError');
    } catch (e) {
      expect(e).toBeInstanceOf(FunnelError);
      expect((e as FunnelError).code).toBe('pipeline_mismatch');
    }
  });

  it('refuses a deal whose ledger names a stage the pipeline lacks (a deal built around the parser)', () => {
    const [, b] = ledgers;
    const strayed = { ...b!, history: b!.history.map((e) => (e.type === 'stage_changed' ? { ...e, to: 'nowhere' } : e)) } as typeof b;
    const e = thrown(() => estimateTransitionModel([strayed!], funnel));
    expect([e.code, e.params]).toEqual(['unknown_stage', { stageId: 'nowhere' }]);
  });
});
