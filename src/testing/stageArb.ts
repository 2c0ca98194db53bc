import fc from 'fast-check';
import { oneOfOption, wholeNumberOption } from '../_lib/options.js';
import { Decimal } from '../money/decimal.js';
import type { KeyTaskId, StageId } from '../model/ids.js';
import type { KeyTask, Stage } from '../model/stage.js';
import { checksOption } from './_lib/checksOption.js';
import { textOption } from './_lib/textOptions.js';

/**
 * Constraints for {@link stageArb}.
 *
 * @category Testing
 */
export interface StageConstraints {
  /**
   * The stage id.
   * @defaultValue `'stage'`
   */
  readonly id?: string;
  /**
   * Kind: `'open'`, `'won'` or `'lost'`.
   * @defaultValue `'open'`
   */
  readonly kind?: Stage['kind'];
  /**
   * Most key tasks (open stages only).
   * @defaultValue 3
   */
  readonly maxTasks?: number;
  /**
   * Kinds of key task checks to generate (guard tasks need guards, so none are made; a
   * field task checks that `expectedCloseDate` is present).
   * @defaultValue `['manual']`
   */
  readonly checks?: ReadonlyArray<'manual' | 'field'>;
}

const TASK_TITLES = ['确认预算', 'Visit the decision maker', '提交方案', 'Send the quote', '技术交流', 'Confirm the need'];

/**
 * One stage with key tasks whose ids are prefixed by the stage id (so tasks stay unique
 * across a pipeline). Won stages get probability 1, lost 0, open stages 0.01–0.99.
 *
 * @param constraints - Id, kind and task settings.
 * @returns An arbitrary of {@link sales-funnel!Stage}.
 * @throws {@link sales-funnel!FunnelError} `invalid_option { option }` at once for a bad constraint.
 *
 * @category Testing
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { stageArb } from 'sales-funnel/testing';
 * fc.assert(fc.property(stageArb({ kind: 'won' }), (s) => s.probability.eq(1)));
 * ```
 */
export function stageArb(constraints: StageConstraints = {}): fc.Arbitrary<Stage> {
  const id = textOption(constraints.id ?? 'stage', 'id');
  const kind = oneOfOption(constraints.kind ?? 'open', 'kind', ['open', 'won', 'lost'] as const);
  const maxTasks = wholeNumberOption(constraints.maxTasks ?? 3, 'maxTasks', { max: 100 });
  const checks = checksOption(constraints.checks ?? ['manual']);
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
