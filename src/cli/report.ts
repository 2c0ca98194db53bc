import {
  AUDIT_CODES,
  auditPipeline,
  balanceTerritories,
  conversionTimes,
  Decimal,
  dealProbability,
  findStalled,
  forecastCategories,
  forecastDistribution,
  funnelSnapshot,
  periodOf,
  roundToMinor,
  stageFlow,
  weightedForecast,
  type AuditCode,
  type AuditFinding,
  type CurrencyCode,
  type ForecastTally,
  type Locale,
  type Opportunity,
  type PlainDate,
  type RejectedRecord,
  type TerritoryUnit,
  type WeightedForecastFigures,
} from '../index.js';
import type { InputReading, ReportInput, ReportUser } from './input.js';
import {
  campaignSection,
  customerSection,
  healthSection,
  movementSection,
  repsSection,
  winLossSection,
  type ReportCampaigns,
  type ReportCustomers,
  type ReportHealth,
  type ReportMovement,
  type ReportReps,
  type ReportWinLoss,
  type SectionContext,
} from './reportSections.js';

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

/**
 * Forecast figures of a set of deals, as `weightedForecast` gives them: `count`,
 * `amount` and `weighted` hold the **open and won** deals (won deals weigh 1), and the
 * same figures split by status are in `open`, `won` and `lost` (lost deals are in no
 * top-level figure).
 */
