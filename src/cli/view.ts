import { plainDateOf, zoneOffsetAt, type AuditCode, type Decimal, type Locale } from '../index.js';
import { amountUnit, formatAmount, formatCount, formatDays, formatPercent, formatPeriod, formatWholeDays } from './format.js';
import { label, type LabelKey } from './labels.js';
import type { Report, ReportFigures, ReportInputSection, ReportOmission, ReportRange, ReportTally } from './report.js';
import { campaignsView, customersView, funnelCharts, healthView, movementView, omittedView, repsView, winLossView, type ViewKit } from './viewSections.js';
import { column, type ColumnKind, type ReportView, type ViewColumn, type ViewSection } from './viewTypes.js';

export type { ReportView, ViewColumn, ViewFunnel, ViewSection, ViewTable } from './viewTypes.js';

/** Stalled deals listed in full; the rest are counted. */
const MAX_STALLED = 15;
/** Audit findings listed in full; the rest are counted. */
const MAX_FINDINGS = 20;
/** Rejected records listed in the report; the rest are counted. */
const MAX_REJECTED = 50;

/** Zones whose clock is Beijing time (北京时间). */
const BEIJING_ZONES = new Set(['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Chungking', 'Asia/Harbin', 'PRC']);

/** `+08:00`: the offset of `timeZone` at `at`. */
function offsetText(at: Date, timeZone: string): string {
  const offset = zoneOffsetAt(at, { timeZone });
  const abs = Math.abs(offset);
  return `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * The name of a time zone for readers: in English the IANA name; in Chinese `北京时间`
 * for China's zone, `UTC`, else the zone's Chinese name with its offset
 * (`中欧夏令时间，UTC+02:00`).
 *
 * @param timeZone - An IANA time zone.
 * @param at - The instant (the name and offset may change with summer time).
 * @param locale - `'en'` or `'zh-CN'`.
 * @returns The zone's name.
 *
 * @category CLI
 * @example
 * ```ts
 * zoneName('Asia/Shanghai', new Date(), 'zh-CN'); //=> '北京时间'
 * ```
 */
export function zoneName(timeZone: string, at: Date, locale: Locale): string {
  if (locale !== 'zh-CN') return timeZone;
  if (BEIJING_ZONES.has(timeZone)) return '北京时间';
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 'UTC';
  let name: string | undefined;
  try {
    name = new Intl.DateTimeFormat('zh-CN', { timeZone, timeZoneName: 'long' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
  } catch {
    name = undefined;
  }
  return `${name ?? timeZone}，UTC${offsetText(at, timeZone)}`;
}

/**
 * An instant on the wall clock of a time zone, for headings:
 * `2026-11-23 08:00 Asia/Shanghai (UTC+08:00)`; in Chinese `2026-11-23 08:00（北京时间）`.
 *
 * @param at - The instant.
 * @param timeZone - An IANA time zone.
 * @param locale - `'en'` (default) or `'zh-CN'`.
 * @returns The local date and time, the zone and its offset at that instant.
 *
 * @category CLI
 * @example
 * ```ts
 * formatInstant(new Date('2026-06-30T22:00:00Z'), 'Europe/Berlin'); //=> '2026-07-01 00:00 Europe/Berlin (UTC+02:00)'
 * formatInstant(new Date('2026-11-23T00:00:00Z'), 'Asia/Shanghai', 'zh-CN'); //=> '2026-11-23 08:00（北京时间）'
 * ```
 */
export function formatInstant(at: Date, timeZone: string, locale: Locale = 'en'): string {
  const offset = zoneOffsetAt(at, { timeZone });
  const time = new Date(at.getTime() + offset * 60_000).toISOString().slice(11, 16);
  const date = `${plainDateOf(at, { timeZone })} ${time}`;
  if (locale === 'zh-CN') return `${date}（${zoneName(timeZone, at, locale)}）`;
  return `${date} ${timeZone === 'UTC' ? 'UTC' : `${timeZone} (UTC${offsetText(at, timeZone)})`}`;
}

/**
 * Formats a {@link Report} for reading: headings, column labels and notes in `locale`,
 * money with thousands separators (in Chinese in 万), rates with one decimal and `—` for
 * `null`, people by their names (the report's `users`), times on the report's clock.
 *
 * @param report - The report data.
 * @param locale - `'en'` or `'zh-CN'`.
 * @returns The formatted view.
 *
 * @category CLI
 * @example
 * ```ts
 * const view = reportView(report, 'zh-CN');
 * view.sections.map((s) => s.title);
 * ```
 */
export function reportView(report: Report, locale: Locale): ReportView {
  const L = (key: LabelKey, params?: Readonly<Record<string, string | number>>) => label(locale, key, params);
  const col = (key: LabelKey, align: ColumnKind = 'right'): ViewColumn => column(L(key), align);
  const money = (amount: Decimal) => formatAmount(amount, locale);
  const names = new Map((report.users ?? []).map((u) => [u.id, u.name]));
  const who = (userId: string) => names.get(userId) ?? userId;
  const asOf = formatInstant(report.asOf, report.timeZone, locale);
  const sections: ViewSection[] = [];
  const tallyCells = (t: ReportTally) => [formatCount(t.count), money(t.amount), money(t.weighted)];
  const figureCells = (f: ReportFigures) => [...tallyCells(f.open), money(f.won.amount), money(f.weighted)];

  const kit: ViewKit = {
    locale,
    L,
    col,
    money,
    who,
    when: (at) => formatInstant(at, report.timeZone, locale),
    day: (at) => plainDateOf(at, { timeZone: report.timeZone }),
  };
  const omitted = (section: ReportOmission['section']) => report.omitted.some((o) => o.section === section);

  if (report.input !== undefined && report.input.rejected > 0) sections.push(rejectedSection(report.input, L, col));

  if (report.movement !== undefined) sections.push(movementView(kit, report.movement));

  if (report.funnel !== undefined) {
    const f = report.funnel;
    const notes = [L('overallConversion', { value: formatPercent(f.overallConversion) })];
    if (f.suspended > 0) notes.push(L('suspendedNote', { count: f.suspended }));
    sections.push({
      id: 'funnel',
      title: L('funnelTitle'),
      intro: L('funnelIntro', { asOf }),
      ...(report.flow === undefined ? {} : { funnels: funnelCharts(kit, f, report.flow.rows) }),
      tables: [
        {
          columns: [col('stage', 'left'), col('probability'), col('count'), col('amount'), col('weighted'), col('fromPrevious'), col('ofFirst')],
          rows: f.rows.map((r) => [
            r.name,
            formatPercent(r.probability),
            formatCount(r.count),
            money(r.amount),
            money(r.weighted),
            formatPercent(r.ratioToPrevious),
            formatPercent(r.ratioToFirst),
          ]),
          total: [L('total'), '', formatCount(f.count), money(f.amount), money(f.weighted), '', ''],
        },
      ],
      notes,
    });
  }

  if (report.flow !== undefined) {
    sections.push({
      id: 'flow',
      title: L('flowTitle'),
      intro: L('flowIntro', { asOf }),
      tables: [
        {
          columns: [
            col('stage', 'left'),
            col('entered'),
            col('advanced'),
            col('lost'),
            col('regressed'),
            col('stillThere'),
            col('stalled'),
            col('advanceRate'),
            col('lossRate'),
            col('stayRate'),
          ],
          rows: report.flow.rows.map((r) => [
            r.name,
            formatCount(r.entered),
            formatCount(r.advanced),
            formatCount(r.lost),
            formatCount(r.regressed),
            formatCount(r.stillThere),
            formatCount(r.stalled),
            formatPercent(r.advanceRate),
            formatPercent(r.lossRate),
            formatPercent(r.stayRate),
          ]),
        },
      ],
      notes: [L('flowNote')],
    });
  }

  if (report.times !== undefined) {
    sections.push({
      id: 'times',
      title: L('timesTitle'),
      intro: L('timesIntro'),
      tables: [
        {
          columns: [col('stage', 'left'), col('stays'), col('completed'), col('censored'), col('mean'), col('median'), col('p90'), col('kmMedian')],
          rows: report.times.rows.map((r) => [
            r.name,
            formatCount(r.stays),
            formatCount(r.completed),
            formatCount(r.censored),
            formatDays(r.meanDays),
            formatDays(r.medianDays),
            formatDays(r.p90Days),
            formatDays(r.kaplanMeierMedianDays),
          ]),
        },
      ],
      notes: [],
    });
  }

  if (report.forecast !== undefined) {
    const f = report.forecast;
    const rangeCells = (r: ReportRange) => [money(r.p10), money(r.p50), money(r.p90)];
    const notes = [L('currentStateNote')];
    if (f.book.lost.count > 0) notes.push(L('lostForecastNote', { count: f.book.lost.count, amount: money(f.book.lost.amount) }));
    if (f.suspended.count > 0) notes.push(L('suspendedForecastNote', { count: f.suspended.count, amount: money(f.suspended.amount) }));
    sections.push({
      id: 'forecast',
      title: L('forecastTitle'),
      intro: L('forecastIntro', { timeZone: zoneName(report.timeZone, report.asOf, locale) }),
      tables: [
        {
          columns: [
            col('quarter', 'fixed'),
            col('openDeals'),
            col('pipelineAmount'),
            col('openWeighted'),
            col('p10'),
            col('p50'),
            col('p90Revenue'),
            col('won'),
            col('weightedOpenWon'),
          ],
          // Quarters with lost deals only add nothing to any figure: not shown.
          rows: f.rows.filter((r) => r.count > 0).map((r) => [
            r.past && r.open.count > 0 ? L('overduePeriod', { period: formatPeriod(r.period, locale) }) : formatPeriod(r.period, locale),
            ...tallyCells(r.open),
            ...rangeCells(r.openRange),
            money(r.won.amount),
            money(r.weighted),
          ]),
          total: [L('datedTotal'), ...tallyCells(f.total.open), ...rangeCells(f.totalOpenRange), money(f.total.won.amount), money(f.total.weighted)],
        },
        {
          caption: L('forecastTotalsCaption'),
          columns: [col('forecastTotal', 'prose'), col('openDeals'), col('pipelineAmount'), col('openWeighted'), col('won'), col('weightedOpenWon')],
          rows: [
            [L('datedTotal'), ...figureCells(f.total)],
            [L('unforecastableTotal'), ...figureCells(f.unforecastable)],
          ],
          total: [L('bookTotal'), ...figureCells(f.book)],
        },
        ...(f.categories === undefined
          ? []
          : [
              {
                caption: L('categoriesTitle', { quarter: formatPeriod(f.currentQuarter, locale) }),
                columns: [col('category', 'fixed'), col('count'), col('amount'), col('weighted')],
                rows: [
                  [L('closed'), ...tallyCells(f.categories.closed)],
                  [L('commit'), ...tallyCells(f.categories.commit)],
                  [L('bestCase'), ...tallyCells(f.categories.bestCase)],
                  [L('openPipeline'), ...tallyCells(f.categories.openPipeline)],
                ],
              },
            ]),
      ],
      notes,
    });
  }

  if (report.winLoss !== undefined) sections.push(winLossView(kit, report.winLoss));
  if (report.health !== undefined) sections.push(healthView(kit, report.health));

  if (report.stalled !== undefined) {
    const st = report.stalled;
    const shown = st.deals.slice(0, MAX_STALLED);
    sections.push({
      id: 'stalled',
      title: L('stalledTitle'),
      intro: L('stalledIntro', { count: st.count, amount: money(st.amount) }),
      tables:
        st.count === 0
          ? []
          : [
              {
                columns: [col('deal', 'left'), col('stage', 'left'), col('owner', 'left'), col('region', 'left'), col('amount'), col('daysInStage'), col('threshold'), col('closeDate', 'fixed')],
                rows: shown.map((d) => [
                  d.name,
                  d.stageName,
                  who(d.ownerId),
                  d.region ?? '—',
                  money(d.amount),
                  formatWholeDays(d.days),
                  formatWholeDays(d.thresholdDays),
                  d.expectedCloseDate ?? '—',
                ]),
              },
            ],
      notes: st.count > shown.length ? [L('moreRows', { count: st.count - shown.length })] : [],
    });
  }

  if (report.audit !== undefined) {
    const a = report.audit;
    // Findings a manager acts on now: those about open deals, worst first.
    const actionable: readonly AuditCode[] = ['won_without_funnel_history', 'close_date_overdue', 'close_date_pushed', 'missing_close_date', 'near_zero_probability'];
    const listed = actionable.flatMap((code) => a.findings.filter((f) => f.code === code));
    const shown = listed.slice(0, MAX_FINDINGS);
    const codeLabel = (code: AuditCode) => L(`audit_${code}` as LabelKey);
    sections.push({
      id: 'audit',
      title: L('auditTitle'),
      intro: `${L('auditIntro')}${locale === 'zh-CN' ? '' : ' '}${L('auditCountsIntro', { deals: a.deals })}`,
      tables: [
        {
          columns: [col('finding', 'prose'), col('findings'), col('example', 'prose')],
          rows: a.counts.map((c) => {
            const first = a.findings.find((f) => f.code === c.code);
            return [codeLabel(c.code), formatCount(c.count), first === undefined ? '—' : L('exampleText', { name: first.name, message: first.message })];
          }),
        },
        ...(shown.length === 0
          ? []
          : [
              {
                caption: L('auditListCaption'),
                columns: [col('finding', 'prose'), col('deal', 'left'), col('owner', 'left'), col('example', 'prose')],
                rows: shown.map((f) => [codeLabel(f.code), f.name, who(f.ownerId), f.message]),
              },
            ]),
      ],
      notes: listed.length > shown.length ? [L('moreRows', { count: listed.length - shown.length })] : [],
    });
  }

  if (report.reps !== undefined) sections.push(repsView(kit, report.reps, formatPeriod(report.reps.period, locale)));
  if (report.customers !== undefined) sections.push(customersView(kit, report.customers));
  else if (omitted('customers')) sections.push(omittedView(kit, 'customers', 'omittedCustomers'));
  if (report.campaigns !== undefined) sections.push(campaignsView(kit, report.campaigns));
  else if (omitted('campaigns')) sections.push(omittedView(kit, 'campaigns', 'omittedCampaigns'));

  if (report.territories === undefined && omitted('territories')) sections.push(omittedView(kit, 'territories', 'omittedTerritories'));
  if (report.territories !== undefined) {
    const t = report.territories;
    sections.push({
      id: 'territories',
      title: L('territoriesTitle'),
      intro: L('territoriesIntro', { granularity: money(t.granularity) }),
      tables: [
        {
          caption: L('unitsCaption'),
          columns: [col('region', 'left'), col('weighted'), col('mainRep', 'left'), col('splittable', 'fixed')],
          rows: t.units.map((u) => [u.region, money(u.weight), u.owner === null ? '—' : who(u.owner), u.splittable ? L('yes') : L('no')]),
          total: [L('total'), money(t.total), '', ''],
        },
        {
          columns: [col('rep', 'left'), col('currentLoad'), col('planLoad'), col('share'), col('planRegions', 'prose')],
          rows: t.reps.map((r) => [
            who(r.repId),
            money(r.currentWeighted),
            money(r.load),
            formatPercent(r.share),
            r.regions.map((g) => L('regionShare', { region: g.region, amount: money(g.weight) })).join(L('listSeparator')),
          ]),
        },
        ...(t.moves.length === 0
          ? []
          : [
              {
                caption: L('movesCaption', { count: t.moves.length, max: t.maxMoves }),
                columns: [col('region', 'left'), col('fromRep', 'left'), col('toRep', 'left'), col('weighted')],
                rows: t.moves.map((m) => [m.region, who(m.from), who(m.to), money(m.weight)]),
              },
            ]),
      ],
      notes: [
        L('balanceSummary', {
          largest: money(t.largestLoad),
          bound: money(t.lowerBound),
          gap: formatPercent(t.gap),
          smallest: money(t.smallestLoad),
          optimal: t.provenOptimal ? L('yes') : L('no'),
        }),
      ],
    });
  }

  const d = report.deals;
  const input = report.input;
  return {
    locale,
    title: L('title'),
    meta: [
      [L('pipeline'), L('pipelineMeta', { name: report.pipeline.name, id: report.pipeline.id })],
      [L('asOf'), asOf],
      [L('source'), report.source],
      ...(input === undefined
        ? []
        : [
            [
              L('records'),
              L('recordsSummary', {
                records: input.records,
                customers: input.customers.accepted,
                opportunities: input.opportunities.accepted,
                rejected: input.rejected,
                duplicates: input.duplicates,
              }),
            ] as const,
          ]),
    ],
    summary: L('dealsSummary', { total: d.total, open: d.open, suspended: d.suspended, won: d.won, lost: d.lost }),
    note: L('currencyNote', { currency: report.pipeline.currency, unit: amountUnit(report.pipeline.currency, locale) }),
    sections,
  };
}

/** The records the report leaves out, with their paths and reasons. */
function rejectedSection(
  input: ReportInputSection,
  L: (key: LabelKey, params?: Readonly<Record<string, string | number>>) => string,
  col: (key: LabelKey, align?: ColumnKind) => ViewColumn,
): ViewSection {
  const shown = input.rejectedRecords.slice(0, MAX_REJECTED);
  const rows: string[][] = [];
  for (const r of shown) {
    const path = r.path.join('.');
    const record = r.id === undefined ? path : L('recordWithId', { path, id: r.id });
    r.issues.forEach((i, k) => rows.push([k === 0 ? record : '', (i.path ?? []).join('.'), i.message]));
    if (r.issueCount > r.issues.length) rows.push(['', '', L('moreProblems', { count: r.issueCount - r.issues.length })]);
  }
  return {
    id: 'rejected',
    title: L('rejectedTitle'),
    intro: L('rejectedIntro', { rejected: input.rejected, records: input.records, duplicates: input.duplicates }),
    tables: [{ columns: [col('record', 'fixed'), col('field', 'fixed'), col('problem', 'prose')], rows }],
    notes: input.rejected > shown.length ? [L('moreRows', { count: input.rejected - shown.length })] : [],
  };
}
