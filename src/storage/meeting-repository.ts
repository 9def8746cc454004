import { randomUUID } from 'node:crypto';
import { Prisma } from '../../generated/sqlite/client.ts';
import type { AttendanceRecord, MeetingRecord, MeetingRepository } from '../app/ports.ts';
import type { PlannedReminder } from '../domain/reminders.ts';
import type { Meeting } from '../../generated/sqlite/client.ts';
import { fitsIntColumn, isWriteConflict, pauseBeforeRetry, type Db, type Tx } from './database.ts';

const toRecord = (row: Meeting): MeetingRecord => ({
  id: row.id,
  cellId: row.cellId,
  seq: row.seq,
  kind: row.kind,
  topic: row.topic,
  status: row.status,
  startsAt: row.startsAt,
  place: row.place,
  agenda: JSON.parse(row.agenda) as string[],
  chairId: row.chairId,
  minuteTakerId: row.minuteTakerId,
  ruleMonth: row.ruleMonth,
  startedAt: row.startedAt,
  endedAt: row.endedAt,
});

const reminderRows = (meetingId: number, reminders: PlannedReminder[]) =>
  reminders.map((r) => ({ id: randomUUID(), meetingId, offsetMinutes: r.offsetMinutes, dueAt: r.dueAt, state: 'PENDING' as const }));

async function record(tx: Tx | Db, meetingId: number, action: string, detail: unknown, actorId: number | null, at: Date) {
  await tx.meetingEvent.create({ data: { meetingId, action, detail: JSON.stringify(detail ?? null), actorId, at } });
}

