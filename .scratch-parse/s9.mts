import * as lib from '../src/index.ts';
console.log(Object.keys(lib).length);
