// What it takes (倒推漏斗 / 理想漏斗): from last year's deals of a project-sales team,
// the deal-size mix it won, the funnel this year's target needs at last year's rates and
// mix, and — as of mid-January — when the pipeline standing now is expected to close,
// with every input learned from the deals.
//
//   npx tsx examples/ideal-funnel.ts
import {
  dealSizeMix,
  idealFunnel,
  money,
  parseOpportunity,
  parsePipeline,
  requiredPipeline,
  timePhasedForecastFromDeals,
  type Opportunity,
  type OpportunityEventJson,
} from '../src/index.js';

const pipeline = parsePipeline({
  id: 'project',
  name: '项目型销售',
  currency: 'CNY',
  stages: [
    { id: 'potential', name: '潜在客户跟踪', kind: 'open', probability: '0.25' },
    { id: 'bid', name: '项目投标', kind: 'open', probability: '0.5' },
    { id: 'negotiation', name: '商务洽谈', kind: 'open', probability: '0.75' },
    { id: 'won', name: '签订合同', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});
const OPEN = ['potential', 'bid', 'negotiation'];
const DAY = 86_400_000;

/**
 * A deal created `start` days into 2025 (Beijing time) that got `reach` stages down the
 * funnel (3 = won), spending `stay[k]` days in each stage; lost 10 days after its last move
 * otherwise; with `open`, still open where it got to.
 */
function deal(id: string, amount: number, start: number, reach: 0 | 1 | 2 | 3, stay: readonly number[], open = false): Opportunity {
  const t0 = Date.parse('2025-01-01T09:00:00+08:00') + start * DAY;
  const at = (days: number) => new Date(t0 + days * DAY).toISOString();
  const history: OpportunityEventJson[] = [{ type: 'created', at: at(0), stageId: 'potential' }];
  let day = 0;
  for (let k = 1; k <= Math.min(reach, 2); k++) {
    day += stay[k - 1]!;
    history.push({ type: 'stage_changed', at: at(day), from: OPEN[k - 1]!, to: OPEN[k]!, kind: 'advance' });
  }
  const status = open ? 'open' : reach === 3 ? 'won' : 'lost';
  if (status === 'won') history.push({ type: 'won', at: at(day + stay[2]!), stageId: 'won' });
  if (status === 'lost') history.push({ type: 'lost', at: at(day + 10), stageId: 'lost', reason: '价格过高' });
  return parseOpportunity(
    {
      id,
      customerId: `c-${id}`,
      pipelineId: 'project',
      name: `项目 ${id}`,
      ownerId: ['rep-li', 'rep-wang', 'rep-zhao'][Number(id.slice(1)) % 3]!,
      amount: { amount: String(amount), currency: 'CNY' },
      stageId: status === 'open' ? OPEN[Math.min(reach, 2)]! : status,
      status,
      ...(status === 'lost' ? { lossReason: '价格过高' } : {}),
      history,
    },
    { pipeline },
  );
}

// Last year: 120 deals, created through 2025. Half reach bid, 4 in 5 of those reach
// negotiation, 9 in 10 of those are won (from 55 to 65 days at the top, 25–35 in bid,
// 25–35 in negotiation). The wins: mostly small, a few very large.
const sizes = [50_000, 60_000, 80_000, 200_000, 50_000, 300_000, 70_000, 900_000, 40_000, 150_000, 3_000_000, 90_000];
const history: Opportunity[] = [];
for (let i = 0; i < 120; i++) {
  const reach: 0 | 1 | 2 | 3 = i % 2 === 1 ? 0 : i % 10 === 0 ? 1 : i % 20 === 2 ? 2 : 3;
  const stay = [55 + (i % 11), 25 + (i % 11), 25 + ((i * 7) % 11)];
  history.push(deal(`h${i}`, sizes[Math.floor(i / 2) % sizes.length]!, (i * 2) % 240, reach, stay));
}
// Now, in January 2026: deals standing in each stage.
const current = [
  ...[500_000, 400_000, 350_000, 250_000].map((a, i) => deal(`n${i}`, a, 360 + i, 0, [], true)),
  ...[300_000, 150_000].map((a, i) => deal(`b${i}`, a, 330 + i, 1, [20, 0, 0], true)),
  deal('g0', 800_000, 300, 2, [30, 20, 0], true),
];
const deals = [...history, ...current];

const wan = (m: { amount: { toNumber(): number } } | null | undefined) => (m === null || m === undefined ? '—' : `${(m.amount.toNumber() / 10_000).toFixed(1)} 万`);
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const last = { from: '2025-01-01T00:00:00+08:00', to: '2026-01-01T00:00:00+08:00' };

// 1. Last year's deal-size mix.
const bands = [
  { name: '小单 (<10 万)', max: money('100000', 'CNY') },
  { name: '中单 (10–50 万)', min: money('100000', 'CNY'), max: money('500000', 'CNY') },
  { name: '大单 (50–200 万)', min: money('500000', 'CNY'), max: money('2000000', 'CNY') },
  { name: '特大单 (≥200 万)', min: money('2000000', 'CNY') },
];
const mix = dealSizeMix(deals, bands, last);
console.log('Deal-size mix of the 2025 wins (订单金额结构)');
for (const b of mix.bands) console.log(`  ${b.name.padEnd(16)} ${String(b.count).padStart(3)} wins  ${pct(b.share).padStart(6)}  average ${wan(b.average)}`);
console.log(`  total ${mix.total.count} wins, ${wan(mix.total.amount)}; outside every band: ${mix.outside.count}`);

// 2. The ideal funnel for 2026: 1500 万 at last year's rates and mix.
const target = money('15000000', 'CNY');
const ideal = idealFunnel(deals, pipeline, { ...last, target, mix: bands, asOf: '2026-01-15T09:00:00+08:00' });
console.log('');
console.log(`Ideal funnel for a 2026 target of ${wan(target)} (理想漏斗)`);
console.log(`  average win ${wan(ideal.averageDealSize)} → ${ideal.wins?.toString()} wins: ${ideal.mix?.map((b) => `${b.wins?.toString()} ${b.name.split(' ')[0]}`).join(', ')}`);
for (const s of ideal.stages) {
  console.log(`  ${s.stageId.padEnd(12)} converted ${pct(s.conversion).padStart(6)} last year → needs ${s.deals?.toString().padStart(4)} deals (${wan(s.amount)})`);
}

// Planning at last year's mix gives the same wins as one average win; a different mix
// does not. If the team shifts toward bigger deals (40 / 30 / 20 / 10 % of the wins at
// last year's average size per band), the same target needs fewer deals:
const shifted = requiredPipeline({
  target,
  mix: mix.bands.map((b, i) => ({ name: b.name, averageDealSize: b.average ?? money('0', 'CNY'), share: [40, 30, 20, 10][i]! })),
  stageConversions: ideal.stages.map((s) => ({ stage: s.stageId, conversion: s.conversion ?? 0 })),
});
console.log(`  shifted to 40 / 30 / 20 / 10 %: average win ${wan(shifted.averageDealSize)} → ${shifted.wins?.toString()} wins, ${shifted.stages[0]?.deals?.toString()} deals at the top`);

// 3. When will today's pipeline close? Learned from last year's deals.
const f = timePhasedForecastFromDeals(deals, pipeline, { asOf: '2026-01-15T09:00:00+08:00', ...last, timeZone: 'Asia/Shanghai' });
console.log('');
console.log(`Time-phased forecast from ${f.startDate} (分期预测), inputs learned from the 2025 deals`);
for (const s of f.inputs) {
  console.log(`  ${s.stageId.padEnd(12)} now ${wan(s.amount).padStart(9)}  converts ${pct(s.conversion).padStart(6)}  in ${s.durationDays === null ? '—' : s.durationDays.toFixed(1)} days`);
}
for (const p of f.periods) console.log(`  ${p.period}: ${wan(p.expectedWon)} expected (${p.stages.join(', ')})`);
console.log(`  total ${wan(f.total)}; not forecastable: ${f.unforecastable.stageIds.length === 0 ? 'none' : f.unforecastable.stageIds.join(', ')}`);
