import { describe, expect, it } from 'vitest';
import type { Attendance } from '../../src/domain/attendance.ts';
import type { MeetingKind } from '../../src/domain/meeting.ts';
import {
  cellReport,
  memberYears,
  organisationReport,
  parsePeriodKey,
  periodKey,
  periodMonths,
  type CellData,
  type MonthState,
  type Period,
  type ReportMeeting,
  type ReportMember,
  type ReportTask,
  type ReportVote,
} from '../../src/domain/reports.ts';
import type { Band } from '../../src/domain/scoring.ts';

// Every expected figure is worked out by hand from the small records built below (domain-rules.md §1.4
// monthly and quarterly meetings, §4.3 months with unexcused absence, §4.4 attendance rate, §6.2 bands).

// ---- builders ----

const member = (id: number, fullName: string, over: Partial<ReportMember> = {}): ReportMember => ({ id, fullName, membership: 'CHINH_THUC', status: 'ACTIVE', ...over });

/** Attendance rows: present, absent with reason, absent without reason. */
const att = (present: number[], excused: number[] = [], unexcused: number[] = []): ReportMeeting['attendance'] => [
  ...present.map((memberId) => ({ memberId, attendance: 'PRESENT' as Attendance })),
  ...excused.map((memberId) => ({ memberId, attendance: 'ABSENT_EXCUSED' as Attendance })),
  ...unexcused.map((memberId) => ({ memberId, attendance: 'ABSENT_UNEXCUSED' as Attendance })),
];

const minimumFor = (kind: MeetingKind) => (kind === 'KET_HOP' ? 120 : kind === 'BAT_THUONG' || kind === 'DAI_HOI' ? null : 90);

/** A closed, minuted meeting of 95 minutes; ids double as seq + 100 so that a mix-up shows. */
const meeting = (id: number, kind: MeetingKind, date: string, over: Partial<ReportMeeting> = {}): ReportMeeting => ({
  id,
  seq: id + 100,
  kind,
  date,
  time: '19:30',
  closed: true,
  minutes: 95,
  minimumMinutes: minimumFor(kind),
  attendance: [],
  minuted: true,
  score: null,
  resolutions: 0,
  ...over,
});

const score = (total: number, band: Band) => ({ total, band });
const vote = (meetingId: number, passed: boolean | null, voterIds: number[] = [], closed = true): ReportVote => ({ meetingId, closed, passed, voterIds });
const task = (seq: number, meetingId: number, status: 'OPEN' | 'DONE', dueOn: string | null, doneOn: string | null = null, ownerId: number | null = null): ReportTask => ({
  seq,
  meetingId,
  what: `Việc ${seq}`,
  ownerId,
  ownerName: ownerId === null ? null : `Đảng viên ${ownerId}`,
  dueOn,
  status,
  doneOn,
});

const cellData = (over: Partial<CellData> & { since?: string; id?: number; name?: string } = {}): CellData => {
  const { since = '2026-01', id = 1, name = 'Chi bộ Khu phố 1', ...rest } = over;
  return {
    cell: { id, name, organisationPath: ['Đảng bộ phường Bến Thành'], since },
    members: [member(1, 'Nguyễn Văn An'), member(2, 'Trần Thị Bình'), member(3, 'Lê Văn Cường'), member(4, 'Phạm Thị Dung')],
    meetings: [],
    votes: [],
    tasks: [],
    rule: { dayOfMonth: 5, time: '19:30', place: 'Nhà văn hóa' },
    ...rest,
  };
};

const year2026: Period = { kind: 'year', year: 2026 };
const stateOf = (states: { month: string; state: MonthState }[], month: string) => states.find((m) => m.month === month)?.state;

// ---- periods ----

