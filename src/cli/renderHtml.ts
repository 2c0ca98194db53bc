import type { Locale } from '../index.js';
import { formatCount } from './format.js';
import { label } from './labels.js';
import type { Report, ReportFlowRow } from './report.js';
import { reportView } from './view.js';
import type { ViewFunnel, ViewTable } from './viewTypes.js';

/**
 * Escapes text for HTML element content and attribute values.
 *
 * @param text - Any text.
 * @returns The text with `& < > " '` escaped.
 *
 * @category CLI
 * @example
 * ```ts
 * escapeHtml('<b>"R&D"</b>'); //=> '&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
:root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --rule: #d9e2ec; --band: #f5f7fa; --accent: #2f6fb0; }
* { box-sizing: border-box; }
body { margin: 0; padding: 32px 40px 48px; font: 14px/1.5 -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", Roboto, Helvetica, Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1080px; margin: 0 auto; }
h1 { font-size: 26px; margin: 0 0 8px; }
h2 { font-size: 19px; margin: 36px 0 6px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); }
h3 { font-size: 15px; margin: 18px 0 6px; }
p { margin: 6px 0; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0 12px; color: var(--muted); }
.meta dt { font-weight: 600; color: var(--ink); }
.meta dd { margin: 0; }
.intro, .note { color: var(--muted); }
table { border-collapse: collapse; margin: 8px 0 4px; font-variant-numeric: tabular-nums; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--rule); white-space: nowrap; }
th { background: var(--band); font-weight: 600; border-bottom: 2px solid var(--rule); }
td.r, th.r { text-align: right; }
td.l, th.l { text-align: left; }
tfoot td { font-weight: 600; border-top: 2px solid var(--rule); }
tbody tr:nth-child(even) td { background: #fbfcfd; }
figure { margin: 12px 0; }
td.w { white-space: normal; min-width: 16em; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 8px 24px; }
.charts svg { width: 100%; height: auto; }
.charts h3 { margin: 4px 0; }
figcaption { color: var(--muted); font-size: 12px; }
svg text { font-family: inherit; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print { body { padding: 0; } h2 { break-after: avoid; } table { break-inside: avoid; } }
`;

function htmlTable(table: ViewTable): string {
  const cls = (align: 'left' | 'right') => (align === 'left' ? 'l' : 'r');
  const head = table.columns.map((c) => `<th class="${cls(c.align)}" scope="col">${escapeHtml(c.label)}</th>`).join('');
  const row = (cells: readonly string[], tag: 'td' | 'th' = 'td') =>
    `<tr>${table.columns.map((c, i) => `<${tag} class="${cls(c.align)}${c.fit === 'wrap' ? ' w' : ''}">${escapeHtml(cells[i] ?? '')}</${tag}>`).join('')}</tr>`;
  const body = table.rows.map((r) => row(r)).join('\n');
  const foot = table.total === undefined ? '' : `<tfoot>${row(table.total)}</tfoot>`;
  const caption = table.caption === undefined ? '' : `<h3>${escapeHtml(table.caption)}</h3>\n`;
  return `${caption}<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody>${foot}</table>`;
}

const BAND = 40;
const GAP = 4;
/** The width of one funnel chart; two stand side by side. */
const CHART_WIDTH = 440;
/** Stage names end here (right-aligned); the funnel is drawn to their right. */
const LABEL_END = 128;
const FUNNEL_LEFT = 136;
const FUNNEL_WIDTH = 296;
const SVG_WIDTH = 900;
const COLORS = ['#1d4e89', '#2a6bb0', '#3f86c6', '#63a0d4', '#8dbbe2', '#b5d3ee', '#d3e4f5', '#e6eff9'];

