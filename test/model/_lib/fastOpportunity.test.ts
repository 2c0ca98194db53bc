// The fast path builds the usual deal shapes as one object literal each and grows the
// others key by key: every combination of the optional fields, with and without a rarer
// one, must come out as zod makes it (same keys, same order, equal values) and as a
// plain object.
import { describe, expect, it } from 'vitest';
import { fastOpportunity } from '../../../src/model/_lib/fastOpportunity.js';
import { opportunityObject } from '../../../src/model/opportunityShape.js';
import { pipelineIndex } from '../../../src/model/pipelineIndex.js';
import { wirePipeline } from '../_wireDeal.js';

const FREQUENT = {
  expectedCloseDate: '2026-06-30',
  region: '华东',
  closedAt: '2026-05-01T10:00:00+08:00',
  lossReason: '价格过高',
} as const;
const RARE = {
  probabilityOverride: '0.3',
  forecastCategoryOverride: 'commit',
  splits: [{ ownerId: 'rep-li', basisPoints: 10_000 }],
  competitor: '友商',
  source: { channel: 'web' },
} as const;

/** A deal in wire form with the optional fields of `keys`, written in a scrambled order. */
function wire(keys: readonly string[]): Record<string, unknown> {
  const optional: Record<string, unknown> = { ...FREQUENT, ...RARE };
  const out: Record<string, unknown> = {
    history: [{ type: 'created', at: '2026-01-05T09:00:00+08:00', by: 'rep-zhang', stageId: 'lead' }],
    attributes: { industry: 'energy' },
  };
  for (const k of [...keys].reverse()) out[k] = optional[k];
  return {
    ...out,
    ownerId: 'rep-zhang',
    status: 'open',
    stageId: 'lead',
    amount: { amount: '1000.00', currency: 'CNY' },
    name: 'ERP',
    pipelineId: 'direct',
    customerId: 'c1',
    id: 'o1',
    completedTasks: { visit: { at: '2026-01-06T09:00:00+08:00', by: 'rep-zhang' } },
  };
}

/** Every subset of `keys`. */
function subsets(keys: readonly string[]): string[][] {
  const all: string[][] = [[]];
  for (const k of keys) {
    const n = all.length;
    for (let i = 0; i < n; i++) all.push([...all[i]!, k]);
  }
  return all;
}

describe('fastOpportunity: deal shapes', () => {
  it('every combination of the frequent optional fields, alone or with one rarer field, is built as zod builds it', () => {
    const index = pipelineIndex(wirePipeline);
    const combos = subsets(Object.keys(FREQUENT)).flatMap((s) => [s, ...Object.keys(RARE).map((r) => [...s, r])]);
    expect(combos).toHaveLength(16 * 6);
    for (const keys of combos) {
      const input = wire(keys);
      const fast = fastOpportunity(input, index);
      const zod = opportunityObject.parse(input);
      expect(fast, keys.join(',')).toBeDefined();
      expect(Object.keys(fast!)).toEqual(Object.keys(zod));
      expect(fast).toStrictEqual(zod);
      expect(Object.getPrototypeOf(fast)).toBe(Object.prototype);
      for (const k of keys) expect(fast).toHaveProperty(k);
    }
  });

  it('keys in the schema order, whatever the order of the input', () => {
    const fast = fastOpportunity(wire(Object.keys(FREQUENT)), pipelineIndex(wirePipeline))!;
    expect(Object.keys(fast)).toEqual([
      'id', 'customerId', 'pipelineId', 'name', 'amount', 'expectedCloseDate', 'region', 'stageId', 'status', 'ownerId',
      'completedTasks', 'closedAt', 'lossReason', 'attributes', 'history',
    ]);
  });
});
