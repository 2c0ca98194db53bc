import {
  instantSchema,
  makeIssue,
  moneySchema,
  pipelineSchema,
  poolRulesSchema,
  safeParseBook,
  serializeCustomer,
  serializeOpportunity,
  serializePipeline,
  toFunnelIssues,
  type Customer,
  type CustomerJson,
  type FunnelIssue,
  type Locale,
  type Money,
  type Opportunity,
  type OpportunityJson,
  type Pipeline,
  type PipelineJson,
  type PoolRules,
  type RejectedRecord,
} from '../index.js';

/** A person the deals name (an owner, a manager): the user id and the name people know. */
export interface ReportUser {
  readonly id: string;
  readonly name: string;
}

/** A marketing campaign the deals' `source.campaignId` names, with what it cost. */
export interface ReportCampaign {
  readonly id: string;
  readonly name: string;
  readonly cost: Money;
  readonly channel?: string;
}

/** The reps' quotas for one period (a calendar quarter `2026-Q4`, month `2026-11` or year `2026`), in the pipeline's currency. */
export interface ReportQuotas {
  readonly period: string;
  readonly reps: readonly { readonly id: string; readonly quota: Money }[];
}

/**
 * How often customers must be followed up, in days: one number for all, or a number per
 * customer priority (`{ "high": 7, "medium": 14, "low": 30 }`).
 */
export type ReportCadence = number | Readonly<Record<string, number>>;

/**
 * The data a report runs on: a pipeline, its customers and deals, and maybe a date,
 * people's names, the customer pool's rules, the follow-up cadence, campaigns and quotas.
 */
export interface ReportInput {
  readonly pipeline: Pipeline;
  readonly customers: readonly Customer[];
  readonly opportunities: readonly Opportunity[];
  /** The file's own `asOf`, when it has one. */
  readonly asOf?: Date;
  /** Names of the user ids the deals use (owners): the report shows a name where it has one, the id otherwise. */
  readonly users?: readonly ReportUser[];
  /** The rules of the customer pool (公海): the customer section's due and warning lists. */
  readonly poolRules?: PoolRules;
  /** The follow-up cadence: the customer section's overdue follow-ups. */
  readonly followUpCadenceDays?: ReportCadence;
  /** Marketing campaigns: the campaign section. */
  readonly campaigns?: readonly ReportCampaign[];
  /** Quotas: the rep scorecard's attainment. */
  readonly quotas?: ReportQuotas;
}

/** Money on the wire: an exact decimal string and an ISO 4217 code. */
export interface MoneyJson {
  readonly amount: string;
  readonly currency: string;
}

/** The JSON wire form of a {@link ReportInput}, as `sales-funnel sample` prints it. */
export interface ReportInputJson {
  readonly asOf?: string;
  readonly pipeline: PipelineJson;
  readonly customers: readonly CustomerJson[];
  readonly opportunities: readonly OpportunityJson[];
  readonly users?: readonly ReportUser[];
  readonly poolRules?: PoolRules;
  readonly followUpCadenceDays?: ReportCadence;
  readonly campaigns?: readonly { readonly id: string; readonly name: string; readonly cost: MoneyJson; readonly channel?: string }[];
  readonly quotas?: { readonly period: string; readonly reps: readonly { readonly id: string; readonly quota: MoneyJson }[] };
}

/**
 * How much of the problems of a file is kept; the rest is only counted, so that a file
 * of millions of bad records is read in bounded memory.
 */
export interface InputLimits {
  /**
   * Problems kept per rejected record (`safeParseBook`'s `maxIssuesPerRecord`).
   *
   * @defaultValue 5
   */
  readonly issuesPerRecord?: number;
  /**
   * Problems kept over all rejected records (`safeParseBook`'s `maxIssues`); the
   * records after that are counted, not listed.
   *
   * @defaultValue 500
   */
  readonly issues?: number;
}

