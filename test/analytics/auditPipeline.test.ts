import { describe, expect, it } from 'vitest';
import { AUDIT_CODES, auditPipeline, Decimal, FunnelError, type AuditFinding, type Opportunity } from '../../src/index.js';
import { day, deal, goldenDeals, pipeline } from './_fixtures.js';

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
  const audit = auditPipeline(auditDeals(), pipeline, { asOf: day(40) });

  it('finds every problem of the golden ledgers, by deal then check', () => {
    expect(audit.overall.findings.map(brief)).toEqual([
      // d10: won after 0 days in the funnel (< 1).
      'd10 won_without_funnel_history {"amount":"5000000 CNY","days":0}',
      // d3: jumped lead → proposal over need; close date 2026-01-31 is 10 days before 2026-02-10.
      'd3 stage_skipped {"from":"lead","to":"proposal","count":1}',
      'd3 close_date_overdue {"closeDate":"2026-01-31","days":10}',
      // d4: back from proposal to need; pushed once, 2026-03-15 → 2026-04-20, from Q1 into Q2; 22 days in need > 20.
      'd4 regressed {"from":"proposal","to":"need"}',
      'd4 close_date_pushed {"pushes":1,"periods":1}',
      'd4 stalled {"stageId":"need","days":22,"threshold":20,"clock":"stage_entry","rule":"stage_threshold"}',
      // d5: pushed twice (02-10 → 02-20 → 03-01) within Q1. (Setting a first date is not a push.)
      'd5 close_date_pushed {"pushes":2,"periods":0}',
      // d6: no close date.
      'd6 missing_close_date {}',
      // d8: one push within the quarter (not reported); override 0.02 < 0.05.
      'd8 near_zero_probability {"probability":"0.02"}',
      // d9 is suspended: no hygiene checks. d1 spent 30 days in the funnel before its win.
    ]);
    expect(audit.overall.deals).toBe(10);
    expect(audit.overall.counts).toEqual({
      won_without_funnel_history: 1,
      stage_skipped: 1,
      regressed: 1,
      close_date_pushed: 2,
      close_date_overdue: 1,
      missing_close_date: 1,
      stalled: 1,
      near_zero_probability: 1,
    });
    const skip = audit.overall.findings[1]!;
    expect(skip.at).toEqual(day(6));
    expect(skip.message).toBe('Skipped 1 stage(s) moving from "lead" to "proposal".');
  });

  it('renders messages in zh-CN', () => {
    const zh = auditPipeline(auditDeals(), pipeline, { asOf: day(40), locale: 'zh-CN', codes: ['stage_skipped'] });
    expect(zh.overall.findings.map((f) => f.message)).toEqual(['从“lead”到“proposal”跳过了 1 个阶段。']);
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
    expect(strict.overall.findings.map((f) => `${f.opportunityId} ${f.code}`)).toEqual(['d4 close_date_pushed', 'd5 close_date_pushed', 'd8 close_date_pushed']);
    const monthly = auditPipeline(auditDeals(), pipeline, { asOf: day(40), period: 'month', codes: ['close_date_pushed'] });
    // By month: d4 03 → 04 (1 period), d5 02 → 02 → 03 (1), d8 03 → 03 (0, one push: not reported).
    expect(monthly.overall.findings.map(brief)).toEqual(['d4 close_date_pushed {"pushes":1,"periods":1}', 'd5 close_date_pushed {"pushes":2,"periods":1}']);
  });

  it('segments findings; a segment without findings is present and empty', () => {
    const seg = auditPipeline(auditDeals(), pipeline, { asOf: day(40), segmentBy: 'owner', codes: ['stalled', 'regressed'] });
    expect([...seg.segments.keys()]).toEqual(['rep-li', 'rep-zhang']);
    expect(seg.segments.get('rep-li')!.findings).toEqual([]);
    expect(seg.segments.get('rep-li')!.deals).toBe(2);
    expect(seg.segments.get('rep-zhang')!.findings.map((f) => f.code)).toEqual(['regressed', 'stalled']);
  });

  it('gives the same findings whatever the input order', () => {
    const reversed = auditPipeline(auditDeals().reverse(), pipeline, { asOf: day(40) });
    expect(reversed.overall).toEqual(audit.overall);
  });

  it('rejects bad options', () => {
    for (const bad of [{}, { asOf: day(1), codes: ['nope'] }, { asOf: day(1), minPushes: 0 }, { asOf: day(1), period: 'week' }, { asOf: day(1), locale: 'fr' }]) {
      expect(() => auditPipeline([], pipeline, bad as never)).toThrow(FunnelError);
    }
    expect(AUDIT_CODES).toHaveLength(8);
  });
});
