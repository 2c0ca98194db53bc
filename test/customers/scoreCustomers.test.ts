import { describe, expect, it } from 'vitest';
import { FunnelError, money, parseScorecard, scoreCustomers, type Customer, type ScorecardJson } from '../../src/index.js';
import { customer, snapshot } from './_classFixtures.js';

// Nine factors of customer value, each rated good (+1) or poor (−1) in `attributes`; an
// unrated factor gives nothing.
const FACTORS = ['budget', 'need', 'decisionMaker', 'timeline', 'size', 'industryFit', 'credit', 'relationship', 'competition'] as const;
const TIERS = [{ id: 'A', minScore: 5 }, { id: 'B', minScore: 1 }, { id: 'C', minScore: -2 }, { id: 'D' }];
const nineFactors: ScorecardJson = {
  criteria: FACTORS.flatMap((f) => [
    { id: `${f}_good`, check: { kind: 'field', field: `attributes.${f}`, rule: { op: 'equals', value: 'good' } }, points: 1 },
    { id: `${f}_poor`, check: { kind: 'field', field: `attributes.${f}`, rule: { op: 'equals', value: 'poor' } }, points: -1 },
  ]),
  tiers: TIERS,
};
/** A customer rated `good` on the first `good` factors and `poor` on the next `poor` ones. */
const rated = (id: string, good: number, poor: number) =>
  customer(id, { attributes: Object.fromEntries(FACTORS.slice(0, good + poor).map((f, i) => [f, i < good ? 'good' : 'poor'])) });

describe('scoreCustomers: the golden case of issue 12', () => {
  it('nine factors at +1 / −1: six good and three poor score +3, tier B (A ≥ 5, B ≥ 1, C ≥ −2, else D)', () => {
    const r = scoreCustomers([rated('c-1', 6, 3)], nineFactors);
    const s = r.scores[0]!;
    expect(s.score).toBe(3); // 6 × (+1) + 3 × (−1)
    expect(s.tier).toBe('B');
    expect(s.matched).toHaveLength(9);
    expect(s.matched.filter((m) => m.points === 1).map((m) => m.criterionId)).toEqual(FACTORS.slice(0, 6).map((f) => `${f}_good`));
    expect(s.matched.filter((m) => m.points === -1).map((m) => m.criterionId)).toEqual(FACTORS.slice(6).map((f) => `${f}_poor`));
  });

  it('puts each score in the first tier it reaches, else the else tier', () => {
    const customers = [rated('all-good', 9, 0), rated('five', 5, 0), rated('four', 4, 0), rated('one', 1, 0), rated('zero', 0, 0), rated('minus-two', 1, 3), rated('minus-three', 3, 6)];
    const r = scoreCustomers(customers, nineFactors);
    expect(r.scores.map((s) => [s.customerId, s.score, s.tier])).toEqual([
      ['all-good', 9, 'A'],
      ['five', 5, 'A'],
      ['four', 4, 'B'],
      ['one', 1, 'B'],
      ['zero', 0, 'C'],
      ['minus-two', -2, 'C'],
      ['minus-three', -3, 'D'],
    ]);
    expect(r.tiers).toEqual([
      { tier: 'A', minScore: 5, customerIds: ['all-good', 'five'] },
      { tier: 'B', minScore: 1, customerIds: ['four', 'one'] },
      { tier: 'C', minScore: -2, customerIds: ['zero', 'minus-two'] },
      { tier: 'D', minScore: null, customerIds: ['minus-three'] },
    ]);
    expect(r.untiered).toEqual([]);
    expect(r.kind).toBe('scorecard');
  });

  it('without an else tier, a score below every tier has no tier and is listed in untiered', () => {
    const r = scoreCustomers([rated('low', 0, 3), rated('ok', 2, 0)], { ...nineFactors, tiers: TIERS.slice(0, 3) });
    expect(r.scores.map((s) => s.tier)).toEqual([null, 'B']);
    expect(r.untiered).toEqual(['low']);
  });
});

