// The fast path of opportunity parsing: a hand-written reader that accepts a subset of
// what the zod schema accepts — every valid deal as `JSON.parse` or a database driver
// gives it — and returns a value equal to zod's output (same keys in the same order,
// same Decimals, Dates and strings). On anything unusual, valid or not, it returns
// `undefined` and the caller asks zod, which decides and lists the issues. A property
// test (test/model/fastPath.property.test.ts) holds the two to that contract.
//
// It validates structure only; the cross-field rules are the shared checkOpportunity.
import { readWireDecimal } from '../../_lib/decimal.js';
import { isCurrencyCode } from '../../money/currency.js';
import type { Decimal } from '../../money/decimal.js';
import type { Money } from '../../money/money.js';
import type { OpportunityEvent, Split } from '../events.js';
import type { Opportunity } from '../opportunityShape.js';
import type { PipelineIndex } from '../pipelineIndex.js';
import { FORBIDDEN_KEYS, instantInputMs, readAttributes, type Attributes } from '../primitives.js';

const OBJECT_PROTO = Object.prototype;

/** Thrown (and caught below) to leave the fast path: cheaper than threading results. */
const BAIL: unique symbol = Symbol('bail');

function bail(): never {
  throw BAIL;
}

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj {
  if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== OBJECT_PROTO) bail();
  return v as Obj;
}

function str(v: unknown): string {
  if (typeof v !== 'string' || v.length === 0) bail();
  return v;
}

/** An optional field: absent is fine; present as `undefined` is left to zod. */
function absent(o: Obj, key: string, v: unknown): boolean {
  if (v !== undefined) return false;
  if (key in o) bail();
  return true;
}

function instant(v: unknown): Date {
  const ms = instantInputMs(v);
  if (Number.isNaN(ms)) bail();
  return new Date(ms);
}

function decimal(v: unknown): Decimal {
  if (typeof v !== 'string' && typeof v !== 'number') bail();
  const d = readWireDecimal(v);
  if ('code' in d) bail();
  return d;
}

function money(v: unknown): Money {
  const o = obj(v);
  const amount = decimal(o['amount']);
  const currency = o['currency'];
  if (!isCurrencyCode(currency)) bail();
  return { amount, currency };
}

/** `YYYY-MM-DD` of a real date: what `isPlainDate` accepts, read without a regex or a Date. */
function plainDate(v: unknown): string {
  if (typeof v !== 'string' || v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) bail();
  const year = digits(v, 0, 4);
  const month = digits(v, 5, 2);
  const day = digits(v, 8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1) bail();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (day > days) bail();
  return v;
}

function digits(s: string, from: number, n: number): number {
  let x = 0;
  for (let i = from; i < from + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    x = x * 10 + c;
  }
  return x;
}

const STATUS: Readonly<Record<string, Opportunity['status']>> = { __proto__: null, open: 'open', suspended: 'suspended', won: 'won', lost: 'lost' } as never;
const CATEGORY: Readonly<Record<string, NonNullable<Opportunity['forecastCategoryOverride']>>> = {
  __proto__: null,
  pipeline: 'pipeline',
  best_case: 'best_case',
  commit: 'commit',
  closed: 'closed',
  omitted: 'omitted',
} as never;
const MOVE: Readonly<Record<string, 'advance' | 'skip' | 'regress'>> = { __proto__: null, advance: 'advance', skip: 'skip', regress: 'regress' } as never;

function splits(v: unknown): Split[] {
  if (!Array.isArray(v)) bail();
  const out = new Array<Split>(v.length);
  for (let i = 0; i < v.length; i++) {
    const s = obj(v[i]);
    const ownerId = str(s['ownerId']);
    const bp = s['basisPoints'];
    if (typeof bp !== 'number' || !Number.isSafeInteger(bp) || bp < 0 || bp > 10_000) bail();
    out[i] = { ownerId, basisPoints: bp } as Split;
  }
  return out;
}

/** The keys zod's record reads (own, enumerable), or bail on a symbol or a refused key. */
function recordKeys(o: Obj): string[] {
  if (Object.getOwnPropertySymbols(o).length !== 0) bail();
  const keys = Object.keys(o);
  for (const k of keys) if (k.length === 0 || FORBIDDEN_KEYS.has(k)) bail();
  return keys;
}

