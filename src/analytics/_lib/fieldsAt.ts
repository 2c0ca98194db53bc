import type { Money } from '../../money/money.js';
import type { Opportunity } from '../../model/opportunity.js';
import type { PlainDate } from '../../time/plainDate.js';

/**
 * The deal's amount as of `asOfMs`, reconstructed from the ledger: the `from` of the
 * earliest `amount_changed` after `asOfMs`, else the current amount.
 */
export function amountAt(o: Pick<Opportunity, 'amount' | 'history'>, asOfMs: number): Money {
  let value = o.amount;
  const h = o.history;
  for (let i = h.length - 1; i >= 0; i--) {
    const e = h[i]!;
    if (e.at.getTime() <= asOfMs) break;
    if (e.type === 'amount_changed') value = e.from;
  }
  return value;
}

/**
 * The deal's expected close date as of `asOfMs`, reconstructed from the ledger: the
 * `from` of the earliest `close_date_changed` after `asOfMs` (null = none), else the
 * current field.
 */
export function closeDateAt(o: Pick<Opportunity, 'expectedCloseDate' | 'history'>, asOfMs: number): PlainDate | undefined {
  let value = o.expectedCloseDate;
  const h = o.history;
  for (let i = h.length - 1; i >= 0; i--) {
    const e = h[i]!;
    if (e.at.getTime() <= asOfMs) break;
    if (e.type === 'close_date_changed') value = e.from ?? undefined;
  }
  return value;
}
