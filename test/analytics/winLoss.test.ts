import { beforeEach, describe, expect, it } from 'vitest';
import { dealColumns, FunnelError, parseOpportunity, parsePipeline, winLoss, winLossAccumulator, type Opportunity, type Pipeline, type WinLossFigures } from '../../src/index.js';
import { fault, thrown } from '../_errors.js';
import { snapshotOf } from './_fixtures.js';
import { expectDealsArgumentChecked } from './_dealsArgument.js';
import { pipeline as goldenPipeline, day, deal as stepsDeal, uncheckedDeal } from './_fixtures.js';

/** Seed pipeline: 初步接触 → 需求确认 → 方案提出 → 报价洽谈 → 成交, with its loss reasons. */
const pipeline: Pipeline = parsePipeline({
  id: 'direct',
  name: '直销',
  currency: 'CNY',
  stages: [
    { id: 'contact', name: '初步接触', kind: 'open', probability: '0.1' },
    { id: 'need', name: '需求确认', kind: 'open', probability: '0.25' },
    { id: 'solution', name: '方案提出', kind: 'open', probability: '0.5' },
    { id: 'quote', name: '报价洽谈', kind: 'open', probability: '0.75' },
    { id: 'won', name: '赢单', kind: 'won', probability: 1 },
    { id: 'lost', name: '输单', kind: 'lost', probability: 0 },
  ],
  lossReasons: ['价格过高', '功能不符', '客户预算取消', '关系不到位'],
});
const OPEN = ['contact', 'need', 'solution', 'quote'];

/** 万 → yuan. */
const wan = (n: number) => String(n * 10_000);
const at = (date: string) => `${date}T10:00:00+08:00`;

interface Life {
  /** The open stage it is closed from (the path starts at `contact`). */
  readonly from: string;
  readonly amount: number;
  readonly closed?: string;
  readonly outcome?: 'won' | 'lost';
  readonly reason?: string;
  readonly competitor?: string;
  readonly owner?: string;
  /** Events after the first close: `['reopen', date]`, `['won' | 'lost', date]`, `['amount', date, 万]`. */
  readonly after?: ReadonlyArray<readonly [string, string, number?]>;
  readonly created?: string;
}

/** A deal that walks from `contact` to `from`, then closes (checked by the library's own schema). */
function deal(id: string, life: Life): Opportunity {
  const history: Record<string, unknown>[] = [{ type: 'created', at: at(life.created ?? '2025-12-01'), stageId: 'contact' }];
  const path = OPEN.slice(0, OPEN.indexOf(life.from) + 1);
  for (let i = 1; i < path.length; i++) history.push({ type: 'stage_changed', at: at(`2025-12-0${i + 1}`), from: path[i - 1], to: path[i], kind: 'advance' });
  let amount = wan(life.amount);
  let state: { stageId: string; status: string; closedAt?: string; lossReason?: string; competitor?: string } = { stageId: life.from, status: 'open' };
  const close = (outcome: string, when: string, reason?: string, competitor?: string) => {
    if (outcome === 'won') {
      history.push({ type: 'won', at: at(when), stageId: 'won' });
      state = { stageId: 'won', status: 'won', closedAt: at(when) };
    } else {
      const r = reason ?? '价格过高';
      history.push({ type: 'lost', at: at(when), stageId: 'lost', reason: r, ...(competitor === undefined ? {} : { competitor }) });
      state = { stageId: 'lost', status: 'lost', closedAt: at(when), lossReason: r, ...(competitor === undefined ? {} : { competitor }) };
    }
  };
  if (life.closed !== undefined) close(life.outcome ?? 'won', life.closed, life.reason, life.competitor);
  for (const [kind, when, value] of life.after ?? []) {
    if (kind === 'reopen') {
      history.push({ type: 'reopened', at: at(when), stageId: life.from });
      state = { stageId: life.from, status: 'open' };
    } else if (kind === 'amount') {
      history.push({ type: 'amount_changed', at: at(when), from: { amount, currency: 'CNY' }, to: { amount: wan(value!), currency: 'CNY' } });
      amount = wan(value!);
    } else {
      close(kind, when, '功能不符', 'Globex');
    }
  }
  return parseOpportunity(
    { id, customerId: `c-${id}`, pipelineId: 'direct', name: id, ownerId: life.owner ?? 'rep-wang', amount: { amount, currency: 'CNY' }, ...state, history },
    { pipeline },
  );
}

const Q1 = { from: '2026-01-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' } as const;

