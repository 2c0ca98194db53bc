import { describe, expect, it } from 'vitest';
import { buildSample, SAMPLE_AS_OF } from '../../src/cli/sample.js';
import { readReportInput, serializeReportInput } from '../../src/cli/input.js';
import {
  customerPoolState,
  parseCustomer,
  parseOpportunity,
  parsePipeline,
  poolStatus,
  serializeCustomer,
  serializeOpportunity,
  serializePipeline,
} from '../../src/index.js';
import type { Opportunity, Pipeline, Stage } from '../../src/index.js';

const sample = buildSample();
const { pipeline, opportunities, customers } = sample;
const open = pipeline.stages.filter((s) => s.kind === 'open');
const DAY = 86_400_000;

function requiredManual(stage: Stage): string[] {
  return stage.keyTasks.filter((t) => t.required && t.check.kind === 'manual').map((t) => t.id);
}

describe('buildSample', () => {
  it('has the stated shape: one 6-stage pipeline, about 300 deals, several owners and regions', () => {
    expect(open.map((s) => s.name)).toEqual(['Lead', 'First contact', 'Needs confirmed', 'Proposal', 'Negotiation', 'Contract approval']);
    expect(pipeline.stages.filter((s) => s.kind === 'won')).toHaveLength(1);
    expect(pipeline.stages.filter((s) => s.kind === 'lost')).toHaveLength(1);
    // probabilities rise from 10 % to 75 %
    expect(open.map((s) => s.probability.toNumber())).toEqual([0.1, 0.2, 0.3, 0.45, 0.6, 0.75]);
    for (const s of open) {
      expect(s.keyTasks.length).toBeGreaterThanOrEqual(2);
      expect(s.keyTasks.length).toBeLessThanOrEqual(3);
      expect(s.stallAfterDays).toBeGreaterThan(0);
      expect(s.keyTasks.some((t) => t.check.kind === 'guard')).toBe(false);
    }
    const kinds = new Set(open.flatMap((s) => s.keyTasks.map((t) => t.check.kind)));
    expect([...kinds].sort()).toEqual(['field', 'manual']);

    expect(opportunities).toHaveLength(300);
    expect(new Set(opportunities.map((o) => o.id)).size).toBe(300);
    expect(new Set(opportunities.filter((o) => o.status === 'open').map((o) => o.ownerId)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(opportunities.map((o) => o.region)).size).toBeGreaterThanOrEqual(4);
    expect(customers.length).toBeGreaterThanOrEqual(50);
    const customerIds = new Set(customers.map((c) => c.id));
    expect(opportunities.every((o) => customerIds.has(o.customerId))).toBe(true);
  });

  it('has ledgers over about two years, none after the default asOf', () => {
    const times = opportunities.flatMap((o) => o.history.map((e) => e.at.getTime()));
    const first = Math.min(...times);
    const last = Math.max(...times);
    expect(first).toBeGreaterThanOrEqual(Date.parse('2024-12-01T00:00:00Z'));
    expect(first).toBeLessThan(Date.parse('2025-01-01T00:00:00Z'));
    expect(last).toBeLessThanOrEqual(SAMPLE_AS_OF.getTime());
    expect((last - first) / DAY).toBeGreaterThan(680);
    expect(SAMPLE_AS_OF.toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });

  it('mixes outcomes and ledger patterns: won, lost, open, suspended, skips, regressions, pushes, splits, reopens', () => {
    const count = (p: (o: Opportunity) => boolean) => opportunities.filter(p).length;
    expect(count((o) => o.status === 'won')).toBeGreaterThan(20);
    expect(count((o) => o.status === 'lost')).toBeGreaterThan(100);
    expect(count((o) => o.status === 'open')).toBeGreaterThan(40);
    expect(count((o) => o.status === 'suspended')).toBeGreaterThan(0);
    const events = opportunities.flatMap((o) => o.history);
    const has = (p: (e: (typeof events)[number]) => boolean) => events.filter(p).length;
    expect(has((e) => e.type === 'stage_changed' && e.kind === 'skip')).toBeGreaterThan(0);
    expect(has((e) => e.type === 'stage_changed' && e.kind === 'regress')).toBeGreaterThan(0);
    expect(has((e) => e.type === 'suspended')).toBeGreaterThan(0);
    expect(has((e) => e.type === 'close_date_changed' && e.from !== null && e.to !== null && e.to > e.from)).toBeGreaterThan(0);
    expect(has((e) => e.type === 'amount_changed')).toBeGreaterThan(0);
    expect(has((e) => e.type === 'owner_changed')).toBeGreaterThan(0);
    expect(has((e) => e.type === 'reopened')).toBeGreaterThan(0);
    expect(count((o) => o.splits !== undefined)).toBeGreaterThan(0);
    // every open stage holds some open deals
    for (const s of open) expect(count((o) => o.status === 'open' && o.stageId === s.id)).toBeGreaterThan(0);
  });

  it('respects the key-task gates: required manual tasks are done before every forward move and every win', () => {
    const index = new Map(open.map((s, i) => [s.id as string, i]));
    for (const o of opportunities) {
      const done = new Set<string>();
      for (const e of o.history) {
        if (e.type === 'task_completed') done.add(e.taskId);
        else if (e.type === 'task_reopened') done.delete(e.taskId);
        else if (e.type === 'stage_changed' && e.kind !== 'regress') {
          const from = index.get(e.from) as number;
          const to = index.get(e.to) as number;
          expect(to, `${o.id} moves forward`).toBeGreaterThan(from);
          for (const s of open.slice(from, to)) for (const t of requiredManual(s)) expect(done.has(t), `${o.id} ${t} before ${e.to}`).toBe(true);
        } else if (e.type === 'stage_changed') {
          // backward policy is 'reason'
          expect(e.reason, `${o.id} regress reason`).toBeDefined();
        } else if (e.type === 'won') {
          for (const s of open) for (const t of requiredManual(s)) expect(done.has(t), `${o.id} ${t} before winning`).toBe(true);
        }
      }
      expect(new Set(Object.keys(o.completedTasks))).toEqual(done);
    }
  });

  it('satisfies the field key tasks of every stage a deal has left forward', () => {
    const index = new Map(open.map((s, i) => [s.id as string, i]));
    for (const o of opportunities) {
      let furthest = 0;
      for (const e of o.history) {
        if (e.type === 'stage_changed' && e.kind !== 'regress') furthest = Math.max(furthest, index.get(e.from) as number);
        if (e.type === 'won') furthest = open.length;
      }
      // left 潜在客户: lead source; left 需求确认: budget and close date; left 报价洽谈: discount ≤ 15 %
      if (furthest >= 1) expect(o.attributes['leadSource'], o.id).toBeDefined();
      if (furthest >= 3) {
        expect(o.attributes['budgetConfirmed'], o.id).toBe(true);
        expect(o.expectedCloseDate, o.id).toBeDefined();
      }
      if (furthest >= 5) expect(o.attributes['discountPct'] as number, o.id).toBeLessThanOrEqual(15);
    }
  });

  it('parses back through the wire form with parsePipeline / parseOpportunity({ pipeline })', () => {
    const p: Pipeline = parsePipeline(JSON.parse(JSON.stringify(serializePipeline(pipeline))));
    expect(serializePipeline(p)).toEqual(serializePipeline(pipeline));
    for (const o of opportunities) {
      const wire = JSON.parse(JSON.stringify(serializeOpportunity(o)));
      expect(serializeOpportunity(parseOpportunity(wire, { pipeline: p }))).toEqual(wire);
    }
    const round = readReportInput(JSON.parse(JSON.stringify(serializeReportInput(sample))), 'en');
    expect(round.ok).toBe(true);
    if (round.ok) {
      expect(round.reading.rejected.count).toBe(0);
      expect(round.reading.input.asOf?.toISOString()).toBe(SAMPLE_AS_OF.toISOString());
      expect(round.reading.input.users).toEqual(sample.users);
    }
  });

  it('is deterministic and depends on the seed', () => {
    const again = buildSample();
    expect(JSON.stringify(serializeReportInput(again))).toBe(JSON.stringify(serializeReportInput(sample)));
    const other = buildSample({ seed: 7, deals: 40 });
    expect(other.opportunities).toHaveLength(40);
    expect(JSON.stringify(other.opportunities.map(serializeOpportunity))).not.toBe(JSON.stringify(sample.opportunities.slice(0, 40).map(serializeOpportunity)));
  });

  it('speaks one language: every name and reason Chinese in zh-CN, English in en, the same deals in both', () => {
    const zh = buildSample({ locale: 'zh-CN' });
    expect(zh.pipeline.name).toBe('直销漏斗');
    expect(zh.pipeline.stages.map((s) => s.name)).toEqual(['潜在客户', '初步接触', '需求确认', '方案提出', '报价洽谈', '合同审批', '赢单', '输单']);
    expect(zh.users.find((u) => u.id === 'rep-wang')?.name).toBe('王强');
    expect(sample.users.find((u) => u.id === 'rep-wang')?.name).toBe('Wang Qiang');
    // the same deals: ids, amounts, stages, owners and ledgers (only words differ)
    const shape = (d: typeof sample) =>
      d.opportunities.map((o) => [o.id, o.amount.amount.toFixed(), o.stageId, o.status, o.ownerId, o.expectedCloseDate, o.history.map((e) => [e.type, e.at.getTime()])]);
    expect(JSON.stringify(shape(zh))).toBe(JSON.stringify(shape(sample)));
    // the words of each language: no Latin letters in the Chinese sample's words (but product
    // acronyms and a foreign competitor), no Chinese characters in the English sample's
    const words = (d: typeof sample) => [
      d.pipeline.name,
      ...d.pipeline.stages.flatMap((s) => [s.name, ...s.keyTasks.map((t) => t.title)]),
      ...d.customers.flatMap((c) => [c.name, c.shortName ?? '', c.region ?? '', ...(c.tags ?? [])]),
      ...d.opportunities.flatMap((o) => [
        o.name,
        o.region ?? '',
        o.lossReason ?? '',
        String(o.attributes['leadSource'] ?? ''),
        ...o.history.map((e) => ('reason' in e && typeof e.reason === 'string' ? e.reason : '')),
      ]),
      ...d.users.map((u) => u.name),
      ...d.customers.flatMap((c) => [...c.contacts.flatMap((p) => [p.name, p.title ?? '']), ...c.history.map((e) => (e.type === 'released' ? (e.reason ?? '') : ''))]),
      ...d.campaigns.flatMap((c) => [c.name, c.channel ?? '']),
      ...d.opportunities.map((o) => o.source?.channel ?? ''),
    ];
    const latin = new Set(words(zh).flatMap((w) => w.match(/[A-Za-z]{2,}/g) ?? []));
    expect([...latin].sort()).toEqual(['CRM', 'ERP', 'IT', 'IoT', 'MES', 'WMS']);
    expect(words(sample).filter((w) => /[\u3000-\u9fff\uff00-\uffef]/u.test(w))).toEqual([]);
  });

  it('records why deals were lost: a reason on every lost deal, the winning competitor on some', () => {
    const lost = opportunities.filter((o) => o.status === 'lost');
    expect(lost.every((o) => o.lossReason !== undefined)).toBe(true);
    const withCompetitor = lost.filter((o) => o.competitor !== undefined);
    expect(withCompetitor.length).toBeGreaterThan(20);
    expect(withCompetitor.length).toBeLessThan(lost.length);
    expect(new Set(lost.map((o) => o.lossReason)).size).toBeGreaterThanOrEqual(5);
  });

  it('says where deals came from: a channel on most, a campaign of the sample on some', () => {
    const campaignIds = new Set(sample.campaigns.map((c) => c.id));
    const sourced = opportunities.filter((o) => o.source !== undefined);
    expect(sourced.length).toBeGreaterThan(200);
    const fromCampaign = sourced.filter((o) => o.source?.campaignId !== undefined);
    expect(fromCampaign.length).toBeGreaterThan(30);
    for (const o of fromCampaign) {
      expect(campaignIds.has(o.source!.campaignId!), o.id).toBe(true);
      // a campaign's deals came through its channel
      expect(o.source!.channel).toBe(sample.campaigns.find((c) => c.id === o.source!.campaignId)!.channel);
    }
    expect(new Set(fromCampaign.map((o) => o.source!.campaignId)).size).toBe(sample.campaigns.length);
  });

  it('logs follow-up activities on the deals: every kind, some with a cost, with the customer’s contacts, while the deal is open', () => {
    const contactsOf = new Map(customers.map((c) => [c.id as string, new Set(c.contacts.map((p) => p.id))]));
    const kinds = new Set<string>();
    let withCost = 0;
    for (const o of opportunities) {
      const created = o.history[0]!.at.getTime();
      for (const e of o.history) {
        if (e.type !== 'activity_logged') continue;
        kinds.add(e.kind);
        if (e.cost !== undefined) {
          withCost++;
          expect(e.cost.currency).toBe('CNY');
          expect(e.cost.amount.gt(0)).toBe(true);
        }
        if (e.contactId !== undefined) expect(contactsOf.get(o.customerId)?.has(e.contactId), `${o.id} ${e.contactId}`).toBe(true);
        expect(e.at.getTime()).toBeGreaterThan(created);
        expect(e.at.getTime()).toBeLessThanOrEqual(Math.min(o.closedAt?.getTime() ?? Infinity, SAMPLE_AS_OF.getTime()));
      }
    }
    expect([...kinds].sort()).toEqual(['call', 'email', 'meeting', 'visit']);
    expect(withCost).toBeGreaterThan(100);
  });

  it('gives every customer a buying centre: a decision maker and a technical evaluator at least', () => {
    for (const c of customers) {
      const roles = c.contacts.map((p) => p.role);
      expect(roles, c.id).toContain('decision_maker');
      expect(roles, c.id).toContain('technical_evaluator');
      expect(new Set(c.contacts.map((p) => p.id)).size).toBe(c.contacts.length);
      expect(c.createdAt, c.id).toBeDefined();
    }
  });

  it('keeps valid customer pool ledgers: they parse again with the ledger check, and the owner is the holder they leave', () => {
    const types = new Set(customers.flatMap((c) => c.history.map((e) => e.type)));
    for (const t of ['assigned', 'claimed', 'activity_logged', 'released', 'reclaimed']) expect(types.has(t as never), t).toBe(true);
    for (const c of customers) {
      expect(serializeCustomer(parseCustomer(JSON.parse(JSON.stringify(serializeCustomer(c)))))).toEqual(serializeCustomer(c));
      expect(customerPoolState(c, { asOf: SAMPLE_AS_OF }).ownerId, c.id).toBe(c.ownerId);
      for (const e of c.history) expect(e.at.getTime()).toBeLessThanOrEqual(SAMPLE_AS_OF.getTime());
    }
    expect(customers.filter((c) => c.ownerId === undefined).length).toBeGreaterThan(0); // some are in the pool
  });

  it('has, as of the report date under its pool rules, customers held, warned and due, and no rep over the hold limit', () => {
    const status = poolStatus(customers, sample.poolRules, { asOf: SAMPLE_AS_OF, timeZone: 'Asia/Shanghai' });
    const count = (s: string) => status.customers.filter((c) => c.status === s).length;
    expect(count('held')).toBeGreaterThan(50);
    expect(count('warning')).toBeGreaterThan(0);
    expect(count('due')).toBeGreaterThan(0);
    expect(status.owners.some((o) => o.overLimit)).toBe(false);
  });

  it('draws the same follow-ups in both languages', () => {
    const zh = buildSample({ locale: 'zh-CN' });
    const ledgers = (d: typeof sample) => d.customers.map((c) => [c.id, c.ownerId, c.contacts.map((p) => [p.id, p.role]), c.history.map((e) => [e.type, e.at.getTime()])]);
    expect(JSON.stringify(ledgers(zh))).toBe(JSON.stringify(ledgers(sample)));
    const sources = (d: typeof sample) => d.opportunities.map((o) => o.source?.campaignId ?? null);
    expect(sources(zh)).toEqual(sources(sample));
  });
});
