import fc from 'fast-check';
import { FunnelError } from '../i18n/FunnelError.js';
import { isCurrencyCode } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import type { KeyTaskId, PipelineId, StageId } from '../model/ids.js';
import type { Pipeline } from '../model/pipeline.js';
import type { KeyTask, Stage } from '../model/stage.js';

/**
 * Constraints for {@link stageArb}.
 *
 * @example
 * ```ts
 * import type { StageConstraints } from 'sales-funnel/testing';
 * const c: StageConstraints = { id: 'qualify', kind: 'open', maxTasks: 2 };
 * ```
 */
export interface StageConstraints {
  /** The stage id. Default `'stage'`. */
  readonly id?: string;
  /** Kind. Default `'open'`. */
  readonly kind?: Stage['kind'];
  /** Most key tasks. Default 3. */
  readonly maxTasks?: number;
  /** Kinds of key task checks to generate. Default `['manual']` (field and guard tasks need data or guards). */
  readonly checks?: ReadonlyArray<'manual' | 'field'>;
}

const TASK_TITLES = ['确认预算', 'Visit the decision maker', '提交方案', 'Send the quote', '技术交流', 'Confirm the need'];

/**
 * One stage with key tasks whose ids are prefixed by the stage id (so tasks stay unique
 * across a pipeline). Won stages get probability 1, lost 0, open stages 0.01–0.99.
 *
 * @param constraints - Id, kind and task settings.
 * @returns An arbitrary of {@link Stage}.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { stageArb } from 'sales-funnel/testing';
 * fc.assert(fc.property(stageArb({ kind: 'won' }), (s) => s.probability.eq(1)));
 * ```
 */
export function stageArb(constraints: StageConstraints = {}): fc.Arbitrary<Stage> {
  const { id = 'stage', kind = 'open', maxTasks = 3, checks = ['manual'] } = constraints;
  if (!Number.isSafeInteger(maxTasks) || maxTasks < 0) {
    throw new FunnelError('invalid_option', { option: 'maxTasks', reason: 'must be a whole number >= 0' });
  }
  if (checks.length === 0) throw new FunnelError('invalid_option', { option: 'checks', reason: 'must not be empty' });
  const taskArb = (i: number) =>
    fc.record({
      title: fc.constantFrom(...TASK_TITLES),
      required: fc.boolean(),
      check: fc.constantFrom(...checks),
    }).map(
      ({ title, required, check }): KeyTask => ({
        id: `${id}-t${i}` as KeyTaskId,
        title,
        required: kind === 'open' ? required : false,
        check: check === 'manual' ? { kind: 'manual' } : { kind: 'field', field: 'expectedCloseDate', rule: { op: 'present' } },
      }),
    );
  const tasks = kind === 'open' ? fc.integer({ min: 0, max: maxTasks }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => taskArb(i)))) : fc.constant([] as KeyTask[]);
  const probability = kind === 'won' ? fc.constant(new Decimal(1)) : kind === 'lost' ? fc.constant(new Decimal(0)) : fc.integer({ min: 1, max: 99 }).map((n) => new Decimal(n).div(100));
  return fc.record({
    keyTasks: tasks,
    probability,
    stallAfterDays: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
  }).map(({ keyTasks, probability: p, stallAfterDays }): Stage => ({
    id: id as StageId,
    name: `Stage ${id}`,
    kind,
    probability: p,
    keyTasks: [...keyTasks],
    ...(stallAfterDays === undefined ? {} : { stallAfterDays }),
  }));
}

/**
 * Constraints for {@link pipelineArb}.
 *
 * @example
 * ```ts
 * import type { PipelineConstraints } from 'sales-funnel/testing';
 * const c: PipelineConstraints = { minOpenStages: 3, maxOpenStages: 6, currency: 'CNY' };
 * ```
 */
export interface PipelineConstraints {
  /** Pipeline id. Default `'pipeline'`. */
  readonly id?: string;
  /** Fewest open stages. Default 2. */
  readonly minOpenStages?: number;
  /** Most open stages. Default 6. */
  readonly maxOpenStages?: number;
  /** Most key tasks per open stage. Default 3. */
  readonly maxTasksPerStage?: number;
  /** Pipeline currency. Default `'CNY'`. */
  readonly currency?: string;
  /** Whether open-stage probabilities rise stage by stage. Default true. */
  readonly increasingProbabilities?: boolean;
  /** Check kinds for key tasks. Default `['manual']`. */
  readonly checks?: ReadonlyArray<'manual' | 'field'>;
}

/**
 * Valid pipelines: `s0 … sN` open stages, then one won stage `won` and one lost stage
 * `lost`, with random policies.
 *
 * @param constraints - Shape settings.
 * @returns An arbitrary of {@link Pipeline}.
 * @throws {@link sales-funnel!FunnelError} `invalid_option` for impossible constraints.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { pipelineArb } from 'sales-funnel/testing';
 * fc.assert(fc.property(pipelineArb(), (p) => p.stages.some((s) => s.kind === 'open')));
 * ```
 */
export function pipelineArb(constraints: PipelineConstraints = {}): fc.Arbitrary<Pipeline> {
  const { id = 'pipeline', minOpenStages = 2, maxOpenStages = 6, maxTasksPerStage = 3, currency = 'CNY', increasingProbabilities = true, checks = ['manual'] } = constraints;
  if (!Number.isSafeInteger(minOpenStages) || minOpenStages < 1 || !Number.isSafeInteger(maxOpenStages) || maxOpenStages < minOpenStages) {
    throw new FunnelError('invalid_option', { option: 'minOpenStages/maxOpenStages', reason: 'need 1 <= min <= max' });
  }
  if (!isCurrencyCode(currency)) throw new FunnelError('unknown_currency', { currency });
  return fc.integer({ min: minOpenStages, max: maxOpenStages }).chain((n) =>
    fc.record({
      open: fc.tuple(...Array.from({ length: n }, (_, i) => stageArb({ id: `s${i}`, kind: 'open', maxTasks: maxTasksPerStage, checks }))),
      won: stageArb({ id: 'won', kind: 'won' }),
      lost: stageArb({ id: 'lost', kind: 'lost' }),
      skip: fc.constantFrom('gates' as const, 'forbid' as const),
      backward: fc.constantFrom('allow' as const, 'reason' as const, 'forbid' as const),
      probabilityOnStageChange: fc.constantFrom('reset' as const, 'keep' as const),
    }).map(({ open, won, lost, skip, backward, probabilityOnStageChange }): Pipeline => {
      const sorted = increasingProbabilities ? [...open.map((s) => s.probability)].sort((a, b) => a.comparedTo(b)) : open.map((s) => s.probability);
      return {
        id: id as PipelineId,
        name: `Pipeline ${id}`,
        currency,
        stages: [...open.map((s, i) => ({ ...s, probability: sorted[i] as Decimal })), won, lost],
        policy: { skip, backward, probabilityOnStageChange },
      };
    }),
  );
}