/** The golden: 10 deals closed in Q1, 4 won (10, 20, 30, 40 万) and 6 lost (5, 10, 15, 20, 25, 25 万). */
function q1Deals(): Opportunity[] {
  return [
    deal('w1', { from: 'quote', amount: 10, closed: '2026-01-10' }),
    deal('w2', { from: 'quote', amount: 20, closed: '2026-02-10', owner: 'rep-li' }),
    deal('w3', { from: 'solution', amount: 30, closed: '2026-03-10' }),
    deal('w4', { from: 'quote', amount: 40, closed: '2026-03-31' }),
    deal('l1', { from: 'quote', amount: 5, closed: '2026-01-05', outcome: 'lost', reason: '价格过高', competitor: 'Globex' }),
    deal('l2', { from: 'quote', amount: 10, closed: '2026-01-20', outcome: 'lost', reason: '价格过高', competitor: 'Globex' }),
    deal('l3', { from: 'quote', amount: 15, closed: '2026-02-03', outcome: 'lost', reason: '价格过高', owner: 'rep-li' }),
    deal('l4', { from: 'solution', amount: 20, closed: '2026-02-14', outcome: 'lost', reason: '功能不符', competitor: '竞争对手A' }),
    deal('l5', { from: 'solution', amount: 25, closed: '2026-03-02', outcome: 'lost', reason: '功能不符' }),
    deal('l6', { from: 'contact', amount: 25, closed: '2026-03-20', outcome: 'lost', reason: '客户预算取消', owner: 'rep-li' }),
    // Not in Q1: closed before and after it, still open.
    deal('x1', { from: 'quote', amount: 99, closed: '2025-12-31' }),
    deal('x2', { from: 'quote', amount: 99, closed: '2026-04-01', outcome: 'lost', reason: '价格过高' }),
    deal('x3', { from: 'need', amount: 99 }),
  ];
}

const rows = (list: WinLossFigures['byLossReason']) => list.map((r) => [r.key, r.count, r.amount.amount.toNumber() / 10_000, r.share]);

describe('winLoss: the issue golden (10 deals closed in Q1, 4 won and 6 lost)', () => {
  // Made per test (not in the describe body), so that mutation testing can tell which
  // test covers which line.
  let deals: ReturnType<typeof q1Deals>;
  let r: ReturnType<typeof winLoss>;
  let t: ReturnType<typeof winLoss>['total'];
  beforeEach(() => {
    deals = q1Deals();
    r = winLoss(deals, pipeline, Q1);
    t = r.total;
  });

  it('counts won and lost deals with their amounts, and the win rate among decided deals: 0.4 by count', () => {
    expect([t.won.count, t.won.amount.amount.toString()]).toEqual([4, '1000000']);
    expect([t.lost.count, t.lost.amount.amount.toString()]).toEqual([6, '1000000']);
    expect([t.decided.count, t.decided.amount.amount.toString()]).toEqual([10, '2000000']);
    expect(t.decidedWinRateByCount).toBe(0.4);
    expect(t.decidedWinRateByValue).toBe(0.5);
    expect(r).toMatchObject({ pipelineId: 'direct', currency: 'CNY', from: new Date(Q1.from), to: new Date(Q1.to), groupBy: [], groups: [] });
  });

  it('breaks the lost deals down by loss reason: listed reasons first by count, unused ones with 0', () => {
    expect(rows(t.byLossReason)).toEqual([
      ['价格过高', 3, 30, 0.5],
      ['功能不符', 2, 45, 2 / 6],
      ['客户预算取消', 1, 25, 1 / 6],
      ['关系不到位', 0, 0, 0],
    ]);
    expect(t.byLossReason.map((x) => x.amountShare)).toEqual([0.3, 0.45, 0.25, 0]);
  });

  it('by the open stage each deal was lost at, in funnel order, read from the ledger', () => {
    expect(t.byLostAtStage.map((x) => [x.stageId, x.stageName, x.count, x.amount.amount.toNumber() / 10_000])).toEqual([
      ['contact', '初步接触', 1, 25],
      ['need', '需求确认', 0, 0],
      ['solution', '方案提出', 2, 45],
      ['quote', '报价洽谈', 3, 30],
    ]);
  });

  it("by the competitor who won, '(none)' last when not recorded", () => {
    expect(rows(t.byCompetitor)).toEqual([
      ['Globex', 2, 15, 2 / 6],
      ['竞争对手A', 1, 20, 1 / 6],
      ['(none)', 3, 65, 0.5],
    ]);
  });

  it('groups by owner; the total is the whole', () => {
    const g = winLoss(deals, pipeline, { ...Q1, groupBy: ['owner'] });
    expect(g.groupBy).toEqual(['owner']);
    expect(g.groups.map((x) => [x.key[0], x.value.won.count, x.value.lost.count, x.value.decidedWinRateByCount])).toEqual([
      ['rep-li', 1, 2, 1 / 3],
      ['rep-wang', 3, 4, 3 / 7],
    ]);
    expect(g.total).toEqual(t);
  });

  it("groups by 'period' of the closing event, on the wall clock asked for", () => {
    const g = winLoss(deals, pipeline, { groupBy: ['period'], period: { unit: 'month' }, timeZone: 'Asia/Shanghai' });
    expect(g.groups.map((x) => [x.key[0], x.value.decided.count])).toEqual([
      ['2025-12', 1],
      ['2026-01', 3],
      ['2026-02', 3],
      ['2026-03', 4],
      ['2026-04', 1],
    ]);
  });

  it('never changes its input', () => {
    const before = snapshotOf(deals);
    winLoss(deals, pipeline, { ...Q1, groupBy: ['owner'] });
    expect(snapshotOf(deals)).toBe(before);
  });
});

