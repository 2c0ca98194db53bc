// Public exports of the forecast area; re-exported by src/index.ts.
export {};
