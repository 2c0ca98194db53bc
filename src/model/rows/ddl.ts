/**
 * The PostgreSQL schema for the row codecs: tables `pipelines`, `customers` (the
 * header, with `version` for optimistic locking), `customer_events` (the customer's
 * append-only ledger: claims, releases, reclaims, assignments, activities),
 * `opportunities` (the header, with `version`) and `opportunity_events` (the deal's
 * ledger, one row per event). Column names are those of {@link PipelineRow},
 * {@link CustomerRow}, {@link CustomerEventRow}, {@link OpportunityRow} and
 * {@link EventRow}, in the same order.
 *
 * - Amounts are `numeric(45, 20)`: 25 digits before the point and 20 after hold every
 *   decimal the library accepts (see {@link DECIMAL_LIMITS}) exactly; probabilities
 *   `numeric(21, 20)`. Read them as text (pg and PGlite do by default).
 * - Calendar dates are `date` (read them as text: `expected_close_date::text`);
 *   instants `timestamptz` (a `Date` when read is fine).
 * - JSON columns are `jsonb`: query them (`payload->>'to'`); drivers return them parsed,
 *   which the decoders accept.
 * - `opportunities.source` (where the deal came from, null for none) is the last
 *   column: a table made before it existed gets it with
 *   `ALTER TABLE opportunities ADD COLUMN source jsonb;` (DuckDB:
 *   `ALTER TABLE opportunities ADD COLUMN source JSON;`), in the same place.
 * - `opportunity_events` has the primary key (`opportunity_id`, `seq`), the last line
 *   of defence against two writers appending the same position, and a unique
 *   (`opportunity_id`, `id`) for client ids (NULL ids do not collide);
 *   `customer_events` likewise with `customer_id`.
 *
 * Run it once (`CREATE TABLE IF NOT EXISTS`, so running it again changes nothing).
 * PostgreSQL `text` holds neither NUL characters nor unpaired UTF-16 surrogates.
 *
 * @category Storage
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import { POSTGRES_DDL } from 'sales-funnel';
 * const db = await PGlite.create();
 * await db.exec(POSTGRES_DDL);
 * ```
 */
export const POSTGRES_DDL = `CREATE TABLE IF NOT EXISTS pipelines (
  id       text  PRIMARY KEY,
  document jsonb NOT NULL
);

CREATE TABLE IF NOT EXISTS customers (
  id         text        PRIMARY KEY,
  name       text        NOT NULL,
  short_name text,
  owner_id   text,
  region     text,
  industry   text,
  segment    text        NOT NULL CHECK (segment IN ('new', 'existing')),
  priority   text        NOT NULL CHECK (priority IN ('high', 'medium', 'low')),
  tags       jsonb       NOT NULL,
  attributes jsonb       NOT NULL,
  contacts   jsonb       NOT NULL,
  created_at timestamptz,
  pool_id    text,
  version    integer     NOT NULL CHECK (version >= 0)
);

CREATE TABLE IF NOT EXISTS customer_events (
  customer_id text        NOT NULL REFERENCES customers (id),
  seq         integer     NOT NULL CHECK (seq >= 1),
  type        text        NOT NULL,
  at          timestamptz NOT NULL,
  by          text,
  id          text,
  payload     jsonb       NOT NULL,
  PRIMARY KEY (customer_id, seq),
  UNIQUE (customer_id, id)
);

CREATE TABLE IF NOT EXISTS opportunities (
  id                         text            PRIMARY KEY,
  customer_id                text            NOT NULL REFERENCES customers (id),
  pipeline_id                text            NOT NULL REFERENCES pipelines (id),
  name                       text            NOT NULL,
  amount                     numeric(45, 20) NOT NULL,
  currency                   char(3)         NOT NULL,
  expected_close_date        date,
  region                     text,
  stage_id                   text            NOT NULL,
  status                     text            NOT NULL CHECK (status IN ('open', 'suspended', 'won', 'lost')),
  probability_override       numeric(21, 20) CHECK (probability_override BETWEEN 0 AND 1),
  forecast_category_override text,
  owner_id                   text            NOT NULL,
  splits                     jsonb,
  completed_tasks            jsonb           NOT NULL,
  closed_at                  timestamptz,
  loss_reason                text,
  competitor                 text,
  attributes                 jsonb           NOT NULL,
  version                    integer         NOT NULL CHECK (version >= 0),
  source                     jsonb
);

CREATE TABLE IF NOT EXISTS opportunity_events (
  opportunity_id text        NOT NULL REFERENCES opportunities (id),
  seq            integer     NOT NULL CHECK (seq >= 1),
  type           text        NOT NULL,
  at             timestamptz NOT NULL,
  by             text,
  id             text,
  payload        jsonb       NOT NULL,
  PRIMARY KEY (opportunity_id, seq),
  UNIQUE (opportunity_id, id)
);

CREATE INDEX IF NOT EXISTS opportunities_pipeline ON opportunities (pipeline_id);
CREATE INDEX IF NOT EXISTS opportunities_customer ON opportunities (customer_id);
CREATE INDEX IF NOT EXISTS customers_owner ON customers (owner_id);
`;

