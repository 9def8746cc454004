// The committed example year (examples/bao-cao-nam-2025.seed.json) seeded through the repositories, and
// every report checked against figures worked out by hand from that file. Runs on SQLite and PostgreSQL.
import ExcelJS from 'exceljs';
import { PNG } from 'pngjs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/bot.ts';
import type { Services } from '../../src/commands/context.ts';
import type { CellRecord } from '../../src/app/ports.ts';
import { renderChartPng } from '../../src/reports/charts.ts';
import { toCsvAll, toXlsx } from '../../src/reports/exports.ts';
import { readHistory, seedHistory } from '../../src/reports/history-seed.ts';
import { cellCharts, organisationCharts } from '../../src/reports/report-charts.ts';
import { cellReportTables, memberYearTable, organisationTables } from '../../src/text/report-tables.ts';
import { renderMarkdown } from '../../src/documents/markdown.ts';
import { ManualClock } from '../../src/scheduler/clock.ts';
import { vietnamInstant } from '../../src/domain/time.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const YEAR = { kind: 'year', year: 2025 } as const;
let db: TestDatabase;
let services: Services;
const cells: Record<'kp1' | 'kp2' | 'lele', CellRecord> = {} as never;

beforeAll(async () => {
  db = await createTestDatabase();
  const log = pino({ level: 'silent' });
  const message = await seedHistory(db.store, readHistory('examples/bao-cao-nam-2025.seed.json'), { log });
  expect(message).toBe('Đã nạp lịch sử mẫu: 3 chi bộ, 36 cuộc họp.');
  // The report is read on 10 January 2026: every month of 2025 is over.
  services = createServices({ store: db.store, clock: new ManualClock(vietnamInstant('2026-01-10', '09:00')), channels: [], log, instanceId: 'test' });
  for (const key of ['kp1', 'kp2', 'lele'] as const) cells[key] = (await db.store.cells.findByChat('shell', `g:${key}`))!;
}, 120_000);

afterAll(async () => {
  await db?.cleanup();
});

