import { describe, expect, it } from 'vitest';
import type { OrganisationView } from '../../src/app/reports.ts';
import { organisationReport, type CellReport, type MemberYear } from '../../src/domain/reports.ts';
import { toCsv, toCsvAll, toXlsx, type ReportTable } from '../../src/reports/exports.ts';
import { cellReportTables, memberYearTable, organisationTables } from '../../src/text/report-tables.ts';

// Expected bytes and cells are written out by hand: CSV as RFC 4180 with CRLF and a UTF-8 byte-order
// mark (so that Excel on Windows reads Vietnamese), .xlsx read back with exceljs.

const BOM = [0xef, 0xbb, 0xbf];
/** The CSV text after the byte-order mark (which is checked separately). */
const csvText = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(3));

async function readXlsx(bytes: Uint8Array) {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  return workbook;
}

const table = (over: Partial<ReportTable> = {}): ReportTable => ({
  name: 'Danh sách',
  title: 'Chi bộ Khu phố 3 — tháng 11/2026',
  columns: [{ header: 'Họ và tên' }, { header: 'Ghi chú' }, { header: 'Số buổi', kind: 'number' }],
  rows: [
    ['Nguyễn Văn An', 'có mặt', 3],
    ['Trần Thị Bình', null, 0],
  ],
  ...over,
});

describe('CSV', () => {
  it('starts with the UTF-8 byte-order mark and ends each line with CRLF', () => {
    const bytes = toCsv(table());
    expect([...bytes.subarray(0, 3)]).toEqual(BOM);
    expect(csvText(bytes)).toBe('Họ và tên,Ghi chú,Số buổi\r\nNguyễn Văn An,có mặt,3\r\nTrần Thị Bình,,0\r\n');
  });

  it('writes Vietnamese letters as UTF-8 (ệ is E1 BB 87)', () => {
    const bytes = toCsv(table({ columns: [{ header: 'ệ' }], rows: [] }));
    expect([...bytes]).toEqual([...BOM, 0xe1, 0xbb, 0x87, 0x0d, 0x0a]);
  });

  it('quotes a value with a comma, doubles a quote inside a value, and writes null as empty', () => {
    const bytes = toCsv(table({ columns: [{ header: 'A' }, { header: 'B' }, { header: 'C' }], rows: [['Hà Nội, Việt Nam', 'đồng chí "Ba"', null]] }));
    expect(csvText(bytes)).toBe('A,B,C\r\n"Hà Nội, Việt Nam","đồng chí ""Ba""",\r\n');
  });

  it('quotes a value with a CRLF line break', () => {
    const bytes = toCsv(table({ columns: [{ header: 'A' }, { header: 'B' }], rows: [['dòng 1\r\ndòng 2', 'x']] }));
    expect(csvText(bytes)).toBe('A,B\r\n"dòng 1\r\ndòng 2",x\r\n');
  });

  // A place or a note typed on two lines: unquoted, Excel would read two records.
  it('quotes a value with a bare newline', () => {
    const bytes = toCsv(table({ columns: [{ header: 'A' }, { header: 'B' }], rows: [['dòng 1\ndòng 2', 'x']] }));
    expect(csvText(bytes)).toBe('A,B\r\n"dòng 1\ndòng 2",x\r\n');
  });

  it('puts every table under its title, with a blank line between tables and one byte-order mark', () => {
    const first = table();
    const second = table({ name: 'Khác', title: 'Chi bộ Khu phố 4 — tháng 11/2026', columns: [{ header: 'Tháng' }, { header: 'Tỷ lệ', kind: 'percent' }], rows: [['11/2026', 0.8718]] });
    const bytes = toCsvAll([first, second]);
    expect([...bytes.subarray(0, 3)]).toEqual(BOM);
    expect(csvText(bytes)).toBe(
      'Chi bộ Khu phố 3 — tháng 11/2026\r\nHọ và tên,Ghi chú,Số buổi\r\nNguyễn Văn An,có mặt,3\r\nTrần Thị Bình,,0\r\n' +
        '\r\n' +
        'Chi bộ Khu phố 4 — tháng 11/2026\r\nTháng,Tỷ lệ\r\n11/2026,0.8718\r\n',
    );
    // no second byte-order mark in the middle
    expect(csvText(bytes)).not.toContain('\uFEFF');
  });
});

