// Benchmark of the stage-transition engine (evaluateTransition / transition).
//
//   npx tsx bench/engine.ts                       (full size: 100 000 deals)
//   BENCH_SCALE=0.01 npx tsx bench/engine.ts      (smoke run: 1 000 deals)
//
// The data: a 7-stage funnel (7 open stages, plus won and lost) with 3 required key
// tasks per stage (2 manual, 1 field check "expected close date present"). Seeded deals
// sit in a random open stage, with the tasks of earlier stages done and each task of
// their own stage done with probability 0.8; 90 % have a close date. About half of the
// advances are allowed (0.8 × 0.8 × 0.9 ≈ 0.58), so refusals, with their messages, are
// measured too.
//
// Measured in the same run, best of REPEAT passes after a warm-up:
//   1. baseline: a bare loop that looks up the stage and checks `completedTasks`
//      membership of its required manual tasks, and nothing else
//   2. evaluateTransition(deal, pipeline, { type: 'advance' }, { at })
//   3. evaluateTransition with a mix of commands (advance, move, win, lose, suspend)
//   4. transition(deal, pipeline, { type: 'advance' }, { at }) (builds the new deal and event)
// Target: at least 200 000 evaluations per second. Times are printed, never asserted.
import { mulberry32, UINT32_RANGE } from '../src/_lib/random.js';
import { Decimal, evaluateTransition, parsePipeline, transition, type Opportunity, type Pipeline, type TransitionCommand } from '../src/index.js';

const scale = Number(process.env.BENCH_SCALE ?? process.argv[2] ?? '1');
if (!(scale > 0)) throw new Error('BENCH_SCALE must be > 0');
const N = Math.max(100, Math.round(100_000 * scale));
const REPEAT = 5;
const TARGET = 200_000;
const STAGES = 7;

