// Public exports of the planning area; re-exported by src/index.ts.
export {};
