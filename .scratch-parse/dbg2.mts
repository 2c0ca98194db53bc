import fc from 'fast-check';
import { nearArb, badValueArb, pathsOf, wireDealArb, withAt } from '../test/model/_wireDeal.ts';
let seqPaths = 0, total = 0, hits = 0, withSeq = 0;
const samples = fc.sample(wireDealArb.chain((deal) => fc.constantFrom(...pathsOf(deal)).chain((path) => { let o: any = deal; for (const k of path) o = o[k]; return fc.oneof(nearArb(o), nearArb(o), badValueArb).map((bad) => ({ path, bad })); })), 3000);
for (const { path, bad } of samples) { total++; if (path[path.length - 1] === 'seq') { seqPaths++; if (bad === 0) hits++; } }
const deals = fc.sample(wireDealArb, 300);
for (const d of deals) if (JSON.stringify(d).includes('"seq"')) withSeq++;
console.log({ total, seqPaths, hits, withSeq });
