import { describe, expect, it } from 'vitest';
import { dealColumns, Decimal, forecastCategoriesAccumulator, FunnelError, type GroupKey, money, parseOpportunity, weightedForecast, weightedForecastAccumulator, type Opportunity, type WeightedForecast, type WeightedForecastOptions } from '../../src/index.js';
import { customers, deal, pipeline, snapshot } from './_fixtures.js';

const amounts = (f: ReturnType<typeof weightedForecast>) =>
  f.groups.map((g) => [g.key.join('|'), g.value.count, g.value.amount.amount.toString(), g.value.weighted.amount.toString()]);

describe('weightedForecast: probability precedence', () => {
  it('uses the override, else the stage default; won 1, lost 0, suspended left out', () => {
    const deals = [
      deal({ stageId: 'qualify', amount: '1000000', expectedCloseDate: '2026-02-01' }), // 100 万 × 25 % = 25 万
      deal({ stageId: 'qualify', amount: '1000000', expectedCloseDate: '2026-02-01', probabilityOverride: '0.6' }), // 100 万 × 60 % = 60 万
      deal({ stageId: 'won', amount: '300000', expectedCloseDate: '2026-02-01', closedAt: '2026-02-20T00:00:00Z' }), // × 1 = 30 万
      deal({ stageId: 'lost', amount: '500000', expectedCloseDate: '2026-02-01', closedAt: '2026-02-21T00:00:00Z' }), // × 0
      deal({ stageId: 'negotiate', status: 'suspended', amount: '700000', expectedCloseDate: '2026-02-01' }), // out
    ];
    const f = weightedForecast(deals, pipeline);
    // 25 万 + 60 万 + 30 万 = 115 万 weighted; unweighted open + won = 100 + 100 + 30 = 230 万
    expect(f.total.weighted.amount.toString()).toBe('1150000');
    expect(f.total.amount.amount.toString()).toBe('2300000');
    expect(f.total.count).toBe(3);
    expect(f.total.open.weighted.amount.toString()).toBe('850000');
    expect(f.total.won.amount.amount.toString()).toBe('300000');
    expect(f.total.won.weighted.amount.toString()).toBe('300000');
    expect(f.total.lost.count).toBe(1);
    expect(f.total.lost.amount.amount.toString()).toBe('500000');
    expect(f.total.lost.weighted.amount.toString()).toBe('0');
    expect(f.suspended.count).toBe(1);
    expect(f.suspended.amount.amount.toString()).toBe('700000');
    expect(f.suspended.opportunityIds).toEqual([deals[4]?.id]);
    // Without groupBy there are no groups, only the total.
    expect(f.groupBy).toEqual([]);
    expect(f.groups).toEqual([]);
  });

  it('an override of 0 counts as 0, not as "no override"', () => {
    const f = weightedForecast([deal({ stageId: 'negotiate', amount: '100', expectedCloseDate: '2026-01-01', probabilityOverride: '0' })], pipeline);
    expect(f.total.weighted.amount.toString()).toBe('0');
    expect(f.total.amount.amount.toString()).toBe('100');
  });

  it('sums exactly: 3 × 0.10 at 30 % is 0.09, not 0.09000000000000001', () => {
    const deals = [1, 2, 3].map(() => deal({ stageId: 'lead', amount: '0.10', expectedCloseDate: '2026-01-01', probabilityOverride: '0.3' }));
    expect(weightedForecast(deals, pipeline).total.weighted.amount.toString()).toBe('0.09');
  });
});