export function createMeetingRepository(db: Db): MeetingRepository {
  const insert = (cellId: number, ...[fields, status, ruleMonth, reminders, actorId, at]: Parameters<MeetingRepository['create']> extends [number, ...infer R] ? R : never) =>
    db.$transaction(async (tx) => {
      const { _max } = await tx.meeting.aggregate({ where: { cellId }, _max: { seq: true } });
      const row = await tx.meeting.create({
        data: {
          cellId, seq: (_max.seq ?? 0) + 1, kind: fields.kind, topic: fields.topic, status, startsAt: fields.startsAt,
          place: fields.place, agenda: JSON.stringify(fields.agenda), chairId: fields.chairId, ruleMonth,
          createdById: actorId, createdAt: at, updatedAt: at,
        },
      });
      await record(tx, row.id, status === 'DRAFT' ? 'draft' : 'schedule', { startsAt: fields.startsAt, place: fields.place }, actorId, at);
      if (reminders.length) await tx.reminder.createMany({ data: reminderRows(row.id, reminders) });
      return toRecord(row);
    });

  return {
    async create(cellId, fields, status, ruleMonth, reminders, actorId, at) {
      // Two secretaries (or two processes) numbering a meeting at once: the loser's write is refused — by the
      // unique index, or on SQLite by the lock — and it tries again after a short random pause.
      for (let attempt = 1; ; attempt++) {
        try {
          return await insert(cellId, fields, status, ruleMonth, reminders, actorId, at);
        } catch (error) {
          if (!isWriteConflict(error)) throw error;
          if (ruleMonth && (await db.meeting.findUnique({ where: { cellId_ruleMonth: { cellId, ruleMonth } } }))) return null;
          if (attempt >= 8) throw error;
          await pauseBeforeRetry(attempt);
        }
      }
    },

    async get(meetingId) {
      const row = await db.meeting.findUnique({ where: { id: meetingId } });
      return row && toRecord(row);
    },

    async bySeq(cellId, seq) {
      if (!fitsIntColumn(seq)) return null; // "số 0912345678": a phone number typed as a number is no row
      const row = await db.meeting.findUnique({ where: { cellId_seq: { cellId, seq } } });
      return row && toRecord(row);
    },

    async list(cellId, statuses) {
      const rows = await db.meeting.findMany({ where: { cellId, status: { in: statuses } }, orderBy: { startsAt: 'asc' } });
      return rows.map(toRecord);
    },

    async between(cellId, from, to, statuses) {
      const rows = await db.meeting.findMany({
        where: { cellId, status: { in: statuses }, startsAt: { gte: from, lt: to } },
        orderBy: { startsAt: 'asc' },
      });
      return rows.map(toRecord);
    },

    async transition(meetingId, from, to, changes, history, at) {
      return db.$transaction(async (tx) => {
        const { count } = await tx.meeting.updateMany({
          where: { id: meetingId, status: { in: from } },
          data: { ...changes, status: to, updatedAt: at },
        });
        if (count === 0) return false;
        await record(tx, meetingId, history.action, history.detail, history.actorId, at);
        return true;
      });
    },

    async replaceReminders(meetingId, reminders) {
      await db.$transaction(async (tx) => {
        await tx.reminder.deleteMany({ where: { meetingId, taskId: null, state: 'PENDING' } });
        if (reminders.length) await tx.reminder.createMany({ data: reminderRows(meetingId, reminders) });
      });
    },

    async history(meetingId) {
      const rows = await db.meetingEvent.findMany({ where: { meetingId }, orderBy: { id: 'asc' } });
      return rows.map((r) => ({ action: r.action, detail: JSON.parse(r.detail) as unknown, actorId: r.actorId, at: r.at }));
    },

    async attendance(meetingId) {
      const rows = await db.meetingAttendance.findMany({ where: { meetingId } });
      return rows.map(
        (r): AttendanceRecord => ({
          memberId: r.memberId, rsvp: r.rsvp, rsvpReason: r.rsvpReason, rsvpById: r.rsvpById,
          attendance: r.attendance, reason: r.reason, excuseApproved: r.excuseApproved,
        }),
      );
    },

    async setRsvp(meetingId, memberId, rsvp, reason, byId, at) {
      return db.$transaction(async (tx) => {
        // The status check and the write share a transaction: an answer racing /batdauhop is refused, not half-kept.
        const open = await tx.meeting.count({ where: { id: meetingId, status: 'SCHEDULED' } });
        if (!open) return false;
        const data = { rsvp, rsvpReason: reason, rsvpById: byId, rsvpAt: at };
        await tx.meetingAttendance.upsert({
          where: { meetingId_memberId: { meetingId, memberId } },
          create: { meetingId, memberId, ...data },
          update: data,
        });
        return true;
      });
    },

    async setRsvpReason(meetingId, memberId, reason) {
      await db.meetingAttendance.updateMany({ where: { meetingId, memberId, rsvp: 'EXCUSED' }, data: { rsvpReason: reason } });
    },

    async mark(meetingId, marks, byId, at) {
      await db.$transaction(async (tx) => {
        for (const { memberId, attendance, reason } of marks) {
          // A new mark replaces the old one; an approval belongs to the excuse it approved.
          const data = { attendance, reason, markedById: byId, markedAt: at, ...(attendance === 'ABSENT_EXCUSED' ? {} : { excuseApproved: false, excuseApprovedById: null }) };
          await tx.meetingAttendance.upsert({
            where: { meetingId_memberId: { meetingId, memberId } },
            create: { meetingId, memberId, ...data },
            update: data,
          });
        }
      });
    },

    async approveExcuse(meetingId, memberIds, byId) {
      await db.meetingAttendance.updateMany({
        where: { meetingId, memberId: { in: memberIds }, attendance: 'ABSENT_EXCUSED' },
        data: { excuseApproved: true, excuseApprovedById: byId },
      });
    },

    async cellHistory(cellId, from, to) {
      const rows = await db.meetingAttendance.findMany({
        where: { attendance: { not: null }, meeting: { cellId, status: 'CLOSED', startsAt: { gte: from, lt: to } } },
        include: { meeting: { select: { startsAt: true, kind: true } } },
      });
      return rows.map((r) => ({ memberId: r.memberId, meetingId: r.meetingId, startsAt: r.meeting.startsAt, kind: r.meeting.kind, attendance: r.attendance! }));
    },

    async cellsWithMeetings(from, to) {
      const rows = await db.meeting.findMany({ where: { status: 'CLOSED', startsAt: { gte: from, lt: to } }, select: { cellId: true }, distinct: ['cellId'] });
      return rows.map((r) => r.cellId);
    },

    async cellsLackingKind(from, to, kinds, alertKey) {
      // The period's closed meetings through (status, startsAt); per cell, the kinds through (cellId, status,
      // startsAt) and the alert through its key. Raw SQL: Prisma's `distinct` would dedupe in memory. Kinds
      // are compared as text, which both providers' enums cast to.
      const wanted = kinds.length ? Prisma.join(kinds.map((k) => Prisma.sql`${k}`)) : Prisma.sql`NULL`;
      const rows = await db.$queryRaw<{ cellId: number | bigint }[]>`
        SELECT DISTINCT m."cellId" AS "cellId" FROM "Meeting" m
        WHERE m."status" = 'CLOSED' AND m."startsAt" >= ${from} AND m."startsAt" < ${to}
          AND NOT EXISTS (
            SELECT 1 FROM "Meeting" k
            WHERE k."cellId" = m."cellId" AND k."status" = 'CLOSED' AND k."startsAt" >= ${from} AND k."startsAt" < ${to}
              AND CAST(k."kind" AS TEXT) IN (${wanted}))
          AND NOT EXISTS (SELECT 1 FROM "CellAlert" a WHERE a."cellId" = m."cellId" AND a."key" = ${alertKey})
        ORDER BY m."cellId"`;
      return rows.map((r) => Number(r.cellId));
    },
  };
}
