import type { RosterMember } from '../domain/roster.ts';
import type { Member } from '../../generated/sqlite/client.ts';

export const toRosterMember = (row: Member): RosterMember => ({
  id: row.id,
  seq: row.seq,
  fullName: row.fullName,
  membership: row.membership,
  status: row.status,
  role: row.role,
  phone: row.phone,
  admittedOn: row.admittedOn,
});

export const CURRENT = { removedAt: null } as const;
