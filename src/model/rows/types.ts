import type { CustomerEventType } from '../customerEvents.js';
import type { OpportunityEventType } from '../events.js';
import type { OpportunityStatus } from '../opportunity.js';

/**
 * One ledger event as a database row (table `opportunity_events` of
 * {@link POSTGRES_DDL} and {@link DUCKDB_DDL}), as {@link eventToRow} writes it. The
 * column names are the table's, so the row can be bound to an `INSERT` as it is.
 *
 * @category Storage
 */
export type EventRow = {
  /** The opportunity whose ledger holds the event. */
  readonly opportunity_id: string;
  /** The event's 1-based position in the ledger; (`opportunity_id`, `seq`) is the primary key. */
  readonly seq: number;
  /** The event's `type` (`created`, `stage_changed`, …). */
  readonly type: OpportunityEventType;
  /** The instant, as ISO 8601 text in UTC (`2026-01-05T01:00:00.000Z`), for a `timestamptz` column. */
  readonly at: string;
  /** Who made the change, or null. */
  readonly by: string | null;
  /** The client id (idempotency key), or null; unique within one opportunity's ledger. */
  readonly id: string | null;
  /**
   * The rest of the event as JSON text: its own fields in their wire form, so
   * decimals are strings (`{"from":{"amount":"1000.00","currency":"CNY"},…}`),
   * calendar dates `YYYY-MM-DD` and instants ISO 8601. `{}` for events without fields
   * (`resumed`).
   */
  readonly payload: string;
};

/**
 * An event row as a driver returns it, for {@link eventFromRow} and
 * {@link opportunityFromRows}: {@link EventRow} with the forms drivers use.
 *
 * @category Storage
 */
export interface EventRowInput {
  /** Checked against the opportunity's id by {@link opportunityFromRows} when present. */
  readonly opportunity_id?: string | undefined;
  /** A number, a bigint (DuckDB `BIGINT`) or decimal digits (pg `int8`). */
  readonly seq: number | bigint | string;
  /** The event type. */
  readonly type: string;
  /**
   * A `Date` (pg, PGlite and DuckDB's `getRowObjectsJS` read `timestamptz` so), ISO
   * 8601 text with an offset, or the text PostgreSQL and DuckDB print for a
   * `timestamptz` (`2026-01-05 01:00:00.123+00`).
   */
  readonly at: Date | string;
  /** Who made the change; null or absent for nobody. */
  readonly by?: string | null | undefined;
  /** The client id; null or absent for none. */
  readonly id?: string | null | undefined;
  /** JSON text, or the value a driver parsed from a `jsonb`/`json` column. */
  readonly payload: string | object;
}

/**
 * An opportunity's header as a database row (table `opportunities`), as
 * {@link opportunityToRows} writes it: every field but the ledger, which is stored as
 * {@link EventRow}s, plus the `version` (the ledger's length) used for optimistic
 * locking. Absent optional fields are null. (The row types are type aliases, not
 * interfaces, so a row is a `Record<string, unknown>` for a generic insert helper.)
 *
 * @category Storage
 */
export type OpportunityRow = {
  /** The opportunity id (primary key). */
  readonly id: string;
  /** Its customer. */
  readonly customer_id: string;
  /** Its pipeline. */
  readonly pipeline_id: string;
  /** Its name. */
  readonly name: string;
  /** The amount as exact decimal text with at least the currency's minor digits (`'1000000.00'`), for a `NUMERIC` column. */
  readonly amount: string;
  /** The amount's ISO 4217 currency code. */
  readonly currency: string;
  /** The expected close date, `YYYY-MM-DD`, or null. */
  readonly expected_close_date: string | null;
  /** The region, or null. */
  readonly region: string | null;
  /** The current stage. */
  readonly stage_id: string;
  /** `open`, `suspended`, `won` or `lost`. */
  readonly status: OpportunityStatus;
  /** The probability override as decimal text, or null. */
  readonly probability_override: string | null;
  /** The forecast category override, or null. */
  readonly forecast_category_override: string | null;
  /** The owner. */
  readonly owner_id: string;
  /** The credit splits as JSON text (`[{"ownerId":"rep-li","basisPoints":6000},…]`), or null for none. */
  readonly splits: string | null;
  /** The completed key tasks as JSON text (`{"visit":{"at":"2026-…Z","by":"rep-li"}}`). */
  readonly completed_tasks: string;
  /** When the deal was won or lost, ISO 8601 in UTC, or null. */
  readonly closed_at: string | null;
  /** Why it was lost, or null. */
  readonly loss_reason: string | null;
  /** Who it was lost to, or null. */
  readonly competitor: string | null;
  /** The free-form attributes as JSON text. */
  readonly attributes: string;
  /** The ledger's length (see {@link opportunityVersion}): compare it before appending. */
  readonly version: number;
  /**
   * Where the deal came from as JSON text (`{"campaignId":"expo-2026","channel":"exhibition"}`,
   * see {@link opportunitySourceSchema}), or null when it has no `source`. The last
   * column, where `ALTER TABLE … ADD COLUMN` puts it on a table made before it existed.
   */
  readonly source: string | null;
};

