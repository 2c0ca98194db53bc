// The named export, not the default: decimal.js's types are CommonJS, so under
// `moduleResolution: node16` an ES module's default import of it is the whole module
// object, and declarations built from `import DecimalJs from 'decimal.js'` break for
// ESM consumers ("Cannot use namespace as a type"). test/package checks this.
import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The decimal type used for every amount and probability: a `decimal.js` `Decimal`.
 *
 * @example
 * ```ts
 * import { Decimal } from 'sales-funnel';
 * const d: Decimal = new Decimal('0.1').plus('0.2');
 * d.toString(); //=> '0.3'
 * ```
 */
export type Decimal = DecimalJs;

/**
 * The library's private `Decimal` constructor: a clone of decimal.js configured with
 * 40 significant digits and banker's rounding (`ROUND_HALF_EVEN`), and no exponent
 * notation in `toString()` for everyday magnitudes. The library never calls
 * `Decimal.set` on the user's global constructor, so an application's own decimal.js
 * settings neither affect nor are affected by this library.
 *
 * Instances share decimal.js's prototype, so `Decimal.isDecimal` and `instanceof`
 * work with values from any decimal.js clone.
 *
 * @example
 * ```ts
 * import { Decimal } from 'sales-funnel';
 * new Decimal('1').div(3).toString(); //=> '0.3333333333333333333333333333333333333333'
 * ```
 *
 * @category Money
 */
export const Decimal: typeof DecimalJs = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -50,
  toExpPos: 50,
  minE: -9e15,
  maxE: 9e15,
});

/**
 * A value that can become a {@link Decimal}: a decimal string, a finite number, or a
 * `Decimal` from any decimal.js constructor.
 *
 * @example
 * ```ts
 * import type { DecimalLike } from 'sales-funnel';
 * const values: DecimalLike[] = ['0.25', 0.25];
 * ```
 */
export type DecimalLike = string | number | DecimalJs;
