const gc = (globalThis as any).gc;
function heap() { gc(); gc(); return process.memoryUsage().heapUsed; }
const N = 200000;
const keep: any[] = [];
function m(name: string, f: () => unknown) { const b = heap(); const v = f(); keep.push(v); const a = heap(); console.log(name.padEnd(44), ((a - b) / N).toFixed(1)); }
const t1 = JSON.stringify(Array.from({ length: N }, () => ({ t: 'stage_changed' })));
const t2 = JSON.stringify(Array.from({ length: N }, (_, i) => ({ t: 'x' })));
const t3 = JSON.stringify(Array.from({ length: N }, (_, i) => ({ t: '2026-01-05T09:00:00+08:00' })));
const t4 = JSON.stringify(Array.from({ length: N }, (_, i) => ({ t: 'rep-001' })));
const t5 = JSON.stringify(Array.from({ length: N }, (_, i) => ({ t: 1 })));
m('JSON.parse {t:"stage_changed"}', () => JSON.parse(t1));
m('JSON.parse {t:"x"}', () => JSON.parse(t2));
m('JSON.parse {t: iso}', () => JSON.parse(t3));
m('JSON.parse {t:"rep-001"}', () => JSON.parse(t4));
m('JSON.parse {t:1}', () => JSON.parse(t5));
m('literal {t: const}', () => Array.from({ length: N }, () => ({ t: 'stage_changed' })));
