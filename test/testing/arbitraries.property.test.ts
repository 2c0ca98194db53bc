import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  pipelineSchema,
  safeParseCustomer,
  safeParseOpportunity,
  safeParsePipeline,
  serializeCustomer,
  serializeOpportunity,
  serializePipeline,
  parseOpportunity,
  parsePipeline,
  parseCustomer,
  isPlainDate,
  minorUnitDigits,
} from '../../src/index.js';
import {
  customerArb,
  decimalArb,
  moneyArb,
  opportunityArb,
  pipelineArb,
  plainDateArb,
  probabilityArb,
  stageArb,
} from '../../src/testing/index.js';

const dealArb = pipelineArb({ checks: ['manual', 'field'] }).chain((pipeline) =>
  fc.record({ pipeline: fc.constant(pipeline), o: opportunityArb({ pipeline, startAnywhere: true, maxSteps: 20 }) }),
);

describe('arbitraries produce values that pass their schemas', () => {
  it('pipelines', () => {
    fc.assert(
      fc.property(pipelineArb(), (p) => {
        const r = safeParsePipeline(serializePipeline(p));
        expect(r.success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('customers', () => {
    fc.assert(
      fc.property(customerArb(), (c) => {
        expect(safeParseCustomer(serializeCustomer(c)).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('opportunities, checked against their pipeline', () => {
    fc.assert(
      fc.property(dealArb, ({ pipeline, o }) => {
        const r = safeParseOpportunity(serializeOpportunity(o), { pipeline });
        if (!r.success) throw new Error(JSON.stringify(r.error.issues));
        expect(r.success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('stages, dates, money and probabilities respect their constraints', () => {
    fc.assert(
      fc.property(
        stageArb({ kind: 'lost' }),
        plainDateArb({ min: '2028-02-01', max: '2028-03-01' }),
        moneyArb({ currencies: ['JPY', 'KWD'], min: 5, max: 10 }),
        probabilityArb({ scale: 3 }),
        decimalArb({ min: -5, max: 5, scale: 1 }),
        (stage, date, m, p, d) => {
          expect(stage.probability.eq(0)).toBe(true);
          expect(isPlainDate(date) && date >= '2028-02-01' && date <= '2028-03-01').toBe(true);
          expect(m.amount.gte(5) && m.amount.lte(10)).toBe(true);
          expect(m.amount.decimalPlaces()).toBeLessThanOrEqual(minorUnitDigits(m.currency));
          expect(p.gte(0) && p.lte(1) && p.decimalPlaces() <= 3).toBe(true);
          expect(d.gte(-5) && d.lte(5) && d.decimalPlaces() <= 1).toBe(true);
        },
      ),
    );
  });

  it('bad constraints throw at once', () => {
    expect(() => decimalArb({ min: 2, max: 1 })).toThrow(/min/);
    expect(() => moneyArb({ currencies: [] })).toThrow(/currencies/);
    expect(() => pipelineArb({ minOpenStages: 0 })).toThrow(/minOpenStages/);
    expect(() => plainDateArb({ min: '2026-02-30' })).toThrow(/2026-02-30/);
    expect(() => probabilityArb({ max: 2 })).toThrow(/probabilities/);
  });
});

describe('round trip: serialize(parse(json)) equals the normalised json', () => {
  it('pipeline', () => {
    fc.assert(
      fc.property(pipelineArb(), (p) => {
        const json = JSON.parse(JSON.stringify(serializePipeline(p)));
        const again = parsePipeline(json);
        expect(serializePipeline(again)).toEqual(json);
        expect(again).toEqual(p);
      }),
      { numRuns: 200 },
    );
  });
  it('customer', () => {
    fc.assert(
      fc.property(customerArb(), (c) => {
        const json = JSON.parse(JSON.stringify(serializeCustomer(c)));
        expect(serializeCustomer(parseCustomer(json))).toEqual(json);
      }),
    );
  });
  it('opportunity', () => {
    fc.assert(
      fc.property(dealArb, ({ pipeline, o }) => {
        const json = JSON.parse(JSON.stringify(serializeOpportunity(o)));
        const again = parseOpportunity(json, { pipeline });
        expect(serializeOpportunity(again)).toEqual(json);
        expect(again).toEqual(o);
      }),
      { numRuns: 300 },
    );
  });
  it('pipelineSchema is exported for codecs in user schemas', () => {
    expect(pipelineSchema.safeParse({}).success).toBe(false);
  });
});
