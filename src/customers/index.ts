// Public exports of the customers area (the pool 公海, follow-up, qualification and
// classification); re-exported by src/index.ts.
// ---- exports: pool ----
// ---- exports: activity ----
// ---- exports: qualify ----
export {};
