import fc from 'fast-check';
import { afterEach, beforeEach, vi } from 'vitest';

// Replays a property failure without editing the test: fast-check prints
// `{ seed: 1794753654, path: "2:1:0", endOnFailure: true }`; run
//   FC_SEED=1794753654 FC_PATH=2:1:0 npx vitest run <file> -t '<test name>'
// (see CONTRIBUTING.md). Property tests never pin a seed themselves.
const replaySeed = process.env['FC_SEED'];
if (replaySeed !== undefined && replaySeed !== '') {
  const replayPath = process.env['FC_PATH'];
  fc.configureGlobal({
    ...fc.readConfigureGlobal(),
    seed: Number(replaySeed),
    ...(replayPath !== undefined && replayPath !== '' ? { path: replayPath, endOnFailure: true } : {}),
  });
}

// Tests fail if they write to the console: output belongs in assertions, not logs.
const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
let spies: ReturnType<typeof vi.spyOn>[] = [];

beforeEach(() => {
  spies = methods.map((m) => vi.spyOn(console, m).mockImplementation(() => undefined));
});

afterEach(() => {
  const calls = spies.flatMap((s, i) => s.mock.calls.map((args: unknown[]) => `console.${methods[i]}: ${args.map(String).join(' ')}`));
  for (const s of spies) s.mockRestore();
  if (calls.length > 0) throw new Error(`Test wrote to the console:\n${calls.join('\n')}`);
});
