// Reading what people type for the minutes: the tags of MeetBot (#ketluan …), a #giao line's owner and
// deadline, and the secretary's edits of a draft (/suamuc V2 … | người: … | hạn: …).
import { dayMonthOnOrAfter } from '../domain/dates.ts';
import { DomainError } from '../domain/errors.ts';
import { mentionedMembers, TAG_WORDS, type CaptureTag } from '../domain/minutes.ts';
import { nameKey } from '../domain/names.ts';
import type { RosterMember } from '../domain/roster.ts';
import { dayWord, deadlineWords, nameTitles } from '../text/minutes-words.ts';
import { editLabels } from '../text/minutes.ts';

export type ParsedTag = { tag: CaptureTag | 'UNDO'; word: string; body: string };

/** "#ketluan Thống nhất …" (diacritics or not: "#kếtluận") → the tag and what follows it; null for other text. */
export function parseTag(text: string): ParsedTag | null {
  // Some Vietnamese keyboards send decomposed letters (Unikey "Unicode tổ hợp"): read everything composed.
  const m = /^\s*#([\p{L}\p{M}]+)(?:[\s:,.-]+([\s\S]*))?$/u.exec(text.normalize('NFC'));
  if (!m) return null;
  const tag = TAG_WORDS[nameKey(m[1]!)];
  return tag ? { tag, word: nameKey(m[1]!), body: (m[2] ?? '').trim() } : null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const deadlinePattern = new RegExp(
  `[\\s,;(\\[]*(?:${[...deadlineWords].sort((a, b) => b.length - a.length).map(escape).join('|')})\\s*:?\\s*(?:${dayWord}\\s*)?(\\d{1,2})\\s*[/.-]\\s*(\\d{1,2})(?:\\s*[/.-]\\s*(\\d{2,4}))?\\s*[)\\]]?\\s*[.;]?\\s*$`,
  'iu',
);

/** A deadline at the end of a task ("… hạn 20/12", "… [trước ngày 5/1/2027]"): the date, and the text without it. */
export function readDeadline(raw: string, meetingDate: string): { text: string; dueOn: string | null } {
  const text = raw.normalize('NFC');
  const m = deadlinePattern.exec(text);
  if (!m) return { text: text.trim(), dueOn: null };
  const dueOn = dayMonthOnOrAfter(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : null, meetingDate);
  if (!dueOn) throw new DomainError('minutes.dateInvalid', { text: m[0].replace(/^[\s,;(\[]+|[\s.;)\]]+$/g, '') });
  return { text: text.slice(0, m.index).trim(), dueOn };
}

/** "20/12" or "20/12/2026" → the date (the first on or after the meeting without a year). */
export function readDate(text: string, meetingDate: string): string {
  const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{2,4}))?\s*$/.exec(text);
  const date = m ? dayMonthOnOrAfter(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : null, meetingDate) : null;
  if (!date) throw new DomainError('minutes.dateInvalid', { text: text.trim() });
  return date;
}

const titlePattern = new RegExp(`^(?:${nameTitles.map(escape).join('|')})\\s+`, 'iu');

/**
 * "#giao Lê Minh Tuấn: rà soát … hạn 20/12" → owner, task and deadline. The owner is before ":" or " - ",
 * or a roster name the line starts with; a member when the name is one of the roster, otherwise kept as
 * written (a committee, a group), or null when nobody is named.
 */
export function parseAssignment(body: string, roster: readonly RosterMember[], meetingDate: string) {
  const { text, dueOn } = readDeadline(body, meetingDate);
  const titled = titlePattern.test(text);
  const rest = text.replace(titlePattern, '');
  let ownerText: string | null = null;
  let what = rest;
  // "Họ Tên: việc" or "Họ Tên - việc"; a name has no digits, so "lúc 7:30" is no separator.
  const split = /^([^\d:]{2,60}?)\s*(?::(?!\d)|\s-\s|\s–\s)\s*(.+)$/su.exec(rest);
  if (split) {
    ownerText = split[1]!.replace(titlePattern, '').trim();
    what = split[2]!.trim();
  } else {
    // No separator: a roster name the line starts with — a full name, or a given name after "đ/c",
    // since a bare first word may be a verb that is also a name ("Tiến hành", "Thu đảng phí").
    const starts = roster
      .flatMap((m) => [m.fullName, ...(titled ? [m.fullName.split(' ').at(-1)!] : [])].map((name) => ({ name, member: m })))
      .filter(({ name }) => nameKey(rest).startsWith(`${nameKey(name)} `))
      .sort((a, b) => b.name.length - a.name.length);
    const first = starts[0];
    if (first && mentionedMembers(rest.slice(0, first.name.length), roster.map((m) => m.fullName)).length === 1) {
      ownerText = rest.slice(0, first.name.length);
      what = rest.slice(first.name.length).trim();
    }
  }
  const named = ownerText ? mentionedMembers(ownerText, roster.map((m) => m.fullName)) : [];
  const owner = named.length === 1 ? roster.find((m) => m.fullName === named[0]) ?? null : null;
  const capitalised = what.charAt(0).toLocaleUpperCase('vi') + what.slice(1);
  return { owner, ownerName: owner?.fullName ?? (ownerText || null), what: capitalised, dueOn };
}

export type DraftEdit = { text: string | null; owner: string | null | undefined; due: string | null | undefined };

/**
 * "/suamuc V2 Hoàn thành báo cáo | người: Lê Minh Tuấn | hạn: 20/12": the new text (null keeps it), and
 * the owner and deadline (undefined keeps them; "không" clears them).
 */
export function parseEdit(parts: string[]): DraftEdit {
  const edit: DraftEdit = { text: null, owner: undefined, due: undefined };
  for (const [i, raw] of parts.entries()) {
    const part = raw.trim();
    if (i === 0 && !part) continue; // "/suamuc V2 | hạn: 20/12" changes only the deadline
    const labelled = /^([\p{L}\p{M} ]+?)\s*:\s*(.*)$/u.exec(part);
    const label = labelled ? nameKey(labelled[1]!) : null;
    const value = labelled ? labelled[2]!.trim() : part;
    const cleared = editLabels.none.includes(nameKey(value)) ? null : value;
    if (label && editLabels.owner.includes(label)) edit.owner = cleared;
    else if (label && editLabels.due.includes(label)) edit.due = cleared;
    else if (i === 0 && part) edit.text = part;
    else throw new DomainError('command.syntax');
  }
  return edit;
}