function completedTasks(v: unknown): Opportunity['completedTasks'] {
  const o = obj(v);
  const out: Record<string, { at: Date; by?: string }> = {};
  for (const key of recordKeys(o)) {
    const r = obj(o[key]);
    const at = instant(r['at']);
    const by = r['by'];
    out[key] = absent(r, 'by', by) ? { at } : { at, by: str(by) };
  }
  return out as Opportunity['completedTasks'];
}

const NO_ISSUES = {
  issues: {
    push(): number {
      bail();
    },
  } as unknown as never[],
};

/**
 * Free-form attributes: a flat plain object of strings, finite numbers, booleans and
 * nulls is copied here (the common case); anything nested goes to the shared reader.
 */
function attributes(v: unknown): Attributes {
  if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== OBJECT_PROTO) return readAttributes(v, NO_ISSUES) ?? bail();
  const o = v as Obj;
  const out: Obj = {};
  for (const key of Object.keys(o)) {
    if (key.length === 0 || FORBIDDEN_KEYS.has(key)) bail();
    const x = o[key];
    if (typeof x === 'string' || typeof x === 'boolean' || x === null || (typeof x === 'number' && Number.isFinite(x))) out[key] = x;
    else return readAttributes(v, NO_ISSUES) ?? bail();
  }
  return out as Attributes;
}

function stageId(v: unknown, index: PipelineIndex | undefined): string {
  const s = str(v);
  // Share the pipeline's own string: thousands of deals then hold one copy of each id.
  return index?.byId.get(s)?.stage.id ?? s;
}

// Events are built as one object literal per type and combination of optional fields,
// so each gets its exact shape (as `JSON.parse` gives its own objects): an object grown
// property by property carries an extra backing store. Keys in the schema's order:
// type, seq, id?, at, by?, then the type's fields.

type Ev = OpportunityEvent;

function withoutBy(e: Obj, type: string, seq: number, at: Date, index: PipelineIndex | undefined): Ev {
  switch (type) {
    case 'created':
      return { type: 'created', seq, at, stageId: stageId(e['stageId'], index) } as Ev;
    case 'stage_changed': {
      const from = stageId(e['from'], index);
      const to = stageId(e['to'], index);
      const kind = move(e['kind']);
      const reason = e['reason'];
      return (absent(e, 'reason', reason) ? { type: 'stage_changed', seq, at, from, to, kind } : { type: 'stage_changed', seq, at, from, to, kind, reason: str(reason) }) as Ev;
    }
    case 'task_completed':
      return { type: 'task_completed', seq, at, taskId: taskId(e['taskId'], index) } as Ev;
    case 'task_reopened':
      return { type: 'task_reopened', seq, at, taskId: taskId(e['taskId'], index) } as Ev;
    case 'amount_changed':
      return { type: 'amount_changed', seq, at, from: money(e['from']), to: money(e['to']) } as Ev;
    case 'close_date_changed':
      return { type: 'close_date_changed', seq, at, from: nullableDate(e['from']), to: nullableDate(e['to']) } as Ev;
    case 'owner_changed':
      return { type: 'owner_changed', seq, at, from: str(e['from']), to: str(e['to']) } as Ev;
    case 'splits_changed': {
      const to = e['to'];
      return { type: 'splits_changed', seq, at, to: to === null ? null : splits(to) } as Ev;
    }
    case 'suspended': {
      const reason = e['reason'];
      return (absent(e, 'reason', reason) ? { type: 'suspended', seq, at } : { type: 'suspended', seq, at, reason: str(reason) }) as Ev;
    }
    case 'resumed':
      return { type: 'resumed', seq, at } as Ev;
    case 'won':
      return { type: 'won', seq, at, stageId: stageId(e['stageId'], index) } as Ev;
    case 'lost': {
      const id = stageId(e['stageId'], index);
      const reason = str(e['reason']);
      const competitor = e['competitor'];
      return (absent(e, 'competitor', competitor)
        ? { type: 'lost', seq, at, stageId: id, reason }
        : { type: 'lost', seq, at, stageId: id, reason, competitor: str(competitor) }) as Ev;
    }
    case 'reopened': {
      const id = stageId(e['stageId'], index);
      const reason = e['reason'];
      return (absent(e, 'reason', reason) ? { type: 'reopened', seq, at, stageId: id } : { type: 'reopened', seq, at, stageId: id, reason: str(reason) }) as Ev;
    }
    case 'probability_changed':
      return { type: 'probability_changed', seq, at, from: nullableProbability(e['from']), to: nullableProbability(e['to']) } as Ev;
    case 'forecast_category_changed':
      return { type: 'forecast_category_changed', seq, at, from: nullableCategory(e['from']), to: nullableCategory(e['to']) } as Ev;
    case 'activity_logged':
      return activity(e, { type: 'activity_logged', seq, at, kind: activityKind(e['kind']) });
    default:
      return bail();
  }
}

