import type { TaskRecord, TaskRepository } from '../app/ports.ts';
import type { Task } from '../../generated/sqlite/client.ts';
import { fitsIntColumn, type Db } from './database.ts';

export const toTaskRecord = (row: Task): TaskRecord => ({
  id: row.id,
  cellId: row.cellId,
  seq: row.seq,
  meetingId: row.meetingId,
  what: row.what,
  ownerId: row.ownerId,
  ownerName: row.ownerName,
  dueOn: row.dueOn,
  status: row.status,
  sources: JSON.parse(row.sources) as string[],
  createdAt: row.createdAt,
  doneAt: row.doneAt,
  doneById: row.doneById,
});

// Tasks without a deadline sort last: ISO dates compare as strings, and nulls are put at the end in code
// because SQLite and PostgreSQL disagree on where NULL sorts.
const byDeadline = (a: TaskRecord, b: TaskRecord) =>
  (a.dueOn ?? '9999') < (b.dueOn ?? '9999') ? -1 : (a.dueOn ?? '9999') > (b.dueOn ?? '9999') ? 1 : a.seq - b.seq;

export function createTaskRepository(db: Db): TaskRepository {
  return {
    async get(taskId) {
      const row = await db.task.findUnique({ where: { id: taskId } });
      return row && toTaskRecord(row);
    },

    async bySeq(cellId, seq) {
      if (!fitsIntColumn(seq)) return null; // "số 0912345678": a phone number typed as a number is no row
      const row = await db.task.findUnique({ where: { cellId_seq: { cellId, seq } } });
      return row && toTaskRecord(row);
    },

    async ofMeeting(meetingId) {
      return (await db.task.findMany({ where: { meetingId }, orderBy: { seq: 'asc' } })).map(toTaskRecord);
    },

    async open(cellId) {
      return (await db.task.findMany({ where: { cellId, status: 'OPEN' } })).map(toTaskRecord).sort(byDeadline);
    },

    async forReview(cellId, before, doneSince) {
      const rows = await db.task.findMany({
        where: { cellId, meeting: { startsAt: { lt: before } }, OR: [{ status: 'OPEN' }, { doneAt: { gte: doneSince } }] },
        orderBy: { seq: 'asc' },
      });
      return rows.map(toTaskRecord);
    },

    async markDone(taskId, byId, at) {
      return db.$transaction(async (tx) => {
        const { count } = await tx.task.updateMany({ where: { id: taskId, status: 'OPEN' }, data: { status: 'DONE', doneAt: at, doneById: byId } });
        if (count !== 1) return false;
        await tx.reminder.deleteMany({ where: { taskId, state: 'PENDING' } });
        return true;
      });
    },
  };
}
