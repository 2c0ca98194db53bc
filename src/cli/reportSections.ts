// The sections of the report that manage the funnel week by week (issue 13) and the
// customer section (issue 12): each the result of one library function, reduced to plain
// data a renderer shows. `report.ts` calls them; a section whose input is missing is
// absent, with the reason in `Report.omitted`.
import {
  addMonths,
  attainmentFromDeals,
  campaignEffectiveness,
  classifyABCD,
  Decimal,
  followUpDue,
  forecastMovement,
  funnelSnapshot,
  periodOf,
  pipelineHealth,
  plainDateOf,
  poolStatus,
  startOfPlainDate,
  winLoss,
  type AbcdClass,
  type Customer,
  type ForecastMovementKind,
  type HealthCode,
  type IssueParams,
  type Locale,
  type Opportunity,
  type PoolRuleName,
  type PoolRules,
} from '../index.js';
import type { ReportCadence, ReportInput } from './input.js';

/** What every section reads: the input, the report date and zone, and lookups. */
export interface SectionContext {
  readonly input: ReportInput;
  readonly asOf: Date;
  readonly timeZone: string;
  readonly locale: Locale;
  readonly nameOf: (stageId: string) => string;
  readonly byId: ReadonlyMap<string, Opportunity>;
}

/** A deal named in a section: its id, name and owner. */
export interface ReportDealRef {
  readonly opportunityId: string;
  readonly name: string;
  readonly ownerId: string;
}

function dealRef(ctx: SectionContext, id: string): ReportDealRef {
  const o = ctx.byId.get(id);
  return { opportunityId: id, name: o?.name ?? id, ownerId: o?.ownerId ?? '' };
}

// ---------------------------------------------------------------------------------------
// Movement since a date (本期变化)

/** One kind of change of the forecast movement. */
export interface ReportMovementRow {
  readonly kind: ForecastMovementKind;
  /** Its effect on the weighted forecast of the period. */
  readonly delta: Decimal;
  /** The deals it moved. */
  readonly deals: readonly ReportDealRef[];
}

/**
 * What changed in the weighted forecast of the current quarter between `from` (`--since`)
 * and `to` (the report date), from `forecastMovement`: start + Σ deltas = end.
 */
export interface ReportMovement {
  readonly from: Date;
  readonly to: Date;
  /** The quarter whose forecast moved: the quarter of the report date. */
  readonly period: string;
  readonly start: Decimal;
  readonly end: Decimal;
  readonly change: Decimal;
  /** Every kind, in the library's fixed order (a kind that moved nothing has no deals). */
  readonly rows: readonly ReportMovementRow[];
}

/** Movement of the current quarter's weighted forecast since `since` (`forecastMovement`). */
export function movementSection(ctx: SectionContext, since: Date): ReportMovement {
  const period = periodOf(ctx.asOf, { unit: 'quarter', timeZone: ctx.timeZone });
  const m = forecastMovement(ctx.input.opportunities, ctx.input.pipeline, { from: since, to: ctx.asOf, period, timeZone: ctx.timeZone });
  return {
    from: m.from,
    to: m.to,
    period,
    start: m.total.start.amount,
    end: m.total.end.amount,
    change: m.total.change.amount,
    rows: m.total.rows.map((r) => ({ kind: r.kind, delta: r.delta.amount, deals: r.dealIds.map((id) => dealRef(ctx, id)) })),
  };
}

// ---------------------------------------------------------------------------------------
// Win / loss (赢单 / 输单分析)

/** A count and an amount. */
export interface ReportCountAmount {
  readonly count: number;
  readonly amount: Decimal;
}

/** One line of a loss breakdown: its key (`null`: not recorded), count, amount and share of the lost deals. */
export interface ReportLossRow extends ReportCountAmount {
  readonly key: string | null;
  /** count ÷ lost deals. */
  readonly share: number | null;
}

/** The win / loss section: deals decided in the window, why they were lost and to whom. */
export interface ReportWinLoss {
  /** The window `[from, to)`: the twelve months up to the report date. */
  readonly from: Date;
  readonly to: Date;
  readonly won: ReportCountAmount;
  readonly lost: ReportCountAmount;
  /** won ÷ (won + lost), by count: decided deals only. */
  readonly winRateByCount: number | null;
  /** won ÷ (won + lost), by amount: decided deals only. */
  readonly winRateByValue: number | null;
  readonly byLossReason: readonly ReportLossRow[];
  /** Every open stage, in funnel order: the stage the deals were lost at. */
  readonly byLostAtStage: readonly (ReportLossRow & { readonly stageId: string | null })[];
  readonly byCompetitor: readonly ReportLossRow[];
}

