import { opportunitySchema } from '../src/model/opportunity.ts';
let t = performance.now();
for (let i = 0; i < 100000; i++) opportunitySchema._zod.run({ value: {}, issues: [] }, {});
console.log('run opp {} 100k:', (performance.now() - t).toFixed(0));
t = performance.now();
for (let i = 0; i < 100000; i++) opportunitySchema.safeParse({});
console.log('safeParse opp {} 100k:', (performance.now() - t).toFixed(0));