export interface ReportFigures extends ReportTally {
  readonly open: ReportTally;
  readonly won: ReportTally;
  readonly lost: ReportTally;
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
  readonly params: AuditFinding['params'];
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
  readonly gap: number | null;
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

/** A revenue range: quantiles of the exact distribution (`forecastDistribution`). */
export interface ReportRange {
  readonly p10: Decimal;
  readonly p50: Decimal;
  readonly p90: Decimal;
}

/**
 * One quarter of the weighted forecast: the `weightedForecast` group of the quarter
 * (open deals by expected close date, won deals by the day they closed, in the report's
 * time zone), and the range of revenue its open deals may bring.
 */
export interface ReportForecastRow extends ReportFigures {
  readonly period: string;
  /** The quarter ended before `asOf`: its open deals are overdue. */
  readonly past: boolean;
  /** Quantiles of the revenue the quarter's **open** deals bring. */
  readonly openRange: ReportRange;
}

/**
 * The forecast section, with the totals of `weightedForecast` under the same names:
 * `total` (the deals **with** a forecast date = Σ rows), `unforecastable` (the deals
 * **without** one), `book` (= `total` + `unforecastable`) and `suspended` (in none of them).
 */
export interface ReportForecast {
  readonly periodUnit: 'quarter';
  /** Every quarter with a dated deal, in time order. */
  readonly rows: readonly ReportForecastRow[];
  /** The deals with a forecast date: the exact sum of the rows. */
  readonly total: ReportFigures;
  /** The range of the revenue of every dated open deal. */
  readonly totalOpenRange: ReportRange;
  /** The deals without a forecast date (open ones without an expected close date). */
  readonly unforecastable: ReportFigures;
  /** Every deal but the suspended ones: `total` + `unforecastable`, status by status. */
  readonly book: ReportFigures;
  /** Suspended deals (中止), in no figure above. */
  readonly suspended: ReportTally;
  /** The quarter of `asOf` in the report's time zone, to which `categories` refers. */
  readonly currentQuarter: string;
  /** Cumulative forecast-category roll-ups (`forecastCategories`) of the deals dated in the current quarter; absent when none. */
  readonly categories?: {
    readonly closed: ReportTally;
    readonly commit: ReportTally;
    readonly bestCase: ReportTally;
    readonly openPipeline: ReportTally;
  };
}

/** How the input file was read: records read, accepted and rejected. Absent for the embedded sample. */
export interface ReportInputSection {
  /** Records read: customers + opportunities. */
  readonly records: number;
  readonly customers: { readonly read: number; readonly accepted: number };
  readonly opportunities: { readonly read: number; readonly accepted: number };
  /** Every rejected record, duplicates included. */
  readonly rejected: number;
  /** Of which: later occurrences of an id already read (the first one is reported, once). */
  readonly duplicates: number;
  /** The first rejected records with their paths and problems (the rest are counted in `rejected`). */
  readonly rejectedRecords: readonly RejectedRecord[];
}

/** A section left out because the input lacks what it needs, and why. */
export interface ReportOmission {
  /** The section (`customers`, `pool`, `campaigns`, `quotas`, `territories`). */
  readonly section: 'customers' | 'pool' | 'campaigns' | 'quotas' | 'territories';
  /** Why: the input key that is missing (`regions`: no open deal has a `region`). */
  readonly missing: 'customers' | 'poolRules' | 'campaigns' | 'quotas' | 'regions';
}

/**
 * The report as plain data: every figure a renderer shows, computed by the library's
 * analytics, forecast, planning and customer functions. A section whose input is
 * missing is absent, and listed in `omitted`.
 */
export interface Report {
  /** Where the data came from (a file path, or the sample). */
  readonly source: string;
  readonly asOf: Date;
  /** The IANA time zone in which dates, quarters and "today" are read. */
  readonly timeZone: string;
  readonly pipeline: {
    readonly id: string;
    readonly name: string;
    readonly currency: CurrencyCode;
    readonly openStages: readonly ReportStage[];
  };
  readonly input?: ReportInputSection;
  readonly deals: ReportDeals;
  readonly funnel?: ReportFunnel;
  readonly flow?: { readonly rows: readonly ReportFlowRow[] };
  readonly times?: { readonly rows: readonly ReportTimesRow[] };
  readonly forecast?: ReportForecast;
  readonly stalled?: ReportStalled;
  readonly audit?: ReportAudit;
  readonly territories?: ReportTerritories;
  /** What changed in the current quarter's weighted forecast since `--since`. */
  readonly movement?: ReportMovement;
  /** Deals won and lost in the twelve months to the report date, why and to whom. */
  readonly winLoss?: ReportWinLoss;
  /** Health findings of the funnel. */
  readonly health?: ReportHealth;
  /** One line per rep: pipeline, weighted, won, attainment, stalled, overdue follow-ups. */
  readonly reps?: ReportReps;
  /** The customer pool, follow-ups and classes; absent when the input has no customers. */
  readonly customers?: ReportCustomers;
  /** Campaign effectiveness; absent when the input lists no campaigns. */
  readonly campaigns?: ReportCampaigns;
  /** Sections (or parts of them) left out for want of input. */
  readonly omitted: readonly ReportOmission[];
  /** The names of the user ids the report shows (owners), from the input's `users`; absent when it has none. */
  readonly users?: readonly ReportUser[];
}

/** Options for {@link buildReport}. */
export interface BuildReportOptions {
  /** The report date: ledgers are read up to it. */
  readonly asOf: Date;
  /**
   * The start of the movement section (what changed since), before `asOf`.
   *
   * @defaultValue 7 days before `asOf`
   */
  readonly since?: Date;
  /** The IANA time zone of dates, quarters and "today". */
  readonly timeZone: string;
  /** A label for the data's origin. */
  readonly source: string;
  /**
   * Language of the audit messages.
   *
   * @defaultValue `'en'`
   */
  readonly locale?: Locale;
  /** How the input file was read (absent for the embedded sample). */
  readonly reading?: InputReading;
}

/** What every section reads: the input, the report date and zone, and lookups. */
type Context = SectionContext;

const ZERO = new Decimal(0);

function tally(t: ForecastTally): ReportTally {
  return { count: t.count, amount: t.amount.amount, weighted: t.weighted.amount };
}

function figures(f: WeightedForecastFigures): ReportFigures {
  return { ...tally(f), open: tally(f.open), won: tally(f.won), lost: tally(f.lost) };
}

function countDeals(opportunities: readonly Opportunity[]): ReportDeals {
  const n = { open: 0, suspended: 0, won: 0, lost: 0 };
  for (const o of opportunities) n[o.status] += 1;
  return { total: opportunities.length, ...n };
}

function inputSection(reading: InputReading): ReportInputSection {
  const { read, rejected, input } = reading;
  return {
    records: read.customers + read.opportunities + (read.strayEvents ?? 0),
    customers: { read: read.customers, accepted: input.customers.length },
    opportunities: { read: read.opportunities, accepted: input.opportunities.length },
    rejected: rejected.count,
    duplicates: rejected.duplicates,
    rejectedRecords: rejected.records,
  };
}

/** Snapshot funnel (销售漏斗快照): open deals per stage at `asOf`. */
function funnelSection(ctx: Context): ReportFunnel {
  const { pipeline, opportunities } = ctx.input;
  const probabilityOf = new Map(pipeline.stages.map((s) => [s.id as string, s.probability]));
  const snapshot = funnelSnapshot(opportunities, pipeline, { asOf: ctx.asOf, timeZone: ctx.timeZone }).total;
  return {
    rows: snapshot.stages.map((r) => ({
      stageId: r.stageId,
      name: ctx.nameOf(r.stageId),
      probability: probabilityOf.get(r.stageId) ?? ZERO,
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
}

/** Stage flow (升迁率 / 流失率 / 滞留率): every stage entry up to `asOf`. */
function flowSection(ctx: Context): { readonly rows: readonly ReportFlowRow[] } {
  const flow = stageFlow(ctx.input.opportunities, ctx.input.pipeline, { asOf: ctx.asOf, timeZone: ctx.timeZone }).total;
  return {
    rows: flow.stages.map((r) => ({
      stageId: r.stageId,
      name: ctx.nameOf(r.stageId),
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
    })),
  };
}

/** Conversion times (转化时间): days per stage, completed stays and Kaplan–Meier. */
function timesSection(ctx: Context): { readonly rows: readonly ReportTimesRow[] } {
  const times = conversionTimes(ctx.input.opportunities, ctx.input.pipeline, { asOf: ctx.asOf, timeZone: ctx.timeZone }).total;
  return {
    rows: times.map((r) => ({
      stageId: r.stageId,
      name: ctx.nameOf(r.stageId),
      stays: r.stays,
      completed: r.completed,
      censored: r.open + r.lost + r.regressed,
      meanDays: r.meanDays,
      medianDays: r.medianDays,
      p90Days: r.p90Days,
      kaplanMeierMedianDays: r.kaplanMeier.medianDays,
    })),
  };
}

function range(deals: readonly Opportunity[], probabilityOf: (o: Opportunity) => Decimal): ReportRange {
  const d = forecastDistribution(deals.map((o) => ({ amount: o.amount, probability: probabilityOf(o) })));
  return { p10: d.p10, p50: d.p50, p90: d.p90 };
}

/**
 * Weighted forecast (加权预测) by quarter, from `weightedForecast` grouped by the quarter
 * of each deal's forecast date in the report's zone, with the exact revenue range of
 * each quarter's open deals (`forecastDistribution`) and the current quarter's
 * forecast categories.
 */
function forecastSection(ctx: Context): ReportForecast {
  const { pipeline, opportunities } = ctx.input;
  const period = { unit: 'quarter' } as const;
  const options = { groupBy: ['period'], period, timeZone: ctx.timeZone } as const;
  const forecast = weightedForecast(opportunities, pipeline, options);
  const currentQuarter = periodOf(ctx.asOf, { ...period, timeZone: ctx.timeZone });
  // The range of each quarter reads the same open deals as its row: open, not suspended,
  // dated by their expected close date (weightedForecast's forecast date for open deals).
  const probabilityOf = (o: Opportunity) => dealProbability(o, pipeline) ?? ZERO;
  const dated = opportunities.filter((o) => o.status === 'open' && o.expectedCloseDate !== undefined);
  const byQuarter = new Map<string, Opportunity[]>();
  for (const o of dated) {
    const q = periodOf(o.expectedCloseDate as PlainDate, period);
    byQuarter.set(q, [...(byQuarter.get(q) ?? []), o]);
  }
  const rows: ReportForecastRow[] = forecast.groups.map((g) => {
    const quarter = g.key[0] ?? '';
    return { period: quarter, past: quarter < currentQuarter, ...figures(g.value), openRange: range(byQuarter.get(quarter) ?? [], probabilityOf) };
  });
  const rollups = forecastCategories(opportunities, pipeline, options).groups.find((g) => g.key[0] === currentQuarter)?.value.rollups;
  return {
    periodUnit: 'quarter',
    rows,
    total: figures(forecast.total),
    totalOpenRange: range(dated, probabilityOf),
    unforecastable: figures(forecast.unforecastable),
    book: figures(forecast.book),
    suspended: tally(forecast.suspended),
    currentQuarter,
    ...(rollups === undefined
      ? {}
      : {
          categories: {
            closed: tally(rollups.closed),
            commit: tally(rollups.commit),
            bestCase: tally(rollups.bestCase),
            openPipeline: tally(rollups.openPipeline),
          },
        }),
  };
}

/** Stalled deals (停滞商机): past their stage's `stallAfterDays`, most overdue first. */
function stalledSection(ctx: Context): ReportStalled {
  const deals = findStalled(ctx.input.opportunities, ctx.input.pipeline, { asOf: ctx.asOf, timeZone: ctx.timeZone }).total;
  return {
    count: deals.length,
    amount: deals.reduce((a, d) => a.plus(d.amount.amount), ZERO),
    deals: deals.map((d) => {
      const o = ctx.byId.get(d.opportunityId);
      return {
        opportunityId: d.opportunityId,
        name: o?.name ?? d.opportunityId,
        stageId: d.stageId,
        stageName: ctx.nameOf(d.stageId),
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
}

/** Funnel check-up (漏斗体检, `auditPipeline`). Stalled deals have their own section, so that check is left out here. */
function auditSection(ctx: Context): ReportAudit {
  const codes = AUDIT_CODES.filter((c) => c !== 'stalled');
  const audit = auditPipeline(ctx.input.opportunities, ctx.input.pipeline, { asOf: ctx.asOf, timeZone: ctx.timeZone, codes, locale: ctx.locale }).total;
  return {
    deals: audit.deals,
    counts: codes.map((code) => ({ code, count: audit.counts[code] })),
    findings: audit.findings.map((f) => {
      const o = ctx.byId.get(f.opportunityId);
      return { code: f.code, opportunityId: f.opportunityId, name: o?.name ?? f.opportunityId, ownerId: o?.ownerId ?? '', params: f.params, message: f.message };
    }),
  };
}

/**
 * Territory balance (地盘, shown as 区域分配平衡): regions are the units, weighted by their weighted open
 * pipeline at `asOf` (funnel snapshot by region, rounded to the minor unit); the reps are
 * the owners of deals open at `asOf`, capacity 1 each. Each region's current owner is
 * the rep with the most weighted pipeline there today. A region heavier than the
 * average load may be shared ("a rich region may have several reps") in shares of the
 * largest power of ten below the average load, and the plan may make at most one move
 * per rep away from today's coverage. Absent when there are no open deals or no reps.
 */
function territorySection(ctx: Context): ReportTerritories | undefined {
  const { pipeline, opportunities } = ctx.input;
  const snapshotBy = (groupBy: readonly ('region' | 'owner')[]) =>
    funnelSnapshot(opportunities, pipeline, { asOf: ctx.asOf, timeZone: ctx.timeZone, groupBy }).groups;
  const byOwner = new Map(snapshotBy(['owner']).map((g) => [g.key[0] ?? '', g.value]));
  const reps = [...byOwner].filter(([, t]) => t.count > 0).map(([id]) => id);
  const weights = snapshotBy(['region'])
    .map((g) => ({ region: g.key[0] ?? '', weight: roundToMinor(g.value.weightedAmount).amount }))
    .filter((u) => u.weight.gt(0));
  if (reps.length === 0 || weights.length === 0) return undefined;
  // Deals without a region are grouped under the library's "(none)": with no region at all there is nothing to balance.
  if (!opportunities.some((o) => o.region !== undefined && (o.status === 'open' || o.status === 'suspended'))) return undefined;
  // Today's owner of a region: the rep with the most weighted pipeline there (ties: smaller id, the first in key order).
  const owners = new Map<string, { repId: string; weighted: Decimal }>();
  for (const g of snapshotBy(['region', 'owner'])) {
    const [region = '', repId = ''] = g.key;
    const best = owners.get(region);
    if (g.value.count > 0 && (best === undefined || g.value.weightedAmount.amount.gt(best.weighted))) owners.set(region, { repId, weighted: g.value.weightedAmount.amount });
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
  const plan = balanceTerritories(
    units,
    reps.map((id) => ({ id })),
    { maxMoves: reps.length, maxNodes: 200_000 },
  );
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

/**
 * Builds the report's data from the valid records of the input: one section per
 * library function (movement since `options.since`, snapshot funnel, stage flow,
 * conversion times, weighted forecast, win / loss, health, stalled deals, audit, rep
 * scorecard, customers, campaigns, territory balance), every date, quarter and "today"
 * read on the wall clock of `options.timeZone`. The customer section needs customers in
 * the input (the pool lists also `poolRules`), the campaign section `campaigns`, the
 * scorecard's attainment `quotas`; without them they are left out and listed in
 * `omitted`.
 *
 * @param input - Pipeline, customers and deals.
 * @param options - `asOf`, the time zone, the source label, and how the file was read.
 * @returns The report.
 * @throws `FunnelError` when the library refuses the data.
 *
 * @category CLI
 * @example
 * ```ts
 * const report = buildReport(buildSample(), { asOf: SAMPLE_AS_OF, timeZone: 'Asia/Shanghai', source: 'sample' });
 * report.deals.total; //=> 300
 * ```
 */
export function buildReport(input: ReportInput, options: BuildReportOptions): Report {
  const { pipeline, opportunities } = input;
  const names = new Map(pipeline.stages.map((s) => [s.id as string, s.name]));
  const ctx: Context = {
    input,
    asOf: options.asOf,
    timeZone: options.timeZone,
    locale: options.locale ?? 'en',
    nameOf: (id) => names.get(id) ?? id,
    byId: new Map(opportunities.map((o) => [o.id as string, o])),
  };
  const territories = territorySection(ctx);
  const stalled = stalledSection(ctx);
  const stalledByOwner = new Map<string, number>();
  for (const d of stalled.deals) stalledByOwner.set(d.ownerId, (stalledByOwner.get(d.ownerId) ?? 0) + 1);
  const customers = input.customers.length === 0 ? undefined : customerSection(ctx);
  const campaigns = campaignSection(ctx);
  const since = options.since ?? new Date(options.asOf.getTime() - 7 * 86_400_000);
  const omitted: ReportOmission[] = [];
  if (customers === undefined) omitted.push({ section: 'customers', missing: 'customers' });
  else if (input.poolRules === undefined) omitted.push({ section: 'pool', missing: 'poolRules' });
  if (campaigns === undefined) omitted.push({ section: 'campaigns', missing: 'campaigns' });
  if (input.quotas === undefined) omitted.push({ section: 'quotas', missing: 'quotas' });
  if (territories === undefined) omitted.push({ section: 'territories', missing: 'regions' });
  return {
    source: options.source,
    asOf: options.asOf,
    timeZone: options.timeZone,
    pipeline: {
      id: pipeline.id,
      name: pipeline.name,
      currency: pipeline.currency,
      openStages: pipeline.stages.filter((s) => s.kind === 'open').map((s) => ({ stageId: s.id, name: s.name, probability: s.probability })),
    },
    ...(options.reading === undefined ? {} : { input: inputSection(options.reading) }),
    deals: countDeals(opportunities),
    movement: movementSection(ctx, since),
    funnel: funnelSection(ctx),
    flow: flowSection(ctx),
    times: timesSection(ctx),
    forecast: forecastSection(ctx),
    winLoss: winLossSection(ctx),
    health: healthSection(ctx),
    stalled,
    audit: auditSection(ctx),
    reps: repsSection(ctx, stalledByOwner, customers?.overdueByOwner),
    ...(customers === undefined ? {} : { customers: customers.section }),
    ...(campaigns === undefined ? {} : { campaigns }),
    ...(territories === undefined ? {} : { territories }),
    omitted,
    ...(input.users === undefined || input.users.length === 0 ? {} : { users: input.users.map((u) => ({ id: u.id, name: u.name })) }),
  };
}
