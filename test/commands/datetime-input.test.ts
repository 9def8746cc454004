import { describe, expect, it } from 'vitest';
import { parseWhen, type ParsedWhen } from '../../src/commands/datetime-input.ts';
import { whenExamples } from '../../src/text/when-words.ts';

// Calendar around the fixed instants (checked by hand and against an independent calendar):
//   Mon 16/11 … Sun 22/11/2026 is "this week" on Sunday 22/11; Mon 23/11 … Sun 29/11 is the next one.
//   Mon 23/11, Tue 24, Wed 25, Thu 26, Fri 27, Sat 28, Sun 29, Mon 30/11, Tue 1/12, Wed 2, Thu 3, Fri 4, Sat 5/12, Sun 6/12.
/** Sunday 22/11/2026 10:00 in Vietnam. */
const sunday = new Date('2026-11-22T03:00:00Z');
/** Wednesday 25/11/2026 10:00 in Vietnam. */
const wednesday = new Date('2026-11-25T03:00:00Z');

/** "YYYY-MM-DD HH:mm" when it parses, otherwise the problem. */
const show = (result: ParsedWhen): string => (result.ok ? `${result.date} ${result.time}` : result.problem);

describe('parseWhen on Sunday 22/11/2026 10:00', () => {
  it.each([
    // numeric dates
    ['05/12/2026 14:00', '2026-12-05 14:00'],
    ['5/12/2026 14:00', '2026-12-05 14:00'],
    ['5-12-2026 14h', '2026-12-05 14:00'],
    ['5.12.2026 14h', '2026-12-05 14:00'],
    ['14h30 5/12', '2026-12-05 14:30'],
    ['5/12 14h30', '2026-12-05 14:30'],
    ['5-12 lúc 9h', '2026-12-05 09:00'],
    ['14h, 05/12/2026', '2026-12-05 14:00'],
    ['lúc 14h ngày 5/12', '2026-12-05 14:00'],
    ['vào lúc 14:00, ngày 05/12/2026', '2026-12-05 14:00'],
    // dates in words
    ['ngày 5 tháng 12 năm 2026 lúc 14h', '2026-12-05 14:00'],
    ['ngày 5 tháng 12, 14h30', '2026-12-05 14:30'],
    ['14h ngày 5 tháng 12', '2026-12-05 14:00'],
    ['5 tháng 12 14h', '2026-12-05 14:00'],
    ['14h 5 tháng 12', '2026-12-05 14:00'],
    ['mùng 5 tháng 12 8h', '2026-12-05 08:00'],
    // relative days
    ['hôm nay 14h', '2026-11-22 14:00'],
    ['ngày mai 8h', '2026-11-23 08:00'],
    ['mai 8h', '2026-11-23 08:00'],
    ['8h mai', '2026-11-23 08:00'],
    ['ngày kia 8h', '2026-11-24 08:00'],
    ['ngày mốt 8h', '2026-11-24 08:00'],
    ['mốt 8h', '2026-11-24 08:00'],
    ['tối nay 19h30', '2026-11-22 19:30'],
    ['tối nay 7h30', '2026-11-22 19:30'],
    ['tối nay 7h tối', '2026-11-22 19:00'],
    ['chiều nay 3h', '2026-11-22 15:00'],
    ['sáng mai 7h', '2026-11-23 07:00'],
    // weekdays: the nearest one strictly after today (a Sunday)
    ['thứ Hai 8h', '2026-11-23 08:00'],
    ['thứ Ba 8h', '2026-11-24 08:00'],
    ['thứ Tư 8h', '2026-11-25 08:00'],
    ['thứ Năm 8h', '2026-11-26 08:00'],
    ['thứ Sáu 7h30', '2026-11-27 07:30'],
    ['thứ Bảy 8h', '2026-11-28 08:00'],
    ['thứ 2 8h', '2026-11-23 08:00'],
    ['thứ 6 7h30', '2026-11-27 07:30'],
    ['thứ 7 8h', '2026-11-28 08:00'],
    ['T2 8h', '2026-11-23 08:00'],
    ['T6 7h30', '2026-11-27 07:30'],
    ['t7 8h', '2026-11-28 08:00'],
    ['Chủ nhật 8h', '2026-11-29 08:00'],
    ['CN 8h', '2026-11-29 08:00'],
    // weeks: on a Sunday "tuần này" ends today, "tuần sau" is Mon 23 – Sun 29
    ['thứ Sáu tuần này 8h', 'past'],
    ['thứ Hai tuần này 8h', 'past'],
    ['chủ nhật tuần này 14h', '2026-11-22 14:00'],
    ['chủ nhật tuần này 8h', 'past'],
    ['thứ Sáu tuần sau 7h30', '2026-11-27 07:30'],
    ['thứ Hai tuần tới 8h', '2026-11-23 08:00'],
    ['chủ nhật tuần sau 8h', '2026-11-29 08:00'],
    ['vào lúc 7h30 sáng thứ Hai tuần sau', '2026-11-23 07:30'],
    ['tuần tới thứ 2 7h tối', '2026-11-23 19:00'],
    ['hôm nay chủ nhật 14h', '2026-11-22 14:00'],
    ['thứ Bảy 05/12/2026 14h', '2026-12-05 14:00'],
    ['thứ Sáu tuần sau 27/11 8h', '2026-11-27 08:00'],
    // times
    ['ngày mai 14:00', '2026-11-23 14:00'],
    ['ngày mai 14h', '2026-11-23 14:00'],
    ['ngày mai 14h30', '2026-11-23 14:30'],
    ["ngày mai 14h30'", '2026-11-23 14:30'],
    ['ngày mai 14h30’', '2026-11-23 14:30'],
    ['ngày mai 14h30p', '2026-11-23 14:30'],
    ['ngày mai 14g30', '2026-11-23 14:30'],
    ['ngày mai 14h 30', '2026-11-23 14:30'],
    ['ngày mai 7 giờ', '2026-11-23 07:00'],
    ['ngày mai 7 giờ 30', '2026-11-23 07:30'],
    ['ngày mai 7 giờ 30 phút', '2026-11-23 07:30'],
    ['ngày mai 7 giờ rưỡi', '2026-11-23 07:30'],
    ['ngày mai 07:05', '2026-11-23 07:05'],
    ['ngày mai 0h', '2026-11-23 00:00'],
    ['ngày mai 23:59', '2026-11-23 23:59'],
    ['ngày mai 7h sáng', '2026-11-23 07:00'],
    ['ngày mai 11h sáng', '2026-11-23 11:00'],
    ['ngày mai 11h trưa', '2026-11-23 11:00'],
    ['ngày mai 12h trưa', '2026-11-23 12:00'],
    ['ngày mai 1h trưa', '2026-11-23 13:00'],
    ['ngày mai 2h chiều', '2026-11-23 14:00'],
    ['ngày mai 14h chiều', '2026-11-23 14:00'],
    ['ngày mai 6h chiều', '2026-11-23 18:00'],
    ['ngày mai 6h tối', '2026-11-23 18:00'],
    ['ngày mai 7h tối', '2026-11-23 19:00'],
    ['ngày mai 19h tối', '2026-11-23 19:00'],
    ['ngày mai 10h đêm', '2026-11-23 22:00'],
    ['ngày mai 23h đêm', '2026-11-23 23:00'],
    ['ngày mai 7:30 tối', '2026-11-23 19:30'],
    // year roll-over of a day and month without a year (22/05/2027 is 181 days away, 24/05 is 183, 25/05 is 184)
    ['5/1 8h', '2027-01-05 08:00'],
    ['ngày 5 tháng 1 8h', '2027-01-05 08:00'],
    ['22/11 14h', '2026-11-22 14:00'],
    ['22/11 9h', 'past'],
    ['20/11 14h', 'past'],
    ['22/5 8h', '2027-05-22 08:00'],
    ['24/5 8h', '2027-05-24 08:00'],
    ['25/5 8h', 'past'],
    ['31/12 8h', '2026-12-31 08:00'],
    // case and missing diacritics
    ['thu sau tuan sau 7h30', '2026-11-27 07:30'],
    ['ngay mai 8h', '2026-11-23 08:00'],
    ['THỨ SÁU TUẦN SAU 7H30', '2026-11-27 07:30'],
    ['Ngày Mai 8H', '2026-11-23 08:00'],
    ['toi nay 19h30', '2026-11-22 19:30'],
    ['chu nhat tuan nay 14h', '2026-11-22 14:00'],
    ['ngay 5 thang 12 nam 2026 luc 14 gio', '2026-12-05 14:00'],
    ['thu hai tuan toi 8h toi', '2026-11-23 20:00'],
    ['  thứ   6 ,  7h30  ', '2026-11-27 07:30'],
  ])('%s → %s', (input, expected) => {
    expect(show(parseWhen(input, sunday))).toBe(expected);
  });
});

