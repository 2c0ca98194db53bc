// The forecast page: a handful of deals with sliders for amount and win probability; the
// library's exact distribution of won revenue (`forecastDistribution`) drawn as a chart,
// with P10 / P50 / P90, the chance of reaching a quota and the weighted total.
import { Decimal, forecastDistribution, money, multiply, type CurrencyCode, type ExactForecastDistribution, type Locale } from 'sales-funnel';
import { byId, esc, h, replace, svg } from './_lib/dom.js';
import { amountText, compactText, moneyText, percentText } from './_lib/format.js';
import { applyLang, fill, initialLang, langSelect, type Words } from './_lib/lang.js';

const CURRENCY: CurrencyCode = 'CNY';
const MAX_AMOUNT = 3_000_000;
const AMOUNT_STEP = 10_000;
const MAX_DEALS = 8;

interface Deal {
  name: string;
  /** Whole yuan, a multiple of {@link AMOUNT_STEP}. */
  amount: number;
  /** Whole percent, 0–100. */
  percent: number;
}

const WORDS: Words<
  | 'title'
  | 'lead'
  | 'privacy'
  | 'deals'
  | 'deal'
  | 'name'
  | 'amount'
  | 'probability'
  | 'weightedDeal'
  | 'remove'
  | 'add'
  | 'quota'
  | 'results'
  | 'weighted'
  | 'weightedNote'
  | 'p10'
  | 'p50'
  | 'p90'
  | 'atLeastQuota'
  | 'minimum'
  | 'maximum'
  | 'sd'
  | 'chart'
  | 'chartCaption'
  | 'chartLabel'
  | 'outcomes'
  | 'revenue'
  | 'exactly'
  | 'atLeast'
  | 'quotaMark'
  | 'meanMark'
  | 'newDeal'
  | 'code'
> = {
  en: {
    title: 'Forecast range: what the pipeline may bring',
    lead: 'Each deal is won with its probability, independently of the others. The library computes the exact distribution of the revenue won (forecastDistribution), its P10 / P50 / P90 and the chance of reaching a quota; the weighted total (Σ amount × probability) is its mean.',
    privacy: 'Everything is computed in this page by the library’s browser bundle; nothing is sent anywhere.',
    deals: 'Deals',
    deal: 'Deal {n}',
    name: 'Name of deal {n}',
    amount: 'Amount',
    probability: 'Win probability',
    weightedDeal: 'weighted {value}',
    remove: 'Remove',
    add: 'Add a deal',
    quota: 'Quota (CNY)',
    results: 'Revenue won',
    weighted: 'Weighted total',
    weightedNote: 'Σ amount × probability, the mean of the distribution',
    p10: 'P10 (conservative)',
    p50: 'P50 (median)',
    p90: 'P90 (optimistic)',
    atLeastQuota: 'P(revenue ≥ quota)',
    minimum: 'Least possible',
    maximum: 'Most possible',
    sd: 'Standard deviation',
    chart: 'Distribution of revenue won',
    chartCaption: 'Each bar is one possible revenue and its exact probability; bars at or above the quota are dark.',
    chartLabel: 'Distribution of revenue won over {count} possible outcomes; P10 {p10}, P50 {p50}, P90 {p90}; chance of reaching the quota {quota}.',
    outcomes: 'Every possible outcome',
    revenue: 'Revenue',
    exactly: 'P(revenue = x)',
    atLeast: 'P(revenue ≥ x)',
    quotaMark: 'quota',
    meanMark: 'weighted',
    newDeal: 'New deal',
    code: 'The same in code',
  },
  'zh-CN': {
    title: '预测区间：管道可能带来多少收入',
    lead: '每个商机按各自的赢率独立成交。本库计算赢单收入的精确分布（forecastDistribution）、P10 / P50 / P90 以及完成定额的概率；加权合计（Σ 金额 × 赢率）就是分布的均值。',
    privacy: '所有计算都由本库的浏览器版本在此页面内完成，不会向任何地方发送数据。',
    deals: '商机',
    deal: '商机 {n}',
    name: '商机 {n} 的名称',
    amount: '金额',
    probability: '赢率',
    weightedDeal: '加权 {value}',
    remove: '删除',
    add: '添加商机',
    quota: '定额（CNY）',
    results: '赢单收入',
    weighted: '加权合计',
    weightedNote: 'Σ 金额 × 赢率，即分布的均值',
    p10: 'P10（保守）',
    p50: 'P50（中位数）',
    p90: 'P90（乐观）',
    atLeastQuota: 'P(收入 ≥ 定额)',
    minimum: '最少可能',
    maximum: '最多可能',
    sd: '标准差',
    chart: '赢单收入的分布',
    chartCaption: '每根柱子是一种可能的收入及其精确概率；达到或超过定额的柱子为深色。',
    chartLabel: '赢单收入的分布，共 {count} 种可能结果；P10 {p10}，P50 {p50}，P90 {p90}；完成定额的概率 {quota}。',
    outcomes: '所有可能的结果',
    revenue: '收入',
    exactly: 'P(收入 = x)',
    atLeast: 'P(收入 ≥ x)',
    quotaMark: '定额',
    meanMark: '加权',
    newDeal: '新商机',
    code: '对应的代码',
  },
};