describe('weightedForecast: grouping by period', () => {
  const deals = () => [
    deal({ stageId: 'qualify', amount: '400', expectedCloseDate: '2026-03-31' }), // 100 in 2026-03 / Q1 / FY2026-Q4 (April start)
    deal({ stageId: 'proposal', amount: '400', expectedCloseDate: '2026-04-01' }), // 200 in 2026-04 / Q2 / FY2027-Q1
    deal({ stageId: 'negotiate', amount: '400', expectedCloseDate: '2026-12-31' }), // 300 in 2026-12 / Q4 / FY2027-Q3
    deal({ stageId: 'lead', amount: '400', expectedCloseDate: '2027-01-01' }), // 40 in 2027-01 / 2027-Q1 / FY2027-Q4
  ];

  it('by month, quarter and year', () => {
    expect(amounts(weightedForecast(deals(), pipeline, { groupBy: ['period'], period: { unit: 'month' } }))).toEqual([
      ['2026-03', 1, '400', '100'],
      ['2026-04', 1, '400', '200'],
      ['2026-12', 1, '400', '300'],
      ['2027-01', 1, '400', '40'],
    ]);
    expect(amounts(weightedForecast(deals(), pipeline, { groupBy: ['period'] }))).toEqual([
      ['2026-Q1', 1, '400', '100'],
      ['2026-Q2', 1, '400', '200'],
      ['2026-Q4', 1, '400', '300'],
      ['2027-Q1', 1, '400', '40'],
    ]);
    expect(amounts(weightedForecast(deals(), pipeline, { groupBy: ['period'], period: { unit: 'year' } }))).toEqual([
      ['2026', 3, '1200', '600'],
      ['2027', 1, '400', '40'],
    ]);
  });

  it('by fiscal quarter and fiscal year with an April start', () => {
    const fq = weightedForecast(deals(), pipeline, { groupBy: ['period'], period: { unit: 'fiscal_quarter', fiscalYearStartMonth: 4 } });
    expect(amounts(fq)).toEqual([
      ['FY2026-Q4', 1, '400', '100'],
      ['FY2027-Q1', 1, '400', '200'],
      ['FY2027-Q3', 1, '400', '300'],
      ['FY2027-Q4', 1, '400', '40'],
    ]);
    const fy = weightedForecast(deals(), pipeline, { groupBy: ['period'], period: { unit: 'fiscal_year', fiscalYearStartMonth: 4 } });
    // FY2027 = April 2026 – March 2027: 200 + 300 + 40
    expect(amounts(fy)).toEqual([
      ['FY2026', 1, '400', '100'],
      ['FY2027', 3, '1200', '540'],
    ]);
  });

  it('dates closed deals by closedAt (at the given offset), open deals by expectedCloseDate', () => {
    const won = deal({ stageId: 'won', amount: '50', expectedCloseDate: '2026-06-30', closedAt: '2026-03-31T20:00:00Z' });
    const lost = deal({ stageId: 'lost', amount: '70', expectedCloseDate: '2026-06-30', closedAt: '2026-01-05T00:00:00Z' });
    const byStatus = (f: ReturnType<typeof weightedForecast>) =>
      f.groups.map((g) => [g.key[0], g.value.won.amount.amount.toString(), g.value.lost.amount.amount.toString()]);
    const utc = weightedForecast([won, lost], pipeline, { groupBy: ['period'] });
    expect(byStatus(utc)).toEqual([['2026-Q1', '50', '70']]);
    // 20:00 UTC on 31 March is 04:00 on 1 April in Beijing (UTC+8).
    const beijing = weightedForecast([won, lost], pipeline, { groupBy: ['period'], period: { unit: 'quarter', offsetMinutes: 480 } });
    // The zone may be given for the whole call instead of on the period.
    expect(byStatus(weightedForecast([won, lost], pipeline, { groupBy: ['period'], offsetMinutes: 480 }))).toEqual(byStatus(beijing));
    expect(byStatus(weightedForecast([won, lost], pipeline, { groupBy: ['period'], timeZone: 'Asia/Shanghai' }))).toEqual(byStatus(beijing));
    expect(byStatus(beijing)).toEqual([
      ['2026-Q1', '0', '70'],
      ['2026-Q2', '50', '0'],
    ]);
  });

  it('reports deals without a date as unforecastable, in no group and not in total, whatever the grouping', () => {
    const noDate = deal({ stageId: 'negotiate', amount: '1000' });
    const wonNoDate = deal({ stageId: 'won', amount: '10' }); // neither closedAt nor expectedCloseDate
    const lostNoDate = deal({ stageId: 'lost', amount: '5' });
    const wonExpected = deal({ stageId: 'won', amount: '20', expectedCloseDate: '2026-05-05' }); // falls back to the expected date
    const deals = [noDate, wonNoDate, lostNoDate, wonExpected];
    for (const [groupBy, input] of [[], ['owner'], ['period']].flatMap((g) => [[g, deals], [g, dealColumns(deals, pipeline)]] as const)) {
      const f = weightedForecast(input, pipeline, { groupBy: [...groupBy] as GroupKey[] });
      // open + won without a date: 1000 open (× 75 %) and 10 won
      expect(f.unforecastable.count).toBe(2);
      expect(f.unforecastable.amount.amount.toString()).toBe('1010');
      expect(f.unforecastable.weighted.amount.toString()).toBe('760'); // 1000 × 75 % + 10
      expect(f.unforecastable.open.weighted.amount.toString()).toBe('750');
      expect(f.unforecastable.won.amount.amount.toString()).toBe('10');
      expect(f.unforecastable.lost.amount.amount.toString()).toBe('5');
      expect(f.unforecastable.opportunityIds).toEqual([noDate.id, wonNoDate.id, lostNoDate.id]);
      expect(f.total.weighted.amount.toString()).toBe('20');
      expect(f.total.count).toBe(1);
      // The book is everything but suspended deals: total + unforecastable, status by status.
      expect(f.book.count).toBe(3);
      expect(f.book.amount.amount.toString()).toBe('1030'); // 1000 + 10 + 20
      expect(f.book.weighted.amount.toString()).toBe('780'); // 750 + 10 + 20
      expect(f.book.open.count).toBe(1);
      expect(f.book.won.amount.amount.toString()).toBe('30');
      expect(f.book.lost.count).toBe(1);
      expect(f.book.lost.amount.amount.toString()).toBe('5');
    }
  });

  it('book + lost + suspended reconcile with a plain sum over every deal', () => {
    const deals = [
      deal({ stageId: 'qualify', amount: '100', expectedCloseDate: '2026-01-10' }),
      deal({ stageId: 'qualify', amount: '200' }), // no date
      deal({ stageId: 'won', amount: '300', closedAt: '2026-02-01T00:00:00Z' }),
      deal({ stageId: 'lost', amount: '400', closedAt: '2026-02-01T00:00:00Z' }),
      deal({ stageId: 'negotiate', status: 'suspended', amount: '500', expectedCloseDate: '2026-01-10' }),
    ];
    const f = weightedForecast(deals, pipeline, { groupBy: ['period'] });
    // SELECT SUM(amount) over every deal = 1500
    expect(f.book.amount.amount.plus(f.book.lost.amount.amount).plus(f.suspended.amount.amount).toString()).toBe('1500');
    // The total alone leaves out the deal without a date: 100 + 300 open and won.
    expect(f.total.amount.amount.toString()).toBe('400');
    expect(f.book.open.amount.amount.toString()).toBe('300');
  });
});

