import { describe, expect, it } from 'vitest';
import { readReportArgs, type ReportScope } from '../../src/commands/report-input.ts';
import type { Period } from '../../src/domain/reports.ts';
import { errorOf } from '../support/fixtures.ts';

// "/baocao [đảng viên | đảng ủy] [tháng 11/2026 | quý 4/2026 | quý IV | năm 2026 | 2026]", read on
// 23 November 2026 (a Vietnam date). A member's record is by calendar year (domain-rules.md §4.3, §6.3).
const TODAY = '2026-11-23';
const read = (args: string) => readReportArgs(args, TODAY);

const month = (year: number, m: number): Period => ({ kind: 'month', year, month: m });
const quarter = (year: number, q: number): Period => ({ kind: 'quarter', year, quarter: q });
const year = (y: number): Period => ({ kind: 'year', year: y });

describe('/baocao: the period', () => {
  it('without arguments asks for the cell’s current year', () => {
    expect(read('')).toEqual({ scope: 'cell', period: year(2026) });
    expect(read('   ')).toEqual({ scope: 'cell', period: year(2026) });
  });

  it.each<[string, Period]>([
    ['tháng 11/2026', month(2026, 11)],
    ['thang 11 2026', month(2026, 11)],
    ['Tháng 11-2026', month(2026, 11)],
    ['11/2026', month(2026, 11)],
    ['tháng 03/2026', month(2026, 3)],
    // without a year: this year's March
    ['tháng 3', month(2026, 3)],
    // a month still to come is a period like any other
    ['tháng 12', month(2026, 12)],
  ])('reads the month %j', (args, period) => {
    expect(read(args)).toEqual({ scope: 'cell', period });
  });

  it.each<[string, Period]>([
    ['quý 4/2026', quarter(2026, 4)],
    ['quý IV', quarter(2026, 4)],
    ['Quý ii 2025', quarter(2025, 2)],
    ['quy 1', quarter(2026, 1)],
    ['quý III/2024', quarter(2024, 3)],
  ])('reads the quarter %j (Arabic or Roman numbers)', (args, period) => {
    expect(read(args)).toEqual({ scope: 'cell', period });
  });

  it.each<[string, Period]>([
    ['năm 2025', year(2025)],
    ['2025', year(2025)],
    ['Năm 2026.', year(2026)],
  ])('reads the year %j', (args, period) => {
    expect(read(args)).toEqual({ scope: 'cell', period });
  });
});

describe('/baocao: whose report', () => {
  it.each<[string, ReportScope, Period]>([
    ['đảng viên', 'members', year(2026)],
    ['Đảng viên năm 2025', 'members', year(2025)],
    // a member's record is by year: the month's year is taken
    ['đảng viên tháng 3/2025', 'members', year(2025)],
    ['đảng viên quý 4', 'members', year(2026)],
    ['đảng ủy quý 2/2025', 'organisation', quarter(2025, 2)],
    ['danguy 2025', 'organisation', year(2025)],
    ['Đảng bộ tháng 10/2026', 'organisation', month(2026, 10)],
    ['ĐẢNG ỦY', 'organisation', year(2026)],
  ])('%j → %s, %j', (args, scope, period) => {
    expect(read(args)).toEqual({ scope, period });
  });
});

describe('/baocao: refused periods', () => {
  it.each([
    // no 13th month
    'tháng 13/2025',
    'tháng 0/2026',
    // four quarters only
    'quý 5',
    'quý v',
    // a bare number that is neither a month with a year nor a year
    '11',
    // outside the years the bot keeps (2000–2100)
    'năm 1999',
    'tháng 5/1999',
    // not a period at all
    'hôm qua',
    'đảng viên hôm qua',
    'tháng',
  ])('%j is refused as report.periodInvalid, quoting what was typed', (args) => {
    const error = errorOf(() => read(args));
    expect(error.code).toBe('report.periodInvalid');
    expect(error.vars).toEqual({ value: args.trim() });
  });
});

describe('readReportArgs: how people also write it', () => {
  it('reads "tháng 3 năm 2025", "quý 4 năm 2026" and the keys of the file names', () => {
    expect(readReportArgs('tháng 3 năm 2025', '2026-11-23')).toEqual({ scope: 'cell', period: { kind: 'month', year: 2025, month: 3 } });
    expect(readReportArgs('quý 4 năm 2026', '2026-11-23')).toEqual({ scope: 'cell', period: { kind: 'quarter', year: 2026, quarter: 4 } });
    expect(readReportArgs('2026-11', '2026-11-23')).toEqual({ scope: 'cell', period: { kind: 'month', year: 2026, month: 11 } });
    expect(readReportArgs('đảng ủy 2025-Q2', '2026-11-23')).toEqual({ scope: 'organisation', period: { kind: 'quarter', year: 2025, quarter: 2 } });
  });

  it('refuses two reports at once', () => {
    expect(() => readReportArgs('đảng viên đảng ủy 2025', '2026-11-23')).toThrow(expect.objectContaining({ code: 'report.periodInvalid' }));
  });
});
