// Rolls for the domain tests: roll([28, OF_PRESENT], [2, PB_PRESENT], …) is n entries of each kind.
import type { RollEntry } from '../../src/domain/attendance.ts';

export type Spec = Partial<Omit<RollEntry, 'memberId'>>;

let nextId = 0;
/** One roll entry; by default an ACTIVE official member who is present. */
export const entry = (spec: Spec = {}): RollEntry => ({
  memberId: ++nextId,
  membership: 'CHINH_THUC',
  status: 'ACTIVE',
  attendance: 'PRESENT',
  excuseApproved: false,
  ...spec,
});

export const roll = (...groups: [number, Spec][]): RollEntry[] => groups.flatMap(([n, spec]) => Array.from({ length: n }, () => entry(spec)));

export const OF_PRESENT: Spec = {};
export const PB_PRESENT: Spec = { membership: 'DU_BI' };
export const PB_ABSENT: Spec = { membership: 'DU_BI', attendance: 'ABSENT_UNEXCUSED' };
export const OF_EXCUSED: Spec = { attendance: 'ABSENT_EXCUSED' };
export const OF_EXCUSED_APPROVED: Spec = { attendance: 'ABSENT_EXCUSED', excuseApproved: true };
export const OF_UNEXCUSED: Spec = { attendance: 'ABSENT_UNEXCUSED' };
export const OF_EXEMPT_PRESENT: Spec = { status: 'EXEMPT', attendance: 'PRESENT' };
export const OF_EXEMPT_ABSENT: Spec = { status: 'EXEMPT', attendance: 'ABSENT_EXCUSED' };
