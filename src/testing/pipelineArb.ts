import fc from 'fast-check';
import { booleanOption, wholeNumberOption } from '../_lib/options.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { isCurrencyCode } from '../money/currency.js';
import type { Decimal } from '../money/decimal.js';
import type { PipelineId } from '../model/ids.js';
import type { Pipeline } from '../model/pipeline.js';
import { checksOption } from './_lib/checksOption.js';
import { textOption } from './_lib/textOptions.js';
import { stageArb } from './stageArb.js';

/**
 * Constraints for {@link pipelineArb}.
 *
 * @category Testing
 */
export interface PipelineConstraints {
  /**
   * Pipeline id.
   * @defaultValue `'pipeline'`
   */
  readonly id?: string;
  /**
   * Fewest open stages (at least 1).
   * @defaultValue 2
   */
  readonly minOpenStages?: number;
  /**
   * Most open stages.
   * @defaultValue 6
   */
  readonly maxOpenStages?: number;
  /**
   * Most key tasks per open stage.
   * @defaultValue 3
   */
  readonly maxTasksPerStage?: number;
  /**
   * Pipeline currency (an ISO 4217 code the library knows).
   * @defaultValue `'CNY'`
   */
  readonly currency?: string;
  /**
   * Whether open-stage probabilities rise stage by stage.
   * @defaultValue true
   */
  readonly increasingProbabilities?: boolean;
  /**
   * Check kinds for key tasks.
   * @defaultValue `['manual']`
   */
  readonly checks?: ReadonlyArray<'manual' | 'field'>;
}

/**
 * Valid pipelines: `s0 … sN` open stages, then one won stage `won` and one lost stage
 * `lost`, with random policies.
 *
 * @param constraints - Shape settings.
 * @returns An arbitrary of {@link sales-funnel!Pipeline}.
 * @throws {@link sales-funnel!FunnelError} `invalid_option { option }` at once for a bad
 *   constraint (fewer than 1 open stage, `maxOpenStages` below `minOpenStages`, an
 *   unknown currency, …).
 *
 * @category Testing
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { pipelineArb } from 'sales-funnel/testing';
 * fc.assert(fc.property(pipelineArb(), (p) => p.stages.some((s) => s.kind === 'open')));
 * ```
 */
export function pipelineArb(constraints: PipelineConstraints = {}): fc.Arbitrary<Pipeline> {
  const id = textOption(constraints.id ?? 'pipeline', 'id');
  const minOpenStages = wholeNumberOption(constraints.minOpenStages ?? 2, 'minOpenStages', { min: 1, max: 100 });
  const maxOpenStages = wholeNumberOption(constraints.maxOpenStages ?? Math.max(6, minOpenStages), 'maxOpenStages', { min: minOpenStages, max: 100 });
  const maxTasksPerStage = wholeNumberOption(constraints.maxTasksPerStage ?? 3, 'maxTasksPerStage', { max: 100 });
  const currency = constraints.currency ?? 'CNY';
  if (!isCurrencyCode(currency)) throw new FunnelError('invalid_option', { option: 'currency', reason: because('unknown_currency_code', { value: String(currency) }) });
  const increasingProbabilities = booleanOption(constraints.increasingProbabilities ?? true, 'increasingProbabilities');
  const checks = checksOption(constraints.checks ?? ['manual']);
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
