// The playground pages of the documentation site (docs/playground/), tested in a real
// browser: the pages are built the way `npm run docs` builds them (into a temporary
// folder), served on 127.0.0.1, and driven in Debian's headless Chromium. Every number a
// page shows is compared with what the library (or the command line, for the report)
// gives for the same input in Node. A screenshot of each page at 1280 px and 360 px goes
// to .tmp/screenshots/ (git-ignored; $SCREENSHOT_DIR to change it).
//
// Without Chromium the tests are skipped, except under CI (CI=true), where they fail:
// .ci/run installs it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/cli/format.js';
import { readReportInput, serializeReportInput } from '../../src/cli/input.js';
import { run } from '../../src/cli/run.js';
import { buildSample } from '../../src/cli/sample.js';
import {
  completeTask,
  Decimal,
  dealProbability,
  forecastDistribution,
  formatIssue,
  funnelSnapshot,
  groupKeyFn,
  money,
  parseOpportunity,
  parsePipeline,
  safeParsePipeline,
  serializeOpportunity,
  toFunnelIssues,
  transition,
  type EngineResult,
  type KeyTaskGuards,
  type Opportunity,
  type Pipeline,
} from '../../src/index.js';
import { findChromium, IN_CI, launchChromium, NO_CHROMIUM } from './_lib/chromium.js';
import { serveStatic, type StaticServer } from './_lib/server.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const SHOTS = path.resolve(repoRoot, process.env['SCREENSHOT_DIR'] ?? path.join('.tmp', 'screenshots'));
const chromium = findChromium();

if (chromium === undefined && IN_CI) {
  describe('playground in a browser', () => {
    it('needs Chromium', () => {
      expect.fail(NO_CHROMIUM);
    });
  });
}

/** What a page did besides what the test asked: errors, and every URL it requested. */
interface PageLog {
  readonly errors: string[];
  readonly requests: string[];
}

