// Prints a quarterly sales forecast (季度销售预测) for a small project-sales team: per
// quarter the won revenue, the weighted forecast, the commit and best-case roll-ups, and
// the range of outcomes (P10 / P50 / P90 of won revenue, deals won or lost independently
// with their probabilities); then each manager's team total, and what the pipeline
// still lacks against the quota. Quarters are read on Beijing's calendar (Asia/Shanghai).
//
// What each total holds: every figure's deals/amount/weighted are open + won deals (won
// deals count in full); `total` is the deals with a forecast date, `book` adds the
// unforecastable ones, and suspended deals are in neither.
//
//   npx tsx examples/quarterly-forecast.ts
import {
  forecastCategories,
  forecastDistribution,
  money,
  parseOpportunity,
  parsePipeline,
  periodOf,
  pipelineCoverage,
  rollup,
  roundToMinor,
  weightedForecast,
  dealProbability,
  type Decimal,
  type Money,
  type Opportunity,
} from '../src/index.js';

const pipeline = parsePipeline({
  id: 'project',
  name: '项目型销售',
  currency: 'CNY',
  stages: [
    { id: 'potential', name: '潜在客户跟踪', kind: 'open', probability: '0.2' },
    { id: 'bid', name: '项目投标', kind: 'open', probability: '0.4', forecastCategory: 'best_case' },
    { id: 'negotiation', name: '商务洽谈', kind: 'open', probability: '0.7', forecastCategory: 'commit' },
    { id: 'contract', name: '签订合同', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});

let n = 0;
const deal = (ownerId: string, stageId: string, amount: string, date: string, extra: Record<string, unknown> = {}): Opportunity => {
  n += 1;
  const closed = stageId === 'contract' || stageId === 'lost';
  const closedAt = `${date}T10:00:00+08:00`;
  // The ledger: created on 5 January (in its current stage; closed deals at the top), then the close.
  const history: Record<string, unknown>[] = [{ type: 'created', at: '2026-01-05T09:00:00+08:00', stageId: closed ? 'potential' : stageId }];
  if (stageId === 'contract') history.push({ type: 'won', at: closedAt, stageId });
  if (stageId === 'lost') history.push({ type: 'lost', at: closedAt, stageId, reason: '价格过高', competitor: '竞争对手A' });
  if (extra.status === 'suspended') history.push({ type: 'suspended', at: '2026-02-01T09:00:00+08:00' });
  return parseOpportunity({
    id: `o-${n}`,
    customerId: `c-${n}`,
    pipelineId: 'project',
    name: `项目 ${n}`,
    ownerId,
    amount: { amount, currency: 'CNY' },
    stageId,
    status: stageId === 'contract' ? 'won' : stageId === 'lost' ? 'lost' : 'open',
    ...(closed ? { closedAt } : { expectedCloseDate: date }),
    ...(stageId === 'lost' ? { lossReason: '价格过高', competitor: '竞争对手A' } : {}),
    history,
    ...extra,
  });
};

const deals: Opportunity[] = [
  deal('rep-li', 'contract', '800000', '2026-02-12'),
  deal('rep-li', 'negotiation', '1200000', '2026-03-20'),
  deal('rep-li', 'bid', '600000', '2026-05-15'),
  deal('rep-li', 'potential', '2000000', '2026-08-30'),
  deal('rep-zhao', 'contract', '450000', '2026-03-05'),
  deal('rep-zhao', 'lost', '900000', '2026-03-11'),
  deal('rep-zhao', 'negotiation', '700000', '2026-06-10', { probabilityOverride: '0.9' }), // the rep's call beats the stage's 70 %
  deal('rep-zhao', 'bid', '1500000', '2026-06-28', { forecastCategoryOverride: 'commit' }),
  deal('rep-wu', 'potential', '500000', '2026-04-18'),
  deal('rep-wu', 'negotiation', '300000', '2026-09-01', {
    // co-owned: 60 % of the credit to rep-wu, 40 % to rep-li (联合跟进人)
    splits: [
      { ownerId: 'rep-wu', basisPoints: 6000 },
      { ownerId: 'rep-li', basisPoints: 4000 },
    ],
  }),
  deal('rep-wu', 'bid', '1000000', '2026-07-07', { status: 'suspended' }), // 中止: left out, reported
  parseOpportunity({
    id: 'o-undated', customerId: 'c-x', pipelineId: 'project', name: '未定日期', ownerId: 'rep-wu',
    amount: { amount: '250000', currency: 'CNY' }, stageId: 'potential',
    history: [{ type: 'created', at: '2026-01-05T09:00:00+08:00', stageId: 'potential' }],
  }),
];

const timeZone = 'Asia/Shanghai'; // close instants dated on Beijing's calendar
const period = { unit: 'quarter', timeZone } as const;

// Round once, for display only: to the fen, then to whole yuan with thousands separators.
const fmt = (m: Money | Decimal): string =>
  ('currency' in m ? roundToMinor(m).amount : m).toFixed(0).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const pad = (s: string, w: number) => s.padStart(w);

// ---- by quarter -------------------------------------------------------------------------
const forecast = weightedForecast(deals, pipeline, { groupBy: ['period'], period });
const categories = forecastCategories(deals, pipeline, { groupBy: ['period'], period });

// The range: each open deal is won with its probability (override, else stage), won deals
// count in full; lost, suspended and undated deals are out, as in the weighted forecast.
const quarterOf = (o: Opportunity): string | undefined => {
  const date = o.status === 'won' && o.closedAt !== undefined ? o.closedAt : o.expectedCloseDate;
  return date === undefined ? undefined : periodOf(date, period);
};

const out = (s = '') => process.stdout.write(`${s}\n`);
out(`季度销售预测 Quarterly forecast — ${pipeline.name}, amounts in ${forecast.currency}`);
out();
out('deals = open and won deals dated in the quarter (won deals by their close date)');
out(`${'quarter'.padEnd(9)}${pad('deals', 6)}${pad('won', 12)}${pad('weighted', 12)}${pad('commit', 12)}${pad('best case', 12)}${pad('P10', 12)}${pad('P50', 12)}${pad('P90', 12)}`);
for (const { key, value: row } of forecast.groups) {
  const q = key[0]!;
  const cats = categories.groups.find((g) => g.key[0] === q)?.value;
  const live = deals.filter((o) => (o.status === 'open' || o.status === 'won') && quarterOf(o) === q);
  const range = forecastDistribution(live.map((o) => ({ amount: o.amount, probability: dealProbability(o, pipeline) ?? 0 })));
  out(
    `${q.padEnd(9)}${pad(String(row.count), 6)}${pad(fmt(row.won.amount), 12)}${pad(fmt(row.weighted), 12)}` +
      `${pad(fmt(cats?.rollups.commit.amount ?? money(0, 'CNY')), 12)}${pad(fmt(cats?.rollups.bestCase.amount ?? money(0, 'CNY')), 12)}` +
      `${pad(fmt(range.p10), 12)}${pad(fmt(range.p50), 12)}${pad(fmt(range.p90), 12)}`,
  );
}
const t = forecast.total; // the dated deals: the sum of the quarters
out(`${'total'.padEnd(9)}${pad(String(t.count), 6)}${pad(fmt(t.won.amount), 12)}${pad(fmt(t.weighted), 12)}${pad(fmt(categories.total.rollups.commit.amount), 12)}${pad(fmt(categories.total.rollups.bestCase.amount), 12)}`);
out();
out(`lost: ${t.lost.count} deal(s), ${fmt(t.lost.amount)}; suspended (中止, left out): ${forecast.suspended.count} deal(s), ${fmt(forecast.suspended.amount)}`);
out(`unforecastable (no close date, in no quarter): ${forecast.unforecastable.count} deal(s), ${fmt(forecast.unforecastable.amount)} — ${forecast.unforecastable.opportunityIds.join(', ')}`);
const b = forecast.book;
out(`whole book (total + unforecastable, suspended left out): ${b.count} open or won deal(s), ${fmt(b.amount)}, weighted ${fmt(b.weighted)}`);
out('commit = won + commit; best case = won + commit + best case (cumulative roll-ups); P10/P50/P90 of won revenue, exact distribution');

// ---- the team ---------------------------------------------------------------------------
const byOwner = weightedForecast(deals, pipeline, { groupBy: ['owner'] });
const team = rollup(byOwner, { 'rep-li': 'mgr-wang', 'rep-zhao': 'mgr-wang', 'rep-wu': 'mgr-sun', 'mgr-wang': 'vp-chen', 'mgr-sun': 'vp-chen' });
out();
out('团队汇总 Team roll-up (weighted forecast, a manager includes the whole team)');
// Each group's value is the team total (own + everyone below).
for (const g of team.groups) out(`  ${`${'  '.repeat(g.depth)}${g.userId}`.padEnd(16)}${pad(fmt(g.value.weighted), 12)}   own ${fmt(g.own.weighted)}`);

// ---- against the quota ------------------------------------------------------------------
const quota = money('6000000', 'CNY');
const coverage = pipelineCoverage({
  openPipeline: categories.total.rollups.openPipeline.amount,
  quota,
  closedWon: t.won.amount,
  winRate: '0.3',
});
out();
out(
  `quota ${fmt(quota)}: won ${fmt(t.won.amount)}, remaining ${fmt(coverage.remainingQuota)}; open pipeline covers it ${coverage.coverage?.toFixed(2) ?? '—'}×, ` +
    `a 30 % win rate needs ${coverage.requiredCoverage?.toFixed(2) ?? '—'}× (gap ${coverage.gap === null ? '—' : fmt(coverage.gap)})`,
);
