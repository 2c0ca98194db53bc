// The columns' fast path for group keys (keySignatures.ts), through weightedForecast on
// DealColumns against the same deals as objects: the creation-period keys read a deal's
// `created` instant on the wall clock of the options' zone.
import { describe, expect, it } from 'vitest';
import { dealColumns, parseOpportunity, weightedForecast, type Opportunity, type WeightedForecastOptions } from '../../../src/index.js';
import { pipeline } from '../_fixtures.js';

/** A deal created at `created` (UTC), closing in May 2026. */
function createdAt(id: string, created: string): Opportunity {
  return parseOpportunity(
    {
      id,
      customerId: 'c-1',
      pipelineId: 'direct',
      name: id,
      ownerId: 'rep-li',
      amount: { amount: '100', currency: 'CNY' },
      stageId: 'lead',
      status: 'open',
      expectedCloseDate: '2026-05-20',
      history: [{ type: 'created', seq: 1, at: created, stageId: 'lead' }],
    },
    { pipeline },
  );
}

describe('creation-period keys on columns', () => {
  // 20:00 UTC on 31 March is 04:00 on 1 April in Shanghai (UTC+8), 16:00 on 31 March in New York.
  const late = createdAt('late', '2026-03-31T20:00:00Z');
  const early = createdAt('early', '2026-04-01T02:00:00Z');
  const deals = [late, early];
  const keys = (options: WeightedForecastOptions) => {
    const fromObjects = weightedForecast(deals, pipeline, options);
    expect(weightedForecast(dealColumns(deals, pipeline), pipeline, options)).toEqual(fromObjects);
    return fromObjects.groups.map((g) => [g.key.join('|'), g.value.count]);
  };

  it('read the created instant on the wall clock of the zone (an IANA zone or a fixed offset)', () => {
    expect(keys({ groupBy: ['created_month'] })).toEqual([
      ['2026-03', 1],
      ['2026-04', 1],
    ]);
    expect(keys({ groupBy: ['created_month'], timeZone: 'Asia/Shanghai' })).toEqual([['2026-04', 2]]);
    expect(keys({ groupBy: ['created_quarter'], offsetMinutes: 480 })).toEqual([['2026-Q2', 2]]);
    expect(keys({ groupBy: ['created_month'], timeZone: 'America/New_York' })).toEqual([['2026-03', 2]]);
    expect(keys({ groupBy: ['created_year', 'owner'], offsetMinutes: -300 })).toEqual([['2026|rep-li', 2]]);
  });

  it('give each creation month its own group, with as many months as there are (up to the signature table)', () => {
    const months = ['2026-01-10', '2026-02-10', '2026-03-10', '2026-04-10', '2026-05-10'].map((day, i) => createdAt(`m${i}`, `${day}T08:00:00Z`));
    const options: WeightedForecastOptions = { groupBy: ['created_month', 'owner'] };
    const fromObjects = weightedForecast(months, pipeline, options);
    expect(weightedForecast(dealColumns(months, pipeline), pipeline, options)).toEqual(fromObjects);
    expect(fromObjects.groups.map((g) => [g.key.join('|'), g.value.count])).toEqual([
      ['2026-01|rep-li', 1],
      ['2026-02|rep-li', 1],
      ['2026-03|rep-li', 1],
      ['2026-04|rep-li', 1],
      ['2026-05|rep-li', 1],
    ]);
  });

  it('tell apart deals of one UTC month that are in two months on the wall clock', () => {
    // Both created in March UTC; on the wall clock of UTC+8 the first is in April, the second in March.
    const both = [late, createdAt('mid', '2026-03-15T00:00:00Z')];
    const byMonth = (options: WeightedForecastOptions) => {
      const fromObjects = weightedForecast(both, pipeline, options);
      expect(weightedForecast(dealColumns(both, pipeline), pipeline, options)).toEqual(fromObjects);
      return fromObjects.groups.map((g) => [g.key.join('|'), g.value.count]);
    };
    // (Without dealIds: listing ids takes the deal-by-deal path, not the signatures.)
    const split = [
      ['2026-03', 1],
      ['2026-04', 1],
    ];
    expect(byMonth({ groupBy: ['created_month'], timeZone: 'Asia/Shanghai' })).toEqual(split);
    expect(byMonth({ groupBy: ['created_month'], offsetMinutes: 480 })).toEqual(split);
  });
});
