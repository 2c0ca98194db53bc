import type { Locale } from '../../i18n/codes.js';
import type { FunnelIssue } from '../../i18n/params.js';
import type { Customer } from '../../model/customer.js';
import { customerPoolState } from '../../model/customerPoolState.js';
import { addDays } from '../../time/addDays.js';
import { plainDateOf, type ZoneOptions } from '../../time/zone.js';
import { issue } from './poolCommand.js';
import type { ReadRules } from './poolKit.js';

/**
 * The issues that refuse a claim (see `evaluateClaim`), given checked rules and options:
 * `already_held`, `not_in_pool_for_team`, `reclaim_cooldown`, `hold_limit_reached`.
 */
export function claimIssues(
  customer: Customer,
  ownerId: string,
  others: readonly Customer[],
  rules: ReadRules,
  at: Date,
  zone: ZoneOptions,
  team: (ownerId: string) => string | undefined,
  locale: Locale,
): FunnelIssue[] {
  const issues: FunnelIssue[] = [];
  const who = { customerId: customer.id, customerName: customer.name };
  const state = customerPoolState(customer, { asOf: at });
  if (state.ownerId !== undefined) issues.push(issue(locale, 'already_held', { ...who, ownerId: state.ownerId }, ['customer']));
  const poolId = customer.poolId;
  const teams = poolId === undefined ? undefined : rules.pools.get(poolId);
  if (poolId !== undefined && teams !== undefined) {
    const t = team(ownerId);
    if (t === undefined || !teams.has(t)) issues.push(issue(locale, 'not_in_pool_for_team', { ...who, poolId, ownerId, ...(t === undefined ? {} : { team: t }) }, ['ownerId']));
  }
  if (rules.cooldownDays > 0) {
    const left = state.departures.find((d) => d.ownerId === ownerId);
    if (left !== undefined) {
      const until = addDays(plainDateOf(left.at, zone), rules.cooldownDays);
      if (plainDateOf(at, zone) < until) issues.push(issue(locale, 'reclaim_cooldown', { ...who, ownerId, until, days: rules.cooldownDays }, ['ownerId']));
    }
  }
  if (rules.holdLimit !== undefined) {
    let held = 0;
    for (const c of others) {
      if (c.id === customer.id) continue;
      if (customerPoolState(c, { asOf: at }).ownerId === ownerId) held += 1;
    }
    if (held >= rules.holdLimit) issues.push(issue(locale, 'hold_limit_reached', { ownerId, held, limit: rules.holdLimit }, ['ownerId']));
  }
  return issues;
}

