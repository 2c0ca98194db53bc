import { describe, expect, it } from 'vitest';
import { displayWidth, formatCount, formatDays, formatMoney, formatPercent } from '../../src/cli/format.js';
import { escapeHtml } from '../../src/cli/renderHtml.js';
import { textTable } from '../../src/cli/renderText.js';
import { Decimal } from '../../src/index.js';

describe('CLI formatting', () => {
  it('formats money in whole units, half-even, with thousands separators', () => {
    expect(formatMoney(new Decimal('1234567.5'))).toBe('1,234,568'); // 7 is odd: up to 8
    expect(formatMoney(new Decimal('1234568.5'))).toBe('1,234,568'); // 8 is even: stays
    expect(formatMoney(new Decimal('999.49'))).toBe('999');
    expect(formatMoney(new Decimal('-1234.6'))).toBe('-1,235');
    expect(formatMoney(new Decimal('-0.4'))).toBe('0');
    expect(formatMoney(new Decimal('0'))).toBe('0');
    expect(formatMoney(new Decimal('100000000'))).toBe('100,000,000');
  });

  it('formats shares as percentages with one decimal, and null as a dash', () => {
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(1.182)).toBe('118.2%');
    expect(formatPercent(new Decimal('0.45'))).toBe('45.0%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(undefined)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
  });

  it('formats days with one decimal and counts with separators', () => {
    expect(formatDays(12.34)).toBe('12.3');
    expect(formatDays(1234.56)).toBe('1,234.6');
    expect(formatDays(null)).toBe('—');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(7)).toBe('7');
  });

  it('counts East Asian characters as two columns', () => {
    expect(displayWidth('Won')).toBe(3);
    expect(displayWidth('赢单 Won')).toBe(8);
    expect(displayWidth('（根）')).toBe(6);
  });

  it('aligns text tables by display width', () => {
    const lines = textTable({
      columns: [{ label: 'Stage', align: 'left' }, { label: 'Deals', align: 'right' }],
      rows: [['潜在客户', '11'], ['Won', '3']],
      total: ['Total', '14'],
    });
    expect(lines).toEqual(['Stage     Deals', '--------  -----', '潜在客户     11', 'Won           3', '--------  -----', 'Total        14']);
  });

  it('escapes HTML', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'R&D'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;R&amp;D&#39;');
  });
});
