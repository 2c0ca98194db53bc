import process from 'node:process';
import { nodeIo } from './nodeIo.js';
import { run } from './run.js';

// The `sales-funnel` executable: wires `run` to the real process. Everything else is in
// `run.ts`, which tests call in-process, and `nodeIo.ts`.

// A closed pipe (`sales-funnel sample | head`) is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
});

process.exitCode = run(process.argv.slice(2), nodeIo());
