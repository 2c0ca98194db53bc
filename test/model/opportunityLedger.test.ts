// The ledger is checked on the way in: hand-made deals whose state contradicts their
// ledger, each refused with its own code and path (issue 11, "Only if true").
import { describe, expect, it } from 'vitest';
import { parseOpportunity, safeParseOpportunity } from '../../src/model/opportunity.js';
import { opportunityVersion } from '../../src/model/opportunityVersion.js';
import { parsePipeline } from '../../src/model/pipeline.js';
import { opportunityJson, pipelineJson } from '../fixtures/pipelineJson.js';

const pipeline = parsePipeline(pipelineJson);

/** `code @ path` of every issue, with the pipeline unless told otherwise. */
function issues(input: unknown, options: { pipeline?: boolean; allowEmptyHistory?: boolean } = {}): string[] {
  const r = safeParseOpportunity(input, {
    ...(options.pipeline === false ? {} : { pipeline }),
    ...(options.allowEmptyHistory === undefined ? {} : { allowEmptyHistory: options.allowEmptyHistory }),
  });
  if (r.success) return [];
  return r.error.issues.map((i) => `${String((i as { params?: { code?: string } }).params?.code ?? i.code)} @ ${i.path.join('.')}`);
}

// The base deal: created in lead (5 Jan), `visit` done (10 Jan), advanced to qualify (12 Jan).
const base = opportunityJson;
const h = base.history;
const at = (day: number) => `2026-01-${String(day).padStart(2, '0')}T10:00:00+08:00`;
const deal = (fields: Record<string, unknown>, ...events: Record<string, unknown>[]) => ({ ...base, ...fields, history: [...h, ...events] });

describe('the 14 hand-made deals that contradict their ledger', () => {
  it('1. a stage_changed into a won stage (past every key-task gate): only `won` closes a deal', () => {
    const d = deal({ stageId: 'won', status: 'won' }, { type: 'stage_changed', at: at(20), from: 'qualify', to: 'won', kind: 'advance' });
    expect(issues(d)).toEqual(['ledger_stage_change_closes @ history.3.to', 'ledger_status_mismatch @ status']);
    // lead → won straight from creation, as in the issue
    const straight = { ...base, stageId: 'won', status: 'won', completedTasks: {}, history: [h[0], { type: 'stage_changed', at: at(6), from: 'lead', to: 'won', kind: 'skip' }] };
    expect(issues(straight)).toEqual(['ledger_stage_change_closes @ history.1.to', 'ledger_status_mismatch @ status']);
  });

  it('2. a stage_changed into a lost stage', () => {
    const d = deal({ stageId: 'lost', status: 'lost' }, { type: 'stage_changed', at: at(20), from: 'qualify', to: 'lost', kind: 'skip' });
    expect(issues(d)).toEqual(['ledger_stage_change_closes @ history.3.to', 'ledger_status_mismatch @ status']);
  });

  it('3. a won status the ledger does not end in', () => {
    expect(issues(deal({ stageId: 'won', status: 'won' }))).toEqual(['ledger_status_mismatch @ status', 'ledger_current_stage_mismatch @ stageId']);
  });

  it('4. a suspended status without a suspension in the ledger', () => {
    expect(issues(deal({ status: 'suspended' }))).toEqual(['ledger_status_mismatch @ status']);
  });

  it('5. a ledger that ends suspended under an open status', () => {
    expect(issues(deal({}, { type: 'suspended', at: at(20), reason: '预算冻结' }))).toEqual(['ledger_status_mismatch @ status']);
  });

  it('6. a won event naming a lost stage', () => {
    const d = deal({ stageId: 'lost', status: 'lost' }, { type: 'won', at: at(20), stageId: 'lost' });
    expect(issues(d)).toEqual(['ledger_close_stage_kind @ history.3.stageId', 'ledger_status_mismatch @ status']);
  });

  it('7. a lost event naming a won stage', () => {
    const d = deal({ stageId: 'won', status: 'won' }, { type: 'lost', at: at(20), stageId: 'won', reason: '价格过高' });
    expect(issues(d)).toEqual(['ledger_close_stage_kind @ history.3.stageId', 'ledger_status_mismatch @ status']);
  });

  it('8. a lost deal back in an open stage without `reopened`', () => {
    const d = deal(
      {},
      { type: 'lost', at: at(20), stageId: 'lost', reason: '价格过高' },
      { type: 'stage_changed', at: at(25), from: 'lost', to: 'qualify', kind: 'regress' },
    );
    expect(issues(d)).toEqual(['ledger_event_after_close @ history.4.type', 'ledger_status_mismatch @ status']);
    // with `reopened` it is fine
    const reopened = deal({}, { type: 'lost', at: at(20), stageId: 'lost', reason: '价格过高' }, { type: 'reopened', at: at(25), stageId: 'qualify' });
    expect(issues(reopened)).toEqual([]);
  });

  it('9. a current stage the ledger does not end in', () => {
    expect(issues(deal({ stageId: 'proposal' }))).toEqual(['ledger_current_stage_mismatch @ stageId']);
  });

  it('10. an amount other than the last amount change', () => {
    const change = { type: 'amount_changed', at: at(20), from: { amount: '1000000', currency: 'CNY' }, to: { amount: '1200000', currency: 'CNY' } };
    expect(issues(deal({}, change))).toEqual(['ledger_amount_mismatch @ amount']);
    expect(issues(deal({ amount: { amount: '1200000.00', currency: 'CNY' } }, change))).toEqual([]);
    expect(issues(deal({ amount: { amount: '1200000', currency: 'USD' } }, change))).toEqual(['ledger_amount_mismatch @ amount']);
  });

  it('11. a close date other than the last close-date change', () => {
    const change = { type: 'close_date_changed', at: at(20), from: null, to: '2026-06-30' };
    expect(issues(deal({}, change))).toEqual(['ledger_close_date_mismatch @ expectedCloseDate']);
    // cleared by the ledger (to: null) but still set on the deal
    expect(issues(deal({}, { ...change, to: null }))).toEqual(['ledger_close_date_mismatch @ expectedCloseDate']);
    const { expectedCloseDate: _, ...withoutDate } = base;
    expect(issues({ ...withoutDate, history: [...h, { ...change, to: null }] })).toEqual([]);
  });

  it('12. an owner other than the last owner change', () => {
    expect(issues(deal({}, { type: 'owner_changed', at: at(20), from: 'rep-zhang', to: 'rep-li' }))).toEqual(['ledger_owner_mismatch @ ownerId']);
  });

  it('13. completed tasks other than the ledger leaves them', () => {
    // reopened in the ledger, still done on the deal
    expect(issues(deal({}, { type: 'task_reopened', at: at(20), taskId: 'visit' }))).toEqual(['ledger_task_mismatch @ completedTasks.visit']);
    // completed in the ledger at another time
    const moved = { ...base, completedTasks: { visit: { at: at(11), by: 'rep-zhang' } } };
    expect(issues(moved)).toEqual(['ledger_task_mismatch @ completedTasks.visit']);
    // completed in the ledger, missing on the deal
    expect(issues({ ...base, completedTasks: {} })).toEqual(['ledger_task_mismatch @ completedTasks.visit']);
  });

  it('14. events out of time order', () => {
    expect(issues({ ...base, history: [h[0], h[2], h[1]] })).toEqual(['ledger_out_of_order @ history.2.at']);
    expect(issues({ ...base, history: [{ ...h[0], at: at(11) }, h[1], h[2]] })).toEqual(['ledger_out_of_order @ history.1.at']);
    // equal times are in order
    expect(issues({ ...base, history: [h[0], h[1], { ...h[2], at: h[1]!.at }] })).toEqual([]);
  });
});

