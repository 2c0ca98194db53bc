import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SurvivalSamples } from '../../../src/analytics/_lib/survivalSamples.js';
import { tallyRows } from './_reference.js';

// Flags as the competing-risks accumulator uses them: 0 censored, 1 cause 0, 2 cause 1, 3 and 4 censored.
const CAUSE_OF = [null, 0, 1, null, null] as const;

const observationsArb = fc.array(fc.tuple(fc.constantFrom(-0, 0, 0.5, 1, 1.5, 2, 7, 30.25), fc.integer({ min: 0, max: 4 })), { maxLength: 40 });

/** The observations' rows through the plain tally of the reference (_reference.ts). */
function tallyOf(observations: ReadonlyArray<readonly [number, number]>) {
  return tallyRows(
    observations.map(([t, flag]) => [t, CAUSE_OF[flag]!] as const),
    2,
  );
}

function samplesOf(observations: ReadonlyArray<readonly [number, number]>, binned: boolean): SurvivalSamples {
  const s = new SurvivalSamples(binned);
  for (const [t, flag] of observations) s.push(t, flag);
  return s;
}

describe('SurvivalSamples', () => {
  it('gives the rows of the plain tally, in exact and binned layouts, however the observations are split and ordered', () => {
    fc.assert(
      fc.property(observationsArb, fc.nat({ max: 40 }), fc.boolean(), (observations, cut, binned) => {
        const expected = tallyOf(observations);
        const [a, b] = [observations.slice(0, cut), observations.slice(cut)];
        expect(SurvivalSamples.rows([samplesOf(observations, binned)], CAUSE_OF, 2)).toEqual(expected);
        expect(SurvivalSamples.rows([samplesOf(b, binned), samplesOf(a, binned)], CAUSE_OF, 2)).toEqual(expected);
        expect(SurvivalSamples.rows([samplesOf([...observations].reverse(), binned)], CAUSE_OF, 2)).toEqual(expected);
        // Appending (a merge) and a round trip through plain data keep every observation.
        const merged = samplesOf(b, binned);
        merged.append(samplesOf(a, binned));
        const viaJson = new SurvivalSamples(binned);
        viaJson.appendJson(JSON.parse(JSON.stringify(merged.toJson())));
        expect(SurvivalSamples.rows([viaJson], CAUSE_OF, 2)).toEqual(expected);
        const counts: number[] = [];
        viaJson.countFlags(counts);
        expect(counts.reduce((n, c) => n + (c ?? 0), 0)).toBe(observations.length);
      }),
    );
  });

  it('appends across layouts: exact times into a binned multiset and the reverse', () => {
    fc.assert(
      fc.property(observationsArb, fc.nat({ max: 40 }), fc.boolean(), (observations, cut, binned) => {
        const merged = samplesOf(observations.slice(cut), binned);
        merged.append(samplesOf(observations.slice(0, cut), !binned));
        expect(SurvivalSamples.rows([merged], CAUSE_OF, 2)).toEqual(tallyOf(observations));
      }),
    );
  });

  it('keeps -0 as 0, so equal times make one row', () => {
    const s = new SurvivalSamples(false);
    s.push(-0, 1);
    s.push(0, 0);
    expect(SurvivalSamples.rows([s], CAUSE_OF, 2)).toEqual([{ time: 0, events: [1, 0], censored: 1 }]);
    expect(Object.is(SurvivalSamples.rows([s], CAUSE_OF, 2)[0]!.time, 0)).toBe(true);
  });
});
