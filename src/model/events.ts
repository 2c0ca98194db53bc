import * as z from 'zod';
import { keyTaskIdSchema, stageIdSchema, userIdSchema } from './ids.js';
import { instantSchema, moneySchema, plainDateSchema, probabilitySchema } from './primitives.js';
import { forecastCategorySchema } from './stage.js';

/**
 * Schema of an event's client id: a non-empty string of at most 200 characters, unique
 * within one ledger (an idempotency key or a database's event id).
 *
 * @category Model
 * @example
 * ```ts
 * import { eventIdSchema } from 'sales-funnel';
 * eventIdSchema.parse('cmd-2026-0001'); //=> 'cmd-2026-0001'
 * ```
 */
export const eventIdSchema = z.string().min(1).max(200);

const base = {
  seq: z.number().int().min(1).optional(),
  id: eventIdSchema.optional(),
  at: instantSchema,
  by: userIdSchema.optional(),
};

/**
 * Schema of the kind of a follow-up activity (跟进方式): a visit (拜访), a call, an email,
 * a meeting, or anything else.
 *
 * @category Model
 * @example
 * ```ts
 * import { activityKindSchema } from 'sales-funnel';
 * activityKindSchema.parse('visit'); //=> 'visit'
 * ```
 */
export const activityKindSchema = z.enum(['visit', 'call', 'email', 'meeting', 'other']);

/**
 * The fields of a follow-up activity (跟进记录), shared by the `activity_logged` events
 * of the opportunity and the customer ledgers: its `kind`, the contact met
 * (`contactId`, one of the customer's contacts), its `outcome`, what it cost (`cost`,
 * e.g. travel) and a free `note`.
 *
 * @category Model
 * @example
 * ```ts
 * import { activityFieldsShape } from 'sales-funnel';
 * Object.keys(activityFieldsShape); //=> ['kind', 'contactId', 'outcome', 'cost', 'note']
 * ```
 */
export const activityFieldsShape = {
  kind: activityKindSchema,
  contactId: z.string().min(1).max(200).optional(),
  outcome: z.string().min(1).optional(),
  cost: moneySchema.optional(),
  note: z.string().min(1).optional(),
};

/**
 * Schema of a credit split: an owner and their share in basis points (1/100 of a percent).
 *
 * @category Model
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
 * Schema of one ledger event, discriminated by `type`. Every event has:
 *
 * - `seq`: its 1-based position in the ledger. Optional here (a lone event has no
 *   position); an opportunity's `history` fills it in by position when absent and
 *   refuses one that differs from the position (`ledger_seq_mismatch`); serialized
 *   ledgers always carry it.
 * - `id` (optional): a client id, unique within the ledger (see {@link eventIdSchema}).
 * - `at`: the instant (see {@link instantSchema}; a `Date` is accepted too);
 * - `by` (optional): who did it.
 *
 * The types:
 * - `created { stageId }`: the deal entered the funnel at `stageId`
 * - `stage_changed { from, to, kind }`: `kind` is `advance` (next open stage), `skip`
 *   (forward past stages) or `regress` (backward)
 * - `task_completed { taskId }` / `task_reopened { taskId }`
 * - `amount_changed { from, to }` / `close_date_changed { from, to }` (null = none)
 * - `owner_changed { from, to }` / `splits_changed { to }` (null = no splits)
 * - `suspended { reason? }` (中止) / `resumed`
 * - `won { stageId }` / `lost { stageId, reason, competitor? }`: the exit from the last
 *   open stage into a won or lost stage
 * - `reopened { stageId, reason? }`: a closed deal back into an open stage (the reason
 *   is required under the pipeline policy `reopen: 'reason'`)
 * - `activity_logged { kind, contactId?, outcome?, cost?, note? }`: a follow-up activity
 *   (跟进记录, see {@link activityFieldsShape}); it changes no field and may come at any
 *   time, also after the deal closed
 * - `probability_changed { from, to }`: the probability override set or cleared (null =
 *   none, the stage's probability applies)
 * - `forecast_category_changed { from, to }`: the forecast-category override set or
 *   cleared (null = none)
 *
 * @category Model
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
  z.object({ type: z.literal('reopened'), ...base, stageId: stageIdSchema, reason: z.string().min(1).optional() }),
  z.object({ type: z.literal('activity_logged'), ...base, ...activityFieldsShape }),
  z.object({ type: z.literal('probability_changed'), ...base, from: probabilitySchema.nullable(), to: probabilitySchema.nullable() }),
  z.object({
    type: z.literal('forecast_category_changed'),
    ...base,
    from: forecastCategorySchema.nullable(),
    to: forecastCategorySchema.nullable(),
  }),
]);

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type ParsedEvent = z.output<typeof opportunityEventSchema>;
type Stamped<E> = E extends unknown ? Simplify<Omit<E, 'seq'> & { seq: number }> : never;
type Unstamped<E> = E extends unknown ? Simplify<Omit<E, 'seq'>> : never;

/**
 * One event of an opportunity's append-only ledger, as it stands in `history`: its
 * `seq` is its 1-based position (`history[i].seq === i + 1`). See
 * {@link opportunityEventSchema}.
 */
export type OpportunityEvent = Stamped<ParsedEvent>;
/**
 * A ledger event before it is appended: everything but `seq`, which
 * {@link appendEvents} stamps. What the engine builds.
 */
export type OpportunityEventDraft = Unstamped<ParsedEvent>;
/** A ledger event in its JSON wire form (`seq` optional, `at` a string or a `Date`). */
export type OpportunityEventJson = z.input<typeof opportunityEventSchema>;
/** The `type` of a ledger event. */
export type OpportunityEventType = OpportunityEvent['type'];
/** The kind of a follow-up activity. See {@link activityKindSchema}. */
export type ActivityKind = z.output<typeof activityKindSchema>;
/** A credit split. See {@link splitSchema}. */
export type Split = z.output<typeof splitSchema>;

/**
 * Appends events to a ledger: a new array with the drafts stamped with their `seq`
 * (`history.length + 1`, `+ 2`, …). Neither argument is changed; the drafts are
 * copied.
 *
 * @param history - The ledger so far (its events keep their `seq`).
 * @param drafts - The new events, oldest first, without `seq` (any `seq` they carry is replaced).
 * @returns The whole new ledger.
 *
 * @category Model
 * @example
 * ```ts
 * import { appendEvents, type OpportunityEvent, type StageId } from 'sales-funnel';
 * declare const history: readonly OpportunityEvent[];
 * const next = appendEvents(history, [{ type: 'won', at: new Date('2026-05-01T00:00:00Z'), stageId: 'won' as StageId }]);
 * next.length === history.length + 1; //=> true
 * ```
 */
export function appendEvents(history: readonly OpportunityEvent[], drafts: readonly OpportunityEventDraft[]): OpportunityEvent[] {
  const out = history.slice();
  for (const draft of drafts) {
    const { type, ...rest } = draft as OpportunityEventDraft & { seq?: number };
    delete (rest as { seq?: number }).seq;
    out.push({ type, seq: out.length + 1, ...rest } as OpportunityEvent);
  }
  return out;
}
