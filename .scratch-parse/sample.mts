import { buildSample } from '../src/cli/sample.ts';
import { safeParseOpportunity, serializeOpportunity } from '../src/model/opportunity.ts';
const s = buildSample();
const counts = new Map<string, number>();
let bad = 0;
for (const o of s.opportunities) {
  let json; try { json = serializeOpportunity(o); } catch (e) { counts.set('serialize: ' + String(e).slice(0, 80), (counts.get('serialize') ?? 0) + 1); continue; }
  const r = safeParseOpportunity(JSON.parse(JSON.stringify(json)), { pipeline: s.pipeline });
  if (!r.success) { bad++; for (const i of r.error.issues) { const k = ((i as any).params?.code ?? i.code) + ' @' + i.path.slice(0, 2).join('.'); counts.set(k, (counts.get(k) ?? 0) + 1); } }
}
console.log(s.opportunities.length, 'bad', bad, [...counts]);
