import { beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_CODES, auditPipeline, auditPipelineAccumulator, Decimal, dealColumns, FunnelError, type AuditFinding, type AuditPipelineOptions, type Opportunity } from '../../src/index.js';
import { fault } from '../_errors.js';
import { day, deal, goldenDeals, groupKeys, groupValue, pipeline } from './_fixtures.js';

const brief = (f: AuditFinding) => `${f.opportunityId} ${f.code} ${JSON.stringify(f.params)}`;

/** The golden deals, d8 with a 2 % override, plus d10: a 5 000 000 deal created and won the same instant at d38. */
function auditDeals(): Opportunity[] {
  return [
    ...goldenDeals().map((o) => (o.id === 'd8' ? { ...o, probabilityOverride: new Decimal('0.02') } : o)),
    deal('d10', [['created', 38, 'lead'], ['won', 38]], { amount: '5000000' }),
  ];
}

describe('auditPipeline', () => {
  // asOf d40 = 2026-02-10.
  // Made per test (not in the describe body), so that mutation testing can tell which
  // test covers which line.
  let audit: ReturnType<typeof auditPipeline>;
  beforeEach(() => {
    audit = auditPipeline(auditDeals(), pipeline, { asOf: day(40) });
  });

  it('finds every problem of the golden ledgers, by deal then check', () => {
    expect(audit.total.findings.map(brief)).toEqual([
      // d10: won after 0 days in the funnel (< 1).
      'd10 won_without_funnel_history {"amount":"5000000","currency":"CNY","days":0,"stageName":"赢单"}',
      // d3: jumped lead → proposal over need; close date 2026-01-31 is 10 days before 2026-02-10.
      'd3 stage_skipped {"from":"lead","to":"proposal","count":1,"fromName":"初步接触","toName":"方案提出"}',
      'd3 close_date_overdue {"closeDate":"2026-01-31","days":10}',
      // d4: back from proposal to need; pushed once, 2026-03-15 → 2026-04-20, from Q1 into Q2; 22 days in need > 20.
      'd4 regressed {"from":"proposal","to":"need","fromName":"方案提出","toName":"需求确认"}',
      'd4 close_date_pushed {"pushes":1,"periods":1,"period":"quarter"}',
      'd4 stalled {"stageId":"need","stageName":"需求确认","days":22,"threshold":20,"clock":"stage_entry","rule":"stage_threshold"}',
      // d5: pushed twice (02-10 → 02-20 → 03-01) within Q1. (Setting a first date is not a push.)
      'd5 close_date_pushed {"pushes":2,"periods":0,"period":"quarter"}',
      // d6: no close date.
      'd6 missing_close_date {}',
      // d8: one push within the quarter (not reported); override 0.02 < 0.05.
      'd8 near_zero_probability {"probability":"0.02"}',
      // d9 is suspended: no hygiene checks. d1 spent 30 days in the funnel before its win.
    ]);
    expect(audit.total.deals).toBe(10);
    expect(audit.total.counts).toEqual({
      won_without_funnel_history: 1,
      stage_skipped: 1,
      regressed: 1,
      close_date_pushed: 2,
      close_date_overdue: 1,
      missing_close_date: 1,
      stalled: 1,
      near_zero_probability: 1,
    });
    const skip = audit.total.findings[1]!;
    expect(skip.at).toEqual(day(6));
    expect(skip.message).toBe('Skipped 1 stage moving from "初步接触" to "方案提出".');
    expect(audit.total.findings.find((f) => f.code === 'stalled')!.message).toBe(
      'Stalled in stage "需求确认" for 22 days (counted from stage entry), past the limit of 20 days.',
    );
    expect(audit.total.findings[0]!.message).toBe('Won for 5,000,000.00 CNY after only 0 days in the open stages of the funnel.');
  });

  it('types each finding by its code', () => {
    const stalled = audit.total.findings.find((f) => f.code === 'stalled');
    // Narrowed by the code, the params are typed: days is a number, stageName a string.
    if (stalled?.code !== 'stalled') throw new Error('no stalled finding');
    const days: number = stalled.params.days;
    expect([days, stalled.params.stageName, stalled.opportunityId, stalled.stageId]).toEqual([22, '需求确认', 'd4', 'need']);
  });

  it('renders messages in zh-CN', () => {
    const zh = auditPipeline(auditDeals(), pipeline, { asOf: day(40), locale: 'zh-CN', codes: ['stage_skipped'] });
    expect(zh.total.findings.map((f) => f.message)).toEqual(['从“初步接触”直接推进到“方案提出”，跳过了 1 个阶段。']);
    const all = auditPipeline(auditDeals(), pipeline, { asOf: day(40), locale: 'zh-CN', codes: ['won_without_funnel_history', 'stalled', 'close_date_overdue'] });
    expect(all.total.findings.map((f) => f.message)).toEqual([
      '已赢单（500 万元），但在漏斗各阶段累计停留时间：0 天，可能未按流程推进。',
      '预计成交日期（2026-01-31）已过 10 天，商机仍未关闭。',
      '在“需求确认”阶段已停留 22 天（按进入本阶段计），超过停滞上限 20 天。',
    ]);
    // No English word, id or raw placeholder left in a Chinese message.
    for (const f of auditPipeline(auditDeals(), pipeline, { asOf: day(40), locale: 'zh-CN' }).total.findings) expect(f.message).not.toMatch(/[A-Za-z{}]/);
  });

  it('honours the thresholds', () => {
    const strict = auditPipeline(auditDeals(), pipeline, {
      asOf: day(40),
      bigDealAmount: '10000000', // d10 (5 000 000) is not big
      minPushes: 1, // d8's single push now counts
      overdueDays: 10, // d3 is exactly 10 days overdue: not more
      nearZeroProbability: '0.01', // 0.02 is not below
      codes: ['won_without_funnel_history', 'close_date_pushed', 'close_date_overdue', 'near_zero_probability'],
    });
    expect(strict.total.findings.map((f) => `${f.opportunityId} ${f.code}`)).toEqual(['d4 close_date_pushed', 'd5 close_date_pushed', 'd8 close_date_pushed']);
    const monthly = auditPipeline(auditDeals(), pipeline, { asOf: day(40), period: { unit: 'month' }, codes: ['close_date_pushed'] });
    // By month: d4 03 → 04 (1 period), d5 02 → 02 → 03 (1), d8 03 → 03 (0, one push: not reported).
    expect(monthly.total.findings.map(brief)).toEqual(['d4 close_date_pushed {"pushes":1,"periods":1,"period":"month"}', 'd5 close_date_pushed {"pushes":2,"periods":1,"period":"month"}']);
  });

  it('groups findings; a group without findings is present and empty', () => {
    const seg = auditPipeline(auditDeals(), pipeline, { asOf: day(40), groupBy: ['owner'], codes: ['stalled', 'regressed'] });
    expect(groupKeys(seg)).toEqual(['rep-li', 'rep-zhang']);
    expect(groupValue(seg, 'rep-li').findings).toEqual([]);
    expect(groupValue(seg, 'rep-li').deals).toBe(2);
    expect(groupValue(seg, 'rep-zhang').findings.map((f) => f.code)).toEqual(['regressed', 'stalled']);
  });

  it("dates asOf on the wall clock of timeZone for close_date_overdue", () => {
    // 2026-02-10T20:00Z is still 10 February in UTC but already 11 February in Shanghai.
    const at = '2026-02-10T20:00:00Z';
    const overdue = (o: object) =>
      auditPipeline(auditDeals(), pipeline, { asOf: at, codes: ['close_date_overdue'], ...o }).total.findings.map(brief);
    expect(overdue({})).toEqual(['d3 close_date_overdue {"closeDate":"2026-01-31","days":10}']);
    expect(overdue({ timeZone: 'Asia/Shanghai' })).toEqual(['d3 close_date_overdue {"closeDate":"2026-01-31","days":11}']);
    expect(overdue({ offsetMinutes: 480 })).toEqual(['d3 close_date_overdue {"closeDate":"2026-01-31","days":11}']);
    // A Date and an ISO string with offset give the same audit.
    expect(auditPipeline(auditDeals(), pipeline, { asOf: new Date(at) })).toEqual(auditPipeline(auditDeals(), pipeline, { asOf: '2026-02-11T04:00:00+08:00' }));
  });

  it('accepts a probability threshold as a decimal string, a number or a Decimal alike', () => {
    const with_ = (p: string | number | Decimal) =>
      auditPipeline(auditDeals(), pipeline, { asOf: day(40), codes: ['near_zero_probability'], nearZeroProbability: p }).total.findings.map(brief);
    expect(with_('0.1')).toEqual(with_(0.1));
    expect(with_(0.1)).toEqual(with_(new Decimal('0.1')));
    // 0.1: d6 (lead, 0.1) is not below; d8's override 0.02 is.
    expect(with_(0.1)).toEqual(['d8 near_zero_probability {"probability":"0.02"}']);
  });

  it('gives the same findings whatever the input order', () => {
    const reversed = auditPipeline(auditDeals().reverse(), pipeline, { asOf: day(40) });
    expect(reversed.total).toEqual(audit.total);
  });

  it('rejects bad options', () => {
    const bads: unknown[] = [
      {},
      { asOf: '2026-02-10' },
      { asOf: day(1), codes: ['nope'] },
      { asOf: day(1), minPushes: 0 },
      { asOf: day(1), minPushes: 1.5 },
      { asOf: day(1), period: { unit: 'week' } },
      { asOf: day(1), period: { unit: 'fiscal_quarter', fiscalYearStartMonth: 13 } },
      { asOf: day(1), locale: 'fr' },
      { asOf: day(1), nearZeroProbability: '1.5' },
      { asOf: day(1), nearZeroProbability: 'abc' },
      { asOf: day(1), bigDealAmount: 'lots' },
      { asOf: day(1), overdueDays: -1 },
      { asOf: day(1), stallThreshold: -3 },
      { asOf: day(1), timeZone: 'Nowhere/Land' },
    ];
    for (const bad of bads) {
      let code = 'none';
      try {
        auditPipeline([], pipeline, bad as never);
      } catch (e) {
        code = e instanceof FunnelError ? e.code : 'other';
      }
      expect(code, JSON.stringify(bad)).toBe('invalid_option');
    }
    expect(AUDIT_CODES).toHaveLength(8);
  });
});

