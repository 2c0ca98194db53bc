// The sections of issues 12 and 13 as the reader sees them: movement, win / loss, health,
// the rep scorecard, customers and campaigns, and the pair of funnel charts.
import { Decimal, type Locale } from '../index.js';
import { formatCount, formatPercent, formatPeriod, formatWholeDays } from './format.js';
import type { LabelKey } from './labels.js';
import type { ReportFlowRow, ReportFunnel } from './report.js';
import type {
  ReportCampaigns,
  ReportCustomers,
  ReportDealRef,
  ReportHealth,
  ReportLossRow,
  ReportMovement,
  ReportPoolCustomer,
  ReportReps,
  ReportWinLoss,
} from './reportSections.js';
import type { ColumnKind, ViewColumn, ViewFunnel, ViewSection, ViewTable } from './viewTypes.js';

/** What the section views need from the report view: words, formats and names. */
export interface ViewKit {
  readonly locale: Locale;
  readonly L: (key: LabelKey, params?: Readonly<Record<string, string | number>>) => string;
  readonly col: (key: LabelKey, kind?: ColumnKind) => ViewColumn;
  readonly money: (amount: Decimal) => string;
  /** A person's name from a user id. */
  readonly who: (userId: string) => string;
  /** An instant on the report's clock, with its zone. */
  readonly when: (at: Date) => string;
  /** An instant's calendar date on the report's clock. */
  readonly day: (at: Date) => string;
}

/** Deals named in one cell, at most this many; the rest are counted. */
const MAX_NAMES = 3;
/** Health findings listed; the rest are counted. */
const MAX_HEALTH = 25;
/** Customers listed per pool list; the rest are counted. */
const MAX_POOL = 15;

/** A signed amount: `+1,200` or `−300` (a true minus sign), `0` for nothing. */
function signed(k: ViewKit, amount: Decimal): string {
  if (amount.isZero()) return k.money(amount);
  return amount.isNegative() ? `−${k.money(amount.negated())}` : `+${k.money(amount)}`;
}

function nameList(k: ViewKit, names: readonly string[]): string {
  const shown = names.slice(0, MAX_NAMES).join(k.L('listSeparator'));
  return names.length > MAX_NAMES ? k.L('andOthers', { list: shown, count: names.length - MAX_NAMES }) : shown;
}

/** What changed in the quarter's weighted forecast since `--since`. */
export function movementView(k: ViewKit, m: ReportMovement): ViewSection {
  const moved = m.rows.filter((r) => r.deals.length > 0 || !r.delta.isZero());
  return {
    id: 'movement',
    title: k.L('movementTitle'),
    intro: k.L('movementIntro', {
      period: formatPeriod(m.period, k.locale),
      from: k.when(m.from),
      to: k.when(m.to),
      start: k.money(m.start),
      end: k.money(m.end),
      change: signed(k, m.change),
    }),
    tables:
      moved.length === 0
        ? []
        : [
            {
              columns: [k.col('movementKind', 'prose'), k.col('count'), k.col('movementEffect'), k.col('movementDeals', 'prose')],
              rows: [
                [k.L('movementStart'), '', k.money(m.start), ''],
                ...moved.map((r) => [
                  k.L(`movement_${r.kind}` as LabelKey),
                  formatCount(r.deals.length),
                  signed(k, r.delta),
                  nameList(
                    k,
                    r.deals.map((d) => d.name),
                  ),
                ]),
              ],
              total: [k.L('movementEnd'), '', k.money(m.end), ''],
            },
          ],
    notes: moved.length === 0 ? [k.L('movementNone')] : [],
  };
}

