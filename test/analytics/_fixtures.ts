// Shared fixtures for the analytics tests: a hand-checkable pipeline and a tiny ledger DSL.
import fc from 'fast-check';
import { parseOpportunity, parsePipeline, type Opportunity, type OpportunityEvent, type OpportunityJson, type Pipeline } from '../../src/index.js';
import { opportunityArb, pipelineArb } from '../../src/testing/index.js';

/** Day 0 of every golden ledger. */
export const T0 = Date.parse('2026-01-01T00:00:00Z');
/** The instant `d` days after day 0. */
export const day = (d: number): Date => new Date(T0 + d * 86_400_000);

/**
 * The golden pipeline: four open stages (probabilities 0.1 / 0.3 / 0.5 / 0.7; stall
 * thresholds 14 / 20 / none / 10 days), one won and one lost stage.
 */
export const pipeline: Pipeline = parsePipeline({
  id: 'direct',
  name: '直销',
  currency: 'CNY',
  stages: [
    { id: 'lead', name: '初步接触', kind: 'open', probability: '0.1', stallAfterDays: 14 },
    { id: 'need', name: '需求确认', kind: 'open', probability: '0.3', stallAfterDays: 20 },
    { id: 'proposal', name: '方案提出', kind: 'open', probability: '0.5' },
    { id: 'quote', name: '报价洽谈', kind: 'open', probability: '0.7', stallAfterDays: 10 },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});

/** Ledger steps: `[kind, day, ...args]`. */
export type Step =
  | readonly ['created', number, string]
  | readonly ['move', number, string]
  | readonly ['move', number, string, string] // import: move from an explicit stage
  | readonly ['won', number]
  | readonly ['lost', number]
  | readonly ['suspend', number]
  | readonly ['resume', number]
  | readonly ['reopen', number, string]
  | readonly ['amount', number, string]
  | readonly ['close', number, string | null]
  | readonly ['task', number];

export interface DealExtra {
  readonly amount?: string;
  readonly closeDate?: string;
  readonly override?: string;
  readonly owner?: string;
  readonly region?: string;
  readonly pipeline?: Pipeline;
}

/** Builds a valid opportunity from ledger steps, checked by the library's own schema. */
export function deal(id: string, steps: readonly Step[], extra: DealExtra = {}): Opportunity {
  return parseOpportunity(dealJson(id, steps, extra), { pipeline: extra.pipeline ?? pipeline });
}

/** The deals with a follow-up call logged on each of the given days (days from 2026-01-01), in time order. */
export function withActivities(deals: readonly Opportunity[], days: Readonly<Record<string, readonly number[]>>): Opportunity[] {
  return deals.map((o) => {
    const add = days[o.id] ?? [];
    if (add.length === 0) return o;
    const extra = add.map((d): OpportunityEvent => ({ type: 'activity_logged', seq: 0, at: day(d), kind: 'call' }));
    // A stable sort: an activity goes after the events of the same instant.
    const history = [...o.history, ...extra].sort((a, b) => a.at.getTime() - b.at.getTime()).map((e, i) => ({ ...e, seq: i + 1 }));
    return { ...o, history };
  });
}

/**
 * An opportunity from ledger steps that the parser's ledger check refuses (a
 * `stage_changed` into a won or lost stage, a `created` in a won stage), as data
 * imported around the parser would hold it: the analytics still read such ledgers.
 */
export function uncheckedDeal(id: string, steps: readonly Step[], extra: DealExtra = {}): Opportunity {
  const json = dealJson(id, steps, extra) as unknown as { history: Array<{ at: string }>; stageId: string; status: string };
  const base = deal(id, [['created', 0, 'lead']], extra);
  const history = json.history.map((e, i) => ({ ...e, seq: i + 1, at: new Date(e.at) }));
  return { ...base, stageId: json.stageId, status: json.status, history } as unknown as Opportunity;
}

function dealJson(id: string, steps: readonly Step[], extra: DealExtra): OpportunityJson {
  const p = extra.pipeline ?? pipeline;
  const open = p.stages.filter((s) => s.kind === 'open').map((s) => s.id as string);
  const wonId = p.stages.find((s) => s.kind === 'won')!.id as string;
  const lostId = p.stages.find((s) => s.kind === 'lost')!.id as string;
  let stage: string | undefined;
  let status: 'open' | 'suspended' | 'won' | 'lost' = 'open';
  let amount = extra.amount ?? '100000';
  let closeDate: string | null = extra.closeDate ?? null;
  const history: unknown[] = [];
  for (const s of steps) {
    const at = day(s[1]).toISOString();
    switch (s[0]) {
      case 'created':
        history.push({ type: 'created', at, stageId: s[2] });
        stage = s[2];
        if (stage === wonId) status = 'won';
        else if (stage === lostId) status = 'lost';
        break;
      case 'move': {
        const from = s.length === 4 ? s[3] : (stage as string);
        const to = s[2];
        const kind = open.indexOf(to) < open.indexOf(from) ? 'regress' : open.indexOf(to) === open.indexOf(from) + 1 ? 'advance' : 'skip';
        history.push({ type: 'stage_changed', at, from, to, kind, ...(kind === 'regress' ? { reason: '客户重新评估' } : {}) });
        stage = to;
        if (to === wonId) status = 'won';
        else if (to === lostId) status = 'lost';
        break;
      }
      case 'won':
        history.push({ type: 'won', at, stageId: wonId });
        stage = wonId;
        status = 'won';
        break;
      case 'lost':
        history.push({ type: 'lost', at, stageId: lostId, reason: '价格过高' });
        stage = lostId;
        status = 'lost';
        break;
      case 'suspend':
        history.push({ type: 'suspended', at, reason: '预算冻结' });
        status = 'suspended';
        break;
      case 'resume':
        history.push({ type: 'resumed', at });
        status = 'open';
        break;
      case 'reopen':
        history.push({ type: 'reopened', at, stageId: s[2] });
        stage = s[2];
        status = 'open';
        break;
      case 'amount':
        history.push({ type: 'amount_changed', at, from: { amount, currency: p.currency }, to: { amount: s[2], currency: p.currency } });
        amount = s[2];
        break;
      case 'close':
        history.push({ type: 'close_date_changed', at, from: closeDate, to: s[2] });
        closeDate = s[2];
        break;
      case 'task':
        break;
    }
  }
  const json = {
    id,
    customerId: 'c-1',
    pipelineId: p.id,
    name: `Deal ${id}`,
    amount: { amount, currency: p.currency },
    stageId: stage ?? (open[0] as string),
    status,
    ownerId: extra.owner ?? 'rep-zhang',
    ...(closeDate === null ? {} : { expectedCloseDate: closeDate }),
    ...(extra.override === undefined ? {} : { probabilityOverride: extra.override }),
    ...(extra.region === undefined ? {} : { region: extra.region }),
    history,
  } as unknown as OpportunityJson;
  return json;
}

/**
 * The golden ledgers (days from 2026-01-01; asOf for most tests is day 40):
 *
 * - d1: lead d0 → need d5 → proposal d12 → quote d20 → won d30.          1 000 000
 * - d2: lead d1 → need d10 → lost d15.                                       200 000
 * - d3: lead d2 → proposal d6 (skips need); still in proposal.               300 000, close 2026-01-31
 * - d4: lead d3 → need d8 → proposal d14 → back to need d18; still in need.  400 000 → 450 000 at d30
 * - d5: lead d4, suspended d6, resumed d16, → need d20; still in need.       500 000, override 0.5
 * - d6: lead d35; still in lead.                                              60 000, no close date
 * - d7: import without `created`: need → proposal d7 (first event), lost d25. 700 000
 * - d8: lead d10 → need d12, suspended d15, resumed d35; still in need.      800 000
 * - d9: lead d11 → need d13, suspended d30; still suspended in need.         900 000
 */
export function goldenDeals(): Opportunity[] {
  return [
    deal('d1', [['created', 0, 'lead'], ['move', 5, 'need'], ['move', 12, 'proposal'], ['move', 20, 'quote'], ['won', 30]], { amount: '1000000', region: '华东' }),
    deal('d2', [['created', 1, 'lead'], ['move', 10, 'need'], ['lost', 15]], { amount: '200000', region: '华北' }),
    deal('d3', [['created', 2, 'lead'], ['close', 2, '2026-01-31'], ['move', 6, 'proposal']], { amount: '300000', region: '华东' }),
    deal('d4', [['created', 3, 'lead'], ['close', 3, '2026-03-15'], ['move', 8, 'need'], ['move', 14, 'proposal'], ['move', 18, 'need'], ['close', 25, '2026-04-20'], ['amount', 30, '450000']], { amount: '400000', region: '华北' }),
    deal('d5', [['created', 4, 'lead'], ['suspend', 6], ['close', 8, '2026-02-10'], ['close', 10, '2026-02-20'], ['resume', 16], ['move', 20, 'need'], ['close', 20, '2026-03-01']], { amount: '500000', override: '0.5', region: '华东' }),
    deal('d6', [['created', 35, 'lead']], { amount: '60000' }),
    deal('d7', [['move', 7, 'proposal', 'need'], ['lost', 25]], { amount: '700000', region: '华北' }),
    deal('d8', [['created', 10, 'lead'], ['close', 10, '2026-03-01'], ['move', 12, 'need'], ['close', 12, '2026-03-20'], ['suspend', 15], ['resume', 35]], { amount: '800000', region: '华东', owner: 'rep-li' }),
    deal('d9', [['created', 11, 'lead'], ['close', 11, '2026-03-31'], ['move', 13, 'need'], ['suspend', 30]], { amount: '900000', region: '华北', owner: 'rep-li' }),
  ];
}

/** A deep, structure-preserving copy good enough to compare inputs before/after (Dates and Decimals compared by value). */
export function snapshotOf(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'object' && v !== null && 'd' in v && 'e' in v && 's' in v ? `Decimal(${String(v)})` : v));
}

