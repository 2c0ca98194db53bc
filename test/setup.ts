import { afterEach, beforeEach, vi } from 'vitest';

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