describe('Chi bộ Khu phố 1, năm 2025', () => {
  it('held 13 meetings: 9 regular, 3 combined with a chuyên đề, 1 separate chuyên đề; every month and quarter covered', async () => {
    const r = await services.reports.cellReport(cells.kp1, YEAR);
    expect(r.held).toBe(13);
    expect(r.meetingsByKind).toEqual({ THUONG_KY: 9, KET_HOP: 3, CHUYEN_DE: 1, BAT_THUONG: 0, DAI_HOI: 0 });
    expect(r.months.map((m) => m.state)).toEqual(Array(12).fill('HELD_MINUTED'));
    expect(r.quarters.map((q) => [q.quarter, q.thematic, q.lacking])).toEqual([['2025-Q1', 1, false], ['2025-Q2', 1, false], ['2025-Q3', 1, false], ['2025-Q4', 1, false]]);
  });

  it('attendance 87/91: 7 obliged × 13 meetings (the exempted member has no row), 3 absences without reason and 1 with', async () => {
    const r = await services.reports.cellReport(cells.kp1, YEAR);
    expect(r.attendance).toEqual({ present: 87, obliged: 91, excused: 1, unexcused: 3, rate: { num: 87, den: 91 } });
    // (9 × 100 + 3 × 125 + 95) / 13 = 105,4 minutes
    expect(r.duration).toEqual({ measured: 13, averageMinutes: 105, belowMinimum: 0 });
  });

  it('scores: 95 where every fact is met; 87 in February and May (an absence without reason halves attendance to 7); 72 in August (also last month\'s task late: 0 of 15)', async () => {
    const r = await services.reports.cellReport(cells.kp1, YEAR);
    expect(r.months.map((m) => m.score?.total)).toEqual([95, 87, 95, 95, 87, 95, 95, 72, 95, 95, 95, 95]);
    // 9 × 95 + 87 + 87 + 72 = 1101 over 12 meetings = 91,75 → 91,8
    expect(r.scores).toEqual({ scored: 12, averageTenths: 918, byBand: { TOT: 9, KHA: 3, TRUNG_BINH: 0, KEM: 0 } });
    expect(r.decisions).toEqual({ closed: 12, passed: 12, resolutions: 12 });
    // 12 tasks: July's done on 25/7 for 20/7, December's still open after 20/12
    expect(r.tasks).toEqual({ assigned: 12, doneOnTime: 10, doneLate: 1, open: 1, overdue: 1 });
  });

  it('the August score sheet shows the facts the bot used', async () => {
    const august = (await db.store.meetings.bySeq(cells.kp1.id, 9))!;
    const view = await services.reports.scoring(august);
    expect(view.facts).toEqual({ durationMet: true, attendanceMisses: ['unexcused'], priorTasks: { due: 1, doneOnTime: 0 }, minutesDone: true });
    expect(view.points).toEqual({ 'chuan-bi': 9, 'thoi-luong': 10, 'du-hop': 7, 'noi-dung': 18, 'thao-luan': 18, 'ket-qua': 0, 'bien-ban': 10 });
    expect(view.result).toMatchObject({ total: 72, band: 'KHA', missing: [] });
  });

  it('each member\'s year: Hoàng Văn Em absent without reason in three months, flagged; the exempted member obliged to none', async () => {
    const rows = await services.reports.memberYears(cells.kp1, 2025);
    const of = (name: string) => rows.find((r) => r.member.fullName === name)!;
    expect(of('Hoàng Văn Em')).toMatchObject({ obliged: 13, present: 10, excused: 0, unexcused: 3, unexcusedMonths: ['2025-02', '2025-05', '2025-08'], votes: 9 });
    expect(of('Hoàng Văn Em').tasks).toEqual({ assigned: 2, doneOnTime: 2, doneLate: 0, open: 0, overdue: 0 });
    expect(of('Vũ Thị Giang')).toMatchObject({ present: 12, excused: 1, votes: 11 });
    expect(of('Lê Văn Cường').tasks).toEqual({ assigned: 3, doneOnTime: 2, doneLate: 1, open: 0, overdue: 0 });
    expect(of('Phạm Thị Dung').tasks).toEqual({ assigned: 3, doneOnTime: 2, doneLate: 0, open: 1, overdue: 1 });
    // Probationary: at every meeting, never a vote.
    expect(of('Đỗ Văn Hải')).toMatchObject({ obliged: 13, present: 13, votes: 0 });
    expect(of('Bùi Thị Khánh')).toMatchObject({ obliged: 0, present: 0 });
    expect(rows).toHaveLength(8);
  });

  it('the quarter report counts the June chuyên đề apart from the three regular meetings', async () => {
    const r = await services.reports.cellReport(cells.kp1, { kind: 'quarter', year: 2025, quarter: 2 });
    expect(r.held).toBe(4);
    // April: 6/7 (an excused absence), May: 6/7 (one without reason), June twice 7/7
    expect(r.attendance.rate).toEqual({ num: 26, den: 28 });
    expect(r.scores.averageTenths).toBe(923); // (95 + 87 + 95) / 3 = 92,33
  });
});

describe('Chi bộ Khu phố 2, năm 2025', () => {
  it('no regular meeting in July, October not minuted, and no chuyên đề in the second quarter', async () => {
    const r = await services.reports.cellReport(cells.kp2, YEAR);
    expect(r.months.filter((m) => m.state !== 'HELD_MINUTED').map((m) => [m.month, m.state])).toEqual([['2025-07', 'NOT_HELD'], ['2025-10', 'HELD_NOT_MINUTED']]);
    expect(r.quarters.filter((q) => q.lacking).map((q) => q.quarter)).toEqual(['2025-Q2']);
    expect(r.meetingsByKind).toMatchObject({ THUONG_KY: 8, KET_HOP: 3, CHUYEN_DE: 0 });
  });

  it('figures: 72/77 present, an 80-minute meeting, one vote lost, 87,5 points on average', async () => {
    const r = await services.reports.cellReport(cells.kp2, YEAR);
    expect(r.attendance).toEqual({ present: 72, obliged: 77, excused: 4, unexcused: 1, rate: { num: 72, den: 77 } });
    expect(r.duration).toEqual({ measured: 11, averageMinutes: 105, belowMinimum: 1 });
    expect(r.decisions).toEqual({ closed: 11, passed: 10, resolutions: 10 });
    // From June on Tạ Văn Sơn has been excused four times running (§4.4): attendance 7 of 15 every month after.
    // October: no minutes (0 of 10); November: 80 minutes (0 of 10); May: April's task late (0 of 15).
    expect(r.months.map((m) => m.score?.total ?? null)).toEqual([95, 95, 95, 95, 80, 87, null, 87, 87, 77, 77, 87]);
    expect(r.scores).toEqual({ scored: 11, averageTenths: 875, byBand: { TOT: 4, KHA: 7, TRUNG_BINH: 0, KEM: 0 } });
    expect(r.tasks).toEqual({ assigned: 3, doneOnTime: 2, doneLate: 1, open: 0, overdue: 0 });
  });

  it('members: four excused absences in a row, one absence without reason', async () => {
    const rows = await services.reports.memberYears(cells.kp2, 2025);
    const of = (name: string) => rows.find((r) => r.member.fullName === name)!;
    expect(of('Tạ Văn Sơn')).toMatchObject({ obliged: 11, present: 7, excused: 4, unexcused: 0, longestExcusedRun: 4, votes: 7 });
    expect(of('Lý Văn Phúc')).toMatchObject({ present: 10, unexcused: 1, unexcusedMonths: ['2025-11'], votes: 9 });
  });
});

