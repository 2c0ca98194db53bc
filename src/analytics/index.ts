// Public exports of the analytics area; re-exported by src/index.ts.
export {};
