import { describe, expect, it } from 'vitest';
import {
  compareGroupKeys,
  FunnelError,
  groupKeyFn,
  groupLabel,
  NO_GROUP,
  parseCustomer,
  parseOpportunity,
  type Opportunity,
} from '../../src/index.js';
import { opportunityJson } from '../fixtures/pipelineJson.js';

// The fixture: owner rep-zhang, customer c1, no region, created 2026-01-05T09:00+08:00
// (= 2026-01-05T01:00Z), 60 万 (600000) CNY.
const deal = parseOpportunity(opportunityJson);
const customers = [parseCustomer({ id: 'c1', name: 'A', segment: 'existing', priority: 'high', industry: '制造' })];

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof FunnelError ? e.code : 'not a FunnelError';
  }
  return undefined;
}

describe('groupKeyFn', () => {
  it('reads each built-in key', () => {
    expect(groupKeyFn(['owner'])(deal)).toEqual(['rep-zhang']);
    expect(groupKeyFn(['region'])(deal)).toEqual([NO_GROUP]);
    expect(groupKeyFn(['pipeline', 'stage'])(deal)).toEqual([deal.pipelineId, deal.stageId]);
    expect(groupKeyFn(['customer_type', 'customer_priority', 'industry'], { customers })(deal)).toEqual(['existing', 'high', '制造']);
    expect(groupKeyFn(['created_month', 'created_quarter', 'created_year'])(deal)).toEqual(['2026-01', '2026-Q1', '2026']);
  });

  it('reads the team of the owner from a Map or a record; an owner in no team is (none)', () => {
    expect(groupKeyFn(['team'], { teams: { 'rep-zhang': '华东一组' } })(deal)).toEqual(['华东一组']);
    expect(groupKeyFn(['team'], { teams: new Map([['rep-li', '华北']]) })(deal)).toEqual([NO_GROUP]);
    // An owner named like an Object.prototype member is not found in a record.
    const toStringOwner = { ...deal, ownerId: 'toString' } as Opportunity;
    expect(groupKeyFn(['team'], { teams: {} })(toStringOwner)).toEqual([NO_GROUP]);
  });

  it('reads project_type from attributes.projectType', () => {
    const large = { ...deal, attributes: { projectType: 'large' } } as Opportunity;
    expect(groupKeyFn(['project_type'])(large)).toEqual(['large']);
    expect(groupKeyFn(['project_type'])({ ...deal, attributes: { projectType: 7 } } as Opportunity)).toEqual([NO_GROUP]);
  });

  it('dates the period on the wall clock of the time zone', () => {
    // Created 2025-12-31T23:30Z: still 2025-Q4 in UTC, already 2026-Q1 in Shanghai.
    const late = { ...deal, history: [{ ...deal.history[0]!, at: new Date('2025-12-31T23:30:00Z') }] } as Opportunity;
    expect(groupKeyFn(['period'])(late)).toEqual(['2025-Q4']);
    expect(groupKeyFn(['period'], { timeZone: 'Asia/Shanghai' })(late)).toEqual(['2026-Q1']);
    expect(groupKeyFn(['period'], { period: { unit: 'month' }, offsetMinutes: 480 })(late)).toEqual(['2026-01']);
  });

  it('takes functions, undefined meaning (none)', () => {
    const size = (d: Opportunity) => (d.amount.amount.gte(500000) ? 'large' : undefined);
    expect(groupKeyFn([size])(deal)).toEqual(['large']);
    expect(groupKeyFn([() => undefined])(deal)).toEqual([NO_GROUP]);
  });

  it('refuses what it cannot read with invalid_option, before any deal', () => {
    expect(codeOf(() => groupKeyFn(['customer_type']))).toBe('invalid_option');
    expect(codeOf(() => groupKeyFn(['team']))).toBe('invalid_option');
    expect(codeOf(() => groupKeyFn(['colour' as never]))).toBe('invalid_option');
    // A key with no string form is named by its type, not a TypeError.
    expect(codeOf(() => groupKeyFn([{ toString: 0 } as never]))).toBe('invalid_option');
    expect(codeOf(() => groupKeyFn([Object.create(null) as never]))).toBe('invalid_option');
    expect(codeOf(() => groupKeyFn('owner' as never))).toBe('invalid_option');
    expect(codeOf(() => groupKeyFn(['period'], { timeZone: 'Mars/Olympus' }))).toBe('invalid_option');
  });
});

describe('groupLabel and compareGroupKeys', () => {
  it('labels built-ins by name and functions by their name or custom', () => {
    expect(groupLabel('owner')).toBe('owner');
    expect(groupLabel(function bySize() {
      return 'x';
    })).toBe('bySize');
    expect(groupLabel(Object.defineProperty(() => 'x', 'name', { value: '' }))).toBe('custom');
  });

  it('sorts element by element, periods in time, a shorter key first', () => {
    const keys = [['2026-Q2', 'b'], ['2026-Q1', 'z'], ['2026-Q2', 'a'], ['2026-Q1']];
    expect([...keys].sort(compareGroupKeys)).toEqual([['2026-Q1'], ['2026-Q1', 'z'], ['2026-Q2', 'a'], ['2026-Q2', 'b']]);
  });
});