describe('winLoss: which closing counts', () => {
  it('reopened, then closed again: the last closing in the window counts, once', () => {
    const d = deal('r1', { from: 'quote', amount: 50, closed: '2026-01-15', outcome: 'lost', after: [['reopen', '2026-02-01'], ['won', '2026-03-01']] });
    const t = winLoss([d], pipeline, Q1).total;
    expect([t.won.count, t.lost.count]).toEqual([1, 0]);
  });

  it('lost and reopened within the window, still open at its end: not decided, not counted', () => {
    const d = deal('r2', { from: 'quote', amount: 50, closed: '2026-01-15', outcome: 'lost', after: [['reopen', '2026-02-01']] });
    expect(winLoss([d], pipeline, Q1).total.decided.count).toBe(0);
  });

  it('lost in the window and reopened after it: counted as lost (a past quarter does not change)', () => {
    const d = deal('r3', { from: 'quote', amount: 50, closed: '2026-03-15', outcome: 'lost', after: [['reopen', '2026-04-10'], ['won', '2026-05-01']] });
    expect(winLoss([d], pipeline, Q1).total.lost.count).toBe(1);
    // Q2 sees the win.
    const q2 = winLoss([d], pipeline, { from: Q1.to, to: '2026-07-01T00:00:00+08:00' }).total;
    expect([q2.won.count, q2.lost.count]).toEqual([1, 0]);
  });

  it('lost before the window, reopened and won in it: counted as won', () => {
    const d = deal('r4', { from: 'quote', amount: 50, closed: '2025-12-20', outcome: 'lost', after: [['reopen', '2026-01-05'], ['won', '2026-01-20']] });
    expect(winLoss([d], pipeline, Q1).total.won.count).toBe(1);
  });

  it('asOf cuts the ledger: events after it have not happened', () => {
    const d = deal('r5', { from: 'quote', amount: 50, closed: '2026-01-15', outcome: 'lost', after: [['reopen', '2026-02-01'], ['won', '2026-03-01']] });
    const t = winLoss([d], pipeline, { ...Q1, asOf: '2026-02-15T00:00:00+08:00' }).total;
    expect(t.decided.count).toBe(0);
    expect(winLoss([d], pipeline, { ...Q1, asOf: '2026-01-20T00:00:00+08:00' }).total.lost.count).toBe(1);
    expect(winLoss([d], pipeline, { ...Q1, asOf: at('2026-01-15') }).total.lost.count).toBe(1);
  });

  it('the amount is the amount at closing, from the ledger', () => {
    const d = deal('r6', { from: 'quote', amount: 50, closed: '2026-01-15', outcome: 'lost', after: [['reopen', '2026-02-01'], ['amount', '2026-02-02', 70], ['won', '2026-03-01'], ['reopen', '2026-05-01'], ['amount', '2026-05-02', 90]] });
    expect(winLoss([d], pipeline, Q1).total.won.amount.amount.toString()).toBe('700000');
    expect(winLoss([d], pipeline, { to: '2026-01-31T00:00:00+08:00' }).total.lost.amount.amount.toString()).toBe('500000');
  });

  it('a deal imported without a closing event counts by closedAt, lossReason and competitor, at an unknown stage', () => {
    const base = deal('i1', { from: 'quote', amount: 30 });
    const imported = { ...base, stageId: 'lost', status: 'lost', closedAt: new Date(at('2026-02-01')), lossReason: '价格过高', competitor: 'Initech', history: [] } as unknown as Opportunity;
    const t = winLoss([imported], pipeline, Q1).total;
    expect(t.lost.count).toBe(1);
    expect(t.byCompetitor.map((x) => x.key)).toEqual(['Initech']);
    expect(t.byLostAtStage.at(-1)).toMatchObject({ key: '(none)', stageId: null, stageName: null, count: 1, share: 1 });
  });

  it('deals imported closed without a closing event count by their own fields, from objects and columns alike', () => {
    // Ledgers holding only their creation; status, closedAt, reason and competitor on the deal.
    const imported = (id: string, status: 'won' | 'lost', closedAt: string, amount: number) => {
      const base = deal(id, { from: 'contact', amount });
      const lostFields = status === 'lost' ? { lossReason: '功能不符', competitor: 'Globex' } : {};
      return { ...base, stageId: status, status, closedAt: new Date(at(closedAt)), ...lostFields } as unknown as Opportunity;
    };
    const atEnd = { ...imported('end', 'won', '2026-03-31', 50), closedAt: new Date(Q1.to) } as Opportunity; // closed at `to`: after the window
    const deals = [imported('iw', 'won', '2026-02-01', 30), imported('il', 'lost', '2026-03-01', 20), imported('late', 'won', '2026-04-02', 40), atEnd];
    for (const input of [deals, dealColumns(deals, pipeline)]) {
      const t = winLoss(input, pipeline, Q1).total;
      // 'late' and 'end' closed after the quarter: not counted.
      expect([t.won.count, t.won.amount.amount.toString(), t.lost.count, t.lost.amount.amount.toString()]).toEqual([1, '300000', 1, '200000']);
      expect(t.byLossReason.find((x) => x.key === '功能不符')?.count).toBe(1);
      expect(t.byCompetitor.map((x) => [x.key, x.count])).toEqual([['Globex', 1]]);
    }
    expect(winLoss(dealColumns(deals, pipeline), pipeline, Q1)).toEqual(winLoss(deals, pipeline, Q1));
  });
});