describe('scoreCustomers: field criteria read the customer with the field rules of key tasks', () => {
  const card = (check: object, points = 1): ScorecardJson => ({ criteria: [{ id: 'x', check, points } as never], tiers: [{ id: 'T' }] });
  const score = (c: Customer, check: object) => scoreCustomers([c], card(check)).scores[0]!.score;
  const field = (path: string, rule: object) => ({ kind: 'field', field: path, rule });

  it('top-level fields: equals, one_of, present', () => {
    const c = customer('c-1', { industry: '制造业', segment: 'existing', priority: 'high', region: '华东' });
    expect(score(c, field('industry', { op: 'equals', value: '制造业' }))).toBe(1);
    expect(score(c, field('industry', { op: 'equals', value: '零售' }))).toBe(0);
    expect(score(c, field('segment', { op: 'one_of', values: ['existing'] }))).toBe(1);
    expect(score(c, field('region', { op: 'present' }))).toBe(1);
    expect(score(c, field('ownerId', { op: 'present' }))).toBe(0);
  });

  it('list fields: includes (tags)', () => {
    const c = customer('c-1', { tags: ['国企', '重点'] });
    expect(score(c, field('tags', { op: 'includes', value: '国企' }))).toBe(1);
    expect(score(c, field('tags', { op: 'includes', value: '外企' }))).toBe(0);
    expect(score(c, field('industry', { op: 'includes', value: '国企' }))).toBe(0); // not a list
    expect(score(c, field('tags', { op: 'equals', value: '国企' }))).toBe(0); // a list equals no scalar
  });

  it('numbers compare exactly, as numbers, decimal strings or Money in attributes', () => {
    const c = customer('c-1', { attributes: { employees: 1000, revenue: '12000000.50', budget: { amount: '500000', currency: 'CNY' } } });
    expect(score(c, field('attributes.employees', { op: 'gte', value: '1000' }))).toBe(1);
    expect(score(c, field('attributes.employees', { op: 'gt', value: '1000' }))).toBe(0);
    expect(score(c, field('attributes.revenue', { op: 'gt', value: '12000000.49' }))).toBe(1);
    expect(score(c, field('attributes.revenue', { op: 'lt', value: '12000000.50' }))).toBe(0);
    expect(score(c, field('attributes.missing', { op: 'lte', value: '0' }))).toBe(0); // a missing field fails every rule
    const m = { ...c, attributes: { budget: money('500000', 'CNY') } } as unknown as Customer;
    expect(score(m, field('attributes.budget', { op: 'gte', value: '500000' }))).toBe(1);
  });

  it('never reaches a prototype through a path', () => {
    const c = customer('c-1');
    expect(score(c, field('attributes.constructor', { op: 'present' }))).toBe(0);
    expect(score(c, field('__proto__', { op: 'present' }))).toBe(0);
  });

  it('negative points count against the customer only when the criterion holds', () => {
    const card2: ScorecardJson = {
      criteria: [
        { id: 'big', check: { kind: 'field', field: 'attributes.employees', rule: { op: 'gte', value: 500 } }, points: 3 },
        { id: 'arrears', check: { kind: 'field', field: 'tags', rule: { op: 'includes', value: '欠款' } }, points: -4 },
      ],
      tiers: [{ id: 'A', minScore: 3 }, { id: 'B' }],
    };
    const r = scoreCustomers([customer('ok', { attributes: { employees: 800 } }), customer('owes', { tags: ['欠款'], attributes: { employees: 800 } })], card2);
    expect(r.scores.map((s) => [s.score, s.tier, s.matched])).toEqual([
      [3, 'A', [{ criterionId: 'big', points: 3 }]],
      [
        -1,
        'B',
        [
          { criterionId: 'big', points: 3 },
          { criterionId: 'arrears', points: -4 },
        ],
      ],
    ]);
  });
});

