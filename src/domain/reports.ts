// The figures a secretary sends upward (domain-rules.md §1, §4, §6.4), computed from what the bot stored:
// a cell's month, quarter or year; a member's year; the same rolled up over the cells of a đảng bộ.
// Pure: the caller reads the records and says which day it is (a Vietnam date).
import { longestExcusedRun, unexcusedMonths, type Attendance, type MemberMeetingRecord, type Ratio } from './attendance.ts';
import { isThematic, MEETING_KINDS, type MeetingKind } from './meeting.ts';
import { reviewTask, type TaskReview } from './minutes.ts';
import type { Membership, MemberStatus } from './roster.ts';
import { BANDS, type Band } from './scoring.ts';

export type Period = { kind: 'month'; year: number; month: number } | { kind: 'quarter'; year: number; quarter: number } | { kind: 'year'; year: number };

const pad = (n: number) => String(n).padStart(2, '0');

/** The months of the period, "YYYY-MM", in order. */
export function periodMonths(p: Period): string[] {
  const first = p.kind === 'month' ? p.month : p.kind === 'quarter' ? 3 * p.quarter - 2 : 1;
  const count = p.kind === 'month' ? 1 : p.kind === 'quarter' ? 3 : 12;
  return Array.from({ length: count }, (_, i) => `${p.year}-${pad(first + i)}`);
}

/** "2026-11", "2026-Q4", "2026": a stable key for file names and links. */
export function periodKey(p: Period): string {
  return p.kind === 'month' ? `${p.year}-${pad(p.month)}` : p.kind === 'quarter' ? `${p.year}-Q${p.quarter}` : String(p.year);
}

export function parsePeriodKey(key: string): Period | null {
  const m = /^(\d{4})(?:-(\d{2})|-Q([1-4]))?$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? { kind: 'month', year, month } : null;
  }
  return m[3] ? { kind: 'quarter', year, quarter: Number(m[3]) } : { kind: 'year', year };
}

export const quarterOfMonth = (month: string): string => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
const lastMonthOfQuarter = (quarter: string) => `${quarter.slice(0, 4)}-${pad(3 * Number(quarter.slice(6)))}`;
const firstMonthOfQuarter = (quarter: string) => `${quarter.slice(0, 4)}-${pad(3 * Number(quarter.slice(6)) - 2)}`;

/** Kinds whose attendance counts toward the member's record and the rate (as the chi ủy's flags count it). */
export const countsForAttendance = (kind: MeetingKind): boolean => kind === 'THUONG_KY' || kind === 'KET_HOP' || kind === 'CHUYEN_DE';
/** Kinds that hold a month's regular meeting. */
export const holdsMonthly = (kind: MeetingKind): boolean => kind === 'THUONG_KY' || kind === 'KET_HOP';

// ---- what the reports are computed from ----

export interface ReportMember {
  id: number;
  fullName: string;
  membership: Membership;
  status: MemberStatus;
}

export interface ReportMeeting {
  id: number;
  seq: number;
  kind: MeetingKind;
  /** Vietnam date of the start, YYYY-MM-DD. */
  date: string;
  time: string;
  closed: boolean;
  /** Minutes from opening to closing; null when not held. */
  minutes: number | null;
  /** The minimum for the kind (90 or 120), or the cell's own. */
  minimumMinutes: number | null;
  /** Members checked in or marked absent. At closing every obliged member has one; exempted absentees have none. */
  attendance: { memberId: number; attendance: Attendance }[];
  /** An approved summary or the full minutes text is stored. */
  minuted: boolean;
  score: { total: number; band: Band } | null;
  /** Resolutions (nghị quyết) approved for the meeting. */
  resolutions: number;
}

export interface ReportVote {
  meetingId: number;
  closed: boolean;
  /** The result passed (null: a form without a single pass, such as an election, or not closed). */
  passed: boolean | null;
  /** Members recorded as having voted: show-of-hands ballots and electronic secret voters (never what they chose). */
  voterIds: number[];
}

export interface ReportTask {
  seq: number;
  meetingId: number;
  what: string;
  ownerId: number | null;
  ownerName: string | null;
  dueOn: string | null;
  status: 'OPEN' | 'DONE';
  doneOn: string | null;
}

