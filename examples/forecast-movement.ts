// Prints what moved a team's 2026-Q2 weighted forecast in one week (预测变动): the
// forecast as of Monday 1 April and Monday 8 April (Beijing time), and the rows that
// explain the difference — new deals, wins, losses, slipped and pulled-in close dates,
// amount changes, stage moves, the rep's own probability — with the deals behind each;
// then the same per rep. Every deal is built through the engine, so its ledger records
// every change, and the forecasts read the deals as they stood at each instant.
//
//   npx tsx examples/forecast-movement.ts
import {
  forecastMovement,
  money,
  parseOpportunity,
  parsePipeline,
  roundToMinor,
  setProbabilityOverride,
  transferOwnership,
  transition,
  updateAmount,
  updateCloseDate,
  weightedForecast,
  type EngineResult,
  type ForecastMovementFigures,
  type Money,
  type Opportunity,
} from '../src/index.js';

const pipeline = parsePipeline({
  id: 'direct',
  name: '直销漏斗',
  currency: 'CNY',
  stages: [
    { id: 'contact', name: '初步接触', kind: 'open', probability: '0.25' },
    { id: 'solution', name: '方案提出', kind: 'open', probability: '0.5' },
    { id: 'quote', name: '报价洽谈', kind: 'open', probability: '0.75' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});

/** A deal created on `day` (2026) in `stageId`, `wan` 万, expected to close on `closes`. */
function created(id: string, owner: string, wan: number, stageId: string, closes: string, day: string): Opportunity {
  return parseOpportunity(
    {
      id,
      customerId: `c-${id}`,
      pipelineId: 'direct',
      name: id,
      ownerId: owner,
      stageId,
      expectedCloseDate: closes,
      amount: { amount: String(wan * 10_000), currency: 'CNY' },
      history: [{ type: 'created', at: `2026-${day}T09:00:00+08:00`, stageId }],
    },
    { pipeline },
  );
}

function ok(r: EngineResult): Opportunity {
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.opportunity;
}
const on = (day: string, by: string) => ({ at: `2026-04-${day}T10:00:00+08:00`, by });

// The week of 1–8 April, deal by deal.
const deals = [
  ok(transition(created('华东机械', 'rep-wang', 100, 'quote', '2026-05-15', '03-02'), pipeline, { type: 'win' }, on('03', 'rep-wang'))),
  ok(updateCloseDate(created('南方电网', 'rep-wang', 50, 'solution', '2026-06-10', '03-05'), '2026-07-15', on('04', 'rep-wang'))),
  ok(
    transition(
      ok(updateAmount(created('北方重工', 'rep-li', 80, 'contact', '2026-06-30', '03-09'), money('600000', 'CNY'), on('05', 'rep-li'))),
      pipeline,
      { type: 'advance' },
      on('06', 'rep-li'),
    ),
  ),
  created('西部物流', 'rep-li', 40, 'contact', '2026-06-20', '04-07'),
  ok(setProbabilityOverride(created('中原钢铁', 'rep-li', 60, 'solution', '2026-05-30', '03-12'), '0.3', on('02', 'rep-li'))),
  ok(
    transition(created('东海化工', 'rep-zhao', 30, 'solution', '2026-06-15', '03-20'), pipeline, { type: 'lose', reason: '价格过高', competitor: 'Globex' }, on('05', 'rep-zhao')),
  ),
  ok(transferOwnership(created('江南纺织', 'rep-zhao', 20, 'quote', '2026-04-30', '03-25'), 'rep-wang', on('07', 'rep-zhao'))),
];

const from = '2026-04-01T00:00:00+08:00';
const to = '2026-04-08T00:00:00+08:00';
const period = '2026-Q2';
const zone = { timeZone: 'Asia/Shanghai' };

const wan = (m: Money) => `${roundToMinor(m).amount.div(10_000).toFixed(1).padStart(6)} 万`;
const signed = (m: Money) => (m.amount.isNegative() ? wan(m) : wan(m).replace(/ (?=\d)/, '+'));

function waterfall(f: ForecastMovementFigures, indent = ''): void {
  console.log(`${indent}start (${from.slice(0, 10)})   ${wan(f.start)}`);
  for (const r of f.rows) {
    if (r.delta.amount.isZero() && r.dealIds.length === 0) continue;
    console.log(`${indent}  ${r.kind.padEnd(20)} ${signed(r.delta)}  ${r.dealIds.join('、')}`);
  }
  console.log(`${indent}end   (${to.slice(0, 10)})   ${wan(f.end)}   (change ${signed(f.change).trim()})`);
}

const q2 = (asOf: string) => weightedForecast(deals, pipeline, { asOf, groupBy: ['period'], ...zone }).groups.find((g) => g.key[0] === period)?.value;
console.log(`加权预测 Weighted forecast ${period}: ${wan(q2(from)!.weighted)} on ${from.slice(0, 10)}, ${wan(q2(to)!.weighted)} on ${to.slice(0, 10)}`);
console.log();

const movement = forecastMovement(deals, pipeline, { from, to, period, ...zone });
console.log(`预测变动 What moved it (deals in ledger order; each change valued as it happened)`);
waterfall(movement.total);
console.log();

const byRep = forecastMovement(deals, pipeline, { from, to, period, ...zone, groupBy: ['owner'] });
console.log('按负责人 By owner');
for (const g of byRep.groups) {
  console.log(`  ${g.key[0]}`);
  waterfall(g.value, '    ');
}
