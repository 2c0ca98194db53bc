// Memory of DealColumns (issue "Big books on one machine": columns of 1 M deals with 5
// events each in at most 100 MB).
//
//   npx tsx --expose-gc bench/columnsMemory.ts                 (1 000 000 deals, ~5.5 events each)
//   BENCH_SCALE=0.01 npx tsx --expose-gc bench/columnsMemory.ts  (smoke run: 10 000 deals)
//
// The seeded book of bench/_bookGen.ts (deal i a pure function of the seed and i: 50
// owners, 4 regions, 10 % split deals, 20 % probability overrides, close-date changes,
// losses) is generated one deal at a time and turned into columns by `dealColumns` (the
// deals are never all in memory), then measured two ways:
//   1. the columns' own bytes: every typed array's byteLength, plus an estimate of the
//      rest (ids and dictionary strings, the Maps and the objects they hold);
//   2. the heap delta: heapUsed + arrayBuffers after a full GC, minus the same before
//      (bench/run.ts runs node with --expose-gc; without it the delta is only indicative).
// Both are printed against the target; the figures are printed, never asserted. The
// same book is then built from its storage rows (`dealColumnsFromRows`, in chunks of
// 50 000 deals) to time that path against `dealColumns`.
import { dealColumns, dealColumnsFromRows, opportunityToRows, type DealColumns } from '../src/index.js';
import { makeDeal, pipeline } from './_bookGen.js';

const scale = Number(process.env.BENCH_SCALE ?? '1');
if (!(scale > 0)) throw new Error('BENCH_SCALE must be > 0');
const N = Math.max(1000, Math.round(1_000_000 * scale));
const TARGET = 100 * 2 ** 20 * (N / 1_000_000);
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

/** The columns' bytes: typed arrays exactly; strings, Maps and the objects they hold estimated. */
function columnBytes(c: DealColumns): { typed: number; strings: number; maps: number; objects: number } {
  let typed = 0;
  const add = (a: ArrayBufferView | undefined) => {
    if (a !== undefined) typed += a.byteLength;
  };
  for (const a of [c.customer, c.owner, c.stage, c.status, c.currency, c.amountMinor, c.closeDay, c.closedAt, c.region, c.probabilityOverride, c.forecastCategoryOverride, c.lossReason, c.competitor, c.projectType]) add(a);
  for (const a of [c.events.start, c.events.type, c.events.stage, c.events.at]) add(a);
  let strings = c.ids.length * OBJECT_SLOT;
  for (const id of c.ids) strings += stringBytes(id);
  for (const dict of [c.customerIds, c.ownerIds, c.regions, c.lossReasons, c.competitors, c.projectTypes]) for (const s of dict) strings += OBJECT_SLOT + stringBytes(s);
  const maps = (c.amountExact.size + c.splits.size + c.events.fieldEvents.size + c.events.impliedStage.size) * MAP_ENTRY;
  // The objects the Maps hold: a kept event is an object of ~6 fields (plus a Date, and a
  // field's own values); a split list an array of 2–3 small objects; a Decimal ~80 bytes.
  let objects = c.amountExact.size * 80;
  for (const s of c.splits.values()) objects += 32 + s.length * (OBJECT_SLOT + 40);
  objects += c.events.fieldEvents.size * (64 + 48 + 32);
  return { typed, strings, maps, objects };
}

const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MB`;
if (gc === undefined) process.stdout.write('(no --expose-gc: the heap delta is only indicative)\n');

const before = settle();
const t0 = performance.now();
let columns: DealColumns | undefined = dealColumns(deals(0, N), pipeline);
const built = performance.now() - t0;
const delta = settle() - before;
const bytes = columnBytes(columns);
const events = columns.events.type.length;
const estimate = bytes.typed + bytes.strings + bytes.maps + bytes.objects;
process.stdout.write(
  `DealColumns of ${N.toLocaleString('en-US')} deals, ${events.toLocaleString('en-US')} events (${(events / N).toFixed(2)} per deal), built by dealColumns in ${(built / 1000).toFixed(2)} s\n` +
    `  typed arrays            ${mb(bytes.typed).padStart(10)}\n` +
    `  ids and dictionaries    ${mb(bytes.strings).padStart(10)}  (estimate)\n` +
    `  Maps (${(columns.amountExact.size + columns.splits.size + columns.events.fieldEvents.size + columns.events.impliedStage.size).toLocaleString('en-US')} entries)${' '.repeat(3)}${mb(bytes.maps).padStart(10)}  (estimate)\n` +
    `  objects in the Maps     ${mb(bytes.objects).padStart(10)}  (estimate: ${columns.events.fieldEvents.size.toLocaleString('en-US')} kept events, ${columns.splits.size.toLocaleString('en-US')} split lists, ${columns.amountExact.size} exact amounts)\n` +
    `  estimated total         ${mb(estimate).padStart(10)}\n` +
    `  measured heap delta     ${mb(delta).padStart(10)}  (heapUsed + arrayBuffers after GC)\n` +
    `  target                  ${mb(TARGET).padStart(10)}  → ${delta <= TARGET ? 'within' : 'OVER'} (${((delta / TARGET) * 100).toFixed(0)} % of it)\n`,
);
columns = undefined;

// The same book from its storage rows, in chunks of 50 000 deals: time against dealColumns.
const CHUNK = 50_000;
let fromRows = 0;
let fromObjects = 0;
let read = 0;
for (let from = 0; from < N; from += CHUNK) {
  const to = Math.min(N, from + CHUNK);
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
}
process.stdout.write(
  `From storage rows (${read.toLocaleString('en-US')} deals in chunks of ${CHUNK.toLocaleString('en-US')}): dealColumnsFromRows ${(fromRows / 1000).toFixed(2)} s, ` +
    `dealColumns of the parsed deals ${(fromObjects / 1000).toFixed(2)} s (ratio ${(fromRows / fromObjects).toFixed(2)}; reading rows checks every value)\n`,
);