describe('Đảng bộ phường Bến Thành, năm 2025', () => {
  const organisationId = async (name: string) => (await db.store.organisations.all()).find((o) => o.name === name)!.id;

  it('rolls the three cells up, the school\'s cell from its đảng bộ bộ phận included', async () => {
    const view = await services.reports.organisationView(await organisationId('Đảng bộ phường Bến Thành'), YEAR);
    const r = view.report;
    expect(r.cells.map((c) => c.cell.name)).toEqual(['Chi bộ Khu phố 1', 'Chi bộ Khu phố 2', 'Chi bộ Trường Tiểu học Lê Lợi']);
    expect(r.held).toBe(36);
    // 87 + 72 + 95 present of 91 + 77 + 96
    expect(r.attendance).toEqual({ present: 254, obliged: 264, rate: { num: 254, den: 264 } });
    // (1101 + 962 + 12 × 90) / 35 = 89,8 — over the meetings; the mean of the three averages would be 89,7
    expect(r.scores).toEqual({ scored: 35, averageTenths: 898, byBand: { TOT: 25, KHA: 10, TRUNG_BINH: 0, KEM: 0 } });
    expect(r.tasks).toEqual({ assigned: 15, doneOnTime: 12, doneLate: 2, open: 1, overdue: 1 });
    expect(r.notHeld).toEqual([{ cellId: cells.kp2.id, cellName: 'Chi bộ Khu phố 2', month: '2025-07' }]);
    expect(r.notMinuted).toEqual([{ cellId: cells.kp2.id, cellName: 'Chi bộ Khu phố 2', month: '2025-10' }]);
    expect(r.quartersLacking).toEqual([{ cellId: cells.kp2.id, cellName: 'Chi bộ Khu phố 2', quarter: '2025-Q2' }]);
  });

  it('shows the registered calendar: Khu phố 1 meets on the 5th at 19:30 and has February\'s meeting scheduled', async () => {
    const view = await services.reports.organisationView(await organisationId('Đảng bộ phường Bến Thành'), YEAR);
    expect(view.calendar.map((c) => [c.cell.name, c.rule])).toEqual([
      ['Chi bộ Khu phố 1', { dayOfMonth: 5, time: '19:30', place: 'Nhà văn hoá khu phố 1' }],
      ['Chi bộ Khu phố 2', null],
      ['Chi bộ Trường Tiểu học Lê Lợi', null],
    ]);
    expect(view.calendar[0]!.upcoming).toEqual([{ seq: 14, kind: 'THUONG_KY', date: '2026-02-05', time: '19:30', weekday: 4, place: 'Nhà văn hoá khu phố 1' }]);
  });

  it('the đảng bộ bộ phận alone holds only the school\'s cell', async () => {
    const view = await services.reports.organisationView(await organisationId('Đảng bộ bộ phận Khối trường học'), YEAR);
    expect(view.path).toEqual(['Đảng bộ phường Bến Thành', 'Đảng bộ bộ phận Khối trường học']);
    expect(view.report.cells.map((c) => c.cell.name)).toEqual(['Chi bộ Trường Tiểu học Lê Lợi']);
    expect(view.report.attendance.rate).toEqual({ num: 95, den: 96 });
    expect(view.report.scores.averageTenths).toBe(900);
  });

  it('only the viewer named in the file has the đảng ủy view; a cell secretary sees only their cell', async () => {
    const viewer = await services.reports.scopes({ channel: 'shell', externalId: 'u:le thi thu', displayName: 'Lê Thị Thu' });
    expect(viewer.organisations.map((o) => o.name)).toEqual(['Đảng bộ phường Bến Thành', 'Đảng bộ bộ phận Khối trường học']);
    expect((await services.reports.visibleCells(viewer)).map((c) => c.name)).toHaveLength(3);
    const secretary = await services.reports.scopes({ channel: 'shell', externalId: 'u:phan van lam', displayName: 'Phan Văn Lâm' });
    expect(secretary.organisations).toEqual([]);
    expect(secretary.cells.map((c) => c.name)).toEqual(['Chi bộ Khu phố 2']);
  });
});