const NONE_KEY = '(none)';

/** Win / loss over the twelve months up to the report date (`winLoss`). */
export function winLossSection(ctx: SectionContext): ReportWinLoss {
  const from = startOfPlainDate(addMonths(plainDateOf(ctx.asOf, { timeZone: ctx.timeZone }), -12), { timeZone: ctx.timeZone });
  const w = winLoss(ctx.input.opportunities, ctx.input.pipeline, { from, to: ctx.asOf, timeZone: ctx.timeZone }).total;
  const row = (r: { key: string; count: number; amount: { amount: Decimal }; share: number | null }): ReportLossRow => ({
    key: r.key === NONE_KEY ? null : r.key,
    count: r.count,
    amount: r.amount.amount,
    share: r.share,
  });
  return {
    from,
    to: ctx.asOf,
    won: { count: w.won.count, amount: w.won.amount.amount },
    lost: { count: w.lost.count, amount: w.lost.amount.amount },
    winRateByCount: w.decidedWinRateByCount,
    winRateByValue: w.decidedWinRateByValue,
    byLossReason: w.byLossReason.map(row),
    byLostAtStage: w.byLostAtStage.map((r) => ({ ...row(r), key: r.stageId === null ? null : ctx.nameOf(r.stageId), stageId: r.stageId })),
    byCompetitor: w.byCompetitor.map(row),
  };
}

// ---------------------------------------------------------------------------------------
// Rep scorecard (销售个人记分卡)

/** One rep's line of the scorecard. */
export interface ReportRepRow {
  readonly repId: string;
  /** Open deals the rep owns (suspended ones apart). */
  readonly openDeals: number;
  /** Their amount and weighted amount (split deals credited by share). */
  readonly pipeline: Decimal;
  readonly weighted: Decimal;
  /** Won in the period (split deals credited by share). */
  readonly won: Decimal;
  /** The quota for the period; `null` when the input has none for the rep. */
  readonly quota: Decimal | null;
  /** won ÷ quota; `null` without a quota (or a zero one). */
  readonly attainment: number | null;
  /** Stalled deals the rep owns. */
  readonly stalled: number;
  /** Customers the rep holds whose follow-up is overdue; `null` when the input has no customers. */
  readonly overdueFollowUps: number | null;
}

/** The rep scorecard: one line per rep who owns open deals, won in the period or has a quota. */
export interface ReportReps {
  /** The period of `won` and of the quotas: the input's quota period, else the quarter of the report date. */
  readonly period: string;
  /** Whether the input has quotas (else there is no attainment). */
  readonly quotas: boolean;
  readonly rows: readonly ReportRepRow[];
}

/**
 * The rep scorecard: pipeline and weighted pipeline (`funnelSnapshot` by owner), won in
 * the period with split credit (`attainmentFromDeals`, against the input's quotas when it
 * has them), stalled deals, and overdue follow-ups.
 */