describe('periods', () => {
  it('lists the months of a month, a quarter and a year', () => {
    expect(periodMonths({ kind: 'month', year: 2026, month: 11 })).toEqual(['2026-11']);
    expect(periodMonths({ kind: 'quarter', year: 2026, quarter: 4 })).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(periodMonths({ kind: 'quarter', year: 2025, quarter: 1 })).toEqual(['2025-01', '2025-02', '2025-03']);
    const year = periodMonths(year2026);
    expect(year).toHaveLength(12);
    expect(year[0]).toBe('2026-01');
    expect(year[8]).toBe('2026-09');
    expect(year[11]).toBe('2026-12');
  });

  it.each<[Period, string]>([
    [{ kind: 'month', year: 2026, month: 3 }, '2026-03'],
    [{ kind: 'month', year: 2026, month: 11 }, '2026-11'],
    [{ kind: 'quarter', year: 2026, quarter: 4 }, '2026-Q4'],
    [{ kind: 'year', year: 2025 }, '2025'],
  ])('%j has the key %s and reads back from it', (period, key) => {
    expect(periodKey(period)).toBe(key);
    expect(parsePeriodKey(key)).toEqual(period);
  });

  it.each(['2026-13', '2026-00', '2026-Q5', '2026-Q0', '2026-3', 'abc', '', '26-03', '2026-11-01'])('refuses the key %j', (key) => {
    expect(parsePeriodKey(key)).toBeNull();
  });
});

// ---- a cell's months and quarters ----

describe('a cell’s months', () => {
  // The cell began with the bot in February 2026; today is 20 May 2026.
  const data = cellData({
    since: '2026-02',
    meetings: [
      meeting(1, 'THUONG_KY', '2026-02-05'),
      meeting(2, 'THUONG_KY', '2026-03-05', { minuted: false }),
      // April: only an extraordinary and a thematic meeting — the regular one was not held
      meeting(3, 'BAT_THUONG', '2026-04-10'),
      meeting(4, 'CHUYEN_DE', '2026-04-20'),
      // June: planned, not held yet
      meeting(5, 'THUONG_KY', '2026-06-05', { closed: false, minutes: null }),
    ],
  });
  const report = cellReport(data, year2026, '2026-05-20');

  it('marks each month of the year', () => {
    expect(report.months.map((m) => [m.month, m.state])).toEqual([
      ['2026-01', 'BEFORE'],
      ['2026-02', 'HELD_MINUTED'],
      ['2026-03', 'HELD_NOT_MINUTED'],
      ['2026-04', 'NOT_HELD'],
      ['2026-05', 'UPCOMING'],
      ['2026-06', 'UPCOMING'],
      ['2026-07', 'UPCOMING'],
      ['2026-08', 'UPCOMING'],
      ['2026-09', 'UPCOMING'],
      ['2026-10', 'UPCOMING'],
      ['2026-11', 'UPCOMING'],
      ['2026-12', 'UPCOMING'],
    ]);
  });

  it('shows the held meeting, and the planned one of an upcoming month', () => {
    expect(report.months[1]!.meeting).toEqual({ seq: 101, date: '2026-02-05', kind: 'THUONG_KY' });
    expect(report.months[5]!.meeting).toEqual({ seq: 105, date: '2026-06-05', kind: 'THUONG_KY' });
    // April's extraordinary meeting is not shown as the month's regular meeting
    expect(report.months[3]!.meeting).toBeNull();
    expect(report.months[3]!.thematic).toBe(1);
  });

  it('a current month with its regular meeting held is held, not upcoming', () => {
    const held = cellData({ since: '2026-02', meetings: [meeting(1, 'THUONG_KY', '2026-05-05')] });
    expect(stateOf(cellReport(held, year2026, '2026-05-20').months, '2026-05')).toBe('HELD_MINUTED');
  });

  it('an ended month the cell spent with the bot is not held when nothing regular happened in it', () => {
    // today 1 June: May has ended
    const r = cellReport(cellData({ since: '2026-02' }), year2026, '2026-06-01');
    expect(stateOf(r.months, '2026-05')).toBe('NOT_HELD');
    expect(stateOf(r.months, '2026-06')).toBe('UPCOMING');
  });

  it.each<MeetingKind>(['BAT_THUONG', 'CHUYEN_DE', 'DAI_HOI'])('a %s meeting alone does not hold a month', (kind) => {
    const r = cellReport(cellData({ meetings: [meeting(1, kind, '2026-03-12')] }), year2026, '2026-05-20');
    expect(stateOf(r.months, '2026-03')).toBe('NOT_HELD');
  });

  it('a kết hợp meeting holds the month', () => {
    const r = cellReport(cellData({ meetings: [meeting(1, 'KET_HOP', '2026-03-12', { minuted: false })] }), year2026, '2026-05-20');
    expect(stateOf(r.months, '2026-03')).toBe('HELD_NOT_MINUTED');
    expect(r.months[2]!.thematic).toBe(1);
  });

  it('a meeting that is not closed does not hold an ended month', () => {
    const r = cellReport(cellData({ meetings: [meeting(1, 'THUONG_KY', '2026-03-05', { closed: false })] }), year2026, '2026-05-20');
    expect(stateOf(r.months, '2026-03')).toBe('NOT_HELD');
    expect(r.held).toBe(0);
  });

  it('a month period has one row', () => {
    const r = cellReport(data, { kind: 'month', year: 2026, month: 3 }, '2026-05-20');
    expect(r.months.map((m) => [m.month, m.state])).toEqual([['2026-03', 'HELD_NOT_MINUTED']]);
    expect(r.quarters.map((q) => q.quarter)).toEqual(['2026-Q1']);
  });
});

