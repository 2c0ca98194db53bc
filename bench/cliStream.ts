// Memory of `sales-funnel report` on table files (issue "Big books on one machine", the
// CLI on big books): N deals of the seeded big book (bench/_bookGen.ts, about 5 ledger
// events each) written as deals.csv + events.csv (the row codecs' columns) and, for
// comparison, as one JSON file; then each form is read, and reported, in a child process
// of its own, which prints its time and peak resident memory (`maxRSS`).
//
//   npx tsx bench/cliStream.ts                     (full size: 100 000 deals)
//   BENCH_SCALE=0.01 npx tsx bench/cliStream.ts    (smoke run: 1 000 deals, seconds)
//
// Children: `read` loads the input only (the CLI's reading: a JSON file parsed whole, or
// the CSV files streamed row by row through the row codecs), then prints the heap it keeps
// after a full GC; `report` runs the whole command (`run` with the real file system,
// `--format json`, output discarded). The CSV
// files are written row by row and the JSON file deal by deal, so the parent's memory
// does not grow with N. Nothing is asserted: the figures are printed.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readReportInput } from '../src/cli/input.js';
import { nodeIo } from '../src/cli/nodeIo.js';
import { Progress } from '../src/cli/progress.js';
import { run } from '../src/cli/run.js';
import { readTableInput } from '../src/cli/tabular.js';
import { opportunityToRows, serializeOpportunity, serializePipeline } from '../src/index.js';
import { AS_OF, makeDeal, pipeline } from './_bookGen.js';

const scale = Number(process.env.BENCH_SCALE ?? '1');
if (!(scale > 0)) throw new Error('BENCH_SCALE must be > 0');
const N = Math.max(1000, Math.round(100_000 * scale));
const out = (line: string) => process.stdout.write(`${line}\n`);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

const DEAL_COLUMNS = [
  'id',
  'customer_id',
  'pipeline_id',
  'name',
  'amount',
  'currency',
  'expected_close_date',
  'region',
  'stage_id',
  'status',
  'probability_override',
  'forecast_category_override',
  'owner_id',
  'splits',
  'completed_tasks',
  'closed_at',
  'loss_reason',
  'competitor',
  'attributes',
  'version',
  'source',
] as const;
const EVENT_COLUMNS = ['opportunity_id', 'seq', 'type', 'at', 'by', 'id', 'payload'] as const;

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvRow = (row: Readonly<Record<string, unknown>>, columns: readonly string[]) => `${columns.map((c) => csvField(row[c])).join(',')}\r\n`;

/** A file written in pieces. */
function writer(path: string): { readonly write: (text: string) => void; readonly close: () => void } {
  const fd = openSync(path, 'w');
  let buffered: string[] = [];
  let size = 0;
  const flush = () => {
    writeSync(fd, buffered.join(''));
    buffered = [];
    size = 0;
  };
  return {
    write: (text) => {
      buffered.push(text);
      size += text.length;
      if (size > 1 << 20) flush();
    },
    close: () => {
      flush();
      closeSync(fd);
    },
  };
}

/** Writes the book as deals.csv, events.csv, pipeline.json and book.json under `dir`. */
function writeBook(dir: string): void {
  const deals = writer(join(dir, 'deals.csv'));
  const events = writer(join(dir, 'events.csv'));
  const book = writer(join(dir, 'book.json'));
  const settings = { asOf: AS_OF.toISOString(), pipeline: serializePipeline(pipeline) };
  const p = writer(join(dir, 'pipeline.json'));
  p.write(JSON.stringify(settings));
  p.close();
  deals.write(`${DEAL_COLUMNS.join(',')}\r\n`);
  events.write(`${EVENT_COLUMNS.join(',')}\r\n`);
  book.write(`${JSON.stringify(settings).slice(0, -1)},"opportunities":[`);
  for (let i = 0; i < N; i++) {
    const deal = makeDeal(i);
    const rows = opportunityToRows(deal);
    deals.write(csvRow(rows.opportunity, DEAL_COLUMNS));
    for (const e of rows.events) events.write(csvRow(e, EVENT_COLUMNS));
    book.write(`${i === 0 ? '' : ','}${JSON.stringify(serializeOpportunity(deal))}`);
  }
  book.write(']}');
  for (const w of [deals, events, book]) w.close();
}

