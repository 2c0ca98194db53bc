// Storing the ledger: every engine command accepts `expectedVersion` (optimistic locking
// on the ledger length) and `idempotencyKey` (the same command sent twice appends once).
import { describe, expect, it } from 'vitest';
import {
  completeTask,
  evaluateTransition,
  FunnelError,
  money,
  parseOpportunity,
  reopenTask,
  serializeOpportunity,
  setSplits,
  transferOwnership,
  transition,
  updateAmount,
  updateCloseDate,
  type EngineChangeOptions,
  type EngineResult,
  type Opportunity,
} from '../../src/index.js';
import { hours, makeDeal, makePipeline, snapshot } from './_fixtures.js';

const pipeline = makePipeline();

/** The deal after `contact` is done at hours(1): version 2 (created, task_completed). */
function contacted(): Opportunity {
  const r = completeTask(makeDeal(), pipeline, 'contact', { at: hours(1) });
  if (!r.ok) throw new Error('refused');
  return r.opportunity;
}

const must = (r: EngineResult) => {
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r;
};

describe('seq: every appended event carries its 1-based position in the ledger', () => {
  it('one event, then two at once (reopen elsewhere)', () => {
    const deal = contacted();
    expect(deal.history.map((e) => e.seq)).toEqual([1, 2]);
    const advanced = must(transition(deal, pipeline, { type: 'advance' }, { at: hours(2) }));
    expect(advanced.events.map((e) => [e.type, e.seq])).toEqual([['stage_changed', 3]]);
    const lost = must(transition(advanced.opportunity, pipeline, { type: 'lose', reason: 'budget cut' }, { at: hours(3) }));
    const reopened = must(transition(lost.opportunity, pipeline, { type: 'reopen', to: 'lead' }, { at: hours(4) }));
    expect(reopened.events.map((e) => [e.type, e.seq])).toEqual([
      ['reopened', 5],
      ['stage_changed', 6],
    ]);
    expect(reopened.opportunity.history.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('expectedVersion: optimistic locking on the ledger length', () => {
  it('two commands decided on the same version: the first appends, the second is a version_conflict', () => {
    const stored = contacted(); // version 2
    const version = stored.history.length;
    // Two users read the deal at version 2 and act at once; the database applies one first.
    const first = transition(stored, pipeline, { type: 'advance' }, { at: hours(2), by: 'rep-zhang', expectedVersion: version });
    const afterFirst = must(first).opportunity;
    expect(afterFirst.history).toHaveLength(3);
    const second = transition(afterFirst, pipeline, { type: 'lose', reason: 'lost to Globex' }, { at: hours(2), by: 'rep-li', expectedVersion: version });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.issues.map((i) => [i.code, i.params, i.path])).toEqual([['version_conflict', { expected: 2, actual: 3 }, ['expectedVersion']]]);
    expect(second.issues[0]?.message).toBe('The deal has changed: expected version 2, but its ledger is at version 3. Read it again and retry.');
    const zh = transition(afterFirst, pipeline, { type: 'advance' }, { at: hours(2), expectedVersion: 2, locale: 'zh-CN' });
    expect(!zh.ok && zh.issues[0]?.message).toBe('商机已被他人修改：预期版本为 2，当前版本为 3。请重新读取后重试。');
    // Read again, decide again: at the current version the command goes through.
    expect(transition(afterFirst, pipeline, { type: 'lose', reason: 'lost to Globex' }, { at: hours(2), expectedVersion: 3 }).ok).toBe(true);
  });

  it('a conflict is the only issue: no other rule is judged against a state the caller has not seen', () => {
    const deal = makeDeal(); // version 1; advancing would also miss `contact` and go back in time
    const r = transition(deal, pipeline, { type: 'advance' }, { at: hours(-1), expectedVersion: 5 });
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(['version_conflict']);
    expect(evaluateTransition(deal, pipeline, { type: 'advance' }, { at: hours(-1), expectedVersion: 5 }).map((i) => i.code)).toEqual(['version_conflict']);
    // Without expectedVersion nothing is checked.
    expect(evaluateTransition(deal, pipeline, { type: 'advance' }, { at: hours(1) }).map((i) => i.code)).toEqual(['key_task_incomplete']);
  });

  it('every engine command honours it', () => {
    const deal = contacted(); // version 2
    const stale: EngineChangeOptions = { at: hours(2), expectedVersion: 1 };
    const fresh: EngineChangeOptions = { at: hours(2), expectedVersion: 2 };
    const commands: ((o: EngineChangeOptions) => EngineResult)[] = [
      (o) => transition(deal, pipeline, { type: 'advance' }, o),
      (o) => completeTask(deal, pipeline, 'budget', o),
      (o) => reopenTask(deal, pipeline, 'contact', o),
      (o) => transferOwnership(deal, 'rep-li', o),
      (o) => setSplits(deal, [{ ownerId: 'rep-zhang', basisPoints: 10_000 }], o),
      (o) => updateAmount(deal, money('300000', 'CNY'), o),
      (o) => updateCloseDate(deal, '2026-06-30', o),
    ];
    for (const run of commands) {
      const r = run(stale);
      expect(!r.ok && r.issues.map((i) => i.code)).toEqual(['version_conflict']);
      const ok = must(run(fresh));
      expect(ok.events[0]?.seq).toBe(3);
    }
  });

  it('must be a whole number >= 0 (invalid_option)', () => {
    for (const bad of [-1, 1.5, Number.NaN, '2', null]) {
      expect(() => transition(makeDeal(), pipeline, { type: 'advance' }, { at: hours(1), expectedVersion: bad as never })).toThrow(FunnelError);
      expect(() => updateAmount(makeDeal(), money('1', 'CNY'), { at: hours(1), expectedVersion: bad as never })).toThrow(/expectedVersion/);
    }
  });
});

describe('idempotencyKey: the same command sent twice appends once', () => {
  it('records the key as the id of the appended event, and a repeat returns the same events without appending', () => {
    const deal = contacted();
    const options = { at: hours(2), by: 'rep-zhang', idempotencyKey: 'req-7f3a' };
    const first = must(transition(deal, pipeline, { type: 'advance' }, options));
    expect(first.replayed).toBe(false);
    expect(first.events).toEqual([{ type: 'stage_changed', seq: 3, id: 'req-7f3a', at: hours(2), by: 'rep-zhang', from: 'lead', to: 'qualify', kind: 'advance' }]);

    // The response was lost; the client sends the same command again, against the stored deal.
    const before = snapshot(first.opportunity);
    const again = must(transition(first.opportunity, pipeline, { type: 'advance' }, options));
    expect(snapshot(first.opportunity)).toBe(before);
    expect(again.replayed).toBe(true);
    expect(again.events).toEqual(first.events);
    expect(again.opportunity).toEqual(first.opportunity);
    expect(again.opportunity.history).toHaveLength(3);
  });

  it('a replay wins over a stale expectedVersion and an earlier `at` (a retry sends what it sent the first time)', () => {
    const deal = contacted();
    const first = must(transition(deal, pipeline, { type: 'advance' }, { at: hours(2), expectedVersion: 2, idempotencyKey: 'k1' }));
    const later = must(completeTask(first.opportunity, pipeline, 'budget', { at: hours(5) })); // someone else appended
    const retry = must(transition(later.opportunity, pipeline, { type: 'advance' }, { at: hours(2), expectedVersion: 2, idempotencyKey: 'k1' }));
    expect(retry.replayed).toBe(true);
    expect(retry.events).toEqual(first.events);
    expect(retry.opportunity).toEqual(later.opportunity);
    expect(evaluateTransition(later.opportunity, pipeline, { type: 'advance' }, { at: hours(2), expectedVersion: 2, idempotencyKey: 'k1' })).toEqual([]);
  });

  it('a command that appends several events gives them key, key#2, …, and a replay returns them all', () => {
    const lost = must(transition(contacted(), pipeline, { type: 'lose', reason: 'budget cut' }, { at: hours(2) })).opportunity;
    const options = { at: hours(3), idempotencyKey: 'reopen-1' };
    const r = must(transition(lost, pipeline, { type: 'reopen', to: 'qualify' }, options));
    expect(r.events.map((e) => [e.type, e.seq, e.id])).toEqual([
      ['reopened', 4, 'reopen-1'],
      ['stage_changed', 5, 'reopen-1#2'],
    ]);
    const again = must(transition(r.opportunity, pipeline, { type: 'reopen', to: 'qualify' }, options));
    expect(again.replayed).toBe(true);
    expect(again.events).toEqual(r.events);
  });

  it('the key survives storage: serialised, parsed back, the retry is still recognised', () => {
    const first = must(updateAmount(contacted(), money('300000', 'CNY'), { at: hours(2), idempotencyKey: 'amount-1' }));
    const stored = parseOpportunity(JSON.parse(JSON.stringify(serializeOpportunity(first.opportunity))), { pipeline });
    const retry = must(updateAmount(stored, money('300000', 'CNY'), { at: hours(2), idempotencyKey: 'amount-1' }));
    expect(retry.replayed).toBe(true);
    expect(retry.events.map((e) => [e.type, e.seq, e.id])).toEqual([['amount_changed', 3, 'amount-1']]);
    expect(retry.opportunity.history).toHaveLength(3);
  });

  it('every engine command honours it; different keys append again', () => {
    const deal = contacted();
    const commands: ((o: EngineChangeOptions, d: Opportunity) => EngineResult)[] = [
      (o, d) => transition(d, pipeline, { type: 'suspend', reason: 'budget freeze' }, o),
      (o, d) => completeTask(d, pipeline, 'budget', o),
      (o, d) => reopenTask(d, pipeline, 'contact', o),
      (o, d) => transferOwnership(d, 'rep-li', o),
      (o, d) => setSplits(d, [{ ownerId: 'rep-zhang', basisPoints: 10_000 }], o),
      (o, d) => updateAmount(d, money('300000', 'CNY'), o),
      (o, d) => updateCloseDate(d, '2026-06-30', o),
    ];
    for (const run of commands) {
      const first = must(run({ at: hours(2), idempotencyKey: 'same' }, deal));
      expect(first.events.map((e) => e.id)).toEqual(['same']);
      const again = must(run({ at: hours(2), idempotencyKey: 'same' }, first.opportunity));
      expect(again.replayed).toBe(true);
      expect(again.events).toEqual(first.events);
      expect(again.opportunity.history).toHaveLength(first.opportunity.history.length);
    }
    // Another key is another command: it is decided again (here: the task is already done).
    const done = must(completeTask(deal, pipeline, 'budget', { at: hours(2), idempotencyKey: 'a' })).opportunity;
    const other = completeTask(done, pipeline, 'budget', { at: hours(2), idempotencyKey: 'b' });
    expect(!other.ok && other.issues.map((i) => i.code)).toEqual(['task_already_completed']);
  });

  it('a command that appends nothing leaves no trace, so a repeat is decided again', () => {
    const deal = contacted();
    const noop = must(transferOwnership(deal, 'rep-zhang', { at: hours(2), idempotencyKey: 'x' }));
    expect(noop.events).toEqual([]);
    expect(noop.replayed).toBe(false);
    expect(noop.opportunity.history).toHaveLength(2);
  });

  it('must be a non-empty string of at most 190 characters (invalid_option)', () => {
    for (const bad of ['', 'k'.repeat(191), 42, {}]) {
      expect(() => transition(makeDeal(), pipeline, { type: 'advance' }, { at: hours(1), idempotencyKey: bad as never })).toThrow(/idempotencyKey/);
    }
    expect(must(transferOwnership(makeDeal(), 'rep-li', { at: hours(1), idempotencyKey: 'k'.repeat(190) })).events[0]?.id).toHaveLength(190);
  });
});
