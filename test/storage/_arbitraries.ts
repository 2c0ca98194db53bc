// Arbitraries of the storage tests (not a test file): the generated books of
// sales-funnel/testing, with free-form attributes, sources and ledgers without client ids
// added, so every kind of column takes part in the round trips.
import fc from 'fast-check';
import type { OpportunitySource } from '../../src/model/opportunity.js';
import type { Attributes, JsonValue } from '../../src/model/primitives.js';
import { bookArb, type Book, type BookConstraints } from '../../src/testing/index.js';

/** Text of the storage tests: `'any'` UTF-16 (NUL, unpaired surrogates, JSON's escapes), or `'database'` text (neither). */
function textArb(text: 'any' | 'database'): fc.Arbitrary<string> {
  // Not fast-check's 'binary' unit: its first use costs seconds.
  const graphemes = fc.string({ unit: 'grapheme', maxLength: 8 }).filter((s) => !s.includes('\u0000'));
  return text === 'any' ? fc.oneof(graphemes, fc.constantFrom('\u0000', 'a\ud800', '\udc00b', '"\\\n\t', '\u2028')) : graphemes;
}

/**
 * Where a deal came from (`Opportunity.source`): a campaign and / or a channel (1 to 200
 * UTF-16 units, as `opportunitySourceSchema` takes them), or neither (`{}`, which the
 * codecs keep apart from no source at all).
 */
export function sourceArb(text: 'any' | 'database'): fc.Arbitrary<OpportunitySource> {
  const name = fc.oneof(fc.constantFrom('expo-2026', 'Referral', '展会', 'x'.repeat(200)), textArb(text).filter((s) => s.length >= 1 && s.length <= 200));
  return fc.record({ campaignId: name, channel: name }, { requiredKeys: [] });
}

/**
 * Free-form attributes: any JSON value under safe keys, nested a few levels. `text`:
 * `'any'` for any UTF-16 string (NUL and unpaired surrogates too), `'database'` for text
 * PostgreSQL can hold (neither).
 */
export function attributesArb(text: 'any' | 'database'): fc.Arbitrary<Attributes> {
  // Any Unicode text; with 'any' also NUL, unpaired surrogates and JSON's escapes.
  const str = textArb(text);
  // The prefix keeps keys non-empty and never `__proto__`, `constructor` or `prototype`.
  const key = str.map((s) => `k${s}`);
  // JSON has no -0 (JSON.stringify writes 0), so it is not a value attributes can keep.
  const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })).map((x) => (Object.is(x, -0) ? 0 : x));
  const { value } = fc.letrec<{ value: JsonValue }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth: 3 },
      str,
      number,
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(key, tie('value'), { maxKeys: 3, noNullPrototype: true }),
    ),
  }));
  return fc.dictionary(key, value, { maxKeys: 4, noNullPrototype: true });
}

/**
 * Books of `bookArb` where customers and deals carry attributes, some customers a short
 * name, some deals a source (`source` column null for the others), and some ledgers no
 * client ids (the `id` column null).
 */
export function richBookArb(constraints: BookConstraints, text: 'any' | 'database'): fc.Arbitrary<Book> {
  const attributes = attributesArb(text);
  const source = fc.option(sourceArb(text), { nil: undefined });
  return bookArb(constraints).chain((book) => {
    const n = book.opportunities.length;
    const m = book.customers.length;
    return fc
      .record({
        customerAttributes: fc.array(attributes, { minLength: m, maxLength: m }),
        shortNames: fc.array(fc.option(fc.constantFrom('华机', 'Acme'), { nil: undefined }), { minLength: m, maxLength: m }),
        dealAttributes: fc.array(attributes, { minLength: n, maxLength: n }),
        sources: fc.array(source, { minLength: n, maxLength: n }),
        withoutIds: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      })
      .map(({ customerAttributes, shortNames, dealAttributes, sources, withoutIds }): Book => ({
        pipeline: book.pipeline,
        customers: book.customers.map((c, i) => ({ ...c, attributes: customerAttributes[i]!, ...(shortNames[i] === undefined ? {} : { shortName: shortNames[i] }) })),
        opportunities: book.opportunities.map((o, i) => ({
          ...o,
          attributes: dealAttributes[i]!,
          ...(sources[i] === undefined ? {} : { source: sources[i] }),
          history: withoutIds[i] ? o.history.map(({ id: _id, ...e }) => e as typeof o.history[number]) : o.history,
        })),
      }));
  });
}
