import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { memoryIo } from './_io.js';

// A hand-made file whose quarters depend on the wall clock:
// - d-berlin is won at 2026-06-30T22:30:00Z: 1 July 00:30 in Berlin (summer time, Q3),
//   still 30 June in UTC and at a fixed UTC+01:00 (Q2);
// - d-shanghai is won at 2026-04-01T07:30:00+08:00 = 2026-03-31T23:30:00Z: Q2 in Shanghai
//   (and in Berlin, 01:30 on 1 April), Q1 in UTC;
// - d-open is open, expected to close on 2026-06-30.
const pipeline = {
  id: 'p',
  name: 'Direct',
  currency: 'CNY',
  stages: [
    { id: 'lead', name: 'Lead', kind: 'open', probability: '0.5' },
    { id: 'won', name: 'Won', kind: 'won', probability: 1 },
    { id: 'lost', name: 'Lost', kind: 'lost', probability: 0 },
  ],
};
const deal = (id: string, amount: string, rest: Record<string, unknown>) => ({
  id,
  customerId: 'c-1',
  pipelineId: 'p',
  name: id,
  amount: { amount, currency: 'CNY' },
  ownerId: 'rep-li',
  ...rest,
});
const won = (id: string, amount: string, created: string, at: string) =>
  deal(id, amount, {
    stageId: 'won',
    status: 'won',
    closedAt: at,
    history: [
      { type: 'created', at: created, stageId: 'lead' },
      { type: 'won', at, stageId: 'won' },
    ],
  });
const FILE = JSON.stringify({
  pipeline,
  customers: [{ id: 'c-1', name: 'Customer' }],
  opportunities: [
    won('d-berlin', '100', '2026-05-01T08:00:00Z', '2026-06-30T22:30:00Z'),
    won('d-shanghai', '200', '2026-03-01T08:00:00Z', '2026-04-01T07:30:00+08:00'),
    deal('d-open', '1000', { stageId: 'lead', expectedCloseDate: '2026-06-30', history: [{ type: 'created', at: '2026-05-02T08:00:00Z', stageId: 'lead' }] }),
  ],
});

interface ForecastRow {
  readonly period: string;
  readonly past: boolean;
  readonly won: { readonly amount: string };
  readonly open: { readonly amount: string };
}

function report(args: string[], environmentZone = 'UTC'): { json: Record<string, unknown> & { forecast: { rows: ForecastRow[]; currentQuarter: string } }; text: string } {
  const io = memoryIo({ 'deals.json': FILE }, environmentZone);
  expect(run(['report', 'deals.json', '--format', 'json', ...args], io), io.err()).toBe(0);
  const text = memoryIo({ 'deals.json': FILE }, environmentZone);
  expect(run(['report', 'deals.json', ...args], text), text.err()).toBe(0);
  return { json: JSON.parse(io.out()), text: text.out() };
}

/** The won amount per quarter, e.g. `{ '2026-Q2': '200', '2026-Q3': '100' }`. */
function wonByQuarter(rows: readonly ForecastRow[]): Record<string, string> {
  return Object.fromEntries(rows.filter((r) => r.won.amount !== '0').map((r) => [r.period, r.won.amount]));
}

