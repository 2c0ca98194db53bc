import { describe, expect, it } from 'vitest';
import { opportunityAsOf, parseOpportunity, serializeOpportunity, setForecastCategory, transition } from '../../src/index.js';
import { hours, makeDeal, makePipeline, snapshot, thrown } from './_fixtures.js';


const pipeline = makePipeline();
const reparse = (o: Parameters<typeof serializeOpportunity>[0]) => parseOpportunity(JSON.parse(JSON.stringify(serializeOpportunity(o))), { pipeline });

describe('setForecastCategory', () => {
  it('sets the rep’s category and records forecast_category_changed { from, to }', () => {
    const deal = makeDeal();
    const before = snapshot(deal);
    const r = setForecastCategory(deal, 'commit', { at: hours(1), by: 'rep-zhang' });
    expect(snapshot(deal)).toBe(before);
    if (!r.ok) throw new Error('refused');
    expect(r.opportunity.forecastCategoryOverride).toBe('commit');
    const e = r.events[0];
    expect(e?.type === 'forecast_category_changed' && [e.from, e.to, e.by]).toEqual([null, 'commit', 'rep-zhang']);
    expect(reparse(r.opportunity).forecastCategoryOverride).toBe('commit');
    expect(opportunityAsOf(r.opportunity, hours(0.5))?.forecastCategoryOverride).toBeUndefined();
  });

  it('changes and clears it; an unchanged value appends nothing; it survives a stage change', () => {
    const set = setForecastCategory(makeDeal({ completedTasks: { contact: { at: hours(0.5).toISOString() } } }), 'best_case', { at: hours(1) });
    if (!set.ok) throw new Error('refused');
    const same = setForecastCategory(set.opportunity, 'best_case', { at: hours(2) });
    expect(same.ok && same.events).toEqual([]);
    const moved = transition(set.opportunity, pipeline, { type: 'advance' }, { at: hours(2) });
    if (!moved.ok) throw new Error('refused');
    expect(reparse(moved.opportunity).forecastCategoryOverride).toBe('best_case');
    const cleared = setForecastCategory(moved.opportunity, null, { at: hours(3) });
    if (!cleared.ok) throw new Error('refused');
    const e = cleared.events[0];
    expect(e?.type === 'forecast_category_changed' && [e.from, e.to]).toEqual(['best_case', null]);
    expect('forecastCategoryOverride' in reparse(cleared.opportunity)).toBe(false);
  });

  it('is cleared by a close, with no event of its own', () => {
    const set = setForecastCategory(makeDeal(), 'omitted', { at: hours(1) });
    if (!set.ok) throw new Error('refused');
    const lost = transition(set.opportunity, pipeline, { type: 'lose', reason: '价格过高' }, { at: hours(2) });
    if (!lost.ok) throw new Error('refused');
    expect(lost.events.map((e) => e.type)).toEqual(['lost']);
    expect(reparse(lost.opportunity).forecastCategoryOverride).toBeUndefined();
  });

  it('refuses closed, an unknown category and a closed deal, in the caller’s locale', () => {
    const codes = (c: unknown) => {
      const r = setForecastCategory(makeDeal(), c as never, { at: hours(1) });
      return r.ok ? [] : r.issues.map((i) => i.code);
    };
    expect(codes('closed')).toEqual(['invalid_forecast_category']);
    expect(codes('maybe')).toEqual(['invalid_forecast_category']);
    expect(codes(3)).toEqual(['invalid_forecast_category']);
    const zh = setForecastCategory(makeDeal(), 'closed', { at: hours(1), locale: 'zh-CN' });
    expect(!zh.ok && zh.issues[0]?.message).toBe('手工预测类别“closed”无效：“已赢单”类别只用于赢单的商机：请直接将商机标记为赢单。');
    const en = setForecastCategory(makeDeal(), 'maybe' as never, { at: hours(1) });
    expect(!en.ok && en.issues[0]?.message).toBe("Invalid forecast category maybe: must be one of 'pipeline', 'best_case', 'commit', 'omitted'.");
    const won = transition(makeDeal({ stageId: 'negotiation', history: [{ type: 'created', at: '2026-03-01T01:00:00Z', stageId: 'negotiation' }], amount: { amount: '250000', currency: 'CNY' }, attributes: { decisionMaker: 'x' } }), pipeline, { type: 'win' }, { at: hours(1) });
    if (!won.ok) throw new Error(JSON.stringify(won.issues));
    const r = setForecastCategory(won.opportunity, 'commit', { at: hours(2) });
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(['opportunity_closed']);
  });

  it('needs `at`: without it (options left out or empty) it throws invalid_option, even for a change to nothing', () => {
    for (const options of [undefined, {}]) {
      const e = thrown(() => setForecastCategory(makeDeal(), null, options as never));
      expect([e.code, e.params, e.message]).toEqual([
        'invalid_option',
        { option: 'at', reason: { code: 'at_required', en: 'is required: pass the time of the change', 'zh-CN': '必须提供：请传入变更发生的时间' } },
        'Invalid option "at": is required: pass the time of the change.',
      ]);
    }
  });

  it('closed is refused at path category: it belongs to won deals', () => {
    const reason = { code: 'closed_category_needs_win', en: "'closed' belongs to won deals: win the deal instead", 'zh-CN': '“已赢单”类别只用于赢单的商机：请直接将商机标记为赢单' };
    expect(setForecastCategory(makeDeal(), 'closed', { at: hours(1) })).toEqual({
      ok: false,
      issues: [
        {
          code: 'invalid_forecast_category',
          params: { value: 'closed', reason },
          message: "Invalid forecast category closed: 'closed' belongs to won deals: win the deal instead.",
          path: ['category'],
        },
      ],
    });
  });

  it('an unknown category is refused at path category, listing the settable ones in the locale', () => {
    const reason = {
      code: 'one_of',
      params: { allowed: { en: "'pipeline', 'best_case', 'commit', 'omitted'", 'zh-CN': '“pipeline”、“best_case”、“commit”、“omitted”' } },
      en: "must be one of 'pipeline', 'best_case', 'commit', 'omitted'",
      'zh-CN': '必须是以下之一：“pipeline”、“best_case”、“commit”、“omitted”',
    };
    expect(setForecastCategory(makeDeal(), 'maybe' as never, { at: hours(1), locale: 'zh-CN' })).toEqual({
      ok: false,
      issues: [
        {
          code: 'invalid_forecast_category',
          params: { value: 'maybe', reason },
          message: '手工预测类别“maybe”无效：必须是以下之一：“pipeline”、“best_case”、“commit”、“omitted”。',
          path: ['category'],
        },
      ],
    });
    const r = setForecastCategory(makeDeal(), undefined as never, { at: hours(1) });
    expect(!r.ok && r.issues.map((i) => [i.params, i.path])).toEqual([[{ value: 'undefined', reason }, ['category']]]);
  });

  it('a stale expectedVersion is refused alone, and a repeated idempotency key replays', () => {
    const deal = makeDeal();
    expect(setForecastCategory(deal, 'commit', { at: hours(1), expectedVersion: 5 })).toEqual({
      ok: false,
      issues: [
        {
          code: 'version_conflict',
          params: { expected: 5, actual: 1 },
          message: 'The deal has changed: expected version 5, but its ledger is at version 1. Read it again and retry.',
          path: ['expectedVersion'],
        },
      ],
    });
    const first = setForecastCategory(deal, 'commit', { at: hours(1), expectedVersion: 1, idempotencyKey: 'cat-1' });
    if (!first.ok) throw new Error('refused');
    expect(first.events).toEqual([{ type: 'forecast_category_changed', seq: 2, id: 'cat-1', at: hours(1), from: null, to: 'commit' }]);
    const again = setForecastCategory(first.opportunity, 'best_case', { at: hours(2), expectedVersion: 1, idempotencyKey: 'cat-1' });
    expect(again).toEqual({ ok: true, opportunity: first.opportunity, events: first.events, replayed: true });
  });
});