// ---------------------------------------------------------------------------------------
// Child mode: read (or report on) one form of the book, print time and peak memory.
const child = process.argv.indexOf('--child');
if (child >= 0) {
  const [what, form, dir] = process.argv.slice(child + 1) as [string, string, string];
  const io = { ...nodeIo(), stdout: () => undefined, stderr: () => undefined };
  const t0 = performance.now();
  let deals = 0;
  let code = 0;
  let kept: unknown;
  if (what === 'idle') {
    // the modules loaded, nothing read: the baseline
  } else if (what === 'read' && form === 'json') {
    const r = readReportInput(JSON.parse(io.readFile(join(dir, 'book.json'))), 'en');
    deals = r.ok ? r.reading.input.opportunities.length : -1;
    kept = r;
  } else if (what === 'read') {
    const files = { deals: join(dir, 'deals.csv'), events: join(dir, 'events.csv'), pipeline: join(dir, 'pipeline.json') };
    const r = readTableInput(files, io as Required<typeof io>, 'en', new Progress(io.stderr, 'en', { enabled: false }));
    deals = r.input.opportunities.length;
    kept = r;
  } else {
    const input = form === 'json' ? [join(dir, 'book.json')] : ['--deals', join(dir, 'deals.csv'), '--events', join(dir, 'events.csv'), '--pipeline', join(dir, 'pipeline.json')];
    code = run(['report', ...input, '--format', 'json', '--tz', 'UTC'], io);
  }
  const ms = performance.now() - t0;
  const maxRss = process.resourceUsage().maxRSS * 1024;
  (globalThis as { gc?: () => void }).gc?.();
  const heap = process.memoryUsage().heapUsed; // what the reading keeps (`kept`), after a full GC
  process.stdout.write(JSON.stringify({ ms, maxRss, heap, deals, code, kept: kept === undefined ? 0 : 1 }));
  process.exit(0);
}

// ---------------------------------------------------------------------------------------
// Parent: write the files, run the children, print the table.
const dir = mkdtempSync(join(tmpdir(), 'sales-funnel-cli-stream-'));
try {
  const t0 = performance.now();
  writeBook(dir);
  const size = (f: string) => statSync(join(dir, f)).size;
  out(`sales-funnel report on table files — ${N.toLocaleString('en-US')} deals (BENCH_SCALE=${process.env.BENCH_SCALE ?? '1'}), Node ${process.version}`);
  out(
    `files: deals.csv ${mb(size('deals.csv'))}, events.csv ${mb(size('events.csv'))}; book.json ${mb(size('book.json'))} (written in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  const self = fileURLToPath(import.meta.url);
  const measure = (what: string, form: string) => {
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--child', what, form, dir], { encoding: 'utf8', env: process.env, maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`child ${what} ${form} failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as { ms: number; maxRss: number; heap: number; deals: number; code: number };
  };
  const idle = measure('idle', '-');
  const rows: string[][] = [['idle', '(modules loaded, nothing read)', '', mb(idle.maxRss), '', '', mb(idle.heap), '']];
  for (const what of ['read', 'report'] as const) {
    for (const form of ['json', 'csv'] as const) {
      const m = measure(what, form);
      const above = m.maxRss - idle.maxRss;
      rows.push([
        what,
        form === 'json' ? 'book.json (parsed whole)' : 'deals.csv + events.csv (streamed)',
        `${(m.ms / 1000).toFixed(2)} s`,
        mb(m.maxRss),
        mb(above),
        `${Math.round(above / N).toLocaleString('en-US')} B`,
        what === 'read' ? mb(m.heap) : '',
        what === 'read' ? `${m.deals} deals` : `exit ${m.code}`,
      ]);
    }
  }
  const head = ['step', 'input', 'time', 'peak RSS', 'above idle', 'per deal', 'heap kept', 'result'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  out(line(head));
  out(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) out(line(r));
  out('Peak RSS is the whole process (Node.js, tsx and the loaded modules); "above idle" subtracts the idle child\'s;');
  out('"heap kept" is the heap after a full GC with the reading still held (the parsed deals and the list of problems).');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
