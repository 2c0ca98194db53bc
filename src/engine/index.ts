// Public exports of the engine area; re-exported by src/index.ts.
export {};
