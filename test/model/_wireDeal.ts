// Valid deals in wire form (as JSON.parse or a database driver gives them) for the parse
// property and fuzz tests: every event type, every optional field, instants as strings with
// offsets or as Dates, `seq` and client ids present or not. Each deal's ledger is
// consistent, so it parses; mutations of it then probe every branch of the parsers.
import fc from 'fast-check';
import { parsePipeline } from '../../src/model/pipeline.js';

export const OPEN = ['lead', 'qualify', 'proposal'] as const;

/** The pipeline the deals belong to: three open stages with a task each, won, lost. */
export const wirePipelineJson = {
  id: 'direct',
  name: '直销',
  currency: 'CNY',
  stages: [
    { id: 'lead', name: '潜在客户', kind: 'open', probability: '0.1', keyTasks: [{ id: 'visit', title: '首次拜访' }] },
    { id: 'qualify', name: '需求确认', kind: 'open', probability: '0.25', keyTasks: [{ id: 'budget', title: '确认预算' }] },
    { id: 'proposal', name: '方案提出', kind: 'open', probability: 0.5, keyTasks: [{ id: 'demo', title: '演示', required: false }] },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
};
export const wirePipeline = parsePipeline(wirePipelineJson);

const TASKS = ['visit', 'budget', 'demo'];
const OWNERS = ['rep-zhang', 'rep-li', 'rep-wang'];
const DAY = 86_400_000;

/** Draws from a fast-check-made list of numbers in [0, 1), round robin. */
class Draws {
  private i = 0;
  constructor(private readonly xs: readonly number[]) {}
  next(): number {
    const x = this.xs[this.i % this.xs.length] ?? 0.5;
    this.i++;
    return x;
  }
  below(n: number): number {
    return Math.min(n - 1, Math.floor(this.next() * n));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

function isoText(ms: number, r: Draws): string | Date {
  switch (r.below(4)) {
    case 0:
      return new Date(ms).toISOString();
    case 1:
      return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
    case 2:
      return `${new Date(ms - 5 * 3_600_000).toISOString().slice(0, 16)}-05:00`;
    default:
      return new Date(ms);
  }
}

/** One consistent wire deal from a list of draws. */
export function wireDeal(xs: readonly number[], n = 0): Record<string, unknown> {
  const r = new Draws(xs.length === 0 ? [0.5] : xs);
  let t = Date.UTC(2025, 0, 1) + r.below(600) * DAY + r.below(1440) * 60_000; // whole minutes: one format drops the seconds
  let owner = OWNERS[r.below(3)]!;
  const ids = r.chance(0.3);
  const seqs = r.below(3); // 0: none, 1: all, 2: some
  const history: Record<string, unknown>[] = [];
  const push = (e: Record<string, unknown>) => {
    const k = history.length;
    t += r.below(5) * DAY + r.below(60) * 60_000;
    const head: Record<string, unknown> = { type: e['type'] };
    if (seqs === 1 || (seqs === 2 && r.chance(0.5))) head['seq'] = k + 1;
    if (ids) head['id'] = `${n}-${k}`;
    head['at'] = isoText(t, r);
    if (r.chance(0.7)) head['by'] = owner;
    history.push({ ...head, ...e });
  };
  let stage = 0;
  let status: 'open' | 'suspended' | 'won' | 'lost' = 'open';
  let stageId: string = OPEN[0];
  let amount = `${1 + r.below(5000)}${r.chance(0.5) ? '000.00' : '.5'}`;
  let closeDate: string | null = r.chance(0.5) ? '2026-06-30' : null;
  let splits: { ownerId: string; basisPoints: number }[] | null = null;
  const done = new Map<string, { at: unknown; by?: unknown }>();
  const close: Record<string, unknown> = {};
  // The overrides as the ledger leaves them: undefined while no event has set one.
  let prob: string | null | undefined;
  let category: string | null | undefined;
  const activity = () =>
    push({
      type: 'activity_logged',
      kind: ['visit', 'call', 'email', 'meeting', 'other'][r.below(5)],
      ...(r.chance(0.5) ? { contactId: 'ct-1' } : {}),
      ...(r.chance(0.3) ? { outcome: '同意试用' } : {}),
      ...(r.chance(0.3) ? { cost: { amount: '350.00', currency: 'CNY' } } : {}),
      ...(r.chance(0.2) ? { note: '带了样机' } : {}),
    });
  if (r.chance(0.85)) push({ type: 'created', stageId });
  const steps = r.below(9);
  for (let s = 0; s < steps; s++) {
    const closed = status === 'won' || status === 'lost';
    const k = r.below(12);
    if (closed) {
      if (k < 3) {
        stage = r.below(3);
        stageId = OPEN[stage]!;
        push({ type: 'reopened', stageId });
        status = 'open';
        if (prob !== undefined) prob = null;
        for (const f of Object.keys(close)) delete close[f];
      } else if (k < 5) activity();
      continue;
    }
    if (status === 'suspended') {
      if (k < 6) {
        push({ type: 'resumed' });
        status = 'open';
      } else if (k < 8) {
        const task = TASKS[r.below(3)]!;
        push({ type: done.has(task) ? 'task_reopened' : 'task_completed', taskId: task });
        const e = history[history.length - 1]!;
        if (done.has(task)) done.delete(task);
        else done.set(task, e['by'] === undefined ? { at: e['at'] } : { at: e['at'], by: e['by'] });
      }
      continue;
    }
    switch (k) {
      case 0:
      case 1: {
        const to = (stage + 1 + r.below(2)) % 3;
        push({ type: 'stage_changed', from: stageId, to: OPEN[to], kind: to > stage + 1 ? 'skip' : to > stage ? 'advance' : 'regress', ...(r.chance(0.3) ? { reason: '客户重新评估' } : {}) });
        if (prob !== undefined) prob = null;
        stage = to;
        stageId = OPEN[to]!;
        break;
      }
      case 2: {
        const task = TASKS[r.below(3)]!;
        push({ type: done.has(task) ? 'task_reopened' : 'task_completed', taskId: task });
        const e = history[history.length - 1]!;
        if (done.has(task)) done.delete(task);
        else done.set(task, e['by'] === undefined ? { at: e['at'] } : { at: e['at'], by: e['by'] });
        break;
      }
      case 3: {
        const to = `${1 + r.below(9000)}.25`;
        push({ type: 'amount_changed', from: { amount, currency: 'CNY' }, to: { amount: r.chance(0.5) ? to : Number(to), currency: 'CNY' } });
        amount = to;
        break;
      }
      case 4: {
        const to = r.chance(0.2) ? null : `2026-${String(1 + r.below(12)).padStart(2, '0')}-${String(1 + r.below(28)).padStart(2, '0')}`;
        push({ type: 'close_date_changed', from: closeDate, to });
        closeDate = to;
        break;
      }
      case 5: {
        const to = OWNERS[r.below(3)]!;
        push({ type: 'owner_changed', from: owner, to });
        owner = to;
        break;
      }
      case 6: {
        splits = r.chance(0.3) ? null : [{ ownerId: owner, basisPoints: 6000 }, { ownerId: 'rep-zhao', basisPoints: 4000 }];
        push({ type: 'splits_changed', to: splits });
        break;
      }
      case 7:
        push({ type: 'suspended', ...(r.chance(0.5) ? { reason: '预算冻结' } : {}) });
        status = 'suspended';
        break;
      case 8:
      case 9: {
        const won = k === 8;
        stageId = won ? 'won' : 'lost';
        push(won ? { type: 'won', stageId } : { type: 'lost', stageId, reason: '价格过高', ...(r.chance(0.5) ? { competitor: 'Globex' } : {}) });
        status = won ? 'won' : 'lost';
        if (prob !== undefined) prob = null;
        if (category !== undefined) category = null;
        const e = history[history.length - 1]!;
        if (r.chance(0.7)) close['closedAt'] = e['at'];
        if (!won && r.chance(0.7)) close['lossReason'] = '价格过高';
        if (!won && e['competitor'] !== undefined && r.chance(0.7)) close['competitor'] = 'Globex';
        break;
      }
      case 10:
        activity();
        break;
      case 11:
        if (r.chance(0.5)) {
          const to = r.chance(0.3) ? null : ['0.35', '0.6', '0.05'][r.below(3)]!;
          push({ type: 'probability_changed', from: prob ?? null, to: to === null || r.chance(0.5) ? to : Number(to) });
          prob = to;
        } else {
          const to = r.chance(0.3) ? null : ['commit', 'best_case', 'omitted'][r.below(3)]!;
          push({ type: 'forecast_category_changed', from: category ?? null, to });
          category = to;
        }
        break;
      default:
        break;
    }
  }
  const deal: Record<string, unknown> = {
    id: `o-${n}`,
    customerId: `c-${n % 3}`,
    pipelineId: 'direct',
    name: `ERP 项目 ${n}`,
    amount: { amount: r.chance(0.8) ? amount : Number(amount), currency: 'CNY' },
  };
  if (closeDate !== null) deal['expectedCloseDate'] = closeDate;
  if (r.chance(0.5)) deal['region'] = '华东';
  deal['stageId'] = stageId;
  if (status !== 'open' || r.chance(0.5)) deal['status'] = status;
  if (prob !== undefined) {
    if (prob !== null) deal['probabilityOverride'] = prob;
  } else if (r.chance(0.2) && (status === 'open' || status === 'suspended')) deal['probabilityOverride'] = r.chance(0.5) ? '0.35' : 0.35;
  if (category !== undefined) {
    if (category !== null) deal['forecastCategoryOverride'] = category;
  } else if (r.chance(0.2)) deal['forecastCategoryOverride'] = 'commit';
  deal['ownerId'] = owner;
  if (splits !== null) deal['splits'] = splits;
  if (done.size > 0 || r.chance(0.5)) deal['completedTasks'] = Object.fromEntries(done);
  Object.assign(deal, close);
  if (r.chance(0.3)) deal['source'] = r.chance(0.5) ? { campaignId: 'expo-2026', channel: 'exhibition' } : { channel: 'referral' };
  if (r.chance(0.6)) deal['attributes'] = { projectType: r.chance(0.5) ? 'large' : 'small', tags: ['a', { b: [1, null, true] }], score: 3.5 };
  if (history.length > 0 || r.chance(0.5)) deal['history'] = history;
  return deal;
}

/** An arbitrary of valid wire deals. */
export const wireDealArb: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(fc.noBias(fc.array(fc.nat(999_999), { minLength: 8, maxLength: 120 })), fc.nat(999))
  .map(([xs, n]) => wireDeal(xs.map((x) => x / 1_000_000), n));

/** Every path to a value inside plain JSON-like data (objects and arrays), the root excluded. */
export function pathsOf(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (value instanceof Date || typeof value !== 'object' || value === null) return out;
  for (const [k, v] of Object.entries(value)) {
    const p = [...prefix, Array.isArray(value) ? Number(k) : k];
    out.push(p);
    pathsOf(v, p, out);
  }
  return out;
}

const DELETE = Symbol('delete');

/** A deep copy of `value` with the value at `path` replaced (or deleted). */
export function withAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = value.slice();
    if (replacement === DELETE && rest.length === 0) copy.splice(head as number, 1);
    else copy[head as number] = withAt(copy[head as number], rest, replacement);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (replacement === DELETE && rest.length === 0) delete copy[head as string];
  else Object.defineProperty(copy, head as string, { value: withAt(copy[head as string], rest, replacement), enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Values that break a field: wrong types, bad instants and decimals, huge exponents, prototype keys. */
export const badValueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    DELETE,
    undefined,
    null,
    '',
    'garbage',
    0,
    -1,
    1.5,
    10_001,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    true,
    [],
    {},
    '1e9000000000000',
    '1e-9000000000000',
    '0.1e999999999999999999',
    '2026-02-30T00:00:00Z',
    '2026-06-30T23:59:60Z',
    '9999-12-31T23:00:00-02:00',
    '2026-06-30',
    '2026-02-30',
    'won',
    'lost',
    'lead',
    'stage_changed',
    new Date(Number.NaN),
    new Date(Date.UTC(10_000, 0, 1)),
    Object.create(Date.prototype),
    Object.create(null),
    JSON.parse('{"__proto__":{"polluted":true}}'),
    { constructor: { prototype: { polluted: true } } },
    'x'.repeat(300),
  ),
  fc.anything({ maxDepth: 2 }),
);

/** Values near `original`: one character or digit changed, the type changed, the edge cases of its type. */
export function nearArb(original: unknown): fc.Arbitrary<unknown> {
  if (typeof original === 'string') {
    const s = original;
    return fc.oneof(
      fc.constantFrom<unknown>('', s.slice(1), s.slice(0, -1), `${s}x`, ` ${s}`, s.toUpperCase(), Number(s), [s]),
      fc
        .tuple(fc.nat(Math.max(0, s.length - 1)), fc.constantFrom('0', '1', '2', '3', '9', '-', ':', 'T', 'Z', '+', '.', 'e', ' ', 'x'))
        .map(([i, c]) => s.slice(0, i) + c + s.slice(i + 1)),
    );
  }
  if (typeof original === 'number') {
    const x = original;
    return fc.constantFrom<unknown>(0, -0, -1, x + 0.5, -x, x * 1e300, x / 1e30, String(x), Number.NaN, Number.MAX_SAFE_INTEGER + 2, 10_001);
  }
  if (original instanceof Date) {
    return fc.constantFrom<unknown>(new Date(Number.NaN), new Date(Date.UTC(10_000, 0, 1)), new Date(-62_135_596_800_001), Object.create(Date.prototype), original.getTime(), String(original));
  }
  if (typeof original === 'boolean' || original === null) return fc.constantFrom<unknown>(!original, null, 0, 'true', undefined);
  return fc.constantFrom<unknown>({}, [], null, undefined, DELETE, Object.create(null));
}

export { DELETE };
