import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCustomer, scoreCustomers, type Customer, type ScorecardJson } from '../../src/index.js';

const INDUSTRIES = ['制造业', '能源', '零售'] as const;
const TAGS = ['国企', '重点', '欠款'] as const;

const customerArb: fc.Arbitrary<Customer> = fc
  .record({
    n: fc.nat({ max: 999 }),
    industry: fc.option(fc.constantFrom(...INDUSTRIES), { nil: undefined }),
    segment: fc.constantFrom('new', 'existing'),
    priority: fc.constantFrom('high', 'medium', 'low'),
    tags: fc.subarray([...TAGS]),
    employees: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
    rating: fc.option(fc.constantFrom('good', 'poor'), { nil: undefined }),
  })
  .map((r) =>
    parseCustomer({
      id: `c-${r.n}`,
      name: `客户 ${r.n}`,
      segment: r.segment,
      priority: r.priority,
      tags: r.tags,
      ...(r.industry === undefined ? {} : { industry: r.industry }),
      attributes: { ...(r.employees === undefined ? {} : { employees: r.employees }), ...(r.rating === undefined ? {} : { rating: r.rating }) },
    }),
  );

const checkArb = fc.oneof(
  fc.constantFrom(...INDUSTRIES).map((v) => ({ kind: 'field', field: 'industry', rule: { op: 'equals', value: v } }) as const),
  fc.subarray([...INDUSTRIES], { minLength: 1 }).map((values) => ({ kind: 'field', field: 'industry', rule: { op: 'one_of', values } }) as const),
  fc.constantFrom(...TAGS).map((v) => ({ kind: 'field', field: 'tags', rule: { op: 'includes', value: v } }) as const),
  fc
    .record({ op: fc.constantFrom('gte', 'gt', 'lte', 'lt'), value: fc.integer({ min: 0, max: 5000 }) })
    .map((rule) => ({ kind: 'field', field: 'attributes.employees', rule }) as const),
  fc.constantFrom('attributes.rating', 'industry', 'attributes.employees').map((field) => ({ kind: 'field', field, rule: { op: 'present' } }) as const),
  fc.constant({ kind: 'guard', name: 'existing' } as const),
);

const cardArb: fc.Arbitrary<ScorecardJson> = fc
  .record({
    criteria: fc.array(fc.record({ check: checkArb, points: fc.integer({ min: -5, max: 5 }) }), { minLength: 1, maxLength: 8 }),
    mins: fc.uniqueArray(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 4 }),
    elseTier: fc.boolean(),
  })
  .map(({ criteria, mins, elseTier }) => ({
    criteria: criteria.map((c, i) => ({ id: `k${i}`, ...c })),
    tiers: [...[...mins].sort((a, b) => b - a).map((minScore, i) => ({ id: `T${i}`, minScore })), ...(elseTier ? [{ id: 'else' }] : [])],
  }));

const guards = { existing: (c: Customer) => c.segment === 'existing' };

describe('scoreCustomers laws', () => {
  it('a score is the sum of the points of its matched criteria, and the criteria add up: each alone matches the same', () => {
    fc.assert(
      fc.property(fc.array(customerArb, { maxLength: 10 }), cardArb, (customers, card) => {
        const r = scoreCustomers(customers, card, { guards });
        expect(r.scores).toHaveLength(customers.length);
        const alone = card.criteria.map((c) => scoreCustomers(customers, { criteria: [c], tiers: [{ id: 'all' }] }, { guards }));
        r.scores.forEach((s, i) => {
          expect(s.customerId).toBe(customers[i]!.id);
          expect(s.score).toBe(s.matched.reduce((a, m) => a + m.points, 0));
          // matched = exactly the criteria that hold on their own, in the scorecard's order
          const holding = card.criteria.filter((_, k) => alone[k]!.scores[i]!.matched.length === 1).map((c) => c.id);
          expect(s.matched.map((m) => m.criterionId)).toEqual(holding);
          expect(s.score).toBe(alone.reduce((a, x) => a + x.scores[i]!.score, 0));
        });
      }),
    );
  });

  it('the tier is the first whose minimum the score reaches, else the else tier, else none; every customer is in one tier list or untiered', () => {
    fc.assert(
      fc.property(fc.array(customerArb, { maxLength: 10 }), cardArb, (customers, card) => {
        const r = scoreCustomers(customers, card, { guards });
        for (const s of r.scores) {
          const expected = card.tiers.find((t) => t.minScore === undefined || s.score >= t.minScore)?.id ?? null;
          expect(s.tier).toBe(expected);
        }
        const listed = [...r.tiers.flatMap((t) => t.customerIds), ...r.untiered].sort();
        expect(listed).toEqual(customers.map((c) => c.id).sort());
        for (const t of r.tiers) expect(t.customerIds).toEqual(r.scores.filter((s) => s.tier === t.tier).map((s) => s.customerId));
        expect(r.untiered).toEqual(r.scores.filter((s) => s.tier === null).map((s) => s.customerId));
      }),
    );
  });

  it('raising a criterion’s points never lowers a score', () => {
    fc.assert(
      fc.property(fc.array(customerArb, { minLength: 1, maxLength: 5 }), cardArb, fc.nat(), fc.integer({ min: 1, max: 5 }), (customers, card, pick, more) => {
        const k = pick % card.criteria.length;
        const raised = { ...card, criteria: card.criteria.map((c, i) => (i === k ? { ...c, points: c.points + more } : c)) };
        const a = scoreCustomers(customers, card, { guards }).scores;
        const b = scoreCustomers(customers, raised, { guards }).scores;
        a.forEach((s, i) => expect(b[i]!.score).toBeGreaterThanOrEqual(s.score));
      }),
    );
  });
});