describe('.xlsx', () => {
  it('names sheets within Excel’s rules: 31 characters, no : \\ / ? * [ ], no duplicates', async () => {
    const long = 'Báo cáo chi tiết từng đảng viên của chi bộ năm 2026'; // 51 characters
    const bytes = await toXlsx([
      table({ name: 'Tổng hợp' }),
      table({ name: 'tổng hợp' }), // Excel compares sheet names without case
      table({ name: 'Q1/2026: [A]?*\\' }),
      table({ name: long }),
      table({ name: long }),
    ]);
    const names = (await readXlsx(bytes)).worksheets.map((s) => s.name);
    expect(names).toEqual([
      'Tổng hợp',
      'tổng hợp 2',
      // every forbidden character becomes a space, the ends are trimmed
      'Q1 2026   A',
      // the first 31 characters
      'Báo cáo chi tiết từng đảng viên',
      // 28 characters and " 2"
      'Báo cáo chi tiết từng đảng v 2',
    ]);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[:\\/?*[\]]/);
    }
  });

  it('writes the title row, the Vietnamese headers, numbers as numbers and percent columns as 0.00%', async () => {
    const bytes = await toXlsx([
      {
        name: 'Theo tháng',
        title: 'Chi bộ Khu phố 3 — năm 2026',
        columns: [{ header: 'Tháng' }, { header: 'Tỷ lệ dự họp', kind: 'percent' }, { header: 'Điểm', kind: 'number' }],
        rows: [
          ['01/2026', 0.7778, 92],
          ['02/2026', null, null],
        ],
      },
    ]);
    const sheet = (await readXlsx(bytes)).worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('Chi bộ Khu phố 3 — năm 2026');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect([1, 2, 3].map((c) => sheet.getRow(2).getCell(c).value)).toEqual(['Tháng', 'Tỷ lệ dự họp', 'Điểm']);
    expect(sheet.getCell('A3').value).toBe('01/2026');
    expect(sheet.getCell('B3').value).toBe(0.7778);
    expect(sheet.getCell('C3').value).toBe(92);
    expect(typeof sheet.getCell('C3').value).toBe('number');
    expect(sheet.getCell('B3').numFmt).toBe('0.00%');
    expect(sheet.getCell('C3').numFmt).not.toBe('0.00%');
    // a missing figure shows as an empty cell
    expect([null, '', undefined]).toContain(sheet.getCell('B4').value);
    // title and headers stay in view when scrolling
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  });
});

// ---- the report tables, from a small report written by hand ----

/** Chi bộ Khu phố 3, quarter 1 of 2026: January held and minuted (92 Tốt), February a combined meeting
 * without minutes yet, March not held. Attendance 7/9 and 13/15, so 20/24 over the quarter. */
