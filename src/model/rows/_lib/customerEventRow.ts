import { EVENT_COLUMNS, jsonText } from './rowKit.js';
import type { CustomerEventRow } from '../types.js';

/** The row of a wire customer event (`z.encode` of a domain event, `seq` included). */
export function customerEventRowOfWire(customerId: string, wire: Readonly<Record<string, unknown>>): CustomerEventRow {
  const payload: Record<string, unknown> = {};
  for (const key of Object.keys(wire)) if (!EVENT_COLUMNS.has(key)) payload[key] = wire[key];
  return {
    customer_id: customerId,
    seq: wire['seq'] as number,
    type: wire['type'] as CustomerEventRow['type'],
    at: wire['at'] as string,
    by: (wire['by'] as string | undefined) ?? null,
    id: (wire['id'] as string | undefined) ?? null,
    payload: jsonText(payload),
  };
}
