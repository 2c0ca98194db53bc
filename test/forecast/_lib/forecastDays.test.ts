// Each deal's forecast day as a column (forecastDays.ts): the day of forecastDate on a
// zone's wall clock, read from the columns in one pass.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecastDayColumn } from '../../../src/forecast/_lib/forecastDays.js';
import { dealColumns, type Opportunity } from '../../../src/index.js';
import { dayToPlainDate } from '../../../src/model/columnGroups.js';
import { NO_DAY } from '../../../src/model/dealColumns.js';
import { ZoneDays } from '../../../src/time/zoneDays.js';
import { columnsBookArb } from '../../model/_columnsBooks.js';
import { deal, pipeline } from '../_fixtures.js';

type Zone = { readonly timeZone?: string; readonly offsetMinutes?: number };

/** The calendar date of an instant on a zone's wall clock, by Intl or plain arithmetic. */
function wallDate(at: Date, zone: Zone): string {
  if (zone.timeZone !== undefined) return new Intl.DateTimeFormat('en-CA', { timeZone: zone.timeZone }).format(at);
  return new Date(at.getTime() + (zone.offsetMinutes ?? 0) * 60_000).toISOString().slice(0, 10);
}

/** The forecast date of a deal as the rule says: a closed deal's closedAt, else its close date. */
function expectedDate(o: Opportunity, zone: Zone): string | undefined {
  if (o.status !== 'open' && o.closedAt !== undefined) return wallDate(o.closedAt, zone);
  return o.expectedCloseDate;
}

const days = (col: Int32Array) => Array.from(col, (d) => (d === NO_DAY ? undefined : dayToPlainDate(d)));

describe('forecastDayColumn', () => {
  it('dates a closed deal by its closedAt on the wall clock, an open one by its close date', () => {
    const open = deal({ stageId: 'proposal', expectedCloseDate: '2026-05-20' });
    // Lost at 20:00 UTC on 31 March: 1 April in UTC+8, and its close date is not used.
    const lost = deal({ stageId: 'lost', expectedCloseDate: '2026-02-01', closedAt: '2026-03-31T20:00:00Z' });
    const undated = deal({ stageId: 'lead' });
    const suspended = deal({ stageId: 'qualify', status: 'suspended', expectedCloseDate: '2026-07-01' });
    const cols = dealColumns([open, lost, undated, suspended], pipeline);
    expect(days(forecastDayColumn(cols, new ZoneDays({})))).toEqual(['2026-05-20', '2026-03-31', undefined, '2026-07-01']);
    expect(days(forecastDayColumn(cols, new ZoneDays({ offsetMinutes: 480 })))).toEqual(['2026-05-20', '2026-04-01', undefined, '2026-07-01']);
  });

  it('equals forecastDate on the zone’s wall clock for every deal of a generated book', () => {
    const zones = fc.constantFrom<Zone>({}, { offsetMinutes: 480 }, { offsetMinutes: -330 }, { timeZone: 'America/New_York' }, { timeZone: 'Asia/Shanghai' });
    fc.assert(
      fc.property(columnsBookArb(), zones, ({ pipeline: p, deals }, zone) => {
        const col = forecastDayColumn(dealColumns(deals, p), new ZoneDays(zone));
        expect(days(col)).toEqual(deals.map((o) => expectedDate(o, zone)));
      }),
      { numRuns: 150 },
    );
  });
});
