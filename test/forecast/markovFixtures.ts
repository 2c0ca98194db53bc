import { parseOpportunity, parsePipeline, type Opportunity, type OpportunityJson } from '../../src/index.js';

/** A pipeline lead → need → quote → won / lost with the given open-stage probabilities. */
export function funnelWith(id: string, [lead, need, quote]: readonly [string, string, string]) {
  return parsePipeline({
    id,
    name: 'Direct',
    currency: 'CNY',
    stages: [
      { id: 'lead', name: '初步接触', kind: 'open', probability: lead },
      { id: 'need', name: '需求确认', kind: 'open', probability: need },
      { id: 'quote', name: '报价洽谈', kind: 'open', probability: quote },
      { id: 'won', name: '赢单', kind: 'won', probability: 1 },
      { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
    ],
  });
}

/** lead 10 % → need 30 % → quote 60 % → won / lost. */
export const funnel = funnelWith('p', ['0.1', '0.3', '0.6']);

const day = (d: number) => new Date(Date.UTC(2026, 0, d)).toISOString();

function deal(id: string, stageId: string, status: 'open' | 'won' | 'lost', history: OpportunityJson['history']): Opportunity {
  // A lost deal's reason is the one its `lost` event gives (the parser checks the two agree).
  const lost = [...(history ?? [])].reverse().find((e) => e.type === 'lost');
  const lossReason = lost?.type === 'lost' ? lost.reason : undefined;
  return parseOpportunity(
    {
      id,
      customerId: 'c1',
      pipelineId: 'p',
      name: id,
      ownerId: 'rep-zhang',
      amount: { amount: '100000', currency: 'CNY' },
      stageId,
      status,
      ...(lossReason === undefined ? {} : { lossReason }),
      history,
    },
    { pipeline: funnel },
  );
}

/**
 * Five ledgers (days of January 2026):
 * - A: lead (1→11, 10 d) → need (11→21, 10 d) → quote (21→41, 20 d) → won.
 * - B: lead (1→6, 5 d) skips to quote (6→16, 10 d) → lost.
 * - C: lead (1→5, 4 d) → need (5→9, 4 d) → back to lead, still there.
 * - D: imported without `created`: lead → need on day 10 (start unknown), need (10→20, 10 d) → quote, still there.
 * - E: created in need on day 1, suspended days 3→8, lost on day 11: 10 d − 5 d suspended = 5 d.
 */
export const ledgers: Opportunity[] = [
  deal('A', 'won', 'won', [
    { type: 'created', at: day(1), stageId: 'lead' },
    { type: 'stage_changed', at: day(11), from: 'lead', to: 'need', kind: 'advance' },
    { type: 'stage_changed', at: day(21), from: 'need', to: 'quote', kind: 'advance' },
    { type: 'won', at: day(41), stageId: 'won' },
  ]),
  deal('B', 'lost', 'lost', [
    { type: 'created', at: day(1), stageId: 'lead' },
    { type: 'stage_changed', at: day(6), from: 'lead', to: 'quote', kind: 'skip' },
    { type: 'lost', at: day(16), stageId: 'lost', reason: '价格过高' },
  ]),
  deal('C', 'lead', 'open', [
    { type: 'created', at: day(1), stageId: 'lead' },
    { type: 'stage_changed', at: day(5), from: 'lead', to: 'need', kind: 'advance' },
    { type: 'stage_changed', at: day(9), from: 'need', to: 'lead', kind: 'regress', reason: '需求变更' },
  ]),
  deal('D', 'quote', 'open', [
    { type: 'stage_changed', at: day(10), from: 'lead', to: 'need', kind: 'advance' },
    { type: 'stage_changed', at: day(20), from: 'need', to: 'quote', kind: 'advance' },
  ]),
  deal('E', 'lost', 'lost', [
    { type: 'created', at: day(1), stageId: 'need' },
    { type: 'suspended', at: day(3) },
    { type: 'resumed', at: day(8) },
    { type: 'lost', at: day(11), stageId: 'lost', reason: '预算取消' },
  ]),
];
