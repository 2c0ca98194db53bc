import { describe, expect, it } from 'vitest';
import { Decimal, opportunityAsOf, parseOpportunity, serializeOpportunity, setProbabilityOverride, transition } from '../../src/index.js';
import { hours, makeDeal, makePipeline, snapshot, thrown, thrownValue, throwingOnRead } from './_fixtures.js';


const pipeline = makePipeline();
const reparse = (o: Parameters<typeof serializeOpportunity>[0], p = pipeline) => parseOpportunity(JSON.parse(JSON.stringify(serializeOpportunity(o))), { pipeline: p });

describe('setProbabilityOverride', () => {
  it('sets the rep’s probability and records probability_changed { from, to }', () => {
    const deal = makeDeal();
    const before = snapshot(deal);
    const r = setProbabilityOverride(deal, '0.6', { at: hours(1), by: 'rep-zhang' });
    expect(snapshot(deal)).toBe(before);
    if (!r.ok) throw new Error('refused');
    expect(r.opportunity.probabilityOverride?.toString()).toBe('0.6');
    const e = r.events[0];
    expect(r.events).toHaveLength(1);
    expect(e?.type === 'probability_changed' && [e.from, e.to?.toString(), e.by, e.seq]).toEqual([null, '0.6', 'rep-zhang', 2]);
    expect(reparse(r.opportunity).probabilityOverride?.toString()).toBe('0.6');
  });

  it('changes and clears it; an unchanged value appends nothing', () => {
    const set = setProbabilityOverride(makeDeal(), new Decimal('0.6'), { at: hours(1) });
    if (!set.ok) throw new Error('refused');
    const same = setProbabilityOverride(set.opportunity, 0.6, { at: hours(2) });
    expect(same.ok && same.events).toEqual([]);
    const changed = setProbabilityOverride(set.opportunity, '0.35', { at: hours(2) });
    if (!changed.ok) throw new Error('refused');
    const e = changed.events[0];
    expect(e?.type === 'probability_changed' && [e.from?.toString(), e.to?.toString()]).toEqual(['0.6', '0.35']);
    const cleared = setProbabilityOverride(changed.opportunity, null, { at: hours(3) });
    if (!cleared.ok) throw new Error('refused');
    expect('probabilityOverride' in cleared.opportunity).toBe(false);
    const c = cleared.events[0];
    expect(c?.type === 'probability_changed' && [c.from?.toString(), c.to]).toEqual(['0.35', null]);
    expect(reparse(cleared.opportunity).probabilityOverride).toBeUndefined();
    const none = setProbabilityOverride(makeDeal(), null, { at: hours(1) });
    expect(none.ok && none.events).toEqual([]);
  });

  it('is set on a suspended deal too; the forecast as of earlier instants reads it from the ledger', () => {
    const suspended = transition(makeDeal(), pipeline, { type: 'suspend' }, { at: hours(1) });
    if (!suspended.ok) throw new Error('refused');
    const r = setProbabilityOverride(suspended.opportunity, '0.2', { at: hours(2) });
    if (!r.ok) throw new Error('refused');
    expect(opportunityAsOf(r.opportunity, hours(1.5))?.probabilityOverride).toBeUndefined();
    expect(opportunityAsOf(r.opportunity, hours(2))?.probabilityOverride?.toString()).toBe('0.2');
  });

  it('is cleared by a stage change under reset (no event of its own) and by a close, and the ledger re-parses', () => {
    const set = setProbabilityOverride(makeDeal({ completedTasks: { contact: { at: hours(0.5).toISOString() } } }), '0.6', { at: hours(1) });
    if (!set.ok) throw new Error('refused');
    const moved = transition(set.opportunity, pipeline, { type: 'advance' }, { at: hours(2) });
    if (!moved.ok) throw new Error(JSON.stringify(moved.issues));
    expect(moved.events.map((e) => e.type)).toEqual(['stage_changed']);
    expect(moved.opportunity.probabilityOverride).toBeUndefined();
    expect(reparse(moved.opportunity).stageId).toBe('qualify');
    const keep = makePipeline({ probabilityOnStageChange: 'keep' });
    const kept = transition(set.opportunity, keep, { type: 'advance' }, { at: hours(2) });
    if (!kept.ok) throw new Error('refused');
    expect(reparse(kept.opportunity, keep).probabilityOverride?.toString()).toBe('0.6');
    const again = setProbabilityOverride(kept.opportunity, '0.7', { at: hours(3) });
    if (!again.ok) throw new Error('refused');
    const lost = transition(again.opportunity, keep, { type: 'lose', reason: '价格过高' }, { at: hours(4) });
    if (!lost.ok) throw new Error('refused');
    expect(reparse(lost.opportunity, keep).probabilityOverride).toBeUndefined();
  });

  it('refuses a value outside 0 to 1, a non-decimal and a closed deal, in the caller’s locale', () => {
    const codes = (p: unknown, deal = makeDeal()) => {
      const r = setProbabilityOverride(deal, p as never, { at: hours(1) });
      return r.ok ? [] : r.issues.map((i) => i.code);
    };
    expect(codes('1.2')).toEqual(['invalid_probability']);
    expect(codes(-0.1)).toEqual(['invalid_probability']);
    expect(codes('sixty')).toEqual(['invalid_probability']);
    expect(codes({})).toEqual(['invalid_probability']);
    expect(codes('0.5', makeDeal({ stageId: 'won', status: 'won', history: [{ type: 'created', at: '2026-03-01T01:00:00Z', stageId: 'negotiation' }, { type: 'won', at: '2026-03-01T01:30:00Z', stageId: 'won' }] }))).toEqual(['opportunity_closed']);
    const zh = setProbabilityOverride(makeDeal(), '1.2', { at: hours(1), locale: 'zh-CN' });
    expect(!zh.ok && zh.issues[0]?.message).toBe('手工赢率“1.2”无效：1.2 不在 0 到 1 之间。');
    const en = setProbabilityOverride(makeDeal(), '1.2', { at: hours(1) });
    expect(!en.ok && en.issues[0]?.message).toBe('Invalid probability 1.2: 1.2 is not in [0, 1].');
    const early = setProbabilityOverride(makeDeal(), '0.5', { at: hours(-1) });
    expect(!early.ok && early.issues.map((i) => i.code)).toEqual(['time_went_backwards']);
  });

  it('honours expectedVersion and replays an idempotency key', () => {
    const deal = makeDeal();
    const conflict = setProbabilityOverride(deal, '0.5', { at: hours(1), expectedVersion: 7 });
    expect(!conflict.ok && conflict.issues.map((i) => i.code)).toEqual(['version_conflict']);
    const first = setProbabilityOverride(deal, '0.5', { at: hours(1), idempotencyKey: 'cmd-1' });
    if (!first.ok) throw new Error('refused');
    const again = setProbabilityOverride(first.opportunity, '0.9', { at: hours(2), idempotencyKey: 'cmd-1' });
    expect(again.ok && [again.replayed, again.opportunity.probabilityOverride?.toString(), again.events[0]?.id]).toEqual([true, '0.5', 'cmd-1']);
  });

  it('needs `at`: without it (options left out or empty) it throws invalid_option, even for a change to nothing', () => {
    for (const options of [undefined, {}]) {
      const e = thrown(() => setProbabilityOverride(makeDeal(), null, options as never));
      expect([e.code, e.params, e.message]).toEqual([
        'invalid_option',
        { option: 'at', reason: { code: 'at_required', en: 'is required: pass the time of the change', 'zh-CN': '必须提供：请传入变更发生的时间' } },
        'Invalid option "at": is required: pass the time of the change.',
      ]);
    }
  });

  it('a value outside 0 to 1 is refused at path probability, with the value in the reason', () => {
    for (const [p, value] of [
      ['1.2', '1.2'],
      [-0.1, '-0.1'],
      [new Decimal('1.0000001'), '1.0000001'],
    ] as const) {
      expect(setProbabilityOverride(makeDeal(), p, { at: hours(1) })).toEqual({
        ok: false,
        issues: [
          {
            code: 'invalid_probability',
            params: { value, reason: { code: 'not_in_unit_interval', params: { value }, en: `${value} is not in [0, 1]`, 'zh-CN': `${value} 不在 0 到 1 之间` } },
            message: `Invalid probability ${value}: ${value} is not in [0, 1].`,
            path: ['probability'],
          },
        ],
      });
    }
  });

  it('0 and 1 are the bounds, both accepted', () => {
    for (const p of ['0', '1', 0, 1]) {
      const r = setProbabilityOverride(makeDeal(), p, { at: hours(1) });
      expect(r.ok && r.opportunity.probabilityOverride?.toString()).toBe(String(p));
    }
  });

  it('a value that is not a decimal is refused with the reason toDecimal gives, naming `probability`', () => {
    const refusal = (p: unknown, locale: 'en' | 'zh-CN' = 'en') => {
      const r = setProbabilityOverride(makeDeal(), p as never, { at: hours(1), locale });
      return r.ok ? undefined : r.issues;
    };
    expect(refusal('sixty')).toEqual([
      {
        code: 'invalid_probability',
        params: { value: 'sixty', reason: { code: 'not_a_decimal', params: { name: 'probability' }, en: 'probability is not a decimal number', 'zh-CN': '不是有效的数字' } },
        message: 'Invalid probability sixty: probability is not a decimal number.',
        path: ['probability'],
      },
    ]);
    expect(refusal(Number.NaN, 'zh-CN')).toEqual([
      {
        code: 'invalid_probability',
        params: { value: 'NaN', reason: { code: 'not_finite', params: { name: 'probability' }, en: 'probability must be finite', 'zh-CN': '必须是有限数值' } },
        message: '手工赢率“NaN”无效：必须是有限数值。',
        path: ['probability'],
      },
    ]);
    // 0.1 + 0.2 is 0.30000000000000004 in binary: 17 significant digits.
    expect(refusal(0.1 + 0.2)).toEqual([
      {
        code: 'invalid_probability',
        params: {
          value: '0.30000000000000004',
          reason: {
            code: 'inexact_binary_number',
            params: { name: 'probability' },
            en: 'probability has more digits than a binary number represents exactly; pass a decimal string',
            'zh-CN': '位数超过了二进制浮点数能精确表示的范围，请改用十进制字符串',
          },
        },
        message: 'Invalid probability 0.30000000000000004: probability has more digits than a binary number represents exactly; pass a decimal string.',
        path: ['probability'],
      },
    ]);
    for (const p of [{}, Object.create(null)]) {
      expect(refusal(p)).toEqual([
        {
          code: 'invalid_probability',
          params: { value: 'a value of type object', reason: { code: 'must_be_decimal_like', params: { name: 'probability' }, en: 'probability must be a string, number or Decimal', 'zh-CN': '必须是字符串、数字或 Decimal' } },
          message: 'Invalid probability a value of type object: probability must be a string, number or Decimal.',
          path: ['probability'],
        },
      ]);
    }
  });

  it('an error thrown by the caller’s own value propagates as it is (it is not a probability issue)', () => {
    const boom = new Error('from the caller');
    const hostile = throwingOnRead(boom);
    expect(thrownValue(() => setProbabilityOverride(makeDeal(), hostile as never, { at: hours(1) }))).toBe(boom);
  });

  it('-0 is 0: inside the interval, stored and recorded as 0', () => {
    for (const p of [-0, '-0', '-0.00', new Decimal('-0')]) {
      const r = setProbabilityOverride(makeDeal(), p, { at: hours(1) });
      if (!r.ok) throw new Error(`refused ${String(p)}: ${r.issues[0]?.message}`);
      expect(serializeOpportunity(r.opportunity).probabilityOverride).toBe('0');
      const e = r.events[0];
      expect(e?.type === 'probability_changed' && [e.from, e.to?.isNegative()]).toEqual([null, false]);
      const again = setProbabilityOverride(r.opportunity, 0, { at: hours(2) });
      expect(again.ok && again.events).toEqual([]);
    }
  });
});
