import { describe, expect, it } from 'vitest';
import { salesVelocity, salesVelocityInputs, type Opportunity } from '../../src/index.js';
import { deal, snapshot } from './_fixtures.js';
import { fault } from '../_errors.js';

const created = (at: string) => [{ type: 'created' as const, at, stageId: 'lead' }];

describe('salesVelocityInputs', () => {
  it('measures open deals, win rate, average won deal and mean cycle to win', () => {
    const deals = [
      deal({ stageId: 'lead', amount: '1' }),
      deal({ stageId: 'qualify', amount: '1' }),
      deal({ stageId: 'negotiate', status: 'suspended', amount: '1' }), // not counted
      deal({ stageId: 'won', amount: '300', closedAt: '2026-01-31T00:00:00Z', history: [...created('2026-01-01T00:00:00Z'), { type: 'won', at: '2026-01-31T00:00:00Z', stageId: 'won' }] }), // 30 days
      deal({ stageId: 'won', amount: '500', closedAt: '2026-03-02T00:00:00Z', history: [...created('2026-01-01T00:00:00Z'), { type: 'won', at: '2026-03-02T00:00:00Z', stageId: 'won' }] }), // 60 days
      deal({ stageId: 'lost', amount: '900', closedAt: '2026-02-01T00:00:00Z' }),
      deal({ stageId: 'lost', amount: '900', closedAt: '2026-02-01T00:00:00Z' }),
    ];
    const before = snapshot(deals);
    const i = salesVelocityInputs(deals);
    expect(i.opportunities).toBe(2);
    expect(i.winRate).toBe(0.5); // 2 won / (2 won + 2 lost)
    expect(i.averageDealSize?.amount.toString()).toBe('400'); // (300 + 500) / 2
    expect(i.cycleDays).toBe(45); // (30 + 60) / 2
    expect([i.won, i.lost]).toEqual([2, 2]);
    // 2 × 0.5 × 400 / 45 days
    expect(salesVelocity(i, { periodDays: 45 }).perPeriod?.amount.toString()).toBe('400');
    expect(snapshot(deals)).toBe(before);
  });

  it('gives null where the deals cannot tell', () => {
    const i = salesVelocityInputs([deal({ stageId: 'lead' })]);
    expect([i.winRate, i.averageDealSize, i.cycleDays]).toEqual([null, null, null]);
    expect(salesVelocity(i).perDay).toBeNull();
    const lostOnly = salesVelocityInputs([deal({ stageId: 'lost', closedAt: '2026-01-01T00:00:00Z' })]);
    expect(lostOnly.winRate).toBe(0);
    expect(lostOnly.averageDealSize).toBeNull();
    // A won deal without a ledger, or (built by hand) without closedAt, has no cycle to measure.
    const { closedAt: _closedAt, ...unclosed } = deal({ stageId: 'won', amount: '100', closedAt: '2026-01-01T00:00:00Z', history: [...created('2025-12-01T00:00:00Z'), { type: 'won', at: '2026-01-01T00:00:00Z', stageId: 'won' }] });
    for (const won of [deal({ stageId: 'won', amount: '100', closedAt: '2026-01-01T00:00:00Z' }), unclosed as Opportunity]) {
      const i = salesVelocityInputs([won]);
      expect([i.winRate, i.averageDealSize?.amount.toString(), i.cycleDays]).toEqual([1, '100', null]);
    }
  });

  it('converts won deals in other currencies with rates, and refuses them without', () => {
    const deals = [
      deal({ stageId: 'won', amount: '100', closedAt: '2026-01-01T00:00:00Z' }),
      deal({ stageId: 'won', amount: { amount: '100', currency: 'USD' }, closedAt: '2026-01-01T00:00:00Z' }),
    ];
    expect(salesVelocityInputs(deals, { rates: { base: 'CNY', rates: { USD: '7' } } }).averageDealSize?.amount.toString()).toBe('400');
    expect(() => salesVelocityInputs(deals)).toThrow(expect.objectContaining({ code: 'currency_mismatch' }));
  });

  it('names what is not deals: the argument, or the deal at its index', () => {
    expect(fault(() => salesVelocityInputs(5 as never))).toEqual(['invalid_argument', 'opportunities']);
    const ok = deal({ stageId: 'lead' });
    expect(fault(() => salesVelocityInputs([ok, ok, null as never]))).toEqual(['invalid_argument', 'opportunities[2]']);
  });
});