/**
 * The DuckDB schema for the row codecs: the tables and columns of
 * {@link POSTGRES_DDL}, in DuckDB's types.
 *
 * - Amounts are `DECIMAL(38, 20)`: DuckDB's widest decimal keeps the library's 20
 *   digits after the point and holds amounts below 10¹⁸ exactly; a larger amount is
 *   refused by DuckDB with a conversion error, never rounded (use `VARCHAR` if you need
 *   the library's whole range). Read them as text (`getRowObjectsJson()` or
 *   `CAST(amount AS VARCHAR)`), never as JavaScript numbers.
 * - Instants are `TIMESTAMPTZ`, calendar dates `DATE`, JSON columns `JSON` (text).
 *   `getRowObjectsJson()` returns every column in a form the decoders read (timestamps
 *   as UTC text). Avoid `CAST(at AS VARCHAR)` in a session time zone other than UTC:
 *   DuckDB drops the seconds of historical offsets (local mean time before 1900).
 * - Columns `"at"` and `"by"` are quoted: both are keywords in DuckDB.
 * - No foreign keys: DuckDB refuses to update a row that a foreign key refers to, and
 *   the header row is updated on every append.
 *
 * @category Storage
 * @example
 * ```ts
 * import { DuckDBInstance } from '@duckdb/node-api';
 * import { DUCKDB_DDL } from 'sales-funnel';
 * const db = await (await DuckDBInstance.create(':memory:')).connect();
 * await db.run(DUCKDB_DDL);
 * ```
 */
export const DUCKDB_DDL = `CREATE TABLE IF NOT EXISTS pipelines (
  id       VARCHAR PRIMARY KEY,
  document JSON    NOT NULL
);

CREATE TABLE IF NOT EXISTS customers (
  id         VARCHAR     PRIMARY KEY,
  name       VARCHAR     NOT NULL,
  short_name VARCHAR,
  owner_id   VARCHAR,
  region     VARCHAR,
  industry   VARCHAR,
  segment    VARCHAR     NOT NULL CHECK (segment IN ('new', 'existing')),
  priority   VARCHAR     NOT NULL CHECK (priority IN ('high', 'medium', 'low')),
  tags       JSON        NOT NULL,
  attributes JSON        NOT NULL,
  contacts   JSON        NOT NULL,
  created_at TIMESTAMPTZ,
  pool_id    VARCHAR,
  version    INTEGER     NOT NULL CHECK (version >= 0)
);

CREATE TABLE IF NOT EXISTS customer_events (
  customer_id VARCHAR     NOT NULL,
  seq         INTEGER     NOT NULL CHECK (seq >= 1),
  type        VARCHAR     NOT NULL,
  "at"        TIMESTAMPTZ NOT NULL,
  "by"        VARCHAR,
  id          VARCHAR,
  payload     JSON        NOT NULL,
  PRIMARY KEY (customer_id, seq),
  UNIQUE (customer_id, id)
);

CREATE TABLE IF NOT EXISTS opportunities (
  id                         VARCHAR         PRIMARY KEY,
  customer_id                VARCHAR         NOT NULL,
  pipeline_id                VARCHAR         NOT NULL,
  name                       VARCHAR         NOT NULL,
  amount                     DECIMAL(38, 20) NOT NULL,
  currency                   VARCHAR         NOT NULL,
  expected_close_date        DATE,
  region                     VARCHAR,
  stage_id                   VARCHAR         NOT NULL,
  status                     VARCHAR         NOT NULL CHECK (status IN ('open', 'suspended', 'won', 'lost')),
  probability_override       DECIMAL(21, 20) CHECK (probability_override BETWEEN 0 AND 1),
  forecast_category_override VARCHAR,
  owner_id                   VARCHAR         NOT NULL,
  splits                     JSON,
  completed_tasks            JSON            NOT NULL,
  closed_at                  TIMESTAMPTZ,
  loss_reason                VARCHAR,
  competitor                 VARCHAR,
  attributes                 JSON            NOT NULL,
  version                    INTEGER         NOT NULL CHECK (version >= 0),
  source                     JSON
);

CREATE TABLE IF NOT EXISTS opportunity_events (
  opportunity_id VARCHAR     NOT NULL,
  seq            INTEGER     NOT NULL CHECK (seq >= 1),
  type           VARCHAR     NOT NULL,
  "at"           TIMESTAMPTZ NOT NULL,
  "by"           VARCHAR,
  id             VARCHAR,
  payload        JSON        NOT NULL,
  PRIMARY KEY (opportunity_id, seq),
  UNIQUE (opportunity_id, id)
);
`;