describe('weightedForecast: periods on a time zone’s calendar', () => {
  it('a deal won at 22:30 UTC on 30 June is in Q3 in Berlin (summer time), in Q2 at +01:00 and in UTC', () => {
    const won = deal({ stageId: 'won', amount: '100', closedAt: '2026-06-30T22:30:00Z' });
    const quarter = (options: Parameters<typeof weightedForecast>[2]) => weightedForecast([won], pipeline, { groupBy: ['period'], ...options }).groups[0]?.key[0];
    expect(quarter({ timeZone: 'Europe/Berlin' })).toBe('2026-Q3');
    expect(quarter({ period: { unit: 'quarter', timeZone: 'Europe/Berlin' } })).toBe('2026-Q3');
    expect(quarter({ offsetMinutes: 60 })).toBe('2026-Q2');
    expect(quarter({})).toBe('2026-Q2');
  });

  it('a deal won at 07:30 on 1 April in Shanghai is in Q2 for Asia/Shanghai and in Q1 in UTC', () => {
    const won = deal({ stageId: 'won', amount: '100', closedAt: '2026-04-01T07:30:00+08:00' });
    expect(weightedForecast([won], pipeline, { groupBy: ['period'], timeZone: 'Asia/Shanghai' }).groups[0]?.key).toEqual(['2026-Q2']);
    expect(weightedForecast([won], pipeline, { groupBy: ['period'] }).groups[0]?.key).toEqual(['2026-Q1']);
  });

  it('open deals are dated by their calendar close date, whatever the zone', () => {
    const open = deal({ stageId: 'qualify', amount: '100', expectedCloseDate: '2026-06-30' });
    for (const timeZone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
      expect(weightedForecast([open], pipeline, { groupBy: ['period'], timeZone }).groups[0]?.key).toEqual(['2026-Q2']);
    }
  });
});

describe('weightedForecast: grouping by other keys', () => {
  it('by team and by project type', () => {
    const deals = [
      deal({ stageId: 'qualify', amount: '100', expectedCloseDate: '2026-01-10', ownerId: 'rep-li', attributes: { projectType: 'large' } }),
      deal({ stageId: 'qualify', amount: '300', expectedCloseDate: '2026-01-11', ownerId: 'rep-zhao', attributes: { projectType: 'small' } }),
      deal({ stageId: 'negotiate', amount: '200', expectedCloseDate: '2026-01-12', ownerId: 'rep-wu' }),
    ];
    const teams = { 'rep-li': '华东组', 'rep-zhao': '华东组' };
    expect(amounts(weightedForecast(deals, pipeline, { groupBy: ['team'], teams }))).toEqual([
      ['(none)', 1, '200', '150'],
      ['华东组', 2, '400', '100'],
    ]);
    expect(amounts(weightedForecast(deals, pipeline, { groupBy: ['project_type'] }))).toEqual([
      ['(none)', 1, '200', '150'],
      ['large', 1, '100', '25'],
      ['small', 1, '300', '75'],
    ]);
  });

  it('by stage, owner, region, customer segment and a key function, keyed by tuples in order', () => {
    const deals = [
      deal({ stageId: 'qualify', amount: '100', expectedCloseDate: '2026-01-10', ownerId: 'rep-li', region: '华东', customerId: 'c-new' }),
      deal({ stageId: 'qualify', amount: '300', expectedCloseDate: '2026-01-11', ownerId: 'rep-li', region: '华东', customerId: 'c-old' }),
      deal({ stageId: 'negotiate', amount: '200', expectedCloseDate: '2026-01-12', ownerId: 'rep-zhao', customerId: 'c-new' }),
    ];
    expect(amounts(weightedForecast(deals, pipeline, { groupBy: ['stage'] }))).toEqual([
      ['negotiate', 1, '200', '150'],
      ['qualify', 2, '400', '100'],
    ]);
    expect(amounts(weightedForecast(deals, pipeline, { groupBy: ['owner', 'region'] }))).toEqual([
      ['rep-li|华东', 2, '400', '100'],
      ['rep-zhao|(none)', 1, '200', '150'],
    ]);
    expect(amounts(weightedForecast(deals, pipeline, { groupBy: ['customer_type'], customers }))).toEqual([
      ['existing', 1, '300', '75'],
      ['new', 2, '300', '175'],
    ]);
    const size = (o: Opportunity) => (o.amount.amount.gte(200) ? 'large' : 'small');
    const bySize = weightedForecast(deals, pipeline, { groupBy: [size, 'period'] });
    expect(bySize.groupBy).toEqual(['size', 'period']);
    expect(amounts(bySize)).toEqual([
      ['large|2026-Q1', 2, '500', '225'],
      ['small|2026-Q1', 1, '100', '25'],
    ]);
  });

  it('credits split deals to each split owner, adding up exactly to the deal amount', () => {
    const split = deal({
      stageId: 'proposal',
      amount: '100.00',
      expectedCloseDate: '2026-02-01',
      ownerId: 'rep-li',
      splits: [
        { ownerId: 'rep-li', basisPoints: 3334 },
        { ownerId: 'rep-wu', basisPoints: 3333 },
        { ownerId: 'rep-zhao', basisPoints: 3333 },
        { ownerId: 'rep-nobody', basisPoints: 0 },
      ],
    });
    const f = weightedForecast([split], pipeline, { groupBy: ['owner'] });
    // 100.00 → 33.34 + 33.33 + 33.33; weighted 50.00 → 16.67 + 16.67 + 16.66 (largest remainder)
    expect(amounts(f)).toEqual([
      ['rep-li', 1, '33.34', '16.67'],
      ['rep-wu', 1, '33.33', '16.67'],
      ['rep-zhao', 1, '33.33', '16.66'],
    ]);
    expect(f.total.amount.amount.toString()).toBe('100');
    expect(f.total.weighted.amount.toString()).toBe('50');
    expect(f.total.count).toBe(1); // one deal, three rows
    // Without owner grouping the deal is not split.
    expect(amounts(weightedForecast([split], pipeline, { groupBy: ['stage'] }))).toEqual([['proposal', 1, '100', '50']]);
  });

  it('rounds a split weighted amount once, to the minor unit, before sharing it out', () => {
    // 100.01 × 25 % = 25.0025 → 25.00 → 8.33 + 16.67
    const split = deal({
      stageId: 'qualify',
      amount: '100.01',
      expectedCloseDate: '2026-02-01',
      splits: [
        { ownerId: 'a', basisPoints: 3333 },
        { ownerId: 'b', basisPoints: 6667 },
      ],
    });
    const f = weightedForecast([split], pipeline, { groupBy: ['owner'] });
    expect(amounts(f)).toEqual([
      ['a', 1, '33.33', '8.33'],
      ['b', 1, '66.68', '16.67'],
    ]);
  });
});