/** Win / loss: the decided deals, why they were lost, where, and to whom. */
export function winLossView(k: ViewKit, w: ReportWinLoss): ViewSection {
  const lossTable = (caption: LabelKey, keyColumn: LabelKey, rows: readonly ReportLossRow[]): ViewTable => ({
    caption: k.L(caption),
    columns: [k.col(keyColumn, 'left'), k.col('lostDeals'), k.col('amount'), k.col('shareOfLost')],
    rows: rows.map((r) => [r.key ?? k.L('notRecorded'), formatCount(r.count), k.money(r.amount), formatPercent(r.share)]),
  });
  return {
    id: 'winLoss',
    title: k.L('winLossTitle'),
    intro: k.L('winLossIntro', {
      from: k.day(w.from),
      to: k.day(w.to),
      won: w.won.count,
      wonAmount: k.money(w.won.amount),
      lost: w.lost.count,
      lostAmount: k.money(w.lost.amount),
      byCount: formatPercent(w.winRateByCount),
      byValue: formatPercent(w.winRateByValue),
    }),
    tables:
      w.lost.count === 0
        ? []
        : [
            lossTable('lossReasonsCaption', 'lossReason', w.byLossReason),
            lossTable('lossStagesCaption', 'stage', w.byLostAtStage),
            lossTable('competitorsCaption', 'competitor', w.byCompetitor),
          ],
    notes: [],
  };
}

/** Health findings: the team's, then each rep's. */
export function healthView(k: ViewKit, h: ReportHealth): ViewSection {
  const shown = h.findings.slice(0, MAX_HEALTH);
  const deal = (d: ReportDealRef | null) => (d === null ? '' : d.name);
  return {
    id: 'health',
    title: k.L('healthTitle'),
    intro: k.L('healthIntro', { openDeals: h.openDeals }),
    tables:
      shown.length === 0
        ? []
        : [
            {
              columns: [k.col('scope', 'left'), k.col('deal', 'left'), k.col('finding', 'prose')],
              rows: shown.map((f) => [f.repId === null ? (f.deal === null ? k.L('team') : k.who(f.deal.ownerId)) : k.who(f.repId), deal(f.deal), f.message]),
            },
          ],
    notes: h.findings.length === 0 ? [k.L('healthNone')] : h.findings.length > shown.length ? [k.L('moreRows', { count: h.findings.length - shown.length })] : [],
  };
}

/** The rep scorecard. */
export function repsView(k: ViewKit, r: ReportReps, period: string): ViewSection {
  const sum = (f: (x: (typeof r.rows)[number]) => Decimal) => r.rows.reduce((a, x) => a.plus(f(x)), new Decimal(0));
  const hasFollowUps = r.rows.some((x) => x.overdueFollowUps !== null);
  const columns = [
    k.col('rep', 'left'),
    k.col('openDeals'),
    k.col('pipelineAmount'),
    k.col('weighted'),
    k.col('wonInPeriod'),
    ...(r.quotas ? [k.col('quota'), k.col('attainment')] : []),
    k.col('stalledCount'),
    ...(hasFollowUps ? [k.col('overdueFollowUps')] : []),
  ];
  const rows = r.rows.map((x) => [
    k.who(x.repId),
    formatCount(x.openDeals),
    k.money(x.pipeline),
    k.money(x.weighted),
    k.money(x.won),
    ...(r.quotas ? [x.quota === null ? '—' : k.money(x.quota), formatPercent(x.attainment)] : []),
    formatCount(x.stalled),
    ...(hasFollowUps ? [x.overdueFollowUps === null ? '—' : formatCount(x.overdueFollowUps)] : []),
  ]);
  const totalQuota = r.rows.some((x) => x.quota !== null) ? sum((x) => x.quota ?? new Decimal(0)) : undefined;
  const totalWon = r.rows.length === 0 ? undefined : sum((x) => x.won);
  const total =
    r.rows.length === 0
      ? undefined
      : [
          k.L('total'),
          formatCount(r.rows.reduce((n, x) => n + x.openDeals, 0)),
          k.money(sum((x) => x.pipeline)),
          k.money(sum((x) => x.weighted)),
          k.money(sum((x) => x.won)),
          ...(r.quotas
            ? [totalQuota === undefined ? '—' : k.money(totalQuota), totalQuota === undefined || totalQuota.isZero() || totalWon === undefined ? '—' : formatPercent(totalWon.div(totalQuota))]
            : []),
          formatCount(r.rows.reduce((n, x) => n + x.stalled, 0)),
          ...(hasFollowUps ? [formatCount(r.rows.reduce((n, x) => n + (x.overdueFollowUps ?? 0), 0))] : []),
        ];
  return {
    id: 'reps',
    title: k.L('repsTitle'),
    intro: k.L('repsIntro', { period }),
    tables: r.rows.length === 0 ? [] : [{ columns, rows, ...(total === undefined ? {} : { total }) }],
    notes: r.quotas ? [] : [k.L('noQuotas')],
  };
}