describe('auditPipeline — periods, options and shards', () => {
  it('counts the periods a close date was pushed across by calendar or fiscal year', () => {
    const pushed = (period: NonNullable<AuditPipelineOptions['period']>) =>
      auditPipeline(auditDeals(), pipeline, { asOf: day(40), period, codes: ['close_date_pushed'] }).total.findings.map(brief);
    // d4 2026-03-15 → 2026-04-20: the same calendar year (one push: not reported); with the
    // fiscal year starting in April, from FY 2025 into FY 2026. d5 02-10 → 02-20 → 03-01:
    // two pushes, within one year either way.
    expect(pushed({ unit: 'year' })).toEqual(['d5 close_date_pushed {"pushes":2,"periods":0,"period":"year"}']);
    expect(pushed({ unit: 'fiscal_year', fiscalYearStartMonth: 4 })).toEqual([
      'd4 close_date_pushed {"pushes":1,"periods":1,"period":"fiscal_year"}',
      'd5 close_date_pushed {"pushes":2,"periods":0,"period":"fiscal_year"}',
    ]);
    // A fiscal year starting in March puts both of d4's dates in FY 2026, and d5's 03-01 in the year after its 02-10.
    expect(pushed({ unit: 'fiscal_year', fiscalYearStartMonth: 3 })).toEqual(['d5 close_date_pushed {"pushes":2,"periods":1,"period":"fiscal_year"}']);
    // Fiscal quarters from April: d4 from Q4 of FY 2025 (Jan–Mar) into Q1 of FY 2026.
    expect(pushed({ unit: 'fiscal_quarter', fiscalYearStartMonth: 4 })).toEqual([
      'd4 close_date_pushed {"pushes":1,"periods":1,"period":"fiscal_quarter"}',
      'd5 close_date_pushed {"pushes":2,"periods":0,"period":"fiscal_quarter"}',
    ]);
  });

  it('names each bad option', () => {
    const asOf = day(40);
    const cases: Array<[object, string]> = [
      [{ codes: 'stalled' }, 'codes'],
      [{ codes: 5 }, 'codes'],
      [{ codes: { 0: 'stalled', length: 1 } }, 'codes'],
      [{ codes: ['stalled', 'nope'] }, 'codes'],
      [{ locale: 'fr' }, 'locale'],
      [{ bigDealAmount: 'lots' }, 'bigDealAmount'],
      [{ minFunnelDays: -1 }, 'minFunnelDays'],
      [{ minPushes: 0 }, 'minPushes'],
      [{ period: { unit: 'week' } }, 'period.unit'],
      [{ period: { unit: 'fiscal_year', fiscalYearStartMonth: 0 } }, 'period.fiscalYearStartMonth'],
      [{ overdueDays: -1 }, 'overdueDays'],
      [{ nearZeroProbability: '1.5' }, 'nearZeroProbability'],
    ];
    for (const [bad, option] of cases) expect(fault(() => auditPipeline([], pipeline, { asOf, ...bad } as never)), option).toEqual(['invalid_option', option]);
  });

  it('names the deals argument and the position of a bad deal; leaves out foreign deals when told to', () => {
    const asOf = day(40);
    expect(fault(() => auditPipeline(7 as never, pipeline, { asOf }))).toEqual(['invalid_argument', 'opportunities']);
    expect(fault(() => auditPipeline([auditDeals()[0]!, 'd2'] as never, pipeline, { asOf }))).toEqual(['invalid_argument', 'opportunities[1]']);
    // d3 (skipped a stage, overdue) copied into another pipeline: not audited, not counted.
    const foreign = { ...auditDeals().find((o) => o.id === 'd3')!, id: 'f3', pipelineId: 'other' } as unknown as Opportunity;
    const alone = auditPipeline(auditDeals(), pipeline, { asOf });
    expect(auditPipeline([foreign, ...auditDeals()], pipeline, { asOf, otherPipelines: 'ignore' })).toEqual(alone);
    expect(fault(() => auditPipeline([foreign], pipeline, { asOf }))[0]).toBe('pipeline_mismatch');
  });

  it('counts each deal of a column chunk once per group, however many chunks', () => {
    const deals = auditDeals();
    const options: AuditPipelineOptions = { asOf: day(40), groupBy: ['owner'] };
    const acc = auditPipelineAccumulator(pipeline, options);
    for (let i = 0; i < deals.length; i += 3) acc.add(dealColumns(deals.slice(i, i + 3), pipeline));
    const r = acc.result();
    expect(r).toEqual(auditPipeline(deals, pipeline, options));
    // 10 deals: rep-li has d8 and d9, rep-zhang the other eight.
    expect(r.groups.map((g) => [g.key, g.value.deals])).toEqual([[['rep-li'], 2], [['rep-zhang'], 8]]);
  });

  it('refuses to merge a shard audited with other codes, another big-deal amount or other rates', () => {
    const asOf = day(40);
    const base = () => auditPipelineAccumulator(pipeline, { asOf, codes: ['stalled', 'regressed'], bigDealAmount: '1000000', rates: { base: 'CNY', rates: { USD: '7' } } });
    const others: AuditPipelineOptions[] = [
      { asOf, codes: ['stalled'], bigDealAmount: '1000000', rates: { base: 'CNY', rates: { USD: '7' } } },
      { asOf, codes: ['stalled', 'regressed'], bigDealAmount: '2000000', rates: { base: 'CNY', rates: { USD: '7' } } },
      { asOf, codes: ['stalled', 'regressed'], bigDealAmount: '1000000', rates: { base: 'CNY', rates: { USD: '7.1' } } },
      { asOf, codes: ['stalled', 'regressed'], rates: { base: 'CNY', rates: { USD: '7' } } },
      { asOf, codes: ['stalled', 'regressed'], bigDealAmount: '1000000' },
    ];
    for (const other of others) expect(fault(() => base().merge(auditPipelineAccumulator(pipeline, other)))[0], JSON.stringify(other)).toBe('invalid_argument');
    // The same settings, the codes listed in another order: accepted.
    expect(() => base().merge(auditPipelineAccumulator(pipeline, { asOf, codes: ['regressed', 'stalled'], bigDealAmount: '1000000', rates: { base: 'CNY', rates: { USD: '7' } } }))).not.toThrow();
  });
});