describe('weightedForecast: split amounts beyond what doubles hold exactly', () => {
  it('shares out an amount of more than 2^53 fen exactly, by the largest remainder', () => {
    // 12 345 678 901 234 567 890.01 yuan is T = 1 234 567 890 123 456 789 001 fen (≈ 1.2·10²¹ > 2^53),
    // so the shares are made by exact allocation. 3 334 / 3 333 / 3 333 points of T: floors
    // …493 453, …147 774, …147 774 with remainders 9 334, 333, 333 (÷ 10 000); the one fen left
    // goes to the largest remainder, already counted: the floors were …493 452 + 1. Check:
    // 411 604 934 567 160 493 453 + 2 × 411 481 477 778 148 147 774 = T.
    // Weighted at proposal's 50 %: 6 172 839 450 617 283 945.005, rounded half-even to the fen
    // (…945.00), W = 617 283 945 061 728 394 500 fen: floors …246 726, …073 886, …073 886,
    // remainders 3 000, 8 500, 8 500, two fen left: one each to the two 8 500s.
    const split = deal({
      stageId: 'proposal',
      amount: '12345678901234567890.01',
      expectedCloseDate: '2026-02-01',
      splits: [
        { ownerId: 'rep-li', basisPoints: 3334 },
        { ownerId: 'rep-wu', basisPoints: 3333 },
        { ownerId: 'rep-zhao', basisPoints: 3333 },
      ],
    });
    for (const input of [[split], dealColumns([split], pipeline)]) {
      const f = weightedForecast(input, pipeline, { groupBy: ['owner'] });
      expect(amounts(f)).toEqual([
        ['rep-li', 1, '4116049345671604934.53', '2058024672835802467.26'],
        ['rep-wu', 1, '4114814777781481477.74', '2057407388890740738.87'],
        ['rep-zhao', 1, '4114814777781481477.74', '2057407388890740738.87'],
      ]);
      expect(f.total.amount.amount.toString()).toBe('12345678901234567890.01');
    }
  });
});

describe('weightedForecast: sums beyond 2^53 minor units', () => {
  it('adds amounts that are each a safe number of fen but together are not, exactly (objects and columns)', () => {
    // 50 000 000 000 000.01 yuan is 5 000 000 000 000 001 fen, below 2^53 ≈ 9.007·10^15; two of them
    // are 10 000 000 000 000 002 fen, above it: the running sum moves to a bigint.
    const won = (id: string) => deal({ id, stageId: 'won', amount: '50000000000000.01', expectedCloseDate: '2026-02-01', closedAt: '2026-02-20T00:00:00Z' });
    const deals = [won('big-1'), won('big-2'), won('big-3')];
    for (const input of [deals, dealColumns(deals, pipeline)]) {
      const f = weightedForecast(input, pipeline);
      expect(f.total.amount.amount.toString()).toBe('150000000000000.03');
      expect(f.total.won.amount.amount.toString()).toBe('150000000000000.03');
      expect(f.total.weighted.amount.toString()).toBe('150000000000000.03');
      expect(f.total.count).toBe(3);
    }
  });

  it('spills on columns as on deals: a sum left wholly in the bigint, an odd sum past 2^53, a class that is not the first', () => {
    const won = (id: string, amount: string) => deal({ id, stageId: 'won', amount, expectedCloseDate: '2026-02-01', closedAt: '2026-02-20T00:00:00Z' });
    // An open deal first, so that the won deals' sums are not the first cell.
    const open = deal({ id: 'small', stageId: 'negotiate', amount: '1', expectedCloseDate: '2026-02-01' });
    // Two won deals of 5 000 000 000 000 001 fen: the second spills, and the safe part of the sum is 0.
    const two = [open, won('a', '50000000000000.01'), won('b', '50000000000000.01')];
    // A third of 5 000 000 000 000 002 fen: 15 000 000 000 000 004 fen in all, the odd 10 000 000 000 000 003
    // of the last two never held in a double.
    const three = [open, won('a', '50000000000000.01'), won('b', '50000000000000.01'), won('c', '50000000000000.02')];
    for (const [deals, sum] of [
      [two, '100000000000000.02'],
      [three, '150000000000000.04'],
    ] as const) {
      for (const input of [deals, dealColumns(deals, pipeline)]) {
        const f = weightedForecast(input, pipeline);
        expect(f.total.won.amount.amount.toString()).toBe(sum);
        expect(f.total.amount.amount.toString()).toBe(new Decimal(sum).plus(1).toString());
        expect(f.total.count).toBe(deals.length);
      }
    }
  });
});