describe.skipIf(chromium === undefined)('playground in a browser', () => {
  let site: string;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    site = mkdtempSync(path.join(tmpdir(), 'sales-funnel-playground-'));
    execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'build-playground.mjs'), '--out', path.join(site, 'playground')], { cwd: repoRoot, stdio: 'pipe' });
    server = await serveStatic(site);
    browser = await launchChromium(chromium as string);
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (site !== undefined) rmSync(site, { recursive: true, force: true });
  });

  async function open(page: string, query: string, log: PageLog): Promise<Page> {
    const tab = await browser.newPage();
    tab.on('pageerror', (e) => log.errors.push(`page error: ${e instanceof Error ? e.message : String(e)}`));
    tab.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') log.errors.push(`console.${m.type()}: ${m.text()}`);
    });
    tab.on('requestfailed', (r) => log.errors.push(`request failed: ${r.url()}`));
    tab.on('request', (r) => log.requests.push(r.url()));
    await tab.setViewport({ width: 1280, height: 900 });
    await tab.goto(`${server.url}/playground/${page}.html?${query}`, { waitUntil: 'load' });
    return tab;
  }

  /** Everything the page loaded came from the test server (no CDN, no web fonts), and nothing went wrong. */
  function expectClean(log: PageLog): void {
    expect(log.errors).toEqual([]);
    const elsewhere = log.requests.filter((url) => !url.startsWith(`${server.url}/`) && !/^(data|blob|about):/.test(url));
    expect(elsewhere).toEqual([]);
  }

  /** Screenshots at 1280 and 360 px, and no sideways scrolling of the page at 360 px. */
  async function screenshots(tab: Page, name: string): Promise<void> {
    await tab.setViewport({ width: 1280, height: 900 });
    await tab.screenshot({ path: path.join(SHOTS, `${name}-1280.png`), fullPage: true, optimizeForSpeed: true });
    await tab.setViewport({ width: 360, height: 740, isMobile: true, hasTouch: true });
    await new Promise((resolve) => setTimeout(resolve, 200)); // let the resize handlers redraw
    const overflow = await tab.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await tab.screenshot({ path: path.join(SHOTS, `${name}-360.png`), fullPage: true, optimizeForSpeed: true });
  }

  const text = (tab: Page, selector: string) => tab.$eval(selector, (e) => (e.textContent ?? '').trim());
  const attr = (tab: Page, selector: string, name: string) => tab.$eval(selector, (e, n) => e.getAttribute(n) ?? '', name);

  it('every page says what it needs without JavaScript, and links the others', async () => {
    const tab = await browser.newPage();
    await tab.setJavaScriptEnabled(false);
    for (const page of ['report', 'stage-gate', 'forecast']) {
      await tab.goto(`${server.url}/playground/${page}.html`, { waitUntil: 'load' });
      expect(await text(tab, '.noscript strong')).toBe('This page needs JavaScript.');
      const links = await tab.$$eval('nav a', (as) => as.map((a) => a.getAttribute('href')));
      expect(links).toEqual(['../playground/index.html', '../playground/report.html', '../playground/stage-gate.html', '../playground/forecast.html']);
    }
    await tab.close();
  });

  describe('forecast page', () => {
    const log: PageLog = { errors: [], requests: [] };
    let tab: Page;

    /** The deals as the page holds them, read from its sliders. */
    async function dealsOnPage(): Promise<{ amount: string; probability: string }[]> {
      const values = await tab.$$eval('fieldset.deal', (sets) =>
        sets.map((s) => [(s.querySelector('input[id^="amount-"]') as unknown as { value: string }).value, (s.querySelector('input[id^="percent-"]') as unknown as { value: string }).value]),
      );
      return values.map(([amount = '', percent = '']) => ({ amount, probability: (Number(percent) / 100).toFixed(2) }));
    }

    async function expectLibraryFigures(quota: string): Promise<void> {
      const deals = await dealsOnPage();
      const d = forecastDistribution(deals.map((x) => ({ amount: money(x.amount, 'CNY'), probability: x.probability })));
      for (const [id, value] of [
        ['weighted', d.mean],
        ['p10', d.p10],
        ['p50', d.p50],
        ['p90', d.p90],
        ['minimum', d.minimum],
        ['maximum', d.maximum],
      ] as const) {
        expect(await attr(tab, `#${id}`, 'data-value'), id).toBe(value.toString());
        // What the reader sees: the same amount, to the fen, with thousands separators.
        expect(new Decimal((await text(tab, `#${id}`)).replace(/^CNY |,/g, '')).toFixed(2), id).toBe(value.toFixed(2));
      }
      const p = d.probabilityAtLeast(money(quota, 'CNY'));
      expect(Number(await attr(tab, '#p-quota', 'data-value'))).toBeCloseTo(p, 12);
      expect(await text(tab, '#p-quota')).toBe(`${(p * 100).toFixed(2)}%`);
      // The weighted total is Σ amount × probability.
      expect(d.mean.toString()).toBe(deals.reduce((a, x) => a.plus(new Decimal(x.amount).times(x.probability)), new Decimal(0)).toString());
      // The chart's outcomes: P(≥ x) as the library says, and P(= x) summing to 1.
      const rows = await tab.$$eval('#outcome-table tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-amount'), tr.getAttribute('data-exactly'), tr.getAttribute('data-at-least')]));
      expect(rows.length).toBeGreaterThan(1);
      for (const [amount, , atLeast] of rows) expect(Number(atLeast)).toBeCloseTo(d.probabilityAtLeast(money(amount ?? '', 'CNY')), 12);
      expect(rows.reduce((a, [, exactly]) => a + Number(exactly), 0)).toBeCloseTo(1, 9);
    }

    beforeAll(async () => {
      tab = await open('forecast', 'lang=en', log);
      await tab.waitForSelector('#weighted');
    });
    afterAll(() => tab?.close());

    it('shows the library’s exact distribution, P(≥ quota) and the weighted total', async () => {
      expect(await text(tab, '#p-quota-label')).toBe('P(revenue ≥ quota)');
      await expectLibraryFigures('2000000');
      expect(await tab.$('figure.chart svg[role="img"]')).not.toBeNull();
    });

    it('follows the sliders and the quota, by keyboard', async () => {
      await tab.focus('#percent-0');
      for (let i = 0; i < 5; i++) await tab.keyboard.press('ArrowRight');
      expect(await text(tab, '#percent-out-0')).toBe('65%');
      await tab.focus('#amount-2');
      await tab.keyboard.press('ArrowLeft');
      expect(await text(tab, '#amount-out-2')).toBe('CNY 1,990,000');
      await tab.click('#quota', { count: 3 });
      await tab.keyboard.type('1500000');
      await expectLibraryFigures('1500000');
      await tab.click('#add-deal');
      expect(await tab.$$eval('fieldset.deal', (s) => s.length)).toBe(6);
      await expectLibraryFigures('1500000');
    });

    it('reads in Chinese and at 360 px', async () => {
      await tab.select('#lang', 'zh-CN');
      expect(await text(tab, '#p-quota-label')).toBe('P(收入 ≥ 定额)');
      expect(await tab.evaluate('document.documentElement.lang')).toBe('zh-CN');
      await screenshots(tab, 'forecast');
      expectClean(log);
    });
  });

  describe('stage-gate page', () => {
    const log: PageLog = { errors: [], requests: [] };
    let tab: Page;
    let pipeline: Pipeline;
    /** The page's guard, as the page registers it, with the box unticked. */
    const guards: KeyTaskGuards = { creditApproved: () => false };

    /** The deal as the page shows it (serializeOpportunity), read back with the library. */
    async function dealOnPage(): Promise<Opportunity> {
      return parseOpportunity(JSON.parse(await text(tab, '#deal-json')), { pipeline });
    }

    /** The instant of the page's next change: "2026-03-03 09:00" on the Beijing clock. */
    async function clockOnPage(): Promise<string> {
      return `${(await text(tab, '#deal-clock')).replace(' ', 'T')}:00+08:00`;
    }

    /** Runs `command` on the page and the same engine call in Node; returns Node's result. */
    async function step(button: string, engine: (deal: Opportunity, at: string) => EngineResult): Promise<EngineResult> {
      const expected = engine(await dealOnPage(), await clockOnPage());
      // By keyboard: the focus stays on the button, drawn again with the deal (or goes to
      // the result when the button is now disabled).
      await tab.focus(button);
      await tab.keyboard.press('Enter');
      await tab.waitForSelector('#result [data-ok]');
      const disabled = await tab.$eval(button, (b) => b.hasAttribute('disabled'));
      expect(await tab.evaluate('document.activeElement?.id')).toBe(disabled ? 'result' : button.slice(1));
      expect(await attr(tab, '#result [data-ok]', 'data-ok')).toBe(String(expected.ok));
      if (expected.ok) expect(JSON.parse(await text(tab, '#deal-json'))).toEqual(JSON.parse(JSON.stringify(serializeOpportunity(expected.opportunity))));
      else {
        const shown = await tab.$$eval('#refusal > li', (lis) =>
          lis.map((li) => [li.getAttribute('data-code'), li.querySelector('[lang="en"]')?.textContent, li.querySelector('[lang="zh-CN"]')?.textContent]),
        );
        expect(shown).toEqual(expected.issues.map((i) => [i.code, formatIssue(i, 'en'), formatIssue(i, 'zh-CN')]));
      }
      return expected;
    }

    beforeAll(async () => {
      tab = await open('stage-gate', 'lang=en', log);
      await tab.waitForSelector('#ledger tbody tr');
      pipeline = parsePipeline(JSON.parse(await tab.$eval('#pipeline', (e) => (e as unknown as { value: string }).value)));
    });
    afterAll(() => tab?.close());

    it('refuses a move past an undone key task, in both languages, and says what to do', async () => {
      expect(await text(tab, '#deal-stage')).toBe('线索 · Lead');
      const refused = await step('#advance', (deal, at) => transition(deal, pipeline, { type: 'advance' }, { at, by: 'rep-zhang', guards }));
      expect(refused.ok).toBe(false);
      expect(await text(tab, '#refusal > li [lang="en"]')).toBe('Key task "确认联系人 · Contact person identified" of stage "线索 · Lead" is not done.');
      expect(await text(tab, '#refusal > li [lang="zh-CN"]')).toBe('阶段“线索 · Lead”的关键任务“确认联系人 · Contact person identified”尚未完成。');
      expect(await tab.$$eval('#next-blocking > li', (lis) => lis.map((li) => li.getAttribute('data-task')))).toEqual(['contact']);
      expect(await tab.$$eval('#ledger tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-type')))).toEqual(['created']);
    });

    it('lets the deal through once the task is done; the ledger grows event by event', async () => {
      expect((await step('#task-contact', (deal, at) => completeTask(deal, pipeline, 'contact', { at, by: 'rep-zhang' }))).ok).toBe(true);
      expect((await step('#advance', (deal, at) => transition(deal, pipeline, { type: 'advance' }, { at, by: 'rep-zhang', guards }))).ok).toBe(true);
      expect(await text(tab, '#deal-stage')).toBe('需求确认 · Qualify');
      expect(await tab.$$eval('#ledger tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-type')))).toEqual(['created', 'task_completed', 'stage_changed']);
      expect(await tab.$$eval('#ledger tbody tr.new', (trs) => trs.map((tr) => tr.getAttribute('data-seq')))).toEqual(['3']);
      expect(await attr(tab, '#next-move', 'data-command')).toBe('advance');
    });

    it('refuses moving back without a reason (policy backward: reason), then moves back with one', async () => {
      const refused = await step('#back', (deal, at) => transition(deal, pipeline, { type: 'move', to: 'lead' }, { at, by: 'rep-zhang', guards }));
      expect(refused.ok ? [] : refused.issues.map((i) => i.code)).toEqual(['reason_required']);
      await tab.type('#reason', '客户预算冻结');
      const moved = await step('#back', (deal, at) => transition(deal, pipeline, { type: 'move', to: 'lead', reason: '客户预算冻结' }, { at, by: 'rep-zhang', guards }));
      expect(moved.ok).toBe(true);
      expect(await text(tab, '#deal-stage')).toBe('线索 · Lead');
      expect(await tab.$$eval('#ledger tbody tr', (trs) => trs.length)).toBe(4);
    });

    it('checks the pipeline as you type, with the library’s messages and paths', async () => {
      const json = JSON.parse(await tab.$eval('#pipeline', (e) => (e as unknown as { value: string }).value));
      json.stages[1].probability = '1.5';
      json.stages.push({ id: 'lead', name: 'Again', kind: 'open', probability: '0.2' });
      const edited = JSON.stringify(json, null, 2);
      await tab.$eval('#pipeline', (e, value) => {
        const area = e as unknown as { value: string; dispatchEvent(event: unknown): boolean };
        area.value = value;
        area.dispatchEvent(new (globalThis as unknown as { Event: new (type: string) => unknown }).Event('input'));
      }, edited);
      const parsed = safeParsePipeline(json);
      expect(parsed.success).toBe(false);
      const expected = parsed.success ? [] : toFunnelIssues(parsed.error, 'en').map((i) => [(i.path ?? []).join('.'), `${(i.path ?? []).join('.')} ${i.message}`]);
      const shown = await tab.$$eval('#pipeline-issues > li', (lis) => lis.map((li) => [li.getAttribute('data-path'), (li.textContent ?? '').trim()]));
      expect(shown).toEqual(expected);
      expect(shown.map(([p]) => p)).toContain('stages.1.probability');
      expect(await attr(tab, '#pipeline', 'aria-invalid')).toBe('true');
      // Not JSON at all: the parser's reason; the deal keeps the last valid pipeline.
      await tab.$eval('#pipeline', (e) => {
        const area = e as unknown as { value: string; dispatchEvent(event: unknown): boolean };
        area.value = '{ "id": ';
        area.dispatchEvent(new (globalThis as unknown as { Event: new (type: string) => unknown }).Event('input'));
      });
      expect(await text(tab, '#pipeline-check')).toMatch(/^Not JSON: /);
      expect(await text(tab, '#deal-stage')).toBe('线索 · Lead');
    });

    it('reads in Chinese and at 360 px', async () => {
      await tab.select('#lang', 'zh-CN');
      expect(await text(tab, '#advance')).toBe('推进');
      await screenshots(tab, 'stage-gate');
      expectClean(log);
    });
  });

  describe('report page', () => {
    const log: PageLog = { errors: [], requests: [] };
    let tab: Page;
    const TZ = 'Asia/Shanghai';

    async function waitForRun(n: number): Promise<number> {
      await tab.waitForSelector(`#exit[data-run="${n}"]`, { timeout: 30_000 });
      return Number(await attr(tab, '#exit', 'data-code'));
    }

    /** The report's HTML as the page shows it, less the page's rules for narrow screens. */
    async function reportHtml(): Promise<string> {
      const srcdoc = await attr(tab, '#report-frame', 'srcdoc');
      return srcdoc.replace(/<style>@media \(max-width: 720px\)[^<]*<\/style><\/head>/, '</head>');
    }

    function cli(argv: readonly string[], file?: string): { code: number; stdout: string } {
      const out: string[] = [];
      const code = run([...argv, ...(file === undefined ? [] : ['--', 'deals.json'])], {
        stdout: (t) => out.push(t),
        stderr: () => undefined,
        readFile: () => file ?? '',
        writeFile: () => undefined,
        timeZone: TZ,
      });
      return { code, stdout: out.join('') };
    }

    /** A cell of a table of the report frame, by the table's section and the column's heading. */
    async function footCell(section: string, heading: RegExp): Promise<string> {
      const frame = await (await tab.$('#report-frame'))?.contentFrame();
      if (frame === undefined || frame === null) throw new Error('no report frame');
      const table = await frame.$$eval(`#${section} table:first-of-type tr`, (trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
      const col = (table[0] ?? []).findIndex((h) => heading.test(h));
      return table.at(-1)?.[col] ?? '';
    }

    beforeAll(async () => {
      tab = await open('report', `lang=en&tz=${encodeURIComponent(TZ)}`, log);
    });
    afterAll(() => tab?.close());

    it('runs the sample report: the command line’s HTML, and the library’s numbers', async () => {
      expect(await waitForRun(1)).toBe(0);
      expect(await text(tab, '#privacy')).toMatch(/^Nothing is uploaded/);
      await tab.waitForFunction('document.getElementById("report-frame")?.contentDocument?.querySelector("h1") != null');
      // The very page `sales-funnel report --format html --tz Asia/Shanghai` writes.
      const expected = cli(['report', '--format', 'html', '--lang', 'en', '--tz', TZ]);
      expect(expected.code).toBe(0);
      expect(await reportHtml()).toBe(expected.stdout);
      // Its forecast range and funnel agree with the library called directly.
      const sample = buildSample();
      const dated = sample.opportunities.filter((o) => o.status === 'open' && o.expectedCloseDate !== undefined);
      const range = forecastDistribution(dated.map((o) => ({ amount: o.amount, probability: dealProbability(o, sample.pipeline) ?? '0' })));
      expect(await footCell('forecast', /^P10/)).toBe(formatMoney(range.p10));
      expect(await footCell('forecast', /^P50/)).toBe(formatMoney(range.p50));
      expect(await footCell('forecast', /^P90/)).toBe(formatMoney(range.p90));
      const snapshot = funnelSnapshot(sample.opportunities, sample.pipeline, { asOf: sample.asOf, timeZone: TZ, groupBy: ['owner'], customers: sample.customers });
      // The grouped view: funnelSnapshot by owner and each owner's range.
      const keyOf = groupKeyFn(['owner'], { customers: sample.customers, timeZone: TZ });
      const rows = await tab.$$eval('#grouped tbody tr, #grouped tfoot tr', (trs) => trs.map((tr) => [tr.getAttribute('data-group'), ...[...tr.querySelectorAll('td.r')].map((td) => td.getAttribute('data-value'))]));
      const open = sample.opportunities.filter((o) => o.status === 'open');
      const figures = (value: (typeof snapshot)['total'], deals: readonly Opportunity[]) => {
        const r = forecastDistribution(deals.map((o) => ({ amount: o.amount, probability: dealProbability(o, sample.pipeline) ?? '0' })), { currency: 'CNY' });
        return [String(value.count), value.amount.amount.toString(), value.weightedAmount.amount.toString(), r.p10.toString(), r.p50.toString(), r.p90.toString()];
      };
      expect(rows).toEqual([
        ...snapshot.groups.map((g) => [g.key[0], ...figures(g.value, open.filter((o) => keyOf(o)[0] === g.key[0]))]),
        ['Total', ...figures(snapshot.total, open)],
      ]);
    });

    it('writes the Chinese report when the language is zh-CN (and keeps it for what follows)', async () => {
      await tab.select('#lang', 'zh-CN');
      expect(await waitForRun(2)).toBe(0);
      expect(await reportHtml()).toBe(cli(['report', '--format', 'html', '--lang', 'zh-CN', '--tz', TZ]).stdout);
      expect(await text(tab, '#privacy')).toMatch(/^不会上传任何数据/);
    });

    it('shows why a dropped malformed file cannot be used, with the path of the problem', async () => {
      const json = JSON.parse(JSON.stringify(serializeReportInput(buildSample({ deals: 6 })))) as { pipeline: { stages: { probability: unknown }[] } };
      (json.pipeline.stages[1] as { probability: unknown }).probability = '1.5';
      const file = JSON.stringify(json);
      await tab.evaluate(`(() => {
        const data = new DataTransfer();
        data.items.add(new File([${JSON.stringify(file)}], 'broken.json', { type: 'application/json' }));
        document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      })()`);
      expect(await waitForRun(3)).toBe(2);
      const r = readReportInput(JSON.parse(file), 'zh-CN');
      const expected = r.ok ? [] : r.unusable.issues.map((i) => [(i.path ?? []).join('.'), `${(i.path ?? []).join('.')} ${i.message}`]);
      expect(expected.map(([p]) => p)).toEqual(['pipeline.stages.1.probability']);
      expect(await tab.$$eval('#problem-list > li', (lis) => lis.map((li) => [li.getAttribute('data-path'), (li.textContent ?? '').trim()]))).toEqual(expected);
      // The page runs in Chinese, where the CLI puts a full-width colon after the path.
      expect(await text(tab, '#stderr-text')).toContain('pipeline.stages.1.probability：');
      expect(await tab.$('#report-frame')).toBeNull();
      expect(await text(tab, '#source-name')).toBe('文件：broken.json');
    });

    it('reports the valid records of a chosen file and lists the rejected ones', async () => {
      const json = JSON.parse(JSON.stringify(serializeReportInput(buildSample({ deals: 12 })))) as { opportunities: { amount: { amount: string } }[] };
      (json.opportunities[2] as { amount: { amount: string } }).amount.amount = 'lots';
      const file = JSON.stringify(json);
      const dir = mkdtempSync(path.join(tmpdir(), 'sales-funnel-upload-'));
      try {
        writeFileSync(path.join(dir, 'deals.json'), file);
        const input = await tab.$('#file');
        await input?.uploadFile(path.join(dir, 'deals.json'));
        expect(await waitForRun(4)).toBe(1);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      expect(await tab.$$eval('#rejected-list > li', (lis) => lis.map((li) => li.getAttribute('data-path')))).toEqual(['opportunities.2']);
      expect(await tab.$$eval('#rejected-list > li li', (lis) => lis.map((li) => li.getAttribute('data-path')))).toEqual(['opportunities.2.amount.amount']);
      await tab.waitForFunction('document.getElementById("report-frame")?.contentDocument?.querySelector("h1") != null');
      const expected = cli(['report', '--format', 'html', '--lang', 'zh-CN', '--tz', TZ], file);
      expect(expected.code).toBe(1);
      expect(await reportHtml()).toBe(expected.stdout);
    });

    it('reads at 360 px', async () => {
      await screenshots(tab, 'report');
      expectClean(log);
    });
  });
});