describe('winLoss: empty input, currencies and options', () => {
  it('nothing decided: rates and shares are null, never 0/0', () => {
    const t = winLoss([], pipeline, Q1).total;
    expect([t.decidedWinRateByCount, t.decidedWinRateByValue]).toEqual([null, null]);
    expect(t.byLossReason.map((x) => x.share)).toEqual([null, null, null, null]);
    expect(t.byLostAtStage).toHaveLength(4);
    expect(t.byCompetitor).toEqual([]);
  });

  it('other currencies need rates, like every analytics function', () => {
    const usd = { ...deal('u1', { from: 'quote', amount: 1, closed: '2026-01-10' }) };
    const inUsd = { ...usd, amount: { ...usd.amount, currency: 'USD' }, history: usd.history } as Opportunity;
    expect(() => winLoss([inUsd], pipeline, Q1)).toThrow(expect.objectContaining({ code: 'currency_mismatch' }));
    const t = winLoss([inUsd], pipeline, { ...Q1, rates: { base: 'CNY', rates: { USD: '7.1' } } }).total;
    expect(t.won.amount).toEqual({ amount: expect.anything(), currency: 'CNY' });
    expect(t.won.amount.amount.toString()).toBe('71000');
  });

  it('bad windows and foreign deals', () => {
    expect(() => winLoss([], pipeline, { from: Q1.to, to: Q1.from })).toThrow(FunnelError);
    expect(() => winLoss([], pipeline, { from: '2026-13-01' })).toThrow(expect.objectContaining({ code: 'invalid_option' }));
    const foreign = { ...deal('f1', { from: 'quote', amount: 1, closed: '2026-01-10' }), pipelineId: 'other' } as Opportunity;
    expect(() => winLoss([foreign], pipeline, Q1)).toThrow(expect.objectContaining({ code: 'pipeline_mismatch' }));
    expect(winLoss([foreign], pipeline, { ...Q1, otherPipelines: 'ignore' }).total.decided.count).toBe(0);
  });
});

describe('winLoss — its deals argument', () => {
  it('names the argument and a bad deal by position; refuses or leaves out foreign deals', () => {
    expectDealsArgumentChecked((deals, extra) => winLoss(deals as never, goldenPipeline, { ...extra }), { pipeline: true });
  });
});

