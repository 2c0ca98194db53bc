import fc from 'fast-check';
import { wireDealArb, wirePipeline } from '../test/model/_wireDeal.ts';
import { safeParseOpportunity } from '../src/model/opportunity.ts';
const counts = new Map<string, number>(); let ex: unknown;
for (const d of fc.sample(wireDealArb, 5000)) {
  const r = safeParseOpportunity(d, { pipeline: wirePipeline, allowEmptyHistory: true });
  if (!r.success) for (const i of r.error.issues) { const k = ((i as any).params?.code ?? i.code) + ' ' + i.path.filter(x => typeof x === 'string').join('.'); counts.set(k, (counts.get(k) ?? 0) + 1); ex ??= { d, issues: r.error.issues }; }
}
console.log(counts); console.log(JSON.stringify(ex)?.slice(0, 3000));
