import { describe, expect, it } from 'vitest';
import { parsePoolRules, poolRulesSchema, toFunnelIssues } from '../../src/index.js';

const issuesOf = (input: unknown) => {
  const r = poolRulesSchema.safeParse(input);
  return r.success ? [] : toFunnelIssues(r.error).map((i) => [i.code, (i.path ?? []).join('.')]);
};

describe('parsePoolRules', () => {
  it('parses every rule, all optional, and round-trips through JSON', () => {
    const rules = {
      followUpDays: 10,
      activityExtensionDays: 3,
      closeWithinDays: 90,
      maxHoldDays: 20,
      warnDaysBefore: 3,
      reclaimCooldownDays: 30,
      holdLimit: 50,
      pools: [{ id: 'east', teams: ['华东销售部', '大客户部'] }],
    };
    expect(parsePoolRules(JSON.parse(JSON.stringify(rules)))).toEqual(rules);
    expect(parsePoolRules({})).toEqual({});
    expect(parsePoolRules({ holdLimit: 0, warnDaysBefore: 0, reclaimCooldownDays: 0 })).toEqual({ holdLimit: 0, warnDaysBefore: 0, reclaimCooldownDays: 0 });
    expect(Object.keys(parsePoolRules({ followUpDays: 5, maxHoldDays: undefined }))).toEqual(['followUpDays']);
  });

  it('refuses unknown fields, days that are not whole positive numbers, and bad pools, at their paths', () => {
    expect(issuesOf({ followupDays: 10 })).toEqual([['invalid_schema', '']]);
    expect(issuesOf({ followUpDays: 0 })).toEqual([['invalid_schema', 'followUpDays']]);
    expect(issuesOf({ maxHoldDays: 2.5 })).toEqual([['invalid_schema', 'maxHoldDays']]);
    expect(issuesOf({ closeWithinDays: 10_001 })).toEqual([['invalid_schema', 'closeWithinDays']]);
    expect(issuesOf({ holdLimit: -1 })).toEqual([['invalid_schema', 'holdLimit']]);
    expect(issuesOf({ pools: [{ id: '', teams: [] }] })).toEqual([['invalid_schema', 'pools.0.id']]);
    expect(issuesOf('rules')).toEqual([['invalid_schema', '']]);
  });

  it('refuses activityExtensionDays without followUpDays and a pool listed twice (coded)', () => {
    expect(issuesOf({ activityExtensionDays: 3 })).toEqual([['pool_rule_needs', 'activityExtensionDays']]);
    expect(issuesOf({ pools: [{ id: 'east', teams: ['a'] }, { id: 'east', teams: ['b'] }] })).toEqual([['duplicate_pool_id', 'pools.1.id']]);
    const r = poolRulesSchema.safeParse({ activityExtensionDays: 3 });
    expect(r.success ? '' : toFunnelIssues(r.error, 'zh-CN')[0]!.message).toBe('公海规则“activityExtensionDays”需要同时设置“followUpDays”才生效。');
  });

  it('throws the ZodError', () => {
    expect(() => parsePoolRules({ holdLimit: 'many' })).toThrow();
  });
});
