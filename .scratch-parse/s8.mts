import { safeParseBook } from '../src/model/parseBook.ts';
const empties = Array.from({ length: 200000 }, () => ({}));
let t = performance.now();
const r2 = safeParseBook({ opportunities: empties });
console.log('200k empty:', (performance.now() - t).toFixed(0), 'ms');