/** Round to tenths of a pixel: short, stable SVG coordinates. */
function px(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/**
 * One funnel chart as an inline SVG: a trapezoid per stage, its top edge as wide as the
 * stage's count (relative to the largest) and its bottom edge as wide as the next
 * stage's, so the bands join into a funnel; the count inside, the stage's name to the
 * left, the row's tooltip as its title. Its heading above, its one-line note below.
 */
function funnelSvg(chart: ViewFunnel): string {
  const rows = chart.rows;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const minWidth = 8;
  const width = (value: number) => Math.max(minWidth, (FUNNEL_WIDTH * value) / max);
  const centre = FUNNEL_LEFT + FUNNEL_WIDTH / 2;
  const height = rows.length * (BAND + GAP) + 6;
  const shapes = rows.map((r, k) => {
    const top = width(r.value);
    const next = rows[k + 1];
    const bottom = next === undefined ? Math.max(minWidth, top * 0.7) : width(next.value);
    const y = 3 + k * (BAND + GAP);
    const points = [
      [centre - top / 2, y],
      [centre + top / 2, y],
      [centre + bottom / 2, y + BAND],
      [centre - bottom / 2, y + BAND],
    ]
      .map(([x, yy]) => `${px(x!)},${px(yy!)}`)
      .join(' ');
    const fill = COLORS[Math.min(k, COLORS.length - 1)]!;
    const ink = k < 4 ? '#ffffff' : '#1f2933';
    // A band too narrow for its count has the count beside it.
    const inside = Math.min(top, bottom) >= 36;
    const countX = inside ? centre : centre + Math.max(top, bottom) / 2 + 6;
    return [
      `<g><title>${escapeHtml(r.title)}</title>`,
      `<polygon points="${points}" fill="${fill}" stroke="#ffffff" stroke-width="1"/>`,
      `<text x="${px(countX)}" y="${px(y + BAND / 2 + 5)}" text-anchor="${inside ? 'middle' : 'start'}" font-size="14" font-weight="600" fill="${inside ? ink : '#1f2933'}">${escapeHtml(formatCount(r.value))}</text>`,
      `<text x="${LABEL_END}" y="${px(y + BAND / 2 + 5)}" text-anchor="end" font-size="13" fill="#1f2933">${escapeHtml(r.label)}</text>`,
      '</g>',
    ].join('');
  });
  return [
    '<figure>',
    `<h3>${escapeHtml(chart.title)}</h3>`,
    `<svg role="img" aria-label="${escapeHtml(chart.title)}" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}">`,
    `<title>${escapeHtml(chart.title)}</title>`,
    ...shapes,
    '</svg>',
    `<figcaption>${escapeHtml(chart.note)}</figcaption></figure>`,
  ].join('\n');
}

/** The snapshot and the stage flow as two funnel charts side by side, each with its note. */
function funnelPair(charts: readonly [ViewFunnel, ViewFunnel]): string {
  return `<div class="charts">\n${charts.map(funnelSvg).join('\n')}\n</div>`;
}

const FLOW_PARTS = [
  ['advanced', '#2f855a'],
  ['lost', '#c53030'],
  ['regressed', '#d69e2e'],
  ['stillThere', '#a0aec0'],
] as const;

/**
 * The stage flow as an inline SVG: one bar per open stage, as long as the stage's
 * entries (relative to the busiest stage) and split into what became of them: advanced,
 * lost, moved back and still there (the four add up to the entries).
 */
function flowSvg(rows: readonly ReportFlowRow[], locale: 'en' | 'zh-CN'): string {
  const max = Math.max(1, ...rows.map((r) => r.entered));
  const barLeft = 200;
  const barWidth = SVG_WIDTH - barLeft - 20;
  const row = 30;
  const legendY = 14;
  const height = legendY + 16 + rows.length * row + 6;
  const title = label(locale, 'flowChart');
  const legend = FLOW_PARTS.map(([key, colour], i) => {
    const x = barLeft + i * 150;
    return `<rect x="${x}" y="${legendY - 10}" width="12" height="12" fill="${colour}"/><text x="${x + 18}" y="${legendY}" font-size="12" fill="#1f2933">${escapeHtml(label(locale, key))}</text>`;
  });
  const bars = rows.map((r, k) => {
    const y = legendY + 16 + k * row;
    let x = barLeft;
    const segments = FLOW_PARTS.map(([key, colour]) => {
      const w = (barWidth * r[key]) / max;
      const rect = w > 0 ? `<rect x="${px(x)}" y="${y}" width="${px(w)}" height="${row - 8}" fill="${colour}"/>` : '';
      x += w;
      return rect;
    }).join('');
    const detail = label(locale, 'flowChartTitle', {
      name: r.name,
      entered: formatCount(r.entered),
      advanced: formatCount(r.advanced),
      lost: formatCount(r.lost),
      regressed: formatCount(r.regressed),
      stillThere: formatCount(r.stillThere),
    });
    return [
      `<g><title>${escapeHtml(detail)}</title>`,
      `<text x="${barLeft - 8}" y="${y + (row - 8) / 2 + 5}" text-anchor="end" font-size="13" fill="#1f2933">${escapeHtml(`${r.name} (${formatCount(r.entered)})`)}</text>`,
      segments,
      '</g>',
    ].join('');
  });
  return [
    `<figure><svg role="img" aria-label="${escapeHtml(title)}" width="${SVG_WIDTH}" height="${height}" viewBox="0 0 ${SVG_WIDTH} ${height}">`,
    `<title>${escapeHtml(title)}</title>`,
    ...legend,
    ...bars,
    '</svg>',
    `<figcaption>${escapeHtml(title)}</figcaption></figure>`,
  ].join('\n');
}

/**
 * Renders the report as one self-contained HTML document: inline CSS, inline SVG
 * charts — two funnels side by side, the snapshot (open deals per stage now) and the
 * stage flow (deals that ever entered each stage, which narrows), each with a one-line
 * note of what it shows (one trapezoid per open stage, its width proportional to the
 * count), and the stage flow's outcomes (one bar per stage, split into advanced, lost,
 * moved back and still there) — and tables. No scripts, no external resources; every piece of text is
 * escaped.
 *
 * @param report - The report data.
 * @param locale - `'en'` or `'zh-CN'` (also the document's `lang`).
 * @returns The HTML document.
 *
 * @category CLI
 * @example
 * ```ts
 * writeFileSync('report.html', renderHtml(report, 'zh-CN'));
 * ```
 */
export function renderHtml(report: Report, locale: Locale): string {
  const view = reportView(report, locale);
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(view.title)}</h1>`);
  parts.push(`<dl class="meta">${view.meta.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`);
  parts.push(`<p>${escapeHtml(view.summary)}</p>`, `<p class="note">${escapeHtml(view.note)}</p>`);
  for (const section of view.sections) {
    if (section.omitted === true) {
      parts.push(`<section id="${escapeHtml(section.id)}">`, ...section.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`), '</section>');
      continue;
    }
    parts.push(`<section id="${escapeHtml(section.id)}">`, `<h2>${escapeHtml(section.title)}</h2>`);
    if (section.intro !== undefined) parts.push(`<p class="intro">${escapeHtml(section.intro)}</p>`);
    if (section.funnels !== undefined) parts.push(funnelPair(section.funnels));
    if (section.id === 'flow' && report.flow !== undefined) parts.push(flowSvg(report.flow.rows, locale));
    for (const table of section.tables) parts.push(htmlTable(table));
    for (const note of section.notes) parts.push(`<p class="note">${escapeHtml(note)}</p>`);
    parts.push('</section>');
  }
  parts.push(`<footer>${escapeHtml(label(locale, 'generatedBy'))}</footer>`);
  return `<!DOCTYPE html>
<html lang="${locale === 'zh-CN' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${view.title} — ${report.pipeline.name}`)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${parts.join('\n')}
</main>
</body>
</html>
`;
}
