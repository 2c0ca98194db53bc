import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/cli/format.js';
import { serializeReportInput } from '../../src/cli/input.js';
import { run } from '../../src/cli/run.js';
import { buildSample, SAMPLE_AS_OF } from '../../src/cli/sample.js';
import { Decimal, periodOf, weightedForecast, type Opportunity, type PlainDate } from '../../src/index.js';
import { memoryIo } from './_io.js';

const sample = buildSample();
const { pipeline, opportunities } = sample;
const open = pipeline.stages.filter((s) => s.kind === 'open');
const probability = new Map(pipeline.stages.map((s) => [s.id as string, s.probability]));
const pOf = (o: Opportunity) => o.probabilityOverride ?? (probability.get(o.stageId) as Decimal);
const sumOf = (values: Decimal[]) => values.reduce((a, b) => a.plus(b), new Decimal(0));
const dec = (s: unknown) => new Decimal(s as string);

function report(args: string[], files: Record<string, string> = {}): string {
  const io = memoryIo(files);
  const code = run(['report', ...args], io);
  expect(io.err()).toBe('');
  expect(code).toBe(0);
  return io.out();
}

// One run per format and language, shared by the tests below.
const jsonText = report(['--format', 'json']);
const json = JSON.parse(jsonText);
const textEn = report([]);
const textZh = report(['--lang', 'zh-CN']);
const htmlEn = report(['--format', 'html']);
const htmlZh = report(['--format', 'html', '--lang', 'zh-CN']);

// Every event of the sample is before its asOf, so each deal stands at asOf where it stands now.
const openDeals = opportunities.filter((o) => o.status === 'open');

