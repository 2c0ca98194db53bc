import { because } from '../../../i18n/because.js';
import { oneOfOption, wholeNumberOption } from '../../../_lib/options.js';
import { FunnelError } from '../../../i18n/FunnelError.js';
import { amountIn } from '../../../money/amountIn.js';
import { ratesOption, type ExchangeRates } from '../../../money/convert.js';
import type { CurrencyCode } from '../../../money/currency.js';
import { Decimal } from '../../../money/decimal.js';
import type { Pipeline } from '../../../model/pipeline.js';
import { pipelineIndex } from '../../../model/pipelineIndex.js';
import type { Money } from '../../../money/money.js';
import { toPlainDate } from '../../../time/calendarDate.js';
import type { PlainDate } from '../../../time/plainDate.js';
import type { HandoverChannel, HandoverTier, PlanHandoverOptions } from '../../handoverTypes.js';
import { decimalOption } from '../decimalOption.js';
import { workingCalendar, type WorkingCalendar } from '../workingDays.js';

/** A successor, checked and normalised. */
export interface SuccessorSettings {
  readonly id: string;
  readonly capacity: Decimal;
  /** Weighted pipeline already carried, in the plan's currency. */
  readonly currentLoad: Decimal;
  readonly customers: ReadonlySet<string>;
  readonly regions: ReadonlySet<string>;
  readonly visitsPerDay: number;
  readonly callsPerDay: number;
}

/** A tier with its bound as a Decimal. */
export interface TierSettings {
  readonly min: Decimal;
  readonly channel: HandoverChannel;
}

/** Everything {@link planHandover} reads from its options, checked once. */
export interface HandoverSettings {
  readonly departing: string;
  readonly startDate: PlainDate;
  /** The plan's currency (the pipeline's). */
  readonly currency: CurrencyCode;
  readonly rates: ExchangeRates | undefined;
  /** Highest probability first; the last starts at 0. */
  readonly tiers: readonly TierSettings[];
  /** By id. */
  readonly successors: readonly SuccessorSettings[];
  /** The departing rep's own daily limits (Infinity when unlimited). */
  readonly departingVisitsPerDay: number;
  readonly departingCallsPerDay: number;
  readonly lastDay: PlainDate | undefined;
  readonly successorCallsAfter: 'own_handovers' | 'all_handovers';
  readonly regionSlack: Decimal;
  readonly calendar: WorkingCalendar;
  /** Region of each customer that has one. */
  readonly customerRegion: ReadonlyMap<string, string>;
}

const DEFAULT_TIERS: readonly HandoverTier[] = [
  { min: '0.75', channel: 'visit' },
  { min: '0.5', channel: 'phone_intro' },
  { min: '0', channel: 'successor_call' },
];
const CHANNELS: readonly HandoverChannel[] = ['visit', 'phone_intro', 'successor_call'];

const perDay = (value: number | undefined, fallback: number, option: string): number =>
  value === undefined ? fallback : wholeNumberOption(value, option, { min: 1 });

const badOption = (option: string, reason: Parameters<typeof because>[0]): never => {
  throw new FunnelError('invalid_option', { option, reason: because(reason) });
};

/** A list of non-empty strings (a successor's customers or regions); `invalid_option` naming the list or the bad item. */
function stringSet(value: unknown, option: string): Set<string> {
  if (value === undefined) return new Set();
  if (!Array.isArray(value)) return badOption(option, 'must_be_array');
  value.forEach((v: unknown, i) => {
    if (typeof v !== 'string' || v.length === 0) badOption(`${option}[${i}]`, 'must_be_non_empty_string');
  });
  return new Set(value as readonly string[]);
}

/** A successor's current load: a Money (its amount is checked where it is read). */
function loadOption(value: unknown, option: string, currency: CurrencyCode, rates: ExchangeRates | undefined): Decimal {
  if (value === undefined) return new Decimal(0);
  if (typeof value !== 'object' || value === null || !('amount' in value) || typeof (value as { currency?: unknown }).currency !== 'string') {
    return badOption(option, 'expected_money');
  }
  return amountIn(value as Money, currency, rates);
}

/** The region of each customer that has one; `invalid_option` naming the bad customer or field. */
function customerRegions(value: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (value === undefined) return out;
  if (!Array.isArray(value)) return badOption('customers', 'must_be_array');
  value.forEach((c: unknown, i) => {
    if (typeof c !== 'object' || c === null) return badOption(`customers[${i}]`, 'must_be_object');
    const { id, region } = c as { id?: unknown; region?: unknown };
    if (typeof id !== 'string' || id.length === 0) return badOption(`customers[${i}].id`, 'must_be_non_empty_string');
    if (region === undefined) return;
    if (typeof region !== 'string' || region.length === 0) return badOption(`customers[${i}].region`, 'must_be_non_empty_string');
    out.set(id, region);
  });
  return out;
}

