// Public exports of the row codecs (storing deals in a database); re-exported by src/index.ts.
export type {
  CustomerEventRow,
  CustomerEventRowInput,
  CustomerRow,
  CustomerRowInput,
  EventRow,
  EventRowInput,
  OpportunityRow,
  OpportunityRowInput,
  OpportunityRows,
  PipelineRow,
  PipelineRowInput,
} from './types.js';
export { POSTGRES_DDL, DUCKDB_DDL } from './ddl.js';
export { eventToRow } from './eventToRow.js';
export { eventFromRow } from './eventFromRow.js';
export { safeEventFromRow } from './safeEventFromRow.js';
export { opportunityToRows } from './opportunityToRows.js';
export { opportunityFromRows } from './opportunityFromRows.js';
export { safeOpportunityFromRows, type OpportunityFromRowsOptions } from './safeOpportunityFromRows.js';
export { customerToRow } from './customerToRow.js';
export { customerFromRow } from './customerFromRow.js';
export { safeCustomerFromRow } from './safeCustomerFromRow.js';
export { customerEventToRow } from './customerEventToRow.js';
export { customerEventFromRow } from './customerEventFromRow.js';
export { safeCustomerEventFromRow } from './safeCustomerEventFromRow.js';
export { pipelineToRow } from './pipelineToRow.js';
export { pipelineFromRow } from './pipelineFromRow.js';
export { safePipelineFromRow } from './safePipelineFromRow.js';
