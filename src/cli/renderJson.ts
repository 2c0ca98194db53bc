import { Decimal } from '../index.js';
import type { Report } from './report.js';

/** Turns report data into JSON values: Decimals as exact strings, Dates as ISO strings, Maps as objects. */
function toJsonValue(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Decimal.isDecimal(value)) return value.toFixed();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toJsonValue(v)]));
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJsonValue(v);
    return out;
  }
  return null;
}

/**
 * Renders the report as stable JSON: the report data with exact decimal strings for
 * every amount (never rounded, never exponent notation), ISO 8601 instants, keys in a
 * fixed order, two-space indentation.
 *
 * @param report - The report data.
 * @returns The JSON text, ending with a newline.
 *
 * @category CLI
 * @example
 * ```ts
 * JSON.parse(renderJson(report)).deals.total; //=> 300
 * ```
 */
export function renderJson(report: Report): string {
  return `${JSON.stringify({ format: 'sales-funnel-report', version: 3, ...(toJsonValue(report) as object) }, null, 2)}\n`;
}
