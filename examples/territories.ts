// Prints a balanced territory plan (地盘划分): provinces weighted by the weighted pipeline
// the funnel shows, over four reps of different seniority. Shanghai is rich enough to be
// shared; one account is locked to its rep. The plan reports each rep's load against
// capacity, the moves from the current plan, and how far it can be from the best
// possible plan (the certified lower bound) — here: not at all.
//
//   npx tsx examples/territories.ts
import { allocateQuota, attainment, balanceTerritories, Decimal, money, type TerritoryUnit } from '../src/index.js';

// Weighted pipeline per province, in CNY (万 = 10 000).
const w = (wan: number): string => String(wan * 10_000);
const units: TerritoryUnit[] = [
  { id: '上海', weight: w(960), owner: 'li', splittable: { granularity: w(120) } },
  { id: '江苏', weight: w(540), owner: 'li' },
  { id: '浙江', weight: w(480), owner: 'wang' },
  { id: '广东', weight: w(610), owner: 'wang' },
  { id: '北京', weight: w(450), owner: 'zhao' },
  { id: '山东', weight: w(300), owner: 'zhao' },
  { id: '四川', weight: w(260), owner: 'sun' },
  { id: '湖北', weight: w(210), owner: 'sun' },
  { id: '河南', weight: w(150) },
  { id: '陕西', weight: w(120) },
  { id: '甘肃+青海+宁夏', weight: w(90) }, // several poor provinces go to one rep
  { id: 'KA 中石化', weight: w(330), owner: 'zhao', locked: true },
];
const reps = [
  { id: 'li', capacity: '1.5' }, // senior
  { id: 'wang', capacity: '1.2' },
  { id: 'zhao' },
  { id: 'sun', capacity: '0.8' }, // new hire
];

const plan = balanceTerritories(units, reps, { maxMoves: 6 });
const wan = (d: { toNumber(): number }): string => `${(d.toNumber() / 10_000).toFixed(1)} 万`;
// Rates (gap, attainment) are numbers, or null when their denominator is 0.
const pct = (rate: number | null, digits: number): string => (rate === null ? 'n/a' : `${new Decimal(rate).times(100).toFixed(digits)} %`);

console.log('Territory plan (largest relative load minimised, at most 6 moves)\n');
for (const l of plan.loads) {
  console.log(`  ${l.repId.padEnd(5)} capacity ${l.capacity.toString().padEnd(4)} load ${wan(l.load).padStart(9)}  relative ${wan(l.relativeLoad).padStart(9)}  ${l.unitIds.join(', ')}`);
}
const shanghai = plan.assignments.find((a) => a.unitId === '上海');
console.log(`\n  上海 is shared: ${shanghai?.shares.map((s) => `${s.repId} ${wan(s.weight)}`).join(', ')}`);
console.log(`\nMoves (${plan.moveCount}):`);
for (const m of plan.moves) console.log(`  ${m.unitId}: ${m.from} → ${m.to} (${wan(m.weight)})`);
console.log(
  `\nLargest relative load ${wan(plan.largestRelativeLoad)}, lower bound ${wan(plan.lowerBound)}, gap ${pct(plan.gap, 3)}, ` +
    `${plan.provenOptimal ? 'proven optimal' : 'not proven optimal'} (start: ${plan.search.start} at ${wan(plan.search.startLargestRelativeLoad)}).`,
);

// Quotas from the plan: each rep's weighted pipeline, times 1.2 where the territory is
// developed (上海, 江苏, 浙江, 广东, 北京), split from a company target of 4 000 万 in whole 万.
const developed = new Set(['上海', '江苏', '浙江', '广东', '北京']);
const weights = plan.loads.map((l) => {
  const rich = plan.assignments.flatMap((a) => a.shares.filter((s) => s.repId === l.repId && developed.has(a.unitId)));
  const richShare = rich.reduce((a, s) => a.plus(s.weight), new Decimal(0));
  return { id: l.repId, weight: l.load.plus(richShare.times('0.2')) }; // developed part × 1.2
});
const quota = allocateQuota(money(w(4000), 'CNY'), weights, { step: '10000' });
console.log('\nQuotas (target 4 000 万, developed territory weighted × 1.2):');
for (const s of quota.shares) console.log(`  ${s.id.padEnd(5)} ${wan(s.quota.amount).padStart(9)}`);

const report = attainment(quota.shares, [
  { id: 'li', amount: money(w(1500), 'CNY') },
  { id: 'wang', amount: money(w(1100), 'CNY') },
  { id: 'zhao', amount: money(w(900), 'CNY') },
  { id: 'sun', amount: money(w(420), 'CNY') },
]);
console.log('\nAttainment (size of the quota and percentage exceeded, side by side):');
for (const r of report.rows) {
  console.log(`  ${r.id.padEnd(5)} quota ${wan(r.quota.amount).padStart(9)}  actual ${wan(r.actual.amount).padStart(9)}  ${pct(r.attainment, 1)}  (${(r.overAchievement ?? 0) >= 0 ? '+' : ''}${pct(r.overAchievement, 1)})`);
}
console.log(`  team  ${pct(report.total.attainment, 1)}`);
