import { fastOpportunity } from '../src/model/_lib/fastOpportunity.ts';
import { opportunityObject } from '../src/model/opportunityShape.ts';
const d = { id: 'o', customerId: 'c', pipelineId: 'p', name: 'n', amount: { amount: '1', currency: 'CNY' }, stageId: 'lead', ownerId: 'u', history: [{ type: 'created', seq: 0, at: '2026-01-01T00:00:00Z', stageId: 'lead' }] };
console.log(fastOpportunity(d, undefined)?.history, opportunityObject.safeParse(d).success);
