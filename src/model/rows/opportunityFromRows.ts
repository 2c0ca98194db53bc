import type { Opportunity } from '../opportunity.js';
import { unwrap } from './_lib/rowKit.js';
import { safeOpportunityFromRows, type OpportunityFromRowsOptions } from './safeOpportunityFromRows.js';
import type { EventRowInput, OpportunityRowInput } from './types.js';

/**
 * Reads an opportunity back from its header row and its event rows (see
 * {@link opportunityToRows}), through the library's parser: the deal is checked as
 * {@link parseOpportunity} checks it (with `pipeline`, against the pipeline too), so
 * rows that contradict the ledger are refused with coded issues, each with a path.
 *
 * Rows may come as drivers return them: amounts as decimal text (read `NUMERIC` as
 * text; a number is accepted only with at most 15 significant digits), `DATE` columns
 * as `YYYY-MM-DD` text, instants as `Date`s or text, whole numbers as numbers, bigints
 * or digits, JSON columns as text or parsed `jsonb` values; null columns are absent
 * fields. The event rows may come in any order: they are put in `seq` order, and the
 * sequence must then be 1, 2, 3, … (`ledger_seq_mismatch`).
 *
 * Besides the parser's rules: every event row must belong to the opportunity (its
 * `opportunity_id`, when present, is the header's `id`), and the header's `version`
 * must equal the number of event rows, else `version_conflict` at `version` (header
 * and events read at different moments: read both in one transaction).
 *
 * Paths are those of the opportunity (`amount.amount`, `history.3.at`, where
 * `history.<i>` is the (i+1)-th event row by `seq`), plus `version`, and for a row
 * that cannot be read at all (payload not JSON, `seq` not a whole number), its column
 * (`history.<i>.payload`, `<i>` its index in `events` as given); such rows are
 * reported alone, before the deal is parsed.
 *
 * @param opportunity - The header row, as the driver returned it.
 * @param events - Its event rows, in any order.
 * @param options - `pipeline` to check the deal against it; `allowEmptyHistory`.
 * @returns The opportunity.
 * @throws `ZodError` listing every issue (see {@link toFunnelIssues});
 *   {@link FunnelError} `invalid_argument` when `opportunity` is not an object or
 *   `events` not an array, `invalid_option` for bad options.
 *
 * @category Storage
 * @example
 * ```ts
 * import { opportunityFromRows, opportunityToRows, type Opportunity, type Pipeline } from 'sales-funnel';
 * declare const deal: Opportunity;
 * declare const pipeline: Pipeline;
 * const rows = opportunityToRows(deal);
 * const again = opportunityFromRows(rows.opportunity, rows.events, { pipeline });
 * again.history.length === rows.opportunity.version; //=> true
 * ```
 */
export function opportunityFromRows(opportunity: OpportunityRowInput, events: readonly EventRowInput[], options?: OpportunityFromRowsOptions): Opportunity {
  return unwrap(safeOpportunityFromRows(opportunity, events, options));
}
