// workingCalendar (src/planning/_lib/workingDays.ts): Monday to Friday, minus holidays,
// plus extra working days. Refused dates are whole `invalid_option` errors (option,
// reason, message in en and zh-CN).
import { describe, expect, it } from 'vitest';
import { thrown, whole } from '../../_errors.js';
import { workingCalendar } from '../../../src/planning/_lib/workingDays.js';
import { addDays } from '../../../src/time/addDays.js';
import type { PlainDate } from '../../../src/time/plainDate.js';

const d = (s: string) => s as PlainDate;

describe('workingCalendar', () => {
  it('without arguments is Monday to Friday', () => {
    // 2026-05-01 is a Friday, 05-02 Saturday, 05-03 Sunday, 05-04 Monday.
    const c = workingCalendar();
    expect(['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04'].map((x) => c.isWorkingDay(d(x)))).toEqual([true, false, false, true]);
    expect(c.onOrAfter(d('2026-05-02'))).toBe('2026-05-04');
    expect(c.after(d('2026-05-01'))).toBe('2026-05-04');
    // Holidays only: the extra working days default to none.
    const h = workingCalendar(['2026-05-04']);
    expect(h.onOrAfter(d('2026-05-02'))).toBe('2026-05-05');
  });

  it('takes holidays off and adds extra working days (调休: Saturday 2026-05-09 worked)', () => {
    const c = workingCalendar(['2026-05-01', '2026-05-04', '2026-05-05'], ['2026-05-09']);
    expect(c.isWorkingDay(d('2026-05-01'))).toBe(false);
    expect(c.isWorkingDay(d('2026-05-09'))).toBe(true);
    expect(c.onOrAfter(d('2026-05-01'))).toBe('2026-05-06');
    expect(c.after(d('2026-05-08'))).toBe('2026-05-09');
  });

  it('refuses a list that is not an array, naming the option', () => {
    const reason = { code: 'must_be_dates', en: 'must be an array of YYYY-MM-DD dates', 'zh-CN': '必须是 YYYY-MM-DD 日期的数组' };
    expect(whole(() => workingCalendar('2026-05-01' as never))).toEqual([
      'invalid_option',
      { option: 'holidays', reason },
      'Invalid option "holidays": must be an array of YYYY-MM-DD dates.',
      '选项“holidays”无效：必须是 YYYY-MM-DD 日期的数组。',
    ]);
    expect(whole(() => workingCalendar([], null as never))).toEqual([
      'invalid_option',
      { option: 'extraWorkingDays', reason },
      'Invalid option "extraWorkingDays": must be an array of YYYY-MM-DD dates.',
      '选项“extraWorkingDays”无效：必须是 YYYY-MM-DD 日期的数组。',
    ]);
  });

  it('refuses a bad date at its index', () => {
    expect(whole(() => workingCalendar(['2026-05-01', '2026-02-30']))).toEqual([
      'invalid_option',
      {
        option: 'holidays[1]',
        reason: { code: 'not_a_calendar_date', params: { value: '2026-02-30' }, en: '"2026-02-30" is not a calendar date YYYY-MM-DD', 'zh-CN': '“2026-02-30”不是 YYYY-MM-DD 格式的日期' },
      },
      'Invalid option "holidays[1]": "2026-02-30" is not a calendar date YYYY-MM-DD.',
      '选项“holidays[1]”无效：“2026-02-30”不是 YYYY-MM-DD 格式的日期。',
    ]);
    expect(thrown(() => workingCalendar([], [5 as never])).params).toEqual({
      option: 'extraWorkingDays[0]',
      reason: { code: 'must_be_calendar_date', en: 'must be a calendar date string YYYY-MM-DD', 'zh-CN': '必须是 YYYY-MM-DD 格式的日期字符串' },
    });
  });

  it('refuses a date that is both a holiday and an extra working day', () => {
    expect(whole(() => workingCalendar(['2026-05-01', '2026-05-09'], ['2026-05-09']))).toEqual([
      'invalid_option',
      {
        option: 'extraWorkingDays',
        reason: { code: 'date_also_holiday', params: { date: '2026-05-09' }, en: '2026-05-09 is also a holiday', 'zh-CN': '2026-05-09 同时也被列为节假日' },
      },
      'Invalid option "extraWorkingDays": 2026-05-09 is also a holiday.',
      '选项“extraWorkingDays”无效：2026-05-09 同时也被列为节假日。',
    ]);
  });

  it('looks 400 days ahead for a working day, and no further', () => {
    // Every weekday of the n days from Monday 2026-01-05 is a holiday: the first working
    // day is day n (0-based) when it is a weekday. n = 399: 2026-01-05 + 399 days =
    // 2027-02-08 (365 days to 2027-01-05, a Tuesday, then 34 more), a Monday; n = 400:
    // 2027-02-09, a Tuesday — the 401st day looked at, one too many.
    const start = d('2026-01-05');
    const weekdaysOff = (n: number): PlainDate[] => {
      const off: PlainDate[] = [];
      for (let i = 0; i < n; i++) {
        const day = addDays(start, i);
        if (workingCalendar().isWorkingDay(day)) off.push(day);
      }
      return off;
    };
    expect(workingCalendar(weekdaysOff(399)).onOrAfter(start)).toBe('2027-02-08');
    expect(whole(() => workingCalendar(weekdaysOff(400)).onOrAfter(start))).toEqual([
      'invalid_option',
      {
        option: 'holidays',
        reason: { code: 'no_working_day', params: { date: '2026-01-05' }, en: 'no working day within 400 days of 2026-01-05', 'zh-CN': '2026-01-05 前后 400 天内没有工作日' },
      },
      'Invalid option "holidays": no working day within 400 days of 2026-01-05.',
      '选项“holidays”无效：2026-01-05 前后 400 天内没有工作日。',
    ]);
    // `after` starts the day after: from Sunday 2026-01-04 the search also begins on 01-05.
    expect(thrown(() => workingCalendar(weekdaysOff(400)).after(d('2026-01-04'))).params).toMatchObject({ option: 'holidays', reason: { params: { date: '2026-01-05' } } });
  });
});
