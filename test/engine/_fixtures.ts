// Shared fixtures for the engine tests (not a test file: vitest only runs *.test.ts).
import { parseOpportunity, parsePipeline, type Opportunity, type OpportunityJson, type Pipeline, type PipelineJson } from '../../src/index.js';

/** A four-stage pipeline with every kind of key task. */
export const pipelineJson: PipelineJson = {
  id: 'direct',
  name: 'Direct sales',
  currency: 'CNY',
  stages: [
    {
      id: 'lead',
      name: 'Lead',
      kind: 'open',
      probability: '0.1',
      keyTasks: [
        { id: 'contact', title: 'Make first contact' },
        { id: 'research', title: 'Research the account', required: false },
      ],
    },
    {
      id: 'qualify',
      name: 'Qualify',
      kind: 'open',
      probability: '0.25',
      keyTasks: [
        { id: 'budget', title: 'Confirm the budget' },
        { id: 'closeDate', title: 'Set an expected close date', check: { kind: 'field', field: 'expectedCloseDate', rule: { op: 'present' } } },
      ],
    },
    {
      id: 'proposal',
      name: 'Proposal',
      kind: 'open',
      probability: '0.5',
      keyTasks: [
        { id: 'credit', title: 'Pass the credit check', check: { kind: 'guard', name: 'creditApproved' } },
        { id: 'submit', title: 'Submit the proposal' },
      ],
    },
    {
      id: 'negotiation',
      name: 'Negotiation',
      kind: 'open',
      probability: '0.75',
      keyTasks: [
        { id: 'bigEnough', title: 'Quote at least 100000', check: { kind: 'field', field: 'amount', rule: { op: 'gte', value: '100000' } } },
        { id: 'decisionMaker', title: 'Name the decision maker', check: { kind: 'field', field: 'attributes.decisionMaker', rule: { op: 'present' } } },
      ],
    },
    { id: 'won', name: 'Won', kind: 'won', probability: 1 },
    { id: 'lost', name: 'Lost', kind: 'lost', probability: 0 },
    { id: 'noDecision', name: 'No decision', kind: 'lost', probability: 0 },
  ],
};

/** The fixture pipeline, optionally with other policies. */
export function makePipeline(policy: Partial<Pipeline['policy']> = {}): Pipeline {
  return parsePipeline({ ...pipelineJson, policy: { skip: 'gates', backward: 'allow', probabilityOnStageChange: 'reset', ...policy } });
}

export const CREATED = '2026-03-01T01:00:00.000Z';

/** A deal created in `lead` at CREATED, amount 250 000 CNY; `extra` overrides JSON fields. */
export function makeDeal(extra: { readonly [K in keyof OpportunityJson]?: unknown } = {}): Opportunity {
  return parseOpportunity({
    id: 'deal-1',
    customerId: 'acme',
    pipelineId: 'direct',
    name: 'ERP rollout',
    amount: { amount: '250000', currency: 'CNY' },
    stageId: 'lead',
    ownerId: 'rep-zhang',
    history: [{ type: 'created', at: CREATED, stageId: 'lead' }],
    ...extra,
  });
}

/** `n` hours after CREATED. */
export function hours(n: number): Date {
  return new Date(new Date(CREATED).getTime() + n * 3_600_000);
}

/**
 * A deep snapshot of any inputs (Decimals and Dates render through their toJSON), to
 * prove they are never mutated; works on invalid deals too.
 */
export function snapshot(...values: unknown[]): string {
  return JSON.stringify(values);
}

/** The FunnelError `f` throws (shared with the other areas' tests). */
export { thrown } from '../_errors.js';

/**
 * A caller's value that throws `error` the moment anything reads it (any property, its
 * `toString`, its `valueOf`): the engine must let that error through as it is.
 */
export function throwingOnRead(error: Error): object {
  return new Proxy(
    {},
    {
      get() {
        throw error;
      },
    },
  );
}

/** Whatever `f` throws (no throw fails the test). */
export function thrownValue(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}