/** The customer section: the pool's lists, follow-ups by owner, customers by class. */
export function customersView(k: ViewKit, c: ReportCustomers): ViewSection {
  const tables: ViewTable[] = [];
  const notes: string[] = [];
  const poolRow = (x: ReportPoolCustomer, overdue: boolean) => [
    x.name,
    k.who(x.ownerId),
    x.dueDate ?? '—',
    x.rule === null ? '—' : k.L(`ruleName_${x.rule}` as LabelKey),
    x.daysLeft === null ? '—' : formatWholeDays(overdue ? -x.daysLeft : x.daysLeft),
    x.lastActivityAt === null ? '—' : k.day(x.lastActivityAt),
  ];
  const poolColumns = (overdue: boolean) => [
    k.col('customer', 'left'),
    k.col('owner', 'left'),
    k.col('dueDate', 'fixed'),
    k.col('rule', 'left'),
    k.col(overdue ? 'daysOverdue' : 'daysLeft'),
    k.col('lastFollowUp', 'fixed'),
  ];
  let intro = k.L('customersIntro', { customers: c.customers });
  if (c.pool !== undefined) {
    const p = c.pool;
    const rules = Object.entries(p.rules)
      .filter(([key, v]) => typeof v === 'number' && key !== 'pools')
      .map(([key, v]) => k.L(`rule_${key}` as LabelKey, { value: v as number }))
      .join(k.L('listSeparator'));
    intro = `${intro}${k.locale === 'zh-CN' ? '' : ' '}${k.L('poolSummary', { held: p.held, inPool: p.inPool, rules })}`;
    if (p.due.length > 0) {
      tables.push({ caption: k.L('poolDueCaption', { count: p.due.length }), columns: poolColumns(true), rows: p.due.slice(0, MAX_POOL).map((x) => poolRow(x, true)) });
      if (p.due.length > MAX_POOL) notes.push(k.L('moreRows', { count: p.due.length - MAX_POOL }));
    } else notes.push(k.L('poolDueNone'));
    if (p.warning.length > 0) {
      tables.push({
        caption: k.L('poolWarningCaption', { days: p.rules.warnDaysBefore ?? 0, count: p.warning.length }),
        columns: poolColumns(false),
        rows: p.warning.slice(0, MAX_POOL).map((x) => poolRow(x, false)),
      });
      if (p.warning.length > MAX_POOL) notes.push(k.L('moreRows', { count: p.warning.length - MAX_POOL }));
    }
    for (const o of p.overLimit) notes.push(k.L('overLimit', { rep: k.who(o.ownerId), held: o.held, limit: o.limit }));
  } else notes.push(k.L('noPoolRules'));

  const f = c.followUps;
  const cadence =
    typeof f.cadenceDays === 'number'
      ? k.L('cadenceAll', { days: f.cadenceDays })
      : Object.entries(f.cadenceDays)
          .map(([cls, days]) => k.L('cadenceByClass', { class: ['high', 'medium', 'low'].includes(cls) ? k.L(`class_${cls}` as LabelKey) : cls, days }))
          .join(k.L('listSeparator'));
  tables.push({
    caption: k.L('followUpsCaption', { cadence }),
    columns: [k.col('owner', 'left'), k.col('customersCount'), k.col('overdue'), k.col('dueToday'), k.col('mostOverdue', 'left')],
    rows: f.owners.map((o) => [
      o.ownerId === null ? k.L('inThePool') : k.who(o.ownerId),
      formatCount(o.customers),
      formatCount(o.overdue),
      formatCount(o.dueToday),
      o.worst === null ? '—' : k.L('worstText', { name: o.worst.name, days: o.worst.daysOverdue }),
    ]),
  });
  notes.push(k.L('followUpsNote', { overdue: f.overdue }));
  if (!f.cadenceFromInput) notes.push(k.L('cadenceDefault'));

  const cl = c.classes;
  tables.push({
    caption: k.L('classesCaption', { value: k.money(cl.valueAtLeast), days: cl.closeWithinDays }),
    columns: [k.col('customerClass', 'left'), k.col('classMeaning', 'prose'), k.col('customersCount'), k.col('classValue'), k.col('classCustomers', 'prose')],
    rows: cl.classes.map((x) => [
      x.class,
      k.L(`class_${x.class}` as LabelKey),
      formatCount(x.customers),
      k.money(x.value),
      x.customers > x.names.length ? k.L('andOthers', { list: x.names.join(k.L('listSeparator')), count: x.customers - x.names.length }) : x.names.join(k.L('listSeparator')),
    ]),
  });
  if (cl.unclassified > 0) notes.push(k.L('unclassified', { count: cl.unclassified }));
  return { id: 'customers', title: k.L('customersTitle'), intro, tables, notes };
}