/** What was read from a usable file: the valid records, and the rejected ones. */
export interface InputReading {
  /** The valid records (a duplicated record once: its first occurrence). */
  readonly input: ReportInput;
  /** Records read, per collection. */
  readonly read: {
    readonly customers: number;
    readonly opportunities: number;
    /**
     * Rows of the event files (CSV / NDJSON input) rejected on their own, each a
     * rejected record: rows that cannot be read, and the rows of a deal or customer that
     * is not in its file (one record per id). Absent when there are none.
     */
    readonly strayEvents?: number;
  };
  /** Records left out. */
  readonly rejected: {
    /** Every rejected record, duplicates included. */
    readonly count: number;
    /** Of which: later occurrences of an id already read in the same collection. */
    readonly duplicates: number;
    /** The first rejected records, in file order, with their problems (paths from the file's root). */
    readonly records: readonly RejectedRecord[];
  };
}

/** Why a file cannot be used at all: not the expected shape, or no usable pipeline. */
export interface UnusableInput {
  /** The problems, paths from the file's root (the first {@link InputLimits.issues}). */
  readonly issues: readonly FunnelIssue[];
  /** Problems beyond those listed. */
  readonly moreIssues: number;
}

/** Result of {@link readReportInput}. */
export type ReadReportInput = { readonly ok: true; readonly reading: InputReading } | { readonly ok: false; readonly unusable: UnusableInput };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SHAPE = {
  en: {
    root: 'Expected a JSON object with "pipeline" and "opportunities"',
    array: 'Expected an array',
    opportunities: 'Expected an array of opportunities',
    pipeline: 'Expected the pipeline the deals belong to',
    users: 'Expected an array of { id, name } with non-empty strings',
    cadence: 'Expected a whole number of days from 1 to 3650, or an object of them by customer priority',
    campaigns: "Expected an array of { id, name, cost, channel? } with unique ids, costs in the pipeline's currency",
    quotas: "Expected { period, reps: [{ id, quota }] } with a period such as 2026-Q4, 2026-11 or 2026, quotas in the pipeline's currency",
  },
  'zh-CN': {
    root: '应为包含 pipeline 和 opportunities 的 JSON 对象',
    array: '应为数组',
    opportunities: '应为商机数组',
    pipeline: '缺少商机所属的销售漏斗（pipeline）',
    users: '应为 { id, name } 组成的数组，且均为非空字符串',
    cadence: '应为 1 到 3650 之间的整数天数，或按客户优先级给出的天数对象',
    campaigns: '应为 { id, name, cost, channel? } 组成的数组，id 不重复，费用使用销售漏斗的币种',
    quotas: '应为 { period, reps: [{ id, quota }] }，period 形如 2026-Q4、2026-11 或 2026，指标使用销售漏斗的币种',
  },
} as const;

function shapeIssue(path: readonly (string | number)[], message: string): FunnelIssue {
  return makeIssue('invalid_schema', { zodCode: 'invalid_type', message, path: path.join('.') }, { path }) as FunnelIssue;
}