describe('a cell’s quarters (one thematic meeting a quarter, §1.4)', () => {
  it('lacks one only when the quarter has ended, the cell spent it wholly with the bot and held none', () => {
    // since February: Q1 began before the bot, so it is not judged; today 20 August: Q1 and Q2 ended
    const r = cellReport(cellData({ since: '2026-02', meetings: [meeting(1, 'THUONG_KY', '2026-04-05')] }), year2026, '2026-08-20');
    expect(r.quarters).toEqual([
      { quarter: '2026-Q1', thematic: 0, ended: true, lacking: false },
      { quarter: '2026-Q2', thematic: 0, ended: true, lacking: true },
      { quarter: '2026-Q3', thematic: 0, ended: false, lacking: false },
      { quarter: '2026-Q4', thematic: 0, ended: false, lacking: false },
    ]);
  });

  it('a quarter starting in the cell’s first month is judged', () => {
    const r = cellReport(cellData({ since: '2026-04' }), year2026, '2026-08-20');
    expect(r.quarters[1]).toEqual({ quarter: '2026-Q2', thematic: 0, ended: true, lacking: true });
  });

  it('a quarter ends with its last day: on 30 June Q2 is still open, on 1 July it has ended', () => {
    const data = cellData({ since: '2026-01' });
    expect(cellReport(data, year2026, '2026-06-30').quarters[1]).toMatchObject({ ended: false, lacking: false });
    expect(cellReport(data, year2026, '2026-07-01').quarters[1]).toMatchObject({ ended: true, lacking: true });
  });

  it('a kết hợp meeting counts for both the month and the quarter', () => {
    const r = cellReport(cellData({ meetings: [meeting(1, 'KET_HOP', '2026-05-05')] }), year2026, '2026-08-20');
    expect(stateOf(r.months, '2026-05')).toBe('HELD_MINUTED');
    expect(r.quarters[1]).toEqual({ quarter: '2026-Q2', thematic: 1, ended: true, lacking: false });
  });

  it('a chuyên đề meeting fills the quarter but not the month', () => {
    const r = cellReport(cellData({ meetings: [meeting(1, 'CHUYEN_DE', '2026-02-15')] }), year2026, '2026-08-20');
    expect(r.quarters[0]).toEqual({ quarter: '2026-Q1', thematic: 1, ended: true, lacking: false });
    expect(stateOf(r.months, '2026-02')).toBe('NOT_HELD');
  });

  it('a thematic meeting not closed does not fill the quarter', () => {
    const r = cellReport(cellData({ meetings: [meeting(1, 'CHUYEN_DE', '2026-02-15', { closed: false })] }), year2026, '2026-08-20');
    expect(r.quarters[0]).toMatchObject({ thematic: 0, lacking: true });
  });
});

