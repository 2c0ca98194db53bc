import { describe, expect, it } from 'vitest';
import { FunnelError, stageVisits, type Opportunity, type StageVisit } from '../../src/index.js';
import { day, deal, goldenDeals, pipeline, uncheckedDeal } from './_fixtures.js';
import { fault } from '../_errors.js';

const byId = (id: string): Opportunity => goldenDeals().find((o) => o.id === id)!;
/** A compact view: stage, entered day, left day (or '-'), outcome, to, skipped, suspended days. */
const compact = (v: StageVisit) =>
  [v.stageId, (v.enteredAt.getTime() - day(0).getTime()) / 86_400_000, v.leftAt === undefined ? '-' : (v.leftAt.getTime() - day(0).getTime()) / 86_400_000, v.outcome, v.toStageId ?? '-', v.skippedStageIds.join('+'), v.suspendedDays].join(' ');

describe('stageVisits', () => {
  it('turns a straight ledger into advanced stays and a won exit', () => {
    expect(stageVisits(byId('d1'), pipeline).map(compact)).toEqual([
      'lead 0 5 advanced need  0',
      'need 5 12 advanced proposal  0',
      'proposal 12 20 advanced quote  0',
      'quote 20 30 won won  0',
    ]);
  });

  it('reports a jump as an advance listing the skipped stage, then a zero-length skipped stay', () => {
    const v = stageVisits(byId('d3'), pipeline, { asOf: day(40) });
    expect(v.map(compact)).toEqual(['lead 2 6 advanced proposal need 0', 'need 6 6 skipped proposal  0', 'proposal 6 - open -  0']);
    expect(v.map((x) => x.stageIndex)).toEqual([0, 1, 2]);
  });

  it('reports a move back as regressed and the return as a new stay', () => {
    expect(stageVisits(byId('d4'), pipeline, { asOf: day(40) }).map(compact)).toEqual([
      'lead 3 8 advanced need  0',
      'need 8 14 advanced proposal  0',
      'proposal 14 18 regressed need  0',
      'need 18 - open -  0',
    ]);
  });

  it('reports suspended time inside the stay (suspended d6 → resumed d16 = 10 days)', () => {
    expect(stageVisits(byId('d5'), pipeline, { asOf: day(40) }).map(compact)).toEqual(['lead 4 20 advanced need  10', 'need 20 - open -  0']);
    // As of d10 the deal is still suspended in lead: d6 → d10 = 4 days so far.
    expect(stageVisits(byId('d5'), pipeline, { asOf: day(10) }).map(compact)).toEqual(['lead 4 - open -  4']);
    // The resume at exactly asOf counts: d6 → d16 = 10 days.
    expect(stageVisits(byId('d5'), pipeline, { asOf: day(16) }).map(compact)).toEqual(['lead 4 - open -  10']);
  });

  it('counts a suspension still running to asOf, or to the last event without asOf', () => {
    // d9: suspended at d30 in need. As of d40: 10 days; without asOf: judged at its last event (d30): 0.
    expect(stageVisits(byId('d9'), pipeline, { asOf: day(40) }).at(-1)?.suspendedDays).toBe(10);
    expect(stageVisits(byId('d9'), pipeline).at(-1)?.suspendedDays).toBe(0);
  });

  it('reads an import without a created event from the first stage_changed.from', () => {
    // d7: first event is need → proposal at d7, so the stay in need is [d7, d7].
    expect(stageVisits(byId('d7'), pipeline).map(compact)).toEqual(['need 7 7 advanced proposal  0', 'proposal 7 25 lost lost  0']);
  });

  it('starts an import without created in the first stage_changed.from at its first event of any type, even when that change comes after asOf', () => {
    // Issue 11: a close_date_changed on 2026-02-01 (d31), then need → proposal on 2026-04-10 (d99), read as of 2026-03-31 (d89).
    const imported = deal('imp', [['close', 31, '2026-05-15'], ['move', 99, 'proposal', 'need']]);
    expect(stageVisits(imported, pipeline, { asOf: '2026-03-31T00:00:00Z' }).map(compact)).toEqual(['need 31 - open -  0']);
    // Read whole, the stay in need ends with the change; before its first event the deal did not exist.
    expect(stageVisits(imported, pipeline).map(compact)).toEqual(['need 31 99 advanced proposal  0', 'proposal 99 - open -  0']);
    expect(stageVisits(imported, pipeline, { asOf: day(30) })).toEqual([]);
    // A suspension before the first stage change counts in that first stay.
    const paused = deal('imp2', [['close', 31, '2026-05-15'], ['suspend', 40], ['resume', 45], ['move', 99, 'proposal', 'need']]);
    expect(stageVisits(paused, pipeline, { asOf: day(89) }).map(compact)).toEqual(['need 31 - open -  5']);
  });

  it('starts an import whose ledger never sets the stage in its current stage, at its first event', () => {
    const imported = { ...deal('imp', [['close', 31, '2026-05-15'], ['suspend', 40], ['resume', 45]]), stageId: 'quote' } as Opportunity;
    expect(stageVisits(imported, pipeline, { asOf: day(89) }).map(compact)).toEqual(['quote 31 - open -  5']);
    expect(stageVisits(imported, pipeline, { asOf: day(30) })).toEqual([]);
  });

  it('reads asOf given as a Date or as an ISO string with any offset alike', () => {
    for (const o of goldenDeals()) {
      const byDate = stageVisits(o, pipeline, { asOf: day(16) });
      expect(stageVisits(o, pipeline, { asOf: '2026-01-17T00:00:00Z' })).toEqual(byDate);
      expect(stageVisits(o, pipeline, { asOf: '2026-01-17T08:00:00+08:00' })).toEqual(byDate);
    }
  });

  it('starts a new stay when a closed deal is reopened, and ends it with won', () => {
    const o = deal('r', [['created', 0, 'lead'], ['move', 2, 'need'], ['lost', 5], ['reopen', 8, 'need'], ['won', 12]]);
    expect(stageVisits(o, pipeline).map(compact)).toEqual(['lead 0 2 advanced need  0', 'need 2 5 lost lost  0', 'need 8 12 won won  0']);
  });

  it('treats stage_changed into a won or lost stage (as unchecked imports record it) as won or lost', () => {
    const w = uncheckedDeal('w', [['move', 3, 'won', 'quote']]);
    expect(stageVisits(w, pipeline).map(compact)).toEqual(['quote 3 3 won won  0']);
    const l = uncheckedDeal('l', [['created', 0, 'lead'], ['move', 4, 'lost']]);
    expect(stageVisits(l, pipeline).map(compact)).toEqual(['lead 0 4 lost lost  0']);
  });

  it('gives no stays to a deal that never stood in an open stage, or before it existed', () => {
    expect(stageVisits(uncheckedDeal('x', [['created', 0, 'won']]), pipeline)).toEqual([]);
    expect(stageVisits(byId('d6'), pipeline, { asOf: day(34) })).toEqual([]);
    expect(stageVisits(uncheckedDeal('e', []), pipeline)).toEqual([]);
  });

  it('ignores events after asOf and includes an event exactly at asOf', () => {
    expect(stageVisits(byId('d1'), pipeline, { asOf: day(30) }).at(-1)?.outcome).toBe('won');
    expect(stageVisits(byId('d1'), pipeline, { asOf: new Date(day(30).getTime() - 1) }).at(-1)?.outcome).toBe('open');
  });

  it('throws FunnelError for another pipeline, an unknown stage or an invalid asOf', () => {
    const d1 = byId('d1');
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof FunnelError ? e.code : 'other';
      }
      return 'none';
    };
    expect(code(() => stageVisits({ ...d1, pipelineId: 'other' as Opportunity['pipelineId'] }, pipeline))).toBe('pipeline_mismatch');
    const ghost = { ...d1, history: [{ type: 'created', at: day(0), stageId: 'ghost' }] } as unknown as Opportunity;
    expect(code(() => stageVisits(ghost, pipeline))).toBe('unknown_stage');
    expect(code(() => stageVisits(d1, pipeline, { asOf: new Date(Number.NaN) }))).toBe('invalid_option');
    expect(code(() => stageVisits(d1, pipeline, { asOf: '2026-02-30T00:00:00Z' }))).toBe('invalid_option');
    expect(code(() => stageVisits(d1, pipeline, { asOf: '2026-02-01' }))).toBe('invalid_option');
  });
});

