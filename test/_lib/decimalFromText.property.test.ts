// decimalFromText builds a Decimal's fields directly: it must be indistinguishable from
// `new Decimal(text)` for every text the wire reader accepts — the same own fields in the
// same order, the same prototype and constructor, and decimal.js's methods giving the same
// results on it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalTextProblem, readWireDecimal, toDecimal } from '../../src/_lib/decimal.js';
import { Decimal } from '../../src/_lib/decimalClone.js';
import { decimalFromText } from '../../src/_lib/decimalFromText.js';
import { minorUnits } from '../../src/_lib/minorUnits.js';

/** Own fields in order, with their values: what decimal.js keeps of a Decimal. */
function fields(d: Decimal): unknown {
  return Object.entries(d).map(([k, v]) => [k, k === 'constructor' ? v === Decimal : v]);
}

const digitsArb = (max: number) => fc.array(fc.constantFrom('0', '0', '0', '1', '2', '5', '7', '9'), { maxLength: max }).map((ds) => ds.join(''));

/** Decimal texts as they come: signs, leading and trailing zeros, points, exponents. */
const textArb = fc
  .record({
    sign: fc.constantFrom('', '', '-', '+'),
    int: digitsArb(30),
    point: fc.boolean(),
    frac: digitsArb(25),
    exp: fc.option(
      fc.record({ e: fc.constantFrom('e', 'E'), sign: fc.constantFrom('', '+', '-'), digits: fc.integer({ min: 0, max: 60 }), zeros: fc.constantFrom('', '0', '00') }),
      { nil: undefined },
    ),
  })
  .map(({ sign, int, point, frac, exp }) => `${sign}${int}${point ? `.${frac}` : ''}${exp === undefined ? '' : `${exp.e}${exp.sign}${exp.zeros}${exp.digits}`}`);

/** The same as `textArb`, but only what the wire reader accepts. */
const acceptedArb = textArb.filter((t) => decimalTextProblem(t) === undefined);

/** Every method of decimal.js that the library calls on parsed amounts, on a value. */
function behaviour(d: Decimal): unknown[] {
  return [
    d.toString(),
    d.toFixed(),
    d.toFixed(2),
    d.isZero(),
    d.isNegative(),
    d.sd(),
    d.decimalPlaces(),
    d.plus('0.01').toString(),
    d.times(3).toString(),
    d.div(7).toString(),
    d.neg().toString(),
    d.abs().toString(),
    d.cmp(1),
    d.toNumber(),
    d.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toString(),
    minorUnits(d, 2),
    Decimal.isDecimal(d),
    d instanceof Decimal,
    Object.getPrototypeOf(d) === Decimal.prototype,
  ];
}

describe('decimalFromText', () => {
  it('equals new Decimal(text) field by field and in behaviour, for every accepted text', () => {
    fc.assert(
      fc.property(acceptedArb, (text) => {
        const fast = decimalFromText(text);
        const slow = new Decimal(text);
        expect(fields(fast)).toEqual(fields(slow));
        expect(behaviour(fast)).toEqual(behaviour(slow));
        expect(fast.eq(slow)).toBe(true);
        expect(slow.eq(fast)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('equals new Decimal(text) on any decimal.js text, in or out of the limits', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        let slow: Decimal;
        try {
          slow = new Decimal(text);
        } catch {
          return; // not a decimal at all: the readers refuse it before
        }
        expect(fields(decimalFromText(text))).toEqual(fields(slow));
      }),
      { numRuns: 1000 },
    );
  });

  it('edge cases by hand', () => {
    // '12345000.00' is 1.2345 · 10⁷: e = 7, words of 7 digits from 10⁷ down: [1, 2345000].
    expect(fields(decimalFromText('12345000.00'))).toEqual([['constructor', true], ['s', 1], ['e', 7], ['d', [1, 2345000]]]);
    // '-0.5' is -5 · 10⁻¹: e = -1, one word covering 10⁻¹ … 10⁻⁷: 5000000.
    expect(fields(decimalFromText('-0.5'))).toEqual([['constructor', true], ['s', -1], ['e', -1], ['d', [5000000]]]);
    // A signed zero keeps its sign, whatever its exponent.
    expect(fields(decimalFromText('-0.000e5'))).toEqual([['constructor', true], ['s', -1], ['e', 0], ['d', [0]]]);
    for (const t of ['0', '+0', '.5', '5.', '1e0', '1E+06', '0.000000001', '9999999', '10000000', '1234567.1234567', `${'9'.repeat(25)}.${'9'.repeat(9)}`, `0.${'0'.repeat(19)}1`]) {
      expect(fields(decimalFromText(t))).toEqual(fields(new Decimal(t)));
    }
  });

  it('readWireDecimal and toDecimal give the same Decimals as before (new Decimal of the trimmed text)', () => {
    fc.assert(
      fc.property(acceptedArb, fc.constantFrom('', ' ', '\t'), (text, pad) => {
        const wire = readWireDecimal(`${pad}${text}${pad}`) as Decimal;
        expect(fields(wire)).toEqual(fields(new Decimal(text)));
        expect(fields(toDecimal(`${pad}${text}`))).toEqual(fields(new Decimal(text)));
      }),
      { numRuns: 500 },
    );
  });
});
