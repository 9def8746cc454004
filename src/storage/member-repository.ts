import type { MemberRepository } from '../app/ports.ts';
import { DomainError } from '../domain/errors.ts';
import { nameKey } from '../domain/names.ts';
import type { MemberFields } from '../domain/roster.ts';
import { isUniqueViolation, isWriteConflict, pauseBeforeRetry, type Db, type Tx } from './database.ts';
import { CURRENT, toRosterMember } from './member-mapping.ts';

const sameFields = (a: MemberFields, b: MemberFields) =>
  a.fullName === b.fullName &&
  a.membership === b.membership &&
  a.status === b.status &&
  a.role === b.role &&
  a.phone === b.phone &&
  a.admittedOn === b.admittedOn;

async function nextSeq(tx: Tx, cellId: number): Promise<number> {
  const { _max } = await tx.member.aggregate({ where: { cellId }, _max: { seq: true } });
  return (_max.seq ?? 0) + 1;
}

async function audit(tx: Tx, cellId: number, actorMemberId: number, action: string, detail: unknown, at: Date) {
  await tx.auditEntry.create({ data: { cellId, actorMemberId, action, detail: JSON.stringify(detail), at } });
}

/**
 * The unique index on (cellId, activeNameKey) is the real guard against two members of one name; the one
 * on (cellId, seq) refuses a roll number another writer took meanwhile. A refused write is tried again
 * (it reads the roll anew) unless the name itself is taken.
 */
async function guardNames<T>(work: () => Promise<T>, nameTaken: () => Promise<boolean>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isWriteConflict(error)) throw error;
      if (isUniqueViolation(error) && (attempt >= 5 || (await nameTaken()))) throw new DomainError('member.duplicateName');
      if (attempt >= 5) throw error;
      await pauseBeforeRetry(attempt);
    }
  }
}

export function createMemberRepository(db: Db): MemberRepository {
  return {
    async listCurrent(cellId) {
      const rows = await db.member.findMany({ where: { cellId, ...CURRENT }, orderBy: { seq: 'asc' } });
      return rows.map(toRosterMember);
    },

    add(cellId, fields, actorId, at) {
      const taken = async () => (await db.member.count({ where: { cellId, activeNameKey: nameKey(fields.fullName) } })) > 0;
      return guardNames(() =>
        db.$transaction(async (tx) => {
          const key = nameKey(fields.fullName);
          const row = await tx.member.create({
            data: { ...fields, cellId, seq: await nextSeq(tx, cellId), nameKey: key, activeNameKey: key, createdAt: at, updatedAt: at },
          });
          await audit(tx, cellId, actorId, 'member.add', { memberId: row.id, ...fields }, at);
          return toRosterMember(row);
        }),
        taken,
      );
    },

    update(cellId, memberId, fields, actorId, at) {
      return guardNames(() =>
        db.$transaction(async (tx) => {
          const key = nameKey(fields.fullName);
          const row = await tx.member.update({
            where: { id: memberId, cellId, ...CURRENT },
            data: { ...fields, nameKey: key, activeNameKey: key, updatedAt: at },
          });
          await audit(tx, cellId, actorId, 'member.update', { memberId, ...fields }, at);
          return toRosterMember(row);
        }),
        async () => (await db.member.count({ where: { cellId, activeNameKey: nameKey(fields.fullName), id: { not: memberId } } })) > 0,
      );
    },

    async remove(cellId, memberId, actorId, at) {
      return db.$transaction(async (tx) => {
        const { count } = await tx.member.updateMany({
          where: { id: memberId, cellId, ...CURRENT },
          data: { removedAt: at, activeNameKey: null, updatedAt: at },
        });
        if (count === 0) return false;
        // A removed member's chat accounts no longer act for the cell.
        await tx.memberIdentity.deleteMany({ where: { memberId } });
        await audit(tx, cellId, actorId, 'member.remove', { memberId }, at);
        return true;
      });
    },

    importRoster(cellId, rows, actorId, at) {
      return guardNames(() =>
        db.$transaction(async (tx) => {
          const current = await tx.member.findMany({ where: { cellId, ...CURRENT } });
          const byKey = new Map(current.map((m) => [m.nameKey, m]));
          let seq = await nextSeq(tx, cellId);
          const summary = { added: 0, updated: 0, unchanged: 0 };
          for (const fields of rows) {
            const key = nameKey(fields.fullName);
            const existing = byKey.get(key);
            if (!existing) {
              await tx.member.create({
                data: { ...fields, cellId, seq: seq++, nameKey: key, activeNameKey: key, createdAt: at, updatedAt: at },
              });
              summary.added++;
            } else if (sameFields(toRosterMember(existing), fields)) {
              summary.unchanged++;
            } else {
              await tx.member.update({ where: { id: existing.id }, data: { ...fields, updatedAt: at } });
              summary.updated++;
            }
          }
          await audit(tx, cellId, actorId, 'roster.import', summary, at);
          return summary;
        }),
        // A roll number or a name another writer took meanwhile: reading the roll again sorts it out.
        async () => false,
      );
    },
  };
}
