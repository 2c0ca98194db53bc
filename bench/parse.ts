// Benchmark of reading deals from storage: JSON text → verified domain models.
//
//   npx tsx bench/parse.ts                         (full size: 100 000 deals, ~5 ledger events each)
//   BENCH_SCALE=0.01 npx tsx bench/parse.ts        (smoke run: 1 000 deals)
//   node --expose-gc --import tsx bench/parse.ts   (as `npm run bench` runs it; memory needs --expose-gc)
//
// The data: a pipeline of 5 open stages with a manual key task each, won and lost; deals as
// a CRM exports them — ids, a Chinese name, an amount as a decimal string, an expected close
// date, region, owner, two attributes, completed tasks, and a consistent ledger of about 5
// events (created, task completions, stage advances, a close-date change, sometimes an
// amount change, won or lost), instants as ISO strings with a +08:00 offset.
//
// Measured in one process, in interleaved rounds (a, b, a, b, …) after a warm-up:
//   a. `JSON.parse(text)`                                       — the floor
//   b. `JSON.parse(text)` then `parseOpportunity(deal, { pipeline })` for each deal: every
//      field checked and converted (Decimal, Date), the ledger replayed and checked
//   c. `parseBook({ pipelines, customers, opportunities })` on the parsed JSON (duplicate ids,
//      missing customers, per-pipeline checks) — reported, no target
//   n. `JSON.parse(text)` then a plain hand-written check-and-convert (types checked, amounts
//      to Decimal, instants to Date, no ledger replay, no cross-field rule): the floor of
//      eager conversion, for comparison with (b)
//   d. `JSON.parse(text)` then only the instants turned into Dates (every event's `at`,
//      `closedAt`, each completed task's `at`, through the library's ISO reader), held in
//      one array per deal, nothing else read or built: what any converter whose models
//      hold Date objects pays at least, so (b) cannot beat it
// Wall and CPU time (process.cpuUsage) per round; the best round of each is reported.
// With --expose-gc, a full GC runs (untimed) before every timed round, so each round starts
// from the same heap and pays for its own garbage collection only: without it, the marking
// and sweeping left over from the round before (process.cpuUsage counts the GC threads)
// lands on whichever round comes next, and the best of 5 could show (b) faster than (a).
// Memory: heap retained (after a full GC) by the deals of (a) and by the models of (b),
// both held in an array, per deal.
// Targets: (b) ≥ 80 000 deals/s, (b)/(a) ≤ 3 in time, ≤ 1.5 in retained memory. Printed,
// never asserted.
import { availableParallelism, loadavg } from 'node:os';
import { mulberry32Next, mulberry32Output, UINT32_RANGE } from '../src/_lib/random.js';
import { Decimal, parseBook, parseOpportunity, parsePipeline, type Pipeline } from '../src/index.js';
import { parseIsoInstant } from '../src/time/instant.js';

const scale = Number(process.env.BENCH_SCALE ?? process.argv[2] ?? '1');
if (!(scale > 0)) throw new Error('BENCH_SCALE must be > 0');
const N = Math.max(200, Math.round(100_000 * scale));
const ROUNDS = 5;
const TARGET_RATE = 80_000;
const TARGET_TIME_RATIO = 3;
const TARGET_MEMORY_RATIO = 1.5;
const SEED = 20260501;