describe('winLoss — options named', () => {
  it('names a groupBy that is not a list', () => {
    for (const groupBy of ['owner', 5, { 0: 'owner', length: 1 }]) expect(fault(() => winLoss([], pipeline, { groupBy } as never))).toEqual(['invalid_option', 'groupBy']);
  });

  it('names a bad window bound or asOf, says why a window is refused, and allows an empty one', () => {
    expect(fault(() => winLoss([], pipeline, { from: 'soon' } as never))).toEqual(['invalid_option', 'from']);
    expect(fault(() => winLoss([], pipeline, { to: 1 } as never))).toEqual(['invalid_option', 'to']);
    expect(fault(() => winLoss([], pipeline, { asOf: 'now' } as never))).toEqual(['invalid_option', 'asOf']);
    const e = thrown(() => winLoss([], pipeline, { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }));
    expect([e.code, e.params]).toMatchObject(['invalid_option', { option: 'from', reason: { code: 'from_after_to' } }]);
    const at = '2026-01-10T02:00:00Z'; // 10:00 in Shanghai, when the deal below is won
    expect(winLoss([deal('w', { from: 'quote', amount: 1, closed: '2026-01-10' })], pipeline, { from: at, to: at }).total.won.count).toBe(0);
  });
});

describe('winLoss — the stage a deal was lost at, and the window end, from columns as from objects', () => {
  it('reads the last open stage before the loss, none for a ledger that opens with it, and leaves out a close at the window end', () => {
    const deals = [
      // Lost at once: no open stage before the loss.
      uncheckedDeal('at-once', [['lost', 5]]),
      // An import moved into won by a stage change (not a stage it can be lost at), then lost: lost at lead.
      uncheckedDeal('via-won', [['created', 0, 'lead'], ['move', 3, 'won'], ['lost', 8]]),
      // Lost in need at d9.
      stepsDeal('in-need', [['created', 0, 'lead'], ['move', 2, 'need'], ['lost', 9]]),
      // Won exactly at the window's end: not in it.
      stepsDeal('at-end', [['created', 0, 'lead'], ['won', 20]]),
    ];
    const options = { from: day(0), to: day(20) };
    const fromObjects = winLoss(deals, goldenPipeline, options);
    expect(winLoss(dealColumns(deals, goldenPipeline), goldenPipeline, options)).toEqual(fromObjects);
    const t = fromObjects.total;
    expect([t.won.count, t.lost.count]).toEqual([0, 3]);
    expect(t.byLostAtStage.filter((r) => r.count > 0).map((r) => [r.key, r.count])).toEqual([
      ['lead', 1],
      ['need', 1],
      ['(none)', 1],
    ]);
  });
});

describe('winLoss — the window edge at from, the window in the result, the closing event first, shards', () => {
  it('counts a deal closed exactly at from, from objects and columns', () => {
    const atFrom = stepsDeal('at-from', [['created', 0, 'lead'], ['won', 10]]);
    for (const input of [[atFrom], dealColumns([atFrom], goldenPipeline)]) {
      expect(winLoss(input, goldenPipeline, { from: day(10), to: day(20) }).total.won.count).toBe(1);
      expect(winLoss(input, goldenPipeline, { from: day(10.001), to: day(20) }).total.won.count).toBe(0);
    }
  });

  it('says its window only when one is given', () => {
    const r = winLoss([], goldenPipeline, { from: day(10) });
    expect(['from' in r, 'to' in r, r.from]).toEqual([true, false, day(10)]);
    const t = winLoss([], goldenPipeline, { to: day(10) });
    expect(['from' in t, 'to' in t, t.to]).toEqual([false, true, day(10)]);
  });

  it('dates a closed deal by its closing event, not by a closedAt that disagrees', () => {
    // Written around the parser: won on d10, closedAt d50.
    const odd = { ...stepsDeal('odd', [['created', 0, 'lead'], ['won', 10]]), closedAt: day(50) } as Opportunity;
    for (const input of [[odd], dealColumns([odd], goldenPipeline)]) {
      expect(winLoss(input, goldenPipeline, { from: day(0), to: day(20) }).total.won.count).toBe(1);
      expect(winLoss(input, goldenPipeline, { from: day(20), to: day(60) }).total.won.count).toBe(0);
    }
  });

  it('refuses to merge a shard with other rates', () => {
    const rates = { base: 'CNY', rates: { USD: '7' } };
    const a = winLossAccumulator(goldenPipeline, { rates });
    expect(fault(() => a.merge(winLossAccumulator(goldenPipeline, {})))[0]).toBe('invalid_argument');
    expect(fault(() => a.merge(winLossAccumulator(goldenPipeline, { rates: { base: 'CNY', rates: { USD: '7.5' } } })))[0]).toBe('invalid_argument');
    expect(() => a.merge(winLossAccumulator(goldenPipeline, { rates }))).not.toThrow();
  });
});
