// Runs extracted documentation code blocks one after another in this one process, so the
// library is loaded once rather than once per block (a tsx start plus the import of src
// costs about a second; the blocks themselves take milliseconds).
//
// Usage: node --import tsx test/docs/runBlocks.ts <results.jsonl> <block.ts>...
// For each block, appends one JSON line to the results file:
//   { "file", "ok", "error"?, "output" }
// A block fails when its module evaluation throws or rejects, when a promise it leaves
// behind rejects unhandled, or when it sets a non-zero `process.exitCode`. Its stdout and
// stderr are captured into `output` and never reach the terminal. A `{ "start": file }`
// line is written before each block, so a block that kills the process is identified.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

const [resultsFile, ...files] = process.argv.slice(2);
if (resultsFile === undefined) throw new Error('usage: runBlocks.ts <results.jsonl> <block.ts>...');
fs.writeFileSync(resultsFile, '');

let errors: unknown[] = [];
process.on('unhandledRejection', (reason) => errors.push(reason));
process.on('uncaughtException', (error) => errors.push(error));

const stdoutWrite = process.stdout.write.bind(process.stdout);
const stderrWrite = process.stderr.write.bind(process.stderr);

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? String(error)) : String(error);
}

for (const file of files) {
  fs.appendFileSync(resultsFile, `${JSON.stringify({ start: file })}\n`);
  let output = '';
  const capture = (chunk: string | Uint8Array): boolean => {
    output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  errors = [];
  process.exitCode = 0;
  try {
    await import(pathToFileURL(file).href);
    // Let promises and timers the block started settle before judging it.
    await new Promise((resolve) => setTimeout(resolve, 0));
  } catch (error) {
    errors.push(error);
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
  }
  const exitCode = Number(process.exitCode ?? 0);
  if (exitCode !== 0) errors.push(`the block set process.exitCode = ${exitCode}`);
  process.exitCode = 0;
  const result = { file, ok: errors.length === 0, output, ...(errors.length > 0 ? { error: errors.map(describe).join('\n') } : {}) };
  fs.appendFileSync(resultsFile, `${JSON.stringify(result)}\n`);
}