/** Campaign effectiveness. */
export function campaignsView(k: ViewKit, c: ReportCampaigns): ViewSection {
  return {
    id: 'campaigns',
    title: k.L('campaignsTitle'),
    intro: k.L('campaignsIntro'),
    tables: [
      {
        columns: [
          k.col('campaign', 'left'),
          k.col('channel', 'left'),
          k.col('count'),
          k.col('wonCount'),
          k.col('winRate'),
          k.col('wonAmount'),
          k.col('cost'),
          k.col('costPerWin'),
          k.col('roi'),
        ],
        rows: c.rows.map((r) => [
          r.name,
          r.channel ?? '—',
          formatCount(r.opportunities),
          formatCount(r.won),
          formatPercent(r.decidedWinRate),
          k.money(r.wonAmount),
          k.money(r.cost),
          r.costPerWin === null ? '—' : k.money(r.costPerWin),
          formatPercent(r.roi),
        ]),
      },
    ],
    notes: [k.L('campaignsNote', { noCampaign: c.noCampaign, unknown: c.unknownCampaigns })],
  };
}

/** A section left out for want of input: one line saying which and why. */
export function omittedView(k: ViewKit, id: string, note: LabelKey): ViewSection {
  return { id, title: '', omitted: true, tables: [], notes: [k.L(note)] };
}

/** The pair of funnel charts: the snapshot (open deals per stage now) and the stage flow (entries per stage, ever). */
export function funnelCharts(k: ViewKit, funnel: ReportFunnel, flow: readonly ReportFlowRow[]): readonly [ViewFunnel, ViewFunnel] {
  const snapshot = funnel.rows.map((r) => ({
    label: r.name,
    value: r.count,
    title: k.L('chartTitle', { name: r.name, detail: k.L('chartDetail', { count: formatCount(r.count), amount: k.money(r.amount), weighted: k.money(r.weighted) }) }),
  }));
  const entries = flow.map((r) => ({
    label: r.name,
    value: r.entered,
    title: k.L('flowChartTitle', {
      name: r.name,
      entered: formatCount(r.entered),
      advanced: formatCount(r.advanced),
      lost: formatCount(r.lost),
      regressed: formatCount(r.regressed),
      stillThere: formatCount(r.stillThere),
    }),
  }));
  return [
    { title: k.L('chartSnapshot'), note: k.L('chartSnapshotNote'), rows: snapshot },
    { title: k.L('chartFlow'), note: k.L('chartFlowNote'), rows: entries },
  ];
}
