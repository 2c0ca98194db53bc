import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { groupLabel, NO_GROUP, type BuiltInGroupKey, type GroupKey, type GroupOptions } from '../../model/groupBy.js';
import { periodOf, type PeriodOptions } from '../../time/periodOf.js';
import type { PlainDate } from '../../time/plainDate.js';
import { checkZone, zoneFields, type ZoneOptions } from '../../time/zone.js';
import type { SqlBuilder } from './builder.js';
import { notExpressible } from './diagnostics.js';
import { printable } from '../../_lib/printable.js';

/** What the key expressions of one deal read, as SQL expressions over the query's deal row. */
export interface KeySources {
  /** The header columns (already qualified). */
  readonly owner: string;
  readonly region: string;
  readonly pipeline: string;
  readonly stage: string;
  /** `attributes` as JSON. */
  readonly attributes: string;
  /** The customer's columns (from a LEFT JOIN). */
  readonly segment: string;
  readonly priority: string;
  readonly industry: string;
  /** The owner's team (from a LEFT JOIN on the teams parameters). */
  readonly team: string;
  /** The creation instant (`createdAt`: the `created` event, else the first event), a timestamp; NULL for an empty ledger. */
  readonly born: string;
  /** The date `'period'` is about: a date expression, or NULL. */
  readonly periodDate: string;
}

/** The settings of a grouping, checked once. */
export interface Grouping {
  /** The keys, as given. */
  readonly groupBy: readonly BuiltInGroupKey[];
  /** The labels reported in `Grouped.groupBy`. */
  readonly labels: readonly string[];
  /** Whether a key reads the creation instant (so the query needs the ledger). */
  readonly needsBorn: boolean;
  /** Whether a key reads the customers table. */
  readonly needsCustomers: boolean;
  /** The teams, when the `team` key is used: owner → team. */
  readonly teams: ReadonlyArray<readonly [string, string]> | undefined;
  /** The zone of the period keys and the period settings of `'period'`. */
  readonly zone: ZoneOptions;
  readonly period: PeriodOptions;
}

const BUILT_IN: readonly string[] = [
  'owner', 'region', 'pipeline', 'stage', 'customer_type', 'customer_priority', 'industry', 'project_type', 'team', 'period',
  'created_month', 'created_quarter', 'created_year',
];

function teamPairs(teams: GroupOptions['teams']): Array<[string, string]> {
  if (teams instanceof Map) return [...(teams as ReadonlyMap<string, string>)].filter(([k, v]) => typeof k === 'string' && typeof v === 'string');
  if (typeof teams !== 'object' || teams === null) throw new FunnelError('invalid_option', { option: 'teams', reason: because('teams_shape') });
  return Object.keys(teams)
    .map((k): [string, string] => [k, (teams as Readonly<Record<string, string>>)[k] as string])
    .filter(([, v]) => typeof v === 'string');
}

/**
 * Checks a grouping as the in-process functions do (`groupKeyFn`), refusing what cannot
 * run in the database: a function key is `invalid_option { option: 'groupBy' }` with
 * reason `sql_function_key`.
 *
 * @param distinct - Whether a key listed twice is refused (the forecasts do, the analytics do not).
 */
export function groupingOf(options: GroupOptions, distinct: boolean): Grouping {
  const groupBy = options.groupBy ?? [];
  if (!Array.isArray(groupBy)) throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('must_be_group_keys') });
  const zone = zoneFields(options);
  checkZone(zone);
  const seen = new Set<string>();
  for (const key of groupBy as readonly GroupKey[]) {
    if (typeof key === 'function') throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('sql_function_key') });
    if (!BUILT_IN.includes(key)) throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('unknown_grouping_key', { key: printable(key) }) });
    if (distinct && seen.has(key)) throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('listed_twice', { key }) });
    seen.add(key);
  }
  const keys = groupBy as readonly BuiltInGroupKey[];
  const period: PeriodOptions = { ...zone, ...(options.period ?? { unit: 'quarter' }) };
  for (const key of keys) {
    if (key === 'period' || key.startsWith('created_')) {
      const settings = key === 'period' ? period : { ...zone, unit: 'month' as const };
      checkZone(settings);
      periodOf('2000-01-01' as PlainDate, settings);
    }
  }
  let teams: Array<[string, string]> | undefined;
  if (keys.includes('team')) {
    if (options.teams === undefined) throw new FunnelError('invalid_option', { option: 'groupBy', reason: because('key_needs_option', { key: 'team', option: 'teams' }) });
    teams = teamPairs(options.teams);
  }
  return {
    groupBy: keys,
    labels: keys.map(groupLabel),
    needsBorn: keys.some((k) => k.startsWith('created_')),
    needsCustomers: keys.some((k) => k === 'customer_type' || k === 'customer_priority' || k === 'industry'),
    teams,
    zone,
    period,
  };
}

