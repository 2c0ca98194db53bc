import { because } from '../../i18n/because.js';
import { FunnelError } from '../../i18n/FunnelError.js';
import type { Reason } from '../../i18n/params.js';
import type { Pipeline } from '../../model/pipeline.js';

function bad(option: string, reason: Reason): never {
  throw new FunnelError('invalid_option', { option, reason });
}

/** A list of non-empty strings (non-empty itself unless `allowEmpty`). */
export function idListOption(value: unknown, option: string, allowEmpty = false): readonly string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.length === 0)) {
    return bad(option, because('string_list'));
  }
  if (!allowEmpty && value.length === 0) return bad(option, because('must_not_be_empty'));
  return value as readonly string[];
}

/** A non-empty string. */
export function textOption(value: unknown, option: string): string {
  if (typeof value !== 'string' || value.length === 0) return bad(option, because('must_be_non_empty_string'));
  return value;
}

/** Checks a pipeline can carry generated deals: at least one open, one won and one lost stage. */
export function pipelineOption(value: unknown): Pipeline {
  const stages = typeof value === 'object' && value !== null ? (value as Partial<Pipeline>).stages : undefined;
  if (!Array.isArray(stages)) return bad('pipeline', because('pipeline_required'));
  for (const kind of ['open', 'won', 'lost'] as const) {
    if (!stages.some((s) => s.kind === kind)) return bad('pipeline', because('pipeline_stage_kinds'));
  }
  return value as Pipeline;
}
