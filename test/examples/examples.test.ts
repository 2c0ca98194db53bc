// Every runnable program in examples/ (found at collection time, so examples added later
// are picked up) is run with tsx in its own process, as a reader would run it
// (`npx tsx examples/<name>.ts`): it must exit with code 0 and print a readable result.
//
// Each example runs twice, with the machine's time zone set to UTC and to Pacific/Chatham
// (UTC+12:45 / +13:45 in summer, an offset no code path would get right by accident), and
// must print the same thing both times: the library promises results that never depend
// on the process time zone, and the examples exercise most of it end to end.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { mapWithLimit, repoRoot } from '../docs/support.js';

const dir = path.join(repoRoot, 'examples');
const examples = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).sort() : [];
const ZONES = ['UTC', 'Pacific/Chatham'] as const;

interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(file: string, tz: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: repoRoot,
      env: { ...process.env, TZ: tz, NODE_NO_WARNINGS: '1', FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', (e) => resolve({ code: null, signal: null, stdout, stderr: `${stderr}${String(e)}` }));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const results = new Map<string, Run>();

beforeAll(async () => {
  const jobs = examples.flatMap((name) => ZONES.map((tz) => ({ name, tz })));
  const runs = await mapWithLimit(jobs, 2, (j) => run(path.join(dir, j.name), j.tz));
  jobs.forEach((j, i) => results.set(`${j.name}@${j.tz}`, runs[i] as Run));
  // A hang guard, not a speed test: every run is killed after 120 s, two run at a time, so
  // this bound is only reached by a hang; a busy machine may well need more than 5 minutes.
}, Math.ceil((examples.length * ZONES.length) / 2) * 120_000);

describe('examples', () => {
  if (examples.length === 0) {
    it.todo('no examples yet');
    return;
  }

  it.each(examples)('%s exits 0 and prints a readable result', (name) => {
    const r = results.get(`${name}@UTC`) as Run;
    expect(r.code, `examples/${name} exited with ${r.code ?? r.signal}\n--- stderr ---\n${r.stderr}\n--- stdout ---\n${r.stdout}`).toBe(0);
    expect(r.stdout.trim().length, `examples/${name} printed nothing`).toBeGreaterThan(0);
    // Symptoms of a silently wrong number or a value printed without formatting.
    for (const symptom of ['NaN', 'undefined', '[object Object]', 'Invalid Date']) {
      expect(r.stdout.includes(symptom), `examples/${name} printed "${symptom}":\n${r.stdout}`).toBe(false);
    }
  });

  it.each(examples)('%s prints the same in every time zone', (name) => {
    const [first, ...others] = ZONES.map((tz) => results.get(`${name}@${tz}`) as Run);
    for (const [i, other] of others.entries()) {
      expect(other.code, `examples/${name} under TZ=${ZONES[i + 1]}:\n${other.stderr}`).toBe(first?.code);
      expect(other.stdout, `examples/${name}: output under TZ=${ZONES[i + 1]} differs from TZ=${ZONES[0]}`).toBe(first?.stdout);
    }
  });
});