// ---- a cell's figures ----

describe('a cell’s attendance rate', () => {
  // Members 1–4 at home; member 5 is a guest (sinh hoạt tạm thời đến).
  const members = [member(1, 'An'), member(2, 'Bình'), member(3, 'Cường'), member(4, 'Dung'), member(5, 'Khách', { status: 'TEMP_IN' })];
  const data = cellData({
    members,
    meetings: [
      // 2 of 4 home members present (the guest is left out), 1 excused, 1 unexcused
      meeting(1, 'THUONG_KY', '2026-03-05', { attendance: att([1, 2, 5], [3], [4]) }),
      // 4 of 4
      meeting(2, 'CHUYEN_DE', '2026-03-20', { attendance: att([1, 2, 3, 4, 5]) }),
      // left out: an extraordinary meeting, a congress, a meeting not closed, a meeting of another year
      meeting(3, 'BAT_THUONG', '2026-04-02', { attendance: att([1], [], [2, 3, 4]) }),
      meeting(4, 'DAI_HOI', '2026-04-25', { attendance: att([1], [2, 3, 4]) }),
      meeting(5, 'THUONG_KY', '2026-05-05', { closed: false, attendance: att([], [], [1, 2, 3, 4]) }),
      meeting(6, 'THUONG_KY', '2025-12-05', { attendance: att([], [], [1, 2, 3, 4]) }),
    ],
  });
  const report = cellReport(data, year2026, '2026-05-20');

  it('sums present and obliged over the closed regular and thematic meetings, without guests', () => {
    // (2 + 4) present of (4 + 4) obliged
    expect(report.attendance).toEqual({ present: 6, obliged: 8, excused: 1, unexcused: 1, rate: { num: 6, den: 8 } });
  });

  it('gives each meeting its own rate, none for an extraordinary meeting or a congress', () => {
    expect(report.meetings.map((m) => [m.id, m.rate])).toEqual([
      [1, { num: 2, den: 4 }],
      [2, { num: 4, den: 4 }],
      [3, null],
      [4, null],
    ]);
  });

  it('gives each month the rate of its meetings', () => {
    // March: 2/4 + 4/4 = 6/8; April: only meetings that do not count
    expect(report.months[2]!.rate).toEqual({ num: 6, den: 8 });
    expect(report.months[3]!.rate).toBeNull();
    expect(report.months[0]!.rate).toBeNull();
  });

  it('counts held meetings by kind, closed ones of the period only', () => {
    expect(report.held).toBe(4);
    expect(report.meetingsByKind).toEqual({ THUONG_KY: 1, CHUYEN_DE: 1, KET_HOP: 0, BAT_THUONG: 1, DAI_HOI: 1 });
  });
});