export interface CellData {
  /** `since`: the month ("YYYY-MM") the cell began to use the bot; nothing before it is known, so nothing is flagged. */
  cell: { id: number; name: string; organisationPath: string[]; since: string };
  members: ReportMember[];
  /** Closed meetings and meetings still to come (scheduled), of the period asked and the year around it. */
  meetings: ReportMeeting[];
  votes: ReportVote[];
  tasks: ReportTask[];
  rule: { dayOfMonth: number; time: string; place: string | null } | null;
}

// ---- a cell's period ----

export type MonthState = 'HELD_MINUTED' | 'HELD_NOT_MINUTED' | 'NOT_HELD' | 'UPCOMING' | 'BEFORE';

export interface MonthRow {
  month: string;
  state: MonthState;
  /** The month's regular meeting (held, or the next one planned in an upcoming month). */
  meeting: { seq: number; date: string; kind: MeetingKind } | null;
  thematic: number;
  /** Present among the obliged, over the month's closed meetings that count. */
  rate: Ratio | null;
  /** The regular meeting's score. */
  score: { total: number; band: Band } | null;
}

export interface TaskCounts {
  assigned: number;
  doneOnTime: number;
  doneLate: number;
  open: number;
  overdue: number;
}

export interface CellReport {
  period: Period;
  cell: CellData['cell'];
  meetingsByKind: Record<MeetingKind, number>;
  held: number;
  months: MonthRow[];
  quarters: { quarter: string; thematic: number; ended: boolean; lacking: boolean }[];
  attendance: { present: number; obliged: number; excused: number; unexcused: number; rate: Ratio };
  duration: { measured: number; averageMinutes: number | null; belowMinimum: number };
  scores: { scored: number; averageTenths: number | null; byBand: Record<Band, number> };
  decisions: { closed: number; passed: number; resolutions: number };
  tasks: TaskCounts;
  /** The closed meetings of the period, in order: what the dashboard and the exports list. */
  meetings: (ReportMeeting & { rate: Ratio | null })[];
}

const inMonths = (months: readonly string[]) => (m: { date: string }) => months.includes(m.date.slice(0, 7));

/** Present among the obliged home members at a closed meeting (guests, sinh hoạt tạm thời, are not counted). */
export function meetingRate(meeting: ReportMeeting, guests: ReadonlySet<number>): Ratio | null {
  if (!meeting.closed || !countsForAttendance(meeting.kind)) return null;
  const rows = meeting.attendance.filter((a) => !guests.has(a.memberId));
  return { num: rows.filter((a) => a.attendance === 'PRESENT').length, den: rows.length };
}

const sumRatios = (ratios: (Ratio | null)[]): Ratio =>
  ratios.reduce<Ratio>((acc, r) => (r ? { num: acc.num + r.num, den: acc.den + r.den } : acc), { num: 0, den: 0 });

/** tenths of the mean, rounded half up (87,5 → 875). */
const averageTenths = (values: number[]): number | null => (values.length ? Math.floor((values.reduce((a, b) => a + b, 0) * 20 + values.length) / (2 * values.length)) : null);

export function countTasks(tasks: readonly ReportTask[], today: string): TaskCounts {
  const reviews: TaskReview[] = tasks.map((t) => reviewTask({ status: t.status, dueOn: t.dueOn, doneOn: t.doneOn }, today));
  const n = (r: TaskReview) => reviews.filter((x) => x === r).length;
  return { assigned: tasks.length, doneOnTime: n('DONE_ON_TIME'), doneLate: n('DONE_LATE'), open: n('OPEN') + n('OVERDUE'), overdue: n('OVERDUE') };
}

