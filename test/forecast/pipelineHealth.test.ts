import { describe, expect, it } from 'vitest';
import {
  formatIssue,
  FunnelError,
  HEALTH_CODES,
  money,
  parseCustomer,
  parseOpportunity,
  parsePipeline,
  pipelineHealth,
  type HealthFinding,
  type Opportunity,
  type Pipeline,
  type PipelineHealthOptions,
} from '../../src/index.js';
import { thrown } from '../_errors.js';
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

/** A deal created at the top on 1 February, moved to `from` on the 5th and sent back to `to` on the 20th, where it stands. */
function sentBack(from: string, to: string): Opportunity {
  n += 1;
  const history: Record<string, unknown>[] = [{ type: 'created', at: day('2026-02-01'), stageId: 'top' }];
  if (from !== 'top') history.push({ type: 'stage_changed', at: day('2026-02-05'), from: 'top', to: from, kind: from === 'middle' ? 'advance' : 'skip' });
  history.push({ type: 'stage_changed', at: day('2026-02-20'), from, to, kind: 'regress' });
  const fields = { id: `o-${n}`, customerId: `c-${n}`, pipelineId: 'mh', name: `商机 ${n}`, ownerId: 'rep-wang', amount: { amount: '100000', currency: 'CNY' } };
  return parseOpportunity({ ...fields, stageId: to, status: 'open', history }, { pipeline });
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
    // The total's findings have no groupKey field at all.
    const few = pipelineHealth(many(2, { stage: 'top' }), pipeline, { ...base, groupBy: ['owner'] }).total.findings;
    expect([few.map((f) => f.code), few.some((f) => 'groupKey' in f)]).toEqual([['too_few_open_deals'], false]);
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

describe('pipelineHealth: each bad option named, with its reason', () => {
  /** The option and reason code of the refusal of `o`. */
  const refusal = (o: unknown, deals: readonly Opportunity[] = []) => {
    const e = thrown(() => pipelineHealth(deals, pipeline, o as PipelineHealthOptions));
    const p = e.params as unknown as { option?: string; reason?: { code: string } };
    return [e.code, p.option, p.reason?.code];
  };
  const with_ = (o: object) => ({ ...base, ...o });

  it('the options themselves, asOf and the numbers', () => {
    expect(refusal(null)).toEqual(['invalid_option', 'options', 'must_be_object']);
    expect(refusal('soon')).toEqual(['invalid_option', 'options', 'must_be_object']);
    expect(refusal({ timeZone: 'Asia/Shanghai' })).toEqual(['invalid_option', 'asOf', 'asof_for_judging']);
    expect(refusal({ asOf: 'soon' })[1]).toBe('asOf');
    expect(refusal(with_({ minOpenDeals: -1 }))[1]).toBe('minOpenDeals');
    expect(refusal(with_({ minTopShare: 2 }))[1]).toBe('minTopShare');
    expect(refusal(with_({ maxLossRate: -0.1 }))[1]).toBe('maxLossRate');
    expect(refusal(with_({ minStageExits: 0 }))[1]).toBe('minStageExits');
    expect(refusal(with_({ monthsAhead: 0 }))[1]).toBe('monthsAhead');
    expect(refusal(with_({ monthsAhead: 121 }))[1]).toBe('monthsAhead');
    expect(refusal(with_({ crowdedMonth: 0 }))[1]).toBe('crowdedMonth');
    expect(refusal(with_({ locale: 'fr' }))[1]).toBe('locale');
    expect(refusal(with_({ groupBy: 'owner' }))).toEqual(['invalid_option', 'groupBy', 'must_be_group_keys']);
    expect(refusal(with_({ otherPipelines: 'skip' }))[1]).toBe('otherPipelines');
  });

  it('size bands: a list of objects with a label, bounds that are decimals, max above min', () => {
    expect(refusal(with_({ sizeBands: { label: 'x' } }))).toEqual(['invalid_option', 'sizeBands', 'must_be_array']);
    expect(refusal(with_({ sizeBands: [{ label: 'a' }, null] }))).toEqual(['invalid_option', 'sizeBands[1]', 'must_be_object']);
    expect(refusal(with_({ sizeBands: [{ label: 'a' }, 'b'] }))).toEqual(['invalid_option', 'sizeBands[1]', 'must_be_object']);
    expect(refusal(with_({ sizeBands: [{ label: '' }] }))).toEqual(['invalid_option', 'sizeBands[0].label', 'must_be_non_empty_string']);
    expect(refusal(with_({ sizeBands: [{ label: 7 }] }))).toEqual(['invalid_option', 'sizeBands[0].label', 'must_be_non_empty_string']);
    expect(refusal(with_({ sizeBands: [{ label: 'x', min: 'lots' }] }))).toEqual(['invalid_option', 'sizeBands[0].min', 'must_be_decimal_like']);
    expect(refusal(with_({ sizeBands: [{ label: 'x', max: {} }] }))).toEqual(['invalid_option', 'sizeBands[0].max', 'must_be_decimal_like']);
    expect(refusal(with_({ sizeBands: [{ label: 'x', min: 5, max: 5 }] }))).toEqual(['invalid_option', 'sizeBands[0].max', 'max_before_min']);
    expect(refusal(with_({ sizeBands: [{ label: 'x', min: 6, max: '5.99' }] }))).toEqual(['invalid_option', 'sizeBands[0].max', 'max_before_min']);
  });

  it('size bands count a deal from min (included) to max (excluded), each bound optional', () => {
    // 10 万, 20 万, 30 万: bands [10 万, 20 万) and [20 万, ∞) and (−∞, 10 万).
    const deals = [deal({ stage: 'top', amount: 10 }), deal({ stage: 'top', amount: 20 }), deal({ stage: 'top', amount: 30 })];
    const sizeBands = [{ label: 'a', min: '100000', max: '200000' }, { label: 'b', min: 200000 }, { label: 'c', max: '100000' }];
    const empty = (bands: object[]) =>
      pipelineHealth(deals, pipeline, { ...base, sizeBands: bands as never }).total.findings.filter((f) => f.code === 'deal_size_band_empty').map((f) => (f.params as { band: string }).band);
    expect(empty(sizeBands)).toEqual(['c']);
    expect(empty([{ label: 'd', min: '300000.01' }, { label: 'e', max: '100000.01' }, { label: 'f', min: '300000', max: '300000.01' }])).toEqual(['d']);
  });

  it('stage conversions: an object with every open stage, each in [0, 1]', () => {
    expect(refusal(with_({ stageConversions: 0.5 }))).toEqual(['invalid_option', 'stageConversions', 'must_be_object']);
    expect(refusal(with_({ stageConversions: null }))).toEqual(['invalid_option', 'stageConversions', 'must_be_object']);
    expect(refusal(with_({ stageConversions: { top: 0.5, bottom: 0.5 } }))).toEqual(['invalid_option', 'stageConversions.middle', 'is_required']);
    expect(refusal(with_({ stageConversions: { top: 0.5, middle: 1.5, bottom: 0.5 } }))).toEqual(['invalid_option', 'stageConversions.middle', 'not_in_unit_interval']);
    expect(refusal(with_({ stageConversions: { top: 'half', middle: 1, bottom: 1 } }))).toEqual(['invalid_option', 'stageConversions.top', 'not_in_unit_interval']);
  });
});

describe('pipelineHealth: the edges of each check', () => {
  it('a top share exactly at the minimum is not thin', () => {
    // 1 of 4 open deals at the top: 25 %.
    const deals = [deal({ stage: 'top' }), ...many(3, { stage: 'middle' })];
    expect(pipelineHealth(deals, pipeline, base).total.counts.thin_top_of_funnel).toBe(0);
    expect(pipelineHealth(deals, pipeline, { ...base, minTopShare: 0.26 }).total.counts.thin_top_of_funnel).toBe(1);
  });

  it('a stage holding exactly the deals required is not short', () => {
    // 100 万 at 10 万, every conversion 1: 10 deals needed at each stage.
    const deals = [...many(10, { stage: 'top' }), ...many(10, { stage: 'middle' }), ...many(9, { stage: 'bottom' })];
    const f = pipelineHealth(deals, pipeline, { ...base, target: money('1000000', 'CNY'), averageDealSize: money('100000', 'CNY'), stageConversions: { top: 1, middle: 1, bottom: 1 } });
    expect(f.total.findings.filter((x) => x.code === 'stage_short_of_required').map((x) => x.params)).toEqual([
      { stageId: 'bottom', stageName: '报价洽谈', required: 10, actual: 9, shortfall: 1 },
    ]);
  });

  it('a target in another currency is read with the rates', () => {
    const deals = many(3, { stage: 'bottom' });
    const options = { ...base, target: money('100000', 'USD'), averageDealSize: money('100000', 'CNY'), stageConversions: { top: 1, middle: 1, bottom: 1 } };
    const f = pipelineHealth(deals, pipeline, { ...options, rates: { base: 'CNY', rates: { USD: '7' } } });
    // 70 万 at 10 万: 7 deals at each stage.
    expect(f.total.findings.filter((x) => x.code === 'stage_short_of_required').map((x) => x.params.required)).toEqual([7, 7, 7]);
  });

  it('a conversion of 0 leaves the stages above it without a requirement; an unknown one skips the check', () => {
    const deals = many(3, { stage: 'bottom' });
    const target = money('1000000', 'CNY');
    const averageDealSize = money('100000', 'CNY');
    const zero = pipelineHealth(deals, pipeline, { ...base, target, averageDealSize, stageConversions: { top: 1, middle: 0, bottom: 1 } });
    expect(zero.total.findings.filter((x) => x.code === 'stage_short_of_required').map((x) => x.params.stageId)).toEqual(['bottom']);
    // Measured: nobody has left the top or the middle, so their conversions are unknown.
    const unknown = pipelineHealth(deals, pipeline, { ...base, target, averageDealSize });
    expect([unknown.stageConversions.map((c) => c.conversion), unknown.total.counts.stage_short_of_required]).toEqual([[1, 1, null], 0]);
  });

  it('a loss rate counts regressions among the exits, and needs at least minStageExits of them', () => {
    // Bottom: 6 lost, 4 sent back to the middle: 6 of 10 lost.
    const back = () => sentBack('bottom', 'middle');
    const deals = [...many(6, { stage: 'bottom', outcome: 'lost', entered: '2026-02-15', closed: '2026-03-01' }), ...[1, 2, 3, 4].map(back), ...many(15, { stage: 'top' })];
    const f = pipelineHealth(deals, pipeline, base).total.findings.filter((x) => x.code === 'stage_loss_rate_high');
    expect(f.map((x) => [x.params.lost, x.params.left])).toEqual([[6, 10]]);
    expect(pipelineHealth(deals, pipeline, { ...base, minStageExits: 10 }).total.counts.stage_loss_rate_high).toBe(1);
    expect(pipelineHealth(deals, pipeline, { ...base, minStageExits: 11 }).total.counts.stage_loss_rate_high).toBe(0);
  });

  it('a crowded month followed by closes is no gap', () => {
    const deals = [...many(4, { stage: 'bottom', close: '2026-05-20' }), deal({ stage: 'middle', close: '2026-06-15' }), ...many(15, { stage: 'top' })];
    expect(pipelineHealth(deals, pipeline, base).total.counts.close_gap).toBe(0);
  });
});

describe('pipelineHealth: what the options are handed on to', () => {
  const stalledIds = (o: Partial<PipelineHealthOptions>, deals: readonly Opportunity[]) =>
    pipelineHealth(deals, pipeline, { ...base, ...o }).total.findings.filter((f) => f.code.startsWith('stalled_')).map((f) => (f as { opportunityId?: string }).opportunityId);

  it('the stall clock: from creation, a deal that entered its stage three weeks ago has stalled', () => {
    // Created on 2 January, in the middle since 10 April: 20 days on the stage clock, 118 from creation.
    const d = deal({ stage: 'middle' });
    expect(stalledIds({}, [d])).toEqual([]);
    expect(stalledIds({ stallClock: 'created' }, [d])).toEqual([d.id]);
  });

  it('the locale of the stalled hints', () => {
    const d = deal({ stage: 'top', entered: '2026-01-05' });
    const hint = pipelineHealth([d], pipeline, { ...base, locale: 'zh-CN' }).total.findings.find((f) => f.code.startsWith('stalled_'));
    expect(hint?.message).toBe('在“初步接触”阶段（赢率 25%）停滞 115 天：客户可能仍在犹豫，或销售已与客户失去联系。');
  });

  it('customers, teams and the zone to the grouping', () => {
    const li = deal({ stage: 'top', owner: 'rep-li' });
    const wang = deal({ stage: 'top', owner: 'rep-wang' });
    const customers = [parseCustomer({ id: li.customerId, name: '华东机械', industry: '制造' }), parseCustomer({ id: wang.customerId, name: '蓝海零售', industry: '零售' })];
    const keys = (o: Partial<PipelineHealthOptions>) => pipelineHealth([li, wang], pipeline, { ...base, ...o }).groups.map((g) => g.key.join('/'));
    expect(keys({ groupBy: ['industry'], customers })).toEqual(['制造', '零售']);
    expect(keys({ groupBy: ['team'], teams: { 'rep-li': '华东', 'rep-wang': '华南' } })).toEqual(['华东', '华南']);
    // Created at 09:00 Shanghai time on 10 April: 01:00 UTC, the same day either way; at 07:00 the day before in UTC−02:00.
    expect(keys({ groupBy: ['created_month'], period: { unit: 'quarter' } })).toEqual(['2026-04']);
    const late = deal({ stage: 'top', entered: '2026-05-01' }); // created 1 May 09:00 +08:00 = 30 April 23:00 UTC−02:00
    const months = (o: Partial<PipelineHealthOptions>) => pipelineHealth([late], pipeline, { asOf: '2026-05-30T00:00:00+08:00', groupBy: ['created_month'], ...o }).groups.map((g) => g.key[0]);
    expect(months({ timeZone: 'Asia/Shanghai' })).toEqual(['2026-05']);
    expect(months({})).toEqual(['2026-05']);
    expect(months({ timeZone: 'America/Sao_Paulo' })).toEqual(['2026-04']);
    expect(months({ offsetMinutes: -120 })).toEqual(['2026-04']);
    expect(keys({ groupBy: ['period'], period: { unit: 'quarter' } })).toEqual(['2026-Q2']);
    expect(keys({ groupBy: ['period'], period: { unit: 'month' } })).toEqual(['2026-04']);
    expect(keys({ groupBy: ['period'], period: { unit: 'year' } })).toEqual(['2026']);
  });

  it('a loss rate per group', () => {
    const deals = [
      ...many(6, { stage: 'bottom', outcome: 'lost', owner: 'rep-li', entered: '2026-02-15', closed: '2026-03-01' }),
      ...many(6, { stage: 'bottom', outcome: 'won', owner: 'rep-wang', entered: '2026-02-15', closed: '2026-03-01' }),
    ];
    const health = pipelineHealth(deals, pipeline, { ...base, groupBy: ['owner'] });
    expect(health.groups.map((g) => [g.key[0], g.value.counts.stage_loss_rate_high])).toEqual([['rep-li', 1], ['rep-wang', 0]]);
    expect(health.total.counts.stage_loss_rate_high).toBe(0); // 6 of 12
  });

  it('a measured conversion counts regressions among the exits; a stage nobody left has none', () => {
    const back = () => sentBack('middle', 'top');
    const deals = [back(), back(), ...many(2, { stage: 'bottom', entered: '2026-03-01' })];
    // Middle: 2 went on, 2 went back: 0.5. Bottom: nobody left it.
    expect(pipelineHealth(deals, pipeline, base).stageConversions).toEqual([
      { stageId: 'top', conversion: 1 },
      { stageId: 'middle', conversion: 0.5 },
      { stageId: 'bottom', conversion: null },
    ]);
  });

  it('the average won deal is read only for a target, as of asOf, with the rates', () => {
    const wins = [
      deal({ stage: 'bottom', outcome: 'won', amount: 10, entered: '2026-02-15', closed: '2026-03-01' }),
      deal({ stage: 'bottom', outcome: 'won', amount: 30, entered: '2026-02-15', closed: '2026-04-20' }),
    ];
    expect(pipelineHealth(wins, pipeline, base).averageDealSize).toBeNull();
    const target = money('1000000', 'CNY');
    expect(pipelineHealth(wins, pipeline, { ...base, target }).averageDealSize?.amount.toString()).toBe('200000');
    // As of 1 April only the first win had happened.
    expect(pipelineHealth(wins, pipeline, { ...base, asOf: '2026-04-01T00:00:00+08:00', target }).averageDealSize?.amount.toString()).toBe('100000');
    // No win: no average, and no reverse funnel.
    const none = pipelineHealth(many(3, { stage: 'top' }), pipeline, { ...base, target, stageConversions: { top: 1, middle: 1, bottom: 1 } });
    expect([none.averageDealSize, none.total.counts.stage_short_of_required]).toEqual([null, 0]);
    // A win in USD is read in CNY with the rates.
    const usd = { ...wins[0]!, amount: { amount: wins[0]!.amount.amount, currency: 'USD' } } as Opportunity;
    expect(pipelineHealth([usd], pipeline, { ...base, target, rates: { base: 'CNY', rates: { USD: '7' } } }).averageDealSize?.amount.toString()).toBe('700000');
  });

  it('a target that is an amount applies to the whole book, not to each group', () => {
    const deals = [...many(2, { stage: 'top', owner: 'rep-li' }), ...many(2, { stage: 'top', owner: 'rep-wang' })];
    const health = pipelineHealth(deals, pipeline, {
      ...base, groupBy: ['owner'], target: money('1000000', 'CNY'), averageDealSize: money('100000', 'CNY'), stageConversions: { top: 1, middle: 1, bottom: 1 },
    });
    expect(health.total.counts.stage_short_of_required).toBe(3);
    expect(health.groups.map((g) => g.value.counts.stage_short_of_required)).toEqual([0, 0]);
    for (const target of [5, null, 'lots', { amount: '5' }]) expect(refusalOf({ ...base, target })).toEqual(['invalid_option', 'target']);
  });

  it('a deal of another pipeline is named; a deal marked open in a closed stage is not an open deal', () => {
    const foreign = { ...deal({ stage: 'top' }), pipelineId: 'other' } as Opportunity;
    const e = thrown(() => pipelineHealth([foreign], pipeline, base));
    expect([e.code, e.params]).toEqual(['pipeline_mismatch', { expected: 'mh', actual: 'other' }]);
    const odd = { ...deal({ stage: 'bottom', outcome: 'won' }), status: 'open' } as Opportunity;
    expect(pipelineHealth([odd], pipeline, base).total.openDeals).toBe(0);
    // A deal built around the parser, standing in a stage the pipeline lacks.
    const stray = { ...deal({ stage: 'top' }), stageId: 'nowhere' } as Opportunity;
    const s = thrown(() => pipelineHealth([stray], pipeline, base));
    expect([s.code, s.params]).toEqual(['unknown_stage', { stageId: 'nowhere', pipelineId: 'mh' }]);
  });

  it('with otherPipelines: ignore, the average win leaves out another pipeline’s wins', () => {
    const mine = deal({ stage: 'bottom', outcome: 'won', amount: 10, entered: '2026-02-15', closed: '2026-03-01' });
    const theirs = { ...deal({ stage: 'bottom', outcome: 'won', amount: 90, entered: '2026-02-15', closed: '2026-03-01' }), pipelineId: 'other' } as Opportunity;
    const health = pipelineHealth([mine, theirs], pipeline, { ...base, target: money('1000000', 'CNY'), otherPipelines: 'ignore' });
    expect(health.averageDealSize?.amount.toString()).toBe('100000');
  });
});

/** The code and option of the refusal of `o`. */
function refusalOf(o: unknown): [string, string | undefined] {
  const e = thrown(() => pipelineHealth([], pipeline, o as PipelineHealthOptions));
  return [e.code, (e.params as { option?: string }).option];
}

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
