// The report page: the `sales-funnel report` command run in the page. The command line's
// own `run` (src/cli/run.ts, which takes its files and output streams as arguments) gets
// the dropped file or the embedded sample and writes the same HTML report it writes with
// `--format html`: snapshot and flow funnels, the forecast with P10 / P50 / P90, stalled
// deals, findings. A grouped view beside it is computed with the public API.
import {
  dealProbability,
  forecastDistribution,
  funnelSnapshot,
  groupKeyFn,
  startOfPlainDate,
  toPlainDate,
  type BuiltInGroupKey,
  type Customer,
  type Decimal,
  type FunnelIssue,
  type Locale,
  type Opportunity,
  type Pipeline,
  type RejectedRecord,
} from 'sales-funnel';
import { latestInstant, readReportInput } from '../../../src/cli/input.js';
import { run } from '../../../src/cli/run.js';
import { buildSample } from '../../../src/cli/sample.js';
import { byId, h, nextPaint, replace } from './_lib/dom.js';
import { moneyText } from './_lib/format.js';
import { applyLang, fill, initialLang, LANGS, type Words } from './_lib/lang.js';

/** Grouping keys offered for the grouped view (those that need no extra data). */
const GROUPINGS: readonly ('' | BuiltInGroupKey)[] = ['', 'owner', 'region', 'stage', 'customer_type', 'customer_priority', 'industry', 'project_type', 'created_quarter'];

type Key =
  | 'title'
  | 'lead'
  | 'privacy'
  | 'data'
  | 'sample'
  | 'sampleHint'
  | 'drop'
  | 'dropHint'
  | 'chosen'
  | 'usingSample'
  | 'options'
  | 'asOf'
  | 'asOfHint'
  | 'timeZone'
  | 'language'
  | 'grouping'
  | 'noGrouping'
  | 'run'
  | 'running'
  | 'exit0'
  | 'exit1'
  | 'exit2'
  | 'exit3'
  | 'took'
  | 'problems'
  | 'rejected'
  | 'stderr'
  | 'report'
  | 'reportFrame'
  | 'download'
  | 'downloadHtml'
  | 'downloadJson'
  | 'downloadText'
  | 'downloadSample'
  | 'grouped'
  | 'groupedLead'
  | 'group'
  | 'openDeals'
  | 'amount'
  | 'weighted'
  | 'p10'
  | 'p50'
  | 'p90'
  | 'total'
  | 'readFailed'
  | 'root';

