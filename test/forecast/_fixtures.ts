import { parseCustomer, parseOpportunity, parsePipeline, type Opportunity, type OpportunityJson } from '../../src/index.js';

/**
 * A small pipeline: lead 10 %, qualify 25 %, proposal 50 % (best case),
 * negotiate 75 % (commit), won, lost.
 */
export const pipeline = parsePipeline({
  id: 'direct',
  name: 'Direct sales',
  currency: 'CNY',
  stages: [
    { id: 'lead', name: '线索', kind: 'open', probability: '0.1' },
    { id: 'qualify', name: '需求确认', kind: 'open', probability: '0.25' },
    { id: 'proposal', name: '方案提出', kind: 'open', probability: '0.5', forecastCategory: 'best_case' },
    { id: 'negotiate', name: '商务洽谈', kind: 'open', probability: '0.75', forecastCategory: 'commit' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
});

let n = 0;

/** Wire fields of a test deal, with plain strings for amounts and dates. */
export type DealInput = Omit<Partial<OpportunityJson>, 'amount' | 'expectedCloseDate'> & {
  readonly stageId: string;
  readonly amount?: string | { readonly amount: string; readonly currency: string };
  readonly expectedCloseDate?: string;
};

/** A parsed deal of {@link pipeline}; `status` follows the stage unless given. */
export function deal(fields: DealInput): Opportunity {
  n += 1;
  const { amount, ...rest } = fields;
  const status = fields.status ?? (fields.stageId === 'won' ? 'won' : fields.stageId === 'lost' ? 'lost' : 'open');
  return parseOpportunity({
    id: `o-${n}`,
    customerId: 'c-1',
    pipelineId: 'direct',
    name: `Deal ${n}`,
    ownerId: 'rep-li',
    ...rest,
    status,
    amount: typeof amount === 'string' || amount === undefined ? { amount: amount ?? '100', currency: 'CNY' } : amount,
    ...(status === 'lost' && fields.lossReason === undefined ? { lossReason: '价格过高' } : {}),
    // Forecasts read a deal's fields, not its ledger: most test deals have none.
  }, { allowEmptyHistory: true });
}

export const customers = [
  parseCustomer({ id: 'c-new', name: '新客户', segment: 'new', priority: 'high' }),
  parseCustomer({ id: 'c-old', name: '老客户', segment: 'existing', priority: 'low' }),
];

/** A deep, comparable snapshot of plain data containing Decimals and Dates. */
export function snapshot(value: unknown): string {
  return JSON.stringify(value);
}
