import { describe, expect, it } from 'vitest';
import { FunnelError, winProbabilities, type TransitionChain } from '../../src/index.js';
import { thrown } from '../_errors.js';

// The textbook drunkard's walk (Grinstead & Snell, Introduction to Probability, §11.2):
// states 0…4, 0 and 4 absorbing, a fair step left or right from 1, 2, 3.
const walk: TransitionChain = {
  states: [
    { id: '0', kind: 'lost' },
    { id: '1', kind: 'open' },
    { id: '2', kind: 'open' },
    { id: '3', kind: 'open' },
    { id: '4', kind: 'won' },
  ],
  probabilities: [null, [0.5, 0, 0.5, 0, 0], [0, 0.5, 0, 0.5, 0], [0, 0, 0.5, 0, 0.5], null],
};

/** Three open stages a, b, c, then won and lost. */
const ABC: TransitionChain['states'] = [
  { id: 'a', kind: 'open' },
  { id: 'b', kind: 'open' },
  { id: 'c', kind: 'open' },
  { id: 'won', kind: 'won' },
  { id: 'lost', kind: 'lost' },
];

function expectInvalid(chain: unknown): void {
  try {
    winProbabilities(chain as TransitionChain);
  } catch (e) {
    expect(e).toBeInstanceOf(FunnelError);
    expect((e as FunnelError).code).toBe('invalid_argument');
    return;
  }
  throw new Error('expected invalid_argument');
}

