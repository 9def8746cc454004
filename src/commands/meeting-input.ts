// Reads what secretaries type for meetings: the /lichhop form, member lists for /diemdanh, the monthly
// rule, reminder offsets. Pure: the caller passes the roll and the current time.
import { findMember } from '../app/roster.ts';
import { DomainError } from '../domain/errors.ts';
import { hasTopic, type MeetingKind } from '../domain/meeting.ts';
import { nameKey } from '../domain/names.ts';
import type { RosterMember } from '../domain/roster.ts';
import { parseDayMonthYear } from '../domain/dates.ts';
import type { Attendance } from '../domain/attendance.ts';
import { meetingWords } from '../text/meetings.ts';
import { parseWhen } from './datetime-input.ts';

/** Lines, or parts separated by "|": the fields of a form. */
export const formParts = (args: string): string[] => args.split(/[\n|]/).map((s) => s.trim()).filter(Boolean);

/** "địa điểm: Hội trường" → ['place', 'Hội trường'] when the label is known. */
export function labelled<F extends string>(part: string, labels: Record<string, F>): [F, string] | null {
  const colon = part.indexOf(':');
  if (colon <= 0) return null;
  const field = labels[nameKey(part.slice(0, colon))];
  return field ? [field, part.slice(colon + 1).trim()] : null;
}

/** The leading words of `text` that name a meeting kind, and what follows them (a topic). */
export function readKind(text: string): { kind: MeetingKind; rest: string } | null {
  const words = text.trim().split(/\s+/);
  for (let n = Math.min(words.length, 6); n >= 1; n--) {
    // "chuyên đề: <chủ đề>" — the colon belongs to the label, not to the kind's last word.
    const kind = meetingWords.kind[nameKey(words.slice(0, n).join(' ').replace(/[:,]$/, ''))];
    if (kind) return { kind, rest: words.slice(n).join(' ').replace(/^[:,-]\s*/, '') };
  }
  return null;
}

/** A time the bot accepts, or the DomainError naming the problem (with examples of valid forms). */
export function readWhen(text: string, now: Date): Date {
  const parsed = parseWhen(text, now);
  if (!parsed.ok) throw new DomainError(`when.${parsed.problem}`, { value: text });
  return parsed.at;
}

/** "số 3" or "#3" at the start of the arguments picks a meeting by its number. */
export function readMeetingNumber(args: string): { seq: number | null; rest: string } {
  const text = args.trim();
  const m = /^(#\s*|\S+\s+)(\d+)(?![\d/.h]|:\d)[\s,:|]*/u.exec(text);
  if (!m || !(m[1]!.startsWith('#') || nameKey(m[1]!) === meetingWords.numberWord)) return { seq: null, rest: text };
  return { seq: Number(m[2]), rest: text.slice(m[0].length) };
}

export interface MeetingForm {
  kind: MeetingKind;
  topic: string | null;
  startsAt: Date;
  place: string | null;
  agenda: string[] | null;
  chair: string | null;
}

/**
 * "/lichhop thường kỳ | 05/12/2026 14:00 | Hội trường KP3 | Nội dung 1; Nội dung 2", or the same as
 * labelled lines ("Thời gian: …", "Địa điểm: …", "Nội dung: …", "Chủ trì: …", "Chuyên đề: …").
 */
export function parseMeetingForm(args: string, now: Date): MeetingForm {
  const parts = formParts(args);
  const first = parts.shift();
  const kindPart = first ? readKind(first) : null;
  if (!kindPart) throw new DomainError('meeting.kindUnknown', { value: first ?? '' });
  const form: Omit<MeetingForm, 'startsAt'> & { startsAt: Date | null } = {
    kind: kindPart.kind, topic: kindPart.rest || null, startsAt: null, place: null, agenda: null, chair: null,
  };
  const positional: ('when' | 'place' | 'agenda')[] = ['when', 'place', 'agenda'];
  for (const part of parts) {
    const field = labelled(part, meetingWords.formLabel);
    const [name, value] = field ?? [positional.find((p) => (p === 'when' ? !form.startsAt : p === 'place' ? !form.place : !form.agenda)) ?? 'extra', part];
    switch (name) {
      case 'when':
        form.startsAt = readWhen(value, now);
        break;
      case 'place':
        form.place = value;
        break;
      case 'agenda':
        form.agenda = value.split(';').map((s) => s.trim()).filter(Boolean);
        break;
      case 'chair':
        form.chair = value;
        break;
      case 'topic':
        form.topic = value;
        // A topic given to a monthly meeting makes it the combined session (§1.4).
        if (form.kind === 'THUONG_KY') form.kind = 'KET_HOP';
        break;
      default:
        throw new DomainError('meeting.formExtra', { value: part });
    }
  }
  if (!form.startsAt) throw new DomainError('when.noDate', { value: '' });
  if (hasTopic(form.kind) && !form.topic) throw new DomainError('meeting.topicMissing');
  if (!hasTopic(form.kind)) form.topic = null;
  return { ...form, startsAt: form.startsAt };
}

/** "1-5, 7, Nguyễn Văn An" → members; every reference must be on the roll. */
export function readMembers(list: string, members: readonly RosterMember[]): RosterMember[] {
  const found: RosterMember[] = [];
  for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) {
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(item);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      for (let seq = Math.min(from, to); seq <= Math.max(from, to); seq++) {
        const member = members.find((m) => m.seq === seq);
        if (!member) throw new DomainError('member.notFound', { name: String(seq) });
        found.push(member);
      }
      continue;
    }
    const member = findMember(members, item);
    if (!member) throw new DomainError('member.notFound', { name: item });
    found.push(member);
  }
  return [...new Map(found.map((m) => [m.id, m])).values()];
}

