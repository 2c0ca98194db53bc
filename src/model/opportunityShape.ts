import * as z from 'zod';
import { checkRecordKey } from './primitives.js';
import { formatMessage } from '../i18n/formatMessage.js';
import { customerIdSchema, keyTaskIdSchema, opportunityIdSchema, pipelineIdSchema, stageIdSchema, userIdSchema } from './ids.js';
import { opportunityEventSchema, splitSchema, type OpportunityEvent } from './events.js';
import { attributesSchema, instantSchema, moneySchema, plainDateSchema, probabilitySchema } from './primitives.js';
import { forecastCategorySchema } from './stage.js';

// The structure of an opportunity: its zod object (wire ↔ domain) and the types inferred
// from it. The checked schemas and the parse functions are in opportunity.ts.

/**
 * Schema of the record of a completed key task: when, and by whom.
 *
 * @category Model
 * @example
 * ```ts
 * import { completedTaskSchema } from 'sales-funnel';
 * completedTaskSchema.parse({ at: '2026-02-01T10:00:00Z', by: 'rep-zhang' });
 * ```
 */
export const completedTaskSchema = z.object({ at: instantSchema, by: userIdSchema.optional() });

const completedTasksKeys = z.custom<Record<string, unknown>>(() => true).check(
  z.superRefine((value, ctx) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return; // the record reports it
    for (const key of Object.keys(value)) checkRecordKey(key, ctx, []);
  }),
);

/**
 * Schema of an opportunity's completed key tasks: task id → {@link completedTaskSchema}.
 * The keys `__proto__` (an own one, as `JSON.parse` makes, included), `constructor`
 * and `prototype` are refused with `forbidden_key`, never silently dropped.
 *
 * @category Model
 * @example
 * ```ts
 * import { completedTasksSchema } from 'sales-funnel';
 * completedTasksSchema.safeParse(JSON.parse('{"__proto__": {"at": "2026-02-01T10:00:00Z"}}')).success; //=> false
 * ```
 */
export const completedTasksSchema = z.pipe(
  completedTasksKeys as unknown as z.ZodType<Record<string, z.input<typeof completedTaskSchema>>>,
  z.record(keyTaskIdSchema, completedTaskSchema),
);

function misnumbered(events: readonly OpportunityEvent[]): number {
  for (let i = 0; i < events.length; i++) if (events[i]?.seq !== i + 1) return i;
  return -1;
}

/**
 * Codec of a ledger: events on the wire may leave out `seq`, which is then their
 * 1-based position; in the domain every event has it. Serializing refuses a ledger
 * whose `seq` is not its position (`ledger_seq_mismatch`).
 */
const historySchema = z.codec(z.array(opportunityEventSchema), z.custom<OpportunityEvent[]>(() => true), {
  decode: (events) => {
    const out = new Array<OpportunityEvent>(events.length);
    for (let i = 0; i < events.length; i++) {
      const { type, seq, ...rest } = events[i]!;
      out[i] = { type, seq: seq ?? i + 1, ...rest } as OpportunityEvent;
    }
    return out;
  },
  encode: (events, ctx) => {
    const i = Array.isArray(events) ? misnumbered(events) : -1;
    if (i >= 0) {
      const params = { index: i, expected: i + 1, actual: Number(events[i]?.seq) };
      ctx.issues.push({
        code: 'custom',
        input: events,
        path: [i, 'seq'],
        message: formatMessage('ledger_seq_mismatch', params),
        params: { ...params, code: 'ledger_seq_mismatch' },
      });
    }
    return events;
  },
});

/**
 * Schema of where an opportunity came from (商机来源): the marketing campaign
 * (`campaignId`) and the channel (`channel`, e.g. `'exhibition'`, `'referral'`), both
 * optional. Read by `campaignEffectiveness`.
 *
 * @category Model
 * @example
 * ```ts
 * import { opportunitySourceSchema } from 'sales-funnel';
 * opportunitySourceSchema.parse({ campaignId: 'expo-2026', channel: 'exhibition' }).campaignId; //=> 'expo-2026'
 * ```
 */
export const opportunitySourceSchema = z.object({
  campaignId: z.string().min(1).max(200).optional(),
  channel: z.string().min(1).max(200).optional(),
});

/** The structural schema of an opportunity, without cross-field rules. @internal */
export const opportunityObject = z.object({
  id: opportunityIdSchema,
  customerId: customerIdSchema,
  pipelineId: pipelineIdSchema,
  name: z.string().min(1),
  amount: moneySchema,
  expectedCloseDate: plainDateSchema.optional(),
  region: z.string().min(1).optional(),
  stageId: stageIdSchema,
  status: z.enum(['open', 'suspended', 'won', 'lost']).default('open'),
  probabilityOverride: probabilitySchema.optional(),
  forecastCategoryOverride: forecastCategorySchema.optional(),
  ownerId: userIdSchema,
  splits: z.array(splitSchema).optional(),
  completedTasks: completedTasksSchema.default({}),
  closedAt: instantSchema.optional(),
  lossReason: z.string().min(1).optional(),
  competitor: z.string().min(1).optional(),
  source: opportunitySourceSchema.optional(),
  attributes: attributesSchema.default({}),
  history: historySchema.default([]),
});

/**
 * An opportunity (商机) in the domain form. Its ledger (`history`) is the truth the
 * other fields agree with; its version is the ledger's length (see
 * `opportunityVersion`).
 */
export type Opportunity = z.output<typeof opportunityObject>;
/** An opportunity in its JSON wire form. */
export type OpportunityJson = z.input<typeof opportunityObject>;
/** An opportunity's status: `open`, `suspended` (中止, can be resumed), `won` or `lost`. */
export type OpportunityStatus = Opportunity['status'];
/** Where an opportunity came from. See {@link opportunitySourceSchema}. */
export type OpportunitySource = z.output<typeof opportunitySourceSchema>;
/** Record of a completed key task. */
export type CompletedTask = z.output<typeof completedTaskSchema>;

