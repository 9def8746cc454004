import { describe, expect, it } from 'vitest';
import { formatDayMonthYear, parseDayMonthYear } from '../../src/domain/dates.ts';

describe('parseDayMonthYear', () => {
  it.each([
    ['03/02/2015', '2015-02-03'],
    ['3/2/2015', '2015-02-03'],
    ['03-02-2015', '2015-02-03'],
    ['03.02.2015', '2015-02-03'],
    ['  15/03/2026 ', '2026-03-15'],
    ['31/12/1999', '1999-12-31'],
    ['01/01/2000', '2000-01-01'],
    ['29/02/2024', '2024-02-29'],
    ['29/02/2000', '2000-02-29'],
    ['30/04/1975', '1975-04-30'],
  ])('reads %j as the day %j', (typed, iso) => {
    expect(parseDayMonthYear(typed)).toBe(iso);
  });

  it.each([
    ['29 February in a non-leap year', '29/02/2025'],
    ['29 February in a century that is not a leap year', '29/02/1900'],
    ['31 April', '31/04/2026'],
    ['31 June', '31/06/2026'],
    ['day 0', '00/01/2026'],
    ['day 32', '32/01/2026'],
    ['month 13', '01/13/2026'],
    ['month 0', '01/00/2026'],
    ['a two-digit year', '15/03/26'],
    ['an ISO date', '2026-03-15'],
    ['words', 'mười lăm tháng ba'],
    ['an empty string', ''],
    ['trailing text', '15/03/2026 sáng'],
    ['spaces as separators', '15 03 2026'],
  ])('rejects %s (%j)', (_label, typed) => {
    expect(parseDayMonthYear(typed)).toBeNull();
  });
});

describe('formatDayMonthYear', () => {
  it.each([
    ['2015-02-03', '03/02/2015'],
    ['2026-11-22', '22/11/2026'],
    ['2024-02-29', '29/02/2024'],
  ])('shows %j as %j', (iso, shown) => {
    expect(formatDayMonthYear(iso)).toBe(shown);
  });

  it.each(['03/02/2015', '29/02/2024', '31/12/1999'])('round-trips %j through parse and format', (typed) => {
    expect(formatDayMonthYear(parseDayMonthYear(typed)!)).toBe(typed);
  });
});