describe('a cell’s scores, durations and decisions', () => {
  it('averages the scores in tenths, rounded half up', () => {
    // (95 + 87 + 72) / 3 = 84,666… → 847 tenths
    const data = cellData({
      meetings: [
        meeting(1, 'THUONG_KY', '2026-01-05', { score: score(95, 'TOT') }),
        meeting(2, 'THUONG_KY', '2026-02-05', { score: score(87, 'KHA') }),
        meeting(3, 'THUONG_KY', '2026-03-05', { score: score(72, 'KHA') }),
        meeting(4, 'THUONG_KY', '2026-04-05'),
      ],
    });
    const r = cellReport(data, year2026, '2026-05-20');
    expect(r.scores).toEqual({ scored: 3, averageTenths: 847, byBand: { TOT: 1, KHA: 2, TRUNG_BINH: 0, KEM: 0 } });
    expect(r.months[0]!.score).toEqual(score(95, 'TOT'));
    expect(r.months[3]!.score).toBeNull();
  });

  it('rounds an exact half up (87 and 88 → 87,5 → 875) and gives no average without scores', () => {
    const data = cellData({ meetings: [meeting(1, 'THUONG_KY', '2026-01-05', { score: score(87, 'KHA') }), meeting(2, 'THUONG_KY', '2026-02-05', { score: score(88, 'KHA') })] });
    expect(cellReport(data, year2026, '2026-05-20').scores.averageTenths).toBe(875);
    expect(cellReport(cellData(), year2026, '2026-05-20').scores).toEqual({ scored: 0, averageTenths: null, byBand: { TOT: 0, KHA: 0, TRUNG_BINH: 0, KEM: 0 } });
  });

  it('averages the measured durations and counts those below their minimum', () => {
    const data = cellData({
      meetings: [
        meeting(1, 'THUONG_KY', '2026-01-05', { minutes: 95 }),
        // below the 90 minutes of a regular meeting
        meeting(2, 'THUONG_KY', '2026-02-05', { minutes: 80 }),
        // 110 is below the 120 minutes of a combined meeting
        meeting(3, 'KET_HOP', '2026-03-05', { minutes: 110 }),
        // no minimum for an extraordinary meeting
        meeting(4, 'BAT_THUONG', '2026-03-20', { minutes: 30 }),
        // no recorded start or end
        meeting(5, 'THUONG_KY', '2026-04-05', { minutes: null }),
      ],
    });
    // (95 + 80 + 110 + 30) / 4 = 78,75 → 79
    expect(cellReport(data, year2026, '2026-05-20').duration).toEqual({ measured: 4, averageMinutes: 79, belowMinimum: 2 });
  });

  it('counts closed votes, passed ones and resolutions of the period’s meetings', () => {
    const data = cellData({
      meetings: [
        meeting(1, 'THUONG_KY', '2026-01-05', { resolutions: 1 }),
        meeting(2, 'THUONG_KY', '2026-02-05', { resolutions: 2 }),
        // another year: neither its votes nor its resolution count
        meeting(3, 'THUONG_KY', '2025-12-05', { resolutions: 1 }),
      ],
      votes: [vote(1, true), vote(1, false), vote(2, null), vote(2, null, [], false), vote(3, true)],
    });
    // closed: true, false, null (an election) → 3; passed: 1; resolutions 1 + 2
    expect(cellReport(data, year2026, '2026-05-20').decisions).toEqual({ closed: 3, passed: 1, resolutions: 3 });
  });

  it('counts tasks against today: done by the deadline, late, overdue and open', () => {
    const data = cellData({
      meetings: [meeting(1, 'THUONG_KY', '2026-05-05'), meeting(2, 'THUONG_KY', '2025-12-05')],
      tasks: [
        task(1, 1, 'DONE', '2026-05-10', '2026-05-10'), // on the deadline: on time
        task(2, 1, 'DONE', '2026-05-10', '2026-05-11'), // a day after: late
        task(3, 1, 'DONE', null, '2026-05-15'), // no deadline: on time
        task(4, 1, 'OPEN', '2026-05-19'), // past due: overdue, and still open
        task(5, 1, 'OPEN', '2026-05-20'), // due today: open, not overdue
        task(6, 1, 'OPEN', null), // no deadline: open
        task(7, 2, 'OPEN', '2025-12-31'), // from a meeting outside the period
      ],
    });
    expect(cellReport(data, year2026, '2026-05-20').tasks).toEqual({ assigned: 6, doneOnTime: 2, doneLate: 1, open: 3, overdue: 1 });
  });

  it('lists the closed meetings of the period in date order', () => {
    const data = cellData({
      meetings: [meeting(2, 'THUONG_KY', '2026-03-05'), meeting(1, 'CHUYEN_DE', '2026-01-20'), meeting(3, 'THUONG_KY', '2026-02-05'), meeting(4, 'THUONG_KY', '2026-06-05', { closed: false })],
    });
    expect(cellReport(data, year2026, '2026-05-20').meetings.map((m) => m.id)).toEqual([1, 3, 2]);
  });
});