function readTiers(tiers: readonly HandoverTier[] | undefined): TierSettings[] {
  const given = tiers ?? DEFAULT_TIERS;
  if (!Array.isArray(given) || given.length === 0) throw new FunnelError('invalid_option', { option: 'tiers', reason: because('at_least_one_tier') });
  const out = given.map((t, i) => ({
    channel: oneOfOption(t?.channel, `tiers[${i}].channel`, CHANNELS),
    min: decimalOption(t.min, `tiers[${i}].min`, 'unit'),
  }));
  out.forEach((t, i) => {
    if (i > 0 && !t.min.lt(out[i - 1]!.min)) {
      throw new FunnelError('invalid_option', { option: `tiers[${i}].min`, reason: because('tiers_order') });
    }
  });
  if (!out[out.length - 1]!.min.isZero()) {
    throw new FunnelError('invalid_option', { option: 'tiers', reason: because('last_tier_at_zero') });
  }
  return out;
}

function readSuccessors(options: PlanHandoverOptions, departing: string, currency: CurrencyCode, rates: ExchangeRates | undefined, visits: number, calls: number): SuccessorSettings[] {
  if (!Array.isArray(options.successors) || options.successors.length === 0) {
    throw new FunnelError('invalid_option', { option: 'successors', reason: because('at_least_one_successor') });
  }
  const seen = new Set<string>();
  const out = options.successors.map((s, i): SuccessorSettings => {
    if (typeof s?.id !== 'string' || s.id.length === 0) throw new FunnelError('invalid_option', { option: `successors[${i}].id`, reason: because('must_be_user_id') });
    if (s.id === departing) throw new FunnelError('invalid_option', { option: `successors[${i}].id`, reason: because('departing_is_successor') });
    if (seen.has(s.id)) throw new FunnelError('invalid_option', { option: `successors[${i}].id`, reason: because('duplicate_successor', { id: s.id }) });
    seen.add(s.id);
    return {
      id: s.id,
      capacity: decimalOption(s.capacity ?? 1, `successors[${i}].capacity`, 'positive'),
      currentLoad: loadOption(s.currentLoad, `successors[${i}].currentLoad`, currency, rates),
      customers: stringSet(s.customers, `successors[${i}].customers`),
      regions: stringSet(s.regions, `successors[${i}].regions`),
      visitsPerDay: perDay(s.visitsPerDay, visits, `successors[${i}].visitsPerDay`),
      callsPerDay: perDay(s.callsPerDay, calls, `successors[${i}].callsPerDay`),
    };
  });
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Checks and normalises the options of {@link planHandover}.
 *
 * @throws {@link FunnelError} `invalid_argument` for a value that is not a pipeline;
 *   `invalid_option { option, reason }` for every bad option; `currency_mismatch` for a
 *   successor's load in another currency without rates.
 */
export function readHandoverSettings(options: PlanHandoverOptions, pipeline: Pipeline): HandoverSettings {
  if (typeof options !== 'object' || options === null) throw new FunnelError('invalid_option', { option: 'options', reason: because('must_be_object') });
  const departing = options.departingOwnerId;
  if (typeof departing !== 'string' || departing.length === 0) {
    throw new FunnelError('invalid_option', { option: 'departingOwnerId', reason: because('must_be_user_id') });
  }
  const currency = pipelineIndex(pipeline).pipeline.currency;
  const rates = ratesOption(options.rates);
  const visits = perDay(options.visitsPerDay, 2, 'visitsPerDay');
  const calls = perDay(options.callsPerDay, 6, 'callsPerDay');
  const dep: unknown = options.departingRep;
  if (dep !== undefined && (typeof dep !== 'object' || dep === null)) badOption('departingRep', 'must_be_object');
  const customerRegion = customerRegions(options.customers);
  return {
    departing,
    startDate: toPlainDate(options.startDate, 'startDate'),
    currency,
    rates,
    tiers: readTiers(options.tiers),
    successors: readSuccessors(options, departing, currency, rates, visits, calls),
    departingVisitsPerDay: options.departingRep?.visitsPerDay === undefined ? Number.POSITIVE_INFINITY : perDay(options.departingRep.visitsPerDay, 0, 'departingRep.visitsPerDay'),
    departingCallsPerDay: options.departingRep?.callsPerDay === undefined ? Number.POSITIVE_INFINITY : perDay(options.departingRep.callsPerDay, 0, 'departingRep.callsPerDay'),
    lastDay: options.departingRep?.lastDay === undefined ? undefined : toPlainDate(options.departingRep.lastDay, 'departingRep.lastDay'),
    successorCallsAfter: oneOfOption(options.successorCallsAfter ?? 'own_handovers', 'successorCallsAfter', ['own_handovers', 'all_handovers'] as const),
    regionSlack: decimalOption(options.regionSlack ?? '0.25', 'regionSlack', 'non_negative'),
    calendar: workingCalendar(options.holidays ?? [], options.extraWorkingDays ?? []),
    customerRegion,
  };
}
