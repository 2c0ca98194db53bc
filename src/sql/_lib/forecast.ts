import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { minorUnitDigits, type CurrencyCode } from '../../money/currency.js';
import { Decimal } from '../../money/decimal.js';
import type { GroupOptions, Grouped } from '../../model/groupBy.js';
import type { OpportunityId } from '../../model/ids.js';
import type { InstantInput } from '../../time/instant.js';
import type { SqlExcludedDeals } from '../results.js';
import type { SqlRow } from '../types.js';
import type { SqlBuilder } from './builder.js';
import { dec, Groups, int, keyOf, notExpressible, partsOf, refuseRates, text, throwDiagnostics } from './diagnostics.js';
import { groupingOf, keyColumns, localDate, type Grouping } from './keys.js';
import { dealCte, eventCte, headCte, keyedCte, stageCte, teamCte, type LedgerContext } from './ledger.js';
import { zoneFields } from '../../time/zone.js';

/*
 * The scan under weightedForecast and forecastCategories (src/forecast/_lib/forecastScan.ts)
 * as common table expressions, over the deal headers as they stand:
 *
 *   sf_scan    every deal of the pipeline: status, amount, weighted amount (the probability
 *              rule of dealProbability: won 1, lost 0, open the override else the stage's),
 *              category (won closed, lost omitted, else the override else the stage's),
 *              whether it has a forecast date, and its grouping keys (`'period'`: the
 *              forecast date's period)
 *   sf_split   with `'owner'` in groupBy: one row per credit split of the dated deals
 *   sf_alloc   each split's share: amount and weighted amount rounded once to the minor
 *              unit (half-even) and shared out by basis points with the largest-remainder
 *              rule of `allocate` (ties to the larger weight, then the earlier split)
 *   sf_visit   what the groups add up: the dated deals without splits, and the shares
 *              (owner = the split owner; 0-basis-point splits get no share)
 */

/** The forecast options the generators share. */
export interface ForecastSqlSettings extends GroupOptions {
  readonly currency?: CurrencyCode;
  readonly rates?: unknown;
  readonly asOf?: InstantInput;
  readonly dealIds?: boolean;
}

/** The checked settings and the CTEs of a forecast scan. */
export interface ForecastScan {
  readonly g: Grouping;
  readonly currency: CurrencyCode;
  readonly ctes: ReadonlyArray<readonly [string, string]>;
  /** Key columns `k0 …` of sf_scan / sf_visit. */
  readonly keys: readonly string[];
}

/** Integer minor units of a non-negative decimal, rounded half-even (no product wider than the amount). */
function halfEvenUnits(b: SqlBuilder, x: string, digits: number): string {
  const d = b.dialect;
  const scale = `1${'0'.repeat(digits)}`;
  const whole = `CAST(floor(${x}) AS ${b.t.wideInteger})`;
  const frac = `((${x}) - floor(${x})) * ${scale}`;
  const base = `(${whole} * ${scale} + CAST(floor(${frac}) AS ${b.t.wideInteger}))`;
  const rest = `(${frac} - floor(${frac}))`;
  return `(${base} + CASE WHEN ${rest} > 0.5 THEN 1 WHEN ${rest} < 0.5 THEN 0 WHEN ${d.mod(base, '2')} = 1 THEN 1 ELSE 0 END)`;
}

/**
 * Checks the options and builds the scan.
 *
 * @throws FunnelError `invalid_option` for `rates`, `asOf` or `dealIds` (not computed in
 *   the database), a bad grouping, currency or zone.
 */
