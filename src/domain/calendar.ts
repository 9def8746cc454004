// Calendar dates in Vietnam: day arithmetic, public holidays, working days and monthly meeting rules.
// Pure: no I/O, no clock; the caller passes today's date. Dates are plain 'YYYY-MM-DD' strings for
// a calendar day in Vietnam, so arithmetic is done on UTC midnights and never depends on a time zone.
import { getSolarDate } from '@dqcai/vn-lunar';

export type IsoDate = string; // 'YYYY-MM-DD', a calendar date in Vietnam

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' from a year, a month 1..12 and a day (no overflow handling). */
export const isoDate = (year: number, month: number, day: number): IsoDate => `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;

/** A malformed date is a bug in the caller (user input is validated before it gets here). */
function parts(date: IsoDate): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return { year, month, day };
  }
  throw new RangeError(`not a calendar date: ${JSON.stringify(date)}`);
}

const utcMidnight = (date: IsoDate): number => {
  const { year, month, day } = parts(date);
  return Date.UTC(year, month - 1, day);
};

const fromUtc = (ms: number): IsoDate => {
  const d = new Date(ms);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
};

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`not a whole number of days: ${days}`);
  return fromUtc(utcMidnight(date) + days * DAY_MS);
}

/** 0 = Sunday ... 6 = Saturday */
export function weekday(date: IsoDate): number {
  return new Date(utcMidnight(date)).getUTCDay();
}

export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`not a month: ${year}-${month}`);
  }
  // Day 0 of the following month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const isWeekend = (date: IsoDate): boolean => {
  const d = weekday(date);
  return d === 0 || d === 6;
};

export type HolidayCode = 'NEW_YEAR' | 'TET' | 'HUNG_KINGS' | 'REUNIFICATION' | 'LABOUR_DAY' | 'NATIONAL_DAY' | 'COMPENSATORY' | 'CELL';
export interface Holiday {
  date: IsoDate;
  code: HolidayCode;
  label?: string;
}

const byDate = (a: Holiday, b: Holiday): number => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/** The solar date of a day of the Vietnamese lunar calendar (UTC+7), e.g. lunar 10/3 of 2026 = 2026-04-26. */
export function lunarToSolar(day: number, month: number, lunarYear: number): IsoDate {
  const solar = getSolarDate(day, month, lunarYear);
  // The library's tables cover lunar years 1200-2199 and answer 0/0/0 outside them.
  if (solar.year === 0) throw new RangeError(`lunar year out of range: ${lunarYear}`);
  return isoDate(solar.year, solar.month, solar.day);
}

/** publicHolidays by year: results of a pure function, at most 300 entries of a dozen days. */
const holidaysOfYear = new Map<number, readonly Holiday[]>();

/**
 * Statutory public holidays of Vietnam (Labour Code 2019 Art. 112) for a solar year, plus compensatory days.
 *
 * Art. 112.1 (Labour Code No. 45/2019/QH14):
 * - a) New Year: 1 January (solar).
 * - b) Lunar New Year (Tet Nguyen Dan): 5 days. Here: the last day of the previous lunar year and
 *   lunar 1/1 to 4/1. The Prime Minister fixes the exact days each year (Art. 112.3), and they
 *   sometimes differ (e.g. two days before lunar 1/1); a cell adjusts with HolidayOverrides.
 * - c) Victory / Reunification Day: 30 April.
 * - d) International Labour Day: 1 May.
 * - dd) National Day: 2 September plus one adjacent day (before or after). The second day is chosen
 *   yearly (1 September in 2023 and 2025); here it is always 1 September, overrides adjust it.
 * - e) Hung Kings' Commemoration (Gio To Hung Vuong): lunar 10/3.
 * The Tet of solar year Y is lunar year Y: lunar 1/1 of year Y falls in January or February of Y,
 * and the last day of lunar year Y-1 is the day before it, so all of them fall inside year Y.
 *
 * Compensatory days (Art. 111.3): when a holiday falls on a weekly rest day (Saturday or Sunday),
 * the worker rests on the next working day instead. Each weekend holiday, in date order, gets the
 * first later day that is neither a weekend day, nor a holiday, nor an already assigned compensatory
 * day (so a block of holidays pushes its compensatory days past the block).
 */
export function publicHolidays(year: number): Holiday[] {
  // The lunar tables end with 2199; before 1900 the Gregorian holidays of today make no sense.
  if (!Number.isInteger(year) || year < 1900 || year > 2199) throw new RangeError(`unsupported year: ${year}`);
  // A year's list never changes: it is worked out once (lunar lookups included) and copied out.
  let holidays = holidaysOfYear.get(year);
  if (!holidays) {
    holidays = Object.freeze(computePublicHolidays(year).map((h) => Object.freeze(h)));
    holidaysOfYear.set(year, holidays);
  }
  return [...holidays];
}

function computePublicHolidays(year: number): Holiday[] {
  const lunarNewYear = lunarToSolar(1, 1, year);
  const statutory: Holiday[] = [
    { date: isoDate(year, 1, 1), code: 'NEW_YEAR' },
    ...[-1, 0, 1, 2, 3].map((offset): Holiday => ({ date: addDays(lunarNewYear, offset), code: 'TET' })),
    { date: lunarToSolar(10, 3, year), code: 'HUNG_KINGS' },
    { date: isoDate(year, 4, 30), code: 'REUNIFICATION' },
    { date: isoDate(year, 5, 1), code: 'LABOUR_DAY' },
    { date: isoDate(year, 9, 1), code: 'NATIONAL_DAY' },
    { date: isoDate(year, 9, 2), code: 'NATIONAL_DAY' },
  ];
  statutory.sort(byDate);
  // One entry per date: lunar 10/3 can fall on 30 April (it did in 1917 and 1947).
  const taken = new Set<IsoDate>();
  const unique = statutory.filter((h) => !taken.has(h.date) && taken.add(h.date));

  const compensatory: Holiday[] = [];
  for (const holiday of unique) {
    if (!isWeekend(holiday.date)) continue;
    let day = addDays(holiday.date, 1);
    while (isWeekend(day) || taken.has(day)) day = addDays(day, 1);
    taken.add(day);
    compensatory.push({ date: day, code: 'COMPENSATORY' });
  }
  return [...unique, ...compensatory].sort(byDate);
}

export interface HolidayOverrides {
  added: { date: IsoDate; label: string }[];
  removed: IsoDate[];
}

/**
 * Public holidays of the years touched by [from, to] with the cell's overrides applied (added -> code 'CELL'; removed dates dropped), sorted by date.
 *
 * The result holds whole years (from's year to to's year), not only the days in [from, to], so a
 * date shifted past `to` still sees the holidays after it. `removed` drops statutory and
 * compensatory days; added days of those years are then included with code 'CELL' (an added day
 * therefore wins over a removal of the same date). An added day that is already a public holiday
 * keeps its statutory entry: one entry per date.
 */
export function holidaysBetween(from: IsoDate, to: IsoDate, overrides?: HolidayOverrides): Holiday[] {
  const first = parts(from).year;
  const last = parts(to).year;
  const removed = new Set(overrides?.removed ?? []);
  const result: Holiday[] = [];
  for (let year = first; year <= last; year++) {
    for (const holiday of publicHolidays(year)) if (!removed.has(holiday.date)) result.push(holiday);
  }
  const present = new Set(result.map((h) => h.date));
  for (const { date, label } of overrides?.added ?? []) {
    const { year } = parts(date);
    if (year < first || year > last || present.has(date)) continue;
    present.add(date);
    result.push({ date, code: 'CELL', label });
  }
  return result.sort(byDate);
}

/** Monday to Friday and not a holiday. */
export function isWorkingDay(date: IsoDate, holidays: ReadonlySet<IsoDate>): boolean {
  return !isWeekend(date) && !holidays.has(date);
}

/** `date` itself when it is a working day, else the first working day after it. */
export function nextWorkingDay(date: IsoDate, holidays: ReadonlySet<IsoDate>): IsoDate {
  let day = date;
  while (!isWorkingDay(day, holidays)) day = addDays(day, 1);
  return day;
}

export interface MonthlyRule {
  dayOfMonth: number /* 1..31 */;
  time: string /* 'HH:mm' */;
  shiftToWorkingDay: boolean;
}

/** The meeting date the rule gives for a month: dayOfMonth clamped to the month's last day, then moved to the next working day when shiftToWorkingDay. */
export function ruleDate(rule: MonthlyRule, year: number, month: number, holidays: ReadonlySet<IsoDate>): IsoDate {
  if (!Number.isInteger(rule.dayOfMonth) || rule.dayOfMonth < 1 || rule.dayOfMonth > 31) {
    throw new RangeError(`not a day of the month: ${rule.dayOfMonth}`);
  }
  const date = isoDate(year, month, Math.min(rule.dayOfMonth, daysInMonth(year, month)));
  return rule.shiftToWorkingDay ? nextWorkingDay(date, holidays) : date;
}

/**
 * The first month (starting with today's month) whose ruleDate is on or after `today`: { month: 'YYYY-MM', date }.
 * A month's rule date is never before the month's first day, so at most two months are looked at.
 */
export function nextRuleOccurrence(rule: MonthlyRule, today: IsoDate, holidays: ReadonlySet<IsoDate>): { month: string; date: IsoDate } {
  let { year, month } = parts(today);
  for (;;) {
    const date = ruleDate(rule, year, month, holidays);
    if (date >= today) return { month: `${year}-${pad2(month)}`, date };
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}

/** Quarter of a date: { year, quarter: 1..4, first: IsoDate, last: IsoDate } */
export function quarterOf(date: IsoDate): { year: number; quarter: 1 | 2 | 3 | 4; first: IsoDate; last: IsoDate } {
  const { year, month } = parts(date);
  const quarter = (Math.floor((month - 1) / 3) + 1) as 1 | 2 | 3 | 4;
  const lastMonth = quarter * 3;
  return { year, quarter, first: isoDate(year, lastMonth - 2, 1), last: isoDate(year, lastMonth, daysInMonth(year, lastMonth)) };
}