/** The string `id` of a raw record, if it has one. */
function rawId(record: unknown, key = 'id'): string | undefined {
  if (!isRecord(record)) return undefined;
  const id = record[key];
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

/** Records whose id repeats an earlier record's in the same list (as `safeParseBook` flags them). */
function countDuplicates(records: readonly unknown[]): number {
  const seen = new Set<string>();
  let n = 0;
  for (const r of records) {
    const id = rawId(r);
    if (id === undefined) continue;
    if (seen.has(id)) n++;
    else seen.add(id);
  }
  return n;
}

/**
 * Without a customer list the file cannot say which customers exist: every customer a
 * deal names stands for itself (a placeholder `{ id, name: id }`), so deals are not
 * checked against a list. The placeholders are not part of the report's input.
 */
function placeholderCustomers(opportunities: readonly unknown[]): { id: string; name: string }[] {
  const ids = new Set<string>();
  for (const o of opportunities) {
    const id = rawId(o, 'customerId');
    if (id !== undefined) ids.add(id);
  }
  return [...ids].map((id) => ({ id, name: id }));
}

/** The optional `users` list: `undefined` when absent, `null` when malformed. */
function readUsers(value: unknown): readonly ReportUser[] | undefined | null {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return null;
  const users: ReportUser[] = [];
  for (const u of value) {
    if (!isRecord(u) || typeof u['id'] !== 'string' || u['id'] === '' || typeof u['name'] !== 'string' || u['name'].trim() === '') return null;
    users.push({ id: u['id'], name: u['name'] });
  }
  return users;
}

/** A follow-up cadence: whole days, one for all or one per priority; `null` when malformed. */
function readCadence(value: unknown): ReportCadence | null {
  const days = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 3650;
  if (days(value)) return value as number;
  if (!isRecord(value) || Object.keys(value).length === 0 || !Object.values(value).every(days)) return null;
  return Object.fromEntries(Object.entries(value)) as Record<string, number>;
}

/** A non-negative amount in `currency` (the pipeline's: the report has no exchange rates). */
function readMoney(value: unknown, currency: string | undefined): Money | undefined {
  const r = moneySchema.safeParse(value);
  return r.success && r.data.amount.gte(0) && (currency === undefined || r.data.currency === currency) ? r.data : undefined;
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Campaigns `[{ id, name, cost, channel? }]`; `null` when malformed. */
function readCampaigns(value: unknown, currency: string | undefined): ReportCampaign[] | null {
  if (!Array.isArray(value)) return null;
  const out: ReportCampaign[] = [];
  const ids = new Set<string>();
  for (const c of value) {
    if (!isRecord(c) || !nonEmpty(c['id']) || !nonEmpty(c['name']) || ids.has(c['id'])) return null;
    const cost = readMoney(c['cost'], currency);
    if (cost === undefined || (c['channel'] !== undefined && !nonEmpty(c['channel']))) return null;
    ids.add(c['id']);
    out.push({ id: c['id'], name: c['name'], cost, ...(c['channel'] === undefined ? {} : { channel: c['channel'] as string }) });
  }
  return out;
}

/** Quotas `{ period, reps: [{ id, quota }] }` for a calendar quarter, month or year; `null` when malformed. */
function readQuotas(value: unknown, currency: string | undefined): ReportQuotas | null {
  if (!isRecord(value) || typeof value['period'] !== 'string' || !/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/.test(value['period'])) return null;
  const reps = value['reps'];
  if (!Array.isArray(reps) || reps.length === 0) return null;
  const out: { id: string; quota: Money }[] = [];
  for (const r of reps) {
    if (!isRecord(r) || !nonEmpty(r['id']) || out.some((q) => q.id === r['id'])) return null;
    const quota = readMoney(r['quota'], currency);
    if (quota === undefined) return null;
    out.push({ id: r['id'], quota });
  }
  return { period: value['period'], reps: out };
}

/**
 * The report has no exchange rates: a deal in another currency than the pipeline's is
 * rejected (`currency_mismatch` at `opportunities.<i>.amount.currency`).
 */
function inPipelineCurrency(
  deals: readonly Opportunity[],
  raw: readonly unknown[],
  pipeline: Pipeline,
  locale: Locale,
  budget: number,
): { readonly kept: Opportunity[]; readonly rejected: RejectedRecord[]; readonly count: number } {
  const kept: Opportunity[] = [];
  const rejected: RejectedRecord[] = [];
  let count = 0;
  let indexOf: Map<string, number> | undefined;
  for (const o of deals) {
    if (o.amount.currency === pipeline.currency) {
      kept.push(o);
      continue;
    }
    count++;
    if (rejected.length >= budget) continue; // counted, not listed
    // Valid deals have unique ids: find the record's position once, when first needed.
    indexOf ??= new Map(raw.map((r, i) => [rawId(r) ?? '', i]).reverse() as [string, number][]);
    const index = indexOf.get(o.id) ?? -1;
    const path = ['opportunities', index] as const;
    const issue = makeIssue('currency_mismatch', { left: o.amount.currency, right: pipeline.currency }, { locale, path: [...path, 'amount', 'currency'] });
    rejected.push({ collection: 'opportunities', index, path, id: o.id, issues: [issue], issueCount: 1 });
  }
  return { kept, rejected, count };
}

/**
 * Reads a parsed JSON document `{ pipeline, customers?, opportunities, asOf?, users?,
 * poolRules?, followUpCadenceDays?, campaigns?, quotas? }` as
 * report input, record by record, with the library's `safeParseBook`: the valid
 * records are kept, and every other record is rejected with its path
 * (`opportunities.3`) and its problems (each with its full path from the document's
 * root and a message in `locale`). A record is rejected when the library's schema
 * refuses it (deals are checked against the pipeline, ledger replayed), when its id
 * repeats an earlier record's (`duplicate_id`: the first one counts, once), when a deal
 * names another pipeline (`missing_pipeline`) or a customer the file does not list
 * (`missing_customer`; a file without `customers` is not checked against a list), and —
 * the CLI's own rule, as the report has no exchange rates — when a deal's amount is in
 * another currency than the pipeline's (`currency_mismatch`).
 *
 * The file cannot be used at all, and nothing is reported, when it is not an object,
 * when `customers` or `opportunities` is not an array, when `users` is not a list of
 * `{ id, name }` (non-empty strings), when its `asOf` is not an
 * instant, when its pipeline is missing or invalid, or when one of the optional settings
 * is malformed: `poolRules` (the library's pool rules), `followUpCadenceDays` (whole
 * days, or days by customer priority), `campaigns` (`[{ id, name, cost, channel? }]`) or
 * `quotas` (`{ period, reps: [{ id, quota }] }`).
 *
 * Problems are kept up to {@link InputLimits} and counted beyond, so memory stays
 * bounded whatever the number of bad records.
 *
 * @param json - The result of `JSON.parse`.
 * @param locale - Language of the messages.
 * @param limits - How many problems to keep.
 * @returns The reading, or why the file cannot be used.
 *
 * @category CLI
 * @example
 * ```ts
 * const r = readReportInput({ pipeline: {}, opportunities: [] }, 'en');
 * r.ok; //=> false
 * ```
 */
export function readReportInput(json: unknown, locale: Locale, limits: InputLimits = {}): ReadReportInput {
  const maxIssuesPerRecord = limits.issuesPerRecord ?? 5;
  const maxIssues = limits.issues ?? 500;
  const words = SHAPE[locale];
  const problems: FunnelIssue[] = [];
  const unusable = (): ReadReportInput => ({ ok: false, unusable: { issues: problems.slice(0, maxIssues), moreIssues: Math.max(0, problems.length - maxIssues) } });

  if (!isRecord(json)) {
    problems.push(shapeIssue([], words.root));
    return unusable();
  }
  let asOf: Date | undefined;
  if (json['asOf'] !== undefined) {
    const r = instantSchema.safeParse(json['asOf']);
    if (r.success) asOf = r.data;
    else problems.push(...toFunnelIssues(r.error, locale).map((i) => ({ ...i, path: ['asOf', ...(i.path ?? [])] })));
  }
  let pipelineCurrency: string | undefined;
  if (json['pipeline'] === undefined) problems.push(shapeIssue(['pipeline'], words.pipeline));
  else {
    const p = pipelineSchema.safeParse(json['pipeline']);
    if (!p.success) problems.push(...toFunnelIssues(p.error, locale).map((i) => ({ ...i, path: ['pipeline', ...(i.path ?? [])] })));
    else pipelineCurrency = p.data.currency;
  }
  const rawCustomers = json['customers'];
  if (rawCustomers !== undefined && !Array.isArray(rawCustomers)) problems.push(shapeIssue(['customers'], words.array));
  const rawOpportunities = json['opportunities'];
  if (!Array.isArray(rawOpportunities)) problems.push(shapeIssue(['opportunities'], words.opportunities));
  const users = readUsers(json['users']);
  if (users === null) problems.push(shapeIssue(['users'], words.users));
  let poolRules: PoolRules | undefined;
  if (json['poolRules'] !== undefined) {
    const r = poolRulesSchema.safeParse(json['poolRules']);
    if (r.success) poolRules = r.data as PoolRules;
    else problems.push(...toFunnelIssues(r.error, locale).map((i) => ({ ...i, path: ['poolRules', ...(i.path ?? [])] })));
  }
  const cadence = json['followUpCadenceDays'] === undefined ? undefined : readCadence(json['followUpCadenceDays']);
  if (cadence === null) problems.push(shapeIssue(['followUpCadenceDays'], words.cadence));
  const campaigns = json['campaigns'] === undefined ? undefined : readCampaigns(json['campaigns'], pipelineCurrency);
  if (campaigns === null) problems.push(shapeIssue(['campaigns'], words.campaigns));
  const quotas = json['quotas'] === undefined ? undefined : readQuotas(json['quotas'], pipelineCurrency);
  if (quotas === null) problems.push(shapeIssue(['quotas'], words.quotas));
  if (problems.length > 0 || !Array.isArray(rawOpportunities)) return unusable();

  const customers: readonly unknown[] = Array.isArray(rawCustomers) ? rawCustomers : placeholderCustomers(rawOpportunities);
  const book = safeParseBook({ pipelines: [json['pipeline']], customers, opportunities: rawOpportunities }, { locale, maxIssuesPerRecord, maxIssues });
  const pipeline = book.pipelines[0]!; // checked above
  const listedIssues = book.rejected.reduce((n, r) => n + r.issues.length, 0);
  const currency = inPipelineCurrency(book.opportunities, rawOpportunities, pipeline, locale, maxIssues - listedIssues);
  const listed = [...book.rejected, ...currency.rejected].sort((a, b) => (a.collection === b.collection ? a.index - b.index : a.collection === 'customers' ? -1 : 1));
  return {
    ok: true,
    reading: {
      input: {
        pipeline,
        customers: Array.isArray(rawCustomers) ? book.customers : [],
        opportunities: currency.kept,
        ...(asOf === undefined ? {} : { asOf }),
        ...(users === undefined || users === null ? {} : { users }),
        ...(poolRules === undefined ? {} : { poolRules }),
        ...(cadence === undefined || cadence === null ? {} : { followUpCadenceDays: cadence }),
        ...(campaigns === undefined || campaigns === null ? {} : { campaigns }),
        ...(quotas === undefined || quotas === null ? {} : { quotas }),
      },
      read: { customers: Array.isArray(rawCustomers) ? rawCustomers.length : 0, opportunities: rawOpportunities.length },
      rejected: {
        count: book.rejectedCount + currency.count,
        duplicates: (Array.isArray(rawCustomers) ? countDuplicates(rawCustomers) : 0) + countDuplicates(rawOpportunities),
        records: listed,
      },
    },
  };
}

/**
 * The JSON wire form of report input, through the library's `serialize*` functions,
 * so that {@link readReportInput} reads it back to equal data.
 *
 * @param input - Domain data.
 * @returns Plain JSON data.
 *
 * @category CLI
 * @example
 * ```ts
 * const text = JSON.stringify(serializeReportInput(buildSample()), null, 2);
 * ```
 */
export function serializeReportInput(input: ReportInput): ReportInputJson {
  return {
    ...(input.asOf === undefined ? {} : { asOf: input.asOf.toISOString() }),
    pipeline: serializePipeline(input.pipeline),
    customers: input.customers.map(serializeCustomer),
    opportunities: input.opportunities.map(serializeOpportunity),
    ...(input.users === undefined ? {} : { users: input.users.map((u) => ({ id: u.id, name: u.name })) }),
    ...(input.poolRules === undefined ? {} : { poolRules: input.poolRules }),
    ...(input.followUpCadenceDays === undefined ? {} : { followUpCadenceDays: input.followUpCadenceDays }),
    ...(input.campaigns === undefined
      ? {}
      : { campaigns: input.campaigns.map((c) => ({ id: c.id, name: c.name, cost: moneyJson(c.cost), ...(c.channel === undefined ? {} : { channel: c.channel }) })) }),
    ...(input.quotas === undefined ? {} : { quotas: { period: input.quotas.period, reps: input.quotas.reps.map((r) => ({ id: r.id, quota: moneyJson(r.quota) })) } }),
  };
}

function moneyJson(m: Money): MoneyJson {
  return { amount: m.amount.toFixed(), currency: m.currency };
}

/**
 * The latest instant recorded anywhere in the deals (ledger events, task completions,
 * `closedAt`): the default report date for a file without `asOf`.
 *
 * @param opportunities - The deals.
 * @returns The latest instant, or `undefined` when there is none.
 *
 * @category CLI
 * @example
 * ```ts
 * latestInstant([])?.toISOString(); //=> undefined
 * ```
 */
export function latestInstant(opportunities: readonly Opportunity[]): Date | undefined {
  let latest = -Infinity;
  for (const o of opportunities) {
    for (const e of o.history) latest = Math.max(latest, e.at.getTime());
    for (const t of Object.values(o.completedTasks)) latest = Math.max(latest, t.at.getTime());
    if (o.closedAt !== undefined) latest = Math.max(latest, o.closedAt.getTime());
  }
  return Number.isFinite(latest) ? new Date(latest) : undefined;
}