export function forecastScan(c: LedgerContext, options: ForecastSqlSettings): ForecastScan {
  const { b } = c;
  refuseRates(options.rates);
  if (options.asOf !== undefined) throw new FunnelError('invalid_option', { option: 'asOf', reason: because('sql_not_supported') });
  if (options.dealIds !== undefined && options.dealIds !== false) throw new FunnelError('invalid_option', { option: 'dealIds', reason: because('sql_not_supported') });
  const currency = options.currency ?? c.pipeline.currency;
  const digits = minorUnitDigits(currency);
  const g = groupingOf(options, true);
  const n = g.groupBy.length;
  const keys = keyColumns(n);
  const ownerIndex = g.groupBy.indexOf('owner');
  const zone = zoneFields(g.period);
  const forecastDate = g.groupBy.includes('period')
    ? `CASE WHEN d.status <> 'open' AND d.closed_at IS NOT NULL THEN ${localDate(b, 'd.closed_at', zone)} ELSE d.close_date END`
    : b.nul('date');
  const zero = `CAST(0 AS ${b.t.decimal})`;
  const ctes: Array<readonly [string, string]> = [
    stageCte(c),
    ...(g.teams === undefined ? [] : [teamCte(b, g.teams)]),
    dealCte(c, g),
    ...(g.needsBorn ? [eventCte(c), headCte(c)] : []),
    keyedCte(c, g, forecastDate, g.needsBorn),
    [
      'sf_scan',
      `SELECT k.*, sg.stage_id AS known_stage,
  CASE WHEN k.status = 'won' THEN k.amount WHEN k.status = 'lost' THEN ${zero}
    ELSE ${b.dialect.exactProduct('k.amount', 'COALESCE(k.probability_override, sg.probability)')} END AS weighted,
  CASE WHEN k.status = 'won' THEN 'closed' WHEN k.status = 'lost' THEN 'omitted' ELSE COALESCE(k.category_override, sg.category) END AS category,
  CASE WHEN k.status <> 'open' AND k.closed_at IS NOT NULL THEN 1 WHEN k.close_date IS NOT NULL THEN 1 ELSE 0 END AS dated
FROM sf_keyed k
LEFT JOIN sf_stage sg ON sg.stage_id = k.stage_id`,
    ],
  ];
  const valid = `s.status <> 'suspended' AND s.known_stage IS NOT NULL`;
  if (ownerIndex < 0) {
    ctes.push(['sf_visit', `SELECT ${keys.map((k) => `s.${k}, `).join('')}s.deal_id, s.status, s.category, s.amount, s.weighted FROM sf_scan s WHERE s.dated = 1 AND ${valid}`]);
  } else {
    const unnest = b.dialect.jsonArray;
    if (unnest === undefined) notExpressible(b.dialect, 'credit_splits');
    const j = b.dialect.jsonText;
    const wide = b.t.wideInteger;
    const share = (units: string, floor: string, rank: string, left: string) =>
      b.dialect.unitsToDecimal(`(CASE WHEN ${units} < 0 THEN -1 ELSE 1 END) * (${floor} + CASE WHEN ${rank} <= ${left} THEN 1 ELSE 0 END)`, digits);
    ctes.push(
      [
        'sf_split',
        `SELECT s.deal_id, s.status, s.category, ${keys.map((k) => `s.${k}, `).join('')}sp.ord, ${j('sp.elem', ['ownerId'])} AS split_owner,
  CAST(${j('sp.elem', ['basisPoints'])} AS ${b.t.bigint}) AS bps,
  CASE WHEN s.amount < 0 THEN -${halfEvenUnits(b, 'abs(s.amount)', digits)} ELSE ${halfEvenUnits(b, 's.amount', digits)} END AS a_units,
  CASE WHEN s.weighted < 0 THEN -${halfEvenUnits(b, 'abs(s.weighted)', digits)} ELSE ${halfEvenUnits(b, 's.weighted', digits)} END AS w_units
FROM sf_scan s
${unnest('s.splits', 'sp')}
WHERE s.dated = 1 AND ${valid}`,
      ],
      [
        'sf_alloc',
        `SELECT y.*,
  ROW_NUMBER() OVER (PARTITION BY deal_id ORDER BY a_rem DESC, bps DESC, ord) AS a_rank,
  ROW_NUMBER() OVER (PARTITION BY deal_id ORDER BY w_rem DESC, bps DESC, ord) AS w_rank,
  abs(a_units) - SUM(a_floor) OVER (PARTITION BY deal_id) AS a_left,
  abs(w_units) - SUM(w_floor) OVER (PARTITION BY deal_id) AS w_left
FROM (
  SELECT x.*,
    ${b.dialect.intDiv(`abs(a_units) * CAST(bps AS ${wide})`, `CAST(wsum AS ${wide})`)} AS a_floor,
    ${b.dialect.mod(`abs(a_units) * CAST(bps AS ${wide})`, `CAST(wsum AS ${wide})`)} AS a_rem,
    ${b.dialect.intDiv(`abs(w_units) * CAST(bps AS ${wide})`, `CAST(wsum AS ${wide})`)} AS w_floor,
    ${b.dialect.mod(`abs(w_units) * CAST(bps AS ${wide})`, `CAST(wsum AS ${wide})`)} AS w_rem
  FROM (SELECT sp.*, SUM(bps) OVER (PARTITION BY deal_id) AS wsum FROM sf_split sp) x
) y`,
      ],
      [
        'sf_visit',
        `SELECT ${keys.map((k) => `s.${k}, `).join('')}s.deal_id, s.status, s.category, s.amount, s.weighted FROM sf_scan s
WHERE s.dated = 1 AND ${valid} AND NOT EXISTS (SELECT 1 FROM sf_split x WHERE x.deal_id = s.deal_id)
UNION ALL
SELECT ${keys.map((k, i) => (i === ownerIndex ? 'a.split_owner, ' : `a.${k}, `)).join('')}a.deal_id, a.status, a.category,
  ${share('a_units', 'a_floor', 'a_rank', 'a_left')} AS amount,
  ${share('w_units', 'w_floor', 'w_rank', 'w_left')} AS weighted
FROM sf_alloc a WHERE a.bps > 0`,
      ],
    );
  }
  return { g, currency, ctes, keys };
}