/** A generated pipeline with a list of generated deals (unique ids; some imported without `created`). */
export const dealsArb = (maxDeals = 25) =>
  pipelineArb({ minOpenStages: 2, maxOpenStages: 5 }).chain((p) =>
    fc
      .array(fc.tuple(opportunityArb({ pipeline: p, startAnywhere: true, maxSteps: 10, from: '2025-06-01', to: '2026-03-31' }), fc.boolean()), { maxLength: maxDeals })
      .map((list) => ({
        pipeline: p,
        deals: list.map(([o, asImport], i) => {
          const id = `o-${i}` as Opportunity['id'];
          const history = asImport && o.history.some((e) => e.type === 'stage_changed') ? o.history.filter((e) => e.type !== 'created') : o.history;
          return { ...o, id, history };
        }),
      })),
  );

/** The keys of a grouped result's groups, each joined with ' / ' (one-key groupings give the key itself). */
export const groupKeys = (r: { readonly groups: ReadonlyArray<{ readonly key: readonly string[] }> }): string[] => r.groups.map((g) => g.key.join(' / '));

/** The value of the group whose key (joined with ' / ') is `key`; throws when there is none. */
export function groupValue<T>(r: { readonly groups: ReadonlyArray<{ readonly key: readonly string[]; readonly value: T }> }, key: string): T {
  const g = r.groups.find((x) => x.key.join(' / ') === key);
  if (g === undefined) throw new Error(`no group ${key} in ${groupKeys(r).join(', ')}`);
  return g.value;
}
