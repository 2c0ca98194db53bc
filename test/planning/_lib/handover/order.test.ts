import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../../src/index.js';
import type { OpenDeal } from '../../../../src/planning/_lib/handover/book.js';
import { orderSteps } from '../../../../src/planning/_lib/handover/order.js';

/** An open deal with only what the order reads: id, close date, tier and weighted value. */
const step = (id: string, expectedCloseDate: string | undefined, weighted = '100', tier = 0, name = id): OpenDeal =>
  ({ o: { id, expectedCloseDate, name }, probability: new Decimal('0.5'), weighted: new Decimal(weighted), tier }) as unknown as OpenDeal;

const ids = (deals: readonly OpenDeal[]): string[] => deals.map((d) => d.o.id);

describe('orderSteps: the last two keys', () => {
  it('same tier and value: nearer close date first, none last, whatever the input order', () => {
    const a = step('a', '2026-06-01');
    const b = step('b', '2026-04-01');
    const c = step('c', undefined);
    const d = step('d', '2026-05-01');
    // Dates 04-01 (b) < 05-01 (d) < 06-01 (a), then c without a date.
    for (const input of [
      [a, b, c, d],
      [d, c, b, a],
      [c, a, d, b],
      [b, d, a, c],
    ]) {
      const r = orderSteps(input);
      expect(ids(r.deals)).toEqual(['b', 'd', 'a', 'c']);
      expect(r.orderedBy).toEqual(['first', 'close_date', 'close_date', 'close_date']);
    }
  });

  it('same tier, value and close date: by opportunity id, whatever the input order', () => {
    const deals = ['q', 'm', 'z', 'a'].map((id) => step(id, '2026-05-01'));
    for (const input of [deals, [...deals].reverse()]) {
      const r = orderSteps(input);
      expect(ids(r.deals)).toEqual(['a', 'm', 'q', 'z']);
      expect(r.orderedBy).toEqual(['first', 'id', 'id', 'id']);
    }
    // Neither has a close date: the id decides too.
    const r = orderSteps([step('y', undefined), step('x', undefined)]);
    expect([ids(r.deals), r.orderedBy]).toEqual([['x', 'y'], ['first', 'id']]);
  });

  it('two deals equal in every key keep their input order (the comparison says "equal")', () => {
    const first = step('same', '2026-05-01', '100', 0, 'first');
    const second = step('same', '2026-05-01', '100', 0, 'second');
    const names = (r: { deals: readonly OpenDeal[] }): string[] => r.deals.map((d) => d.o.name);
    expect(names(orderSteps([first, second]))).toEqual(['first', 'second']);
    expect(names(orderSteps([second, first]))).toEqual(['second', 'first']);
  });

  it('the earlier keys still win over the close date and the id', () => {
    // Tier 0 before tier 1; in a tier, 200 before 100 although its date and id come later.
    const r = orderSteps([step('a', '2026-04-01', '100', 1), step('b', '2026-04-01', '100', 0), step('z', '2026-09-01', '200', 1)]);
    expect([ids(r.deals), r.orderedBy]).toEqual([
      ['b', 'z', 'a'],
      ['first', 'tier', 'weighted_value'],
    ]);
  });
});