const cell3: CellReport = {
  period: { kind: 'quarter', year: 2026, quarter: 1 },
  cell: { id: 1, name: 'Chi bộ Khu phố 3', organisationPath: ['Đảng ủy phường Bến Thành'], since: '2025-06' },
  meetingsByKind: { THUONG_KY: 1, CHUYEN_DE: 0, KET_HOP: 1, BAT_THUONG: 0, DAI_HOI: 0 },
  held: 2,
  months: [
    { month: '2026-01', state: 'HELD_MINUTED', meeting: { seq: 7, date: '2026-01-05', kind: 'THUONG_KY' }, thematic: 0, rate: { num: 7, den: 9 }, score: { total: 92, band: 'TOT' } },
    { month: '2026-02', state: 'HELD_NOT_MINUTED', meeting: { seq: 8, date: '2026-02-05', kind: 'KET_HOP' }, thematic: 1, rate: { num: 13, den: 15 }, score: null },
    { month: '2026-03', state: 'NOT_HELD', meeting: null, thematic: 0, rate: null, score: null },
  ],
  quarters: [{ quarter: '2026-Q1', thematic: 1, ended: true, lacking: false }],
  attendance: { present: 20, obliged: 24, excused: 3, unexcused: 1, rate: { num: 20, den: 24 } },
  duration: { measured: 2, averageMinutes: 105, belowMinimum: 1 },
  scores: { scored: 1, averageTenths: 920, byBand: { TOT: 1, KHA: 0, TRUNG_BINH: 0, KEM: 0 } },
  decisions: { closed: 3, passed: 2, resolutions: 2 },
  tasks: { assigned: 5, doneOnTime: 2, doneLate: 1, open: 2, overdue: 1 },
  meetings: [
    {
      id: 70, seq: 7, kind: 'THUONG_KY', date: '2026-01-05', time: '19:30', closed: true, minutes: 95, minimumMinutes: 90, attendance: [], minuted: true,
      score: { total: 92, band: 'TOT' }, resolutions: 1, rate: { num: 7, den: 9 },
    },
    {
      id: 80, seq: 8, kind: 'KET_HOP', date: '2026-02-05', time: '19:30', closed: true, minutes: 115, minimumMinutes: 120, attendance: [], minuted: false,
      score: null, resolutions: 1, rate: { num: 13, den: 15 },
    },
  ],
};

/** Chi bộ Khu phố 4, same quarter: three regular meetings (85 and 90 scored), 25/27 present, no thematic meeting. */
const cell4: CellReport = {
  ...cell3,
  cell: { id: 2, name: 'Chi bộ Khu phố 4', organisationPath: ['Đảng ủy phường Bến Thành'], since: '2025-06' },
  meetingsByKind: { THUONG_KY: 3, CHUYEN_DE: 0, KET_HOP: 0, BAT_THUONG: 0, DAI_HOI: 0 },
  held: 3,
  months: ['2026-01', '2026-02', '2026-03'].map((month) => ({ month, state: 'HELD_MINUTED' as const, meeting: null, thematic: 0, rate: null, score: null })),
  quarters: [{ quarter: '2026-Q1', thematic: 0, ended: true, lacking: true }],
  attendance: { present: 25, obliged: 27, excused: 2, unexcused: 0, rate: { num: 25, den: 27 } },
  scores: { scored: 2, averageTenths: 875, byBand: { TOT: 1, KHA: 1, TRUNG_BINH: 0, KEM: 0 } },
  tasks: { assigned: 1, doneOnTime: 1, doneLate: 0, open: 0, overdue: 0 },
  meetings: [
    { ...cell3.meetings[0]!, id: 71, seq: 3, score: { total: 85, band: 'KHA' } },
    { ...cell3.meetings[0]!, id: 72, seq: 4, score: { total: 90, band: 'TOT' } },
    { ...cell3.meetings[0]!, id: 73, seq: 5, score: null },
  ],
};

/** The value next to a label in a two-column summary table. */
const summaryValue = (t: ReportTable, label: string) => {
  const row = t.rows.find((r) => r[0] === label);
  expect(row, `summary row ${label}`).toBeDefined();
  return row![1];
};
const byName = (tables: ReportTable[], name: string) => {
  const t = tables.find((x) => x.name === name);
  expect(t, `table ${name}`).toBeDefined();
  return t!;
};