describe('weightedForecast: currency', () => {
  it('converts with the rates table into the pipeline currency or the one asked for', () => {
    const deals = [
      deal({ stageId: 'negotiate', amount: { amount: '100', currency: 'USD' }, expectedCloseDate: '2026-01-01' }), // 710 CNY × 75 %
      deal({ stageId: 'won', amount: '290', expectedCloseDate: '2026-01-01', closedAt: '2026-01-02T00:00:00Z' }),
    ];
    const rates = { base: 'CNY', rates: { USD: '7.10' } };
    const cny = weightedForecast(deals, pipeline, { rates });
    expect(cny.currency).toBe('CNY');
    expect(cny.total.amount.amount.toString()).toBe('1000');
    expect(cny.total.weighted.amount.toString()).toBe('822.5'); // 532.5 + 290
    const usd = weightedForecast(deals, pipeline, { rates, currency: 'USD' });
    // 100 + 290 / 7.10 = 140.845070422535…, kept to 40 significant digits (rounded only at presentation)
    expect(usd.total.amount.currency).toBe('USD');
    expect(usd.total.amount.amount.toFixed(10)).toBe('140.8450704225');
    expect(usd.total.amount.amount.precision()).toBe(40);
  });

  it('merges shards whose rates tables list the same rates in another order', () => {
    const usd = deal({ stageId: 'negotiate', amount: { amount: '100', currency: 'USD' }, expectedCloseDate: '2026-01-01' }); // 710 CNY × 75 %
    const eur = deal({ stageId: 'negotiate', amount: { amount: '100', currency: 'EUR' }, expectedCloseDate: '2026-01-01' }); // 780 CNY × 75 %
    const one = weightedForecastAccumulator(pipeline, { rates: { base: 'CNY', rates: { USD: '7.10', EUR: '7.80' } } });
    const two = weightedForecastAccumulator(pipeline, { rates: { base: 'CNY', rates: { EUR: '7.80', USD: '7.10' } } });
    one.add([usd]);
    two.add([eur]);
    one.merge(two.partial());
    expect(one.result().total.weighted.amount.toString()).toBe('1117.5'); // (710 + 780) × 75 %
  });

  it('refuses mixed currencies without rates, and a currency missing from the table', () => {
    const usd = deal({ stageId: 'lead', amount: { amount: '1', currency: 'USD' }, expectedCloseDate: '2026-01-01' });
    expect(() => weightedForecast([usd], pipeline)).toThrow(expect.objectContaining({ code: 'currency_mismatch' }));
    expect(() => weightedForecast([usd], pipeline, { rates: { base: 'CNY', rates: { EUR: '7.8' } } })).toThrow(
      expect.objectContaining({ code: 'missing_rate' }),
    );
  });
});

describe('weightedForecast: errors and contract', () => {
  it('throws FunnelError for programmer errors', () => {
    const other = { ...deal({ stageId: 'lead', expectedCloseDate: '2026-01-01' }), pipelineId: 'other' } as Opportunity;
    const unknown = { ...deal({ stageId: 'lead', expectedCloseDate: '2026-01-01' }), stageId: 'nope' } as Opportunity;
    const ok = [deal({ stageId: 'lead', expectedCloseDate: '2026-01-01' })];
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof FunnelError ? e.code : 'not a FunnelError';
      }
      return 'no error';
    };
    expect(code(() => weightedForecast([other], pipeline))).toBe('pipeline_mismatch');
    expect(code(() => weightedForecast([unknown], pipeline))).toBe('unknown_stage');
    expect(code(() => weightedForecast(ok, pipeline, { groupBy: ['owner', 'owner'] }))).toBe('invalid_option');
    expect(code(() => weightedForecast(ok, pipeline, { groupBy: ['customer_type'] }))).toBe('invalid_option');
    expect(code(() => weightedForecast(ok, pipeline, { groupBy: ['team'] }))).toBe('invalid_option');
    expect(code(() => weightedForecast(ok, pipeline, { timeZone: 'Mars/Olympus' }))).toBe('invalid_option');
    expect(code(() => weightedForecast(ok, pipeline, { timeZone: 'Asia/Shanghai', offsetMinutes: 480 }))).toBe('invalid_option');
    expect(code(() => weightedForecast(ok, pipeline, { groupBy: [() => 7 as never] }))).toBe('invalid_option');
    expect(code(() => weightedForecast(ok, pipeline, { groupBy: ['period'], period: { unit: 'fiscal_quarter', fiscalYearStartMonth: 13 } }))).toBe(
      'invalid_option',
    );
    // Checked up front, even without deals.
    expect(code(() => weightedForecast([], pipeline, { groupBy: ['period'], period: { unit: 'week' as never } }))).toBe('invalid_option');
  });

  it('reads the iterable once and leaves the deals unchanged', () => {
    const deals = [
      deal({ stageId: 'qualify', amount: '100', expectedCloseDate: '2026-01-10', splits: [{ ownerId: 'a', basisPoints: 5000 }, { ownerId: 'b', basisPoints: 5000 }] }),
      deal({ stageId: 'won', amount: '100', closedAt: '2026-01-10T00:00:00Z' }),
    ];
    const before = snapshot(deals);
    let reads = 0;
    const once: Iterable<Opportunity> = {
      [Symbol.iterator]() {
        reads += 1;
        if (reads > 1) throw new Error('read twice');
        return deals[Symbol.iterator]();
      },
    };
    const f = weightedForecast(once, pipeline, { groupBy: ['period', 'owner'] });
    expect(reads).toBe(1);
    expect(f.total.count).toBe(2);
    expect(snapshot(deals)).toBe(before);
  });

  it('gives an empty forecast for no deals', () => {
    const f = weightedForecast([], pipeline, { groupBy: ['period'] });
    expect(f.groups).toEqual([]);
    expect(f.total.count).toBe(0);
    expect(f.total.weighted).toEqual(money('0', 'CNY'));
  });
});

