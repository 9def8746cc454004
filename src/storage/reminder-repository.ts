import type { ReminderRepository } from '../app/ports.ts';
import type { Db } from './database.ts';

export function createReminderRepository(db: Db): ReminderRepository {
  // Read through the (state, dueAt) index: a tick costs what is due, not what is stored.
  const dueWhere = (now: Date, staleBefore: Date) => ({
    OR: [
      { state: 'PENDING' as const, dueAt: { lte: now } },
      // Claimed by a process that died before finishing: taken over after the lease.
      { state: 'CLAIMED' as const, dueAt: { lte: now }, claimedAt: { lt: staleBefore } },
    ],
  });

  return {
    async due(now, staleBefore, limit, about) {
      const rows = await db.reminder.findMany({
        where: { ...dueWhere(now, staleBefore), taskId: about === 'task' ? { not: null } : null },
        include: { meeting: { select: { cellId: true } } },
        orderBy: { dueAt: 'asc' },
        take: limit,
      });
      return rows.map((r) => ({ id: r.id, meetingId: r.meetingId, cellId: r.meeting.cellId, offsetMinutes: r.offsetMinutes, taskId: r.taskId }));
    },

    async claim(id, by, now, staleBefore) {
      const { count } = await db.reminder.updateMany({
        where: { id, ...dueWhere(now, staleBefore) },
        data: { state: 'CLAIMED', claimedAt: now, claimedBy: by },
      });
      return count === 1;
    },

    async finish(id, state, at) {
      await db.reminder.update({ where: { id }, data: { state, doneAt: at } });
    },
  };
}