describe('a cell’s report as tables', () => {
  const tables = cellReportTables(cell3);

  it('has a summary, a month table, a quarter table and a meeting table, titled with the cell and period', () => {
    expect(tables.map((t) => t.name)).toEqual(['Tổng hợp', 'Theo tháng', 'Chuyên đề theo quý', 'Cuộc họp']);
    for (const t of tables) expect(t.title).toBe('Chi bộ Khu phố 3 — quý 1/2026');
    for (const t of tables) for (const row of t.rows) expect(row).toHaveLength(t.columns.length);
  });

  it('sums up the quarter in Vietnamese', () => {
    const summary = tables[0]!;
    expect(summary.columns.map((c) => c.header)).toEqual(['Chỉ tiêu', 'Số liệu']);
    expect(summaryValue(summary, 'Đảng bộ')).toBe('Đảng ủy phường Bến Thành');
    expect(summaryValue(summary, 'Số cuộc họp đã tổ chức')).toBe(2);
    expect(summaryValue(summary, '  Trong đó kết hợp')).toBe(1);
    expect(summaryValue(summary, 'Tháng không họp thường kỳ')).toBe(1);
    expect(summaryValue(summary, 'Tháng đã họp nhưng chưa có biên bản')).toBe(1);
    expect(summaryValue(summary, 'Quý thiếu sinh hoạt chuyên đề')).toBe(0);
    // 20/24 = 83,33 %
    expect(summaryValue(summary, 'Tỷ lệ dự họp (%)')).toBe(83.33);
    expect(summaryValue(summary, 'Số cuộc dưới thời lượng tối thiểu')).toBe(1);
    // 920 tenths
    expect(summaryValue(summary, 'Điểm bình quân')).toBe(92);
    expect(summaryValue(summary, '  Xếp loại Tốt')).toBe(1);
    expect(summaryValue(summary, 'Việc quá hạn')).toBe(1);
  });

  it('lists the months with their state, meeting date and rate as a fraction rounded to 4 decimals', () => {
    const months = tables[1]!;
    expect(months.columns.map((c) => c.header)).toEqual(['Tháng', 'Sinh hoạt thường kỳ', 'Ngày họp', 'Số cuộc chuyên đề', 'Tỷ lệ dự họp', 'Điểm', 'Xếp loại']);
    expect(months.columns[4]!.kind).toBe('percent');
    expect(months.rows).toEqual([
      // 7/9 = 0,77777… → 0.7778
      ['01/2026', 'đã họp, có biên bản', '05/01/2026', 0, 0.7778, 92, 'Tốt'],
      // 13/15 = 0,86666… → 0.8667
      ['02/2026', 'đã họp, chưa có biên bản', '05/02/2026', 1, 0.8667, null, null],
      ['03/2026', 'không họp', null, 0, null, null, null],
    ]);
  });

  it('judges the quarter', () => {
    expect(tables[2]!.rows).toEqual([['Quý 1/2026', 1, 'Đạt']]);
    expect(cellReportTables(cell4)[2]!.rows).toEqual([['Quý 1/2026', 0, 'Thiếu chuyên đề']]);
    const open = cellReportTables({ ...cell3, quarters: [{ quarter: '2026-Q2', thematic: 0, ended: false, lacking: false }] });
    expect(open[2]!.rows).toEqual([['Quý 2/2026', 0, 'Quý chưa hết']]);
  });

  it('lists the meetings with present, obliged and the rate', () => {
    const meetings = tables[3]!;
    expect(meetings.columns.map((c) => c.header)).toEqual([
      'Số', 'Ngày', 'Loại', 'Có mặt', 'Phải dự', 'Tỷ lệ dự họp', 'Thời lượng (phút)', 'Biên bản', 'Điểm', 'Xếp loại', 'Nghị quyết',
    ]);
    expect(meetings.rows).toEqual([
      [7, '05/01/2026', 'thường kỳ', 7, 9, 0.7778, 95, 'Có', 92, 'Tốt', 1],
      [8, '05/02/2026', 'kết hợp', 13, 15, 0.8667, 115, 'Chưa', null, null, 1],
    ]);
    for (const row of meetings.rows) {
      const [num, den, rate] = [row[3] as number, row[4] as number, row[5] as number];
      expect(rate).toBe(Math.round((num / den) * 10_000) / 10_000);
    }
  });

  it('leaves the rate empty when nobody was expected', () => {
    const none = cellReportTables({ ...cell3, attendance: { ...cell3.attendance, present: 0, obliged: 0, rate: { num: 0, den: 0 } } });
    expect(summaryValue(none[0]!, 'Tỷ lệ dự họp (%)')).toBeNull();
  });

  it('goes into an .xlsx with one sheet per table, the rate kept as a percent number', async () => {
    const workbook = await readXlsx(await toXlsx(tables));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Theo tháng', 'Chuyên đề theo quý', 'Cuộc họp']);
    const meetings = workbook.getWorksheet('Cuộc họp')!;
    expect(meetings.getCell('A1').value).toBe('Chi bộ Khu phố 3 — quý 1/2026');
    expect(meetings.getCell('F2').value).toBe('Tỷ lệ dự họp');
    expect(meetings.getCell('F3').value).toBe(0.7778);
    expect(meetings.getCell('F3').numFmt).toBe('0.00%');
    expect(meetings.getCell('D4').value).toBe(13);
  });
});