const state: { lang: Locale; deals: Deal[]; quota: number } = {
  lang: initialLang(),
  deals: [
    { name: '华东 ERP 升级 · East China ERP upgrade', amount: 1_200_000, percent: 60 },
    { name: '深圳门店系统 · Shenzhen store system', amount: 450_000, percent: 35 },
    { name: '北京数据平台 · Beijing data platform', amount: 2_000_000, percent: 20 },
    { name: '成都续约 · Chengdu renewal', amount: 300_000, percent: 90 },
    { name: '杭州试点 · Hangzhou pilot', amount: 150_000, percent: 50 },
  ],
  quota: 2_000_000,
};

function w(key: keyof (typeof WORDS)['en'], params: Readonly<Record<string, string | number>> = {}): string {
  return fill(WORDS[state.lang][key], params);
}

/** The deals as the library reads them: money and a probability with two decimals. */
function forecastDeals(): { amount: ReturnType<typeof money>; probability: string }[] {
  return state.deals.map((d) => ({ amount: money(String(d.amount), CURRENCY), probability: (d.percent / 100).toFixed(2) }));
}

/** Every possible revenue (the sums of the subsets of deals), ascending, with P(= x) read from the library's P(≥ x). */
function outcomes(dist: ExactForecastDistribution): { amount: number; exactly: number; atLeast: number }[] {
  let sums = new Set<number>([0]);
  for (const d of state.deals) sums = new Set([...sums, ...[...sums].map((s) => s + d.amount)]);
  const sorted = [...sums].sort((a, b) => a - b);
  const atLeast = sorted.map((s) => dist.probabilityAtLeast(money(String(s), CURRENCY)));
  return sorted
    .map((amount, i) => ({ amount, atLeast: atLeast[i]!, exactly: Math.max(0, atLeast[i]! - (atLeast[i + 1] ?? 0)) }))
    .filter((o) => o.exactly > 1e-15);
}

/** A figure of the results panel; `value` is machine-readable (exact decimal or probability). */
function figure(id: string, label: string, text: string, value: string, key = false, note?: string): HTMLElement {
  return h(
    'div',
    { class: key ? 'figure key' : 'figure' },
    h('div', { class: 'k', id: `${id}-label` }, label),
    h('div', { class: 'v', id, 'data-value': value, 'aria-labelledby': `${id}-label ${id}` }, text),
    note === undefined ? null : h('div', { class: 'hint' }, note),
  );
}

