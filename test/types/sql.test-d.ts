// The decoders of sales-funnel/sql return the result shapes of the in-process functions:
// each declared result type is interchangeable with its original (src/sql may not import
// the analytics or forecast layers, so the shapes are declared twice and checked here).
import { describe, expectTypeOf, it } from 'vitest';
import type {
  CohortFunnel,
  FunnelSnapshot,
  StageFlow,
  StageVisit,
  StalledDeals,
  WeightedForecast,
  ForecastCategories,
  WinLoss,
} from '../../src/index.js';
import type {
  SqlCohortFunnel,
  SqlForecastCategories,
  SqlFunnelSnapshot,
  SqlStageFlow,
  SqlStageVisit,
  SqlStalledDeals,
  SqlWeightedForecast,
  SqlWinLoss,
} from '../../src/sql/index.js';

describe('sales-funnel/sql result shapes', () => {
  it('are those of the in-process functions (both ways, modulo the drill-down ids the SQL does not list)', () => {
    expectTypeOf<SqlStageVisit>().toEqualTypeOf<StageVisit>();
    expectTypeOf<SqlStageFlow>().toEqualTypeOf<StageFlow>();
    expectTypeOf<SqlCohortFunnel>().toEqualTypeOf<CohortFunnel>();
    expectTypeOf<SqlStalledDeals>().toMatchTypeOf<StalledDeals>();
    expectTypeOf<StalledDeals>().toMatchTypeOf<SqlStalledDeals>();
    expectTypeOf<SqlFunnelSnapshot>().toMatchTypeOf<FunnelSnapshot>();
    expectTypeOf<SqlWeightedForecast>().toMatchTypeOf<WeightedForecast>();
    expectTypeOf<SqlForecastCategories>().toMatchTypeOf<ForecastCategories>();
    expectTypeOf<SqlWinLoss>().toMatchTypeOf<WinLoss>();
    expectTypeOf<WinLoss>().toMatchTypeOf<SqlWinLoss>();
  });
});
