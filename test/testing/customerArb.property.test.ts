import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCustomer, safeParseCustomer, serializeCustomer } from '../../src/index.js';
import { customerArb } from '../../src/testing/index.js';
import { expectInvalidOption } from './_badConstraint.js';

describe('customerArb', () => {
  it('customers pass the schema and come back equal', () => {
    fc.assert(
      fc.property(customerArb(), (c) => {
        expect(safeParseCustomer(serializeCustomer(c)).success).toBe(true);
        const json = JSON.parse(JSON.stringify(serializeCustomer(c)));
        expect(serializeCustomer(parseCustomer(json))).toEqual(json);
        expect(parseCustomer(json)).toEqual(c);
      }),
      { numRuns: 200 },
    );
  });

  it('regions, owners and industries come from their lists; an empty list gives none', () => {
    fc.assert(
      fc.property(customerArb({ regions: ['西部'], owners: [], industries: ['能源'], idPrefix: 'k' }), (c) => {
        expect([undefined, '西部']).toContain(c.region);
        expect(c.ownerId).toBeUndefined();
        expect([undefined, '能源']).toContain(c.industry);
        expect(c.id.startsWith('k-')).toBe(true);
      }),
    );
  });

  it.each<[string, () => unknown]>([
    ['regions', () => customerArb({ regions: [''] })],
    ['owners', () => customerArb({ owners: 'rep-1' as never })],
    ['idPrefix', () => customerArb({ idPrefix: '' })],
  ])('bad constraints throw invalid_option { option: %s } at once', (option, make) => expectInvalidOption(make, option));
});
