import { describe, expect, it } from 'vitest';
import { FunnelError, money, rollup, weightedForecast, type Group, type RollupInput } from '../../src/index.js';
import { deal, pipeline, snapshot } from './_fixtures.js';
import { reasoned, thrown } from '../_errors.js';

const row = (key: string[], weighted: string, count = 1, currency = 'CNY'): Group<RollupInput> => ({
  key,
  value: { count, amount: money(weighted, currency), weighted: money(weighted, currency) },
});
// `value` is the team total (own + everyone below).
const view = (r: ReturnType<typeof rollup>) =>
  r.groups.map((x) => `${x.key.join('|')} d${x.depth} own ${x.own.weighted.amount.toString()} team ${x.value.weighted.amount.toString()} n${x.value.count}`);

//        vp-chen
//        ├── mgr-wang ── rep-li, rep-zhao
//        └── mgr-sun ─── rep-wu
const org = { 'rep-li': 'mgr-wang', 'rep-zhao': 'mgr-wang', 'rep-wu': 'mgr-sun', 'mgr-wang': 'vp-chen', 'mgr-sun': 'vp-chen', 'vp-chen': null };

describe('rollup', () => {
  it('gives each manager the whole team below them, at any depth', () => {
    const r = rollup([row(['rep-li'], '100'), row(['rep-zhao'], '50'), row(['rep-wu'], '7'), row(['mgr-wang'], '3')], org);
    // mgr-wang: 3 own + 100 + 50 = 153; mgr-sun: 7; vp-chen: 153 + 7 = 160
    expect(view(r)).toEqual([
      'vp-chen d0 own 0 team 160 n4',
      'mgr-sun d1 own 0 team 7 n1',
      'rep-wu d2 own 7 team 7 n1',
      'mgr-wang d1 own 3 team 153 n3',
      'rep-li d2 own 100 team 100 n1',
      'rep-zhao d2 own 50 team 50 n1',
    ]);
    expect(r.groups.find((x) => x.userId === 'rep-li')?.managerId).toBe('mgr-wang');
    expect(r.unplaced).toEqual([]);
    expect(r.groupBy).toEqual(['owner']);
    expect(r.total.weighted.amount.toString()).toBe('160');
    expect(r.total.count).toBe(4);
  });

  it('accepts the hierarchy as a list of edges, with implicit top-level managers', () => {
    const edges = [
      { userId: 'rep-li', managerId: 'mgr-wang' },
      { userId: 'rep-zhao', managerId: 'mgr-wang' },
    ];
    const r = rollup([row(['rep-li'], '100'), row(['rep-zhao'], '50')], edges);
    expect(view(r)).toEqual(['mgr-wang d0 own 0 team 150 n2', 'rep-li d1 own 100 team 100 n1', 'rep-zhao d1 own 50 team 50 n1']);
  });

  it('rolls up each period separately when groups are keyed by period and owner', () => {
    const deals = [
      deal({ stageId: 'negotiate', amount: '400', expectedCloseDate: '2026-02-01', ownerId: 'rep-li' }), // 300
      deal({ stageId: 'qualify', amount: '400', expectedCloseDate: '2026-02-01', ownerId: 'rep-zhao' }), // 100
      deal({ stageId: 'proposal', amount: '400', expectedCloseDate: '2026-05-01', ownerId: 'rep-zhao' }), // 200
    ];
    const f = weightedForecast(deals, pipeline, { groupBy: ['period', 'owner'] });
    const r = rollup(f, { 'rep-li': 'mgr-wang', 'rep-zhao': 'mgr-wang' }); // owner index found from f.groupBy
    expect(view(r)).toEqual([
      '2026-Q1|mgr-wang d0 own 0 team 400 n2',
      '2026-Q1|rep-li d1 own 300 team 300 n1',
      '2026-Q1|rep-zhao d1 own 100 team 100 n1',
      '2026-Q2|mgr-wang d0 own 0 team 200 n1',
      '2026-Q2|rep-li d1 own 0 team 0 n0',
      '2026-Q2|rep-zhao d1 own 200 team 200 n1',
    ]);
    expect(r.groupBy).toEqual(['period', 'owner']);
    expect(r.total.weighted.amount.toString()).toBe('600');
    // The same with the plain groups and an explicit owner index.
    expect(view(rollup(f.groups, { 'rep-li': 'mgr-wang', 'rep-zhao': 'mgr-wang' }, { ownerIndex: 1 }))).toEqual(view(r));
  });

  it('rolls up owners missing from the hierarchy as top-level users and lists them', () => {
    const r = rollup([row(['rep-li'], '100'), row(['rep-new'], '9')], { 'rep-li': 'mgr-wang' });
    expect(r.unplaced).toEqual(['rep-new']);
    expect(view(r)).toEqual(['mgr-wang d0 own 0 team 100 n1', 'rep-li d1 own 100 team 100 n1', 'rep-new d0 own 9 team 9 n1']);
  });

  it('refuses a hierarchy with an empty or non-string id, naming where', () => {
    for (const edges of [[{ userId: '', managerId: 'mgr-wang' }], [{ userId: 'rep-li', managerId: '' }], [{ userId: 5, managerId: null }], [{ userId: 'rep-li', managerId: 7 }]]) {
      const error = thrown(() => rollup([row(['rep-li'], '100')], edges as never));
      expect([error.code, error.params]).toEqual(['invalid_argument', expect.objectContaining({ name: 'hierarchy', reason: expect.objectContaining({ code: 'hierarchy_ids' }) })]);
    }
    // A null manager is a top-level user.
    expect(view(rollup([row(['rep-li'], '100')], [{ userId: 'rep-li', managerId: null }]))).toEqual(['rep-li d0 own 100 team 100 n1']);
  });

  it('plain groups: keys in any order come out sorted; the owner goes back at its index; the key’s length sets groupBy', () => {
    const edges = { 'rep-li': 'mgr-wang' };
    // Owner first, then period and region, listed from the latest period.
    const groups = [row(['rep-li', '2026-Q2', '华东'], '20'), row(['rep-li', '2026-Q1', '华东'], '10')];
    const r = rollup(groups, edges, { ownerIndex: 0 });
    expect(view(r)).toEqual([
      'mgr-wang|2026-Q1|华东 d0 own 0 team 10 n1',
      'rep-li|2026-Q1|华东 d1 own 10 team 10 n1',
      'mgr-wang|2026-Q2|华东 d0 own 0 team 20 n1',
      'rep-li|2026-Q2|华东 d1 own 20 team 20 n1',
    ]);
    expect(r.groupBy).toEqual(['owner', 'custom', 'custom']);
    // No groups at all: groupBy as long as the owner index needs.
    expect(rollup([], edges, { currency: 'CNY', ownerIndex: 1 }).groupBy).toEqual(['custom', 'owner']);
  });

  it('names what is missing: the key too short for the owner index, the currency of no groups', () => {
    const e = thrown(() => rollup([row(['rep-li', '2026-Q1'], '1'), row(['rep-li'], '1')], {}, { ownerIndex: 1 }));
    expect([e.code, e.params]).toEqual(['invalid_option', expect.objectContaining({ option: 'ownerIndex', reason: expect.objectContaining({ code: 'group_key_too_short', params: { key: 'rep-li', index: 1 } }) })]);
    expect(() => rollup([], {})).toThrow(expect.objectContaining({ code: 'invalid_argument', params: expect.objectContaining({ name: 'source', reason: expect.objectContaining({ code: 'no_groups_need_currency' }) }) }));
  });

  it('refuses a source that is not groups, naming the group and what is wrong with it', () => {
    const good = row(['rep-li'], '100');
    expect(reasoned(() => rollup(null as never, org))).toEqual(['invalid_argument', 'source', 'must_be_array', null]);
    expect(reasoned(() => rollup(5 as never, org))).toEqual(['invalid_argument', 'source', 'must_be_array', null]);
    expect(reasoned(() => rollup({ groups: 5 } as never, org))).toEqual(['invalid_argument', 'source.groups', 'must_be_array', null]);
    expect(reasoned(() => rollup([good, 5] as never, org))).toEqual(['invalid_argument', 'source[1]', 'must_be_rollup_group', null]);
    expect(reasoned(() => rollup([good, null] as never, org))).toEqual(['invalid_argument', 'source[1]', 'must_be_rollup_group', null]);
    expect(reasoned(() => rollup([{ ...good, key: 'rep-li' }] as never, org))).toEqual(['invalid_argument', 'source[0]', 'must_be_rollup_group', null]);
    expect(reasoned(() => rollup([{ ...good, key: [5] }] as never, org))).toEqual(['invalid_argument', 'source[0]', 'must_be_rollup_group', null]);
    expect(reasoned(() => rollup([{ key: ['rep-li'] }] as never, org))).toEqual(['invalid_argument', 'source[0]', 'must_be_rollup_group', null]);
    expect(reasoned(() => rollup([{ key: ['rep-li'], value: null }] as never, org))).toEqual(['invalid_argument', 'source[0]', 'must_be_rollup_group', null]);
    // A count that is not a number would be joined as text ("1" + 1 = "11"), not added.
    expect(reasoned(() => rollup([good, { ...good, value: { ...good.value, count: '1' } }] as never, org))).toEqual([
      'invalid_argument',
      'source[1].value.count',
      'must_be_finite_number',
      null,
    ]);
    expect(reasoned(() => rollup([{ ...good, value: { ...good.value, count: Number.NaN } }], org))).toEqual(['invalid_argument', 'source[0].value.count', 'must_be_finite_number', null]);
    expect(reasoned(() => rollup([{ ...good, value: { ...good.value, count: -1 } }], org))).toEqual(['invalid_argument', 'source[0].value.count', 'at_least', { min: 0 }]);
    // In a result, the groups are named under source.groups.
    const result = { groupBy: ['owner'], currency: 'CNY' as const, groups: [good, { key: ['rep-zhao'] }] };
    expect(reasoned(() => rollup(result as never, org))).toEqual(['invalid_argument', 'source.groups[1]', 'must_be_rollup_group', null]);
    // A count of zero and an empty list are fine.
    expect(rollup([{ ...good, value: { ...good.value, count: 0 } }], org).total.count).toBe(0);
    expect(rollup([], org, { currency: 'CNY' }).total.count).toBe(0);
  });

  it('refuses cycles, naming the cycle', () => {
    const err = (fn: () => unknown): FunnelError => {
      try {
        fn();
      } catch (e) {
        if (e instanceof FunnelError) return e;
      }
      throw new Error('expected a FunnelError');
    };
    const e = err(() => rollup([row(['x'], '1')], { x: 'a', a: 'b', b: 'c', c: 'a' }));
    expect(e.code).toBe('hierarchy_cycle');
    expect(e.params.path).toBe('a → b → c → a');
    expect(err(() => rollup([], { a: 'a' }, { currency: 'CNY' })).params.path).toBe('a → a');
    expect(err(() => rollup([row(['a'], '1')], [{ userId: 'a', managerId: 'b' }, { userId: 'a', managerId: 'c' }])).code).toBe('invalid_argument');
    // The first cycle in id order, whatever order the hierarchy lists its users in, and only the cycle (not the way into it).
    expect(err(() => rollup([], { c: 'a', a: 'b', b: 'c' }, { currency: 'CNY' })).params.path).toBe('a → b → c → a');
    expect(err(() => rollup([], { a: 'b', b: 'c', c: 'b' }, { currency: 'CNY' })).params.path).toBe('b → c → b');
    // Two managers for one user: both named; the same edge twice is no conflict.
    const two = thrown(() => rollup([row(['a'], '1')], [{ userId: 'a', managerId: 'b' }, { userId: 'a', managerId: 'c' }]));
    expect((two.params as unknown as { reason: { params: unknown } }).reason.params).toEqual({ userId: 'a', first: 'b', second: 'c' });
    expect(view(rollup([row(['a'], '1')], [{ userId: 'a', managerId: 'b' }, { userId: 'a', managerId: 'b' }]))).toEqual(['b d0 own 0 team 1 n1', 'a d1 own 1 team 1 n1']);
  });

  it('names where a bad id is: the edge by index, or the user by id', () => {
    const where = (hierarchy: unknown) =>
      (thrown(() => rollup([row(['rep-li'], '100')], hierarchy as never)).params as unknown as { reason: { params: { where: string } } }).reason.params.where;
    expect(where([{ userId: 'rep-li', managerId: 'm' }, { userId: '', managerId: 'm' }])).toBe('hierarchy[1]');
    expect(where({ 'rep-li': '' })).toBe('"rep-li"');
  });

  it('needs one currency (or rates) and, for no rows, a currency', () => {
    expect(() => rollup([row(['a'], '1'), row(['b'], '1', 1, 'USD')], {})).toThrow(expect.objectContaining({ code: 'currency_mismatch' }));
    const converted = rollup([row(['a'], '1'), row(['b'], '1', 1, 'USD')], { a: 'm', b: 'm' }, { rates: { base: 'CNY', rates: { USD: '7' } } });
    expect(converted.groups[0]?.value.weighted.amount.toString()).toBe('8');
    expect(() => rollup([], org)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    const empty = rollup([], { 'rep-li': 'mgr-wang' }, { currency: 'CNY' });
    expect(view(empty)).toEqual(['mgr-wang d0 own 0 team 0 n0', 'rep-li d1 own 0 team 0 n0']);
    expect(() => rollup([row(['a'], '1')], {}, { ownerIndex: 1 })).toThrow(expect.objectContaining({ code: 'invalid_option' }));
    expect(() => rollup([row(['a'], '1')], {}, { ownerIndex: -1 })).toThrow(expect.objectContaining({ code: 'invalid_option', params: expect.objectContaining({ option: 'ownerIndex' }) }));
  });

  it('leaves its inputs unchanged', () => {
    const rows = [row(['rep-li'], '100'), row(['rep-zhao'], '50')];
    const before = snapshot({ rows, org });
    rollup(rows, org);
    expect(snapshot({ rows, org })).toBe(before);
  });
});
