// Benchmark of conversionTimes and competingRisks (转化时间, competing risks).
//
//   npx tsx bench/timeToEvent.ts            (full size: 200 000 deals)
//   BENCH_SCALE=0.01 npx tsx bench/timeToEvent.ts   (smoke run)
//
// Deals are generated on the fly by a seeded generator and streamed (never held in an
// array), so the heap figures show what the functions themselves keep. Baselines,
// measured in the same run: one `stageVisits` pass over the same stream (the ledger walk
// every funnel metric pays), and a textbook Kaplan–Meier (collect every duration in an
// array, sort, sweep) of the first stage. Times are printed, never asserted.
import { mulberry32, UINT32_RANGE } from '../src/_lib/random.js';
import { competingRisks, conversionTimes, stageVisits, type Opportunity, type OpportunityEvent, type Pipeline, type StageId } from '../src/index.js';
import { parsePipeline } from '../src/index.js';

const scale = Number(process.env.BENCH_SCALE ?? process.argv[2] ?? '1');
if (!(scale > 0)) throw new Error('BENCH_SCALE must be > 0');
const N = Math.max(100, Math.round(200_000 * scale));

const pipeline: Pipeline = parsePipeline({
  id: 'p',
  name: 'Bench',
  currency: 'CNY',
  stages: [
    { id: 's0', name: '线索', kind: 'open', probability: 0.1 },
    { id: 's1', name: '需求确认', kind: 'open', probability: 0.25 },
    { id: 's2', name: '方案提出', kind: 'open', probability: 0.5 },
    { id: 's3', name: '报价洽谈', kind: 'open', probability: 0.75 },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});
const START = Date.UTC(2024, 0, 1);
const AS_OF = new Date(Date.UTC(2026, 0, 1));
const template = { customerId: 'c', pipelineId: 'p', name: 'd', amount: { amount: 0, currency: 'CNY' }, completedTasks: {}, attributes: {} };
const OWNERS = ['rep-1', 'rep-2', 'rep-3', 'rep-4', 'rep-5', 'rep-6', 'rep-7', 'rep-8'];

/** A stream of `n` synthetic deals with realistic ledgers (seeded: identical in every run). */
function* deals(n: number, seed = 1): Generator<Opportunity> {
  const rnd = mulberry32(seed);
  const u = () => rnd() / UINT32_RANGE;
  for (let i = 0; i < n; i++) {
    let t = START + Math.floor(u() * 700 * 86_400_000);
    let stage = 0;
    const history: OpportunityEvent[] = [{ type: 'created', seq: 1, at: new Date(t), stageId: 's0' as StageId }];
    let status: Opportunity['status'] = 'open';
    let stageId = 's0';
    for (;;) {
      t += Math.floor(-Math.log(1 - u()) * 20 * 86_400_000); // exponential stay, mean 20 days
      if (t > AS_OF.getTime()) break;
      const r = u();
      if (r < 0.2) {
        history.push({ type: 'lost', seq: history.length + 1, at: new Date(t), stageId: 'lost' as StageId, reason: 'price' });
        status = 'lost';
        stageId = 'lost';
        break;
      }
      if (stage === 3) {
        history.push({ type: 'won', seq: history.length + 1, at: new Date(t), stageId: 'won' as StageId });
        status = 'won';
        stageId = 'won';
        break;
      }
      history.push({ type: 'stage_changed', seq: history.length + 1, at: new Date(t), from: `s${stage}` as StageId, to: `s${stage + 1}` as StageId, kind: 'advance' });
      stage++;
      stageId = `s${stage}`;
    }
    yield { ...template, id: `o${i}`, ownerId: OWNERS[i % OWNERS.length], stageId, status, history } as unknown as Opportunity;
  }
}

const gc = (globalThis as { gc?: () => void }).gc;
function measure<T>(label: string, f: () => T): { ms: number; heapMb: number; value: T } {
  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const value = f();
  const ms = performance.now() - t0;
  gc?.(); // what is left is what the result retains (the accumulators became the result)
  const heapMb = (process.memoryUsage().heapUsed - heap0) / 1e6;
  return { ms, heapMb, value, ...{ label } };
}

function textbookKaplanMeierFirstStage(): number {
  const durations: Array<[number, boolean]> = [];
  for (const o of deals(N)) {
    for (const v of stageVisits(o, pipeline, { asOf: AS_OF })) {
      if (v.stageIndex !== 0) continue;
      const end = v.leftAt ?? AS_OF;
      durations.push([(end.getTime() - v.enteredAt.getTime()) / 86_400_000, v.outcome === 'advanced' || v.outcome === 'won']);
    }
  }
  durations.sort((a, b) => a[0] - b[0] || (a[1] === b[1] ? 0 : a[1] ? -1 : 1));
  let s = 1;
  let atRisk = durations.length;
  for (let i = 0; i < durations.length; ) {
    let j = i;
    let d = 0;
    while (j < durations.length && durations[j]![0] === durations[i]![0]) d += durations[j++]![1] ? 1 : 0;
    if (d > 0) s *= 1 - d / atRisk;
    atRisk -= j - i;
    i = j;
  }
  return s;
}

const rows: Array<[string, number, number]> = [];
const run = (label: string, f: () => unknown) => {
  const m = measure(label, f);
  rows.push([label, m.ms, m.heapMb]);
  return m.value;
};

// Warm up the JIT on a small stream.
conversionTimes(deals(2_000), pipeline, { asOf: AS_OF });
competingRisks(deals(2_000), pipeline, { asOf: AS_OF });

run('baseline: stageVisits pass', () => {
  let n = 0;
  for (const o of deals(N)) n += stageVisits(o, pipeline, { asOf: AS_OF }).length;
  return n;
});
const sTextbook = run('baseline: textbook KM (array + sort), 1 stage', textbookKaplanMeierFirstStage) as number;
const exact = run('conversionTimes exact', () => conversionTimes(deals(N), pipeline, { asOf: AS_OF })) as ReturnType<typeof conversionTimes>;
run('conversionTimes resolutionDays 1', () => conversionTimes(deals(N), pipeline, { asOf: AS_OF, resolutionDays: 1 }));
run('conversionTimes by owner, resolutionDays 1', () => conversionTimes(deals(N), pipeline, { asOf: AS_OF, groupBy: ['owner'], resolutionDays: 1 }));
run('competingRisks exact', () => competingRisks(deals(N), pipeline, { asOf: AS_OF }));
run('competingRisks resolutionDays 1', () => competingRisks(deals(N), pipeline, { asOf: AS_OF, resolutionDays: 1 }));

const lastS = exact.total[0]!.kaplanMeier.points.at(-1)!.survival;
if (Math.abs(lastS - sTextbook) > 1e-9) throw new Error(`KM mismatch: ${lastS} vs textbook ${sTextbook}`);

const base = rows[0]![1];
process.stdout.write(`deals: ${N} (BENCH_SCALE=${scale}); heap MB = memory retained by the result after a GC${gc ? '' : ' (run with --expose-gc for steadier figures)'}\n`);
process.stdout.write(`${'run'.padEnd(48)} ${'ms'.padStart(9)} ${'× baseline'.padStart(11)} ${'retained MB'.padStart(12)}\n`);
for (const [label, ms, heap] of rows) {
  process.stdout.write(`${label.padEnd(48)} ${ms.toFixed(0).padStart(9)} ${(ms / base).toFixed(2).padStart(11)} ${heap.toFixed(2).padStart(12)}\n`);
}
const pts = exact.total.map((s) => s.kaplanMeier.points.length).join(' / ');
process.stdout.write(`exact KM points per stage: ${pts}; with daily bins at most ~${Math.ceil((AS_OF.getTime() - START) / 86_400_000)} per stage\n`);
