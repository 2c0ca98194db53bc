// Fields of a deal of a columns chunk as of an instant: the column forms of the rules of
// `opportunityAsOf` (src/model/opportunityAsOf.ts) that the analytics' column paths read.
import { COLUMN_EVENT_TYPES, type DealColumns } from '../../model/dealColumns.js';
import { minorUnitDigits } from '../../money/currency.js';
import { Decimal } from '../../money/decimal.js';
import type { Money } from '../../money/money.js';

const EV_AMOUNT_CHANGED = COLUMN_EVENT_TYPES.indexOf('amount_changed');

/**
 * Deal `i`'s amount as of `asOfMs` when its ledger changes the amount after then: the
 * `from` of the earliest `amount_changed` after `asOfMs`, exactly as `amountAt` reads a
 * deal object (the ledger after `asOfMs` is the run of events from the end whose times lie
 * after it); `undefined` when the current amount applies. Allocates nothing.
 */
export function amountChangedAfter(cols: DealColumns, i: number, asOfMs: number): Money | undefined {
  const ev = cols.events;
  const begin = ev.start[i]!;
  const end = ev.start[i + 1]!;
  const at = ev.at;
  let n = end;
  while (n > begin && at[n - 1]! > asOfMs) n--;
  if (n === end) return undefined;
  const types = ev.type;
  for (let e = n; e < end; e++) {
    if (types[e] !== EV_AMOUNT_CHANGED) continue;
    const event = ev.fieldEvents.get(e);
    if (event?.type === 'amount_changed') return event.from;
  }
  return undefined;
}

/** Deal `i`'s current amount as money (exact; allocates: for the slow paths). */
export function currentAmount(cols: DealColumns, i: number): Money {
  const currency = cols.currencies[cols.currency[i]!]!;
  const exact = cols.amountExact.get(i);
  return { amount: exact ?? minorToDecimal(cols.amountMinor[i]!, 10 ** minorUnitDigits(currency)), currency };
}

/** An exact integer number of minor units as a decimal amount (`scale` = 10^minor digits). */
export function minorToDecimal(minor: number, scale: number): Decimal {
  const d = new Decimal(minor);
  return scale === 1 ? d : d.div(scale);
}