/**
 * An opportunity header as a driver returns it, for {@link opportunityFromRows}:
 * {@link OpportunityRow} with the forms drivers use. Null or absent optional columns
 * are absent fields.
 *
 * @category Storage
 */
export interface OpportunityRowInput {
  /** The opportunity id. */
  readonly id: string;
  /** Its customer. */
  readonly customer_id: string;
  /** Its pipeline. */
  readonly pipeline_id: string;
  /** Its name. */
  readonly name: string;
  /** Exact decimal text (read `NUMERIC` as text); a number only when it has at most 15 significant digits. */
  readonly amount: string | number;
  /** The currency code. */
  readonly currency: string;
  /** `YYYY-MM-DD` text: read a `DATE` column as text (`expected_close_date::text`), never as a `Date`. */
  readonly expected_close_date?: string | null | undefined;
  /** The region. */
  readonly region?: string | null | undefined;
  /** The current stage. */
  readonly stage_id: string;
  /** The status. */
  readonly status: string;
  /** Decimal text (or a number with at most 15 significant digits). */
  readonly probability_override?: string | number | null | undefined;
  /** The forecast category override. */
  readonly forecast_category_override?: string | null | undefined;
  /** The owner. */
  readonly owner_id: string;
  /** JSON text or a parsed `jsonb` value. */
  readonly splits?: string | object | null | undefined;
  /** JSON text or a parsed `jsonb` value. */
  readonly completed_tasks?: string | object | null | undefined;
  /** A `Date`, ISO 8601 text or `timestamptz` text, as {@link EventRowInput.at}. */
  readonly closed_at?: Date | string | null | undefined;
  /** Why it was lost. */
  readonly loss_reason?: string | null | undefined;
  /** Who it was lost to. */
  readonly competitor?: string | null | undefined;
  /** JSON text or a parsed `jsonb` value. */
  readonly attributes?: string | object | null | undefined;
  /** The version stored with the header: it must equal the number of event rows. */
  readonly version: number | bigint | string;
  /**
   * Where the deal came from: JSON text or a parsed `jsonb` value of the shape of
   * {@link opportunitySourceSchema}; null or absent for none (as a table made before the
   * column existed returns it).
   */
  readonly source?: string | object | null | undefined;
}

/**
 * An opportunity as rows: its header and its ledger, one row per event in `seq` order.
 *
 * @category Storage
 */
export interface OpportunityRows {
  /** The header, for table `opportunities`. */
  readonly opportunity: OpportunityRow;
  /** The ledger, for table `opportunity_events`. */
  readonly events: EventRow[];
}

/**
 * A customer's header as a database row (table `customers`), as {@link customerToRow}
 * writes it: every field but the ledger, which is stored as {@link CustomerEventRow}s
 * (table `customer_events`), plus the `version` (the ledger's length) used for
 * optimistic locking. Absent optional fields are null.
 *
 * @category Storage
 */
export type CustomerRow = {
  /** The customer id (primary key). */
  readonly id: string;
  /** Its name. */
  readonly name: string;
  /** Its short name, or null. */
  readonly short_name: string | null;
  /** Its owner, or null (in the pool). */
  readonly owner_id: string | null;
  /** Its region, or null. */
  readonly region: string | null;
  /** Its industry, or null. */
  readonly industry: string | null;
  /** `new` or `existing`. */
  readonly segment: string;
  /** `high`, `medium` or `low`. */
  readonly priority: string;
  /** The tags as JSON text (`["vip"]`). */
  readonly tags: string;
  /** The free-form attributes as JSON text. */
  readonly attributes: string;
  /** The contacts as JSON text (`[{"id":"ct-1","name":"王总","role":"decision_maker"}]`). */
  readonly contacts: string;
  /** When the customer entered the CRM, ISO 8601 in UTC, or null. */
  readonly created_at: string | null;
  /** The customer pool (公海) it belongs to, or null. */
  readonly pool_id: string | null;
  /** The ledger's length: compare it before appending customer events. */
  readonly version: number;
};

