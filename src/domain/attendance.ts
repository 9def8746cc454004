// Who counts at a meeting (domain-rules.md §2, §4, §9). Pure, integers only: shares are compared
// as cross-products, never as floats.
import type { Membership, MemberStatus } from './roster.ts';
import type { MeetingKind } from './meeting.ts';

export const ATTENDANCES = ['PRESENT', 'ABSENT_EXCUSED', 'ABSENT_UNEXCUSED'] as const;
export type Attendance = (typeof ATTENDANCES)[number];

export interface RollEntry {
  memberId: number;
  membership: Membership;
  status: MemberStatus;
  /** null while the member has not been checked in or marked absent. */
  attendance: Attendance | null;
  /** The convening committee accepted the reason of a whole-meeting absence (§2.2 d, §2.4). */
  excuseApproved: boolean;
}

/** Not obliged to attend and not counted in the attendance rate (§4.4, §9 obliged). */
const NOT_OBLIGED: readonly MemberStatus[] = ['TEMP_OUT', 'SUSPENDED', 'PROSECUTED', 'TEMP_IN'];

/** §9 base: official members of the cell, minus those the Charter's rules take out. */
export function inVoteBase(entry: RollEntry, kind: MeetingKind): boolean {
  if (entry.membership !== 'CHINH_THUC') return false;
  if (entry.status === 'SUSPENDED' || entry.status === 'PROSECUTED' || entry.status === 'TEMP_IN') return false;
  // Members sent elsewhere count only at a congress they attend (01-HD/TW 2016 §13.2).
  if (entry.status === 'TEMP_OUT' && !(kind === 'DAI_HOI' && entry.attendance === 'PRESENT')) return false;
  // An exempted member counts only when present (§2.2 b).
  if (entry.status === 'EXEMPT' && entry.attendance !== 'PRESENT') return false;
  // A whole-meeting absence with a reason the committee accepted leaves the base (§2.2 d).
  if (entry.attendance === 'ABSENT_EXCUSED' && entry.excuseApproved) return false;
  return true;
}

/** §9 voters: official members in the base and present. */
export const isVoter = (entry: RollEntry, kind: MeetingKind): boolean => inVoteBase(entry, kind) && entry.attendance === 'PRESENT';

/** §9 obliged: home members (official and probationary) expected at the meeting. */
export function isObliged(entry: RollEntry): boolean {
  if (NOT_OBLIGED.includes(entry.status)) return false;
  return entry.status !== 'EXEMPT' || entry.attendance === 'PRESENT';
}

/** More than half: 2·yes > D (§2.6). */
export const passesHalf = (yes: number, base: number): boolean => 2 * yes > base;
/** At least two thirds: 3·yes ≥ 2·D (§2.6); an empty base passes nothing. */
export const passesTwoThirds = (yes: number, base: number): boolean => base > 0 && 3 * yes >= 2 * base;
/** Smallest yes count that passes; never below 1, so an empty base passes nothing. */
export const neededForHalf = (base: number): number => Math.floor(base / 2) + 1;
export const neededForTwoThirds = (base: number): number => Math.max(1, Math.ceil((2 * base) / 3));

/** num/den as a percentage in hundredths, rounded half up (51,35% → 5135). */
export function percentHundredths(num: number, den: number): number {
  if (den === 0) return 0;
  return Math.floor((num * 20000 + den) / (2 * den));
}

export interface Ratio {
  num: number;
  den: number;
}

/** "Above 85 %" is strict: 85,00 % does not meet it (§4.4). */
export const ATTENDANCE_THRESHOLD_PERCENT = 85;
export const rateAboveThreshold = (rate: Ratio): boolean => rate.den > 0 && 100 * rate.num > ATTENDANCE_THRESHOLD_PERCENT * rate.den;

export interface AttendanceFacts {
  roll: { total: number; official: number; probationary: number; exempt: number; tempOut: number; tempIn: number; suspended: number };
  obliged: number;
  /** Home members present (guests in sinh hoạt tạm thời are counted apart). */
  present: number;
  presentOfficial: number;
  presentProbationary: number;
  presentGuests: number;
  excused: number;
  unexcused: number;
  /** Obliged members neither checked in nor marked absent yet. */
  unmarked: number;
  voteBase: number;
  voters: number;
  /** Official members left out of D, by the rule of §2.2 that leaves them out. */
  baseExclusions: { exemptAbsent: number; tempOut: number; suspended: number; tempIn: number; approvedExcuses: number };
  half: { needed: number; feasible: boolean };
  twoThirds: { needed: number; feasible: boolean };
  rate: Ratio;
  rateAboveThreshold: boolean;
}

