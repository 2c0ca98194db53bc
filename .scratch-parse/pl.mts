import { safeParsePipeline } from '../src/model/pipeline.ts';
const p = { id: 'p', name: 'P', currency: 'CNY', stages: [{ id: 'a', name: 'A', kind: 'open', probability: '0.1' }, { id: 'w', name: 'W', kind: 'won', probability: 'garbage' }, { id: 'l', name: 'L', kind: 'lost', probability: '1e-9000000000000' }, { id: 'a', name: 'A', kind: 'open', probability: 2, keyTasks: [{ id: '', title: 'x' }] }] };
const r = safeParsePipeline(p);
console.log(r.success, r.error?.issues.map(i => `${(i as any).params?.code ?? i.code}@${i.path.join('.')}`));