describe('scoreCustomers: guard criteria', () => {
  const card: ScorecardJson = {
    criteria: [
      { id: 'credit', check: { kind: 'guard', name: 'goodCredit' }, points: 2 },
      { id: 'big', check: { kind: 'field', field: 'attributes.employees', rule: { op: 'gte', value: 500 } }, points: 1 },
    ],
    tiers: [{ id: 'A', minScore: 2 }, { id: 'B' }],
  };

  it('calls the named function with the customer and the criterion', () => {
    const seen: string[] = [];
    const r = scoreCustomers([customer('c-1'), customer('c-2')], card, {
      guards: {
        goodCredit: (c, { criterion }) => {
          seen.push(`${c.id}:${criterion.id}`);
          return c.id === 'c-1';
        },
      },
    });
    expect(r.scores.map((s) => [s.customerId, s.score, s.tier])).toEqual([
      ['c-1', 2, 'A'],
      ['c-2', 0, 'B'],
    ]);
    expect(seen).toEqual(['c-1:credit', 'c-2:credit']);
  });

  it('a guard the options lack is a coded error, before any customer is scored (even with none)', () => {
    for (const guards of [undefined, {}, { other: () => true }]) {
      let error: unknown;
      try {
        scoreCustomers([], card, guards === undefined ? {} : { guards });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(FunnelError);
      const e = error as FunnelError<'scorecard_guard_missing'>;
      expect(e.code).toBe('scorecard_guard_missing');
      expect(e.params).toEqual({ guard: 'goodCredit', criterionId: 'credit' });
      expect(e.message).toBe('No guard named "goodCredit" was passed for criterion "credit".');
      expect(e.localizedMessage('zh-CN')).toBe('评分项“credit”引用的自定义规则“goodCredit”未提供。');
    }
  });

  it('a guard that is not a function, or returns anything but a boolean, is an invalid option', () => {
    const option = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(FunnelError);
        const { option, reason } = (e as FunnelError<'invalid_option'>).params;
        return [option, reason.code];
      }
      throw new Error('expected a FunnelError');
    };
    expect(option(() => scoreCustomers([customer('c-1')], card, { guards: { goodCredit: 'yes' as never } }))).toEqual(['guards.goodCredit', 'must_be_function']);
    expect(option(() => scoreCustomers([customer('c-1')], card, { guards: { goodCredit: (() => 1) as never } }))).toEqual(['guards.goodCredit', 'guard_returns_boolean']);
    expect(option(() => scoreCustomers([customer('c-1')], card, { guards: 5 as never }))).toEqual(['guards', 'guards_shape']);
  });
});

describe('scoreCustomers: inputs', () => {
  it('takes a scorecard parsed before (decimal rule values are Decimals) as well as its JSON', () => {
    const json: ScorecardJson = {
      criteria: [{ id: 'big', check: { kind: 'field', field: 'attributes.employees', rule: { op: 'gte', value: '1000' } }, points: 2 }],
      tiers: [{ id: 'A', minScore: 2 }, { id: 'B' }],
    };
    const parsed = parseScorecard(json);
    const c = [customer('c-1', { attributes: { employees: 1000 } }), customer('c-2', { attributes: { employees: 999 } })];
    expect(scoreCustomers(c, parsed).scores.map((s) => s.tier)).toEqual(['A', 'B']);
    expect(scoreCustomers(c, json).scores.map((s) => s.tier)).toEqual(['A', 'B']);
    expect(scoreCustomers(c, parsed).scorecard).toEqual(parsed);
  });

  it('parses a JSON scorecard and throws its ZodError when it is bad', () => {
    expect(() => scoreCustomers([], { criteria: [], tiers: [] } as never)).toThrow(/criteria|tiers|too_small|Too small/i);
  });

  it('reads any iterable of customers once and never changes them', () => {
    const list = [rated('c-1', 6, 3), rated('c-2', 1, 0)];
    const before = snapshot(list);
    function* gen() {
      yield* list;
    }
    expect(scoreCustomers(gen(), nineFactors).scores.map((s) => s.score)).toEqual([3, 1]);
    expect(snapshot(list)).toBe(before);
  });

  it('refuses a customer that is not an object with an id', () => {
    expect(() => scoreCustomers([null as never], nineFactors)).toThrow(FunnelError);
    expect(() => scoreCustomers(5 as never, nineFactors)).toThrow(/customers/);
  });
});