const pipeline: Pipeline = parsePipeline({
  id: 'p',
  name: 'Bench',
  currency: 'CNY',
  stages: [
    ...Array.from({ length: STAGES }, (_, s) => ({
      id: `s${s}`,
      name: `阶段 ${s + 1}`,
      kind: 'open' as const,
      probability: String((s + 1) / 10),
      keyTasks: [
        { id: `s${s}-visit`, title: '拜访客户' },
        { id: `s${s}-doc`, title: '提交材料' },
        { id: `s${s}-date`, title: '填写预计成交日期', check: { kind: 'field' as const, field: 'expectedCloseDate', rule: { op: 'present' as const } } },
      ],
    })),
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});

const START = Date.UTC(2026, 0, 1);
const AT = new Date(Date.UTC(2027, 0, 1));

/** Seeded deals, identical in every run. */
function makeDeals(n: number, seed = 7): Opportunity[] {
  const rnd = mulberry32(seed);
  const u = () => rnd() / UINT32_RANGE;
  const deals = new Array<Opportunity>(n);
  for (let i = 0; i < n; i++) {
    const stage = Math.floor(u() * STAGES);
    const created = START + Math.floor(u() * 300) * 86_400_000;
    const completedTasks: Record<string, { at: Date }> = {};
    for (let s = 0; s <= stage; s++) {
      for (const t of ['visit', 'doc']) if (s < stage || u() < 0.8) completedTasks[`s${s}-${t}`] = { at: new Date(created) };
    }
    const history: unknown[] = [{ type: 'created', seq: 1, at: new Date(created), stageId: 's0' }];
    for (let s = 1; s <= stage; s++) history.push({ type: 'stage_changed', seq: s + 1, at: new Date(created + s * 3_600_000), from: `s${s - 1}`, to: `s${s}`, kind: 'advance' });
    deals[i] = {
      id: `o${i}`,
      customerId: 'c',
      pipelineId: 'p',
      name: 'deal',
      amount: { amount: new Decimal(100_000 + Math.floor(u() * 1e7)), currency: 'CNY' },
      ...(u() < 0.9 ? { expectedCloseDate: '2027-06-30' } : {}),
      stageId: `s${stage}`,
      status: 'open',
      ownerId: `rep-${i % 40}`,
      completedTasks,
      attributes: {},
      history,
    } as unknown as Opportunity;
  }
  return deals;
}

function makeCommands(n: number, seed = 11): TransitionCommand[] {
  const rnd = mulberry32(seed);
  const u = () => rnd() / UINT32_RANGE;
  return Array.from({ length: n }, (): TransitionCommand => {
    const r = u();
    if (r < 0.6) return { type: 'advance' };
    if (r < 0.8) return { type: 'move', to: `s${Math.floor(u() * STAGES)}`, reason: '客户重新评估' };
    if (r < 0.9) return { type: 'win' };
    if (r < 0.95) return { type: 'lose', reason: '价格过高', competitor: 'Globex' };
    return { type: 'suspend' };
  });
}

/** Best time of REPEAT passes (after one warm-up), in ms, and the checksum of the last pass. */
function time(run: () => number): { ms: number; check: number } {
  let check = run();
  let best = Infinity;
  for (let r = 0; r < REPEAT; r++) {
    const t0 = performance.now();
    check = run();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, check };
}

const deals = makeDeals(N);
const commands = makeCommands(N);
const advance: TransitionCommand = { type: 'advance' };

// 1. baseline: stage lookup + membership of the required manual tasks, nothing else.
const manualByStage = new Map(pipeline.stages.map((s) => [s.id as string, s.keyTasks.filter((t) => t.required && t.check.kind === 'manual').map((t) => t.id as string)]));
const baseline = time(() => {
  let allowed = 0;
  for (const d of deals) {
    const req = manualByStage.get(d.stageId) as string[];
    let ok = true;
    for (const id of req) if (!Object.hasOwn(d.completedTasks, id)) ok = false;
    if (ok) allowed++;
  }
  return allowed;
});

const evalAdvance = time(() => {
  let allowed = 0;
  for (const d of deals) if (evaluateTransition(d, pipeline, advance, { at: AT }).length === 0) allowed++;
  return allowed;
});

const evalMixed = time(() => {
  let allowed = 0;
  for (let i = 0; i < N; i++) if (evaluateTransition(deals[i] as Opportunity, pipeline, commands[i] as TransitionCommand, { at: AT }).length === 0) allowed++;
  return allowed;
});

const apply = time(() => {
  let applied = 0;
  for (const d of deals) if (transition(d, pipeline, advance, { at: AT, by: 'bench' }).ok) applied++;
  return applied;
});

const perSecond = (ms: number) => (N / ms) * 1000;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const rows: [string, { ms: number; check: number }][] = [
  ['baseline (membership loop)', baseline],
  ['evaluateTransition advance', evalAdvance],
  ['evaluateTransition mixed', evalMixed],
  ['transition advance (apply)', apply],
];
console.log(`engine: ${fmt(N)} deals, ${STAGES}-stage pipeline, 3 key tasks per stage; best of ${REPEAT} passes`);
console.log('');
console.log(`${'measure'.padEnd(30)}${'ms'.padStart(10)}${'ops/s'.padStart(14)}${'allowed'.padStart(10)}${'× target'.padStart(10)}${'× baseline'.padStart(12)}`);
for (const [name, r] of rows) {
  const rate = perSecond(r.ms);
  console.log(
    `${name.padEnd(30)}${r.ms.toFixed(1).padStart(10)}${fmt(rate).padStart(14)}${String(r.check).padStart(10)}${(rate / TARGET).toFixed(2).padStart(10)}${(r.ms / baseline.ms).toFixed(1).padStart(12)}`,
  );
}
console.log('');
console.log(`evaluations per second (advance): ${fmt(perSecond(evalAdvance.ms))} = ${(perSecond(evalAdvance.ms) / TARGET).toFixed(2)} × the ${fmt(TARGET)}/s target`);
console.log(`advance allowed for ${evalAdvance.check} of ${N} deals (the baseline, which ignores the field task, allows ${baseline.check}); transition applied ${apply.check}`);