describe('report --format json on the sample', () => {
  it('dates the report at the sample asOf and counts deals by status', () => {
    expect(json.asOf).toBe(SAMPLE_AS_OF.toISOString());
    const by = (s: string) => opportunities.filter((o) => o.status === s).length;
    expect(json.deals).toEqual({ total: 300, open: by('open'), suspended: by('suspended'), won: by('won'), lost: by('lost') });
  });

  it('has funnel counts, amounts and weighted amounts equal to those recomputed from the deals', () => {
    expect(json.funnel.rows.map((r: { stageId: string }) => r.stageId)).toEqual(open.map((s) => s.id));
    json.funnel.rows.forEach((r: Record<string, unknown>, k: number) => {
      const here = openDeals.filter((o) => o.stageId === r['stageId']);
      expect(r['count']).toBe(here.length);
      expect(r['suspended']).toBe(opportunities.filter((o) => o.status === 'suspended' && o.stageId === r['stageId']).length);
      expect(dec(r['amount']).eq(sumOf(here.map((o) => o.amount.amount)))).toBe(true);
      expect(dec(r['weighted']).eq(sumOf(here.map((o) => o.amount.amount.times(pOf(o)))))).toBe(true);
      const prev = json.funnel.rows[k - 1]?.count as number | undefined;
      expect(r['ratioToPrevious']).toBe(prev === undefined || prev === 0 ? null : (r['count'] as number) / prev);
    });
    expect(json.funnel.count).toBe(openDeals.length);
    const first = json.funnel.rows[0].count;
    expect(json.funnel.overallConversion).toBe(json.funnel.rows.at(-1).count / first);
  });

  it('has a stage flow whose outcomes add up to the entries, with the deals standing in a stage still there', () => {
    for (const r of json.flow.rows) {
      expect(r.advanced + r.lost + r.regressed + r.stillThere).toBe(r.entered);
      expect(r.stillThere).toBe(opportunities.filter((o) => (o.status === 'open' || o.status === 'suspended') && o.stageId === r.stageId).length);
      expect(r.stalled).toBeLessThanOrEqual(r.stillThere);
      expect(r.advanceRate).toBe(r.entered === 0 ? null : r.advanced / r.entered);
      expect(r.lossRate).toBe(r.entered === 0 ? null : r.lost / r.entered);
    }
    // every deal entered the first stage once per stay there (regressions can bring it back)
    expect(json.flow.rows[0].entered).toBeGreaterThanOrEqual(300);
  });

  it('has conversion times per stage with completed and censored stays', () => {
    expect(json.times.rows).toHaveLength(6);
    for (const r of json.times.rows) {
      expect(r.completed + r.censored).toBe(r.stays);
      if (r.medianDays !== null) expect(r.medianDays).toBeLessThanOrEqual(r.p90Days);
    }
  });

  it('forecasts by the quarter of the forecast date, each row as weightedForecast groups it', () => {
    const f = json.forecast;
    const dated = openDeals.filter((o) => o.expectedCloseDate !== undefined);
    const won = opportunities.filter((o) => o.status === 'won');
    expect(f.rows.map((r: { period: string }) => r.period)).toEqual([...f.rows.map((r: { period: string }) => r.period)].sort());
    for (const r of f.rows) {
      // open deals by their expected close date, won deals by the (UTC, the test environment's zone) day they closed
      const openHere = dated.filter((o) => periodOf(o.expectedCloseDate as PlainDate, { unit: 'quarter' }) === r.period);
      const wonHere = won.filter((o) => periodOf(o.closedAt as Date, { unit: 'quarter', timeZone: 'UTC' }) === r.period);
      expect(r.open.count).toBe(openHere.length);
      expect(dec(r.open.amount).eq(sumOf(openHere.map((o) => o.amount.amount)))).toBe(true);
      expect(dec(r.open.weighted).eq(sumOf(openHere.map((o) => o.amount.amount.times(pOf(o)))))).toBe(true);
      expect(r.won.count).toBe(wonHere.length);
      expect(dec(r.won.amount).eq(sumOf(wonHere.map((o) => o.amount.amount)))).toBe(true);
      expect(dec(r.openRange.p10).lte(dec(r.openRange.p50))).toBe(true);
      expect(dec(r.openRange.p50).lte(dec(r.openRange.p90))).toBe(true);
      expect(dec(r.openRange.p90).lte(dec(r.open.amount))).toBe(true);
      expect(r.past).toBe(r.period < '2026-Q4');
    }
    expect(f.total.open.count).toBe(dated.length);
    expect(f.total.won.count).toBe(won.length);
    expect(f.currentQuarter).toBe('2026-Q4');
  });

  it('says what each forecast total holds, with the figures and names of weightedForecast', () => {
    const f = json.forecast;
    // weighted = open weighted + won amount (won deals weigh 1), in every row and total
    for (const t of [...f.rows, f.total, f.unforecastable, f.book]) {
      expect(dec(t.weighted).eq(dec(t.open.weighted).plus(dec(t.won.amount)))).toBe(true);
      expect(dec(t.amount).eq(dec(t.open.amount).plus(dec(t.won.amount)))).toBe(true);
      expect(t.count).toBe(t.open.count + t.won.count);
    }
    // total = Σ rows; book = total + unforecastable, status by status
    expect(sumOf(f.rows.map((r: { weighted: string }) => dec(r.weighted))).eq(dec(f.total.weighted))).toBe(true);
    for (const k of ['open', 'won', 'lost'] as const) {
      expect(f.book[k].count).toBe(f.total[k].count + f.unforecastable[k].count);
      expect(dec(f.book[k].amount).eq(dec(f.total[k].amount).plus(dec(f.unforecastable[k].amount)))).toBe(true);
    }
    // the open deals without a close date are in unforecastable and in book, not in total
    expect(f.unforecastable.open.count).toBe(openDeals.filter((o) => o.expectedCloseDate === undefined).length);
    expect(f.book.open.count).toBe(openDeals.length);
    expect(f.suspended.count).toBe(opportunities.filter((o) => o.status === 'suspended').length);
    // the same numbers as the API
    const api = weightedForecast(opportunities, pipeline, { groupBy: ['period'], period: { unit: 'quarter' }, timeZone: 'UTC' });
    for (const key of ['total', 'unforecastable', 'book'] as const) {
      expect(f[key].weighted).toBe(api[key].weighted.amount.toFixed());
      expect(f[key].open.weighted).toBe(api[key].open.weighted.amount.toFixed());
      expect(f[key].won.amount).toBe(api[key].won.amount.amount.toFixed());
    }
    expect(f.rows.map((r: { weighted: string }) => r.weighted)).toEqual(api.groups.map((g) => g.value.weighted.amount.toFixed()));
  });

  it('lists stalled deals past their stage limit, as many as the stage flow counts', () => {
    const stallAfter = new Map(open.map((s) => [s.id as string, s.stallAfterDays]));
    expect(json.stalled.count).toBe(json.stalled.deals.length);
    expect(json.stalled.count).toBe(json.flow.rows.reduce((n: number, r: { stalled: number }) => n + r.stalled, 0));
    for (const d of json.stalled.deals) {
      expect(d.thresholdDays).toBe(stallAfter.get(d.stageId));
      expect(d.days).toBeGreaterThan(d.thresholdDays);
    }
  });

  it('audits the deals: the deals won the day they were entered, the open deals without a close date', () => {
    const counts = Object.fromEntries(json.audit.counts.map((c: { code: string; count: number }) => [c.code, c.count]));
    const hidden = opportunities.filter((o) => {
      const won = o.history.find((e) => e.type === 'won');
      return won !== undefined && won.at.getTime() - (o.history[0] as { at: Date }).at.getTime() < 86_400_000;
    });
    expect(counts['won_without_funnel_history']).toBe(hidden.length);
    expect(hidden.length).toBe(2);
    expect(counts['missing_close_date']).toBe(openDeals.filter((o) => o.expectedCloseDate === undefined).length);
    expect(counts['stalled']).toBeUndefined(); // has its own section
    expect(json.audit.findings.length).toBe(Object.values(counts).reduce((a: number, b) => a + (b as number), 0));
  });

  it('balances territories: loads add up to the total, each rep’s shares to its load, the bound below the largest load', () => {
    const t = json.territories;
    const total = dec(t.total);
    expect(sumOf(t.units.map((u: { weight: string }) => dec(u.weight))).eq(total)).toBe(true);
    expect(sumOf(t.reps.map((r: { load: string }) => dec(r.load))).eq(total)).toBe(true);
    for (const r of t.reps) expect(sumOf(r.regions.map((g: { weight: string }) => dec(g.weight))).eq(dec(r.load))).toBe(true);
    const largest = Decimal.max(...t.reps.map((r: { load: string }) => dec(r.load)));
    expect(largest.eq(dec(t.largestLoad))).toBe(true);
    expect(dec(t.lowerBound).lte(largest)).toBe(true);
    // the lower bound is at least the average load
    expect(dec(t.lowerBound).gte(total.div(t.reps.length).floor())).toBe(true);
    expect(t.moves.length).toBeLessThanOrEqual(t.maxMoves);
    // units are regions weighted by their weighted open pipeline (rounded to the fen)
    expect(total.minus(dec(json.funnel.weighted)).abs().lte(new Decimal('0.01').times(t.units.length))).toBe(true);
    expect(t.reps.map((r: { repId: string }) => r.repId).sort()).toEqual([...new Set(openDeals.map((o) => o.ownerId))].sort());
  });

  it('writes decimals as exact strings and is stable from run to run', () => {
    const amounts = [json.funnel.amount, json.funnel.weighted, ...json.funnel.rows.map((r: { weighted: string }) => r.weighted)];
    for (const a of amounts) expect(a).toMatch(/^-?\d+(\.\d+)?$/);
    expect(report(['--format', 'json'])).toBe(jsonText);
  });

  it('gives the same report on the printed sample file as on the embedded sample', () => {
    const file = JSON.stringify(serializeReportInput(sample));
    const { input, ...fromFile } = JSON.parse(report(['deals.json', '--format', 'json'], { 'deals.json': file }));
    expect({ ...fromFile, source: '' }).toEqual({ ...json, source: '' });
    expect(fromFile.source).toBe('deals.json');
    expect(input).toEqual({
      records: 300 + sample.customers.length,
      customers: { read: sample.customers.length, accepted: sample.customers.length },
      opportunities: { read: 300, accepted: 300 },
      rejected: 0,
      duplicates: 0,
      rejectedRecords: [],
    });
    expect(json.input).toBeUndefined(); // the embedded sample is not read from a file
  });

  it('honours --as-of: an earlier date sees fewer deals', () => {
    const early = JSON.parse(report(['--format', 'json', '--as-of', '2025-06-30T16:00:00+08:00']));
    expect(early.asOf).toBe('2025-06-30T08:00:00.000Z');
    const before = opportunities.filter((o) => (o.history[0] as { at: Date }).at.getTime() <= Date.parse('2025-06-30T08:00:00Z'));
    // every deal open at that date was created by then
    expect(early.funnel.count + early.funnel.suspended).toBeLessThanOrEqual(before.length);
    expect(early.flow.rows[0].entered).toBeLessThan(json.flow.rows[0].entered);
  });
});