/**
 * The parts every forecast query returns besides its groups: the dated deals per status
 * (and category) for the total's counts, the undated and suspended deals with their ids,
 * and the diagnostics (a stage the pipeline lacks, an amount in another currency).
 *
 * @param by - `status` or `category`: what the per-deal tallies are broken down by.
 */
export function forecastParts(b: SqlBuilder, scan: ForecastScan, by: 'status' | 'category'): string {
  const keys = scan.keys;
  const nullKeys = keys.map((k) => `, NULL AS ${k}`).join('');
  const cols = (part: string, extra: string) => `SELECT '${part}' AS part, NULL AS diag${nullKeys}, ${extra}`;
  const cur = b.param(scan.currency, 'text');
  const valid = `status <> 'suspended' AND known_stage IS NOT NULL`;
  return `SELECT 'g' AS part, NULL AS diag${keys.map((k) => `, ${k}`).join('')}, ${by} AS what, NULL AS deal_id, COUNT(*) AS cnt, SUM(amount) AS amount, SUM(weighted) AS weighted
FROM sf_visit GROUP BY ${keys.map((k) => `${k}, `).join('')}${by}
UNION ALL
${cols('t', `${by} AS what, NULL AS deal_id, COUNT(*) AS cnt, NULL AS amount, NULL AS weighted`)} FROM sf_scan WHERE dated = 1 AND ${valid} GROUP BY ${by}
UNION ALL
${cols('u', `${by} AS what, NULL AS deal_id, COUNT(*) AS cnt, SUM(amount) AS amount, SUM(weighted) AS weighted`)} FROM sf_scan WHERE dated = 0 AND ${valid} GROUP BY ${by}
UNION ALL
${cols('uid', `NULL AS what, deal_id, NULL AS cnt, NULL AS amount, NULL AS weighted`)} FROM sf_scan WHERE dated = 0 AND ${valid}
UNION ALL
${cols('s', `NULL AS what, NULL AS deal_id, COUNT(*) AS cnt, SUM(amount) AS amount, NULL AS weighted`)} FROM sf_scan WHERE status = 'suspended' HAVING COUNT(*) > 0
UNION ALL
${cols('sid', `NULL AS what, deal_id, NULL AS cnt, NULL AS amount, NULL AS weighted`)} FROM sf_scan WHERE status = 'suspended'
UNION ALL
SELECT 'unknown_stage' AS part, MIN(stage_id) AS diag${nullKeys}, NULL AS what, NULL AS deal_id, NULL AS cnt, NULL AS amount, NULL AS weighted
FROM sf_scan WHERE known_stage IS NULL HAVING COUNT(*) > 0
UNION ALL
SELECT 'currency' AS part, MIN(currency) AS diag${nullKeys}, NULL AS what, NULL AS deal_id, NULL AS cnt, NULL AS amount, NULL AS weighted
FROM sf_scan WHERE currency <> ${cur} HAVING COUNT(*) > 0`;
}

