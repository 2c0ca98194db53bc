// Benchmark of balanceTerritories (地盘划分): time, quality against the certified lower
// bound, and how often the plan is proven optimal.
//
//   npx tsx bench/planning.ts                       (full run)
//   BENCH_SCALE=0.01 npx tsx bench/planning.ts      (smoke run: one instance per row)
//
// Instances are seeded (mulberry32) and identical in every run: units over reps of
// capacity 1 (and, in the "mixed" rows, capacities 0.8 / 1 / 1.2 / 1.5), with weights
//   uniform    — weighted pipeline uniform on 1.0 … 1000.0 万 (one decimal: 0.1 万 = 1 000 CNY)
//   lognormal  — exp(N(ln 100, 1)) 万, one decimal (a few rich territories, many small ones)
//   cents      — uniform on 1.00 … 1000.00 (two decimals): the "hard phase" of number
//                partitioning, where perfect partitions rarely exist and proofs need
//                exhaustive search; shown for honesty, not as a target.
// Baseline, measured in the same run: plain largest-first greedy (LPT) on doubles, the
// rule every CRM's "assign to the least loaded rep" amounts to.
// Targets (printed, never asserted): 10 000 units over 100 reps under 200 ms with the
// largest load within 0.1 % of the lower bound on uniform weights; up to 30 units over
// 5 reps proven optimal within 1 s in at least 95 % of cases.
//
// Large books (the last table): 1 000 000 separate units, and 5 000 000 pieces (the limit,
// MAX_ITEMS) from 5 000 units split in pieces of 1, over 100 reps, one run each: wall and
// CPU time and the growth of the heap. At BENCH_SCALE=0.01 the same shapes run at 1 % of
// the size (a smoke run: they then fall under the large-book threshold of 200 000 pieces).
import { mulberry32, UINT32_RANGE } from '../src/_lib/random.js';
import { balanceTerritories, type TerritoryRep, type TerritoryUnit } from '../src/index.js';

const scale = Number(process.env.BENCH_SCALE ?? process.argv[2] ?? '1');
if (!(scale > 0)) throw new Error('BENCH_SCALE must be > 0');
const gc = (globalThis as { gc?: () => void }).gc;

type Dist = 'uniform' | 'lognormal' | 'cents';
interface Row {
  readonly n: number;
  readonly m: number;
  readonly dist: Dist;
  readonly mixed: boolean;
  readonly count: number;
}
const ROWS: Row[] = [
  { n: 12, m: 3, dist: 'uniform', mixed: false, count: 200 },
  { n: 12, m: 3, dist: 'lognormal', mixed: false, count: 200 },
  { n: 30, m: 5, dist: 'uniform', mixed: false, count: 200 },
  { n: 30, m: 5, dist: 'lognormal', mixed: false, count: 200 },
  { n: 30, m: 5, dist: 'uniform', mixed: true, count: 100 },
  { n: 30, m: 5, dist: 'cents', mixed: false, count: 40 },
  { n: 100, m: 10, dist: 'uniform', mixed: false, count: 50 },
  { n: 100, m: 10, dist: 'lognormal', mixed: false, count: 50 },
  { n: 1000, m: 20, dist: 'uniform', mixed: false, count: 20 },
  { n: 1000, m: 20, dist: 'lognormal', mixed: true, count: 20 },
  { n: 10_000, m: 100, dist: 'uniform', mixed: false, count: 10 },
  { n: 10_000, m: 100, dist: 'lognormal', mixed: false, count: 10 },
];

function instance(row: Row, seed: number): { units: TerritoryUnit[]; reps: TerritoryRep[] } {
  const rnd = mulberry32(seed * 7919 + row.n * 31 + row.m);
  const u = (): number => (rnd() + 0.5) / UINT32_RANGE; // in (0, 1)
  const units: TerritoryUnit[] = Array.from({ length: row.n }, (_, i) => {
    let w: number;
    if (row.dist === 'lognormal') {
      const z = Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
      w = Math.max(0.1, Math.exp(Math.log(100) + z));
    } else {
      w = 1 + u() * 999;
    }
    return { id: `u${i}`, weight: w.toFixed(row.dist === 'cents' ? 2 : 1) };
  });
  const caps = ['0.8', '1', '1.2', '1.5'];
  const reps: TerritoryRep[] = Array.from({ length: row.m }, (_, r) => ({ id: `r${r}`, capacity: row.mixed ? (caps[r % caps.length] as string) : '1' }));
  return { units, reps };
}

/** The baseline: largest-first greedy on doubles. Returns the largest relative load. */
function greedy(units: TerritoryUnit[], reps: TerritoryRep[]): number {
  const w = units.map((x) => Number(x.weight)).sort((a, b) => b - a);
  const cap = reps.map((r) => Number(r.capacity ?? 1));
  const load = cap.map(() => 0);
  for (const x of w) {
    let best = 0;
    for (let r = 1; r < cap.length; r++) if (((load[r] as number) + x) / (cap[r] as number) < ((load[best] as number) + x) / (cap[best] as number)) best = r;
    load[best] = (load[best] as number) + x;
  }
  return Math.max(...load.map((l, r) => l / (cap[r] as number)));
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
};
const fmt = (x: number, d = 1): string => x.toFixed(d);
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