/** Zero-padded to four digits (as `periodOf` writes years), never truncated. */
function pad4(b: SqlBuilder, year: string): string {
  const text = `CAST(${year} AS ${b.t.text})`;
  return `(CASE WHEN ${year} < 1000 THEN lpad(${text}, 4, '0') ELSE ${text} END)`;
}

/** The calendar date of an instant on the wall clock of a zone. */
export function localDate(b: SqlBuilder, timestamp: string, zone: ZoneOptions): string {
  if (zone.timeZone !== undefined) {
    const zoned = b.dialect.zonedDate;
    if (zoned === undefined) notExpressible(b.dialect, 'time_zone');
    return zoned(timestamp, b.param(zone.timeZone, 'text'));
  }
  return b.dialect.offsetDate(timestamp, b.param(String(zone.offsetMinutes ?? 0), 'bigint'));
}

/** The period key (`2026-Q1`, `FY2027-Q1` …) of a date expression, as `periodOf` writes it; NULL for a NULL date. */
export function periodKey(b: SqlBuilder, date: string, settings: PeriodOptions): string {
  const d = b.dialect;
  const y = d.year(date);
  const m = d.month(date);
  const text = (x: string) => `CAST(${x} AS ${b.t.text})`;
  switch (settings.unit) {
    case 'month':
      return `${pad4(b, y)} || '-' || lpad(${text(m)}, 2, '0')`;
    case 'quarter':
      return `${pad4(b, y)} || '-Q' || ${text(`(${d.intDiv(`${m} - 1`, '3')} + 1)`)}`;
    case 'year':
      return pad4(b, y);
    default: {
      const start = b.param(String(settings.fiscalYearStartMonth ?? 1), 'bigint');
      const plain = (settings.fiscalYearStartMonth ?? 1) === 1 || settings.fiscalYearLabel === 'start';
      const startYear = `(CASE WHEN ${m} >= ${start} THEN ${y} ELSE ${y} - 1 END)`;
      const label = plain ? startYear : `(${startYear} + 1)`;
      if (settings.unit === 'fiscal_year') return `'FY' || ${pad4(b, label)}`;
      return `'FY' || ${pad4(b, label)} || '-Q' || ${text(`(${d.intDiv(d.mod(`${m} - ${start} + 12`, '12'), '3')} + 1)`)}`;
    }
  }
}

/**
 * The SQL expression of each grouping key of a deal (text, never NULL: a missing value
 * is `NO_GROUP`), in `groupBy` order.
 */
export function keyExpressions(b: SqlBuilder, g: Grouping, src: KeySources): string[] {
  const none = b.param(NO_GROUP, 'text');
  const or = (x: string) => `COALESCE(${x}, ${none})`;
  const periodOfDate = (date: string, settings: PeriodOptions) => `(CASE WHEN ${date} IS NULL THEN ${none} ELSE ${periodKey(b, date, settings)} END)`;
  const born = (unit: 'month' | 'quarter' | 'year') => {
    const date = localDate(b, src.born, g.zone);
    return periodOfDate(date, { ...g.zone, unit });
  };
  return g.groupBy.map((key) => {
    switch (key) {
      case 'owner':
        return src.owner;
      case 'region':
        return or(src.region);
      case 'pipeline':
        return src.pipeline;
      case 'stage':
        return src.stage;
      case 'customer_type':
        return or(src.segment);
      case 'customer_priority':
        return or(src.priority);
      case 'industry':
        return or(src.industry);
      case 'project_type': {
        const v = b.dialect.jsonText(src.attributes, ['projectType']);
        return `(CASE WHEN ${b.dialect.jsonIsString(src.attributes, 'projectType')} AND ${v} <> '' THEN ${v} ELSE ${none} END)`;
      }
      case 'team':
        return or(src.team);
      case 'period':
        return periodOfDate(src.periodDate, g.period);
      case 'created_month':
        return born('month');
      case 'created_quarter':
        return born('quarter');
      default:
        return born('year');
    }
  });
}

/** The group key column names `k0 … k(n−1)`. */
export function keyColumns(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `k${i}`);
}