describe('weightedForecast: as of an instant', () => {
  const cny = (amount: string) => ({ amount, currency: 'CNY' });
  const ledgerDeal = (id: string, fields: Record<string, unknown>) =>
    parseOpportunity({ id, customerId: 'c-1', pipelineId: 'direct', name: id, ownerId: 'rep-li', amount: cny('100'), stageId: 'qualify', ...fields }, { pipeline });
  const book = [
    // won on 3 April, from negotiate (75 %)
    ledgerDeal('A', {
      amount: cny('1000000'), stageId: 'won', status: 'won', expectedCloseDate: '2026-05-15', closedAt: '2026-04-03T02:00:00Z',
      history: [{ type: 'created', at: '2026-03-01T02:00:00Z', stageId: 'negotiate' }, { type: 'won', at: '2026-04-03T02:00:00Z', stageId: 'won' }],
    }),
    // 80 万 cut to 60 万 on 5 April, then advanced to proposal (50 %), with the rep's 40 % since 7 April
    ledgerDeal('C', {
      amount: cny('600000'), stageId: 'proposal', expectedCloseDate: '2026-06-30', probabilityOverride: '0.4',
      history: [
        { type: 'created', at: '2026-03-03T02:00:00Z', stageId: 'qualify' },
        { type: 'amount_changed', at: '2026-04-05T02:00:00Z', from: cny('800000'), to: cny('600000') },
        { type: 'stage_changed', at: '2026-04-06T02:00:00Z', from: 'qualify', to: 'proposal', kind: 'advance' },
        { type: 'probability_changed', at: '2026-04-07T02:00:00Z', from: null, to: '0.4' },
      ],
    }),
    // created on 7 April
    ledgerDeal('D', { amount: cny('400000'), expectedCloseDate: '2026-06-20', history: [{ type: 'created', at: '2026-04-07T02:00:00Z', stageId: 'qualify' }] }),
  ];

  it('rebuilds each deal as it stood then, from its ledger', () => {
    const weighted = (asOf?: string) => {
      const f = weightedForecast(book, pipeline, asOf === undefined ? {} : { asOf });
      return [f.total.count, f.total.weighted.amount.toString(), f.total.won.count];
    };
    expect(weighted('2026-04-01T00:00:00Z')).toEqual([2, '950000', 0]); //  A 75 万 + C 80 万 × 25 % (D not yet created)
    expect(weighted('2026-04-06T12:00:00Z')).toEqual([2, '1300000', 1]); // A won 100 万 + C 60 万 × 50 %
    expect(weighted()).toEqual([3, '1340000', 1]); //                      + C at the rep's 40 % (24 万) + D 40 万 × 25 %
    expect(weighted('2026-02-01T00:00:00Z')).toEqual([0, '0', 0]);
  });

  it('drops an override at a later stage change by default (policy reset), on columns as on objects', () => {
    // E: 100 万 in qualify with the rep's 90 % from 2 April; advanced to proposal (50 %) on 4 April,
    // which resets the override: as of 5 April it counts at 50 %, 50 万; as of 3 April at 90 %.
    // (Raised to 120 万 on 6 April, so that on 5 April the deal is not yet as it stands.)
    const e = ledgerDeal('E', {
      amount: cny('1200000'), stageId: 'proposal', expectedCloseDate: '2026-06-30',
      history: [
        { type: 'created', at: '2026-04-01T02:00:00Z', stageId: 'qualify' },
        { type: 'probability_changed', at: '2026-04-02T02:00:00Z', from: null, to: '0.9' },
        { type: 'stage_changed', at: '2026-04-04T02:00:00Z', from: 'qualify', to: 'proposal', kind: 'advance' },
        { type: 'amount_changed', at: '2026-04-06T02:00:00Z', from: cny('1000000'), to: cny('1200000') },
      ],
    });
    // A pipeline built by hand without a policy has the default one.
    const { policy: _, ...noPolicy } = pipeline;
    for (const p of [pipeline, noPolicy as typeof pipeline]) {
      for (const input of [[e], dealColumns([e], pipeline)]) {
        expect(weightedForecast(input, p, { asOf: '2026-04-05T00:00:00Z' }).total.weighted.amount.toString()).toBe('500000');
        expect(weightedForecast(input, p, { asOf: '2026-04-03T00:00:00Z' }).total.weighted.amount.toString()).toBe('900000');
      }
    }
  });

  it('with asOf at or after every event, equals the forecast without it', () => {
    const options = { groupBy: ['period' as const, 'stage' as const], dealIds: true };
    expect(weightedForecast(book, pipeline, { ...options, asOf: '2026-04-07T02:00:00Z' })).toEqual(weightedForecast(book, pipeline, options));
  });

  it('refuses an asOf that is not an instant', () => {
    expect(() => weightedForecast(book, pipeline, { asOf: '2026-04-01' })).toThrow(expect.objectContaining({ code: 'invalid_option', params: expect.objectContaining({ option: 'asOf' }) }));
  });
});

describe('weightedForecast: drill-down (dealIds)', () => {
  const deals = [
    deal({ id: 'o-a', stageId: 'qualify', amount: '100', expectedCloseDate: '2026-01-10', splits: [{ ownerId: 'rep-li', basisPoints: 5000 }, { ownerId: 'rep-wu', basisPoints: 5000 }] }),
    deal({ id: 'o-b', stageId: 'won', amount: '100', closedAt: '2026-02-10T00:00:00Z' }),
    deal({ id: 'o-c', stageId: 'lost', amount: '100', closedAt: '2026-01-10T00:00:00Z' }),
    deal({ id: 'o-d', stageId: 'proposal', amount: '100' }),
    deal({ id: 'o-e', stageId: 'proposal', amount: '100', expectedCloseDate: '2026-04-10', ownerId: 'rep-wu' }),
    deal({ id: 'o-f', stageId: 'proposal', status: 'suspended', amount: '100', expectedCloseDate: '2026-04-10' }),
  ];

  it('lists the deals behind every figure, in input order; a split deal once in the total and once per owner', () => {
    const f = weightedForecast(deals, pipeline, { groupBy: ['owner'], dealIds: true });
    expect(f.groups.map((g) => [g.key[0], g.value.dealIds, g.value.open.dealIds, g.value.won.dealIds, g.value.lost.dealIds])).toEqual([
      ['rep-li', ['o-a', 'o-b'], ['o-a'], ['o-b'], ['o-c']],
      ['rep-wu', ['o-a', 'o-e'], ['o-a', 'o-e'], [], []],
    ]);
    expect([f.total.dealIds, f.total.open.dealIds, f.total.lost.dealIds]).toEqual([['o-a', 'o-b', 'o-e'], ['o-a', 'o-e'], ['o-c']]);
    expect([f.unforecastable.dealIds, f.unforecastable.opportunityIds]).toEqual([['o-d'], ['o-d']]);
    expect([f.book.dealIds, f.book.lost.dealIds]).toEqual([['o-a', 'o-b', 'o-d', 'o-e'], ['o-c']]);
    expect(f.suspended.opportunityIds).toEqual(['o-f']);
  });

  it('lists nothing unless asked, and refuses a dealIds that is not a boolean', () => {
    const f = weightedForecast(deals, pipeline, { groupBy: ['period'] });
    expect('dealIds' in f.total || f.groups.some((g) => 'dealIds' in g.value || 'dealIds' in g.value.open)).toBe(false);
    expect(() => weightedForecast(deals, pipeline, { dealIds: 'yes' as never })).toThrow(expect.objectContaining({ code: 'invalid_option', params: expect.objectContaining({ option: 'dealIds' }) }));
  });
});

