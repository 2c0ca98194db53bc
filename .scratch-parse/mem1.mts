import { Decimal } from '../src/money/decimal.ts';
const gc = (globalThis as any).gc;
function heap() { gc(); gc(); return process.memoryUsage().heapUsed; }
const N = 200000;
function measure(name: string, make: (i: number) => unknown) {
  const b = heap(); const arr = new Array(N); for (let i = 0; i < N; i++) arr[i] = make(i);
  const a = heap(); console.log(name.padEnd(40), ((a - b) / N - 4).toFixed(1), 'bytes'); return arr;
}
measure('Date', (i) => new Date(1.7e12 + i * 1000));
const isoText = JSON.stringify(Array.from({ length: N }, (_, i) => new Date(1.7e12 + i * 1000).toISOString().slice(0, 19) + '+08:00'));
let b = heap(); let held: any = JSON.parse(isoText); console.log('JSON.parse ISO string'.padEnd(40), ((heap() - b) / N - 4).toFixed(1)); held = null;
measure('Decimal("123456000.00")', (i) => new Decimal(String(100000 + i) + '000.00'));
const amtText = JSON.stringify(Array.from({ length: N }, (_, i) => ({ amount: String(100000 + i) + '000.00', currency: 'CNY' })));
b = heap(); held = JSON.parse(amtText); console.log('JSON.parse {amount,currency}'.padEnd(40), ((heap() - b) / N - 4).toFixed(1)); held = null;
measure('{amount: Decimal, currency}', (i) => ({ amount: new Decimal(String(100000 + i) + '000.00'), currency: 'CNY' }));
const stText = JSON.stringify(Array.from({ length: N }, (_, i) => ({ type: 'stage_changed', at: 'x', by: 'rep-001', from: 'lead', to: 'qualify', kind: 'advance' })));
b = heap(); held = JSON.parse(stText); console.log('JSON.parse event 6 short strs'.padEnd(40), ((heap() - b) / N - 4).toFixed(1)); held = null;
measure('literal 7 props', (i) => ({ type: 'stage_changed', seq: 1, at: 'x', by: 'rep-001', from: 'lead', to: 'qualify', kind: 'advance' }));
measure('incremental 7 props', (i) => { const o: any = { type: '', seq: i, at: 'x' }; o.by = 'r'; o.type = 's'; o.from = 'l'; o.to = 'q'; o.kind = 'a'; return o; });
measure('empty {} then 2 props', (i) => { const o: any = {}; o.a = 1; o.b = 2; return o; });
