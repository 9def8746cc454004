// Reads member fields from what people type ("dự bị, 0912 345 678, 15/03/2026") and from CSV cells.
import { parseDayMonthYear } from '../domain/dates.ts';
import { DomainError } from '../domain/errors.ts';
import { isPlausibleFullName, nameKey, tidyName } from '../domain/names.ts';
import { normalisePhone } from '../domain/phone.ts';
import type { MemberFields } from '../domain/roster.ts';
import { words } from '../text/vi.ts';

export type MemberPatch = Partial<MemberFields>;

/** Splits command arguments at commas, semicolons, vertical bars and line breaks. */
export function splitSegments(args: string): string[] {
  return args.split(/[,;|\n]/).map((s) => s.trim()).filter(Boolean);
}

export function parseFullName(value: string): string {
  if (!isPlausibleFullName(value)) throw new DomainError('member.nameInvalid', { name: value.trim() });
  return tidyName(value);
}

export function parsePhone(value: string): string {
  const phone = normalisePhone(value);
  if (!phone) throw new DomainError('member.phoneInvalid', { value });
  return phone;
}

/** dd/mm/yyyy, not after `today` (YYYY-MM-DD in Vietnam). */
export function parseAdmissionDate(value: string, today: string): string {
  const date = parseDayMonthYear(value);
  if (!date) throw new DomainError('member.dateInvalid', { value });
  if (date > today) throw new DomainError('member.dateInFuture', { value });
  return date;
}

/** One typed segment → the field it sets. */
export function parseSegment(segment: string, today: string): MemberPatch {
  const colon = segment.indexOf(':');
  if (colon > 0) {
    const field = words.fieldPrefix[nameKey(segment.slice(0, colon))];
    const value = segment.slice(colon + 1).trim();
    if (field === 'fullName') return { fullName: parseFullName(value) };
    if (field === 'phone') return { phone: parsePhone(value) };
    if (field === 'admittedOn') return { admittedOn: parseAdmissionDate(value, today) };
  }
  const key = nameKey(segment);
  if (words.membership[key]) return { membership: words.membership[key] };
  if (words.status[key]) return { status: words.status[key] };
  if (words.role[key]) return { role: words.role[key] };
  if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(segment)) return { admittedOn: parseAdmissionDate(segment, today) };
  if (/^\+?[\d][\d .-]{5,}$/.test(segment)) return { phone: parsePhone(segment) };
  throw new DomainError('member.fieldUnknown', { value: segment });
}

export function parseSegments(segments: string[], today: string): MemberPatch {
  return Object.assign({}, ...segments.map((s) => parseSegment(s, today))) as MemberPatch;
}

/** Fields of a new member: name first, membership required, the rest defaulted. */
export function parseNewMember(args: string, today: string): MemberFields {
  const [name, ...rest] = splitSegments(args);
  if (!name) throw new DomainError('command.syntax');
  const patch = parseSegments(rest, today);
  // The name is the first segment; a second one ("tên: …") would be ambiguous.
  if (patch.fullName) throw new DomainError('command.syntax');
  if (!patch.membership) throw new DomainError('member.membershipMissing');
  return {
    fullName: parseFullName(name),
    membership: patch.membership,
    status: patch.status ?? 'ACTIVE',
    role: patch.role ?? 'DANG_VIEN',
    phone: patch.phone ?? null,
    admittedOn: patch.admittedOn ?? null,
  };
}
