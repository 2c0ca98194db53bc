import type { Locale } from '../index.js';
import { formatAmount, formatCount } from './format.js';
import { label } from './labels.js';
import type { Report, ReportFlowRow, ReportFunnel } from './report.js';
import { reportView, type ViewTable } from './view.js';

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
figcaption { color: var(--muted); font-size: 12px; }
svg text { font-family: inherit; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print { body { padding: 0; } h2 { break-after: avoid; } table { break-inside: avoid; } }
`;

function htmlTable(table: ViewTable): string {
  const cls = (align: 'left' | 'right') => (align === 'left' ? 'l' : 'r');
  const head = table.columns.map((c) => `<th class="${cls(c.align)}" scope="col">${escapeHtml(c.label)}</th>`).join('');
  const row = (cells: readonly string[], tag: 'td' | 'th' = 'td') =>
    `<tr>${table.columns.map((c, i) => `<${tag} class="${cls(c.align)}">${escapeHtml(cells[i] ?? '')}</${tag}>`).join('')}</tr>`;
  const body = table.rows.map((r) => row(r)).join('\n');
  const foot = table.total === undefined ? '' : `<tfoot>${row(table.total)}</tfoot>`;
  const caption = table.caption === undefined ? '' : `<h3>${escapeHtml(table.caption)}</h3>\n`;
  return `${caption}<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody>${foot}</table>`;
}

const BAND = 46;
const GAP = 6;
const FUNNEL_WIDTH = 420;
const FUNNEL_LEFT = 20;
const LABEL_X = FUNNEL_LEFT + FUNNEL_WIDTH + 28;
const SVG_WIDTH = 900;
const COLORS = ['#1d4e89', '#2a6bb0', '#3f86c6', '#63a0d4', '#8dbbe2', '#b5d3ee', '#d3e4f5', '#e6eff9'];

/** Round to tenths of a pixel: short, stable SVG coordinates. */
function px(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/**
 * The snapshot funnel as an inline SVG: one trapezoid per open stage, its top edge as
 * wide as the stage's deal count (relative to the largest stage) and its bottom edge as
 * wide as the next stage's, so the bands join into a funnel. Each band is labelled with
 * its count, and the stage's name, amount and weighted amount stand beside it.
 */
function funnelSvg(funnel: ReportFunnel, locale: 'en' | 'zh-CN'): string {
  const rows = funnel.rows;
  const max = Math.max(1, ...rows.map((r) => r.count));
  const minWidth = 8;
  const width = (count: number) => Math.max(minWidth, (FUNNEL_WIDTH * count) / max);
  const centre = FUNNEL_LEFT + FUNNEL_WIDTH / 2;
  const height = rows.length * (BAND + GAP) + 10;
  const title = label(locale, 'funnelChart');
  const shapes = rows.map((r, k) => {
    const top = width(r.count);
    const next = rows[k + 1];
    const bottom = next === undefined ? Math.max(minWidth, top * 0.7) : width(next.count);
    const y = 5 + k * (BAND + GAP);
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
    const detail = label(locale, 'chartDetail', { count: formatCount(r.count), amount: formatAmount(r.amount, locale), weighted: formatAmount(r.weighted, locale) });
    return [
      `<g><title>${escapeHtml(label(locale, 'chartTitle', { name: r.name, detail }))}</title>`,
      `<polygon points="${points}" fill="${fill}" stroke="#ffffff" stroke-width="1"/>`,
      `<text x="${px(centre)}" y="${px(y + BAND / 2 + 5)}" text-anchor="middle" font-size="15" font-weight="600" fill="${ink}">${escapeHtml(formatCount(r.count))}</text>`,
      `<text x="${LABEL_X}" y="${px(y + 19)}" font-size="14" font-weight="600" fill="#1f2933">${escapeHtml(r.name)}</text>`,
      `<text x="${LABEL_X}" y="${px(y + 37)}" font-size="12" fill="#616e7c">${escapeHtml(detail)}</text>`,
      `<line x1="${px(centre + Math.max(top, bottom) / 2 + 4)}" y1="${px(y + BAND / 2)}" x2="${LABEL_X - 8}" y2="${px(y + BAND / 2)}" stroke="#d9e2ec" stroke-width="1"/>`,
      '</g>',
    ].join('');
  });
  return [
    `<figure><svg role="img" aria-label="${escapeHtml(title)}" width="${SVG_WIDTH}" height="${height}" viewBox="0 0 ${SVG_WIDTH} ${height}">`,
    `<title>${escapeHtml(title)}</title>`,
    ...shapes,
    '</svg>',
    `<figcaption>${escapeHtml(title)}</figcaption></figure>`,
  ].join('\n');
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
 * charts of the snapshot funnel (one trapezoid per open stage, its width proportional to
 * the stage's deal count) and of the stage flow (one bar per stage, split into advanced,
 * lost, moved back and still there), and tables. No scripts, no external resources; every piece of text is
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
    parts.push(`<section id="${escapeHtml(section.id)}">`, `<h2>${escapeHtml(section.title)}</h2>`);
    if (section.intro !== undefined) parts.push(`<p class="intro">${escapeHtml(section.intro)}</p>`);
    if (section.id === 'funnel' && report.funnel !== undefined) parts.push(funnelSvg(report.funnel, locale));
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
