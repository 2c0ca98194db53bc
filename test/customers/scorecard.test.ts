import { describe, expect, it } from 'vitest';
import { formatIssue, parseScorecard, safeParseScorecard, toFunnelIssues, type ScorecardJson } from '../../src/index.js';

const criterion = (id: string, points = 1) => ({ id, check: { kind: 'field', field: `attributes.${id}`, rule: { op: 'present' } }, points }) as const;

const issuesOf = (input: unknown) => {
  const r = safeParseScorecard(input);
  if (r.success) throw new Error('expected issues');
  return toFunnelIssues(r.error);
};

describe('scorecardSchema / parseScorecard', () => {
  it('parses a JSON scorecard: field tests (key-task rules and includes), guards, tiers with an else tier', () => {
    const json: ScorecardJson = {
      id: 'value-2026',
      name: '客户价值评分',
      criteria: [
        { id: 'big', label: { en: 'Large company', 'zh-CN': '大型企业' }, check: { kind: 'field', field: 'attributes.employees', rule: { op: 'gte', value: '1000' } }, points: 2 },
        { id: 'soe', label: '国企', check: { kind: 'field', field: 'tags', rule: { op: 'includes', value: '国企' } }, points: 1 },
        { id: 'credit', check: { kind: 'guard', name: 'badCredit' }, points: -3 },
      ],
      tiers: [{ id: 'A', minScore: 3 }, { id: 'B', minScore: 0 }, { id: 'C' }],
    };
    const card = parseScorecard(json);
    expect(card.criteria.map((c) => [c.id, c.points])).toEqual([
      ['big', 2],
      ['soe', 1],
      ['credit', -3],
    ]);
    expect(card.criteria[0]?.check).toMatchObject({ kind: 'field', rule: { op: 'gte' } });
    expect(card.tiers.map((t) => t.minScore)).toEqual([3, 0, undefined]);
    // JSON in, JSON out: the parsed scorecard round-trips through JSON.
    expect(parseScorecard(JSON.parse(JSON.stringify(card)))).toEqual(card);
  });

  it('reports every coded problem with its path: duplicate ids, tiers out of order, an else tier not last', () => {
    const issues = issuesOf({
      criteria: [criterion('budget'), criterion('need'), criterion('budget')],
      tiers: [{ id: 'A', minScore: 5 }, { id: 'D' }, { id: 'B', minScore: 5 }, { id: 'A', minScore: 1 }],
    });
    expect(issues.map((i) => [i.code, i.path?.join('.')])).toEqual([
      ['duplicate_criterion_id', 'criteria.2.id'],
      ['catch_all_tier_not_last', 'tiers.1.minScore'],
      ['tiers_out_of_order', 'tiers.2.minScore'],
      ['duplicate_tier_id', 'tiers.3.id'],
    ]);
    expect(issues[2]?.params).toEqual({ tierId: 'B', minScore: 5, previous: 5 });
    expect(issues.map((i) => formatIssue(i, 'zh-CN'))).toEqual([
      '评分项 ID“budget”重复。',
      '分级“D”没有最低分，用于兜底其余所有分数，必须排在最后。',
      '分级“B”的最低分 5 不低于上一分级（5）：分级须按最低分从高到低排列。',
      '分级 ID“A”重复。',
    ]);
    expect(issues[2]?.message).toBe('Tier "B" starts at 5, not below the tier before it (5): list the tiers from the highest minimum score down.');
  });

  it('reports structural problems at their paths: no criteria, bad points, an unknown rule, a guard without a name', () => {
    const paths = (input: unknown) => issuesOf(input).map((i) => i.path?.join('.'));
    expect(paths({ criteria: [], tiers: [{ id: 'A' }] })).toEqual(['criteria']);
    expect(paths({ criteria: [criterion('a')], tiers: [] })).toEqual(['tiers']);
    expect(paths({ criteria: [{ ...criterion('a'), points: 1.5 }], tiers: [{ id: 'A' }] })).toEqual(['criteria.0.points']);
    expect(paths({ criteria: [{ ...criterion('a'), points: 2_000_000 }], tiers: [{ id: 'A' }] })).toEqual(['criteria.0.points']);
    expect(paths({ criteria: [{ id: 'a', check: { kind: 'field', field: 'x', rule: { op: 'like', value: 'y' } }, points: 1 }], tiers: [{ id: 'A' }] })).toEqual(['criteria.0.check.rule.op']);
    expect(paths({ criteria: [{ id: 'a', check: { kind: 'guard' }, points: 1 }], tiers: [{ id: 'A' }] })).toEqual(['criteria.0.check.name']);
    expect(paths({ criteria: [criterion('a')], tiers: [{ id: 'A', minScore: 'high' }] })).toEqual(['tiers.0.minScore']);
    expect(() => parseScorecard({ criteria: [], tiers: [] })).toThrow();
  });

  it('accepts a scorecard whose tiers all have a minimum (scores below them get no tier)', () => {
    expect(safeParseScorecard({ criteria: [criterion('a')], tiers: [{ id: 'A', minScore: 1 }, { id: 'B', minScore: -1 }] }).success).toBe(true);
  });
});
