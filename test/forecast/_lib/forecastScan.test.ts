// The single pass under quotaFromPipeline and forecastMovement (scanForecast), tested
// directly: what each deal is handed to the visitor as (key, status, amount, weighted).
import { describe, expect, it } from 'vitest';
import { checkGroupBy, groupContextOf, scanForecast, type ScanSettings } from '../../../src/forecast/_lib/forecastScan.js';
import type { Opportunity } from '../../../src/index.js';
import { deal, pipeline } from '../_fixtures.js';

/** Each visit as `key status amount weighted` (key parts joined with '|', '-' for no key); and the summary. */
function visits(deals: readonly Opportunity[], settings: Partial<ScanSettings> & Pick<ScanSettings, 'groupBy'>) {
  const seen: string[] = [];
  const summary = scanForecast(deals, pipeline, { context: {}, requireDate: false, ...settings }, (key, status, amount, weighted) => {
    seen.push(`${key === undefined ? '-' : key.join('|')} ${status} ${amount.toString()} ${weighted.toString()}`);
  });
  return { seen, summary };
}

describe('scanForecast', () => {
  it('gives won deals their amount and lost deals 0 as the weighted amount; open deals amount × p', () => {
    const deals = [
      deal({ stageId: 'won', amount: '300', closedAt: '2026-01-05T00:00:00Z' }),
      deal({ stageId: 'lost', amount: '200', closedAt: '2026-01-06T00:00:00Z' }),
      deal({ stageId: 'qualify', amount: '100', expectedCloseDate: '2026-01-31' }),
    ];
    // qualify: 25 %.
    expect(visits(deals, { groupBy: ['stage'] }).seen).toEqual(['won won 300 300', 'lost lost 200 0', 'qualify open 100 25']);
  });

  it('credits a deal with an empty split list to its owner, whole, and skips 0-point splits', () => {
    // The parser refuses splits that do not add up to 10 000 points; data built around it may still hold [].
    const empty: Opportunity = { ...deal({ stageId: 'qualify', amount: '100', ownerId: 'rep-wu', expectedCloseDate: '2026-01-10' }), splits: [] };
    const split = deal({
      stageId: 'proposal',
      amount: '10',
      ownerId: 'rep-li',
      expectedCloseDate: '2026-01-10',
      splits: [
        { ownerId: 'rep-li', basisPoints: 10_000 },
        { ownerId: 'rep-zhao', basisPoints: 0 },
      ],
    });
    // proposal: 50 %. The split deal is credited to rep-li only (rep-zhao has 0 points).
    expect(visits([empty, split], { groupBy: ['owner'] }).seen).toEqual(['rep-wu open 100 25', 'rep-li open 10 5']);
  });

  it('refuses a key function that returns something other than a string', () => {
    const bad = (o: Opportunity) => (o.region === undefined ? 'none' : (7 as unknown as string));
    const deals = [deal({ stageId: 'lead', expectedCloseDate: '2026-01-01' }), deal({ stageId: 'lead', expectedCloseDate: '2026-01-01', region: '华东' })];
    expect(() => visits(deals, { groupBy: [bad] })).toThrow(expect.objectContaining({ code: 'invalid_option', params: expect.objectContaining({ option: 'groupBy' }) }));
  });

  it('dates an open deal by its expected close date even when it carries a closedAt; a closed one by closedAt', () => {
    const open = deal({ stageId: 'qualify', amount: '100', expectedCloseDate: '2026-06-30', closedAt: '2026-01-15T00:00:00Z' });
    const won = deal({ stageId: 'won', amount: '100', expectedCloseDate: '2026-06-30', closedAt: '2026-01-15T00:00:00Z' });
    expect(visits([open, won], { groupBy: ['period'] }).seen).toEqual(['2026-Q2 open 100 25', '2026-Q1 won 100 100']);
  });

  it('hands an undated deal over without a key when a date is required, under (none) otherwise', () => {
    const undated = deal({ stageId: 'qualify', amount: '100' });
    const required = visits([undated], { groupBy: ['period'], requireDate: true });
    expect([required.seen, required.summary.undatedIds]).toEqual([['- open 100 25'], [undated.id]]);
    expect(visits([undated], { groupBy: ['period'] }).seen).toEqual(['(none) open 100 25']);
  });
});

describe('groupContextOf', () => {
  it('keeps every grouping field given and leaves out those not given (no undefined keys)', () => {
    const teams = { 'rep-li': 'east' };
    const period = { unit: 'month' } as const;
    expect(groupContextOf({ teams, period, timeZone: 'Asia/Shanghai' })).toEqual({ teams, period, timeZone: 'Asia/Shanghai' });
    expect(Object.keys(groupContextOf({ customers: [], offsetMinutes: 480 })).sort()).toEqual(['customers', 'offsetMinutes']);
    expect(groupContextOf({ offsetMinutes: 480 }).offsetMinutes).toBe(480);
    expect(Object.keys(groupContextOf({}))).toEqual([]);
  });

  it("dates a closed deal on the wall clock of the options' offset or zone", () => {
    // Won at 20:00 UTC on 31 March: 04:00 on 1 April at UTC+8 (Shanghai), so Q2 there, Q1 in UTC.
    const won = deal({ stageId: 'won', amount: '50', closedAt: '2026-03-31T20:00:00Z' });
    const quarter = (options: Parameters<typeof groupContextOf>[0]) => visitsIn(won, options);
    expect(quarter({})).toEqual(['2026-Q1']);
    expect(quarter({ offsetMinutes: 480 })).toEqual(['2026-Q2']);
    expect(quarter({ timeZone: 'Asia/Shanghai' })).toEqual(['2026-Q2']);
    expect(quarter({ period: { unit: 'month', offsetMinutes: 480 } })).toEqual(['2026-04']);
  });
});

/** The period keys one deal is visited under, with the grouping context built from `options`. */
function visitsIn(o: Opportunity, options: Parameters<typeof groupContextOf>[0]): string[] {
  const keys: string[] = [];
  scanForecast([o], pipeline, { groupBy: ['period'], context: groupContextOf(options), requireDate: false }, (key) => {
    keys.push(key?.join('|') ?? '-');
  });
  return keys;
}

describe('checkGroupBy', () => {
  /** The code, option and reason of what checkGroupBy throws, or 'ok'. */
  const verdict = (groupBy: unknown): string => {
    try {
      checkGroupBy(groupBy as never);
      return 'ok';
    } catch (e) {
      const err = e as { code: string; params: { option: string; reason: { code: string; params?: Record<string, string> } }; message: string };
      return `${err.code} ${err.params.option} ${err.params.reason.code} ${JSON.stringify(err.params.reason.params ?? {})} | ${err.message}`;
    }
  };

  it('refuses a groupBy that is not an array', () => {
    expect(verdict('owner')).toBe('invalid_option groupBy must_be_group_keys {} | Invalid option "groupBy": must be a list of grouping keys.');
  });

  it('refuses a built-in key listed twice, naming it', () => {
    expect(verdict(['owner', 'stage', 'owner'])).toBe('invalid_option groupBy listed_twice {"key":"owner"} | Invalid option "groupBy": "owner" is listed twice.');
  });

  it('accepts the same key function twice (functions are not compared), and distinct built-in keys', () => {
    const byRegion = (o: Opportunity) => o.region ?? '-';
    expect(verdict([byRegion, byRegion])).toBe('ok');
    expect(verdict(['owner', byRegion, 'stage', byRegion])).toBe('ok');
    expect(verdict([])).toBe('ok');
  });
});