describe('more ledger rules', () => {
  it('accepts the consistent deal, numbers its events and reads its version', () => {
    const o = parseOpportunity(base, { pipeline });
    expect(o.history.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(opportunityVersion(o)).toBe(3);
  });

  it('seq: optional on input, and when given it must be the position', () => {
    const numbered = { ...base, history: h.map((e, i) => ({ ...e, seq: i + 1 })) };
    expect(issues(numbered)).toEqual([]);
    const wrong = { ...base, history: h.map((e, i) => ({ ...e, seq: i === 2 ? 7 : i + 1 })) };
    expect(issues(wrong)).toEqual(['ledger_seq_mismatch @ history.2.seq']);
    // not a positive whole number: a structural issue (zod's own code)
    expect(issues({ ...base, history: h.map((e) => ({ ...e, seq: 0 })) })).toEqual(['too_small @ history.0.seq', 'too_small @ history.1.seq', 'too_small @ history.2.seq']);
  });

  it('client event ids are unique within a ledger', () => {
    const withIds = { ...base, history: h.map((e, i) => ({ ...e, id: i === 2 ? 'cmd-1' : `cmd-${i + 1}` })) };
    expect(issues(withIds)).toEqual(['ledger_duplicate_event_id @ history.2.id']);
    expect(parseOpportunity({ ...base, history: h.map((e, i) => ({ ...e, id: `cmd-${i + 1}` })) }).history[1]?.id).toBe('cmd-2');
  });

  it('created only first; reopened only when closed; resumed only when suspended; no move while suspended', () => {
    expect(issues(deal({}, { type: 'created', at: at(20), stageId: 'qualify' }))).toEqual(['ledger_created_not_first @ history.3.type']);
    expect(issues(deal({}, { type: 'reopened', at: at(20), stageId: 'qualify' }))).toEqual(['ledger_unexpected_event @ history.3.type']);
    expect(issues(deal({}, { type: 'resumed', at: at(20) }))).toEqual(['ledger_unexpected_event @ history.3.type']);
    const moved = deal(
      { stageId: 'proposal' },
      { type: 'suspended', at: at(20) },
      { type: 'stage_changed', at: at(21), from: 'qualify', to: 'proposal', kind: 'advance' },
      { type: 'resumed', at: at(22) },
    );
    expect(issues(moved)).toEqual(['ledger_event_while_suspended @ history.4.type']);
  });

  it('created and reopened name open stages', () => {
    expect(issues({ ...base, stageId: 'won', status: 'won', completedTasks: {}, history: [{ type: 'created', at: at(5), stageId: 'won' }] })).toEqual([
      'ledger_open_stage_kind @ history.0.stageId',
      'ledger_status_mismatch @ status',
    ]);
    const reopenedIntoLost = deal({ stageId: 'lost', status: 'open' }, { type: 'won', at: at(20), stageId: 'won' }, { type: 'reopened', at: at(21), stageId: 'lost' });
    expect(issues(reopenedIntoLost)).toContain('ledger_open_stage_kind @ history.4.stageId');
  });

  it('closing fields agree with the closing event', () => {
    const lost = { type: 'lost', at: at(20), stageId: 'lost', reason: '价格过高', competitor: 'Globex' };
    const ok = { stageId: 'lost', status: 'lost', closedAt: at(20), lossReason: '价格过高', competitor: 'Globex' };
    expect(issues(deal(ok, lost))).toEqual([]);
    expect(issues(deal({ ...ok, closedAt: at(21) }, lost))).toEqual(['ledger_field_mismatch @ closedAt']);
    expect(issues(deal({ ...ok, lossReason: '预算不足' }, lost))).toEqual(['ledger_field_mismatch @ lossReason']);
    expect(issues(deal({ ...ok, competitor: 'Initech' }, lost))).toEqual(['ledger_field_mismatch @ competitor']);
    expect(issues(deal({ closedAt: at(20) }))).toEqual(['ledger_field_mismatch @ closedAt']);
  });

  it('splits agree with the last splits change', () => {
    const change = { type: 'splits_changed', at: at(20), to: [{ ownerId: 'rep-zhang', basisPoints: 6000 }, { ownerId: 'rep-li', basisPoints: 4000 }] };
    expect(issues(deal({ splits: change.to }, change))).toEqual([]);
    expect(issues(deal({}, change))).toEqual(['ledger_field_mismatch @ splits']);
    expect(issues(deal({ splits: change.to }, { ...change, to: null }))).toEqual(['ledger_field_mismatch @ splits']);
  });

  it('stage and task ids of the ledger belong to the pipeline', () => {
    const foreign = deal({ stageId: 'negotiation' }, { type: 'stage_changed', at: at(20), from: 'qualify', to: 'negotiation', kind: 'advance' });
    expect(issues(foreign)).toEqual(['stage_not_in_pipeline @ stageId', 'stage_not_in_pipeline @ history.3.to']);
    expect(issues(foreign, { pipeline: false })).toEqual([]);
  });

  it('an empty ledger is reported unless allowed', () => {
    const empty = { ...base, completedTasks: {}, history: [] };
    expect(issues(empty)).toEqual(['ledger_empty @ history']);
    const { history: _, ...missing } = empty;
    expect(issues(missing)).toEqual(['ledger_empty @ history']);
    expect(issues(empty, { allowEmptyHistory: true })).toEqual([]);
  });

  it('accepts a ledger imported midway: fields no event sets are not checked', () => {
    const imported = {
      ...base,
      completedTasks: { visit: { at: at(1) } },
      history: [
        { type: 'close_date_changed', at: at(8), from: '2026-11-30', to: '2026-12-31' },
        { type: 'stage_changed', at: at(12), from: 'lead', to: 'qualify', kind: 'advance' },
      ],
    };
    expect(issues(imported)).toEqual([]);
  });

  it('reports every problem of a deal at once, with paths', () => {
    const d = deal(
      { stageId: 'proposal', status: 'suspended', ownerId: 'rep-wang' },
      { type: 'owner_changed', at: at(3), from: 'rep-zhang', to: 'rep-li' },
    );
    expect(issues(d)).toEqual([
      'ledger_out_of_order @ history.3.at',
      'ledger_status_mismatch @ status',
      'ledger_current_stage_mismatch @ stageId',
      'ledger_owner_mismatch @ ownerId',
    ]);
  });
});

describe('amounts are never negative (the engine’s updateAmount refuses one too)', () => {
  const cny = (amount: string) => ({ amount, currency: 'CNY' });

  it('the deal’s amount, each amount change’s from and to, and an activity’s cost', () => {
    expect(issues({ ...base, amount: cny('-0.01') })).toEqual(['invalid_amount @ amount.amount']);
    const change = { type: 'amount_changed', at: at(20), from: cny('-5'), to: cny('-7') };
    expect(issues(deal({ amount: cny('-7') }, change))).toEqual([
      'invalid_amount @ amount.amount',
      'invalid_amount @ history.3.from.amount',
      'invalid_amount @ history.3.to.amount',
    ]);
    const visit = { type: 'activity_logged', at: at(14), kind: 'visit', cost: cny('-350') };
    expect(issues(deal({}, visit))).toEqual(['invalid_amount @ history.3.cost.amount']);
    // Without a pipeline too: the rule is the deal’s own.
    expect(issues({ ...base, amount: cny('-1') }, { pipeline: false })).toEqual(['invalid_amount @ amount.amount']);
  });

  it('names the amount and the reason in the message', () => {
    const r = safeParseOpportunity({ ...base, amount: cny('-12.50') }, { pipeline });
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual(['Invalid amount -12.5: an amount cannot be negative.']);
    expect(() => parseOpportunity({ ...base, amount: cny('-12.50') }, { pipeline })).toThrow('an amount cannot be negative');
  });

  it('zero, and a negative zero, are amounts', () => {
    expect(issues({ ...base, amount: cny('0') })).toEqual([]);
    expect(issues({ ...base, amount: cny('-0') })).toEqual([]);
    const change = { type: 'amount_changed', at: at(20), from: cny('1000000'), to: cny('-0') };
    expect(issues(deal({ amount: cny('-0.00') }, change))).toEqual([]);
    expect(issues(deal({ amount: cny('0') }, { ...change, to: cny('0') }))).toEqual([]);
  });
});

describe('activities and the overrides in the ledger', () => {
  const visit = (day: number) => ({ type: 'activity_logged', at: at(day), kind: 'visit', contactId: 'ct-wang', cost: { amount: '350.00', currency: 'CNY' } });

  it('an activity changes no field and may follow a close', () => {
    expect(issues(deal({}, visit(14)))).toEqual([]);
    const lost = deal(
      { stageId: 'lost', status: 'lost', closedAt: at(20), lossReason: '价格过高' },
      { type: 'lost', at: at(20), stageId: 'lost', reason: '价格过高' },
      visit(25),
    );
    expect(issues(lost)).toEqual([]);
  });

  it('the probability override must be the last probability_changed', () => {
    const set = { type: 'probability_changed', at: at(14), from: null, to: '0.35' };
    expect(issues(deal({ probabilityOverride: '0.35' }, set))).toEqual([]);
    expect(issues(deal({ probabilityOverride: '0.4' }, set))).toEqual(['ledger_field_mismatch @ probabilityOverride']);
    expect(issues(deal({}, set))).toEqual(['ledger_field_mismatch @ probabilityOverride']);
    const cleared = { type: 'probability_changed', at: at(15), from: '0.35', to: null };
    expect(issues(deal({}, set, cleared))).toEqual([]);
  });

  it('a stage change clears the probability override under the default reset policy, as the engine does', () => {
    const set = { type: 'probability_changed', at: at(14), from: null, to: '0.35' };
    const back = { type: 'stage_changed', at: at(15), from: 'qualify', to: 'lead', kind: 'regress' };
    expect(issues(deal({ stageId: 'lead' }, set, back))).toEqual([]);
    expect(issues(deal({ stageId: 'lead', probabilityOverride: '0.35' }, set, back))).toEqual(['ledger_field_mismatch @ probabilityOverride']);
    // without a pipeline the reset policy is unknown, so the override is not checked
    expect(issues(deal({ stageId: 'lead', probabilityOverride: '0.35' }, set, back), { pipeline: false })).toEqual([]);
  });

  it('the forecast-category override must be the last forecast_category_changed, and a close clears it', () => {
    const set = { type: 'forecast_category_changed', at: at(14), from: null, to: 'commit' };
    expect(issues(deal({ forecastCategoryOverride: 'commit' }, set))).toEqual([]);
    expect(issues(deal({ forecastCategoryOverride: 'best_case' }, set))).toEqual(['ledger_field_mismatch @ forecastCategoryOverride']);
    const won = { type: 'won', at: at(20), stageId: 'won' };
    expect(issues(deal({ stageId: 'won', status: 'won', closedAt: at(20), forecastCategoryOverride: 'commit' }, set, won))).toContain(
      'ledger_field_mismatch @ forecastCategoryOverride',
    );
  });

  it('a deal with no override event keeps its override as given (an imported ledger)', () => {
    expect(issues(deal({ probabilityOverride: '0.35', forecastCategoryOverride: 'commit' }))).toEqual([]);
  });
});