describe('parseWhen problems (Sunday 22/11/2026 10:00)', () => {
  it.each([
    ['ngày mai', 'noTime'],
    ['5/12/2026', 'noTime'],
    ['thứ Sáu tuần sau', 'noTime'],
    ['sáng mai', 'noTime'],
    ['14h', 'noDate'],
    ['7h tối', 'noDate'],
    ['lúc 14:00', 'noDate'],
    ['tuần sau 14h', 'noDate'],
    ['ngày mai 5/12 14h', 'ambiguous'],
    ['hôm nay 05/12/2026 14h', 'ambiguous'],
    ['5/12 6/12 14h', 'ambiguous'],
    ['ngày mai ngày kia 8h', 'ambiguous'],
    ['ngày mai 8h 9h', 'ambiguous'],
    ['14:00 15h ngày mai', 'ambiguous'],
    ['thứ 6 thứ 7 8h', 'ambiguous'],
    ['tối nay 8h sáng', 'ambiguous'],
    ['thứ Sáu 05/12/2026 14h', 'ambiguous'],
    ['hôm nay thứ Hai 14h', 'ambiguous'],
    ['thứ Sáu tuần sau 04/12/2026 8h', 'ambiguous'],
    ['tuần sau 5/12 8h', 'ambiguous'],
    ['thứ Hai tuần này tuần sau 8h', 'ambiguous'],
    ['31/11/2026 14h', 'invalidDate'],
    ['29/02/2027 14h', 'invalidDate'],
    ['29/2 14h', 'invalidDate'],
    ['32/12 14h', 'invalidDate'],
    ['5/13 14h', 'invalidDate'],
    ['0/12 14h', 'invalidDate'],
    ['ngày 31 tháng 11 14h', 'invalidDate'],
    ['ngày mai 24h', 'invalidTime'],
    ['ngày mai 25h', 'invalidTime'],
    ['ngày mai 24:00', 'invalidTime'],
    ['ngày mai 14h60', 'invalidTime'],
    ['ngày mai 14:75', 'invalidTime'],
    ['ngày mai 12h sáng', 'invalidTime'],
    ['ngày mai 14h sáng', 'invalidTime'],
    ['ngày mai 3h trưa', 'invalidTime'],
    ['ngày mai 8h chiều', 'invalidTime'],
    ['ngày mai 5h tối', 'invalidTime'],
    ['ngày mai 2h đêm', 'invalidTime'],
    ['ngày mai 12h đêm', 'invalidTime'],
    ['hôm nay 9h', 'past'],
    ['hôm nay 10h', 'past'],
    ['hôm nay 0h', 'past'],
    ['05/12/2025 14h', 'past'],
    ['', 'unrecognised'],
    ['   ', 'unrecognised'],
    ['lúc', 'unrecognised'],
    ['họp chi bộ ngày mai 8h', 'unrecognised'],
    ['ngày mai 8h nhé', 'unrecognised'],
    ['7.30 ngày mai', 'unrecognised'],
    ['5.12 14h', 'unrecognised'],
    ['5/12/26 14h', 'unrecognised'],
    ['ngày 5 14h', 'unrecognised'],
    ['ngày mai lúc 8', 'unrecognised'],
    ['14:00:00 ngày mai', 'unrecognised'],
    ['ngày mai @ 8h', 'unrecognised'],
  ])('%s → %s', (input, expected) => {
    expect(show(parseWhen(input, sunday))).toBe(expected);
  });

  it('accepts a time one minute after now and refuses the same minute', () => {
    expect(show(parseWhen('hôm nay 10:01', sunday))).toBe('2026-11-22 10:01');
    expect(show(parseWhen('hôm nay 10:00', sunday))).toBe('past');
  });
});

