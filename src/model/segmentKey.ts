import { because } from '../i18n/because.js';
import { FunnelError } from '../i18n/FunnelError.js';
import { periodOf, type PeriodOptions } from '../time/periodOf.js';
import { createdAt } from './createdAt.js';
import type { Customer } from './customer.js';
import type { Opportunity } from './opportunity.js';

/**
 * Built-in ways to segment deals: by owner, region (the territory the deal counts
 * toward), the customer's segment (new / existing) or priority, pipeline, current stage,
 * or the month, quarter or year the deal was created.
 */
export type BuiltInSegment =
  | 'owner'
  | 'region'
  | 'customer_segment'
  | 'customer_priority'
  | 'pipeline'
  | 'stage'
  | 'created_month'
  | 'created_quarter'
  | 'created_year';

/**
 * A segmentation: a built-in key or a function returning the segment of a deal
 * (`undefined` puts it under {@link NO_SEGMENT}).
 */
export type SegmentBy = BuiltInSegment | ((opportunity: Opportunity) => string | undefined);

/**
 * The segment of deals that have no value for the key (no region, unknown customer).
 *
 * @category Model
 * @example
 * ```ts
 * import { NO_SEGMENT } from 'sales-funnel';
 * NO_SEGMENT; //=> '(none)'
 * ```
 */
export const NO_SEGMENT = '(none)';

/**
 * What built-in segmentations need besides the deal itself.
 */
export interface SegmentContext {
  /** Customers, for `customer_segment` and `customer_priority`. */
  readonly customers?: Iterable<Customer> | ReadonlyMap<string, Customer>;
  /** UTC offset (minutes) of the wall clock used to date creation. Default 0. */
  readonly offsetMinutes?: number;
}

/**
 * Turns a {@link SegmentBy} into a function from deal to segment name.
 *
 * @param segmentBy - Built-in key or function.
 * @param context - Customers and time settings for built-in keys.
 * @returns A function giving each deal's segment (never undefined: missing values map to {@link NO_SEGMENT}).
 * @throws {@link FunnelError} `invalid_option` for an unknown key, or a customer key without customers.
 *
 * @category Model
 * @example
 * ```ts
 * import { segmentKeyFn, type Opportunity } from 'sales-funnel';
 * declare const deals: Opportunity[];
 * const key = segmentKeyFn('owner');
 * const owners = new Set(deals.map(key));
 * ```
 */
export function segmentKeyFn(segmentBy: SegmentBy, context: SegmentContext = {}): (o: Opportunity) => string {
  if (typeof segmentBy === 'function') return (o) => segmentBy(o) ?? NO_SEGMENT;
  const created = (unit: PeriodOptions['unit']) => (o: Opportunity) => {
    const at = createdAt(o);
    return at === undefined ? NO_SEGMENT : periodOf(at, { unit, ...(context.offsetMinutes === undefined ? {} : { offsetMinutes: context.offsetMinutes }) });
  };
  switch (segmentBy) {
    case 'owner':
      return (o) => o.ownerId;
    case 'region':
      return (o) => o.region ?? NO_SEGMENT;
    case 'pipeline':
      return (o) => o.pipelineId;
    case 'stage':
      return (o) => o.stageId;
    case 'created_month':
      return created('month');
    case 'created_quarter':
      return created('quarter');
    case 'created_year':
      return created('year');
    case 'customer_segment':
    case 'customer_priority': {
      if (context.customers === undefined) {
        throw new FunnelError('invalid_option', { option: 'segmentBy', reason: because('key_needs_options_field', { key: segmentBy, option: 'customers' }) });
      }
      const map = context.customers instanceof Map ? (context.customers as ReadonlyMap<string, Customer>) : new Map([...(context.customers as Iterable<Customer>)].map((c) => [c.id as string, c]));
      return segmentBy === 'customer_segment'
        ? (o) => map.get(o.customerId)?.segment ?? NO_SEGMENT
        : (o) => map.get(o.customerId)?.priority ?? NO_SEGMENT;
    }
    default:
      throw new FunnelError('invalid_option', { option: 'segmentBy', reason: because('unknown_key', { key: String(segmentBy) }) });
  }
}
