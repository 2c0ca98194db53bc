import { parseOpportunity } from '../src/model/opportunity.ts';
import { parsePipeline } from '../src/model/pipeline.ts';
const OPEN = ['lead', 'qualify', 'proposal', 'negotiate', 'contract'];
const pipeline = parsePipeline({ id: 'direct', name: '直销', currency: 'CNY', stages: [...OPEN.map((id, s) => ({ id, name: `阶段 ${s + 1}`, kind: 'open', probability: String((s + 1) / 10), keyTasks: [{ id: `${id}-done`, title: '关键任务' }] })), { id: 'won', name: '赢单', kind: 'won', probability: 1 }, { id: 'lost', name: '输单', kind: 'lost', probability: 0 }] });
const iso = (ms: number) => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
const t0 = Date.UTC(2025, 0, 1);
const deal = (i: number) => ({ id: `opp-${i}`, customerId: 'c1', pipelineId: 'direct', name: `华东机械 ERP 项目 ${i}`, amount: { amount: '1234000.00', currency: 'CNY' }, expectedCloseDate: '2026-05-01', region: '华东', stageId: 'qualify', status: 'open', ownerId: 'rep-001',
  completedTasks: { 'lead-done': { at: iso(t0 + 1000), by: 'rep-001' } }, attributes: { industry: 'retail', projectType: 'large' },
  history: [{ type: 'created', at: iso(t0), by: 'rep-001', stageId: 'lead' }, { type: 'task_completed', at: iso(t0 + 1000), by: 'rep-001', taskId: 'lead-done' }, { type: 'stage_changed', at: iso(t0 + 2000), by: 'rep-001', from: 'lead', to: 'qualify', kind: 'advance' }, { type: 'close_date_changed', at: iso(t0 + 3000), by: 'rep-001', from: null, to: '2026-05-01' }, { type: 'amount_changed', at: iso(t0 + 4000), by: 'rep-001', from: { amount: '1000.00', currency: 'CNY' }, to: { amount: '1234000.00', currency: 'CNY' } }] });
const raw = JSON.parse(JSON.stringify(Array.from({ length: 20000 }, (_, i) => deal(i))));
for (let r = 0; r < 5; r++) for (const d of raw) parseOpportunity(d, { pipeline });
const keep = [];
const c0 = process.cpuUsage();
for (let r = 0; r < 20; r++) for (const d of raw) keep[0] = parseOpportunity(d, { pipeline });
const c = process.cpuUsage(c0);
console.log('cpu µs per deal:', ((c.user + c.system) / 400000).toFixed(2));
