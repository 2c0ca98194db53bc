import * as z from 'zod';

/**
 * Schema of a customer id (a non-empty string, branded).
 *
 * @category Model
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
 * @category Model
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
 * @category Model
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
 * @category Model
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
 * @category Model
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
 * @category Model
 * @example
 * ```ts
 * import { userIdSchema } from 'sales-funnel';
 * userIdSchema.parse('rep-zhang');
 * ```
 */
export const userIdSchema = z.string().min(1).brand<'UserId'>();

/**
 * Branded customer id (客户).
 */
export type CustomerId = z.output<typeof customerIdSchema>;
/**
 * Branded opportunity id (商机).
 */
export type OpportunityId = z.output<typeof opportunityIdSchema>;
/**
 * Branded pipeline id (销售漏斗).
 */
export type PipelineId = z.output<typeof pipelineIdSchema>;
/**
 * Branded stage id (销售阶段).
 */
export type StageId = z.output<typeof stageIdSchema>;
/**
 * Branded key task id (关键任务).
 */
export type KeyTaskId = z.output<typeof keyTaskIdSchema>;
/**
 * Branded user id (a rep or manager).
 */
export type UserId = z.output<typeof userIdSchema>;
