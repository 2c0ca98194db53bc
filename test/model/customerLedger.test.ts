// The parse-time check of a customer's ledger (the customer pool 公海).
import { describe, expect, it } from 'vitest';
import { formatIssue, parseCustomer, safeParseCustomer, serializeCustomer, toFunnelIssues, type CustomerEventJson } from '../../src/index.js';

const claim = (day: string, ownerId = 'rep-li'): CustomerEventJson => ({ type: 'claimed', at: `${day}T09:00:00+08:00`, ownerId });
const release = (day: string): CustomerEventJson => ({ type: 'released', at: `${day}T09:00:00+08:00` });
const reclaim = (day: string): CustomerEventJson => ({ type: 'reclaimed', at: `${day}T09:00:00+08:00`, rule: 'followUpDays' });
const assign = (day: string, ownerId: string): CustomerEventJson => ({ type: 'assigned', at: `${day}T09:00:00+08:00`, ownerId, by: 'mgr-zhao' });
const visit = (day: string): CustomerEventJson => ({ type: 'activity_logged', at: `${day}T15:00:00+08:00`, kind: 'visit' });

function issuesOf(fields: Record<string, unknown>): [string, string][] {
  const r = safeParseCustomer({ id: 'c-1', name: '华东机械', ...fields });
  return r.success ? [] : toFunnelIssues(r.error).map((i) => [i.code, (i.path ?? []).join('.')]);
}

describe('the customer ledger, checked on parse', () => {
  it('accepts claims from the pool, releases and reclaims of held customers, assignments and activities at any time', () => {
    const history = [visit('2026-02-27'), claim('2026-03-01'), visit('2026-03-02'), release('2026-03-03'), assign('2026-03-04', 'rep-wang'), assign('2026-03-05', 'rep-li'), reclaim('2026-03-20'), visit('2026-03-21'), claim('2026-03-22', 'rep-zhao')];
    expect(issuesOf({ ownerId: 'rep-zhao', history })).toEqual([]);
    expect(issuesOf({ history: history.slice(0, 7) })).toEqual([]);
  });

  it('refuses a claim of a held customer and a release or reclaim of a customer in the pool, at their paths', () => {
    expect(issuesOf({ ownerId: 'rep-wang', history: [claim('2026-03-01'), claim('2026-03-02', 'rep-wang')] })).toEqual([['ledger_claim_while_held', 'history.1.type']]);
    expect(issuesOf({ ownerId: 'rep-li', history: [assign('2026-03-01', 'rep-li'), claim('2026-03-02')] })).toEqual([['ledger_claim_while_held', 'history.1.type']]);
    expect(issuesOf({ history: [claim('2026-03-01'), release('2026-03-02'), reclaim('2026-03-03')] })).toEqual([['ledger_release_while_in_pool', 'history.2.type']]);
    expect(issuesOf({ history: [claim('2026-03-01'), release('2026-03-02'), release('2026-03-03')] })).toEqual([['ledger_release_while_in_pool', 'history.2.type']]);
  });

  it('accepts any first ownership event: an imported ledger may start midway', () => {
    expect(issuesOf({ history: [visit('2026-02-01'), release('2026-03-01')] })).toEqual([]);
    expect(issuesOf({ history: [reclaim('2026-03-01'), claim('2026-03-02')], ownerId: 'rep-li' })).toEqual([]);
  });

  it('checks ownerId against the holder the ledger leaves, when it has ownership events', () => {
    expect(issuesOf({ history: [claim('2026-03-01')] })).toEqual([['ledger_pool_owner_mismatch', 'ownerId']]);
    expect(issuesOf({ ownerId: 'rep-wang', history: [claim('2026-03-01')] })).toEqual([['ledger_pool_owner_mismatch', 'ownerId']]);
    expect(issuesOf({ ownerId: 'rep-li', history: [claim('2026-03-01'), reclaim('2026-03-11')] })).toEqual([['ledger_pool_owner_in_pool', 'ownerId']]);
    expect(issuesOf({ ownerId: 'rep-wang', history: [claim('2026-03-01'), assign('2026-03-02', 'rep-wang')] })).toEqual([]);
    // Without ownership events ownerId stays as given.
    expect(issuesOf({ ownerId: 'rep-wang', history: [visit('2026-03-01')] })).toEqual([]);
  });

  it('checks seq, client ids and time order as a deal ledger does', () => {
    expect(issuesOf({ ownerId: 'rep-li', history: [{ ...claim('2026-03-01'), seq: 2 }] })).toEqual([['ledger_seq_mismatch', 'history.0.seq']]);
    expect(issuesOf({ history: [{ ...visit('2026-03-01'), id: 'k' }, { ...visit('2026-03-02'), id: 'k' }] })).toEqual([['ledger_duplicate_event_id', 'history.1.id']]);
    expect(issuesOf({ history: [visit('2026-03-02'), visit('2026-03-01')] })).toEqual([['ledger_out_of_order', 'history.1.at']]);
  });

  it('reports structural problems without replaying (a bad instant is one issue)', () => {
    expect(issuesOf({ history: [{ type: 'claimed', at: 'yesterday', ownerId: 'rep-li' }] }).map(([code]) => code)).toEqual(['invalid_instant']);
    expect(issuesOf({ history: [{ type: 'assigned', at: '2026-03-01T00:00:00Z', ownerId: 'rep-li' }] }).map(([, path]) => path)).toEqual(['history.0.by']);
  });

  it('writes the messages in English and Chinese', () => {
    const r = safeParseCustomer({ id: 'c-1', name: '华东机械', ownerId: 'rep-li', history: [claim('2026-03-01'), claim('2026-03-02', 'rep-wang')] });
    expect(r.success).toBe(false);
    const issues = r.success ? [] : toFunnelIssues(r.error, 'zh-CN');
    expect(issues.map((i) => i.message)).toEqual([
      '第 2 条变更记录领取了已由“rep-li”持有的客户，应先退回或回收。',
      '负责人与第 2 条变更记录后的持有人“rep-wang”不一致。',
    ]);
    expect(formatIssue(issues[0]!, 'en')).toBe('Ledger event 2 claims a customer that "rep-li" already holds; it must be released or reclaimed first.');
  });

  it('serializeCustomer refuses a domain customer whose ledger contradicts it', () => {
    const c = parseCustomer({ id: 'c-1', name: '华东机械', ownerId: 'rep-li', history: [claim('2026-03-01')] });
    expect(() => serializeCustomer({ ...c, ownerId: undefined } as never)).toThrow();
  });
});