function withBy(e: Obj, type: string, seq: number, at: Date, by: string, index: PipelineIndex | undefined): Ev {
  switch (type) {
    case 'created':
      return { type: 'created', seq, at, by, stageId: stageId(e['stageId'], index) } as Ev;
    case 'stage_changed': {
      const from = stageId(e['from'], index);
      const to = stageId(e['to'], index);
      const kind = move(e['kind']);
      const reason = e['reason'];
      return (absent(e, 'reason', reason)
        ? { type: 'stage_changed', seq, at, by, from, to, kind }
        : { type: 'stage_changed', seq, at, by, from, to, kind, reason: str(reason) }) as Ev;
    }
    case 'task_completed':
      return { type: 'task_completed', seq, at, by, taskId: taskId(e['taskId'], index) } as Ev;
    case 'task_reopened':
      return { type: 'task_reopened', seq, at, by, taskId: taskId(e['taskId'], index) } as Ev;
    case 'amount_changed':
      return { type: 'amount_changed', seq, at, by, from: money(e['from']), to: money(e['to']) } as Ev;
    case 'close_date_changed':
      return { type: 'close_date_changed', seq, at, by, from: nullableDate(e['from']), to: nullableDate(e['to']) } as Ev;
    case 'owner_changed':
      return { type: 'owner_changed', seq, at, by, from: str(e['from']), to: str(e['to']) } as Ev;
    case 'splits_changed': {
      const to = e['to'];
      return { type: 'splits_changed', seq, at, by, to: to === null ? null : splits(to) } as Ev;
    }
    case 'suspended': {
      const reason = e['reason'];
      return (absent(e, 'reason', reason) ? { type: 'suspended', seq, at, by } : { type: 'suspended', seq, at, by, reason: str(reason) }) as Ev;
    }
    case 'resumed':
      return { type: 'resumed', seq, at, by } as Ev;
    case 'won':
      return { type: 'won', seq, at, by, stageId: stageId(e['stageId'], index) } as Ev;
    case 'lost': {
      const id = stageId(e['stageId'], index);
      const reason = str(e['reason']);
      const competitor = e['competitor'];
      return (absent(e, 'competitor', competitor)
        ? { type: 'lost', seq, at, by, stageId: id, reason }
        : { type: 'lost', seq, at, by, stageId: id, reason, competitor: str(competitor) }) as Ev;
    }
    case 'reopened': {
      const id = stageId(e['stageId'], index);
      const reason = e['reason'];
      return (absent(e, 'reason', reason) ? { type: 'reopened', seq, at, by, stageId: id } : { type: 'reopened', seq, at, by, stageId: id, reason: str(reason) }) as Ev;
    }
    case 'probability_changed':
      return { type: 'probability_changed', seq, at, by, from: nullableProbability(e['from']), to: nullableProbability(e['to']) } as Ev;
    case 'forecast_category_changed':
      return { type: 'forecast_category_changed', seq, at, by, from: nullableCategory(e['from']), to: nullableCategory(e['to']) } as Ev;
    case 'activity_logged':
      return activity(e, { type: 'activity_logged', seq, at, by, kind: activityKind(e['kind']) });
    default:
      return bail();
  }
}