// ---- a member's year ----

describe('a member’s year', () => {
  const members = [member(1, 'Nguyễn Văn An'), member(2, 'Trần Thị Bình'), member(3, 'Lê Văn Cường', { membership: 'DU_BI' }), member(9, 'Khách Tạm Thời', { status: 'TEMP_IN' })];
  const data = cellData({
    members,
    meetings: [
      // 2025: Bình excused in November and December
      meeting(1, 'THUONG_KY', '2025-11-05', { attendance: att([1, 3], [2]) }),
      meeting(2, 'THUONG_KY', '2025-12-05', { attendance: att([1, 3], [2]) }),
      // 2026
      meeting(3, 'THUONG_KY', '2026-01-05', { attendance: att([3, 9], [2], [1]) }),
      meeting(4, 'THUONG_KY', '2026-02-05', { attendance: att([1, 3, 9], [2]) }),
      // March: An absent without reason twice in the same month
      meeting(5, 'THUONG_KY', '2026-03-05', { attendance: att([2, 3], [], [1]) }),
      meeting(6, 'CHUYEN_DE', '2026-03-20', { attendance: att([2, 3], [], [1]) }),
      // an extraordinary meeting does not count toward the record
      meeting(7, 'BAT_THUONG', '2026-04-10', { attendance: att([2, 3], [], [1]) }),
      meeting(8, 'THUONG_KY', '2026-06-05', { attendance: att([2], [3], [1]) }),
      // Bình: three excused in a row from July, after the two at the start of the year
      meeting(9, 'THUONG_KY', '2026-07-05', { attendance: att([1], [2, 3]) }),
      meeting(10, 'THUONG_KY', '2026-08-05', { attendance: att([1, 3], [2]) }),
      meeting(11, 'KET_HOP', '2026-09-05', { attendance: att([1, 3], [2]) }),
      meeting(12, 'THUONG_KY', '2026-10-05', { attendance: att([1, 2, 3]) }),
    ],
    votes: [
      vote(3, true, [3]),
      vote(5, true, [2, 3]),
      vote(8, false, [2, 1]),
      vote(12, true, [1, 2, 3]),
      // not counted: a vote still open, and one of 2025
      vote(12, null, [1, 2, 3], false),
      vote(1, true, [1, 2, 3]),
    ],
    tasks: [
      task(1, 5, 'DONE', '2026-03-15', '2026-03-14', 1),
      task(2, 8, 'DONE', '2026-06-15', '2026-06-20', 1),
      task(3, 12, 'OPEN', '2026-10-20', null, 1),
      task(4, 12, 'OPEN', '2026-12-01', null, 2),
      // a 2025 task is not part of 2026
      task(5, 2, 'OPEN', '2025-12-20', null, 1),
    ],
  });
  const years = memberYears(data, 2026, '2026-11-23');
  const of = (id: number) => years.find((y) => y.member.id === id)!;

  it('leaves guests out and keeps the roll order', () => {
    expect(years.map((y) => y.member.id)).toEqual([1, 2, 3]);
  });

  it('names the three months with an absence without reason; two in one month count one month', () => {
    // An: January, March (twice), June; the April extraordinary meeting is not counted
    expect(of(1).unexcusedMonths).toEqual(['2026-01', '2026-03', '2026-06']);
    expect(of(1).unexcused).toBe(4);
  });

  it('counts meetings obliged, present and absent over the year’s regular, thematic and combined meetings', () => {
    // 2026 meetings that count: 3, 4, 5, 6, 8, 9, 10, 11, 12 = 9
    // An: present at 4, 9, 10, 11, 12 = 5; unexcused at 3, 5, 6, 8 = 4
    expect(of(1)).toMatchObject({ obliged: 9, present: 5, excused: 0, unexcused: 4 });
    // Bình: excused 3, 4, 9, 10, 11 = 5; present 5, 6, 8, 12 = 4
    expect(of(2)).toMatchObject({ obliged: 9, present: 4, excused: 5, unexcused: 0, unexcusedMonths: [] });
    // Cường: excused 8 and 9; present at the other 7
    expect(of(3)).toMatchObject({ obliged: 9, present: 7, excused: 2, unexcused: 0 });
  });

  it('takes the longest excused run within the year, not across the new year', () => {
    // Bình: Nov, Dec 2025 + Jan, Feb 2026 would be 4 in a row across the years; in 2026: 2, then 3 (Jul–Sep)
    expect(of(2).longestExcusedRun).toBe(3);
    expect(memberYears(data, 2025, '2026-11-23').find((y) => y.member.id === 2)!.longestExcusedRun).toBe(2);
    // Cường: June and July
    expect(of(3).longestExcusedRun).toBe(2);
  });

  it('a run broken by a present meeting does not add up', () => {
    const split = cellData({
      members: [member(1, 'An')],
      meetings: [
        meeting(1, 'THUONG_KY', '2026-01-05', { attendance: att([], [1]) }),
        meeting(2, 'THUONG_KY', '2026-02-05', { attendance: att([], [1]) }),
        meeting(3, 'THUONG_KY', '2026-03-05', { attendance: att([1]) }),
        meeting(4, 'THUONG_KY', '2026-04-05', { attendance: att([], [1]) }),
        meeting(5, 'THUONG_KY', '2026-05-05', { attendance: att([], [1]) }),
      ],
    });
    expect(memberYears(split, 2026, '2026-11-23')[0]!.longestExcusedRun).toBe(2);
  });

  it('counts only closed votes of the year whose voters include the member', () => {
    // An: votes at meetings 8 and 12; Bình: 5, 8, 12; Cường: 3, 5, 12
    expect([of(1).votes, of(2).votes, of(3).votes]).toEqual([2, 3, 3]);
  });

  it('counts the member’s own tasks from the year’s meetings', () => {
    // An: task 1 on time, task 2 late, task 3 overdue on 23 November
    expect(of(1).tasks).toEqual({ assigned: 3, doneOnTime: 1, doneLate: 1, open: 1, overdue: 1 });
    // Bình: task 4, due 1 December, open
    expect(of(2).tasks).toEqual({ assigned: 1, doneOnTime: 0, doneLate: 0, open: 1, overdue: 0 });
    expect(of(3).tasks.assigned).toBe(0);
  });
});

