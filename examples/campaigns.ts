// Campaigns, credit and drill-down: what each marketing campaign (市场活动) of the first
// half of 2026 brought for what it cost, the reps' Q2 quota attainment from the deals
// they won — co-owned deals credited by their splits (指标分割) — and the deals behind
// the numbers of the funnel.
//
//   npx tsx examples/campaigns.ts
import {
  attainmentFromDeals,
  campaignEffectiveness,
  funnelSnapshot,
  money,
  parseOpportunity,
  parsePipeline,
  type Campaign,
  type Opportunity,
  type OpportunityEventJson,
} from '../src/index.js';

const pipeline = parsePipeline({
  id: 'direct',
  name: '直销漏斗',
  currency: 'CNY',
  stages: [
    { id: 'contact', name: '初步接触', kind: 'open', probability: '0.25' },
    { id: 'proposal', name: '方案提出', kind: 'open', probability: '0.5' },
    { id: 'quote', name: '报价洽谈', kind: 'open', probability: '0.75' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});

interface DealSpec {
  readonly id: string;
  readonly wan: number;
  readonly owner: string;
  readonly campaign?: string;
  /** 'won@05-20', 'lost@04-30', or an open stage. */
  readonly outcome: string;
  readonly created: string;
  readonly splitWith?: readonly [string, number];
}

function deal(s: DealSpec): Opportunity {
  const at = (date: string) => `2026-${date}T10:00:00+08:00`;
  const [what, when] = s.outcome.split('@') as [string, string | undefined];
  const history: OpportunityEventJson[] = [{ type: 'created', at: at(s.created), stageId: 'contact' }];
  if (what === 'proposal' || what === 'quote') history.push({ type: 'stage_changed', at: at(s.created), from: 'contact', to: what, kind: what === 'quote' ? 'skip' : 'advance' });
  if (what === 'won') history.push({ type: 'won', at: at(when!), stageId: 'won' });
  if (what === 'lost') history.push({ type: 'lost', at: at(when!), stageId: 'lost', reason: '价格过高' });
  const status = what === 'won' || what === 'lost' ? what : 'open';
  return parseOpportunity(
    {
      id: s.id,
      customerId: `c-${s.id}`,
      pipelineId: 'direct',
      name: `商机 ${s.id}`,
      ownerId: s.owner,
      amount: { amount: String(s.wan * 10_000), currency: 'CNY' },
      stageId: status === 'open' ? what : status,
      status,
      ...(status === 'lost' ? { lossReason: '价格过高' } : {}),
      ...(s.campaign === undefined ? {} : { source: { campaignId: s.campaign } }),
      ...(s.splitWith === undefined
        ? {}
        : { splits: [{ ownerId: s.owner, basisPoints: 10_000 - s.splitWith[1] }, { ownerId: s.splitWith[0], basisPoints: s.splitWith[1] }] }),
      history,
    },
    { pipeline },
  );
}

const deals = [
  deal({ id: 'A1', wan: 120, owner: 'rep-li', campaign: 'expo', outcome: 'won@04-18', created: '02-20', splitWith: ['rep-wang', 3000] }),
  deal({ id: 'A2', wan: 45, owner: 'rep-wang', campaign: 'expo', outcome: 'won@05-06', created: '02-21' }),
  deal({ id: 'A3', wan: 60, owner: 'rep-zhao', campaign: 'expo', outcome: 'lost@04-02', created: '02-21' }),
  deal({ id: 'A4', wan: 80, owner: 'rep-li', campaign: 'expo', outcome: 'quote', created: '03-02' }),
  deal({ id: 'A5', wan: 30, owner: 'rep-zhao', campaign: 'expo', outcome: 'proposal', created: '03-05' }),
  deal({ id: 'B1', wan: 8, owner: 'rep-zhao', campaign: 'web', outcome: 'won@03-28', created: '01-15' }),
  deal({ id: 'B2', wan: 12, owner: 'rep-zhao', campaign: 'web', outcome: 'won@04-25', created: '02-02' }),
  deal({ id: 'B3', wan: 10, owner: 'rep-wang', campaign: 'web', outcome: 'lost@03-20', created: '02-10' }),
  deal({ id: 'B4', wan: 9, owner: 'rep-wang', campaign: 'web', outcome: 'lost@04-11', created: '03-01' }),
  deal({ id: 'B5', wan: 15, owner: 'rep-li', campaign: 'web', outcome: 'contact', created: '04-20' }),
  deal({ id: 'B6', wan: 11, owner: 'rep-zhao', campaign: 'web', outcome: 'contact', created: '05-03' }),
  deal({ id: 'C1', wan: 25, owner: 'rep-wang', campaign: 'salon', outcome: 'lost@05-15', created: '03-18' }),
  deal({ id: 'D1', wan: 40, owner: 'rep-li', campaign: 'partner-2025', outcome: 'won@06-10', created: '01-08' }),
  deal({ id: 'R1', wan: 200, owner: 'rep-wang', outcome: 'won@06-20', created: '01-10', splitWith: ['rep-li', 5000] }),
  deal({ id: 'R2', wan: 35, owner: 'rep-zhao', outcome: 'quote', created: '04-01' }),
];

const campaigns: Campaign[] = [
  { id: 'expo', name: '春季展会', cost: money('300000', 'CNY'), channel: '展会' },
  { id: 'web', name: '线上广告', cost: money('60000', 'CNY'), channel: '线上' },
  { id: 'salon', name: '行业沙龙', cost: money('20000', 'CNY'), channel: '线下活动' },
];

const wan = (m: { amount: { toNumber(): number } } | null) => (m === null ? '—' : `${(m.amount.toNumber() / 10_000).toFixed(1)} 万`);
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(0)}%`);

// 1. Campaign effectiveness, deals created in the first half of 2026.
const c = campaignEffectiveness(deals, campaigns, { from: '2026-01-01T00:00:00+08:00', to: '2026-07-01T00:00:00+08:00' });
console.log('Campaigns, deals created 2026-H1 (市场活动效果)');
console.log('  campaign       opps  won  lost  open  win rate  decided    won amount   per opp   per win    ROI');
for (const r of c.campaigns) {
  console.log(
    `  ${r.name.padEnd(10)} ${String(r.opportunities).padStart(6)} ${String(r.won).padStart(4)} ${String(r.lost).padStart(5)} ${String(r.open).padStart(5)}` +
      `  ${pct(r.winRate).padStart(8)}  ${pct(r.decidedWinRate).padStart(7)}  ${wan(r.wonAmount).padStart(12)}  ${wan(r.costPerOpportunity).padStart(8)}  ${wan(r.costPerWin).padStart(8)}  ${r.roi === null ? '—' : r.roi.toFixed(2).padStart(5)}`,
  );
}
console.log(`  all campaigns: ${c.total.opportunities} opportunities, ${wan(c.total.wonAmount)} won for ${wan(c.total.cost)}, ROI ${c.total.roi?.toFixed(2) ?? '—'}`);
for (const u of c.unknownCampaigns) console.log(`  not in the campaign list: ${u.campaignId} (${u.opportunities} deal: ${u.dealIds.join(', ')})`);
console.log(`  without a campaign: ${c.noCampaign.opportunities} deals, ${c.noCampaign.won} won`);

// 2. Q2 attainment from the won deals, co-owned deals credited by their splits.
const q2 = attainmentFromDeals(deals, pipeline, {
  period: '2026-Q2',
  timeZone: 'Asia/Shanghai',
  quotas: [
    { id: 'rep-li', quota: money('1200000', 'CNY') },
    { id: 'rep-wang', quota: money('1000000', 'CNY') },
    { id: 'rep-zhao', quota: money('400000', 'CNY') },
  ],
});
console.log('');
console.log(`Quota attainment ${q2.period} (${q2.start} – ${q2.end}), ${q2.won} deals won (定额完成率)`);
for (const r of q2.rows) {
  const from = q2.credits.filter((x) => x.ownerId === r.id).map((x) => `${x.opportunityId} ${wan(x.amount)}${x.basisPoints === null ? '' : ` (${x.basisPoints / 100}%)`}`);
  console.log(`  ${r.id.padEnd(9)} ${wan(r.actual).padStart(8)} of ${wan(r.quota).padStart(8)} = ${pct(r.attainment).padStart(4)}   ← ${from.join(', ') || 'nothing won'}`);
}
console.log(`  team      ${wan(q2.total.actual).padStart(8)} of ${wan(q2.total.quota).padStart(8)} = ${pct(q2.total.attainment).padStart(4)}`);

// 3. Drill-down: the deals behind each number of the funnel at the end of Q2.
const snap = funnelSnapshot(deals, pipeline, { asOf: '2026-06-30T18:00:00+08:00', dealIds: true });
console.log('');
console.log('Funnel on 2026-06-30, with the deals behind each stage');
for (const r of snap.total.stages) console.log(`  ${r.stageId.padEnd(9)} ${String(r.count).padStart(2)} ${r.count === 1 ? 'deal ' : 'deals'} ${wan(r.amount).padStart(8)}  ${r.dealIds?.join(', ') || '—'}`);