describe('auditPipeline — findings, their order and their instants', () => {
  it('lists a deal\'s findings in check order, not in time order, each dated when it has an instant', () => {
    // need → proposal d4, back to need d6 (regressed), then need → quote d10 (skips proposal: stage_skipped, count 1).
    const s = deal('s', [['created', 0, 'lead'], ['move', 2, 'need'], ['move', 4, 'proposal'], ['move', 6, 'need'], ['move', 10, 'quote']]);
    const r = auditPipeline([s], pipeline, { asOf: day(11), codes: ['stage_skipped', 'regressed', 'missing_close_date'] });
    expect(r.total.findings.map((f) => [f.code, f.at, f.params])).toEqual([
      ['stage_skipped', day(10), { from: 'need', to: 'quote', count: 1, fromName: '需求确认', toName: '报价洽谈' }],
      ['regressed', day(6), { from: 'proposal', to: 'need', fromName: '方案提出', toName: '需求确认' }],
      ['missing_close_date', undefined, {}],
    ]);
    // A finding about the deal as it stands has no instant at all.
    expect('at' in r.total.findings[2]!).toBe(false);
  });

  it('dates a quick win at the win, and judges the funnel time strictly below minFunnelDays', () => {
    const quick = (id: string, wonDay: number) => deal(id, [['created', 10, 'lead'], ['won', wonDay]]);
    const r = auditPipeline([quick('half', 10.5), quick('one', 11), quick('almost', 10.99)], pipeline, { asOf: day(40), codes: ['won_without_funnel_history'] });
    // Half a day and 0.99 day are below 1 day; exactly one day is not.
    expect(r.total.findings.map((f) => [f.opportunityId, f.at, (f.params as { days: number }).days])).toEqual([
      ['almost', day(10.99), 0.99],
      ['half', day(10.5), 0.5],
    ]);
  });
});