describe('members’ year as a table', () => {
  const rows: MemberYear[] = [
    {
      member: { id: 1, fullName: 'Nguyễn Văn An', membership: 'CHINH_THUC', status: 'ACTIVE' },
      obliged: 9, present: 5, excused: 0, unexcused: 4, unexcusedMonths: ['2026-01', '2026-03', '2026-06'], longestExcusedRun: 0, votes: 2,
      tasks: { assigned: 3, doneOnTime: 1, doneLate: 1, open: 1, overdue: 1 },
    },
    {
      member: { id: 3, fullName: 'Lê Văn Cường', membership: 'DU_BI', status: 'EXEMPT' },
      obliged: 2, present: 0, excused: 2, unexcused: 0, unexcusedMonths: [], longestExcusedRun: 2, votes: 0,
      tasks: { assigned: 0, doneOnTime: 0, doneLate: 0, open: 0, overdue: 0 },
    },
  ];

  it('has one row per member, numbered, with membership and status in Vietnamese and the months as MM/YYYY', () => {
    const t = memberYearTable(rows, 2026, 'Chi bộ Khu phố 3');
    expect(t.name).toBe('Đảng viên 2026');
    expect(t.title).toBe('Chi bộ Khu phố 3 — Đảng viên năm 2026 (chỉ dành cho chi ủy)');
    expect(t.columns.map((c) => c.header)).toEqual([
      'STT', 'Họ và tên', 'Loại đảng viên', 'Tình trạng', 'Số cuộc phải dự', 'Có mặt', 'Vắng có lý do', 'Vắng không lý do', 'Các tháng vắng không lý do',
      'Vắng có lý do liên tiếp nhiều nhất', 'Số lần biểu quyết', 'Việc được giao', 'Hoàn thành đúng hạn', 'Hoàn thành trễ hạn', 'Đang làm', 'Quá hạn',
    ]);
    expect(t.rows).toEqual([
      [1, 'Nguyễn Văn An', 'chính thức', 'bình thường', 9, 5, 0, 4, '01/2026, 03/2026, 06/2026', 0, 2, 3, 1, 1, 1, 1],
      [2, 'Lê Văn Cường', 'dự bị', 'miễn sinh hoạt', 2, 0, 2, 0, '', 2, 0, 0, 0, 0, 0, 0],
    ]);
  });

  it('titles the table without a cell name when none is given', () => {
    expect(memberYearTable([], 2025).title).toBe('Đảng viên năm 2025 (chỉ dành cho chi ủy)');
  });
});

