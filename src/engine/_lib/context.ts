import { because } from '../../i18n/because.js';
import { oneOfOption, wholeNumberOption } from '../../_lib/options.js';
import { LOCALES, type IssueCode, type Locale } from '../../i18n/codes.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { makeIssue } from '../../i18n/makeIssue.js';
import type { FunnelIssue, ParamsOf } from '../../i18n/params.js';
import type { Customer } from '../../model/customer.js';
import type { UserId } from '../../model/ids.js';
import type { Opportunity } from '../../model/opportunity.js';
import { toInstant, type InstantInput } from '../../time/instant.js';
import type { KeyTaskGuard, KeyTaskGuards } from '../types.js';

/** Longest idempotency key: event ids hold at most 200 characters, and a key may get a `#n` suffix. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 190;

/** Options of an engine call, checked once. */
export interface EngineContext {
  readonly locale: Locale;
  /** The normalised `at` (a new Date), or undefined in a dry run without a time. */
  readonly at: Date | undefined;
  readonly by: UserId | undefined;
  readonly guards: KeyTaskGuards | undefined;
  /** The ledger length the caller last read, when given. */
  readonly expectedVersion: number | undefined;
  /** The command's idempotency key, when given. */
  readonly idempotencyKey: string | undefined;
  /** The deal's customer, for `contact_met` key tasks and activity contacts, when given. */
  readonly customer: Customer | undefined;
}

/** What the engine functions read from their options (checked at run time: callers may be untyped). */
export interface RawEngineOptions {
  readonly at?: InstantInput | undefined;
  readonly by?: string | undefined;
  readonly locale?: Locale | undefined;
  readonly guards?: KeyTaskGuards | undefined;
  readonly expectedVersion?: number | undefined;
  readonly idempotencyKey?: string | undefined;
  readonly customer?: Customer | undefined;
}

/**
 * Checks engine options (programmer errors throw `invalid_option`): `at` an instant
 * (required when `requireAt`), `by` a non-empty string, a known locale, guards an
 * object, `expectedVersion` a whole number ≥ 0, `idempotencyKey` a non-empty string of
 * at most {@link MAX_IDEMPOTENCY_KEY_LENGTH} characters, `customer` an object with an id and
 * a contacts array.
 */
export function readOptions(options: RawEngineOptions | undefined, requireAt: boolean): EngineContext {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new FunnelError('invalid_option', { option: 'options', reason: because('must_be_object') });
  }
  const rawAt = options?.at;
  let at: Date | undefined;
  if (rawAt === undefined) {
    if (requireAt) throw new FunnelError('invalid_option', { option: 'at', reason: because('at_required') });
  } else {
    at = toInstant(rawAt, 'at');
  }
  const by = options?.by;
  if (by !== undefined && (typeof by !== 'string' || by.length === 0)) {
    throw new FunnelError('invalid_option', { option: 'by', reason: because('must_be_user_id') });
  }
  const locale = oneOfOption(options?.locale ?? 'en', 'locale', LOCALES);
  const guards = options?.guards;
  if (guards !== undefined && (typeof guards !== 'object' || guards === null)) {
    throw new FunnelError('invalid_option', { option: 'guards', reason: because('guards_shape') });
  }
  // Stryker disable next-line ObjectLiteral: wholeNumberOption's min defaults to 0, so { min: 0 } and {} read the same
  const expectedVersion = options?.expectedVersion === undefined ? undefined : wholeNumberOption(options.expectedVersion, 'expectedVersion', { min: 0 });
  const key = options?.idempotencyKey;
  if (key !== undefined && (typeof key !== 'string' || key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH)) {
    throw new FunnelError('invalid_option', {
      option: 'idempotencyKey',
      reason: because('idempotency_key_shape', { max: MAX_IDEMPOTENCY_KEY_LENGTH }),
    });
  }
  const customer = options?.customer;
  if (customer !== undefined && (typeof customer !== 'object' || customer === null || typeof customer.id !== 'string' || !Array.isArray(customer.contacts))) {
    throw new FunnelError('invalid_option', { option: 'customer', reason: because('must_be_customer') });
  }
  return { locale, at, by: by as UserId | undefined, guards, expectedVersion, idempotencyKey: key, customer };
}

/** The registered guard called `name`, if any (own properties only). */
export function findGuard(ctx: EngineContext, name: string): KeyTaskGuard | undefined {
  const guards = ctx.guards;
  if (guards === undefined || !Object.hasOwn(guards, name)) return undefined;
  const guard = guards[name];
  if (typeof guard !== 'function') {
    throw new FunnelError('invalid_option', { option: `guards.${name}`, reason: because('must_be_function') });
  }
  return guard;
}

/**
 * A short text for any value a caller may pass, for issue params: never throws (a
 * null-prototype object or a symbol cannot go through `String`), at most 60 characters.
 */
export function shown(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === null || value === undefined) text = String(value);
  else text = Array.isArray(value) ? 'an array' : `a value of type ${typeof value}`;
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** Where an issue points. */
export interface IssueWhere {
  readonly stageId?: string;
  readonly taskId?: string;
  readonly path?: ReadonlyArray<string | number>;
}

/** Builds an issue in the context's locale. */
export function issue<C extends IssueCode>(ctx: EngineContext, code: C, params: ParamsOf<C>, where: IssueWhere = {}): FunnelIssue<C> {
  return makeIssue(code, params, { locale: ctx.locale, ...where });
}

/** The latest time in the ledger, or undefined for an empty ledger. */
export function lastEventTime(opportunity: Opportunity): number | undefined {
  const history = opportunity.history;
  let last: number | undefined;
  for (let i = 0; i < history.length; i++) {
    const t = history[i]!.at.getTime();
    if (last === undefined || t > last) last = t;
  }
  return last;
}

/** `time_went_backwards` when `at` is earlier than the latest ledger event. */
export function checkTime(opportunity: Opportunity, ctx: EngineContext, issues: FunnelIssue[]): void {
  if (ctx.at === undefined) return;
  const last = lastEventTime(opportunity);
  if (last !== undefined && ctx.at.getTime() < last) {
    issues.push(issue(ctx, 'time_went_backwards', { at: ctx.at.toISOString(), last: new Date(last).toISOString() }, { path: ['at'] }));
  }
}

/** The `at`/`by` part of a new event (a fresh Date, so results share nothing mutable with the caller). */
export function eventBase(ctx: EngineContext): { at: Date; by?: UserId } {
  const at = new Date(ctx.at!.getTime());
  return ctx.by === undefined ? { at } : { at, by: ctx.by };
}

/** A copy of `o` without the listed optional keys. */
export function without<T extends object, K extends keyof T>(o: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...o };
  for (const k of keys) delete copy[k];
  return copy;
}
