import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateTransition, logActivity, parseCustomer, parsePipeline, serializePipeline, type BuyingRole, type FunnelIssue } from '../../src/index.js';
import { opportunityArb, pipelineArb } from '../../src/testing/index.js';
import { commandArb, lastAt } from './_model.js';

const ROLES: readonly BuyingRole[] = ['decision_maker', 'technical_evaluator', 'purchaser', 'user'];

const customer = parseCustomer({
  id: 'c-1',
  name: '华东机械',
  contacts: [
    { id: 'ct-wang', name: '王总', role: 'decision_maker' },
    { id: 'ct-li', name: '李工', role: 'technical_evaluator' },
    { id: 'ct-zhao', name: '赵经理', role: 'purchaser' },
  ],
});

// A generated pipeline whose open stages each also ask to have met a contact of some role.
const arb = pipelineArb({ checks: ['manual', 'field'] }).chain((base) =>
  fc.array(fc.constantFrom(...ROLES), { minLength: base.stages.length, maxLength: base.stages.length }).chain((roles) => {
    const json = serializePipeline(base);
    const pipeline = parsePipeline({
      ...json,
      stages: json.stages.map((s, i) =>
        s.kind === 'open' ? { ...s, keyTasks: [...(s.keyTasks ?? []), { id: `meet-${i}`, title: `拜访 ${roles[i]}`, check: { kind: 'contact_met', role: roles[i]! } }] } : s,
      ),
    });
    return fc.record({
      pipeline: fc.constant(pipeline),
      deal: opportunityArb({ pipeline, customers: ['c-1'], startAnywhere: true, maxSteps: 12 }),
      command: commandArb(pipeline),
      contactId: fc.constantFrom('ct-wang', 'ct-li', 'ct-zhao'),
    });
  }),
);

const key = (i: FunnelIssue) => `${i.code}|${i.stageId ?? ''}|${i.taskId ?? ''}|${JSON.stringify(i.params)}`;

describe('contact_met laws', () => {
  it('logging an activity never adds an issue to any command, and meets every task of its contact’s role', () => {
    let gated = 0;
    fc.assert(
      fc.property(arb, ({ pipeline, deal, command, contactId }) => {
        const at = new Date(lastAt(deal) + 3_600_000);
        const r = logActivity(deal, { kind: 'visit', contactId }, { at, customer });
        if (!r.ok) throw new Error(JSON.stringify(r.issues));
        const before = evaluateTransition(deal, pipeline, command, { at, customer });
        if (before.some((i) => i.code === 'contact_not_met')) gated++;
        const was = new Set(before.map(key));
        const now = evaluateTransition(r.opportunity, pipeline, command, { at, customer });
        for (const i of now) expect(was.has(key(i)), `new issue ${key(i)}`).toBe(true);
        const role = customer.contacts.find((c) => c.id === contactId)!.role;
        expect(now.some((i) => i.code === 'contact_not_met' && i.params.role === role)).toBe(false);
        // Without the customer, the engine never claims a contact_met task is met or unmet.
        expect(evaluateTransition(r.opportunity, pipeline, command, { at }).some((i) => i.code === 'contact_not_met')).toBe(false);
      }),
      { numRuns: 150 },
    );
    expect(gated).toBeGreaterThan(3);
  });
});