/** Running sums of one status or category (a row's `what`) of a forecast table. */
export interface ForecastCell {
  count: number;
  amount: Decimal;
  weighted: Decimal;
}

/** The decoded forecast envelope, over the figure `F` of a set of deals. */
export interface DecodedForecast<F> extends Grouped<F> {
  readonly currency: CurrencyCode;
  readonly unforecastable: F & { readonly opportunityIds: readonly OpportunityId[] };
  readonly book: F;
  readonly suspended: SqlExcludedDeals;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Decodes the rows of {@link forecastParts}: sums per group of each `what` (a status or a
 * category), the total as the exact sum of the groups with its counts of distinct deals
 * (part `t`: a split deal is one deal), the undated deals, the book (total + undated) and
 * the suspended deals; ids sorted (the database has no input order). `figures` turns the
 * sums of one set of deals into its figure, with the finishing step the in-process
 * function uses.
 */
export function decodeForecast<K extends string, F>(
  rows: Iterable<SqlRow>,
  pipelineId: string,
  scan: ForecastScan,
  whats: readonly K[],
  figures: (cells: Readonly<Record<K, ForecastCell>>) => F,
): DecodedForecast<F> {
  const { g, currency } = scan;
  const n = g.groupBy.length;
  const parts = partsOf(rows);
  throwDiagnostics(parts, pipelineId, currency);
  const zero = new Decimal(0);
  const newCells = (): Record<K, ForecastCell> => {
    const cells = {} as Record<K, ForecastCell>;
    for (const k of whats) cells[k] = { count: 0, amount: zero, weighted: zero };
    return cells;
  };
  const cellOf = (cells: Record<K, ForecastCell>, r: SqlRow) => cells[text(r['what']) as K];
  const add = (cells: Record<K, ForecastCell>, r: SqlRow) => {
    const cell = cellOf(cells, r);
    cell.count += int(r['cnt']);
    cell.amount = cell.amount.plus(dec(r['amount']));
    cell.weighted = cell.weighted.plus(dec(r['weighted']));
  };
  const groups = new Groups(newCells);
  const total = newCells();
  for (const r of parts.get('g') ?? []) add(n === 0 ? total : groups.get(keyOf(r, n)), r);
  const sorted = groups.sorted();
  for (const { acc } of sorted) {
    for (const k of whats) {
      total[k].amount = total[k].amount.plus(acc[k].amount);
      total[k].weighted = total[k].weighted.plus(acc[k].weighted);
    }
  }
  for (const k of whats) total[k].count = 0;
  for (const r of parts.get('t') ?? []) cellOf(total, r).count += int(r['cnt']);
  const undated = newCells();
  for (const r of parts.get('u') ?? []) add(undated, r);
  const book = newCells();
  for (const k of whats) {
    book[k] = { count: total[k].count + undated[k].count, amount: total[k].amount.plus(undated[k].amount), weighted: total[k].weighted.plus(undated[k].weighted) };
  }
  const ids = (part: string) => (parts.get(part) ?? []).map((r) => text(r['deal_id']) as OpportunityId).sort(byId);
  const s = parts.get('s')?.[0];
  return {
    groupBy: g.labels,
    total: figures(total),
    groups: n === 0 ? [] : sorted.map(({ key, acc }) => ({ key, value: figures(acc) })),
    currency,
    unforecastable: { ...figures(undated), opportunityIds: ids('uid') },
    book: figures(book),
    suspended: {
      count: s === undefined ? 0 : int(s['cnt']),
      amount: { amount: s === undefined ? zero : dec(s['amount']), currency },
      weighted: { amount: zero, currency },
      opportunityIds: ids('sid'),
    },
  };
}
