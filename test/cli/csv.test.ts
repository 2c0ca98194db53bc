import { describe, expect, it } from 'vitest';
import { CsvReader, CsvUnclosedQuote, type CsvRecord } from '../../src/cli/csv.js';
import { NdjsonReader, type NdjsonLine } from '../../src/cli/ndjson.js';

/** The records of `text` fed to the reader in pieces of `size` characters. */
function csv(text: string, size = text.length || 1): CsvRecord[] {
  const out: CsvRecord[] = [];
  const reader = new CsvReader((r) => out.push(r));
  for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size));
  reader.end();
  return out;
}

function ndjson(text: string, size = text.length || 1): NdjsonLine[] {
  const out: NdjsonLine[] = [];
  const reader = new NdjsonReader((l) => out.push(l));
  for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size));
  reader.end();
  return out;
}

// A header and three records: quotes, doubled quotes, a comma and a CRLF inside quotes,
// an empty quoted field, an empty unquoted one (NULL), a BOM and CRLF line ends.
const TRICKY = '\uFEFFid,name,note\r\n1,"Acme, ""Ltd""","two\r\nlines"\r\n2,,""\r\n\r\n3,plain,"x"\r\n';

describe('CsvReader', () => {
  it('reads quoted fields, doubled quotes, commas and line breaks inside quotes, CRLF and a BOM', () => {
    expect(csv(TRICKY)).toEqual([
      { line: 1, fields: ['id', 'name', 'note'] },
      { line: 2, fields: ['1', 'Acme, "Ltd"', 'two\r\nlines'] },
      { line: 4, fields: ['2', null, ''] },
      { line: 6, fields: ['3', 'plain', 'x'] },
    ]);
  });

  it('reads the same records whatever the pieces the text comes in', () => {
    const whole = csv(TRICKY);
    for (let size = 1; size <= TRICKY.length; size++) expect(csv(TRICKY, size)).toEqual(whole);
  });

  it('takes LF, CR and a last line without a line end', () => {
    expect(csv('a,b\n1,2\r3,"4\n5"')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4\n5'] },
    ]);
  });

  it('keeps a quote inside an unquoted field, and flags text after a closing quote', () => {
    expect(csv('5" screen,x\n"ab"c,d\n')).toEqual([
      { line: 1, fields: ['5" screen', 'x'] },
      { line: 2, fields: ['abc', 'd'], malformed: 'textAfterQuote' },
    ]);
  });

  it('refuses a quoted field that is never closed, naming the line it starts on', () => {
    let error: unknown;
    try {
      csv('id,name\n1,ok\n2,"never\nclosed\n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvUnclosedQuote);
    expect((error as CsvUnclosedQuote).line).toBe(3);
  });
});

describe('NdjsonReader', () => {
  it('parses one JSON value per line, skipping blank lines and a BOM, in any pieces', () => {
    const text = '\uFEFF{"id":"o-1"}\r\n\n{"id":"o-2","n":"a\\nb"}\n{oops}\n[1]';
    for (const size of [1, 2, 5, text.length]) {
      const lines = ndjson(text, size);
      expect(lines.map((l) => l.line)).toEqual([1, 3, 4, 5]);
      expect(lines[0]).toEqual({ line: 1, value: { id: 'o-1' } });
      expect(lines[1]).toEqual({ line: 3, value: { id: 'o-2', n: 'a\nb' } });
      expect('error' in lines[2]!).toBe(true);
      expect(lines[3]).toEqual({ line: 5, value: [1] });
    }
  });
});