/**
 * A customer row as a driver returns it, for {@link customerFromRow}: JSON columns as
 * text or parsed values; null or absent optional columns are absent fields.
 *
 * @category Storage
 */
export interface CustomerRowInput {
  /** The customer id. */
  readonly id: string;
  /** Its name. */
  readonly name: string;
  /** Its short name. */
  readonly short_name?: string | null | undefined;
  /** Its owner. */
  readonly owner_id?: string | null | undefined;
  /** Its region. */
  readonly region?: string | null | undefined;
  /** Its industry. */
  readonly industry?: string | null | undefined;
  /** `new` or `existing`. */
  readonly segment?: string | null | undefined;
  /** `high`, `medium` or `low`. */
  readonly priority?: string | null | undefined;
  /** JSON text or a parsed `jsonb` value. */
  readonly tags?: string | object | null | undefined;
  /** JSON text or a parsed `jsonb` value. */
  readonly attributes?: string | object | null | undefined;
  /** JSON text or a parsed `jsonb` value. */
  readonly contacts?: string | object | null | undefined;
  /** A `Date`, ISO 8601 text or `timestamptz` text, as {@link EventRowInput.at}. */
  readonly created_at?: Date | string | null | undefined;
  /** The customer pool. */
  readonly pool_id?: string | null | undefined;
  /**
   * The version stored with the header: when the ledger's rows are read too, it must
   * equal their number (`version_conflict` otherwise).
   */
  readonly version?: number | bigint | string | null | undefined;
}

/**
 * One event of a customer's ledger as a database row (table `customer_events`), as
 * {@link customerEventToRow} writes it: the columns of {@link EventRow}, with
 * `customer_id` in place of `opportunity_id`.
 *
 * @category Storage
 */
export type CustomerEventRow = {
  /** The customer whose ledger holds the event. */
  readonly customer_id: string;
  /** The event's 1-based position in the ledger; (`customer_id`, `seq`) is the primary key. */
  readonly seq: number;
  /** The event's `type` (`claimed`, `released`, `reclaimed`, `assigned`, `activity_logged`). */
  readonly type: CustomerEventType;
  /** The instant, as ISO 8601 text in UTC. */
  readonly at: string;
  /** Who did it, or null. */
  readonly by: string | null;
  /** The client id (idempotency key), or null; unique within one customer's ledger. */
  readonly id: string | null;
  /** The rest of the event as JSON text in its wire form (`{"ownerId":"rep-li"}`); `{}` for none. */
  readonly payload: string;
};

/**
 * A customer event row as a driver returns it, for {@link customerEventFromRow} and
 * {@link customerFromRow}: {@link CustomerEventRow} with the forms drivers use (see
 * {@link EventRowInput}).
 *
 * @category Storage
 */
export interface CustomerEventRowInput {
  /** Checked against the customer's id by {@link customerFromRow} when present. */
  readonly customer_id?: string | undefined;
  /** A number, a bigint (DuckDB `BIGINT`) or decimal digits (pg `int8`). */
  readonly seq: number | bigint | string;
  /** The event type. */
  readonly type: string;
  /** A `Date`, ISO 8601 text with an offset, or `timestamptz` text. */
  readonly at: Date | string;
  /** Who did it; null or absent for nobody. */
  readonly by?: string | null | undefined;
  /** The client id; null or absent for none. */
  readonly id?: string | null | undefined;
  /** JSON text, or the value a driver parsed from a `jsonb`/`json` column. */
  readonly payload: string | object;
}

/**
 * A pipeline as a database row (table `pipelines`), as {@link pipelineToRow} writes
 * it: the whole definition is one JSON document (a pipeline is read and written whole).
 *
 * @category Storage
 */
export type PipelineRow = {
  /** The pipeline id (primary key); equal to the document's `id`. */
  readonly id: string;
  /** The pipeline's wire form ({@link serializePipeline}) as JSON text. */
  readonly document: string;
};

/**
 * A pipeline row as a driver returns it, for {@link pipelineFromRow}.
 *
 * @category Storage
 */
export interface PipelineRowInput {
  /** The pipeline id; must equal the document's `id`. */
  readonly id: string;
  /** JSON text or a parsed `jsonb` value. */
  readonly document: string | object;
}