/** The forecast of `deals` from deal objects and from their columns, checked equal; the objects' result. */
function bothPaths(deals: readonly Opportunity[], options: WeightedForecastOptions = {}): WeightedForecast {
  const fromObjects = weightedForecast(deals, pipeline, options);
  expect(weightedForecast(dealColumns(deals, pipeline), pipeline, options)).toEqual(fromObjects);
  return fromObjects;
}

describe('weightedForecast: rows, keys and dates (objects and columns)', () => {
  it('counts lost deals in every row, not only in the total', () => {
    const deals = [
      deal({ stageId: 'lost', amount: '100', ownerId: 'rep-li', closedAt: '2026-01-05T00:00:00Z' }),
      deal({ stageId: 'lost', amount: '200', ownerId: 'rep-li', closedAt: '2026-01-06T00:00:00Z' }),
      deal({ stageId: 'won', amount: '300', ownerId: 'rep-li', closedAt: '2026-01-07T00:00:00Z' }),
      deal({ stageId: 'lost', amount: '400', ownerId: 'rep-wu', closedAt: '2026-01-08T00:00:00Z' }),
      deal({ stageId: 'qualify', amount: '500', ownerId: 'rep-wu', expectedCloseDate: '2026-01-31' }),
    ];
    const f = bothPaths(deals, { groupBy: ['owner'] });
    // rep-li: lost 100 + 200 (2 deals), won 300; rep-wu: lost 400 (1 deal), open 500 × 25 % = 125.
    expect(f.groups.map((g) => [g.key[0], g.value.lost.count, g.value.lost.amount.amount.toString(), g.value.won.count, g.value.open.count, g.value.weighted.amount.toString()])).toEqual([
      ['rep-li', 2, '300', 1, 0, '300'],
      ['rep-wu', 1, '400', 0, 1, '125'],
    ]);
    expect(f.total.lost.count).toBe(3);
  });

  it('gives suspended deals a weighted amount of 0, in the result currency', () => {
    const f = bothPaths([deal({ stageId: 'negotiate', status: 'suspended', amount: '700', expectedCloseDate: '2026-02-01' })]);
    expect([f.suspended.count, f.suspended.amount.amount.toString(), f.suspended.weighted.amount.toString(), f.suspended.weighted.currency]).toEqual([1, '700', '0', 'CNY']);
  });

  it('orders rows of two keys by the first part, then the second (two owners × two stages)', () => {
    // Given in an order that is neither: (wu, qualify), (li, proposal), (wu, proposal), (li, qualify).
    const deals = [
      deal({ stageId: 'qualify', amount: '100', ownerId: 'rep-wu', expectedCloseDate: '2026-01-10' }),
      deal({ stageId: 'proposal', amount: '200', ownerId: 'rep-li', expectedCloseDate: '2026-01-10' }),
      deal({ stageId: 'proposal', amount: '300', ownerId: 'rep-wu', expectedCloseDate: '2026-01-10' }),
      deal({ stageId: 'qualify', amount: '400', ownerId: 'rep-li', expectedCloseDate: '2026-01-10' }),
    ];
    // 'rep-li' < 'rep-wu'; 'proposal' < 'qualify'. Weighted: proposal 50 %, qualify 25 %.
    expect(amounts(bothPaths(deals, { groupBy: ['owner', 'stage'] }))).toEqual([
      ['rep-li|proposal', 1, '200', '100'],
      ['rep-li|qualify', 1, '400', '100'],
      ['rep-wu|proposal', 1, '300', '150'],
      ['rep-wu|qualify', 1, '100', '25'],
    ]);
  });

  it("keeps key tuples apart whose parts run together: ['ab', 'c'] and ['a', 'bc']", () => {
    const part1 = (o: Opportunity) => String(o.attributes.p1);
    const part2 = (o: Opportunity) => String(o.attributes.p2);
    const deals = [
      deal({ stageId: 'proposal', amount: '100', expectedCloseDate: '2026-01-10', attributes: { p1: 'ab', p2: 'c' } }),
      deal({ stageId: 'proposal', amount: '300', expectedCloseDate: '2026-01-10', attributes: { p1: 'a', p2: 'bc' } }),
    ];
    const f = weightedForecast(deals, pipeline, { groupBy: [part1, part2] });
    expect(f.groups.map((g) => [g.key, g.value.count, g.value.amount.amount.toString()])).toEqual([
      [['a', 'bc'], 1, '300'],
      [['ab', 'c'], 1, '100'],
    ]);
  });

  it('refuses a key function that returns something other than a string, naming groupBy', () => {
    const deals = [deal({ stageId: 'lead', expectedCloseDate: '2026-01-01' }), deal({ stageId: 'lead', expectedCloseDate: '2026-01-01', region: '华东' })];
    // Fine for the first deal, a number for the second.
    const byRegion = (o: Opportunity) => (o.region === undefined ? 'none' : (7 as unknown as string));
    expect(() => weightedForecast(deals, pipeline, { groupBy: [byRegion] })).toThrow(
      expect.objectContaining({ code: 'invalid_option', params: expect.objectContaining({ option: 'groupBy' }) }),
    );
  });

  it("dates closed deals at the options' offset, on columns as on objects", () => {
    // Won at 20:00 UTC on 31 March: 04:00 on 1 April at UTC+8.
    const won = deal({ stageId: 'won', amount: '50', closedAt: '2026-03-31T20:00:00Z' });
    expect(bothPaths([won], { groupBy: ['period'] }).groups.map((g) => g.key[0])).toEqual(['2026-Q1']);
    expect(bothPaths([won], { groupBy: ['period'], offsetMinutes: 480 }).groups.map((g) => g.key[0])).toEqual(['2026-Q2']);
    expect(bothPaths([won], { groupBy: ['period'], period: { unit: 'quarter', offsetMinutes: 480 } }).groups.map((g) => g.key[0])).toEqual(['2026-Q2']);
  });

  it('files an undated deal under unforecastable, not under a (none) period, on columns as on objects', () => {
    const f = bothPaths([deal({ stageId: 'proposal', amount: '80' }), deal({ stageId: 'proposal', amount: '20', expectedCloseDate: '2026-05-01' })], { groupBy: ['period'] });
    expect(amounts(f)).toEqual([['2026-Q2', 1, '20', '10']]);
    expect([f.unforecastable.count, f.unforecastable.amount.amount.toString()]).toEqual([1, '80']);
  });

  it('dates an open deal by its expected close date, even when it carries a closedAt (a reopened deal)', () => {
    const reopened = deal({ stageId: 'qualify', amount: '100', expectedCloseDate: '2026-06-30', closedAt: '2026-01-15T00:00:00Z' });
    expect(amounts(bothPaths([reopened], { groupBy: ['period'] }))).toEqual([['2026-Q2', 1, '100', '25']]);
    // Without an expected close date it is unforecastable: its old closedAt does not date it.
    const undated = deal({ stageId: 'qualify', amount: '100', closedAt: '2026-01-15T00:00:00Z' });
    const f = bothPaths([undated], { groupBy: ['period'] });
    expect([f.groups.length, f.unforecastable.count]).toEqual([0, 1]);
  });

  it('credits a deal with an empty split list to its owner, whole', () => {
    // The parser refuses splits that do not add up to 10 000 points; data built around it may still hold [].
    const d: Opportunity = { ...deal({ stageId: 'qualify', amount: '100', ownerId: 'rep-wu', expectedCloseDate: '2026-01-10' }), splits: [] };
    expect(amounts(bothPaths([d], { groupBy: ['owner'] }))).toEqual([['rep-wu', 1, '100', '25']]);
  });
});

