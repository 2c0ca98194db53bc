// The engine's command protocol for customer ledgers (private to src/customers): the
// options every command reads, idempotent replay, optimistic locking, the time check,
// and the result.
import { because } from '../../i18n/because.js';
import { oneOfOption, wholeNumberOption } from '../../_lib/options.js';
import { LOCALES, type IssueCode, type Locale } from '../../i18n/codes.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { makeIssue } from '../../i18n/makeIssue.js';
import type { FunnelIssue, ParamsOf } from '../../i18n/params.js';
import type { Customer } from '../../model/customer.js';
import { appendCustomerEvents, type CustomerEvent, type CustomerEventDraft } from '../../model/customerEvents.js';
import type { UserId } from '../../model/ids.js';
import { toInstant } from '../../time/instant.js';
import type { CustomerChangeOptions, CustomerChangeResult } from '../customerChange.js';

/** Longest idempotency key (event ids hold 200 characters, and a key may get a `#n` suffix). */
const MAX_KEY = 190;

/** A command's options, checked. */
export interface CommandContext {
  readonly at: Date;
  readonly by: UserId | undefined;
  readonly locale: Locale;
  readonly expectedVersion: number | undefined;
  readonly idempotencyKey: string | undefined;
}

/** Checks the options every customer command shares (programmer errors throw `invalid_option`). */
export function readCommandOptions(options: CustomerChangeOptions): CommandContext {
  if (typeof options !== 'object' || options === null) {
    throw new FunnelError('invalid_option', { option: 'options', reason: because('must_be_object') });
  }
  if (options.at === undefined) throw new FunnelError('invalid_option', { option: 'at', reason: because('at_required') });
  const at = toInstant(options.at, 'at');
  const by = options.by;
  if (by !== undefined && (typeof by !== 'string' || by.length === 0)) {
    throw new FunnelError('invalid_option', { option: 'by', reason: because('must_be_user_id') });
  }
  const locale = oneOfOption(options.locale ?? 'en', 'locale', LOCALES);
  const expectedVersion = options.expectedVersion === undefined ? undefined : wholeNumberOption(options.expectedVersion, 'expectedVersion', { min: 0 });
  const key = options.idempotencyKey;
  if (key !== undefined && (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY)) {
    throw new FunnelError('invalid_option', { option: 'idempotencyKey', reason: because('idempotency_key_shape', { max: MAX_KEY }) });
  }
  return { at, by: by as UserId | undefined, locale, expectedVersion, idempotencyKey: key };
}

/** Throws `invalid_argument { name: 'ownerId' }` unless it is a non-empty string. */
export function checkOwnerId(ownerId: unknown): asserts ownerId is UserId {
  if (typeof ownerId !== 'string' || ownerId.length === 0) {
    throw new FunnelError('invalid_argument', { name: 'ownerId', reason: because('must_be_user_id') });
  }
}

/** Builds an issue in the command's locale. */
export function issue<C extends IssueCode>(locale: Locale, code: C, params: ParamsOf<C>, path?: ReadonlyArray<string | number>): FunnelIssue<C> {
  return makeIssue(code, params, { locale, ...(path === undefined ? {} : { path }) });
}

function eventIdFor(key: string, k: number): string {
  return k === 0 ? key : `${key}#${k + 1}`;
}

/**
 * Idempotent replay, then optimistic locking, as the engine does: the events an earlier
 * command with the same key appended (`replayed: true`), or `version_conflict` alone, or
 * undefined to decide the command as usual.
 */
export function replayOrConflict(customer: Customer, ctx: CommandContext): CustomerChangeResult | undefined {
  const key = ctx.idempotencyKey;
  const history = customer.history;
  if (key !== undefined) {
    for (let i = 0; i < history.length; i++) {
      if (history[i]!.id !== key) continue;
      const events = [history[i]!];
      for (let j = i + 1; j < history.length && history[j]!.id === eventIdFor(key, j - i); j++) events.push(history[j]!);
      return { ok: true, customer: { ...customer, history: [...history] }, events, replayed: true };
    }
  }
  if (ctx.expectedVersion !== undefined && ctx.expectedVersion !== history.length) {
    return { ok: false, issues: [issue(ctx.locale, 'version_conflict', { expected: ctx.expectedVersion, actual: history.length }, ['expectedVersion'])] };
  }
  return undefined;
}

/** `time_went_backwards` when `at` is before the ledger's latest event. */
export function checkTime(customer: Customer, ctx: CommandContext, issues: FunnelIssue[]): void {
  let last: number | undefined;
  for (const e of customer.history) {
    const t = e.at.getTime();
    if (last === undefined || t > last) last = t;
  }
  if (last !== undefined && ctx.at.getTime() < last) {
    issues.push(issue(ctx.locale, 'time_went_backwards', { at: ctx.at.toISOString(), last: new Date(last).toISOString() }, ['at']));
  }
}

/** The `at`/`by` of a new event (a fresh Date). */
export function eventBase(ctx: CommandContext): { at: Date; by?: UserId } {
  const at = new Date(ctx.at.getTime());
  return ctx.by === undefined ? { at } : { at, by: ctx.by };
}

/** A successful result: `next` with the drafts appended (stamped with `seq`, and the key as `id`). */
export function commit(next: Customer, previous: Customer, drafts: readonly CustomerEventDraft[], ctx: CommandContext): CustomerChangeResult {
  const key = ctx.idempotencyKey;
  const stamped = key === undefined ? drafts : drafts.map((d, k) => ({ ...d, id: eventIdFor(key, k) }));
  const history = appendCustomerEvents(previous.history, stamped);
  const events: CustomerEvent[] = history.slice(previous.history.length);
  return { ok: true, customer: { ...next, history }, events, replayed: false };
}

/** A copy of the customer without an owner. */
export function withoutOwner(customer: Customer): Customer {
  const { ownerId: _ownerId, ...rest } = customer;
  return rest;
}
