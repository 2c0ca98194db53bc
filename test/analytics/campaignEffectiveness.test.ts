import { describe, expect, it } from 'vitest';
import { campaignEffectiveness, money, type Campaign, type Opportunity } from '../../src/index.js';
import { deal, snapshotOf } from './_fixtures.js';
import { expectDealsArgumentChecked } from './_dealsArgument.js';
import { fault, whole } from '../_errors.js';

const CNY = (a: string) => money(a, 'CNY');

let n = 0;
/** A deal created on `createdDay` (days from 2026-01-01), from `campaignId`, won, lost or still open. */
function sourced(campaignId: string | undefined, outcome: 'won' | 'lost' | 'open', amount: string, createdDay = 0): Opportunity {
  const steps = [['created', createdDay, 'lead'] as const, ...(outcome === 'won' ? [['won', createdDay + 20] as const] : outcome === 'lost' ? [['lost', createdDay + 20] as const] : [])];
  const d = deal(`c${++n}`, steps, { amount });
  return campaignId === undefined ? d : { ...d, source: { campaignId, channel: 'exhibition' } };
}

const campaigns: Campaign[] = [
  { id: 'expo', name: '春季展会', cost: CNY('200000'), channel: '展会' },
  { id: 'web', name: '线上广告', cost: CNY('0') },
  { id: 'quiet', name: '沙龙', cost: CNY('30000') },
];

/**
 * expo: 10 opportunities — won 10 万, 20 万, 30 万; lost 2; open 5 (of 10 万 each).
 * web: 2 opportunities, 1 won (5 万), 1 open. quiet: none.
 * An unknown campaign 'gone' with 2 deals (1 won, 4 万); 3 deals without a campaign.
 */
function book(): Opportunity[] {
  return [
    sourced('expo', 'won', '100000'),
    sourced('expo', 'won', '200000'),
    sourced('expo', 'won', '300000'),
    sourced('expo', 'lost', '100000'),
    sourced('expo', 'lost', '100000'),
    ...Array.from({ length: 5 }, () => sourced('expo', 'open', '100000')),
    sourced('web', 'won', '50000'),
    sourced('web', 'open', '50000'),
    sourced('gone', 'won', '40000'),
    sourced('gone', 'open', '40000'),
    sourced(undefined, 'won', '70000'),
    sourced(undefined, 'lost', '70000'),
    sourced(undefined, 'open', '70000'),
  ];
}