export function repsSection(
  ctx: SectionContext,
  stalledByOwner: ReadonlyMap<string, number>,
  overdueByOwner: ReadonlyMap<string, number> | undefined,
): ReportReps {
  const { pipeline, opportunities, quotas } = ctx.input;
  const period = quotas?.period ?? periodOf(ctx.asOf, { unit: 'quarter', timeZone: ctx.timeZone });
  const snapshot = funnelSnapshot(opportunities, pipeline, { asOf: ctx.asOf, timeZone: ctx.timeZone, groupBy: ['owner'] });
  const open = new Map(snapshot.groups.map((g) => [g.key[0] ?? '', g.value]));
  const reps = new Set<string>([...open.keys()].filter((id) => (open.get(id)?.count ?? 0) > 0));
  for (const q of quotas?.reps ?? []) reps.add(q.id);
  // Every rep gets a quota line (zero when the input has none), so that the won amounts of
  // all of them come from one call, split credit included.
  const zero = { amount: new Decimal(0), currency: pipeline.currency };
  const owners = new Set(opportunities.flatMap((o) => [o.ownerId as string, ...(o.splits ?? []).map((s) => s.ownerId as string)]));
  const lines = [...(quotas?.reps ?? []), ...[...owners].filter((id) => !quotas?.reps.some((q) => q.id === id)).map((id) => ({ id, quota: zero }))];
  const att = lines.length === 0 ? undefined : attainmentFromDeals(opportunities, pipeline, { period, quotas: lines, timeZone: ctx.timeZone });
  const wonOf = new Map((att?.rows ?? []).map((r) => [r.id, r]));
  for (const r of att?.rows ?? []) if (r.actual.amount.gt(0)) reps.add(r.id);
  const quotaOf = new Map((quotas?.reps ?? []).map((q) => [q.id, q.quota.amount]));
  const rows = [...reps].sort().map((repId): ReportRepRow => {
    const o = open.get(repId);
    const a = wonOf.get(repId);
    const quota = quotaOf.get(repId) ?? null;
    return {
      repId,
      openDeals: o?.count ?? 0,
      pipeline: o?.amount.amount ?? new Decimal(0),
      weighted: o?.weightedAmount.amount ?? new Decimal(0),
      won: a?.actual.amount ?? new Decimal(0),
      quota,
      attainment: quota === null ? null : (a?.attainment ?? null),
      stalled: stalledByOwner.get(repId) ?? 0,
      overdueFollowUps: overdueByOwner === undefined ? null : (overdueByOwner.get(repId) ?? 0),
    };
  });
  return { period, quotas: quotas !== undefined, rows };
}

// ---------------------------------------------------------------------------------------
// Health (病症诊断)

/** One health finding, with the deal and the rep it is about when it has them. */
export interface ReportHealthFinding {
  readonly code: HealthCode;
  /** The rep whose deals it is about; `null` for the whole team. */
  readonly repId: string | null;
  readonly deal: ReportDealRef | null;
  readonly params: IssueParams;
  /** The message in the report's language. */
  readonly message: string;
}

/** The health section (`pipelineHealth`): the team's findings, then each rep's. */
export interface ReportHealth {
  readonly openDeals: number;
  readonly findings: readonly ReportHealthFinding[];
}

/**
 * Health findings (`pipelineHealth`): the whole team's, then those of each rep's own
 * deals (too few open deals, a thin top of the funnel, an empty month …); a stalled
 * deal's hint once, under the team.
 */
export function healthSection(ctx: SectionContext): ReportHealth {
  const h = pipelineHealth(ctx.input.opportunities, ctx.input.pipeline, { asOf: ctx.asOf, timeZone: ctx.timeZone, locale: ctx.locale, groupBy: ['owner'] });
  const finding = (f: (typeof h.total.findings)[number], repId: string | null): ReportHealthFinding => ({
    code: f.code,
    repId,
    deal: f.opportunityId === undefined ? null : dealRef(ctx, f.opportunityId),
    params: f.params as IssueParams,
    message: f.message,
  });
  const stalledHint = (code: HealthCode) => code.startsWith('stalled_');
  return {
    openDeals: h.total.openDeals,
    findings: [
      ...h.total.findings.map((f) => finding(f, null)),
      ...h.groups.flatMap((g) => g.value.findings.filter((f) => !stalledHint(f.code)).map((f) => finding(f, g.key[0] ?? null))),
    ],
  };
}

// ---------------------------------------------------------------------------------------
// Campaigns (市场活动效果)

/** One campaign's line. */
export interface ReportCampaignRow {
  readonly campaignId: string;
  readonly name: string;
  readonly channel: string | null;
  readonly opportunities: number;
  readonly won: number;
  readonly wonAmount: Decimal;
  readonly cost: Decimal;
  readonly costPerWin: Decimal | null;
  /** (won amount − cost) ÷ cost; `null` for a free campaign. */
  readonly roi: number | null;
  /** won ÷ (won + lost). */
  readonly decidedWinRate: number | null;
}

/** The campaign section (`campaignEffectiveness`). */
export interface ReportCampaigns {
  readonly rows: readonly ReportCampaignRow[];
  /** Deals naming no campaign. */
  readonly noCampaign: number;
  /** Deals naming a campaign the input does not list. */
  readonly unknownCampaigns: number;
}

