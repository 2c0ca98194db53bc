import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textTable } from '../../src/cli/renderText.js';
import { run } from '../../src/cli/run.js';
import type { ViewColumn, ViewTable } from '../../src/cli/viewTypes.js';
import { displayWidth, minWrapWidth, oneLine, truncate, wrapText } from '../../src/cli/width.js';
import { memoryIo } from './_io.js';

describe('displayWidth', () => {
  it('counts Chinese characters and full-width punctuation as two columns, combining marks as none', () => {
    expect(displayWidth('Won')).toBe(3);
    expect(displayWidth('赢单')).toBe(4);
    expect(displayWidth('赢单 Won')).toBe(8);
    expect(displayWidth('（根）')).toBe(6);
    expect(displayWidth('2,765.7 万')).toBe(10);
    expect(displayWidth('e\u0301')).toBe(1); // é as e + combining acute
    expect(displayWidth('')).toBe(0);
  });
});

describe('oneLine', () => {
  it('turns line breaks, tabs and escapes into spaces', () => {
    expect(oneLine('Acme\nCorp')).toBe('Acme Corp');
    expect(oneLine('a\tb\r\nc\u001b[31m')).toBe('a b  c [31m');
    expect(oneLine('unchanged 不变')).toBe('unchanged 不变');
  });
});

describe('truncate', () => {
  it('keeps what fits and cuts the rest with an ellipsis', () => {
    expect(truncate('Lead', 10)).toBe('Lead');
    expect(truncate('Hangzhou Hengtong ERP rollout', 12)).toBe('Hangzhou He…');
    expect(truncate('天津海川 ERP 实施', 10)).toBe('天津海川…');
    // a wide character that would straddle the edge is left out
    expect(truncate('天津海川', 6)).toBe('天津…');
    expect(truncate('天津海川', 5)).toBe('天津…');
    expect(truncate('abc', 0)).toBe('');
  });

  it('never exceeds the width, and keeps a prefix of the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'B', ' ', '漏', '斗', '，', '1') }), fc.integer({ min: 0, max: 30 }), (text, width) => {
        const cut = truncate(text, width);
        expect(displayWidth(cut)).toBeLessThanOrEqual(width);
        if (displayWidth(text) <= width) expect(cut).toBe(text);
        else expect(text.startsWith(cut.slice(0, -1))).toBe(true);
      }),
    );
  });
});

describe('wrapText', () => {
  it('breaks English at spaces and Chinese between characters', () => {
    expect(wrapText('Open deals in each stage on the report date.', 20)).toEqual(['Open deals in each', 'stage on the report', 'date.']);
    expect(wrapText('截至报告日期，各阶段进行中商机的数量。', 16)).toEqual(['截至报告日期，各', '阶段进行中商机的', '数量。']);
  });

  it('never starts a line with a closing mark nor ends one with an opening mark', () => {
    // 12 columns hold six characters, but “见“阶段流转” would leave ”。 to start the next line
    expect(wrapText('实际转化情况见“阶段流转”。', 12)).toEqual(['实际转化情况', '见“阶段流', '转”。']);
    expect(wrapText('金额（万元）', 6)).toEqual(['金额', '（万', '元）']);
  });

  it('cuts a word longer than the line', () => {
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('keeps every character but the spaces at the breaks, in order, and no line is wider than asked (law)', () => {
    const unit = fc.constantFrom('a', 'b', 'C', ' ', '漏', '斗', '，', '。', '（', '）', '1', '%', '-');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 200 }), fc.integer({ min: 1, max: 40 }), (text, width) => {
        const lines = wrapText(text, width);
        for (const l of lines) {
          expect(displayWidth(l)).toBeLessThanOrEqual(Math.max(width, 2)); // a wide character needs two columns
          expect(l).toBe(l.trimEnd());
        }
        expect(lines.join('').replaceAll(' ', '')).toBe(text.replaceAll(' ', ''));
      }),
    );
  });

  it('says how narrow a text can get without cutting a word', () => {
    expect(minWrapWidth('Weighted (open + won)')).toBe(8);
    expect(minWrapWidth('加权金额')).toBe(2);
    expect(minWrapWidth('停滞上限（天）')).toBe(6); // 限（ cannot end a line: （天） stays together
    expect(minWrapWidth('')).toBe(0);
  });
});

