// The clone is defined in the shared `_lib` (the lowest layer, which every area's
// helpers may import); this is its public home.
export { Decimal, type DecimalLike } from '../_lib/decimalClone.js';
