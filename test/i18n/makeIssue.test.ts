import { describe, expect, it } from 'vitest';
import { makeIssue } from '../../src/i18n/makeIssue.js';

describe('makeIssue', () => {
  it('builds the issue with its message in the locale and only the locations given', () => {
    expect(makeIssue('unknown_task', { taskId: 'x' }, { taskId: 'x' })).toEqual({
      code: 'unknown_task',
      params: { taskId: 'x' },
      message: 'Unknown key task "x".',
      taskId: 'x',
    });
    const issue = makeIssue(
      'key_task_incomplete',
      { taskId: 'budget', title: '确认预算', stageId: 'qualify', stageName: '需求确认', check: 'manual' },
      { locale: 'zh-CN', stageId: 'qualify', taskId: 'budget', path: ['completedTasks'] },
    );
    expect(issue.message).toBe('阶段“需求确认”的关键任务“确认预算”尚未完成。');
    expect(issue.path).toEqual(['completedTasks']);
    expect(Object.keys(issue).sort()).toEqual(['code', 'message', 'params', 'path', 'stageId', 'taskId']);
  });

  it('never throws on missing params or options', () => {
    const issue = makeIssue('already_in_stage', undefined as never, null as never);
    expect(issue.message).toBe('The opportunity is already in stage "{stageName}".');
    expect(issue.params).toEqual({});
  });
});