describe('stageVisits — suspension bookkeeping and odd ledgers', () => {
  // These ledgers break the parser's rules (a move, a loss or a second suspension while
  // suspended, a stray resume, a move to the same stage), as data imported around it may:
  // the walk still reads them. Days from 2026-01-01.

  it('counts the suspended time of a stay that ends while suspended, up to its exit (advance or loss)', () => {
    // lead d0, suspended d5, need d8 (suspended d5–d8: 3 days in lead), lost d12 (d8–d12: 4 days in need).
    const o = uncheckedDeal('a', [['created', 0, 'lead'], ['suspend', 5], ['move', 8, 'need'], ['lost', 12]]);
    expect(stageVisits(o, pipeline).map(compact)).toEqual(['lead 0 8 advanced need  3', 'need 8 12 lost lost  4']);
  });

  it('counts a suspension from the first suspended event: suspended, suspended, resumed', () => {
    // Suspended d4 and again d6, resumed d10: 6 days (d4–d10), not 4 (d6–d10).
    const o = uncheckedDeal('b', [['created', 0, 'lead'], ['suspend', 4], ['suspend', 6], ['resume', 10], ['move', 15, 'need']]);
    expect(stageVisits(o, pipeline, { asOf: day(30) }).map(compact)).toEqual(['lead 0 15 advanced need  6', 'need 15 - open -  0']);
  });

  it('ignores a resumed event without a suspension', () => {
    const o = uncheckedDeal('c', [['created', 0, 'lead'], ['resume', 5], ['move', 10, 'need']]);
    expect(stageVisits(o, pipeline, { asOf: day(30) }).map(compact)).toEqual(['lead 0 10 advanced need  0', 'need 10 - open -  0']);
  });

  it('counts a suspension that began before the first stay of an import from the start of that stay', () => {
    // An import without created: suspended d2, reopened in need d5, resumed d9: the stay in need has 4 suspended days (d5–d9), not 7.
    const o = uncheckedDeal('e', [['suspend', 2], ['reopen', 5, 'need'], ['resume', 9]]);
    expect(stageVisits(o, pipeline, { asOf: day(20) }).map(compact)).toEqual(['need 5 - open -  4']);
  });

  it('keeps one stay through a stage_changed to the stage the deal is already in', () => {
    const o = uncheckedDeal('f', [['created', 0, 'lead'], ['move', 3, 'lead'], ['move', 5, 'need']]);
    expect(stageVisits(o, pipeline, { asOf: day(10) }).map(compact)).toEqual(['lead 0 5 advanced need  0', 'need 5 - open -  0']);
  });
});