describe('weeks seen from a Wednesday (25/11/2026 10:00; this week Mon 23 – Sun 29, next week Mon 30/11 – Sun 6/12)', () => {
  it.each([
    ['thứ Sáu 7h30', '2026-11-27 07:30'],
    ['thứ Sáu tuần này 7h30', '2026-11-27 07:30'],
    ['thứ Sáu tuần sau 7h30', '2026-12-04 07:30'],
    ['thứ Sáu tuần tới 7h30', '2026-12-04 07:30'],
    ['thứ Hai 8h', '2026-11-30 08:00'],
    ['thứ Hai tuần này 8h', 'past'],
    ['thứ Hai tuần sau 8h', '2026-11-30 08:00'],
    ['thứ Tư 8h', '2026-12-02 08:00'],
    ['thứ Tư tuần này 14h', '2026-11-25 14:00'],
    ['thứ Tư tuần này 8h', 'past'],
    ['thứ 4 tuần sau 8h', '2026-12-02 08:00'],
    ['hôm nay thứ Tư 14h', '2026-11-25 14:00'],
    ['chủ nhật 8h', '2026-11-29 08:00'],
    ['chủ nhật tuần này 8h', '2026-11-29 08:00'],
    ['chủ nhật tuần sau 8h', '2026-12-06 08:00'],
    ['thứ Sáu tuần sau 04/12/2026 8h', '2026-12-04 08:00'],
  ])('%s → %s', (input, expected) => {
    expect(show(parseWhen(input, wednesday))).toBe(expected);
  });
});