export function cellReport(data: CellData, period: Period, today: string): CellReport {
  const months = periodMonths(period);
  const thisMonth = today.slice(0, 7);
  const guests = new Set(data.members.filter((m) => m.status === 'TEMP_IN').map((m) => m.id));
  const closed = data.meetings.filter((m) => m.closed && inMonths(months)(m)).sort((a, b) => a.date.localeCompare(b.date) || a.seq - b.seq);
  const rated = closed.map((m) => ({ ...m, rate: meetingRate(m, guests) }));
  const meetingsByKind = Object.fromEntries(MEETING_KINDS.map((k) => [k, closed.filter((m) => m.kind === k).length])) as Record<MeetingKind, number>;

  const monthRows: MonthRow[] = months.map((month) => {
    const ofMonth = rated.filter((m) => m.date.startsWith(month));
    const regular = ofMonth.find((m) => holdsMonthly(m.kind));
    const planned = data.meetings.filter((m) => !m.closed && holdsMonthly(m.kind) && m.date.startsWith(month)).sort((a, b) => a.date.localeCompare(b.date))[0];
    const state: MonthState = regular
      ? (regular.minuted ? 'HELD_MINUTED' : 'HELD_NOT_MINUTED')
      : month < data.cell.since ? 'BEFORE' : month < thisMonth ? 'NOT_HELD' : 'UPCOMING';
    const shown = regular ?? planned;
    const rates = ofMonth.map((m) => m.rate);
    return {
      month,
      state,
      meeting: shown ? { seq: shown.seq, date: shown.date, kind: shown.kind } : null,
      thematic: ofMonth.filter((m) => isThematic(m.kind)).length,
      rate: rates.some(Boolean) ? sumRatios(rates) : null,
      score: regular?.score ?? null,
    };
  });

  const quarterKeys = [...new Set(months.map(quarterOfMonth))];
  const quarters = quarterKeys.map((quarter) => {
    const thematic = data.meetings.filter((m) => m.closed && isThematic(m.kind) && quarterOfMonth(m.date.slice(0, 7)) === quarter).length;
    const ended = lastMonthOfQuarter(quarter) < thisMonth;
    // Only a quarter the cell spent wholly with the bot can be said to lack one.
    const known = firstMonthOfQuarter(quarter) >= data.cell.since;
    return { quarter, thematic, ended, lacking: ended && known && thematic === 0 };
  });

  const counted = rated.filter((m) => m.rate);
  const rows = counted.flatMap((m) => m.attendance.filter((a) => !guests.has(a.memberId)));
  const timed = closed.filter((m) => m.minutes !== null);
  const scored = closed.filter((m) => m.score);
  const meetingIds = new Set(closed.map((m) => m.id));
  const votes = data.votes.filter((v) => v.closed && meetingIds.has(v.meetingId));
  return {
    period,
    cell: data.cell,
    meetingsByKind,
    held: closed.length,
    months: monthRows,
    quarters,
    attendance: {
      present: rows.filter((a) => a.attendance === 'PRESENT').length,
      obliged: rows.length,
      excused: rows.filter((a) => a.attendance === 'ABSENT_EXCUSED').length,
      unexcused: rows.filter((a) => a.attendance === 'ABSENT_UNEXCUSED').length,
      rate: sumRatios(counted.map((m) => m.rate)),
    },
    duration: {
      measured: timed.length,
      averageMinutes: timed.length ? Math.round(timed.reduce((s, m) => s + m.minutes!, 0) / timed.length) : null,
      belowMinimum: timed.filter((m) => m.minimumMinutes !== null && m.minutes! < m.minimumMinutes).length,
    },
    scores: {
      scored: scored.length,
      averageTenths: averageTenths(scored.map((m) => m.score!.total)),
      byBand: Object.fromEntries(BANDS.map((b) => [b, scored.filter((m) => m.score!.band === b).length])) as Record<Band, number>,
    },
    decisions: { closed: votes.length, passed: votes.filter((v) => v.passed === true).length, resolutions: closed.reduce((s, m) => s + m.resolutions, 0) },
    tasks: countTasks(data.tasks.filter((t) => meetingIds.has(t.meetingId)), today),
    meetings: rated,
  };
}

// ---- a member's year (§6.3–6.4): the input to the annual rating, for the chi ủy only ----