export interface SheetLine {
  attendance: Attendance;
  members: RosterMember[];
  /** Reasons by member id, for excused absences ("7 (ốm)"). */
  reasons: Map<number, string>;
  /** "còn lại": every obliged member not marked otherwise. */
  rest: boolean;
}

/**
 * /diemdanh lines: "có mặt: 1-20, 22", "vắng có lý do: 21 (ốm), 23 (đi công tác)", "vắng không lý do: 24",
 * and "có mặt: còn lại" for everyone not named elsewhere.
 */
export function parseAttendanceSheet(args: string, members: readonly RosterMember[]): SheetLine[] {
  const parts = formParts(args);
  if (!parts.length) throw new DomainError('command.syntax');
  return parts.map((part) => {
    const field = labelled(part, meetingWords.attendanceLabel);
    if (!field) throw new DomainError('attendance.lineUnknown', { value: part });
    const [attendance, value] = field;
    if (meetingWords.rest.includes(nameKey(value))) return { attendance, members: [], reasons: new Map(), rest: true };
    const reasons = new Map<number, string>();
    const refs: string[] = [];
    // Reasons sit in parentheses after the member and may contain commas: take them out first.
    for (const item of value.match(/[^,(]+(?:\([^)]*\))?/g) ?? []) {
      const m = /^\s*(.+?)\s*(?:\(([^)]*)\))?\s*$/.exec(item);
      if (!m || !m[1]) continue;
      refs.push(m[1]);
      // "(con ốm)" — the reason, kept as typed, for each member the item names ("4-5 (đi công tác)").
      if (m[2]?.trim()) for (const member of readMembers(m[1], members)) reasons.set(member.id, m[2].trim());
    }
    return { attendance, members: readMembers(refs.join(','), members), reasons, rest: false };
  });
}

export interface RuleInput {
  dayOfMonth: number;
  time: string;
  shiftToWorkingDay: boolean;
  place: string | null;
}

/**
 * "ngày 1 hằng tháng lúc 7h30 | Hội trường KP3" (shifts to the next working day), with "không lùi" to
 * keep the day even on a weekend or holiday.
 */
export function parseRule(args: string): RuleInput {
  const [rulePart = '', ...rest] = formParts(args);
  const key = nameKey(rulePart);
  const day = /\bngay\s+(\d{1,2})\b/.exec(key);
  const time = /\b(\d{1,2})\s*(?:h|g|gio|:)\s*(\d{2})?\b/.exec(key.replace(/\bngay\s+\d{1,2}\b/, ''));
  if (!day || !time) throw new DomainError('rule.invalid');
  const [dayOfMonth, hour, minute] = [Number(day[1]), Number(time[1]), Number(time[2] ?? 0)];
  if (dayOfMonth < 1 || dayOfMonth > 31 || hour > 23 || minute > 59) throw new DomainError('rule.invalid');
  const place = rest.map((p) => labelled(p, meetingWords.formLabel)?.[1] ?? p).join(', ') || null;
  return {
    dayOfMonth,
    time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`,
    shiftToWorkingDay: !meetingWords.noShift.some((w) => key.includes(w)),
    place,
  };
}

/** "3 ngày, 1 ngày, 2 giờ, 30 phút" → minutes before the meeting. */
export function parseOffsets(text: string): number[] {
  const offsets = text.split(/[,;]/).map((s) => s.trim()).filter(Boolean).map((item) => {
    const m = /^(\d+)\s*(.*)$/.exec(nameKey(item));
    const unit = m ? meetingWords.offsetUnit[m[2]!.trim()] : undefined;
    if (!m || unit === undefined || Number(m[1]) <= 0) throw new DomainError('settings.offsetInvalid', { value: item });
    return Number(m[1]) * unit;
  });
  if (!offsets.length || offsets.length > 5 || offsets.some((o) => o > 30 * 24 * 60)) throw new DomainError('settings.offsetInvalid', { value: text });
  return [...new Set(offsets)].sort((a, b) => b - a);
}

/** dd/mm/yyyy as YYYY-MM-DD, or the error for a bad date. */
export function readDate(text: string): string {
  const date = parseDayMonthYear(text);
  if (!date) throw new DomainError('member.dateInvalid', { value: text });
  return date;
}
