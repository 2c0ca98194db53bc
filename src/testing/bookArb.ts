import fc from 'fast-check';
import { wholeNumberOption } from '../_lib/options.js';
import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import type { Customer } from '../model/customer.js';
import type { CustomerId } from '../model/ids.js';
import type { Opportunity } from '../model/opportunity.js';
import type { Pipeline } from '../model/pipeline.js';
import { buildDeal, dealDrawArb } from './_lib/dealLife.js';
import { dealSettings } from './_lib/dealSettings.js';
import { pipelineOption, textOption } from './_lib/textOptions.js';
import { customerArb } from './customerArb.js';
import type { OpportunityConstraints } from './opportunityArb.js';
import { pipelineArb } from './pipelineArb.js';

/**
 * Constraints for {@link bookArb}. The timeline and knob fields (`from`, `to`, `asOf`,
 * `closedShare`, `winRate`, `suspendedShare`, `daysPerStage`, `maxSteps`, `maxAmount`,
 * `startAnywhere`, `owners`, `regions`) mean what they mean for {@link opportunityArb}.
 *
 * @category Testing
 */
export interface BookConstraints extends Omit<OpportunityConstraints, 'pipeline' | 'customers' | 'idPrefix'> {
  /**
   * The pipeline of every deal in the book.
   * @defaultValue a pipeline drawn from `pipelineArb()`
   */
  readonly pipeline?: Pipeline;
  /**
   * Fewest customers (at least 1 when the book may hold deals).
   * @defaultValue 1
   */
  readonly minCustomers?: number;
  /**
   * Most customers.
   * @defaultValue 10
   */
  readonly maxCustomers?: number;
  /**
   * Fewest opportunities.
   * @defaultValue 0
   */
  readonly minDeals?: number;
  /**
   * Most opportunities.
   * @defaultValue 30
   */
  readonly maxDeals?: number;
  /**
   * Customer id prefix: customers are `c-1`, `c-2`, … (must differ from `opportunityIdPrefix`).
   * @defaultValue `'c'`
   */
  readonly customerIdPrefix?: string;
  /**
   * Opportunity id prefix: opportunities are `o-1`, `o-2`, …
   * @defaultValue `'o'`
   */
  readonly opportunityIdPrefix?: string;
  /**
   * Industries customers are drawn from (some have none).
   * @defaultValue `['制造业', '能源', '零售', '信息技术']`
   */
  readonly industries?: readonly string[];
}

/**
 * A generated book of business: one pipeline, its customers and their opportunities.
 *
 * @category Testing
 */
export interface Book {
  /** The pipeline every opportunity belongs to. */
  readonly pipeline: Pipeline;
  /** Customers `c-1` … `c-N`. */
  readonly customers: Customer[];
  /** Opportunities `o-1` … `o-M`, each of one of the customers. */
  readonly opportunities: Opportunity[];
}

/**
 * A whole book of business, usable as seed data for a CRM's test database or as input
 * to the library's reports: a pipeline, customers and opportunities whose ids are
 * unique across the book (customers `c-1…`, opportunities `o-1…`), each opportunity of
 * a generated customer (and in that customer's region) and of the pipeline, every
 * ledger ending by `asOf`. The deals are those of {@link opportunityArb}, with the same
 * knobs for the share of deals closed, the win rate, the share suspended and the
 * cycle time; every value passes the library's schemas.
 *
 * @param constraints - The pipeline, counts, id prefixes, timeline and knobs.
 * @returns An arbitrary of {@link Book}.
 * @throws {@link sales-funnel!FunnelError} `invalid_option { option }` at once for a bad
 *   constraint (counts out of order, equal id prefixes, a share outside [0, 1], …).
 *
 * @category Testing
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { bookArb } from 'sales-funnel/testing';
 * // Seed data: the same book on every run (a fixed seed), as the books read at the end of June 2026.
 * const [book] = fc.sample(bookArb({ minDeals: 50, maxDeals: 50, winRate: 0.3, asOf: '2026-06-30T16:00:00Z' }), { numRuns: 1, seed: 2026 });
 * book!.opportunities.length; //=> 50
 * book!.opportunities.every((o) => o.history.every((e) => e.at.getTime() <= Date.parse('2026-06-30T16:00:00Z'))); //=> true
 * ```
 */
export function bookArb(constraints: BookConstraints = {}): fc.Arbitrary<Book> {
  const given = constraints.pipeline === undefined ? undefined : pipelineOption(constraints.pipeline);
  const minDeals = wholeNumberOption(constraints.minDeals ?? 0, 'minDeals', { max: 100_000 });
  const maxDeals = wholeNumberOption(constraints.maxDeals ?? Math.max(30, minDeals), 'maxDeals', { min: minDeals, max: 100_000 });
  const minCustomers = wholeNumberOption(constraints.minCustomers ?? 1, 'minCustomers', { min: maxDeals > 0 ? 1 : 0, max: 100_000 });
  const maxCustomers = wholeNumberOption(constraints.maxCustomers ?? Math.max(10, minCustomers), 'maxCustomers', { min: minCustomers, max: 100_000 });
  const customerIdPrefix = textOption(constraints.customerIdPrefix ?? 'c', 'customerIdPrefix');
  const opportunityIdPrefix = textOption(constraints.opportunityIdPrefix ?? 'o', 'opportunityIdPrefix');
  if (customerIdPrefix === opportunityIdPrefix) {
    throw new FunnelError('invalid_option', { option: 'opportunityIdPrefix', reason: because('prefix_must_differ') });
  }
  const settings = dealSettings(constraints);
  const customer = customerArb({
    regions: settings.regions,
    owners: settings.owners,
    ...(constraints.industries === undefined ? {} : { industries: constraints.industries }),
  });
  return fc
    .record({
      pipeline: given === undefined ? pipelineArb() : fc.constant(given),
      customers: fc.array(customer, { minLength: minCustomers, maxLength: maxCustomers }),
      deals: fc.array(dealDrawArb(settings), { minLength: minDeals, maxLength: maxDeals }),
    })
    .map(({ pipeline, customers: drawn, deals }): Book => {
      const customers = drawn.map((c, i): Customer => ({ ...c, id: `${customerIdPrefix}-${i + 1}` as CustomerId }));
      const opportunities = deals.map((draw, i) => {
        const of = customers[draw.customer % customers.length] as Customer;
        return buildDeal(draw, pipeline, settings, { id: `${opportunityIdPrefix}-${i + 1}`, customerId: of.id, region: of.region, useDrawnRegion: false });
      });
      return { pipeline, customers, opportunities };
    });
}
