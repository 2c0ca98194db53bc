// The decoders of sales-funnel/sql return the result shapes of the in-process functions.
// Where the shapes are the same, both entries name the one declaration in
// src/model/results/ (src/sql may not import the analytics or forecast layers); the
// snapshot and forecast shapes are declared again without the drill-down ids the SQL does
// not list, and checked here to be interchangeable with their originals.
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
    expectTypeOf<SqlStalledDeals>().toEqualTypeOf<StalledDeals>();
    expectTypeOf<SqlFunnelSnapshot>().toMatchTypeOf<FunnelSnapshot>();
    expectTypeOf<SqlWeightedForecast>().toMatchTypeOf<WeightedForecast>();
    expectTypeOf<SqlForecastCategories>().toMatchTypeOf<ForecastCategories>();
    expectTypeOf<SqlWinLoss>().toEqualTypeOf<WinLoss>();
  });
});
