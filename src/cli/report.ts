import { dealProbability } from '../_lib/dealForecast.js';
import { AUDIT_CODES, auditPipeline, conversionTimes, findStalled, funnelSnapshot, stageFlow, type AuditCode } from '../analytics/index.js';
import { forecastCategories, forecastDistribution, weightedForecast } from '../forecast/index.js';
import type { IssueParams } from '../i18n/formatIssue.js';
import type { Locale } from '../i18n/codes.js';
import { roundToMinor } from '../money/roundToMinor.js';
import { balanceTerritories, type TerritoryUnit } from '../planning/index.js';
import type { CurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { Opportunity } from '../model/opportunity.js';
import { NO_SEGMENT } from '../model/segmentKey.js';
import type { Stage } from '../model/stage.js';
import { periodOf } from '../time/periodOf.js';
import { type PlainDate } from '../time/plainDate.js';
import { plainDateOf } from '../time/zone.js';
import type { ReportInput } from './input.js';

/** An open stage as the report shows it. */
export interface ReportStage {
  readonly stageId: string;
  readonly name: string;
  readonly probability: Decimal;
}

/** Deals by status. */
export interface ReportDeals {
  readonly total: number;
  readonly open: number;
  readonly suspended: number;
  readonly won: number;
  readonly lost: number;
}

/** A count with its amount and weighted amount (in the report's currency). */
export interface ReportTally {
  readonly count: number;
  readonly amount: Decimal;
  readonly weighted: Decimal;
}

/** One open stage of the snapshot funnel (from `funnelSnapshot`). */
export interface ReportFunnelRow {
  readonly stageId: string;
  readonly name: string;
  readonly probability: Decimal;
  readonly count: number;
  readonly suspended: number;
  readonly amount: Decimal;
  readonly weighted: Decimal;
  /** count / previous stage's count; `null` for the first stage or a zero denominator. */
  readonly ratioToPrevious: number | null;
  /** count / first stage's count; `null` when that is 0. */
  readonly ratioToFirst: number | null;
}

/** The snapshot funnel section. */
export interface ReportFunnel {
  readonly rows: readonly ReportFunnelRow[];
  readonly count: number;
  readonly suspended: number;
  readonly amount: Decimal;
  readonly weighted: Decimal;
  /** Last stage's count / first stage's count; `null` when the first is empty. */
  readonly overallConversion: number | null;
}

/** One open stage of the stage flow (from `stageFlow`). */
export interface ReportFlowRow {
  readonly stageId: string;
  readonly name: string;
  readonly entered: number;
  readonly advanced: number;
  readonly won: number;
  readonly lost: number;
  readonly regressed: number;
  readonly stillThere: number;
  readonly stalled: number;
  readonly advanceRate: number | null;
  readonly lossRate: number | null;
  readonly stayRate: number | null;
  readonly stalledRate: number | null;
}

/** A stalled deal (from `findStalled`), with what a manager needs to act on it. */
export interface ReportStalledDeal {
  readonly opportunityId: string;
  readonly name: string;
  readonly stageId: string;
  readonly stageName: string;
  readonly ownerId: string;
  readonly region: string | null;
  readonly amount: Decimal;
  readonly days: number;
  readonly thresholdDays: number;
  readonly overDays: number;
  readonly expectedCloseDate: string | null;
}

/** The stalled-deals section: all of them, most overdue first. */
export interface ReportStalled {
  readonly count: number;
  readonly amount: Decimal;
  readonly deals: readonly ReportStalledDeal[];
}

/** One audit finding (from `auditPipeline`), with the deal's name and owner. */
export interface ReportFinding {
  readonly code: AuditCode;
  readonly opportunityId: string;
  readonly name: string;
  readonly ownerId: string;
  readonly params: IssueParams;
  /** The message in the report's locale. */
  readonly message: string;
}

/** The audit section: a count per code and every finding. */
export interface ReportAudit {
  readonly deals: number;
  readonly counts: readonly { readonly code: AuditCode; readonly count: number }[];
  readonly findings: readonly ReportFinding[];
}

/** One rep of the territory plan (from `balanceTerritories`). */
export interface ReportTerritoryRep {
  readonly repId: string;
  /** Weighted open pipeline the rep owns today (funnel snapshot by owner). */
  readonly currentWeighted: Decimal;
  /** Load under the balanced plan. */
  readonly load: Decimal;
  /** load / total weight; `null` when the total is 0. */
  readonly share: number | null;
  /** The regions (or shares of them) the plan gives the rep. */
  readonly regions: readonly { readonly region: string; readonly weight: Decimal }[];
}

/** The territory balance section. */
export interface ReportTerritories {
  /** The units: regions with their weighted open pipeline (rounded to the minor unit) and today's main rep. */
  readonly units: readonly { readonly region: string; readonly weight: Decimal; readonly owner: string | null; readonly splittable: boolean }[];
  /** Granularity of the shares of splittable regions. */
  readonly granularity: Decimal;
  readonly total: Decimal;
  readonly reps: readonly ReportTerritoryRep[];
  /** Changes from today's coverage: a region, or a share of it, given to another rep. */
  readonly moves: readonly { readonly region: string; readonly from: string; readonly to: string; readonly weight: Decimal }[];
  /** The move budget the plan respected. */
  readonly maxMoves: number;
  readonly largestLoad: Decimal;
  readonly smallestLoad: Decimal;
  readonly lowerBound: Decimal;
  /** (largest − lower bound) / lower bound; `null` when the bound is 0. */
  readonly gap: Decimal | null;
  readonly provenOptimal: boolean;
}

/** Conversion times of one stage (from `conversionTimes`). */
export interface ReportTimesRow {
  readonly stageId: string;
  readonly name: string;
  readonly stays: number;
  readonly completed: number;
  readonly censored: number;
  readonly meanDays: number | null;
  readonly medianDays: number | null;
  readonly p90Days: number | null;
  readonly kaplanMeierMedianDays: number | null;
}

/** One quarter of the weighted forecast. */
export interface ReportForecastRow {
  readonly period: string;
  /** The quarter ended before `asOf`: its open deals are overdue. */
  readonly past: boolean;
  readonly open: ReportTally;
  readonly wonAmount: Decimal;
  /** Quantiles of the revenue the quarter's open deals bring (exact distribution; `forecastDistribution`). */
  readonly p10: Decimal;
  readonly p50: Decimal;
  readonly p90: Decimal;
}

/** The forecast section. */
export interface ReportForecast {
  readonly periodUnit: 'quarter';
  readonly rows: readonly ReportForecastRow[];
  readonly totalOpen: ReportTally;
  /** The same quantiles over every forecast open deal. */
  readonly totalRange: { readonly p10: Decimal; readonly p50: Decimal; readonly p90: Decimal };
  readonly unforecastable: ReportTally;
  readonly suspended: ReportTally;
  /** The quarter of `asOf`, to which `categories` refers. */
  readonly currentQuarter: string;
  /** Cumulative forecast-category roll-ups (`forecastCategories`) of the deals dated in the current quarter; absent when none. */
  readonly categories?: {
    readonly closed: ReportTally;
    readonly commit: ReportTally;
    readonly bestCase: ReportTally;
    readonly openPipeline: ReportTally;
  };
}

/**
 * The report as plain data: every figure a renderer shows, computed by the library's
 * analytics, forecast and planning functions. Sections whose API is not available are
 * absent.
 */
export interface Report {
  /** Where the data came from (a file path, or the sample). */
  readonly source: string;
  readonly asOf: Date;
  readonly pipeline: {
    readonly id: string;
    readonly name: string;
    readonly currency: CurrencyCode;
    readonly openStages: readonly ReportStage[];
  };
  readonly deals: ReportDeals;
  readonly funnel?: ReportFunnel;
  readonly flow?: { readonly rows: readonly ReportFlowRow[] };
  readonly times?: { readonly rows: readonly ReportTimesRow[] };
  readonly forecast?: ReportForecast;
  readonly stalled?: ReportStalled;
  readonly audit?: ReportAudit;
  readonly territories?: ReportTerritories;
}

function range(deals: readonly Opportunity[], probabilityOf: (o: Opportunity) => Decimal): { p10: Decimal; p50: Decimal; p90: Decimal } {
  const d = forecastDistribution(deals.map((o) => ({ amount: o.amount, probability: probabilityOf(o) })));
  return { p10: d.p10, p50: d.p50, p90: d.p90 };
}

/**
 * Territory balance (地盘): regions are the units, weighted by their weighted open
 * pipeline at `asOf` (funnel snapshot by region, rounded to the minor unit); the reps are
 * the owners of deals open at `asOf`, capacity 1 each. Each region's current owner is
 * the rep with the most weighted pipeline there today. A region heavier than the
 * average load may be shared ("a rich region may have several reps") in shares of the
 * largest power of ten below the average load, and the plan may make at most one move
 * per rep away from today's coverage. Absent when there are no open deals or no reps.
 */
function territoryBalance(input: ReportInput, asOf: Date): ReportTerritories | undefined {
  const { pipeline, opportunities } = input;
  const byRegion = funnelSnapshot(opportunities, pipeline, { asOf, segmentBy: 'region' }).segments;
  const byOwner = funnelSnapshot(opportunities, pipeline, { asOf, segmentBy: 'owner' }).segments;
  const byRegionOwner = funnelSnapshot(opportunities, pipeline, { asOf, segmentBy: (o) => JSON.stringify([o.region ?? NO_SEGMENT, o.ownerId]) }).segments;
  const reps = [...byOwner].filter(([, t]) => t.count > 0).map(([id]) => id);
  const weights = [...byRegion]
    .map(([region, t]) => ({ region, weight: roundToMinor(t.weightedAmount).amount }))
    .filter((u) => u.weight.gt(0));
  if (reps.length === 0 || weights.length === 0) return undefined;
  // Today's owner of a region: the rep with the most weighted pipeline there (ties: smaller id).
  const owners = new Map<string, { repId: string; weighted: Decimal }>();
  for (const [key, t] of byRegionOwner) {
    const [region, repId] = JSON.parse(key) as [string, string];
    const best = owners.get(region);
    if (t.count > 0 && (best === undefined || t.weightedAmount.amount.gt(best.weighted))) owners.set(region, { repId, weighted: t.weightedAmount.amount });
  }
  const total = weights.reduce((a, u) => a.plus(u.weight), ZERO);
  const average = total.div(reps.length);
  const granularity = new Decimal(10).pow(Math.max(0, Math.floor(Math.log10(average.toNumber()))));
  const units: TerritoryUnit[] = weights.map((u) => {
    const owner = owners.get(u.region)?.repId;
    return {
      id: u.region,
      weight: u.weight,
      ...(owner === undefined ? {} : { owner }),
      ...(u.weight.gt(average) ? { splittable: { granularity } } : {}),
    };
  });
  // Work budgets, not a clock, bound the search: the same data always gives the same plan.
  const plan = balanceTerritories(units, reps.map((id) => ({ id })), { maxMoves: reps.length, maxNodes: 200_000 });
  const regionsOf = new Map<string, { region: string; weight: Decimal }[]>(reps.map((r) => [r, []]));
  for (const a of plan.assignments) for (const sh of a.shares) regionsOf.get(sh.repId)?.push({ region: a.unitId, weight: sh.weight });
  return {
    units: weights.map((u) => ({ ...u, owner: owners.get(u.region)?.repId ?? null, splittable: u.weight.gt(average) })),
    granularity,
    total,
    reps: plan.loads.map((l) => ({
      repId: l.repId,
      currentWeighted: byOwner.get(l.repId)?.weightedAmount.amount ?? ZERO,
      load: l.load,
      share: total.isZero() ? null : l.load.div(total).toNumber(),
      regions: regionsOf.get(l.repId) ?? [],
    })),
    moves: plan.moves.map((m) => ({ region: m.unitId, from: m.from, to: m.to, weight: m.weight })),
    maxMoves: reps.length,
    largestLoad: plan.largestRelativeLoad,
    smallestLoad: plan.smallestRelativeLoad,
    lowerBound: plan.lowerBound,
    gap: plan.gap,
    provenOptimal: plan.provenOptimal,
  };
}

/** Options for {@link buildReport}. */
export interface BuildReportOptions {
  /** The report date: ledgers are read up to it. */
  readonly asOf: Date;
  /** A label for the data's origin. */
  readonly source: string;
  /** Language of the audit messages. Default `'en'`. */
  readonly locale?: Locale;
}

const ZERO = new Decimal(0);

function tally(t: { readonly count: number; readonly amount: { readonly amount: Decimal }; readonly weighted: { readonly amount: Decimal } }): ReportTally {
  return { count: t.count, amount: t.amount.amount, weighted: t.weighted.amount };
}

function countDeals(opportunities: readonly Opportunity[]): ReportDeals {
  const n = { open: 0, suspended: 0, won: 0, lost: 0 };
  for (const o of opportunities) n[o.status] += 1;
  return { total: opportunities.length, ...n };
}

/**
 * Builds the report's data from parsed input.
 *
 * @param input - Pipeline, customers and deals.
 * @param options - `asOf` and the source label.
 * @returns The report.
 * @throws `FunnelError` when the library refuses the data (e.g. deals in a currency other than the pipeline's).
 *
 * @example
 * ```ts
 * const report = buildReport(buildSample(), { asOf: SAMPLE_AS_OF, source: 'sample' });
 * report.deals.total; //=> 300
 * ```
 */
export function buildReport(input: ReportInput, options: BuildReportOptions): Report {
  const { pipeline, opportunities } = input;
  const { asOf } = options;
  const open = pipeline.stages.filter((s) => s.kind === 'open');
  const names = new Map(pipeline.stages.map((s) => [s.id as string, s.name]));
  const nameOf = (id: string) => names.get(id) ?? id;

  const snapshot = funnelSnapshot(opportunities, pipeline, { asOf }).overall;
  const funnel: ReportFunnel = {
    rows: snapshot.stages.map((r) => ({
      stageId: r.stageId,
      name: nameOf(r.stageId),
      probability: (open[r.stageIndex] as Stage).probability,
      count: r.count,
      suspended: r.suspended,
      amount: r.amount.amount,
      weighted: r.weightedAmount.amount,
      ratioToPrevious: r.ratioToPrevious,
      ratioToFirst: r.ratioToFirst,
    })),
    count: snapshot.count,
    suspended: snapshot.suspended,
    amount: snapshot.amount.amount,
    weighted: snapshot.weightedAmount.amount,
    overallConversion: snapshot.overallConversion,
  };

  const flow = stageFlow(opportunities, pipeline, { asOf }).overall;
  const flowRows: ReportFlowRow[] = flow.stages.map((r) => ({
    stageId: r.stageId,
    name: nameOf(r.stageId),
    entered: r.entered,
    advanced: r.advanced,
    won: r.won,
    lost: r.lost,
    regressed: r.regressed,
    stillThere: r.stillThere,
    stalled: r.stalled,
    advanceRate: r.advanceRate,
    lossRate: r.lossRate,
    stayRate: r.stayRate,
    stalledRate: r.stalledRate,
  }));

  const times = conversionTimes(opportunities, pipeline, { asOf });
  const timesRows: ReportTimesRow[] = times.overall.map((r) => ({
    stageId: r.stageId,
    name: nameOf(r.stageId),
    stays: r.stays,
    completed: r.completed,
    censored: r.open + r.lost + r.regressed,
    meanDays: r.meanDays,
    medianDays: r.medianDays,
    p90Days: r.p90Days,
    kaplanMeierMedianDays: r.kaplanMeier.medianDays,
  }));

  const byQuarter = weightedForecast(opportunities, pipeline, { groupBy: ['period'], period: { unit: 'quarter' } });
  const currentQuarter = periodOf(plainDateOf(asOf), { unit: 'quarter' });
  // The distribution of each quarter's revenue reads the same deals as its row: open,
  // not suspended, dated by their expected close date (weightedForecast's forecast date).
  const stages = new Map(pipeline.stages.map((s) => [s.id as string, s]));
  const probabilityOf = (o: Opportunity) => dealProbability(o, stages.get(o.stageId) as Stage) ?? ZERO;
  const forecastable = opportunities.filter((o) => o.status === 'open' && o.expectedCloseDate !== undefined);
  const quarterOf = (o: Opportunity) => periodOf(o.expectedCloseDate as PlainDate, { unit: 'quarter' });
  const forecastRows: ReportForecastRow[] = byQuarter.rows
    .filter((r) => r.open.count > 0 || (r.key[0] ?? '') >= currentQuarter)
    .map((r) => {
      const period = r.key[0] ?? '';
      const q = range(forecastable.filter((o) => quarterOf(o) === period), probabilityOf);
      return { period, past: period < currentQuarter, open: tally(r.open), wonAmount: r.won.amount.amount, ...q };
    });

  const stalledDeals = findStalled(opportunities, pipeline, { asOf }).overall;
  const byId = new Map(opportunities.map((o) => [o.id as string, o]));
  const stalled: ReportStalled = {
    count: stalledDeals.length,
    amount: stalledDeals.reduce((a, d) => a.plus(d.amount.amount), ZERO),
    deals: stalledDeals.map((d) => {
      const o = byId.get(d.opportunityId);
      return {
        opportunityId: d.opportunityId,
        name: o?.name ?? d.opportunityId,
        stageId: d.stageId,
        stageName: nameOf(d.stageId),
        ownerId: d.ownerId,
        region: o?.region ?? null,
        amount: d.amount.amount,
        days: d.days,
        thresholdDays: d.thresholdDays,
        overDays: d.overDays,
        expectedCloseDate: o?.expectedCloseDate ?? null,
      };
    }),
  };
  const categories = forecastCategories(opportunities, pipeline, { groupBy: ['period'], period: { unit: 'quarter' } }).rows.find((r) => r.key[0] === currentQuarter)?.rollups;

  const territories = territoryBalance(input, asOf);

  // Audit (漏斗体检). Stalled deals have their own section, so that check is left out here.
  const auditCodes = AUDIT_CODES.filter((c) => c !== 'stalled');
  const audit = auditPipeline(opportunities, pipeline, { asOf, codes: auditCodes, locale: options.locale ?? 'en' }).overall;
  const auditSection: ReportAudit = {
    deals: audit.deals,
    counts: auditCodes.map((code) => ({ code, count: audit.counts[code] })),
    findings: audit.findings.map((f) => {
      const o = byId.get(f.opportunityId);
      return { code: f.code, opportunityId: f.opportunityId, name: o?.name ?? f.opportunityId, ownerId: o?.ownerId ?? '', params: f.params, message: f.message };
    }),
  };

  return {
    source: options.source,
    asOf,
    pipeline: {
      id: pipeline.id,
      name: pipeline.name,
      currency: pipeline.currency,
      openStages: open.map((s) => ({ stageId: s.id, name: s.name, probability: s.probability })),
    },
    deals: countDeals(opportunities),
    funnel,
    flow: { rows: flowRows },
    times: { rows: timesRows },
    forecast: {
      periodUnit: 'quarter',
      rows: forecastRows,
      totalOpen: tally(byQuarter.total.open),
      totalRange: range(forecastable, probabilityOf),
      unforecastable: tally(byQuarter.unforecastable),
      suspended: tally(byQuarter.suspended),
      currentQuarter,
      ...(categories === undefined
        ? {}
        : {
            categories: {
              closed: tally(categories.closed),
              commit: tally(categories.commit),
              bestCase: tally(categories.bestCase),
              openPipeline: tally(categories.openPipeline),
            },
          }),
    },
    stalled,
    audit: auditSection,
    ...(territories === undefined ? {} : { territories }),
  };
}
