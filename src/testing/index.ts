/**
 * fast-check arbitraries for sales-funnel's domain values, for property tests of the
 * library and of CRMs built on it, and for seed data. Import from
 * `sales-funnel/testing`; needs `fast-check` 4 installed.
 *
 * Every arbitrary takes a constraints object whose fields have documented defaults, and
 * throws `invalid_option { option }` at once on constraints that cannot be met. Every
 * generated value passes the library's schemas: `serializeX(value)` parses back to an
 * equal value. {@link bookArb} generates a whole book (pipeline, customers,
 * opportunities) with ids unique across it, ready to load into a test database.
 *
 * @module sales-funnel/testing
 */
export { decimalArb, type DecimalConstraints } from './decimalArb.js';
export { probabilityArb } from './probabilityArb.js';
export { moneyArb, type MoneyConstraints } from './moneyArb.js';
export { plainDateArb, type PlainDateConstraints } from './plainDateArb.js';
export { instantArb, type InstantConstraints } from './instantArb.js';
export { stageArb, type StageConstraints } from './stageArb.js';
export { pipelineArb, type PipelineConstraints } from './pipelineArb.js';
export { customerArb, type CustomerConstraints } from './customerArb.js';
export { opportunityArb, type OpportunityConstraints } from './opportunityArb.js';
export { bookArb, type Book, type BookConstraints } from './bookArb.js';
