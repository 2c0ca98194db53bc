import { describe, expectTypeOf, it } from 'vitest';
import {
  FunnelError,
  formatMessage,
  isFunnelError,
  makeIssue,
  type FunnelIssue,
  type IssueCode,
  type IssueParams,
  type IssueParamsByCode,
  type LocalizedText,
} from '../../src/index.js';

describe('issues are a discriminated union on code', () => {
  it('narrowing on code types the params', () => {
    const check = (issue: FunnelIssue) => {
      if (issue.code === 'key_task_incomplete') {
        expectTypeOf(issue.params.taskId).toEqualTypeOf<string>();
        expectTypeOf(issue.params.stageName).toEqualTypeOf<string>();
        expectTypeOf(issue.params.check).toEqualTypeOf<'manual' | 'field'>();
      }
      if (issue.code === 'won_without_funnel_history') {
        expectTypeOf(issue.params.amount).toEqualTypeOf<string>();
        expectTypeOf(issue.params.currency).toEqualTypeOf<string>();
        expectTypeOf(issue.params.days).toEqualTypeOf<number>();
      }
      if (issue.code === 'guard_failed') {
        expectTypeOf(issue.params.detail).toEqualTypeOf<string | LocalizedText | undefined>();
      }
      switch (issue.code) {
        case 'reason_required':
          expectTypeOf(issue.params.command).toEqualTypeOf<'advance' | 'move' | 'move back' | 'win' | 'lose' | 'suspend' | 'resume' | 'reopen'>();
          break;
        case 'stalled':
          expectTypeOf(issue.params.stageName).toEqualTypeOf<string | undefined>();
          break;
        default:
          break;
      }
    };
    void check;
  });

  it('without narrowing, only what every code shares is known', () => {
    expectTypeOf<FunnelIssue['code']>().toEqualTypeOf<IssueCode>();
    expectTypeOf<FunnelIssue['message']>().toEqualTypeOf<string>();
    const issue = {} as FunnelIssue;
    // @ts-expect-error taskId is not a param of every code
    void issue.params.taskId;
    expectTypeOf<FunnelIssue>().toMatchTypeOf<{ readonly code: IssueCode; readonly params: IssueParams }>();
  });

  it('FunnelIssue<C> is the issue of the codes C', () => {
    expectTypeOf<FunnelIssue<'unknown_task'>['params']>().toEqualTypeOf<IssueParamsByCode['unknown_task']>();
    expectTypeOf<FunnelIssue<'unknown_task' | 'unknown_stage'>['code']>().toEqualTypeOf<'unknown_task' | 'unknown_stage'>();
  });

  it('makeIssue and formatMessage are typed by the code', () => {
    const issue = makeIssue('unknown_task', { taskId: 'x' });
    expectTypeOf(issue).toEqualTypeOf<FunnelIssue<'unknown_task'>>();
    expectTypeOf(issue.params.taskId).toEqualTypeOf<string>();
    // @ts-expect-error taskId is required
    makeIssue('unknown_task', {});
    // @ts-expect-error a stage id is not a task id
    makeIssue('unknown_task', { stageId: 'x' });
    // @ts-expect-error an unknown command word
    makeIssue('reason_required', { command: 'close' });
    // @ts-expect-error not a known code
    makeIssue('not_a_code', {});
    formatMessage('no_open_stage', {});
    // @ts-expect-error days is a number
    formatMessage('close_date_overdue', { closeDate: '2026-06-30', days: '3' });
    // A code only known as IssueCode takes loose params (re-rendering stored issues).
    const code = 'unknown_task' as IssueCode;
    expectTypeOf(formatMessage(code, { anything: 1 })).toEqualTypeOf<string>();
  });

  it('FunnelError is typed by its code; a caught one narrows with isFunnelError', () => {
    const e = new FunnelError('currency_mismatch', { left: 'CNY', right: 'USD' });
    expectTypeOf(e).toEqualTypeOf<FunnelError<'currency_mismatch'>>();
    expectTypeOf(e.params.left).toEqualTypeOf<string>();
    // @ts-expect-error right is required
    new FunnelError('currency_mismatch', { left: 'CNY' });
    const caught: unknown = e;
    if (isFunnelError(caught, 'hierarchy_cycle')) expectTypeOf(caught.params.path).toEqualTypeOf<string>();
    if (caught instanceof FunnelError) expectTypeOf(caught.params).toEqualTypeOf<IssueParams>();
  });
});
