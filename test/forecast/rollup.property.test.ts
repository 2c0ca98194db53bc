import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, FunnelError, money, rollup, type Group, type RollupInput } from '../../src/index.js';
import { sumOf } from './_arbitraries.js';
import { snapshot } from './_fixtures.js';

const USERS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7'];

/** A forest: each user's manager is a user with a smaller index, or nobody. */
const forestArb = fc
  .array(fc.option(fc.nat(), { nil: null, freq: 4 }), { minLength: USERS.length, maxLength: USERS.length })
  .map((picks): Record<string, string | null> => Object.fromEntries(USERS.map((u, i) => [u, i === 0 || picks[i] === null ? null : (USERS[(picks[i] as number) % i] as string)])));

const rowsArb = fc.array(
  fc.record({
    period: fc.constantFrom('2026-Q1', '2026-Q2'),
    owner: fc.constantFrom(...USERS, 'outsider'),
    cents: fc.nat({ max: 10_000_000 }),
    count: fc.integer({ min: 1, max: 5 }),
  }),
  { maxLength: 30 },
);

describe('rollup laws', () => {
  it('team = own + the teams of the direct reports; top-level teams add up to all the rows', () => {
    fc.assert(
      fc.property(forestArb, rowsArb, (hierarchy, raw) => {
        const rows: Group<RollupInput>[] = raw.map((r) => {
          const m = money(new Decimal(r.cents).div(100), 'CNY');
          return { key: [r.period, r.owner], value: { count: r.count, amount: m, weighted: m } };
        });
        const out = rollup(rows, hierarchy, { ownerIndex: 1, currency: 'CNY' });
        for (const period of new Set(raw.map((r) => r.period))) {
          const inPeriod = out.groups.filter((x) => x.key[0] === period);
          for (const x of inPeriod) {
            const reports = inPeriod.filter((y) => y.managerId === x.userId);
            expect(x.value.weighted.amount.eq(x.own.weighted.amount.plus(sumOf(reports.map((y) => y.value.weighted.amount))))).toBe(true);
            expect(x.value.count).toBe(x.own.count + reports.reduce((a, y) => a + y.value.count, 0));
          }
          const tops = inPeriod.filter((x) => x.managerId === null);
          const all = rows.filter((r) => r.key[0] === period);
          expect(sumOf(tops.map((x) => x.value.amount.amount)).eq(sumOf(all.map((r) => r.value.amount.amount)))).toBe(true);
        }
        expect(out.total.amount.amount.eq(sumOf(rows.map((r) => r.value.amount.amount)))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('a hierarchy with a cycle is always refused', () => {
    fc.assert(
      fc.property(forestArb, fc.integer({ min: 1, max: USERS.length - 1 }), (hierarchy, i) => {
        // Point the root at a user below it (or at itself): that closes a cycle.
        const withCycle: Record<string, string | null> = { ...hierarchy, u0: USERS[i] as string };
        let path = '';
        const below = (u: string): boolean => {
          for (let x: string | null = u; x !== null; x = withCycle[x] ?? null) if (x === 'u0') return true;
          return false;
        };
        fc.pre(below(USERS[i] as string));
        try {
          rollup([], withCycle, { currency: 'CNY' });
        } catch (e) {
          if (e instanceof FunnelError && e.code === 'hierarchy_cycle') path = String(e.params.path);
        }
        const names = path.split(' → ');
        expect(names.length).toBeGreaterThanOrEqual(2);
        expect(names[0]).toBe(names[names.length - 1]);
        // Each step of the reported path is a real manager edge.
        for (let k = 0; k + 1 < names.length; k++) expect(withCycle[names[k] as string]).toBe(names[k + 1]);
      }),
      { numRuns: 200 },
    );
  });

  it('hostile groups get a FunnelError or a result, never another error, and are not changed', () => {
    const good = (owner: string, n: number) => ({ key: [owner], value: { count: n, amount: money(String(n), 'CNY'), weighted: money(String(n), 'CNY') } });
    // Each item: a valid group, a group with one part replaced by anything, or anything at all.
    const itemArb = fc.oneof(
      fc.constantFrom(...USERS).map((u) => good(u, 1)),
      fc.record({ key: fc.anything(), value: fc.constant(good('u1', 2).value) }),
      fc.record({ key: fc.constant(['u2']), value: fc.anything() }),
      fc.anything().map((count) => ({ key: ['u3'], value: { ...good('u3', 1).value, count } })),
      fc.anything(),
    );
    const sourceArb = fc.oneof(fc.array(itemArb, { maxLength: 6 }), fc.record({ groups: fc.array(itemArb, { maxLength: 6 }) }), fc.anything());
    fc.assert(
      fc.property(sourceArb, forestArb, (source, hierarchy) => {
        const before = snapshot(source);
        try {
          rollup(source as never, hierarchy, { currency: 'CNY' });
        } catch (e) {
          expect(e).toBeInstanceOf(FunnelError);
        }
        expect(snapshot(source)).toBe(before);
      }),
      { numRuns: 300 },
    );
  });
});
