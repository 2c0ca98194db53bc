// Memory of DealColumns (issue "Big books on one machine": columns of 1 M deals with 5
// events each in at most 100 MB).
//
//   npx tsx --expose-gc bench/columnsMemory.ts                 (1 000 000 deals, ~4.4 events each)
//   BENCH_SCALE=0.01 npx tsx --expose-gc bench/columnsMemory.ts  (smoke run: 10 000 deals)
//
// The seeded book of bench/_bookGen.ts (deal i a pure function of the seed and i: 50
// owners, 4 regions, 10 % split deals, 20 % probability overrides, close-date changes,
// losses) is generated one deal at a time and turned into columns by `dealColumns` (the
// deals are never all in memory), then measured two ways:
//   1. the columns' own bytes: every typed array's byteLength (the packed ids included),
//      plus an estimate of the rest (dictionary strings, the few Map entries);
//   2. the heap delta: heapUsed + arrayBuffers after a full GC, minus the same before
//      (bench/run.ts runs node with --expose-gc; without it the delta is only indicative).
// The same book is then built from its storage rows (`dealColumnsFromRows`, in chunks of
// 100 000 deals, every chunk kept: the rows are dropped) and measured by its heap delta,
// and both paths are timed. The target scales with the number of events: 100 MB for
// 1 M deals with 5 events each, less 10 bytes (an event's type, stage and time) for
// every event short of 5 a deal. The figures are printed, never asserted.
import { dealColumns, dealColumnsFromRows, opportunityToRows, type DealColumns } from '../src/index.js';
import { makeDeal, pipeline } from './_bookGen.js';

const scale = Number(process.env.BENCH_SCALE ?? '1');
if (!(scale > 0)) throw new Error('BENCH_SCALE must be > 0');
const N = Math.max(1000, Math.round(1_000_000 * scale));
const gc = (globalThis as { gc?: () => void }).gc;