describe('files and pictures of the year', () => {
  it('the cell\'s .xlsx holds the summary, the months, the quarters, the meetings and the members, with Vietnamese headers', async () => {
    const r = await services.reports.cellReport(cells.kp1, YEAR);
    const members = await services.reports.memberYears(cells.kp1, 2025);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await toXlsx([...cellReportTables(r), memberYearTable(members, 2025, r.cell.name)])) as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Theo tháng', 'Chuyên đề theo quý', 'Cuộc họp', 'Đảng viên 2025']);
    const summary = workbook.getWorksheet('Tổng hợp')!;
    const value = (label: string) => (summary.getSheetValues().find((row) => Array.isArray(row) && row[1] === label) as unknown[] | undefined)?.[2];
    expect(value('Số cuộc họp đã tổ chức')).toBe(13);
    expect(value('Tỷ lệ dự họp (%)')).toBe(95.6);
    expect(value('Điểm bình quân')).toBe(91.8);
    const people = workbook.getWorksheet('Đảng viên 2025')!;
    expect(people.getRow(2).values).toContain('Các tháng vắng không lý do');
    const em = people.getSheetValues().find((row) => Array.isArray(row) && row[2] === 'Hoàng Văn Em') as unknown[];
    expect(em.slice(5, 10)).toEqual([13, 10, 0, 3, '02/2025, 05/2025, 08/2025']);
  });

  it('the đảng ủy\'s CSV names the cell that missed July', async () => {
    const view = await services.reports.organisationView((await db.store.organisations.all())[0]!.id, YEAR);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(toCsvAll(organisationTables(view)));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    // 11 meetings, all holding a month's regular meeting (8 regular + 3 combined), 3 with a chuyên đề
    expect(csv).toContain('Chi bộ Khu phố 2,11,11,3,0.9351,87.5,07/2025,10/2025,Quý 2/2025,0\r\n');
    // A value with a comma is quoted
    expect(csv).toContain('Chi bộ Khu phố 1,"Ngày 5 hằng tháng, 19:30",Nhà văn hoá khu phố 1,');
  });

  it('the charts are pictures of the right size, one line or bar group per cell', async () => {
    const r = await services.reports.cellReport(cells.kp2, YEAR);
    const [attendance, scores] = cellCharts(r, services.reports.sheet);
    // July has no meeting: a gap, not a zero
    expect(attendance!.series[0]!.values[6]).toBeNull();
    expect(attendance!.series[0]!.values[2]).toBeCloseTo(85.71, 2);
    expect(scores!.series[0]!.values).toEqual([95, 95, 95, 95, 80, 87, null, 87, 87, 77, 77, 87]);
    const png = PNG.sync.read(Buffer.from(await renderChartPng(scores!)));
    expect([png.width, png.height]).toEqual([900, 500]);
    const view = await services.reports.organisationView((await db.store.organisations.all())[0]!.id, YEAR);
    expect(organisationCharts('Đảng bộ phường Bến Thành', YEAR, view.report.cells, services.reports.sheet)[0]!.series).toHaveLength(3);
  });

  it('the biên bản of a scored meeting records its score and band', async () => {
    const august = (await db.store.meetings.bySeq(cells.kp1.id, 9))!;
    const [minutes] = await services.minutes.documents(cells.kp1, august);
    const text = renderMarkdown(minutes!);
    expect(text).toContain('VII. TỰ ĐÁNH GIÁ CHẤT LƯỢNG SINH HOẠT');
    expect(text).toContain('Chi bộ tự đánh giá buổi sinh hoạt đạt 72/100 điểm, xếp loại Khá');
  });
});
