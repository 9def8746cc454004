// The reports as tables with Vietnamese headers, for the CSV and .xlsx exports and the dashboard.
import type { OrganisationView } from '../app/reports.ts';
import type { Ratio } from '../domain/attendance.ts';
import type { CellReport, MemberYear, Period } from '../domain/reports.ts';
import type { ReportTable } from '../reports/exports.ts';
import { formatDayMonthYear } from '../domain/dates.ts';
import { bandLabel, monthStateLabel, periodLabel, shortKind } from './reports.ts';
import { labels } from './vi.ts';

/** A rate as a fraction for a percent cell (null when nobody was expected). */
const fraction = (r: Ratio | null) => (r && r.den ? Math.round((r.num / r.den) * 10_000) / 10_000 : null);
const monthCell = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;
const quarterCell = (quarter: string) => `Quý ${quarter.slice(6)}/${quarter.slice(0, 4)}`;
const tenths = (t: number | null) => (t === null ? null : t / 10);

type Row = [string, string | number | null];

/** Rows both the cell's and the đảng bộ's summaries carry. */
const rateRow = (rate: Ratio): Row => ['Tỷ lệ dự họp (%)', fraction(rate) === null ? null : Math.round(fraction(rate)! * 10_000) / 100];
const scoreRows = (s: CellReport['scores']): Row[] => [
  ['Số cuộc được chấm điểm', s.scored],
  ['Điểm bình quân', tenths(s.averageTenths)],
  ...(Object.keys(bandLabel) as (keyof typeof bandLabel)[]).map((b): Row => [`  Xếp loại ${bandLabel[b]}`, s.byBand[b]]),
];
const taskRows = (t: CellReport['tasks']): Row[] => [
  ['Việc được giao', t.assigned],
  ['Việc hoàn thành đúng hạn', t.doneOnTime],
  ['Việc hoàn thành trễ hạn', t.doneLate],
  ['Việc đang làm', t.open],
  ['Việc quá hạn', t.overdue],
];

function summaryTable(name: string, period: Period, rows: Row[]): ReportTable {
  return { name: 'Tổng hợp', title: `${name} — ${periodLabel(period)}`, columns: [{ header: 'Chỉ tiêu' }, { header: 'Số liệu' }], rows };
}

export function cellReportTables(r: CellReport): ReportTable[] {
  const title = `${r.cell.name} — ${periodLabel(r.period)}`;
  return [
    summaryTable(r.cell.name, r.period, [
      ['Đảng bộ', r.cell.organisationPath.join(' / ')],
      ['Số cuộc họp đã tổ chức', r.held],
      ...(Object.keys(shortKind) as (keyof typeof shortKind)[]).map((k): [string, number] => [`  Trong đó ${shortKind[k]}`, r.meetingsByKind[k]]),
      ['Tháng không họp thường kỳ', r.months.filter((m) => m.state === 'NOT_HELD').length],
      ['Tháng đã họp nhưng chưa có biên bản', r.months.filter((m) => m.state === 'HELD_NOT_MINUTED').length],
      ['Quý thiếu sinh hoạt chuyên đề', r.quarters.filter((q) => q.lacking).length],
      ['Lượt có mặt', r.attendance.present],
      ['Lượt phải dự', r.attendance.obliged],
      ['Lượt vắng có lý do', r.attendance.excused],
      ['Lượt vắng không lý do', r.attendance.unexcused],
      rateRow(r.attendance.rate),
      ['Thời lượng bình quân (phút)', r.duration.averageMinutes],
      ['Số cuộc dưới thời lượng tối thiểu', r.duration.belowMinimum],
      ...scoreRows(r.scores),
      ['Biểu quyết đã kết thúc', r.decisions.closed],
      ['Biểu quyết thông qua', r.decisions.passed],
      ['Nghị quyết đã duyệt', r.decisions.resolutions],
      ...taskRows(r.tasks),
    ]),
    {
      name: 'Theo tháng',
      title,
      columns: [{ header: 'Tháng' }, { header: 'Sinh hoạt thường kỳ' }, { header: 'Ngày họp' }, { header: 'Số cuộc chuyên đề' }, { header: 'Tỷ lệ dự họp', kind: 'percent' }, { header: 'Điểm' }, { header: 'Xếp loại' }],
      rows: r.months.map((m) => [
        monthCell(m.month), monthStateLabel[m.state], m.meeting ? formatDayMonthYear(m.meeting.date) : null, m.thematic, fraction(m.rate), m.score?.total ?? null, m.score ? bandLabel[m.score.band] : null,
      ]),
    },
    {
      name: 'Chuyên đề theo quý',
      title,
      columns: [{ header: 'Quý' }, { header: 'Số cuộc chuyên đề' }, { header: 'Đánh giá' }],
      rows: r.quarters.map((q) => [quarterCell(q.quarter), q.thematic, q.lacking ? 'Thiếu chuyên đề' : q.ended ? 'Đạt' : 'Quý chưa hết']),
    },
    {
      name: 'Cuộc họp',
      title,
      columns: [
        { header: 'Số' }, { header: 'Ngày' }, { header: 'Loại' }, { header: 'Có mặt', kind: 'number' }, { header: 'Phải dự', kind: 'number' }, { header: 'Tỷ lệ dự họp', kind: 'percent' },
        { header: 'Thời lượng (phút)', kind: 'number' }, { header: 'Biên bản' }, { header: 'Điểm', kind: 'number' }, { header: 'Xếp loại' }, { header: 'Nghị quyết', kind: 'number' },
      ],
      rows: r.meetings.map((m) => [
        m.seq, formatDayMonthYear(m.date), shortKind[m.kind], m.rate?.num ?? null, m.rate?.den ?? null, fraction(m.rate), m.minutes, m.minuted ? 'Có' : 'Chưa',
        m.score?.total ?? null, m.score ? bandLabel[m.score.band] : null, m.resolutions,
      ]),
    },
  ];
}