const ACTIVITY: Readonly<Record<string, string>> = { __proto__: null, visit: 'visit', call: 'call', email: 'email', meeting: 'meeting', other: 'other' } as never;

function activityKind(v: unknown): string {
  const k = typeof v === 'string' ? ACTIVITY[v] : undefined;
  return k ?? bail();
}

/** The optional fields of an activity, appended in the schema's order. */
function activity(e: Obj, out: Record<string, unknown>): Ev {
  const contactId = e['contactId'];
  if (!absent(e, 'contactId', contactId)) out['contactId'] = eventId(contactId);
  const outcome = e['outcome'];
  if (!absent(e, 'outcome', outcome)) out['outcome'] = str(outcome);
  const cost = e['cost'];
  if (!absent(e, 'cost', cost)) out['cost'] = money(cost);
  const note = e['note'];
  if (!absent(e, 'note', note)) out['note'] = str(note);
  return out as unknown as Ev;
}

function nullableProbability(v: unknown): Decimal | null {
  if (v === null) return null;
  const d = decimal(v);
  if (!(d.gte(0) && d.lte(1))) bail();
  return d;
}

function nullableCategory(v: unknown): string | null {
  if (v === null) return null;
  const c = typeof v === 'string' ? CATEGORY[v] : undefined;
  return c ?? bail();
}

function move(v: unknown): 'advance' | 'skip' | 'regress' {
  const k = typeof v === 'string' ? MOVE[v] : undefined;
  return k ?? bail();
}

function nullableDate(v: unknown): string | null {
  return v === null ? null : plainDate(v);
}

function event(v: unknown, i: number, index: PipelineIndex | undefined): Ev {
  const e = obj(v);
  const type = e['type'];
  if (typeof type !== 'string') bail();
  const seqIn = e['seq'];
  let seq = i + 1;
  if (!absent(e, 'seq', seqIn)) {
    if (typeof seqIn !== 'number' || !Number.isSafeInteger(seqIn) || seqIn < 1) bail();
    seq = seqIn;
  }
  const idIn = e['id'];
  const at = instant(e['at']);
  const byIn = e['by'];
  const by = absent(e, 'by', byIn) ? undefined : str(byIn);
  const built = by === undefined ? withoutBy(e, type, seq, at, index) : withBy(e, type, seq, at, by, index);
  if (absent(e, 'id', idIn)) return built;
  // With a client id: the same fields with `id` after `seq` (rarer; built by copying).
  const { type: t, seq: s, ...rest } = built as Ev & Record<string, unknown>;
  return { type: t, seq: s, id: eventId(idIn), ...rest } as unknown as Ev;
}

function eventId(v: unknown): string {
  const s = str(v);
  if (s.length > 200) bail();
  return s;
}

function taskId(v: unknown, index: PipelineIndex | undefined): string {
  const s = str(v);
  return index?.tasks.get(s)?.task.id ?? s;
}

function history(v: unknown, index: PipelineIndex | undefined): OpportunityEvent[] {
  if (!Array.isArray(v)) bail();
  const n = v.length;
  const out = new Array<OpportunityEvent>(n);
  for (let i = 0; i < n; i++) out[i] = event(v[i], i, index);
  return out;
}

function opportunitySource(v: unknown): Record<string, string> {
  const o = obj(v);
  const out: Record<string, string> = {};
  const campaignId = o['campaignId'];
  if (!absent(o, 'campaignId', campaignId)) out['campaignId'] = eventId(campaignId);
  const channel = o['channel'];
  if (!absent(o, 'channel', channel)) out['channel'] = eventId(channel);
  return out;
}

/** An optional string field: `undefined` when absent. */
function optionalStr(o: Obj, key: string, v: unknown): string | undefined {
  return absent(o, key, v) ? undefined : str(v);
}

