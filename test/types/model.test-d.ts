import { describe, expectTypeOf, it } from 'vitest';
import type {
  Decimal,
  Money,
  Opportunity,
  OpportunityEvent,
  Pipeline,
  PlainDate,
  StageId,
  FunnelIssue,
  IssueCode,
} from '../../src/index.js';
import { money, parseOpportunity, parsePipeline, plainDate, safeParsePipeline, type serializeOpportunity } from '../../src/index.js';

describe('public types', () => {
  it('parse functions return domain types; serialize returns wire types', () => {
    expectTypeOf(parsePipeline).returns.toEqualTypeOf<Pipeline>();
    expectTypeOf(parseOpportunity).returns.toEqualTypeOf<Opportunity>();
    expectTypeOf<Opportunity['amount']>().toEqualTypeOf<Money>();
    expectTypeOf<Money['amount']>().toEqualTypeOf<Decimal>();
    expectTypeOf<ReturnType<typeof serializeOpportunity>['amount']['amount']>().toEqualTypeOf<string | number>();
    const r = safeParsePipeline({});
    if (r.success) expectTypeOf(r.data).toEqualTypeOf<Pipeline>();
  });

  it('ids and dates are branded: a plain string is not a StageId or a PlainDate', () => {
    expectTypeOf<string>().not.toMatchTypeOf<StageId>();
    expectTypeOf<StageId>().toMatchTypeOf<string>();
    expectTypeOf<'2026-01-01'>().not.toMatchTypeOf<PlainDate>();
    expectTypeOf(plainDate('2026-01-01')).toEqualTypeOf<PlainDate>();
  });

  it('the ledger is a discriminated union', () => {
    type Lost = Extract<OpportunityEvent, { type: 'lost' }>;
    expectTypeOf<Lost['reason']>().toEqualTypeOf<string>();
    expectTypeOf<Lost['at']>().toEqualTypeOf<Date>();
    expectTypeOf<Opportunity['status']>().toEqualTypeOf<'open' | 'suspended' | 'won' | 'lost'>();
  });

  it('issues carry a stable code type', () => {
    expectTypeOf<FunnelIssue['code']>().toEqualTypeOf<IssueCode>();
    // @ts-expect-error not a known code
    const bad: IssueCode = 'not_a_code';
    void bad;
    expectTypeOf(money).parameter(1).toEqualTypeOf<string>();
  });
});
