import { describe, expectTypeOf, it } from 'vitest';
import type {
  Decimal,
  ExactForecastDistribution,
  ForecastBudgetReport,
  ForecastDistribution,
  ForecastDistributionOptions,
  MonteCarloForecastDistribution,
  NormalForecastDistribution,
} from '../../src/index.js';
import { forecastDistribution } from '../../src/index.js';

describe('forecastDistribution result types follow the method', () => {
  it('narrows by the literal method, and unions for a method only known at run time', () => {
    const deals = [{ amount: '100', probability: '0.5' }];
    expectTypeOf(forecastDistribution(deals)).toEqualTypeOf<ExactForecastDistribution>();
    expectTypeOf(forecastDistribution(deals, { method: 'exact' })).toEqualTypeOf<ExactForecastDistribution>();
    expectTypeOf(forecastDistribution(deals, { method: 'normal' })).toEqualTypeOf<NormalForecastDistribution>();
    expectTypeOf(forecastDistribution(deals, { method: 'monteCarlo', seed: 7 })).toEqualTypeOf<MonteCarloForecastDistribution>();
    const options: ForecastDistributionOptions = {};
    expectTypeOf(forecastDistribution(deals, options)).toEqualTypeOf<ForecastDistribution>();
    // @ts-expect-error: not a method
    forecastDistribution(deals, { method: 'bayes' });
  });

  it('with a budget (maxWork, timeLimitMs) the normal approximation may stand in for the method asked for', () => {
    const deals = [{ amount: '100', probability: '0.5' }];
    expectTypeOf(forecastDistribution(deals, { maxWork: 1000 })).toEqualTypeOf<ExactForecastDistribution | NormalForecastDistribution>();
    expectTypeOf(forecastDistribution(deals, { method: 'monteCarlo', timeLimitMs: 50 })).toEqualTypeOf<MonteCarloForecastDistribution | NormalForecastDistribution>();
    expectTypeOf(forecastDistribution(deals, { method: 'normal', maxWork: 0 })).toEqualTypeOf<NormalForecastDistribution>();
    const d = forecastDistribution(deals, { maxWork: 1000 });
    if (d.method === 'exact') expectTypeOf(d.maxError).toEqualTypeOf<Decimal>();
    expectTypeOf(d.budget).toEqualTypeOf<ForecastBudgetReport>();
  });
});