describe('campaignEffectiveness', () => {
  it('golden: 10 opportunities, 3 won for 60 万 on a 20 万 campaign → win rate 30 % (60 % of decided), 2 万 an opportunity, ROI 2', () => {
    const r = campaignEffectiveness(book(), campaigns);
    const expo = r.campaigns[0]!;
    expect([expo.campaignId, expo.name, expo.channel]).toEqual(['expo', '春季展会', '展会']);
    expect([expo.opportunities, expo.won, expo.lost, expo.open]).toEqual([10, 3, 2, 5]);
    expect(expo.wonAmount.amount.toString()).toBe('600000');
    expect(expo.amount.amount.toString()).toBe('1300000');
    expect(expo.winRate).toBe(0.3); // 3 / 10, open deals counted
    expect(expo.decidedWinRate).toBe(0.6); // 3 / (3 + 2)
    expect(expo.costPerOpportunity?.amount.toString()).toBe('20000'); // 20 万 / 10
    expect(expo.costPerWin?.amount.toFixed(2)).toBe('66666.67'); // 20 万 / 3
    expect(expo.roi).toBe(2); // (60 万 − 20 万) / 20 万
    expect(expo.dealIds).toBeUndefined();
  });

  it('gives null, never NaN or Infinity: a free campaign has no ROI, a campaign without deals no rates or unit costs', () => {
    const r = campaignEffectiveness(book(), campaigns);
    const [, web, quiet] = r.campaigns;
    expect(web?.roi).toBeNull();
    expect(web?.costPerWin?.amount.toString()).toBe('0');
    expect(web?.channel).toBeNull();
    expect([quiet?.opportunities, quiet?.winRate, quiet?.decidedWinRate, quiet?.costPerOpportunity, quiet?.costPerWin]).toEqual([0, null, null, null, null]);
    expect(quiet?.roi).toBe(-1); // nothing won
  });

  it('totals the listed campaigns; reports unknown campaigns and deals without one, never drops them', () => {
    const deals = book();
    const r = campaignEffectiveness(deals, campaigns);
    expect([r.total.opportunities, r.total.won, r.total.wonAmount.amount.toString(), r.total.cost.amount.toString()]).toEqual([12, 4, '650000', '230000']);
    expect(r.total.roi).toBe((650000 - 230000) / 230000);
    expect(r.unknownCampaigns.map((u) => [u.campaignId, u.opportunities, u.won, u.wonAmount.amount.toString(), u.dealIds.length])).toEqual([['gone', 2, 1, '40000', 2]]);
    expect(r.unknownCampaigns[0]?.dealIds).toEqual([deals[12]!.id, deals[13]!.id]);
    expect([r.noCampaign.opportunities, r.noCampaign.won, r.noCampaign.lost, r.noCampaign.open]).toEqual([3, 1, 1, 1]);
    expect(r.noCampaign.dealIds).toBeUndefined();
    expect(r.total.opportunities + r.unknownCampaigns[0]!.opportunities + r.noCampaign.opportunities).toBe(deals.length);
  });

  it('lists deal ids with dealIds: true', () => {
    const deals = book();
    const r = campaignEffectiveness(deals, campaigns, { dealIds: true });
    expect(r.campaigns[1]?.dealIds).toEqual([deals[10]!.id, deals[11]!.id]);
    expect(r.noCampaign.dealIds).toEqual(deals.slice(14).map((d) => d.id));
  });

  it('counts only deals created in [from, to) with a window; deals without a creation time are reported', () => {
    const early = sourced('expo', 'won', '100000', 0);
    const late = sourced('expo', 'won', '100000', 40); // 2026-02-10
    const bare = { ...sourced('expo', 'open', '1'), history: [] } as Opportunity;
    const r = campaignEffectiveness([early, late, bare], campaigns, { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' });
    expect(r.campaigns[0]?.opportunities).toBe(1);
    expect(r.undated).toEqual([bare.id]);
    expect(r.from?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(campaignEffectiveness([early, late, bare], campaigns).campaigns[0]?.opportunities).toBe(3);
  });

  it('works in the option currency, converting costs and amounts with rates', () => {
    const rates = { base: 'CNY', rates: { USD: '7' } };
    const r = campaignEffectiveness([{ ...sourced('us', 'won', '1'), amount: money('10000', 'USD') }], [{ id: 'us', name: 'US fair', cost: money('1000', 'USD') }], { currency: 'CNY', rates });
    expect(r.campaigns[0]?.cost.amount.toString()).toBe('7000');
    expect(r.campaigns[0]?.wonAmount.amount.toString()).toBe('70000');
    expect(r.campaigns[0]?.roi).toBe(9);
    expect(campaignEffectiveness([], [], { currency: 'CNY' }).total.roi).toBeNull();
    expect(() => campaignEffectiveness([{ ...sourced('expo', 'won', '1'), amount: money('1', 'USD') }], campaigns)).toThrow(expect.objectContaining({ code: 'currency_mismatch' }));
  });

  it('does not modify its input', () => {
    const deals = book();
    const before = snapshotOf([deals, campaigns]);
    campaignEffectiveness(deals, campaigns, { dealIds: true });
    expect(snapshotOf([deals, campaigns])).toBe(before);
  });

  it('refuses bad campaigns and options, each with its reason', () => {
    const reason = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        const p = (e as { params: { name?: string; option?: string; reason: { code: string } } }).params;
        return `${(e as { code: string }).code} ${p.name ?? p.option} ${p.reason.code}`;
      }
      return 'no error';
    };
    const ok = { id: 'a', name: 'A', cost: CNY('1') };
    expect(reason(() => campaignEffectiveness([], 'x' as never))).toBe('invalid_argument campaigns must_be_array');
    expect(reason(() => campaignEffectiveness([], []))).toBe('invalid_argument campaigns campaigns_need_currency');
    expect(reason(() => campaignEffectiveness([], [null as never]))).toBe('invalid_argument campaigns[0] must_be_object');
    expect(reason(() => campaignEffectiveness([], [{ ...ok, id: '' }]))).toBe('invalid_argument campaigns[0].id must_be_non_empty_string');
    expect(reason(() => campaignEffectiveness([], [ok, ok]))).toBe('invalid_argument campaigns[1].id duplicate_id');
    expect(reason(() => campaignEffectiveness([], [{ ...ok, name: '' }]))).toBe('invalid_argument campaigns[0].name must_be_non_empty_string');
    expect(reason(() => campaignEffectiveness([], [{ ...ok, cost: undefined as never }]))).toBe('invalid_argument campaigns[0].cost must_be_object');
    expect(reason(() => campaignEffectiveness([], [{ ...ok, cost: CNY('-1') }]))).toBe('invalid_argument campaigns[0].cost must_not_be_negative');
    expect(reason(() => campaignEffectiveness([], [{ ...ok, channel: '' }]))).toBe('invalid_argument campaigns[0].channel must_be_non_empty_string');
    expect(reason(() => campaignEffectiveness([], [ok], { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }))).toBe('invalid_option from from_after_to');
    expect(reason(() => campaignEffectiveness([], [ok], { dealIds: 1 as never }))).toBe('invalid_option dealIds must_be_boolean');
  });
});

describe('campaignEffectiveness — its deals argument', () => {
  it('names the argument and a bad deal by position', () => {
    expectDealsArgumentChecked((deals) => campaignEffectiveness(deals as never, campaigns), { pipeline: false });
  });
});

describe('campaignEffectiveness — edges', () => {
  it('names each bad campaign field, whatever the wrong type', () => {
    const ok = { id: 'a', name: 'A', cost: CNY('1') };
    const cases: Array<[unknown, string]> = [
      [5, 'campaigns[1]'],
      ['expo', 'campaigns[1]'],
      [{ ...ok, id: 5 }, 'campaigns[1].id'],
      [{ ...ok, id: 'b', name: 5 }, 'campaigns[1].name'],
      [{ ...ok, id: 'b', cost: null }, 'campaigns[1].cost'],
      [{ ...ok, id: 'b', cost: '1' }, 'campaigns[1].cost'],
      [{ ...ok, id: 'b', channel: 5 }, 'campaigns[1].channel'],
    ];
    for (const [bad, name] of cases) expect(fault(() => campaignEffectiveness([], [ok, bad] as never)), name).toEqual(['invalid_argument', name]);
    expect(whole(() => campaignEffectiveness([], [ok, ok])).slice(2)).toEqual(['Invalid argument "campaigns[1].id": duplicate id "a".', '参数“campaigns[1].id”无效：ID“a”重复。']);
  });

  it('names a bad window bound; an empty window [t, t) is allowed', () => {
    expect(fault(() => campaignEffectiveness([], campaigns, { from: 'soon' } as never))).toEqual(['invalid_option', 'from']);
    expect(fault(() => campaignEffectiveness([], campaigns, { to: 7 } as never))).toEqual(['invalid_option', 'to']);
    const at = '2026-01-01T00:00:00Z';
    expect(campaignEffectiveness([sourced('expo', 'won', '1', 0)], campaigns, { from: at, to: at }).campaigns[0]!.opportunities).toBe(0);
  });

  it('takes a window open at either end, its start in and its end out', () => {
    const deals = [0, 10, 20].map((d) => sourced('expo', 'open', '1', d));
    const count = (options: object) => campaignEffectiveness(deals, campaigns, options).campaigns[0]!.opportunities;
    expect(count({ from: '2026-01-11T00:00:00Z' })).toBe(2); // d10 (at from) and d20
    expect(count({ to: '2026-01-11T00:00:00Z' })).toBe(1); // d0; d10 is at to
    expect(count({ from: '2026-01-11T00:00:00Z', to: '2026-01-21T00:00:00Z' })).toBe(1); // d10
    const r = campaignEffectiveness(deals, campaigns, { to: '2026-01-11T00:00:00Z' });
    expect(['from' in r, r.to]).toEqual([false, new Date('2026-01-11T00:00:00Z')]);
    const whole_ = campaignEffectiveness(deals, campaigns);
    expect(['from' in whole_, 'to' in whole_]).toEqual([false, false]);
  });

  it('gives the decided win rate of a campaign with as many wins as losses', () => {
    const r = campaignEffectiveness([sourced('quiet', 'won', '1'), sourced('quiet', 'lost', '1')], campaigns);
    expect([r.campaigns[2]!.decidedWinRate, r.campaigns[2]!.winRate]).toEqual([0.5, 0.5]);
  });

  it('lists deal ids only when asked', () => {
    const r = campaignEffectiveness(book(), campaigns);
    expect(r.campaigns.some((c) => 'dealIds' in c)).toBe(false);
    expect(['dealIds' in r.noCampaign, 'dealIds' in r.total]).toEqual([false, false]);
    const listed = campaignEffectiveness(book(), campaigns, { dealIds: true });
    expect([listed.campaigns.every((c) => 'dealIds' in c), 'dealIds' in listed.noCampaign, 'dealIds' in listed.total]).toEqual([true, true, false]);
  });
});