// Warm up the JIT (on seeds not used below) so that no row pays for compilation.
for (let s = 0; s < 30; s++) {
  const { units, reps } = instance({ n: 30, m: 5, dist: 'uniform', mixed: false, count: 1 }, 10_000 + s);
  balanceTerritories(units, reps);
}
for (const dist of ['uniform', 'lognormal'] as const) {
  const { units, reps } = instance({ n: 10_000, m: 100, dist, mixed: false, count: 1 }, 10_000);
  balanceTerritories(units, reps);
}

console.log(`balanceTerritories benchmark (BENCH_SCALE=${scale})`);
console.log('units×reps  weights        runs  median ms    p95 ms  greedy ms  largest/LB mean   max   greedy/LB mean  proven  ≤1 s');
const summary: string[] = [];
for (const row of ROWS) {
  const count = Math.max(1, Math.round(row.count * scale));
  const times: number[] = [];
  const greedyTimes: number[] = [];
  const ratios: number[] = [];
  const greedyRatios: number[] = [];
  let proven = 0;
  let provenFast = 0;
  for (let s = 0; s < count; s++) {
    const { units, reps } = instance(row, s + 1);
    const t0 = performance.now();
    const plan = balanceTerritories(units, reps);
    const t = performance.now() - t0;
    const g0 = performance.now();
    const g = greedy(units, reps);
    greedyTimes.push(performance.now() - g0);
    times.push(t);
    const lb = plan.lowerBound.toNumber();
    ratios.push(plan.largestRelativeLoad.toNumber() / lb);
    greedyRatios.push(g / lb);
    if (plan.provenOptimal) {
      proven++;
      if (t <= 1000) provenFast++;
    }
  }
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const label = `${row.n}×${row.m}`.padEnd(11);
  const weights = `${row.dist}${row.mixed ? ' mixed' : ''}`.padEnd(14);
  console.log(
    `${label} ${weights} ${String(count).padStart(4)}  ${fmt(quantile(times, 0.5)).padStart(9)} ${fmt(quantile(times, 0.95)).padStart(9)} ${fmt(quantile(greedyTimes, 0.5), 2).padStart(10)}` +
      `  ${fmt(mean(ratios), 6).padStart(14)} ${fmt(Math.max(...ratios), 6)}  ${fmt(mean(greedyRatios), 6).padStart(14)}  ${pct(proven / count).padStart(7)} ${pct(provenFast / count).padStart(7)}`,
  );
  if (row.n === 10_000 && row.dist === 'uniform') {
    summary.push(
      `target 10 000×100 uniform: median ${fmt(quantile(times, 0.5))} ms (target < 200 ms), worst largest/LB ${fmt(Math.max(...ratios), 6)} (target ≤ 1.001); greedy alone ${fmt(Math.max(...greedyRatios), 6)}`,
    );
  }
  if (row.n <= 30 && row.dist !== 'cents') {
    summary.push(`target ${row.n}×${row.m} ${row.dist}${row.mixed ? ' mixed' : ''}: proven optimal within 1 s in ${pct(provenFast / count)} of runs (target ≥ 95 %)`);
  }
}
console.log('');
for (const line of summary) console.log(line);

// ---- large books ----------------------------------------------------------------------

/** Units of uniform weight 1.0 … 1000.0, or units of about 1 000 pieces of 1 (split). */
function largeBook(pieces: number, split: boolean): { units: TerritoryUnit[]; reps: TerritoryRep[] } {
  const rnd = mulberry32(pieces + (split ? 1 : 0));
  const u = (): number => (rnd() + 0.5) / UINT32_RANGE;
  const reps: TerritoryRep[] = Array.from({ length: 100 }, (_, r) => ({ id: `r${String(r).padStart(3, '0')}` }));
  if (split) {
    const count = Math.max(1, Math.round(pieces / 1000));
    // 999 pieces of 1 and a last piece of 0.1 … 1.0; a third of them owned today.
    const units = Array.from({ length: count }, (_, i): TerritoryUnit => ({
      id: `u${i}`,
      weight: (999 + Math.ceil(u() * 10) / 10).toFixed(1),
      splittable: { granularity: '1' },
      ...(i % 3 === 0 ? { owner: (reps[i % reps.length] as TerritoryRep).id } : {}),
    }));
    return { units, reps };
  }
  return { units: Array.from({ length: pieces }, (_, i) => ({ id: `u${i}`, weight: (1 + u() * 999).toFixed(1) })), reps };
}

console.log('');
console.log('large books (one run each; heap = growth of the V8 heap over the call)');
console.log('pieces      shape              wall s   CPU s   heap MB   largest/LB    start    iterations');
for (const [full, split] of [
  [1_000_000, false],
  [5_000_000, true],
] as const) {
  const pieces = Math.max(1000, Math.round(full * scale));
  const { units, reps } = largeBook(pieces, split);
  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const plan = balanceTerritories(units, reps);
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const heap = (process.memoryUsage().heapUsed - heap0) / 1e6;
  const ratio = plan.largestRelativeLoad.toNumber() / plan.lowerBound.toNumber();
  const shape = split ? `${units.length} split units` : 'separate units';
  console.log(
    `${String(pieces).padEnd(11)} ${shape.padEnd(18)} ${fmt(wall).padStart(6)} ${fmt((c.user + c.system) / 1e6).padStart(7)} ${fmt(heap, 0).padStart(9)}   ${fmt(ratio, 6).padStart(10)}  ${plan.search.start.padStart(12)} ${String(plan.search.iterations).padStart(6)}`,
  );
}