describe('report --format text', () => {
  const headings = {
    en: ['Snapshot funnel', 'Stage flow', 'Conversion times (days)', 'Weighted forecast by quarter', 'Stalled deals', 'Audit findings', 'Territory balance'],
    'zh-CN': ['销售漏斗快照', '阶段流转', '转化时间（天）', '按季度加权预测', '停滞商机', '漏斗体检', '区域分配平衡'],
  };

  it('has every section, in order, with its heading underlined', () => {
    for (const [text, list] of [[textEn, headings.en], [textZh, headings['zh-CN']]] as const) {
      const lines = text.split('\n');
      let last = -1;
      for (const h of list) {
        const i = lines.indexOf(h);
        expect(i, h).toBeGreaterThan(last);
        expect(lines[i + 1]).toBe('-'.repeat(displayWidth(h)));
        last = i;
      }
    }
  });

  it('labels the forecast totals by what they hold, as the API names them', () => {
    for (const words of ['Weighted (open + won)', 'Total (dated deals)', 'No forecast date', 'Book (dated + undated)', 'Open weighted']) expect(textEn).toContain(words);
    for (const words of ['加权（进行中 + 赢单）', '合计（有预测日期）', '没有预测日期', '全部（有日期 + 无日期）']) expect(textZh).toContain(words);
    // the book's weighted total, as the text shows it, is the API's (open + won)
    const bookLine = textEn.split('\n').find((l) => l.startsWith('Book (dated + undated)')) as string;
    expect(bookLine.trim().split(/\s{2,}/).at(-1)).toBe(Number(new Decimal(json.forecast.book.weighted).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toFixed(0)).toLocaleString('en'));
  });

  it('uses Chinese labels with --lang zh-CN', () => {
    for (const word of ['销售漏斗报告', '阶段', '赢率', '商机数', '加权金额', '升迁率', '流失率', '滞留率', '季度', '合计', '负责人', '区域']) expect(textZh).toContain(word);
    expect(textZh).not.toContain('Advance rate');
    expect(textEn).toContain('Advance rate');
  });

  it('formats the funnel table: probability with one decimal, money with separators, a dash for a missing ratio, aligned columns', () => {
    const lines = textEn.split('\n');
    const start = lines.indexOf('Snapshot funnel');
    const header = lines.findIndex((l, i) => i > start && l.startsWith('Stage ') && l.includes('Probability'));
    const rows = lines.slice(header + 2, header + 8);
    const lead = json.funnel.rows[0];
    expect(rows[0]).toMatch(/^Lead\s+10\.0%\s+/);
    expect(rows[0]).toContain(` ${lead.count} `);
    expect(rows[0]).toMatch(/\d{1,3}(,\d{3})+/);
    expect(rows[0]).toMatch(/\s—\s+100\.0%$/);
    const width = displayWidth(lines[header] as string);
    for (const r of rows) expect(displayWidth(r)).toBe(width);
  });
});