describe('the đảng ủy’s view as tables', () => {
  const period = { kind: 'quarter', year: 2026, quarter: 1 } as const;
  const view: OrganisationView = {
    organisation: { id: 5, name: 'Đảng ủy phường Bến Thành', kind: 'DANG_BO', parentId: null },
    path: ['Đảng ủy quận 1', 'Đảng ủy phường Bến Thành'],
    report: organisationReport([cell3, cell4], period),
    calendar: [
      { cell: { id: 1, name: 'Chi bộ Khu phố 3' }, rule: { dayOfMonth: 5, time: '19:30', place: 'Nhà văn hóa khu phố 3' }, upcoming: [{ seq: 9, kind: 'THUONG_KY', date: '2026-04-05', time: '19:30', place: null }] },
      { cell: { id: 2, name: 'Chi bộ Khu phố 4' }, rule: null, upcoming: [] },
    ],
  };
  const tables = organisationTables(view);

  it('titles every table with the organisation path and the period', () => {
    expect(tables.map((t) => t.name)).toEqual(['Tổng hợp', 'Các chi bộ', 'Lịch sinh hoạt']);
    for (const t of tables) expect(t.title).toBe('Đảng ủy quận 1 / Đảng ủy phường Bến Thành — quý 1/2026');
  });

  it('sums the cells up', () => {
    const summary = tables[0]!;
    expect(summaryValue(summary, 'Số chi bộ')).toBe(2);
    expect(summaryValue(summary, 'Số cuộc họp đã tổ chức')).toBe(5);
    expect(summaryValue(summary, 'Lượt có mặt')).toBe(45);
    expect(summaryValue(summary, 'Lượt phải dự')).toBe(51);
    // 45/51 = 88,235… % → 88.24
    expect(summaryValue(summary, 'Tỷ lệ dự họp (%)')).toBe(88.24);
    // every scored meeting: (92 + 85 + 90) / 3 = 89,0 (the mean of the cells' 92 and 87,5 would be 89,75)
    expect(summaryValue(summary, 'Số cuộc được chấm điểm')).toBe(3);
    expect(summaryValue(summary, 'Điểm bình quân')).toBe(89);
    expect(summaryValue(summary, 'Lượt chi bộ không họp thường kỳ (tháng)')).toBe(1);
    expect(summaryValue(summary, 'Lượt chi bộ chưa có biên bản (tháng)')).toBe(1);
    expect(summaryValue(summary, 'Lượt quý thiếu chuyên đề')).toBe(1);
    expect(summaryValue(summary, 'Việc được giao')).toBe(6);
  });

  it('has one row per cell', () => {
    const cells = tables[1]!;
    expect(cells.columns.map((c) => c.header)).toEqual([
      'Chi bộ', 'Số cuộc họp', 'Thường kỳ', 'Chuyên đề (kể cả kết hợp)', 'Tỷ lệ dự họp', 'Điểm bình quân', 'Tháng không họp', 'Tháng chưa có biên bản', 'Quý thiếu chuyên đề', 'Việc quá hạn',
    ]);
    expect(cells.rows).toEqual([
      // 20/24 = 0,83333 → 0.8333; the combined meeting counts as regular and as thematic
      ['Chi bộ Khu phố 3', 2, 2, 1, 0.8333, 92, '03/2026', '02/2026', '', 1],
      // 25/27 = 0,92592… → 0.9259
      ['Chi bộ Khu phố 4', 3, 3, 0, 0.9259, 87.5, '', '', 'Quý 1/2026', 0],
    ]);
  });

  it('shows each cell’s registered rule and next meetings', () => {
    expect(tables[2]!.columns.map((c) => c.header)).toEqual(['Chi bộ', 'Lịch định kỳ đã đăng ký', 'Địa điểm', 'Cuộc họp sắp tới']);
    expect(tables[2]!.rows).toEqual([
      ['Chi bộ Khu phố 3', 'Ngày 5 hằng tháng, 19:30', 'Nhà văn hóa khu phố 3', 'Số 9: 05/04/2026 19:30 (thường kỳ)'],
      ['Chi bộ Khu phố 4', 'Chưa đăng ký', null, null],
    ]);
  });

  it('goes into one CSV with every table under its title', () => {
    const text = csvText(toCsvAll(tables));
    const blocks = text.split('\r\n\r\n');
    expect(blocks).toHaveLength(3);
    expect(blocks.map((b) => b.split('\r\n')[0])).toEqual(Array(3).fill('Đảng ủy quận 1 / Đảng ủy phường Bến Thành — quý 1/2026'));
    expect(blocks[1]!.split('\r\n')[2]).toBe('Chi bộ Khu phố 3,2,2,1,0.8333,92,03/2026,02/2026,,1');
  });
});
