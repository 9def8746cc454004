import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysInMonth,
  type Holiday,
  type HolidayCode,
  type HolidayOverrides,
  holidaysBetween,
  type IsoDate,
  isWorkingDay,
  lunarToSolar,
  type MonthlyRule,
  nextRuleOccurrence,
  nextWorkingDay,
  publicHolidays,
  quarterOf,
  ruleDate,
  weekday,
} from '../../src/domain/calendar.ts';

const SUN = 0;
const MON = 1;
const TUE = 2;
const WED = 3;
const THU = 4;
const FRI = 5;
const SAT = 6;

const dates = (holidays: Holiday[]): IsoDate[] => holidays.map((h) => h.date);
const setOf = (...years: number[]): Set<IsoDate> => new Set(years.flatMap((y) => dates(publicHolidays(y))));
const HOLIDAYS_2026 = setOf(2026);
const HOLIDAYS_2027 = setOf(2027);
const HOLIDAYS_2026_2027 = setOf(2026, 2027);
const NONE: ReadonlySet<IsoDate> = new Set();

describe('addDays', () => {
  it.each([
    ['2026-02-16', 0, '2026-02-16'],
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-01', -1, '2026-01-31'],
    ['2026-04-30', 1, '2026-05-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-12-25', 10, '2027-01-04'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2000-02-28', 1, '2000-02-29'],
    ['1900-02-28', 1, '1900-03-01'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2027-01-01', -365, '2026-01-01'],
  ])('%s plus %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    ['a non-existent day', '2026-02-29', 1],
    ['an unpadded date', '2026-2-1', 1],
    ['month 13', '2026-13-01', 1],
    ['a dd/mm/yyyy date', '01/02/2026', 1],
    ['a fractional day count', '2026-02-01', 0.5],
  ])('rejects %s', (_label, date, days) => {
    expect(() => addDays(date, days)).toThrow(RangeError);
  });
});

describe('weekday', () => {
  it.each([
    ['2025-12-31', WED],
    ['2026-01-01', THU],
    ['2026-02-28', SAT],
    ['2026-03-01', SUN],
    ['2026-03-02', MON],
    ['2024-02-29', THU],
    ['2024-03-01', FRI],
    ['2000-02-29', TUE],
    ['2100-02-28', SUN],
    ['2100-03-01', MON],
    ['2027-12-31', FRI],
    ['2028-02-29', TUE],
    ['1975-04-30', WED],
  ])('%s is day %i of the week', (date, day) => {
    expect(weekday(date)).toBe(day);
  });

  it('rejects a malformed date', () => {
    expect(() => weekday('2026-02-30')).toThrow(RangeError);
  });
});

describe('daysInMonth', () => {
  it.each([
    [2026, 1, 31],
    [2026, 2, 28],
    [2024, 2, 29],
    [2000, 2, 29],
    [1900, 2, 28],
    [2100, 2, 28],
    [2026, 4, 30],
    [2026, 6, 30],
    [2026, 9, 30],
    [2026, 11, 30],
    [2026, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });

  it.each([
    [2026, 0],
    [2026, 13],
    [2026, 1.5],
  ])('rejects %i-%s', (year, month) => {
    expect(() => daysInMonth(year, month)).toThrow(RangeError);
  });
});

describe('lunarToSolar', () => {
  it.each([
    [1, 1, 2026, '2026-02-17'],
    [10, 3, 2026, '2026-04-26'],
    [1, 1, 2027, '2027-02-06'],
    [10, 3, 2027, '2027-04-16'],
    [1, 1, 2025, '2025-01-29'],
    [10, 3, 2025, '2025-04-07'],
    [1, 1, 2024, '2024-02-10'],
  ])('lunar %i/%i/%i is %s', (day, month, year, expected) => {
    expect(lunarToSolar(day, month, year)).toBe(expected);
  });

  it('rejects a lunar year outside the tables', () => {
    expect(() => lunarToSolar(1, 1, 2200)).toThrow(RangeError);
  });
});

describe('publicHolidays', () => {
  const h = (date: IsoDate, code: HolidayCode): Holiday => ({ date, code });

  it.each([
    [
      2026,
      [
        h('2026-01-01', 'NEW_YEAR'),
        // Lunar 29/12 (the last day of lunar year 2025) and lunar 1/1 to 4/1 of 2026, Monday to Friday.
        h('2026-02-16', 'TET'),
        h('2026-02-17', 'TET'),
        h('2026-02-18', 'TET'),
        h('2026-02-19', 'TET'),
        h('2026-02-20', 'TET'),
        // Lunar 10/3 is a Sunday: Monday is off instead.
        h('2026-04-26', 'HUNG_KINGS'),
        h('2026-04-27', 'COMPENSATORY'),
        h('2026-04-30', 'REUNIFICATION'),
        h('2026-05-01', 'LABOUR_DAY'),
        h('2026-09-01', 'NATIONAL_DAY'),
        h('2026-09-02', 'NATIONAL_DAY'),
      ],
    ],
    [
      2027,
      [
        h('2027-01-01', 'NEW_YEAR'),
        // Friday to Tuesday; Saturday 6 and Sunday 7 are made up after the block.
        h('2027-02-05', 'TET'),
        h('2027-02-06', 'TET'),
        h('2027-02-07', 'TET'),
        h('2027-02-08', 'TET'),
        h('2027-02-09', 'TET'),
        h('2027-02-10', 'COMPENSATORY'),
        h('2027-02-11', 'COMPENSATORY'),
        h('2027-04-16', 'HUNG_KINGS'),
        h('2027-04-30', 'REUNIFICATION'),
        // 1 May is a Saturday: Monday 3 May is off instead.
        h('2027-05-01', 'LABOUR_DAY'),
        h('2027-05-03', 'COMPENSATORY'),
        h('2027-09-01', 'NATIONAL_DAY'),
        h('2027-09-02', 'NATIONAL_DAY'),
      ],
    ],
  ])('lists the holidays of %i', (year, expected) => {
    expect(publicHolidays(year)).toEqual(expected);
  });

  it.each([
    ['2026-04-26', SUN],
    ['2026-04-27', MON],
    ['2027-02-05', FRI],
    ['2027-02-06', SAT],
    ['2027-02-07', SUN],
    ['2027-02-09', TUE],
    ['2027-02-10', WED],
    ['2027-02-11', THU],
    ['2027-05-01', SAT],
    ['2027-05-03', MON],
  ])('the expected lists rest on %s being day %i of the week', (date, day) => {
    expect(weekday(date)).toBe(day);
  });

  it.each([
    // year, Tet holidays, compensatory days
    [2024, ['2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13'], ['2024-02-14', '2024-02-15', '2024-09-03']],
    [2025, ['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01'], ['2025-02-03']],
    [2026, ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'], ['2026-04-27']],
    [2027, ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09'], ['2027-02-10', '2027-02-11', '2027-05-03']],
    [2028, ['2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28', '2028-01-29'], ['2028-01-03', '2028-01-31', '2028-05-02', '2028-09-04']],
  ])('%i: Tet is %j, compensatory days are %j', (year, tet, compensatory) => {
    const holidays = publicHolidays(year);
    expect(dates(holidays.filter((x) => x.code === 'TET'))).toEqual(tet);
    expect(dates(holidays.filter((x) => x.code === 'COMPENSATORY'))).toEqual(compensatory);
  });

  it.each(Array.from({ length: 30 }, (_, i) => 2020 + i))('%i: Tet starts the day before lunar 1/1, dates are sorted and unique, compensatory days are free weekdays', (year) => {
    const holidays = publicHolidays(year);
    const list = dates(holidays);
    expect(list).toEqual([...list].sort());
    expect(new Set(list).size).toBe(list.length);
    const tet = dates(holidays.filter((x) => x.code === 'TET'));
    const newYear = lunarToSolar(1, 1, year);
    expect(tet).toEqual([-1, 0, 1, 2, 3].map((d) => addDays(newYear, d)));
    expect(holidays.find((x) => x.code === 'HUNG_KINGS')?.date).toBe(lunarToSolar(10, 3, year));
    const weekendHolidays = holidays.filter((x) => x.code !== 'COMPENSATORY' && [SAT, SUN].includes(weekday(x.date)));
    const compensatory = holidays.filter((x) => x.code === 'COMPENSATORY');
    expect(compensatory).toHaveLength(weekendHolidays.length);
    for (const c of compensatory) expect([SAT, SUN]).not.toContain(weekday(c.date));
  });

  it('keeps one entry when lunar 10/3 falls on 30 April (1947)', () => {
    const april30 = publicHolidays(1947).filter((x) => x.date === '1947-04-30');
    expect(april30).toEqual([{ date: '1947-04-30', code: 'HUNG_KINGS' }]);
  });

  it.each([1899, 2200, 2026.5])('rejects the year %s', (year) => {
    expect(() => publicHolidays(year)).toThrow(RangeError);
  });
});

describe('holidaysBetween', () => {
  it.each([
    ['a range inside one year gives the whole year', '2026-03-01', '2026-03-31', dates(publicHolidays(2026))],
    ['a single day', '2026-07-15', '2026-07-15', dates(publicHolidays(2026))],
    ['a range across the new year gives both years', '2026-12-01', '2027-01-31', [...dates(publicHolidays(2026)), ...dates(publicHolidays(2027))]],
    ['a reversed range', '2027-01-01', '2026-12-31', []],
  ])('%s', (_label, from, to, expected) => {
    expect(dates(holidaysBetween(from, to))).toEqual(expected);
  });

  it.each<[string, HolidayOverrides, [IsoDate, IsoDate], IsoDate[], Holiday[]]>([
    [
      'adds cell days with code CELL and their label',
      { added: [{ date: '2026-02-23', label: 'Tet extra' }, { date: '2026-02-13', label: 'Tet extra' }], removed: [] },
      ['2026-02-01', '2026-02-28'],
      ['2026-02-13', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23'],
      [
        { date: '2026-02-13', code: 'CELL', label: 'Tet extra' },
        { date: '2026-02-23', code: 'CELL', label: 'Tet extra' },
      ],
    ],
    [
      'removes a statutory day and adds another one instead',
      { added: [{ date: '2026-09-03', label: 'National Day' }], removed: ['2026-09-01'] },
      ['2026-08-01', '2026-09-30'],
      ['2026-09-02', '2026-09-03'],
      [{ date: '2026-09-03', code: 'CELL', label: 'National Day' }],
    ],
    ['removes a compensatory day', { added: [], removed: ['2026-04-27'] }, ['2026-04-01', '2026-05-31'], ['2026-04-26', '2026-04-30', '2026-05-01'], []],
    ['removes several days', { added: [], removed: ['2026-02-16', '2026-02-20'] }, ['2026-02-01', '2026-02-28'], ['2026-02-17', '2026-02-18', '2026-02-19'], []],
    [
      'keeps the statutory entry when an added day is already a holiday',
      { added: [{ date: '2026-02-17', label: 'Tet' }], removed: [] },
      ['2026-02-01', '2026-02-28'],
      ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
      [],
    ],
    [
      'lets an added day win over a removal of the same date',
      { added: [{ date: '2026-05-01', label: 'Labour Day' }], removed: ['2026-05-01'] },
      ['2026-05-01', '2026-05-31'],
      ['2026-05-01'],
      [{ date: '2026-05-01', code: 'CELL', label: 'Labour Day' }],
    ],
    [
      'ignores added days of other years and removals that are not holidays',
      { added: [{ date: '2025-12-31', label: 'x' }, { date: '2028-01-03', label: 'y' }], removed: ['2026-03-03'] },
      ['2025-01-01', '2028-12-31'],
      dates(publicHolidays(2026)),
      [],
    ],
  ])('%s', (_label, overrides, [from, to], expected, cellDays) => {
    const all = holidaysBetween('2026-01-01', '2026-12-31', overrides);
    const list = dates(all);
    expect(list).toEqual([...list].sort());
    expect(new Set(list).size).toBe(list.length);
    expect(list.filter((d) => d >= from && d <= to)).toEqual(expected);
    expect(all.filter((x) => x.code === 'CELL')).toEqual(cellDays);
  });

  it('applies overrides across a year boundary and sorts the result', () => {
    const holidays = holidaysBetween('2026-12-15', '2027-01-15', {
      added: [
        { date: '2027-01-02', label: 'b' },
        { date: '2026-12-31', label: 'a' },
      ],
      removed: ['2027-02-11'],
    });
    const list = dates(holidays);
    expect(list.filter((d) => d >= '2026-12-01' && d <= '2027-02-28')).toEqual([
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
    ]);
    expect(holidays.filter((x) => x.code === 'CELL').map((x) => x.label)).toEqual(['a', 'b']);
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['a Friday', '2026-02-13', HOLIDAYS_2026, true],
    ['a Saturday', '2026-02-14', HOLIDAYS_2026, false],
    ['a Sunday', '2026-02-15', HOLIDAYS_2026, false],
    ['the last day of the lunar year (Monday)', '2026-02-16', HOLIDAYS_2026, false],
    ['lunar 4/1 (Friday)', '2026-02-20', HOLIDAYS_2026, false],
    ['the Monday after Tet', '2026-02-23', HOLIDAYS_2026, true],
    ['a compensatory Monday', '2026-04-27', HOLIDAYS_2026, false],
    ['the same Monday without holidays', '2026-04-27', NONE, true],
    ['New Year of another year not in the set', '2027-01-01', HOLIDAYS_2026, true],
    ['New Year with its year in the set', '2027-01-01', HOLIDAYS_2026_2027, false],
    ['a Saturday without holidays', '2026-02-28', NONE, false],
  ])('%s (%s): %s', (_label, date, holidays, expected) => {
    expect(isWorkingDay(date, holidays)).toBe(expected);
  });
});

describe('nextWorkingDay', () => {
  it.each([
    ['a working day is itself', '2026-02-13', HOLIDAYS_2026, '2026-02-13'],
    ['Saturday before Tet skips the weekend and Tet', '2026-02-14', HOLIDAYS_2026, '2026-02-23'],
    ['inside Tet', '2026-02-18', HOLIDAYS_2026, '2026-02-23'],
    ['Saturday before Hung Kings skips the compensatory Monday', '2026-04-25', HOLIDAYS_2026, '2026-04-28'],
    ['30 April to 1 May and a weekend', '2026-04-30', HOLIDAYS_2026, '2026-05-04'],
    ['National Day 1/9 and 2/9', '2026-09-01', HOLIDAYS_2026, '2026-09-03'],
    ['Tet 2027 with its compensatory days', '2027-02-05', HOLIDAYS_2027, '2027-02-12'],
    ['1 May 2027 on a Saturday and its compensatory Monday', '2027-05-01', HOLIDAYS_2027, '2027-05-04'],
    ['the year end into New Year', '2026-12-31', HOLIDAYS_2026_2027, '2026-12-31'],
    ['New Year on a Friday', '2027-01-01', HOLIDAYS_2026_2027, '2027-01-04'],
    ['a Sunday without holidays', '2026-03-01', NONE, '2026-03-02'],
    ['a weekend across a month end', '2026-01-31', NONE, '2026-02-02'],
  ])('%s: %s -> %s', (_label, date, holidays, expected) => {
    expect(nextWorkingDay(date, holidays)).toBe(expected);
  });
});

describe('ruleDate', () => {
  const firstOfMonth = (shiftToWorkingDay: boolean): MonthlyRule => ({ dayOfMonth: 1, time: '08:00', shiftToWorkingDay });

  it.each([
    [2026, 1, '2026-01-02'], // New Year (Thursday)
    [2026, 2, '2026-02-02'], // Sunday
    [2026, 3, '2026-03-02'], // Sunday
    [2026, 4, '2026-04-01'],
    [2026, 5, '2026-05-04'], // Labour Day (Friday), then the weekend
    [2026, 6, '2026-06-01'],
    [2026, 7, '2026-07-01'],
    [2026, 8, '2026-08-03'], // Saturday
    [2026, 9, '2026-09-03'], // 1/9 and 2/9 are both holidays
    [2026, 10, '2026-10-01'],
    [2026, 11, '2026-11-02'], // Sunday
    [2026, 12, '2026-12-01'],
    [2027, 1, '2027-01-04'], // New Year (Friday), then the weekend
    [2027, 2, '2027-02-01'],
    [2027, 3, '2027-03-01'],
    [2027, 4, '2027-04-01'],
    [2027, 5, '2027-05-04'], // Saturday holiday, Sunday, compensatory Monday
    [2027, 6, '2027-06-01'],
    [2027, 7, '2027-07-01'],
    [2027, 8, '2027-08-02'], // Sunday
    [2027, 9, '2027-09-03'], // 1/9 and 2/9 are both holidays
    [2027, 10, '2027-10-01'],
    [2027, 11, '2027-11-01'],
    [2027, 12, '2027-12-01'],
  ])('day 1 of %i-%i, shifted to a working day, is %s', (year, month, expected) => {
    expect(ruleDate(firstOfMonth(true), year, month, HOLIDAYS_2026_2027)).toBe(expected);
    expect(isWorkingDay(expected, HOLIDAYS_2026_2027)).toBe(true);
  });

  it.each([
    [2026, 1, '2026-01-01'],
    [2026, 2, '2026-02-01'],
    [2026, 8, '2026-08-01'],
    [2026, 9, '2026-09-01'],
    [2027, 1, '2027-01-01'],
    [2027, 5, '2027-05-01'],
  ])('day 1 of %i-%i without shifting is %s', (year, month, expected) => {
    expect(ruleDate(firstOfMonth(false), year, month, HOLIDAYS_2026_2027)).toBe(expected);
  });

  it.each([
    ['day 31 in February is clamped to the 28th', 31, false, 2026, 2, '2026-02-28'],
    ['day 31 in a leap February is clamped to the 29th', 31, false, 2028, 2, '2028-02-29'],
    ['day 29 in February of a common year is clamped', 29, false, 2027, 2, '2027-02-28'],
    ['day 31 in April is clamped to the 30th', 31, false, 2026, 4, '2026-04-30'],
    ['day 31 in a 31-day month stays', 31, false, 2026, 3, '2026-03-31'],
    ['clamped to Saturday 28 February, then shifted into March', 31, true, 2026, 2, '2026-03-02'],
    ['30 April and 1 May are holidays, then a weekend: shifted into May', 30, true, 2026, 4, '2026-05-04'],
    ['31 January 2027 is a Sunday: shifted into February', 31, true, 2027, 1, '2027-02-01'],
    ['31 December 2027 is a Friday: stays', 31, true, 2027, 12, '2027-12-31'],
    ['a mid-month weekday stays', 15, true, 2026, 7, '2026-07-15'],
    ['Tet 2026: day 16 of February moves past Tet and the weekend', 16, true, 2026, 2, '2026-02-23'],
  ])('%s', (_label, dayOfMonth, shiftToWorkingDay, year, month, expected) => {
    expect(ruleDate({ dayOfMonth, time: '19:30', shiftToWorkingDay }, year, month, HOLIDAYS_2026_2027)).toBe(expected);
  });

  it('shifts from 31 December into a New Year holiday of the next year only when that year is in the set', () => {
    // 31 December 2028 is a Sunday; 1 January 2029 is a Monday and a holiday.
    const rule: MonthlyRule = { dayOfMonth: 31, time: '08:00', shiftToWorkingDay: true };
    expect(weekday('2028-12-31')).toBe(SUN);
    expect(ruleDate(rule, 2028, 12, setOf(2028))).toBe('2029-01-01');
    expect(ruleDate(rule, 2028, 12, setOf(2028, 2029))).toBe('2029-01-02');
  });

  it.each([0, 32, 1.5])('rejects day %s', (dayOfMonth) => {
    expect(() => ruleDate({ dayOfMonth, time: '08:00', shiftToWorkingDay: false }, 2026, 1, NONE)).toThrow(RangeError);
  });
});

describe('nextRuleOccurrence', () => {
  const day10: MonthlyRule = { dayOfMonth: 10, time: '08:00', shiftToWorkingDay: true };
  const day31: MonthlyRule = { dayOfMonth: 31, time: '08:00', shiftToWorkingDay: true };
  const day1NoShift: MonthlyRule = { dayOfMonth: 1, time: '08:00', shiftToWorkingDay: false };

  it.each([
    ['before this month\'s date', day10, '2026-04-05', { month: '2026-04', date: '2026-04-10' }],
    ['on this month\'s date', day10, '2026-04-10', { month: '2026-04', date: '2026-04-10' }],
    ['after this month\'s date (next one shifted off a Sunday)', day10, '2026-04-11', { month: '2026-05', date: '2026-05-11' }],
    ['after the December date: January of the next year', day10, '2026-12-20', { month: '2027-01', date: '2027-01-11' }],
    ['on the first without shifting', day1NoShift, '2026-08-01', { month: '2026-08', date: '2026-08-01' }],
    ['the day after the first without shifting', day1NoShift, '2026-08-02', { month: '2026-09', date: '2026-09-01' }],
    ['this month\'s date shifted into the next month', day31, '2026-02-28', { month: '2026-02', date: '2026-03-02' }],
    [
      'starts with today\'s month even when last month\'s date was shifted past today',
      day31,
      '2026-03-01',
      { month: '2026-03', date: '2026-03-31' },
    ],
    ['before a date moved by Tet', { dayOfMonth: 17, time: '08:00', shiftToWorkingDay: true }, '2026-02-01', { month: '2026-02', date: '2026-02-23' }],
    ['after a date moved by Tet', { dayOfMonth: 17, time: '08:00', shiftToWorkingDay: true }, '2026-02-24', { month: '2026-03', date: '2026-03-17' }],
  ])('%s', (_label, rule, today, expected) => {
    expect(nextRuleOccurrence(rule, today, HOLIDAYS_2026_2027)).toEqual(expected);
  });
});

describe('quarterOf', () => {
  it.each([
    ['2026-01-01', { year: 2026, quarter: 1, first: '2026-01-01', last: '2026-03-31' }],
    ['2026-03-31', { year: 2026, quarter: 1, first: '2026-01-01', last: '2026-03-31' }],
    ['2024-02-29', { year: 2024, quarter: 1, first: '2024-01-01', last: '2024-03-31' }],
    ['2026-04-01', { year: 2026, quarter: 2, first: '2026-04-01', last: '2026-06-30' }],
    ['2026-06-30', { year: 2026, quarter: 2, first: '2026-04-01', last: '2026-06-30' }],
    ['2026-07-01', { year: 2026, quarter: 3, first: '2026-07-01', last: '2026-09-30' }],
    ['2026-08-15', { year: 2026, quarter: 3, first: '2026-07-01', last: '2026-09-30' }],
    ['2026-10-01', { year: 2026, quarter: 4, first: '2026-10-01', last: '2026-12-31' }],
    ['2026-12-31', { year: 2026, quarter: 4, first: '2026-10-01', last: '2026-12-31' }],
  ])('%s', (date, expected) => {
    expect(quarterOf(date)).toEqual(expected);
  });
});
