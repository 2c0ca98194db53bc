import { safeParseBook } from '../src/model/parseBook.ts';
import { opportunityJson, pipelineJson } from '../test/fixtures/pipelineJson.ts';
const r = safeParseBook({ pipelines: [pipelineJson, pipelineJson], customers: [{ id: 'c1', name: 'A' }], opportunities: [opportunityJson, opportunityJson, { ...opportunityJson, id: 'o2', customerId: 'c9', amount: { amount: 'x', currency: 'CNY' } }, { ...opportunityJson, id: 'o3', pipelineId: 'zz' }] });
console.log(JSON.stringify(r.rejected.map(x => [x.path.join('.'), x.id, x.issues.map(i => `${i.code}@${i.path?.join('.')}: ${i.message}`)]), null, 1), r.opportunities.length, r.rejectedCount, r.issueCount);
console.log(safeParseBook(null as never).rejected);
let t = performance.now();
const empties = Array.from({ length: 200000 }, () => ({}));
const r2 = safeParseBook({ opportunities: empties });
console.log('200k empty:', (performance.now() - t).toFixed(0), 'ms', r2.rejectedCount, r2.issueCount, r2.rejected.length, r2.truncated);