describe('report --format html', () => {
  it('is one self-contained document: inline SVG funnel, no scripts, no external references', () => {
    for (const html of [htmlEn, htmlZh]) {
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
      expect(html).toContain('<svg');
      expect(html).toContain('<style>');
      expect(html.toLowerCase()).not.toContain('<script');
      expect(html).not.toMatch(/https?:\/\//);
      expect(html).not.toMatch(/<link\b|\ssrc=|\shref=|@import|url\(/i);
      // two funnels side by side, six stages each: the snapshot and the stage flow
      expect(html.match(/<polygon /g)).toHaveLength(12);
      for (const id of ['movement', 'funnel', 'flow', 'times', 'forecast', 'winLoss', 'health', 'stalled', 'audit', 'reps', 'customers', 'campaigns', 'territories']) {
        expect(html).toContain(`<section id="${id}">`);
      }
    }
    expect(htmlEn).toContain('<html lang="en">');
    expect(htmlZh).toContain('<html lang="zh-CN">');
    expect(htmlZh).toContain('<h2>销售漏斗快照</h2>');
  });

  it('draws the snapshot and the stage flow as two funnels side by side, bands as wide as their counts, each with its note', () => {
    const section = htmlEn.slice(htmlEn.indexOf('<section id="funnel">'), htmlEn.indexOf('</section>', htmlEn.indexOf('<section id="funnel">')));
    const charts = section.split('<figure>').slice(1);
    expect(charts).toHaveLength(2);
    const counts: number[][] = [json.funnel.rows.map((r: { count: number }) => r.count), json.flow.rows.map((r: { entered: number }) => r.entered)];
    charts.forEach((chart, c) => {
      const widths = [...chart.matchAll(/<polygon points="([\d.]+),[\d.]+ ([\d.]+),/g)].map((m) => Number(m[2]) - Number(m[1]));
      const max = Math.max(...counts[c]!);
      expect(widths).toHaveLength(6);
      widths.forEach((w, k) => expect(w).toBeCloseTo(Math.max(8, (296 * counts[c]![k]!) / max), 0));
    });
    expect(charts[0]).toContain('<h3>Open now (snapshot)</h3>');
    expect(charts[0]).toContain('<figcaption>Snapshot: the deals standing in each stage today. It need not narrow: deals pile up where they stall.</figcaption>');
    expect(charts[1]).toContain('<h3>Entries, ever (stage flow)</h3>');
    expect(charts[1]).toContain('<figcaption>Stage flow: how often deals entered each stage, ever. It narrows stage by stage: the funnel&#39;s real conversion.</figcaption>');
    // the stage flow narrows: every stage was entered at most as often as the one above it
    for (let k = 1; k < counts[1]!.length; k++) expect(counts[1]![k]).toBeLessThanOrEqual(counts[1]![k - 1]!);
  });

  it('draws the stage flow: per stage, advanced + lost + moved back + still there bars as long as the entries', () => {
    const section = htmlEn.slice(htmlEn.indexOf('<section id="flow">'), htmlEn.indexOf('</section>', htmlEn.indexOf('<section id="flow">')));
    expect(section).toContain('<svg role="img" aria-label="Flow chart: what became of the deals that entered each stage"');
    type Row = { name: string; entered: number; advanced: number; lost: number; regressed: number; stillThere: number };
    const rows: Row[] = json.flow.rows;
    const max = Math.max(...rows.map((r) => r.entered));
    for (const r of rows) {
      expect(section).toContain(
        `<title>${r.name}: ${r.entered.toLocaleString('en')} entered; ${r.advanced.toLocaleString('en')} advanced, ${r.lost.toLocaleString('en')} lost, ${r.regressed.toLocaleString('en')} moved back, ${r.stillThere.toLocaleString('en')} still there</title>`,
      );
    }
    // The bars of one stage together are as long as its entries, relative to the busiest stage (680 px).
    const groups = section.split('<g>').slice(1);
    expect(groups).toHaveLength(rows.length);
    groups.forEach((g, k) => {
      const total = [...g.matchAll(/<rect x="[\d.]+" y="\d+" width="([\d.]+)"/g)].reduce((a, m) => a + Number(m[1]), 0);
      expect(total).toBeCloseTo((680 * rows[k]!.entered) / max, 0);
    });
  });

  it('escapes every piece of text from the data', () => {
    const s = buildSample({ deals: 60 });
    const file = JSON.parse(JSON.stringify(serializeReportInput(s)));
    file.pipeline.name = '<script>alert("x")</script> & Co';
    file.pipeline.stages[0].name = '<img src=x onerror=alert(1)>';
    const html = report(['deals.json', '--format', 'html'], { 'deals.json': JSON.stringify(file) });
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