/** The table of the examples below: a name, two numbers and a sentence. */
const table: ViewTable = {
  columns: [
    { label: 'Deal', align: 'left' },
    { label: 'Days in stage', align: 'right' },
    { label: 'Amount', align: 'right' },
    { label: 'Close date', align: 'left', fit: 'keep' },
    { label: 'Note', align: 'left', fit: 'wrap' },
  ],
  rows: [
    ['Tianjin Haichuan ERP rollout', '360', '2,057,000', '2027-01-05', 'Expected close date pushed 3 times, by 4 quarters in all.'],
    ['Lead', '7', '135,000', '—', 'None.'],
  ],
};

describe('textTable within a width', () => {
  it('prints the table as it is when it fits', () => {
    const lines = textTable(table);
    expect(lines[0]).toBe('Deal                          Days in stage     Amount  Close date  Note');
    expect(lines[2]).toBe('Tianjin Haichuan ERP rollout            360  2,057,000  2027-01-05  Expected close date pushed 3 times, by 4 quarters in all.');
  });

  it('wraps headers, wraps sentences and cuts names to fit; numbers and dates stay whole', () => {
    // Natural widths 28 + 13 + 9 + 10 + 57 and four gaps of 2 = 125 > 66. In order:
    // "Days in stage" wraps (13 → 7: it saves 6); the note wraps down to 35 % of the line
    // (23); the deal's name is cut to its minimum (12); the note gives up the last 3 (20).
    expect(textTable(table, { width: 66 })).toEqual([
      '              Days in',
      'Deal            stage     Amount  Close date  Note',
      '------------  -------  ---------  ----------  --------------------',
      'Tianjin Hai…      360  2,057,000  2027-01-05  Expected close date',
      '                                              pushed 3 times, by 4',
      '                                              quarters in all.',
      'Lead                7    135,000  —           None.',
    ]);
  });

  it('splits a table too wide for its narrowest columns into parts that repeat the first column', () => {
    const wide: ViewTable = {
      columns: [{ label: 'Quarter', align: 'left', fit: 'keep' }, ...['P10', 'P50', 'P90', 'Won', 'Weighted'].map((label) => ({ label, align: 'right' as const }))],
      rows: [['2026-Q3 (overdue)', '12,345,678', '23,456,789', '34,567,890', '45,678,901', '56,789,012']],
    };
    // 60 columns hold the quarter (17) and three amounts (3 × 12) = 53, not four (65): two parts
    expect(textTable(wide, { width: 60 })).toEqual([
      'Quarter                   P10         P50',
      '-----------------  ----------  ----------',
      '2026-Q3 (overdue)  12,345,678  23,456,789',
      '',
      'Quarter                   P90         Won    Weighted',
      '-----------------  ----------  ----------  ----------',
      '2026-Q3 (overdue)  34,567,890  45,678,901  56,789,012',
    ]);
    // 50 columns hold two amounts beside the quarter (41), not three (53): three parts
    expect(textTable(wide, { width: 50 }).filter((l) => l.startsWith('Quarter'))).toHaveLength(3);
  });

  it('never prints a line wider than asked, and never cuts a number (law)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '漏', '斗', '，', '9', ','), maxLength: 20 });
    const column: fc.Arbitrary<ViewColumn> = fc
      .record({ label: cell, align: fc.constantFrom('left' as const, 'right' as const), fit: fc.constantFrom(undefined, 'cut' as const, 'wrap' as const, 'keep' as const) })
      .map(({ fit, ...c }) => (fit === undefined ? c : { ...c, fit }));
    const arbitraryTable: fc.Arbitrary<ViewTable> = fc.array(column, { minLength: 1, maxLength: 9 }).chain((columns) =>
      fc.record({
        columns: fc.constant(columns),
        rows: fc.array(fc.array(cell, { minLength: columns.length, maxLength: columns.length }), { maxLength: 6 }),
      }),
    );
    fc.assert(
      fc.property(arbitraryTable, fc.integer({ min: 40, max: 140 }), (t, width) => {
        const lines = textTable(t, { width });
        // Numbers (and other kept cells) are never cut, and every part of a split table holds the first column and
        // one more: the law holds whenever any two cells or labels fit side by side.
        const widest = Math.max(...t.columns.map((c) => displayWidth(c.label)), ...t.rows.flat().map(displayWidth));
        if (2 * widest + 2 > width) return;
        for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(width);
        t.columns.forEach((c, i) => {
          if ((c.fit ?? (c.align === 'right' ? 'keep' : 'cut')) !== 'keep') return;
          for (const r of t.rows) expect(lines.some((l) => l.includes(r[i]!.trim()))).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('--width', () => {
  function report(args: string[], columns?: number): { code: number; out: string; err: string } {
    const io = { ...memoryIo({}, 'Asia/Shanghai'), ...(columns === undefined ? {} : { columns }) };
    const code = run(['report', ...args], io);
    return { code, out: io.out(), err: io.err() };
  }
  const widest = (text: string) => Math.max(...text.split('\n').map(displayWidth));

  it('keeps every line of the sample report within 60, 80 and 120 columns, in English and in Chinese', () => {
    for (const lang of ['en', 'zh-CN']) {
      for (const width of [60, 80, 120]) {
        const r = report(['--lang', lang, '--width', String(width)]);
        expect(r.code).toBe(0);
        const lines = r.out.split('\n');
        for (const l of lines) expect(displayWidth(l), `${lang} ${width}: ${l}`).toBeLessThanOrEqual(width);
        // the width is used, not merely respected
        expect(widest(r.out), `${lang} ${width}`).toBeGreaterThan(width - 8);
        // amounts are never cut: the funnel's total amount and weighted amount are there whole
        for (const amount of lang === 'en' ? ['83,080,000', '27,657,450'] : ['8,308 万', '2,765.7 万']) expect(r.out).toContain(` ${amount}`);
      }
    }
  });

  it('is 80 columns without --width when standard output is not a terminal, the terminal’s width when it is', () => {
    expect(widest(report([]).out)).toBeLessThanOrEqual(80);
    expect(widest(report([]).out)).toBeGreaterThan(72);
    const terminal = report([], 132).out;
    expect(widest(terminal)).toBeLessThanOrEqual(132);
    expect(widest(terminal)).toBeGreaterThan(100);
    expect(report(['--width', '100'], 132).out).toBe(report(['--width', '100']).out);
  });

  it('refuses a width that is not a whole number from 40 to 1000, with exit 2', () => {
    for (const bad of ['39', '1001', 'wide', '80.5', '-80', '0']) {
      const r = report(['--width', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain(`invalid --width "${bad}" (expected a whole number of columns from 40 to 1000)`);
    }
    expect(report(['--width', '40']).code).toBe(0);
    expect(report(['--width', '1000']).code).toBe(0);
    const zh = report(['--width', 'x', '--lang', 'zh-CN']);
    expect(zh.err).toContain('--width 的值“x”无效（应为 40 到 1000 之间的整数列数）');
    const io = memoryIo();
    expect(run(['sample', '--width', '80'], io)).toBe(2);
    expect(io.err()).toContain('option --width does not apply to the sample command');
  });

  it('leaves the JSON and HTML reports as they are', () => {
    expect(report(['--format', 'json', '--width', '40']).out).toBe(report(['--format', 'json']).out);
    expect(report(['--format', 'html', '--width', '40']).out).toBe(report(['--format', 'html']).out);
  });
});