describe('weightedForecastAccumulator: what it is and what it keeps', () => {
  // Two open deals in stages of different forecast categories (proposal: best case,
  // negotiate: commit) and a third with a category override: the weighted forecast sums by
  // probability only, so its state has one class per probability and none per category.
  const book = () => [
    deal({ stageId: 'proposal', amount: '100', expectedCloseDate: '2026-02-01' }),
    deal({ stageId: 'negotiate', amount: '200', expectedCloseDate: '2026-02-01' }),
    deal({ stageId: 'negotiate', amount: '300', expectedCloseDate: '2026-02-01', forecastCategoryOverride: 'pipeline' }),
  ];

  it("is a 'weighted_forecast' accumulator, and says so in its partial state", () => {
    const acc = weightedForecastAccumulator(pipeline).add(book());
    expect(acc.kind).toBe('weighted_forecast');
    expect(acc.partial().kind).toBe('weighted_forecast');
  });

  it('keeps one class per probability, never one per forecast category (objects and columns)', () => {
    for (const input of [book(), dealColumns(book(), pipeline)]) {
      const classes = weightedForecastAccumulator(pipeline).add(input).partial().classes;
      // proposal 0.5 and negotiate 0.75: two open classes, whatever the deals' categories
      // (won, lost and suspended have their own, without a category too).
      expect(classes.every((c) => c.category === null)).toBe(true);
      expect(classes.filter((c) => c.status === 'open')).toEqual([
        { status: 'open', probability: '0.5', category: null },
        { status: 'open', probability: '0.75', category: null },
      ]);
    }
  });

  it("refuses to merge the partial state of another kind of accumulator (forecastCategories')", () => {
    const other = forecastCategoriesAccumulator(pipeline).add(book()).partial();
    const acc = weightedForecastAccumulator(pipeline).add(book());
    expect(() => acc.merge(other as never)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    // Left as it was: 100 × 0.5 + 200 × 0.75 + 300 × 0.75 = 425.
    expect(acc.result().total.weighted.amount.toString()).toBe('425');
  });
});

describe('weightedForecast: hostile arguments', () => {
  const thrownBy = (f: () => unknown): FunnelError => {
    try {
      f();
    } catch (e) {
      if (e instanceof FunnelError) return e;
      throw e;
    }
    return expect.fail('no error');
  };

  it('refuses a value that is not a pipeline by name (it used to read its currency first)', () => {
    expect(thrownBy(() => weightedForecast([], null as never)).params).toMatchObject({ name: 'pipeline', reason: { code: 'must_be_pipeline_with_stages' } });
  });

  it('refuses deals that are not deals: the argument, or the item by its place', () => {
    const ok = deal({ stageId: 'qualify', amount: '100' });
    expect(thrownBy(() => weightedForecast(null as never, pipeline)).params).toMatchObject({ name: 'opportunities', reason: { code: 'must_be_deal_batch' } });
    expect(thrownBy(() => weightedForecast([ok, null] as never, pipeline)).params).toMatchObject({ name: 'opportunities[1]', reason: { code: 'must_be_opportunity' } });
    // With asOf the deals go through their replay first: the place is still the input's.
    expect(thrownBy(() => weightedForecast([ok, 5] as never, pipeline, { asOf: '2030-01-01T00:00:00Z' })).params).toMatchObject({ name: 'opportunities[1]' });
    expect(thrownBy(() => weightedForecastAccumulator(pipeline).add(['x'] as never)).params).toMatchObject({ name: 'opportunities[0]' });
  });

  it('refuses rates that are not exchange rates as the option', () => {
    expect(thrownBy(() => weightedForecast([], pipeline, { rates: 5 as never })).params).toMatchObject({ option: 'rates', reason: { code: 'must_be_object' } });
  });
});
