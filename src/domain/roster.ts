// The cell's roll (domain-rules.md §Glossary, §2, §8.1–8.2). Pure: no I/O, no clock, no sentences.
import type { ErrorCode } from './errors.ts';
import { nameKey } from './names.ts';

export const MEMBERSHIPS = ['CHINH_THUC', 'DU_BI'] as const;
export type Membership = (typeof MEMBERSHIPS)[number];

export const MEMBER_STATUSES = ['ACTIVE', 'EXEMPT', 'TEMP_OUT', 'TEMP_IN', 'SUSPENDED', 'PROSECUTED'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const CELL_ROLES = ['BI_THU', 'PHO_BI_THU', 'CHI_UY_VIEN', 'DANG_VIEN'] as const;
export type CellRole = (typeof CELL_ROLES)[number];

/** Roles that run the cell's business (bí thư, phó bí thư, chi ủy viên). */
export const SECRETARIAT_ROLES: readonly CellRole[] = ['BI_THU', 'PHO_BI_THU', 'CHI_UY_VIEN'];
export const isSecretariat = (role: CellRole): boolean => SECRETARIAT_ROLES.includes(role);

/** Charter Art. 24.4: the chi ủy has at most 7 members. */
export const MAX_COMMITTEE_SIZE = 7;
/** Charter Art. 21.2, 24.1: a cell needs at least 3 official members. */
export const MIN_OFFICIAL_MEMBERS = 3;

export interface MemberFields {
  fullName: string;
  membership: Membership;
  status: MemberStatus;
  role: CellRole;
  phone: string | null;
  admittedOn: string | null; // YYYY-MM-DD
}

export interface RosterMember extends MemberFields {
  id: number;
  seq: number;
}

export interface RosterCounts {
  total: number;
  official: number;
  probationary: number;
  byStatus: Record<MemberStatus, number>;
  committee: number;
}

export function countRoster(members: readonly MemberFields[]): RosterCounts {
  const byStatus = Object.fromEntries(MEMBER_STATUSES.map((s) => [s, 0])) as Record<MemberStatus, number>;
  let official = 0;
  let committee = 0;
  for (const m of members) {
    if (m.membership === 'CHINH_THUC') official++;
    if (isSecretariat(m.role)) committee++;
    byStatus[m.status]++;
  }
  return { total: members.length, official, probationary: members.length - official, byStatus, committee };
}

export interface RosterProblem {
  code: ErrorCode;
  /** Indexes into the checked list of the members the problem is about. */
  indexes: number[];
}

/**
 * Rules every roll must satisfy after a change. A dự bị member cannot hold a committee post
 * (cannot stand for election, Charter Art. 3); one bí thư, one phó bí thư, a chi ủy of at most 7.
 */
export function checkRoster(members: readonly MemberFields[]): RosterProblem[] {
  const problems: RosterProblem[] = [];
  const indexesWhere = (pred: (m: MemberFields) => boolean) =>
    members.flatMap((m, i) => (pred(m) ? [i] : []));

  const byName = new Map<string, number[]>();
  members.forEach((m, i) => byName.set(nameKey(m.fullName), [...(byName.get(nameKey(m.fullName)) ?? []), i]));
  for (const indexes of byName.values()) if (indexes.length > 1) problems.push({ code: 'member.duplicateName', indexes });

  const biThu = indexesWhere((m) => m.role === 'BI_THU');
  if (biThu.length > 1) problems.push({ code: 'roster.multipleBiThu', indexes: biThu });
  const pho = indexesWhere((m) => m.role === 'PHO_BI_THU');
  if (pho.length > 1) problems.push({ code: 'roster.multiplePhoBiThu', indexes: pho });
  const probationaryInCommittee = indexesWhere((m) => m.membership === 'DU_BI' && isSecretariat(m.role));
  if (probationaryInCommittee.length) problems.push({ code: 'roster.probationaryInCommittee', indexes: probationaryInCommittee });
  const committee = indexesWhere((m) => isSecretariat(m.role));
  if (committee.length > MAX_COMMITTEE_SIZE) problems.push({ code: 'roster.committeeTooLarge', indexes: committee });
  return problems;
}

/** Advice shown with the roll; none of these blocks a change. */
export type RosterAdvice = 'tooFewOfficial' | 'noBiThu';

export function adviseRoster(members: readonly MemberFields[]): RosterAdvice[] {
  const counts = countRoster(members);
  const advice: RosterAdvice[] = [];
  if (counts.official < MIN_OFFICIAL_MEMBERS) advice.push('tooFewOfficial');
  if (!members.some((m) => m.role === 'BI_THU')) advice.push('noBiThu');
  return advice;
}

/** Orders the roll the way cells read it: committee first (by rank), then by seq. */
export function sortForDisplay<M extends RosterMember>(members: readonly M[]): M[] {
  const rank = (r: CellRole) => CELL_ROLES.indexOf(r);
  return [...members].sort((a, b) => rank(a.role) - rank(b.role) || a.seq - b.seq);
}
