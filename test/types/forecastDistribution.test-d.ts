import { describe, expectTypeOf, it } from 'vitest';
import type {
  ExactForecastDistribution,
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
});