const WORDS: Words<Key> = {
  en: {
    title: 'Funnel report in the browser',
    lead: 'The report the sales-funnel command writes (sales-funnel report --format html), computed in this page: on the embedded sample or on your own export.',
    privacy: 'Nothing is uploaded: your file is read by this page and the report is computed by the library’s browser bundle on your device. The page has no server side.',
    data: 'Data',
    sample: 'Use the embedded sample',
    sampleHint: 'One pipeline, about 300 deals over two years (sales-funnel sample).',
    drop: 'Drop a JSON export here, or choose a file',
    dropHint: 'The format the command line reads: { "pipeline": …, "customers": […], "opportunities": […], "asOf": "…" }, as sales-funnel sample prints it. (The command line reads JSON only, not CSV.)',
    chosen: 'File: {name}',
    usingSample: 'Data: the embedded sample',
    options: 'Options',
    asOf: 'As of',
    asOfHint: 'Empty: the file’s asOf, else its latest event.',
    timeZone: 'Time zone (IANA)',
    language: 'Language · 语言',
    grouping: 'Grouped view by',
    noGrouping: 'no grouping',
    run: 'Run the report',
    running: 'Computing the report…',
    exit0: 'Report written: every record is valid (exit code 0).',
    exit1: 'Report written: some records were rejected and left out (exit code 1).',
    exit2: 'Nothing reported: this input cannot be used (exit code 2).',
    exit3: 'Unexpected failure (exit code 3).',
    took: '{ms} ms in this browser',
    problems: 'Problems, with their paths',
    rejected: 'Rejected records',
    stderr: 'What the command line prints on standard error',
    report: 'The report',
    reportFrame: 'The sales-funnel report',
    download: 'Save the report',
    downloadHtml: 'HTML',
    downloadJson: 'JSON',
    downloadText: 'Text',
    downloadSample: 'Save the sample as JSON (to edit and drop back)',
    grouped: 'Grouped view',
    groupedLead: 'Open deals as of the report date (funnelSnapshot with groupBy) and the range of the revenue they may bring (forecastDistribution over each group’s open deals, at their deal probability).',
    group: 'Group',
    openDeals: 'Open deals',
    amount: 'Amount',
    weighted: 'Weighted',
    p10: 'P10',
    p50: 'P50',
    p90: 'P90',
    total: 'Total',
    readFailed: 'Cannot read {name}: {reason}',
    root: '(root)',
  },
  'zh-CN': {
    title: '在浏览器中生成漏斗报告',
    lead: '与 sales-funnel 命令行生成的报告（sales-funnel report --format html）相同，在此页面内计算：使用内置样例或您自己的导出文件。',
    privacy: '不会上传任何数据：文件由本页面读取，报告由本库的浏览器版本在您的设备上计算。页面没有服务器端。',
    data: '数据',
    sample: '使用内置样例',
    sampleHint: '一个销售漏斗，两年约 300 个商机（sales-funnel sample）。',
    drop: '将 JSON 导出文件拖到这里，或选择文件',
    dropHint: '命令行读取的格式：{ "pipeline": …, "customers": […], "opportunities": […], "asOf": "…" }，即 sales-funnel sample 的输出。（命令行只读取 JSON，不读取 CSV。）',
    chosen: '文件：{name}',
    usingSample: '数据：内置样例',
    options: '选项',
    asOf: '报告日期',
    asOfHint: '留空：使用文件中的 asOf，否则为最晚的事件。',
    timeZone: '时区（IANA）',
    language: 'Language · 语言',
    grouping: '分组查看',
    noGrouping: '不分组',
    run: '生成报告',
    running: '正在计算报告……',
    exit0: '已生成报告：所有记录有效（退出码 0）。',
    exit1: '已生成报告：部分记录被拒绝并排除（退出码 1）。',
    exit2: '未生成报告：输入无法使用（退出码 2）。',
    exit3: '意外失败（退出码 3）。',
    took: '在此浏览器中用时 {ms} 毫秒',
    problems: '问题及其路径',
    rejected: '被拒绝的记录',
    stderr: '命令行在标准错误中输出的内容',
    report: '报告',
    reportFrame: 'sales-funnel 报告',
    download: '保存报告',
    downloadHtml: 'HTML',
    downloadJson: 'JSON',
    downloadText: '文本',
    downloadSample: '将样例保存为 JSON（可编辑后再拖回）',
    grouped: '分组查看',
    groupedLead: '截至报告日期的进行中商机（funnelSnapshot 按 groupBy 分组），以及它们可能带来的收入区间（对每组进行中商机按成交概率计算 forecastDistribution）。',
    group: '分组',
    openDeals: '进行中商机',
    amount: '金额',
    weighted: '加权',
    p10: 'P10',
    p50: 'P50',
    p90: 'P90',
    total: '合计',
    readFailed: '无法读取 {name}：{reason}',
    root: '（根）',
  },
};

/** The grouping keys in words. */
const GROUP_WORDS: Readonly<Record<Locale, Readonly<Record<BuiltInGroupKey, string>>>> = {
  en: {
    owner: 'owner',
    region: 'region',
    pipeline: 'pipeline',
    stage: 'stage',
    customer_type: 'customer type (new / existing)',
    customer_priority: 'customer priority',
    industry: 'industry',
    project_type: 'project type',
    team: 'team',
    period: 'period',
    created_month: 'month created',
    created_quarter: 'quarter created',
    created_year: 'year created',
  },
  'zh-CN': {
    owner: '负责人',
    region: '区域',
    pipeline: '销售漏斗',
    stage: '阶段',
    customer_type: '客户类型（新客户 / 老客户）',
    customer_priority: '客户优先级',
    industry: '行业',
    project_type: '项目类型',
    team: '团队',
    period: '期间',
    created_month: '创建月份',
    created_quarter: '创建季度',
    created_year: '创建年份',
  },
};