/**
 * The deal: every field read and converted first, then the object made with its keys
 * in the schema's order, absent fields left out. The usual shapes (any of
 * expectedCloseDate, region, closedAt and lossReason, none of the rarer optional
 * fields) are each one object literal, so V8 makes the object whole, every field inside
 * it, and, seeing that the deals of a big parse live on, can allocate them straight in
 * the old generation (allocation-site pretenuring), where the young-generation
 * collections do not copy them. An object grown key by key gets none of that: its keys
 * past the fifth go to a separate store, reallocated as it grows, and each added key is
 * a map transition. (A constructor called with `new` avoids those, but has no allocation
 * site to pretenure: measured slower on bench/parse.ts than these literals.) The other
 * shapes are grown, in the same order.
 */
function opportunity(input: unknown, index: PipelineIndex | undefined): Opportunity {
  const o = obj(input);
  const id = str(o['id']);
  const customerId = str(o['customerId']);
  const pipelineId = str(o['pipelineId']);
  const name = str(o['name']);
  const amount = money(o['amount']);
  const closeIn = o['expectedCloseDate'];
  const expectedCloseDate = absent(o, 'expectedCloseDate', closeIn) ? undefined : plainDate(closeIn);
  const region = optionalStr(o, 'region', o['region']);
  const stage = stageId(o['stageId'], index);
  const statusIn = o['status'];
  const status = statusIn === undefined ? 'open' : typeof statusIn === 'string' ? STATUS[statusIn] : undefined;
  if (status === undefined) bail();
  const probabilityIn = o['probabilityOverride'];
  let probabilityOverride: Decimal | undefined;
  if (!absent(o, 'probabilityOverride', probabilityIn)) {
    probabilityOverride = decimal(probabilityIn);
    if (!(probabilityOverride.gte(0) && probabilityOverride.lte(1))) bail();
  }
  const categoryIn = o['forecastCategoryOverride'];
  let forecastCategoryOverride: string | undefined;
  if (!absent(o, 'forecastCategoryOverride', categoryIn)) {
    forecastCategoryOverride = typeof categoryIn === 'string' ? CATEGORY[categoryIn] : undefined;
    if (forecastCategoryOverride === undefined) bail();
  }
  const ownerId = str(o['ownerId']);
  const splitsIn = o['splits'];
  const sp = absent(o, 'splits', splitsIn) ? undefined : splits(splitsIn);
  const tasks = o['completedTasks'];
  const done = tasks === undefined ? ({} as Opportunity['completedTasks']) : completedTasks(tasks);
  const closedIn = o['closedAt'];
  const closedAt = absent(o, 'closedAt', closedIn) ? undefined : instant(closedIn);
  const lossReason = optionalStr(o, 'lossReason', o['lossReason']);
  const competitor = optionalStr(o, 'competitor', o['competitor']);
  const sourceIn = o['source'];
  const source = absent(o, 'source', sourceIn) ? undefined : opportunitySource(sourceIn);
  const attrsIn = o['attributes'];
  const attrs = attrsIn === undefined ? ({} as Attributes) : attributes(attrsIn);
  const h = o['history'];
  const events = h === undefined ? [] : history(h, index);
  if (probabilityOverride === undefined && forecastCategoryOverride === undefined && sp === undefined && competitor === undefined && source === undefined) {
    const shape = (expectedCloseDate === undefined ? 0 : 8) | (region === undefined ? 0 : 4) | (closedAt === undefined ? 0 : 2) | (lossReason === undefined ? 0 : 1);
    switch (shape) {
      case 0:
        return { id, customerId, pipelineId, name, amount, stageId: stage, status, ownerId, completedTasks: done, attributes: attrs, history: events } as Opportunity;
      case 1:
        return { id, customerId, pipelineId, name, amount, stageId: stage, status, ownerId, completedTasks: done, lossReason, attributes: attrs, history: events } as Opportunity;
      case 2:
        return { id, customerId, pipelineId, name, amount, stageId: stage, status, ownerId, completedTasks: done, closedAt, attributes: attrs, history: events } as Opportunity;
      case 3:
        return { id, customerId, pipelineId, name, amount, stageId: stage, status, ownerId, completedTasks: done, closedAt, lossReason, attributes: attrs, history: events } as Opportunity;
      case 4:
        return { id, customerId, pipelineId, name, amount, region, stageId: stage, status, ownerId, completedTasks: done, attributes: attrs, history: events } as Opportunity;
      case 5:
        return { id, customerId, pipelineId, name, amount, region, stageId: stage, status, ownerId, completedTasks: done, lossReason, attributes: attrs, history: events } as Opportunity;
      case 6:
        return { id, customerId, pipelineId, name, amount, region, stageId: stage, status, ownerId, completedTasks: done, closedAt, attributes: attrs, history: events } as Opportunity;
      case 7:
        return { id, customerId, pipelineId, name, amount, region, stageId: stage, status, ownerId, completedTasks: done, closedAt, lossReason, attributes: attrs, history: events } as Opportunity;
      case 8:
        return { id, customerId, pipelineId, name, amount, expectedCloseDate, stageId: stage, status, ownerId, completedTasks: done, attributes: attrs, history: events } as Opportunity;
      case 9:
        return { id, customerId, pipelineId, name, amount, expectedCloseDate, stageId: stage, status, ownerId, completedTasks: done, lossReason, attributes: attrs, history: events } as Opportunity;
      case 10:
        return { id, customerId, pipelineId, name, amount, expectedCloseDate, stageId: stage, status, ownerId, completedTasks: done, closedAt, attributes: attrs, history: events } as Opportunity;
      case 11:
        return { id, customerId, pipelineId, name, amount, expectedCloseDate, stageId: stage, status, ownerId, completedTasks: done, closedAt, lossReason, attributes: attrs, history: events } as Opportunity;
      case 12:
        return { id, customerId, pipelineId, name, amount, expectedCloseDate, region, stageId: stage, status, ownerId, completedTasks: done, attributes: attrs, history: events } as Opportunity;
      case 13:
        return { id, customerId, pipelineId, name, amount, expectedCloseDate, region, stageId: stage, status, ownerId, completedTasks: done, lossReason, attributes: attrs, history: events } as Opportunity;
      case 14:
        return { id, customerId, pipelineId, name, amount, expectedCloseDate, region, stageId: stage, status, ownerId, completedTasks: done, closedAt, attributes: attrs, history: events } as Opportunity;
      case 15:
        return { id, customerId, pipelineId, name, amount, expectedCloseDate, region, stageId: stage, status, ownerId, completedTasks: done, closedAt, lossReason, attributes: attrs, history: events } as Opportunity;
    }
  }
  const out: Obj = { id, customerId, pipelineId, name, amount };
  if (expectedCloseDate !== undefined) out['expectedCloseDate'] = expectedCloseDate;
  if (region !== undefined) out['region'] = region;
  out['stageId'] = stage;
  out['status'] = status;
  if (probabilityOverride !== undefined) out['probabilityOverride'] = probabilityOverride;
  if (forecastCategoryOverride !== undefined) out['forecastCategoryOverride'] = forecastCategoryOverride;
  out['ownerId'] = ownerId;
  if (sp !== undefined) out['splits'] = sp;
  out['completedTasks'] = done;
  if (closedAt !== undefined) out['closedAt'] = closedAt;
  if (lossReason !== undefined) out['lossReason'] = lossReason;
  if (competitor !== undefined) out['competitor'] = competitor;
  if (source !== undefined) out['source'] = source;
  out['attributes'] = attrs;
  out['history'] = events;
  return out as Opportunity;
}

/**
 * The opportunity zod would return for `input`, when `input` is plainly valid in
 * structure; `undefined` otherwise (zod then decides). Cross-field rules are not
 * checked here.
 */
export function fastOpportunity(input: unknown, index: PipelineIndex | undefined): Opportunity | undefined {
  try {
    return opportunity(input, index);
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}

/**
 * The event zod would return for one wire event (`{ type, seq, id?, at, by?, ... }`),
 * when it is plainly valid in structure; `undefined` otherwise (zod then decides). Used
 * by the column readers for the events whose values the columns note.
 */
export function fastEvent(input: unknown, index: PipelineIndex | undefined): OpportunityEvent | undefined {
  try {
    return event(input, 0, index);
  } catch (e) {
    if (e === BAIL) return undefined;
    throw e;
  }
}
