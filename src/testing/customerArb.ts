import fc from 'fast-check';
import type { Customer } from '../model/customer.js';
import type { CustomerId, UserId } from '../model/ids.js';
import { idListOption, textOption } from './_lib/textOptions.js';

/**
 * Constraints for {@link customerArb}.
 *
 * @category Testing
 */
export interface CustomerConstraints {
  /**
   * Regions to draw from (some customers have none; an empty list gives none at all).
   * @defaultValue `['华东', '华北', '华南', '西部']`
   */
  readonly regions?: readonly string[];
  /**
   * Owner ids to draw from (some customers have none; an empty list gives none at all).
   * @defaultValue `['rep-1', 'rep-2', 'rep-3']`
   */
  readonly owners?: readonly string[];
  /**
   * Industries to draw from (some customers have none; an empty list gives none at all).
   * @defaultValue `['制造业', '能源', '零售', '信息技术']`
   */
  readonly industries?: readonly string[];
  /**
   * Id prefix: ids are `prefix-N` with a random N (use {@link bookArb} for unique ids).
   * @defaultValue `'c'`
   */
  readonly idPrefix?: string;
}

const optionalFrom = (values: readonly string[]) =>
  values.length === 0 ? fc.constant(undefined) : fc.option(fc.constantFrom(...values), { nil: undefined });

/**
 * Valid customers with Chinese and English names, a region, owner and industry (each
 * sometimes absent), a segment (new or existing) and a priority.
 *
 * @param constraints - Regions, owners, industries, id prefix.
 * @returns An arbitrary of {@link Customer}.
 * @throws {@link sales-funnel!FunnelError} `invalid_option { option }` at once for a list
 *   that holds anything but non-empty strings, or an empty id prefix.
 *
 * @category Testing
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { customerArb } from 'sales-funnel/testing';
 * import { safeParseCustomer, serializeCustomer } from 'sales-funnel';
 * fc.assert(fc.property(customerArb(), (c) => safeParseCustomer(serializeCustomer(c)).success));
 * ```
 */
export function customerArb(constraints: CustomerConstraints = {}): fc.Arbitrary<Customer> {
  const regions = idListOption(constraints.regions ?? ['华东', '华北', '华南', '西部'], 'regions', true);
  const owners = idListOption(constraints.owners ?? ['rep-1', 'rep-2', 'rep-3'], 'owners', true);
  const industries = idListOption(constraints.industries ?? ['制造业', '能源', '零售', '信息技术'], 'industries', true);
  const idPrefix = textOption(constraints.idPrefix ?? 'c', 'idPrefix');
  return fc
    .record({
      n: fc.nat({ max: 99_999 }),
      name: fc.constantFrom('华东机械', '北方能源', 'Acme Corp', '星河科技', 'Globex', '南方电网'),
      region: optionalFrom(regions),
      ownerId: optionalFrom(owners),
      industry: optionalFrom(industries),
      segment: fc.constantFrom('new' as const, 'existing' as const),
      priority: fc.constantFrom('high' as const, 'medium' as const, 'low' as const),
      tags: fc.uniqueArray(fc.constantFrom('vip', 'manufacturing', 'public', 'retail'), { maxLength: 3 }),
    })
    .map(({ n, name, region, ownerId, industry, segment, priority, tags }): Customer => ({
      id: `${idPrefix}-${n}` as CustomerId,
      name,
      ...(region === undefined ? {} : { region }),
      ...(ownerId === undefined ? {} : { ownerId: ownerId as UserId }),
      ...(industry === undefined ? {} : { industry }),
      segment,
      priority,
      tags,
      attributes: {},
    }));
}
