import type * as z from 'zod';
import type { Locale } from '../i18n/codes.js';
import { customerSchema, serializeCustomer, type Customer, type CustomerJson } from '../model/customer.js';
import { opportunitySchema, opportunitySchemaFor, serializeOpportunity, type Opportunity, type OpportunityJson } from '../model/opportunity.js';
import { pipelineSchema, serializePipeline, type Pipeline, type PipelineJson } from '../model/pipeline.js';
import { instantSchema } from '../model/primitives.js';
import { toFunnelIssues } from '../model/toFunnelIssues.js';

/** The data a report runs on: a pipeline, its customers and deals, and maybe a date. */
export interface ReportInput {
  readonly pipeline: Pipeline;
  readonly customers: readonly Customer[];
  readonly opportunities: readonly Opportunity[];
  /** The file's own `asOf`, when it has one. */
  readonly asOf?: Date;
}

/** The JSON wire form of a {@link ReportInput}, as `sales-funnel sample` prints it. */
export interface ReportInputJson {
  readonly asOf?: string;
  readonly pipeline: PipelineJson;
  readonly customers: readonly CustomerJson[];
  readonly opportunities: readonly OpportunityJson[];
}

/** One problem in an input file: the full path of the offending field and a message. */
export interface InputIssue {
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a parsed JSON document `{ pipeline, customers?, opportunities, asOf? }`
 * with the library's schemas and collects every issue, each with its full path from
 * the document's root (`opportunities.3.amount`) and a message in `locale`. Deals are
 * checked against the pipeline when the pipeline itself is valid.
 *
 * @param json - The result of `JSON.parse`.
 * @param locale - Language of the messages.
 * @returns The domain data, or all issues.
 *
 * @example
 * ```ts
 * const r = parseReportInput({ pipeline: {}, opportunities: [] }, 'en');
 * r.ok; //=> false
 * ```
 */
export function parseReportInput(
  json: unknown,
  locale: Locale,
): { readonly ok: true; readonly input: ReportInput } | { readonly ok: false; readonly issues: readonly InputIssue[] } {
  const issues: InputIssue[] = [];
  const collect = (error: z.ZodError, prefix: ReadonlyArray<string | number>) => {
    for (const issue of toFunnelIssues(error, locale)) issues.push({ path: [...prefix, ...(issue.path ?? [])], message: issue.message });
  };
  if (!isRecord(json)) {
    const message = locale === 'zh-CN' ? '应为包含 pipeline 和 opportunities 的 JSON 对象' : 'Expected a JSON object with "pipeline" and "opportunities"';
    return { ok: false, issues: [{ path: [], message }] };
  }

  let asOf: Date | undefined;
  if (json['asOf'] !== undefined) {
    const r = instantSchema.safeParse(json['asOf']);
    if (r.success) asOf = r.data;
    else collect(r.error, ['asOf']);
  }

  const p = pipelineSchema.safeParse(json['pipeline']);
  if (!p.success) collect(p.error, ['pipeline']);
  const pipeline = p.success ? p.data : undefined;

  const customers: Customer[] = [];
  const rawCustomers = json['customers'] ?? [];
  if (Array.isArray(rawCustomers)) {
    rawCustomers.forEach((c, i) => {
      const r = customerSchema.safeParse(c);
      if (r.success) customers.push(r.data);
      else collect(r.error, ['customers', i]);
    });
  } else {
    issues.push({ path: ['customers'], message: locale === 'zh-CN' ? '应为数组' : 'Expected an array' });
  }

  const opportunities: Opportunity[] = [];
  const rawOpportunities = json['opportunities'];
  if (Array.isArray(rawOpportunities)) {
    const schema = pipeline === undefined ? opportunitySchema : opportunitySchemaFor(pipeline);
    rawOpportunities.forEach((o, i) => {
      const r = schema.safeParse(o);
      if (r.success) opportunities.push(r.data);
      else collect(r.error, ['opportunities', i]);
    });
  } else {
    issues.push({ path: ['opportunities'], message: locale === 'zh-CN' ? '应为商机数组' : 'Expected an array of opportunities' });
  }

  if (issues.length > 0 || pipeline === undefined) return { ok: false, issues };
  return { ok: true, input: { pipeline, customers, opportunities, ...(asOf === undefined ? {} : { asOf }) } };
}

/**
 * The JSON wire form of report input, through the library's `serialize*` functions,
 * so that {@link parseReportInput} reads it back to equal data.
 *
 * @param input - Domain data.
 * @returns Plain JSON data.
 *
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
  };
}

/**
 * The latest instant recorded anywhere in the deals (ledger events, task completions,
 * `closedAt`): the default report date for a file without `asOf`.
 *
 * @param opportunities - The deals.
 * @returns The latest instant, or `undefined` when there is none.
 *
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