describe('report --tz: dates, quarters and "today" on the wall clock of the zone', () => {
  it('reads --as-of DATE as midnight of that day in the zone', () => {
    expect(report(['--as-of', '2026-07-02', '--tz', 'Europe/Berlin']).json['asOf']).toBe('2026-07-01T22:00:00.000Z');
    expect(report(['--as-of', '2026-07-02', '--tz', 'Asia/Shanghai']).json['asOf']).toBe('2026-07-01T16:00:00.000Z');
    expect(report(['--as-of', '2026-07-02', '--tz', 'UTC']).json['asOf']).toBe('2026-07-02T00:00:00.000Z');
    // across a daylight-saving change: Berlin is at +01:00 in January
    expect(report(['--as-of', '2026-01-15', '--tz', 'Europe/Berlin']).json['asOf']).toBe('2026-01-14T23:00:00.000Z');
  });

  it('takes a full ISO instant for --as-of as it is, whatever the zone', () => {
    for (const tz of ['Europe/Berlin', 'Asia/Shanghai']) {
      expect(report(['--as-of', '2026-07-01T00:00:00+02:00', '--tz', tz]).json['asOf']).toBe('2026-06-30T22:00:00.000Z');
    }
  });

  it('puts a deal in the quarter it closed in on the zone’s wall clock', () => {
    const berlin = report(['--as-of', '2026-07-02', '--tz', 'Europe/Berlin']).json.forecast;
    expect(wonByQuarter(berlin.rows)).toEqual({ '2026-Q2': '200', '2026-Q3': '100' });
    expect(berlin.currentQuarter).toBe('2026-Q3');
    const shanghai = report(['--as-of', '2026-07-02', '--tz', 'Asia/Shanghai']).json.forecast;
    expect(wonByQuarter(shanghai.rows)).toEqual({ '2026-Q2': '200', '2026-Q3': '100' });
    const utc = report(['--as-of', '2026-07-02', '--tz', 'UTC']).json.forecast;
    expect(wonByQuarter(utc.rows)).toEqual({ '2026-Q1': '200', '2026-Q2': '100' });
    // a fixed UTC+01:00 has no summer time: 30 June 23:30, still Q2
    const fixed = report(['--as-of', '2026-07-02', '--tz', 'Etc/GMT-1']).json.forecast;
    expect(wonByQuarter(fixed.rows)).toEqual({ '2026-Q2': '300' });
  });

  it('dates the current quarter, and the overdue quarters, by the zone', () => {
    // 2026-06-30T22:30Z: already 1 July in Berlin, still 30 June in UTC
    const at = ['--as-of', '2026-06-30T22:30:00Z'];
    const berlin = report([...at, '--tz', 'Europe/Berlin']).json.forecast;
    expect(berlin.currentQuarter).toBe('2026-Q3');
    expect(berlin.rows.find((r) => r.period === '2026-Q2')?.past).toBe(true);
    const utc = report([...at, '--tz', 'UTC']).json.forecast;
    expect(utc.currentQuarter).toBe('2026-Q2');
    expect(utc.rows.find((r) => r.period === '2026-Q2')?.past).toBe(false);
  });

  it('judges a close date overdue against "today" in the zone', () => {
    const overdue = (tz: string) => {
      const audit = report(['--as-of', '2026-06-30T22:30:00Z', '--tz', tz]).json['audit'] as { counts: { code: string; count: number }[] };
      return audit.counts.find((c) => c.code === 'close_date_overdue')?.count;
    };
    expect(overdue('Europe/Berlin')).toBe(1); // today is 1 July: the 30 June close date has passed
    expect(overdue('Asia/Shanghai')).toBe(1);
    expect(overdue('UTC')).toBe(0); // today is 30 June
  });

  it('shows the report date on the zone’s clock, with its offset', () => {
    expect(report(['--as-of', '2026-07-02', '--tz', 'Europe/Berlin']).text).toContain('2026-07-02 00:00 Europe/Berlin (UTC+02:00)');
    expect(report(['--as-of', '2026-06-30T22:30:00Z', '--tz', 'Asia/Shanghai']).text).toContain('2026-07-01 06:30 Asia/Shanghai (UTC+08:00)');
    expect(report(['--as-of', '2026-07-02', '--tz', 'Europe/Berlin']).json['timeZone']).toBe('Europe/Berlin');
  });

  it('defaults to the environment’s zone', () => {
    const fromEnvironment = report(['--as-of', '2026-07-02'], 'Asia/Shanghai').json;
    expect(fromEnvironment['timeZone']).toBe('Asia/Shanghai');
    expect(fromEnvironment).toEqual(report(['--as-of', '2026-07-02', '--tz', 'Asia/Shanghai']).json);
    // --tz wins over the environment
    expect(report(['--as-of', '2026-07-02', '--tz', 'Europe/Berlin'], 'Asia/Shanghai').json['asOf']).toBe('2026-07-01T22:00:00.000Z');
  });
});
