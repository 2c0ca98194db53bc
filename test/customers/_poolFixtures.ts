// Fixtures of the customer-pool tests (not a test file): customers built from a few
// ledger events, on Beijing time.
import { parseCustomer, parseOpportunity, parsePipeline, type Customer, type CustomerEventJson, type Opportunity } from '../../src/index.js';

/** Beijing time: the goldens are dates there. */
export const BEIJING = { timeZone: 'Asia/Shanghai' } as const;

/** 09:00 in Beijing on a `YYYY-MM-DD` day. */
export function at(day: string, time = '09:00'): string {
  return `${day}T${time}:00+08:00`;
}

/** A claim by `ownerId` on `day`. */
export function claimed(day: string, ownerId = 'rep-li'): CustomerEventJson {
  return { type: 'claimed', at: at(day), ownerId };
}

/** A visit on `day`. */
export function visit(day: string, time = '15:00'): CustomerEventJson {
  return { type: 'activity_logged', at: at(day, time), kind: 'visit' };
}

/** A customer whose owner follows its ledger (the last claim or assignment, none after a release or reclaim). */
export function customer(id: string, history: readonly CustomerEventJson[], extra: Record<string, unknown> = {}): Customer {
  let ownerId: string | undefined;
  for (const e of history) {
    if (e.type === 'claimed' || e.type === 'assigned') ownerId = e.ownerId;
    if (e.type === 'released' || e.type === 'reclaimed') ownerId = undefined;
  }
  return parseCustomer({ id, name: `客户 ${id}`, ...(ownerId === undefined ? {} : { ownerId }), history, ...extra });
}

/** The pipeline of the deals in the closeWithinDays goldens. */
export const pipeline = parsePipeline({
  id: 'direct',
  name: '直销',
  currency: 'CNY',
  stages: [
    { id: 'lead', name: '线索', kind: 'open', probability: '0.1' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});

/** A deal of `customerId` created on `created` and, with `wonOn`, won that day. */
export function deal(id: string, customerId: string, created: string, wonOn?: string): Opportunity {
  return parseOpportunity(
    {
      id,
      customerId,
      pipelineId: 'direct',
      name: `商机 ${id}`,
      ownerId: 'rep-li',
      amount: { amount: '100000', currency: 'CNY' },
      stageId: wonOn === undefined ? 'lead' : 'won',
      status: wonOn === undefined ? 'open' : 'won',
      ...(wonOn === undefined ? {} : { closedAt: at(wonOn, '16:00') }),
      history: [
        { type: 'created', at: at(created), stageId: 'lead' },
        ...(wonOn === undefined ? [] : [{ type: 'won', at: at(wonOn, '16:00'), stageId: 'won' }]),
      ],
    },
    { pipeline },
  );
}
