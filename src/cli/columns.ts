// The columns of the tables `sales-funnel report` reads from CSV and NDJSON files: the
// library's storage rows (OpportunityRow, EventRow, CustomerRow, CustomerEventRow and
// POSTGRES_DDL), so that a table exported from the database the row codecs write, or a
// CRM's export renamed with --map, is read as it is.

/** The four tables a report reads from CSV or NDJSON files. */
export type TableKind = 'deals' | 'events' | 'customers' | 'customerEvents';

/** One column of a table. */
export interface ColumnSpec {
  /** The column's name (the storage row's). */
  readonly name: string;
  /** Whether a CSV file must have the column (an NDJSON line must then have the key). */
  readonly required: boolean;
}

const col = (name: string, required = false): ColumnSpec => ({ name, required });

/** The columns of each table, in the storage rows' order. */
export const TABLE_COLUMNS: Readonly<Record<TableKind, readonly ColumnSpec[]>> = {
  deals: [
    col('id', true),
    col('customer_id', true),
    col('pipeline_id'),
    col('name', true),
    col('amount', true),
    col('currency'),
    col('expected_close_date'),
    col('region'),
    col('stage_id', true),
    col('status'),
    col('probability_override'),
    col('forecast_category_override'),
    col('owner_id', true),
    col('splits'),
    col('completed_tasks'),
    col('closed_at'),
    col('loss_reason'),
    col('competitor'),
    col('attributes'),
    col('version'),
    col('source'),
  ],
  events: [col('opportunity_id', true), col('seq'), col('type', true), col('at', true), col('by'), col('id'), col('payload', true)],
  customers: [
    col('id', true),
    col('name', true),
    col('short_name'),
    col('owner_id'),
    col('region'),
    col('industry'),
    col('segment'),
    col('priority'),
    col('tags'),
    col('attributes'),
    col('contacts'),
    col('created_at'),
    col('pool_id'),
    col('version'),
  ],
  customerEvents: [col('customer_id', true), col('seq'), col('type', true), col('at', true), col('by'), col('id'), col('payload', true)],
};

/** The column whose value names the record a ledger row belongs to. */
export const OWNER_COLUMN = { events: 'opportunity_id', customerEvents: 'customer_id' } as const;

/** The key of each table in a `--map` file that maps the tables one by one. */
export const MAP_KEYS: Readonly<Record<string, TableKind>> = {
  deals: 'deals',
  events: 'events',
  customers: 'customers',
  customerEvents: 'customerEvents',
  'customer-events': 'customerEvents',
};

/** Wire fields of a deal (as the parsers' issues name them) and the columns they come from. */
export const DEAL_FIELD_COLUMNS: Readonly<Record<string, string>> = {
  id: 'id',
  customerId: 'customer_id',
  pipelineId: 'pipeline_id',
  name: 'name',
  expectedCloseDate: 'expected_close_date',
  region: 'region',
  stageId: 'stage_id',
  status: 'status',
  probabilityOverride: 'probability_override',
  forecastCategoryOverride: 'forecast_category_override',
  ownerId: 'owner_id',
  splits: 'splits',
  completedTasks: 'completed_tasks',
  closedAt: 'closed_at',
  lossReason: 'loss_reason',
  competitor: 'competitor',
  attributes: 'attributes',
  version: 'version',
  source: 'source',
};

/** Wire fields of a customer and the columns they come from. */
export const CUSTOMER_FIELD_COLUMNS: Readonly<Record<string, string>> = {
  id: 'id',
  name: 'name',
  shortName: 'short_name',
  ownerId: 'owner_id',
  region: 'region',
  industry: 'industry',
  segment: 'segment',
  priority: 'priority',
  tags: 'tags',
  attributes: 'attributes',
  contacts: 'contacts',
  createdAt: 'created_at',
  poolId: 'pool_id',
  version: 'version',
};

/** Fields of a wire event that are columns of their own; the others are in `payload`. */
export const EVENT_FIELD_COLUMNS: ReadonlySet<string> = new Set(['type', 'seq', 'id', 'at', 'by', 'opportunity_id', 'customer_id', 'payload']);