function chart(dist: ExactForecastDistribution, points: readonly { amount: number; exactly: number }[], probabilityOfQuota: number, width: number): SVGSVGElement {
  const height = 260;
  const left = 44;
  const right = 16;
  const top = 68;
  const bottom = 34;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const xMax = Math.max(dist.maximum.toNumber(), state.quota, 1) * 1.04;
  const yMax = Math.max(...points.map((p) => p.exactly), 0.01);
  const x = (v: number) => left + (v / xMax) * plotW;
  const y = (p: number) => top + plotH - (p / yMax) * plotH;
  const barW = Math.max(3, Math.min(22, (plotW / Math.max(points.length, 1)) * 0.7));
  const parts: string[] = [];
  // Horizontal grid and probability axis.
  for (const t of [0, 0.5, 1]) {
    const yy = y(yMax * t);
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${yy.toFixed(1)}" y2="${yy.toFixed(1)}" stroke="#d9e2ec"/>`);
    parts.push(`<text x="${left - 6}" y="${(yy + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#52606d">${esc(percentText(yMax * t, 0))}</text>`);
  }
  // Amount axis: round ticks (1, 2 or 5 times a power of ten), about four of them.
  const raw = xMax / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const tick = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  for (let v = 0; v <= xMax; v += tick) {
    parts.push(`<text x="${x(v).toFixed(1)}" y="${height - bottom + 16}" text-anchor="${v === 0 ? 'start' : 'middle'}" font-size="11" fill="#52606d">${esc(compactText(v, state.lang))}</text>`);
  }
  for (const p of points) {
    const fill = p.amount >= state.quota ? '#1d4e89' : '#9fb3c8';
    const yy = y(p.exactly);
    parts.push(
      `<rect x="${(x(p.amount) - barW / 2).toFixed(1)}" y="${yy.toFixed(1)}" width="${barW.toFixed(1)}" height="${(top + plotH - yy).toFixed(1)}" fill="${fill}"><title>${esc(`${moneyText(new Decimal(p.amount), CURRENCY)}: ${percentText(p.exactly)}`)}</title></rect>`,
    );
  }
  parts.push(`<line x1="${left}" x2="${width - right}" y1="${top + plotH}" y2="${top + plotH}" stroke="#52606d"/>`);
  // Markers: quota, weighted total (mean), P10 / P50 / P90, each on its own row of labels.
  const marker = (value: number, label: string, row: number, color: string, dash: string) => {
    const xx = x(value);
    const anchor = xx < left + 40 ? 'start' : xx > width - right - 40 ? 'end' : 'middle';
    parts.push(`<line x1="${xx.toFixed(1)}" x2="${xx.toFixed(1)}" y1="${top - 6 - row * 14}" y2="${top + plotH}" stroke="${color}" stroke-width="1.5" stroke-dasharray="${dash}"/>`);
    parts.push(`<text x="${xx.toFixed(1)}" y="${top - 9 - row * 14}" text-anchor="${anchor}" font-size="11" font-weight="600" fill="${color}">${esc(label)}</text>`);
  };
  marker(dist.p10.toNumber(), 'P10', 0, '#334e68', '2 2');
  marker(dist.p50.toNumber(), 'P50', 1, '#334e68', '2 2');
  marker(dist.p90.toNumber(), 'P90', 0, '#334e68', '2 2');
  marker(dist.mean.toNumber(), w('meanMark'), 2, '#1e7b4d', '1 3');
  marker(state.quota, `${w('quotaMark')} ${percentText(probabilityOfQuota, 1)}`, 3, '#b42318', '6 3');
  const label = w('chartLabel', { count: points.length, p10: moneyText(dist.p10, CURRENCY), p50: moneyText(dist.p50, CURRENCY), p90: moneyText(dist.p90, CURRENCY), quota: percentText(probabilityOfQuota) });
  return svg(
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title>${esc(label)}</title>${parts.join('')}</svg>`,
  );
}

function renderResults(): void {
  const results = byId('results');
  const dist = forecastDistribution(forecastDeals());
  const quota = money(String(state.quota), CURRENCY);
  const pQuota = dist.probabilityAtLeast(quota);
  const points = outcomes(dist);
  const chartBox = byId('chart-box');
  const width = Math.max(300, Math.min(900, Math.floor(chartBox.clientWidth || 640)));
  replace(
    results,
    h(
      'div',
      { class: 'figures' },
      figure('weighted', w('weighted'), moneyText(dist.mean, CURRENCY), dist.mean.toString(), true, w('weightedNote')),
      figure('p-quota', w('atLeastQuota'), percentText(pQuota), String(pQuota), true),
      figure('p10', w('p10'), moneyText(dist.p10, CURRENCY), dist.p10.toString()),
      figure('p50', w('p50'), moneyText(dist.p50, CURRENCY), dist.p50.toString()),
      figure('p90', w('p90'), moneyText(dist.p90, CURRENCY), dist.p90.toString()),
      figure('minimum', w('minimum'), moneyText(dist.minimum, CURRENCY), dist.minimum.toString()),
      figure('maximum', w('maximum'), moneyText(dist.maximum, CURRENCY), dist.maximum.toString()),
      figure('sd', w('sd'), moneyText(dist.standardDeviation.toDecimalPlaces(2), CURRENCY), dist.standardDeviation.toString()),
    ),
  );
  replace(chartBox, h('figure', { class: 'chart' }, chart(dist, points, pQuota, width), h('figcaption', {}, w('chartCaption'))));
  replace(
    byId('outcomes'),
    h('summary', {}, `${w('outcomes')} (${points.length})`),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { id: 'outcome-table' },
        h('thead', {}, h('tr', {}, h('th', { class: 'r', scope: 'col' }, `${w('revenue')} (${CURRENCY})`), h('th', { class: 'r', scope: 'col' }, w('exactly')), h('th', { class: 'r', scope: 'col' }, w('atLeast')))),
        h(
          'tbody',
          {},
          ...points.map((p) =>
            h(
              'tr',
              { 'data-amount': p.amount, 'data-exactly': p.exactly, 'data-at-least': p.atLeast },
              h('td', { class: 'r' }, amountText(new Decimal(p.amount))),
              h('td', { class: 'r' }, percentText(p.exactly, 3)),
              h('td', { class: 'r' }, percentText(p.atLeast, 3)),
            ),
          ),
        ),
      ),
    ),
  );
  replace(byId('code'), codeSample());
  for (const [i, d] of state.deals.entries()) {
    const out = document.getElementById(`weighted-${i}`);
    if (out !== null) out.textContent = w('weightedDeal', { value: moneyText(multiply(money(String(d.amount), CURRENCY), (d.percent / 100).toFixed(2)).amount, CURRENCY) });
  }
}

function codeSample(): string {
  const deals = state.deals.map((d) => `  { amount: money('${d.amount}', 'CNY'), probability: '${(d.percent / 100).toFixed(2)}' },`).join('\n');
  return `import { forecastDistribution, money } from 'sales-funnel';\n\nconst d = forecastDistribution([\n${deals}\n]);\nd.mean;  // weighted total\nd.p10; d.p50; d.p90;\nd.probabilityAtLeast(money('${state.quota}', 'CNY'));`;
}

function dealCard(deal: Deal, i: number): HTMLElement {
  const amountOut = h('output', { id: `amount-out-${i}`, for: `amount-${i}` }, moneyText(money(String(deal.amount), CURRENCY).amount, CURRENCY));
  const percentOut = h('output', { id: `percent-out-${i}`, for: `percent-${i}` }, `${deal.percent}%`);
  return h(
    'fieldset',
    { class: 'deal', 'data-deal': i },
    h('legend', { class: 'visually-hidden' }, w('deal', { n: i + 1 })),
    h(
      'div',
      { class: 'name' },
      h('label', { for: `name-${i}`, class: 'visually-hidden' }, w('name', { n: i + 1 })),
      h('input', { type: 'text', id: `name-${i}`, value: deal.name, oninput: (e) => (deal.name = (e.target as HTMLInputElement).value) }),
      h(
        'button',
        {
          type: 'button',
          class: 'remove',
          disabled: state.deals.length <= 1,
          'aria-label': `${w('remove')}: ${w('deal', { n: i + 1 })}`,
          onclick: () => {
            state.deals.splice(i, 1);
            renderDeals();
            byId<HTMLButtonElement>('add-deal').focus();
          },
        },
        w('remove'),
      ),
    ),
    h(
      'div',
      { class: 'row' },
      h(
        'div',
        {},
        h('label', { for: `amount-${i}` }, `${w('amount')} `, amountOut),
        h('input', {
          type: 'range',
          id: `amount-${i}`,
          min: 0,
          max: MAX_AMOUNT,
          step: AMOUNT_STEP,
          value: deal.amount,
          'aria-valuetext': `${CURRENCY} ${amountText(money(String(deal.amount), CURRENCY).amount)}`,
          oninput: (e) => {
            const input = e.target as HTMLInputElement;
            deal.amount = Number(input.value);
            const text = moneyText(money(String(deal.amount), CURRENCY).amount, CURRENCY);
            amountOut.textContent = text;
            input.setAttribute('aria-valuetext', text);
            renderResults();
          },
        }),
      ),
      h(
        'div',
        {},
        h('label', { for: `percent-${i}` }, `${w('probability')} `, percentOut),
        h('input', {
          type: 'range',
          id: `percent-${i}`,
          min: 0,
          max: 100,
          step: 1,
          value: deal.percent,
          'aria-valuetext': `${deal.percent}%`,
          oninput: (e) => {
            const input = e.target as HTMLInputElement;
            deal.percent = Number(input.value);
            percentOut.textContent = `${deal.percent}%`;
            input.setAttribute('aria-valuetext', `${deal.percent}%`);
            renderResults();
          },
        }),
      ),
    ),
    h('div', { class: 'hint', id: `weighted-${i}` }),
  );
}

function renderDeals(): void {
  replace(byId('deals'), ...state.deals.map(dealCard));
  byId<HTMLButtonElement>('add-deal').disabled = state.deals.length >= MAX_DEALS;
  renderResults();
}

function render(): void {
  applyLang(state.lang);
  byId('title').textContent = w('title');
  document.title = `${w('title')} — sales-funnel`;
  replace(
    byId('app'),
    h('p', { class: 'lead' }, w('lead')),
    h(
      'div',
      { class: 'toolbar' },
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'quota' }, w('quota')),
        h('input', {
          type: 'number',
          id: 'quota',
          min: 0,
          step: AMOUNT_STEP,
          value: state.quota,
          inputmode: 'numeric',
          oninput: (e) => {
            const input = e.target as HTMLInputElement;
            const value = Number(input.value);
            const ok = input.value !== '' && Number.isSafeInteger(value) && value >= 0;
            input.setAttribute('aria-invalid', String(!ok));
            if (!ok) return;
            state.quota = value;
            renderResults();
          },
        }),
      ),
      langSelect(state.lang, (lang) => {
        state.lang = lang;
        render();
        byId('lang').focus();
      }),
    ),
    h('p', { class: 'privacy' }, w('privacy')),
    h(
      'div',
      { class: 'grid side' },
      h(
        'section',
        { 'aria-labelledby': 'results-title' },
        h('h2', { id: 'results-title' }, w('results')),
        h('div', { id: 'results', 'aria-live': 'polite' }),
        h('h3', {}, w('chart')),
        h('div', { id: 'chart-box' }),
        h('details', { id: 'outcomes' }),
        h('details', {}, h('summary', {}, w('code')), h('pre', { class: 'out', id: 'code' })),
      ),
      h(
        'section',
        { 'aria-labelledby': 'deals-title' },
        h('h2', { id: 'deals-title' }, w('deals')),
        h('div', { id: 'deals' }),
        h(
          'div',
          { class: 'buttons' },
          h(
            'button',
            {
              type: 'button',
              id: 'add-deal',
              onclick: () => {
                state.deals.push({ name: `${w('newDeal')} ${state.deals.length + 1}`, amount: 500_000, percent: 50 });
                renderDeals();
                byId<HTMLInputElement>(`amount-${state.deals.length - 1}`).focus();
              },
            },
            w('add'),
          ),
        ),
      ),
    ),
  );
  renderDeals();
}

let resizeTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(renderResults, 150);
});
render();
