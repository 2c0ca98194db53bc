import { describe, expect, it } from 'vitest';
import { transferOwnership, transition } from '../../src/index.js';
import { hours, makeDeal, makePipeline, snapshot } from './_fixtures.js';

describe('transferOwnership (交接)', () => {
  it('records owner_changed { from, to } and sets the owner', () => {
    const deal = makeDeal();
    const before = snapshot(deal);
    const r = transferOwnership(deal, 'rep-li', { at: hours(1), by: 'manager-wang' });
    expect(snapshot(deal)).toBe(before);
    if (!r.ok) throw new Error('refused');
    expect(r.events).toEqual([{ type: 'owner_changed', seq: 2, at: hours(1), by: 'manager-wang', from: 'rep-zhang', to: 'rep-li' }]);
    expect(r.opportunity.ownerId).toBe('rep-li');
    expect(r.opportunity.history).toEqual([...deal.history, ...r.events]);
  });

  it('giving a deal to its owner succeeds with no event', () => {
    const r = transferOwnership(makeDeal(), 'rep-zhang', { at: hours(1) });
    expect(r.ok && r.events).toEqual([]);
  });

  it('refuses closed deals, empty owners and backwards time, all at once', () => {
    const lost = transition(makeDeal(), makePipeline(), { type: 'lose', reason: 'x' }, { at: hours(2) });
    if (!lost.ok) throw new Error('refused');
    const r = transferOwnership(lost.opportunity, '', { at: hours(1), locale: 'zh-CN' });
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(['time_went_backwards', 'opportunity_closed', 'invalid_command']);
    expect(!r.ok && r.issues[1]?.message).toBe('商机已输单，请先重新打开。');
  });
});
