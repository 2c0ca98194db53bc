// Packed ids (src/model/packedIds.ts): the ids of DealColumns and the id lists of the
// forecasts' accumulators, one array of characters and an offset per id.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdPacker } from '../../src/model/packedIds.js';

describe('IdPacker and PackedIds', () => {
  it('give back every id as it came, whatever its length and characters', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom('', 'o-1', '商机-甲', 'ÿé')), { maxLength: 60 }), (ids) => {
        const p = new IdPacker(2);
        for (const id of ids) p.push(id);
        expect(p.toArray()).toEqual(ids);
        const packed = p.done();
        expect(packed.length).toBe(ids.length);
        expect([...packed]).toEqual(ids);
        expect(ids.map((_, i) => packed.at(i))).toEqual(ids);
        // Copied id by id, in another order, without strings in between.
        const copy = new IdPacker();
        for (let i = ids.length - 1; i >= 0; i--) copy.pushFrom(packed, i);
        expect(copy.toArray()).toEqual([...ids].reverse());
      }),
    );
  });

  it('keeps one byte a character until a character past U+00FF comes, then two', () => {
    const p = new IdPacker();
    p.push('o-1');
    p.push('ÿ');
    expect(p.done().chars).toBeInstanceOf(Uint8Array);
    p.push('商机');
    const packed = p.done();
    expect(packed.chars).toBeInstanceOf(Uint16Array);
    expect([...packed]).toEqual(['o-1', 'ÿ', '商机']);
    expect([...packed.offsets]).toEqual([0, 3, 4, 6]);
    // A one-byte list takes the ids of a two-byte one: it widens.
    const narrow = new IdPacker();
    narrow.push('a');
    narrow.pushFrom(packed, 2);
    expect(narrow.toArray()).toEqual(['a', '商机']);
  });
});
