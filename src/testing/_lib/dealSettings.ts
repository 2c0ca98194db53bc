import { booleanOption, numberOption, ratioOption, wholeNumberOption } from '../../_lib/options.js';
import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import type { Reason } from '../../i18n/params.js';
import { addDays } from '../../time/addDays.js';
import { toPlainDate, type CalendarDateInput } from '../../time/calendarDate.js';
import { toInstant, type InstantInput } from '../../time/instant.js';
import { plainDateOf, startOfPlainDate } from '../../time/zone.js';
import type { DealSettings } from './dealLife.js';
import { idListOption } from './textOptions.js';

/** The constraints every deal generator shares (see `OpportunityConstraints` for their docs). */
export interface DealSettingConstraints {
  readonly owners?: readonly string[];
  readonly regions?: readonly string[];
  readonly from?: CalendarDateInput;
  readonly to?: CalendarDateInput;
  readonly asOf?: InstantInput;
  readonly maxSteps?: number;
  readonly maxAmount?: number;
  readonly startAnywhere?: boolean;
  readonly winRate?: number;
  readonly closedShare?: number;
  readonly suspendedShare?: number;
  readonly daysPerStage?: { readonly min: number; readonly max: number };
}

export const DEFAULT_OWNERS: readonly string[] = ['rep-1', 'rep-2', 'rep-3'];
export const DEFAULT_REGIONS: readonly string[] = ['华东', '华北', '华南'];
export const DEFAULT_FROM = '2025-01-01';
export const DEFAULT_TO = '2026-06-30';

function bad(option: string, reason: Reason): never {
  throw new FunnelError('invalid_option', { option, reason });
}


/**
 * Reads and checks the shared constraints, throwing `invalid_option { option }` at the
 * first bad one, and returns the settings for {@link buildDeal}.
 */
export function dealSettings(c: DealSettingConstraints): DealSettings {
  const owners = idListOption(c.owners ?? DEFAULT_OWNERS, 'owners');
  const regions = idListOption(c.regions ?? DEFAULT_REGIONS, 'regions', true);
  const maxSteps = wholeNumberOption(c.maxSteps ?? 12, 'maxSteps', { max: 1000 });
  const maxAmount = numberOption(c.maxAmount ?? 5_000_000, 'maxAmount', { min: 1, max: Number.MAX_SAFE_INTEGER });
  const startAnywhere = booleanOption(c.startAnywhere ?? false, 'startAnywhere');
  const winRate = ratioOption(c.winRate ?? 0.5, 'winRate');
  const closedShare = ratioOption(c.closedShare ?? 0.4, 'closedShare');
  const suspendedShare = ratioOption(c.suspendedShare ?? 0.25, 'suspendedShare');
  const days = c.daysPerStage ?? { min: 0, max: 40 };
  if (typeof days !== 'object' || days === null) bad('daysPerStage', because('days_range_shape'));
  const minDays = numberOption(days.min, 'daysPerStage', { min: 0, max: 36_500 });
  const maxDays = numberOption(days.max, 'daysPerStage', { min: minDays, max: 36_500 });

  const from = toPlainDate(c.from ?? DEFAULT_FROM, 'from');
  const lo = startOfPlainDate(from).getTime();
  const asOfGiven = c.asOf === undefined ? undefined : toInstant(c.asOf, 'asOf');
  if (asOfGiven !== undefined && asOfGiven.getTime() < lo) bad('asOf', because('asof_before_from', { from }));
  const to = toPlainDate(c.to ?? (asOfGiven === undefined ? DEFAULT_TO : plainDateOf(asOfGiven)), 'to');
  if (to < from) bad('to', because('to_before_from', { to, from }));
  const endOfTo = startOfPlainDate(addDays(to, 1)).getTime() - 1000;
  const asOf = asOfGiven?.getTime() ?? endOfTo + 1000;
  const horizon = Math.floor((asOf - lo) / 1000);
  const createWindow = Math.min(Math.floor((endOfTo - lo) / 1000), horizon);
  return {
    owners,
    regions,
    lo,
    createWindow,
    horizon,
    maxSteps,
    maxAmount,
    startAnywhere,
    winRate,
    closedShare,
    suspendedShare,
    minStay: Math.round(minDays * 86_400),
    maxStay: Math.round(maxDays * 86_400),
  };
}
