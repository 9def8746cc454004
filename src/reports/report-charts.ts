// The two pictures of a report: attendance by month against the 85 % line (§4.4) and the regular
// meetings' scores against the sheet's bands (§6.2). Specs only; src/reports/charts.ts draws them.
import type { Ratio } from '../domain/attendance.ts';
import type { CellReport, MonthRow, Period } from '../domain/reports.ts';
import { ATTENDANCE_THRESHOLD_PERCENT, percentHundredths } from '../domain/attendance.ts';
import { bandOf, type ScoreSheet } from '../domain/scoring.ts';
import { monthShort, reportText } from '../text/reports.ts';
import type { ChartSpec } from './charts.ts';

const percent = (r: Ratio | null) => (r && r.den ? percentHundredths(r.num, r.den) / 100 : null);

/** Months of the period up to the report's day (a year report in November has no December point). */
const shownMonths = (months: MonthRow[]) => {
  let last = months.length - 1;
  while (last > 0 && months[last]!.state === 'UPCOMING' && months[last]!.rate === null) last--;
  return months.slice(0, last + 1);
};

export function attendanceChart(name: string, period: Period, series: { name: string; months: MonthRow[] }[]): ChartSpec {
  const months = shownMonths(series[0]?.months ?? []);
  return {
    kind: 'line',
    title: reportText.chart.attendanceTitle(name, period),
    categories: months.map((m) => monthShort(m.month)),
    series: series.map((s) => ({ name: s.name, values: s.months.slice(0, months.length).map((m) => percent(m.rate)) })),
    yMin: 0,
    yMax: 100,
    unit: '%',
    markLines: [{ value: ATTENDANCE_THRESHOLD_PERCENT, label: reportText.chart.threshold }],
  };
}

export function scoreChart(name: string, period: Period, sheet: ScoreSheet, series: { name: string; months: MonthRow[] }[]): ChartSpec {
  const months = shownMonths(series[0]?.months ?? []);
  return {
    kind: 'bar',
    title: reportText.chart.scoreTitle(name, period),
    categories: months.map((m) => monthShort(m.month)),
    series: series.map((s) => ({ name: s.name, values: s.months.slice(0, months.length).map((m) => m.score?.total ?? null) })),
    yMin: 0,
    yMax: 100,
    markLines: (['TOT', 'KHA', 'TRUNG_BINH'] as const).map((band) => ({ value: sheet.bands[band], label: reportText.chart.bandLine(band, sheet.bands[band]) })),
  };
}

/** One cell's two charts. */
export function cellCharts(report: CellReport, sheet: ScoreSheet): ChartSpec[] {
  const series = [{ name: report.cell.name, months: report.months }];
  return [attendanceChart(report.cell.name, report.period, series), scoreChart(report.cell.name, report.period, sheet, series)];
}

/** A đảng bộ's charts: a line per cell while they stay readable, else the đảng bộ as one line. */
export function organisationCharts(name: string, period: Period, cells: CellReport[], sheet: ScoreSheet): ChartSpec[] {
  const MAX_LINES = 6;
  const perCell = cells.map((c) => ({ name: c.cell.name, months: c.months }));
  if (cells.length <= MAX_LINES) return [attendanceChart(name, period, perCell), scoreChart(name, period, sheet, perCell)];
  const months = (cells[0]?.months ?? []).map((m, i) => {
    const rates = cells.map((c) => c.months[i]!.rate).filter((r): r is Ratio => r !== null);
    const scores = cells.map((c) => c.months[i]!.score).filter((s) => s !== null);
    const rate = rates.length ? rates.reduce((a, b) => ({ num: a.num + b.num, den: a.den + b.den })) : null;
    const total = scores.length ? Math.round(scores.reduce((a, s) => a + s.total, 0) / scores.length) : null;
    const score = total === null ? null : { total, band: bandOf(sheet, total) };
    return { ...m, rate, score };
  });
  const whole = [{ name, months }];
  return [attendanceChart(name, period, whole), scoreChart(name, period, sheet, whole)];
}