describe('stageVisits — an import that starts closed', () => {
  it('has no stay before a first won or lost event (a closed import starts its first stay when reopened)', () => {
    // Won d0 (no created), reopened in need d10, need → proposal d20.
    const won = deal('w', [['won', 0], ['reopen', 10, 'need'], ['move', 20, 'proposal']]);
    expect(stageVisits(won, pipeline, { asOf: day(30) }).map(compact)).toEqual(['need 10 20 advanced proposal  0', 'proposal 20 - open -  0']);
    const lost = deal('l', [['lost', 0], ['reopen', 10, 'need'], ['move', 20, 'proposal']]);
    expect(stageVisits(lost, pipeline, { asOf: day(30) }).map(compact)).toEqual(['need 10 20 advanced proposal  0', 'proposal 20 - open -  0']);
  });
});

describe('stageVisits — the shape of a visit and the options', () => {
  it('gives leftAt and toStageId only to a stay that ended', () => {
    const visits = stageVisits(byId('d4'), pipeline, { asOf: day(40) });
    const last = visits.at(-1)!;
    expect([last.outcome, 'leftAt' in last, 'toStageId' in last]).toEqual(['open', false, false]);
    expect(visits.slice(0, -1).every((v) => 'leftAt' in v && 'toStageId' in v)).toBe(true);
  });

  it('names a bad asOf', () => {
    expect(fault(() => stageVisits(byId('d1'), pipeline, { asOf: 'later' } as never))).toEqual(['invalid_option', 'asOf']);
  });
});
