import * as z from 'zod';

/**
 * Schema of a customer id (a non-empty string, branded).
 *
 * @example
 * ```ts
 * import { customerIdSchema } from 'sales-funnel';
 * customerIdSchema.parse('c-1');
 * ```
 */
export const customerIdSchema = z.string().min(1).brand<'CustomerId'>();
/**
 * Schema of an opportunity id.
 *
 * @example
 * ```ts
 * import { opportunityIdSchema } from 'sales-funnel';
 * opportunityIdSchema.parse('o-1');
 * ```
 */
export const opportunityIdSchema = z.string().min(1).brand<'OpportunityId'>();
/**
 * Schema of a pipeline id.
 *
 * @example
 * ```ts
 * import { pipelineIdSchema } from 'sales-funnel';
 * pipelineIdSchema.parse('p-1');
 * ```
 */
export const pipelineIdSchema = z.string().min(1).brand<'PipelineId'>();
/**
 * Schema of a stage id.
 *
 * @example
 * ```ts
 * import { stageIdSchema } from 'sales-funnel';
 * stageIdSchema.parse('qualify');
 * ```
 */
export const stageIdSchema = z.string().min(1).brand<'StageId'>();
/**
 * Schema of a key task id.
 *
 * @example
 * ```ts
 * import { keyTaskIdSchema } from 'sales-funnel';
 * keyTaskIdSchema.parse('budget-confirmed');
 * ```
 */
export const keyTaskIdSchema = z.string().min(1).brand<'KeyTaskId'>();
/**
 * Schema of a user (sales rep, manager) id.
 *
 * @example
 * ```ts
 * import { userIdSchema } from 'sales-funnel';
 * userIdSchema.parse('rep-zhang');
 * ```
 */
export const userIdSchema = z.string().min(1).brand<'UserId'>();

/**
 * Branded customer id (客户).
 *
 * @example
 * ```ts
 * import type { CustomerId } from 'sales-funnel';
 * const id = 'c-1' as CustomerId;
 * ```
 */
export type CustomerId = z.output<typeof customerIdSchema>;
/**
 * Branded opportunity id (商机).
 *
 * @example
 * ```ts
 * import type { OpportunityId } from 'sales-funnel';
 * const id = 'o-1' as OpportunityId;
 * ```
 */
export type OpportunityId = z.output<typeof opportunityIdSchema>;
/**
 * Branded pipeline id (销售漏斗).
 *
 * @example
 * ```ts
 * import type { PipelineId } from 'sales-funnel';
 * const id = 'p-1' as PipelineId;
 * ```
 */
export type PipelineId = z.output<typeof pipelineIdSchema>;
/**
 * Branded stage id (销售阶段).
 *
 * @example
 * ```ts
 * import type { StageId } from 'sales-funnel';
 * const id = 'qualify' as StageId;
 * ```
 */
export type StageId = z.output<typeof stageIdSchema>;
/**
 * Branded key task id (关键任务).
 *
 * @example
 * ```ts
 * import type { KeyTaskId } from 'sales-funnel';
 * const id = 'budget' as KeyTaskId;
 * ```
 */
export type KeyTaskId = z.output<typeof keyTaskIdSchema>;
/**
 * Branded user id (a rep or manager).
 *
 * @example
 * ```ts
 * import type { UserId } from 'sales-funnel';
 * const id = 'rep-zhang' as UserId;
 * ```
 */
export type UserId = z.output<typeof userIdSchema>;
