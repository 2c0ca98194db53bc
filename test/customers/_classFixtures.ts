// Fixtures of the qualification and classification tests (scoreCustomers, classifyABCD,
// reclassify): a small pipeline, deal and customer builders.
import { parseCustomer, parseOpportunity, parsePipeline, type Customer, type CustomerJson, type Opportunity, type OpportunityJson } from '../../src/index.js';

/** lead 10 %, qualify 25 %, negotiate 75 %, won, lost. */
export const pipeline = parsePipeline({
  id: 'direct',
  name: '直销漏斗',
  currency: 'CNY',
  stages: [
    { id: 'lead', name: '线索', kind: 'open', probability: '0.1' },
    { id: 'qualify', name: '需求确认', kind: 'open', probability: '0.25' },
    { id: 'negotiate', name: '商务洽谈', kind: 'open', probability: '0.75' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});

let n = 0;

/** Wire fields of a test deal, with plain strings for amounts and dates. */
export type DealInput = Omit<Partial<OpportunityJson>, 'amount' | 'expectedCloseDate'> & {
  readonly customerId: string;
  readonly amount?: string | { readonly amount: string; readonly currency: string };
  readonly expectedCloseDate?: string;
};

/** A parsed open deal of {@link pipeline} in `qualify` unless told otherwise; `status` follows the stage. */
export function deal(fields: DealInput): Opportunity {
  n += 1;
  const { amount, ...rest } = fields;
  const stageId = fields.stageId ?? 'qualify';
  const status = fields.status ?? (stageId === 'won' ? 'won' : stageId === 'lost' ? 'lost' : 'open');
  return parseOpportunity(
    {
      id: `o-${n}`,
      pipelineId: 'direct',
      name: `商机 ${n}`,
      ownerId: 'rep-li',
      ...rest,
      stageId,
      status,
      amount: typeof amount === 'string' || amount === undefined ? { amount: amount ?? '100', currency: 'CNY' } : amount,
      ...(status === 'lost' && fields.lossReason === undefined ? { lossReason: '价格过高' } : {}),
      ...(status === 'won' || status === 'lost' ? { closedAt: '2026-03-01T00:00:00Z' } : {}),
    },
    { allowEmptyHistory: true },
  );
}

/** A parsed customer; `name` defaults to its id. */
export function customer(id: string, fields: Omit<Partial<CustomerJson>, 'id'> = {}): Customer {
  return parseCustomer({ name: id, ...fields, id });
}

/** A deep, comparable snapshot of plain data containing Decimals and Dates. */
export function snapshot(value: unknown): string {
  return JSON.stringify(value);
}
