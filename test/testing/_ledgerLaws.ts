import { expect } from 'vitest';
import { parseOpportunity, serializeOpportunity, type Opportunity, type Pipeline } from '../../src/index.js';

/**
 * The laws every generated deal obeys, checked independently of the library's own
 * replay: events in time order with `seq` = position, no event after `asOf`, only
 * `won`/`lost` events close the deal, `stage_changed` only between open stages, a
 * closed deal returns only via `reopened`, and each current field equal to what the
 * last event that set it says. Then the deal survives serialize → JSON → parse, and
 * serializing it again gives the same JSON.
 */
export function expectLawfulDeal(o: Opportunity, pipeline: Pipeline, asOf?: Date): void {
  const kind = new Map(pipeline.stages.map((s) => [s.id as string, s.kind]));
  const h = o.history;
  expect(h[0]?.type).toBe('created');
  let stage = '';
  let status: Opportunity['status'] = 'open';
  let owner: string | undefined;
  let amount: string | undefined;
  let closeDate: string | null | undefined;
  let closedAt: number | undefined;
  const tasks = new Map<string, number>();
  h.forEach((e, i) => {
    expect(e.seq).toBe(i + 1);
    if (i > 0) expect(e.at.getTime()).toBeGreaterThanOrEqual(h[i - 1]!.at.getTime());
    if (asOf !== undefined) expect(e.at.getTime()).toBeLessThanOrEqual(asOf.getTime());
    if (status === 'won' || status === 'lost') expect(e.type).toBe('reopened');
    if (e.type === 'stage_changed' || e.type === 'won' || e.type === 'lost') expect(status).toBe('open');
    switch (e.type) {
      case 'created':
        expect(i).toBe(0);
        expect(kind.get(e.stageId)).toBe('open');
        stage = e.stageId;
        break;
      case 'stage_changed':
        expect(e.from).toBe(stage);
        expect(kind.get(e.to)).toBe('open');
        stage = e.to;
        break;
      case 'won':
      case 'lost':
        expect(kind.get(e.stageId)).toBe(e.type);
        stage = e.stageId;
        status = e.type;
        closedAt = e.at.getTime();
        break;
      case 'reopened':
        expect(kind.get(e.stageId)).toBe('open');
        stage = e.stageId;
        status = 'open';
        closedAt = undefined;
        break;
      case 'suspended':
        expect(status).toBe('open');
        status = 'suspended';
        break;
      case 'resumed':
        expect(status).toBe('suspended');
        status = 'open';
        break;
      case 'owner_changed':
        owner = e.to;
        break;
      case 'amount_changed':
        amount = `${e.to.amount.toFixed()} ${e.to.currency}`;
        break;
      case 'close_date_changed':
        closeDate = e.to;
        break;
      case 'task_completed':
        tasks.set(e.taskId, e.at.getTime());
        break;
      case 'task_reopened':
        tasks.delete(e.taskId);
        break;
      default:
        break;
    }
  });
  expect(o.stageId).toBe(stage);
  expect(o.status).toBe(status);
  expect(o.closedAt?.getTime()).toBe(closedAt);
  if (owner !== undefined) expect(o.ownerId).toBe(owner);
  if (amount !== undefined) expect(`${o.amount.amount.toFixed()} ${o.amount.currency}`).toBe(amount);
  if (closeDate !== undefined) expect(o.expectedCloseDate ?? null).toBe(closeDate);
  expect(new Map(Object.entries(o.completedTasks).map(([id, c]) => [id, c.at.getTime()]))).toEqual(tasks);
  const json = JSON.parse(JSON.stringify(serializeOpportunity(o)));
  const again = parseOpportunity(json, { pipeline });
  expect(again).toEqual(o);
  expect(serializeOpportunity(again)).toEqual(json);
}
