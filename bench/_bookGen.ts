// The seeded book of the big-book benchmarks (bench/sql.ts, bench/bigBooks.ts,
// bench/streamMemory.ts): deal i is a valid deal (its fields agree with its ledger), a pure
// function of (SEED, i), about 5 ledger events each, 50 owners, 4 regions, 10 % split
// deals, 20 % probability overrides; one pipeline of 5 open stages.
import { mulberry32Next, mulberry32Output, UINT32_RANGE } from '../src/_lib/random.js';
import {
  Decimal,
  parsePipeline,
  type Money,
  type Opportunity,
  type OpportunityEvent,
  type OpportunityEventDraft,
  type Pipeline,
  type StageId,
  type UserId,
} from '../src/index.js';

export const SEED = 20260415;

export const pipeline: Pipeline = parsePipeline({
  id: 'p',
  name: 'Bench',
  currency: 'CNY',
  stages: [
    { id: 's0', name: '初步接触', kind: 'open', probability: '0.05', stallAfterDays: 30 },
    { id: 's1', name: '需求确认', kind: 'open', probability: '0.2', stallAfterDays: 45 },
    { id: 's2', name: '方案提出', kind: 'open', probability: '0.4' },
    { id: 's3', name: '报价洽谈', kind: 'open', probability: '0.6', stallAfterDays: 30 },
    { id: 's4', name: '合同审批', kind: 'open', probability: '0.8' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});
export const OPEN = 5;
export const STAGES = ['s0', 's1', 's2', 's3', 's4'] as StageId[];
export const OWNERS = Array.from({ length: 50 }, (_, i) => `rep-${String(i).padStart(2, '0')}` as UserId);
const REGIONS = ['华东', '华北', '华南', '西南'];
const AMOUNTS: Money[] = Array.from({ length: 1024 }, (_, k) => ({ amount: new Decimal(10_000 + k * 997).plus(new Decimal(k % 100).div(100)), currency: 'CNY' }));
const OVERRIDES = [new Decimal('0.15'), new Decimal('0.35'), new Decimal('0.5'), new Decimal('0.9')];
export const BASE_S = Date.UTC(2025, 0, 1) / 1000;
const SPAN_S = 546 * 86_400;
const DAY_S = 86_400;
export const FROM = new Date(Date.UTC(2025, 6, 1));
export const TO = new Date(Date.UTC(2026, 0, 1));
export const AS_OF = new Date(Date.UTC(2026, 2, 31));

let state = 0;
let t = 0;
function u(): number {
  state = mulberry32Next(state);
  return mulberry32Output(state) / UINT32_RANGE;
}
const at = () => new Date(t * 1000);
const day = (s: number) => new Date(s * 1000).toISOString().slice(0, 10);

/** Deal i: a valid deal (its fields agree with its ledger), a pure function of (SEED, i). */
export function makeDeal(i: number): Opportunity {
  state = (SEED + Math.imul(i, 0x9e3779b9)) | 0;
  t = BASE_S + Math.floor(u() * SPAN_S);
  const history: OpportunityEventDraft[] = [{ type: 'created', at: at(), stageId: STAGES[0]! }];
  let stage = 0;
  let closed: 'won' | 'lost' | undefined;
  let suspended = false;
  let closeDate: string | undefined;
  const steps = 3 + Math.floor(u() * 4);
  for (let s = 0; s < steps; s++) {
    t += DAY_S + Math.floor(u() * 39 * DAY_S);
    if (suspended) {
      history.push({ type: 'resumed', at: at() });
      suspended = false;
      continue;
    }
    const r = u();
    if (r < 0.5 && stage < OPEN - 1) {
      history.push({ type: 'stage_changed', at: at(), from: STAGES[stage]!, to: STAGES[stage + 1]!, kind: 'advance' });
      stage++;
    } else if (r < 0.57 && stage < OPEN - 2) {
      const to = stage + 2 + Math.floor(u() * (OPEN - stage - 2));
      history.push({ type: 'stage_changed', at: at(), from: STAGES[stage]!, to: STAGES[to]!, kind: 'skip' });
      stage = to;
    } else if (r < 0.64 && stage > 0) {
      const to = Math.floor(u() * stage);
      history.push({ type: 'stage_changed', at: at(), from: STAGES[stage]!, to: STAGES[to]!, kind: 'regress', reason: '重新评估' });
      stage = to;
    } else if (r < 0.69) {
      history.push({ type: 'suspended', at: at() });
      suspended = true;
    } else if (r < 0.84) {
      const next = day(t + (30 + Math.floor(u() * 120)) * DAY_S);
      history.push({ type: 'close_date_changed', at: at(), from: (closeDate ?? null) as never, to: next as never });
      closeDate = next;
    } else if (r < 0.92) {
      history.push({ type: 'lost', at: at(), stageId: 'lost' as StageId, reason: '价格过高' });
      closed = 'lost';
      break;
    } else {
      history.push({ type: 'won', at: at(), stageId: 'won' as StageId });
      closed = 'won';
      break;
    }
  }
  const closedAt = closed === undefined ? undefined : history[history.length - 1]!.at;
  const owner = OWNERS[Math.floor(u() * OWNERS.length)]!;
  const split = u() < 0.1 ? [{ ownerId: owner, basisPoints: 6000 }, { ownerId: OWNERS[(OWNERS.indexOf(owner) + 1) % OWNERS.length]!, basisPoints: 4000 }] : undefined;
  const override = closed === undefined && u() < 0.2 ? OVERRIDES[Math.floor(u() * OVERRIDES.length)] : undefined;
  return {
    id: `o-${i}`,
    customerId: `c-${i % 20_000}`,
    pipelineId: 'p',
    name: 'deal',
    amount: AMOUNTS[Math.floor(u() * AMOUNTS.length)]!,
    ...(closeDate === undefined ? {} : { expectedCloseDate: closeDate }),
    region: REGIONS[Math.floor(u() * REGIONS.length)]!,
    stageId: closed === 'won' ? 'won' : closed === 'lost' ? 'lost' : STAGES[stage]!,
    status: closed ?? (suspended ? 'suspended' : 'open'),
    ...(override === undefined ? {} : { probabilityOverride: override }),
    ownerId: owner,
    ...(split === undefined ? {} : { splits: split }),
    completedTasks: {},
    ...(closedAt === undefined ? {} : { closedAt }),
    ...(closed === 'lost' ? { lossReason: '价格过高' } : {}),
    attributes: {},
    history: history.map((e, k) => ({ ...e, seq: k + 1 }) as OpportunityEvent),
  } as unknown as Opportunity;
}

