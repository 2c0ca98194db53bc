import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reclassify, scoreCustomers, type CustomerPriority, type ScorecardJson } from '../../src/index.js';
import { customer } from './_classFixtures.js';

const PRIORITIES = ['high', 'medium', 'low'] as const;
const RANK = { high: 0, medium: 1, low: 2 } as const;

const card: ScorecardJson = {
  criteria: [{ id: 'points', check: { kind: 'guard', name: 'points' }, points: 1 }],
  tiers: [{ id: 'A', minScore: 1 }, { id: 'B', minScore: 0 }],
};

const customersArb = fc.uniqueArray(
  fc.record({ n: fc.nat({ max: 99 }), priority: fc.constantFrom(...PRIORITIES), good: fc.boolean(), scored: fc.boolean(), below: fc.boolean() }),
  { selector: (r) => r.n, maxLength: 12 },
);

describe('reclassify laws', () => {
  it('every customer is in exactly one of proposals, unchanged and not assessed; a proposal always changes the priority to its tier’s', () => {
    fc.assert(
      fc.property(customersArb, fc.record({ A: fc.constantFrom(...PRIORITIES), B: fc.constantFrom(...PRIORITIES) }), (raw, mapping: Record<'A' | 'B', CustomerPriority>) => {
        const customers = raw.map((r) => customer(`c-${r.n}`, { priority: r.priority, attributes: { good: r.good, below: r.below } }));
        // "below": a score under every tier (no else tier), so no tier
        const points = (c: (typeof customers)[number]) => c.attributes['good'] === true && c.attributes['below'] !== true;
        const scored = scoreCustomers(
          customers.filter((_, i) => raw[i]!.scored),
          { ...card, criteria: [...card.criteria, { id: 'below', check: { kind: 'field', field: 'attributes.below', rule: { op: 'equals', value: true } }, points: -5 }] },
          { guards: { points } },
        );
        const r = reclassify(customers, scored, { mapping });
        const all = [...r.proposals.map((p) => p.customerId), ...r.unchanged, ...r.notAssessed];
        expect([...all].sort()).toEqual(customers.map((c) => c.id).sort());
        expect(new Set(all).size).toBe(all.length);
        for (const p of r.proposals) {
          const s = scored.scores.find((x) => x.customerId === p.customerId)!;
          expect(p.tier).toBe(s.tier);
          expect(p.to).toBe(mapping[p.tier as 'A' | 'B']);
          expect(p.from).toBe(customers.find((c) => c.id === p.customerId)!.priority);
          expect(p.to).not.toBe(p.from);
          expect(p.direction).toBe(RANK[p.to] < RANK[p.from] ? 'up' : 'down');
          expect(p.reason.params).toMatchObject({ customerId: p.customerId, score: s.score, tier: p.tier, from: p.from, to: p.to });
        }
        for (const id of r.unchanged) {
          const s = scored.scores.find((x) => x.customerId === id)!;
          expect(mapping[s.tier as 'A' | 'B']).toBe(customers.find((c) => c.id === id)!.priority);
        }
        for (const id of r.notAssessed) expect(scored.scores.find((x) => x.customerId === id)?.tier ?? null).toBeNull();
      }),
    );
  });

  it('applying the proposals leaves nothing to propose', () => {
    fc.assert(
      fc.property(customersArb, (raw) => {
        const customers = raw.map((r) => customer(`c-${r.n}`, { priority: r.priority, attributes: { good: r.good } }));
        const guards = { points: (c: (typeof customers)[number]) => c.attributes['good'] === true };
        const first = reclassify(customers, scoreCustomers(customers, card, { guards }));
        const applied = customers.map((c) => ({ ...c, priority: first.proposals.find((p) => p.customerId === c.id)?.to ?? c.priority }));
        expect(reclassify(applied, scoreCustomers(applied, card, { guards })).proposals).toEqual([]);
      }),
    );
  });
});