// ---- the đảng ủy's view ----

describe('the đảng ủy’s view of several cells', () => {
  const today = '2026-05-20';
  // Cell A (since January): Jan 95 Tốt, Feb 90 Tốt, March held without minutes (80 Khá), April not held,
  // no thematic meeting in Q1.
  const a = cellData({
    id: 11,
    name: 'Chi bộ A',
    meetings: [
      meeting(1, 'THUONG_KY', '2026-01-05', { score: score(95, 'TOT'), attendance: att([1, 2, 3, 4]) }),
      meeting(2, 'THUONG_KY', '2026-02-05', { score: score(90, 'TOT'), attendance: att([1, 2, 3], [4]) }),
      meeting(3, 'THUONG_KY', '2026-03-05', { score: score(80, 'KHA'), minuted: false, attendance: att([1, 2], [], [3, 4]) }),
    ],
    tasks: [task(1, 1, 'DONE', '2026-01-20', '2026-01-19'), task(2, 3, 'OPEN', '2026-04-01')],
  });
  // Cell B (since January): a combined meeting in January (60 Trung bình), regular ones Feb–Apr.
  const b = cellData({
    id: 12,
    name: 'Chi bộ B',
    meetings: [
      meeting(11, 'KET_HOP', '2026-01-10', { score: score(60, 'TRUNG_BINH'), attendance: att([1, 2], [3, 4]) }),
      meeting(12, 'THUONG_KY', '2026-02-10', { attendance: att([1, 2, 3, 4]) }),
      meeting(13, 'THUONG_KY', '2026-03-10', { attendance: att([1, 2, 3, 4]) }),
      meeting(14, 'THUONG_KY', '2026-04-10', { attendance: att([1, 2, 3, 4]) }),
    ],
    tasks: [task(3, 12, 'DONE', '2026-02-20', '2026-02-25')],
  });
  // Cell C (since March): March not held, April held (70 Khá); Q1 began before the bot.
  const c = cellData({
    id: 13,
    name: 'Chi bộ C',
    since: '2026-03',
    meetings: [meeting(21, 'THUONG_KY', '2026-04-15', { score: score(70, 'KHA'), attendance: att([1, 2, 3], [], [4]) })],
    tasks: [task(4, 21, 'OPEN', '2026-06-01')],
  });
  const reports = [a, b, c].map((d) => cellReport(d, year2026, today));
  const org = organisationReport(reports, year2026);

  it('adds up meetings and attendance', () => {
    // meetings 3 + 4 + 1; present A 4 + 3 + 2 = 9, B 2 + 4 + 4 + 4 = 14, C 3 → 26 of 12 + 16 + 4 = 32
    expect(org.held).toBe(8);
    expect(org.attendance).toEqual({ present: 26, obliged: 32, rate: { num: 26, den: 32 } });
    expect(org.cells.map((r) => r.cell.name)).toEqual(['Chi bộ A', 'Chi bộ B', 'Chi bộ C']);
  });

  it('averages over every scored meeting, not the mean of the cells’ averages', () => {
    // cells: A (95 + 90 + 80) / 3 = 88,3; B 60; C 70 → their mean would be 72,8 (728)
    expect(reports.map((r) => r.scores.averageTenths)).toEqual([883, 600, 700]);
    // all five meetings: (95 + 90 + 80 + 60 + 70) / 5 = 79,0
    expect(org.scores).toEqual({ scored: 5, averageTenths: 790, byBand: { TOT: 2, KHA: 2, TRUNG_BINH: 1, KEM: 0 } });
  });

  it('lists the months not held and not minuted, and the quarters lacking, with the cells’ names', () => {
    expect(org.notHeld).toEqual([
      { cellId: 11, cellName: 'Chi bộ A', month: '2026-04' },
      { cellId: 13, cellName: 'Chi bộ C', month: '2026-03' },
    ]);
    expect(org.notMinuted).toEqual([{ cellId: 11, cellName: 'Chi bộ A', month: '2026-03' }]);
    // B had its combined meeting in Q1; C began in March, so its Q1 is not judged
    expect(org.quartersLacking).toEqual([{ cellId: 11, cellName: 'Chi bộ A', quarter: '2026-Q1' }]);
  });

  it('adds up the tasks', () => {
    // A: 1 on time, 1 overdue; B: 1 late; C: 1 open, not yet due
    expect(org.tasks).toEqual({ assigned: 4, doneOnTime: 1, doneLate: 1, open: 2, overdue: 1 });
  });

  it('an organisation without cells has nothing to list', () => {
    const empty = organisationReport([], year2026);
    expect(empty).toMatchObject({ held: 0, attendance: { present: 0, obliged: 0, rate: { num: 0, den: 0 } }, notHeld: [], notMinuted: [], quartersLacking: [] });
    expect(empty.scores.averageTenths).toBeNull();
  });
});
