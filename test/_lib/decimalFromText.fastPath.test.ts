// decimalFromText exists to skip decimal.js's string reader (issue #11: parsing speed).
// Its values are held equal to `new Decimal(text)` in decimalFromText.property.test.ts;
// this file holds the other half of its contract, which a value test cannot see: which
// texts it reads itself and which it hands to decimal.js. The constructor it imports is
// wrapped in a counting proxy, so every hand-over is seen.
//
// The fast path, as its TSDoc states: an optional sign, digits with at most one point
// (at least one digit), then optionally `e` or `E`, an optional sign and one to nine
// digits, and nothing else. Everything else goes to decimal.js, which gives its value
// or its error.
import { Decimal as RealDecimal } from 'decimal.js';
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { decimalFromText } from '../../src/_lib/decimalFromText.js';

const handedOver = vi.hoisted(() => ({ count: 0 }));

vi.mock('../../src/_lib/decimalClone.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/_lib/decimalClone.js')>();
  const Counting = new Proxy(real.Decimal, {
    construct(target, args, newTarget) {
      handedOver.count++;
      return Reflect.construct(target, args, newTarget);
    },
  });
  return { ...real, Decimal: Counting };
});

/** decimal.js's reading of a text with the library's settings: its value, or that it throws. */
const Reference = RealDecimal.clone({ precision: 40, rounding: RealDecimal.ROUND_HALF_EVEN, toExpNeg: -50, toExpPos: 50, minE: -9e15, maxE: 9e15 });
function reference(text: string): string {
  try {
    const d = new Reference(text);
    return `${d.s}|${d.e}|${JSON.stringify(d.d)}`;
  } catch {
    return 'throws';
  }
}

/** The same summary of decimalFromText's answer, and how many times it called decimal.js. */
function read(text: string): { value: string; handedOver: number } {
  handedOver.count = 0;
  let value: string;
  try {
    const d = decimalFromText(text);
    value = `${d.s}|${d.e}|${JSON.stringify(d.d)}`;
  } catch {
    value = 'throws';
  }
  return { value, handedOver: handedOver.count };
}

// Every digit, so a reader that mistakes one of them for a non-digit is caught.
const digitsArb = (min: number, max: number) =>
  fc.array(fc.constantFrom('0', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), { minLength: min, maxLength: max }).map((ds) => ds.join(''));

/** A mantissa the fast path reads: digits with at most one point, at least one digit. */
const mantissaArb = fc
  .tuple(digitsArb(0, 30), fc.constantFrom('none', 'point'), digitsArb(0, 25))
  .filter(([int, point, frac]) => int.length + (point === 'point' ? frac.length : 0) > 0)
  .map(([int, point, frac]) => (point === 'point' ? `${int}.${frac}` : int));

/** Texts in the fast path's domain. */
const fastArb = fc
  .tuple(
    fc.constantFrom('', '', '-', '+'),
    mantissaArb,
    fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digitsArb(1, 9)), { nil: undefined }),
  )
  .map(([sign, mantissa, exp]) => `${sign}${mantissa}${exp === undefined ? '' : exp.join('')}`);

beforeEach(() => {
  handedOver.count = 0;
});

describe('decimalFromText: what it reads itself', () => {
  it('reads every text of its domain without decimal.js, to the same value', () => {
    fc.assert(
      fc.property(fastArb, (text) => {
        const got = read(text);
        expect(got.handedOver).toBe(0);
        expect(got.value).toBe(reference(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('by hand: each digit, each sign, the point at each end, both exponent letters, nine exponent digits', () => {
    // Worked: '-0.5e+1' is -5 · 10⁰, e = 0, one word 5; '9E-000000001' is 9 · 10⁻¹.
    expect(read('-0.5e+1')).toEqual({ value: '-1|0|[5]', handedOver: 0 });
    expect(read('9E-000000001')).toEqual({ value: '1|-1|[9000000]', handedOver: 0 });
    for (const text of ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '+7', '-7', '.5', '5.', '1e5', '1E5', '1e+5', '1e-5', '1e123456789', '0.0e-999999999']) {
      expect(read(text)).toEqual({ value: reference(text), handedOver: 0 });
    }
  });
});

describe('decimalFromText: what it hands to decimal.js', () => {
  // Each of these leaves the domain in one way; decimal.js then gives the answer (a value
  // or an error), exactly once.
  const outside = [
    '', // no digits
    '-', // a sign alone
    '+',
    '.', // a point alone
    '-.', // a sign and a point
    'e5', // an exponent without a mantissa
    '.e1',
    '1.2.3', // two points
    '1..', // two points at the end
    '5x3', // a letter that is not e
    '5 ', // a trailing space
    ' 5', // a leading space
    '1e', // an exponent letter without digits
    '1e+', // … or with a sign only
    '1E-',
    '1e5x', // something after the exponent
    '1e5.', // a point in the exponent
    '1e+-5', // two signs
    '1e0000000001', // ten exponent digits: decimal.js reads it (10)
    '1e-9999999999', // ten exponent digits beyond the range: decimal.js's answer
    'Infinity',
    '-Infinity',
    'NaN',
    '0x1f', // decimal.js's other notations
    '0b101',
    '0o17',
    '--1',
    '+-1',
  ];
  it.each(outside)('%j goes to decimal.js once, with its answer', (text) => {
    expect(read(text)).toEqual({ value: reference(text), handedOver: 1 });
  });

  it('the answers by hand: two points and a bare exponent letter are errors, ten exponent digits a value', () => {
    expect(read('1.2.3').value).toBe('throws');
    expect(read('1e').value).toBe('throws');
    expect(read('5x3').value).toBe('throws');
    expect(read('.').value).toBe('throws');
    expect(read('1e0000000001').value).toBe('1|1|[10]');
  });

  it('any text with a character outside digits, signs, point and exponent letters goes to decimal.js', () => {
    const other = fc.string({ minLength: 1, maxLength: 1 }).filter((c) => !/[0-9+\-.eE]/.test(c));
    fc.assert(
      fc.property(fastArb, other, fc.nat(), (text, c, at) => {
        const p = at % (text.length + 1);
        const spoiled = `${text.slice(0, p)}${c}${text.slice(p)}`;
        const got = read(spoiled);
        expect(got.handedOver).toBe(1);
        expect(got.value).toBe(reference(spoiled));
      }),
      { numRuns: 1000 },
    );
  });
});