/** Campaign effectiveness over every deal of the input. */
export function campaignSection(ctx: SectionContext): ReportCampaigns | undefined {
  const campaigns = ctx.input.campaigns;
  if (campaigns === undefined || campaigns.length === 0) return undefined;
  const c = campaignEffectiveness(ctx.input.opportunities, campaigns, { currency: ctx.input.pipeline.currency });
  return {
    rows: c.campaigns.map((r) => ({
      campaignId: r.campaignId,
      name: r.name,
      channel: r.channel,
      opportunities: r.opportunities,
      won: r.won,
      wonAmount: r.wonAmount.amount,
      cost: r.cost.amount,
      costPerWin: r.costPerWin?.amount ?? null,
      roi: r.roi,
      decidedWinRate: r.decidedWinRate,
    })),
    noCampaign: c.noCampaign.opportunities,
    unknownCampaigns: c.unknownCampaigns.reduce((n, u) => n + u.opportunities, 0),
  };
}

// ---------------------------------------------------------------------------------------
// Customers (客户): the pool, follow-ups, classes

/** A held customer the pool rules are about to reclaim, or already may. */
export interface ReportPoolCustomer {
  readonly customerId: string;
  readonly name: string;
  readonly ownerId: string;
  readonly dueDate: string | null;
  readonly rule: PoolRuleName | null;
  /** Days left before the due date (0 or negative: due). */
  readonly daysLeft: number | null;
  readonly lastActivityAt: Date | null;
}

/** The pool (公海) at the report date (`poolStatus`). */
export interface ReportPool {
  readonly rules: PoolRules;
  /** Customers held by a rep. */
  readonly held: number;
  /** Customers in the pool. */
  readonly inPool: number;
  /** Held customers past their due date: the pool may take them back now. */
  readonly due: readonly ReportPoolCustomer[];
  /** Held customers due within `warnDaysBefore` days. */
  readonly warning: readonly ReportPoolCustomer[];
  /** Reps over the hold limit. */
  readonly overLimit: readonly { readonly ownerId: string; readonly held: number; readonly limit: number }[];
}

/** A rep's follow-ups. */
export interface ReportFollowUpOwner {
  /** The rep; `null` for customers in the pool (nobody's). */
  readonly ownerId: string | null;
  readonly customers: number;
  readonly overdue: number;
  readonly dueToday: number;
  /** The most overdue of them. */
  readonly worst: { readonly name: string; readonly daysOverdue: number } | null;
}

/** Follow-ups (`followUpDue`): by owner, with the cadence used. */
export interface ReportFollowUps {
  readonly cadenceDays: ReportCadence;
  /** Whether the cadence comes from the input (else the report's default: 7 / 14 / 30 days by priority). */
  readonly cadenceFromInput: boolean;
  readonly overdue: number;
  readonly owners: readonly ReportFollowUpOwner[];
}

/** One class of the A/B/C/D grid. */
export interface ReportCustomerClass {
  readonly class: AbcdClass;
  readonly customers: number;
  /** The open pipeline of its customers. */
  readonly value: Decimal;
  /** Its customers, most valuable first. */
  readonly names: readonly string[];
}

/** Customers by class (`classifyABCD`): expected value against time to close. */
export interface ReportClasses {
  readonly valueAtLeast: Decimal;
  readonly closeWithinDays: number;
  readonly classes: readonly ReportCustomerClass[];
  /** Customers without an open deal with a close date. */
  readonly unclassified: number;
}

/** The customer section. */
export interface ReportCustomers {
  readonly customers: number;
  /** Absent when the input has no `poolRules`. */
  readonly pool?: ReportPool;
  readonly followUps: ReportFollowUps;
  readonly classes: ReportClasses;
}

/** The follow-up cadence when the input gives none: the issue's 7 / 14 / 30 days by priority. */
export const DEFAULT_CADENCE: Readonly<Record<string, number>> = { high: 7, medium: 14, low: 30 };
/** The A/B/C/D grid: high value from 50 万 of open pipeline, closing soon within 90 days. */
const ABCD = { valueAtLeast: 500_000, closeWithinDays: 90 } as const;
/** Names listed per class. */
const CLASS_NAMES = 8;

function customerName(c: Customer): string {
  return c.shortName ?? c.name;
}

