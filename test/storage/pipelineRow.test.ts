// pipelineToRow, pipelineFromRow and safePipelineFromRow.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FunnelError } from '../../src/i18n/FunnelError.js';
import { parsePipeline, serializePipeline } from '../../src/model/pipeline.js';
import { pipelineFromRow, pipelineToRow, safePipelineFromRow, type PipelineRowInput } from '../../src/model/rows/index.js';
import { toFunnelIssues } from '../../src/model/toFunnelIssues.js';
import { pipelineArb } from '../../src/testing/index.js';
import { smallBook } from './_support.js';

describe('pipelineToRow', () => {
  it('writes the id and the whole wire form as one JSON document', () => {
    const { pipeline } = smallBook();
    const row = pipelineToRow(pipeline);
    expect(row.id).toBe('direct');
    expect(JSON.parse(row.document)).toEqual(serializePipeline(pipeline));
    expect(JSON.parse(row.document).stages[1].probability).toBe('0.3');
  });

  it('is read back by pipelineFromRow into an equal pipeline, from text or a parsed jsonb value', () => {
    fc.assert(
      fc.property(pipelineArb(), (pipeline) => {
        const row = pipelineToRow(pipeline);
        expect(pipelineFromRow(row)).toEqual(pipeline);
        expect(pipelineFromRow({ id: row.id, document: JSON.parse(row.document) as object })).toEqual(pipeline);
      }),
      { numRuns: 50 },
    );
  });

  it('round-trips the loss reasons and the reopen and resume policies', () => {
    const json = serializePipeline(smallBook().pipeline);
    const pipeline = parsePipeline({ ...json, lossReasons: ['价格过高', '功能不符'], policy: { ...json.policy, reopen: 'forbid', resumeGuard: 'budgetUnfrozen' } });
    const row = pipelineToRow(pipeline);
    expect(JSON.parse(row.document)).toMatchObject({ lossReasons: ['价格过高', '功能不符'], policy: { reopen: 'forbid', resumeGuard: 'budgetUnfrozen' } });
    expect(pipelineFromRow(row)).toEqual(pipeline);
    expect(pipelineFromRow({ id: row.id, document: JSON.parse(row.document) as object })).toEqual(pipeline);
  });
});

describe('pipelineFromRow', () => {
  const issuesOf = (row: PipelineRowInput) => {
    const r = safePipelineFromRow(row);
    return r.success ? [] : toFunnelIssues(r.error).map((i) => [i.code, (i.path ?? []).join('.')]);
  };

  it('refuses a row whose id is not the document id, and a document that is no JSON object', () => {
    const { id, document } = pipelineToRow(smallBook().pipeline);
    expect(issuesOf({ id: 'other', document })).toEqual([['invalid_schema', 'id']]);
    // A document whose id has no string form ({"toString": 0} from JSON), or such a row id.
    expect(issuesOf({ id, document: '{"id":{"toString":0}}' })).toEqual([['invalid_schema', 'id']]);
    expect(issuesOf({ id: { toString: 0 } as never, document })).toEqual([['invalid_schema', 'id']]);
    expect(issuesOf({ id, document: '[]' })).toEqual([['invalid_schema', 'document']]);
    expect(issuesOf({ id, document: '{"id":' })).toEqual([['invalid_schema', 'document']]);
  });

  it('reports what the pipeline schema refuses, with paths into the document', () => {
    const doc = JSON.parse(pipelineToRow(smallBook().pipeline).document) as { stages: { kind: string }[] };
    doc.stages = doc.stages.filter((s) => s.kind !== 'won');
    expect(issuesOf({ id: 'direct', document: doc })).toEqual([['no_won_stage', 'stages']]);
  });

  it('throws the ZodError, and invalid_argument for a row that is no object', () => {
    expect(() => pipelineFromRow({ id: 'direct', document: '{}' })).toThrow();
    expect(() => pipelineFromRow('direct' as unknown as PipelineRowInput)).toThrow(FunnelError);
  });
});