describe('midnight and year boundaries', () => {
  it('uses the Vietnamese date, not the UTC one, late in the evening', () => {
    const lastMinute = new Date('2026-11-22T16:59:00Z'); // Sunday 22/11 23:59 in Vietnam, still the 22nd in UTC
    expect(show(parseWhen('hôm nay 23h59', lastMinute))).toBe('past');
    expect(show(parseWhen('hôm nay 23:58', lastMinute))).toBe('past');
    expect(show(parseWhen('ngày mai 0h', lastMinute))).toBe('2026-11-23 00:00');
    expect(show(parseWhen('ngày mai 00:00', lastMinute))).toBe('2026-11-23 00:00');
  });

  it('starts a new day and a new week at midnight in Vietnam', () => {
    const midnight = new Date('2026-11-22T17:00:00Z'); // Monday 23/11 00:00 in Vietnam, still Sunday in UTC
    expect(show(parseWhen('hôm nay 0h', midnight))).toBe('past');
    expect(show(parseWhen('hôm nay 8h', midnight))).toBe('2026-11-23 08:00');
    expect(show(parseWhen('ngày mai 8h', midnight))).toBe('2026-11-24 08:00');
    expect(show(parseWhen('thứ Hai tuần này 8h', midnight))).toBe('2026-11-23 08:00');
    expect(show(parseWhen('thứ Hai 8h', midnight))).toBe('2026-11-30 08:00');
    expect(show(parseWhen('chủ nhật tuần này 8h', midnight))).toBe('2026-11-29 08:00');
  });

  it('takes the year from the Vietnamese date on New Year’s Day', () => {
    const newYear = new Date('2026-12-31T17:00:00Z'); // Friday 01/01/2027 00:00 in Vietnam
    expect(show(parseWhen('hôm nay 23h30', newYear))).toBe('2027-01-01 23:30');
    expect(show(parseWhen('ngày mai 8h', newYear))).toBe('2027-01-02 08:00');
    expect(show(parseWhen('5/1 8h', newYear))).toBe('2027-01-05 08:00');
    expect(show(parseWhen('31/12 8h', newYear))).toBe('2027-12-31 08:00');
    expect(show(parseWhen('31/12/2026 23h', newYear))).toBe('past');
  });

  it('rolls 29/02 over into the next leap year when that is close', () => {
    const nov2027 = new Date('2027-11-22T03:00:00Z'); // 29/02/2028 is 99 days later
    expect(show(parseWhen('29/2 8h', nov2027))).toBe('2028-02-29 08:00');
    expect(show(parseWhen('29/02/2028 8h', nov2027))).toBe('2028-02-29 08:00');
  });
});

describe('the instant', () => {
  it('is the Vietnamese wall-clock time minus seven hours', () => {
    const result = parseWhen('05/12/2026 14:00', sunday);
    expect(result).toEqual({ ok: true, at: new Date('2026-12-05T07:00:00.000Z'), date: '2026-12-05', time: '14:00' });
  });

  it('falls on the previous UTC day for times before 07:00', () => {
    const result = parseWhen('ngày mai 0h', sunday);
    expect(result.ok && result.at.toISOString()).toBe('2026-11-22T17:00:00.000Z');
  });
});

describe('whenExamples', () => {
  it.each([
    ['05/12/2026 14:00', '2026-12-05 14:00'],
    ['14h30 5/12', '2026-12-05 14:30'],
    ['thứ Sáu tuần sau 7h30', '2026-11-27 07:30'],
    ['ngày mai 8h', '2026-11-23 08:00'],
  ])('%s → %s', (input, expected) => {
    expect(show(parseWhen(input, sunday))).toBe(expected);
  });

  it('lists exactly the examples above, and each one parses', () => {
    expect(whenExamples).toEqual(['05/12/2026 14:00', '14h30 5/12', 'thứ Sáu tuần sau 7h30', 'ngày mai 8h']);
    for (const example of whenExamples) expect(parseWhen(example, sunday).ok, example).toBe(true);
  });
});
