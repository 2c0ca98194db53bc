// One report over a book split across worker threads (分片并行): each worker reads its own
// shard of the deals (here: generates deals start … end-1; in a CRM, a range of ids read
// from the database), feeds them to the accumulators of stageFlow and weightedForecast,
// and posts back their partial states — plain data that crosses threads by structured
// clone. The main thread merges the partials and prints the report, which is exactly the
// one a single thread computes over the whole book (checked below).
//
//   npx tsx examples/worker-shards.ts                  (20 000 deals, 4 workers)
//   EXAMPLE_DEALS=1000000 npx tsx examples/worker-shards.ts
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  Decimal,
  parsePipeline,
  roundToMinor,
  stageFlow,
  stageFlowAccumulator,
  weightedForecast,
  weightedForecastAccumulator,
  type Opportunity,
  type OpportunityEvent,
  type Pipeline,
  type StageFlowPartial,
  type WeightedForecastPartial,
} from '../src/index.js';

const pipeline: Pipeline = parsePipeline({
  id: 'direct',
  name: '直销漏斗',
  currency: 'CNY',
  stages: [
    { id: 'lead', name: '初步接触', kind: 'open', probability: '0.1', stallAfterDays: 30 },
    { id: 'qualify', name: '需求确认', kind: 'open', probability: '0.3', stallAfterDays: 30 },
    { id: 'proposal', name: '方案报价', kind: 'open', probability: '0.6' },
    { id: 'negotiate', name: '商务谈判', kind: 'open', probability: '0.8' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});
const OPEN = ['lead', 'qualify', 'proposal', 'negotiate'];
const OWNERS = ['wang', 'li', 'zhang', 'zhao', 'chen'];
const flowOptions = { asOf: '2026-04-01T00:00:00+08:00', groupBy: ['owner'] } as const;
const forecastOptions = { groupBy: ['period'], timeZone: 'Asia/Shanghai' } as const;

/** Deal i of the book: a pure function of i (a small linear congruential generator). */
function deal(i: number): Opportunity {
  let x = (i * 2654435761 + 12345) >>> 0;
  const next = () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
  let t = Date.UTC(2025, 6, 1) + Math.floor(next() * 200) * 86_400_000;
  const history: Omit<OpportunityEvent, 'seq'>[] = [{ type: 'created', at: new Date(t), stageId: 'lead' } as never];
  let stage = 0;
  let status: Opportunity['status'] = 'open';
  let stageId = 'lead';
  while (status === 'open' && next() < 0.7) {
    t += (1 + Math.floor(next() * 40)) * 86_400_000;
    const r = next();
    if (r < 0.12) {
      status = 'lost';
      stageId = 'lost';
      history.push({ type: 'lost', at: new Date(t), stageId: 'lost', reason: '价格' } as never);
    } else if (stage === OPEN.length - 1) {
      status = 'won';
      stageId = 'won';
      history.push({ type: 'won', at: new Date(t), stageId: 'won' } as never);
    } else {
      history.push({ type: 'stage_changed', at: new Date(t), from: OPEN[stage], to: OPEN[stage + 1], kind: 'advance' } as never);
      stage++;
      stageId = OPEN[stage]!;
    }
  }
  const closed = status !== 'open';
  const close = new Date(t + 30 * 86_400_000).toISOString().slice(0, 10);
  return {
    id: `o-${i}`,
    customerId: `c-${i % 997}`,
    pipelineId: 'direct',
    name: `商机 ${i}`,
    amount: { amount: new Decimal(50_000 + Math.floor(next() * 1000) * 1000), currency: 'CNY' },
    expectedCloseDate: close,
    stageId,
    status,
    ownerId: OWNERS[i % OWNERS.length]!,
    completedTasks: {},
    attributes: {},
    ...(closed ? { closedAt: new Date(t) } : {}),
    ...(status === 'lost' ? { lossReason: '价格' } : {}),
    history: history.map((e, k) => ({ ...e, seq: k + 1 })) as OpportunityEvent[],
  } as unknown as Opportunity;
}

function* deals(start: number, end: number): Generator<Opportunity> {
  for (let i = start; i < end; i++) yield deal(i);
}

interface Shard {
  readonly start: number;
  readonly end: number;
}
interface Partials {
  readonly flow: StageFlowPartial;
  readonly forecast: WeightedForecastPartial;
}

if (isMainThread) {
  const total = Number(process.env.EXAMPLE_DEALS ?? 20_000);
  const workers = 4;
  const t0 = performance.now();
  const shards: Shard[] = Array.from({ length: workers }, (_, k) => ({ start: Math.floor((k * total) / workers), end: Math.floor(((k + 1) * total) / workers) }));
  const partials = await Promise.all(
    shards.map(
      (shard) =>
        new Promise<Partials>((resolve, reject) => {
          // A worker thread does not inherit the parent's module loader hooks: when this file
          // runs as TypeScript (npx tsx), the worker registers tsx before importing it.
          const here = new URL(import.meta.url);
          const w = here.pathname.endsWith('.ts')
            ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(here.href)}); });`, { eval: true, workerData: shard })
            : new Worker(here, { workerData: shard });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    ),
  );
  const flow = stageFlowAccumulator(pipeline, flowOptions);
  const forecast = weightedForecastAccumulator(pipeline, forecastOptions);
  for (const p of partials) {
    flow.merge(p.flow);
    forecast.merge(p.forecast);
  }
  const f = flow.result();
  const w = forecast.result();
  process.stderr.write(`${total} deals on ${workers} worker threads in ${((performance.now() - t0) / 1000).toFixed(1)} s; main thread peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);

  console.log(`阶段流转 (stage flow) over ${total.toLocaleString('en-US')} deals from ${workers} shards, as of ${f.asOf?.toISOString()}`);
  for (const r of f.total.stages) {
    const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
    console.log(`  ${r.stageId.padEnd(10)} entered ${String(r.entered).padStart(7)}  advanced ${pct(r.advanceRate).padStart(6)}  lost ${pct(r.lossRate).padStart(6)}  still there ${pct(r.stayRate).padStart(6)}`);
  }
  console.log('加权预测 (weighted forecast) by quarter, Asia/Shanghai:');
  for (const g of w.groups) console.log(`  ${g.key[0]}  ${roundToMinor(g.value.weighted).amount.toFixed(2).padStart(16)} CNY  (${g.value.count} deals)`);
  // The merged shards equal one thread over the whole book (checked at the default size).
  if (total <= 50_000) {
    const same = JSON.stringify(stageFlow(deals(0, total), pipeline, flowOptions)) === JSON.stringify(f) &&
      JSON.stringify(weightedForecast(deals(0, total), pipeline, forecastOptions)) === JSON.stringify(w);
    console.log(`merged shards = one thread over the whole book: ${same ? 'yes' : 'NO'}`);
    if (!same) process.exitCode = 1;
  }
} else {
  const { start, end } = workerData as Shard;
  const flow = stageFlowAccumulator(pipeline, flowOptions).add(deals(start, end));
  const forecast = weightedForecastAccumulator(pipeline, forecastOptions).add(deals(start, end));
  parentPort!.postMessage({ flow: flow.partial(), forecast: forecast.partial() } satisfies Partials);
}
