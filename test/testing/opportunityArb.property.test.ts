import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pipeline } from '../../src/index.js';
import { instantArb, opportunityArb, pipelineArb, type OpportunityConstraints } from '../../src/testing/index.js';
import { expectInvalidOption } from './_badConstraint.js';
import { expectLawfulDeal } from './_ledgerLaws.js';

const share = fc.double({ min: 0, max: 1, noNaN: true });

/** A pipeline, a deal of it, and the constraints the deal was drawn under. */
const caseArb = fc
  .record({
    pipeline: pipelineArb({ checks: ['manual', 'field'] }),
    asOf: fc.option(instantArb({ min: '2025-01-02', max: '2027-06-30' }), { nil: undefined }),
    winRate: share,
    closedShare: share,
    suspendedShare: share,
    startAnywhere: fc.boolean(),
    maxSteps: fc.integer({ min: 0, max: 25 }),
  })
  .chain((c) => {
    const { asOf, ...rest } = c;
    const constraints: OpportunityConstraints = { ...rest, ...(asOf === undefined ? {} : { asOf }) };
    return opportunityArb(constraints).map((o) => ({ c, o }));
  });

describe('opportunityArb', () => {
  it('every deal obeys the ledger laws, ends by asOf (by default the end of to) and parses back equal', () => {
    fc.assert(
      fc.property(caseArb, ({ c, o }) => {
        expectLawfulDeal(o, c.pipeline, c.asOf ?? new Date('2026-07-01T00:00:00Z'));
      }),
      { numRuns: 300 },
    );
  });

  it('creation lies between from and to; the customer, owner and region come from their lists', () => {
    const pipeline = fc.sample(pipelineArb(), { numRuns: 1 })[0]!;
    const constraints = { pipeline, from: '2026-03-01', to: '2026-03-31', customers: ['acme'], owners: ['zhang', 'li'], regions: ['西部'] };
    fc.assert(
      fc.property(opportunityArb(constraints), (o) => {
        const created = o.history[0]!.at.toISOString();
        expect(created >= '2026-03-01T00:00:00.000Z' && created < '2026-04-01T00:00:00.000Z').toBe(true);
        expect(o.history.at(-1)!.at.getTime()).toBeLessThanOrEqual(Date.parse('2026-04-01T00:00:00Z'));
        expect(o.customerId).toBe('acme');
        expect(['zhang', 'li']).toContain(o.ownerId);
        expect([undefined, '西部']).toContain(o.region);
      }),
      { numRuns: 200 },
    );
  });

  it('pipeline policies are followed: no skip when skipping is forbidden, no regress when going back is', () => {
    const strict = pipelineArb().map((p): Pipeline => ({ ...p, policy: { ...p.policy, skip: 'forbid', backward: 'forbid' } }));
    fc.assert(
      fc.property(strict.chain((pipeline) => opportunityArb({ pipeline, maxSteps: 25 })), (o) => {
        for (const e of o.history) if (e.type === 'stage_changed') expect(e.kind).toBe('advance');
      }),
      { numRuns: 200 },
    );
  });

  it('required manual key tasks are done before a deal leaves a stage forward or is won', () => {
    fc.assert(
      fc.property(
        pipelineArb().chain((pipeline) => opportunityArb({ pipeline, startAnywhere: true, maxSteps: 20 }).map((o) => ({ pipeline, o }))),
        ({ pipeline, o }) => {
          const open = pipeline.stages.filter((s) => s.kind === 'open');
          const done = new Set<string>();
          const requiredUpTo = (from: number, to: number) =>
            open.slice(from, to + 1).flatMap((s) => s.keyTasks.filter((k) => k.required && k.check.kind === 'manual').map((k) => k.id as string));
          const at = (id: string) => open.findIndex((s) => s.id === id);
          let stage = '';
          for (const e of o.history) {
            if (e.type === 'task_completed') done.add(e.taskId);
            if (e.type === 'task_reopened') done.delete(e.taskId);
            if (e.type === 'stage_changed' && e.kind !== 'regress') for (const id of requiredUpTo(at(e.from), at(e.to) - 1)) expect(done).toContain(id);
            if (e.type === 'won') for (const id of requiredUpTo(at(stage), open.length - 1)) expect(done).toContain(id);
            if (e.type === 'created' || e.type === 'reopened') stage = e.stageId;
            if (e.type === 'stage_changed') stage = e.to;
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('knob edges hold for every deal', () => {
    const pipeline = fc.sample(pipelineArb(), { numRuns: 1 })[0]!;
    const statuses = (knobs: Partial<OpportunityConstraints>) => fc.sample(opportunityArb({ pipeline, ...knobs }), { numRuns: 300 }).map((o) => o.status);
    expect(statuses({ winRate: 1 })).not.toContain('lost');
    expect(statuses({ winRate: 0 })).not.toContain('won');
    expect(statuses({ suspendedShare: 0 })).not.toContain('suspended');
    expect(statuses({ suspendedShare: 1, closedShare: 0 }).every((s) => s === 'suspended')).toBe(true);
    expect(statuses({ closedShare: 1 }).every((s) => s === 'won' || s === 'lost')).toBe(true);
  });

  it.each<[string, Record<string, unknown>]>([
    ['pipeline', { pipeline: undefined }],
    ['pipeline', { pipeline: { stages: [{ kind: 'open' }] } }],
    ['customers', { customers: [] }],
    ['owners', { owners: ['rep-1', ''] }],
    ['idPrefix', { idPrefix: '' }],
    ['winRate', { winRate: -0.5 }],
    ['daysPerStage', { daysPerStage: { min: 1, max: Number.POSITIVE_INFINITY } }],
    ['startAnywhere', { startAnywhere: 'yes' }],
    ['maxSteps', { maxSteps: -1 }],
  ])('%s: bad constraints %j throw invalid_option at once', (option, extra) => {
    const pipeline = fc.sample(pipelineArb(), { numRuns: 1 })[0]!;
    expectInvalidOption(() => opportunityArb({ pipeline, ...extra } as unknown as OpportunityConstraints), option);
  });
});
