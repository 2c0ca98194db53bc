import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { FunnelError } from '../../src/i18n/FunnelError.js';
import { formatMessage } from '../../src/i18n/formatMessage.js';
import { parseBook, safeParseBook } from '../../src/model/parseBook.js';
import { opportunityJson, pipelineJson } from '../fixtures/pipelineJson.js';

const customers = [
  { id: 'c1', name: '华东机械' },
  { id: 'c2', name: '华南电子' },
];
const otherPipeline = {
  ...pipelineJson,
  id: 'channel',
  stages: [
    { id: 'registered', name: '报备', kind: 'open', probability: '0.2' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
};
const deal = (id: string, fields: Record<string, unknown> = {}) => ({ ...opportunityJson, id, ...fields });

/** `code @ path` of every listed issue. */
const listed = (r: ReturnType<typeof safeParseBook>) => r.rejected.flatMap((x) => x.issues.map((i) => `${i.code} @ ${i.path?.join('.')}`));

describe('safeParseBook', () => {
  it('keeps every valid record of a whole export', () => {
    const r = safeParseBook({ pipelines: [pipelineJson, otherPipeline], customers, opportunities: [deal('o1'), deal('o2', { customerId: 'c2' })] });
    expect(r.success).toBe(true);
    expect([r.pipelines.length, r.customers.length, r.opportunities.length]).toEqual([2, 2, 2]);
    expect(r.opportunities[1]?.history.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect([r.rejected, r.rejectedCount, r.issueCount, r.truncated]).toEqual([[], 0, 0, false]);
  });

  it('flags a second record with the same id and keeps the first: a duplicated deal counts once', () => {
    const r = safeParseBook({
      pipelines: [pipelineJson, pipelineJson],
      customers: [...customers, { id: 'c1', name: 'again' }],
      opportunities: [deal('o1'), deal('o2'), deal('o1')],
    });
    expect(listed(r)).toEqual(['duplicate_id @ pipelines.1.id', 'duplicate_id @ customers.2.id', 'duplicate_id @ opportunities.2.id']);
    expect(r.rejected.map((x) => [x.collection, x.index, x.id])).toEqual([
      ['pipelines', 1, 'direct'],
      ['customers', 2, 'c1'],
      ['opportunities', 2, 'o1'],
    ]);
    expect(r.opportunities.map((o) => o.id)).toEqual(['o1', 'o2']);
    expect(r.rejected[2]?.issues[0]?.params).toEqual({ id: 'o1', first: 'opportunities.0' });
  });

  it('rejects deals whose customer or pipeline is missing', () => {
    const r = safeParseBook({ pipelines: [pipelineJson], customers, opportunities: [deal('o1', { customerId: 'c9' }), deal('o2', { pipelineId: 'p9' })] });
    expect(listed(r)).toEqual(['missing_customer @ opportunities.0.customerId', 'missing_pipeline @ opportunities.1.pipelineId']);
    expect(r.opportunities).toEqual([]);
    // a deal must belong to a customer: no customers at all, none belongs
    expect(listed(safeParseBook({ pipelines: [pipelineJson], opportunities: [deal('o1')] }))).toEqual(['missing_customer @ opportunities.0.customerId']);
  });

  it('checks each deal against its own pipeline: another pipeline’s stages are refused', () => {
    const r = safeParseBook({
      pipelines: [pipelineJson, otherPipeline],
      customers,
      opportunities: [deal('o1', { pipelineId: 'channel' }), deal('o2', { pipelineId: 'channel', stageId: 'registered', completedTasks: {}, history: [{ type: 'created', at: '2026-01-05T09:00:00+08:00', stageId: 'registered' }] })],
    });
    expect(listed(r)).toEqual([
      'stage_not_in_pipeline @ opportunities.0.stageId',
      'unknown_task @ opportunities.0.completedTasks.visit',
      'stage_not_in_pipeline @ opportunities.0.history.0.stageId',
      'unknown_task @ opportunities.0.history.1.taskId',
      'stage_not_in_pipeline @ opportunities.0.history.2.from',
      'stage_not_in_pipeline @ opportunities.0.history.2.to',
    ]);
    expect(r.opportunities.map((o) => o.id)).toEqual(['o2']);
  });

  it('gives every issue its path from the book’s root', () => {
    const opportunities = Array.from({ length: 45 }, (_, i) => deal(`o${i}`));
    opportunities[44] = deal('o44', { amount: { amount: 'lots', currency: 'CNY' } });
    const r = safeParseBook({ pipelines: [pipelineJson], customers, opportunities });
    expect(r.rejected.map((x) => x.path)).toEqual([['opportunities', 44]]);
    expect(listed(r)).toEqual(['invalid_amount @ opportunities.44.amount.amount']);
    expect(r.opportunities).toHaveLength(44);
  });

  it('reports unusable input instead of throwing', () => {
    expect(safeParseBook(null as never).rejected.map((x) => [x.collection, x.index, x.issues[0]?.code])).toEqual([['book', -1, 'invalid_schema']]);
    const r = safeParseBook({ pipelines: [pipelineJson], customers, opportunities: 'deals.csv' as never });
    expect(r.rejected.map((x) => [x.collection, x.index, x.issues[0]?.path])).toEqual([['opportunities', -1, ['opportunities']]]);
    expect(r.success).toBe(false);
  });

  it('caps the issues it keeps, so memory stays bounded, and counts the rest', () => {
    const empties = Array.from({ length: 20_000 }, () => ({}));
    const r = safeParseBook({ opportunities: empties }, { maxIssues: 100, maxIssuesPerRecord: 3 });
    expect(r.rejectedCount).toBe(20_000);
    // each empty deal lacks id, customerId, pipelineId, name, amount, stageId and ownerId
    expect(r.issueCount).toBe(20_000 * 7);
    expect(r.rejected.length).toBe(34); // 33 records × 3 issues, then one more with the last listed issue
    expect(r.rejected.reduce((n, x) => n + x.issues.length, 0)).toBe(100);
    expect(r.rejected[0]?.issueCount).toBe(7);
    expect(r.truncated).toBe(true);
  });

  it('writes messages in the requested locale', () => {
    const r = safeParseBook({ pipelines: [pipelineJson], customers, opportunities: [deal('o1', { customerId: 'c9' })] }, { locale: 'zh-CN' });
    expect(r.rejected[0]?.issues[0]?.message).toBe(formatMessage('missing_customer', { customerId: 'c9' }, 'zh-CN'));
    expect(r.rejected[0]?.issues[0]?.message).toContain('c9');
  });

  it('refuses bad options with invalid_option', () => {
    for (const options of [{ maxIssues: 0 }, { maxIssuesPerRecord: 1.5 }, { locale: 'fr' }, { allowEmptyHistory: 'yes' }]) {
      expect(() => safeParseBook({}, options as never)).toThrow(FunnelError);
    }
  });
});

describe('parseBook', () => {
  it('returns the records when all are valid', () => {
    const book = parseBook({ pipelines: [pipelineJson], customers, opportunities: [deal('o1')] });
    expect(book.opportunities.map((o) => o.id)).toEqual(['o1']);
    expect(Object.keys(book)).toEqual(['pipelines', 'customers', 'opportunities']);
  });

  it('throws a ZodError listing the issues with their paths otherwise', () => {
    try {
      parseBook({ pipelines: [pipelineJson], customers, opportunities: [deal('o1'), deal('o1')] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(z.ZodError);
      expect((e as z.ZodError).issues.map((i) => i.path.join('.'))).toEqual(['opportunities.1.id']);
    }
  });
});
