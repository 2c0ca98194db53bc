import { describe, expect, it } from 'vitest';
import {
  formatIssue,
  FunnelError,
  HEALTH_CODES,
  money,
  parseOpportunity,
  parsePipeline,
  pipelineHealth,
  type HealthFinding,
  type Opportunity,
  type Pipeline,
  type PipelineHealthOptions,
} from '../../src/index.js';
import { snapshot } from './_fixtures.js';

/** Miller–Heiman positions: top 25 %, middle 50 %, bottom 75 %; a deal stalls after 60 days in a stage. */
const pipeline: Pipeline = parsePipeline({
  id: 'mh',
  name: '项目销售',
  currency: 'CNY',
  stages: [
    { id: 'top', name: '初步接触', kind: 'open', probability: '0.25', stallAfterDays: 60 },
    { id: 'middle', name: '方案提出', kind: 'open', probability: '0.5', stallAfterDays: 60 },
    { id: 'bottom', name: '报价洽谈', kind: 'open', probability: '0.75', stallAfterDays: 60 },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});
const OPEN = ['top', 'middle', 'bottom'];
const AS_OF = '2026-04-30T18:00:00+08:00';
const day = (date: string) => `${date}T10:00:00+08:00`;

let n = 0;

interface Spec {
  readonly stage: string;
  readonly owner?: string;
  /** In 万. */
  readonly amount?: number;
  readonly close?: string;
  /** When it entered `stage` (it was created at the top the day before, or on that day for the top). */
  readonly entered?: string;
  readonly outcome?: 'won' | 'lost';
  readonly closed?: string;
  readonly suspended?: string;
}

/** A deal that walked from the top to `stage` and stands there (or closed from it), checked by the schema. */
function deal(spec: Spec): Opportunity {
  n += 1;
  const entered = spec.entered ?? '2026-04-10';
  const path = OPEN.slice(0, OPEN.indexOf(spec.stage) + 1);
  const history: Record<string, unknown>[] = [{ type: 'created', at: day(path.length === 1 ? entered : '2026-01-02').replace('10:00', '09:00'), stageId: 'top' }];
  for (let i = 1; i < path.length; i++) {
    history.push({ type: 'stage_changed', at: i === path.length - 1 ? day(entered) : day('2026-01-02'), from: path[i - 1], to: path[i], kind: 'advance' });
  }
  let state: Record<string, unknown> = { stageId: spec.stage, status: 'open' };
  if (spec.close !== undefined) history.push({ type: 'close_date_changed', at: day(entered), from: null, to: spec.close });
  if (spec.suspended !== undefined) {
    history.push({ type: 'suspended', at: day(spec.suspended) });
    state = { ...state, status: 'suspended' };
  }
  if (spec.outcome === 'won') {
    history.push({ type: 'won', at: day(spec.closed ?? '2026-04-20'), stageId: 'won' });
    state = { stageId: 'won', status: 'won', closedAt: day(spec.closed ?? '2026-04-20') };
  } else if (spec.outcome === 'lost') {
    history.push({ type: 'lost', at: day(spec.closed ?? '2026-04-20'), stageId: 'lost', reason: '价格过高' });
    state = { stageId: 'lost', status: 'lost', closedAt: day(spec.closed ?? '2026-04-20'), lossReason: '价格过高' };
  }
  return parseOpportunity(
    {
      id: `o-${n}`,
      customerId: `c-${n}`,
      pipelineId: 'mh',
      name: `商机 ${n}`,
      ownerId: spec.owner ?? 'rep-wang',
      amount: { amount: String((spec.amount ?? 20) * 10_000), currency: 'CNY' },
      ...(spec.close === undefined ? {} : { expectedCloseDate: spec.close }),
      ...state,
      history,
    },
    { pipeline },
  );
}

/** `count` deals of one spec. */
const many = (count: number, spec: Spec) => Array.from({ length: count }, () => deal(spec));

const codes = (findings: readonly HealthFinding[]) => findings.map((f) => f.code);
const base: PipelineHealthOptions = { asOf: AS_OF, timeZone: 'Asia/Shanghai' };

describe('pipelineHealth: too few open deals (the issue golden)', () => {
  it('one rep as of 2026-04-30 with 14 open deals and the default minimum of 15 gets the too-few finding with count 14', () => {
    const deals = [...many(6, { stage: 'top' }), ...many(5, { stage: 'middle' }), ...many(3, { stage: 'bottom' })];
    const health = pipelineHealth(deals, pipeline, { ...base, groupBy: ['owner'] });
    const rep = health.groups.find((g) => g.key[0] === 'rep-wang')!.value;
    expect(rep.openDeals).toBe(14);
    const tooFew = rep.findings.filter((f) => f.code === 'too_few_open_deals');
    expect(tooFew).toHaveLength(1);
    expect(tooFew[0]).toMatchObject({ params: { count: 14, minimum: 15 }, groupKey: ['rep-wang'] });
    expect(tooFew[0]?.message).toBe('Only 14 open deals in follow-up; at least 15 are needed to keep wins coming.');
    expect(formatIssue(tooFew[0]!, 'zh-CN')).toBe('跟进中的商机只有 14 个，少于 15 个，后续成交难以为继。');
    expect(rep.counts.too_few_open_deals).toBe(1);
    expect(health.total.findings.filter((f) => f.code === 'too_few_open_deals')[0]?.params).toEqual({ count: 14, minimum: 15 });
  });

  it('counts only open deals in follow-up at asOf: not suspended, closed or later deals', () => {
    const deals = [
      ...many(15, { stage: 'top' }),
      deal({ stage: 'top', suspended: '2026-04-20' }),
      deal({ stage: 'middle', outcome: 'lost' }),
      deal({ stage: 'top', entered: '2026-05-03' }),
    ];
    const total = pipelineHealth(deals, pipeline, base).total;
    expect(total.openDeals).toBe(15);
    expect(codes(total.findings)).not.toContain('too_few_open_deals');
    // A deal suspended after asOf was open then.
    const early = pipelineHealth(deals, pipeline, { ...base, asOf: '2026-04-15T00:00:00+08:00', minOpenDeals: 17 }).total;
    expect(early.openDeals).toBe(17);
  });

  it('the minimum is configurable; 0 turns the check off', () => {
    const deals = many(3, { stage: 'top' });
    expect(pipelineHealth(deals, pipeline, { ...base, minOpenDeals: 3 }).total.counts.too_few_open_deals).toBe(0);
    expect(pipelineHealth(deals, pipeline, { ...base, minOpenDeals: 0 }).total.counts.too_few_open_deals).toBe(0);
    expect(pipelineHealth(deals, pipeline, { ...base, minOpenDeals: 4 }).total.findings[0]?.params).toEqual({ count: 3, minimum: 4 });
  });
});

describe('pipelineHealth: the shape of the funnel', () => {
  it('a thin top of the funnel says marketing: fewer than 25 % of the open deals at first contact', () => {
    const deals = [...many(3, { stage: 'top' }), ...many(8, { stage: 'middle' }), ...many(5, { stage: 'bottom' })];
    const f = pipelineHealth(deals, pipeline, base).total.findings.find((x) => x.code === 'thin_top_of_funnel');
    expect(f).toMatchObject({ stageId: 'top', params: { stageId: 'top', stageName: '初步接触', count: 3, open: 16, share: 3 / 16, minShare: 0.25 } });
    expect(formatIssue(f!, 'zh-CN')).toBe('漏斗顶部偏窄：“初步接触”阶段只有 3 个商机，占跟进中商机（16 个）的 18.75%，低于 25%，需要加强市场推广、补充线索。');
    expect(codes(pipelineHealth(deals, pipeline, { ...base, minTopShare: 0.1 }).total.findings)).not.toContain('thin_top_of_funnel');
  });

  it('stages short of the reverse funnel: 100 万 at 10 万 a deal, conversions 0.5 / 0.5 / 0.8 need 52 / 26 / 13', () => {
    const deals = [...many(20, { stage: 'top' }), ...many(20, { stage: 'middle' }), ...many(20, { stage: 'bottom' })];
    const health = pipelineHealth(deals, pipeline, {
      ...base,
      target: money('1000000', 'CNY'),
      averageDealSize: money('100000', 'CNY'),
      stageConversions: { top: '0.5', middle: 0.5, bottom: '0.8' },
    });
    const short = health.total.findings.filter((f) => f.code === 'stage_short_of_required');
    expect(short.map((f) => f.params)).toEqual([
      { stageId: 'top', stageName: '初步接触', required: 52, actual: 20, shortfall: 32 },
      { stageId: 'middle', stageName: '方案提出', required: 26, actual: 20, shortfall: 6 },
    ]);
    expect(formatIssue(short[0]!, 'zh-CN')).toBe('“初步接触”阶段现有 20 个商机，按目标倒推需要 52 个，还差 32 个。');
    expect(health.stageConversions).toEqual([
      { stageId: 'top', conversion: 0.5 },
      { stageId: 'middle', conversion: 0.5 },
      { stageId: 'bottom', conversion: 0.8 },
    ]);
    expect(health.averageDealSize?.amount.toString()).toBe('100000');
  });

  it('per-group targets come from a function; without a target the check is skipped', () => {
    const deals = [...many(4, { stage: 'top', owner: 'rep-li' }), ...many(4, { stage: 'top', owner: 'rep-wang' })];
    const options = { ...base, averageDealSize: money('100000', 'CNY'), stageConversions: { top: 1, middle: 1, bottom: 1 }, groupBy: ['owner'] } as const;
    const health = pipelineHealth(deals, pipeline, { ...options, target: (key) => (key?.[0] === 'rep-li' ? money('1000000', 'CNY') : undefined) });
    const short = (i: number) => health.groups[i]!.value.findings.filter((f) => f.code === 'stage_short_of_required').map((f) => f.params);
    expect(short(0)).toEqual([
      { stageId: 'top', stageName: '初步接触', required: 10, actual: 4, shortfall: 6 },
      { stageId: 'middle', stageName: '方案提出', required: 10, actual: 0, shortfall: 10 },
      { stageId: 'bottom', stageName: '报价洽谈', required: 10, actual: 0, shortfall: 10 },
    ]);
    expect(short(1)).toEqual([]);
    expect(health.total.counts.stage_short_of_required).toBe(0);
    expect(pipelineHealth(deals, pipeline, options).total.counts.stage_short_of_required).toBe(0);
  });

  it('measures conversions and the average won deal from the deals when not given', () => {
    // Top: 4 went on, 4 lost; middle: 4 went on; bottom: 2 won, 2 lost. Wins of 10 and 30 万.
    const deals = [
      ...many(4, { stage: 'top', outcome: 'lost', entered: '2026-02-01', closed: '2026-02-10' }),
      ...many(2, { stage: 'bottom', outcome: 'lost', entered: '2026-02-15', closed: '2026-03-01' }),
      deal({ stage: 'bottom', outcome: 'won', amount: 10, entered: '2026-02-15', closed: '2026-03-01' }),
      deal({ stage: 'bottom', outcome: 'won', amount: 30, entered: '2026-02-15', closed: '2026-03-01' }),
    ];
    const health = pipelineHealth(deals, pipeline, { ...base, target: money('400000', 'CNY') });
    expect(health.stageConversions).toEqual([
      { stageId: 'top', conversion: 0.5 },
      { stageId: 'middle', conversion: 1 },
      { stageId: 'bottom', conversion: 0.5 },
    ]);
    expect(health.averageDealSize).toEqual({ amount: expect.anything(), currency: 'CNY' });
    expect(health.averageDealSize?.amount.toString()).toBe('200000');
    // 40 万 at 20 万 = 2 wins → bottom 4, middle 4, top 8; nothing is open.
    expect(health.total.findings.filter((f) => f.code === 'stage_short_of_required').map((f) => f.params.required)).toEqual([8, 4, 4]);
  });

  it('a measured fraction never adds a deal by rounding: 6 wins at a 2/7 conversion need 21 deals, not 22', () => {
    const deals = [
      ...many(5, { stage: 'bottom', outcome: 'lost', entered: '2026-02-15', closed: '2026-03-01' }),
      ...many(2, { stage: 'bottom', outcome: 'won', entered: '2026-02-15', closed: '2026-03-01' }),
    ];
    const health = pipelineHealth(deals, pipeline, { ...base, target: money('1200000', 'CNY') });
    expect(health.stageConversions.map((c) => c.conversion)).toEqual([1, 1, 2 / 7]);
    expect(health.total.findings.filter((f) => f.code === 'stage_short_of_required').map((f) => f.params.required)).toEqual([21, 21, 21]);
  });

  it('a stage that loses more than half of the deals leaving it says look at the price (at a quote stage)', () => {
    const deals = [
      ...many(6, { stage: 'bottom', outcome: 'lost', entered: '2026-02-15', closed: '2026-03-01' }),
      ...many(4, { stage: 'bottom', outcome: 'won', entered: '2026-02-15', closed: '2026-03-01' }),
      ...many(15, { stage: 'top' }),
    ];
    const f = pipelineHealth(deals, pipeline, base).total.findings.filter((x) => x.code === 'stage_loss_rate_high');
    expect(f.map((x) => x.params)).toEqual([{ stageId: 'bottom', stageName: '报价洽谈', lost: 6, left: 10, lossRate: 0.6, threshold: 0.5 }]);
    expect(f[0]?.message).toBe('Stage "报价洽谈" loses 60% of the deals that leave it (6 of 10), above 50%. At a quote stage, look at the price.');
    expect(codes(pipelineHealth(deals, pipeline, { ...base, maxLossRate: 0.6 }).total.findings)).not.toContain('stage_loss_rate_high');
    expect(codes(pipelineHealth(deals, pipeline, { ...base, minStageExits: 11 }).total.findings)).not.toContain('stage_loss_rate_high');
    // Only the history from `from` on.
    expect(codes(pipelineHealth(deals, pipeline, { ...base, from: '2026-04-01T00:00:00+08:00' }).total.findings)).not.toContain('stage_loss_rate_high');
  });
});

describe('pipelineHealth: close months, deal sizes and stalled deals', () => {
  it('months with no expected closes after a crowded month', () => {
    const deals = [
      ...many(4, { stage: 'bottom', close: '2026-05-20' }),
      deal({ stage: 'middle', close: '2026-08-15' }),
      ...many(3, { stage: 'middle', close: '2026-09-01' }),
      ...many(8, { stage: 'top' }),
    ];
    const f = pipelineHealth(deals, pipeline, base).total.findings.filter((x) => x.code === 'close_gap');
    // April (asOf's month) … September: May is crowded, June and July are empty; September is crowded, but the horizon ends there.
    expect(f.map((x) => x.params)).toEqual([{ crowdedMonth: '2026-05', crowdedCount: 4, from: '2026-06', to: '2026-07', months: 2 }]);
    expect(formatIssue(f[0]!, 'zh-CN')).toBe('2026-05 预计成交 4 个商机，之后连续 2 个月（2026-06 至 2026-07）没有预计成交的商机，业绩会出现断档。');
    expect(pipelineHealth(deals, pipeline, { ...base, monthsAhead: 12 }).total.findings.filter((x) => x.code === 'close_gap').map((x) => x.params.to)).toEqual([
      '2026-07',
      '2027-03',
    ]);
    expect(pipelineHealth(deals, pipeline, { ...base, crowdedMonth: 5 }).total.counts.close_gap).toBe(0);
  });

  it('deal-size bands with no open deal: only big deals, no small ones', () => {
    const deals = [...many(10, { stage: 'top', amount: 50 }), ...many(6, { stage: 'middle', amount: 120 })];
    const sizeBands = [{ label: '小单', max: '100000' }, { label: '中单', min: '100000', max: 1_000_000 }, { label: '大单', min: '1000000' }];
    const f = pipelineHealth(deals, pipeline, { ...base, sizeBands }).total.findings.filter((x) => x.code === 'deal_size_band_empty');
    expect(f.map((x) => x.params)).toEqual([{ band: '小单', min: null, max: '100000', currency: 'CNY' }]);
    expect(formatIssue(f[0]!, 'zh-CN')).toBe('“小单”规模段没有跟进中的商机，商机规模结构单一（例如只有大单、没有小单）。');
    expect(pipelineHealth([], pipeline, { ...base, sizeBands }).total.counts.deal_size_band_empty).toBe(0);
  });

  it('a hint for each stalled deal from its stage probability: 25 % undecided, 50 % a competitor, 75 % blocked inside the customer', () => {
    const stalled = [
      deal({ stage: 'top', entered: '2026-01-05' }),
      deal({ stage: 'middle', entered: '2026-02-01' }),
      deal({ stage: 'bottom', entered: '2026-02-20' }),
    ];
    const deals = [...stalled, ...many(15, { stage: 'top' }), deal({ stage: 'bottom', entered: '2026-01-05', suspended: '2026-01-10' })];
    const total = pipelineHealth(deals, pipeline, base).total;
    const hints = total.findings.filter(
      (f): f is Extract<HealthFinding, { code: 'stalled_undecided' | 'stalled_losing_to_competitor' | 'stalled_blocked_by_customer' }> => f.code.startsWith('stalled_'),
    );
    expect(hints.map((f) => [f.code, f.opportunityId, f.params.stageName, f.params.probability])).toEqual([
      ['stalled_undecided', stalled[0]!.id, '初步接触', '0.25'],
      ['stalled_losing_to_competitor', stalled[1]!.id, '方案提出', '0.5'],
      ['stalled_blocked_by_customer', stalled[2]!.id, '报价洽谈', '0.75'],
    ]);
    expect(hints.map((f) => formatIssue(f, 'zh-CN'))).toEqual([
      '在“初步接触”阶段（赢率 25%）停滞 115 天：客户可能仍在犹豫，或销售已与客户失去联系。',
      '在“方案提出”阶段（赢率 50%）停滞 88 天：可能正在输给竞争对手。',
      '在“报价洽谈”阶段（赢率 75%）停滞 69 天：客户内部可能存在阻碍（预算、审批）。',
    ]);
    expect(hints[2]?.message).toBe('Stalled for 69 days at "报价洽谈" (75%): it may be blocked inside the customer (budget, approval).');
    expect(pipelineHealth(deals, pipeline, { ...base, stallThreshold: 100 }).total.findings.filter((f) => f.code.startsWith('stalled_'))).toHaveLength(1);
  });
});

describe('pipelineHealth: groups, locale, options', () => {
  it('findings per group carry the group key; the report lists every code in counts', () => {
    const deals = [...many(15, { stage: 'top', owner: 'rep-li' }), ...many(2, { stage: 'top', owner: 'rep-wang' }), deal({ stage: 'middle', owner: 'rep-zhao', outcome: 'won' })];
    const health = pipelineHealth(deals, pipeline, { ...base, groupBy: ['owner'], locale: 'zh-CN' });
    expect(health.groupBy).toEqual(['owner']);
    expect(health.groups.map((g) => [g.key[0], g.value.openDeals, g.value.counts.too_few_open_deals])).toEqual([
      ['rep-li', 15, 0],
      ['rep-wang', 2, 1],
      ['rep-zhao', 0, 1],
    ]);
    expect(health.groups[1]!.value.findings[0]).toMatchObject({ groupKey: ['rep-wang'], message: '跟进中的商机只有 2 个，少于 15 个，后续成交难以为继。' });
    expect(Object.keys(health.total.counts)).toEqual([...HEALTH_CODES]);
    expect(health.total.findings.every((f) => f.groupKey === undefined)).toBe(true);
  });

  it('reads the input once into an array and never changes it', () => {
    const deals = many(3, { stage: 'top' });
    const before = snapshot(deals);
    function* stream() {
      yield* deals;
    }
    expect(pipelineHealth(stream(), pipeline, base).total.openDeals).toBe(3);
    expect(snapshot(deals)).toBe(before);
  });

  it('bad options are programmer errors', () => {
    const bad = (o: Partial<PipelineHealthOptions>) => () => pipelineHealth([], pipeline, { ...base, ...o } as PipelineHealthOptions);
    expect(() => pipelineHealth([], pipeline, {} as PipelineHealthOptions)).toThrow(FunnelError);
    for (const o of [
      { minOpenDeals: -1 },
      { minTopShare: 2 },
      { maxLossRate: -0.1 },
      { monthsAhead: 0 },
      { crowdedMonth: 0 },
      { sizeBands: [{ label: '' }] },
      { sizeBands: [{ label: 'x', min: 5, max: 5 }] },
      { sizeBands: [{ label: 'x', min: 'lots' }] },
      { stageConversions: { top: 0.5 } },
      { stageConversions: { top: 2, middle: 1, bottom: 1 } },
      { locale: 'fr' as never },
    ]) {
      expect(bad(o), JSON.stringify(o)).toThrow(expect.objectContaining({ code: 'invalid_option' }));
    }
    const foreign = { ...deal({ stage: 'top' }), pipelineId: 'other' } as Opportunity;
    expect(() => pipelineHealth([foreign], pipeline, base)).toThrow(expect.objectContaining({ code: 'pipeline_mismatch' }));
    expect(pipelineHealth([foreign], pipeline, { ...base, otherPipelines: 'ignore' }).total.openDeals).toBe(0);
  });
});

describe('pipelineHealth: hostile deals', () => {
  it('refuses a deals argument that is no iterable, and an item that is no deal by its place', () => {
    const ok = deal({ stage: 'top' });
    for (const [given, name] of [[null, 'opportunities'], [[ok, null], 'opportunities[1]'], [[5], 'opportunities[0]']] as const) {
      let thrown: unknown;
      try {
        pipelineHealth(given as never, pipeline, base);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(FunnelError);
      expect((thrown as FunnelError).params).toMatchObject({ name });
    }
  });
});
