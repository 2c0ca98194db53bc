import * as z from 'zod';
import { keyTaskIdSchema, stageIdSchema, userIdSchema } from './ids.js';
import { instantSchema, moneySchema, plainDateSchema } from './primitives.js';

const base = { at: instantSchema, by: userIdSchema.optional() };

/**
 * Schema of one credit split: an owner and their share in basis points (1/100 of a percent).
 *
 * @example
 * ```ts
 * import { splitSchema } from 'sales-funnel';
 * splitSchema.parse({ ownerId: 'rep-li', basisPoints: 4000 });
 * ```
 */
export const splitSchema = z.object({
  ownerId: userIdSchema,
  basisPoints: z.number().int().min(0).max(10_000),
});

/**
 * Schema of one ledger event, discriminated by `type`; every event has `at` (an
 * instant) and optionally `by` (who did it).
 *
 * - `created { stageId }`: the deal entered the funnel at `stageId`
 * - `stage_changed { from, to, kind }`: `kind` is `advance` (next open stage), `skip`
 *   (forward past stages) or `regress` (backward)
 * - `task_completed { taskId }` / `task_reopened { taskId }`
 * - `amount_changed { from, to }` / `close_date_changed { from, to }` (null = none)
 * - `owner_changed { from, to }` / `splits_changed { to }` (null = no splits)
 * - `suspended { reason? }` (中止) / `resumed`
 * - `won { stageId }` / `lost { stageId, reason, competitor? }`: the exit from the last
 *   open stage into a won or lost stage
 * - `reopened { stageId }`: a closed deal back into an open stage
 *
 * @example
 * ```ts
 * import { opportunityEventSchema } from 'sales-funnel';
 * const e = opportunityEventSchema.parse({ type: 'created', at: '2026-01-05T09:00:00+08:00', stageId: 'lead' });
 * e.at.toISOString(); //=> '2026-01-05T01:00:00.000Z'
 * ```
 */
export const opportunityEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('created'), ...base, stageId: stageIdSchema }),
  z.object({
    type: z.literal('stage_changed'),
    ...base,
    from: stageIdSchema,
    to: stageIdSchema,
    kind: z.enum(['advance', 'skip', 'regress']),
    reason: z.string().min(1).optional(),
  }),
  z.object({ type: z.literal('task_completed'), ...base, taskId: keyTaskIdSchema }),
  z.object({ type: z.literal('task_reopened'), ...base, taskId: keyTaskIdSchema }),
  z.object({ type: z.literal('amount_changed'), ...base, from: moneySchema, to: moneySchema }),
  z.object({ type: z.literal('close_date_changed'), ...base, from: plainDateSchema.nullable(), to: plainDateSchema.nullable() }),
  z.object({ type: z.literal('owner_changed'), ...base, from: userIdSchema, to: userIdSchema }),
  z.object({ type: z.literal('splits_changed'), ...base, to: z.array(splitSchema).nullable() }),
  z.object({ type: z.literal('suspended'), ...base, reason: z.string().min(1).optional() }),
  z.object({ type: z.literal('resumed'), ...base }),
  z.object({ type: z.literal('won'), ...base, stageId: stageIdSchema }),
  z.object({
    type: z.literal('lost'),
    ...base,
    stageId: stageIdSchema,
    reason: z.string().min(1),
    competitor: z.string().min(1).optional(),
  }),
  z.object({ type: z.literal('reopened'), ...base, stageId: stageIdSchema }),
]);

/**
 * One event of an opportunity's append-only ledger. See {@link opportunityEventSchema}.
 *
 * @example
 * ```ts
 * import type { OpportunityEvent, StageId } from 'sales-funnel';
 * const e: OpportunityEvent = { type: 'created', at: new Date('2026-01-05T01:00:00Z'), stageId: 'lead' as StageId };
 * ```
 */
export type OpportunityEvent = z.output<typeof opportunityEventSchema>;
/**
 * The `type` of a ledger event.
 *
 * @example
 * ```ts
 * import type { OpportunityEventType } from 'sales-funnel';
 * const t: OpportunityEventType = 'stage_changed';
 * ```
 */
export type OpportunityEventType = OpportunityEvent['type'];
/**
 * A credit split. See {@link splitSchema}.
 *
 * @example
 * ```ts
 * import type { Split, UserId } from 'sales-funnel';
 * const s: Split = { ownerId: 'rep-li' as UserId, basisPoints: 5000 };
 * ```
 */
export type Split = z.output<typeof splitSchema>;
