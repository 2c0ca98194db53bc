import { FunnelError } from '../../i18n/FunnelError.js';
import type { Pipeline } from '../../model/pipeline.js';

function bad(option: string, reason: string): never {
  throw new FunnelError('invalid_option', { option, reason });
}

/** A list of non-empty strings (non-empty itself unless `allowEmpty`). */
export function idListOption(value: unknown, option: string, allowEmpty = false): readonly string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.length === 0)) {
    return bad(option, 'must be a list of non-empty strings');
  }
  if (!allowEmpty && value.length === 0) return bad(option, 'must not be empty');
  return value as readonly string[];
}

/** A non-empty string. */
export function textOption(value: unknown, option: string): string {
  if (typeof value !== 'string' || value.length === 0) return bad(option, 'must be a non-empty string');
  return value;
}

/** Checks a pipeline can carry generated deals: at least one open, one won and one lost stage. */
export function pipelineOption(value: unknown): Pipeline {
  const stages = typeof value === 'object' && value !== null ? (value as Partial<Pipeline>).stages : undefined;
  if (!Array.isArray(stages)) return bad('pipeline', 'is required: a parsed Pipeline');
  for (const kind of ['open', 'won', 'lost'] as const) {
    if (!stages.some((s) => s.kind === kind)) return bad('pipeline', 'needs at least one open, one won and one lost stage');
  }
  return value as Pipeline;
}
