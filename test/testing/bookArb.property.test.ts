import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCustomer, serializeCustomer, type Pipeline } from '../../src/index.js';
import { bookArb, instantArb, pipelineArb, type Book, type BookConstraints } from '../../src/testing/index.js';
import { expectInvalidOption } from './_badConstraint.js';
import { expectLawfulDeal } from './_ledgerLaws.js';

const DAY = 86_400_000;
const ids = (book: Book) => [
  ...book.customers.map((c) => c.id as string),
  ...book.opportunities.map((o) => o.id as string),
  ...book.opportunities.flatMap((o) => o.history.map((e) => e.id ?? '')),
];

/** A book with its constraints, over a random `asOf` and random knobs. */
const caseArb = fc
  .record({
    asOf: instantArb({ min: '2025-02-01', max: '2027-12-31' }),
    winRate: fc.double({ min: 0, max: 1, noNaN: true }),
    closedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    suspendedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    startAnywhere: fc.boolean(),
    maxDeals: fc.integer({ min: 0, max: 12 }),
  })
  .chain((c) => bookArb({ ...c, from: '2025-01-01', maxSteps: 15 }).map((book) => ({ c, book })));

describe('bookArb: a book usable as seed data', () => {
  it('ids are unique across the book; every opportunity names a generated customer and the pipeline', () => {
    fc.assert(
      fc.property(caseArb, ({ book }) => {
        const all = ids(book);
        expect(all.every((id) => id !== '')).toBe(true);
        expect(new Set(all).size).toBe(all.length);
        const customers = new Map(book.customers.map((c) => [c.id as string, c]));
        for (const o of book.opportunities) {
          expect(o.pipelineId).toBe(book.pipeline.id);
          const customer = customers.get(o.customerId);
          expect(customer).toBeDefined();
          expect(o.region).toBe(customer!.region);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('every ledger ends by asOf, in time order, and obeys the ledger laws; every value parses back equal', () => {
    fc.assert(
      fc.property(caseArb, ({ c, book }) => {
        for (const o of book.opportunities) expectLawfulDeal(o, book.pipeline, c.asOf);
        for (const customer of book.customers) {
          expect(parseCustomer(JSON.parse(JSON.stringify(serializeCustomer(customer))))).toEqual(customer);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('counts stay within their bounds; ids are numbered from 1 with the prefixes', () => {
    const bounds = fc
      .record({ a: fc.nat(6), b: fc.nat(6), x: fc.integer({ min: 1, max: 5 }), y: fc.integer({ min: 1, max: 5 }) })
      .map(({ a, b, x, y }) => ({ minDeals: Math.min(a, b), maxDeals: Math.max(a, b), minCustomers: Math.min(x, y), maxCustomers: Math.max(x, y) }));
    fc.assert(
      fc.property(bounds.chain((k) => bookArb({ ...k, customerIdPrefix: 'cust', opportunityIdPrefix: 'deal' }).map((book) => ({ k, book }))), ({ k, book }) => {
        expect(book.opportunities.length).toBeGreaterThanOrEqual(k.minDeals);
        expect(book.opportunities.length).toBeLessThanOrEqual(k.maxDeals);
        expect(book.customers.length).toBeGreaterThanOrEqual(k.minCustomers);
        expect(book.customers.length).toBeLessThanOrEqual(k.maxCustomers);
        expect(book.customers.map((c) => c.id)).toEqual(book.customers.map((_, i) => `cust-${i + 1}`));
        expect(book.opportunities.map((o) => o.id)).toEqual(book.opportunities.map((_, i) => `deal-${i + 1}`));
      }),
      { numRuns: 100 },
    );
  });

  it('a given pipeline is used as is', () => {
    fc.assert(
      fc.property(
        pipelineArb({ id: 'sales' }).chain((pipeline) => bookArb({ pipeline, maxDeals: 8 }).map((book) => ({ pipeline, book }))),
        ({ pipeline, book }) => {
          expect(book.pipeline).toBe(pipeline);
          for (const o of book.opportunities) expectLawfulDeal(o, pipeline);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('bookArb knobs: laws that hold for every deal', () => {
  const statuses = (knobs: BookConstraints) =>
    fc.sample(bookArb({ ...knobs, minDeals: 40, maxDeals: 40 }), { numRuns: 10 }).flatMap((b) => b.opportunities.map((o) => o.status));

  it('winRate 1: every closed deal is won; winRate 0: none is', () => {
    const won = statuses({ winRate: 1, closedShare: 0.8 });
    expect(won).not.toContain('lost');
    expect(won).toContain('won');
    const lost = statuses({ winRate: 0, closedShare: 0.8 });
    expect(lost).not.toContain('won');
    expect(lost).toContain('lost');
  });

  it('suspendedShare 0: no deal is suspended; 1: every open deal is', () => {
    const none = statuses({ suspendedShare: 0, closedShare: 0.2 });
    expect(none).not.toContain('suspended');
    expect(none).toContain('open');
    const all = statuses({ suspendedShare: 1, closedShare: 0.2 });
    expect(all).not.toContain('open');
    expect(all).toContain('suspended');
  });

  it('closedShare 0: every deal is still open at asOf; 1: every deal is closed', () => {
    expect(statuses({ closedShare: 0 }).every((s) => s === 'open' || s === 'suspended')).toBe(true);
    expect(statuses({ closedShare: 1 }).every((s) => s === 'won' || s === 'lost')).toBe(true);
  });

  it('daysPerStage with min = max: every stay in a stage lasts exactly that long', () => {
    const stageEvents = new Set(['created', 'stage_changed', 'won', 'lost', 'reopened']);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }).chain((d) =>
          bookArb({ daysPerStage: { min: d, max: d }, from: '2020-01-01', asOf: '2026-01-01T00:00:00Z', maxSteps: 10, maxDeals: 10 }).map((book) => ({ d, book })),
        ),
        ({ d, book }) => {
          for (const o of book.opportunities) {
            const times = o.history.filter((e) => stageEvents.has(e.type)).map((e) => e.at.getTime());
            for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(d * DAY);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('bookArb knobs on average', () => {
  // 2 000 deals, each closed (closedShare 1) and won with probability 0.3: the number won
  // is Binomial(2000, 0.3), mean 600, standard deviation 20.5. The band is ±6 standard
  // deviations, which a correct generator leaves with probability below 2e-9.
  it('winRate is the share of closed deals won', () => {
    const deals = fc.sample(bookArb({ winRate: 0.3, closedShare: 1, minDeals: 200, maxDeals: 200 }), { numRuns: 10 }).flatMap((b) => b.opportunities);
    const won = deals.filter((o) => o.status === 'won').length;
    expect(deals.length).toBe(2000);
    expect(Math.abs(won - 600)).toBeLessThanOrEqual(6 * Math.sqrt(2000 * 0.3 * 0.7));
  });

  it('suspendedShare is the share of open deals suspended', () => {
    const deals = fc.sample(bookArb({ suspendedShare: 0.2, closedShare: 0, minDeals: 200, maxDeals: 200 }), { numRuns: 10 }).flatMap((b) => b.opportunities);
    const suspended = deals.filter((o) => o.status === 'suspended').length;
    expect(Math.abs(suspended - 400)).toBeLessThanOrEqual(6 * Math.sqrt(2000 * 0.2 * 0.8));
  });
});

describe('bookArb constraints', () => {
  const pipelineWithoutLost = { id: 'p', name: 'p', currency: 'CNY', stages: [{ id: 'a', kind: 'open' }, { id: 'w', kind: 'won' }] } as unknown as Pipeline;

  it.each<[string, BookConstraints]>([
    ['winRate', { winRate: 1.5 }],
    ['winRate', { winRate: Number.NaN }],
    ['closedShare', { closedShare: -0.1 }],
    ['suspendedShare', { suspendedShare: 2 }],
    ['daysPerStage', { daysPerStage: { min: 5, max: 2 } }],
    ['daysPerStage', { daysPerStage: { min: -1, max: 2 } }],
    ['minDeals', { minDeals: -1 }],
    ['maxDeals', { minDeals: 5, maxDeals: 2 }],
    ['minCustomers', { minCustomers: 0 }],
    ['maxCustomers', { minCustomers: 3, maxCustomers: 2 }],
    ['maxSteps', { maxSteps: 1.5 }],
    ['maxAmount', { maxAmount: 0 }],
    ['owners', { owners: [] }],
    ['regions', { regions: [''] }],
    ['from', { from: '2026-02-30' }],
    ['to', { from: '2026-01-01', to: '2025-12-31' }],
    ['asOf', { asOf: '2026-01-01' }],
    ['asOf', { from: '2026-01-01', asOf: '2025-12-31T00:00:00Z' }],
    ['opportunityIdPrefix', { customerIdPrefix: 'x', opportunityIdPrefix: 'x' }],
    ['customerIdPrefix', { customerIdPrefix: '' }],
    ['pipeline', { pipeline: pipelineWithoutLost }],
  ])('%s: %j throws invalid_option at once', (option, constraints) => {
    expectInvalidOption(() => bookArb(constraints), option);
  });

  it('no customers is fine for a book without deals', () => {
    const [book] = fc.sample(bookArb({ minCustomers: 0, maxCustomers: 0, maxDeals: 0 }), { numRuns: 1 });
    expect(book).toMatchObject({ customers: [], opportunities: [] });
  });
});
