import fc from 'fast-check';
import type { Customer } from '../model/customer.js';
import type { CustomerId, UserId } from '../model/ids.js';

/**
 * Constraints for {@link customerArb}.
 *
 * @example
 * ```ts
 * import type { CustomerConstraints } from 'sales-funnel/testing';
 * const c: CustomerConstraints = { regions: ['华东', '华南'], owners: ['rep-1'] };
 * ```
 */
export interface CustomerConstraints {
  /** Regions to draw from. Default `['华东', '华北', '华南', '西部']`. */
  readonly regions?: readonly string[];
  /** Owner ids to draw from. Default `['rep-1', 'rep-2', 'rep-3']`. */
  readonly owners?: readonly string[];
  /** Id prefix. Default `'c'`. */
  readonly idPrefix?: string;
}

/**
 * Valid customers with Chinese and English names, a region, owner, segment and priority.
 *
 * @param constraints - Regions, owners, id prefix.
 * @returns An arbitrary of {@link Customer}.
 *
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { customerArb } from 'sales-funnel/testing';
 * import { safeParseCustomer, serializeCustomer } from 'sales-funnel';
 * fc.assert(fc.property(customerArb(), (c) => safeParseCustomer(serializeCustomer(c)).success));
 * ```
 */
export function customerArb(constraints: CustomerConstraints = {}): fc.Arbitrary<Customer> {
  const { regions = ['华东', '华北', '华南', '西部'], owners = ['rep-1', 'rep-2', 'rep-3'], idPrefix = 'c' } = constraints;
  return fc
    .record({
      n: fc.nat({ max: 99_999 }),
      name: fc.constantFrom('华东机械', '北方能源', 'Acme Corp', '星河科技', 'Globex', '南方电网'),
      region: fc.option(fc.constantFrom(...regions), { nil: undefined }),
      ownerId: fc.option(fc.constantFrom(...owners), { nil: undefined }),
      segment: fc.constantFrom('new' as const, 'existing' as const),
      priority: fc.constantFrom('high' as const, 'medium' as const, 'low' as const),
      tags: fc.uniqueArray(fc.constantFrom('vip', 'manufacturing', 'public', 'retail'), { maxLength: 3 }),
    })
    .map(({ n, name, region, ownerId, segment, priority, tags }): Customer => ({
      id: `${idPrefix}-${n}` as CustomerId,
      name,
      ...(region === undefined ? {} : { region }),
      ...(ownerId === undefined ? {} : { ownerId: ownerId as UserId }),
      segment,
      priority,
      tags,
      attributes: {},
    }));
}