/**
 * The customer section: the pool's due and warning lists (`poolStatus`, with the input's
 * `poolRules`), follow-ups overdue by owner (`followUpDue`, deals' activities counting as
 * contact), and customers by class (`classifyABCD`). The overdue follow-ups per rep, for
 * the scorecard, come with it.
 */
export function customerSection(ctx: SectionContext): { readonly section: ReportCustomers; readonly overdueByOwner: ReadonlyMap<string, number> } {
  const { customers, opportunities, pipeline, poolRules } = ctx.input;
  const zone = { timeZone: ctx.timeZone };
  const names = new Map(customers.map((c) => [c.id as string, customerName(c)]));

  let pool: ReportPool | undefined;
  if (poolRules !== undefined) {
    const p = poolStatus(customers, poolRules, { asOf: ctx.asOf, deals: opportunities, ...zone });
    const row = (c: (typeof p.customers)[number]): ReportPoolCustomer => ({
      customerId: c.customerId,
      name: names.get(c.customerId) ?? c.customerName,
      ownerId: c.ownerId,
      dueDate: c.dueDate,
      rule: c.rule,
      daysLeft: c.daysLeft,
      lastActivityAt: c.lastActivityAt,
    });
    const byDue = (a: ReportPoolCustomer, b: ReportPoolCustomer) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0) || a.customerId.localeCompare(b.customerId);
    pool = {
      rules: poolRules,
      held: p.customers.length,
      inPool: p.inPool,
      due: p.customers.filter((c) => c.status === 'due').map(row).sort(byDue),
      warning: p.customers.filter((c) => c.status === 'warning').map(row).sort(byDue),
      overLimit: p.owners.filter((o) => o.overLimit && o.limit !== null).map((o) => ({ ownerId: o.ownerId, held: o.held, limit: o.limit ?? 0 })),
    };
  }

  const cadence = ctx.input.followUpCadenceDays ?? DEFAULT_CADENCE;
  const due = followUpDue(customers, { asOf: ctx.asOf, cadenceDays: cadence, deals: opportunities, groupBy: ['owner'], ...zone });
  const owners: ReportFollowUpOwner[] = due.groups.map((g) => {
    const rows = g.value;
    const overdue = rows.filter((r) => r.status === 'overdue');
    const worst = overdue[0];
    return {
      ownerId: (rows[0]?.ownerId as string | null | undefined) ?? null,
      customers: rows.length,
      overdue: overdue.length,
      dueToday: rows.filter((r) => r.status === 'due_today').length,
      worst: worst === undefined ? null : { name: names.get(worst.customerId) ?? worst.customerName, daysOverdue: worst.daysOverdue ?? 0 },
    };
  });
  owners.sort((a, b) => (a.ownerId === null ? 1 : b.ownerId === null ? -1 : a.ownerId.localeCompare(b.ownerId)));
  const overdueByOwner = new Map(owners.filter((o) => o.ownerId !== null).map((o) => [o.ownerId as string, o.overdue]));

  const abcd = classifyABCD(customers, opportunities, {
    asOf: ctx.asOf,
    valueAtLeast: { amount: new Decimal(ABCD.valueAtLeast), currency: pipeline.currency },
    closeWithinDays: ABCD.closeWithinDays,
    pipelines: [pipeline],
    ...zone,
  });
  const classes = (['A', 'B', 'C', 'D'] as const).map((k): ReportCustomerClass => {
    const rows = abcd.customers.filter((c) => c.class === k).sort((a, b) => b.value.amount.comparedTo(a.value.amount) || a.customerId.localeCompare(b.customerId));
    return {
      class: k,
      customers: rows.length,
      value: rows.reduce((s, c) => s.plus(c.value.amount), new Decimal(0)),
      names: rows.slice(0, CLASS_NAMES).map((c) => names.get(c.customerId) ?? c.customerName),
    };
  });

  return {
    section: {
      customers: customers.length,
      ...(pool === undefined ? {} : { pool }),
      followUps: {
        cadenceDays: cadence,
        cadenceFromInput: ctx.input.followUpCadenceDays !== undefined,
        overdue: due.total.filter((r) => r.status === 'overdue').length,
        owners,
      },
      classes: { valueAtLeast: new Decimal(ABCD.valueAtLeast), closeWithinDays: ABCD.closeWithinDays, classes, unclassified: abcd.unclassified.length },
    },
    overdueByOwner,
  };
}