export function memberYearTable(rows: MemberYear[], year: number, cellName = ''): ReportTable {
  return {
    name: `Đảng viên ${year}`,
    title: `${cellName ? `${cellName} — ` : ''}Đảng viên năm ${year} (chỉ dành cho chi ủy)`,
    columns: [
      { header: 'STT' }, { header: 'Họ và tên' }, { header: 'Loại đảng viên' }, { header: 'Tình trạng' }, { header: 'Số cuộc phải dự', kind: 'number' }, { header: 'Có mặt', kind: 'number' },
      { header: 'Vắng có lý do', kind: 'number' }, { header: 'Vắng không lý do', kind: 'number' }, { header: 'Các tháng vắng không lý do' }, { header: 'Vắng có lý do liên tiếp nhiều nhất', kind: 'number' },
      { header: 'Số lần biểu quyết', kind: 'number' }, { header: 'Việc được giao', kind: 'number' }, { header: 'Hoàn thành đúng hạn', kind: 'number' }, { header: 'Hoàn thành trễ hạn', kind: 'number' },
      { header: 'Đang làm', kind: 'number' }, { header: 'Quá hạn', kind: 'number' },
    ],
    rows: rows.map((m, i) => [
      i + 1, m.member.fullName, labels.membership[m.member.membership], labels.status[m.member.status], m.obliged, m.present, m.excused, m.unexcused,
      m.unexcusedMonths.map(monthCell).join(', '), m.longestExcusedRun, m.votes, m.tasks.assigned, m.tasks.doneOnTime, m.tasks.doneLate, m.tasks.open, m.tasks.overdue,
    ]),
  };
}

export function organisationTables(view: OrganisationView): ReportTable[] {
  const r = view.report;
  const name = view.path.join(' / ');
  const title = `${name} — ${periodLabel(r.period)}`;
  return [
    summaryTable(name, r.period, [
      ['Số chi bộ', r.cells.length],
      ['Số cuộc họp đã tổ chức', r.held],
      ['Lượt có mặt', r.attendance.present],
      ['Lượt phải dự', r.attendance.obliged],
      rateRow(r.attendance.rate),
      ...scoreRows(r.scores),
      ['Lượt chi bộ không họp thường kỳ (tháng)', r.notHeld.length],
      ['Lượt chi bộ chưa có biên bản (tháng)', r.notMinuted.length],
      ['Lượt quý thiếu chuyên đề', r.quartersLacking.length],
      ...taskRows(r.tasks),
    ]),
    {
      name: 'Các chi bộ',
      title,
      columns: [
        { header: 'Chi bộ' }, { header: 'Số cuộc họp', kind: 'number' }, { header: 'Thường kỳ', kind: 'number' }, { header: 'Chuyên đề (kể cả kết hợp)', kind: 'number' }, { header: 'Tỷ lệ dự họp', kind: 'percent' },
        { header: 'Điểm bình quân', kind: 'number' }, { header: 'Tháng không họp' }, { header: 'Tháng chưa có biên bản' }, { header: 'Quý thiếu chuyên đề' }, { header: 'Việc quá hạn', kind: 'number' },
      ],
      rows: r.cells.map((c) => [
        c.cell.name, c.held, c.meetingsByKind.THUONG_KY + c.meetingsByKind.KET_HOP, c.meetingsByKind.CHUYEN_DE + c.meetingsByKind.KET_HOP, fraction(c.attendance.rate), tenths(c.scores.averageTenths),
        c.months.filter((m) => m.state === 'NOT_HELD').map((m) => monthCell(m.month)).join(', '),
        c.months.filter((m) => m.state === 'HELD_NOT_MINUTED').map((m) => monthCell(m.month)).join(', '),
        c.quarters.filter((q) => q.lacking).map((q) => quarterCell(q.quarter)).join(', '),
        c.tasks.overdue,
      ]),
    },
    {
      name: 'Lịch sinh hoạt',
      title,
      columns: [{ header: 'Chi bộ' }, { header: 'Lịch định kỳ đã đăng ký' }, { header: 'Địa điểm' }, { header: 'Cuộc họp sắp tới' }],
      rows: view.calendar.map((c) => [
        c.cell.name,
        c.rule ? `Ngày ${c.rule.dayOfMonth} hằng tháng, ${c.rule.time}` : 'Chưa đăng ký',
        c.rule?.place ?? null,
        c.upcoming.map((m) => `Số ${m.seq}: ${formatDayMonthYear(m.date)} ${m.time} (${shortKind[m.kind]})`).join('; ') || null,
      ]),
    },
  ];
}