export function attendanceFacts(kind: MeetingKind, roll: readonly RollEntry[]): AttendanceFacts {
  const count = (test: (e: RollEntry) => boolean) => roll.filter(test).length;
  const home = (e: RollEntry) => e.status !== 'TEMP_IN';
  const obliged = roll.filter(isObliged);
  const voteBase = count((e) => inVoteBase(e, kind));
  const voters = count((e) => isVoter(e, kind));
  const present = count((e) => home(e) && e.attendance === 'PRESENT');
  // The rate counts present members among the obliged: a member sent elsewhere who drops in is welcome but not counted.
  const rate = { num: obliged.filter((e) => e.attendance === 'PRESENT').length, den: obliged.length };
  return {
    roll: {
      total: count(home),
      official: count((e) => home(e) && e.membership === 'CHINH_THUC'),
      probationary: count((e) => home(e) && e.membership === 'DU_BI'),
      exempt: count((e) => e.status === 'EXEMPT'),
      tempOut: count((e) => e.status === 'TEMP_OUT'),
      tempIn: count((e) => e.status === 'TEMP_IN'),
      suspended: count((e) => e.status === 'SUSPENDED' || e.status === 'PROSECUTED'),
    },
    obliged: obliged.length,
    present,
    presentOfficial: count((e) => home(e) && e.attendance === 'PRESENT' && e.membership === 'CHINH_THUC'),
    presentProbationary: count((e) => home(e) && e.attendance === 'PRESENT' && e.membership === 'DU_BI'),
    presentGuests: count((e) => !home(e) && e.attendance === 'PRESENT'),
    excused: obliged.filter((e) => e.attendance === 'ABSENT_EXCUSED').length,
    unexcused: obliged.filter((e) => e.attendance === 'ABSENT_UNEXCUSED').length,
    unmarked: obliged.filter((e) => e.attendance === null).length,
    voteBase,
    voters,
    baseExclusions: excludedFromBase(kind, roll),
    half: { needed: neededForHalf(voteBase), feasible: passesHalf(voters, voteBase) },
    twoThirds: { needed: neededForTwoThirds(voteBase), feasible: passesTwoThirds(voters, voteBase) },
    rate,
    rateAboveThreshold: rateAboveThreshold(rate),
  };
}

function excludedFromBase(kind: MeetingKind, roll: readonly RollEntry[]): AttendanceFacts['baseExclusions'] {
  const out = { exemptAbsent: 0, tempOut: 0, suspended: 0, tempIn: 0, approvedExcuses: 0 };
  for (const e of roll) {
    if (e.membership !== 'CHINH_THUC' || inVoteBase(e, kind)) continue;
    if (e.status === 'SUSPENDED' || e.status === 'PROSECUTED') out.suspended++;
    else if (e.status === 'TEMP_IN') out.tempIn++;
    else if (e.status === 'TEMP_OUT') out.tempOut++;
    else if (e.status === 'EXEMPT' && e.attendance !== 'PRESENT') out.exemptAbsent++;
    else out.approvedExcuses++;
  }
  return out;
}

/** Why a meeting misses the attendance criterion of 12-HD/BTCTW (§4.4); empty when it is met. */
export type CriterionMiss = 'rate' | 'unexcused' | 'consecutiveExcused';

export function attendanceCriterion(facts: AttendanceFacts, membersOverConsecutiveExcused: number): CriterionMiss[] {
  const misses: CriterionMiss[] = [];
  if (!facts.rateAboveThreshold) misses.push('rate');
  if (facts.unexcused > 0) misses.push('unexcused');
  if (membersOverConsecutiveExcused > 0) misses.push('consecutiveExcused');
  return misses;
}

// ---- A member's record across meetings: the chi ủy's private flags (§4.3, §4.4) ----

export interface MemberMeetingRecord {
  /** Vietnam calendar date of the meeting, YYYY-MM-DD. */
  date: string;
  kind: MeetingKind;
  attendance: Attendance;
}

/** §4.3: the removal procedure looks at three months in a year with an unexcused absence. */
export const UNEXCUSED_MONTHS_ALERT = 3;
/** §4.4: more than three consecutive excused absences in the year breaks the criterion. */
export const MAX_CONSECUTIVE_EXCUSED = 3;

const countsForRegularAttendance = (kind: MeetingKind) => kind === 'THUONG_KY' || kind === 'KET_HOP' || kind === 'CHUYEN_DE';

/** Distinct months of `year` (YYYY-MM) in which the member missed a meeting without a reason. */
export function unexcusedMonths(records: readonly MemberMeetingRecord[], year: number): string[] {
  const months = new Set(
    records
      .filter((r) => countsForRegularAttendance(r.kind) && r.attendance === 'ABSENT_UNEXCUSED' && r.date.startsWith(`${year}-`))
      .map((r) => r.date.slice(0, 7)),
  );
  return [...months].sort();
}

const ofYearInOrder = (records: readonly MemberMeetingRecord[], year: number) =>
  records.filter((r) => countsForRegularAttendance(r.kind) && r.date.startsWith(`${year}-`)).sort((a, b) => a.date.localeCompare(b.date));

/** The longest run of excused absences in a row in `year` (§4.4 looks at the whole year). */
export function longestExcusedRun(records: readonly MemberMeetingRecord[], year: number): number {
  let longest = 0;
  let run = 0;
  for (const r of ofYearInOrder(records, year)) {
    run = r.attendance === 'ABSENT_EXCUSED' ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** Excused absences in a row, counted back from the member's latest meeting of `year`. */
export function trailingExcusedRun(records: readonly MemberMeetingRecord[], year: number): number {
  const ofYear = ofYearInOrder(records, year);
  let run = 0;
  for (let i = ofYear.length - 1; i >= 0 && ofYear[i]!.attendance === 'ABSENT_EXCUSED'; i--) run++;
  return run;
}