describe('winProbabilities', () => {
  it("the drunkard's walk: absorption 1/4, 1/2, 3/4 into 4 and 3/4, 1/2, 1/4 into 0; expected steps 3, 4, 3", () => {
    // N = (I − Q)⁻¹ = [[3/2, 1, 1/2], [1, 2, 1], [1/2, 1, 3/2]]; t = N·1 = (3, 4, 3);
    // B = N·R with R = [[1/2, 0], [0, 0], [0, 1/2]] → into 0: (3/4, 1/2, 1/4), into 4: (1/4, 1/2, 3/4).
    const w = winProbabilities(walk).stages;
    const into = (id: string) => w.map((s) => s.absorption?.find((a) => a.stageId === id)?.probability);
    [0, 0.25, 0.5, 0.75, 1].forEach((p, i) => expect(w[i]?.winProbability).toBeCloseTo(p, 14));
    [1, 0.75, 0.5, 0.25, 0].forEach((p, i) => expect(into('0')[i]).toBeCloseTo(p, 14));
    [0, 0.25, 0.5, 0.75, 1].forEach((p, i) => expect(into('4')[i]).toBeCloseTo(p, 14));
    [0, 3, 4, 3, 0].forEach((t, i) => expect(w[i]?.expectedSteps).toBeCloseTo(t, 14));
    // without stay lengths there are no expected days for open states
    expect(w.map((s) => s.expectedDays)).toEqual([0, null, null, null, 0]);
    expect(w.every((s) => s.gap === undefined)).toBe(true);
  });

  it('expected days from mean stays: N·d', () => {
    // Each visit to 1, 2, 3 lasts 2, 5, 10 days: from 2, N row (1, 2, 1) → 2 + 10 + 10 = 22 days.
    const w = winProbabilities({ ...walk, meanStayDays: [null, 2, 5, 10, null] }).stages;
    expect(w[1]?.expectedDays).toBeCloseTo(1.5 * 2 + 1 * 5 + 0.5 * 10, 12);
    expect(w[2]?.expectedDays).toBeCloseTo(22, 12);
    expect(w[3]?.expectedDays).toBeCloseTo(0.5 * 2 + 1 * 5 + 1.5 * 10, 12);
  });

  it('several won and lost stages: the win probability sums the won ones', () => {
    // lead → 40 % signed, 20 % signed via partner, 30 % lost on price, 10 % lost to no decision
    const w = winProbabilities({
      states: [
        { id: 'lead', kind: 'open' },
        { id: 'signed', kind: 'won' },
        { id: 'partner', kind: 'won' },
        { id: 'price', kind: 'lost' },
        { id: 'nodecision', kind: 'lost' },
      ],
      probabilities: [[0, 0.4, 0.2, 0.3, 0.1], null, null, null, null],
      meanStayDays: [30, null, null, null, null],
    }).stages;
    expect(w[0]?.winProbability).toBeCloseTo(0.6, 14);
    expect(w[0]?.absorption?.map((a) => a.stageId)).toEqual(['signed', 'partner', 'price', 'nodecision']);
    expect(w[0]?.expectedSteps).toBeCloseTo(1, 14);
    expect(w[0]?.expectedDays).toBeCloseTo(30, 14);
    expect(w[2]?.winProbability).toBe(1);
    expect(w[4]?.winProbability).toBe(0);
  });

  it('no data: a stage without exits, and every stage that can reach it, get null', () => {
    // a → b (½) or lost (½); b has no observed exits; c → won.
    const w = winProbabilities({
      states: ABC,
      probabilities: [[0, 0.5, 0, 0, 0.5], null, [0, 0, 0, 1, 0], null, null],
    }).stages;
    expect(w[0]).toMatchObject({ winProbability: null, expectedSteps: null, expectedDays: null, absorption: null, gap: 'no_data' });
    expect(w[1]).toMatchObject({ winProbability: null, gap: 'no_data' });
    expect(w[2]?.winProbability).toBe(1);
    expect(w[2]?.gap).toBeUndefined();
  });

  it('not absorbed: stages that can cycle forever without closing', () => {
    // a ⇄ b forever; c → a (½) or won (½): c can be trapped too.
    const w = winProbabilities({
      states: ABC,
      probabilities: [[0, 1, 0, 0, 0], [1, 0, 0, 0, 0], [0.5, 0, 0, 0.5, 0], null, null],
    }).stages;
    expect(w.slice(0, 3).map((s) => s.gap)).toEqual(['not_absorbed', 'not_absorbed', 'not_absorbed']);
    expect(w[0]?.winProbability).toBeNull();
  });

  it('a trapped cycle leaves the stages that cannot reach it answered', () => {
    // a ⇄ b forever; c → won (¾) or lost (¼), never into the cycle.
    const w = winProbabilities({
      states: ABC,
      probabilities: [[0, 1, 0, 0, 0], [1, 0, 0, 0, 0], [0, 0, 0, 0.75, 0.25], null, null],
    }).stages;
    expect(w.map((s) => [s.gap, s.winProbability])).toEqual([['not_absorbed', null], ['not_absorbed', null], [undefined, 0.75], [undefined, 1], [undefined, 0]]);
  });

  it('ignores a row given for a closed state: won and lost are absorbing', () => {
    // The won state's row would send it back to 1; it is not read.
    const w = winProbabilities({ ...walk, probabilities: [...walk.probabilities.slice(0, 4), [0, 1, 0, 0, 0]] }).stages;
    expect(w.map((s) => s.winProbability)).toEqual(winProbabilities(walk).stages.map((s) => s.winProbability));
    expect(w[1]?.winProbability).toBeCloseTo(0.25, 14);
  });

  it('reads only open states’ rows: a closed state’s row is not checked, an open state’s undefined row is no data', () => {
    const closedRow = winProbabilities({ ...walk, probabilities: [[1], ...walk.probabilities.slice(1, 4), 'anything'] as never }).stages;
    expect(closedRow.map((s) => s.winProbability)).toEqual(winProbabilities(walk).stages.map((s) => s.winProbability));
    const undefinedRow = winProbabilities({ ...walk, probabilities: [null, walk.probabilities[1], undefined, walk.probabilities[3], null] as never }).stages;
    expect(undefinedRow.map((s) => s.gap)).toEqual([undefined, 'no_data', 'no_data', 'no_data', undefined]);
  });

  it('takes null and undefined stays as unknown', () => {
    const w = winProbabilities({ ...walk, meanStayDays: [undefined, 2, 5, 10, null] as unknown as (number | null)[] }).stages;
    expect(w[2]?.expectedDays).toBeCloseTo(22, 12);
  });

  it('refuses malformed chains', () => {
    expectInvalid({ states: walk.states, probabilities: walk.probabilities.slice(1) });
    expectInvalid({ ...walk, probabilities: [null, [0.5, 0, 0.5, 0], [0, 0.5, 0, 0.5, 0], [0, 0, 0.5, 0, 0.5], null] });
    expectInvalid({ ...walk, probabilities: [null, [0.5, 0, 0.6, 0, 0], [0, 0.5, 0, 0.5, 0], [0, 0, 0.5, 0, 0.5], null] });
    expectInvalid({ ...walk, probabilities: [null, [1.5, 0, -0.5, 0, 0], [0, 0.5, 0, 0.5, 0], [0, 0, 0.5, 0, 0.5], null] });
    expectInvalid({ ...walk, meanStayDays: [null, -1, 1, 1, null] });
    expectInvalid({ ...walk, meanStayDays: [null, 1, 1] });
    expectInvalid({ ...walk, states: [...walk.states.slice(0, 4), { id: '1', kind: 'won' }] });
    expectInvalid({ ...walk, states: [...walk.states.slice(0, 4), { id: '4', kind: 'maybe' }] });
  });

  it('names what is wrong with a chain, without a TypeError from inside, whatever its shape', () => {
    const reason = (chain: unknown) => {
      const e = thrown(() => winProbabilities(chain as TransitionChain));
      return [e.code, (e.params as { name?: string }).name, (e.params as unknown as { reason: { code: string } }).reason.code];
    };
    const code = (chain: unknown) => reason(chain)[2];
    expect(reason(null)).toEqual(['invalid_argument', 'model', 'must_be_object']);
    // The reasons name the entry.
    const params = (chain: unknown) => (thrown(() => winProbabilities(chain as TransitionChain)).params as unknown as { reason: { params?: unknown } }).reason.params;
    expect(params({ ...walk, states: [...walk.states.slice(0, 4), { id: '4', kind: 'maybe' }] })).toEqual({ index: 4, kind: 'maybe' });
    expect(params({ ...walk, states: [...walk.states.slice(0, 4), { id: '1', kind: 'won' }] })).toEqual({ id: '1' });
    expect(params({ ...walk, meanStayDays: [null, 1, Number.NaN, 1, null] })).toEqual({ index: 2 });
    expect(params({ ...walk, probabilities: [null, [0.5, 0, 0.5, 0], ...walk.probabilities.slice(2)] })).toEqual({ index: 1, count: 5 });
    expect(params({ ...walk, probabilities: [null, [0.5, 0, 0.5, 0, Number.POSITIVE_INFINITY], ...walk.probabilities.slice(2)] })).toEqual({ index: 1 });
    expect(params({ ...walk, probabilities: [null, walk.probabilities[1], [0, 0.5, 0, 0.4, 0], walk.probabilities[3], null] })).toEqual({ index: 2, total: '0.9' });
    expect(code(5)).toBe('must_be_object');
    expect(code({ states: null, probabilities: [] })).toBe('model_arrays');
    expect(code({ states: walk.states, probabilities: 'rows' })).toBe('model_arrays');
    expect(code({ states: walk.states, probabilities: walk.probabilities.slice(1) })).toBe('model_rows');
    expect(code({ ...walk, meanStayDays: [null, 1, 1] })).toBe('model_stay_entries');
    expect(code({ ...walk, meanStayDays: 5 })).toBe('model_stay_entries');
    expect(code({ ...walk, meanStayDays: [null, -1, 1, 1, null] })).toBe('model_stay_days');
    expect(code({ ...walk, states: [null, ...walk.states.slice(1)] })).toBe('model_state_kind');
    expect(code({ ...walk, states: [...walk.states.slice(0, 4), { id: '1', kind: 'won' }] })).toBe('model_state_twice');
    expect(code({ ...walk, probabilities: [null, 'abcde', ...walk.probabilities.slice(2)] })).toBe('model_row_length');
    expect(code({ ...walk, probabilities: [null, [0.5, 0, 0.5, 0], ...walk.probabilities.slice(2)] })).toBe('model_row_length');
    expect(code({ ...walk, probabilities: [null, [1.5, 0, -0.5, 0, 0], ...walk.probabilities.slice(2)] })).toBe('model_row_entry');
    expect(code({ ...walk, probabilities: [null, [0.5, 0, 0.6, 0, 0], ...walk.probabilities.slice(2)] })).toBe('model_row_sum');
  });

  it('does not modify the model', () => {
    const before = JSON.stringify(walk);
    winProbabilities(walk);
    expect(JSON.stringify(walk)).toBe(before);
  });
});