function settle(): number {
  if (gc !== undefined) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function* deals(from: number, to: number) {
  for (let i = from; i < to; i++) yield makeDeal(i);
}

/** A V8 string's size, roughly: a 16-byte header and its characters (1 byte each when Latin-1, else 2), to 8 bytes. */
function latin1(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}
const stringBytes = (s: string) => 16 + Math.ceil((latin1(s) ? s.length : 2 * s.length) / 8) * 8;
const MAP_ENTRY = 40; // a Map entry (key, value, chain) with the hash table's spare room
const OBJECT_SLOT = 8;

/** The columns' bytes: typed arrays exactly; dictionary strings, Maps and the objects they hold estimated. */
function columnBytes(c: DealColumns): { typed: number; ids: number; events: number; values: number; strings: number; maps: number } {
  let typed = 0;
  const size = (a: ArrayBufferView | undefined) => (a === undefined ? 0 : a.byteLength);
  for (const a of [c.customer, c.owner, c.stage, c.status, c.currency, c.amountMinor, c.closeDay, c.closedAt, c.region, c.probabilityOverride, c.forecastCategoryOverride, c.lossReason, c.competitor, c.projectType, c.split]) typed += size(a);
  const packed = c.ids as unknown as { chars: ArrayBufferView; offsets: ArrayBufferView };
  const ids = size(packed.chars) + size(packed.offsets);
  const ev = c.events;
  const events = size(ev.start) + size(ev.type) + size(ev.stage) + size(ev.at);
  const v = ev.values;
  const values = size(v.event) + size(v.from) + size(v.to) + size(v.amountMinor) + size(v.amountCurrency);
  let strings = 0;
  for (const dict of [c.customerIds, c.ownerIds, c.regions, c.lossReasons, c.competitors, c.projectTypes]) for (const s of dict) strings += OBJECT_SLOT + stringBytes(s);
  // A split list: an array of 2–3 small objects; a Decimal ~80 bytes.
  let maps = (c.amountExact.size + v.amountExact.size) * (MAP_ENTRY + 80);
  for (const s of c.splitLists) maps += 32 + s.length * (OBJECT_SLOT + 40);
  return { typed, ids, events, values, strings, maps };
}

/** The target for `n` deals with `events` events in all: 100 MB per 1 M deals with 5 events each, 10 bytes less per missing event. */
const targetOf = (n: number, events: number) => 100e6 * (n / 1_000_000) - 10 * (5 * n - events);

/** Megabytes of 10⁶ bytes, the unit of the target. */
const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
if (gc === undefined) process.stdout.write('(no --expose-gc: the heap delta is only indicative)\n');

// Warm-up: both paths over a small book first, so that the code they compile (which the
// heap holds too) is not counted as the columns'.
{
  const small = [...deals(0, 2000)];
  const rows = small.map((d) => opportunityToRows(d));
  dealColumns(small, pipeline);
  dealColumnsFromRows(rows.map((r) => r.opportunity), rows.flatMap((r) => r.events), pipeline);
}
const before = settle();
const t0 = performance.now();
let columns: DealColumns | undefined = dealColumns(deals(0, N), pipeline);
const built = performance.now() - t0;
const delta = settle() - before;
const bytes = columnBytes(columns);
const events = columns.events.type.length;
const TARGET = targetOf(N, events);
const estimate = bytes.typed + bytes.ids + bytes.events + bytes.values + bytes.strings + bytes.maps;
process.stdout.write(
  `DealColumns of ${N.toLocaleString('en-US')} deals, ${events.toLocaleString('en-US')} events (${(events / N).toFixed(2)} per deal), built by dealColumns in ${(built / 1000).toFixed(2)} s (deals generated on the way)\n` +
    `  per-deal typed arrays   ${mb(bytes.typed).padStart(10)}\n` +
    `  packed ids              ${mb(bytes.ids).padStart(10)}\n` +
    `  event columns           ${mb(bytes.events).padStart(10)}\n` +
    `  noted event values      ${mb(bytes.values).padStart(10)}  (${columns.events.values.event.length.toLocaleString('en-US')} noted events)\n` +
    `  dictionaries            ${mb(bytes.strings).padStart(10)}  (estimate)\n` +
    `  split lists, exact      ${mb(bytes.maps).padStart(10)}  (estimate: ${columns.splitLists.length} split lists, ${columns.amountExact.size + columns.events.values.amountExact.size} exact amounts)\n` +
    `  estimated total         ${mb(estimate).padStart(10)}\n` +
    `  measured heap delta     ${mb(delta).padStart(10)}  (heapUsed + arrayBuffers after GC)\n` +
    `  target                  ${mb(TARGET).padStart(10)}  → ${delta <= TARGET ? 'within' : 'OVER'} (${((delta / TARGET) * 100).toFixed(0)} % of it; 100 MB per 1 M deals with 5 events, 10 bytes less per missing event)\n` +
    `  per deal                ${(delta / N).toFixed(1).padStart(7)} B; with 5 events a deal: ~${((delta + 10 * (5 * N - events)) / N).toFixed(1)} B (${mb(((delta + 10 * (5 * N - events)) / N) * 1_000_000)} per 1 M deals)\n`,
);
columns = undefined;

// The same book from its storage rows, in chunks of 100 000 deals (every chunk of columns
// kept, the rows dropped): the heap the columns keep, and the time against dealColumns.
const CHUNK = 100_000;
let fromRows = 0;
let fromObjects = 0;
let read = 0;
const kept: DealColumns[] = [];
/** Chunk `from`–`to` from its rows (kept) and from its deals (timed, dropped); in a function, so that nothing of it outlives the call. */
function readChunk(from: number, to: number): void {
  const chunk = [...deals(from, to)];
  const rows = chunk.map((d) => opportunityToRows(d));
  const headers = rows.map((r) => r.opportunity);
  const eventRows = rows.flatMap((r) => r.events);
  let t = performance.now();
  const a = dealColumnsFromRows(headers, eventRows, pipeline);
  fromRows += performance.now() - t;
  t = performance.now();
  const b = dealColumns(chunk, pipeline);
  fromObjects += performance.now() - t;
  if (a.length !== b.length || a.events.type.length !== b.events.type.length) throw new Error('the two paths disagree');
  read += a.length;
  kept.push(a);
}
const beforeRows = settle();
for (let from = 0; from < N; from += CHUNK) readChunk(from, Math.min(N, from + CHUNK));
const rowsDelta = settle() - beforeRows;
const rowEvents = kept.reduce((s, c) => s + c.events.type.length, 0);
process.stdout.write(
  `From storage rows (${read.toLocaleString('en-US')} deals in chunks of ${CHUNK.toLocaleString('en-US')}, every chunk kept, each with its own dictionaries): heap delta ${mb(rowsDelta)} against a target of ${mb(targetOf(read, rowEvents))} → ${rowsDelta <= targetOf(read, rowEvents) ? 'within' : 'OVER'}; ` +
    `with 5 events a deal ~${mb(((rowsDelta + 10 * (5 * read - rowEvents)) / read) * 1_000_000)} per 1 M deals\n` +
    `  time: dealColumnsFromRows ${(fromRows / 1000).toFixed(2)} s, dealColumns of the parsed deals ${(fromObjects / 1000).toFixed(2)} s ` +
    `(${((fromObjects / read) * 1000).toFixed(1)} s per 1 M deals; ratio ${(fromRows / fromObjects).toFixed(2)}: reading rows checks every value)\n`,
);
if (kept.length < 0) throw new Error('unreachable');
