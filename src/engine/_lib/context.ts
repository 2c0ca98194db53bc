import type { IssueCode, Locale } from '../../i18n/codes.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import { makeIssue, type FunnelIssue, type IssueParams } from '../../i18n/formatIssue.js';
import type { UserId } from '../../model/ids.js';
import type { Opportunity } from '../../model/opportunity.js';
import type { KeyTaskGuard, KeyTaskGuards } from '../types.js';

/** Options of an engine call, checked once. */
export interface EngineContext {
  readonly locale: Locale;
  readonly at: Date | undefined;
  readonly by: UserId | undefined;
  readonly guards: KeyTaskGuards | undefined;
}

interface RawOptions {
  readonly at?: Date | undefined;
  readonly by?: string | undefined;
  readonly locale?: Locale | undefined;
  readonly guards?: KeyTaskGuards | undefined;
}

/**
 * Checks engine options (programmer errors throw `invalid_option`): `at` a valid Date
 * (required when `requireAt`), `by` a non-empty string, a known locale, guards an object.
 */
export function readOptions(options: RawOptions | undefined, requireAt: boolean): EngineContext {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new FunnelError('invalid_option', { option: 'options', reason: 'must be an object' });
  }
  const at = options?.at;
  if (at === undefined) {
    if (requireAt) throw new FunnelError('invalid_option', { option: 'at', reason: 'is required: pass the time of the change' });
  } else if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw new FunnelError('invalid_option', { option: 'at', reason: 'must be a valid Date' });
  }
  const by = options?.by;
  if (by !== undefined && (typeof by !== 'string' || by.length === 0)) {
    throw new FunnelError('invalid_option', { option: 'by', reason: 'must be a non-empty user id' });
  }
  const locale = options?.locale ?? 'en';
  if (locale !== 'en' && locale !== 'zh-CN') {
    throw new FunnelError('invalid_option', { option: 'locale', reason: `must be 'en' or 'zh-CN', not "${String(locale)}"` });
  }
  const guards = options?.guards;
  if (guards !== undefined && (typeof guards !== 'object' || guards === null)) {
    throw new FunnelError('invalid_option', { option: 'guards', reason: 'must be an object of named functions' });
  }
  return { locale, at, by: by as UserId | undefined, guards };
}

/** The registered guard called `name`, if any (own properties only). */
export function findGuard(ctx: EngineContext, name: string): KeyTaskGuard | undefined {
  const guards = ctx.guards;
  if (guards === undefined || !Object.hasOwn(guards, name)) return undefined;
  const guard = guards[name];
  if (typeof guard !== 'function') {
    throw new FunnelError('invalid_option', { option: `guards.${name}`, reason: 'must be a function' });
  }
  return guard;
}

/** Builds an issue in the context's locale. */
export function issue(
  ctx: EngineContext,
  code: IssueCode,
  params: IssueParams,
  where: { readonly stageId?: string; readonly taskId?: string; readonly path?: ReadonlyArray<string | number> } = {},
): FunnelIssue {
  return makeIssue(code, params, { locale: ctx.locale, ...where });
}

/** The latest time in the ledger, or undefined for an empty ledger. */
export function lastEventTime(opportunity: Opportunity): number | undefined {
  const history = opportunity.history;
  let last: number | undefined;
  for (let i = 0; i < history.length; i++) {
    const t = (history[i] as { at: Date }).at.getTime();
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
  const at = new Date((ctx.at as Date).getTime());
  return ctx.by === undefined ? { at } : { at, by: ctx.by };
}

/** A copy of `o` without the listed optional keys. */
export function without<T extends object, K extends keyof T>(o: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...o };
  for (const k of keys) delete copy[k];
  return copy;
}