export interface MemberYear {
  member: ReportMember;
  obliged: number;
  present: number;
  excused: number;
  unexcused: number;
  /** Months with an absence without reason, "YYYY-MM" (§4.3 looks at three). */
  unexcusedMonths: string[];
  longestExcusedRun: number;
  /** Votes of the year the member took part in (closed votes), out of those held at meetings they attended. */
  votes: number;
  tasks: TaskCounts;
}

export function memberYears(data: CellData, year: number, today: string): MemberYear[] {
  const ofYear = data.meetings.filter((m) => m.closed && m.date.startsWith(`${year}-`));
  const meetingIds = new Set(ofYear.map((m) => m.id));
  const votes = data.votes.filter((v) => v.closed && meetingIds.has(v.meetingId));
  const tasks = data.tasks.filter((t) => meetingIds.has(t.meetingId));
  return data.members
    .filter((m) => m.status !== 'TEMP_IN')
    .map((member) => {
      const records: MemberMeetingRecord[] = ofYear
        .filter((m) => countsForAttendance(m.kind))
        .flatMap((m) => m.attendance.filter((a) => a.memberId === member.id).map((a) => ({ date: m.date, kind: m.kind, attendance: a.attendance })));
      const n = (a: Attendance) => records.filter((r) => r.attendance === a).length;
      return {
        member,
        obliged: records.length,
        present: n('PRESENT'),
        excused: n('ABSENT_EXCUSED'),
        unexcused: n('ABSENT_UNEXCUSED'),
        unexcusedMonths: unexcusedMonths(records, year),
        longestExcusedRun: longestExcusedRun(records, year),
        votes: votes.filter((v) => v.voterIds.includes(member.id)).length,
        tasks: countTasks(tasks.filter((t) => t.ownerId === member.id), today),
      };
    });
}

// ---- the đảng ủy's view: the cells of a đảng bộ together ----

export interface OrganisationReport {
  period: Period;
  cells: CellReport[];
  held: number;
  attendance: { present: number; obliged: number; rate: Ratio };
  scores: { scored: number; averageTenths: number | null; byBand: Record<Band, number> };
  tasks: TaskCounts;
  /** Cells that did not hold a month's regular meeting (ended months), or held it and have no minutes yet. */
  notHeld: { cellId: number; cellName: string; month: string }[];
  notMinuted: { cellId: number; cellName: string; month: string }[];
  quartersLacking: { cellId: number; cellName: string; quarter: string }[];
}

export function organisationReport(cells: readonly CellReport[], period: Period): OrganisationReport {
  const all = <T>(pick: (c: CellReport) => T[]) => cells.flatMap(pick);
  const scored = all((c) => c.meetings.filter((m) => m.score).map((m) => m.score!));
  const sum = (pick: (t: TaskCounts) => number) => cells.reduce((s, c) => s + pick(c.tasks), 0);
  return {
    period,
    cells: [...cells],
    held: cells.reduce((s, c) => s + c.held, 0),
    attendance: {
      present: cells.reduce((s, c) => s + c.attendance.present, 0),
      obliged: cells.reduce((s, c) => s + c.attendance.obliged, 0),
      rate: sumRatios(cells.map((c) => c.attendance.rate)),
    },
    scores: {
      scored: scored.length,
      averageTenths: averageTenths(scored.map((s) => s.total)),
      byBand: Object.fromEntries(BANDS.map((b) => [b, scored.filter((s) => s.band === b).length])) as Record<Band, number>,
    },
    tasks: { assigned: sum((t) => t.assigned), doneOnTime: sum((t) => t.doneOnTime), doneLate: sum((t) => t.doneLate), open: sum((t) => t.open), overdue: sum((t) => t.overdue) },
    notHeld: all((c) => c.months.filter((m) => m.state === 'NOT_HELD').map((m) => ({ cellId: c.cell.id, cellName: c.cell.name, month: m.month }))),
    notMinuted: all((c) => c.months.filter((m) => m.state === 'HELD_NOT_MINUTED').map((m) => ({ cellId: c.cell.id, cellName: c.cell.name, month: m.month }))),
    quartersLacking: all((c) => c.quarters.filter((q) => q.lacking).map((q) => ({ cellId: c.cell.id, cellName: c.cell.name, quarter: q.quarter }))),
  };
}
