import { describe, expect, it } from 'vitest';
import { evaluateTransition, parseOpportunity, parsePipeline, transition, type FieldRule, type Opportunity, type Pipeline } from '../../src/index.js';
import { CREATED, hours, makeDeal, makePipeline, snapshot } from './_fixtures.js';

const pipeline = makePipeline();

describe('evaluateTransition: the dry run', () => {
  it('returns the issues transition would return, and changes nothing', () => {
    const deal = makeDeal();
    const before = snapshot(deal, pipeline);
    const dry = evaluateTransition(deal, pipeline, { type: 'win' }, { locale: 'zh-CN' });
    expect(snapshot(deal, pipeline)).toBe(before);
    const real = transition(deal, pipeline, { type: 'win' }, { at: hours(1), locale: 'zh-CN' });
    expect(real.ok).toBe(false);
    expect(!real.ok && real.issues).toEqual(dry);
    expect(dry.map((i) => i.taskId)).toEqual(['contact', 'budget', 'closeDate', 'credit', 'submit', 'decisionMaker']);
  });

  it('is empty exactly when the command is allowed; without `at` the time rule is skipped', () => {
    const deal = makeDeal();
    expect(evaluateTransition(deal, pipeline, { type: 'lose', reason: '价格过高' })).toEqual([]);
    expect(evaluateTransition(deal, pipeline, { type: 'suspend' }, { at: new Date(CREATED) })).toEqual([]);
    expect(evaluateTransition(deal, pipeline, { type: 'suspend' }, { at: hours(-1) }).map((i) => i.code)).toEqual(['time_went_backwards']);
  });
});

/** A one-gate pipeline whose single key task checks `field` with `rule` (parsed, so decimals are Decimals). */
function gate(field: string, rule: FieldRule): Pipeline {
  return parsePipeline({
    id: 'p',
    name: 'P',
    currency: 'CNY',
    stages: [
      { id: 'a', name: 'A', kind: 'open', probability: 0.2, keyTasks: [{ id: 't', title: 'T', check: { kind: 'field', field, rule } }] },
      { id: 'b', name: 'B', kind: 'open', probability: 0.5 },
      { id: 'won', name: 'Won', kind: 'won', probability: 1 },
      { id: 'lost', name: 'Lost', kind: 'lost', probability: 0 },
    ],
  });
}

function dealWith(extra: Record<string, unknown>): Opportunity {
  return parseOpportunity({
    id: 'o',
    customerId: 'c',
    pipelineId: 'p',
    name: 'Deal',
    amount: { amount: '100000', currency: 'CNY' },
    stageId: 'a',
    ownerId: 'u',
    history: [{ type: 'created', at: '2026-01-01T00:00:00Z', stageId: 'a' }],
    ...extra,
  });
}

const passes = (field: string, rule: FieldRule, extra: Record<string, unknown> = {}) => evaluateTransition(dealWith(extra), gate(field, rule), { type: 'advance' }).length === 0;

describe('field key tasks are satisfied by data, compared exactly', () => {
  it('decimal comparisons are exact: 100000 >= 100000, 99999.999 < 100000', () => {
    const check = (amount: string, op: 'gte' | 'gt' | 'lte' | 'lt', value: string) =>
      passes('amount', { op, value } as unknown as FieldRule, { amount: { amount, currency: 'CNY' } });
    expect(check('100000', 'gte', '100000')).toBe(true);
    expect(check('100000.00', 'gte', '100000')).toBe(true);
    expect(check('99999.999', 'gte', '100000')).toBe(false);
    expect(check('100000', 'gt', '100000')).toBe(false);
    expect(check('100000.00000000000000000001', 'gt', '100000')).toBe(true);
    expect(check('0.3', 'lte', '0.3')).toBe(true);
    expect(check('0.30000000000000004', 'lte', '0.3')).toBe(false);
    expect(check('5', 'lt', '5')).toBe(false);
  });

  it('dotted paths reach attributes; present means not undefined, null, "" or []', () => {
    const present = { op: 'present' } as const;
    expect(passes('attributes.decisionMaker', present, { attributes: { decisionMaker: '王总' } })).toBe(true);
    for (const v of [null, '', []]) expect(passes('attributes.decisionMaker', present, { attributes: { decisionMaker: v } })).toBe(false);
    expect(passes('attributes.decisionMaker', present)).toBe(false);
    expect(passes('attributes.budget.approved', present, { attributes: { budget: { approved: false } } })).toBe(true);
    expect(passes('expectedCloseDate', present, { expectedCloseDate: '2026-06-30' })).toBe(true);
    // Paths follow own properties only: nothing is found on a prototype.
    expect(passes('attributes.constructor', present)).toBe(false);
    expect(passes('attributes.toString', present)).toBe(false);
  });

  it('equals / one_of: numbers compare as decimals, text as text, booleans strictly', () => {
    expect(passes('attributes.seats', { op: 'equals', value: 50 }, { attributes: { seats: 50 } })).toBe(true);
    expect(passes('attributes.seats', { op: 'equals', value: '50.0' }, { attributes: { seats: 50 } })).toBe(true);
    expect(passes('attributes.code', { op: 'equals', value: '007' }, { attributes: { code: '7' } })).toBe(false);
    expect(passes('attributes.signed', { op: 'equals', value: true }, { attributes: { signed: true } })).toBe(true);
    expect(passes('attributes.signed', { op: 'equals', value: true }, { attributes: { signed: 'true' } })).toBe(false);
    expect(passes('region', { op: 'one_of', values: ['华东', '华南'] }, { region: '华南' })).toBe(true);
    expect(passes('region', { op: 'one_of', values: ['华东', '华南'] }, { region: '华北' })).toBe(false);
    expect(passes('amount', { op: 'equals', value: '100000.00' })).toBe(true);
  });

  it('a non-numeric value never satisfies a numeric rule', () => {
    const atLeastOne = (x: unknown) => passes('attributes.x', { op: 'gte', value: '1' } as unknown as FieldRule, { attributes: { x } });
    expect(atLeastOne('abc')).toBe(false);
    expect(atLeastOne(true)).toBe(false);
    expect(atLeastOne('2')).toBe(true);
    expect(atLeastOne(1)).toBe(true);
    expect(atLeastOne(0.5)).toBe(false);
  });
});
