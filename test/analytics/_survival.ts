// Shared by the conversion-time and competing-risk tests: a three-stage pipeline, a clock
// in days from 2026-01-01, and a compact deal builder.
import { parseOpportunity, parsePipeline, type Opportunity, type OpportunityJson } from '../../src/index.js';

export const pipeline = parsePipeline({
  id: 'p',
  name: 'Direct',
  currency: 'CNY',
  stages: [
    { id: 'lead', name: '初步接触', kind: 'open', probability: 0.1 },
    { id: 'qualify', name: '需求确认', kind: 'open', probability: 0.3 },
    { id: 'quote', name: '报价洽谈', kind: 'open', probability: 0.6 },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});

/** The instant `n` days (possibly fractional) after 2026-01-01T00:00Z. */
export const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString();

/** A 100 000 CNY deal of `pipeline` with the given owner (default rep-a), region and ledger. */
export function surveyDeal(
  id: string,
  who: { readonly owner?: string; readonly region?: string },
  stageId: string,
  status: OpportunityJson['status'],
  history: OpportunityJson['history'],
): Opportunity {
  return parseOpportunity(
    {
      id,
      customerId: 'c1',
      pipelineId: 'p',
      name: id,
      ownerId: who.owner ?? 'rep-a',
      ...(who.region === undefined ? {} : { region: who.region }),
      amount: { amount: '100000', currency: 'CNY' },
      stageId,
      status,
      history,
    },
    { pipeline },
  );
}

/** `items` reordered by sort `keys` (a permutation drawn by fast-check). */
export function shuffled<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items.map((item, i) => ({ item, k: keys[i] ?? 0, i })).sort((a, b) => a.k - b.k || b.i - a.i).map((x) => x.item);
}

/** Whether a result holds no NaN anywhere (numbers, arrays, maps, plain objects). */
export function noNaN(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isNaN(value);
  if (value instanceof Map) return [...value.values()].every(noNaN);
  if (Array.isArray(value)) return value.every(noNaN);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) return Object.values(value).every(noNaN);
  return true;
}