const OPEN = ['lead', 'qualify', 'proposal', 'negotiate', 'contract'];
const pipelineJson = {
  id: 'direct',
  name: '直销',
  currency: 'CNY',
  stages: [
    ...OPEN.map((id, s) => ({ id, name: `阶段 ${s + 1}`, kind: 'open', probability: String((s + 1) / 10), keyTasks: [{ id: `${id}-done`, title: '关键任务' }] })),
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
};
const pipeline: Pipeline = parsePipeline(pipelineJson);
const OWNERS = Array.from({ length: 60 }, (_, i) => `rep-${String(i).padStart(3, '0')}`);
const REGIONS = ['华东', '华北', '华南', '西南', '东北'];
const INDUSTRIES = ['manufacturing', 'retail', 'finance', 'energy', 'logistics'];
const CUSTOMERS = Math.max(50, Math.round(N / 5));
const BASE = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;

let state = 0;
function u(): number {
  state = mulberry32Next(state);
  return mulberry32Output(state) / UINT32_RANGE;
}
function pick<T>(xs: readonly T[]): T {
  return xs[Math.floor(u() * xs.length)]!;
}
/** `2025-03-04T17:05:00+08:00`: how a CRM in China writes an instant. */
function iso(ms: number): string {
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

/** Deal i in wire form: a pure function of (SEED, i). */
function makeDeal(i: number): Record<string, unknown> {
  state = (SEED + Math.imul(i, 0x9e3779b9)) | 0;
  const owner = pick(OWNERS);
  let t = BASE + Math.floor(u() * 400) * DAY + Math.floor(u() * 36_000) * 1000;
  const history: Record<string, unknown>[] = [{ type: 'created', at: iso(t), by: owner, stageId: OPEN[0] }];
  const completedTasks: Record<string, { at: string; by: string }> = {};
  let stage = 0;
  let amount = `${100 + Math.floor(u() * 50_000)}000.00`;
  let closeDate: string | undefined;
  let status = 'open';
  let stageId = OPEN[0]!;
  const extra: Record<string, unknown> = {};
  const steps = 1 + Math.floor(u() * 2);
  for (let s = 0; s < steps; s++) {
    t += DAY + Math.floor(u() * 20) * DAY;
    const task = `${OPEN[stage]}-done`;
    completedTasks[task] = { at: iso(t), by: owner };
    history.push({ type: 'task_completed', at: iso(t), by: owner, taskId: task });
    t += 3_600_000;
    history.push({ type: 'stage_changed', at: iso(t), by: owner, from: OPEN[stage], to: OPEN[stage + 1], kind: 'advance' });
    stage++;
    stageId = OPEN[stage]!;
  }
  const r = u();
  if (r < 0.5) {
    t += DAY;
    const to = new Date(t + (30 + Math.floor(u() * 90)) * DAY).toISOString().slice(0, 10);
    history.push({ type: 'close_date_changed', at: iso(t), by: owner, from: closeDate ?? null, to });
    closeDate = to;
  } else if (r < 0.65) {
    t += DAY;
    const to = `${100 + Math.floor(u() * 50_000)}000.00`;
    history.push({ type: 'amount_changed', at: iso(t), by: owner, from: { amount, currency: 'CNY' }, to: { amount: to, currency: 'CNY' } });
    amount = to;
  }
  const end = u();
  if (end < 0.15) {
    t += 5 * DAY;
    history.push({ type: 'won', at: iso(t), by: owner, stageId: 'won' });
    status = 'won';
    stageId = 'won';
    extra['closedAt'] = iso(t);
  } else if (end < 0.3) {
    t += 5 * DAY;
    history.push({ type: 'lost', at: iso(t), by: owner, stageId: 'lost', reason: '价格过高' });
    status = 'lost';
    stageId = 'lost';
    extra['closedAt'] = iso(t);
    extra['lossReason'] = '价格过高';
  }
  return {
    id: `opp-${String(i).padStart(7, '0')}`,
    customerId: `cus-${String(i % CUSTOMERS).padStart(6, '0')}`,
    pipelineId: 'direct',
    name: `华东机械 ERP 项目 ${i}`,
    amount: { amount, currency: 'CNY' },
    ...(closeDate === undefined ? {} : { expectedCloseDate: closeDate }),
    region: pick(REGIONS),
    stageId,
    status,
    ownerId: owner,
    completedTasks,
    attributes: { industry: pick(INDUSTRIES), projectType: u() < 0.3 ? 'large' : 'small' },
    history,
    ...extra,
  };
}

const deals = Array.from({ length: N }, (_, i) => makeDeal(i));
const text = JSON.stringify(deals);
const customers = Array.from({ length: CUSTOMERS }, (_, i) => ({ id: `cus-${String(i).padStart(6, '0')}`, name: `客户 ${i}` }));
const events = deals.reduce((a, d) => a + (d['history'] as unknown[]).length, 0);
deals.length = 0;

function toModels(json: string): unknown[] {
  const raw = JSON.parse(json) as unknown[];
  const out = new Array<unknown>(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = parseOpportunity(raw[i], { pipeline });
  return out;
}

// The naive converter of (n): what a competent engineer writes by hand without the library.
type Raw = Record<string, unknown>;
function needString(v: unknown): string {
  if (typeof v !== 'string' || v.length === 0) throw new TypeError('expected a non-empty string');
  return v;
}
function needInstant(v: unknown): Date {
  const d = new Date(needString(v));
  if (Number.isNaN(d.getTime())) throw new TypeError('expected an instant');
  return d;
}
function needMoney(v: unknown): { amount: Decimal; currency: string } {
  const m = v as Raw;
  return { amount: new Decimal(needString(m['amount'])), currency: needString(m['currency']) };
}
function naiveDeal(d: Raw): Raw {
  const history = d['history'] as Raw[];
  const events = new Array<Raw>(history.length);
  for (let i = 0; i < history.length; i++) {
    const e = history[i]!;
    const type = needString(e['type']);
    const at = needInstant(e['at']);
    if (type === 'amount_changed') events[i] = { type, seq: i + 1, at, from: needMoney(e['from']), to: needMoney(e['to']) };
    else events[i] = { ...e, seq: i + 1, at };
  }
  const done = d['completedTasks'] as Record<string, Raw>;
  const tasks: Record<string, unknown> = {};
  for (const k of Object.keys(done)) tasks[k] = { at: needInstant(done[k]!['at']), by: done[k]!['by'] };
  return {
    id: needString(d['id']),
    customerId: needString(d['customerId']),
    pipelineId: needString(d['pipelineId']),
    name: needString(d['name']),
    amount: needMoney(d['amount']),
    ...(d['expectedCloseDate'] === undefined ? {} : { expectedCloseDate: needString(d['expectedCloseDate']) }),
    region: d['region'],
    stageId: needString(d['stageId']),
    status: d['status'] ?? 'open',
    ownerId: needString(d['ownerId']),
    completedTasks: tasks,
    ...(d['closedAt'] === undefined ? {} : { closedAt: needInstant(d['closedAt']) }),
    attributes: { ...(d['attributes'] as Raw) },
    history: events,
  };
}
function naive(json: string): unknown[] {
  const raw = JSON.parse(json) as Raw[];
  const out = new Array<unknown>(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = naiveDeal(raw[i]!);
  return out;
}

// The instants of (d): the least a converter to Date-holding models must do.
function datesOnly(json: string): unknown[] {
  const raw = JSON.parse(json) as Raw[];
  const out = new Array<unknown>(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const d = raw[i]!;
    const history = d['history'] as Raw[];
    const done = d['completedTasks'] as Record<string, Raw>;
    const keys = Object.keys(done);
    const closed = d['closedAt'];
    const dates = new Array<Date>(history.length + keys.length + (closed === undefined ? 0 : 1));
    let k = 0;
    for (let j = 0; j < history.length; j++) dates[k++] = new Date(parseIsoInstant(history[j]!['at'] as string));
    for (const key of keys) dates[k++] = new Date(parseIsoInstant(done[key]!['at'] as string));
    if (closed !== undefined) dates[k++] = new Date(parseIsoInstant(closed as string));
    out[i] = dates;
  }
  return out;
}

function viaBook(json: string): number {
  // parseBook throws when any record is rejected: the generated book is all valid.
  return parseBook({ pipelines: [pipelineJson], customers, opportunities: JSON.parse(json) as unknown[] }).opportunities.length;
}

interface Timing {
  wall: number;
  cpu: number;
}
function time(fn: () => unknown): Timing {
  gc?.();
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  fn();
  const wall = performance.now() - w0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}
const best = (ts: Timing[]): Timing => ({ wall: Math.min(...ts.map((t) => t.wall)), cpu: Math.min(...ts.map((t) => t.cpu)) });

const gc = (globalThis as { gc?: () => void }).gc;
function heap(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

out(`${N.toLocaleString('en')} deals, ${(events / N).toFixed(2)} events per deal, ${(text.length / 1e6).toFixed(1)} MB of JSON`);

// Warm-up: every path compiled before anything is timed.
for (let w = 0; w < 2; w++) {
  JSON.parse(text);
  toModels(text);
  viaBook(text);
  naive(text);
  datesOnly(text);
}

const a: Timing[] = [];
const b: Timing[] = [];
const c: Timing[] = [];
const n: Timing[] = [];
const d: Timing[] = [];
for (let r = 0; r < ROUNDS; r++) {
  a.push(time(() => JSON.parse(text)));
  b.push(time(() => toModels(text)));
  c.push(time(() => viaBook(text)));
  n.push(time(() => naive(text)));
  d.push(time(() => datesOnly(text)));
}
const ta = best(a);
const tb = best(b);
const tc = best(c);
const tn = best(n);
const td = best(d);
const rate = (x: number) => Math.round(N / (x / 1000)).toLocaleString('en').padStart(9);
const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;
out(`time (best of ${ROUNDS} interleaved rounds; deals/s by wall and by CPU time):`);
out(`  a. JSON.parse                      ${ms(ta.wall)} ${ms(ta.cpu)}  ${rate(ta.wall)} ${rate(ta.cpu)} deals/s`);
out(`  b. JSON.parse + parseOpportunity   ${ms(tb.wall)} ${ms(tb.cpu)}  ${rate(tb.wall)} ${rate(tb.cpu)} deals/s (target ≥ ${TARGET_RATE.toLocaleString('en')})`);
out(`  c. JSON.parse + parseBook          ${ms(tc.wall)} ${ms(tc.cpu)}  ${rate(tc.wall)} ${rate(tc.cpu)} deals/s`);
out(`  n. JSON.parse + naive convert     ${ms(tn.wall)} ${ms(tn.cpu)}  ${rate(tn.wall)} ${rate(tn.cpu)} deals/s (hand-written, no ledger check)`);
out(`  d. JSON.parse + instants to Dates  ${ms(td.wall)} ${ms(td.cpu)}  ${rate(td.wall)} ${rate(td.cpu)} deals/s (nothing else: the floor with Date instants)`);
out(`  ratio b/n: ${(tb.wall / tn.wall).toFixed(2)}× wall, ${(tb.cpu / tn.cpu).toFixed(2)}× CPU (the library against the floor of eager conversion)`);
out(`  ratio b/a: ${(tb.wall / ta.wall).toFixed(2)}× wall, ${(tb.cpu / ta.cpu).toFixed(2)}× CPU (target ≤ ${TARGET_TIME_RATIO}×)`);
const load = loadavg()[0] ?? 0;
if (load > availableParallelism()) {
  out(`  note: load average ${load.toFixed(1)} on ${availableParallelism()} CPUs: times are inflated and noisy (compare the CPU columns)`);
}

if (gc === undefined) {
  out('memory: skipped (run with node --expose-gc, as `npm run bench` does)');
} else {
  let held: unknown;
  const base0 = heap();
  held = JSON.parse(text);
  const jsonBytes = heap() - base0;
  held = undefined;
  const base1 = heap();
  held = toModels(text);
  const modelBytes = heap() - base1;
  void held;
  held = undefined;
  out('retained memory (heap after a full GC, holding all deals):');
  out(`  a. JSON.parse objects   ${(jsonBytes / N).toFixed(0).padStart(6)} bytes per deal`);
  out(`  b. parsed models        ${(modelBytes / N).toFixed(0).padStart(6)} bytes per deal`);
  out(`  ratio b/a: ${(modelBytes / jsonBytes).toFixed(2)}× (target ≤ ${TARGET_MEMORY_RATIO}×)`);
}