/** The data the report runs on: the sample, or a file's name and text. */
type Source = { readonly kind: 'sample' } | { readonly kind: 'file'; readonly name: string; readonly text: string };

/** Options may be given in the address too: `report.html?lang=zh-CN&tz=Asia/Shanghai&asOf=2026-06-30&group=region`. */
const asked = new URLSearchParams(location.search);
const askedGroup = asked.get('group') ?? 'owner';

const state: { lang: Locale; source: Source; asOf: string; timeZone: string; grouping: '' | BuiltInGroupKey } = {
  lang: initialLang(),
  source: { kind: 'sample' },
  asOf: asked.get('asOf') ?? '',
  timeZone: asked.get('tz') ?? (new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'),
  grouping: (GROUPINGS as readonly string[]).includes(askedGroup) ? (askedGroup as '' | BuiltInGroupKey) : 'owner',
};

/** The HTML of the last report, for the download button. */
let lastHtml: string | undefined;
/** Runs so far (the status of each run says which it is, for whoever waits for one). */
let runs = 0;

function w(key: Key, params: Readonly<Record<string, string | number>> = {}): string {
  return fill(WORDS[state.lang][key], params);
}

/** The file name the command line is given: the dropped file's, or none for the sample. */
function fileArgs(): string[] {
  return state.source.kind === 'file' ? ['--', state.source.name] : [];
}

/** Runs the command line on the page's data, as `sales-funnel report … --format <format>`. */
function runCli(format: 'html' | 'json' | 'text'): { code: number; stdout: string; stderr: string } {
  const argv = ['report', '--format', format, '--lang', state.lang, '--tz', state.timeZone || 'UTC', ...(state.asOf === '' ? [] : ['--as-of', state.asOf]), ...fileArgs()];
  const out: string[] = [];
  const err: string[] = [];
  const source = state.source;
  const code = run(argv, {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readFile: (path) => {
      if (source.kind !== 'file' || path !== source.name) throw new Error('no such file or directory');
      return source.text;
    },
    writeFile: () => {
      throw new Error('the page writes no files');
    },
    timeZone: state.timeZone,
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** A problem with its path from the file's root. */
function issueItem(issue: FunnelIssue): HTMLElement {
  const path = issue.path !== undefined && issue.path.length > 0 ? issue.path.join('.') : w('root');
  return h('li', { 'data-path': path, 'data-code': issue.code }, h('span', { class: 'path' }, path), ' ', issue.message);
}

function rejectedItem(record: RejectedRecord): HTMLElement {
  return h(
    'li',
    { 'data-path': record.path.join('.') },
    h('span', { class: 'path' }, record.path.join('.')),
    record.id === undefined ? '' : ` (${record.id})`,
    h('ul', { class: 'issues' }, ...record.issues.map(issueItem)),
  );
}

/** The input as the report reads it (parsed again here for the grouped view), or undefined when unusable. */
function readInput(): { pipeline: Pipeline; customers: readonly Customer[]; opportunities: readonly Opportunity[]; asOf?: Date; problems: HTMLElement[] } | undefined {
  if (state.source.kind === 'sample') return { ...buildSample({ locale: state.lang }), problems: [] };
  let json: unknown;
  try {
    json = JSON.parse(state.source.text.charCodeAt(0) === 0xfeff ? state.source.text.slice(1) : state.source.text);
  } catch {
    return undefined; // the command line's message says why
  }
  const r = readReportInput(json, state.lang);
  if (!r.ok) {
    replace(byId('problems'), h('h3', {}, w('problems')), h('ul', { class: 'issues', id: 'problem-list' }, ...r.unusable.issues.map(issueItem)));
    return undefined;
  }
  const { input, rejected } = r.reading;
  const problems = rejected.records.length === 0 ? [] : [h('h3', {}, w('rejected')), h('ul', { class: 'issues', id: 'rejected-list' }, ...rejected.records.map(rejectedItem))];
  return { ...input, problems };
}

/** The report date as the command line reads it: a date is midnight in the zone; else the file's asOf or latest event. */
function reportDate(input: { opportunities: readonly Opportunity[]; asOf?: Date }): Date | undefined {
  if (state.asOf !== '') {
    try {
      return startOfPlainDate(toPlainDate(state.asOf, 'asOf'), { timeZone: state.timeZone || 'UTC' });
    } catch {
      return undefined;
    }
  }
  return input.asOf ?? latestInstant(input.opportunities);
}

function groupedView(input: { pipeline: Pipeline; customers: readonly Customer[]; opportunities: readonly Opportunity[] }, asOf: Date): HTMLElement | null {
  const key = state.grouping;
  if (key === '') return null;
  const { pipeline, customers, opportunities } = input;
  const timeZone = state.timeZone || 'UTC';
  const snapshot = funnelSnapshot(opportunities, pipeline, { asOf, timeZone, groupBy: [key], customers });
  const keyOf = groupKeyFn([key], { customers, timeZone });
  const open = opportunities.filter((o) => o.status === 'open');
  const range = (deals: readonly Opportunity[]) => forecastDistribution(deals.map((o) => ({ amount: o.amount, probability: dealProbability(o, pipeline) ?? '0' })), { currency: pipeline.currency });
  const money = (d: Decimal) => moneyText(d, pipeline.currency);
  const row = (label: string, value: typeof snapshot.total, deals: readonly Opportunity[], total = false) => {
    const r = range(deals);
    const cell = (text: string, v: string) => h('td', { class: 'r', 'data-value': v }, text);
    return h(
      'tr',
      { 'data-group': label, class: total ? 'total' : undefined },
      h(total ? 'th' : 'td', { scope: 'row' }, label),
      cell(String(value.count), String(value.count)),
      cell(money(value.amount.amount), value.amount.amount.toString()),
      cell(money(value.weightedAmount.amount), value.weightedAmount.amount.toString()),
      cell(money(r.p10), r.p10.toString()),
      cell(money(r.p50), r.p50.toString()),
      cell(money(r.p90), r.p90.toString()),
    );
  };
  return h(
    'section',
    { id: 'grouped', 'aria-labelledby': 'grouped-title' },
    h('h2', { id: 'grouped-title' }, `${w('grouped')}: ${GROUP_WORDS[state.lang][key]}`),
    h('p', { class: 'hint' }, w('groupedLead')),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { 'aria-label': `${w('grouped')}: ${GROUP_WORDS[state.lang][key]}` },
        h('thead', {}, h('tr', {}, ...(['group', 'openDeals', 'amount', 'weighted', 'p10', 'p50', 'p90'] as const).map((k, i) => h('th', { scope: 'col', class: i === 0 ? undefined : 'r' }, w(k))))),
        h(
          'tbody',
          {},
          ...snapshot.groups.map((g) => {
            const name = g.key.join(' / ');
            return row(name, g.value, open.filter((o) => keyOf(o).join(' / ') === name));
          }),
        ),
        h('tfoot', {}, row(w('total'), snapshot.total, open, true)),
      ),
    ),
  );
}

function fitFrame(frame: HTMLIFrameElement): void {
  const doc = frame.contentDocument;
  if (doc?.documentElement) frame.style.height = `${doc.documentElement.scrollHeight + 4}px`;
}

/** The command line's page, with a few rules so that it reads on a phone (its content is untouched). */
function narrowScreens(html: string): string {
  const css = '<style>@media (max-width: 720px) { body { padding: 12px; } svg { max-width: 100%; height: auto; } table { display: block; overflow-x: auto; } }</style>';
  return html.replace('</head>', `${css}</head>`);
}

async function runReport(): Promise<void> {
  const status = byId('status');
  const button = byId<HTMLButtonElement>('run');
  button.disabled = true;
  byId('output').setAttribute('aria-busy', 'true');
  replace(status, h('p', { class: 'status busy' }, w('running')));
  replace(byId('problems'));
  replace(byId('stderr'));
  await nextPaint();
  const started = performance.now();
  const result = runCli('html');
  runs += 1;
  const ms = Math.round(performance.now() - started);
  lastHtml = result.code <= 1 ? result.stdout : undefined;
  const exit = (['exit0', 'exit1', 'exit2', 'exit3'] as const)[result.code] ?? 'exit3';
  replace(status, h('p', { class: result.code === 0 ? 'status ok' : 'status bad', id: 'exit', 'data-code': result.code, 'data-run': runs, role: result.code >= 2 ? 'alert' : undefined }, w(exit), ' ', h('span', { class: 'hint' }, `(${w('took', { ms })})`)));
  if (result.stderr !== '') replace(byId('stderr'), h('h3', {}, w('stderr')), h('pre', { class: 'out', id: 'stderr-text' }, result.stderr));
  const input = readInput();
  if (input !== undefined) replace(byId('problems'), ...input.problems);
  const frameBox = byId('report-box');
  if (result.code <= 1) {
    const frame = h('iframe', { class: 'report', id: 'report-frame', title: w('reportFrame'), sandbox: 'allow-same-origin' });
    frame.addEventListener('load', () => fitFrame(frame));
    frame.srcdoc = narrowScreens(result.stdout);
    replace(frameBox, frame);
  } else {
    replace(frameBox);
  }
  const asOf = input === undefined ? undefined : reportDate(input);
  replace(byId('grouped-box'), result.code <= 1 && input !== undefined && asOf !== undefined ? groupedView(input, asOf) : null);
  byId<HTMLElement>('downloads').hidden = result.code > 1;
  button.disabled = false;
  byId('output').setAttribute('aria-busy', 'false');
}

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function chooseFile(file: File): Promise<void> {
  try {
    state.source = { kind: 'file', name: file.name, text: await file.text() };
  } catch (e) {
    replace(byId('source'), h('p', { class: 'status bad', role: 'alert' }, w('readFailed', { name: file.name, reason: e instanceof Error ? e.message : String(e) })));
    return;
  }
  showSource();
  await runReport();
}

function showSource(): void {
  replace(byId('source'), h('p', { id: 'source-name' }, state.source.kind === 'sample' ? w('usingSample') : w('chosen', { name: state.source.name })));
}

function field(id: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint === undefined ? null : h('span', { class: 'hint' }, hint));
}

function render(): void {
  applyLang(state.lang);
  byId('title').textContent = w('title');
  document.title = `${w('title')} — sales-funnel`;
  const fileInput = h('input', {
    type: 'file',
    id: 'file',
    accept: '.json,application/json',
    onchange: (e) => {
      const file = (e.target as HTMLInputElement).files?.[0];
      if (file !== undefined) void chooseFile(file);
    },
  });
  const drop = h('label', { class: 'drop', id: 'drop', for: 'file' }, h('strong', {}, w('drop')), fileInput, h('span', { class: 'hint' }, w('dropHint')));
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    const file = e.dataTransfer?.files[0];
    if (file !== undefined) void chooseFile(file);
  });
  const zones = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Singapore', 'Asia/Tokyo', 'UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles'];
  replace(
    byId('app'),
    h('p', { class: 'lead' }, w('lead')),
    h('p', { class: 'privacy', id: 'privacy' }, w('privacy')),
    h(
      'div',
      { class: 'grid two' },
      h(
        'section',
        { 'aria-labelledby': 'data-title' },
        h('h2', { id: 'data-title' }, w('data')),
        h(
          'div',
          { class: 'buttons' },
          h(
            'button',
            {
              type: 'button',
              id: 'use-sample',
              onclick: () => {
                state.source = { kind: 'sample' };
                showSource();
                void runReport();
              },
            },
            w('sample'),
          ),
          h(
            'button',
            {
              type: 'button',
              id: 'save-sample',
              onclick: () => {
                const out: string[] = [];
                run(['sample'], { stdout: (t) => out.push(t), stderr: () => undefined, readFile: () => '', writeFile: () => undefined });
                download('sales-funnel-sample.json', 'application/json', out.join(''));
              },
            },
            w('downloadSample'),
          ),
        ),
        h('p', { class: 'hint' }, w('sampleHint')),
        drop,
        h('div', { id: 'source', 'aria-live': 'polite' }),
      ),
      h(
        'section',
        { 'aria-labelledby': 'options-title' },
        h('h2', { id: 'options-title' }, w('options')),
        h(
          'div',
          { class: 'toolbar' },
          field('as-of', w('asOf'), h('input', { type: 'date', id: 'as-of', value: state.asOf, onchange: (e) => (state.asOf = (e.target as HTMLInputElement).value) }), w('asOfHint')),
          field(
            'time-zone',
            w('timeZone'),
            h('input', { type: 'text', id: 'time-zone', list: 'zones', value: state.timeZone, autocomplete: 'off', spellcheck: false, onchange: (e) => (state.timeZone = (e.target as HTMLInputElement).value.trim()) }),
          ),
          h('datalist', { id: 'zones' }, ...zones.map((z) => h('option', { value: z }))),
          field(
            'lang',
            w('language'),
            h(
              'select',
              {
                id: 'lang',
                onchange: (e) => {
                  state.lang = (e.target as HTMLSelectElement).value as Locale;
                  render();
                  byId('lang').focus();
                },
              },
              ...LANGS.map((l) => h('option', { value: l, selected: l === state.lang }, l === 'en' ? 'English' : '简体中文')),
            ),
          ),
          field(
            'grouping',
            w('grouping'),
            h(
              'select',
              { id: 'grouping', onchange: (e) => (state.grouping = (e.target as HTMLSelectElement).value as '' | BuiltInGroupKey) },
              ...GROUPINGS.map((g) => h('option', { value: g, selected: g === state.grouping }, g === '' ? w('noGrouping') : GROUP_WORDS[state.lang][g])),
            ),
          ),
        ),
        h('div', { class: 'buttons' }, h('button', { type: 'button', class: 'primary', id: 'run', onclick: () => void runReport() }, w('run'))),
      ),
    ),
    h(
      'section',
      { id: 'output', 'aria-labelledby': 'report-title', 'aria-busy': 'false' },
      h('h2', { id: 'report-title' }, w('report')),
      h('div', { id: 'status', 'aria-live': 'polite' }),
      h('div', { id: 'problems' }),
      h('div', { id: 'stderr' }),
      h(
        'div',
        { class: 'buttons', id: 'downloads', hidden: true },
        h('span', {}, `${w('download')}:`),
        h('button', { type: 'button', id: 'save-html', onclick: () => lastHtml !== undefined && download('sales-funnel-report.html', 'text/html', lastHtml) }, w('downloadHtml')),
        h('button', { type: 'button', id: 'save-json', onclick: () => download('sales-funnel-report.json', 'application/json', runCli('json').stdout) }, w('downloadJson')),
        h('button', { type: 'button', id: 'save-text', onclick: () => download('sales-funnel-report.txt', 'text/plain', runCli('text').stdout) }, w('downloadText')),
      ),
      h('div', { id: 'grouped-box' }),
      h('div', { id: 'report-box' }),
    ),
  );
  showSource();
  void runReport();
}

window.addEventListener('resize', () => {
  const frame = document.getElementById('report-frame');
  if (frame instanceof HTMLIFrameElement) fitFrame(frame);
});
render();
