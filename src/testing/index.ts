/**
 * fast-check arbitraries for sales-funnel's domain values, for property tests of the
 * library and of CRMs built on it. Import from `sales-funnel/testing`; needs
 * `fast-check` 4 installed.
 *
 * Every arbitrary takes a constraints object whose fields have documented defaults, and
 * throws at once on constraints that cannot be met. Every generated value passes the
 * library's schemas: `serializeX(value)` parses back to an equal value.
 *
 * @module sales-funnel/testing
 */
export { moneyArb, decimalArb, probabilityArb, type MoneyConstraints, type DecimalConstraints } from './moneyArb.js';
export { plainDateArb, instantArb, type PlainDateConstraints, type InstantConstraints } from './plainDateArb.js';
export { stageArb, pipelineArb, type StageConstraints, type PipelineConstraints } from './pipelineArb.js';
export { customerArb, type CustomerConstraints } from './customerArb.js';
export { opportunityArb, type OpportunityConstraints } from './opportunityArb.js';
