import { describe, expect, it } from 'vitest';
import { Decimal, FunnelError, parsePipeline, plainDate, type Customer, type PlanHandoverOptions } from '../../../../src/index.js';
import { readHandoverSettings } from '../../../../src/planning/_lib/handover/settings.js';

const pipeline = parsePipeline({
  id: 'p',
  name: 'Direct',
  currency: 'CNY',
  stages: [
    { id: 'top', name: 'Top', kind: 'open', probability: '0.25' },
    { id: 'won', name: 'Won', kind: 'won', probability: 1 },
    { id: 'lost', name: 'Lost', kind: 'lost', probability: 0 },
  ],
});

const base: PlanHandoverOptions = { departingOwnerId: 'zhang', successors: [{ id: 'li' }], startDate: '2026-04-01' };

/** The FunnelError `readHandoverSettings` throws for `base` with `extra` (fails on anything else, or on no throw). */
function refused(extra: Record<string, unknown> | null | number): FunnelError {
  const options = (extra === null || typeof extra === 'number' ? extra : { ...base, ...extra }) as PlanHandoverOptions;
  try {
    readHandoverSettings(options, pipeline);
  } catch (e) {
    if (e instanceof FunnelError) return e;
    throw e;
  }
  return expect.fail('no error');
}

describe('readHandoverSettings: defaults', () => {
  it('fills in the documented defaults', () => {
    const s = readHandoverSettings(base, pipeline);
    // Default tiers: ≥ 0.75 visit, ≥ 0.5 phone introduction, ≥ 0 successor call.
    expect(s.tiers.map((t) => [t.min.toString(), t.channel])).toEqual([
      ['0.75', 'visit'],
      ['0.5', 'phone_intro'],
      ['0', 'successor_call'],
    ]);
    expect(s.regionSlack.toString()).toBe('0.25');
    expect(s.successorCallsAfter).toBe('own_handovers');
    // No departingRep: the departing rep is not a limit.
    expect([s.departingVisitsPerDay, s.departingCallsPerDay, s.lastDay]).toEqual([Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, undefined]);
    expect([s.departing, s.startDate, s.currency, s.rates]).toEqual(['zhang', '2026-04-01', 'CNY', undefined]);
    expect(s.customerRegion.size).toBe(0);
    const li = s.successors[0]!;
    // A successor: capacity 1, no load, no customers or regions, 2 visits and 6 calls a day.
    expect([li.id, li.capacity.toString(), li.currentLoad.toString(), [...li.customers], [...li.regions], li.visitsPerDay, li.callsPerDay]).toEqual(['li', '1', '0', [], [], 2, 6]);
  });

  it('no holidays given: Monday to Friday are working days', () => {
    const s = readHandoverSettings(base, pipeline);
    expect(s.calendar.isWorkingDay(plainDate('2026-04-03'))).toBe(true);
    expect(s.calendar.isWorkingDay(plainDate('2026-04-04'))).toBe(false);
  });

  it('reads what is given, each successor falling back on the plan-wide daily limits', () => {
    const s = readHandoverSettings(
      {
        ...base,
        visitsPerDay: 3,
        callsPerDay: 4,
        successors: [
          { id: 'wang', visitsPerDay: 5, customers: ['c1'], regions: ['华北'], capacity: '2', currentLoad: { amount: new Decimal('1000'), currency: 'CNY' } },
          { id: 'li', callsPerDay: 7 },
          { id: 'zhao' },
        ],
        departingRep: { visitsPerDay: 1, callsPerDay: 2, lastDay: '2026-04-10' },
        successorCallsAfter: 'all_handovers',
        regionSlack: '0.5',
        // Customers as planHandover reads them: an id and, if any, a region.
        customers: [{ id: 'c1', region: '华东' }, { id: 'c2' }] as unknown as readonly Customer[],
      },
      pipeline,
    );
    // By id, whatever the order given: li, wang, zhao.
    expect(s.successors.map((x) => [x.id, x.visitsPerDay, x.callsPerDay, x.capacity.toString(), x.currentLoad.toString(), [...x.customers], [...x.regions]])).toEqual([
      ['li', 3, 7, '1', '0', [], []],
      ['wang', 5, 4, '2', '1000', ['c1'], ['华北']],
      ['zhao', 3, 4, '1', '0', [], []],
    ]);
    expect([s.departingVisitsPerDay, s.departingCallsPerDay, s.lastDay, s.successorCallsAfter, s.regionSlack.toString()]).toEqual([1, 2, '2026-04-10', 'all_handovers', '0.5']);
    expect([...s.customerRegion]).toEqual([['c1', '华东']]);
  });

  it('sorts the successors by id, whatever the order given (law over permutations)', () => {
    const ids = ['b', 'd', 'a', 'c', 'e'];
    for (let k = 0; k < ids.length; k++) {
      const rotated = [...ids.slice(k), ...ids.slice(0, k)];
      const s = readHandoverSettings({ ...base, successors: rotated.map((id) => ({ id })) }, pipeline);
      expect(s.successors.map((x) => x.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
      const reversed = readHandoverSettings({ ...base, successors: [...rotated].reverse().map((id) => ({ id })) }, pipeline);
      expect(reversed.successors.map((x) => x.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    }
  });
});

describe('readHandoverSettings: every refusal names the option and says why, in English and Chinese', () => {
  it('options that are not an object', () => {
    for (const bad of [null, 5] as const) {
      const e = refused(bad);
      expect([e.code, e.params]).toEqual(['invalid_option', { option: 'options', reason: { code: 'must_be_object', en: expect.any(String), 'zh-CN': expect.any(String) } }]);
    }
  });

  it('a departing rep that is no user id', () => {
    for (const departingOwnerId of [undefined, '', 5]) {
      const e = refused({ departingOwnerId });
      expect([e.code, e.params]).toEqual(['invalid_option', { option: 'departingOwnerId', reason: { code: 'must_be_user_id', en: 'must be a non-empty user id', 'zh-CN': '必须是非空的用户 ID' } }]);
    }
  });

  it('tiers: none, out of order, not ending at 0, bad entries', () => {
    for (const tiers of [[], 5]) {
      const e = refused({ tiers });
      expect([e.code, e.params]).toEqual(['invalid_option', { option: 'tiers', reason: { code: 'at_least_one_tier', en: 'at least one tier is needed', 'zh-CN': '至少需要一个分层' } }]);
    }
    const order = refused({ tiers: [{ min: '0.5', channel: 'visit' }, { min: '0.6', channel: 'phone_intro' }, { min: 0, channel: 'successor_call' }] });
    expect([order.code, order.params]).toEqual([
      'invalid_option',
      { option: 'tiers[1].min', reason: { code: 'tiers_order', en: 'tiers must be listed from the highest probability down', 'zh-CN': '分层必须按赢率从高到低排列' } },
    ]);
    expect(order.message).toBe('Invalid option "tiers[1].min": tiers must be listed from the highest probability down.');
    expect(order.localizedMessage('zh-CN')).toBe('选项“tiers[1].min”无效：分层必须按赢率从高到低排列。');
    // Equal bounds are out of order too (strictly decreasing).
    expect(refused({ tiers: [{ min: '0.5', channel: 'visit' }, { min: '0.5', channel: 'phone_intro' }, { min: 0, channel: 'successor_call' }] }).params).toMatchObject({ option: 'tiers[1].min' });
    const last = refused({ tiers: [{ min: '0.5', channel: 'visit' }] });
    expect([last.code, last.params]).toEqual([
      'invalid_option',
      { option: 'tiers', reason: { code: 'last_tier_at_zero', en: 'the last tier must start at 0 so that every deal has a tier', 'zh-CN': '最后一个分层必须从 0 开始，使每个商机都有所属分层' } },
    ]);
    expect(last.localizedMessage('zh-CN')).toBe('选项“tiers”无效：最后一个分层必须从 0 开始，使每个商机都有所属分层。');
    expect(refused({ tiers: [null] }).params).toMatchObject({ option: 'tiers[0].channel' });
    expect(refused({ tiers: [{ min: '0.5', channel: 'visit' }, { min: 0, channel: 'fax' }] }).params).toMatchObject({ option: 'tiers[1].channel' });
    expect(refused({ tiers: [{ min: '0.5', channel: 'visit' }, { min: 'none', channel: 'successor_call' }] }).params).toMatchObject({ option: 'tiers[1].min' });
  });

  it('successors: none, no id, the departing rep, twice the same', () => {
    for (const successors of [[], 5, undefined]) {
      const e = refused({ successors });
      expect([e.code, e.params]).toEqual(['invalid_option', { option: 'successors', reason: { code: 'at_least_one_successor', en: 'at least one successor is needed', 'zh-CN': '至少需要一名接手人' } }]);
    }
    for (const bad of [null, {}, { id: '' }, { id: 5 }]) {
      const e = refused({ successors: [{ id: 'li' }, bad] });
      expect([e.code, e.params]).toEqual(['invalid_option', { option: 'successors[1].id', reason: { code: 'must_be_user_id', en: 'must be a non-empty user id', 'zh-CN': '必须是非空的用户 ID' } }]);
    }
    const departing = refused({ successors: [{ id: 'li' }, { id: 'zhang' }] });
    expect([departing.code, departing.params]).toEqual([
      'invalid_option',
      { option: 'successors[1].id', reason: { code: 'departing_is_successor', en: 'the departing rep cannot be a successor', 'zh-CN': '离职的销售不能作为接手人' } },
    ]);
    const twice = refused({ successors: [{ id: 'li' }, { id: 'wang' }, { id: 'li' }] });
    expect([twice.code, twice.params]).toEqual([
      'invalid_option',
      { option: 'successors[2].id', reason: { code: 'duplicate_successor', params: { id: 'li' }, en: 'duplicate successor "li"', 'zh-CN': '接手人“li”重复' } },
    ]);
    expect(twice.message).toBe('Invalid option "successors[2].id": duplicate successor "li".');
    expect(twice.localizedMessage('zh-CN')).toBe('选项“successors[2].id”无效：接手人“li”重复。');
  });

  it('successor lists and loads, customers and departingRep of the wrong shape', () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ successors: [{ id: 'li', regions: ['华东', ''] }] }, 'successors[0].regions[1]', 'must_be_non_empty_string'],
      [{ successors: [{ id: 'li', customers: {} }] }, 'successors[0].customers', 'must_be_array'],
      [{ successors: [{ id: 'li', currentLoad: { currency: 'CNY' } }] }, 'successors[0].currentLoad', 'expected_money'],
      [{ successors: [{ id: 'li', currentLoad: { amount: new Decimal(1) } }] }, 'successors[0].currentLoad', 'expected_money'],
      [{ customers: [{ id: '', region: '华东' }] }, 'customers[0].id', 'must_be_non_empty_string'],
      [{ customers: [{ id: 'c1', region: '' }] }, 'customers[0].region', 'must_be_non_empty_string'],
      [{ departingRep: null }, 'departingRep', 'must_be_object'],
      [{ departingRep: 'zhang' }, 'departingRep', 'must_be_object'],
    ];
    for (const [extra, option, reason] of cases) {
      const e = refused(extra);
      expect([e.code, e.params]).toEqual(['invalid_option', { option, reason: expect.objectContaining({ code: reason }) }]);
    }
    // One rendered in both locales: "must be an object".
    const rep = refused({ departingRep: null });
    expect(rep.message).toMatch(/^Invalid option "departingRep": /);
    expect(rep.localizedMessage('zh-CN')).toMatch(/^选项“departingRep”无效：/);
  });

  it('numbers and dates, named by their path', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ successors: [{ id: 'li' }, { id: 'wang', capacity: 0 }] }, 'successors[1].capacity'],
      [{ successors: [{ id: 'li' }, { id: 'wang', visitsPerDay: 0 }] }, 'successors[1].visitsPerDay'],
      [{ successors: [{ id: 'li' }, { id: 'wang', callsPerDay: 1.5 }] }, 'successors[1].callsPerDay'],
      [{ visitsPerDay: 0 }, 'visitsPerDay'],
      [{ callsPerDay: -1 }, 'callsPerDay'],
      [{ startDate: '2026-02-30' }, 'startDate'],
      [{ departingRep: { visitsPerDay: 0 } }, 'departingRep.visitsPerDay'],
      [{ departingRep: { callsPerDay: 0 } }, 'departingRep.callsPerDay'],
      [{ departingRep: { lastDay: '2026-13-01' } }, 'departingRep.lastDay'],
      [{ successorCallsAfter: 'never' }, 'successorCallsAfter'],
      [{ regionSlack: -1 }, 'regionSlack'],
      [{ holidays: ['soon'] }, 'holidays[0]'],
    ];
    for (const [extra, option] of cases) {
      const e = refused(extra);
      expect([e.code, e.params.option]).toEqual(['invalid_option', option]);
      expect(e.message).toContain(`"${option}"`);
      expect(e.localizedMessage('zh-CN')).toContain(`“${option}”`);
    }
  });
});
