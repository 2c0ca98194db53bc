import * as z from 'zod';
const simple = z.object({ a: z.string(), b: z.string(), c: z.string(), d: z.string(), e: z.string(), f: z.string(), g: z.string() });
let t = performance.now();
for (let i = 0; i < 100000; i++) simple._zod.run({ value: {}, issues: [] }, {});
console.log('run simple {} 100k:', (performance.now() - t).toFixed(0));
